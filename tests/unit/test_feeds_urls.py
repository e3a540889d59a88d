"""URL normalisation (tracking parameters, canonical links), URL lists and durations."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.feeds.urls import canonical, is_web, normalise
from eventwire.feeds.watch import parse_every
from eventwire.feeds.web import read_url_list


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/a?utm_source=x&utm_medium=rss", "https://example.com/a"),
    ("https://Example.COM:443/a?id=7&fbclid=IwAR0", "https://example.com/a?id=7"),
    ("http://example.com:80/a#comments", "http://example.com/a"),
    ("http://example.com:8080/a?b=2&a=1", "http://example.com:8080/a?a=1&b=2"),
    ("https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&_hsenc=4", "https://example.com/a"),
    ("https://example.com/a?UTM_Campaign=spring", "https://example.com/a"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/a?page=2&utm_term=x", "https://example.com/a?page=2"),
    ("https://example.com/a?q=", "https://example.com/a?q="),
])
def test_normalise(url: str, expected: str) -> None:
    assert normalise(url) == expected


@pytest.mark.parametrize("url", ["ftp://example.com/a", "example.com/a", "mailto:a@b.c", ""])
def test_normalise_refuses_non_http(url: str) -> None:
    with pytest.raises(ValueError, match="not an http"):
        normalise(url)


def test_tracking_duplicates_normalise_to_one_url() -> None:
    links = ["https://news.example/story?utm_source=twitter",
             "https://news.example/story?fbclid=abc",
             "https://NEWS.example/story#top",
             "https://news.example/story?utm_medium=email&utm_campaign=daily"]
    assert {normalise(link) for link in links} == {"https://news.example/story"}


@pytest.mark.parametrize(("html", "expected"), [
    ('<html><head><link rel="canonical" href="/story?utm_source=x"></head></html>',
     "https://site.example/story"),
    ('<head><meta property="og:url" content="https://site.example/og"></head>',
     "https://site.example/og"),
    ('<head><meta property="og:url" content="https://site.example/og">'
     '<link rel="canonical" href="https://site.example/c"></head>', "https://site.example/c"),
    ("<head><title>No canonical</title></head>", None),
    ('<head><link rel="canonical" href="javascript:void(0)"></head>', None),
])
def test_canonical(html: str, expected: str | None) -> None:
    assert canonical(html, "https://site.example/page") == expected


def test_is_web() -> None:
    assert is_web("https://a.example/x") and is_web("HTTP://a.example")
    assert not is_web("news/a.html") and not is_web("-")


def test_url_list(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# my feeds\n\nhttps://a.example/rss  # world\nhttp://b.example/atom\n",
                    encoding="utf-8")
    assert read_url_list(path) == ["https://a.example/rss", "http://b.example/atom"]


def test_url_list_names_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("https://a.example/rss\nnot a url\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"feeds\.txt:2: 'not' is not an http"):
        read_url_list(path)


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900),
                                               ("1h", 3600), ("0.5s", 0.5), ("1d", 86400)])
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "15 minutes", "-5m", "m"])
def test_parse_every_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_every(text)
