"""Whatever a server sends, reading it fails only with a one-line error naming the URL."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.feeds.discover import read_listing
from eventwire.feeds.fetch import FetchError, Page
from eventwire.feeds.urls import canonical, normalise

URL = "http://news.test/feed"
PREFIXES = [b"", b"<?xml version='1.0'?><rss version='2.0'><channel>", b"{",
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', b"<html>",
            b"\x1f\x8b", b'{"version": "https://jsonfeed.org/version/1.1", "items": ']


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=300),
       st.sampled_from(["application/rss+xml", "text/html", "application/json", ""]))
def test_any_body_is_a_listing_or_a_named_error(prefix: bytes, body: bytes,
                                                content_type: str) -> None:
    try:
        listing = read_listing(Page(URL, 200, prefix + body, content_type))
    except FetchError as exc:
        assert str(exc).startswith(f"{URL}: ") and "\n" not in str(exc)
        return
    for entry in listing.entries:
        assert entry.url.startswith(("http://", "https://"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_normalise_refuses_or_returns_an_http_url(text: str) -> None:
    try:
        url = normalise(text)
    except ValueError:
        return
    assert url.startswith(("http://", "https://"))
    assert normalise(url) == url  # idempotent


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_canonical_never_raises(text: str) -> None:
    found = canonical(f'<head><link rel="canonical" href="{text}"></head>', URL)
    assert found is None or found.startswith(("http://", "https://"))


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["url", "title", "authors", "author",
                                                       "name", "items", "date_published"]),
                                      inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_feed_shape_is_read_or_named(items: object) -> None:
    import json

    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items})
    try:
        read_listing(Page(URL, 200, body.encode(), "application/feed+json"))
    except FetchError as exc:
        assert str(exc).startswith(f"{URL}: ")
