"""Check and normalise the values of query filters against the vocabulary, with a suggestion.

Types are PLOVER codes (any case); a word the PLOVER lexicon knows ("attack") suggests its
type. Countries are ISO3 codes (any case) or names and aliases from the packaged country
table (data/actors/countries.tsv). Dates are YYYY, YYYY-MM or YYYY-MM-DD, widened to the first
or last day they cover.
"""

from __future__ import annotations

import calendar
import difflib
import re
from functools import lru_cache

from eventwire.errors import InputError
from eventwire.model import EVENT_TYPES

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=1)
def countries() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO3 code -> name, lower-case name or alias -> ISO3) from the actors' country table."""
    from eventwire.actors.tables import tables

    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for key, country in tables().countries.items():
        names.setdefault(country.iso3, country.name)
        lookup.setdefault(country.name.lower(), country.iso3)
        lookup.setdefault(key.lower(), country.iso3)
    return names, lookup


@lru_cache(maxsize=1)
def type_words() -> dict[str, str]:
    """Single words of the PLOVER lexicon (verbs and nouns) -> their event type."""
    from eventwire.events.lexicon import load_lexicon

    words: dict[str, str] = {}
    for entry in load_lexicon().entries:
        if entry.kind in ("verb", "noun") and len(entry.words) == 1 \
                and entry.type in EVENT_TYPES:
            words.setdefault(entry.words[0].lower(), entry.type)
    return words


def _shown(value: str) -> str:
    """User text on one line for a message."""
    return " ".join(value.split()) or repr(value)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def event_type(value: str | None, option: str = "--type") -> str | None:
    """A PLOVER type code from any case, or InputError with a suggestion."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if code in EVENT_TYPES:
        return code
    hint = type_words().get(value.strip().lower())
    suggestion = f"; did you mean {hint}?" if hint else _suggest(code, list(EVENT_TYPES))
    raise InputError(option, f"unknown type {_shown(code)}{suggestion} "
                     f"(PLOVER types: {', '.join(EVENT_TYPES)})")


def country(value: str | None, option: str = "--country") -> str | None:
    """An ISO3 code from a code (any case) or a country name, or InputError with a hint."""
    if value is None or not value.strip():
        return None
    names, lookup = countries()
    text = value.strip()
    if text.upper() in names:
        return text.upper()
    if text.lower() in lookup:
        return lookup[text.lower()]
    close = difflib.get_close_matches(text.lower(), list(lookup), n=1, cutoff=0.75)
    hint = f"; did you mean {lookup[close[0]]} ({names[lookup[close[0]]]})?" if close else ""
    raise InputError(option, f"unknown country {_shown(text)}{hint}; give an ISO3 code or a "
                     "country name")


def actor(value: str | None) -> str | None:
    """An ISO3 code (any case) or country name becomes the code; other text stays a name part."""
    if value is None or not value.strip():
        return None
    names, lookup = countries()
    text = value.strip()
    if text.upper() in names and len(text) == 3:
        return text.upper()
    return lookup.get(text.lower(), text)


def date_bound(value: str | None, option: str, end: bool = False) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or, `end`, last) day it covers."""
    if value is None or not value.strip():
        return None
    match = _DATE.match(value.strip())
    if match is None:
        raise InputError(option, f"{value.strip()!r} is not a date; use YYYY, YYYY-MM or "
                         "YYYY-MM-DD")
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if month is None:
            return f"{year}-12-31" if end else f"{year}-01-01"
        last = calendar.monthrange(int(year), int(month))[1]
        if day is None:
            return f"{year}-{month}-{last:02d}" if end else f"{year}-{month}-01"
        if not 1 <= int(day) <= last:
            raise ValueError(day)
    except (ValueError, calendar.IllegalMonthError):
        raise InputError(option, f"{value.strip()!r} is not a date; use YYYY, YYYY-MM or "
                         "YYYY-MM-DD") from None
    return f"{year}-{month}-{day}"

