"""Shared fixtures: one pipeline per test session, paths, the golden update flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.pipeline.runner import Pipeline
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


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
