"""The review queue and the evidence view's review buttons in a real headless Chromium, against
a real uvicorn server with a write token over a store built by hand (no model needed).

Skipped, with the reason, when chromium, playwright or the serve extra is missing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed (apt-get install -y chromium)",
                allow_module_level=True)
pytest.importorskip("fastapi", reason="the serve extra (fastapi, uvicorn) is not installed")
pytest.importorskip("playwright.sync_api", reason="playwright (browser extra) is not installed")

from tests.unit.test_store import esper, floods  # noqa: E402

from eventwire.serve.app import Config, create_app  # noqa: E402
from eventwire.serve.server import running  # noqa: E402
from eventwire.store import connect, reviews  # noqa: E402
from eventwire.store.writer import Store  # noqa: E402

TOKEN = "browser-review-token-0123456789"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    path = tmp_path_factory.mktemp("review") / "review.db"
    with Store(path) as store:
        store.write(esper())
        store.write(floods())
    with running(create_app(Config(db=path, token=TOKEN))) as url:
        yield url, path


@pytest.fixture(scope="module")
def page(served: tuple[str, Path], browser: Any) -> Iterator[Any]:
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.goto(served[0] + "/#review")
    opened.wait_for_selector("body[data-ready=true]", timeout=20_000)
    yield opened
    opened.close()
    assert not errors


def statuses(path: Path) -> dict[str, str]:
    db = connect(path, readonly=True)
    try:
        return {row[0]: row[1] for row in db.execute("SELECT type, reviewed FROM events")}
    finally:
        db.close()


def test_the_queue_reviews_with_one_key_each(page: Any, served: tuple[str, Path]) -> None:
    _, path = served
    page.wait_for_selector("#queue-sentence mark.hl-trigger")
    page.fill("#review-token input[name=token]", TOKEN)
    page.fill("#review-token input[name=who]", "ana")
    page.locator("#queue-box").focus()
    page.keyboard.press("c")
    page.wait_for_selector("text=1 reviewed in this session")
    page.keyboard.press("x")
    page.wait_for_selector("text=Nothing left to review.")
    assert sorted(statuses(path).values()) == ["confirmed", "rejected"]
    db = connect(path, readonly=True)
    assert [row["who"] for row in reviews.log(db)] == ["ana", "ana"]
    db.close()


def test_the_evidence_view_shows_history_and_edits(page: Any, served: tuple[str, Path]) -> None:
    url, path = served
    db = connect(path, readonly=True)
    confirmed = db.execute("SELECT id FROM events WHERE reviewed = 'confirmed'").fetchone()[0]
    db.close()
    page.goto(url + "/#events")
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#events tbody tr").count() == 1  # the rejected one is gone
    page.click(f"#events tbody tr[data-id='{confirmed}']")
    page.wait_for_selector("#ev-history li")
    assert "confirm" in page.inner_text("#ev-history")
    page.fill("#ev-type", "COOPERATE")
    page.click("#ev-edit")
    page.wait_for_selector("text=Reviewed: corrected, version 2")
    assert "COOPERATE" in statuses(path)
