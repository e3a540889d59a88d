"""`eventwire serve`: POST /api/articles (the real pipeline behind a token, written with
the store's writer) and the `eventwire serve` command's refusals."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi, uvicorn) is not installed")
pytest.importorskip("httpx", reason="httpx (dev extra) is needed by FastAPI's TestClient")

from fastapi.testclient import TestClient

from eventwire.pipeline.runner import Pipeline
from eventwire.serve.app import Config, create_app

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "s3cret-token-for-tests-0123456789"


# ---- writing: the real pipeline behind a token ----------------------------------------


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
             ) -> Iterator[tuple[TestClient, Path]]:
    path = tmp_path_factory.mktemp("serve-write") / "write.db"
    app = create_app(Config(db=path, token=TOKEN, max_body=60_000, max_batch=3,
                            pipeline=pipeline))
    with TestClient(app, base_url="http://localhost") as test_client:
        yield test_client, path


AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"text": (ROOT / "examples" / "esper-iraq-rockets.txt").read_text(encoding="utf-8"),
           "published": "2019-12-17", "title": "Esper and Iraq", "outlet": "tests",
           "url": "https://example.org/esper"}


@pytest.mark.model
def test_post_runs_the_pipeline_and_stores(writable: tuple[TestClient, Path],
                                           caplog: pytest.LogCaptureFixture) -> None:
    client, _ = writable
    caplog.set_level(logging.DEBUG)
    response = client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()["results"][0]
    assert result["outcome"] == "added" and result["events"] > 0
    article = client.get(f"/api/articles/{result['id']}").json()
    assert article["title"] == "Esper and Iraq"
    assert any(span["kind"] == "trigger" for span in article["spans"])
    assert client.get("/api/events").json()["total"] > 0
    again = client.post("/api/articles", json=ARTICLE, headers=AUTH).json()
    assert again["results"][0]["outcome"] == "unchanged"
    assert TOKEN not in caplog.text


@pytest.mark.model
def test_one_bad_article_does_not_sink_the_batch(writable: tuple[TestClient, Path]) -> None:
    client, _ = writable
    batch = {"articles": [{"text": "Police arrested two protesters in Nairobi on Monday."},
                          {"text": "   "}, {"text": 42}]}
    body = client.post("/api/articles", json=batch, headers=AUTH).json()
    assert [("error" in result) for result in body["results"]] == [False, True, True]
    assert body["results"][1]["error"].startswith("body[1].text")
    assert body["results"][2]["error"].startswith("body[2].text")


@pytest.mark.parametrize(("headers", "body", "status", "parameter"), [
    ({}, ARTICLE, 401, "Authorization"),
    ({"Authorization": "Bearer wrong-token-wrong-token"}, ARTICLE, 401, "Authorization"),
    ({"Authorization": f"Basic {TOKEN}"}, ARTICLE, 401, "Authorization"),
    ({**AUTH, "Content-Type": "text/plain"}, "just text", 415, "Content-Type"),
    ({**AUTH, "Content-Type": "application/json"}, "{not json", 400, "body"),
    ({**AUTH, "Content-Type": "application/json"}, "[]", 422, "body"),
    ({**AUTH, "Content-Type": "application/json"}, "\"text\"", 422, "body"),
    ({**AUTH, "Content-Type": "application/json"},
     json.dumps([{"text": "a b c"}] * 4), 413, "body"),
    ({**AUTH, "Content-Type": "application/json"},
     json.dumps({"text": "word " * 20_000}), 413, "body"),
    ({**AUTH, "Content-Type": "application/json"},
     json.dumps({"text": "Troops fired.", "colour": "red"}), 422, "body[0].colour"),
    ({**AUTH, "Content-Type": "application/json"},
     json.dumps({"text": "Troops fired.", "published": "soon"}), 422, "body[0]"),
])
@pytest.mark.model
def test_bad_posts_are_4xx_and_never_echo_the_token(
        writable: tuple[TestClient, Path], headers: dict[str, str], body: Any, status: int,
        parameter: str, caplog: pytest.LogCaptureFixture) -> None:
    client, _ = writable
    caplog.set_level(logging.DEBUG)
    if isinstance(body, dict):
        response = client.post("/api/articles", json=body, headers=headers)
    else:
        response = client.post("/api/articles", content=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["parameter"] == parameter
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert TOKEN not in response.text and TOKEN not in caplog.text



@pytest.mark.parametrize(("args", "env", "message"), [
    (["--db", "missing.db"], {}, "no eventwire store here"),
    (["--db", "pyproject.toml"], {}, "not an SQLite database"),
    (["--token", "short"], {}, "--token: at least 16 characters"),
    ([], {"EVENTWIRE_TOKEN": "short"}, "--token: at least 16 characters"),
])
def test_serve_command_refuses_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       args: list[str], env: dict[str, str],
                                       message: str) -> None:
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    monkeypatch.chdir(ROOT if "pyproject.toml" in args else tmp_path)
    result = CliRunner().invoke(app, ["serve", *args], env=env)
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
