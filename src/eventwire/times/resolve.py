"""The TIMEX3 value of a time expression, against an anchor date and the clause's tense.

One resolver per grammar rule of timex.py (`RESOLVERS`); `resolve(found, anchor, tense)`
picks it. The anchor is the reference time (the publication date, or the date the text
has just established); values keep the granularity the words give ("last year": 2019,
"late last year": 2019 with mod END, "the past six months": P6M).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from eventwire.times.calendar import (
    STRICT_REL,
    calendar_day,
    direction,
    duration_value,
    full_year,
    holiday_near,
    month_number,
    month_shift,
    nearest_year,
    number,
    rel_step,
    shift_quarter,
    week_of,
    weekday_from,
    year_of,
)
from eventwire.times.composite import _day_beside, _week_of, _year_ago_quarter
from eventwire.times.periods import (
    _century,
    _decade,
    _quarter,
    _rel_quarter,
    _season,
    _spelled_year,
    _the_year,
    _the_year_ended,
    _year_ago,
    _year_quarter,
)
from eventwire.times.timex import Found, Tense, Value, lexicon

QUARTERLY_WORDS = ("quarter", "three months", "period")
# "the past week", "the last week" run up to publication (unlike "last week", the calendar
# week before): the week of their middle day, three days back.
SPAN_TO_NOW = frozenset({"the past", "the last"})
# Words right before a date that put it ahead of the writer: "as soon as Tuesday".
LOOKING_AHEAD = re.compile(r"\bas\s+(?:soon|early)\s+as\s+(?:on\s+)?$", re.IGNORECASE)


def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or date-time; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _day(day: date | None, relative: bool = True) -> Value:
    if day is None:
        return Value("DATE", None, "day", relative=relative)
    return Value("DATE", day.isoformat(), "day", relative=relative)


def _invalid(kind: str = "DATE") -> Value:
    return Value(kind, None, "day", problem="no such date")  # type: ignore[arg-type]


def _iso(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    day = calendar_day(int(g["year"]), int(g["month"]), int(g["day"]))
    if day is None:
        return _invalid()
    if "hh" in g:
        return Value("TIME", f"{day.isoformat()}T{g['hh']}:{g['mi']}", "minute")
    return _day(day, relative=False)


def _slash(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    day = calendar_day(full_year(g["year"]), int(g["month"]), int(g["day"]))
    return _invalid() if day is None else _day(day, relative=False)


def _month_day(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    month, day = month_number(g), int(g["day"])
    if "year" in g:
        found = calendar_day(int(g["year"]), month, day)
        return _invalid() if found is None else _day(found, relative=False)
    if calendar_day(2000, month, day) is None:
        return _invalid()
    if anchor is None:
        return Value("DATE", None, "day", relative=True)
    found = nearest_year(anchor, tense, month, day)
    return _invalid() if found is None else _day(found)


def _month_year(f: Found, anchor: date | None, tense: Tense) -> Value:
    year = year_of(f.groups)
    if year is None:
        return Value("DATE", None, "month", problem="not a year")
    return Value("DATE", f"{year:04d}-{month_number(f.groups):02d}", "month", f.mod)


def _bare_month(f: Found, anchor: date | None, tense: Tense) -> Value:
    month = month_number(f.groups)
    if anchor is None:
        return Value("DATE", None, "month", f.mod, relative=True)
    year = anchor.year
    rel = f.groups.get("rel", "").lower().split()
    # The month just gone is "last month", the one to come "next month": naming it with a
    # bare "last" or "next" means a year further ("crashed last February" in a March story).
    if rel and rel[-1] in {"last", "past", "previous", "prior"}:
        year -= 1 if month >= anchor.month or (rel == ["last"] and month == anchor.month - 1) \
            else 0
    elif rel and rel[-1] in {"next", "coming"}:
        year += 1 if month <= anchor.month or (rel == ["next"] and month == anchor.month + 1) \
            else 0
    elif not rel or rel[-1] != "this":
        nearest = nearest_year(anchor, tense, month, 1 if month != anchor.month else anchor.day)
        year = nearest.year if nearest is not None else year
    return Value("DATE", f"{year:04d}-{month:02d}", "month", f.mod, relative=True)


def _month_of_year(f: Found, anchor: date | None, tense: Tense) -> Value:
    if anchor is None:
        return Value("DATE", None, "month", f.mod, relative=True)
    year = anchor.year + rel_step(f.groups["rel"].lower())
    return Value("DATE", f"{year:04d}-{month_number(f.groups):02d}", "month", f.mod, relative=True)


def _on_day(f: Found, anchor: date | None, tense: Tense) -> date | None:
    """The day a clock time or part of day belongs to: a weekday, today/yesterday, else DCT."""
    g = f.groups
    if anchor is None:
        return None
    if "dow" in g:
        weekday = lexicon().weekdays[g["dow"].lower()]
        return weekday_from(anchor, weekday, direction(tense, g.get("rel")))
    if "relday" in g:
        return anchor + timedelta(days=lexicon().relative_days[g["relday"].lower()])
    if "mon" in g or "abbr" in g:
        month, day = month_number(g), int(g["day"])
        return nearest_year(anchor, tense, month, day) if calendar_day(2000, month, day) else None
    return anchor


def _clock(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    hour, minute = int(g["hh"]), int(g.get("mi", "0"))
    if not 1 <= hour <= 12 or minute > 59:
        return _invalid("TIME")
    pm = g["ampm"].lower().startswith("p")
    hour = (hour % 12) + (12 if pm else 0)
    day = _on_day(f, anchor, tense)
    value = None if day is None else f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    return Value("TIME", value, "minute", f.mod, relative=True)


def _noon(f: Found, anchor: date | None, tense: Tense) -> Value:
    day = _on_day(f, anchor, tense)
    clock = "24:00" if f.groups["word"].lower() == "midnight" else "12:00"
    value = None if day is None else f"{day.isoformat()}T{clock}"
    return Value("TIME", value, "minute", f.mod, relative=True)


def _holiday(f: Found, anchor: date | None, tense: Tense) -> Value:
    """A named day ("Thanksgiving Day"): the occurrence the tense or "last"/"next" points at."""
    if anchor is None:
        return Value("DATE", None, "day", f.mod, relative=True)
    rel = f.groups.get("rel", "").lower()
    day = holiday_near(f.groups["holiday"], anchor, direction(tense, rel or None), rel)
    return _invalid() if day is None else _day(day)


def _relday(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    day = _on_day(f, anchor, tense)
    if "pod" in g:
        code = lexicon().parts_of_day[g["pod"].lower()]
        value = None if day is None else f"{day.isoformat()}T{code}"
        return Value("TIME", value, "part_of_day", f.mod, relative=True)
    return Value("DATE", None if day is None else day.isoformat(), "day", f.mod, relative=True)


def _day_part(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"in the morning", "by mid afternoon": that part of the day (today, or the day
    the text named)."""
    day = _on_day(f, anchor, tense)
    code = lexicon().parts_of_day[(f.groups.get("pod") or f.groups["mid"]).lower()]
    value = None if day is None else f"{day.isoformat()}T{code}"
    return Value("TIME", value, "part_of_day", f.mod, relative=True)


