"""Calendar arithmetic for time expressions: numbers, units, weeks, quarters, holidays.

Pure functions over dates and the words of data/times/time_words.toml (via `timex.lexicon`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from eventwire.times.timex import NEAR_DAYS, Tense, lexicon


def month_shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def week_of(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def weekday_from(anchor: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The day of the week nearest `anchor` in `direction` (-1 back, +1 ahead).

    Not strict: the anchor itself counts (a Tuesday paper's "Tuesday" is that day).
    """
    delta = (weekday - anchor.isoweekday()) * direction % 7
    if delta == 0 and strict:
        delta = 7
    return anchor + timedelta(days=delta * direction)


def number(word: str) -> float | None:
    """The value of a number word or numeral; None for vague ones ("several")."""
    lex = lexicon()
    text = " ".join(word.lower().replace("-", " ").split())
    if text.endswith(" and a half"):  # "two and a half (years)"
        whole = number(text.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    half = re.fullmatch(r"(\d+)(?: 1/2|½)", text)
    if half:
        return int(half.group(1)) + 0.5
    if text in lex.numbers:
        return float(lex.numbers[text])
    parts = text.split()
    if len(parts) == 2 and parts[0] in lex.numbers and parts[1] in lex.numbers:
        return float(lex.numbers[parts[0]] + lex.numbers[parts[1]])
    return None


def _amount(value: float | None) -> str:
    if value is None:
        return "X"
    return str(int(value)) if value == int(value) else f"{value:g}"


def _unit(word: str) -> tuple[str, dict[str, Any]]:
    key = word.lower()
    if key.startswith("centur"):
        key = "century"
    for name in sorted(lexicon().units, key=len, reverse=True):
        if key.startswith(name):
            return name, lexicon().units[name]
    return "day", lexicon().units["day"]


# A fraction of a unit in the next smaller one ("2 1/2 years" = P2Y6M): (how many, the
# separator, the code).
SMALLER_UNIT = {"Y": (12, "", "M"), "W": (7, "", "D"), "D": (24, "T", "H"),
                "HT": (60, "", "M"), "MT": (60, "", "S")}


def duration_value(amount: float | None, unit_word: str) -> tuple[str, str]:
    """ISO 8601 / TIMEX3 duration ("P5W", "PT24H", "PXY") and the unit's name."""
    name, unit = _unit(unit_word)
    if amount is not None and "factor" in unit:
        amount *= unit["factor"]
    prefix = "PT" if unit.get("time") else "P"
    smaller = SMALLER_UNIT.get(unit["code"] + ("T" if unit.get("time") else ""))
    if amount is not None and amount != int(amount) and smaller is not None:
        whole, rest = int(amount), round((amount - int(amount)) * smaller[0])
        if rest == (amount - int(amount)) * smaller[0] and whole == 0:
            return f"{'PT' if smaller[1] or prefix == 'PT' else 'P'}{rest}{smaller[2]}", name
        if rest == (amount - int(amount)) * smaller[0]:
            return f"{prefix}{whole}{unit['code']}{smaller[1]}{rest}{smaller[2]}", name
    return f"{prefix}{_amount(amount)}{unit['code']}", name


def spelled_year(text: str) -> int | None:
    """The year of "nineteen ninety-six", "nineteen oh five", "two thousand and one"."""
    words = [w for w in text.lower().replace("-", " ").split()
             if w not in {"the", "year", "hundred", "and", "o", "oh"}]
    if words[:2] == ["two", "thousand"]:
        base, rest = 2000, words[2:]
    elif words[:1] == ["nineteen"]:
        base, rest = 1900, words[1:]
    else:
        return None
    if not rest:
        return base
    amount = number(" ".join(rest))
    return None if amount is None or amount >= 100 else base + int(amount)


def holiday_date(name: str, year: int) -> date | None:
    """The day of a named holiday in a year (see [holidays] in time_words.toml)."""
    key = " ".join(name.lower().replace("’", "'").split())
    spec = lexicon().holidays.get(key)
    if spec is None:
        return None
    if len(spec) == 2:
        return calendar_day(year, spec[0], spec[1])
    month, weekday, nth, first = spec
    if nth < 0:
        last = calendar_day(year, month + 1, 1) if month < 12 else calendar_day(year + 1, 1, 1)
        if last is None:
            return None
        day = last - timedelta(days=1)
        return day - timedelta(days=(day.isoweekday() - weekday) % 7)
    start = calendar_day(year, month, first)
    if start is None:
        return None
    return start + timedelta(days=(weekday - start.isoweekday()) % 7 + 7 * (nth - 1))


def holiday_near(name: str, anchor: date, way: int, rel: str = "") -> date | None:
    """The occurrence of a holiday meant: this year's when near (or "this"), else the one
    `way` points at (-1 the last one, +1 the next one)."""
    days = [d for d in (holiday_date(name, anchor.year + k) for k in (-1, 0, 1)) if d]
    if not days:
        return None
    same = days[1] if len(days) == 3 else days[0]
    if rel == "this" or (not rel and abs((same - anchor).days) <= NEAR_DAYS):
        return same
    ahead = [d for d in days if d > anchor] if way > 0 else [d for d in days if d <= anchor]
    return (min(ahead) if way > 0 else max(ahead)) if ahead else same


def full_year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        value += 1900 if value > 40 else 2000
    return value


def month_number(groups: dict[str, str]) -> int:
    word = groups.get("mon") or groups["abbr"]
    return lexicon().months[word.lower().rstrip(".")]


# Words before a weekday that never mean the publication day itself ("last Tuesday" in a
# Tuesday paper is a week back).
STRICT_REL = frozenset({"last", "next", "this past", "the past", "the last", "the next",
                        "the coming", "coming", "past", "the previous", "the prior"})


def direction(tense: Tense, rel: str | None) -> int:
    words = (rel or "").lower().split()
    if words and words[-1] in {"last", "past", "previous", "prior"}:
        return -1
    if words and words[-1] in {"next", "coming"}:
        return 1
    return 1 if tense == "future" else -1


def calendar_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nearest_year(anchor: date, tense: Tense, month: int, day: int) -> date | None:
    """The year of a month and day written without one.

    Within NEAR_DAYS of publication: that year's. Else the tense decides (past: the last
    one before publication; future: the next one); without a tense, the nearest.
    """
    candidates = [d for d in (calendar_day(anchor.year + k, month, day) for k in (-1, 0, 1))
                  if d is not None]
    if not candidates:
        return None
    same = calendar_day(anchor.year, month, day)
    if same is not None and abs((same - anchor).days) <= NEAR_DAYS:
        return same
    if tense == "past":
        before = [d for d in candidates if d <= anchor]
        return max(before) if before else same
    if tense == "future":
        after = [d for d in candidates if d >= anchor]
        return min(after) if after else same
    return min(candidates, key=lambda d: abs((d - anchor).days))


def year_of(groups: dict[str, str]) -> int | None:
    """The year written in digits ("1996") or read aloud ("nineteen ninety-six")."""
    if "year" in groups:
        return int(groups["year"])
    return spelled_year(groups["spelled"]) if "spelled" in groups else None


def quarter_of(anchor: date) -> int:
    return (anchor.month - 1) // 3 + 1


def shift_quarter(anchor: date, step: int) -> str:
    index = anchor.year * 4 + quarter_of(anchor) - 1 + step
    return f"{index // 4}-Q{index % 4 + 1}"


def rel_step(rel: str) -> int:
    """-1 for "last", "past", "previous", "prior"; 1 for "next", "coming"; else 0."""
    last = rel.split()[-1]
    if last in {"last", "past", "previous", "prior"}:
        return -1
    return 1 if last in {"next", "coming"} else 0
