"""Which warnings are threats. The codebook's THREATEN is a threatened action *by the speaker*
("warned Iran of a decisive response", "warned that it would execute the hostages"); a
warning that something is dangerous or will go wrong ("warned that the government's actions
would divide the country", "warned of a possible resurgence") accuses, so it is ACCUSE.

`threat_or_accusation` decides from the warning's content: its of-phrase, or its clause and
the event coded in it (`inner_type`) and who does that event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from eventwire.data import read_word_sets
from eventwire.events.modality import Modal
from eventwire.events.type_groups import THREAT_TYPES
from eventwire.nlp.english import (
    CLAUSE_DEPS,
    DOERS,
    DOERS_WITH_POSS,
    FIRST_PERSON_PRONOUNS,
    NOMINAL_SUBJECTS,
    NOMINAL_SUBJECTS_WITH_AGENT,
    PREP_OBJECTS,
    TIME_LABELS,
    VERB_TAGS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


class Coded(Protocol):
    """What these rules read and set on a candidate (events.detect.Candidate)."""

    trigger: Token
    anchor: Token
    type: str
    mode: str | None
    derived: bool
    absorbed: bool
    request_of: Token | None
    modal: Modal | None

    @property
    def complement(self) -> Coded | None: ...


_WORDS = read_word_sets("events/warning_words.toml")
REACTIONS = _WORDS["reactions"]  # what a threat warns of: the speaker's own reaction
HOSTILE_ACTS = _WORDS["hostile_acts"]  # what a deterrent warns an addressee against
PUNISHMENTS = _WORDS["punishments"]  # what a warning says will be done, unnamed, to someone
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she"}) | FIRST_PERSON_PRONOUNS
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my"})


def _content(warning: Token) -> tuple[list[Token], list[Token]]:
    """The warning's of/about-phrase nouns and its clause verbs."""
    nouns: list[Token] = []
    clauses: list[Token] = []
    preps = [c for c in warning.children if c.dep_ == "prep"]
    for prep in list(preps):  # "warned in July of ...": the of-phrase hangs from the date
        preps.extend(p for g in prep.children if g.ent_type_ in TIME_LABELS
                     for p in g.children if p.dep_ == "prep")
    for prep in preps:
        if prep.lower_ in {"of", "about", "against"}:
            nouns.extend(g for g in prep.children if g.dep_ in PREP_OBJECTS)
    for child in warning.children:
        if child.dep_ in CLAUSE_DEPS and child.pos_ in VERB_TAGS and (
                child.dep_ != "advcl" or any(m.lower_ == "that" for m in child.children)):
            clauses.append(child)
    return nouns, clauses


def _speaker(warning: Token) -> Token | None:
    """Who warns: the verb's subject, or for a noun ("his warning that") its possessor or
    the subject of the verb it hangs from ("said, warning that")."""
    current = warning
    for _ in range(3):
        for child in current.children:
            if child.dep_ in DOERS_WITH_POSS:
                return child
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _by_speaker(verb: Token, speaker: Token | None) -> bool:
    """The clause's doer is the speaker: a first-person or referring pronoun, the speaker's
    own words, or nobody named (a passive: "terrorists will not be spared")."""
    subjects = [c for c in verb.children if c.dep_ in NOMINAL_SUBJECTS_WITH_AGENT]
    subject = next((c for c in subjects if c.dep_ in DOERS), None)
    if subject is None:
        return any(c.dep_ == "nsubjpass" for c in subjects)
    if subject.lower_ in SPEAKER_PRONOUNS or any(  # "his fighters would attack"
            c.dep_ == "poss" and c.lower_ in POSSESSIVES for c in subject.children):
        return True
    return speaker is not None and subject.lemma_.lower() == speaker.lemma_.lower()


def _punishment(verb: Token) -> bool:
    """A passive clause with no agent that says what will be done to someone ("will not be
    spared", "will be punished"): the speaker's own act, unnamed."""
    children = list(verb.children)
    return (verb.lemma_.lower() in PUNISHMENTS or verb.lower_ in PUNISHMENTS) \
        and any(c.dep_ == "nsubjpass" for c in children) \
        and not any(c.dep_ == "agent" for c in children)


