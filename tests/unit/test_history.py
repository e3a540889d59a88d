"""Background or news (events/history.py): an event whose own date ends more than 30 days
before publication is historical; the publication-date fallback, durations and undated
articles never are."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.evaluation.common import gold_article
from eventwire.events.history import background_worded, historical, last_day, mark_historical
from eventwire.events.referring import refer_back
from eventwire.model import Event, SentenceRef, Span, TimeRef
from eventwire.nlp.parse import load_model
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings


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


@pytest.fixture(scope="module")
def nlp() -> Language:
    settings = Settings()
    return load_model(settings.model, settings.max_chars)


def worded(text: str, trigger: str, value: str | None = None,
           precision: str = "published", kind: str = "ASSAULT") -> Event:
    start = text.index(trigger)
    return Event(id=f"v{start}", type=kind,
                 trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                 sentence=SentenceRef(start=0, end=len(text)), confidence=0.5,
                 date=TimeRef(value=value or "2021-05-09", precision=precision))


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("Chinese authorities have boarded foreign boats before, Thayer said.", "boarded", True),
    ("Past attacks were claimed by Islamic State.", "attacks", True),
    ("Tehran has previously called the abduction allegations baseless.", "called", True),
    ("Rebels attacked the base, and previous raids were repelled.", "raids", True),
    # adverbs of habit and the present perfect alone tell current happenings
    ("Afghan Taliban routinely deny providing sanctuary to anti-Pakistan fighters.", "deny",
     False),
    ("DHS officials have repeatedly denied the allegations.", "denied", False),
    ("The Taliban have intensified battlefield attacks since the foreign troop withdrawal "
     "started.", "intensified", False),
    ("The BLA had warned a day earlier that it would execute security personnel.", "warned",
     False),
])
def test_background_wording(nlp: Language, text: str, trigger: str, expected: bool) -> None:
    doc = nlp(text)
    assert background_worded(doc, worded(text, trigger)) is expected
    article = gold_article("t", text, "2021-05-09")
    article.events.append(worded(text, trigger))
    mark_historical(article, doc)
    assert article.events[0].historical is expected


def test_background_wording_needs_an_undated_event(nlp: Language) -> None:
    text = "Chinese authorities boarded foreign boats on May 3, and before."
    article = gold_article("t", text, "2021-05-09")
    article.events.append(worded(text, "boarded", "2021-05-03", "day", "COERCE"))
    mark_historical(article, nlp(text))
    assert article.events[0].historical is False


@pytest.mark.parametrize(("text", "earlier", "later", "expected"), [
    ("A trial opened over the 2004 bombing of a French base. Some believe the attack was a "
     "blunder by Ivorian authorities.", "bombing", "attack", "2004"),
    ("Gunmen stormed a school in March. Parents called the raid the worst in years.", "stormed",
     "raid", "2021-03"),
    # an indefinite noun is a new happening, not a reference back
    ("A trial opened over the 2004 bombing of a French base. Gunmen staged an attack on "
     "a bank.", "bombing", "attack", "2021-05-09"),
])
def test_definite_noun_takes_the_earlier_date(
        nlp: Language, text: str, earlier: str, later: str, expected: str) -> None:
    article = gold_article("t", text, "2021-05-09")
    value = expected if expected != "2021-05-09" else "2004"
    article.events.extend([worded(text, earlier, value, "year" if len(value) == 4 else "month"),
                           worded(text, later)])
    refer_back(article, nlp(text))
    assert article.events[1].date is not None
    assert article.events[1].date.value == expected
