"""The date governing an event's own clause (events/dates.py): a date of the first of two
conjoined verbs dates the second (`_sharing`), a date of a relative clause that only tells
when the event noun's happening took place dates the noun (`_tells_noun`), and the points a
figure is compared at are no reference date of the sentence (`_one_reference`); on
sentences of VOA and PolNeAR stories."""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.model import Event
from eventwire.pipeline.runner import Pipeline

DATES = [
    # a date of the first of two conjoined verbs in the same time, the second without a
    # subject of its own, dates the second (not the previous sentence's Tuesday)
    ("The Jaffar Express came under a bomb and gun attack on Tuesday. Security sources said "
     "Wednesday a Pakistani military operation rescued 190 passengers and killed 30 "
     "terrorists.", "2025-03-14", "killed", "2025-03-12", "day"),
    # ... not a verb conjoined in another time
    ("In January, the rebels seized the town and are now demanding talks with the "
     "government.", "2025-03-12", "demanding", "2025-03-12", "published"),
    # a relative clause of a light verb tells when the noun's happening took place
    ("Pate claimed in an interview with Breitbart News that he's not backing any particular "
     "candidate, and in addition to a private meeting he had with Rubio a year ago, he also "
     "hosted Bush aboard his private jet.", "2016-01-01", "meeting", "2015", "year"),
    # ... not a relative clause of another verb
    ("The deal, which Trump criticized in 2018, bars Iran from enriching uranium.",
     "2025-03-12", "deal", "2025-03-12", "published"),
    # two years a figure is compared at are no date of the sentence
    ("Deaths in the attacks surged from 88 in 2023 to 388 in 2024.", "2025-03-12",
     "attacks", "2025-03-12", "published"),
]


def event_of(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if any(m.trigger.text == trigger for m in e.mentions)]
    assert found, f"no event triggered by {trigger!r} in {[e.trigger.text for e in events]}"
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "trigger", "value", "precision"), DATES)
def test_the_date_of_the_event_clause(sentences: Pipeline, text: str, published: str,
                                      trigger: str, value: str, precision: str) -> None:
    event = event_of(process_text(sentences, text, published).events, trigger)
    assert event.date is not None
    assert (event.date.value, event.date.precision) == (value, precision)
