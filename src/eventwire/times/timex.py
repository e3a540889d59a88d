"""Time expressions in plain text: where they are and what TIMEX3 value they have.

No spaCy here: `find(text)` returns candidate spans from a small grammar of regular
expressions built from `data/time_words.toml`; `resolve(found, anchor, tense)` turns one
into a TIMEX3-style value against the publication date `anchor`. Relative expressions
without an anchor get no value (`Value.relative` says so); impossible dates
("February 30") get no value either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from eventwire.data import read_toml
from eventwire.times.folded import foldable, folded, required

Tense = Literal["past", "present", "future"] | None
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# A month and day without a year within this many days of publication take its year.
NEAR_DAYS = 120


@dataclass(frozen=True)
class Value:
    """The outcome of resolving one expression."""

    type: TimexType
    value: str | None
    precision: str | None = None
    mod: str | None = None
    relative: bool = False
    problem: str | None = None


@dataclass(frozen=True)
class Found:
    """A candidate expression: the rule that matched and its named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    mod: str | None = None


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, dict[str, Any]]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    relative_days: dict[str, int]
    references: dict[str, str]
    sets: dict[str, str]
    mods: dict[str, str]
    reporting: frozenset[str]
    arranging: frozenset[str]
    deadline: frozenset[str]
    generic_day: frozenset[str]
    ordinal_days: tuple[str, ...]
    holidays: dict[str, tuple[int, ...]]
    back_reference: tuple[str, ...] = ()
    background_adverbs: frozenset[str] = frozenset()
    background_adjectives: frozenset[str] = frozenset()
    happening_clause: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = read_toml("times/time_words.toml")
    return Lexicon(months=raw["months"], weekdays=raw["weekdays"], numbers=raw["numbers"],
                   vague=tuple(raw["vague_numbers"]["words"]), ordinals=raw["ordinals"],
                   units=raw["units"], parts_of_day=raw["parts_of_day"], seasons=raw["seasons"],
                   relative_days=raw["relative_days"], references=raw["references"],
                   sets=raw["sets"], mods=raw["mods"],
                   reporting=frozenset(raw["reporting"]["verbs"]),
                   arranging=frozenset(raw["arranging"]["verbs"]),
                   deadline=frozenset(raw["arranging"]["deadline"]),
                   generic_day=frozenset(raw["generic_day"]["nouns"]),
                   ordinal_days=tuple(raw["ordinal_days"]["words"]),
                   holidays={name.replace("’", "'"): tuple(spec) for table in
                             raw["holidays"].values() for name, spec in table.items()},
                   back_reference=tuple(raw["back_reference"]["openers"]),
                   background_adverbs=frozenset(raw["background"]["adverbs"]),
                   background_adjectives=frozenset(raw["background"]["adjectives"]),
                   happening_clause=frozenset(raw["happening_clause"]["verbs"]))


def _alt(words: Any) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS9 = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_UNITS = "|".join(UNITS9)
_TENS = rf"(?:{'|'.join(TENS)})(?:[\s-]+(?:{_UNITS}))?"
# Years as read aloud in broadcast transcripts: "nineteen ninety-six", "nineteen oh five",
# "the year two thousand (and one)".
SPELLED_1900 = (rf"(?P<spelled>nineteen[\s-]+(?:hundred(?:\s+and)?[\s-]+)?"
                rf"(?:{_TENS}|{'|'.join(TEENS)}|o(?:h)?[\s-]+(?:{_UNITS})))")
SPELLED_2000 = rf"two\s+thousand(?:(?:\s+and)?[\s-]+(?:{_UNITS}|{'|'.join(TEENS)}))?"


