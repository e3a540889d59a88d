"""Background or news: an event whose own date ends well before the story is `historical`.

Articles retell old happenings as background ("resembling Boko Haram's 2014 abduction of 276
schoolgirls"); an analyst counting this week's events wants them kept but marked. An event
is historical when its own date (a resolved calendar value, not the publication-date
fallback) ends more than `HISTORY_DAYS` days before the publication date: a day, a week
(`2019-W50`), a month (`2020-12`), a year (`2014`) or a decade (`186`, the 1860s) ends on
its last day. Durations, references such as PRESENT_REF and articles without a publication
date never make an event historical. The annotators of the article gold data used
thresholds between two weeks and two months; 30 days is in between.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from eventwire.model import Article, Event

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


def historical(event: Event, published: date | None) -> bool:
    """Whether the event's own date ends more than HISTORY_DAYS before `published`."""
    if published is None or event.date is None or event.date.precision == "published" \
            or not event.date.value:
        return False
    end = last_day(event.date.value)
    return end is not None and end < published - timedelta(days=HISTORY_DAYS)


def mark_historical(article: Article) -> None:
    """Set `historical` on every event of the article (in place)."""
    published = last_day(article.published or "") if article.published else None
    article.events[:] = [e.model_copy(update={"historical": historical(e, published)})
                         for e in article.events]
