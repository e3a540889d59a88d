"""Where a place hangs in the parse relative to an event's trigger: under a locative
preposition, below which verb, attached to which word, and whether a verb of a clause of its own
stands between (the geometry places/event_location.py ranks places by).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp.english import (
    NOMINAL_SUBJECTS,
    NOUN_CLAUSES,
    NOUN_MODIFIERS_WITH_NPADVMOD,
    OWN_CLAUSES,
    VERB_TAGS,
)
from eventwire.places.words import ABSTRACT_NOUNS, AT_WORDS, PLACE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Dependencies of a place that modifies the trigger's phrase directly ("the Kabul attack").
MODIFIER = NOUN_MODIFIERS_WITH_NPADVMOD


def under_locative(token: Token, words: frozenset[str] = AT_WORDS) -> bool:
    """Whether a locative preposition governs the token below its first verb ("bases in
    Iraq": yes; "U.S. bases": no)."""
    current = token
    for _ in range(40):
        if current.head is current or current.pos_ in VERB_TAGS:
            return False
        if current.dep_ == "pobj" and current.head.lower_ in words:
            return True
        current = current.head
    return False


def governing_verb(token: Token) -> int | None:
    """The first verb above a token in the parse."""
    current = token
    for _ in range(40):
        if current.head is current:
            return current.i if current.pos_ in VERB_TAGS else None
        current = current.head
        if current.pos_ in VERB_TAGS:
            return current.i
    return None


def verb_between(token: Token, ancestor: Token, clause: bool = False) -> bool:
    """Whether a verb stands between a token and its ancestor in the parse ("attacking a
    vehicle securing a convoy for a company operated by China": "securing", "operated"; not
    a participle used as a preposition, "resembling", "including", nor a clause that
    describes the trigger itself, "attacks that have targeted U.S. bases in Iraq");
    with `clause`, only a verb of a clause of its own: one with its own subject, a relative,
    complement or conjoined clause ("fighting troops since 2011, when the government sent
    soldiers into Somalia")."""
    for above in token.ancestors:
        if above.i == ancestor.i:
            return False
        if above.pos_ not in VERB_TAGS or above.dep_ == "prep" or (
                above.head.i == ancestor.i and above.dep_ in NOUN_CLAUSES):
            continue
        if not clause or above.dep_ in OWN_CLAUSES or any(
                child.dep_ in NOMINAL_SUBJECTS for child in above.children):
            return True
    return False


def inside(token: Token, ancestor: Token) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)



def attached_to(token: Token) -> Token | None:
    """The word a place's locative phrase or modifier attaches to, through place nouns
    ("in the city of Nablus", "Iraq's northern Nineveh province")."""
    current = token
    for _ in range(12):
        head = current.head
        if head is current:
            return None
        if current.dep_ == "pobj" and head.lower_ in AT_WORDS:
            return head.head
        if current.dep_ in MODIFIER and head.lower_ not in PLACE_NOUNS \
                and head.pos_ != "PROPN":
            return head
        current = head
    return None


def about(token: Token, attached: Token) -> bool:
    """Whether the place's phrase says what an abstract noun is about: the noun it attaches
    to, or the word right before its preposition (the parse often hangs "in Europe" of
    "a step toward peace in Europe" on "step"), is one of ABSTRACT_NOUNS."""
    if attached.lemma_.lower() in ABSTRACT_NOUNS:
        return True
    current = token
    for _ in range(12):
        if current.dep_ == "pobj" and current.head.lower_ in AT_WORDS:
            prep = current.head
            return prep.i > 0 and prep.doc[prep.i - 1].lemma_.lower() in ABSTRACT_NOUNS
        if current.head is current:
            return False
        current = current.head
    return False
