"""Read the store: events, their evidence, actors, quotes, counts. Every function returns plain
rows (dicts), so the command line, the exports and the HTTP API share them."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ISO3 = re.compile(r"^[A-Za-z]{3}$")
EVENT_COLUMNS = ("id", "day", "type", "mode", "source_name", "source_country", "source_sectors",
                 "target_name", "target_country", "target_sectors", "place_name", "country",
                 "n_mentions", "n_articles", "first_article", "story_id")
# Per-event facts every query and export carries (see docs/exports.md).
FACT_COLUMNS = ("confidence", "modality", "factual", "killed", "injured", "arrested",
                "num_mentions", "num_articles", "num_sources")
PERIODS = ("day", "week", "month")
DIMENSIONS = ("type", "country", "actor")
Row = dict[str, Any]

# The fields of every event row: the event, its facts, the article counts with syndicated
# copies, and the first article's publication data.
_SELECT = """
SELECT e.*, f.confidence, f.modality, f.negated, f.killed, f.injured, f.arrested,
       MAX(f.num_mentions, e.n_mentions) AS num_mentions,
       e.n_articles + (SELECT COUNT(DISTINCT c.id) FROM article_copies c JOIN event_mentions m
                       ON c.original_id = m.article_id WHERE m.event_id = e.id) AS num_articles,
       (SELECT COUNT(DISTINCT outlet) FROM (
            SELECT a2.outlet FROM event_mentions m JOIN articles a2 ON a2.id = m.article_id
            WHERE m.event_id = e.id
            UNION SELECT c.outlet FROM article_copies c JOIN event_mentions m
            ON c.original_id = m.article_id WHERE m.event_id = e.id)) AS num_sources,
       (SELECT m.item_id FROM event_mentions m WHERE m.event_id = e.id
        AND m.article_id = e.first_article ORDER BY m.item_id LIMIT 1) AS first_item,
       a.outlet, a.published, a.url, a.title, a.language
FROM events e LEFT JOIN event_facts f ON f.event_id = e.id
LEFT JOIN articles a ON a.id = e.first_article"""


def like(part: str) -> str:
    """A LIKE pattern matching `part` anywhere, its % and _ taken literally (ESCAPE '\\')."""
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field left None matches everything.

    `actor`: an ISO3 code (any case) matches either side's country, other text a part of
    either side's name. `since`/`until`: YYYY-MM-DD (see `vocab.date_bound`).
    """

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    factual_only: bool = False
    min_confidence: float | None = None


