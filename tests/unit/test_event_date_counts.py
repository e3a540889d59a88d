"""An event told as so many days after another happening (events/dates.py `counted_from`,
events/news_day.py), one dated "a day earlier" (times/stage.py), the sentence's
reference date across a conjoined verb (events/dates.py `_told_otherwise`) and for a known
happening in what a dated saying reports (`_known_when_told`), and the one
background date of a sentence that reached no clause (events/news_day.py), on sentences
of VOA and PolNeAR stories."""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.model import Event
from eventwire.pipeline.runner import Pipeline

COUNTED = [
    # the clause counted from gives its own day: that day plus the days
    ("Three days after President Lai took office on May 20, China conducted the military "
     "drills encircling Taiwan.", "2024-06-02", "conducted", "2024-05-23"),
    ("Two days before the talks opened on March 3, Ukraine attacked a refinery in Russia.",
     "2025-03-12", "attacked", "2025-03-01"),
    # ... else the day the fallbacks find (the story's news day: the inauguration) plus them
    ("The White House sent an unofficial delegation to attend the inauguration of Taiwan's "
     "new president on May 20. Three days after President Lai took office, China conducted "
     "the military drills encircling Taiwan.", "2024-06-02", "conducted", "2024-05-23"),
    # "a day earlier" counts from the day the story last gave, not from publication
    ("The Jaffar Express came under a bomb and gun attack on Tuesday. The BLA had warned a "
     "day earlier that it would execute security personnel among the hostages.",
     "2025-03-13", "warned", "2025-03-10"),
]


def event_of(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if any(trigger in m.trigger.text for m in e.mentions)]
    assert found, f"no event triggered by {trigger!r} in {[e.trigger.text for e in events]}"
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "trigger", "value"), COUNTED)
def test_a_clause_counted_from_another(sentences: Pipeline, text: str, published: str,
                                       trigger: str, value: str) -> None:
    event = event_of(process_text(sentences, text, published).events, trigger)
    assert event.date is not None
    assert (event.date.value, event.date.precision) == (value, "day")


REFERENCES = [
    # a verb conjoined to the main verb in another time takes no reference date from it
    ("The peace process, which stemmed from the U.S.-Taliban deal, started in Doha last "
     "September, has mostly been deadlocked, with both Afghan rivals accusing the other of "
     "delaying and trying to subvert the dialogue.", "2021-05-09", "accusing", "2021-05-09",
     "published"),
    # ... but one conjoined lower down does
    ("In July 2024, the China Public Diplomacy Association gathered more than 30 foreign "
     "influencers from 25 countries to participate in a training camp and visit various "
     "cities in China.", "2025-03-13", "visit", "2024-07", "month"),
    ("Chinese Foreign Ministry spokesperson Mao Ning responded to the news reports in a "
     "Jan. 23 press briefing, asserting that China abides by its own export controls and "
     "rejects the accusations.", "2025-03-14", "rejects", "2025-01-23", "day"),
    # a definite noun in what a dated saying reports is a happening known before the
    # saying, which the saying's date does not date ...
    ("Last month, U.S. President Donald Trump said he was “inclined” to go along with the "
     "deal between Mauritius and Britain over the future of the base.", "2025-03-12", "deal",
     "2025-03-12", "published"),
    # ... but a happening the saying tells does take it
    ("Last month, Ukrainian officials said Russian drones attacked a power plant in Odesa.",
     "2025-03-12", "attacked", "2025-02", "month"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "trigger", "value", "precision"), REFERENCES)
def test_the_reference_date_of_a_conjoined_clause(sentences: Pipeline, text: str,
                                                  published: str, trigger: str, value: str,
                                                  precision: str) -> None:
    event = event_of(process_text(sentences, text, published).events, trigger)
    assert event.date is not None
    assert (event.date.value, event.date.precision) == (value, precision)


BACKGROUND = [
    # the one background date of the sentence, reaching no clause of the event (PolNeAR,
    # VOA): the event's date, and the event is historical
    ("FEC records from the 2008 presidential election cycle show he backed both Sen. John "
     "McCain and former New York City mayor Rudy Giuliani.", "2016-01-01", "backed", "2008",
     True),
    ("President Donald Trump first raised the idea of using the U.S. naval base in Cuba as "
     "part of his administration's plans for mass deportations shortly after taking office "
     "in January.", "2025-03-13", "deportations", "2025-01", True),
    # not a date written before another happening's noun, nor one under a clause in
    # another time, nor one said of a noun by a relative clause
    ("Two Ivorian soldiers and a mercenary from Belarus stand accused of the 2004 bombing "
     "of the French army base near Bouake.", "2021-03-29", "accused", "2021-03-29", False),
    ("Their abduction, resembling Boko Haram's 2014 abduction of 276 schoolgirls from "
     "Chibok in Borno State, triggered global condemnation with many leaders and groups "
     "calling for their release.", "2021-02-28", "condemnation", "2021-02-28", False),
    ("The peace process, which stemmed from the U.S.-Taliban deal, started in Doha last "
     "September, has mostly been deadlocked, with both Afghan rivals accusing the other of "
     "delaying and trying to subvert the dialogue.", "2021-05-09", "accusing", "2021-05-09",
     False),
    ("The Taliban, who were ousted in 2001, attacked a checkpoint in Kandahar.",
     "2021-05-09", "attacked", "2021-05-09", False),
    # ... nor a bound
    ("At his freewheeling townhall, where he was greeted with a standing ovation, Obama "
     "noted that two-thirds of the country's population were born after 1975, when the war "
     "ended.", "2016-05-25", "ovation", "2016-05-25", False),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "trigger", "value", "historical"), BACKGROUND)
def test_the_background_date_of_the_sentence(sentences: Pipeline, text: str, published: str,
                                             trigger: str, value: str,
                                             historical: bool) -> None:
    event = event_of(process_text(sentences, text, published).events, trigger)
    assert event.date is not None
    assert (event.date.value, event.historical) == (value, historical)
