"""Entities: spaCy names with junk dropped and offsets trimmed to the name."""

from __future__ import annotations

import pytest

from eventwire import __version__
from eventwire.model import Article, Meta
from eventwire.pipeline.runner import Pipeline

pytestmark = pytest.mark.model


def entities(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    result = pipeline.process(Article(id="t", text=text, meta=Meta(version=__version__)))
    for entity in result.entities:
        assert result.text[entity.start:entity.end] == entity.text
    return [(e.text, e.label) for e in result.entities]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Iran-backed militias are now using more lethal and longer range 122mm rockets in "
         "their attacks.", [], ["mm"]),
        ("A readout of the call was provided by Abdul Mahdi’s office.", ["Abdul Mahdi"],
         ["Abdul Mahdi’s"]),
        ("Secretary of State Mike Pompeo warned Iran on Friday.", ["Mike Pompeo", "Iran"], []),
        ("The call follows at least 10 rocket attacks that have targeted U.S. bases in Iraq.",
         ["U.S.", "Iraq"], ["U.S"]),
    ],
)
def test_entities(raw_pipeline: Pipeline, text: str, present: list[str],
                  absent: list[str]) -> None:
    found = [name for name, _ in entities(raw_pipeline, text)]
    for name in present:
        assert name in found
    for name in absent:
        assert name not in found


def test_all_caps_and_long_names_do_not_crash(raw_pipeline: Pipeline) -> None:
    entities(raw_pipeline, "BREAKING: PRESIDENT OBAMA MEETS CHANCELLOR MERKEL IN BERLIN")
    entities(raw_pipeline, "The " + "Very " * 300 + "Long Name Organisation said so.")
