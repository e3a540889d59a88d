"""`eventwire show` (one event or article with its evidence) and `eventwire counts`."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from contextlib import closing
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eventwire.cli.output import fail
from eventwire.cli.render import clip, console, number, table
from eventwire.cli.store import (
    DEFAULT_DB,
    CountryOption,
    DbOption,
    SinceOption,
    TypeOption,
    UntilOption,
    event_filter,
    store_message,
)
from eventwire.cli.timevalue import readable
from eventwire.errors import EventwireError, InputError

Row = dict[str, Any]
# How each part of the evidence is highlighted in the sentence.
STYLES = {"trigger": "bold red", "source": "bold cyan", "target": "bold magenta",
          "time": "green", "place": "yellow"}


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


class CountFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"


def highlighted(mention: Row) -> Text:
    """The mention's sentence with trigger, source, target, time and place styled."""
    sentence = mention.get("sentence") or {}
    words = "".join(" " if ch.isspace() else ch for ch in sentence.get("text") or "")
    text = Text(words.rstrip())  # same length up to the end, so offsets still fit
    base = sentence.get("start") or 0
    for part, style in STYLES.items():
        span = mention.get(part)
        if not span or span.get("start") is None:
            continue
        start, end = span["start"] - base, span["end"] - base
        if 0 <= start < end <= len(text):
            text.stylize(style, start, end)
    return text


def _line(label: str, value: str, style: str = "") -> Text:
    return Text.assemble((f"{label:>9} ", "dim"), (value, style))


def _part(span: Row | None, *extra: str) -> str:
    if not span:
        return ""
    words = clip(span.get("text"), 80)
    more = [x for x in extra if x]
    return f"{words} -> {', '.join(more)}" if more and words else (words or ", ".join(more))


def mention_panel(mention: Row, title: str) -> Panel:
    """One mention: its sentence highlighted, then each part with what it resolved to."""
    source, target = mention.get("source") or {}, mention.get("target") or {}
    time, place = mention.get("time") or {}, mention.get("place") or {}
    figures = ", ".join(f"{number(mention.get(k))} {k}" for k in ("killed", "injured", "arrested")
                        if mention.get(k) is not None)
    where = [place.get("name") or "", place.get("country") or ""]
    if place.get("lat") is not None:
        where.append(f"{place['lat']},{place['lon']}")
    lines = [
        highlighted(mention),
        Text(""),
        _line("event", f"{mention.get('type')}" + (f"/{mention['mode']}"
                                                  if mention.get("mode") else "")
              + f"  {mention.get('modality') or ''}  confidence "
              + number(mention.get("confidence"))),
        _line("trigger", _part(mention.get("trigger")), STYLES["trigger"]),
        _line("source", _part(source, source.get("name") or "", source.get("country") or ""),
              STYLES["source"]),
        _line("target", _part(target, target.get("name") or "", target.get("country") or ""),
              STYLES["target"]),
        _line("time", _part(time, readable(time.get("value"))), STYLES["time"]),
        _line("place", _part(place, *where), STYLES["place"]),
    ]
    if figures:
        lines.append(_line("counts", figures))
    return Panel(Group(*lines), title=Text(title), title_align="left")


def _article_title(article: Row) -> str:
    parts = [article.get("title"), article.get("outlet"), article.get("published")]
    return " · ".join(clip(p, 60) for p in parts if p) or article.get("id", "")


def mention_table(mentions: list[Row]) -> Table:
    """Each mention of an event with its article: date, outlet, title, url, trigger."""
    rows = [[(m["article"].get("published") or "")[:10], m["article"].get("outlet") or "",
             clip(m["article"].get("title") or m["article"]["id"], 60),
             m["article"].get("url") or m["article"]["id"],
             (m.get("trigger") or {}).get("text") or ""] for m in mentions]
    return table(f"{len(mentions)} mention(s)", ["published", "outlet", "title", "url",
                                                 "trigger"], rows, wide=("title", "url"))


def _print_evidence(found: Row, article_mode: bool) -> None:
    out = console()
    if article_mode:
        article = found["article"]
        out.print(Text(f"article {article['id']}: {_article_title(article)}", style="bold"))
        if article.get("url"):
            out.print(Text(article["url"]))
        for mention in found["events"]:
            out.print(mention_panel(mention, f"{mention.get('event_id') or ''}"))
    else:
        event = found["event"]
        precision = event.get("date_precision")
        when = event.get("day") or "an unknown day"
        if precision and precision not in ("day", "published"):
            when += f" (known to the {precision})"
        tallies = [f"{number(event.get(key))} {noun}" for key, noun in (
            ("num_articles", "article(s)"), ("num_sources", "source(s)"),
            ("num_mentions", "mention(s)")) if event.get(key)]
        out.print(Text.assemble((f"event {event['id']}", "bold"), "  ",
                                f"{event['type']} on {when}; {', '.join(tallies)}"))
        out.print(mention_table(found["mentions"]))
        for mention in found["mentions"]:
            article = mention["article"]
            head = _article_title(article) + (f"  {article['url']}" if article.get("url") else "")
            out.print(mention_panel(mention, head))
    for copy in found.get("copies", []):
        out.print(Text(f"also published by {copy.get('outlet') or '?'}: "
                       f"{copy.get('url') or copy['id']}", style="dim"))
    review = found.get("review")
    if review:
        _print_review(review, found.get("history", []))


