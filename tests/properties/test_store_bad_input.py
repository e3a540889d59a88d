"""Bad databases are refused with one clear line and never modified; odd records store fine."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import StoreError
from eventwire.model import Article, Meta
from eventwire.store import SCHEMA_VERSION, Store, connect
from eventwire.store.schema import inspect

SAMPLE = ("Secretary of Defense Mark Esper asked Iraqi Prime Minister Adel Abdul Mahdi in a phone "
          "call Monday to help stop rocket attacks on bases housing American troops.")


def fingerprint(path: Path) -> tuple[str, int, list[str]]:
    """Bytes, mtime and the files beside it (no -wal or -shm may appear)."""
    siblings = sorted(p.name for p in path.parent.iterdir())
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, siblings


def refused(path: Path, match: str) -> None:
    before = fingerprint(path)
    for open_store in (lambda: Store(path), lambda: connect(path, readonly=True)):
        with pytest.raises(StoreError, match=match) as caught:
            open_store()
        message = str(caught.value)
        assert "\n" not in message and message.startswith(str(path))
    assert fingerprint(path) == before


def write_db(path: Path, sql: str) -> None:
    db = sqlite3.connect(path)
    db.executescript(sql)
    db.close()


def test_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Esper asked Abdul Mahdi to help stop the attacks.\n", encoding="utf-8")
    refused(path, "not an SQLite database")


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    write_db(path, "CREATE TABLE articles (id TEXT); INSERT INTO articles VALUES ('x');")
    refused(path, "not an eventwire store")


def test_a_newer_store_is_refused_naming_the_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    refused(path, f"schema {SCHEMA_VERSION + 3}")


def test_a_damaged_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    with Store(path) as store:
        store.write(Article(id="a", text=SAMPLE, meta=Meta(version="test")))
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    refused(path, "damaged")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=2048))
def test_random_bytes_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.db"
    path.write_bytes(data)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    refused(path, "not an SQLite database|damaged|not an eventwire store")


def test_a_header_with_garbage_after_it_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    refused(path, "damaged|not an eventwire store")


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    assert inspect(path) is None
    Store(path).close()
    assert inspect(path) == SCHEMA_VERSION


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=400), article_id=st.text(min_size=1, max_size=40),
       url=st.none() | st.text(max_size=60))
def test_any_record_is_stored_once_and_read_back_whole(tmp_path: Path, text: str,
                                                      article_id: str, url: str | None) -> None:
    path = tmp_path / "odd.db"
    path.unlink(missing_ok=True)
    article = Article(id=article_id, url=url, text=text, meta=Meta(version="test"))
    with Store(path) as store:
        assert store.write(article) == "added"
        assert store.write(article) == "unchanged"
    db = connect(path, readonly=True)
    rows = db.execute("SELECT record FROM articles").fetchall()
    db.close()
    assert [Article.from_json(row[0]) for row in rows] == [article]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize("command", [["stats"], ["events"], ["export", "--format", "csv"],
                                     ["ingest", "no-such-input.txt"]])
def test_commands_refuse_a_foreign_database_in_one_line(tmp_path: Path,
                                                        command: list[str]) -> None:
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    path = tmp_path / "other.db"
    write_db(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
    before = fingerprint(path)
    result = CliRunner().invoke(app, [*command, "--db", str(path)])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert said.startswith("error:") and "not an eventwire store" in said
    assert fingerprint(path) == before