def _where(spec: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if spec.type:
        clauses.append("e.type = ?")
        params.append(spec.type.upper())
    if spec.actor:
        if ISO3.match(spec.actor):
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [spec.actor.upper()] * 2
        else:
            clauses.append("(e.source_name LIKE ? ESCAPE '\\' OR e.target_name LIKE ? "
                           "ESCAPE '\\')")
            params += [like(spec.actor)] * 2
    if spec.country:
        clauses.append("e.country = ?")
        params.append(spec.country.upper())
    if spec.since:
        clauses.append("e.day >= ?")
        params.append(spec.since)
    if spec.until:
        clauses.append("e.day != '' AND e.day <= ?")
        params.append(spec.until)
    if spec.factual_only:
        clauses.append("e.factual = 1")
    if spec.min_confidence is not None:
        clauses.append("COALESCE(f.confidence, 0) >= ?")
        params.append(float(spec.min_confidence))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _from(spec: EventFilter) -> str:
    """The events table, joined to its facts only when the filter reads them."""
    if spec.min_confidence is None:
        return "events e"
    return "events e LEFT JOIN event_facts f ON f.event_id = e.id"


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit else ""


def events(db: sqlite3.Connection, spec: EventFilter, limit: int | None = None) -> list[Row]:
    """Deduplicated events, most reported first (by articles and mentions as parsed, before
    syndicated copies), then newest (`limit` 0 or None: all). The rows are picked on stored
    columns first, so the per-event counts are computed for the rows returned only."""
    where, params = _where(spec)
    pick = (f"SELECT e.id FROM {_from(spec)}{where} "
            f"ORDER BY e.n_articles DESC, e.n_mentions DESC, e.day DESC, e.id{_limit(limit)}")
    sql = (f"SELECT r.*, (SELECT m.sentence_text FROM event_mentions m "
           f"WHERE m.event_id = r.id LIMIT 1) AS sentence FROM ({_SELECT} "
           f"JOIN ({pick}) AS pick ON pick.id = e.id) AS r "
           "ORDER BY r.n_articles DESC, r.n_mentions DESC, r.day DESC, r.id")
    return [dict(row) for row in db.execute(sql, params)]


def count_events(db: sqlite3.Connection, spec: EventFilter) -> int:
    """How many events match `spec` (for "showing 20 of 137")."""
    where, params = _where(spec)
    sql = f"SELECT COUNT(*) FROM {_from(spec)}{where}"
    return int(db.execute(sql, params).fetchone()[0])


def iter_events(db: sqlite3.Connection, spec: EventFilter | None = None) -> Iterator[Row]:
    """Every matching event, by day then id, with publication data of its first article."""
    where, params = _where(spec or EventFilter())
    for row in db.execute(f"{_SELECT}{where} ORDER BY e.day, e.id", params):
        yield dict(row)


def mentions(db: sqlite3.Connection, event_id: str) -> list[Row]:
    sql = ("SELECT m.article_id, m.item_id, m.trigger_text, m.trigger_start, m.trigger_end, "
           "m.sentence_start, m.sentence_end, m.sentence_text, m.modality, m.negated, "
           "m.confidence, d.killed, d.injured, d.arrested, d.n_mentions "
           "FROM event_mentions m LEFT JOIN event_details d "
           "ON d.article_id = m.article_id AND d.item_id = m.item_id "
           "WHERE m.event_id = ? ORDER BY m.article_id, m.item_id")
    return [dict(row) for row in db.execute(sql, (event_id,))]


def copies(db: sqlite3.Connection, article_ids: list[str]) -> list[Row]:
    """Syndicated copies of these articles (same text, other id and url)."""
    marks = ",".join("?" * len(article_ids))
    sql = ("SELECT id, url, outlet, title, published, original_id FROM article_copies "
           f"WHERE original_id IN ({marks}) ORDER BY published, id")
    return [dict(row) for row in db.execute(sql, article_ids)] if article_ids else []


def actors(db: sqlite3.Connection, name: str | None = None, limit: int | None = None) -> list[Row]:
    """Actors by the number of articles that name them."""
    where, params = "", []
    if name:
        where, params = " WHERE name LIKE ? ESCAPE '\\'", [like(name)]
    sql = ("SELECT name, kind, country, sectors, COUNT(DISTINCT article_id) AS articles "
           f"FROM actors{where} GROUP BY name COLLATE NOCASE, kind, country, sectors "
           "ORDER BY articles DESC, name")
    return [dict(row) for row in db.execute(sql + _limit(limit), params)]


def quotes(db: sqlite3.Connection, speaker: str | None = None,
           limit: int | None = None) -> list[Row]:
    """Quotes, newest first, with who said them and where they were published."""
    where, params = "", []
    if speaker:
        where = (" WHERE (q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_text LIKE ? "
                 "ESCAPE '\\')")
        params = [like(speaker)] * 2
    sql = ("SELECT q.speaker_name, q.text, q.direct, q.cue, a.published, a.outlet, "
           f"q.article_id, q.start, q.\"end\" FROM quotes q JOIN articles a ON a.id = q.article_id"
           f"{where} ORDER BY a.published DESC, q.article_id, q.start")
    return [dict(row) for row in db.execute(sql + _limit(limit), params)]


def counts_by_type_month(db: sqlite3.Connection) -> list[Row]:
    """Events by type and month, from the summary table kept by triggers."""
    sql = "SELECT type, month, n AS events FROM event_monthly ORDER BY month, type"
    return [dict(row) for row in db.execute(sql)]


def counts(db: sqlite3.Connection, by: list[str], per: str,
           spec: EventFilter | None = None) -> list[Row]:
    """Events by period and the `by` dimensions, from the `event_counts` summary table.

    Only the filters the table can answer apply (type, country, period bounds); the
    command refuses the others. Unknown values read '' (no day, country or actor).
    """
    if per not in PERIODS:
        raise ValueError(f"per must be one of {', '.join(PERIODS)}")
    unknown = [name for name in by if name not in DIMENSIONS]
    if unknown:
        raise ValueError(f"cannot count by {unknown[0]}; choose from {', '.join(DIMENSIONS)}")
    spec = spec or EventFilter()
    # rows under actor '*' count every event once whatever its actor (see schema.py)
    clauses = ["per = ?", "actor != '*'" if "actor" in by else "actor = '*'"]
    params: list[Any] = [per]
    if spec.type:
        clauses.append("type = ?")
        params.append(spec.type.upper())
    if spec.country:
        clauses.append("country = ?")
        params.append(spec.country.upper())
    if spec.since:
        clauses.append("period >= ?")
        params.append(spec.since[:7] if per == "month" else spec.since)
    if spec.until:
        clauses.append("period != '' AND period <= ?")
        params.append(spec.until[:7] if per == "month" else spec.until)
    keys = ", ".join(["period", *by])
    sql = (f"SELECT {keys}, SUM(n) AS events FROM event_counts WHERE {' AND '.join(clauses)} "
           f"GROUP BY {keys} ORDER BY {keys}")
    return [dict(row) for row in db.execute(sql, params)]


def stats(db: sqlite3.Connection) -> Row:
    """Totals, events by type and events by day."""
    totals = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("articles", "article_copies", "stories", "events",
                            "event_mentions", "actors", "quotes", "places")}
    by_type = [dict(row) for row in db.execute(
        "SELECT type, SUM(n) AS events FROM event_daily GROUP BY type ORDER BY events DESC, type")]
    by_day = [dict(row) for row in db.execute(
        "SELECT day, SUM(n) AS events FROM event_daily GROUP BY day ORDER BY day")]
    return {"totals": totals, "by_type": by_type, "by_day": by_day}



