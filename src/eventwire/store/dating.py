"""An event's date as the store keeps it: the value at its own precision, never a made-up day.

`stored_date` turns an event's TimeRef (TIMEX value and precision) into the store's `day`
text and its precision:

| TimeRef value           | day           | precision   |
|-------------------------|---------------|-------------|
| 2025-03-11 (or a time)  | 2025-03-11    | day         |
| publication date        | 2025-03-11    | published   |
| 2025-W10                | its Monday    | week        |
| 2025-03                 | 2025-03       | month       |
| 2025, 2025-Q1, 2025-SU  | 2025          | year        |
| none, unreadable        | ''            | ''          |

Counts put an event in a day only at day precision ('day', 'published'), in a week at week
precision or finer, in a month at month precision or finer (see the V5 migration), and
dedup compares dates within the precision they allow (`compatible`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
WEEK = re.compile(r"^(\d{4})-W(\d{2})")
MONTH = re.compile(r"^(\d{4})-(\d{2})(?!\d)")
YEAR = re.compile(r"^(\d{4})(?!\d)")
DAY_LIKE = frozenset({"day", "published"})
# precision -> rank (finer first)
RANK = {"day": 0, "published": 1, "week": 2, "month": 3, "year": 4, "": 5}


def _valid_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def stored_date(value: str | None, precision: str | None) -> tuple[str, str]:
    """(day text, precision) of a TIMEX value (see the module's table)."""
    if not value:
        return "", ""
    day = DAY.match(value)
    if day and _valid_day(day.group(0)):
        return day.group(0), "published" if precision == "published" else "day"
    week = WEEK.match(value)
    if week:
        try:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return week.group(1), "year"
        return monday.isoformat(), "week"
    month = MONTH.match(value)
    if month and 1 <= int(month.group(2)) <= 12:
        return month.group(0), "month"
    year = YEAR.match(value)
    if year:
        return year.group(1), "year"
    return "", ""


@lru_cache(maxsize=65536)
def span(day: str, precision: str) -> tuple[date, date] | None:
    """The first and last calendar day a stored date may stand for (None: unknown)."""
    try:
        if precision in DAY_LIKE:
            when = date.fromisoformat(day)
            return when, when
        if precision == "week":
            monday = date.fromisoformat(day)
            return monday, monday + timedelta(days=6)
        if precision == "month":
            first = date.fromisoformat(day + "-01")
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if precision == "year":
            return date(int(day), 1, 1), date(int(day), 12, 31)
    except (ValueError, OverflowError):
        return None
    return None


def compatible(a: tuple[str, str], b: tuple[str, str], window: int) -> bool:
    """Whether two stored dates (day, precision) may be the same happening's: two days at
    most `window` days apart; otherwise the coarser date must contain the finer one (an
    event known to the month matches any day of that month, never another month). Two
    unknown dates agree; an unknown date agrees with no known one."""
    left, right = span(*a), span(*b)
    if left is None or right is None:
        return left is None and right is None and a[0] == b[0]
    if a[1] in DAY_LIKE and b[1] in DAY_LIKE:
        return abs((left[0] - right[0]).days) <= window
    return left[0] <= right[1] and right[0] <= left[1]


@lru_cache(maxsize=65536)
def candidates(day: str, precision: str, window: int) -> tuple[tuple[str, str], list[str]]:
    """What a stored date may match, for the block query: a range of day texts (days and
    week Mondays, with a week's slack) and the month and year texts that may contain it."""
    found = span(day, precision)
    if found is None:
        return (day, day), []
    slack = window if precision in DAY_LIKE else 0
    low, high = found[0] - timedelta(days=slack + 6), found[1] + timedelta(days=slack)
    coarse: list[str] = []
    cursor = date(low.year, low.month, 1)
    while cursor <= high:
        coarse.append(cursor.isoformat()[:7])
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    coarse.extend(str(year) for year in range(low.year, high.year + 1))
    if precision in ("month", "year"):  # every finer date inside, and itself
        return (day, day + "-99"), sorted(set(coarse))
    return (low.isoformat(), high.isoformat()), sorted(set(coarse))
