"""The HTTP API under hostile requests (#25): deeply nested JSON is a 4xx, never a 500; a
Host header naming another site is refused (DNS rebinding); control characters in text
search are refused; a token of spaces is refused at start-up; the web app renders every
text as text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi, uvicorn) is not installed")

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventwire.cli.main import app as cli
from eventwire.errors import ConfigError
from eventwire.serve.app import STATIC, Config, create_app
from eventwire.store import Store
from eventwire.store.synthetic import records

TOKEN = "s3cret-token-for-tests-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-api") / "s.db"
    with Store(path) as store:
        store.write_many(records(20))
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Config(db=db, token=TOKEN)),
                    base_url="http://localhost") as test_client:
        yield test_client


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"articles": ' + b"[" * 5000,
                                  b'{"text": ' + b'{"a": ' * 2000 + b"1" + b"}" * 2001,
                                  b"[" * 100 + b"]" * 100])
def test_deeply_nested_json_is_a_400(client: TestClient, body: bytes) -> None:
    response = client.post("/api/articles", content=body, headers=AUTH)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "nested" in response.json()["detail"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io",
                                  "localhost.evil.example", ""])
def test_a_foreign_host_header_is_refused(client: TestClient, host: str) -> None:
    for path in ("/api/health", "/api/events", "/"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 421, (path, host)
        assert response.json()["parameter"] == "Host"


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:80",
                                  "LOCALHOST."])
def test_local_host_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


def test_more_host_names_can_be_allowed(db: Path) -> None:
    app = create_app(Config(db=db, hosts=("events.example.org",)))
    with TestClient(app, base_url="http://events.example.org") as named:
        assert named.get("/api/health").status_code == 200
        assert named.get("/api/health", headers={"Host": "localhost"}).status_code == 421


@pytest.mark.parametrize("query", ["q=%0a", "q=%0d%0a", "q=%00", "q=a%1bb", "actor=%0a",
                                   "q=%c2%85"])
def test_control_characters_in_text_search_are_refused(client: TestClient, query: str) -> None:
    for route in ("/api/events", "/api/quotes", "/api/actors"):
        if "actor=" in query and route != "/api/events":
            continue
        response = client.get(f"{route}?{query}")
        assert response.status_code == 422, (route, query, response.text)


@pytest.mark.parametrize("token", [" " * 20, "\t" * 16, "token with spaces inside",
                                   "x" * 15, "ŧøķëñ-ŧøķëñ-ŧøķëñ-ŧøķëñ"])
def test_an_unusable_token_is_refused_at_start_up(db: Path, token: str) -> None:
    with pytest.raises(ConfigError, match="--token"):
        create_app(Config(db=db, token=token))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--token", token])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--token" in lines[0], result.stderr


SINKS = re.compile(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|"
                   r"\.bind(Tooltip|Popup)\(\s*[`'\"]|\.setContent\(\s*[`'\"]|"
                   r"\.(bind(Tooltip|Popup)|setContent)\(\s*[\w.]*\s*\+")


@pytest.mark.parametrize("script", sorted(path.name for path in STATIC.glob("*.js")))
def test_the_web_app_has_no_html_sinks(script: str) -> None:
    text = (STATIC / script).read_text(encoding="utf-8")
    found = [line for line in text.splitlines() if SINKS.search(line)]
    assert not found, found
