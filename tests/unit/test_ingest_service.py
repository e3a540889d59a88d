"""One way in: `ingest`, `watch` and POST /api/articles share `store.ingest_service.Ingest`
(the pre-check that keeps unchanged inputs and syndicated copies out of the pipeline, the
writer, the copies recorded), and `serve`/`feeds` reach the store only through `store/`."""

from __future__ import annotations

import ast
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from eventwire.cli.ingest import recode_hint
from eventwire.model import Article
from eventwire.pipeline.batch import Tally
from eventwire.store import Store
from eventwire.store.ingest_service import Ingest
from eventwire.store.precheck import RELEASE
from eventwire.store.synthetic import records

SRC = Path(__file__).resolve().parents[2] / "src" / "eventwire"


class NoParsing:
    """A pipeline that fails the test when anything reaches it."""

    settings = SimpleNamespace(clean=False, max_chars=2_000_000)

    def run(self, articles: Iterable[Article], workers: int | None = None
            ) -> Iterator[Article]:
        for article in articles:
            raise AssertionError(f"{article.id} was parsed; the pre-check should skip it")
        yield from ()

    def process_batch(self, articles: list[Article]) -> list[Article]:
        raise AssertionError(f"{len(articles)} article(s) parsed; the pre-check should skip")


def stored(tmp_path: Path) -> tuple[Path, Article]:
    path = tmp_path / "one.db"
    original = next(records(1))
    with Store(path) as store:
        assert store.write(original) == "added"
    return path, original


def copies(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT url, original_id FROM article_copies").fetchall()


def test_recode_parses_what_is_stored_but_not_its_copies(tmp_path: Path) -> None:
    path, original = stored(tmp_path)
    copy = original.model_copy(update={"id": "other", "url": "https://other.example/x"})
    with Store(path, recode=True) as store, Ingest(store, clean=False) as service:
        assert not service.skip(original)
        assert service.skip(copy)
        assert service.write(original) == "replaced"
        service.finish()
        assert service.outcomes == Counter(replaced=1, copies=1)


def test_service_skips_unchanged_and_records_copies(tmp_path: Path) -> None:
    path, original = stored(tmp_path)
    copy = original.model_copy(update={"id": "other", "url": "https://other.example/x"})
    with Store(path) as store, Ingest(store, clean=False) as service:
        assert service.skip(original) and service.skip(copy)
        assert service.finish() == 1
        assert service.outcomes == Counter(unchanged=1, copies=1)
    assert copies(path) == [("https://other.example/x", original.id)]


@pytest.mark.parametrize(("release", "earlier"), [
    ("eventwire 0.1.0", {"eventwire 0.1.0": 1}),
    (RELEASE, {}),
])
def test_precheck_counts_unchanged_inputs_an_earlier_release_coded(
        tmp_path: Path, release: str, earlier: dict[str, int]) -> None:
    path, original = stored(tmp_path)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE articles SET record = json_set(record, '$.meta.version', ?)",
                   (release,))
    with Store(path) as store, Ingest(store, clean=False) as service:
        assert service.skip(original)
        assert service.check.earlier == Counter(earlier)
    assert recode_hint(Counter(earlier)).startswith("1 unchanged") == bool(earlier)


def test_stats_lists_the_articles_each_release_coded(tmp_path: Path) -> None:
    from eventwire.store.queries import stats

    path, _ = stored(tmp_path)
    with closing(sqlite3.connect(path)) as db:
        db.row_factory = sqlite3.Row
        assert stats(db)["coded_by"] == [{"release": "eventwire synthetic", "articles": 1}]


def test_watch_uses_the_precheck_and_records_copies(tmp_path: Path) -> None:
    from eventwire.feeds.watch import store_articles

    path, original = stored(tmp_path)
    copy = original.model_copy(update={"id": "wire", "url": "https://wire.example/a"})
    settled: list[tuple[str, str]] = []
    harvest: Any = SimpleNamespace(settle=lambda a, status: settled.append((a.id, status)))
    outcomes: Counter[str] = Counter()
    with Store(path) as store:
        store_articles([original, copy], NoParsing(), store,  # type: ignore[arg-type]
                       harvest, Tally(), outcomes, lambda *_: None)
    assert outcomes["unchanged"] == 1 and outcomes["copies"] == 1
    assert sorted(settled) == [(original.id, "unchanged"), ("wire", "unchanged")]
    assert copies(path) == [("https://wire.example/a", original.id)]


def test_post_uses_the_precheck_and_records_copies(tmp_path: Path) -> None:
    pytest.importorskip("fastapi", reason="the serve extra is not installed")
    pytest.importorskip("httpx", reason="httpx (dev extra) is needed by TestClient")
    from fastapi.testclient import TestClient

    from eventwire.serve.app import Config, create_app

    path, original = stored(tmp_path)
    token = "s3cret-token-for-tests-0123456789"
    app = create_app(Config(db=path, token=token, pipeline=NoParsing()))  # type: ignore[arg-type]
    body = {"text": original.text, "url": "https://posted.example/b", "id": "posted"}
    with TestClient(app, base_url="http://localhost") as client:
        response = client.post("/api/articles", json=[body, {
            "text": original.text, "id": original.id, "url": original.url}],
            headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    outcomes = [result["outcome"] for result in response.json()["results"]]
    assert outcomes == ["copy", "unchanged"]
    assert copies(path) == [("https://posted.example/b", original.id)]


STORE_TABLES = ("articles", "events", "feed_items", "feeds", "article_copies", "quotes")


@pytest.mark.parametrize("package", ["serve", "feeds"])
def test_serve_and_feeds_reach_the_store_only_through_store(package: str) -> None:
    """No `sqlite3.connect` and no SQL on store tables outside `store/`."""
    found = []
    for file in sorted((SRC / package).rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr == "connect"
                    and isinstance(node.value, ast.Name) and node.value.id == "sqlite3"):
                found.append(f"{file.name}: sqlite3.connect")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.upper()
                if any(f"FROM {table.upper()}" in text or f"INTO {table.upper()}" in text
                       for table in STORE_TABLES):
                    found.append(f"{file.name}: {node.value[:40]!r}")
    assert found == []
