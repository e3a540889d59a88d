"""Read the store: events, actors, quotes, counts. Every function returns plain rows (dicts),
so the command line, the exports and the HTTP API (`eventwire serve`) share them; `evidence`
gives an event's evidence and `browse` the API's pages, places and stories.

Every value reaches SQLite as a parameter; the only text joined into SQL is chosen from fixed
tables (columns, sort orders)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.store import vocab

ISO3 = re.compile(r"^[A-Za-z]{3}$")
EVENT_COLUMNS = ("id", "day", "type", "mode", "source_name", "source_country", "source_sectors",
                 "target_name", "target_country", "target_sectors", "place_name", "country",
                 "n_mentions", "n_articles", "first_article", "story_id")
# Per-event facts every query and export carries (see docs/exports.md).
FACT_COLUMNS = ("confidence", "modality", "factual", "killed", "injured", "arrested",
                "num_mentions", "num_articles", "num_sources")
PERIODS = ("day", "week", "month")
DIMENSIONS = ("type", "country", "actor", "dyad")
# a dyad: "source -> target" (either name empty when unknown)
DYAD = "COALESCE(e.source_name, '') || ' -> ' || COALESCE(e.target_name, '')"
Row = dict[str, Any]

# The fields of every event row: the event, its facts, the article counts with syndicated
# copies, and the first article's publication data.
SELECT = """
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


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field left None matches everything.

    `actor`: a known ISO3 code (any case) matches either side's country, other text (such
    as "Mod") a part of either side's name. `since`/`until`: YYYY-MM-DD (see
    `vocab.date_bound`). `factual`: True only factual (asserted, not negated) events, False
    only the others (`factual_only` is the same as True). `mode`: the event mode. `q`: words
    in the sentence, either actor's name or the place name. `min_confidence`: read from
    `event_facts`.
    """

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    factual_only: bool = False
    min_confidence: float | None = None
    mode: str | None = None
    q: str | None = None
    factual: bool | None = None
    place: str | None = None  # the place name, exactly (the app's map click)
    reviewed: str | None = None

    def review_clause(self) -> tuple[str, list[Any]]:
        """None: every event still standing (not rejected nor merged away, see
        store/reviews.py); 'all': every event; else the events of that review status."""
        if self.reviewed is None:
            return "e.reviewed NOT IN ('rejected', 'merged')", []
        if self.reviewed == "all":
            return "1", []
        return "e.reviewed = ?", [self.reviewed]

    def summary_only(self) -> bool:
        """Whether the `event_counts` table answers: only type, country and day filters."""
        return not (self.actor or self.mode or self.q or self.place or self.factual_only
                    or self.reviewed
                    or self.factual is not None or self.min_confidence is not None)


def like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own %, _ and \\ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_LIKE = "LIKE ? ESCAPE '\\'"
_TEXT_COLUMNS = ("e.sentence", "e.source_name", "e.target_name", "e.place_name")


def where(spec: EventFilter) -> tuple[str, list[Any]]:
    factual = True if spec.factual_only else spec.factual
    # (clause, its parameters) for every filter given
    found: list[tuple[str, list[Any]]] = [
        (clause, values) for clause, values, given in (
            ("e.type = ?", [(spec.type or "").upper()], spec.type),
            ("e.mode = ?", [spec.mode], spec.mode),
            ("e.country = ?", [(spec.country or "").upper()], spec.country),
            ("e.place_name = ?", [spec.place], spec.place),
            # a date known to the month or year overlaps a bound inside it
            ("(e.day >= ? OR e.day IN (substr(?, 1, 7), substr(?, 1, 4)))", [spec.since] * 3,
             spec.since),
            ("e.day != '' AND e.day <= ?", [spec.until], spec.until),
            ("e.factual = ?", [int(bool(factual))], factual is not None),
            ("COALESCE(f.confidence, 0) >= ?", [spec.min_confidence],
             spec.min_confidence is not None),
            ("(" + " OR ".join(f"{c} {_LIKE}" for c in _TEXT_COLUMNS) + ")",
             [like(spec.q or "")] * len(_TEXT_COLUMNS), spec.q),
        ) if given]
    found.append(spec.review_clause())
    if spec.actor and ISO3.match(spec.actor) and spec.actor.upper() in vocab.countries()[0]:
        found.append(("(e.source_country = ? OR e.target_country = ?)", [spec.actor.upper()] * 2))
    elif spec.actor:
        found.append((f"(e.source_name {_LIKE} OR e.target_name {_LIKE})", [like(spec.actor)] * 2))
    if not found:
        return "", []
    return (" WHERE " + " AND ".join(clause for clause, _ in found),
            [value for _, values in found for value in values])


# sort name -> ORDER BY. Every order ends with a unique key, so pages never overlap; with
# day and rowid alone SQLite reads the events(day) index instead of sorting the table.
SORTS = {
    "rank": "e.n_articles DESC, e.n_mentions DESC, e.day DESC, e.id",
    "-day": "e.day DESC, e.rowid DESC", "day": "e.day, e.rowid",
    "-mentions": "MAX(COALESCE(f.num_mentions, 0), e.n_mentions) DESC, e.n_articles DESC, "
                 "e.day DESC, e.rowid DESC",  # num_mentions, as every row shows it
    "-articles": "e.n_articles DESC, e.n_mentions DESC, e.day DESC, e.rowid DESC",
    "type": "e.type, e.day DESC, e.rowid DESC",
    "-confidence": "COALESCE(f.confidence, 0) DESC, e.day DESC, e.rowid DESC",
}


def source(spec: EventFilter, sort: str = "rank") -> str:
    """The events table, joined to its facts only when the filter or the order reads them."""
    if spec.min_confidence is None and "f." not in SORTS[sort]:
        return "events e"
    return "events e LEFT JOIN event_facts f ON f.event_id = e.id"


def _limit(limit: int | None, offset: int = 0) -> str:
    if not limit:
        return ""
    return f" LIMIT {int(limit)}" + (f" OFFSET {int(offset)}" if offset else "")


def events(db: sqlite3.Connection, spec: EventFilter, limit: int | None = None,
           sort: str = "rank", offset: int = 0) -> list[Row]:
    """Deduplicated events in the order `sort` names (see SORTS; "rank": most reported
    first, by articles and mentions as parsed, before syndicated copies, then newest),
    `limit` 0 or None: all, from `offset`. The rows are picked on stored columns first, so
    the per-event counts and facts are computed for the rows returned only."""
    clause, params = where(spec)
    pick = (f"SELECT e.id FROM {source(spec, sort)}{clause} ORDER BY {SORTS[sort]}"
            f"{_limit(limit, offset)}")
    ids = [row[0] for row in db.execute(pick, params)]
    sql = ("SELECT r.*, COALESCE(r.sentence, (SELECT m.sentence_text FROM event_mentions m "
           f"WHERE m.event_id = r.id LIMIT 1)) AS first_sentence FROM ({SELECT} "
           "WHERE e.id IN (SELECT value FROM json_each(?))) AS r")
    found = {row["id"]: _event_row(row) for row in db.execute(sql, (json.dumps(ids),))}
    return [found[event_id] for event_id in ids if event_id in found]


def _event_row(row: sqlite3.Row) -> Row:
    """An event row without the dedup keys; its sentence is the first mention's; typed as
    in every export (`typed`)."""
    found = typed(dict(row))
    first = found.pop("first_sentence", None)
    if first is not None:
        found["sentence"] = first
    return found


def typed(found: Row) -> Row:
    """An event row with the names and JSON types every interface shows: `contexts` a list,
    `factual` and `negated` booleans, one `num_mentions` / `num_articles` (the stored
    `n_mentions` / `n_articles` are their parsed parts), no dedup keys."""
    found.pop("actor_keys", None)
    for stored, shown in (("n_mentions", "num_mentions"), ("n_articles", "num_articles")):
        value = found.pop(stored, None)
        found.setdefault(shown, value)
    value = found.get("contexts")
    if isinstance(value, str):
        found["contexts"] = list(json.loads(value)) if value else []
    for flag in ("factual", "negated"):
        if found.get(flag) is not None:
            found[flag] = bool(found[flag])
    return found


def event(db: sqlite3.Connection, event_id: str) -> Row | None:
    """One event (the fields of `events`), or None when unknown."""
    row = db.execute(f"{SELECT} WHERE e.id = ?", (event_id,)).fetchone()
    return None if row is None else _event_row(row)


def count_events(db: sqlite3.Connection, spec: EventFilter) -> int:
    """How many events match `spec` (for "showing 20 of 137")."""
    clause, params = where(spec)
    sql = f"SELECT COUNT(*) FROM {source(spec)}{clause}"
    return int(db.execute(sql, params).fetchone()[0])


def iter_events(db: sqlite3.Connection, spec: EventFilter | None = None, sort: str = "day",
                limit: int | None = None) -> Iterator[Row]:
    """Every matching event (up to `limit`), by day then id unless `sort` names another
    order (see SORTS), with publication data of its first article."""
    clause, params = where(spec or EventFilter())
    order = "e.day, e.id" if sort == "day" else SORTS[sort]
    for row in db.execute(f"{SELECT}{clause} ORDER BY {order}{_limit(limit)}", params):
        yield dict(row)


def mentions(db: sqlite3.Connection, event_id: str, articles: bool = False) -> list[Row]:
    """One event's mentions (`articles`: with their article's title, outlet, publication
    date and url, in order of publication)."""
    head = ", a.title, a.outlet, a.published, a.url" if articles else ""
    join = " JOIN articles a ON a.id = m.article_id" if articles else ""
    order = "a.published, " if articles else ""
    sql = ("SELECT m.article_id, m.item_id, m.trigger_text, m.trigger_start, m.trigger_end, "
           "m.sentence_start, m.sentence_end, m.sentence_text, m.modality, m.negated, "
           f"m.confidence, d.killed, d.injured, d.arrested, d.n_mentions{head} "
           f"FROM event_mentions m{join} LEFT JOIN event_details d "
           "ON d.article_id = m.article_id AND d.item_id = m.item_id "
           f"WHERE m.event_id = ? ORDER BY {order}m.article_id, m.item_id")
    return [dict(row) for row in db.execute(sql, (event_id,))]


def copies(db: sqlite3.Connection, article_ids: list[str]) -> list[Row]:
    """Syndicated copies of these articles (same text, other id and url)."""
    marks = ",".join("?" * len(article_ids))
    sql = ("SELECT id, url, outlet, title, published, original_id FROM article_copies "
           f"WHERE original_id IN ({marks}) ORDER BY published, id")
    return [dict(row) for row in db.execute(sql, article_ids)] if article_ids else []


def _joined(clauses: list[tuple[str, list[Any], Any]]) -> tuple[str, list[Any]]:
    """' WHERE ...' and its parameters from (clause, parameters, given) triples."""
    used = [(clause, values) for clause, values, given in clauses if given]
    if not used:
        return "", []
    return (" WHERE " + " AND ".join(clause for clause, _ in used),
            [value for _, values in used for value in values])


def actors(db: sqlite3.Connection, name: str | None = None, limit: int | None = None,
           country: str | None = None, offset: int = 0) -> list[Row]:
    """Actors by the number of articles that name them; `name`: part of the name."""
    where, params = _joined([(f"name {_LIKE}", [like(name or "")], name),
                             ("country = ?", [(country or "").upper()], country)])
    sql = ("SELECT name, kind, country, sectors, COUNT(DISTINCT article_id) AS articles "
           f"FROM actors{where} GROUP BY name COLLATE NOCASE, kind, country, sectors "
           "ORDER BY articles DESC, name")
    return [dict(row) for row in db.execute(sql + _limit(limit, offset), params)]


def quotes(db: sqlite3.Connection, speaker: str | None = None, limit: int | None = None,
           q: str | None = None, since: str | None = None, until: str | None = None,
           offset: int = 0) -> list[Row]:
    """Quotes, newest first, with who said them and where they were published: `speaker`
    part of the speaker's name, `q` words of the quote, `since`/`until` publication days."""
    where, params = _joined([
        (f"(q.speaker_name {_LIKE} OR q.speaker_text {_LIKE})", [like(speaker or "")] * 2,
         speaker),
        (f"q.text {_LIKE}", [like(q or "")], q),
        ("a.published >= ?", [since], since),
        ("substr(a.published, 1, 10) <= ?", [until], until)])
    sql = ("SELECT q.speaker_name, q.text, q.direct, q.cue, q.channel, a.published, a.outlet, "
           "a.title, q.article_id, q.item_id AS quote_id, q.start, q.\"end\" FROM quotes q "
           f"JOIN articles a ON a.id = q.article_id{where} "
           "ORDER BY a.published DESC, q.article_id, q.start")
    return [dict(row) for row in db.execute(sql + _limit(limit, offset), params)]


