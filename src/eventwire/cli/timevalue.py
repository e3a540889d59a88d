"""Time values (TIMEX3 / ISO 8601, as stored) read as people write them: "2025-03-11
morning", "March 2025", "week 11 of 2025", "15 months". A value of another shape is shown
as it is."""

from __future__ import annotations

import calendar
import re

PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night",
                "DT": "daytime"}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
CLOCK_UNITS = {"H": "hour", "M": "minute", "S": "second"}
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(MO|AF|EV|NI|DT|\d{2}:\d{2}(?::\d{2})?))?")
DURATION = re.compile(r"P(?:(\d+(?:\.\d+)?)([YMWD]))?(?:T(\d+(?:\.\d+)?)([HMS]))?")


def _plural(amount: str, unit: str) -> str:
    return f"{amount} {unit}{'' if amount == '1' else 's'}"


def readable(value: str | None) -> str:
    """A time value as a reader would write it ('' for none)."""
    if not value:
        return ""
    if found := DATE.fullmatch(value):
        day = "-".join(found.group(1, 2, 3))
        part = found.group(4)
        return day if part is None else f"{day} {PARTS_OF_DAY.get(part, part)}"
    if found := re.fullmatch(r"(\d{4})-(\d{2})", value):
        month = int(found.group(2))
        if 1 <= month <= 12:
            return f"{calendar.month_name[month]} {found.group(1)}"
    if found := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return f"week {int(found.group(2))} of {found.group(1)}"
    if found := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{SEASONS[found.group(2)]} {found.group(1)}"
    if (found := DURATION.fullmatch(value)) and (found.group(1) or found.group(3)):
        parts = []
        if found.group(1):
            parts.append(_plural(found.group(1), UNITS[found.group(2)]))
        if found.group(3):
            parts.append(_plural(found.group(3), CLOCK_UNITS[found.group(4)]))
        return " ".join(parts)
    return value
