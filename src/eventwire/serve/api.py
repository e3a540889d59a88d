"""The read-only JSON API: /api/events, /api/events/{id}, /api/articles/{id}, /api/places,
/api/counts, /api/actors, /api/quotes, /api/stories, /api/stats, /api/health."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from eventwire._version import __version__
from eventwire.serve import evidence
from eventwire.serve.counts import counts as count_series
from eventwire.serve.params import (
    ActorQ,
    LimitDep,
    PageQ,
    SinceQ,
    TextQ,
    UntilQ,
    country,
    day,
    filters,
    known_only,
    text,
)
from eventwire.serve.problems import Problem
from eventwire.store import browse, exports, queries, reviews
from eventwire.store.evidence import article, article_events
from eventwire.store.exports import EXPORTERS, TEXT_FORMATS
from eventwire.store.queries import EventFilter

router = APIRouter(prefix="/api", dependencies=[Depends(known_only)])
Json = dict[str, Any]
IdPath = Annotated[str, Path(min_length=1, max_length=200)]
PLACES_KEPT = 64  # answers of /api/places kept



class Sort(StrEnum):
    newest = "-day"
    oldest = "day"
    mentions = "-mentions"
    articles = "-articles"
    type = "type"
    confidence = "-confidence"


# json: one page; every text format of the exporter registry: all matches as a download
Download = StrEnum("Download", [(name, name) for name in ("json", *TEXT_FORMATS)])  # type: ignore[misc]
ONE_PAGE = Download("json")


class Group(StrEnum):
    type = "type"
    country = "country"
    actor = "actor"
    dyad = "dyad"


class Interval(StrEnum):
    day = "day"
    week = "week"
    month = "month"


def reader(request: Request) -> sqlite3.Connection:
    found: sqlite3.Connection = request.app.state.readers.reader()
    return found


ReaderDep = Annotated[sqlite3.Connection, Depends(reader)]
FiltersDep = Annotated[EventFilter, Depends(filters)]


def _page(rows: list[Json], page: int, size: int, total: int | None = None) -> Json:
    body: Json = {"page": page, "limit": size, "items": rows}
    if total is not None:
        body["total"] = total
        body["pages"] = (total + size - 1) // size
    return body


@router.get("/events", summary="Events matching the filters, one page (or all as CSV/JSONL)")
def list_events(request: Request, db: ReaderDep, spec: FiltersDep,
                sort: Annotated[Sort, Query(description="order")] = Sort.newest,
                page: PageQ = 1, limit: LimitDep = 50,
                format: Annotated[Download, Query(
                    description="json: one page; an export format (csv, jsonl, polecat, gdelt): "
                            "every match, as `eventwire export` writes it")]
                = ONE_PAGE) -> Any:
    if str(format) != "json":
        return _download(request, spec, sort.value, format)
    rows = queries.events(db, spec, limit, sort.value, (page - 1) * limit)
    return _page(rows, page, limit, queries.count_events(db, spec))


def _download(request: Request, spec: EventFilter, sort: str,
              fmt: Download) -> StreamingResponse:
    """Every matching event (up to the configured maximum), streamed on its own connection."""
    readers = request.app.state.readers
    limit = request.app.state.config.max_download

    def rows() -> Iterator[str]:
        connection = readers.open()
        try:
            items = queries.iter_events(connection, spec, sort, limit)
            buffer: list[str] = []
            for line in exports.lines(connection, str(fmt), items):
                buffer.append(line)
                if len(buffer) == 500:
                    yield "".join(buffer)
                    buffer.clear()
            yield "".join(buffer)
        finally:
            connection.close()

    suffix = {"polecat": "tsv", "gdelt": "tsv"}.get(str(fmt), str(fmt))
    return StreamingResponse(rows(), media_type=EXPORTERS[str(fmt)].media_type, headers={
        "Content-Disposition": f'attachment; filename="events.{suffix}"'})


@router.get("/events/{event_id}", summary="One event with all its mentions and their evidence")
def one_event(db: ReaderDep, event_id: IdPath) -> Json:
    event = queries.event(db, event_id)
    if event is None:
        raise Problem(404, f"event_id: no event {event_id!r}", "event_id")
    mentions = queries.mentions(db, event_id, articles=True)
    records: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        aid = mention["article_id"]
        if aid not in records:
            row = article(db, aid)
            records[aid] = evidence.load(row["record"]) if row else {}
        spans, fields = evidence.event_spans(records[aid], mention["item_id"])
        mention["evidence"] = spans
        mention["event"] = fields
    quotes = [span for mention in mentions for span in mention["evidence"]
              if span["kind"] == "quote"]
    return {**event, "mentions": mentions, "quotes": quotes,
            "review": reviews.state(db, event_id), "history": reviews.history(db, event_id)}


@router.get("/articles/{article_id}", summary="An article's text and its highlighted spans")
def one_article(db: ReaderDep, article_id: IdPath,
                event: Annotated[str | None, Query(max_length=100, description=(
                    "an event item id of this article (v1, ...): only its evidence"))] = None,
                quote: Annotated[str | None, Query(max_length=100, description=(
                    "a quote id of this article (q1, ...): only that quote"))] = None) -> Json:
    row = article(db, article_id)
    if row is None:
        raise Problem(404, f"article_id: no article {article_id!r}", "article_id")
    record = evidence.load(row.pop("record"))
    fields: Json = {}
    if event:
        spans, fields = evidence.event_spans(record, event)
        if not fields:
            raise Problem(404, f"event: article {article_id!r} has no event {event!r}", "event")
    elif quote:
        spans = evidence.quote_spans(record, quote)
        if not spans:
            raise Problem(404, f"quote: article {article_id!r} has no quote {quote!r}", "quote")
    else:
        spans = evidence.article_spans(record)
    events = article_events(db, article_id)
    return {**row, "text": record.get("text", ""), "spans": spans, "event": fields,
            "events": [{"item_id": item.get("id"), "event_id": events.get(item.get("id", "")),
                        "type": item.get("type"), "trigger": (item.get("trigger") or {}).get(
                            "text")} for item in record.get("events") or []]}


@router.get("/places", summary="Event places with coordinates, with their number of events")
def list_places(request: Request, db: ReaderDep, spec: FiltersDep,
                limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> Json:
    """The last answers are kept until the store's files change (each reads every event)."""
    key = (spec, limit, store_version(request.app.state.config.db))
    cache: dict[Any, Json] = request.app.state.places
    if key not in cache:
        if len(cache) >= PLACES_KEPT:
            cache.clear()
        cache[key] = {"items": browse.places(db, spec, limit)}
    return cache[key]