def counts_by_type_month(db: sqlite3.Connection) -> list[Row]:
    """Events by type and month, from the summary table kept by triggers."""
    sql = "SELECT type, month, n AS events FROM event_monthly ORDER BY month, type"
    return [dict(row) for row in db.execute(sql)]


def counts(db: sqlite3.Connection, by: list[str], per: str,
           spec: EventFilter | None = None) -> list[Row]:
    """Events by period and the `by` dimensions, from the `event_counts` summary table.

    Only the filters the table can answer apply (type, country, period bounds); the
    command refuses the others. Unknown values read '' (no day, country or actor). Rows
    come by period, then most events first.
    """
    if per not in PERIODS:
        raise ValueError(f"per must be one of {', '.join(PERIODS)}")
    unknown = [name for name in by if name not in DIMENSIONS]
    if unknown:
        raise ValueError(f"cannot count by {unknown[0]}; choose from {', '.join(DIMENSIONS)}")
    spec = spec or EventFilter()
    if "dyad" in by or (per != "day" and (spec.since or spec.until)):
        return _most_first(_bounded_counts(db, by, per, spec))
    # rows under actor '*' count every event once whatever its actor (see schema.py).
    where, params = _joined([
        ("per = ?", [per], True),
        ("actor != '*'" if "actor" in by else "actor = '*'", [], True),
        ("type = ?", [(spec.type or "").upper()], spec.type),
        ("country = ?", [(spec.country or "").upper()], spec.country),
        ("period >= ?", [spec.since], spec.since),
        ("period != '' AND period <= ?", [spec.until], spec.until)])
    keys = ", ".join(str(n) for n in range(1, len(by) + 2))
    sql = (f"SELECT period, {', '.join([*by, ''])}SUM(n) AS events "
           f"FROM event_counts{where} GROUP BY {keys} ORDER BY {keys}")
    return _most_first([dict(row) for row in db.execute(sql, params)])


