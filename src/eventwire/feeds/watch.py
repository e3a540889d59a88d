"""Follow feeds: poll each, ingest only what is new, remember it in the store, repeat.

A poll reads every feed with a conditional GET (the ETag and Last-Modified of its last
complete poll), fetches the items the store has not seen, runs them through the pipeline
and writes them, marking each item in the same transaction as its article. A feed's
validators are saved only once all its items were handled, so a poll cut short is resumed
by the next one. `stop` (set on SIGINT/SIGTERM by `stop_on_signals`) ends the run after
the article being written: nothing new is fetched, what was fetched is written, and the
store is flushed.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType

from eventwire.errors import EventwireError, InputError
from eventwire.feeds.discover import Entry
from eventwire.feeds.fetch import Stopped
from eventwire.feeds.urls import normalise
from eventwire.feeds.web import Done, Harvest
from eventwire.model import Article
from eventwire.pipeline.batch import Tally, process_items
from eventwire.pipeline.runner import Pipeline
from eventwire.store import Store
from eventwire.store import feed_state as state
from eventwire.store.ingest_service import Ingest

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
Say = Callable[[str], None]
Problem = Callable[[str, str], None]


def parse_every(text: str) -> float:
    """Seconds from '90', '30s', '15m', '1h' or '1d' (ValueError otherwise)."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if found is None or float(found.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration; use e.g. 30s, 15m, 1h")
    return float(found.group(1)) * UNITS[found.group(2) or "s"]


@dataclass
class PollCount:
    feeds: int = 0
    not_modified: int = 0
    failed_feeds: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    def line(self, number: int, harvest: Harvest, tally: Tally) -> str:
        done = harvest.done
        return (f"poll {number} at {state.now()}: {self.feeds} feed(s) "
                f"({self.not_modified} not modified, {self.failed_feeds} failed); "
                f"{done.fetched} new article(s) fetched, {done.known} already seen, "
                f"{done.failed} refused or failed; {self.outcomes['added']} added, "
                f"{self.outcomes['replaced']} replaced, {self.outcomes['unchanged']} unchanged, "
                f"{tally.failed} failed in the pipeline")


def store_articles(items: Iterable[Article | InputError], pipeline: Pipeline, store: Store,
                   harvest: Harvest, tally: Tally, outcomes: Counter[str],
                   problem: Problem, workers: int | None = None) -> None:
    """Run items through the store's ingest service (the same pre-check, writer and
    syndicated copies as `eventwire ingest`) and write each article with its item marks."""
    skipped: list[Article] = []  # marked here, in the store's thread

    def skip(article: Article) -> bool:
        if not service.skip(article):
            return False
        skipped.append(article)
        return True

    def settle_skipped() -> None:
        while skipped:
            harvest.settle(skipped.pop(0), "unchanged")

    with Ingest(store, clean=pipeline.settings.clean) as service:
        for article in process_items(pipeline, items, tally, workers, on_problem=problem,
                                     skip=skip):
            settle_skipped()
            if article.meta.failure is None:
                service.write(article)
                harvest.settle(article, "stored")
            else:
                harvest.settle(article, "failed in the pipeline")
        settle_skipped()
        service.finish()
        outcomes.update(service.outcomes)


def entries_for(urls: Iterable[str]) -> Iterator[Entry | InputError]:
    for url in urls:
        try:
            yield Entry(normalise(url))
        except ValueError as exc:
            yield InputError(url, str(exc))


def web_items(harvest: Harvest, urls: list[str], listings: list[str]
              ) -> Iterator[Article | InputError]:
    """Articles from URLs given directly, then from each feed or sitemap (no conditional
    GET: `ingest --feed` reads the whole listing, skipping items already stored)."""
    entries: list[Entry] = []
    for item in entries_for(urls):
        if isinstance(item, InputError):
            yield item
        else:
            entries.append(item)
    yield from harvest.articles(entries)
    for url in listings:
        try:
            listing, _ = harvest.listing(url)
        except Stopped:
            return
        except InputError as exc:
            yield exc
            continue
        if listing is not None:
            yield from harvest.articles(listing.entries, url, listing.title)


def poll(feeds: list[str], harvest: Harvest, pipeline: Pipeline, store: Store, tally: Tally,
         problem: Problem, stop: threading.Event, conditional: bool = True) -> PollCount:
    """One pass over the feeds (a listing that fails is named on stderr and skipped)."""
    count = PollCount()
    for feed in feeds:
        if stop.is_set():
            break
        count.feeds += 1
        etag, modified = state.validators(store.db, feed) if conditional else (None, None)
        try:
            listing, page = harvest.listing(feed, etag, modified)
        except Stopped:
            break
        except EventwireError as exc:
            count.failed_feeds += 1
            problem("error", str(exc))
            state.polled(store.db, feed, f"error: {exc}", keep_validators=True)
            continue
        if listing is None:
            count.not_modified += 1
            state.polled(store.db, feed, "not modified", keep_validators=True)
            continue
        items = harvest.articles(listing.entries, feed, listing.title)
        store_articles(items, pipeline, store, harvest, tally, count.outcomes, problem)
        harvest.write_marks()
        if stop.is_set():
            break  # validators unchanged: the next poll lists this feed's items again
        state.polled(store.db, feed, "ok", page.etag, page.last_modified)
    store.flush()
    return count


def watch(feeds: list[str], every: float, once: bool, harvest: Harvest, pipeline: Pipeline,
          store: Store, problem: Problem, say: Say, stop: threading.Event) -> PollCount:
    """Poll until stopped (or once); returns the counts of the last poll."""
    number = 0
    count = PollCount()
    while not stop.is_set():
        number += 1
        tally = Tally()
        harvest.done = Done()
        count = poll(feeds, harvest, pipeline, store, tally, problem, stop)
        say(count.line(number, harvest, tally))
        if once:
            break
        end = time.monotonic() + every
        while not stop.is_set() and time.monotonic() < end:
            time.sleep(min(0.25, max(0.0, end - time.monotonic())))
    return count


@contextmanager
def stop_on_signals(stop: threading.Event, say: Say) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` (instead of interrupting a write) while inside."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if not stop.is_set():
            say(f"{signal.Signals(signum).name}: stopping after the current article")
        stop.set()

    previous = {number: signal.signal(number, handler)
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
