"""Background or news: an event whose own date ends well before the story is `historical`.

Articles retell old happenings as background ("resembling Boko Haram's 2014 abduction of 276
schoolgirls"); an analyst counting this week's events wants them kept but marked. An event
is historical when its own date (a resolved calendar value, not the publication-date
fallback) ends more than `HISTORY_DAYS` days before the publication date: a day, a week
(`2019-W50`), a month (`2020-12`), a year (`2014`) or a decade (`186`, the 1860s) ends on
its last day. Durations, references such as PRESENT_REF and articles without a publication
date never make an event historical. An event without a date of its own is historical when
its words tell it as background ("Tehran has previously called the allegations baseless",
"Past attacks were claimed": `background_worded`); the fallbacks of events/news_day.py then
leave it the publication date rather than the news day. The annotators of the article gold data used
thresholds between two weeks and two months; 30 days is in between.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eventwire.model import Article, Event
from eventwire.nlp.english import NOUN_TAGS, VERB_TAGS
from eventwire.times.timex import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

HISTORY_DAYS = 30
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
WEEK = re.compile(r"(\d{4})-W(\d{2})")
MONTH = re.compile(r"(\d{4})-(\d{2})")
YEAR = re.compile(r"(\d{4})")
DECADE = re.compile(r"(\d{3})")


def last_day(value: str) -> date | None:
    """The last day a TIMEX3 calendar value covers; None for anything else."""
    try:
        if found := DAY.match(value):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := WEEK.match(value):
            return date.fromisocalendar(int(found[1]), int(found[2]), 7)
        if found := MONTH.fullmatch(value):
            year, month = int(found[1]), int(found[2])
            return date(year, month, calendar.monthrange(year, month)[1])
        if found := YEAR.fullmatch(value):
            return date(int(found[1]), 12, 31)
        if found := DECADE.fullmatch(value):
            return date(int(found[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None


def ends_before_news(value: str, published: date) -> bool:
    """Whether the calendar value ends more than HISTORY_DAYS before `published`."""
    end = last_day(value)
    return end is not None and end < published - timedelta(days=HISTORY_DAYS)


def historical(event: Event, published: date | None) -> bool:
    """Whether the event's own date ends more than HISTORY_DAYS before `published`."""
    if published is None or event.date is None or event.date.precision == "published" \
            or not event.date.value:
        return False
    return ends_before_news(event.date.value, published)


def clause_verb(token: Token) -> Token | None:
    """The verb of the event's clause: the trigger itself, else the first verb above it."""
    for current in [token, *token.ancestors]:
        if current.pos_ in VERB_TAGS:
            return current
    return None


def background_worded(doc: Doc, event: Event) -> bool:
    """Whether the event's own words tell it as background: an adverb of the past on its
    verb ("has previously called", "have boarded foreign boats before") or an adjective of
    the past on its noun ("Past attacks were claimed"): `background` of
    data/times/time_words.toml. The present perfect alone does not ("The Taliban have
    intensified battlefield attacks" is news)."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    words = lexicon()
    token = span.root
    if token.pos_ in NOUN_TAGS:
        return any(child.dep_ == "amod" and child.lower_ in words.background_adjectives
                   for child in token.children)
    verb = clause_verb(token)
    return verb is not None and any(
        child.dep_ == "advmod" and child.lower_ in words.background_adverbs
        and not list(child.children) for child in verb.children)


def mark_historical(article: Article, doc: Doc | None = None) -> None:
    """Set `historical` on every event of the article (in place): from its own date, else
    (`doc` given) from its words (`background_worded`)."""
    published = last_day(article.published or "") if article.published else None
    article.events[:] = [e.model_copy(update={"historical": historical(e, published) or (
        doc is not None and published is not None and e.date is not None
        and e.date.precision == "published" and background_worded(doc, e))})
        for e in article.events]