def _most_first(rows: list[Row]) -> list[Row]:
    """Within each period, most events first (ties keep their order: by name)."""
    return sorted(rows, key=lambda row: (row["period"], -row["events"]))


# An event's week or month from its date at its own precision ('' when coarser).
_PERIOD_OF_EVENT = {
    "day": "CASE WHEN e.date_precision IN ('day', 'published') THEN COALESCE(e.day, '') "
           "ELSE '' END",
    "week": "CASE WHEN e.date_precision IN ('day', 'published', 'week') "
            "THEN COALESCE(date(e.day, '-6 days', 'weekday 1'), '') ELSE '' END",
    "month": "CASE WHEN e.date_precision IN ('day', 'published', 'week', 'month') "
             "THEN substr(e.day, 1, 7) ELSE '' END"}
_DIMENSION_OF_EVENT = {"type": "e.type", "country": "COALESCE(e.country, '')",
                       "actor": "COALESCE(e.source_name, '')", "dyad": DYAD}


def _bounded_counts(db: sqlite3.Connection, by: list[str], per: str,
                    spec: EventFilter) -> list[Row]:
    """Counts read from the events (for dyads, which the summary table does not keep, and
    for weeks or months between bounds that may fall inside a period): the events between
    the bounds (read through the events(day) index), each in the period its own date
    allows."""
    clause, params = where(EventFilter(type=spec.type, country=spec.country, since=spec.since,
                                       until=spec.until))
    keys = ", ".join(str(n) for n in range(1, len(by) + 2))
    columns = "".join(f"{_DIMENSION_OF_EVENT[name]} AS {name}, " for name in by)
    sql = (f"SELECT {_PERIOD_OF_EVENT[per]} AS period, {columns}COUNT(*) AS events "
           f"FROM events e{clause} GROUP BY {keys} ORDER BY {keys}")
    return [dict(row) for row in db.execute(sql, params)]


def stats(db: sqlite3.Connection) -> Row:
    """Totals, events by type and by day, and the articles each release coded
    (`meta.version`; an earlier release's articles are recoded by `ingest --recode`)."""
    totals = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("articles", "article_copies", "stories", "events",
                            "event_mentions", "actors", "quotes", "places")}
    by_type = [dict(row) for row in db.execute(
        "SELECT type, SUM(n) AS events FROM event_daily GROUP BY type ORDER BY events DESC, type")]
    by_day = [dict(row) for row in db.execute(
        "SELECT day, SUM(n) AS events FROM event_daily GROUP BY day ORDER BY day")]
    coded_by = [dict(row) for row in db.execute(
        "SELECT json_extract(record, '$.meta.version') AS release, COUNT(*) AS articles "
        "FROM articles GROUP BY release ORDER BY articles DESC, release")]
    return {"totals": totals, "by_type": by_type, "by_day": by_day, "coded_by": coded_by}
