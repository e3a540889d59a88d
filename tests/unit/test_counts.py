"""Counts: numbers with their noun, qualifier and casualty category."""

from __future__ import annotations

import pytest

from eventwire import __version__
from eventwire.counts.stage import CountsStage
from eventwire.model import Article, Meta
from eventwire.nlp.parse import ParseStage
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings

pytestmark = pytest.mark.model

Row = tuple[str, float | None, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def counts_pipeline() -> Pipeline:
    return Pipeline(Settings(clean=False), stages=[ParseStage, CountsStage])


def counts(pipeline: Pipeline, text: str) -> list[Row]:
    article = pipeline.process(Article(id="t", text=text, published="2019-12-17",
                                       meta=Meta(version=__version__)))
    assert article.meta.failure is None
    for item in article.counts:
        assert article.text[item.start:item.end] == item.text
    return [(c.text, c.value, c.qualifier, c.noun, c.category) for c in article.counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The call from Esper follows at least 10 rocket attacks that have targeted U.S. "
         "bases and interests in Iraq over the last five weeks.",
         [("at least 10 rocket attacks", 10, "at least", "rocket attacks", None)]),
        ("Two soldiers were killed and 15 others wounded in the ambush.",
         [("Two soldiers", 2, None, "soldiers", "killed"),
          ("15 others", 15, None, "others", "injured")]),
        ("Dozens of protesters were arrested outside parliament.",
         [("Dozens of protesters", None, "dozens", "protesters", "arrested")]),
        ("More than 1,000 people fled the fighting.",
         [("More than 1,000 people", 1000, "more than", "people", "displaced")]),
        ("Police detained a dozen men near the border.",
         [("a dozen men", 12, None, "men", "arrested")]),
        ("The air strike killed 12 people, including three children.",
         [("12 people", 12, None, "people", "killed"),
          ("three children", 3, None, "children", "killed")]),
        ("Four police officers died and at least 7 militants were detained.",
         [("Four police officers", 4, None, "police officers", "killed"),
          ("at least 7 militants", 7, "at least", "militants", "arrested")]),
        ("The death toll rose to 25, officials said.", [("25", 25, None, None, "killed")]),
        ("Nearly 200,000 people have been displaced by the floods.",
         [("Nearly 200,000 people", 200000, "nearly", "people", "displaced")]),
        ("The bomb left five people dead in the market.",
         [("five people", 5, None, "people", "killed")]),
    ],
)
def test_counts(counts_pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert counts(counts_pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Iran-backed militias are now using more lethal and longer range 122mm rockets.",
        "The 7.62 mm rounds were found 40 km from the border.",
        "The government spent $5 million, or 12 percent of its budget, over 3 years.",
        "A 45-year-old man was questioned at 10:30 a.m. on 12/16/2019.",
        "The militia was founded in 1998 and fought on Dec. 16, 2019.",
        "The resolution 2334 passed 14 to 0 in 2016.",
    ],
)
def test_not_counts(counts_pipeline: Pipeline, text: str) -> None:
    assert counts(counts_pipeline, text) == []


@pytest.mark.parametrize("text", [
    "", "TWENTY SIX SOLDIERS WERE KILLED AND HUNDREDS OF PEOPLE FLED.",
    "1" * 300 + " people", "١٢ people were killed", "— – ‘’ 3 ½ 🙂 million",
])
def test_bad_input_never_crashes(counts_pipeline: Pipeline, text: str) -> None:
    counts(counts_pipeline, text)


def test_twenty_six(counts_pipeline: Pipeline) -> None:
    found = counts(counts_pipeline, "Twenty six soldiers were injured in the blast.")
    assert found == [("Twenty six soldiers", 26, None, "soldiers", "injured")]
