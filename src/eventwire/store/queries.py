"""Read the store: events, actors, quotes, statistics. Every function returns plain rows."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ISO3 = re.compile(r"^[A-Z]{3}$")
EVENT_COLUMNS = ("id", "day", "type", "mode", "source_name", "source_country", "source_sectors",
                 "target_name", "target_country", "target_sectors", "place_name", "country",
                 "n_mentions", "n_articles", "first_article", "story_id")
Row = dict[str, Any]


def like(part: str) -> str:
    """A LIKE pattern matching `part` anywhere, its % and _ taken literally (ESCAPE '\\')."""
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field left None matches everything."""

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    factual_only: bool = False


def _where(spec: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if spec.type:
        clauses.append("e.type = ?")
        params.append(spec.type.upper())
    if spec.actor:
        if ISO3.match(spec.actor):
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [spec.actor, spec.actor]
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
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def events(db: sqlite3.Connection, spec: EventFilter, limit: int | None = None) -> list[Row]:
    """Deduplicated events, most reported first, then newest."""
    where, params = _where(spec)
    sql = (f"SELECT e.*, (SELECT m.sentence_text FROM event_mentions m WHERE m.event_id = e.id "
           f"LIMIT 1) AS sentence FROM events e{where} "
           "ORDER BY e.n_articles DESC, e.n_mentions DESC, e.day DESC, e.id")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [dict(row) for row in db.execute(sql, params)]


def iter_events(db: sqlite3.Connection, spec: EventFilter | None = None) -> Iterator[Row]:
    """Every matching event, by day then id, with publication data of its first article."""
    where, params = _where(spec or EventFilter())
    sql = (f"SELECT e.*, a.outlet, a.published, a.url FROM events e "
           f"LEFT JOIN articles a ON a.id = e.first_article{where} ORDER BY e.day, e.id")
    for row in db.execute(sql, params):
        yield dict(row)


def mentions(db: sqlite3.Connection, event_id: str) -> list[Row]:
    sql = ("SELECT article_id, item_id, trigger_text, trigger_start, trigger_end, sentence_start,"
           " sentence_end, sentence_text, modality, negated, confidence FROM event_mentions "
           "WHERE event_id = ? ORDER BY article_id, item_id")
    return [dict(row) for row in db.execute(sql, (event_id,))]


def actors(db: sqlite3.Connection, name: str | None = None, limit: int | None = None) -> list[Row]:
    """Actors by the number of articles that name them."""
    where, params = "", []
    if name:
        where, params = " WHERE name LIKE ? ESCAPE '\\'", [like(name)]
    sql = ("SELECT name, kind, country, sectors, COUNT(DISTINCT article_id) AS articles "
           f"FROM actors{where} GROUP BY name COLLATE NOCASE, kind, country, sectors "
           "ORDER BY articles DESC, name")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [dict(row) for row in db.execute(sql, params)]


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
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [dict(row) for row in db.execute(sql, params)]


def counts_by_type_month(db: sqlite3.Connection) -> list[Row]:
    """Events by type and month, from the summary table kept by triggers."""
    sql = "SELECT type, month, n AS events FROM event_monthly ORDER BY month, type"
    return [dict(row) for row in db.execute(sql)]


def stats(db: sqlite3.Connection) -> Row:
    """Totals, events by type and events by day."""
    totals = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("articles", "stories", "events", "event_mentions", "actors",
                            "quotes", "places")}
    by_type = [dict(row) for row in db.execute(
        "SELECT type, SUM(n) AS events FROM event_daily GROUP BY type ORDER BY events DESC, type")]
    by_day = [dict(row) for row in db.execute(
        "SELECT day, SUM(n) AS events FROM event_daily GROUP BY day ORDER BY day")]
    return {"totals": totals, "by_type": by_type, "by_day": by_day}
