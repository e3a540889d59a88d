"""From URLs, feeds and sitemaps to the `Article` inputs that files give.

A `Harvest` fetches listings (`listing`) and the pages they name (`articles`), skipping
URLs the store already knows or this run already fetched (by normalised and canonical URL),
extracts each page with trafilatura (the same `from_html` that .html files go through),
and yields `Article`s or `InputError`s in order, so one bad URL never stops the rest.
`settle` marks an article's URLs as handled once it is stored.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import InputError
from eventwire.feeds.discover import Entry, Listing, read_listing
from eventwire.feeds.fetch import Fetcher, FetchError, Page
from eventwire.feeds.urls import canonical, is_web, normalise
from eventwire.model import Article
from eventwire.store import feed_state as state
from eventwire.text.ingest import from_html, make_article

MAX_SITEMAPS = 200  # child sitemaps read from one sitemap index
MAX_LIST_BYTES = 10_000_000  # a --urls or --feeds file
Problem = Callable[[str, str], None]


@dataclass
class Done:
    """Counts of what a harvest did with the entries it was given."""

    fetched: int = 0
    known: int = 0        # skipped: already in the store or seen this run
    failed: int = 0


def read_url_list(path: Path) -> list[str]:
    """URLs from a file, one a line; blank lines and `#` comments ignored. Only a regular
    file of at most MAX_LIST_BYTES is read (a FIFO or /dev/zero is refused, unread)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise InputError(str(path), "not a regular file; give a text file of URLs")
            data = stream.read(MAX_LIST_BYTES + 1)
        if len(data) > MAX_LIST_BYTES:
            raise InputError(str(path), f"over {MAX_LIST_BYTES:,} bytes; not a URL list")
        lines = data.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the URL list ({exc})") from None
    urls: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text = line.split()[0]
        if not is_web(text):
            raise InputError(f"{path}:{number}", f"{text!r} is not an http(s) URL")
        urls.append(text)
    return urls


def article_from_page(page: Page, entry: Entry, outlet: str | None, max_chars: int) -> Article:
    """An Article from a fetched HTML page; the page's own metadata wins over the listing's."""
    html = page.text()
    fields, text = from_html(html, page.url)
    url = canonical(html, page.url) or normalise(page.url)
    merged = {"title": fields.get("title") or entry.title,
              "author": fields.get("author") or entry.author,
              "published": fields.get("published") or entry.published,
              "outlet": fields.get("outlet") or outlet, "url": url}
    try:
        return make_article(merged, text, url, max_chars)
    except InputError as exc:
        if "publication date" not in exc.problem:
            raise
        return make_article({**merged, "published": entry.published}, text, url, max_chars)


def _key(url: str) -> str:
    try:
        return normalise(url)
    except ValueError:
        return url


