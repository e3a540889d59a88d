"""Roles an event borrows from the words around it when its own phrase names no one.

- A possessor of an event noun that is done to someone ("Zamora's house arrest", "their
  release") is the target, not the source (`patient_possessor`).
- An event noun taken as object by a verb that names no event of its own is done by that
  verb's subject ("the BLA has ramped up attacks", "Barnier has leveled a string of
  criticisms", "roused the crowd with criticism of X"); after a verb of receiving, the
  subject is the target and the "from" phrase the source ("has drawn criticism from rights
  groups") (`governing_verb`); after a bare "under" the subject is the target too, and a by/from
  phrase of the verb the source ("had been under investigation by the FBI", "Cosby is
  coming under attack by dozens of women") (`undergoer`).
- A claimed event is done by its claimant ("the BLA claimed responsibility for the
  attacks", "took credit for attacking", "attacks were claimed by Islamic State", "a group
  responsible for suing") (`claimant`).
- Aid received ("Najib accepted Chinese funding", "received loans from China") is given by
  the one the object or a "from" phrase names, to the subject (`donor`).
- A vehicle or thing hit that carries people stands for them ("ambushed a bus transporting a
  paramilitary force") (`cargo`); a weapon is never the target, the thing it went off near
  is ("detonated her explosive devices near a military convoy") (`struck_near`).
- A noun with a participle that names its agent is done by that agent ("an offensive
  launched by forces in Puntland") (`performer`); a meeting noun in a time or place phrase
  of a verb is attended by the verb's subject ("hopes to resolve the pause during talks",
  "is scheduled to travel for meetings") (`attendee`).
Word lists: data/events/role_words.toml.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import read_word_sets
from eventwire.events.arguments import PURPOSE_PREPS, WHERE_NOUNS, agent_of, noun_source, pobjs
from eventwire.nlp.english import (
    ACTED_ON,
    DEFINITE_DETERMINERS,
    DET_OR_POSS,
    NOUN_CLAUSES,
    NUMERIC_LABELS,
    PREP_OBJECTS,
    SOURCE_PREPS,
    VERB_TAGS,
)
from eventwire.nlp.syntax import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

WORDS = "events/role_words.toml"
OBJECTS = frozenset({"dobj", "obj"})
ATTENDING_PREPS = frozenset({"during", "at", "in", "for"})


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    return read_word_sets(WORDS)


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def patient_possessor(noun: Token) -> Token | None:
    """The possessor of an event noun done to its possessor ("Zamora's house arrest"); with
    an "of" object the possessor is the doer ("Boko Haram's abduction of 276 schoolgirls")."""
    if lemma(noun) not in words()["patient_nouns"] or pobjs(noun, ("of",)):
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _counted(noun: Token) -> Token:
    """"a string of criticisms" → "string": the noun that stands in the clause for the event."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
            and lemma(noun.head.head) in words()["counting_nouns"]:
        return noun.head.head
    return noun


def governing_verb(noun: Token) -> tuple[Token | None, Token | None]:
    """Source and target heads an event noun borrows from the verb whose object it is."""
    held = _counted(noun)
    table = words()
    if held.dep_ == "pobj" and held.head.lower_ == "with" and held.head.head.pos_ == "VERB" \
            and lemma(held.head.head) in table["doing_verbs"]:
        return subject_of(held.head.head), None
    if held.dep_ not in OBJECTS or held.head.pos_ not in VERB_TAGS:
        return None, None
    verb = held.head
    if lemma(verb) in table["receiving_verbs"]:
        giver = next(iter(pobjs(verb, ("from",))), None)
        return giver, subject_of(verb)
    if lemma(verb) in table["doing_verbs"]:  # "gives military support to Chinese rivals"
        return subject_of(verb), next(iter(pobjs(verb, ("to",))), None)
    return None, None


def undergoer(noun: Token) -> tuple[Token | None, Token | None]:
    """Source and target of a bare event noun after "under": the by/from phrase of the
    verb (when the noun has none) and the verb's subject ("is coming under attack by X");
    with a determiner or possessor "under" means "according to" ("under its commitments")."""
    held = _counted(noun)
    if held.dep_ != "pobj" or held.head.lower_ != "under" \
            or held.head.head.pos_ not in VERB_TAGS \
            or any(c.dep_ in DET_OR_POSS for c in held.children):
        return None, None
    verb = held.head.head
    doers = pobjs(verb, SOURCE_PREPS)
    return (doers[0] if doers else None), subject_of(verb)


