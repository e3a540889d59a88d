"""Story-level readings of place names (places/resolver.py): a town's name agrees with the
states the story names, and every mention of a name weighs the readings of all of them."""

from __future__ import annotations

import pytest
from tests.conftest import places_in

from eventwire.pipeline.runner import Pipeline

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline(places_pipeline: Pipeline) -> Pipeline:
    return places_pipeline


places = places_in


@pytest.mark.parametrize(("text", "name", "country", "admin1"), [
    # Read inside an institution's name, "Paris" lists only the big cities so called; the
    # state the story names brings in its own Paris.
    ("Paris Library to offer Illinois skills match workshop. The Paris Public Library will "
     "offer a workshop on March 31 for job seekers who wish to sign up for Illinois Skills "
     "Match. The free service matches job seekers with job openings in Illinois.",
     "Paris", "USA", "Illinois"),
    # The dateline and the county tell Columbus, Nebraska, though "Columbus Police" alone
    # would be Ohio's.
    ("City woman fined for false accusation. COLUMBUS -- A 27-year-old Columbus woman was "
     "fined Tuesday, the Columbus Police Department said. She had moved from Norfolk to "
     "Platte County last year.", "Columbus", "USA", "Nebraska"),
    # Without a state named, the big namesake stands.
    ("Paris police said the suspect fled to Lyon on Sunday.", "Paris", "FRA", None),
])
def test_a_name_agrees_with_the_story(pipeline: Pipeline, text: str, name: str, country: str,
                                      admin1: str | None) -> None:
    found = [p for p in places(pipeline, text) if p.text.lower() == name.lower()]
    assert found, f"no place {name!r}"
    for place in found:
        assert place.country == country, (place.text, place.start, place.country)
        if admin1 is not None:
            assert place.admin1 == admin1, (place.text, place.start, place.admin1)


def test_a_small_town_an_institution_is_named_after_stays(pipeline: Pipeline) -> None:
    text = ("Dublin Arts Council awards community arts grants. The concert will take place "
            "at the recreation center in Dublin, Ohio, on May 1.")
    found = [p for p in places(pipeline, text) if p.text == "Dublin"]
    assert len(found) == 2, [(p.text, p.role) for p in found]
    assert {p.admin1 for p in found} == {"Ohio"}


@pytest.mark.parametrize(("text", "name", "admin1"), [
    # The towns of the story (Richmond, Irvine: both in Kentucky) tell which Madison County,
    # and the county then tells the towns.
    ("Sgt. Sam Manley from the Madison County Sheriff's Office said a truck driven by Joseph "
     "Welch of Richmond collided with a car driven by David Arvin of Irvine.",
     "Madison County", "Kentucky"),
    ("Sgt. Sam Manley from the Madison County Sheriff's Office said a truck driven by Joseph "
     "Welch of Richmond collided with a car driven by David Arvin of Irvine.",
     "Irvine", "Kentucky"),
    # A state the story names decides at once.
    ("The Henry County commission met Monday. Tennessee officials attended.", "Henry County",
     "Tennessee"),
])
def test_a_county_takes_the_state_of_the_story(pipeline: Pipeline, text: str, name: str,
                                               admin1: str) -> None:
    found = [p for p in places(pipeline, text) if p.text == name]
    assert found, f"no place {name!r}"
    assert {p.admin1 for p in found} == {admin1}
