"""Metonymy and nationality: what a place name stands for in its sentence.

A country or city name used for its government or people is an actor, not a place: the
subject of a verb other than a few stative ones ("Washington said", "Iran should not
mistake"; kept: "Iraq has seen", "Syria is"); a possessive or noun-modifier of an actor noun
("Iran's leaders", "U.S. officials"); the object of a verb of addressing or dealing with
someone ("warned Iran", "urged China"); the possessor of any other noun that is not a place
noun ("the United States' restraint"); the object of "of" after an actor noun ("the
government of Iraq"); "X-backed", "X-led" and the like. A name before another noun that is
neither ("U.S. bases", "a decisive U.S. response") is a modifier: for a country, a
nationality (role "adjective"). Kept as places: locative uses ("bases in Iraq"), objects
("warned Iran"), "X-based", place nouns ("Iraq's Nineveh province") and "of" after other
nouns ("the sovereignty of Iraq": the state's territory is what is at issue).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from eventwire.nlp.english import (
    APPOS_OR_CONJ,
    NOUN_MODIFIERS_WITH_NMOD_POSS,
    NOUN_TAGS,
    VERB_OBJECTS,
    VERB_TAGS,
)
from eventwire.nlp.english import PLACE_LABELS as PLACE_TYPES
from eventwire.places.words import (
    ACTOR_NOUNS,
    ACTOR_OBJECT_VERBS,
    BASED_WORDS,
    LINK_WORDS,
    PLACE_NOUNS,
    STATIVE_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Role = Literal["literal", "actor", "modifier"]


def root_of(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def text_after(doc: Doc, end: int, tokens: int = 4) -> str:
    """The text of the few tokens from character `end` on (without building `doc.text`)."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    index = span.end if span is not None and len(span) else 0
    while index < len(doc) and doc[index].idx < end:
        index += 1
    if index >= len(doc):
        return ""
    return " " * (doc[index].idx - end) + doc[index:index + tokens].text_with_ws


def syntactic_role(doc: Doc, start: int, end: int) -> Role:
    """What the parse says the name at [start, end) is (see the module docstring):
    "actor" for a government or people, "modifier" for a name before a noun that is neither
    an actor nor a place noun ("U.S. bases": a nationality if the name is a country), else
    "literal"."""
    root = root_of(doc, start, end)
    if root is None:
        return "literal"
    after = text_after(doc, end)
    if after[:1] in "-‐–":
        word = after[1:].split(" ")[0].strip(".,;:").lower()
        if word in LINK_WORDS:
            return "actor"
        if word in BASED_WORDS:
            return "literal"
    token = root
    while token.dep_ in APPOS_OR_CONJ and token.head is not token:
        token = token.head
    head = token.head
    lemma = head.lemma_.lower()
    if token.dep_ == "nsubj" and head.pos_ in VERB_TAGS:
        return "literal" if lemma in STATIVE_VERBS else "actor"
    if token.dep_ in VERB_OBJECTS and head.pos_ == "VERB":
        return "actor" if lemma in ACTOR_OBJECT_VERBS else "literal"
    if token.dep_ in NOUN_MODIFIERS_WITH_NMOD_POSS and head.pos_ in NOUN_TAGS:
        if lemma in ACTOR_NOUNS:
            return "actor"
        if lemma in PLACE_NOUNS or head.pos_ == "PROPN" or head.ent_type_ in PLACE_TYPES:
            return "literal"
        return "actor" if token.dep_ == "poss" else "modifier"
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return "actor" if head.head.lemma_.lower() in ACTOR_NOUNS else "literal"
    return "literal"
