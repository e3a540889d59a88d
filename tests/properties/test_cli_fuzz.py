"""Fuzz the command line (#17): every input format (txt, html, jsonl, csv, a meta.json
sidecar, stdin), odd settings and odd option values for extract, ingest, events, actors,
quotes, export and stats. Whatever comes in, the CLI answers with an exit code of 0, 1, 2
or 3 and never a traceback. Runs in-process (typer's CliRunner) with the real model."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.store import Store
from eventwire.store.synthetic import records

pytestmark = pytest.mark.model
EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "25"))  # raise it for a longer hunt

ODD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["[/]", "[bold]x", "%", "_", "\\", "'; DROP TABLE events; --", "\x00",
                     "2024-02-30", "9999-12-31", "0001-01-01", "-1", "1e400", "NaN", "💥",
                     "../../etc/passwd", "99999999999999999999", " ", ""]),
)
WORDS = st.sampled_from([
    "Police arrested 40 protesters in Harbor City on Saturday.",
    "Germany and France signed an agreement on Wednesday in Berlin.",
    "\"We will not give up,\" said the mayor.", "[bold]Rockets[/] struck Baghdad.",
    "Ünïcödé tëxt — ok.", "\x00", "<b>unclosed", "\"stray quote", "", "\r\n", "\t",
])
TEXT = st.one_of(st.lists(WORDS, max_size=4).map(" ".join), st.text(max_size=80))
VALUE = st.one_of(ODD, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans(),
                  st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                       st.integers(), max_size=2))
FIELDS = ("id", "url", "title", "outlet", "published", "date", "author", "text", "html")


@st.composite
def input_file(draw: st.DrawFn) -> tuple[str, bytes, bytes | None]:
    """(suffix, content, sidecar or None)."""
    kind = draw(st.sampled_from(["txt", "html", "jsonl", "csv", "raw"]))
    if kind == "txt":
        return ".txt", draw(TEXT).encode("utf-8"), None if draw(st.booleans()) else json.dumps(
            {k: draw(VALUE) for k in draw(st.sets(st.sampled_from(FIELDS), max_size=3))},
            default=str).encode()
    if kind == "html":
        body = draw(TEXT)
        return ".html", f"<html><title>{draw(ODD)}</title><body><p>{body}</p></body>".encode(
            "utf-8", "replace"), None
    if kind == "jsonl":
        lines = []
        for _ in range(draw(st.integers(0, 3))):
            record = {k: draw(VALUE) for k in draw(st.sets(st.sampled_from(FIELDS), max_size=5))}
            if draw(st.booleans()):
                record["text"] = draw(TEXT)
            lines.append(json.dumps(record, default=str) if draw(st.integers(0, 5)) else "{oops")
        return ".jsonl", "\n".join(lines).encode("utf-8", "replace"), None
    if kind == "csv":
        stream = io.StringIO()
        writer = csv.writer(stream)
        writer.writerow(draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4)))
        for _ in range(draw(st.integers(0, 3))):
            writer.writerow([draw(TEXT) for _ in range(draw(st.integers(0, 5)))])
        raw = stream.getvalue()
        if draw(st.booleans()):
            raw = raw.replace(",", ',"', 1)  # a stray quote
        return ".csv", raw.encode("utf-8", "replace"), None
    return draw(st.sampled_from([".txt", ".jsonl", ".csv", ".html"])), draw(
        st.binary(max_size=200)), None


def check(args: list[str], stdin: bytes | None = None, env: dict[str, str] | None = None) -> None:
    result = CliRunner().invoke(app, args, input=stdin, env=env)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, repr(result.exception))
    assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, output)


SETTINGS = st.one_of(st.none(), st.builds(
    lambda name, value: f"{name} = {json.dumps(value)}\n",
    st.sampled_from(["workers", "batch_size", "max_chars", "clean", "language_threshold",
                     "model", "nonsense"]),
    st.one_of(st.integers(-3, 3), st.sampled_from([True, "no", 1.5, "big", 0.7, [1]]))))
OPTIONS = st.lists(st.sampled_from([
    ["--published", "2024-05-01"], ["--published", "someday"], ["--url", "https://x.example/a"],
    ["--title", "[bold]T"], ["--outlet", "%_"], ["--raw"], ["--workers", "1"],
    ["--workers", "0"], ["--format", "jsonl"], ["--format", "table"], ["--format", "nope"],
]), max_size=3)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(files=st.lists(input_file(), min_size=1, max_size=3), options=OPTIONS,
       settings_toml=SETTINGS, command=st.sampled_from(["extract", "ingest", "stdin", "out"]))
def test_extract_and_ingest_never_trace_back(files: list[tuple[str, bytes, bytes | None]],
                                             options: list[list[str]],
                                             settings_toml: str | None, command: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for number, (suffix, content, sidecar) in enumerate(files):
            path = root / f"in{number}{suffix}"
            path.write_bytes(content)
            if sidecar is not None:
                (root / f"in{number}.meta.json").write_bytes(sidecar)
            paths.append(str(path))
        env = None
        if settings_toml is not None:
            (root / "settings.toml").write_text(settings_toml, encoding="utf-8")
            env = {"EVENTWIRE_SETTINGS": str(root / "settings.toml")}
        flat = [value for option in options for value in option]
        if command == "ingest":
            flat = [v for v in flat if v not in ("--format", "jsonl", "table", "nope")]
            check(["ingest", *paths, "--db", str(root / "s.db"), *flat], env=env)
        elif command == "stdin":
            check(["extract", "-", *flat], stdin=files[0][1], env=env)
        elif command == "out":
            check(["extract", *paths, "--out", str(root / "sub" / "out.json"), *flat], env=env)
        else:
            check(["extract", *paths, *flat], env=env)


@pytest.fixture(scope="module")
def filled() -> Path:
    folder = Path(tempfile.mkdtemp())
    with Store(folder / "s.db") as store:
        store.write_many(records(40))
    return folder / "s.db"


QUERY = st.one_of(
    st.tuples(st.just("events"), st.sampled_from(["--type", "--actor", "--country", "--since",
                                                   "--until", "--limit", "--format"]), ODD),
    st.tuples(st.just("actors"), st.sampled_from(["--name", "--limit", "--format"]), ODD),
    st.tuples(st.just("quotes"), st.sampled_from(["--speaker", "--limit", "--format"]), ODD),
    st.tuples(st.just("export"), st.sampled_from(["--format", "--out"]), ODD),
    st.tuples(st.just("stats"), st.sampled_from(["--json"]), st.just("")),
)


@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=QUERY, fmt=st.sampled_from(["jsonl", "csv", "table", "polecat", "parquet"]))
def test_queries_never_trace_back(filled: Path, query: tuple[str, str, str], fmt: str) -> None:
    command, option, value = query
    with tempfile.TemporaryDirectory() as folder:
        if option == "--out":  # an odd file name, always inside the temporary folder
            value = str(Path(folder) / (value.replace("/", "_").replace(".", "_") or "x"))
        args = [command, "--db", str(filled)]
        args += [option] if option == "--json" else [option, value]
        if command == "export" and option != "--format":
            args += ["--format", fmt]
        check(args)
