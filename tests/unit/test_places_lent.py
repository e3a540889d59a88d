"""Places lent to events whose sentences name none (events/links.py `local_places`): the
story's town for a happening there, its country for many happenings told at once."""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.model import Article, Event
from eventwire.pipeline.runner import Pipeline

pytestmark = pytest.mark.model

LEAD = ("Gunmen attacked a passenger train near Sibi in Pakistan's Balochistan province on "
        "Tuesday, killing 21 people. ")


@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def event_of(article: Article, trigger: str) -> Event:
    found = [e for e in article.events
             if trigger in e.trigger.text or any(trigger in m.trigger.text for m in e.mentions)]
    assert found, f"no event {trigger!r} in {[e.trigger.text for e in article.events]}"
    return found[0]


@pytest.mark.parametrize(("text", "trigger", "where"), [
    # one happening told without a place: the story's town
    (LEAD + "Witnesses said the attackers shot several guards.", "shot", "Sibi"),
    # a campaign of happenings (the trigger acts on many of them): the country
    ("Police arrested five men in Sibi in Pakistan's Balochistan province on Tuesday. The "
     "separatists have intensified attacks on security forces since January.",
     "intensified", "Pakistan"),
    # a sentence that counts happenings (an aggregate): the country
    (LEAD + "The separatist group launched 504 attacks in 2024.", "launched", "Pakistan"),
])
def test_lent_place(pipeline: Pipeline, text: str, trigger: str, where: str) -> None:
    event = event_of(process_text(pipeline, text, "2025-03-12"), trigger)
    assert event.place is not None and event.place.name == where, event.place


def test_a_statement_of_a_source_of_no_country_takes_the_setting(pipeline: Pipeline) -> None:
    text = ("Top diplomats from the Group of Seven gathered Friday in Charlevoix, Quebec, for "
            "two days of talks. The leaders reaffirmed their commitment to a just peace on "
            "Friday.")
    event = event_of(process_text(pipeline, text, "2025-03-14"), "commitment")
    assert event.place is not None and event.place.name == "Charlevoix", event.place
