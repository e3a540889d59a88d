"""Feed-watching state in the store (tables `feeds` and `feed_items`, see store/schema.py).

Functions take the store's own connection (`Store.db`), so an item's mark is written in the
same transaction as its article: after a crash both or neither are there.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def known(db: sqlite3.Connection, url: str, refused: bool = True) -> bool:
    """Whether an item URL was handled before (counting refused ones when `refused`) or an
    article with this URL is stored."""
    return (db.execute("SELECT 1 FROM feed_items WHERE url = ? AND (? OR status NOT LIKE "
                       "'refused%')", (url, refused)).fetchone() is not None
            or db.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None)


def mark(db: sqlite3.Connection, urls: set[str], feed: str, status: str,
         article_id: str | None = None) -> None:
    """Remember item URLs as handled (a later mark replaces an earlier one)."""
    db.executemany(
        "INSERT INTO feed_items(url, feed, seen, status, article_id) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET seen = excluded.seen, status = excluded.status, "
        "article_id = COALESCE(excluded.article_id, article_id)",
        [(url, feed, now(), status, article_id) for url in sorted(urls)])


def validators(db: sqlite3.Connection, feed: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified of the feed's last complete poll."""
    row = db.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (feed,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def polled(db: sqlite3.Connection, feed: str, status: str, etag: str | None = None,
           last_modified: str | None = None, keep_validators: bool = False) -> None:
    """Record a poll; validators change only when `keep_validators` is False."""
    db.execute(
        "INSERT INTO feeds(url, etag, last_modified, last_poll, last_status, n_polls) "
        "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT(url) DO UPDATE SET "
        "etag = CASE WHEN ? THEN etag ELSE excluded.etag END, "
        "last_modified = CASE WHEN ? THEN last_modified ELSE excluded.last_modified END, "
        "last_poll = excluded.last_poll, last_status = excluded.last_status, "
        "n_polls = n_polls + 1",
        (feed, None if keep_validators else etag, None if keep_validators else last_modified,
         now(), status, keep_validators, keep_validators))


def reader(path: str) -> sqlite3.Connection:
    """A read-only connection to the store at `path`, usable from any thread (for the
    fetching threads that ask `known`)."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                           check_same_thread=False)


def path_of(db: sqlite3.Connection) -> str:
    """The file of a connection's main database ('' for an in-memory one)."""
    return next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
