"""Store side files (#25): a read-only query creates no -wal/-shm files, and a store that is
refused (newer, damaged, truncated) is left exactly as it was found, nothing beside it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.store import Store
from eventwire.store.schema import SCHEMA_VERSION
from eventwire.store.synthetic import records


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file in `folder`: its content hash and modification time."""
    return {path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(folder.iterdir())}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    with Store(folder / "s.db") as writer:
        writer.write_many(records(20))
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]
    return folder / "s.db"


@pytest.mark.parametrize("command", [["stats"], ["events"], ["actors"], ["quotes"],
                                     ["counts"], ["export", "--format", "csv"]])
def test_read_only_queries_leave_no_side_files(store: Path, command: list[str]) -> None:
    before = snapshot(store.parent)
    code, out, err = run(*command, "--db", str(store))
    assert code == 0, err
    assert out
    assert snapshot(store.parent) == before


def test_the_api_readers_leave_no_side_files(store: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from eventwire.serve.app import Config, create_app

    before = snapshot(store.parent)
    with TestClient(create_app(Config(db=store)), base_url="http://localhost") as client:
        assert client.get("/api/events").status_code == 200
        assert client.get("/api/stats").status_code == 200
    assert snapshot(store.parent) == before


def _newer(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.commit()
    connection.close()


def _damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2: page * 4] = b"\xa5" * (page * 2)
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


@pytest.mark.parametrize("spoil", [_newer, _damaged, _truncated])
def test_a_refused_store_is_left_as_found(store: Path, tmp_path: Path, spoil: object) -> None:
    assert callable(spoil)
    spoil(store)
    text = tmp_path / "a.txt"
    text.write_text("Police arrested two protesters in Nairobi on Monday.", encoding="utf-8")
    before = snapshot(store.parent)
    for command in (["ingest", str(text)], ["stats"], ["events"],
                    ["export", "--format", "csv"]):
        code, _, err = run(*command, "--db", str(store))
        assert "Traceback" not in err
        if code == 0:  # damage a query did not meet is not refused; nothing is changed
            continue
        assert code == 1, (command, err)
        assert snapshot(store.parent) == before, (command, err)
    assert snapshot(store.parent) == before