def _print_review(review: Row, history: list[Row]) -> None:
    """The event's review status (and version, for `eventwire review --base`) and history."""
    out = console()
    flags = " (orphaned: its evidence is no longer in the store)" if review.get("orphaned") \
        else ""
    out.print(Text(f"reviewed: {review['status']}, version {review['version']}{flags}",
                   style="bold"))
    for column, value in sorted(review.get("original", {}).items()):
        out.print(Text(f"  machine {column}: {value}", style="dim"))
    for row in history:
        changes = "; ".join(f"{k}: {v[0]} -> {v[1]}" for k, v in row["changes"].items())
        note = f" ({row['note']})" if row.get("note") else ""
        out.print(Text(f"  {row['at']} {row['who']} {row['action']}: {changes}{note}"))


def show(
    event_id: Annotated[str | None, typer.Argument(help="The event id (see `eventwire events`).")]
        = None,
    article: Annotated[str | None, typer.Option("--article", help="Show this article's events "
                                                "instead.")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="table for people; json: "
                                            "one object")] = ShowFormat.table,
) -> None:
    """One event (or one article's events) with its evidence: the sentence, with trigger,
    source, target, time and place highlighted, and where it was published."""
    from eventwire.store import connect
    from eventwire.store.evidence import article_evidence, event_evidence

    if (event_id is None) == (article is None):
        raise fail("give an EVENT_ID or --article ID (one of them)")
    from eventwire.store.reviews import renamed

    now = None
    try:
        with closing(connect(db, readonly=True)) as connection:
            found = (article_evidence(connection, article) if article is not None
                     else event_evidence(connection, event_id or ""))
            if found is None and event_id is not None:
                now = renamed(connection, event_id)
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    if found is None and now is not None:
        raise fail(f"event {event_id} is now {now} (its mentions were regrouped); "
                   f"`eventwire show {now} --db {db}`")
    if found is None:
        what = f"article {article}" if article is not None else f"event {event_id}"
        raise fail(f"{db}: no {what}; list them with `eventwire events --db {db} -f csv`")
    if fmt is ShowFormat.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    _print_evidence(found, article is not None)


def counts(
    by: Annotated[str, typer.Option("--by", help="Comma-separated: type, country, actor "
                                    "(the source actor), dyad (source -> target).")] = "type",
    per: Annotated[Period, typer.Option("--per", help="Period of each row.")] = Period.month,
    db: DbOption = DEFAULT_DB,
    type_: TypeOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[CountFormat, typer.Option("--format", "-f")] = CountFormat.table,
) -> None:
    """Events by period (day, week from Monday, month) and type/country/actor, from the
    summary table the store keeps (fast on large stores)."""
    from eventwire.store import connect
    from eventwire.store.queries import DIMENSIONS
    from eventwire.store.queries import counts as query

    dims = [d.strip().lower() for d in by.split(",") if d.strip()]
    try:
        wrong = next((d for d in dims if d not in DIMENSIONS), None)
        if wrong is not None or not dims:
            raise InputError("--by", f"cannot count by {wrong!r}; choose from "
                             f"{', '.join(DIMENSIONS)} (comma-separated)")
        spec = event_filter(type_, None, country, since, until)
        with closing(connect(db, readonly=True)) as connection:
            rows = query(connection, list(dict.fromkeys(dims)), per.value, spec)
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    columns = [per.value, *dict.fromkeys(dims), "events"]
    rows = [{per.value: row["period"], **{c: row[c] for c in columns[1:]}} for row in rows]
    if fmt is CountFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is CountFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[row[c] for c in columns] for row in rows])
    else:
        console().print(table(f"events per {per.value}", columns,
                              [[row[c] or "(unknown)" if c != "events" else row[c]
                                for c in columns] for row in rows],
                              wide=("actor", "dyad"), numeric=("events",)))
    unplaced = sum(row["events"] for row in rows if not row[per.value])
    if unplaced:
        finer = {"day": "the week, month or year", "week": "the month or year",
                 "month": "the year"}[per.value]
        sys.stderr.write(f"{unplaced} event(s) could not be placed in a {per.value}: known only "
                         f"to {finer}, or undated (the '' {per.value} above)\n")


