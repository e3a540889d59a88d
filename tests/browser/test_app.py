"""The web app in a real headless Chromium (Debian's `chromium`, driven by Playwright) against
a real uvicorn server over a store of the bundled examples, ingested with the real pipeline.

Skipped, with the reason, when chromium, playwright or the serve extra is missing. CI
installs them (.ci/run); never `playwright install` (it downloads a browser)."""

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
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright (browser extra) is not installed")

from eventwire.pipeline.batch import Tally, process_paths  # noqa: E402
from eventwire.pipeline.runner import Pipeline  # noqa: E402
from eventwire.serve.app import Config, create_app  # noqa: E402
from eventwire.serve.server import running  # noqa: E402
from eventwire.store.writer import Store  # noqa: E402
from eventwire.text.ingest import Overrides  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.model


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    path = tmp_path_factory.mktemp("browser") / "examples.db"
    with Store(path) as store:
        for article in process_paths(pipeline, [str(ROOT / "examples")], Overrides(), Tally()):
            if article.meta.failure is None:
                store.write(article)
    return path


@pytest.fixture(scope="session")
def base_url(examples_db: Path) -> Iterator[str]:
    with running(create_app(Config(db=examples_db))) as url:
        yield url


class Watched:
    """A page with its console errors and any request that left the server's origin."""

    def __init__(self, browser: Any, base_url: str, width: int = 1280, height: int = 900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith((base_url, "data:"))
                     else self.outside.append(r.url))
        self.base_url = base_url

    def open(self, path: str = "/") -> Any:
        self.page.goto(self.base_url + path)
        self.page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        return self.page


@pytest.fixture
def app_page(browser: Any, base_url: str) -> Iterator[Watched]:
    watched = Watched(browser, base_url)
    yield watched
    watched.page.close()


