"""Folded matching of the time grammar (times/folded.py): the same spans as IGNORECASE."""

from __future__ import annotations

import re

import pytest

from eventwire.times.folded import foldable, folded, required
from eventwire.times.timex import grammar

SENTENCES = [
    "On Tuesday, Dec. 17, 2019, the talks resumed at 10:30 A.M. EST in Geneva.",
    "THE MINISTER SAID LAST WEEK THAT THREE MONTHS AGO THE ARMY HAD WITHDRAWN.",
    "In the first quarter of 2019, the company’s sales fell for the Third Straight Month.",
    "Over the past two decades, Christmas and New Year’s Day were quiet in mid-1990s Iraq.",
    "The vote, held every four years, came the day after the 2014-05-06 elections.",
    "Erdoğan met Müller in Zürich on Monday night; the day before he was in Ankara.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_folded_rules_find_what_ignorecase_finds(text: str) -> None:
    assert foldable(text)
    for name, pattern in grammar():
        fast = folded(pattern.pattern)
        if fast is None:
            continue
        expected = [(m.span(), {k: m.span(k) for k in m.re.groupindex})
                    for m in pattern.finditer(text)]
        got = [(m.span(), {k: m.span(k) for k in m.re.groupindex})
               for m in fast.finditer(text.lower())]
        assert got == expected, name


@pytest.mark.parametrize(("text", "expected"), [
    ("Plain ASCII, with “curly quotes” — and a dash.", True),
    ("Éric Zemmour spoke in Malmö.", True),
    ("İstanbul", False),  # lower-cases to two characters
    ("ſeven days", False),  # the long s matches "s" under IGNORECASE
    ("5 \u212a", False),  # the Kelvin sign matches "k" under IGNORECASE
])
def test_foldable(text: str, expected: bool) -> None:
    assert foldable(text) is expected


@pytest.mark.parametrize(("pattern", "folded_pattern"), [
    (r"\bMay\s+(?P<Day>\d+)\b", r"\bmay\s+(?P<Day>\d+)\b"),
    (r"(?P<hh>\d{1,2})\s*(?P<tz>[A-Z]{2,4}T)\S", r"(?P<hh>\d{1,2})\s*(?P<tz>[a-z]{2,4}t)\S"),
])
def test_folded_keeps_escapes_and_group_names(pattern: str, folded_pattern: str) -> None:
    fast = folded(pattern)
    assert fast is not None and fast.pattern == folded_pattern
    assert fast.flags & re.IGNORECASE == 0


def test_case_sensitive_rules_have_no_folded_form() -> None:
    assert folded(r"\b(?=(?-i:[A-Z]))Easter\b") is None


@pytest.mark.parametrize("text", SENTENCES)
def test_every_match_holds_a_required_word(text: str) -> None:
    for name, pattern in grammar():
        fast = folded(pattern.pattern)
        needs = required(fast) if fast is not None else None
        if needs is None:
            continue
        for match in fast.finditer(text.lower()):
            assert any(word in match.group() for word in needs), name


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bthe\s+(?:1[0-9]|20)\d\d\s+quarter\b", {"quarter"}),
    (r"\b(?:jan|feb)\.?\s+\d+", {"jan", "feb"}),
    (r"(?:last|next)?\s*week", {"week"}),
    (r"\d+\s*(?:am|pm)?", None),
    (r"(?:in\s+)?(?:\d+|several)\s+days", {"days"}),
])
def test_required_words(pattern: str, expected: set[str] | None) -> None:
    found = required(re.compile(pattern))
    assert (set(found) if found is not None else None) == expected
