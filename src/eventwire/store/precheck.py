"""Before parsing: is an input already in the store, or a syndicated copy of a stored article?

`Precheck.decide` hashes the text the pipeline would store (cleaned the same way, no NLP) and
looks it up by content hash: the same id or url means "unchanged" (skip it; with `recode`,
parse it again: "new"), another id and
url means "copy" (the same wire story from another outlet: skip the parsing, and record it
with `record_copies` as one more article and source of the original's events). Anything
else is "new" and goes through the pipeline and the writer as before. `earlier` counts the
unchanged inputs whose stored record an earlier release coded (by its `meta.version`), so
that `ingest` can say `--recode` would code them again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventwire._version import __version__
from eventwire.model import Article
from eventwire.store.outlets import outlet_of
from eventwire.text.clean import clean_text

Decision = Literal["new", "unchanged", "copy"]
RELEASE = f"eventwire {__version__}"


@dataclass(frozen=True)
class Copy:
    """An article whose text a stored article already has (its content hash)."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    content_hash: str

    @classmethod
    def of(cls, article: Article, digest: str) -> Copy:
        return cls(article.id, article.url, article.outlet or outlet_of(article.url),
                   article.title, article.published, digest)


def stored_text(article: Article, clean: bool) -> str:
    """The text the pipeline stores for this input (the clean stage's output when on)."""
    return clean_text(article.text)[0] if clean else article.text


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Precheck:
    """Decide per input whether to parse it; `copies` collects the syndicated copies seen."""

    def __init__(self, db: sqlite3.Connection, clean: bool = True, recode: bool = False
                 ) -> None:
        self.db = db
        self.clean = clean
        self.recode = recode
        self.copies: list[Copy] = []
        self.earlier: Counter[str] = Counter()

    @classmethod
    def at(cls, path: Path, clean: bool = True, recode: bool = False) -> Precheck:
        """A precheck with its own connection to the store at `path`, usable from the
        thread that feeds the worker pool (it only reads)."""
        return cls(sqlite3.connect(path, check_same_thread=False), clean, recode)

    def close(self) -> None:
        self.db.close()

    def decide(self, article: Article) -> Decision:
        text_hash = digest(stored_text(article, self.clean))
        rows = self.db.execute(
            "SELECT id, url FROM articles WHERE content_hash = ? UNION ALL "
            "SELECT id, url FROM article_copies WHERE content_hash = ?",
            (text_hash, text_hash)).fetchall()
        if not rows:
            return "new"
        if any(row[0] == article.id or (article.url is not None and row[1] == article.url)
               for row in rows):
            if self.recode:
                return "new"
            self._note_release(text_hash)
            return "unchanged"
        if self.db.execute("SELECT 1 FROM articles WHERE id = ? OR url = ?",
                           (article.id, article.url)).fetchone() is not None:
            return "new"  # replaces a stored article: the writer removes it, then records the copy
        self.copies.append(Copy.of(article, text_hash))
        return "copy"

    def _note_release(self, text_hash: str) -> None:
        """Count the stored record of this text when an earlier release coded it."""
        row = self.db.execute(
            "SELECT json_extract(record, '$.meta.version') FROM articles "
            "WHERE content_hash = ? LIMIT 1", (text_hash,)).fetchone()
        if row is not None and row[0] != RELEASE:
            self.earlier[str(row[0])] += 1

    def skip(self, article: Article) -> bool:
        """For `process_paths(skip=...)`: True when the input need not be parsed."""
        return self.decide(article) != "new"


def record_copies(db: sqlite3.Connection, copies: list[Copy], transaction: bool = True) -> int:
    """Record syndicated copies of stored articles in one transaction (`transaction` False:
    in the caller's); how many were new.

    A copy is kept only when a stored article has its text under another id and url, and
    neither its id nor its url is stored yet (as an article or a copy).
    """
    added = 0
    if not copies:
        return 0
    if not transaction:
        return sum(_record(db, copy) for copy in copies)
    db.execute("BEGIN IMMEDIATE")
    try:
        added = sum(_record(db, copy) for copy in copies)
        db.execute("COMMIT")
    except sqlite3.Error:
        db.execute("ROLLBACK")
        raise
    return added


def _record(db: sqlite3.Connection, copy: Copy) -> bool:
    """Record one copy (inside a transaction); whether it was new."""
    original = db.execute(
        "SELECT id FROM articles WHERE content_hash = ? AND id != ? "
        "AND (url IS NULL OR ? IS NULL OR url != ?) ORDER BY published, id LIMIT 1",
        (copy.content_hash, copy.id, copy.url, copy.url)).fetchone()
    known = db.execute(
        "SELECT 1 FROM articles WHERE id = ? OR url = ? UNION ALL "
        "SELECT 1 FROM article_copies WHERE id = ? OR url = ?",
        (copy.id, copy.url, copy.id, copy.url)).fetchone()
    if original is None or known is not None:
        return False
    db.execute("INSERT INTO article_copies(id, url, outlet, title, published, "
               "content_hash, original_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
               (copy.id, copy.url, copy.outlet, copy.title, copy.published,
                copy.content_hash, original[0]))
    return True


def record_copies_at(path: Path, copies: list[Copy]) -> int:
    """`record_copies` on the store at `path` (opened, checked and closed here)."""
    from eventwire.store.connection import connect

    if not copies:
        return 0
    db = connect(path)
    try:
        return record_copies(db, copies)
    finally:
        db.close()