def _deterrent(warning: Token) -> bool:
    """A warning addressed to someone against an act of theirs ("warned Iran against further
    attacks"): a deterrent, which holds the speaker's unstated reaction, so a THREATEN of the
    addressee (the issue's worked example: Esper's warning to Iran)."""
    children = list(warning.children)
    return any(c.dep_ == "dobj" for c in children) and any(
        g.dep_ == "pobj" and g.lemma_.lower() in HOSTILE_ACTS
        for c in children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children)


def threat_or_accusation(warning: Token, inner_type: str | None) -> str | None:
    """THREATEN, ACCUSE, or None when the warning says too little to tell."""
    nouns, clauses = _content(warning)
    if any(n.lemma_.lower() in REACTIONS for n in nouns) or _deterrent(warning):
        return "THREATEN"
    if clauses and inner_type == "THREATEN":  # "warned that the army would respond with force"
        return "THREATEN"
    if inner_type in THREAT_TYPES and any(_by_speaker(v, _speaker(warning)) for v in clauses):
        return "THREATEN"
    if any(_punishment(v) for v in clauses):  # "warning that terrorists will not be spared"
        return "THREATEN"
    if nouns or clauses:
        return "ACCUSE"
    return None


def recode_warning(candidate: Coded) -> None:
    """A warning coded THREATEN becomes ACCUSE unless it warns of the speaker's own act."""
    inner = candidate.complement.type if candidate.complement is not None else None
    coded = threat_or_accusation(candidate.trigger, inner)
    if coded is None and candidate.anchor != candidate.trigger:
        coded = threat_or_accusation(candidate.anchor, inner)
    if coded == "ACCUSE":
        candidate.type, candidate.mode, candidate.derived = "ACCUSE", None, True


def threat_requests(candidates: Sequence[Coded]) -> None:
    """"Iran should not mistake our restraint for an unwillingness to respond with force":
    a reported obligation that holds the speaker's threat is a THREATEN of the addressee
    (the obligation's roles: the speaker, and the subject of "should")."""
    for candidate in candidates:
        if candidate.request_of is None or candidate.type != "REQUEST" or candidate.absorbed:
            continue
        subtree = {t.i for t in candidate.anchor.subtree}
        for inner in candidates:
            if inner is not candidate and inner.type == "THREATEN" and not inner.absorbed \
                    and inner.anchor.i in subtree:
                candidate.type, candidate.mode = "THREATEN", inner.mode
                inner.absorbed = True
                break


def _condition(event: Token, threat: Token) -> bool:
    """The event is what the threat answers: the subject of the threatened act ("any attacks
    ... will be answered"), or a conditional clause inside the threat ("if the regime harms",
    "should our forces be attacked")."""
    if event.head == threat and event.dep_ in NOMINAL_SUBJECTS:
        return True
    if event.i not in {t.i for t in threat.subtree}:
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in event.children):
        return True
    should = [c.i for c in event.children if c.dep_ == "aux" and c.lower_ == "should"]
    subjects = [c.i for c in event.children if c.dep_ in NOMINAL_SUBJECTS]
    return bool(should and subjects and should[0] < subjects[0])  # inverted: "should X be"


def threat_conditions(candidates: Sequence[Coded]) -> None:
    """A hypothetical attack that is the condition of a threat is part of the threat, not an
    event of its own: "any attacks by them ... will be answered with a decisive response"."""
    threats = [c for c in candidates if c.type == "THREATEN" and not c.absorbed]
    for candidate in candidates:
        modal = candidate.modal
        if candidate.absorbed or candidate.type not in THREAT_TYPES - {"THREATEN"} \
                or modal is None or modal.modality == "asserted":
            continue
        if any(_condition(candidate.anchor, t.anchor) for t in threats):
            candidate.absorbed = True