class Harvest:
    """Fetch listings and pages for one store; `db` is the store's connection.

    `articles` may be iterated in another thread (the pipeline's feeder, with workers): there
    it reads the store through its own read-only connection, and its marks wait for
    `write_marks` (called by `settle`) in the thread that made the harvest.
    """

    def __init__(self, fetcher: Fetcher, db: sqlite3.Connection, max_chars: int,
                 problem: Problem) -> None:
        self.fetcher = fetcher
        self.db = db
        self.max_chars = max_chars
        self.problem = problem
        self.done = Done()
        self._this_run: set[str] = set()
        self._urls: dict[str, tuple[str, set[str]]] = {}  # article id -> feed, its URLs
        self._owner = threading.get_ident()
        self._path = state.path_of(db)
        self._readers: dict[int, sqlite3.Connection] = {}
        self._marks: list[tuple[set[str], str, str]] = []
        self._lock = threading.Lock()

    def _db(self) -> sqlite3.Connection:
        """The store's connection in its own thread, else a read-only one for this thread."""
        ident = threading.get_ident()
        if ident == self._owner or not self._path:
            return self.db
        with self._lock:
            if ident not in self._readers:
                self._readers[ident] = state.reader(self._path)
            return self._readers[ident]

    def _mark(self, urls: set[str], feed: str, status: str) -> None:
        with self._lock:
            self._marks.append((urls, feed, status))
        if threading.get_ident() == self._owner:
            self.write_marks()

    def write_marks(self) -> None:
        """Write the marks of refused and duplicate items (in the store's own thread)."""
        with self._lock:
            marks, self._marks = self._marks, []
        for urls, feed, status in marks:
            state.mark(self.db, urls, feed, status)

    def close(self) -> None:
        with self._lock:
            readers, self._readers = list(self._readers.values()), {}
        for reader in readers:
            reader.close()

    def listing(self, url: str, etag: str | None = None, last_modified: str | None = None
                ) -> tuple[Listing | None, Page]:
        """The entries a feed or sitemap (index) lists; None when not modified (304)."""
        page = self.fetcher.get(url, "feed", etag, last_modified)
        if page.not_modified:
            return None, page
        listing = read_listing(page)
        if listing.kind == "html":  # a site's home page: the first feed it names that reads
            listing, page = self._announced(url, listing.links)
        if listing.kind == "sitemapindex":
            listing = self._sitemaps(url, listing.links)
        for warning in listing.warnings:
            self.problem("warning", warning)
        return listing, page

    def _announced(self, url: str, links: list[str]) -> tuple[Listing, Page]:
        """The first of the feeds an HTML page names that can be read as a listing."""
        problems: list[str] = []
        for link in links:
            try:
                page = self.fetcher.get(link, "feed")
                listing = read_listing(page)
            except FetchError as exc:
                problems.append(str(exc))
                continue
            if listing.kind != "html":
                return listing, page
            problems.append(f"{link}: an HTML page, not a feed")
        raise FetchError(url, f"none of the {len(links)} feed(s) the page names could be read"
                         f" ({'; '.join(problems[:3])})")

    def _sitemaps(self, url: str, children: list[str]) -> Listing:
        merged = Listing("sitemap")
        if len(children) > MAX_SITEMAPS:
            self.problem("warning", f"{url}: sitemap index names {len(children)} sitemaps; "
                                    f"reading the first {MAX_SITEMAPS}")
        problems: list[str] = []
        read = 0
        seen = {_key(url)}
        for child in children[:MAX_SITEMAPS]:
            if _key(child) in seen:
                problems.append(f"{url}: sitemap index names {child} again (itself or a "
                                "sitemap already read); not read twice")
                continue
            seen.add(_key(child))
            try:
                found = read_listing(self.fetcher.get(child, "feed"))
            except FetchError as exc:
                problems.append(str(exc))
                continue
            if found.kind != "sitemap":
                problems.append(f"{child}: named by sitemap index {url} but a {found.kind}, "
                                "not a sitemap; not followed")
                continue
            read += 1
            merged.entries.extend(found.entries)
        if not read:
            raise FetchError(url, "sitemap index with no readable sitemap"
                             + (f" ({problems[0]})" if problems else ""))
        for problem in problems:
            self.problem("error", problem)
        return merged

    def _is_new(self, url: str, refused: bool = True) -> bool:
        return url not in self._this_run and not state.known(self._db(), url, refused)

    def articles(self, entries: Iterable[Entry], feed: str = "", outlet: str | None = None
                 ) -> Iterator[Article | InputError]:
        """Articles for the entries not fetched before, in order; errors as InputError.
        Entries of a listing once refused (404, not HTML, ...) are not tried again; URLs
        given directly (`feed` '') are."""
        todo: dict[str, Entry] = {}
        for entry in entries:
            if self._is_new(entry.url, refused=bool(feed)):
                todo[entry.url] = entry
                self._this_run.add(entry.url)
            else:
                self.done.known += 1
        for url, result in self.fetcher.map(todo):
            entry = todo[url]
            if isinstance(result, FetchError):
                self.done.failed += 1
                if result.permanent:
                    self._mark({url}, feed, f"refused: {result.problem}")
                yield result
                continue
            try:
                article = article_from_page(result, entry, outlet, self.max_chars)
            except InputError as exc:
                self.done.failed += 1
                self._mark({url}, feed, f"refused: {exc.problem}")
                yield exc
                continue
            self.done.fetched += 1
            urls = {url}
            if article.url and article.url != url:
                if not self._is_new(article.url):
                    self.done.known += 1
                    self._mark(urls, feed, "duplicate")
                    continue
                urls.add(article.url)
                self._this_run.add(article.url)
            self._urls[article.id] = (feed, urls)
            yield article

    def settle(self, article: Article, status: str) -> None:
        """Mark an article's URLs as handled (call right after writing it to the store)."""
        self.write_marks()
        feed, urls = self._urls.pop(article.id, ("", {article.url} if article.url else set()))
        if urls:
            state.mark(self.db, urls, feed, status, article.id)