@router.get("/counts", summary="Events over time by type, country or actor")
def counts(db: ReaderDep, spec: FiltersDep, by: Group = Group.type,
           per: Annotated[Interval | None, Query(description="period of each bucket (the "
                                                 "command line's --per)")] = None,
           interval: Annotated[Interval | None, Query(deprecated=True,
                                                      description="the old name of `per`")]
           = None) -> Json:
    period = per or interval or Interval.month
    return {"by": by.value, "per": period.value,
            **count_series(db, spec, by.value, period.value)}


@router.get("/actors", summary="Actors by the number of articles naming them")
def list_actors(db: ReaderDep, q: TextQ = None,
                country_: Annotated[str | None, Query(alias="country", max_length=60)] = None,
                page: PageQ = 1, limit: LimitDep = 50) -> Json:
    rows = queries.actors(db, text(q, "q"), limit, country(country_),
                          (page - 1) * limit)
    return _page(rows, page, limit)


@router.get("/quotes", summary="Quotes, newest first, with their speakers")
def list_quotes(db: ReaderDep, speaker: ActorQ = None, q: TextQ = None, since: SinceQ = None,
                until: UntilQ = None, page: PageQ = 1, limit: LimitDep = 50) -> Json:
    rows = queries.quotes(db, text(speaker, "speaker"), limit, q=text(q, "q"),
                          since=day(since, "since"), until=day(until, "until", end=True),
                          offset=(page - 1) * limit)
    return _page(rows, page, limit)


@router.get("/stories", summary="Stories (articles grouped as one wire story)")
def list_stories(db: ReaderDep, page: PageQ = 1, limit: LimitDep = 50) -> Json:
    return _page(browse.stories(db, limit, (page - 1) * limit), page, limit)


@router.get("/stats", summary="Totals, events by type, the days covered, filter choices")
def stats(request: Request, db: ReaderDep) -> Json:
    """Kept until the store's files change (it counts whole tables: slow on big stores)."""
    version = store_version(request.app.state.config.db)
    cached = getattr(request.app.state, "stats", None)
    if cached is not None and cached[0] == version:
        body: Json = cached[1]
        return body
    body = {**queries.stats(db), **browse.choices(db)}
    request.app.state.stats = (version, body)
    return body


def store_version(path: FilePath) -> tuple[tuple[int, int] | None, ...]:
    """Modification time and size of the store and its write-ahead log."""
    found: list[tuple[int, int] | None] = []
    for name in (path, FilePath(f"{path}-wal")):
        try:
            info = name.stat()
        except OSError:
            found.append(None)
            continue
        found.append((info.st_mtime_ns, info.st_size))
    return tuple(found)


@router.get("/health", summary="Whether the store can be read")
def health(request: Request, db: ReaderDep) -> Json:
    try:
        db.execute("SELECT 1 FROM eventwire_meta LIMIT 1").fetchone()
    except sqlite3.Error:
        raise Problem(503, "the store cannot be read") from None
    return {"status": "ok", "version": __version__, "schema": request.app.state.schema,
            "writable": request.app.state.writer is not None}
