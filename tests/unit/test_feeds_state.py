"""Watch state in the store: the migration that adds it, item marks and feed validators."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventwire.store import SCHEMA_VERSION, Store
from eventwire.store import feed_state as state
from eventwire.store.schema import APPLICATION_ID, FORMAT, MIGRATIONS, _statements


def make_v1_store(path: Path) -> None:
    """A store as eventwire wrote it before the watch tables existed, with one article."""
    db = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO eventwire_meta VALUES ('format', ?)", (FORMAT,))
    db.execute("INSERT INTO articles(id, url, content_hash, record) VALUES "
               "('a1', 'https://news.example/one', 'h', '{}')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_old_store_gains_watch_tables_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_store(path)
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert state.known(store.db, "https://news.example/one")  # an article's URL
        assert not state.known(store.db, "https://news.example/two")
        assert state.validators(store.db, "https://news.example/rss") == (None, None)


def test_marks_and_refused_items(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        state.mark(store.db, {"https://a.example/1"}, "https://a.example/rss", "stored", "id1")
        state.mark(store.db, {"https://a.example/2"}, "https://a.example/rss", "refused: HTTP 404")
        assert state.known(store.db, "https://a.example/1")
        assert state.known(store.db, "https://a.example/2")
        assert not state.known(store.db, "https://a.example/2", refused=False)
        state.mark(store.db, {"https://a.example/2"}, "", "stored", "id2")  # later success
        assert state.known(store.db, "https://a.example/2", refused=False)


def test_validators_kept_until_a_complete_poll(tmp_path: Path) -> None:
    feed = "https://a.example/rss"
    with Store(tmp_path / "s.db") as store:
        state.polled(store.db, feed, "ok", '"v1"', "Wed, 05 Mar 2025 10:00:00 GMT")
        state.polled(store.db, feed, "error: HTTP 500", keep_validators=True)
        assert state.validators(store.db, feed) == ('"v1"', "Wed, 05 Mar 2025 10:00:00 GMT")
        state.polled(store.db, feed, "ok", '"v2"', None)
        assert state.validators(store.db, feed) == ('"v2"', None)
        row = store.db.execute("SELECT n_polls, last_status FROM feeds").fetchone()
        assert tuple(row) == (3, "ok")


def test_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        state.mark(store.db, {"https://a.example/1"}, "f", "stored")
        state.polled(store.db, "f", "ok", '"e"')
    with Store(path) as store:
        assert state.known(store.db, "https://a.example/1")
        assert state.validators(store.db, "f") == ('"e"', None)