def _span(text: str, start: int | None, end: int | None, **extra: Any) -> Row | None:
    if start is None or end is None:
        return None
    return {"text": text[start:end], "start": start, "end": end, **extra}


def _item_evidence(record: Row, item: Row) -> Row:
    """One event item of a stored record with every part as text and offsets into it."""
    text = record["text"]
    actors = {a["id"]: a for a in record.get("actors", [])}
    times = {t["id"]: t for t in record.get("times", [])}
    places = {p["id"]: p for p in record.get("places", [])}
    parts: Row = {"item_id": item["id"], "type": item["type"], "mode": item.get("mode"),
                  "contexts": item.get("contexts", []), "modality": item.get("modality"),
                  "negated": item.get("negated", False), "confidence": item.get("confidence"),
                  "killed": item.get("killed"), "injured": item.get("injured"),
                  "arrested": item.get("arrested")}
    sentence = item["sentence"]
    parts["sentence"] = _span(text, sentence["start"], sentence["end"])
    trigger = item["trigger"]
    parts["trigger"] = _span(text, trigger["start"], trigger["end"])
    for role in ("source", "target"):
        mention = item.get(role)
        actor = actors.get(mention.get("actor") or "") if mention else None
        parts[role] = None if mention is None else _span(
            text, mention["start"], mention["end"], name=actor["name"] if actor else None,
            country=actor["country"] if actor else None,
            sectors=actor["sectors"] if actor else [])
    date = item.get("date") or {}
    time = times.get(date.get("time") or "")
    parts["time"] = (_span(text, time["start"], time["end"], value=date.get("value"))
                     if time else ({"text": None, "start": None, "end": None,
                                    "value": date["value"]} if date.get("value") else None))
    ref = item.get("place") or {}
    place = places.get(ref.get("place") or "")
    parts["place"] = None if place is None else _span(
        text, place["start"], place["end"], name=place["name"], country=place["country"],
        lat=place["lat"], lon=place["lon"], geonameid=place["geonameid"])
    return parts


def _article_head(row: Row) -> Row:
    return {key: row[key] for key in ("id", "url", "title", "outlet", "published", "language")}


def event_evidence(db: sqlite3.Connection, event_id: str) -> Row | None:
    """One event with the evidence of every mention: article, sentence, trigger, source,
    target, time and place as text with offsets into the article; None when unknown."""
    row = db.execute(f"{_SELECT} WHERE e.id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    found: Row = {"event": dict(row), "mentions": []}
    found["event"].pop("actor_keys", None)
    links = db.execute("SELECT m.article_id, m.item_id, a.record, a.id, a.url, a.title, "
                       "a.outlet, a.published, a.language FROM event_mentions m "
                       "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? "
                       "ORDER BY a.published, m.article_id, m.item_id", (event_id,)).fetchall()
    records: dict[str, Row] = {}
    for link in links:
        record = records.setdefault(link["article_id"], json.loads(link["record"]))
        item = next((i for i in record.get("events", []) if i["id"] == link["item_id"]), None)
        if item is not None:
            found["mentions"].append({"article": _article_head(dict(link)),
                                      **_item_evidence(record, item)})
    found["copies"] = copies(db, sorted(records))
    return found


def article_evidence(db: sqlite3.Connection, article_id: str) -> Row | None:
    """One stored article's events, each with its evidence and deduplicated event id."""
    row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    record = json.loads(row["record"])
    linked = dict(db.execute("SELECT item_id, event_id FROM event_mentions WHERE article_id = ?",
                             (article_id,)).fetchall())
    return {"article": _article_head(dict(row)),
            "events": [{"event_id": linked.get(item["id"]), **_item_evidence(record, item)}
                       for item in record.get("events", [])],
            "copies": copies(db, [article_id])}
