"""One product (#23): the same queries through the command line, the HTTP API and Python
on one store give the same rows, with the same names and JSON types as `eventwire export`;
the same bad values fail the same way; counts by actor count the same thing."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")
pytest.importorskip("httpx", reason="httpx (dev extra) is needed by TestClient")

from fastapi.testclient import TestClient
from typer.testing import CliRunner

import eventwire
from eventwire.cli.main import app
from eventwire.errors import InputError
from eventwire.serve.app import Config, create_app
from eventwire.store import Store
from eventwire.store.columns import FLAT_COLUMNS
from eventwire.store.exports import EXPORTERS, FORMATS, TEXT_FORMATS
from eventwire.store.synthetic import records

Row = dict[str, Any]
QUERIES: list[Row] = [{}, {"type": "assault"}, {"type": "Agree", "since": "2019-03"},
                      {"country": "India"}, {"actor": "usa", "until": "2019-06-30"},
                      {"place": "New Delhi"}]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parity") / "events.db"
    with Store(path) as store:
        store.write_many(records(90))
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Config(db=db)), base_url="http://localhost") as test_client:
        yield test_client


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def by_id(rows: list[Row]) -> dict[str, Row]:
    return {row["id"]: {column: row[column] for column in FLAT_COLUMNS} for row in rows}


def through_cli(db: Path, query: Row) -> dict[str, Row]:
    options = [part for name, value in query.items() for part in (f"--{name}", value)]
    code, out, err = cli("events", "--db", str(db), "-f", "json", "--limit", "0", *options)
    assert code == 0, err
    return by_id(json.loads(out))


def through_api(client: TestClient, query: Row) -> dict[str, Row]:
    rows: list[Row] = []
    page = 1
    while True:
        response = client.get("/api/events", params={**query, "page": page, "limit": 500})
        assert response.status_code == 200, response.text
        body = response.json()
        rows += body["items"]
        if page >= body["pages"]:
            return by_id(rows)
        page += 1


def through_python(db: Path, query: Row) -> dict[str, Row]:
    with eventwire.open_store(db) as store:
        return by_id(store.events(**query))


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: json.dumps(q))
def test_cli_api_and_python_give_the_same_rows(db: Path, client: TestClient,
                                               query: Row) -> None:
    python = through_python(db, query)
    assert python, "a query that matches nothing proves nothing"
    assert through_cli(db, query) == python
    assert through_api(client, query) == python
    row = next(iter(python.values()))
    assert isinstance(row["contexts"], list) and isinstance(row["factual"], bool)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("type", "ATTACK", "did you mean"), ("country", "Atlantis", "unknown country"),
    ("since", "2025-13", "not a date")])
def test_bad_values_fail_alike(db: Path, client: TestClient, name: str, value: str,
                               message: str) -> None:
    code, _, err = cli("events", "--db", str(db), f"--{name}", value)
    assert code == 1 and message in err
    assert client.get("/api/events", params={name: value}).status_code == 422
    query: Row = {name: value}
    with eventwire.open_store(db) as store, pytest.raises(InputError, match=message):
        store.events(**query)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_api_downloads_are_the_exports(db: Path, client: TestClient, tmp_path: Path,
                                       fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    code, _, err = cli("export", "-f", fmt, "--db", str(db), "-o", str(out), "--type", "agree")
    assert code == 0, err
    response = client.get("/api/events", params={"format": fmt, "sort": "day", "type": "agree"})
    assert response.status_code == 200, response.text
    assert response.text == out.read_text(encoding="utf-8")
    if fmt == "csv":
        assert next(csv.reader(io.StringIO(response.text))) == list(FLAT_COLUMNS)


def test_export_formats_come_from_one_registry() -> None:
    from eventwire.cli.store import ExportFormat
    from eventwire.serve.api import Download

    assert [str(f) for f in ExportFormat] == list(FORMATS) == list(EXPORTERS)
    assert [str(f) for f in Download] == ["json", *TEXT_FORMATS]
    assert set(TEXT_FORMATS) < set(FORMATS)


def test_counts_by_actor_count_the_same_events(db: Path, client: TestClient) -> None:
    code, out, err = cli("counts", "--by", "actor", "--per", "month", "--db", str(db),
                         "-f", "json")
    assert code == 0, err
    in_cli: Counter[str] = Counter()
    for row in json.loads(out):
        if row["month"]:
            in_cli[row["actor"] or "unknown"] += row["events"]
    body = client.get("/api/counts", params={"by": "actor", "per": "month"}).json()
    in_api = {series["key"]: series["total"] for series in body["series"]}
    assert sum(in_api.values()) == sum(in_cli.values())
    assert all(in_cli[key] == total for key, total in in_api.items() if key != "other")


def test_old_api_names_still_work(client: TestClient) -> None:
    assert client.get("/api/events", params={"page_size": 3}).json()["limit"] == 3
    assert client.get("/api/counts", params={"interval": "week"}).json()["per"] == "week"


def test_python_frames_are_typed(db: Path) -> None:
    pytest.importorskip("pandas", reason="the pandas extra is not installed")
    with eventwire.open_store(db) as store:
        frame = store.events(as_frame=True)
    assert str(frame["factual"].dtype) == "boolean"
    assert str(frame["day"].dtype).startswith("datetime64")
    assert all(isinstance(value, list) for value in frame["contexts"])


@pytest.mark.parametrize("per", ["day", "month"])
def test_counts_by_dyad_in_the_cli_and_the_api(db: Path, client: TestClient, per: str) -> None:
    code, out, err = cli("counts", "--by", "dyad", "--per", per, "--db", str(db), "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    with eventwire.open_store(db) as store:
        events = store.events()
    expected: Counter[str] = Counter(
        f"{e['source_name'] or ''} -> {e['target_name'] or ''}" for e in events)
    in_cli: Counter[str] = Counter()
    for row in rows:
        in_cli[row["dyad"]] += row["events"]
    assert in_cli == expected and len(expected) > 1
    body = client.get("/api/counts", params={"by": "dyad", "per": per}).json()
    dated = Counter(f"{e['source_name'] or ''} -> {e['target_name'] or ''}"
                    for e in events if e["day"] and e["date_precision"] in ("day", "published"))
    totals = {series["key"]: series["total"] for series in body["series"]}
    assert all(dated[key] == total for key, total in totals.items() if key != "other")
