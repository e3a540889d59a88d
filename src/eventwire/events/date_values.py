"""Calendar values of time expressions for event dates: the calendar value and precision
of a DATE or TIME expression (never a duration, a set or a vague reference), the parse
token a time expression hangs from, and whether a date is a dateline's (the day the story
was filed, not the day of its news)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire.model import TimeExpr
from eventwire.nlp.english import TIME_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CALENDAR = re.compile(r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?")
# A dateline's date ("PURCHASE, N.Y., April 1 (UPI) —"): the day the story was filed, like
# a date of saying, not the day of its news. Place in capitals at the start of a line, a
# state perhaps, the date; then the agency perhaps and a dash.
DATELINE_BEFORE = re.compile(r"(?:^|\n)[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.]*\.?(?: [A-Z][\w.]*\.?)?)?"
                             r",\s*$")
DATELINE_AFTER = re.compile(r"\s*(?:\([\w ]+\)\s*)?(?:-|—|–|--)\s")


def calendar_value(time: TimeExpr) -> tuple[str, str] | None:
    """The calendar value and precision of a DATE or TIME expression, if it has one."""
    if time.type not in TIME_LABELS or not time.value:
        return None
    match = CALENDAR.match(time.value)
    if match is None:
        return None
    value = match.group(0)
    if time.type == "TIME" or "T" in time.value[len(value):len(value) + 1]:
        return (value, "day") if len(value) == 10 else None
    return value, time.precision or _precision(value)


def _precision(value: str) -> str:
    if len(value) == 4:
        return "year"
    if len(value) == 10:
        return "day"
    if "W" in value:
        return "week"
    return "month" if value[5:].isdigit() else "season"


def time_root(doc: Doc, time: TimeExpr) -> Token | None:
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def in_dateline(text: str, time: TimeExpr) -> bool:
    """Whether the date is that of a dateline (`DATELINE_BEFORE`, `DATELINE_AFTER`)."""
    line = text.rfind("\n", 0, time.start) + 1
    return DATELINE_BEFORE.search(text[line:time.start]) is not None \
        and DATELINE_AFTER.match(text, time.end) is not None
