"""What a control word governs: the event its complement names, nearest reading first
("agreed to release the prisoners", "called for talks", "threatened a ban on imports",
"raised the possibility of a ban", "called for the president to resign"). `index_of` maps
token indexes to event candidates. `speech_head`: the verb of saying that governs a
reported clause ("said Y must ..."); `binds_speaker`: that clause's subject is the speaker
("said we must not give in"). `reason_of`: the act a statement blames or credits someone
for ("attacked the newspaper for refusing to support his plans").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from eventwire.nlp.english import (
    CHAIN_LINKS,
    CLAUSAL_COMPLEMENTS,
    FIRST_PERSON_SUBJECTS,
    NOMINAL_SUBJECTS,
    OBJECT_OR_XCOMP,
    REPORTED_CLAUSES,
)
from eventwire.nlp.english import EMBEDDING_COMPLEMENTS as COMPLEMENTS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.lexicon import Lexicon

T = TypeVar("T")
COMPLEMENT_PREPS = frozenset({"of", "for", "to", "on", "against", "about"})
# The prepositions that give the reason of a blame or a credit: "criticized X for refusing",
# "accused X of throwing away a lever to press Y", "praised X for helping".
REASON_PREPS = frozenset({"for", "of"})


def speech_head(token: Token, lexicon: Lexicon) -> Token | None:
    """The verb of saying whose complement clause holds `token`, if any."""
    current = token
    for _ in range(3):
        if current.head.i == current.i:
            return None
        if current.dep_ in REPORTED_CLAUSES and lexicon.cue(current.head) == "speech":
            return current.head
        if current.dep_ not in CHAIN_LINKS:
            return None
        current = current.head
    return None


def binds_speaker(verb: Token) -> bool:
    """"we must not give in": a reported obligation the speakers lay on themselves, a refusal
    of theirs, not a request of another."""
    return any(c.dep_ in NOMINAL_SUBJECTS and c.lower_ in FIRST_PERSON_SUBJECTS
               for c in verb.children)


def complement_of(head: Token, own: Iterable[int], index_of: dict[int, T]) -> T | None:
    """The candidate `head` governs; `own` are the token indexes of head's own pattern."""
    for finder in (_direct, _phrase, _clause, _for_clause):
        found = finder(head, index_of)
        if found is not None:
            return found
    return _object_phrase(head, set(own), index_of)


def _direct(head: Token, index_of: dict[int, T]) -> T | None:
    for child in head.children:
        if child.dep_ in COMPLEMENTS and child.i in index_of:
            return index_of[child.i]
    return None


def _phrase(head: Token, index_of: dict[int, T]) -> T | None:
    for child in head.children:
        if child.dep_ in COMPLEMENTS or (child.dep_ == "prep" and child.lower_ in COMPLEMENT_PREPS):
            for grand in child.children:
                if grand.dep_ in COMPLEMENTS | {"pobj"} and grand.i in index_of:
                    return index_of[grand.i]
    return None


def _clause(head: Token, index_of: dict[int, T]) -> T | None:
    for child in head.children:
        if child.dep_ in CLAUSAL_COMPLEMENTS:
            for grand in child.children:
                if grand.dep_ in OBJECT_OR_XCOMP and grand.i in index_of:
                    return index_of[grand.i]
    return None


def _for_clause(head: Token, index_of: dict[int, T]) -> T | None:
    """"called for the president to resign": an infinitive clause opened by "for"."""
    for child in head.children:
        if child.dep_ == "advcl" and child.i in index_of and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in child.children):
            return index_of[child.i]
    return None


def _object_phrase(head: Token, own: set[int], index_of: dict[int, T]) -> T | None:
    """The pattern's own object noun carries the complement ("raised the possibility of a
    ban": the ban)."""
    for child in head.children:
        if child.dep_ != "dobj" or child.i not in own:
            continue
        for prep in child.children:
            if prep.dep_ == "prep" and prep.lower_ in COMPLEMENT_PREPS:
                for grand in prep.children:
                    if grand.dep_ == "pobj" and grand.i in index_of:
                        return index_of[grand.i]
    return None


def reason_of(head: Token, index_of: dict[int, T]) -> list[T]:
    """The candidates inside the reason phrase of `head` ("for refusing to support ...",
    "of throwing away a lever to press ..."): what the blamed or credited actor did, told
    as the content of the statement, not an event of its own."""
    found: list[T] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in REASON_PREPS:
            continue
        for clause in prep.children:
            if clause.dep_ == "pcomp":  # a gerund clause, not a noun ("for the attack")
                found.extend(index_of[t.i] for t in clause.subtree if t.i in index_of)
    return found
