"""The command line as one product (#23): an edited file replaces its stored article, a
no-op re-ingest never loads the model, usage errors exit as the README's table says."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "examples" / "esper-iraq-rockets.txt").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    return result.exit_code, result.stdout, result.stderr


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.model
def test_an_edited_file_replaces_its_article(tmp_path: Path) -> None:
    db, path = tmp_path / "s.db", tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, _, err = run("ingest", str(path), "--db", str(db))
    assert code == 0, err
    first = rows(db, "SELECT id, content_hash FROM articles")
    path.write_text(TEXT.replace("rockets", "missiles"), encoding="utf-8")
    code, _, err = run("ingest", str(path), "--db", str(db))
    assert code == 0 and "1 replaced" in err, err
    second = rows(db, "SELECT id, content_hash FROM articles")
    assert len(first) == len(second) == 1 and first[0][0] == second[0][0]
    assert first[0][1] != second[0][1]
    assert rows(db, "SELECT COUNT(*) FROM event_mentions WHERE article_id NOT IN "
                "(SELECT id FROM articles)") == [(0,)]


def test_a_no_op_re_ingest_never_loads_the_model(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from eventwire.pipeline.runner import Pipeline
    from eventwire.store import Store
    from eventwire.store.synthetic import records

    db = tmp_path / "s.db"
    record = next(records(1))
    with Store(db) as store:
        store.write(record)
    path = tmp_path / "story.txt"
    path.write_text(record.text, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"id": record.id}),
                                                   encoding="utf-8")

    def no_model(self: Pipeline, *args: object, **kwargs: object) -> None:
        raise AssertionError("the model was loaded for inputs already stored")

    monkeypatch.setattr(Pipeline, "__init__", no_model)
    code, _, err = run("ingest", str(path), "--raw", "--db", str(db))
    assert code == 0, err
    assert "0 added, 0 replaced, 1 unchanged (0 syndicated copies" in err
    assert "0 parsed" in err
