"""Counts: numbers with what they count, their qualifier and, for casualties, a category.

A count starts from a run of number tokens in the parse ("10", "1,000", "twenty six",
"a dozen", "dozens"). Its noun is the word the number modifies (`nummod`, or the object
of "of" after "dozens"), with that noun's compounds and adjectives ("rocket attacks").
Words in front give the qualifier ("at least", "more than"); vague plurals keep no value
and say so in the qualifier ("dozens"). The category (killed, injured, arrested, missing,
kidnapped, displaced) comes from the verb that governs the noun, an adjective on it, or
the noun itself, per `data/counts/nouns.tsv`. Calibres, measures, money, percentages,
times, ages, dates and years are not counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import read_toml, read_tsv
from eventwire.model import Count
from eventwire.nlp.english import (
    COUNT_PREDICATE_ROLES,
    COUNT_SKIP_LABELS,
    COUNTED_ROLES,
    NOMINAL_TAGS,
    NOUN_MODIFIERS_WITH_NUMMOD,
    NUMBER_DEPS,
    PARTICIPLE_DEPS_WITH_ACOMP,
    VERB_TAGS,
)
from eventwire.pipeline.stage import Stage, Work

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SKIP_ENTS = COUNT_SKIP_LABELS
NOUNISH = NOMINAL_TAGS
PHRASE_DEPS = NOUN_MODIFIERS_WITH_NUMMOD
DIGITS = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
YEAR = re.compile(r"^(1[6-9]|20)\d\d$")
AGE = re.compile(r"^[\s-]*years?[\s-]*old\b|^[\s-]*year-olds?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Words:
    qualifiers: tuple[str, ...]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: frozenset[str]
    units: frozenset[str]
    money: frozenset[str]
    time: frozenset[str]
    before: frozenset[str]
    cues: dict[str, str]


@lru_cache(maxsize=1)
def words() -> Words:
    raw = read_toml("counts/words.toml")
    cues: dict[str, str] = {}
    for lemma, category, _part in read_tsv("counts/nouns.tsv"):
        cues[lemma] = category
    skip = raw["not_counted"]
    return Words(qualifiers=tuple(sorted(raw["qualifiers"]["words"], key=len, reverse=True)),
                 numbers=raw["numbers"], multipliers=raw["multipliers"],
                 vague=frozenset(raw["vague"]["words"]), units=frozenset(skip["units"]),
                 money=frozenset(skip["money"]), time=frozenset(skip["time"]),
                 before=frozenset(skip["before"]), cues=cues)


def is_number(token: Token) -> bool:
    text = token.lower_
    lex = words()
    if text in lex.vague or (text in lex.multipliers and text not in {"m", "bn"}):
        return True
    if text in lex.numbers and text not in {"a", "an"}:
        return token.tag_ == "CD" or text in {"dozen"} or token.dep_ == "nummod"
    return token.tag_ == "CD" and (DIGITS.match(text) is not None or token.like_num)


def number_runs(doc: Doc) -> list[tuple[int, int]]:
    """[start, end) token ranges of consecutive number words ("twenty six", "1.5 million")."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not is_number(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (is_number(doc[j]) or (
                doc[j].text == "-" and j + 1 < len(doc) and is_number(doc[j + 1]))):
            j += 1
        start = i - 1 if i > 0 and doc[i - 1].lower_ in {"a", "an"} else i
        runs.append((start, j))
        i = j
    return runs


def value_of(tokens: Span | list[Token]) -> float | None:
    """The number a run of tokens writes; None for vague plurals ("dozens")."""
    lex = words()
    total, current = 0.0, 0.0
    seen = False
    for token in tokens:
        text = token.lower_.replace(",", "")
        if text == "-":
            continue
        if text in lex.vague:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            current += float(text)
        elif text in lex.numbers:
            current = current * 12 if text == "dozen" and current else (
                12.0 if text == "dozen" else current + lex.numbers[text])
        elif text == "hundred":
            current = (current or 1) * 100
        elif text in lex.multipliers:
            total += (current or 1) * lex.multipliers[text]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _excluded(doc: Doc, start: int, end: int) -> bool:
    """Years, dates, money, percentages, times, measures, calibres and ages."""
    lex = words()
    run = doc[start:end]
    if any(t.ent_type_ in SKIP_ENTS for t in run):
        return True
    after = doc[end] if end < len(doc) else None
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in lex.before:
        return True
    if after is not None:
        glued = after.idx == run.end_char
        word = after.lower_
        if word in lex.units or after.lemma_.lower() in lex.units or word in {"%", "percent"}:
            return True
        if glued and word.isalpha():
            return True
        if word in lex.money or after.lemma_.lower() in lex.money:
            return True
        if word in lex.time or after.lemma_.lower() in lex.time:
            return True
        if word in {":", "/", "-"} and end + 1 < len(doc) and doc[end + 1].like_num:
            return True
    if AGE.match(doc[run.end:run.end + 6].text_with_ws if run.end < len(doc) else ""):
        return True
    text = run.text
    if len(run) == 1 and YEAR.match(text) and (after is None or after.tag_ != "NNS"):
        return True
    return bool(re.search(r"\d[:/]\d|\d{5,}", text.replace(",", "")) and "," not in text)


