"""Bad input: one-line errors naming the input, clear exit codes, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import __version__
from eventwire.errors import InputError
from eventwire.model import Article, Meta
from eventwire.pipeline.runner import Pipeline
from eventwire.text.clean import clean_text
from eventwire.text.ingest import Overrides, read_bytes

GOOD = "Police in Kenya arrested at least 40 protesters in Nairobi on Tuesday."


def run_cli(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire", "extract", *map(str, paths),
                           "--format", "jsonl"], capture_output=True, text=True, timeout=300,
                          check=False)


BAD_FILES = [
    ("empty.txt", b"", "empty input: no text"),
    ("blank.txt", b" \n\n\t  \n", "empty input: no text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    ("huge.txt", (GOOD + " ").encode() * 72_000, "over max_chars"),
    ("nav.html", b"<html><body><nav>Home | World</nav></body></html>",
     "HTML has no article text"),
]


@pytest.mark.parametrize(("name", "content", "problem"), BAD_FILES)
def test_bad_file_alone_fails_with_one_line(tmp_path: Path, name: str, content: bytes,
                                            problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli(path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert any(line.startswith("error: ") and str(path) in line and problem in line
               for line in lines), result.stderr
    assert result.stdout == ""


@pytest.mark.model
def test_bad_files_in_a_batch_are_skipped(tmp_path: Path) -> None:
    for name, content, _ in BAD_FILES:
        (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "latin1.txt").write_bytes(GOOD.encode() + " Caf\xe9.".encode("latin-1"))
    result = run_cli(tmp_path)
    assert result.returncode == 3
    assert len(result.stdout.splitlines()) == 2
    assert "2 article(s) processed, 0 skipped, 0 failed, 5 input(s) unreadable" in result.stderr
    assert "invalid UTF-8" in result.stdout


@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".jsonl", ".csv"]))
@settings(max_examples=150, deadline=None)
def test_any_bytes_give_articles_or_input_errors(data: bytes, suffix: str) -> None:
    for item in read_bytes(data, "fuzz" + suffix, suffix, Overrides(), 10_000):
        assert isinstance(item, Article | InputError)
        if isinstance(item, InputError):
            assert str(item).startswith("fuzz") and "\n" not in str(item)


@given(st.text(max_size=3000))
@settings(max_examples=200, deadline=None)
def test_cleaning_never_crashes_and_trims(text: str) -> None:
    cleaned, removed = clean_text(text)
    assert cleaned == cleaned.strip()
    assert "\n\n\n" not in cleaned
    assert all(r.text for r in removed)


@pytest.mark.model
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=400))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_pipeline_never_raises(pipeline: Pipeline, text: str) -> None:
    result = pipeline.process(Article(id="fuzz", text=text, meta=Meta(version=__version__)))
    assert result.meta.failure is None, result.meta.failure
    for entity in result.entities:
        assert result.text[entity.start:entity.end] == entity.text
