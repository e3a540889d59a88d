"""`eventwire serve`: the JSON API over real stores (synthetic records, and the examples run
through the real pipeline for writing), through FastAPI's TestClient and a real server."""

from __future__ import annotations

import csv
import http.client
import io
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi, uvicorn) is not installed")
pytest.importorskip("httpx", reason="httpx (dev extra) is needed by FastAPI's TestClient")

from fastapi.testclient import TestClient

from eventwire.serve.app import STATIC, Config, create_app
from eventwire.serve.server import running
from eventwire.store import SCHEMA_VERSION
from eventwire.store import queries as store_queries
from eventwire.store.synthetic import records
from eventwire.store.writer import Store

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 300


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "synthetic.db"
    with Store(path) as store:
        store.write_many(records(N_ARTICLES))
    return path


@pytest.fixture(scope="module")
def client(synthetic_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Config(db=synthetic_db)),
                    base_url="http://localhost") as test_client:
        yield test_client


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    page = 1
    while True:
        body = client.get("/api/events", params={**params, "page": page,
                                                 "page_size": 500}).json()
        found += body["items"]
        if page >= body["pages"]:
            return found
        page += 1


def test_health_and_stats(client: TestClient, synthetic_db: Path) -> None:
    health = client.get("/api/health").json()
    assert health == {"status": "ok", "version": health["version"], "schema": SCHEMA_VERSION,
                      "writable": False}
    stats = client.get("/api/stats").json()
    with sqlite3.connect(synthetic_db) as db:
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert stats["totals"]["articles"] == N_ARTICLES
    assert stats["totals"]["events"] == events
    assert sum(row["events"] for row in stats["by_type"]) == events
    assert "IRQ" in stats["countries"]


# (parameter, value, what every returned event must satisfy)
FILTERS = [
    ("type", "ASSAULT", lambda e: e["type"] == "ASSAULT"),
    ("type", "assault", lambda e: e["type"] == "ASSAULT"),
    ("country", "IRQ", lambda e: e["country"] == "IRQ"),
    ("country", "deu", lambda e: e["country"] == "DEU"),
    ("actor", "Esper", lambda e: "Esper" in (e["source_name"] or "") + (e["target_name"] or "")),
    ("actor", "TUR", lambda e: "TUR" in (e["source_country"], e["target_country"])),
    ("actor", "tur", lambda e: "TUR" in (e["source_country"], e["target_country"])),
    ("actor", "Mod", lambda e: "Mod" in (e["source_name"] or "") + (e["target_name"] or "")),
    ("since", "2019-11-01", lambda e: e["day"] >= "2019-11-01"),
    ("until", "2019-02-01", lambda e: "" < e["day"] <= "2019-02-01"),
    ("min_confidence", "0.5", lambda e: e["confidence"] >= 0.5),
    ("factual", "true", lambda e: e["factual"] == 1),
    ("q", "sanctions", lambda e: "sanctions" in e["sentence"]),
    ("q", "Pretoria", lambda e: e["place_name"] == "Pretoria" or "Pretoria" in e["sentence"]),
]


@pytest.mark.parametrize(("name", "value", "holds"), FILTERS)
def test_event_filters(client: TestClient, name: str, value: str, holds: Any) -> None:
    body = client.get("/api/events", params={name: value, "page_size": 500}).json()
    everything = client.get("/api/events", params={"page_size": 1}).json()["total"]
    assert body["items"], f"{name}={value} matched nothing"
    assert all(holds(event) for event in body["items"])
    assert body["total"] <= everything


@pytest.mark.parametrize(("spec", "params"), [
    (store_queries.EventFilter(type="ACCUSE"), {"type": "ACCUSE"}),
    (store_queries.EventFilter(country="FRA"), {"country": "FRA"}),
    (store_queries.EventFilter(actor="Merkel"), {"actor": "Merkel"}),
    (store_queries.EventFilter(since="2019-03-01", until="2019-05-31"),
     {"since": "2019-03-01", "until": "2019-05-31"}),
])
def test_event_totals_agree_with_store_queries(client: TestClient, synthetic_db: Path,
                                               spec: store_queries.EventFilter,
                                               params: dict[str, str]) -> None:
    db = sqlite3.connect(synthetic_db)
    db.row_factory = sqlite3.Row
    expected = {row["id"] for row in store_queries.events(db, spec)}
    db.close()
    assert {event["id"] for event in all_events(client, **params)} == expected


