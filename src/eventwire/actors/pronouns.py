"""Pronouns: which actor "he", "its" or "they" stands for.

A pronoun resolves to the nearest compatible actor: the subject of the same sentence before
the pronoun, else the nearest one before it in the sentence, else the only subject of one
of the previous two sentences; a person once "he" (or "Mr.") is not "she", and the other
way round. "it" counts only where it can name a country or organisation (`referring_it`).
A pronoun outside quotation marks never stands for a name inside them ('"We urge the
authorities to ...," they said').
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from eventwire.actors.coref import Candidate, Registry
from eventwire.actors.words import EMPTY_IT_VERBS as EMPTY_VERBS
from eventwire.nlp.english import CORE_ARGUMENTS, PERSON_PRONOUNS, PRONOUN_GENDER, THING_PRONOUNS
from eventwire.pipeline.windows import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

IT = "it"
IT_ROLES = CORE_ARGUMENTS


def sentence_order(doc: Doc, text: str, quoted: SpanIndex) -> dict[int, int]:
    """Sentence start → its number, where a sentence wholly inside quotation marks takes
    the number of the one before it: the speaker named before a long quote is still the
    latest subject for the pronoun after it ('"...," Orban said. "..." He rejected')."""
    order: dict[int, int] = {}
    number = -1
    for sent in doc.sents:
        words = text[sent.start_char:sent.end_char]  # `text` is the doc's text
        text_start = sent.start_char + len(words) - len(words.lstrip(" \"“”'‘’"))
        wholly = any(sent.end_char <= high + 2
                     for _, high in quoted.overlapping(text_start, text_start + 1))
        if not wholly or number < 0:
            number += 1
        order[sent.start] = number
    return order


def referring_it(pron: Token) -> bool:
    """"it" that may stand for a country or organisation: the subject or object of a verb
    that is not a copula or an empty verb ("it approved a law", "accusing it of"), never
    the "it" of "it is possible that", "it takes time"."""
    return pron.lower_ == IT and pron.dep_ in IT_ROLES and pron.head.pos_ == "VERB" \
        and pron.head.lemma_.lower() not in EMPTY_VERBS


def pronoun_target(pron: Token, cands: list[Candidate], registry: Registry,
                   order: dict[int, int], genders: dict[str, str],
                   quoted: SpanIndex | None = None) -> str | None:
    """The actor a third-person pronoun most plausibly refers to (None when unsure);
    `cands` are the resolved named and nominal mentions, by start.

    A person once referred to as "he" (or called Mr.) is not a candidate for "she", and
    the other way round."""
    low = pron.lower_
    gender = PRONOUN_GENDER.get(low)
    if low in PERSON_PRONOUNS:
        kinds: tuple[str, ...] = ("person",)
    elif low in THING_PRONOUNS or low == IT:
        kinds = ("country", "organization", "group")
    else:
        kinds = ("group", "organization")
    sent = pron.sent.start
    here = order.get(sent, 0)
    quotes = quoted if quoted is not None else SpanIndex()
    outside = not quotes.overlaps(pron.idx, pron.idx + 1)
    before: list[Candidate] = []
    stop = bisect_left(cands, pron.idx, key=lambda c: c.start)
    for c in map(cands.__getitem__, range(stop - 1, -1, -1)):  # backwards, without a copy
        if here - order.get(c.sent, -9) > 2:
            break
        if outside and quotes.overlaps(c.start, c.start + 1):
            continue  # '"We urge Guatemalan authorities ...," they said': not the authorities
        actor = registry.get(c.actor or "a0")
        if actor is not None and actor.kind in kinds \
                and genders.get(actor.id, gender) == gender:
            before.insert(0, c)
    same = [c for c in before if c.sent == sent]
    if same:
        subjects = [c for c in same if c.subject]
        return (subjects or same)[-1].actor
    earlier = sorted({c.sent for c in before if 0 < here - order.get(c.sent, -9) <= 2},
                     reverse=True)
    for start in earlier:
        in_sent = [c for c in before if c.sent == start]
        named = {c.actor for c in in_sent if c.subject}
        if len(named) == 1:
            return named.pop()
        if len({c.actor for c in in_sent}) == 1:
            return in_sent[-1].actor
    return None