@lru_cache(maxsize=1)
def grammar() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The rules, in priority order (earlier wins between spans of equal length)."""
    lex = lexicon()
    mon = rf"(?P<mon>{_alt(lex.months)})\.?"
    dow_any = rf"(?:(?:{_alt(lex.weekdays)})\.?,?\s+)"
    dow = rf"(?P<dow>{_alt(FULL_DAYS)})"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[0-9]|20)\d\d)"
    tens = rf"(?:{_alt(TENS)})(?:[\s-](?:{_alt(UNITS9)}))?"
    num = (rf"(?P<num>\d+(?:\s+1/2|½)|(?:\d+(?:\.\d+)?|{tens}|{_alt(UNITS9)})"
           rf"(?:\s+and\s+a\s+half)?|{_alt([*lex.numbers, *lex.vague])})")
    unit_words = [*lex.units, "centuries"]
    unit = rf"(?P<unit>{_alt(unit_words)})(?:s|es)?"
    pod = rf"(?P<pod>{_alt(lex.parts_of_day)})"
    ordinal = rf"(?P<ord>{_alt(lex.ordinals)})"
    rel = r"(?P<rel>this\s+past|this|last|next|the\s+past|the\s+last|the\s+coming|the\s+next" \
          r"|the\s+previous|the\s+current|the\s+latest|the\s+same|the\s+prior|coming|past)"
    rules = [
        ("iso", r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
                r"(?:T(?P<hh>\d{2}):(?P<mi>\d{2}))?\b"),
        ("slash", r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])"),
        ("mdy", rf"\b{dow_any}?{mon}\s+{day}\b(?!:\d)(?:,?\s+{year}\b)?"),
        ("dmy", rf"\b{dow_any}?(?:the\s+)?{day}\s+(?:of\s+)?{mon}\b(?:,?\s+{year}\b)?"),
        ("my", rf"\b{mon},?\s+(?:of\s+)?(?:{year}|{SPELLED_1900})\b"),
        ("clock", r"(?<![\d:.,$])(?P<hh>\d{1,2})(?::(?P<mi>\d{2}))?\s*"
                  r"(?P<ampm>[ap]\.m\b\.?|[ap]m\b)(?:\s+(?P<tz>[A-Z]{2,4}T)\b)?"
                  rf"(?:,?\s+(?:on\s+)?{dow}|\s+(?P<relday>today|yesterday|tomorrow)"
                  rf"|,?\s+(?:on\s+)?{mon}\s+{day}\b(?!:\d))?"),
        ("noon", rf"\b(?P<word>noon|midnight|midday)(?:\s+(?:on\s+)?{dow})?"),
        ("quarter", rf"\b(?:the\s+)?(?:(?P<ago>(?:comparable\s+)?year-(?:ago|earlier))\s+"
                    rf"|(?P<lead>(?:1[0-9]|20)\d\d)\s+|(?P<yrel>last|this|next)\s+year['’]s\s+)?"
                    rf"{ordinal}[\s-]+(?:fiscal[\s-]+)?(?P<part>quarter|half)\b"
                    rf"(?:(?:\s+of|,?)\s+{year}\b)?"),
        ("year_quarter", r"\bthe\s+(?P<lead>(?:1[0-9]|20)\d\d)\s+quarter\b"),
        ("year_ago", r"\b(?P<ago>year-ago|year-earlier)\b"),
        ("year_ago_quarter", r"\blast\s+year['’]s\s+(?:quarter|period)\b"
                             r"|\bthe\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)\b"),
        ("week_of", rf"\bthe\s+week\s+of\s+{mon}\s+{day}\b(?!:\d)(?:,?\s+{year}\b)?"),
        ("day_beside", rf"\bthe\s+day\s+(?P<side>before|after)\s+(?:{rel}\s+)?{dow}\b"
                       rf"|\bthe\s+day\s+(?P<side2>before|after)\s+{mon}\s+{day}\b(?!:\d)"
                       rf"(?:,?\s+{year}\b)?"),
        ("the_year_ended", r"\bthe\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending)\b)"),
        ("the_year", r"\bthe\s+(?P<which>(?:current\s+|full\s+|whole\s+|entire\s+)?"
                     r"(?:fiscal\s+)?)year\b(?!['’]s\s+end)"
                     r"(?![\s-]+(?:before|after|earlier|later|ago|old|two|\d))"
                     r"|\b(?P<end>year[\s-]end|year['’]s\s+end)\b"),
        ("spelled_year", rf"\b(?:the\s+year\s+(?P<millennium>{SPELLED_2000})|{SPELLED_1900})\b"),
        ("rel_quarter", r"\bthe\s+(?:(?P<which>latest|current|most\s+recent|year-ago|"
                        r"year-earlier|same|previous|prior)\s+)?(?P<q>quarter|period)\b(?!-)"),
        ("decade", r"\b(?:the\s+)?(?P<dec>(?:1[0-9]|20)\d0)'?s\b|\b(?:the\s+)?'(?P<dd>\d0)s\b"),
        ("century", r"\b(?:the\s+)?(?P<cent>\d{1,2})(?:st|nd|rd|th)\s+century\b"),
        ("season", rf"\b(?:{rel}\s+|(?P<the>the)\s+(?:(?:early|late|mid)[\s-]+)?)?"
                   rf"(?P<season>{_alt(lex.seasons)})\b"
                   rf"(?:\s+(?:of\s+)?(?:{year}|{SPELLED_1900})\b)?"),
        ("ordinal_day", r"the(?:(?<=\bit's\sthe)|(?<=\bit’s\sthe)|(?<=\bit\sis\sthe)"
                        r"|(?<=\btoday\sis\sthe))"  # "the" first: the scan skips to it
                        rf"\s+(?:{_alt(lex.ordinal_days)}|\d+(?:st|nd|rd|th))\s+day\b"),
        ("day_part", r"(?<!\d\sin\s)(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\bduring\s))the\s+"
                     r"(?P<pod>morning|afternoon|evening)\b(?!\s+(?:of|after|before)\b)"
                     rf"|\bmid[\s-]?(?P<mid>morning|afternoon)\b"
                     rf"(?:\s+(?P<relday>{_alt(lex.relative_days)})\b)?"),
        ("relday", rf"\b(?P<relday>{_alt(lex.relative_days)})\b(?:\s+{pod})?"),
        ("tonight", r"\b(?P<tonight>tonight|overnight|last\s+night|this\s+morning|"
                    r"this\s+afternoon|this\s+evening)\b"),
        ("weekday", rf"\b(?:(?P<every>every|each)\s+|{rel}\s+)?{dow}(?P<plural>s)?\b"
                    rf"(?:\s+{pod})?"),
        ("relunit", rf"\b{rel}\s+(?:fiscal\s+)?"
                    r"(?P<unit>week|weekend|month|year|decade|century|quarter)\b"),
        ("weekend", r"\b(?P<the>the)\s+weekend\b"),
        ("anaphor", r"\b(?:(?P<which>the\s+following|the\s+preceding|that\s+same|that|the\s+same)"
                    r"\s+(?P<unit>(?<=that\s)year|(?:(?<=earlier\sthat\s)|(?<=later\sthat\s))day"
                    r"|(?<!that\s)(?:day|week|month|year))\b(?![\s-]+(?:old|long|ago)\b)"
                    r"|(?P<next>the\s+next)\s+(?P<unit_c>day)\b(?![\s-]+(?:old|long|ago)\b)"
                    r"|the\s+(?P<unit_b>day|week|month|year)\s+(?P<side>before|after)"
                    r"(?=\s*[,.;:)]|\s*$))"),
        ("relmonth", rf"\b{rel}\s+{mon}\b(?!\.?\s+\d)"),
        ("month_of_year", rf"\b{mon}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
        ("ago", rf"\b{num}[\s-]+{unit}\s+(?P<dir>ago|earlier|from\s+now|hence)\b"),
        ("duration", rf"\b(?:(?P<lead>(?:the\s+)?(?:past|last|next|first|previous|coming|"
                     r"final|remaining|following|the)|another)\s+)?"
                     rf"{num}[\s-]+(?:(?:more|additional|extra|consecutive|straight"
                     rf"|trading|business|working)\s+)?{unit}\b"
                     r"(?P<half>\s+and\s+a\s+half\b)?"
                     r"(?![\s-]+old\b)(?!(?<=quarters)\s+of\b)"),
        ("plural_unit", r"(?:\b(?P<lead>recent|coming|past)\s+|(?<=\bfor\s)|(?<=\bin\s)"
                        r"|(?<=\bover\s)(?:the\s+)?|(?<=\bwithin\s)"
                        r"|\bthe\s+(?=\w+\s+ahead\b))"
                        r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades"
                        r"|centuries)\b"),
        ("set", rf"\b(?:(?P<freq>once|twice|thrice|(?:\d+|two|three|four|five|six)\s+times)"
                rf"\s+(?:a|an|per|each|every)\s+{unit.replace('?P<unit>', '?P<funit>')}\b"
                rf"|(?P<every>every|each|per)\s+(?P<other>other\s+)?{unit}\b"
                rf"|(?P<adv>{_alt(lex.sets)})\b)"),
        ("ref", rf"\b(?P<ref>{_alt(lex.references)})\b"),
        ("holiday", rf"\b(?=(?-i:[A-Z])|(?:last|next|this)\s)(?:(?P<rel>last|next|this)\s+)?"
                    rf"(?P<holiday>{_alt(n.replace(chr(39), '_') for n in lex.holidays)})\b"
                    .replace("_", "['’]")),
        ("month", rf"\b(?P<mon>{_alt(FULL_MONTHS)})\b|\b(?P<abbr>{_alt(lex.months)})\.(?!\w)"),
        ("year", r"(?:(?<=\bmid-)|(?<=\bpost-)|(?<=\bpre-)"
                 r"|(?<![\d$£€.,/-])\b(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?)"
                 r"(?P<year>1[6-9]\d\d|20\d\d)\b(?![.,]\d|\s*%|-\d|\s*(?:[ap]\.?m\b))"),
    ]
    return tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in rules)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None,
                           frozenset[str] | None], ...]:
    """The grammar's rules with their folded forms (times/folded.py), where they have one,
    and the words one of which every match of the folded form contains."""
    rules = []
    for name, pattern in grammar():
        fast = folded(pattern.pattern)
        rules.append((name, pattern, fast, required(fast) if fast is not None else None))
    return tuple(rules)


@lru_cache(maxsize=1)
def _mod_prefix() -> re.Pattern[str]:
    words = _alt(lexicon().mods)
    return re.compile(rf"(?:^|(?<=\W))(?P<mod>{words})(?:\s+|-)$", re.IGNORECASE)


CAPITALISED = ("mon", "abbr", "dow", "holiday")
# A unit in title case inside a sentence names a show or a film ("60 Minutes", "This Week").
TITLED = ("unit",)


def _group(text: str, match: re.Match[str], group: str) -> str | None:
    """What a named group of the match covers, read from `text` (a folded rule matched
    the lowered text), None where the rule has no such group or it took no part."""
    if group not in match.re.groupindex or match.start(group) < 0:
        return None
    return text[match.start(group):match.end(group)]


def _plausible(text: str, match: re.Match[str]) -> bool:
    """Month and weekday names count only when capitalised ("May", not "may")."""
    for group in CAPITALISED:
        word = _group(text, match, group)
        if word is not None and not word[0].isupper():
            return False
    for group in TITLED:
        word = _group(text, match, group)
        if word is not None and word.istitle() and match.start(group) > 0 and not _starts(
                text, match.start(group)):
            return False
    return True


def _starts(text: str, index: int) -> bool:
    """Whether `index` begins a sentence or a headline word run (after . ! ? or a newline)."""
    before = text[max(0, index - 3):index].rstrip(" ")
    return not before or before[-1] in ".!?\n\"“"


def find(text: str) -> list[Found]:
    """Non-overlapping candidate expressions, longest first, then by rule priority."""
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    lowered = text.lower() if foldable(text) else None
    for priority, (name, pattern, fast, needs) in enumerate(_rules()):
        if fast is None or lowered is None:
            matches = pattern.finditer(text)
        elif needs is None or any(word in lowered for word in needs):
            matches = fast.finditer(lowered)
        else:
            continue  # the text lacks every word the rule needs
        for match in matches:
            if match.end() > match.start() and _plausible(text, match):
                candidates.append((match.start(), match.end(), priority, name, match))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = bytearray(len(text))
    chosen: list[Found] = []
    for start, end, _, name, match in candidates:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        groups = {k: text[match.start(k):match.end(k)] for k in match.re.groupindex
                  if match.start(k) >= 0}
        chosen.append(_with_mod(text, Found(start, end, name, groups)))
    chosen.sort(key=lambda f: f.start)
    return chosen


def _with_mod(text: str, found: Found) -> Found:
    """Take a modifier in front ("early", "the end of", "about") into the expression."""
    before = text[max(0, found.start - 20):found.start]
    hit = _mod_prefix().search(before)
    if hit is None:
        return found
    word = " ".join(hit.group("mod").lower().split())
    mod = lexicon().mods[word]
    dated = found.rule not in {"duration", "plural_unit", "clock", "noon", "ago"}
    if mod in {"START", "MID", "END"} and not dated:
        return found
    if mod not in {"START", "MID", "END"} and found.rule not in {"duration", "ago", "clock"}:
        return found
    start = found.start - (len(before) - hit.start())
    return Found(start, found.end, found.rule, found.groups, mod)


# ---------------------------------------------------------------- calendar arithmetic
