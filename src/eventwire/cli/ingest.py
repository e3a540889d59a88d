"""`eventwire ingest`: extract articles and store them. Inputs are files, folders, stdin,
http(s) URLs, `--urls`/`--feed`/`--sitemap` listings, and folders of Parquet partitions
written by `extract --format parquet` (stored as they are, without the pipeline).

Options, settings and the store are checked before any article is parsed. An input whose
text is already stored is not parsed (a copy under another id and url is recorded as a
syndicated copy); each article is stored in its own short transaction as soon as it is
extracted, so other writers and readers of the same store wait at most for one article.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import (
    Address,
    EngineOption,
    Outlet,
    Published,
    Raw,
    Title,
    Url,
    Workers,
    err,
    prepare,
    report_problem,
    say,
)
from eventwire.cli.output import fail
from eventwire.cli.store import DEFAULT_DB, DbOption, store_message
from eventwire.cli.watch import (
    DEFAULT_DELAY,
    DEFAULT_TIMEOUT,
    AllowPrivate,
    Delay,
    FeedUrls,
    SitemapUrls,
    Timeout,
    UrlsFile,
    web_inputs,
)
from eventwire.errors import EventwireError
from eventwire.model import Article
from eventwire.pipeline.engines import Engine

if TYPE_CHECKING:
    from eventwire.cli.progress import Bar
    from eventwire.pipeline.batch import Tally
    from eventwire.pipeline.engines import Run
    from eventwire.settings import Settings
    from eventwire.store.ingest_service import Ingest
    from eventwire.text.ingest import Overrides


def ingest(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files, directories, http(s) URLs, Parquet partition folders, or - for stdin.")]
        = None,
    db: DbOption = DEFAULT_DB,
    raw: Raw = False,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    title: Title = None,
    workers: Workers = None,
    urls: UrlsFile = None,
    feed: FeedUrls = None,
    sitemap: SitemapUrls = None,
    delay: Delay = DEFAULT_DELAY,
    timeout: Timeout = DEFAULT_TIMEOUT,
    allow_private: AllowPrivate = False,
    engine: EngineOption = Engine.local,
    address: Address = None,
    recode: Annotated[bool, typer.Option(
        "--recode", help="Parse and store again the inputs whose text is already stored (after "
        "an upgrade, so that their events are this release's; reviews stay attached).")]
        = False,
) -> None:
    """Extract records from articles (files, web pages, partitions) and store them (again:
    unchanged ones are not parsed unless --recode; URLs already stored are not fetched
    again)."""
    from eventwire.pipeline.batch import Tally
    from eventwire.pipeline.engines import Run, split_partitions
    from eventwire.store import Store
    from eventwire.store.ingest_service import Ingest

    if not (paths or urls or feed or sitemap):
        raise fail("nothing to ingest; give files, URLs, --urls, --feed or --sitemap")
    stored, inputs = split_partitions(paths or [])
    try:
        settings, overrides = prepare(inputs, raw, workers, published, outlet, url, title)
        store = Store(db, recode=recode)
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    loading = Loading(Ingest(store, clean=settings.clean), Tally())
    try:
        try:
            web = inputs or urls or feed or sitemap
            loading.run(stored, Run(engine, address, workers), settings, overrides,
                        (inputs, urls, feed, sitemap, delay, timeout, allow_private)
                        if web else None)
            copies = loading.service.finish()
        finally:
            loading.service.close()
            store.close()
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    outcomes, tally = loading.service.outcomes, loading.tally
    parsed = tally.ok + tally.skipped + tally.failed
    say(f"{db}: {outcomes['added']} added, {outcomes['replaced']} replaced, "
        f"{outcomes['unchanged'] + outcomes['copies']} unchanged "
        f"({copies} syndicated cop{'y' if copies == 1 else 'ies'} recorded); "
        f"{parsed} parsed, {tally.summary()}")
    if loading.service.check.earlier:
        say(recode_hint(loading.service.check.earlier))
    if tally.exit_code:
        raise typer.Exit(tally.exit_code)


def recode_hint(earlier: Counter[str]) -> str:
    """One line: how many unchanged inputs an earlier release coded, and what to do."""
    from eventwire.store.precheck import RELEASE

    total = sum(earlier.values())
    releases = ", ".join(f"{version}: {n}" for version, n in sorted(earlier.items()))
    return (f"{total} unchanged input(s) were coded by an earlier release ({releases}); "
            f"add --recode to code them again with {RELEASE}")


Web = tuple[list[str], Path | None, list[str] | None, list[str] | None, float, float, bool]


class Loading:
    """One ingest run: what was added, replaced or unchanged, and the syndicated copies."""

    def __init__(self, service: Ingest, tally: Tally) -> None:
        self.service = service
        self.store = service.store
        self.tally = tally

    def run(self, stored: list[Path], run: Run, settings: Settings, overrides: Overrides,
            web: Web | None) -> None:
        """Store the partitions in `stored`, then extract and store the other inputs."""
        from eventwire.cli.progress import progress_bar
        from eventwire.pipeline.engines import Runner, load_partitions

        with ExitStack() as stack:
            sources = None
            if web is not None:
                files, urls, feed, sitemap, delay, timeout, allow_private = web
                sources = stack.enter_context(web_inputs(
                    files, urls, feed, sitemap, self.store.db, settings.max_chars, delay,
                    timeout, allow_private=allow_private))
            advance = stack.enter_context(progress_bar(
                sources.files if sources else [], err, "ingesting"))
            extracted: Iterator[Article] = iter(())
            if sources is not None:
                runner = Runner(run, settings, on_load=lambda: advance.say("loading model"))
                extracted = runner.articles(
                    sources.files, overrides, self.tally, report_problem,
                    skip=lambda article: self._skip(article, advance), more=sources.items)
            for article in chain(load_partitions(stored, self.tally, report_problem),
                                 extracted):
                advance()
                if article.meta.failure is None:
                    self._store(article)
                    if sources is not None:
                        sources.settle(article)

    def _skip(self, article: Article, advance: Bar) -> bool:
        if not self.service.skip(article):
            return False
        advance()
        return True

    def _store(self, article: Article) -> None:
        self.service.write(article)
