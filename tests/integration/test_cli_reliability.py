"""The command line under hostile use (#17): one-line errors before any work, literal
user text, safe --out, read-only and locked stores, odd option values."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.errors import StoreError
from eventwire.store import Store, connect
from eventwire.store.synthetic import records

TEXT = ("Finnish President Alexander Stubb met Estonian Prime Minister Kristen Michal in "
        "Tallinn on Monday to discuss the security of undersea cables.")
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    return result.exit_code, result.stdout, result.stderr


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def texts(tmp_path: Path) -> list[str]:
    paths = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.txt"
        path.write_text(TEXT.replace("Monday", f"Monday ({name})"), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_url_with_several_inputs_is_refused_before_any_work(tmp_path: Path,
                                                            texts: list[str]) -> None:
    db = tmp_path / "x.db"
    code, _, err = run("ingest", *texts, "--url", "https://x.example", "--db", str(db))
    assert code == 1
    assert "--url" in one_line(err)
    assert not db.exists()
    code, out, err = run("extract", str(tmp_path), "--title", "T")
    assert code == 1 and out == "" and "--title" in one_line(err)


def test_bad_options_or_settings_create_no_store(tmp_path: Path, texts: list[str]) -> None:
    db = tmp_path / "x.db"
    code, _, err = run("ingest", texts[0], "--published", "someday", "--db", str(db))
    assert code == 1 and "someday" in one_line(err)
    settings = tmp_path / "settings.toml"
    settings.write_text('clean = "no"\n', encoding="utf-8")
    code, _, err = run("ingest", texts[0], "--db", str(db),
                       env={"EVENTWIRE_SETTINGS": str(settings)})
    assert code == 1 and "clean" in one_line(err) and str(settings) in err
    assert not db.exists()


def test_markup_in_names_and_values_is_printed_literally(tmp_path: Path) -> None:
    odd = tmp_path / "[bold]x.txt"
    odd.write_text("", encoding="utf-8")
    code, _, err = run("extract", str(odd))
    assert code == 1 and f"{odd}: empty input" in err
    lines = [json.dumps({"id": f"r{i}", "text": TEXT + f" Day {i}."}) for i in range(3)]
    lines.insert(1, json.dumps({"id": "bad", "text": TEXT, "published": "[/]"}))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run("ingest", str(source), "--db", str(tmp_path / "m.db"))
    # An unreadable publication date is a warning on the record, never a lost article
    # (issue 13); the markup-like value is kept literally in that warning.
    assert code == 0, err
    assert "4 added" in err
    with sqlite3.connect(tmp_path / "m.db") as db:
        record = json.loads(db.execute("SELECT record FROM articles WHERE id = 'bad'")
                            .fetchone()[0])
    assert record["published"] is None
    assert any("'[/]'" in warning for warning in record["meta"]["warnings"])


@pytest.mark.parametrize("where", ["folder", "under-file"])
def test_out_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path, where: str,
                                                               texts: list[str]) -> None:
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    out = tmp_path if where == "folder" else tmp_path / "plain.txt" / "out.json"
    code, stdout, err = run("extract", texts[0], "--out", str(out))
    assert code == 1 and stdout == ""
    assert str(out) in one_line(err)
    assert "processed" not in err  # refused before the pipeline ran


def test_extract_streams_jsonl_to_out(tmp_path: Path, texts: list[str]) -> None:
    out = tmp_path / "out.jsonl"
    code, _, err = run("extract", *texts, "--format", "jsonl", "--out", str(out))
    assert code == 0, err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")]


def test_huge_limit_is_not_store_damage(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.write_many(records(10))
    for command in ("events", "actors", "quotes"):
        code, _, err = run(command, "--db", str(db), "--limit", "99999999999999999999",
                           "--format", "jsonl")
        assert code in (0, 1), err
        assert "damaged" not in err and "backup" not in err and "Traceback" not in err


def test_like_wildcards_are_literal(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.write_many(records(30))
    for args in (("events", "--actor", "%"), ("events", "--actor", "_"),
                 ("actors", "--name", "%"), ("quotes", "--speaker", "_")):
        code, out, err = run(*args, "--db", str(db), "--format", "jsonl")
        assert code == 0, err
        assert out == "", args
    code, out, _ = run("actors", "--name", "Merkel", "--db", str(db), "--format", "jsonl")
    assert code == 0 and out


def test_export_through_a_symlink_writes_the_target(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.write_many(records(10))
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err = run("export", "--format", "csv", "--db", str(db), "--out", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("id,")


def test_a_store_locked_by_another_writer_says_so(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import connection as store_connection

    db = tmp_path / "s.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT", 0.05)
    monkeypatch.setattr(store_connection, "RETRIES", 2)
    try:
        with pytest.raises(StoreError, match="locked by another writer"):
            Store(db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def permissions_hold(folder: Path) -> bool:
    """Whether file modes bind this process (not so for root with CAP_DAC_OVERRIDE)."""
    probe = folder / "probe"
    probe.write_text("x", encoding="utf-8")
    probe.chmod(0o444)
    try:
        return not os.access(probe, os.W_OK)
    finally:
        probe.unlink()


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_is_queried_and_refused_for_ingest(tmp_path: Path, what: str,
                                                             texts: list[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if not permissions_hold(folder):
        pytest.skip("file modes do not bind this user (root)")
    db = folder / "s.db"
    with Store(db) as store:
        store.write_many(records(10))
    (db if what == "file" else folder).chmod(0o555)
    try:
        assert connect(db, readonly=True).execute("SELECT COUNT(*) FROM articles").fetchone()
        code, out, _ = run("stats", "--db", str(db), "--json")
        assert code == 0 and json.loads(out)["totals"]["articles"] == 10
        before = sorted(p.name for p in folder.iterdir())
        code, _, err = run("ingest", texts[0], "--db", str(db))
        assert code == 1 and "read-only" in one_line(err)
        assert sorted(p.name for p in folder.iterdir()) == before
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
