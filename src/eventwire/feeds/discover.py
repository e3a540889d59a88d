"""What a feed, sitemap or HTML page lists: article URLs with what the listing says of them.

`read_listing` recognises RSS 0.9x/1.0/2.0 and Atom (through feedparser), JSON Feed 1.x,
sitemaps and sitemap indexes (gzipped or not), and HTML pages that announce a feed with
`<link rel="alternate">`. Malformed XML that feedparser can still read yields its items
and a warning; a listing with nothing readable raises `FetchError` naming the URL.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import time
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Literal
from urllib.parse import urljoin
from xml.etree import ElementTree

import feedparser

from eventwire.errors import InputError
from eventwire.feeds.fetch import FetchError, Page
from eventwire.feeds.urls import normalise
from eventwire.text.dates import normalise_date

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json", "application/rdf+xml")
MAX_GUNZIPPED = 50_000_000  # sitemaps may hold 50 MB uncompressed


@dataclass(frozen=True)
class Entry:
    """One article a listing points to (url normalised)."""

    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None


@dataclass
class Listing:
    kind: Literal["feed", "sitemap", "sitemapindex", "html"]
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # child sitemaps, or feeds an HTML page names
    warnings: list[str] = field(default_factory=list)


def _date(value: Any) -> str | None:
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    if isinstance(value, str) and value.strip():
        try:
            return normalise_date(value.strip()[:25], "date")
        except InputError:
            return None
    return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _entry(link: Any, base: str, **fields: str | None) -> Entry | None:
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        return Entry(normalise(urljoin(base, link.strip())), **fields)
    except ValueError:
        return None


def _unique(entries: list[Entry | None]) -> list[Entry]:
    """Entries with a URL, each URL once (the first), in listing order."""
    seen: set[str] = set()
    kept: list[Entry] = []
    for entry in entries:
        if entry is not None and entry.url not in seen:
            seen.add(entry.url)
            kept.append(entry)
    return kept


def _json_feed(page: Page, body: bytes) -> Listing:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(page.url, f"invalid JSON ({exc})") from None
    if not isinstance(data, dict) or "jsonfeed.org/version/" not in str(data.get("version")):
        raise FetchError(page.url, "JSON but not a JSON Feed (no jsonfeed.org version)")
    entries: list[Entry | None] = []
    items = data.get("items")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or [item.get("author")]
        first = authors[0] if isinstance(authors, list) and authors else None
        author = first.get("name") if isinstance(first, dict) else None
        entries.append(_entry(item.get("url") or item.get("external_url"), page.url,
                              title=_text(item.get("title")),
                              published=_date(item.get("date_published")),
                              author=_text(author)))
    return Listing("feed", _text(data.get("title")), _unique(entries))


def _sitemap(page: Page, body: bytes) -> Listing:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise FetchError(page.url, f"sitemap is not valid XML ({exc})") from None
    index = root.tag.rsplit("}", 1)[-1] == "sitemapindex"
    entries: list[Entry | None] = []
    links: list[str] = []
    for node in root:
        values = {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in node.iter()}
        if index:
            if values.get("loc"):
                links.append(urljoin(page.url, values["loc"]))
            continue
        entries.append(_entry(values.get("loc"), page.url, title=values.get("title") or None,
                              published=_date(values.get("publication_date"))))
    if index:
        return Listing("sitemapindex", links=links)
    return Listing("sitemap", entries=_unique(entries))


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if (tag == "link" and "alternate" in values.get("rel", "").lower().split()
                and values.get("type", "").lower() in FEED_TYPES and values.get("href")):
            self.links.append(values["href"])


def _feed(page: Page, body: bytes) -> Listing:
    # a stream, never bytes: feedparser opens bytes that name a file as that file
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": page.url})
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    entries = _unique([
        _entry(entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith(
            ("http://", "https://")) else None), page.url,
            title=_text(entry.get("title")),
            published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            author=_text(entry.get("author")))
        for entry in parsed.entries])
    malformed = type(problem).__name__ == "SAXParseException"  # not well-formed XML
    if not entries and (malformed or not parsed.get("version")):
        reason = f" ({problem})" if problem else ""
        raise FetchError(page.url, f"not a readable RSS, Atom or JSON feed{reason}")
    listing = Listing("feed", _text(parsed.feed.get("title")), entries)
    if malformed:
        listing.warnings.append(f"{page.url}: feed is not valid XML ({problem}); "
                                f"read {len(entries)} item(s) leniently")
    return listing


def _gunzip(page: Page) -> bytes:
    if page.body[:2] != b"\x1f\x8b":
        return page.body
    try:
        data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(page.body, MAX_GUNZIPPED)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise FetchError(page.url, f"broken gzip data ({exc})") from None
    return data


def read_listing(page: Page) -> Listing:
    """The entries (or child sitemaps, or announced feeds) of a fetched listing."""
    body = _gunzip(page)
    head = body[:2048].lstrip().lower()
    if head[:1] in (b"{", b"["):
        return _json_feed(page, body)
    if re.search(rb"<(?:[\w-]+:)?(?:urlset|sitemapindex)\b", head):
        return _sitemap(page, body)
    media = page.content_type.split(";")[0].strip().lower()
    if media == "text/html" or head.startswith((b"<!doctype html", b"<html")):
        finder = _FeedLinks()
        finder.feed(page.text()[:500_000])
        if not finder.links:
            raise FetchError(page.url, "an HTML page that names no feed "
                             "(no <link rel=\"alternate\"> to RSS, Atom or JSON Feed)")
        return Listing("html", links=[urljoin(page.url, link) for link in finder.links])
    if not body.strip():
        raise FetchError(page.url, "empty answer, not a feed")
    return _feed(page, body)
