"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "esper-iraq-rockets.txt"


def eventwire(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire", *args], input=stdin
                          and stdin.decode(), capture_output=True, text=True, timeout=300,
                          check=False)


def test_version() -> None:
    result = eventwire("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("eventwire ")


def test_schema_is_json_schema() -> None:
    result = eventwire("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "eventwire/1"
    assert "events" in schema["properties"]


@pytest.mark.model
def test_extract_worked_example() -> None:
    result = eventwire("extract", str(EXAMPLE), "--published", "2019-12-17", "--format", "json")
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)  # --format json: always a list
    assert record["schema"] == "eventwire/1"
    assert record["published"] == "2019-12-17"
    removed = {r["text"] for r in record["removed"]}
    assert {"Share:", "In Other News", "Load More"} <= removed
    for line in ("Share:", "In Other News", "Load More"):
        assert line not in record["text"]
    for entity in record["entities"]:
        assert record["text"][entity["start"]:entity["end"]] == entity["text"]


@pytest.mark.model
def test_raw_keeps_input_verbatim() -> None:
    result = eventwire("extract", str(EXAMPLE), "--raw", "--format", "jsonl")
    record = json.loads(result.stdout)
    assert record["text"] == EXAMPLE.read_text(encoding="utf-8")
    assert record["removed"] == []


@pytest.mark.model
def test_jsonl_with_broken_line_is_partial_failure(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    record = {"id": "g", "published": "2019-12-17",
              "text": "Esper asked Abdul Mahdi to help stop rocket attacks."}
    second = json.dumps({**record, "id": "h"})
    path.write_text(f"{json.dumps(record)}\n{{not json\n{second}\n")
    out = tmp_path / "out.jsonl"
    result = eventwire("extract", str(path), "--format", "jsonl", "--out", str(out))
    assert result.returncode == 3
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["g", "h"]
    assert f"{path}:2: invalid JSON" in result.stderr


@pytest.mark.model
def test_table_format_lists_entities() -> None:
    result = eventwire("extract", str(EXAMPLE), "--format", "table")
    assert result.returncode == 0
    assert "Mark Esper" in result.stdout


@pytest.mark.model
def test_stdin() -> None:
    result = eventwire("extract", "-", "--format", "jsonl", stdin=b"Esper called Abdul Mahdi.")
    assert result.returncode == 0
    assert json.loads(result.stdout)["meta"]["source"] == "<stdin>"


def test_bad_published_date_is_one_line_error() -> None:
    result = eventwire("extract", str(EXAMPLE), "--published", "2019-02-30")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: --published: publication date '2019-02-30' is not a date; use YYYY-MM-DD")
