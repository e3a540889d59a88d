"""Frictions an analyst meets (#23): counts by actor most first, time values and tallies
in `show` as people write them, usage errors exit as the README's exit-code table says."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.cli.output import EXIT_CODES
from eventwire.cli.timevalue import readable
from eventwire.model import Article, Event, Meta, SentenceRef, Span, TimeExpr, TimeRef
from eventwire.store import Store
from eventwire.store.synthetic import records

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Gunmen attacked a checkpoint on Tuesday morning, police said."


def unsourced() -> Article:
    """An article without outlet or url, whose event has a time of day."""
    at, when = TEXT.index("attacked"), TEXT.index("Tuesday morning")
    time = TimeExpr(id="t1", type="TIME", text="Tuesday morning", start=when, end=when + 15,
                    value="2025-03-11TMO")
    return Article(id="plain", text=TEXT, published="2025-03-12", times=[time],
                   events=[Event(id="v1", type="ASSAULT",
                                 trigger=Span(text="attacked", start=at, end=at + 8),
                                 sentence=SentenceRef(start=0, end=len(TEXT)),
                                 date=TimeRef(time="t1", value="2025-03-11TMO",
                                              precision="day"),
                                 confidence=0.9)],
                   meta=Meta(version="test"))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("product") / "events.db"
    with Store(path) as store:
        store.write_many([*records(60), unsourced()])
    return str(path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-11", "2025-03-11"), ("2025-03-11TMO", "2025-03-11 morning"),
    ("2025-03", "March 2025"), ("2025", "2025"), ("2025-W11", "week 11 of 2025"),
    ("P15M", "15 months"), ("P1D", "1 day"), ("PT3H", "3 hours"), ("2025-SU", "summer 2025"),
    ("PRESENT_REF", "PRESENT_REF"), (None, "")])
def test_time_values_read_as_people_write_them(value: str | None, expected: str) -> None:
    assert readable(value) == expected


def test_counts_by_actor_come_most_first(db: str) -> None:
    code, out, err = run("counts", "--by", "actor", "--per", "month", "--db", db, "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    periods: dict[str, list[int]] = {}
    for row in rows:
        periods.setdefault(row["month"], []).append(row["events"])
    assert any(len(counts) > 1 and len(set(counts)) > 1 for counts in periods.values())
    assert all(counts == sorted(counts, reverse=True) for counts in periods.values())


def test_show_prints_time_values_readably_and_no_empty_tallies(db: str) -> None:
    rows = json.loads(run("events", "--db", db, "-f", "json", "--limit", "0")[1])
    event = next(row for row in rows if "checkpoint" in (row["sentence"] or ""))
    code, out, err = run("show", event["id"], "--db", db)
    assert code == 0, err
    assert "2025-03-11 morning" in out and "TMO" not in out
    assert "0 source(s)" not in out and "1 article(s)" in out


def test_usage_errors_exit_1_as_the_readme_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", readme, flags=re.M))
    assert sorted(int(code) for code in table) == sorted(EXIT_CODES)
    for args in (["events", "--no-such-option"], ["counts", "--per", "fortnight"]):
        done = subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 1, done.stderr


def test_quickstart_installs_what_the_tests_import() -> None:
    """Every optional module a test skips without is installed by scripts/quickstart
    (except Ray, too big for a first run; its tests say so when they skip)."""
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["optional-dependencies"]
    line = re.search(r'pip install .*-e "\.\[([^\]]+)\]"',
                     (ROOT / "scripts" / "quickstart").read_text(encoding="utf-8"))
    assert line is not None
    installed = {re.split(r"[=<>\[]", requirement)[0].lower()
                 for extra in line.group(1).split(",") for requirement in extras[extra]}
    skipped = set()
    for test in (ROOT / "tests").rglob("*.py"):
        skipped.update(re.findall(r'importorskip\("([a-z_]+)', test.read_text(encoding="utf-8")))
    assert skipped - {"ray"} and skipped - {"ray"} <= installed, skipped - installed


def test_the_model_loads_only_for_new_inputs_and_the_bar_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from eventwire.cli.progress import progress_bar
    from eventwire.pipeline import engines
    from eventwire.pipeline.batch import Tally
    from eventwire.settings import Settings
    from eventwire.text.ingest import Overrides

    loaded: list[str] = []

    class Stub:
        def __init__(self, settings: Settings) -> None:
            loaded.append("model")

        def run(self, articles: Any, workers: int | None = None) -> Any:
            return iter(articles)

    monkeypatch.setattr(engines, "Pipeline", Stub)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    said: list[str] = []
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with progress_bar([str(path)], console, "ingesting") as bar:

        def loading() -> None:
            bar.say("loading model")
            said.append(str(bar.progress.tasks[0].description) if bar.progress else "")

        runner = engines.Runner(engines.Run(), Settings(), on_load=loading)
        skipped = list(runner.articles([str(path)], Overrides(), Tally(), skip=lambda a: True))
        assert skipped == [] and loaded == []
        parsed = list(runner.articles([str(path)], Overrides(), Tally()))
    assert len(parsed) == 1 and loaded == ["model"]
    assert said == ["ingesting: loading model"]
