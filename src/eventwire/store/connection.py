"""Opening a store: checked, read-only for queries, or for writing with a busy timeout.

A store opened for writing must be writable (the file, its folder, its -wal and -shm):
that is checked before SQLite opens it, so a refused open changes nothing on disk and
comes before any NLP runs. Errors say which of three things is wrong: the store is
read-only, it is locked by another writer, or it is damaged.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from eventwire.errors import StoreError
from eventwire.store.schema import SCHEMA_VERSION, damage, inspect, migrate, open_readonly, writable

BUSY_TIMEOUT = 10.0  # seconds SQLite waits for another writer's lock, per attempt
RETRIES = 12  # attempts before "locked by another writer" (with backoff: minutes in all)
T = TypeVar("T")


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def retry(path: Path, action: Callable[[], T], undo: Callable[[], None] | None = None) -> T:
    """Run `action` (a whole transaction), again with backoff while another writer holds the
    lock; StoreError "locked" when it never frees."""
    for attempt in range(RETRIES):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if undo is not None:
                undo()
            if not is_busy(exc):
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
    raise StoreError(f"{path}: locked by another writer for over {int(RETRIES * BUSY_TIMEOUT)} s;"
                     " try again when it finishes")


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    """A checked connection to the store at `path` (read-only: it must exist)."""
    if readonly:
        return _connect_readonly(path)
    if not writable(path):
        raise StoreError(f"{path}: the store is read-only (the file or its folder cannot be "
                         "written); queries can read it, ingest needs write access")
    if path.exists() and not path.is_file():
        raise StoreError(f"{path}: not a file; give --db a path to an eventwire database")
    version = inspect(path, thorough=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot make its folder ({exc.strerror or exc})") from None
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        retry(path, lambda: connection.execute("PRAGMA journal_mode = WAL").fetchone())
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA cache_size = -65536")
        # the sub-journal that savepoints and statements roll back from, in memory: it
        # never matters after a crash (the open transaction is lost whole)
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute("PRAGMA foreign_keys = ON")
        retry(path, lambda: migrate(connection, version or 0))
    except sqlite3.Error as exc:
        connection.close()
        raise damage(path, exc) from None
    except BaseException:
        connection.close()
        raise
    connection.row_factory = sqlite3.Row
    return connection


def check_readable(path: Path) -> int:
    """The store's schema version, or StoreError with what to do (queries read the tables
    of the current schema; `eventwire ingest` upgrades an older store)."""
    version = inspect(path, thorough=False)
    if version is None:
        raise StoreError(f"{path}: no eventwire store here; create one with "
                         f"`eventwire ingest PATH --db {path}`")
    if version < SCHEMA_VERSION:
        raise StoreError(f"{path}: store schema {version} is older than {SCHEMA_VERSION}; "
                         f"run `eventwire ingest --db {path}` once to upgrade it")
    return version


def reader(path: Path, any_thread: bool = False) -> sqlite3.Connection:
    """A read-only connection for queries (rows by name), without the version check
    (`check_readable` once before opening many)."""
    try:
        connection = open_readonly(path, timeout=BUSY_TIMEOUT, any_thread=any_thread)
    except sqlite3.Error as exc:
        raise damage(path, exc) from None
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA query_only = ON")
    return connection


def _connect_readonly(path: Path) -> sqlite3.Connection:
    check_readable(path)
    return reader(path)