def counted_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The noun a number run counts: its nummod head, or X in "dozens of X"."""
    last = doc[end - 1]
    if last.lower_ in words().vague or last.pos_ == "NOUN":
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    head = last.head
    if (last.dep_ in NUMBER_DEPS and head.pos_ in NOUNISH and head.i >= end
            and head.dep_ != "ROOT"):
        return head
    return None


def noun_phrase(noun: Token, floor: int) -> tuple[int, int]:
    """Token range of the noun with the compounds and adjectives in front of it."""
    left = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.i >= floor and child.dep_ in PHRASE_DEPS and child.i == left - 1:
            left = child.i
    return left, noun.i + 1


def _clause_words(anchor: Token) -> list[Token]:
    """The words that can say what happened to a counted noun: its adjectives, the verb
    that governs it (through conjuncts and "of"), that verb's other subject and
    complements ("the death toll rose to 25", "left five people dead")."""
    found: list[Token] = [anchor]
    found += [c for c in anchor.children if c.dep_ in PARTICIPLE_DEPS_WITH_ACOMP]
    while anchor.dep_ == "conj" and anchor.head is not anchor:
        anchor = anchor.head
    if (anchor.dep_ == "pobj" and anchor.head.lower_ in {"of", "including", "among"}
            and anchor.head.head.pos_ in NOUNISH):
        anchor = anchor.head.head
        while anchor.dep_ == "conj" and anchor.head is not anchor:
            anchor = anchor.head
    head = anchor.head
    if anchor.dep_ == "pobj" and head.head.pos_ in VERB_TAGS:
        head = head.head
    elif anchor.dep_ not in COUNTED_ROLES:
        return found
    found.append(head)
    found += [c for c in head.children if c.dep_ in COUNT_PREDICATE_ROLES and c is not anchor]
    return found


def category(noun: Token | None, number: Token) -> str | None:
    """Killed, injured, arrested, ... when the words around the count say so."""
    cues = words().cues
    anchors = [noun, number] if noun is not None else [number]
    for anchor in anchors:
        for token in _clause_words(anchor):
            for key in (token.lemma_.lower(), token.lower_):
                if key in cues:
                    return cues[key]
    return None


def qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    window = text[max(0, start - 30):start].lower()
    for phrase in words().qualifiers:
        if re.search(rf"(?:^|\W){re.escape(phrase)}\s+$", window):
            position = window.rfind(phrase)
            return phrase, start - (len(window) - position)
    return None


class CountsStage(Stage):
    name = "counts"
    requires = ("doc",)
    assigns = ("counts",)

    def process(self, work: Work) -> None:
        doc = work.parsed
        article = work.article
        taken_until = -1
        for start, end in number_runs(doc):
            if start < taken_until or _excluded(doc, start, end):
                continue
            count = self._count(doc, article.text, start, end)
            if count is None:
                continue
            count.id = f"c{len(article.counts) + 1}"
            article.counts.append(count)
            taken_until = end

    @staticmethod
    def _count(doc: Doc, text: str, start: int, end: int) -> Count | None:
        run = doc[start:end]
        noun = counted_noun(doc, start, end)
        if noun is not None and noun.lemma_.lower() in words().time | words().money:
            return None
        kind = category(noun, run.root)
        if noun is None and kind is None:
            return None
        value = value_of(run)
        vague = run[-1].lower_ in words().vague
        qualifier = run.text.lower() if vague else None
        begin = run.start_char
        found = qualifier_before(text, begin)
        if found is not None:
            qualifier = f"{found[0]} {qualifier}" if qualifier else found[0]
            begin = found[1]
        noun_text = None
        finish = run.end_char
        if noun is not None:
            left, right = noun_phrase(noun, end)
            noun_text = doc[left:right].text
            finish = max(finish, doc[right - 1].idx + len(doc[right - 1].text))
        return Count(id="c0", text=text[begin:finish], start=begin, end=finish, value=value,
                     qualifier=qualifier, noun=noun_text, category=kind)
