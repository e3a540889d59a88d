"""The analyst's commands: events filters, counts, show, export filters, tables that fit the
terminal, escaped text, progress. The store holds synthetic records plus one article whose
text has square brackets (real SQLite, real Typer app)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from eventwire.cli.main import OutputFormat, app, render
from eventwire.cli.progress import count_inputs, tracked
from eventwire.cli.render import article_panel, count_text, table
from eventwire.model import Article, Count, Event, Meta, SentenceRef, Span
from eventwire.store import Store
from eventwire.store.synthetic import records

BRACKETS = "Officials said [the militia] attacked the post and [bold]nobody[/bold] was hurt."


def bracketed() -> Article:
    at = BRACKETS.index("attacked")
    return Article(id="brackets", text=BRACKETS, published="2019-06-01", outlet="[Wire]",
                   events=[Event(id="v1", type="ASSAULT", trigger=Span(text="attacked", start=at,
                                                                       end=at + 8),
                                 sentence=SentenceRef(start=0, end=len(BRACKETS)),
                                 confidence=0.9)],
                   meta=Meta(version="test"))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "events.db"
    with Store(path) as store:
        store.write_many([*records(80), bracketed()])
    return str(path)


def run(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


def test_events_state_the_limit_and_limit_0_lists_all(db: str) -> None:
    code, out, err = run("events", "--db", db, "-f", "json")
    assert code == 0 and len(json.loads(out)) == 20
    assert "showing 20 of" in err and "--limit 0 for all" in err
    total = int(err.split("showing 20 of ")[1].split(";")[0])
    code, out, err = run("events", "--db", db, "-f", "json", "--limit", "0")
    assert len(json.loads(out)) == total and "showing" not in err


@pytest.mark.parametrize(("args", "field", "value"), [
    (["--type", "assault"], "type", "ASSAULT"),
    (["--country", "Iraq"], "country", "IRQ"),
    (["--country", "irq"], "country", "IRQ"),
])
def test_event_filters_take_any_case_and_names(db: str, args: list[str], field: str,
                                               value: str) -> None:
    code, out, _ = run("events", "--db", db, "-f", "json", "--limit", "0", *args)
    rows = json.loads(out)
    assert code == 0 and rows and {row[field] for row in rows} == {value}


def test_actor_code_in_lower_case_finds_the_same_events(db: str) -> None:
    upper = json.loads(run("events", "--db", db, "-f", "json", "--limit", "0",
                           "--actor", "IRQ")[1])
    lower = json.loads(run("events", "--db", db, "-f", "json", "--limit", "0",
                           "--actor", "irq")[1])
    assert upper and upper == lower


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "ATTACK"], "unknown type ATTACK; did you mean ASSAULT?"),
    (["--country", "Irak"], "did you mean IRQ"),
    (["--since", "last year"], "YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_bad_filters_fail_with_a_suggestion(db: str, args: list[str], message: str) -> None:
    code, _, err = run("events", "--db", db, *args)
    assert code == 1 and message in " ".join(err.split())


def test_since_takes_a_year_or_month(db: str) -> None:
    rows = json.loads(run("events", "--db", db, "-f", "json", "--limit", "0",
                          "--since", "2019-07", "--until", "2019")[1])
    assert rows and all("2019-07-01" <= row["day"] <= "2019-12-31" for row in rows)


def test_events_table_fits_80_columns_and_shows_brackets(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--limit", "0", columns=80)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = run("quotes", "--db", db, columns=80)
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize(("per", "key"), [("day", "day"), ("week", "week"), ("month", "month")])
def test_counts_add_up_to_the_events(db: str, per: str, key: str) -> None:
    total = len(json.loads(run("events", "--db", db, "-f", "json", "--limit", "0")[1]))
    code, out, _ = run("counts", "--db", db, "--by", "type,country,actor", "--per", per,
                       "-f", "json")
    rows = json.loads(out)
    assert code == 0 and sum(row["events"] for row in rows) == total
    assert list(rows[0]) == [key, "type", "country", "actor", "events"]


def test_counts_csv_and_table(db: str) -> None:
    code, out, _ = run("counts", "--db", db, "--by", "type", "--per", "month", "-f", "csv")
    assert code == 0 and out.splitlines()[0] == "month,type,events"
    assert all(line.count(",") == 2 for line in out.splitlines())
    code, out, _ = run("counts", "--db", db, "--by", "country", "--type", "consult")
    assert code == 0 and "IRQ" in out and "None" not in out
    code, _, err = run("counts", "--db", db, "--by", "weather")
    assert code == 1 and "cannot count by 'weather'" in err


def test_show_an_event_for_people_and_programs(db: str) -> None:
    rows = json.loads(run("events", "--db", db, "-f", "json", "--type", "assault",
                          "--limit", "0")[1])
    event = next(row for row in rows if "militia" in (row["sentence"] or ""))
    code, out, _ = run("show", event["id"], "--db", db, columns=100)
    assert code == 0 and "[the militia]" in out and "[bold]nobody[/bold]" in out
    assert "attacked" in out
    code, out, _ = run("show", event["id"], "--db", db, "-f", "json")
    found = json.loads(out)
    assert isinstance(found, dict) and found["event"]["id"] == event["id"]
    trigger = found["mentions"][0]["trigger"]
    assert BRACKETS[trigger["start"]:trigger["end"]] == trigger["text"] == "attacked"
    code, out, _ = run("show", "--article", "brackets", "--db", db, "-f", "json")
    assert json.loads(out)["events"][0]["event_id"] == event["id"]
    code, _, err = run("show", "ev-unknown", "--db", db)
    assert code == 1 and "no event ev-unknown" in err


def test_export_takes_the_event_filters(db: str, tmp_path: Path) -> None:
    out = tmp_path / "assault.tsv"
    code, _, err = run("export", "-f", "gdelt", "--db", db, "-o", str(out), "--type", "assault",
                       "--min-confidence", "0.5", "--factual", "--since", "2019")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert code == 0 and f"{len(lines) - 1} event(s)" in err and len(lines) > 2
    assert all("\tASSAULT\t" in line for line in lines[1:])


def test_parquet_hint_keeps_its_brackets(db: str, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run("export", "-f", "parquet", "--db", db, "-o", str(tmp_path / "x.parquet"))
    assert code == 1 and "pip install 'eventwire[parquet]'" in err


def test_rendering_escapes_text_and_never_says_none() -> None:
    count = Count(id="c1", text="thousands of people", start=0, end=19, value=None,
                  qualifier="thousands", noun="people")
    assert count_text(count) == "thousands people"
    out = Console(width=80, file=io.StringIO(), record=True)
    out.print(article_panel(bracketed()))
    text = out.export_text()
    assert "[Wire]" in text and max(len(line) for line in text.splitlines()) <= 80
    out.print(table("t", ["quote"], [["x" * 300]], wide=["quote"], width=40))
    assert "…" in out.export_text()


def test_json_output_is_always_a_list() -> None:
    assert isinstance(json.loads(render([bracketed()], OutputFormat.json)), list)
    assert len(json.loads(render([bracketed(), bracketed()], OutputFormat.json))) == 2


def test_progress_counts_inputs_and_stays_off_when_piped(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n\n{"text": "c"}\n')
    (tmp_path / "b.csv").write_text("id,text\n1,a\n2,b\n")
    (tmp_path / "c.txt").write_text("one story")
    assert count_inputs([str(tmp_path)]) == 6
    assert count_inputs(["-"]) is None
    piped = Console(file=io.StringIO(), force_terminal=False)
    assert list(tracked(range(3), [str(tmp_path)], piped, "x")) == [0, 1, 2]
    assert piped.file.getvalue() == ""  # type: ignore[attr-defined]
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    assert list(tracked(range(6), [str(tmp_path)], terminal, "ingesting")) == list(range(6))
    shown = terminal.file.getvalue()  # type: ignore[attr-defined]
    assert "6/6" in shown and "articles/s" in shown


@pytest.mark.model
def test_ingest_skips_unchanged_inputs_and_records_syndicated_copies(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    db = str(tmp_path / "examples.db")
    code, _, err = run("ingest", str(examples), "--db", db)
    assert code == 0, err
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "esper.txt").write_text((examples / "esper-iraq-rockets.txt").read_text())
    (copy / "esper.meta.json").write_text(json.dumps(
        {"outlet": "Other Wire", "url": "https://other.example/esper",
         "published": "2019-12-18"}))
    code, _, err = run("ingest", str(copy), "--db", db)
    said = " ".join(err.split())
    assert code == 0 and "(1 syndicated copy recorded); 0 parsed" in said
    rows = json.loads(run("events", "--db", db, "-f", "json", "--actor", "Esper")[1])
    assert rows and all(row["num_articles"] == 2 and row["num_sources"] == 2 for row in rows)
    code, _, err = run("ingest", str(examples), str(copy), "--db", db)
    assert "0 added, 0 replaced" in " ".join(err.split()) and "; 0 parsed" in err


def test_extract_out_files_honour_the_umask(tmp_path: Path) -> None:
    import os

    from eventwire.cli.outfile import write_output

    old = os.umask(0o027)
    try:
        write_output("[]\n", tmp_path / "out.json")
    finally:
        os.umask(old)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o640