def _ordinal_day(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"It's the second day of the offensive": today."""
    return _day(anchor)


def _tonight(f: Found, anchor: date | None, tense: Tense) -> Value:
    words = f.groups["tonight"].lower().split()
    code = lexicon().parts_of_day[words[-1]]
    day = None if anchor is None else anchor - timedelta(days=1 if words[0] == "last" else 0)
    value = None if day is None else f"{day.isoformat()}T{code}"
    return Value("TIME", value, "part_of_day", f.mod, relative=True)


def _weekday(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    weekday = lexicon().weekdays[g["dow"].lower()]
    pod = lexicon().parts_of_day[g["pod"].lower()] if "pod" in g else None
    if "every" in g or "plural" in g:
        return Value("SET", f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""), "day")
    if anchor is None:
        return Value("TIME" if pod else "DATE", None, "day", f.mod, relative=True)
    rel = " ".join(g.get("rel", "").lower().split())
    day = weekday_from(anchor, weekday, direction(tense, rel or None), rel in STRICT_REL)
    if pod:
        return Value("TIME", f"{day.isoformat()}T{pod}", "part_of_day", f.mod, relative=True)
    return Value("DATE", day.isoformat(), "day", f.mod, relative=True)


def _relunit(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    unit = g["unit"].lower()
    precision = "week" if unit == "weekend" else unit
    if anchor is None:
        return Value("DATE", None, precision, f.mod, relative=True)
    rel = " ".join(g["rel"].lower().split())
    step = rel_step(rel)
    if unit == "week" and rel in SPAN_TO_NOW:  # "over the past week": the last seven days
        value = week_of(anchor - timedelta(days=3))
    elif unit in {"week", "weekend"}:
        value = week_of(anchor + timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        year, month = month_shift(anchor.year, anchor.month, step)
        value = f"{year:04d}-{month:02d}"
    elif unit == "quarter":
        value = shift_quarter(anchor, step)
    elif unit == "decade":
        value = str(anchor.year // 10 + step)
    elif unit == "century":
        value = f"{anchor.year // 100 + step:02d}"
    else:
        value = str(anchor.year + step)
    return Value("DATE", value, precision, f.mod, relative=True)


def _weekend(f: Found, anchor: date | None, tense: Tense) -> Value:
    if anchor is None:
        return Value("DATE", None, "week", f.mod, relative=True)
    saturday = weekday_from(anchor, 6, direction(tense, None))
    return Value("DATE", week_of(saturday) + "-WE", "week", f.mod, relative=True)


def _ago(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    amount = number(g.get("num", "1"))
    way = g["dir"].lower().split()[0]
    sign = 1 if way in {"later", "after", "from", "hence"} else -1
    if amount is None:
        return Value("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, f.mod)
    unit = duration_value(amount, g["unit"])[1]
    if anchor is None:
        return Value("DATE", None, unit, f.mod, relative=True)
    steps = round(amount) * sign
    if unit in {"day", "night", "hour", "minute", "second"}:
        days = steps if unit in {"day", "night"} else 0
        return Value("DATE", (anchor + timedelta(days=days)).isoformat(), "day", f.mod, True)
    if unit in {"week", "fortnight"}:
        factor = 2 if unit == "fortnight" else 1
        return Value("DATE", week_of(anchor + timedelta(weeks=steps * factor)), "week", f.mod,
                     True)
    if unit == "month":
        year, month = month_shift(anchor.year, anchor.month, steps)
        return Value("DATE", f"{year:04d}-{month:02d}", "month", f.mod, True)
    if unit == "quarter":
        return Value("DATE", shift_quarter(anchor, steps), "quarter", f.mod, True)
    years = steps * {"decade": 10, "century": 100}.get(unit, 1)
    year = anchor.year + years
    if year <= 0:
        return Value("DATE", None, "year", problem="before year 1")
    return Value("DATE", f"{year:04d}", "year", f.mod, True)


ANAPHOR_STEP = {"the following": 1, "the preceding": -1, "that": 0, "the same": 0,
                "that same": 0, "the next": 1, "before": -1, "after": 1}


def anaphor_unit(found: Found) -> str:
    """The unit of an anaphoric expression ("the following year": year)."""
    g = found.groups
    word = g.get("unit") or g.get("unit_b") or g.get("unit_c") or "day"
    return word.lower().rstrip("s")


def _anaphor(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"the following year", "that year", "the day before": counted from
    the reference time the stage passes as `anchor` (the date the text last established,
    else publication)."""
    g = f.groups
    unit = anaphor_unit(f)
    which = " ".join((g.get("which") or g.get("side") or g.get("next") or "that").lower().split())
    steps = ANAPHOR_STEP.get(which, 0)
    if anchor is None:
        return Value("DATE", None, unit, f.mod, relative=True)
    if unit == "day":
        return Value("DATE", (anchor + timedelta(days=steps)).isoformat(), "day", f.mod, True)
    if unit == "week":
        return Value("DATE", week_of(anchor + timedelta(weeks=steps)), "week", f.mod, True)
    if unit == "month":
        year, month = month_shift(anchor.year, anchor.month, steps)
        return Value("DATE", f"{year:04d}-{month:02d}", "month", f.mod, True)
    return Value("DATE", f"{anchor.year + steps:04d}", "year", f.mod, True)


def _duration(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    amount = number(g["num"])
    if amount is not None and "half" in g:  # "a minute and a half"
        amount += 0.5
    value, unit = duration_value(amount, g["unit"])
    return Value("DURATION", value, unit, f.mod)


def _plural_unit(f: Found, anchor: date | None, tense: Tense) -> Value:
    phrase = " ".join(f"{f.groups.get('lead', '')} {f.groups['unit']}".lower().split())
    if phrase in lexicon().references:  # "recent years", "past years": PAST_REF
        return Value("DATE", lexicon().references[phrase], None)
    value, unit = duration_value(None, f.groups["unit"])
    return Value("DURATION", value, unit, f.mod)


def _set(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    if "adv" in g:
        return Value("SET", lexicon().sets[g["adv"].lower()], None)
    if "freq" in g:  # "twice a year": the period; how often is not a TIMEX3 value
        value, unit = duration_value(1, g["funit"])
        return Value("SET", value, unit)
    value, unit = duration_value(2 if "other" in g else 1, g["unit"])
    return Value("SET", value, unit)


def _ref(f: Found, anchor: date | None, tense: Tense) -> Value:
    key = " ".join(f.groups["ref"].lower().split())
    return Value("DATE", lexicon().references[key], None)


def _year_rule(f: Found, anchor: date | None, tense: Tense) -> Value:
    return Value("DATE", f"{int(f.groups['year']):04d}", "year", f.mod)


Resolver = Callable[[Found, date | None, Tense], Value]
RESOLVERS: dict[str, Resolver] = {
    "iso": _iso, "slash": _slash, "mdy": _month_day, "dmy": _month_day, "my": _month_year,
    "clock": _clock, "noon": _noon, "quarter": _quarter, "rel_quarter": _rel_quarter,
    "decade": _decade, "century": _century, "season": _season, "relday": _relday,
    "ordinal_day": _ordinal_day, "day_part": _day_part,
    "tonight": _tonight, "weekday": _weekday, "relunit": _relunit, "weekend": _weekend,
    "relmonth": _bare_month, "month_of_year": _month_of_year, "ago": _ago,
    "anaphor": _anaphor,
    "duration": _duration, "plural_unit": _plural_unit,
    "set": _set, "ref": _ref, "month": _bare_month, "year": _year_rule,
    "year_quarter": _year_quarter, "year_ago": _year_ago, "the_year_ended": _the_year_ended,
    "the_year": _the_year, "spelled_year": _spelled_year, "holiday": _holiday,
    "week_of": _week_of, "day_beside": _day_beside, "year_ago_quarter": _year_ago_quarter,
}


def resolve(found: Found, anchor: date | None, tense: Tense = None) -> Value:
    """The TIMEX3 value of one expression; relative ones need `anchor`."""
    try:
        value = RESOLVERS[found.rule](found, anchor, tense)
    except (OverflowError, ValueError):  # a day before year 1 or after 9999
        return Value("DATE", None, None, found.mod, problem="date out of range")
    if value.relative and anchor is None:
        return Value(value.type, None, value.precision, value.mod, True, value.problem)
    return value


