"""Values of periods: quarters and halves, fiscal and calendar years, decades, centuries
and seasons ("the third quarter", "the year ended June 30", "the 1990s", "last winter").
One resolver per grammar rule, used by resolve.py.
"""

from __future__ import annotations

from datetime import date

from eventwire.times.calendar import (
    direction,
    quarter_of,
    rel_step,
    shift_quarter,
    spelled_year,
    year_of,
)
from eventwire.times.timex import Found, Tense, Value, lexicon

QUARTER_STEP = {"latest": -1, "most recent": -1, "same": -1, "year-ago": -5,
                "year-earlier": -5, "previous": -2, "prior": -2, "current": 0}
SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def _quarter(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    part = "H" if g["part"].lower() == "half" else "Q"
    which = lexicon().ordinals[g["ord"].lower()]
    if part == "H" and which > 2:
        return Value("DATE", None, "half", problem="no such half")
    precision = "half" if part == "H" else "quarter"
    if "year" in g or "lead" in g:
        return Value("DATE", f"{g.get('year') or g['lead']}-{part}{which}", precision, f.mod)
    if anchor is None:
        return Value("DATE", None, precision, f.mod, relative=True)
    if "yrel" in g:
        year = anchor.year + rel_step(g["yrel"].lower())
        return Value("DATE", f"{year}-{part}{which}", precision, f.mod, relative=True)
    now = quarter_of(anchor) if part == "Q" else (anchor.month - 1) // 6 + 1
    year = anchor.year - (1 if (tense == "past" or "ago" in g) and which > now else 0)
    year -= 1 if "ago" in g else 0
    return Value("DATE", f"{year}-{part}{which}", precision, f.mod, relative=True)


def _year_quarter(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"the 1988 quarter": that year's quarter matching the latest one reported."""
    if anchor is None:
        return Value("DATE", None, "quarter", f.mod, relative=True)
    latest = shift_quarter(anchor, -1)[-2:]
    return Value("DATE", f"{f.groups['lead']}-{latest}", "quarter", f.mod, relative=True)


def _year_ago(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"year-ago", "year-earlier" as adjectives: the year before publication."""
    value = None if anchor is None or anchor.year < 2 else f"{anchor.year - 1:04d}"
    return Value("DATE", value, "year", f.mod, relative=True)


def _the_year_ended(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"the year ended June 30": a twelve-month (fiscal) period."""
    return Value("DURATION", "P1Y", "year", f.mod)


def _the_year(f: Found, anchor: date | None, tense: Tense) -> Value:
    """"the (current|full|fiscal) year", "year-end": the year of publication."""
    mod = "END" if "end" in f.groups else f.mod
    value = None if anchor is None else f"{anchor.year:04d}"
    return Value("DATE", value, "year", mod, relative=True)


def _spelled_year(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    year = spelled_year(g.get("millennium") or g["spelled"])
    if year is None:
        return Value("DATE", None, "year", problem="not a year")
    return Value("DATE", f"{year:04d}", "year", f.mod)


def _rel_quarter(f: Found, anchor: date | None, tense: Tense) -> Value:
    which = " ".join(f.groups.get("which", "").lower().split())
    if f.groups["q"].lower() == "period" and not which:
        return Value("DATE", None, "quarter", problem="not a time")
    if anchor is None:
        return Value("DATE", None, "quarter", f.mod, relative=True)
    return Value("DATE", shift_quarter(anchor, QUARTER_STEP.get(which, -1)), "quarter", f.mod,
                 relative=True)


def _decade(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    value = g["dec"][:3] if "dec" in g else "19" + g["dd"][0]
    return Value("DATE", value, "decade", f.mod)


def _century(f: Found, anchor: date | None, tense: Tense) -> Value:
    number_ = int(f.groups["cent"])
    if not 1 <= number_ <= 21:
        return Value("DATE", None, "century", problem="no such century")
    return Value("DATE", f"{number_ - 1:02d}", "century", f.mod)


def _season(f: Found, anchor: date | None, tense: Tense) -> Value:
    g = f.groups
    code = lexicon().seasons[g["season"].lower()]
    year_ = year_of(g)
    if year_ is not None:
        return Value("DATE", f"{year_:04d}-{code}", "season", f.mod)
    if "rel" not in g and "the" not in g:
        return Value("DATE", None, "season", problem="not a time")
    if anchor is None:
        return Value("DATE", None, "season", f.mod, relative=True)
    # December comes after this year's autumn (its winter is counted with January's).
    now = 4 if anchor.month == 12 else SEASON_ORDER[["WI", "WI", "SP", "SP", "SP", "SU", "SU",
                                                     "SU", "FA", "FA", "FA"][anchor.month - 1]]
    rel = g.get("rel", "").lower()
    step = direction(tense, rel or None) if rel != "this" else 0
    # "last summer" is never the current one; "the summer" may be.
    current = 0 if rel else 1
    year = anchor.year
    if step < 0 and SEASON_ORDER[code] >= now + current:
        year -= 1
    elif step > 0 and SEASON_ORDER[code] <= now - current:
        year += 1
    return Value("DATE", f"{year}-{code}", "season", f.mod, relative=True)
