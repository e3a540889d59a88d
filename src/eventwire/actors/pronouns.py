"""Pronouns: which actor "he", "its" or "they" stands for.

A pronoun resolves to the nearest compatible actor: the subject of the same sentence before
the pronoun, else the nearest one before it in the sentence, else the only subject of one
of the previous two sentences; a person once "he" (or "Mr.") is not "she", and the other
way round.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from eventwire.actors.coref import Candidate, Registry
from eventwire.nlp.english import PERSON_PRONOUNS, PRONOUN_GENDER, THING_PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token


def pronoun_target(pron: Token, cands: list[Candidate], registry: Registry,
                    order: dict[int, int], genders: dict[str, str]) -> str | None:
    """The actor a third-person pronoun most plausibly refers to (None when unsure);
    `cands` are the resolved named and nominal mentions, by start.

    A person once referred to as "he" (or called Mr.) is not a candidate for "she", and
    the other way round."""
    low = pron.lower_
    gender = PRONOUN_GENDER.get(low)
    if low in PERSON_PRONOUNS:
        kinds: tuple[str, ...] = ("person",)
    elif low in THING_PRONOUNS:
        kinds = ("country", "organization", "group")
    else:
        kinds = ("group", "organization")
    sent = pron.sent.start
    here = order.get(sent, 0)
    before: list[Candidate] = []
    stop = bisect_left(cands, pron.idx, key=lambda c: c.start)
    for c in map(cands.__getitem__, range(stop - 1, -1, -1)):  # backwards, without a copy
        if here - order.get(c.sent, -9) > 2:
            break
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
