"""Values of expressions built on another date: "the week of March 6" (the ISO week of that
day), "the day before last Tuesday" (that day less one), "last year's quarter" and "the
quarter a year ago" (the quarter a year before the latest one reported). One resolver per
grammar rule of `timex.grammar`, used by resolve.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from eventwire.times.calendar import (
    STRICT_REL,
    calendar_day,
    direction,
    month_number,
    nearest_year,
    shift_quarter,
    week_of,
    weekday_from,
)
from eventwire.times.timex import Found, Tense, Value, lexicon

# Quarters back from publication's to the year-ago one (publication's quarter less a year
# and one: the latest quarter reported is the one before publication's).
YEAR_AGO_QUARTER = -5


def _named_day(f: Found, anchor: date | None, tense: Tense) -> date | None:
    """The day a month and day ("March 6", "March 6, 2000") or a weekday ("last Tuesday")
    names; None where it names none or needs the missing anchor."""
    g = f.groups
    if "dow" in g:
        if anchor is None:
            return None
        rel = " ".join(g.get("rel", "").lower().split())
        weekday = lexicon().weekdays[g["dow"].lower()]
        return weekday_from(anchor, weekday, direction(tense, rel or None), rel in STRICT_REL)
    month, day = month_number(g), int(g["day"])
    if "year" in g:
        return calendar_day(int(g["year"]), month, day)
    if anchor is None or calendar_day(2000, month, day) is None:
        return None
    return nearest_year(anchor, tense, month, day)


def _from_named_day(f: Found, anchor: date | None, tense: Tense, precision: str,
                    value_of: Callable[[date], str]) -> Value:
    """A value of `precision` built on the day the expression names; none where it names
    none (a written date that does not exist is a problem, a missing anchor is not)."""
    day = _named_day(f, anchor, tense)
    relative = "year" not in f.groups
    if day is None:
        return Value("DATE", None, precision, f.mod, relative=relative,
                     problem=None if relative else "no such date")
    return Value("DATE", value_of(day), precision, f.mod, relative=relative)


def _week_of(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"the week of March 6": the ISO week of that day."""
    return _from_named_day(f, anchor, tense, "week", week_of)


def _day_beside(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"the day before last Tuesday", "the day after March 6": that day less or plus one."""
    side = f.groups.get("side") or f.groups["side2"]
    step = timedelta(days=-1 if side.lower() == "before" else 1)
    return _from_named_day(f, anchor, tense, "day", lambda day: (day + step).isoformat())


def _year_ago_quarter(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"last year's quarter", "the quarter a year ago": the latest quarter a year back."""
    if anchor is None:
        return Value("DATE", None, "quarter", f.mod, relative=True)
    return Value("DATE", shift_quarter(anchor, YEAR_AGO_QUARTER), "quarter", f.mod,
                 relative=True)
