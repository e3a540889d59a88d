"""Publication dates: one ISO date from what feeds, pages and users write.

ISO 8601 (with time and zone: the date as written), RFC 2822 (RSS), written-out dates
(dateparser), DD-MM-YYYY when unambiguous. An unreadable or ambiguous date on an article is
a warning and `published: null`, never a lost article; on a command-line option it is an
error.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from eventwire.errors import InputError

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR = re.compile(r"\b(1[89]|2\d)\d{2}\b")


def _parse_date(text: str) -> tuple[date | None, str | None]:
    """(the date, None) or (None, why not); a missing year is taken as the latest past one,
    which is said in the second value."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date(), None
    except ValueError:
        pass
    for form in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y/%m/%d",
                 "%Y%m%d"):
        try:
            return datetime.strptime(text, form).date(), None
        except ValueError:
            continue
    try:  # RFC 2822 (RSS): "Wed, 07 Dec 2016 09:43:00 GMT"; the date as written
        return parsedate_to_datetime(text).date(), None
    except (TypeError, ValueError, IndexError):
        pass
    numeric = _NUMERIC_DATE.match(text)
    if numeric:  # 03-02-2009: day-month or month-day?
        first, second, year = (int(x) for x in numeric.groups())
        if first <= 12 and second <= 12 and first != second:
            return None, "is ambiguous (day-month or month-day?); use YYYY-MM-DD"
        day, month = (first, second) if first > 12 else (second, first)
        try:
            return date(year, month, day), None
        except ValueError:
            return None, "is not a date; use YYYY-MM-DD"
    if not any(ch.isdigit() for ch in text):  # "yesterday", "last week": no fixed date
        return None, "is not a date; use YYYY-MM-DD"
    import dateparser

    found = dateparser.parse(text, languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False})
    if found is None:
        return None, "is not a date; use YYYY-MM-DD"
    if not _YEAR.search(text):
        return found.date(), f"has no year; took the latest past one, {found.date()}"
    return found.date(), None


def normalise_date(value: str | None, source: str,
                   warnings: list[str] | None = None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a publication date: ISO 8601 (with time and zone: the
    date as written), RFC 2822, written-out dates (dateparser), DD-MM-YYYY when unambiguous.

    With `warnings` (an article's), a date that cannot be read, or is ambiguous, adds a
    warning and gives None (the article is kept); without it, it raises InputError (a
    command-line option), also for a date without a year ("5 May", "2 days ago"). A
    guessed year is always a warning when `warnings` is given.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    found, problem = _parse_date(text)
    message = f"publication date {text!r} {problem}" if problem else ""
    if found is not None and problem and warnings is None:  # an option: no guessed year
        raise InputError(source, f"publication date {text!r} has no year (or is relative); "
                         "use YYYY-MM-DD")
    if found is None:
        if warnings is None:
            raise InputError(source, message)
        warnings.append(f"{source}: {message}; published left empty")
        return None
    if problem and warnings is not None:
        warnings.append(f"{source}: {message}")
    return found.isoformat()
