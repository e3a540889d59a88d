"""Places: toponyms found, geocoded by context, roles told apart, events located."""

from __future__ import annotations

import pytest
from tests.conftest import run_stages

from eventwire.model import Place
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import Work
from eventwire.places.event_location import place_for_trigger

pytestmark = pytest.mark.model

EXAMPLE = "examples/esper-iraq-rockets.txt"


@pytest.fixture(scope="module")
def pipeline(places_pipeline: Pipeline) -> Pipeline:
    return places_pipeline


def run(pipeline: Pipeline, text: str) -> Work:
    work = run_stages(pipeline, text)
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
    # "Iran-backed militias", "Iran's leaders", "Iran should not mistake", "the United
    # States' restraint", "U.S. officials" are actors; "U.S. bases" a nationality.
    roles = {p.start: p.role for p in article_places}
    for phrase in ("Iran-backed", "Iran’s leaders", "Iran should", "United States’ restraint",
                   "U.S. official told"):
        assert roles.get(text.index(phrase)) == "actor", phrase
    assert roles[text.index("U.S. bases")] == "adjective"
    assert roles[text.index("Iraq over the last")] == "literal"
    assert all(p.role != "literal" for p in article_places if p.country == "USA")


@pytest.mark.parametrize(("sentence", "name", "role"), [
    ("Washington said on Tuesday it would send more troops to Iraq.", "Washington", "actor"),
    ("Washington said on Tuesday it would send more troops to Iraq.", "Iraq", "literal"),
    ("Tehran warned on Sunday that any attack would be answered.", "Tehran", "actor"),
    ("Iran warned the United States against further sanctions.", "Iran", "actor"),
    ("Iran warned the United States against further sanctions.", "United States", "actor"),
    ("Russia's foreign minister met his Turkish counterpart in Ankara.", "Russia", "actor"),
    ("Russia's foreign minister met his Turkish counterpart in Ankara.", "Turkish",
     "adjective"),
    ("Russia's foreign minister met his Turkish counterpart in Ankara.", "Ankara", "literal"),
    ("China warned that it would respond to any provocation.", "China", "actor"),
    ("U.S. officials said the talks would resume.", "U.S.", "actor"),
    ("Rockets hit U.S. bases in Iraq on Sunday.", "U.S.", "adjective"),
    ("Rockets hit U.S. bases in Iraq on Sunday.", "Iraq", "literal"),
    ("Iraq has seen a wave of protests since October.", "Iraq", "literal"),
    ("A Kabul-based group said it had recorded the attacks.", "Kabul", "literal"),
])
def test_roles(pipeline: Pipeline, sentence: str, name: str, role: str) -> None:
    assert named(places(pipeline, sentence), name).role == role


@pytest.mark.parametrize(("sentence", "name", "country"), [
    # Capitalised names in locative frames that spaCy's small model leaves unlabelled.
    ("Fighting continued near Malakal on Monday, the United Nations said.", "Malakal", "SSD"),
    ("Aid groups based in Aleppo said the shelling had stopped.", "Aleppo", "SYR"),
    ("A Kabul-based group said it had recorded the attacks.", "Kabul", "AFG"),
    # a land word after the name frames it too
    ("Iraqi special forces, in a subsequent post on the X social media platform, said "
     "al-Rufay\u2019i was killed Thursday in an airstrike targeting his location in "
     "Iraq\u2019s Anbar desert.", "Anbar", "IRQ"),
])
def test_locative_frames(pipeline: Pipeline, sentence: str, name: str, country: str) -> None:
    place = named(places(pipeline, sentence), name)
    assert (place.country, place.role) == (country, "literal")


