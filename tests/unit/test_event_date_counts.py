"""An event told as so many days after another happening (events/dates.py `counted_from`,
events/news_day.py) and one dated "a day earlier" (times/stage.py), on sentences of VOA
stories."""

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