def claimant(event: Token) -> Token | None:
    """Who claimed the event at `event` (a noun or a verb), if the sentence says so."""
    table = words()
    if event.dep_ == "nsubjpass" and lemma(event.head) in table["claim_verbs"]:
        return agent_of(event.head)
    current = event
    if current.dep_ in PREP_OBJECTS and current.head.lower_ == "for":
        holder = current.head.head
        if lemma(holder) not in table["claim_nouns"]:
            return None
        if holder.pos_ == "ADJ":  # "a group responsible for suing", "X is responsible for"
            return holder.head if holder.dep_ == "amod" else subject_of(holder.head)
        if holder.dep_ in OBJECTS and lemma(holder.head) in table["claim_verbs"]:
            return subject_of(holder.head)
    return None


def performer(noun: Token) -> Token | None:
    """The agent of a participle on an event noun: "an offensive launched by forces in
    Puntland", "attacks carried out by the BLA"."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = agent_of(child)
            if agent is not None:
                return agent
    return None


def attendee(noun: Token) -> Token | None:
    """The active subject of the verb a meeting noun is a time or place phrase of ("spoke
    at a conference", "hopes to resolve the pause during talks")."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ATTENDING_PREPS \
            and noun.head.head.pos_ in VERB_TAGS:
        return subject_of(noun.head.head)
    return None


# How many tokens back a definite thing is looked for where it was first named.
THING_SCAN = 400


def maker(noun: Token) -> Token | None:
    """Who made a definite thing named before ("Blinken issued a statement ... The statement
    threatened sanctions": Blinken): the subject (or agent) of the verb that took the
    latest earlier mention of the noun as object, in an earlier sentence (nouns:
    `made_things` of data/events/role_words.toml)."""
    if lemma(noun) not in words()["made_things"] or not any(
            c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in noun.children):
        return None
    doc, start = noun.doc, noun.sent.start
    for token in reversed(doc[max(0, start - THING_SCAN):start]):
        if token.lemma_.lower() == noun.lemma_.lower() and token.pos_ == "NOUN" \
                and token.dep_ in ACTED_ON and token.head.pos_ in VERB_TAGS:
            return subject_of(token.head) or agent_of(token.head)
    return None


def purpose_doer(noun: Token) -> Token | None:
    """The subject of the verb a purpose phrase hangs on ("Egypt recalled its ambassador in
    protest of the raid"; nouns: `purpose_nouns` of data/events/role_words.toml)."""
    prep = noun.head
    verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head  # "recalled its envoy in"
    if noun.dep_ != "pobj" or prep.lower_ != "in" or verb.pos_ not in VERB_TAGS \
            or noun.lemma_.lower() not in words()["purpose_nouns"] \
            or not pobjs(noun, PURPOSE_PREPS):
        return None
    return subject_of(verb) or agent_of(verb)


def donor(verb: Token) -> tuple[Token | None, Token | None] | None:
    """Giver and receiver of aid received at `verb`: the "from" phrase or the object's own
    source ("accepted Chinese funding": China), and the subject; None for other verbs and
    other objects ("accepted Syrian refugees")."""
    table = words()
    gifts = [c for c in verb.children if c.dep_ in OBJECTS]
    if lemma(verb) not in table["recipient_verbs"] \
            or not any(lemma(g) in table["aid_things"] for g in gifts):
        return None
    giver = next(iter(pobjs(verb, ("from",))), None) or next(
        (s for g in gifts if (s := noun_source(g)) is not None), None)
    return giver, subject_of(verb)


def cargo(noun: Token) -> Token | None:
    """Who a vehicle or thing carries, by a participle on it ("a bus transporting a
    paramilitary force": the force; verbs: `carrying_verbs`)."""
    for child in noun.children:
        if child.dep_ in NOUN_CLAUSES and lemma(child) in words()["carrying_verbs"]:
            return next((g for g in child.children if g.dep_ in OBJECTS), None)
    return None


def struck_near(heads: list[Token], places: list[Token]) -> list[Token]:
    """When every argument is a weapon, the things of the locative phrases it went off near
    ("detonated her explosive devices near a military convoy": the convoy), not places."""
    instruments = words()["instruments"]
    heads = [h for h in heads if h.ent_type_ not in NUMERIC_LABELS]  # "on Monday"
    if not heads or any(lemma(h) not in instruments for h in heads):
        return []
    return [p for p in places if p.pos_ == "NOUN" and not p.ent_type_
            and lemma(p) not in WHERE_NOUNS]
