"""Places: toponyms found, geocoded by context, metonymy skipped, events located."""

from __future__ import annotations

import pytest

from eventwire.model import Article, Meta, Place
from eventwire.pipeline.registry import STAGES
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import BatchStage, Work
from eventwire.places.stage import PlacesStage, place_for_trigger
from eventwire.settings import Settings

pytestmark = pytest.mark.model

EXAMPLE = "examples/esper-iraq-rockets.txt"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    stages = STAGES[:STAGES.index(PlacesStage) + 1]
    return Pipeline(Settings().override(clean=False), stages=stages)


def run(pipeline: Pipeline, text: str) -> Work:
    work = Work(Article(id="t", text=text, published="2019-12-17", meta=Meta(version="test")))
    for stage in pipeline.stages:
        if isinstance(stage, BatchStage):
            stage.process_batch([work])
        else:
            stage.process(work)
    assert work.article.meta.failure is None
    return work


def places(pipeline: Pipeline, text: str) -> list[Place]:
    return run(pipeline, text).article.places


def named(found: list[Place], text: str) -> Place:
    matches = [p for p in found if p.text == text]
    assert matches, f"no place {text!r} in {[p.text for p in found]}"
    return matches[0]


def test_worked_example(pipeline: Pipeline) -> None:
    from pathlib import Path

    path = Path(__file__).parents[2] / EXAMPLE
    article_places = places(pipeline, path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    for place in article_places:
        assert text[place.start:place.end] == place.text
    countries = {p.country for p in article_places if p.feature == "country"}
    assert {"IRQ", "SYR", "IRN"} <= countries
    iraq = named(article_places, "Iraq")
    assert iraq.lat is not None and iraq.lon is not None
    assert abs(iraq.lat - 33) < 3 and abs(iraq.lon - 44) < 3
    assert iraq.geonameid == 99237
    # "Iran-backed militias", "Iran's leaders", "Iran should not mistake" are actors.
    starts = {p.start for p in article_places}
    for phrase in ("Iran-backed", "Iran’s leaders", "Iran should"):
        assert text.index(phrase) not in starts


@pytest.mark.parametrize(("sentence", "actor"), [
    ("Washington said on Tuesday it would send more troops to Iraq.", "Washington"),
    ("Tehran warned on Sunday that any attack would be answered.", "Tehran"),
    ("Iran warned the United States against further sanctions.", "Iran"),
    ("Russia's foreign minister met his Turkish counterpart in Ankara.", "Russia"),
])
def test_metonymic_names_are_not_places(pipeline: Pipeline, sentence: str, actor: str) -> None:
    assert actor not in [p.text for p in places(pipeline, sentence)]


@pytest.mark.parametrize(("sentence", "name", "country", "feature"), [
    ("Republicans in Georgia hope to win both Senate runoffs in January, party officials in "
     "Atlanta said.", "Georgia", "USA", "admin1"),
    ("Russian troops remain in Georgia's breakaway regions of Abkhazia and South Ossetia, "
     "officials in Tbilisi said.", "Georgia", "GEO", "country"),
    ("The fire destroyed a warehouse in Paris, Texas, on Sunday, the Lamar County sheriff said.",
     "Paris", "USA", "city"),
    ("Protesters marched through central Paris on Saturday, French police said.",
     "Paris", "FRA", "city"),
    ("Israeli air strikes hit the Gaza Strip overnight.", "Gaza Strip", "PSE", "region"),
    ("Settlers attacked a village in the West Bank on Friday.", "West Bank", "PSE", "region"),
    ("Shelling continued in Donetsk Oblast on Monday, Ukrainian officials said.",
     "Donetsk Oblast", "UKR", "admin1"),
    ("Fighting in Ukraine has displaced millions of people.", "Ukraine", "UKR", "country"),
    ("A roadside bomb exploded in Baghdad on Monday, killing three soldiers.",
     "Baghdad", "IRQ", "city"),
])
def test_context_chooses_the_reading(pipeline: Pipeline, sentence: str, name: str,
                                     country: str, feature: str) -> None:
    place = named(places(pipeline, sentence), name)
    assert (place.country, place.feature) == (country, feature)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(("text", "name", "country", "admin1"), [
    # One reading per name: the words after one mention tell every mention.
    ("Lebanon schedules spring clean-up. Residents of Lebanon can leave yard waste at the "
     "curb, Lebanon Street Superintendent Larry Lee said. Zionsville holds its clean-up "
     "in May.", "Lebanon", "USA", "Indiana"),
    # "Mayor" after the name: a town, not the country.
    ("Jordan Mayor Tanya Velishek said the council will vote on the budget Monday, as "
     "other Minnesota cities did.", "Jordan", "USA", "Minnesota"),
    # A town too small for the gazetteer takes the point of the state a comma names.
    ("Martha was born in Grantville, Pennsylvania, on November 4, 1913.", "Grantville",
     "USA", "Pennsylvania"),
    # A province outside the US qualifies a town by nearness.
    ("The design firm Plant Architect Inc. of Toronto, Ontario, will present the plans.",
     "Toronto", "CAN", None),
    # A country named by its own name, not the capital that also bears it.
    ("Migrants camped in Matias Romero, in southern Mexico, near Mexico City.", "Mexico",
     "MEX", None),
])
def test_document_and_qualifiers_choose_the_reading(pipeline: Pipeline, text: str, name: str,
                                                    country: str, admin1: str | None) -> None:
    found = [p for p in places(pipeline, text) if p.text == name]
    assert found, f"no place {name!r}"
    for place in found:
        assert place.country == country
        assert place.lat is not None and place.lon is not None
        if admin1 is not None:
            assert place.admin1 == admin1
    if name == "Mexico":
        assert found[0].feature == "country"


@pytest.mark.parametrize(("text", "name"), [
    # spaCy's small model labels these ORG; a country or state name alone is a place.
    ("Students from Ohio and Kentucky met in Cincinnati.", "Kentucky"),
    # A place inside a longer unknown name.
    ("Okruashvili's party, the Movement for United Georgia, plans protests in Tbilisi.",
     "Georgia"),
    # An organisation named after a town yields the town.
    ("The Laurel County Fiscal Court approved the audit on Tuesday.", "Laurel County"),
])
def test_names_inside_other_entities(pipeline: Pipeline, text: str, name: str) -> None:
    found = places(pipeline, text)
    assert name in [p.text for p in found]
    assert all(text[p.start:p.end] == p.text for p in found)


def test_a_surname_is_not_a_town(pipeline: Pipeline) -> None:
    text = ("Officer Michael Eggers chased Kevin Bell through two parking lots. Bell pulled a "
            "handgun, and Eggers fired.")
    assert "Bell" not in [p.text for p in places(pipeline, text)]


@pytest.mark.parametrize(("sentence", "trigger", "where"), [
    ("A roadside bomb exploded in Baghdad on Monday, killing three soldiers.", "exploded",
     "Baghdad"),
    ("Shelling hit a trolleybus in Donetsk on Thursday killing 8 people, an official said.",
     "hit", "Donetsk"),
    ("A US soldier was killed when his vehicle was hit by a bomb in Iraq's northern Nineveh "
     "province, the military said.", "hit", "Nineveh"),
    ("At least 22 militants were killed in the clashes, officials said.", "killed", None),
])
def test_place_for_trigger(pipeline: Pipeline, sentence: str, trigger: str,
                           where: str | None) -> None:
    work = run(pipeline, sentence)
    doc = work.parsed
    index = next(t.i for t in doc if t.text == trigger)
    place = place_for_trigger(doc, work.article, index)
    assert (place.text if place else None) == where
    assert place_for_trigger(doc, work.article, len(doc) + 5) is None


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "BREAKING: EXPLOSIONS REPORTED IN KABUL AND KANDAHAR, OFFICIALS SAY.",
    "In " + "Springfield " * 200,
    "Protests in Zürich, São Paulo and Łódź \u200b were peaceful 🙂.",
    "in in in at at near",
])
def test_bad_input_never_crashes(pipeline: Pipeline, text: str) -> None:
    work = run(pipeline, text)
    for place in work.article.places:
        assert text[place.start:place.end] == place.text