def test_min_confidence_above_every_event_matches_none(client: TestClient) -> None:
    # every synthetic event has confidence 0.8
    assert client.get("/api/events", params={"min_confidence": 0.81}).json()["total"] == 0
    assert client.get("/api/events", params={"min_confidence": 0.8}).json()["total"] > 0


@pytest.mark.parametrize(("sort", "key", "reverse"), [
    ("-day", lambda e: e["day"], True), ("day", lambda e: e["day"], False),
    ("-mentions", lambda e: e["num_mentions"], True), ("type", lambda e: e["type"], False),
    ("-confidence", lambda e: e["confidence"], True),
])
def test_pages_are_sorted_disjoint_and_complete(client: TestClient, sort: str, key: Any,
                                                reverse: bool) -> None:
    total = client.get("/api/events", params={"page_size": 1}).json()["total"]
    seen: list[dict[str, Any]] = []
    page = 1
    while len(seen) < total:
        body = client.get("/api/events", params={"sort": sort, "page": page,
                                                 "page_size": 97}).json()
        assert body["items"], f"page {page} is empty before {total} events were seen"
        seen += body["items"]
        page += 1
    ids = [event["id"] for event in seen]
    assert len(ids) == len(set(ids)) == total
    values = [key(event) for event in seen]
    assert values == sorted(values, reverse=reverse)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_download_has_the_same_events_as_the_pages(client: TestClient, fmt: str) -> None:
    params = {"type": "THREATEN", "sort": "day"}
    expected = [event["id"] for event in all_events(client, **params)]
    response = client.get("/api/events", params={**params, "format": fmt})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    else:
        rows = [json.loads(line) for line in response.text.splitlines()]
    assert [row["id"] for row in rows] == expected


@pytest.mark.parametrize("interval", ["day", "week", "month"])
@pytest.mark.parametrize(("by", "params"), [
    ("type", {}), ("type", {"type": "AGREE"}), ("type", {"type": "AGREE", "since": "2019-06-01"}),
    ("type", {"until": "2019-03-31"}), ("type", {"factual": "true"}),
    ("country", {}), ("country", {"q": "trade"}),
])
def test_counts_add_up_to_the_events(client: TestClient, by: str, params: dict[str, str],
                                     interval: str) -> None:
    body = client.get("/api/counts", params={**params, "by": by, "interval": interval}).json()
    dated = [e for e in all_events(client, **params) if e["day"]]
    assert sum(sum(series["counts"]) for series in body["series"]) == len(dated)
    assert body["buckets"] == sorted(body["buckets"])
    assert all(len(series["counts"]) == len(body["buckets"]) for series in body["series"])
    if interval == "week":
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", bucket) for bucket in body["buckets"])


def test_counts_by_actor_count_each_event_under_its_source(client: TestClient) -> None:
    """As `eventwire counts --by actor`: each dated event once, under its source."""
    body = client.get("/api/counts", params={"by": "actor", "type": "AGREE"}).json()
    events = all_events(client, type="AGREE")
    assert sum(series["total"] for series in body["series"]) == sum(
        1 for e in events if e["day"])


def test_event_evidence_points_into_the_article(client: TestClient) -> None:
    event = client.get("/api/events", params={"sort": "-mentions"}).json()["items"][0]
    detail = client.get(f"/api/events/{event['id']}").json()
    assert detail["id"] == event["id"]
    assert 0 < len(detail["mentions"]) <= event["num_mentions"]
    for mention in detail["mentions"]:
        article = client.get(f"/api/articles/{mention['article_id']}",
                             params={"event": mention["item_id"]}).json()
        kinds = {span["kind"] for span in mention["evidence"]}
        assert {"trigger", "source", "target", "time", "place", "sentence"} <= kinds
        for span in mention["evidence"]:
            assert article["text"][span["start"]:span["end"]] == span["text"]
        trigger = next(s for s in mention["evidence"] if s["kind"] == "trigger")
        assert trigger["text"] == mention["trigger_text"]
        assert article["spans"] == mention["evidence"]


