"""Times: TimeBank/TimeML conventions of values built on another date, fractions and
decades (times/composite.py, the "and a half" of the duration rule, [units.decade])."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.times.resolve import resolve
from eventwire.times.timex import find

# Tuesday 2019-12-17, in the fourth quarter.
ANCHOR = date(2019, 12, 17)


def only(text: str, tense: str | None) -> tuple[str, str | None, str]:
    """The one expression `find` sees in `text`: its words, value and type."""
    found = find(text)
    assert len(found) == 1, found
    value = resolve(found[0], ANCHOR, tense)  # type: ignore[arg-type]
    return text[found[0].start:found[0].end], value.value, value.type


@pytest.mark.parametrize(
    ("text", "tense", "words", "value", "kind"),
    [
        # "X and a half": the half in the next smaller unit.
        ("But a minute and a half later, a pilot from a nearby flight calls in.", "present",
         "a minute and a half", "PT1M30S", "DURATION"),
        ("He served two and a half years in prison for the kidnapping.", "past",
         "two and a half years", "P2Y6M", "DURATION"),
        ("The hostages were held for an hour and a half.", "past", "an hour and a half",
         "PT1H30M", "DURATION"),
        # Decades count in years (TimeBank: "two decades" P20Y).
        ("Inflation is at its lowest figure for almost two decades.", "present",
         "almost two decades", "P20Y", "DURATION"),
        ("The country has not ordered a nuclear plant in about a decade.", "past",
         "about a decade", "P10Y", "DURATION"),
        # Words between the number and the unit, and "couple of".
        ("Over the next couple of years we would not be surprised to see Europe grow.",
         "present", "the next couple of years", "P2Y", "DURATION"),
        ("The option may be extended for an additional year.", "future",
         "an additional year", "P1Y", "DURATION"),
        ("Eight trading days after the plunge, the Nasdaq Composite fell again.", "past",
         "Eight trading days", "P8D", "DURATION"),
        # Vague spans of plural units.
        ("Over the years many more patients have died waiting for a liver.", "past",
         "the years", "PXY", "DURATION"),
        ("Funds may sell some of their junk bonds in the weeks ahead.", "future", "the weeks",
         "PXW", "DURATION"),
        # "the near term" as a noun: the future.
        ("But we don't minimize the challenges of the near term.", "present", "the near term",
         "FUTURE_REF", "DATE"),
        ("The plan would placate some LIN holders in the short term.", "future",
         "the short term", "FUTURE_REF", "DATE"),
        # A year after "post-" or "pre-".
        ("But the post-1959 politics have managed to split thousands of families.", "past",
         "1959", "1959", "DATE"),
        # Built on another date.
        ("The day before last Tuesday's federal court hearing, Manuel went to the house.",
         "past", "The day before last Tuesday", "2019-12-09", "DATE"),
        ("They met the day after Dec. 6, 2019, in Havana.", "past",
         "the day after Dec. 6, 2019", "2019-12-07", "DATE"),
        ("The case may be resolved in a court hearing the week of March 6, he said.",
         "future", "the week of March 6", "2020-W10", "DATE"),
        ("U.K. sales for last year's quarter were about $3 million.", "past",
         "last year's quarter", "2018-Q3", "DATE"),
        ("For the quarter a year ago, Columbia reported earnings of $16.3 million.", "past",
         "the quarter a year ago", "2018-Q3", "DATE"),
        # The month just gone is "last month": "last November" in December is a year back.
        ("Two military helicopters crashed last November.", "past", "last November",
         "2018-11", "DATE"),
        ("Two military helicopters crashed last October.", "past", "last October", "2019-10",
         "DATE"),
        ("Two military helicopters crashed last month.", "past", "last month", "2019-11",
         "DATE"),
    ],
)
def test_conventions(text: str, tense: str | None, words: str, value: str, kind: str) -> None:
    assert only(text, tense) == (words, value, kind)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "the past week" runs up to publication (a Sunday here): the week of its middle
        # day; "last week" is the calendar week before publication's.
        ("The Taliban have intensified battlefield attacks over the past week.", "2021-W18"),
        ("He has been in Bethesda, Md., for the last week, she said.", "2021-W18"),
        ("Protests spread across the province last week.", "2021-W17"),
    ],
)
def test_weeks_up_to_publication(text: str, value: str) -> None:
    found = find(text)
    assert len(found) == 1, found
    assert resolve(found[0], date(2021, 5, 9), "past").value == value


@pytest.mark.parametrize(
    "text",
    ["Proceeds will be used to reduce short-term debt at the beer and food units.",
     "Some experts predict near-term earnings trouble for all the brewers."],
)
def test_no_time(text: str) -> None:
    assert find(text) == []
