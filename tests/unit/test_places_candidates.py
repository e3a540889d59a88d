"""Place candidates (places/candidates.py, places/frames.py): names the words around them
make places, and names that are people or institutions, not places."""

from __future__ import annotations

import pytest
from tests.conftest import places_in

from eventwire.pipeline.runner import Pipeline

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline(places_pipeline: Pipeline) -> Pipeline:
    return places_pipeline


places = places_in


@pytest.mark.parametrize(("sentence", "name", "country"), [
    # a direction word between the preposition and the name
    ("The rebels launched a new assault in northern Aleppo on Wednesday.", "Aleppo", "SYR"),
    ("The lawyer was shot in the foot in downtown Calais.", "Calais", "FRA"),
    ("Thousands marched Wednesday in central Santiago bearing signs.", "Santiago", "CHL"),
    # "of" after a place noun
    ("Police patrolled the streets of Katmandu, the capital.", "Katmandu", "NPL"),
    ("The army continued its offensive in the northern countryside of Hama on Tuesday.",
     "Hama", "SYR"),
])
def test_frames_past_direction_words_and_place_nouns(pipeline: Pipeline, sentence: str,
                                                     name: str, country: str) -> None:
    found = [p for p in places(pipeline, sentence) if p.text == name]
    assert found, f"no place {name!r}"
    assert found[0].country == country and found[0].role == "literal"


@pytest.mark.parametrize(("sentence", "name"), [
    # a name spaCy reads as a person is a place in, inside or near something, even when the
    # gazetteer does not know it
    ("Ten people were captured in a raid in Qaim.", "Qaim"),
    ("A suicide bomber detonated his explosives inside Kafr Sousah.", "Kafr Sousah"),
])
def test_a_person_label_inside_a_place_frame(pipeline: Pipeline, sentence: str,
                                             name: str) -> None:
    found = [p for p in places(pipeline, sentence) if p.text == name]
    assert found and found[0].role == "literal"


@pytest.mark.parametrize(("sentence", "name"), [
    # the same frames do not make a place of a name the gazetteer does not know
    ("The ruling was announced in the northern Senate chamber on Monday.", "Senate"),
    # a month is no town ("March", England)
    ("The pilgrims were killed on March 6 when two suicide bombers set off their vests.",
     "March"),
])
def test_frames_need_a_known_place(pipeline: Pipeline, sentence: str, name: str) -> None:
    assert name not in [p.text for p in places(pipeline, sentence)]


@pytest.mark.parametrize(("text", "name"), [
    # a person the text names is no town of the same name
    ("Senate Republicans refuse to hold hearings for Merrick Garland. The prospect of "
     "Garland hearings in September could become more appealing to Grassley.", "Garland"),
    ("Republicans pile on Obama. The leading candidates lashed out at President Obama and "
     "his would-be successor.", "Obama"),
    # what an institution does is not the town it would be named after
    ("It would be a dereliction of duty by the president and his Justice Department.",
     "Justice"),
    # a town's name in translation that is an English name of something else
    ("The United States has voiced concern over the violence in Israel, according to the "
     "White House.", "White House"),
])
def test_people_and_functions_are_no_places(pipeline: Pipeline, text: str, name: str) -> None:
    assert name not in [p.text for p in places(pipeline, text)]


@pytest.mark.parametrize(("text", "name", "country"), [
    # ... but a country named like a person stays a country
    ("Chad Smith played drums. Troops from Chad crossed the border into Niger on Monday.",
     "Chad", "TCD"),
    # ... and so does a town under a preposition of place
    ("Merrick Garland spoke on Monday. Two people were shot in Garland, Texas, on Sunday.",
     "Garland", "USA"),
    # ... and a town named before an institution word
    ("The Fargo City Commission met on Monday.", "Fargo", "USA"),
])
def test_places_named_like_people_stay(pipeline: Pipeline, text: str, name: str,
                                       country: str) -> None:
    found = [p for p in places(pipeline, text) if p.text == name]
    assert found and found[-1].country == country


@pytest.mark.parametrize(("sentence", "name", "country"), [
    # a hyphen glues words the parse tags otherwise into one name before a place word
    ("The death toll rose to 63 from Saturday's blasts outside a girls' school in Kabul's "
     "western Dasht-e-Barchi neighborhood, mostly populated by Shiite Hazaras.",
     "Dasht-e-Barchi", "AFG"),
])
def test_a_hyphenated_name_in_a_place_frame(pipeline: Pipeline, sentence: str, name: str,
                                            country: str) -> None:
    found = [p for p in places(pipeline, sentence) if p.text == name]
    assert found, f"no place {name!r}"
    assert found[0].country == country and found[0].role == "literal"


@pytest.mark.parametrize(("sentence", "text", "name", "country"), [
    # a direction word before a name is part of a place's own name near it
    ("The unrest comes amid the possible eviction of Palestinians from east Jerusalem homes "
     "on land claimed by Jewish settlers.", "east Jerusalem", "East Jerusalem", "PSE"),
    # not where that name is far away (East London is in South Africa)
    ("Police raided a house in east London on Monday.", "London", "London", "GBR"),
])
def test_a_direction_word_in_a_place_name(pipeline: Pipeline, sentence: str, text: str,
                                          name: str, country: str) -> None:
    found = [p for p in places(pipeline, sentence) if p.text == text]
    assert found, f"no place {text!r}"
    assert (found[0].name, found[0].country) == (name, country)