@pytest.mark.parametrize(("sentence", "name", "country"), [
    # A place word frames a name the gazetteer does not know, whatever spaCy labelled it.
    ("In the town of Suwayrah a suicide bomber rammed his explosives-laden car into a police "
     "checkpoint, killing 12 people.", "Suwayrah", None),
    ("Many schoolgirls were kidnapped during an overnight raid at their school in the "
     "village of Jangebe.", "Jangebe", None),
    ("The deadliest blast occurred in the Bayaa neighborhood, where a car bomb killed 23 "
     "people.", "Bayaa", None),
    # a name runs across the hyphens inside a word; plural frames too (each takes the
    # country of the town named nearest: "the province of Aleppo", "in northern Aleppo")
    ("Armed groups shelled the village of Al-Nayrab in the province of Aleppo on Monday.",
     "Al-Nayrab", "SYR"),
    ("ISIL began the day with a surprise assault at the important villages of Babinnis and "
     "Kafr Saghir in northern Aleppo.", "Babinnis", "SYR"),
    # a town of any size in the state or country named right after it
    ("Their abduction, resembling Boko Haram\u2019s 2014 abduction of 276 schoolgirls from "
     "Chibok in Borno State, triggered global condemnation.", "Chibok", "NGA"),
])
def test_place_frames_make_places(pipeline: Pipeline, sentence: str, name: str,
                                  country: str | None) -> None:
    place = named(places(pipeline, sentence), name)
    assert (place.country, place.role) == (country, "literal")


def test_a_framed_name_takes_the_point_of_the_town_named_nearest(pipeline: Pipeline) -> None:
    found = places(pipeline, "The deadliest blast occurred in the Bayaa neighborhood of "
                             "Baghdad, where a car bomb killed 23 people.")
    quarter, town = named(found, "Bayaa"), named(found, "Baghdad")
    assert quarter.feature == "locality" and quarter.country == "IRQ"
    assert (quarter.lat, quarter.lon) == (town.lat, town.lon)


def test_a_capitalised_place_word_is_no_frame(pipeline: Pipeline) -> None:
    found = places(pipeline, "Fighters of the Islamic State attacked the convoy on Monday.")
    assert "Islamic" not in [p.text for p in found]


@pytest.mark.parametrize(("sentence", "name", "feature", "role"), [
    # Names inside organisations' names are toponyms, not places where anything happens.
    ("We don't know what is happening with Air Zimbabwe, he said.", "Zimbabwe", "country",
     "actor"),
    ("The network told The Washington Post the trip was planned.", "Washington", None,
     "actor"),
    # The EU and nations' abbreviations that spaCy labels ORG.
    ("The group will write to the EU Transport Commissioner on Monday.", "EU", "region",
     "actor"),
    ("Officials in the DPRK denied the report.", "DPRK", "country", "literal"),
    # Streets take the point of the town named nearest them.
    ("They stopped at a gas station on Mayfield Road in Grand Prairie, Texas.",
     "Mayfield Road", "street", "literal"),
    ("Traffic was diverted from State Highway 360 near Grand Prairie on Sunday.",
     "State Highway 360", "street", "literal"),
])
def test_other_toponyms(pipeline: Pipeline, sentence: str, name: str, feature: str | None,
                        role: str) -> None:
    place = named(places(pipeline, sentence), name)
    assert place.role == role
    if feature is not None:
        assert place.feature == feature
    if feature == "street":
        town = named(places(pipeline, sentence), "Grand Prairie")
        assert (place.lat, place.lon) == (town.lat, town.lon)


def test_a_street_without_a_town_is_not_reported(pipeline: Pipeline) -> None:
    assert "Mayfield Road" not in [p.text for p in places(
        pipeline, "They stopped at a gas station on Mayfield Road to fix the car.")]


