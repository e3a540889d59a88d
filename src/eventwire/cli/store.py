"""Store commands: `eventwire ingest`, `events`, `actors`, `quotes`, `stats`, `export`.

`register(app)` adds them to the main Typer app (see the end of cli/main.py). They hold no
extraction logic: ingest runs the pipeline through `batch.process_paths` and hands each
record to `store.Store`; the others read the store through `store.queries`/`store.exports`.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventwire.cli.options import (
    Address,
    EngineOption,
    Outlet,
    Paths,
    Published,
    Raw,
    Title,
    Url,
    Workers,
    err,
    overrides_for,
    report_problem,
    settings_for,
)
from eventwire.errors import EventwireError
from eventwire.model import Article
from eventwire.pipeline.engines import Engine

DbOption = Annotated[Path, typer.Option("--db", help="The eventwire database (SQLite).")]
DEFAULT_DB = Path("eventwire.db")


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    polecat = "polecat"


def _message(db: Path, exc: Exception) -> str:
    if isinstance(exc, sqlite3.Error):
        return (f"{db}: cannot read the store ({exc}); restore it from a backup or "
                "ingest into a new file")
    return str(exc)


def _fail(message: str) -> typer.Exit:
    from eventwire.cli.output import fail

    return fail(message)


def _print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: ListFormat,
                title: str) -> None:
    if fmt is ListFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    Console(width=160).print(table)


def _cell(value: Any, width: int = 90) -> str:
    """One line of at most `width` characters for a table cell."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def ingest(
    paths: Paths,
    db: DbOption = DEFAULT_DB,
    raw: Raw = False,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    title: Title = None,
    workers: Workers = None,
    engine: EngineOption = Engine.local,
    address: Address = None,
) -> None:
    """Extract records from articles and store them (again: unchanged ones add nothing).

    A PATH that is a folder of Parquet partitions (or a .parquet file) written by `extract
    --format parquet` is loaded as it is, without running the pipeline (docs/scale.md)."""
    from eventwire.pipeline.batch import Tally
    from eventwire.pipeline.engines import Run, Runner, load_partitions, split_partitions
    from eventwire.store import Store

    stored, inputs = split_partitions(paths)
    try:
        store = Store(db)
    except (EventwireError, sqlite3.Error) as exc:
        raise _fail(_message(db, exc)) from None
    outcomes: Counter[str] = Counter()
    tally = Tally()

    try:
        try:
            overrides = overrides_for(published, outlet, url, title)
            extracted: Iterator[Article] = iter(())
            if inputs:
                runner = Runner(Run(engine, address, workers), settings_for(raw, workers))
                extracted = runner.articles(inputs, overrides, tally, report_problem)
            for article in chain(load_partitions(stored, tally, report_problem), extracted):
                if article.meta.failure is None:
                    outcomes[store.write(article)] += 1
        finally:
            store.close()
    except (EventwireError, sqlite3.Error) as exc:
        raise _fail(_message(db, exc)) from None
    err.print(f"{db}: {outcomes['added']} added, {outcomes['replaced']} replaced, "
              f"{outcomes['unchanged']} unchanged; {tally.summary()}", highlight=False,
              soft_wrap=True)
    if tally.exit_code:
        raise typer.Exit(tally.exit_code)


def events(
    db: DbOption = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (part) or ISO3 country code.")]
        = None,
    country: Annotated[str | None, typer.Option(help="ISO3 code of where it happened.")] = None,
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    limit: Annotated[int, typer.Option(min=1, help="At most this many events.")] = 20,
) -> None:
    """Deduplicated events, most reported first."""
    from eventwire.store import connect
    from eventwire.store.queries import EventFilter
    from eventwire.store.queries import events as query
    from eventwire.text.ingest import normalise_date

    try:
        spec = EventFilter(type=type_, actor=actor, country=country,
                           since=normalise_date(since, "--since"),
                           until=normalise_date(until, "--until"))
        rows = query(connect(db, readonly=True), spec, limit)
    except (EventwireError, sqlite3.Error) as exc:
        raise _fail(_message(db, exc)) from None
    columns = ["day", "type", "source_name", "source_country", "target_name",
               "target_country", "place_name", "n_articles", "n_mentions", "sentence"]
    if fmt is not ListFormat.table:
        columns = ["id", *columns]
    _print_rows(rows, columns, fmt, f"events in {db}")


def actors(
    db: DbOption = DEFAULT_DB,
    name: Annotated[str | None, typer.Option(help="Only actors whose name contains this.")] =
        None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Actors by the number of articles that name them."""
    from eventwire.store import connect
    from eventwire.store.queries import actors as query

    try:
        rows = query(connect(db, readonly=True), name, limit)
    except (EventwireError, sqlite3.Error) as exc:
        raise _fail(_message(db, exc)) from None
    _print_rows(rows, ["name", "kind", "country", "sectors", "articles"], fmt, f"actors in {db}")


def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Only quotes by this speaker (part).")] =
        None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Quotes with their speakers, newest first."""
    from eventwire.store import connect
    from eventwire.store.queries import quotes as query

    try:
        rows = query(connect(db, readonly=True), speaker, limit)
    except (EventwireError, sqlite3.Error) as exc:
        raise _fail(_message(db, exc)) from None
    _print_rows(rows, ["speaker_name", "text", "published", "outlet", "article_id"], fmt,
                f"quotes in {db}")


def stats(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Totals, and events by type and by day."""
    from eventwire.store import connect
    from eventwire.store.queries import stats as query

    try:
        result = query(connect(db, readonly=True))
    except (EventwireError, sqlite3.Error) as exc:
        raise _fail(_message(db, exc)) from None
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    console = Console(width=120)
    totals = Table(title=f"store {db}", title_justify="left")
    totals.add_column("table")
    totals.add_column("rows", justify="right")
    for table, count in result["totals"].items():
        totals.add_row(table, str(count))
    console.print(totals)
    for key, label in (("by_type", "type"), ("by_day", "day")):
        table = Table(title=f"events by {label}", title_justify="left")
        table.add_column(label)
        table.add_column("events", justify="right")
        for row in result[key]:
            table.add_row(row[label] or "(unknown)", str(row["events"]))
        console.print(table)


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout.")] =
        None,
) -> None:
    """Export the deduplicated events (polecat: POLECAT-style TSV)."""
    from eventwire.store import connect
    from eventwire.store.exports import export as run

    try:
        count = run(connect(db, readonly=True), fmt.value, out)
    except (EventwireError, sqlite3.Error) as exc:
        raise _fail(_message(db, exc)) from None
    if out is not None:
        err.print(f"{count} event(s) written to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the store commands to the main app."""
    app.command()(ingest)
    app.command()(events)
    app.command()(actors)
    app.command()(quotes)
    app.command()(stats)
    app.command()(export)
