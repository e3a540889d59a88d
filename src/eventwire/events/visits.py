"""The guest and the host of a visit told by a participle: "Blinken assured visiting
Australian Foreign Minister Marise Payne" is Payne's visit to Blinken, not Blinken's visit
to Payne. The participle describes the noun it modifies as the guest (the source of the
CONSULT); the host (the target) is the other core argument of the verb that noun hangs on:
the subject when the guest is its object ("Blinken assured visiting ... Payne"), the
object when the guest is its subject ("the visiting premier met Xi"). The parser often
reads such a participle as a verb with the guest as its object ("assured [visiting Payne]");
a participle right after its verb, with a person's name as its object, is read the same
way. Words: `guest_participles` of data/events/role_words.toml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.lent import words
from eventwire.nlp.english import (
    ACTIVE_SUBJECTS,
    ADVCL_OR_XCOMP,
    CLAUSAL_COMPLEMENTS,
    OBJECT_ORDER,
    PEOPLE_LABELS,
)
from eventwire.nlp.syntax import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

ADJECTIVAL = frozenset({"amod"})
# How the parser may hang a participle it misreads as a verb on the verb before it.
MISREAD = ADVCL_OR_XCOMP | CLAUSAL_COMPLEMENTS
# Whose name a misread participle's object must carry to be read as the guest.
GUESTS = PEOPLE_LABELS


def _host(guest: Token) -> Token | None:
    """The other core argument of the verb the guest hangs on."""
    verb = guest.head
    if guest.dep_ in OBJECT_ORDER:
        return subject_of(verb)
    if guest.dep_ in ACTIVE_SUBJECTS:
        return next((c for c in verb.children if c.dep_ in OBJECT_ORDER), None)
    return None


def _misread_guest(participle: Token) -> Token | None:
    """The object of a participle the parser read as a verb right after its own verb
    ("assured visiting Marise Payne"), when it names a person."""
    if participle.dep_ not in MISREAD or participle.i != participle.head.i + 1 \
            or any(c.dep_ in ACTIVE_SUBJECTS for c in participle.children):
        return None
    guest = next((c for c in participle.children if c.dep_ == "dobj"), None)
    return guest if guest is not None and guest.ent_type_ in GUESTS else None


def guest_and_host(participle: Token) -> tuple[Token, Token | None] | None:
    """The guest (source) and host (target) heads of a visit told by a participle; None
    when `participle` is no such participle."""
    if participle.tag_ != "VBG" or participle.lemma_.lower() not in words()["guest_participles"]:
        return None
    if participle.dep_ in ADJECTIVAL:
        guest = participle.head
        return guest, _host(guest)
    misread = _misread_guest(participle)
    return (misread, subject_of(participle.head)) if misread is not None else None
