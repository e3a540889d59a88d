"""Shared fixtures: one pipeline per test session, paths, the golden update flag."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.common import gold_article
from eventwire.model import Article, Meta, Place
from eventwire.pipeline.registry import STAGES
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import BatchStage, Work
from eventwire.places.stage import PlacesStage
from eventwire.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEV_DATA = ROOT.parent / "shared" / "eval" / "dev"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current pipeline output")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def raw_pipeline() -> Pipeline:
    return Pipeline(Settings(clean=False))


def sentence_pipeline(**overrides: Any) -> Pipeline:
    """The pipeline for tables of short texts: language detection off (short sentences can
    be misjudged) and the text taken as given (no cleaning)."""
    stages = tuple(s for s in STAGES if s.name != "language")
    return Pipeline(Settings().override(clean=False, **overrides), stages=stages)


@pytest.fixture(scope="session")
def sentences() -> Pipeline:
    """One `sentence_pipeline` for every stage test that runs real sentences."""
    return sentence_pipeline()


@pytest.fixture(scope="module")
def places_pipeline() -> Pipeline:
    """The stages up to and including places, the text taken as given."""
    stages = STAGES[:STAGES.index(PlacesStage) + 1]
    return Pipeline(Settings().override(clean=False), stages=stages)


def run_stages(pipeline: Pipeline, text: str, published: str = "2019-12-17") -> Work:
    """One text through `pipeline`'s stages as a work item (hand-overs kept)."""
    work = Work(Article(id="t", text=text, published=published, meta=Meta(version="test")))
    for stage in pipeline.stages:
        if isinstance(stage, BatchStage):
            stage.process_batch([work])
        else:
            stage.process(work)
    return work


def places_in(pipeline: Pipeline, text: str) -> list[Place]:
    """The places `pipeline` finds in `text`; the run must not fail and every place's
    offsets must give its words."""
    work = run_stages(pipeline, text)
    assert work.article.meta.failure is None, work.article.meta.failure
    for place in work.article.places:
        assert text[place.start:place.end] == place.text
    return work.article.places


def process_text(pipeline: Pipeline, text: str, published: str) -> Article:
    """One text through `pipeline` as a gold article published on `published`; it must
    not fail."""
    article = pipeline.process(gold_article("t", text, published))
    assert article.meta.failure is None, article.meta.failure
    return article


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


# --- a local web site for the feeds tests (pytest-httpserver; nothing touches the internet) ---

FEED_FIXTURES = ROOT / "tests" / "fixtures" / "feeds"
FEED_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml",
              ".rdf": "application/rdf+xml", ".json": "application/feed+json"}


class Site:
    """Serves tests/fixtures/feeds (BASE replaced by the server's address) and more."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.base = server.url_for("/").rstrip("/")

    def url(self, path: str) -> str:
        return self.base + path

    def fixture(self, name: str) -> str:
        return (FEED_FIXTURES / name).read_text(encoding="utf-8").replace("BASE", self.base)

    def serve(self, path: str, name: str, content_type: str | None = None,
              headers: dict[str, str] | None = None) -> str:
        """Serve fixture `name` at `path`; returns the URL."""
        kind = content_type or FEED_TYPES.get(Path(name).suffix, "text/plain")
        self.server.expect_request(path).respond_with_data(self.fixture(name), content_type=kind,
                                                           headers=headers)
        return self.url(path)

    def articles(self) -> None:
        for name in ("talks", "protest", "aid"):
            self.serve(f"/news/{name}", f"{name}.html")


@pytest.fixture(scope="session")
def make_httpserver() -> Iterator[Any]:
    """pytest-httpserver's server, threaded: a handler that sleeps (timeout tests) must not
    hold up the requests that follow."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def site(httpserver: Any) -> Site:
    """A site whose robots.txt allows everything but /private/."""
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    return Site(httpserver)
