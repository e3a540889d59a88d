"""Crash safety: SIGKILL a writer mid-run; the store is consistent, and running again ends in
exactly the state of an uninterrupted run."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

RECORDS = 3000
WRITER = """
import sys
from eventwire.store import Store
from eventwire.store.synthetic import records
with Store(sys.argv[1], batch=25) as store:
    store.write_many(records(int(sys.argv[2])))
"""
TABLES = ("stories", "articles", "entities", "actors", "places", "times", "counts", "quotes",
          "events", "event_mentions", "event_daily", "event_monthly")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def start_writer(path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(RECORDS)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def article_count(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    state = {table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
             for table in TABLES}
    db.close()
    return state


def check_consistent(path: Path) -> None:
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    problems = {
        "events without mentions": "SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)",
        "mention counts": "SELECT COUNT(*) FROM events e WHERE n_mentions != "
        "(SELECT COUNT(*) FROM event_mentions m WHERE m.event_id = e.id) OR n_articles != "
        "(SELECT COUNT(DISTINCT article_id) FROM event_mentions m WHERE m.event_id = e.id)",
        "story sizes": "SELECT COUNT(*) FROM stories s WHERE n_articles != "
        "(SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)",
        "daily summary": "SELECT COUNT(*) FROM (SELECT type, day, COUNT(*) AS n FROM events "
        "GROUP BY type, day) e LEFT JOIN event_daily d USING (type, day) "
        "WHERE d.n IS NULL OR d.n != e.n",
        "monthly summary": "SELECT (SELECT COUNT(*) FROM events) - "
        "(SELECT COALESCE(SUM(n), 0) FROM event_monthly)",
        "articles without their events": "SELECT COUNT(*) FROM articles a WHERE "
        "json_array_length(a.record, '$.events') != "
        "(SELECT COUNT(*) FROM event_mentions m WHERE m.article_id = a.id)",
        "articles without their actors": "SELECT COUNT(*) FROM articles a WHERE "
        "json_array_length(a.record, '$.actors') != "
        "(SELECT COUNT(*) FROM actors x WHERE x.article_id = a.id)",
    }
    for name, sql in problems.items():
        assert db.execute(sql).fetchone()[0] == 0, name
    db.close()


def test_sigkill_mid_run_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    whole = tmp_path / "whole.db"
    finished = start_writer(whole)
    assert finished.wait(timeout=300) == 0, finished.stderr.read() if finished.stderr else ""

    crashed = tmp_path / "crashed.db"
    writer = start_writer(crashed)
    deadline = time.monotonic() + 240
    while article_count(crashed) < RECORDS // 4 and time.monotonic() < deadline:
        if writer.poll() is not None:
            break
        time.sleep(0.05)
    assert writer.poll() is None, "the writer finished before it could be killed"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    stored = article_count(crashed)
    assert 0 < stored < RECORDS
    check_consistent(crashed)

    resumed = start_writer(crashed)
    assert resumed.wait(timeout=300) == 0, resumed.stderr.read() if resumed.stderr else ""
    check_consistent(crashed)
    assert dump(crashed) == dump(whole)
