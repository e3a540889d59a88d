"""The queries of the HTTP API (`eventwire serve`) that the command line does not have yet:
event places for the map, stories, counts of events the summary table cannot answer, and
the filter choices. They take the same `EventFilter` as `queries`."""

from __future__ import annotations

import sqlite3

from eventwire.store.queries import DYAD, PERIODS, EventFilter, Row, source, where

# period -> the period of an events.day ('' when unknown)
_PERIOD = {"day": "e.day", "week": "COALESCE(date(e.day, '-6 days', 'weekday 1'), '')",
           "month": "substr(e.day, 1, 7)"}
# what events are counted by -> the columns holding the key (actor: source and target)
_KEYS = {"type": ("e.type",), "country": ("COALESCE(e.country, '')",),
         "actor": ("COALESCE(e.source_name, '')",), "dyad": (DYAD,)}


def places(db: sqlite3.Connection, spec: EventFilter, limit: int) -> list[Row]:
    """Event places with coordinates and their number of events, the most eventful first."""
    clause, params = where(spec)
    clause = (clause + " AND" if clause else " WHERE") + " e.lat IS NOT NULL"
    sql = (f"SELECT e.place_name AS name, e.country, e.lat, e.lon, COUNT(*) AS events "
           f"FROM {source(spec)}{clause} GROUP BY e.place_name, e.lat, e.lon "
           "ORDER BY events DESC, name LIMIT ?")
    return [dict(row) for row in db.execute(sql, [*params, int(limit)])]


def stories(db: sqlite3.Connection, limit: int, offset: int = 0) -> list[Row]:
    """Stories (articles grouped as one wire story), the most covered first."""
    sql = ("SELECT s.id, s.n_articles, a.title, a.outlet, a.published, "
           "(SELECT COUNT(*) FROM events e WHERE e.story_id = s.id) AS events FROM stories s "
           "LEFT JOIN articles a ON a.id = s.id ORDER BY s.n_articles DESC, a.published DESC, "
           "s.id LIMIT ? OFFSET ?")
    return [dict(row) for row in db.execute(sql, (int(limit), int(offset)))]


def counts_of_events(db: sqlite3.Connection, spec: EventFilter, key: str,
                     per: str) -> list[Row]:
    """Events by period and `key` (type, country, or actor: the source actor, as
    `eventwire counts --by actor`) read from the events themselves, for the filters the
    `event_counts` table cannot answer (`queries.counts` answers the others without reading events).
    Rows: period ('' unknown), key, events."""
    if per not in PERIODS or key not in _KEYS:
        raise ValueError(f"cannot count by {key} per {per}")
    clause, params = where(spec)
    parts = []
    for column in _KEYS[key]:
        present = f"{column} IS NOT NULL"
        inner = (clause + " AND " if clause else " WHERE ") + present
        parts.append(f"SELECT {_PERIOD[per]} AS period, {column} AS key, COUNT(*) AS events "
                     f"FROM {source(spec)}{inner} GROUP BY 1, 2")
    sql = (f"SELECT period, key, SUM(events) AS events FROM ({' UNION ALL '.join(parts)}) "
           "GROUP BY 1, 2 ORDER BY 1, 2")
    return [dict(row) for row in db.execute(sql, params * len(parts))]


def choices(db: sqlite3.Connection) -> Row:
    """What the filters can choose from: the days covered, event countries and modes."""
    span = db.execute("SELECT MIN(day), MAX(day) FROM event_daily WHERE day != ''").fetchone()
    countries = [row[0] for row in db.execute(
        "SELECT DISTINCT country FROM places WHERE country IS NOT NULL ORDER BY country")]
    modes = [row[0] for row in db.execute(
        "SELECT DISTINCT mode FROM events WHERE mode IS NOT NULL ORDER BY mode LIMIT 200")]
    return {"first_day": span[0], "last_day": span[1], "countries": countries,
            "modes": modes}
