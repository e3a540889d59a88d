"""Store commands: `eventwire ingest`, `events`, `actors`, `quotes`, `stats`, `export`.

cli/main.py adds them to the main Typer app. They hold no
extraction logic: ingest runs the pipeline through `batch.process_paths` and hands each
record to `store.Store`; the others read the store through `store.queries`/`store.exports`.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.options import (
    say,
)
from eventwire.cli.output import fail
from eventwire.cli.render import clip, console, table
from eventwire.errors import EventwireError
from eventwire.store.exports import EXPORTERS, FORMATS
from eventwire.store.queries import EventFilter

DbOption = Annotated[Path, typer.Option("--db", help="The eventwire database (SQLite).")]
DEFAULT_DB = Path("eventwire.db")


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


# the choices of `export --format`: the exporter registry's formats
ExportFormat = StrEnum("ExportFormat", [(name, name) for name in FORMATS])  # type: ignore[misc]


PlaceOption = Annotated[str | None, typer.Option(
    "--place", help="A place name, exactly as `events` shows it (the app's map click).")]
TypeOption = Annotated[str | None, typer.Option(
    "--type", help="PLOVER event type (any case), e.g. ASSAULT.")]
ActorOption = Annotated[str | None, typer.Option(
    "--actor", help="Actor name (part), or ISO3 code / country name of either side.")]
CountryOption = Annotated[str | None, typer.Option(
    "--country", help="Where it happened: ISO3 code or country name.")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="First day: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="Last day: YYYY, YYYY-MM or YYYY-MM-DD.")]
FactualOption = Annotated[bool, typer.Option(
    "--factual", help="Only events reported as having happened (not future, denied, ...).")]
ConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Only events at least this confident (0-1).")]
ReviewedOption = Annotated[str | None, typer.Option(
    "--reviewed", help="Only events of this review status: machine, confirmed, corrected, "
    "rejected, merged, or all (default: every event not rejected nor merged away).")]
MachineOption = Annotated[bool, typer.Option(
    "--machine", help="The machine's values, without the analysts' reviews.")]
LimitOption = Annotated[int, typer.Option("--limit", min=0, help="At most this many rows; "
                                          "0 for all.")]


MAX_LIMIT = 1_000_000_000  # --limit above this lists everything anyway


def store_message(db: Path, exc: Exception) -> str:
    """One line saying what is wrong with the store (or the error itself)."""
    if isinstance(exc, sqlite3.Error):
        from eventwire.store.schema import damage

        return str(damage(db, exc))
    return str(exc)


def _limit(limit: int) -> int:
    return min(limit, MAX_LIMIT)


def event_filter(type_: str | None, actor: str | None, country: str | None, since: str | None,
                 until: str | None, factual: bool = False,
                 min_confidence: float | None = None, place: str | None = None,
                 reviewed: str | None = None, machine: bool = False) -> EventFilter:
    """The filter of the `events` and `export` options, checked against the vocabulary
    (`machine`: every event, as the machine coded it, unless `reviewed` names a status)."""
    from eventwire.store.filters import event_filter as checked

    return checked(type_, actor, country, since, until, factual, min_confidence, place=place,
                   reviewed="all" if machine and reviewed is None else reviewed)


def _print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: ListFormat,
                title: str, wide: tuple[str, ...] = ()) -> None:
    if fmt is ListFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt is ListFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is ListFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[clip(row.get(column), 100_000) for column in columns]
                          for row in rows])
        return
    numeric = tuple(c for c in columns if rows and isinstance(rows[0].get(c), (int, float)))
    console().print(table(title, columns, [[row.get(c) for c in columns] for row in rows],
                          wide=wide, numeric=numeric))


def _shown(shown: int, total: int) -> None:
    """Say on stderr when the rows shown are not all there are."""
    if shown < total:
        say(f"showing {shown} of {total}; --limit 0 for all")


EVENT_TABLE = ["id", "day", "type", "source", "target", "place", "conf", "killed", "arts",
               "sentence"]
EVENT_TABLE_NARROW = ["id", "day", "type", "source", "target", "place"]  # under 120 columns
def _side(row: dict[str, Any], role: str) -> str:
    name, code = row.get(f"{role}_name") or "", row.get(f"{role}_country") or ""
    return f"{name} ({code})" if name and code else name or code


def events(
    db: DbOption = DEFAULT_DB,
    type_: TypeOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    factual: FactualOption = False,
    min_confidence: ConfidenceOption = None,
    place: PlaceOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    limit: LimitOption = 20,
    reviewed: ReviewedOption = None,
    machine: MachineOption = False,
) -> None:
    """Deduplicated events, most reported first (`eventwire show ID` for the evidence);
    analysts' corrections shown, rejected events left out (see --reviewed, --machine)."""
    from eventwire.store import connect
    from eventwire.store.overlay import machine_row, originals
    from eventwire.store.queries import count_events
    from eventwire.store.queries import events as query

    try:
        spec = event_filter(type_, actor, country, since, until, factual, min_confidence, place,
                            reviewed, machine)
        with closing(connect(db, readonly=True)) as connection:
            rows = query(connection, spec, _limit(limit))
            if machine:
                rows = [machine_row(connection, row) for row in rows]
            total = (count_events(connection, spec) if limit and len(rows) == limit
                     else len(rows))
            before = ({} if fmt is ListFormat.table  # the table shows no machine originals
                      else {row["id"]: originals(connection, row["id"]) for row in rows})
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    if fmt is ListFormat.table:
        for row in rows:
            row.update(source=_side(row, "source"), target=_side(row, "target"),
                       place=row.get("place_name") or row.get("country"),
                       conf=row.get("confidence"), arts=row.get("num_articles"))
        columns = EVENT_TABLE if console().width >= 120 else EVENT_TABLE_NARROW
        _print_rows(rows, columns, fmt, f"events in {db}",
                    wide=("source", "target", "sentence"))
    else:  # the columns, names and types of `export` (and of the API and Python)
        from eventwire.store.columns import FLAT_COLUMNS, flat
        from eventwire.store.exports import cell

        records = [{**flat(row), **before.get(row["id"], {})} for row in rows]
        extra = sorted({key for found in before.values() for key in found})
        records = [{**dict.fromkeys(extra), **record} for record in records]
        if fmt is ListFormat.csv:
            records = [{c: cell(v) for c, v in record.items()} for record in records]
        _print_rows(records, [*FLAT_COLUMNS, *extra], fmt, f"events in {db}")
    _shown(len(rows), total)


