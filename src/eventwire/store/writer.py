"""The store: open (checked, migrated), and write articles idempotently, one transaction each.

An article is known by its id, its url and the hash of its text. Writing a known article
with the same text adds nothing; with new text (same id or url) its rows are replaced
within one transaction. Articles are committed in small batches (each article a savepoint),
so a crash leaves the store as it was after the last committed batch of whole articles.

Only what event dedup must read back is written at once (events, within the article's
savepoint); the rows of the story counts, the articles and their items wait in memory and
are inserted in bulk just before their batch commits, in the same transaction (a
replacement, which reads them, first commits the batch). Articles waiting are looked up in
memory as well as in the table, so idempotency does not depend on when rows are written.
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

from eventwire.errors import StoreError
from eventwire.model import Actor, Article, Event, Mention
from eventwire.store.blocks import EventBlocks
from eventwire.store.dedup import DedupConfig, StoryIndex, best_match, mention_key, signature
from eventwire.store.rows import COLUMNS, STORY_COUNTS, Row, insert_rows, item_rows
from eventwire.store.schema import ITEM_TABLES, SCHEMA_VERSION, inspect, migrate

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
        # the sub-journal that savepoints and statements roll back from, in memory: it
        # never matters after a crash (the open transaction is lost whole), and on disk
        # it costs a write call for every page each article first touches
        connection.execute("PRAGMA temp_store = MEMORY")
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
        self.sql = self.db.cursor()  # one cursor for the statements run for every article
        self.index = StoryIndex(self.config)
        self.blocks = EventBlocks(self.db, self.config.window_days)
        self._rows: dict[str, list[Row]] = {table: [] for table in COLUMNS}
        self._stories: Counter[str] = Counter()  # articles waiting, by story
        self._waiting: dict[str, tuple[str | None, str]] = {}  # id -> url, content hash
        self._waiting_urls: dict[str, str] = {}
        self._waiting_hashes: dict[str, list[str]] = {}
        self._version = -1
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
        """Insert the waiting item rows and commit the open transaction, if any."""
        if not self.db.in_transaction:
            return
        try:
            self._write_rows()
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self._forget()
            raise StoreError(f"{self.path}: cannot commit ({exc}); the last "
                             f"{self._pending} article(s) were not stored") from None
        finally:
            self._pending = 0

    def _write_rows(self) -> None:
        """Insert the rows waiting for the commit: story counts, articles, their items."""
        if self._stories:
            self.db.executemany(STORY_COUNTS, self._stories.items())
        for table, rows in self._rows.items():
            if rows:
                insert_rows(self.db, table, rows)
        self._clear_waiting()

    def _clear_waiting(self) -> None:
        for rows in self._rows.values():
            rows.clear()
        self._stories.clear()
        self._waiting.clear()
        self._waiting_urls.clear()
        self._waiting_hashes.clear()

    def _forget(self) -> None:
        """After a rollback: drop what was kept in memory for the lost transaction."""
        self._clear_waiting()
        self.blocks.clear()
        self._load_index()

    def write_many(self, articles: Iterable[Article]) -> Counter[str]:
        outcomes: Counter[str] = Counter()
        for article in articles:
            outcomes[self.write(article)] += 1
        self.flush()
        return outcomes

    def _known(self, article: Article, digest: str) -> tuple[dict[str, str], bool]:
        """Stored or waiting articles with the same id or url (id -> content hash), and
        whether others have the same text."""
        found = [(row[0], row[1], row[2]) for row in self.sql.execute(
            "SELECT id, url, content_hash FROM articles "
            "WHERE id = ? OR url = ? OR content_hash = ?", (article.id, article.url, digest))]
        if self._waiting:
            ids = set(self._waiting_hashes.get(digest, ()))
            if article.id in self._waiting:
                ids.add(article.id)
            if article.url is not None and article.url in self._waiting_urls:
                ids.add(self._waiting_urls[article.url])
            found += [(other, *self._waiting[other]) for other in ids]
        known: dict[str, str] = {}
        copies = False
        for other, url, other_digest in found:
            if other == article.id or (article.url is not None and url == article.url):
                known[other] = other_digest
            else:
                copies = True
        return known, copies

    def write(self, article: Article) -> Outcome:
        """Store one article: added, unchanged or replaced."""
        digest = content_hash(article)
        known, copies = self._known(article, digest)
        if digest in known.values() or (copies and not known):
            return "unchanged"
        try:
            rows = item_rows(article)
        except ValueError as exc:
            raise StoreError(f"{self.path}: cannot write article {article.id!r} ({exc}); "
                             "it was not stored") from None
        record = article.model_dump_json(by_alias=True)
        values = signature(article.text, self.config)
        if known:  # replacing reads the old article's rows: they must be in the tables
            self.flush()
        if not self.db.in_transaction:
            self._begin()
        self.sql.execute("SAVEPOINT article")
        try:
            for old in known:
                self._delete(old)
            bands = None if values is None else self.index.bands(values)
            match = (None if values is None
                     else self.index.match(values, exclude=set(known), bands=bands))
            story = match[0] if match else article.id
            rows["event_mentions"] = self._insert_events(article, story)
            self.sql.execute("RELEASE article")
        except BaseException as exc:
            self.db.execute("ROLLBACK TO article")
            self.db.execute("RELEASE article")
            self.blocks.clear()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: cannot write article {article.id!r} "
                                 f"({exc}); it was not stored") from None
            raise
        self._wait(article, (digest, story, values, record), rows)
        for old in known:
            self.index.remove(old)
        if values is not None:
            self.index.add(article.id, values, story, bands)
        self._pending += 1
        if self._pending >= self.batch or time.monotonic() - self._opened >= self.seconds:
            self.flush()
        return "replaced" if known else "added"

    def _wait(self, article: Article, stored: tuple[str, str, np.ndarray | None, str],
              rows: dict[str, list[Row]]) -> None:
        """Keep a written article's rows until the commit, and remember it for `_known`
        (`stored`: its content hash, story, signature and record)."""
        digest, story, values, record = stored
        self._stories[story] += 1
        self._rows["articles"].append((
            article.id, article.url, digest, article.title, article.outlet, article.author,
            article.published, article.language, story,
            None if values is None else values.tobytes(), record))
        for table, table_rows in rows.items():
            self._rows[table].extend(table_rows)
        self._waiting[article.id] = (article.url, digest)
        if article.url is not None:
            self._waiting_urls[article.url] = article.id
        self._waiting_hashes.setdefault(digest, []).append(article.id)

    def _begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self._opened = time.monotonic()
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:  # another connection committed: cached blocks may be stale
            self.blocks.clear()
            self._version = version

    def _delete(self, article_id: str) -> None:
        self.blocks.clear()
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

    def _insert_events(self, article: Article, story: str) -> list[Row]:
        """Link the article's events (matched or new); their event_mentions rows."""
        actors = {a.id: a for a in article.actors}
        seen: set[str] = set()
        return [self._insert_event(article, event, story, actors, seen)
                for event in article.events]

    @staticmethod
    def _name(actors: dict[str, Actor], mention: Mention | None) -> str | None:
        if mention is None:
            return None
        actor = actors.get(mention.actor) if mention.actor else None
        return actor.name if actor else mention.text

    def _insert_new_event(self, article: Article, event: Event, fields: tuple[object, ...]) -> str:
        """Insert a new event with a stable id (hash of its first mention); return the id."""
        for attempt in range(1000):
            basis = f"{article.id}/{event.id}/{attempt}" if attempt else f"{article.id}/{event.id}"
            event_id = "ev-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
            try:
                self.sql.execute("INSERT INTO events VALUES "
                                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,1)",
                                (event_id, *fields))
            except sqlite3.IntegrityError:
                continue
            return event_id
        raise StoreError(f"{self.path}: cannot find a free event id for {article.id}/{event.id}")

    def _insert_event(self, article: Article, event: Event, story: str,
                      actors: dict[str, Actor], seen: set[str]) -> tuple[object, ...]:
        """Link one event mention to its event (matched or new); its event_mentions row."""
        key = mention_key(article, event, actors)
        candidates = self.blocks.candidates(key)
        event_id = best_match(key, candidates, self.config)
        joined = "|".join(sorted(key.actors))
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
                joined, key.sentence))
            self.blocks.added(event_id, key, joined)
        else:
            merged = next(other for found, other in candidates if found == event_id)
            both = "|".join(sorted(merged.actors | key.actors))
            self.sql.execute("UPDATE events SET n_mentions = n_mentions + 1, "
                            "n_articles = n_articles + ?, actor_keys = ? WHERE id = ?",
                            (int(event_id not in seen), both, event_id))
            self.blocks.merged(event_id, both)
        seen.add(event_id)
        fields, trigger, sentence = vars(event), vars(event.trigger), vars(event.sentence)
        return (article.id, fields["id"], event_id, fields["type"], int(key.factual), key.day,
                key.place, key.country, joined, trigger["text"], trigger["start"],
                trigger["end"], sentence["start"], sentence["end"], key.sentence,
                fields["modality"], int(fields["negated"]), fields["confidence"])
