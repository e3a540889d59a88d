"""`eventwire watch`, and the web inputs of `eventwire ingest` (URLs, --urls, --feed, --sitemap).

The work is in `eventwire.feeds`; this module holds the options and opens and closes things.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import Raw, err, report_problem, settings_for
from eventwire.errors import EventwireError, InputError

if TYPE_CHECKING:
    from eventwire.feeds.web import Harvest
    from eventwire.model import Article

UrlsFile = Annotated[Path | None, typer.Option("--urls", help="File of article URLs, one a line.")]
FeedUrls = Annotated[list[str] | None, typer.Option(
    "--feed", help="RSS, Atom or JSON Feed URL (repeatable); its new items are ingested.")]
SitemapUrls = Annotated[list[str] | None, typer.Option(
    "--sitemap", help="Sitemap or sitemap index URL (repeatable).")]
Delay = Annotated[float, typer.Option("--delay", min=0, help="Seconds between two requests to "
                                      "one host (robots.txt Crawl-delay may raise it).")]
Timeout = Annotated[float, typer.Option("--timeout", min=0.01, help="Seconds to wait for a "
                                        "server before giving up on a URL.")]
Retries = Annotated[int, typer.Option("--retries", min=0, help="Tries again after 429/5xx.")]
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Also fetch from loopback, link-local and private addresses "
    "(refused by default: a feed must not make eventwire read internal services).")]
DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 20.0
DEFAULT_RETRIES = 3


def _say(line: str) -> None:
    from eventwire.cli.output import printable

    err.print(printable(line), highlight=False, soft_wrap=True, markup=False)


@dataclass
class WebInputs:
    """What `ingest` got besides files: fetched articles, and the marks to write for them."""

    files: list[str]
    items: Iterator[InputError | Article] = field(default_factory=lambda: iter(()))
    harvest: Harvest | None = None

    def settle(self, article: Article) -> None:
        if self.harvest is not None:
            self.harvest.settle(article, "stored")


@contextmanager
def web_inputs(paths: list[str], urls_file: Path | None, feeds: list[str] | None,
               sitemaps: list[str] | None, db: sqlite3.Connection, max_chars: int,
               delay: float = DEFAULT_DELAY, timeout: float = DEFAULT_TIMEOUT,
               retries: int = DEFAULT_RETRIES, allow_private: bool = False
               ) -> Iterator[WebInputs]:
    """Split `paths` into files and URLs; fetch the URLs and listings lazily while inside.
    Raises InputError when nothing at all is given or the URL list is unreadable."""
    from eventwire.feeds.fetch import FetchConfig, Fetcher
    from eventwire.feeds.urls import is_web
    from eventwire.feeds.watch import stop_on_signals, web_items
    from eventwire.feeds.web import Harvest, read_url_list

    urls = [name for name in paths if is_web(name)]
    files = [name for name in paths if not is_web(name)]
    if urls_file is not None:
        urls += read_url_list(urls_file)
    listings = [*(feeds or []), *(sitemaps or [])]
    if not (files or urls or listings):
        raise InputError("ingest", "nothing to ingest; give files, URLs, --urls, --feed or "
                         "--sitemap")
    if not (urls or listings):
        yield WebInputs(files)
        return
    stop = threading.Event()
    config = FetchConfig(delay=delay, timeout=timeout, retries=retries,
                         allow_private=allow_private)
    with ExitStack() as stack:
        fetcher = stack.enter_context(Fetcher(config, stop))
        stack.enter_context(stop_on_signals(stop, _say))
        harvest = Harvest(fetcher, db, max_chars, report_problem)
        stack.callback(harvest.close)
        yield WebInputs(files, web_items(harvest, urls, listings), harvest)
        harvest.write_marks()
        done = harvest.done
        _say(f"web: {done.fetched} page(s) fetched, {done.known} already stored or seen "
             f"(not fetched again), {done.failed} refused or failed"
             + ("; stopped early" if stop.is_set() else ""))


def watch(
    feeds: Annotated[Path, typer.Option("--feeds", help="File of feed or sitemap URLs, one a "
                                        "line (# comments allowed).")],
    every: Annotated[str, typer.Option(help="Time between polls: 30s, 15m, 1h.")] = "15m",
    db: Annotated[Path, typer.Option("--db", help="The eventwire database (SQLite).")] =
        Path("eventwire.db"),
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    raw: Raw = False,
    delay: Delay = DEFAULT_DELAY,
    timeout: Timeout = DEFAULT_TIMEOUT,
    retries: Retries = DEFAULT_RETRIES,
    allow_private: AllowPrivate = False,
) -> None:
    """Follow feeds: poll, ingest only new items, log one line per poll; Ctrl-C stops.
    (--once exits 1 when every feed failed.)"""
    from eventwire.cli.output import fail
    from eventwire.feeds.fetch import FetchConfig, Fetcher
    from eventwire.feeds.watch import parse_every, stop_on_signals
    from eventwire.feeds.watch import watch as run
    from eventwire.feeds.web import Harvest, read_url_list
    from eventwire.pipeline.runner import Pipeline
    from eventwire.store import Store

    try:
        urls = read_url_list(feeds)
        seconds = parse_every(every)
    except (InputError, ValueError) as exc:
        raise fail(f"{exc}" if isinstance(exc, InputError) else f"--every: {exc}") from None
    if not urls:
        raise fail(f"{feeds}: no feed URLs in it")
    stop = threading.Event()
    with stop_on_signals(stop, _say):
        try:
            store = Store(db)
        except (EventwireError, sqlite3.Error) as exc:
            raise fail(f"{db}: {exc}" if isinstance(exc, sqlite3.Error) else str(exc)) from None
        try:
            pipeline = Pipeline(settings_for(raw, None))
            config = FetchConfig(delay=delay, timeout=timeout, retries=retries,
                                 allow_private=allow_private)
            with Fetcher(config, stop) as fetcher:
                harvest = Harvest(fetcher, store.db, pipeline.settings.max_chars,
                                  report_problem)
                try:
                    last = run(urls, seconds, once, harvest, pipeline, store, report_problem,
                               _say, stop)
                finally:
                    harvest.close()
        except (EventwireError, sqlite3.Error) as exc:
            raise fail(f"{db}: {exc}") from None
        finally:
            store.close()
    if stop.is_set():
        _say("stopped; everything fetched was stored")
    elif once and last.feeds and last.failed_feeds == last.feeds:
        raise typer.Exit(1)  # --once (cron): every feed failed