def actors(
    db: DbOption = DEFAULT_DB,
    name: Annotated[str | None, typer.Option(help="Only actors whose name contains this.")] =
        None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    limit: LimitOption = 20,
) -> None:
    """Actors by the number of articles that name them."""
    from eventwire.store.queries import actors as query

    _listing(db, lambda connection, most: query(connection, name, most), limit, fmt,
             ["name", "kind", "country", "sectors", "articles"], "actors", "name")


def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Only quotes by this speaker (part).")] =
        None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    limit: LimitOption = 20,
) -> None:
    """Quotes with their speakers, newest first."""
    from eventwire.store.queries import quotes as query

    _listing(db, lambda connection, most: query(connection, speaker, most), limit, fmt,
             ["speaker_name", "text", "published", "outlet", "article_id"], "quotes", "text")


def _listing(db: Path, query: Callable[[sqlite3.Connection, int | None], list[dict[str, Any]]],
             limit: int, fmt: ListFormat, columns: list[str], what: str, wide: str) -> None:
    """Print the first `limit` rows of a store listing (all with 0), saying when there are
    more."""
    from eventwire.store import connect

    try:
        with closing(connect(db, readonly=True)) as connection:
            rows = query(connection, _limit(limit) + 1 if limit else None)
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    more = bool(limit) and len(rows) > limit
    _print_rows(rows[:limit] if limit else rows, columns, fmt, f"{what} in {db}", wide=(wide,))
    if more:
        say(f"showing the first {limit}; --limit 0 for all")


def stats(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Totals, and events by type and by day (`eventwire counts` for more)."""
    from eventwire.store import connect
    from eventwire.store.queries import stats as query

    try:
        with closing(connect(db, readonly=True)) as connection:
            result = query(connection)
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    out = console()
    out.print(table(f"store {db}", ["table", "rows"], list(result["totals"].items()),
                    numeric=["rows"]))
    for key, label in (("by_type", "type"), ("by_day", "day")):
        out.print(table(f"events by {label}", [label, "events"],
                        [[row[label] or "(unknown)", row["events"]] for row in result[key]],
                        numeric=["events"]))
    out.print(table("articles by release", ["release", "articles"],
                    [[row["release"] or "(unknown)", row["articles"]]
                     for row in result["coded_by"]], numeric=["articles"]))


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format: " + "; ".join(
        f"{name}: {exporter.about}" for name, exporter in EXPORTERS.items()) + ".")],
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout.")] =
        None,
    type_: TypeOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    factual: FactualOption = False,
    min_confidence: ConfidenceOption = None,
    place: PlaceOption = None,
    reviewed: ReviewedOption = None,
) -> None:
    """Export the deduplicated events (polecat: POLECAT weekly-file TSV; gdelt: GDELT-style
    TSV with CAMEO codes; reviews: the review log as JSONL). Columns: docs/exports.md."""
    from eventwire.cli.outfile import check_out
    from eventwire.store import connect
    from eventwire.store.exports import export as run

    try:
        spec = event_filter(type_, actor, country, since, until, factual, min_confidence, place,
                            reviewed)
        check_out(out)
        with closing(connect(db, readonly=True)) as connection:
            count = run(connection, str(fmt), out, spec)
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    if out is not None:
        say(f"{count} {'review(s)' if str(fmt) == 'reviews' else 'event(s)'} written "
            f"to {out}")
