"""The store: open (checked, migrated), and write articles idempotently, one transaction each.

An article is known by its id, its url and the hash of its text. Writing a known article
with the same text adds nothing; with new text (same id or url) its rows are replaced
within one transaction. Articles are committed in small batches (each article a savepoint),
so a crash leaves the store as it was after the last committed batch of whole articles.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Literal

import numpy as np

from ..dedup import (
    DedupConfig,
    MentionKey,
    StoryIndex,
    best_match,
    day_window,
    mention_key,
    signature,
)
from ..errors import StoreError
from ..model import Actor, Article, Event, Mention
from .schema import ITEM_TABLES, SCHEMA_VERSION, inspect, migrate

Outcome = Literal["added", "unchanged", "replaced"]


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    """A checked connection to the store at `path` (read-only: it must exist)."""
    version = inspect(path, thorough=not readonly)
    if readonly:
        if version is None:
            raise StoreError(f"{path}: no eventwire store here; create one with "
                             f"`eventwire ingest PATH --db {path}`")
        if version < SCHEMA_VERSION:
            raise StoreError(f"{path}: store schema {version} is older than {SCHEMA_VERSION}; "
                             f"run `eventwire ingest --db {path}` once to upgrade it")
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        connection.row_factory = sqlite3.Row
        return connection
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA cache_size = -65536")
        connection.execute("PRAGMA foreign_keys = ON")
        migrate(connection, version or 0)
    except sqlite3.Error as exc:
        connection.close()
        raise StoreError(f"{path}: cannot prepare the store ({exc})") from None
    connection.row_factory = sqlite3.Row
    return connection


def _sectors(actor: Actor | None) -> str | None:
    return ";".join(actor.sectors) if actor and actor.sectors else None


class Store:
    """An eventwire store opened for writing (use as a context manager).

    Articles are written in small transactions: one commits when it holds `batch`
    articles or has been open `seconds`, and on `flush()`/`close()`. Each article is
    a savepoint inside it, so a bad article never leaves half its rows behind, and a
    crash loses at most the open transaction, never consistency.
    """

    def __init__(self, path: Path | str, config: DedupConfig | None = None,
                 batch: int = 200, seconds: float = 1.0) -> None:
        self.path = Path(path)
        self.config = config or DedupConfig()
        self.batch = max(1, batch)
        self.seconds = seconds
        self.db = connect(self.path)
        self.index = StoryIndex(self.config)
        self._pending = 0
        self._opened = 0.0
        self._load_index()

    def _load_index(self) -> None:
        self.index = StoryIndex(self.config)
        for row in self.db.execute("SELECT id, story_id, minhash FROM articles"):
            if row["minhash"] is not None:
                values = np.frombuffer(row["minhash"], dtype=np.uint64).copy()
                self.index.add(row["id"], values, row["story_id"])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.db.close()

    def flush(self) -> None:
        """Commit the open transaction, if any."""
        if not self.db.in_transaction:
            return
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK")
            self._load_index()
            raise StoreError(f"{self.path}: cannot commit ({exc}); the last "
                             f"{self._pending} article(s) were not stored") from None
        finally:
            self._pending = 0

    def write_many(self, articles: Iterable[Article]) -> Counter[str]:
        outcomes: Counter[str] = Counter()
        for article in articles:
            outcomes[self.write(article)] += 1
        self.flush()
        return outcomes

    def write(self, article: Article) -> Outcome:
        """Store one article: added, unchanged or replaced."""
        digest = content_hash(article)
        known: dict[str, str] = {}
        copies = False
        for row in self.db.execute(
                "SELECT id, url, content_hash FROM articles "
                "WHERE id = ? OR url = ? OR content_hash = ?", (article.id, article.url, digest)):
            if row["id"] == article.id or (article.url is not None and row["url"] == article.url):
                known[row["id"]] = row["content_hash"]
            else:
                copies = True
        if digest in known.values() or (copies and not known):
            return "unchanged"
        values = signature(article.text, self.config)
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self._opened = time.monotonic()
        self.db.execute("SAVEPOINT article")
        try:
            for old in known:
                self._delete(old)
            match = None if values is None else self.index.match(values, exclude=set(known))
            story = match[0] if match else article.id
            if match:
                self.db.execute("UPDATE stories SET n_articles = n_articles + 1 WHERE id = ?",
                                (story,))
            else:
                self.db.execute("INSERT INTO stories(id, n_articles) VALUES (?, 1) "
                                "ON CONFLICT(id) DO UPDATE SET n_articles = n_articles + 1",
                                (story,))
            self._insert(article, digest, story, values)
            self.db.execute("RELEASE article")
        except BaseException as exc:
            self.db.execute("ROLLBACK TO article")
            self.db.execute("RELEASE article")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: cannot write article {article.id!r} "
                                 f"({exc}); it was not stored") from None
            raise
        for old in known:
            self.index.remove(old)
        if values is not None:
            self.index.add(article.id, values, story)
        self._pending += 1
        if self._pending >= self.batch or time.monotonic() - self._opened >= self.seconds:
            self.flush()
        return "replaced" if known else "added"

    def _delete(self, article_id: str) -> None:
        events = [row[0] for row in self.db.execute(
            "SELECT DISTINCT event_id FROM event_mentions WHERE article_id = ?", (article_id,))]
        for table in ITEM_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        row = self.db.execute("SELECT story_id FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        for event_id in events:
            self._refresh_event(event_id)
        if row is not None and row[0] is not None:
            self.db.execute("UPDATE stories SET n_articles = n_articles - 1 WHERE id = ?",
                            (row[0],))
            self.db.execute("DELETE FROM stories WHERE id = ? AND n_articles <= 0", (row[0],))

    def _refresh_event(self, event_id: str) -> None:
        mentions, articles = self.db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT article_id) FROM event_mentions WHERE event_id = ?",
            (event_id,)).fetchone()
        if mentions == 0:
            self.db.execute("DELETE FROM events WHERE id = ?", (event_id,))
        else:
            self.db.execute("UPDATE events SET n_mentions = ?, n_articles = ? WHERE id = ?",
                            (mentions, articles, event_id))
            self.db.execute(  # its first article gone: the earliest one left stands for it
                "UPDATE events SET first_article = m.article_id, story_id = a.story_id "
                "FROM (SELECT MIN(article_id) AS article_id FROM event_mentions "
                "WHERE event_id = ?) AS m JOIN articles a ON a.id = m.article_id "
                "WHERE events.id = ? AND NOT EXISTS "
                "(SELECT 1 FROM articles WHERE id = events.first_article)",
                (event_id, event_id))

    def _insert(self, article: Article, digest: str, story: str,
                values: np.ndarray | None) -> None:
        db = self.db
        db.execute(
            "INSERT INTO articles(id, url, content_hash, title, outlet, author, published, "
            "language, story_id, minhash, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.url, digest, article.title, article.outlet, article.author,
             article.published, article.language, story,
             None if values is None else values.tobytes(),
             article.model_dump_json(by_alias=True)))
        aid = article.id
        executemany = self._executemany
        executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?)", [
            (aid, e.id, e.text, e.label, e.start, e.end, e.actor) for e in article.entities])
        executemany("INSERT INTO actors VALUES (?,?,?,?,?,?,?,?)", [
            (aid, a.id, a.name, a.kind, a.country, _sectors(a), a.title, a.backer)
            for a in article.actors])
        executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
            (aid, p.id, p.text, p.start, p.end, p.name, p.geonameid, p.feature, p.country,
             p.admin1, p.lat, p.lon) for p in article.places])
        executemany("INSERT INTO times VALUES (?,?,?,?,?,?,?,?)", [
            (aid, t.id, t.text, t.start, t.end, t.type, t.value, t.precision)
            for t in article.times])
        executemany("INSERT INTO counts VALUES (?,?,?,?,?,?,?,?,?)", [
            (aid, c.id, c.text, c.start, c.end, c.value, c.qualifier, c.noun, c.category)
            for c in article.counts])
        actors = {a.id: a for a in article.actors}
        executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
            (aid, q.id, q.text, q.start, q.end, int(q.direct),
             q.speaker.text if q.speaker else None, q.speaker.actor if q.speaker else None,
             self._name(actors, q.speaker), q.cue, q.channel) for q in article.quotes])
        seen: set[str] = set()
        mentions = [self._insert_event(article, event, story, actors, seen)
                    for event in article.events]
        executemany("INSERT INTO event_mentions VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", mentions)

    def _executemany(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        if rows:
            self.db.executemany(sql, rows)

    @staticmethod
    def _name(actors: dict[str, Actor], mention: Mention | None) -> str | None:
        if mention is None:
            return None
        actor = actors.get(mention.actor) if mention.actor else None
        return actor.name if actor else mention.text

    def _candidates(self, key: MentionKey) -> list[tuple[str, MentionKey]]:
        low, high = day_window(key.day, self.config.window_days)
        rows = self.db.execute(
            "SELECT id, day, place_name, country, actor_keys, sentence FROM events "
            "WHERE type = ? AND factual = ? AND day BETWEEN ? AND ? "
            "AND (? IS NULL OR country IS NULL OR country = ?)",
            (key.type, int(key.factual), low, high, key.country, key.country))
        return [(row[0], MentionKey(type=key.type, factual=key.factual, day=row[1],
                                    place=row[2], country=row[3],
                                    actors=frozenset(row[4].split("|")) if row[4]
                                    else frozenset(),
                                    sentence=row[5] or "")) for row in rows]

    def _insert_new_event(self, article: Article, event: Event, fields: tuple[object, ...]) -> str:
        """Insert a new event with a stable id (hash of its first mention); return the id."""
        for attempt in range(1000):
            basis = f"{article.id}/{event.id}/{attempt}" if attempt else f"{article.id}/{event.id}"
            event_id = "ev-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
            try:
                self.db.execute("INSERT INTO events VALUES "
                                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,1)",
                                (event_id, *fields))
            except sqlite3.IntegrityError:
                continue
            return event_id
        raise StoreError(f"{self.path}: cannot find a free event id for {article.id}/{event.id}")

    def _insert_event(self, article: Article, event: Event, story: str,
                      actors: dict[str, Actor], seen: set[str]) -> tuple[object, ...]:
        """Link one event mention to its event (matched or new); its event_mentions row."""
        key = mention_key(article, event)
        candidates = self._candidates(key)
        event_id = best_match(key, candidates, self.config)
        if event_id is None:
            place = next((p for p in article.places
                          if event.place and p.id == event.place.place), None)
            source = actors.get(event.source.actor or "") if event.source else None
            target = actors.get(event.target.actor or "") if event.target else None
            event_id = self._insert_new_event(article, event, (
                event.type, event.mode, json.dumps(event.contexts),
                int(key.factual), key.day, key.place, key.country,
                place.lat if place else None, place.lon if place else None,
                self._name(actors, event.source), source.country if source else None,
                _sectors(source), self._name(actors, event.target),
                target.country if target else None, _sectors(target), article.id, story,
                "|".join(sorted(key.actors)), key.sentence))
        else:
            merged = next(other for found, other in candidates if found == event_id)
            self.db.execute("UPDATE events SET n_mentions = n_mentions + 1, "
                            "n_articles = n_articles + ?, actor_keys = ? WHERE id = ?",
                            (int(event_id not in seen),
                             "|".join(sorted(merged.actors | key.actors)), event_id))
        seen.add(event_id)
        return (article.id, event.id, event_id, event.type, int(key.factual), key.day, key.place,
             key.country, "|".join(sorted(key.actors)), event.trigger.text,
             event.trigger.start, event.trigger.end, event.sentence.start, event.sentence.end,
             key.sentence, event.modality, int(event.negated), event.confidence)
