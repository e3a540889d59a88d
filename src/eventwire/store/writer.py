"""The store writer: articles written idempotently, in short transactions, by any number of
processes at once.

An article is known by its id, its url and the hash of its text. Writing a known article
with the same text adds nothing (unless the store is opened with `recode=True`: after an
upgrade, its rows are then replaced by what this release extracts); with new text (same id
or url) its rows are replaced. All
the work that needs no lock (rows, signatures) is done before the transaction; a
transaction (`BEGIN IMMEDIATE`, so the known-article checks see every committed write)
holds at most `batch` articles and is retried with backoff while another writer holds
the lock. A crash loses at most the open transaction, never consistency.

Stories and events are connected groups (near-duplicate texts; linked event mentions, see
`grouping`) named after their least member, so the final state depends only on which
articles are stored, not on the order or the process they were written by: writers
running at once give the state of the same writers run one after another. Event links
across articles follow the happenings (`happenings`): at the end of each transaction the
windows it touched are clustered again, the events shared or linkable by earlier articles
whose standing towards each other changed are regrouped, and then the new articles'
mentions are linked.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Literal, NamedTuple

import numpy as np

from eventwire.errors import StoreError
from eventwire.model import Article
from eventwire.store.connection import connect, retry
from eventwire.store.dedup import DedupConfig, StoryIndex, signature
from eventwire.store.grouping import Events, near
from eventwire.store.happenings import Happenings, changed, verdict
from eventwire.store.outlets import outlet_of
from eventwire.store.overlay import reattach
from eventwire.store.precheck import Copy, record_copies
from eventwire.store.rows import Row, insert_rows, item_rows
from eventwire.store.schema import ITEM_TABLES

Outcome = Literal["added", "unchanged", "replaced"]
ARTICLE_ROW = ("INSERT INTO articles(id, url, content_hash, title, outlet, author, published, "
               "language, story_id, minhash, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)")

__all__ = ["Outcome", "Store", "connect", "content_hash"]


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


class Prepared(NamedTuple):
    """What writing an article needs that takes no lock."""

    article: Article
    digest: str
    values: np.ndarray | None
    rows: dict[str, list[Row]]
    record: str


class Store:
    """An eventwire store opened for writing (use as a context manager)."""

    def __init__(self, path: Path | str, config: DedupConfig | None = None,
                 batch: int = 200, seconds: float = 1.0, recode: bool = False) -> None:
        self.path = Path(path)
        self.recode = recode  # the same text under the same id or url is extracted again
        self.config = config or DedupConfig()
        self.batch = max(1, batch)
        self.seconds = seconds  # kept for callers; transactions are bounded by `batch`
        self.db = connect(self.path)
        self.events = Events(self.db, self.config)
        self.happenings = Happenings(self.db, self.config)
        self.index = StoryIndex(self.config)
        self.story_of: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self._version = -1
        self._pending: list[Article] = []
        self._touched: set[str] = set()
        self._stale = False
        self._load()
        if self.happenings.unplaced():  # a store from before schema V8
            self._stale = True
            self._transaction([])
            self._stale = False

    def _load(self) -> None:
        """The story index and story members, read again from the store."""
        self.index = StoryIndex(self.config)
        self.story_of, self.members = {}, {}
        for row in self.db.execute("SELECT id, story_id, minhash FROM articles"):
            story = row["story_id"] or row["id"]
            self.story_of[row["id"]] = story
            self.members.setdefault(story, set()).add(row["id"])
            if row["minhash"] is not None:
                values = np.frombuffer(row["minhash"], dtype=np.uint64).copy()
                self.index.add(row["id"], values, story)
        self.happenings.reset()
        self._version = self.db.execute("PRAGMA data_version").fetchone()[0]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def flush(self) -> None:
        """Nothing waits: every write commits before it returns."""

    def prepare(self, article: Article) -> Prepared:
        if not article.outlet and article.url:
            outlet = outlet_of(article.url)
            if outlet is not None:
                article = article.model_copy(update={"outlet": outlet})
        try:
            rows = item_rows(article)
        except ValueError as exc:
            raise StoreError(f"{self.path}: cannot write article {article.id!r} ({exc}); "
                             "it was not stored") from None
        return Prepared(article, content_hash(article), signature(article.text, self.config),
                        rows, article.model_dump_json(by_alias=True))

    def write(self, article: Article) -> Outcome:
        """Store one article, in its own transaction: added, unchanged or replaced."""
        return self._transaction([self.prepare(article)])[0]

    def write_many(self, articles: Iterable[Article]) -> Counter[str]:
        outcomes: Counter[str] = Counter()
        iterator = iter(articles)
        while chunk := list(islice(iterator, self.batch)):
            outcomes.update(self._transaction([self.prepare(a) for a in chunk]))
        return outcomes

    def _transaction(self, prepared: list[Prepared]) -> list[Outcome]:
        def attempt() -> list[Outcome]:
            self.db.execute("BEGIN IMMEDIATE")
            if self.db.execute("PRAGMA data_version").fetchone()[0] != self._version:
                self._load()  # another writer committed since we last looked
            self._pending, self._touched = [], set()
            outcomes = [self._write(item) for item in prepared]
            self._settle()
            reattach(self.db)  # analysts' reviews survive regrouping (store/overlay.py)
            self.db.execute("COMMIT")
            return outcomes

        try:
            return retry(self.path, attempt, self._undo)
        except sqlite3.Error as exc:
            self._undo()
            raise StoreError(f"{self.path}: cannot write ({exc}); the last "
                             f"{len(prepared)} article(s) were not stored") from None
        except BaseException:
            self._undo()
            raise

    def _undo(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self._load()

    def _write(self, item: Prepared) -> Outcome:
        article = item.article
        found = self.db.execute(
            "SELECT id, url, content_hash FROM articles WHERE id = ? OR url = ? "
            "OR content_hash = ?", (article.id, article.url, item.digest)).fetchall()
        known = {row[0]: row[2] for row in found
                 if row[0] == article.id or (article.url is not None and row[1] == article.url)}
        if item.digest in known.values() and not self.recode:
            return "unchanged"
        for old in sorted(known):
            self._delete(old)
        if found and any(row[0] not in known for row in found):
            # the text of another stored article: a syndicated copy of it (what it replaced,
            # if anything, is gone with its events, as in a store built from the final inputs)
            record_copies(self.db, [Copy.of(article, item.digest)], transaction=False)
            return "replaced" if known else "unchanged"
        story = self._join_story(article.id, item.values)
        self.db.execute(ARTICLE_ROW, (
            article.id, article.url, item.digest, article.title, article.outlet,
            article.author, article.published, article.language, story,
            None if item.values is None else item.values.tobytes(), item.record))
        for table, rows in item.rows.items():
            if rows:
                insert_rows(self.db, table, rows)
        self.happenings.remember(article)
        self._touched |= self.happenings.place(article.id, article.published)
        self._pending.append(article)
        return "replaced" if known else "added"

    def _settle(self) -> None:
        """Cluster the touched windows again; regroup the events of the earlier articles
        whose standing towards each other changed (split what no longer links, merge what
        links now), or every event of several articles when the store had no happenings
        yet; then link the new articles' mentions."""
        stale = self.happenings.unplaced() if self._stale else []
        for article_id in stale:
            self._touched |= self.happenings.place(article_id,
                                                   self.happenings.published(article_id))
        before = self.happenings.states(self._touched)
        self.happenings.recluster(self._touched)
        skip = {article.id for article in self._pending} | set(stale)
        pairs = sorted(pair for pair in changed(before, self.happenings.states(self._touched))
                       if not skip & set(pair))
        if stale:  # happenings only remove links: what was linked before falls apart
            self._split("SELECT id FROM events WHERE n_articles > 1", [])
        for left, right in pairs:
            self._split("SELECT DISTINCT a.event_id FROM event_mentions a JOIN event_mentions b "
                        "ON b.event_id = a.event_id WHERE a.article_id = ? AND b.article_id = ?",
                        [left, right])
        for left, right in pairs:
            self.events.relink(left, right, verdict(self.db, left, right))
        for article in self._pending:
            self.events.add(article, self.story_of.get(article.id, article.id))
        self._pending, self._touched = [], set()

    def _split(self, query: str, parameters: list[str]) -> None:
        self.events.split(sorted(row[0] for row in self.db.execute(query, parameters)))

    def _delete(self, article_id: str) -> None:
        events = [row[0] for row in self.db.execute(
            "SELECT DISTINCT event_id FROM event_mentions WHERE article_id = ?", (article_id,))]
        for table in ITEM_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._touched |= self.happenings.remove(article_id)
        self._pending = [article for article in self._pending if article.id != article_id]
        self.events.split(sorted(events))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self._leave_story(article_id)

    def _set_story(self, story: str, group: set[str], old: Iterable[str]) -> None:
        """Make `group` the story `story` (in the store and in memory), from `old` stories."""
        self.db.execute("INSERT INTO stories(id, n_articles) VALUES (?, ?) ON CONFLICT(id) "
                        "DO UPDATE SET n_articles = excluded.n_articles", (story, len(group)))
        moved = sorted(a for a in group if self.story_of.get(a, story) != story)
        self.db.executemany("UPDATE articles SET story_id = ? WHERE id = ?",
                            [(story, a) for a in moved])
        self.db.executemany("UPDATE events SET story_id = ? WHERE first_article = ?",
                            [(story, a) for a in moved])
        for stale in set(old) - {story}:
            self.members.pop(stale, None)
        self.members[story] = set(group)
        for member in group:
            self.story_of[member] = story
            if member in self.index.stories:
                self.index.stories[member] = story

    def _join_story(self, article_id: str, values: np.ndarray | None) -> str:
        """The story of a new article: its own, merged with every story it is near."""
        if values is None:
            self._set_story(article_id, {article_id}, ())
            return article_id
        bands = self.index.bands(values)
        stories = {self.story_of[other] for other in near(self.index, values, bands)}
        group = {article_id}.union(*(self.members[s] for s in stories))
        story = min(group)
        self.index.add(article_id, values, story, bands)
        self._set_story(story, group, stories)
        for stale in sorted(stories - {story}):
            self.db.execute("DELETE FROM stories WHERE id = ?", (stale,))
        return story

    def _leave_story(self, article_id: str) -> None:
        """An article is gone: what is left of its story may fall apart."""
        story = self.story_of.pop(article_id, article_id)
        self.index.remove(article_id)
        rest = self.members.pop(story, set()) - {article_id}
        groups: list[set[str]] = []
        while rest:
            seed = min(rest)
            group, todo = {seed}, [seed]
            while todo:
                member = todo.pop()
                if member in self.index.rows:
                    found = set(near(self.index, self.index.matrix[self.index.rows[member]])) & rest
                    todo.extend(found - group)
                    group |= found
            rest -= group
            groups.append(group)
        for group in groups:
            self._set_story(min(group), group, ())
        if story not in {min(group) for group in groups}:
            self.db.execute("DELETE FROM stories WHERE id = ?", (story,))