def rows(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#events tbody tr", """rows => rows.map(r => ({
        id: r.dataset.id, type: r.cells[1].querySelector('.type').textContent}))""")


def settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(350)  # the filters' debounce (250 ms) and the redraw


def test_page_loads_offline_with_no_console_errors(app_page: Watched) -> None:
    page = app_page.open()
    settle(page)
    assert rows(page), "the events table is empty"
    assert int(page.get_attribute("#timeline", "data-total") or 0) > 0
    assert app_page.errors == []
    assert app_page.outside == []


def test_filters_change_the_table_and_the_timeline(app_page: Watched) -> None:
    page = app_page.open()
    settle(page)
    before_rows = rows(page)
    before_total = int(page.get_attribute("#timeline", "data-total") or 0)
    page.select_option("#filters select[name=type]", "ASSAULT")
    settle(page)
    after_rows = rows(page)
    assert after_rows and {row["type"] for row in after_rows} == {"ASSAULT"}
    assert len(after_rows) < len(before_rows)
    after_total = int(page.get_attribute("#timeline", "data-total") or 0)
    assert 0 < after_total < before_total
    place = next(p for p in page.eval_on_selector_all(
        "#events tbody tr", "rows => rows.map(r => r.cells[4].textContent)") if p)
    page.fill("#filters input[name=q]", place)
    settle(page)
    narrowed = rows(page)
    assert 0 < len(narrowed) < len(after_rows)
    texts = page.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.textContent)")
    assert all(place in text for text in texts)
    page.click("#filters button[type=reset]")
    settle(page)
    assert len(rows(page)) == len(before_rows)
    assert app_page.errors == []


def test_the_map_shows_markers(app_page: Watched) -> None:
    page = app_page.open()
    settle(page)
    expected = int(page.get_attribute("#map", "data-markers") or 0)
    assert expected > 0
    assert page.locator("#map path.ew-marker").count() == expected
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() > expected


def test_the_evidence_view_highlights_the_right_words(app_page: Watched) -> None:
    page = app_page.open()
    settle(page)
    event_id = rows(page)[0]["id"]
    page.click(f"#events tbody tr[data-id='{event_id}']")
    page.wait_for_selector("#ev-text mark.hl-trigger")
    detail = page.request.get(f"{app_page.base_url}/api/events/{event_id}").json()
    evidence = detail["mentions"][0]["evidence"]

    def marked(kind: str) -> str:
        return "".join(page.eval_on_selector_all(
            f"#ev-text mark.hl-{kind}", "marks => marks.map(m => m.textContent)"))

    for kind in ("trigger", "source", "target", "place", "time"):
        expected = "".join(span["text"] for span in sorted(evidence, key=lambda s: s["start"])
                           if span["kind"] == kind)
        assert marked(kind) == expected, kind
    assert marked("trigger") == detail["mentions"][0]["trigger_text"]
    page.keyboard.press("Escape")
    assert page.locator("#evidence").is_hidden()
    assert app_page.errors == []


def test_quotes_and_actors_views(app_page: Watched) -> None:
    page = app_page.open("/#quotes")
    page.wait_for_selector("#quotes tbody tr")
    quote = page.request.get(f"{app_page.base_url}/api/quotes?page_size=1").json()["items"][0]
    page.click("#quotes tbody tr >> nth=0")
    page.wait_for_selector("#ev-text mark.hl-quote")
    text = "".join(page.eval_on_selector_all("#ev-text mark.hl-quote",
                                             "marks => marks.map(m => m.textContent)"))
    assert text == quote["text"]
    page.keyboard.press("Escape")
    page.click("a.tab[data-view=actors]")
    page.wait_for_selector("#actors tbody tr")
    name = page.text_content("#actors tbody tr >> nth=0 >> td >> nth=0")
    page.click("#actors tbody tr >> nth=0")
    page.wait_for_selector("#view-events:not([hidden])")
    settle(page)
    assert page.input_value("#filters input[name=actor]") == name
    assert rows(page)
    assert app_page.errors == []


def test_narrow_screen_has_no_sideways_page(browser: Any, base_url: str) -> None:
    watched = Watched(browser, base_url, width=390, height=844)
    page = watched.open()
    settle(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    map_box = page.locator("#map").bounding_box()
    assert map_box is not None and map_box["width"] <= 390
    page.click("#events tbody tr >> nth=0")
    page.wait_for_selector("#ev-text mark.hl-trigger")
    panel = page.locator("#evidence").bounding_box()
    assert panel is not None and panel["width"] <= 390
    assert watched.errors == [] and watched.outside == []
    watched.page.close()


def test_api_docs_are_self_hosted(browser: Any, base_url: str) -> None:
    watched = Watched(browser, base_url)
    watched.page.goto(base_url + "/docs")
    watched.page.wait_for_selector(".opblock", timeout=20_000)
    assert watched.page.locator(".opblock").count() >= 10
    assert watched.errors == [] and watched.outside == []
    watched.page.close()


def test_the_map_has_a_legend_and_shades_countries(app_page: Watched) -> None:
    page = app_page.open()
    settle(page)
    legend = page.locator("#map-legend")
    assert legend.get_attribute("data-mode") == "places"
    assert "events at a place" in legend.inner_text()
    assert page.locator("#map-legend .key").count() >= 1
    page.select_option("#mapmode", "countries")
    page.wait_for_function("document.querySelector('#map-legend').dataset.mode === 'countries'")
    assert page.get_attribute("#map", "data-markers") == "0"
    assert int(page.get_attribute("#map", "data-shaded") or 0) > 0
    assert page.locator("#map path.ew-shaded").count() > 0
    assert "events in a country" in legend.inner_text()
    page.select_option("#mapmode", "both")
    page.wait_for_function("document.querySelector('#map-legend').dataset.mode === 'both'")
    assert int(page.get_attribute("#map", "data-markers") or 0) > 0
    assert app_page.errors == []


def test_the_view_is_kept_in_the_url_and_shared(app_page: Watched, base_url: str) -> None:
    page = app_page.open()
    settle(page)
    page.select_option("#filters select[name=type]", "ASSAULT")
    page.select_option("#interval", "week")
    settle(page)
    shared = page.url
    assert "type=ASSAULT" in shared and "per=week" in shared
    other = app_page.open(shared.removeprefix(base_url))
    settle(other)
    assert other.input_value("#filters select[name=type]") == "ASSAULT"
    assert other.input_value("#interval") == "week"
    assert {row["type"] for row in rows(other)} == {"ASSAULT"}
    assert app_page.errors == []


def test_a_map_click_filters_by_that_place(app_page: Watched) -> None:
    page = app_page.open()
    settle(page)
    before = len(rows(page))
    page.locator("#map path.ew-marker").first.dispatch_event("click")
    settle(page)
    place = page.input_value("#filters input[name=place]")
    assert place and page.input_value("#filters input[name=q]") == ""
    places = page.eval_on_selector_all("#events tbody tr",
                                       "rows => rows.map(r => r.cells[4].textContent)")
    assert places and all(place in cell for cell in places) and len(places) <= before
    assert "place=" in page.url


def test_sixteen_types_have_sixteen_colours(app_page: Watched) -> None:
    page = app_page.open()
    settle(page)
    colours = page.evaluate("import('/static/charts.js').then(m => m.COLORS)")
    assert len(set(colours)) >= 16
    keys = page.eval_on_selector_all("#legend .key i",
                                     "items => items.map(i => i.style.background)")
    assert keys and len(set(keys)) == len(keys)
