"""Times: TIMEX3-style time expressions resolved against the publication date.

Spans come from the grammar in `timex.py`, values from `resolve.py` (date arithmetic in
`calendar.py`); the tense of the clause a span sits in (from
the spaCy parse, `tense.py`) decides which way a bare weekday points: future (will, going
to, scheduled to, would, "next", "as soon as") → the next one; past, present or no tense →
the most recent one (a Tuesday paper's "Monday" is the day before, its "Tuesday" that very
day); a weekday right after a past verb of saying ("said Sunday Israel will ...") is past,
and a bare weekday named again is the day its first mention gave. "The next month" told
in the past counts from the date the text last gave, like "the following month", and so
do "a day earlier", "two weeks later". A month,
month-and-day or holiday without a year takes the publication year when
within NEAR_DAYS of it, else the tense decides, else the nearest. Without `published`,
relative expressions keep `value: None` and the article gets a warning; impossible dates
never get a value.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from eventwire.model import TimeExpr
from eventwire.nlp.english import MODIFIER_TAGS, NOUN_ADJ_TAGS
from eventwire.pipeline.stage import Stage, Work
from eventwire.times.calendar import number, shift_quarter
from eventwire.times.periods import QUARTER_STEP
from eventwire.times.resolve import (
    LOOKING_AHEAD,
    QUARTERLY_WORDS,
    anaphor_unit,
    parse_published,
    resolve,
)
from eventwire.times.tense import arranged_ahead, clause_tense
from eventwire.times.timex import Found, Tense, Value, find, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns after which "current" is a technical term, not a time ("current account").
TECHNICAL_CURRENT = frozenset({"account", "accounts", "assets", "liabilities", "affairs",
                               "events", "ratio"})
RATE_WORDS = frozenset({"million", "billion", "thousand", "hundred", "percent", "%", "cents",
                        "dollars", "shares", "barrels", "tons"})


def _in_use(doc: Doc, found: Found) -> bool:
    """Drop readings the parse rules out: "daily" as a noun ("the Communist Party daily")
    or an average ("average daily volume"), "a year" as a rate ("$500 million a year"),
    "Today" in a name ("USA TODAY", `_in_name`)."""
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if found.rule == "set" and "adv" in found.groups:
        if before is not None and before.lower_ in {"average", "avg."}:
            return False
        if after is not None and after.pos_ == "PROPN":
            return False
        return span[0].pos_ in MODIFIER_TAGS
    if found.rule == "ref" and found.groups["ref"].lower() == "current":
        token = span[0]
        return (token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.pos_ == "NOUN"
                and (after is None or after.lower_ not in TECHNICAL_CURRENT))
    if found.rule == "relday" and _in_name(span[0]):
        return False
    if found.rule == "relday" and after is not None and after.lower_ in {"'s", "’s"}:
        return span.root.head.lemma_.lower() not in lexicon().generic_day
    if found.rule == "duration" and found.groups["unit"].lower() == "second" and after is not None:
        return after.pos_ not in NOUN_ADJ_TAGS
    if found.rule == "duration" and found.groups.get("num", "").lower() in {"a", "an"}:
        return before is None or not (before.like_num or before.lower_ in RATE_WORDS)
    return True


def _in_name(token: Token) -> bool:
    """Whether a capitalised "Today" ends a name: "USA TODAY", "This is VOA Today"; the
    word before it a proper noun of the same sentence, no sentence opener."""
    if token.i == 0 or token.is_sent_start or token.text.islower():
        return False
    before = token.doc[token.i - 1]
    return before.pos_ == "PROPN" and not before.is_punct


def _quarterly(doc: Doc, found: Found, value: Value) -> bool:
    """A year back in a sentence about quarterly results means the year-ago quarter;
    "last year" only where the story has been about a quarter before that sentence too
    ("net was $24 million, compared with a loss of $3 million last year")."""
    last_year = found.rule == "relunit" and found.groups.get("rel", "").lower() == "last" \
        and found.groups.get("unit", "").lower() == "year"
    if (found.rule not in {"ago", "year_ago"} and not last_year) or value.precision != "year":
        return False
    if found.rule == "ago" and number(found.groups.get("num", "1")) != 1:
        return False
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None:
        return False
    sentence = span.sent
    window = doc[max(0, sentence.start - 1):sentence.end].text.lower()
    before = doc[max(0, sentence.start - 60):sentence.start].text.lower()
    if last_year:
        return any(w in window for w in QUARTERLY_WORDS) and "quarter" in before
    return any(w in window for w in QUARTERLY_WORDS) or "quarter" in before


def _said_before(doc: Doc, found: Found) -> bool:
    """Whether the expression follows a verb of saying in the past ("Netanyahu said Sunday
    Israel will continue ...", "said on Tuesday"): it dates the saying, whatever tense
    the parse gives the words said."""
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ == "on" and span.start > 1:
        before = doc[span.start - 2]
    return before.tag_ == "VBD" and before.lemma_.lower() in lexicon().reporting


def _tense(doc: Doc, text: str, found: Found) -> Tense:
    """The clause's tense, overridden by a possessive ("Monday's vote": past), a verb of
    saying in the past just before ("said Sunday": past), "as soon as"
    before the expression or an arranging verb before a weekday (future)."""
    if text.startswith(("'s", "’s"), found.end) or _said_before(doc, found):
        return "past"
    if LOOKING_AHEAD.search(text, max(0, found.start - 20), found.start) or (
            found.groups.get("dow") and arranged_ahead(doc, found.start, found.end)):
        return "future"
    return clause_tense(doc, found.start, found.end)


# Groups that give a clock time its own day ("9 a.m. Tuesday"); without them the time
# falls on the day the text last named ("He was shot Oct. 23 ... at 10 p.m.").
DAY_GROUPS = frozenset({"dow", "relday", "mon", "abbr"})
# "the previous Friday" counts back from the day the text last named, not from publication.
ANAPHORIC_REL = frozenset({"the previous", "the prior"})

def _on_named_day(found: Found) -> bool:
    """A clock time without its own day, or "the previous Friday": counted from the day
    the text last named."""
    if found.rule in {"clock", "noon", "day_part"}:
        return not DAY_GROUPS & found.groups.keys()
    rel = " ".join(found.groups.get("rel", "").lower().split())
    return found.rule == "weekday" and rel in ANAPHORIC_REL


def _next_in_past(found: Found, tense: Tense) -> bool:
    """"The next month" told in the past tense counts from the date the text last gave
    ("... in September ... The next month, a staffer announced plans to sue": October),
    like "the following month"."""
    rel = " ".join(found.groups.get("rel", "").lower().split())
    return found.rule == "relunit" and rel == "the next" and tense == "past"


def _counted_from_then(found: Found) -> bool:
    """"A day earlier", "two weeks later": counted from the day the text last gave ("The
    BLA seized the train on Tuesday ... had warned a day earlier": Monday), unlike "two
    days ago", counted from publication; "a year earlier" in a results report is the
    year before publication's period, so only days and weeks."""
    return found.rule == "ago" and found.groups.get("dir", "").lower() in {"earlier", "later"} \
        and anaphor_unit(found) in COUNTED_FROM_THEN


# Units of "N units earlier/later" counted from the day the text last gave.
COUNTED_FROM_THEN = frozenset({"day", "night", "week"})
# Which granularities of an earlier date a unit can be counted from.
FINEST = {"day": ("day",), "week": ("day",), "month": ("day", "month"),
          "year": ("day", "month", "year")}
_DATE_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Reference:
    """The reference time the text has established so far: the last date it gave at day,
    month and year granularity ("On May 22, 1995 ... the following year": 1996)."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, date]] = {}
        self.count = 0

    def note(self, value: Value) -> None:
        if value.type != "DATE" or value.value is None:
            return
        match = _DATE_VALUE.fullmatch(value.value)
        if match is None:
            return
        year, month, day = match.group(1, 2, 3)
        try:
            found = date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return
        self.count += 1
        self.last["day" if day else "month" if month else "year"] = (self.count, found)

    def at(self, unit: str) -> date | None:
        """The latest date fine enough to count `unit`s from, if the text gave one."""
        dates = [self.last[p] for p in FINEST.get(unit, ("day",)) if p in self.last]
        return max(dates)[1] if dates else None


class NamedWeekdays:
    """A story names one week: a bare weekday named again ("talks Tuesday" ... "the focus
    of Tuesday's talks") is the day its first mention resolved to, whatever the tense of
    the later clause."""

    def __init__(self) -> None:
        self.days: dict[int, str] = {}

    def same_day(self, found: Found, value: Value) -> Value:
        groups = found.groups
        if found.rule != "weekday" or value.value is None or value.type == "SET" \
                or groups.get("rel") or "every" in groups or "plural" in groups:
            return value
        weekday = lexicon().weekdays[groups["dow"].lower()]
        first = self.days.setdefault(weekday, value.value[:10])
        return replace(value, value=first + value.value[10:])


class TimesStage(Stage):
    name = "times"
    requires = ("doc", "published")
    assigns = ("times",)

    def process(self, work: Work) -> None:
        article = work.article
        anchor = parse_published(article.published)
        if article.published and anchor is None:
            work.warn(f"times: publication date {article.published!r} is not an ISO date")
        unresolved = 0
        reference = Reference()
        weekdays = NamedWeekdays()
        for found in find(article.text):
            if not _in_use(work.parsed, found):
                continue
            tense = _tense(work.parsed, article.text, found)
            if found.rule == "anaphor" or _next_in_past(found, tense) \
                    or _counted_from_then(found):
                value = resolve(found, reference.at(anaphor_unit(found)) or anchor, tense)
            elif _on_named_day(found):
                value = resolve(found, reference.at("day") or anchor, tense)
            else:
                value = resolve(found, anchor, tense)
            value = weekdays.same_day(found, value)
            reference.note(value)
            if anchor is not None and _quarterly(work.parsed, found, value):
                value = Value("DATE", shift_quarter(anchor, QUARTER_STEP["year-ago"]),
                              "quarter", value.mod, relative=True)
            if value.problem == "not a time":
                continue
            if value.relative and anchor is None:
                unresolved += 1
            if value.problem:
                work.warn(f"times: {article.text[found.start:found.end]!r} at {found.start}: "
                          f"{value.problem}")
            article.times.append(TimeExpr(
                id=f"t{len(article.times) + 1}", text=article.text[found.start:found.end],
                start=found.start, end=found.end, type=value.type, value=value.value,
                precision=value.precision, mod=value.mod))
        if unresolved:
            work.warn(f"times: {unresolved} relative time expression(s) left without a value "
                      "because the article has no publication date")