def test_article_view_and_quote_view(client: TestClient) -> None:
    quote = client.get("/api/quotes", params={"page_size": 1}).json()["items"][0]
    body = client.get(f"/api/articles/{quote['article_id']}",
                      params={"quote": quote["quote_id"]}).json()
    quoted = next(span for span in body["spans"] if span["kind"] == "quote")
    assert quoted["text"] == quote["text"]
    whole = client.get(f"/api/articles/{quote['article_id']}").json()
    assert {span["kind"] for span in whole["spans"]} >= {"trigger", "place", "time", "quote"}
    assert all(whole["text"][s["start"]:s["end"]] == s["text"] for s in whole["spans"])


def test_actors_quotes_stories_places(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"q": "merkel"}).json()["items"]
    assert actors and all("merkel" in actor["name"].lower() for actor in actors)
    quotes = client.get("/api/quotes", params={"speaker": "Modi"}).json()["items"]
    assert quotes and all(quote["speaker_name"] == "Narendra Modi" for quote in quotes)
    stories = client.get("/api/stories", params={"page_size": 5}).json()["items"]
    assert stories[0]["n_articles"] >= stories[-1]["n_articles"]
    places = client.get("/api/places", params={"country": "IND"}).json()["items"]
    assert [place["name"] for place in places] == ["New Delhi"]


PROBLEMS = [
    ("/api/events?type=EXPLODE", 422, "type"),
    ("/api/events?country=Atlantis", 422, "country"),
    ("/api/counts?type=EXPLODE", 422, "type"),
    ("/api/places?since=2019-02-30", 422, "since"),
    ("/api/events?since=2019-02-30", 422, "since"),
    ("/api/events?until=yesterday", 422, "until"),
    ("/api/events?since=2019-05-01&until=2019-04-01", 422, "until"),
    ("/api/events?min_confidence=1.5", 422, "min_confidence"),
    ("/api/events?min_confidence=abc", 422, "min_confidence"),
    ("/api/events?page=0", 422, "page"),
    ("/api/events?page_size=100000", 422, "page_size"),
    ("/api/events?sort=random()", 422, "sort"),
    ("/api/events?format=xml", 422, "format"),
    ("/api/events?factual=maybe", 422, "factual"),
    ("/api/events?typo=ASSAULT", 422, "typo"),
    ("/api/events?q=" + "x" * 500, 422, "q"),
    ("/api/counts?by=outlet", 422, "by"),
    ("/api/counts?interval=year", 422, "interval"),
    ("/api/events/ev-0000000000000000", 404, "event_id"),
    ("/api/articles/no-such-article", 404, "article_id"),
    ("/api/articles/syn-0000001?event=v99", 404, "event"),
    ("/api/articles/syn-0000001?quote=q99", 404, "quote"),
    ("/api/actors?country=12", 422, "country"),
    ("/api/events?q=%00", 422, "q"),
    ("/api/events?actor=a%0Ab", 422, "actor"),
    ("/api/quotes?speaker=%1b", 422, "speaker"),
    ("/api/quotes?since=2019-13-01", 422, "since"),
]


