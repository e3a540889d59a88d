"""The store's tables, as versioned migrations (in `migrations`), and the check that a file is
an eventwire store.

`MIGRATIONS[i]` takes a store from schema version `i` to `i + 1`; the version is kept in
`PRAGMA user_version`. A file is an eventwire store when its `eventwire_meta` table says so
(and `PRAGMA application_id` matches). Before anything writes to an existing file it is
opened read-only and checked, so a foreign, corrupt or too-new file is never modified.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from eventwire.errors import StoreError
from eventwire.store.migrations import MIGRATIONS

FORMAT = "eventwire-store"
APPLICATION_ID = 0x45565752  # "EVWR"
SQLITE_HEADER = b"SQLite format 3\x00"

SCHEMA_VERSION = len(MIGRATIONS)

# Tables holding one row per item of an article, keyed by article_id.
# (event_details before event_mentions: deleting a detail row looks up its event there.)
ITEM_TABLES = ("entities", "actors", "places", "times", "counts", "quotes", "event_details",
               "event_mentions")


def writable(path: Path) -> bool:
    """Whether a store at `path` can be written: the file (if any), its -wal and -shm, and
    its folder (SQLite makes the -wal and -shm files there)."""
    folder = path.parent if str(path.parent) else Path(".")
    files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    return (os.access(folder, os.W_OK | os.X_OK)
            and all(os.access(f, os.W_OK) for f in files if f.exists()))


def open_readonly(path: Path, timeout: float = 5.0,
                  any_thread: bool = False) -> sqlite3.Connection:
    """A connection that only reads (`PRAGMA query_only`) and leaves no files behind.

    A store in WAL mode needs its -wal and -shm files to be read. When a writer has them
    open they are used as they are (`mode=ro`). When there are none (no writer), a
    `mode=ro` connection would create them and leave them behind, so the store is opened
    read-write with `query_only` on: SQLite removes them again when it closes. A file this
    process cannot write is read as it is (`immutable`); so is a file in a folder where
    SQLite cannot make its -shm file, when no -wal holds newer pages. `any_thread`: the
    connection may be used from other threads (one at a time)."""
    uri = path.resolve().as_uri()
    wal, shm, journal = (Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))
    if not (wal.exists() or shm.exists() or journal.exists()):
        mode = "rw" if writable(path) and os.access(path, os.W_OK) else "ro&immutable=1"
        connection = sqlite3.connect(f"{uri}?mode={mode}", uri=True, timeout=timeout,
                                     check_same_thread=not any_thread)
        try:
            connection.execute("PRAGMA query_only = ON")
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            connection.close()
            raise
        return connection
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout,
                                 check_same_thread=not any_thread)
    try:
        connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        if writable(path) or (wal.exists() and wal.stat().st_size > 0):
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout,
                           check_same_thread=not any_thread)


def damage(path: Path, exc: sqlite3.Error) -> StoreError:
    """The error for a failed read: locked by a writer, unreadable, or damaged."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(f"{path}: locked by another writer; try again when it finishes")
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return StoreError(f"{path}: cannot open the store ({text}); check the permissions "
                          "of the file and its folder")
    return StoreError(f"{path}: the store is damaged ({text}); restore it from a backup "
                      "or ingest into a new file")


def inspect(path: Path, thorough: bool = True) -> int | None:
    """The schema version of the store at `path` (None: no store yet), or StoreError.

    Opens the file read-only: whatever is wrong with it, it is left as it was. `thorough`
    also runs SQLite's quick_check over every page (done before writing; it reads the
    whole file, so read-only queries skip it and report damage when they meet it). An
    empty database (another writer creating it right now) is no store yet.
    """
    if not path.exists() or (path.is_file() and path.stat().st_size == 0
                             and not Path(f"{path}-wal").exists()):
        return None
    if not path.is_file():
        raise StoreError(f"{path}: not a file; give --db a path to an eventwire database")
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path}: not an SQLite database, so not an eventwire store; "
                         "give --db a new file name")
    try:
        connection = open_readonly(path)
    except sqlite3.Error as exc:
        raise damage(path, exc) from None
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and not tables:
            return None
        if "eventwire_meta" not in tables or app_id != APPLICATION_ID:
            raise StoreError(f"{path}: an SQLite database but not an eventwire store; "
                             "give --db a new file name")
        row = connection.execute(
            "SELECT value FROM eventwire_meta WHERE key = 'format'").fetchone()
        if row is None or row[0] != FORMAT:
            raise StoreError(f"{path}: an SQLite database but not an eventwire store; "
                             "give --db a new file name")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path}: written by a newer eventwire (store schema {version}); "
                             f"this eventwire reads schema {SCHEMA_VERSION} or older; "
                             f"upgrade eventwire to one that reads schema {version}")
        problem = connection.execute("PRAGMA quick_check(1)").fetchone()[0] if thorough else "ok"
        if problem != "ok":
            raise StoreError(f"{path}: the database is corrupt ({problem}); "
                             "restore it from a backup or ingest into a new file")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: corrupt or unreadable database ({exc}); "
                         "restore it from a backup or ingest into a new file") from None
    finally:
        connection.close()
    return version


# Made on every store opened for writing (not part of a numbered migration: an index only):
# event dedup reads the event mentions of a block (type, factuality, days).
WRITER_INDEXES = ("CREATE INDEX IF NOT EXISTS mentions_block "
                  "ON event_mentions(type, factual, day)",
                  "CREATE INDEX IF NOT EXISTS events_first ON events(first_article)",
                  # the review queue: least confident first (serve/reviews.py)
                  "CREATE INDEX IF NOT EXISTS facts_confidence ON event_facts(confidence)")


def migrate(connection: sqlite3.Connection, version: int = 0) -> None:
    """Bring a checked store (or a new, empty file) to SCHEMA_VERSION.

    The version is read again inside the write transaction, so two writers opening a new
    file at once create its tables once (the second finds them made). `version` (what a
    check without the lock saw) is only a hint.
    """
    del version
    connection.execute("BEGIN IMMEDIATE")
    try:
        current = int(connection.execute("PRAGMA user_version").fetchone()[0])
        for number in range(current, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                connection.execute(statement)
            if number == 0:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute("INSERT INTO eventwire_meta VALUES ('format', ?)", (FORMAT,))
            connection.execute(f"PRAGMA user_version = {number + 1}")
        for statement in WRITER_INDEXES:
            connection.execute(statement)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers hold inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
