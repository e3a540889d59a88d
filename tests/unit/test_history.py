"""Background or news (events/history.py): an event whose own date ends more than 30 days
before publication is historical; the publication-date fallback, durations and undated
articles never are."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.evaluation.common import gold_article
from eventwire.events.history import historical, last_day, mark_historical
from eventwire.model import Event, SentenceRef, Span, TimeRef
from eventwire.pipeline.runner import Pipeline


def dated(value: str | None, precision: str = "day") -> Event:
    return Event(id="v1", type="ASSAULT", trigger=Span(text="attack", start=0, end=6),
                 sentence=SentenceRef(start=0, end=10), confidence=0.5,
                 date=TimeRef(value=value, precision=precision) if value else None)


@pytest.mark.parametrize(("value", "last"), [
    ("2019-12-16", date(2019, 12, 16)),
    ("2019-12-16TMO", date(2019, 12, 16)),
    ("2019-W50", date(2019, 12, 15)),
    ("2020-02", date(2020, 2, 29)),
    ("2014", date(2014, 12, 31)),
    ("186", date(1869, 12, 31)),
    ("P5W", None),
    ("PRESENT_REF", None),
    ("2019-13", None),
])
def test_last_day_of_a_value(value: str, last: date | None) -> None:
    assert last_day(value) == last


@pytest.mark.parametrize(("value", "precision", "expected"), [
    ("2014", "year", True),
    ("2020-12", "month", True),          # ended 61 days before
    ("2021-01", "month", False),         # ended 30 days before: not more than 30
    ("2021-02", "month", False),         # ended 2 days before
    ("2021-02-26", "day", False),        # last Friday
    ("2021-01-15", "day", True),
    ("2021-03-02", "published", False),  # the publication-date fallback
    ("P3Y", "year", False),
    (None, "day", False),
])
def test_historical(value: str | None, precision: str, expected: bool) -> None:
    assert historical(dated(value, precision), date(2021, 3, 2)) is expected


def test_no_publication_date_no_history() -> None:
    article = gold_article("t", "x", None)
    article.events.append(dated("2014", "year"))
    mark_historical(article)
    assert article.events[0].historical is False


def test_background_in_a_story_is_marked(raw_pipeline: Pipeline) -> None:
    text = ("Gunmen kidnapped 40 students in Zamfara state on Friday. The abduction resembles "
            "Boko Haram's 2014 abduction of 276 schoolgirls in Chibok.")
    article = raw_pipeline.process(gold_article("t", text, "2021-03-02"))
    flags = {e.trigger.text: e.historical for e in article.events if e.type == "ASSAULT"}
    assert flags.get("kidnapped") is False
    assert True in flags.values()
