"""The SQL of `eventwire serve`: events, counts, places, actors, quotes, stories, stats.

Every value reaches SQLite as a parameter; the only text joined into SQL is chosen from
the fixed tables below (sort keys, grouping columns, optional columns found in the
store). An event's confidence is the `events.confidence` column when the store has one,
else the highest confidence of its mentions.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

Row = dict[str, Any]

EVENT_FIELDS = ("id", "day", "type", "mode", "factual", "source_name", "source_country",
                "target_name", "target_country", "place_name", "country", "lat", "lon",
                "n_mentions", "n_articles", "first_article", "story_id", "sentence")
# sort name -> ORDER BY. Every order ends with the rowid, so pages never overlap; with day
# and rowid alone SQLite can read the (type, factual, day, country) index instead of the table.
SORTS = {
    "-day": "e.day DESC, e.rowid DESC", "day": "e.day, e.rowid",
    "-mentions": "e.n_mentions DESC, e.n_articles DESC, e.day DESC, e.rowid DESC",
    "-articles": "e.n_articles DESC, e.n_mentions DESC, e.day DESC, e.rowid DESC",
    "type": "e.type, e.day DESC, e.rowid DESC",
    "-confidence": "confidence DESC, e.day DESC, e.rowid DESC",
}
GROUPS = ("type", "country", "actor")
INTERVALS = ("day", "week", "month")
TOP_SERIES = 12  # counts by country or actor keep the largest series, the rest as "other"


@dataclass(frozen=True)
class Filters:
    """Which events; None or False matches everything."""

    type: str | None = None
    mode: str | None = None
    country: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    factual: bool | None = None
    q: str | None = None

    def only_type_and_days(self) -> bool:
        """Whether the counts kept by triggers (type by day) can answer."""
        return not (self.mode or self.country or self.actor or self.q
                    or self.min_confidence is not None or self.factual is not None)


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def confidence_sql(event_columns: set[str]) -> str:
    if "confidence" in event_columns:
        return "e.confidence"
    return "(SELECT MAX(m.confidence) FROM event_mentions m WHERE m.event_id = e.id)"


def like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where(spec: Filters, confidence: str) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if spec.type:
        clauses.append("e.type = ?")
        params.append(spec.type)
    if spec.mode:
        clauses.append("e.mode = ?")
        params.append(spec.mode)
    if spec.country:
        clauses.append("e.country = ?")
        params.append(spec.country)
    if spec.actor:
        if len(spec.actor) == 3 and spec.actor.isalpha() and spec.actor.isupper():
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [spec.actor, spec.actor]
        else:
            clauses.append("(e.source_name LIKE ? ESCAPE '\\' OR e.target_name LIKE ? ESCAPE '\\')")
            params += [like(spec.actor)] * 2
    if spec.since:
        clauses.append("e.day >= ?")
        params.append(spec.since)
    if spec.until:
        clauses.append("e.day != '' AND e.day <= ?")
        params.append(spec.until)
    if spec.factual is not None:
        clauses.append("e.factual = ?")
        params.append(int(spec.factual))
    if spec.q:
        clauses.append("(e.sentence LIKE ? ESCAPE '\\' OR e.source_name LIKE ? ESCAPE '\\' "
                       "OR e.target_name LIKE ? ESCAPE '\\' OR e.place_name LIKE ? ESCAPE '\\')")
        params += [like(spec.q)] * 4
    if spec.min_confidence is not None:
        if confidence.startswith("e."):
            clauses.append(f"{confidence} >= ?")
        else:  # the highest mention reaches it: one pass over the mentions, not one per event
            clauses.append("e.id IN (SELECT event_id FROM event_mentions WHERE confidence >= ?)")
        params.append(spec.min_confidence)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class Reader:
    """Queries over one read connection (rows as sqlite3.Row)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.event_columns = columns(db, "events")
        self.confidence = confidence_sql(self.event_columns)

    def _select(self) -> str:
        fields = ", ".join(f"e.{name}" for name in EVENT_FIELDS)
        return f"SELECT {fields}, {self.confidence} AS confidence FROM events e"

    def events(self, spec: Filters, sort: str, limit: int, offset: int) -> tuple[list[Row], int]:
        """One page of events and the number of all that match."""
        clause, params = where(spec, self.confidence)
        if "confidence" in SORTS[sort]:
            sql = f"{self._select()}{clause} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?"
        else:  # pick the page first: the confidence is then looked up for its rows only
            sql = (f"{self._select()} WHERE e.rowid IN (SELECT e.rowid FROM events e{clause} "
                   f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?) ORDER BY {SORTS[sort]}")
        rows = [dict(row) for row in self.db.execute(sql, [*params, limit, offset])]
        total = self.db.execute(f"SELECT COUNT(*) FROM events e{clause}", params).fetchone()[0]
        return rows, int(total)

    def iter_events(self, spec: Filters, sort: str, limit: int) -> Iterator[Row]:
        clause, params = where(spec, self.confidence)
        sql = f"{self._select()}{clause} ORDER BY {SORTS[sort]} LIMIT ?"
        for row in self.db.execute(sql, [*params, limit]):
            yield dict(row)

    def event(self, event_id: str) -> Row | None:
        row = self.db.execute(f"{self._select()} WHERE e.id = ?", (event_id,)).fetchone()
        return dict(row) if row is not None else None

    def mentions(self, event_id: str) -> list[Row]:
        sql = ("SELECT m.article_id, m.item_id, m.trigger_text, m.trigger_start, m.trigger_end,"
               " m.sentence_start, m.sentence_end, m.sentence_text, m.modality, m.negated,"
               " m.confidence, a.title, a.outlet, a.published, a.url FROM event_mentions m"
               " JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?"
               " ORDER BY a.published, m.article_id, m.item_id")
        return [dict(row) for row in self.db.execute(sql, (event_id,))]

    def article(self, article_id: str) -> Row | None:
        row = self.db.execute("SELECT id, url, title, outlet, author, published, story_id, "
                              "record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return dict(row) if row is not None else None

    def article_events(self, article_id: str) -> dict[str, str]:
        """Event item id -> deduplicated event id, for one article."""
        return {row[0]: row[1] for row in self.db.execute(
            "SELECT item_id, event_id FROM event_mentions WHERE article_id = ?", (article_id,))}

    def places(self, spec: Filters, limit: int) -> list[Row]:
        """Event places with coordinates and their number of events."""
        clause, params = where(spec, self.confidence)
        clause = (clause + " AND" if clause else " WHERE") + " e.lat IS NOT NULL"
        sql = (f"SELECT e.place_name AS name, e.country, e.lat, e.lon, COUNT(*) AS events "
               f"FROM events e{clause} GROUP BY e.place_name, e.lat, e.lon "
               "ORDER BY events DESC LIMIT ?")
        return [dict(row) for row in self.db.execute(sql, [*params, limit])]

    def counts(self, spec: Filters, group: str, interval: str) -> Row:
        """Events per bucket (day, ISO week's Monday, or month) for each key of `group`.

        SQLite groups by day (or month); weeks are summed here from days. By type with no
        other filter the tables kept by triggers answer without reading the events."""
        per_key: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        month = interval == "month"
        params: list[Any] = []
        if group == "type" and spec.only_type_and_days():
            if month and not (spec.since or spec.until):
                sql = "SELECT type, month, n FROM event_monthly WHERE month != ''"
            else:
                bucket = "substr(day, 1, 7)" if month else "day"
                sql = f"SELECT type, {bucket}, SUM(n) FROM event_daily WHERE day != ''"
                for name, value in (("day >= ?", spec.since), ("day <= ?", spec.until)):
                    if value:
                        sql += f" AND {name}"
                        params.append(value)
                sql += " GROUP BY 1, 2"
            if spec.type:
                sql = f"SELECT * FROM ({sql}) WHERE type = ?"
                params.append(spec.type)
            rows = self.db.execute(sql, params)
        else:
            clause, params = where(spec, self.confidence)
            clause = (clause + " AND" if clause else " WHERE") + " e.day != ''"
            bucket = "substr(e.day, 1, 7)" if month else "e.day"
            if group == "actor":
                sql = (f"SELECT e.source_name AS k, {bucket} AS b, COUNT(*) FROM events e"
                       f"{clause} AND e.source_name IS NOT NULL GROUP BY k, b UNION ALL "
                       f"SELECT e.target_name AS k, {bucket} AS b, COUNT(*) FROM events e"
                       f"{clause} AND e.target_name IS NOT NULL GROUP BY k, b")
                params = params * 2
            else:
                column = {"type": "e.type", "country": "e.country"}[group]
                sql = (f"SELECT COALESCE({column}, '') AS k, {bucket} AS b, COUNT(*) "
                       f"FROM events e{clause} GROUP BY k, b")
            rows = self.db.execute(sql, params)
        for key, day, n in rows:
            found = day if month else bucket_of(day, interval)
            if found:
                per_key[key or "unknown"][found] += int(n)
        return series(per_key, group != "type")


def bucket_of(day: str, interval: str) -> str | None:
    """The bucket of an ISO day: itself, the Monday of its week, or its month."""
    if interval == "month":
        return day[:7] if len(day) >= 7 else None
    try:
        value = date.fromisoformat(day[:10])
    except ValueError:
        return None
    if interval == "week":
        value -= timedelta(days=value.weekday())
    return value.isoformat()


def series(per_key: dict[str, dict[str, int]], top_only: bool) -> Row:
    """Aligned series over every bucket seen; beyond TOP_SERIES keys the rest is 'other'."""
    totals = sorted(((sum(values.values()), key) for key, values in per_key.items()),
                    key=lambda pair: (-pair[0], pair[1]))
    keep = [key for _, key in totals]
    other: dict[str, int] = defaultdict(int)
    if top_only and len(keep) > TOP_SERIES:
        for key in keep[TOP_SERIES:]:
            for bucket, n in per_key[key].items():
                other[bucket] += n
        keep = keep[:TOP_SERIES]
    buckets = sorted({bucket for values in per_key.values() for bucket in values})
    out = [{"key": key, "total": sum(per_key[key].values()),
            "counts": [per_key[key].get(bucket, 0) for bucket in buckets]} for key in keep]
    if other:
        out.append({"key": "other", "total": sum(other.values()),
                    "counts": [other.get(bucket, 0) for bucket in buckets]})
    return {"buckets": buckets, "series": out}


def actors(db: sqlite3.Connection, q: str | None, country: str | None, limit: int,
           offset: int) -> list[Row]:
    clauses, params = [], []
    if q:
        clauses.append("name LIKE ? ESCAPE '\\'")
        params.append(like(q))
    if country:
        clauses.append("country = ?")
        params.append(country)
    clause = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = ("SELECT name, kind, country, sectors, COUNT(DISTINCT article_id) AS articles "
           f"FROM actors{clause} GROUP BY name COLLATE NOCASE, kind, country, sectors "
           "ORDER BY articles DESC, name LIMIT ? OFFSET ?")
    return [dict(row) for row in db.execute(sql, [*params, limit, offset])]


def quotes(db: sqlite3.Connection, speaker: str | None, q: str | None, since: str | None,
           until: str | None, limit: int, offset: int) -> list[Row]:
    clauses, params = [], []
    if speaker:
        clauses.append("(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_text LIKE ? ESCAPE '\\')")
        params += [like(speaker)] * 2
    if q:
        clauses.append("q.text LIKE ? ESCAPE '\\'")
        params.append(like(q))
    if since:
        clauses.append("a.published >= ?")
        params.append(since)
    if until:
        clauses.append("a.published <= ?")
        params.append(until)
    clause = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = ("SELECT q.article_id, q.item_id AS quote_id, q.text, q.direct, q.speaker_name, q.cue,"
           " q.channel, q.start, q.\"end\", a.title, a.outlet, a.published FROM quotes q"
           f" JOIN articles a ON a.id = q.article_id{clause}"
           " ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?")
    return [dict(row) for row in db.execute(sql, [*params, limit, offset])]


def stories(db: sqlite3.Connection, limit: int, offset: int) -> list[Row]:
    sql = ("SELECT s.id, s.n_articles, a.title, a.outlet, a.published, "
           "(SELECT COUNT(*) FROM events e WHERE e.story_id = s.id) AS events FROM stories s "
           "LEFT JOIN articles a ON a.id = s.id ORDER BY s.n_articles DESC, a.published DESC, "
           "s.id LIMIT ? OFFSET ?")
    return [dict(row) for row in db.execute(sql, (limit, offset))]


def stats(db: sqlite3.Connection) -> Row:
    totals = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("articles", "stories", "events", "event_mentions", "actors",
                            "quotes", "places")}
    by_type = [dict(row) for row in db.execute(
        "SELECT type, SUM(n) AS events FROM event_daily GROUP BY type ORDER BY events DESC, type")]
    span = db.execute("SELECT MIN(day), MAX(day) FROM event_daily WHERE day != ''").fetchone()
    countries = [row[0] for row in db.execute(
        "SELECT DISTINCT country FROM places WHERE country IS NOT NULL ORDER BY country")]
    modes = [row[0] for row in db.execute(
        "SELECT DISTINCT mode FROM events WHERE mode IS NOT NULL ORDER BY mode LIMIT 200")]
    return {"totals": totals, "by_type": by_type, "first_day": span[0], "last_day": span[1],
            "countries": countries, "modes": modes}