@pytest.mark.parametrize(("url", "status", "parameter"), PROBLEMS)
def test_bad_requests_are_problem_details_naming_the_parameter(
        client: TestClient, url: str, status: int, parameter: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["parameter"] == parameter
    assert body["detail"].startswith(parameter)
    assert "Traceback" not in response.text


@pytest.mark.parametrize(("url", "suggestion"), [
    ("/api/events?type=attack", "did you mean ASSAULT?"),
    ("/api/events?country=Germny", "did you mean DEU (Germany)?"),
])
def test_unknown_values_get_the_command_lines_suggestion(client: TestClient, url: str,
                                                         suggestion: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert suggestion in response.json()["detail"]


@pytest.mark.parametrize(("params", "same"), [
    ({"country": "Iraq"}, {"country": "IRQ"}),
    ({"actor": "Turkey"}, {"actor": "TUR"}),
    ({"since": "2019-06", "until": "2019"}, {"since": "2019-06-01", "until": "2019-12-31"}),
])
def test_names_and_short_dates_read_as_the_command_line_reads_them(
        client: TestClient, params: dict[str, str], same: dict[str, str]) -> None:
    ids = [event["id"] for event in all_events(client, **params)]
    assert ids and ids == [event["id"] for event in all_events(client, **same)]


@pytest.mark.parametrize("value", ["' OR 1=1 --", "%", "_", "\\", "\"; DROP TABLE events; --",
                                   "ASSAULT' UNION SELECT * FROM articles --"])
def test_hostile_text_is_a_value_not_sql(client: TestClient, synthetic_db: Path,
                                         value: str) -> None:
    for name in ("q", "actor", "mode"):
        response = client.get("/api/events", params={name: value})
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 0
    with sqlite3.connect(synthetic_db) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0


@pytest.mark.parametrize("path", [
    "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fstore/schema.py",
    "/static/vendor/%2e%2e/%2e%2e/api.py", "/static/%2fetc%2fpasswd", "/static/....//app.py",
])
def test_no_path_traversal_through_static(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "def " not in response.text and "root:" not in response.text


def test_no_path_traversal_over_a_real_socket(synthetic_db: Path) -> None:
    """Raw request lines (no client-side normalisation) against a running uvicorn."""
    with running(create_app(Config(db=synthetic_db))) as base:
        host, port = base.removeprefix("http://").split(":")
        for path in ("/static/../app.py", "/static/../../store/writer.py",
                     "/static/vendor/../../serve/app.py", "/../pyproject.toml"):
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            connection.putrequest("GET", path, skip_accept_encoding=True)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            connection.close()
            assert response.status in (400, 404), path
            assert "create_app" not in body and "class Store" not in body


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/", "/docs"):
        response = client.get(path)
        assert response.status_code == 200
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", response.text)
        assert "default-src 'self'" in response.headers["content-security-policy"]
    for path in ("/static/app.js", "/static/dom.js", "/static/charts.js", "/static/docs.js",
                 "/static/app.css"):
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", client.get(path).text)
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/counts",
            "/api/articles"} <= set(spec["paths"])
    for asset in ("vendor/leaflet/LICENSE", "vendor/world-atlas/LICENSE",
                  "vendor/swagger-ui/LICENSE"):
        assert (STATIC / asset).is_file()


def test_cors_is_off_unless_asked(synthetic_db: Path, client: TestClient) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/health", headers=origin).headers
    with TestClient(create_app(Config(db=synthetic_db, cors=["http://elsewhere.example"])),
                    base_url="http://localhost") as allowed:
        headers = allowed.get("/api/health", headers=origin).headers
        assert headers["access-control-allow-origin"] == "http://elsewhere.example"
        other = allowed.get("/api/health", headers={"Origin": "http://evil.example"}).headers
        assert "access-control-allow-origin" not in other


def test_the_store_is_opened_read_only(client: TestClient, synthetic_db: Path) -> None:
    before = synthetic_db.read_bytes()
    for path in ("/api/events", "/api/stats", "/api/counts?by=actor", "/api/quotes"):
        assert client.get(path).status_code == 200
    assert synthetic_db.read_bytes() == before
    readers = client.app.state.readers  # type: ignore[attr-defined]
    connection = readers.open()
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM events")
    connection.close()


def test_posting_without_a_token_configured_is_refused(client: TestClient) -> None:
    response = client.post("/api/articles", json={"text": "Protesters marched in Paris."})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("writes are off")


def test_a_damaged_store_gives_a_500_without_a_trace(synthetic_db: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    shutil.copy(synthetic_db, damaged)
    app = create_app(Config(db=damaged))
    data = bytearray(damaged.read_bytes())
    data[8192:] = b"\xa5" * (len(data) - 8192)
    damaged.write_bytes(bytes(data))
    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as broken:
        response = broken.get("/api/events", params={"q": "x"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in response.text and "sqlite" not in response.text.lower()


def test_an_older_store_is_refused_with_how_to_upgrade_it(tmp_path: Path) -> None:
    from eventwire.errors import StoreError
    from eventwire.store.schema import APPLICATION_ID, FORMAT, MIGRATIONS, _statements

    old = tmp_path / "schema1.db"
    db = sqlite3.connect(old)
    for statement in _statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO eventwire_meta VALUES ('format', ?)", (FORMAT,))
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match=r"older than .*eventwire ingest --db"):
        create_app(Config(db=old))
    with Store(old):  # writing upgrades it
        pass
    with TestClient(create_app(Config(db=old)), base_url="http://localhost") as upgraded:
        assert upgraded.get("/api/events").json()["total"] == 0
        assert upgraded.get("/api/health").json()["schema"] == SCHEMA_VERSION
