"""Rows of the store's per-article tables, and their insertion in bulk.

The writer keeps the rows of a batch of articles in memory and inserts them just before the
batch commits, in table order (stories, then articles, then the items that point at them),
with multi-row `INSERT ... VALUES (...), (...)` statements: a statement per row costs
SQLite and the sqlite3 module more than the row itself.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Any

from eventwire.events.figures import FIGURES as CASUALTIES
from eventwire.model import Article

Row = tuple[object, ...]

# Tables filled from the rows the writer keeps, in the order they must be inserted
# (foreign keys are checked as each row goes in), with their number of columns.
COLUMNS = {
    "articles": 11, "entities": 7, "actors": 8, "places": 12, "times": 8, "counts": 9,
    "quotes": 11, "event_mentions": 18, "event_details": 6,
}
ARTICLE_COLUMNS = ("id, url, content_hash, title, outlet, author, published, language, "
                   "story_id, minhash, record")
CHUNK = 64  # rows per multi-row statement
STORY_COUNTS = ("INSERT INTO stories(id, n_articles) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET n_articles = n_articles + excluded.n_articles")


@lru_cache(maxsize=32)
def insert_sql(table: str, rows: int) -> str:
    """`INSERT INTO table VALUES (?, ...), ...` for `rows` rows."""
    one = "(" + ",".join("?" * COLUMNS[table]) + ")"
    columns = f"({ARTICLE_COLUMNS})" if table == "articles" else ""
    return f"INSERT INTO {table}{columns} VALUES " + ",".join([one] * rows)


def insert_rows(db: sqlite3.Connection, table: str, rows: list[Row]) -> None:
    """Insert `rows` into `table`, CHUNK rows per statement."""
    whole = len(rows) - len(rows) % CHUNK
    if whole:
        db.executemany(insert_sql(table, CHUNK),
                       ([value for row in rows[start:start + CHUNK] for value in row]
                        for start in range(0, whole, CHUNK)))
    if whole < len(rows):
        db.executemany(insert_sql(table, 1), rows[whole:])


def _speaker_name(names: dict[str, str], speaker: dict[str, Any] | None) -> str | None:
    """A quote speaker's name: its actor's, else its words (`speaker`: the Mention's fields)."""
    if speaker is None:
        return None
    name = names.get(speaker["actor"]) if speaker["actor"] else None
    return name if name is not None else speaker["text"]


def item_rows(article: Article) -> dict[str, list[Row]]:
    """The rows of the article's entities, actors, places, times, counts and quotes.

    Items are read through `vars()` (their field values), which costs a fraction of
    pydantic's per-attribute lookup; this runs for every item of every article.
    ValueError names a table whose items share an id (its key would refuse them).
    """
    aid = article.id
    entities = [vars(item) for item in article.entities]
    actors = [vars(item) for item in article.actors]
    places = [vars(item) for item in article.places]
    times = [vars(item) for item in article.times]
    counts = [vars(item) for item in article.counts]
    quotes = [vars(item) for item in article.quotes]
    names = {a["id"]: a["name"] for a in actors}
    quote_rows: list[Row] = []
    for q in quotes:
        speaker = vars(q["speaker"]) if q["speaker"] is not None else None
        quote_rows.append((aid, q["id"], q["text"], q["start"], q["end"], int(q["direct"]),
                           speaker["text"] if speaker else None,
                           speaker["actor"] if speaker else None,
                           _speaker_name(names, speaker), q["cue"], q["channel"]))
    rows: dict[str, list[Row]] = {
        "entities": [(aid, e["id"], e["text"], e["label"], e["start"], e["end"], e["actor"])
                     for e in entities],
        "actors": [(aid, a["id"], a["name"], a["kind"], a["country"],
                    ";".join(a["sectors"]) if a["sectors"] else None, a["title"], a["backer"])
                   for a in actors],
        "places": [(aid, p["id"], p["text"], p["start"], p["end"], p["name"], p["geonameid"],
                    p["feature"], p["country"], p["admin1"], p["lat"], p["lon"])
                   for p in places],
        "times": [(aid, t["id"], t["text"], t["start"], t["end"], t["type"], t["value"],
                   t["precision"]) for t in times],
        "counts": [(aid, c["id"], c["text"], c["start"], c["end"], c["value"], c["qualifier"],
                    c["noun"], c["category"]) for c in counts],
        "quotes": quote_rows,
    }
    rows["event_details"] = event_details(article, {c["id"]: c for c in counts})
    for table, table_rows in rows.items():
        check_ids(table, [row[1] for row in table_rows])
    check_ids("event_mentions", [vars(event)["id"] for event in article.events])
    return rows


def _sentences(fields: dict[str, Any]) -> list[tuple[int, int]]:
    """The (start, end) of an event item's own sentences: its sentence and its mentions'."""
    found = [(fields["sentence"].start, fields["sentence"].end)]
    for said in fields.get("mentions") or []:
        sentence = getattr(said, "sentence", None)
        if sentence is not None:
            found.append((sentence.start, sentence.end))
    return found


def _told(value: float, counts: dict[str, dict[str, Any]], spans: list[tuple[int, int]]) -> bool:
    """Whether a count of this value lies in one of the event's own sentences."""
    return any(count["value"] == value and any(
        start <= count["start"] and count["end"] <= end for start, end in spans)
        for count in counts.values())


def event_details(article: Article, counts: dict[str, dict[str, Any]]) -> list[Row]:
    """Per event item: killed, injured, arrested (the event's own figure, else its linked
    count's when that count is of the category; kept only when a count of that value lies
    in one of the event's own sentences) and its mentions within the article
    (`len(events[].mentions)` when the record has them, else 1)."""
    rows: list[Row] = []
    for event in article.events:
        fields = vars(event)
        linked = counts.get(fields["count"] or "")
        figures = []
        for category in CASUALTIES:
            value = fields.get(category)
            if value is None and linked is not None and linked["category"] == category:
                value = linked["value"]
            if value is not None and not _told(value, counts, _sentences(fields)):
                value = None
            figures.append(value)
        said = fields.get("mentions")
        rows.append((article.id, fields["id"], *figures,
                     len(said) if isinstance(said, list) and said else 1))
    return rows


def check_ids(table: str, ids: list[Any]) -> None:
    """ValueError when two of an article's items in `table` share an id."""
    if len(set(ids)) != len(ids):
        twice = next(item_id for item_id in ids if ids.count(item_id) > 1)
        raise ValueError(f"two {table} rows share the id {twice!r}")