def test_demonyms_are_adjectives(pipeline: Pipeline) -> None:
    found = places(pipeline, "Iraqi and Turkish officials met on Sunday.")
    for name, country in (("Iraqi", "IRQ"), ("Turkish", "TUR")):
        place = named(found, name)
        assert (place.role, place.country, place.feature) == ("adjective", country, "country")


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
    # "the city" stands for the town named last before it
    ("Militants detonated explosive devices near a military convoy in Balochistan\u2019s "
     "Kalat district. Days later, a roadside bomb blast killed 11 coal miners in the city, "
     "while the BLA took credit for attacking a military vehicle securing a supply convoy "
     "for a mining company operated by China.", "killed", "Kalat"),
    # a place reached through another verb's clause is not the trigger's
    ("The BLA took credit for attacking a military vehicle securing a supply convoy for a "
     "mining company operated by China.", "attacking", None),
    ("Somalia-based al-Shabab has been attacking Kenyan troops since 2011.", "attacking",
     None),
    # ... but a clause that describes the trigger itself is its own
    ("The call from Esper follows at least 10 rocket attacks that have targeted U.S. bases "
     "and interests in Iraq over the last five weeks.", "attacks", "Iraq"),
    # a nominal trigger in an "in" phrase takes the verb's place
    ("Also Monday, hundreds of people massed in front of Israel\u2019s consulate in Istanbul "
     "in protest of Israeli police actions around the Al-Aqsa mosque compound in "
     "Jerusalem\u2019s Old City.", "protest", "Istanbul"),
    # the town over the state that only says where it is
    ("Their abduction, resembling Boko Haram\u2019s 2014 abduction of 276 schoolgirls from "
     "Chibok in Borno State, triggered global condemnation.", "abduction", "Chibok"),
    # a place in a person's title is where the person holds office
    ("Villagers are afraid to venture into the forest, says Lamu County Commissioner Irungu "
     "Macharia.", "says", None),
    # a name a place word frames is a place even when spaCy reads a person
    ("Many schoolgirls were kidnapped during an overnight raid at their school in the "
     "village of Jangebe.", "kidnapped", "Jangebe"),
])
def test_attached_place(pipeline: Pipeline, sentence: str, trigger: str,
                        where: str | None) -> None:
    work = run(pipeline, sentence)
    doc = work.parsed
    index = next(t.i for t in doc if t.text == trigger)
    place = place_for_trigger(doc, work.article, index, nearest=False)
    assert (place.text if place else None) == where


@pytest.mark.parametrize(("sentence", "where"), [
    # a country merely named in the sentence is no guess of where a statement was made
    ("The spokesman said refugees from Syria had crossed into Jordan at night.", None),
    # a town under a locative preposition is the best guess left
    ("Iraq's oil minister said Iran had no claim, speaking to reporters on a visit that took "
     "him to the fields in Kirkuk.", "Kirkuk"),
])
def test_the_nearest_guess_is_a_town_under_a_locative_preposition(
        pipeline: Pipeline, sentence: str, where: str | None) -> None:
    work = run(pipeline, sentence)
    doc = work.parsed
    place = place_for_trigger(doc, work.article, next(t.i for t in doc if t.text == "said"))
    assert (place.text if place else None) == where


@pytest.mark.parametrize(("sentence", "trigger", "where"), [
    ("A roadside bomb exploded in Baghdad on Monday, killing three soldiers.", "exploded",
     "Baghdad"),
    ("Shelling hit a trolleybus in Donetsk on Thursday killing 8 people, an official said.",
     "hit", "Donetsk"),
    ("A US soldier was killed when his vehicle was hit by a bomb in Iraq's northern Nineveh "
     "province, the military said.", "hit", "Nineveh"),
    ("At least 22 militants were killed in the clashes, officials said.", "killed", None),
    # Actors and nationalities are never the event's place.
    ("U.S. officials condemned the attack on Sunday.", "condemned", None),
    ("Rockets hit U.S. bases on Sunday.", "hit", None),
    # The sentence's topic: a locative phrase on the main verb.
    ("In the West Bank city of Nablus Saturday, a man riding a motorcycle was shot and killed.",
     "killed", "Nablus"),
])
def test_place_for_trigger(pipeline: Pipeline, sentence: str, trigger: str,
                           where: str | None) -> None:
    work = run(pipeline, sentence)
    doc = work.parsed
    index = next(t.i for t in doc if t.text == trigger)
    place = place_for_trigger(doc, work.article, index)
    assert (place.text if place else None) == where
    assert place_for_trigger(doc, work.article, len(doc) + 5) is None


def test_dateline_is_the_last_resort(pipeline: Pipeline) -> None:
    work = run(pipeline, "KABUL (AP) — The ministry gave no details on Monday. Gunmen "
                         "attacked a checkpoint overnight, officials said.")
    doc = work.parsed
    index = next(t.i for t in doc if t.text == "attacked")
    place = place_for_trigger(doc, work.article, index, nearest=False)
    assert place is not None and place.text == "KABUL"
    assert place_for_trigger(doc, work.article, index, nearest=False, dateline=False) is None


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
