"""Reading listings: RSS 0.91/1.0/2.0, Atom, JSON Feed, sitemaps, broken and repeating feeds."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eventwire.feeds.discover import read_listing
from eventwire.feeds.fetch import FetchError, Page

BASE = "http://news.test"


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("BASE", BASE)


def page(name: str, content_type: str = "application/xml") -> Page:
    return Page(f"{BASE}/{name}", 200, fixture(name).encode("utf-8"), content_type)


@pytest.mark.parametrize(("name", "kind", "urls", "title"), [
    ("rss20.xml", "feed", ["/news/talks", "/news/protest"], "Fixture Wire: World"),
    ("rss091.xml", "feed", ["/news/talks"], "Fixture Wire 0.91"),
    ("rss10.rdf", "feed", ["/news/protest"], "Fixture Wire 1.0"),
    ("atom.xml", "feed", ["/news/aid"], "Fixture Wire Atom"),
    ("feed.json", "feed", ["/news/aid", "/news/talks"], "Fixture Wire JSON"),
    ("sitemap.xml", "sitemap", ["/news/talks", "/news/protest"], None),
    ("repeats.xml", "feed", ["/news/talks", "/news/protest"], "Fixture Wire: repeats"),
])
def test_listing_entries(name: str, kind: str, urls: list[str],
                         title: str | None) -> None:
    listing = read_listing(page(name))
    assert listing.kind == kind
    assert [entry.url for entry in listing.entries] == [BASE + url for url in urls]
    assert listing.title == title
    assert not listing.warnings


@pytest.mark.parametrize(("name", "published", "author"), [
    ("rss20.xml", "2025-03-04", None),
    ("rss10.rdf", "2025-03-05", "Ada Obi"),
    ("atom.xml", "2025-03-06", "Ken Sato"),
    ("feed.json", "2025-03-06", "Ken Sato"),
    ("rss091.xml", None, None),
])
def test_entry_metadata(name: str, published: str | None,
                        author: str | None) -> None:
    first = read_listing(page(name)).entries[0]
    assert (first.published, first.author) == (published, author)
    assert first.title


def test_sitemap_news_date() -> None:
    second = read_listing(page("sitemap.xml")).entries[1]
    assert second.published == "2025-03-05"
    assert second.title == "Thousands protest fuel prices in Lagos"


def test_sitemap_index_lists_sitemaps() -> None:
    listing = read_listing(page("sitemap_index.xml"))
    assert listing.kind == "sitemapindex"
    assert listing.links == [f"{BASE}/sitemap.xml", f"{BASE}/sitemap-aid.xml"]


def test_gzipped_sitemap() -> None:
    body = gzip.compress(fixture("sitemap.xml").encode("utf-8"))
    listing = read_listing(Page(f"{BASE}/sitemap.xml.gz", 200, body, "application/x-gzip"))
    assert len(listing.entries) == 2


def test_html_page_names_its_feed() -> None:
    listing = read_listing(page("home.html", "text/html"))
    assert listing.kind == "html" and listing.links == [f"{BASE}/rss20.xml"]


@pytest.mark.parametrize(("body", "content_type", "message"), [
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & <unclosed',
     "application/rss+xml", "not a readable RSS, Atom or JSON feed"),
    (b"", "application/rss+xml", "empty answer"),
    (b'{"items": []}', "application/json", "not a JSON Feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", ', "application/json", "invalid JSON"),
    (b"<html><body>No feed here</body></html>", "text/html", "names no feed"),
    (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x',
     "application/xml", "sitemap is not valid XML"),
])
def test_unreadable_listings(body: bytes, content_type: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as info:
        read_listing(Page(f"{BASE}/feed", 200, body, content_type))
    assert str(info.value).startswith(f"{BASE}/feed: ")


def test_broken_fixture_feed() -> None:
    with pytest.raises(FetchError, match="not a readable"):
        read_listing(page("broken.xml"))


def test_malformed_feed_with_items_is_read_leniently_with_a_warning() -> None:
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>A</title><link>http://news.test/a</link></item>"
            b"<item><title>B & C</title><link>http://news.test/b</link></item>"
            b"</channel></rss>")
    listing = read_listing(Page(f"{BASE}/feed", 200, body, "application/rss+xml"))
    assert [entry.url for entry in listing.entries][:1] == ["http://news.test/a"]
    assert listing.warnings and "not valid XML" in listing.warnings[0]


def test_a_body_naming_a_local_file_is_not_read_as_that_file(tmp_path: Path) -> None:
    local = tmp_path / "local.xml"
    local.write_text(fixture("rss20.xml"), encoding="utf-8")
    with pytest.raises(FetchError, match="not a readable"):
        read_listing(Page(f"{BASE}/feed", 200, str(local).encode(), "application/rss+xml"))
