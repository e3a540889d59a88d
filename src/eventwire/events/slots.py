"""What an event word's arguments say about it: rows of data/events/event_slots.tsv that drop
or retype a candidate by what fills one of its slots ("requested comment", "a poll released
Sunday", "trade hit $1.1 billion", "fired his campaign manager", "attacked the newspaper for
refusing ...").

A row is: trigger lemma, the type the trigger was coded as (or *), a slot, the fillers, an
outcome. The rows of a trigger are tried in file order; the first whose slot holds one of its
fillers decides: `none` (no event), `keep` (stop, leave it as it is), or a TYPE or TYPE/mode
(the candidate becomes that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from eventwire.data import data_lines
from eventwire.errors import ConfigError
from eventwire.model import EVENT_TYPES
from eventwire.nlp.english import (
    ACTED_ON_WITH_ATTR,
    ACTED_ON_WITH_ATTR_DATIVE,
    ACTIVE_SUBJECTS,
    CLAUSAL_COMPLEMENTS,
    NOUN_MODIFIERS_WITH_NPADVMOD,
    NOUN_TAGS,
    OBLIQUES,
    PARTICIPLE_DEPS,
    PASSIVE_MARKS,
    PREP_OBJECTS,
    TIME_LABELS,
    VERB_PARTICLES,
    WH_TAGS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

C = TypeVar("C", bound="Slotted")
SOURCE = "events/event_slots.tsv"
SLOTS = frozenset({"patient", "subject", "xcomp", "modifier", "governor", "particle", "passive",
                   "always", "possessor", "within", "determiner"})
PREP_SLOT = "prep:"
PHRASE_DEPS = NOUN_MODIFIERS_WITH_NPADVMOD
QUANTITIES = frozenset({"million", "thousand", "hundred", "dozen", "billion", "number", "lot",
                        "lots", "score", "scores", "handful"})


class Slotted(Protocol):
    """What a slot row reads and sets on a candidate (events.detect.Candidate)."""

    trigger: Token
    type: str
    mode: str | None
    derived: bool


@dataclass(frozen=True)
class SlotRule:
    """One row: when `slot` of a `trigger` coded `type` holds a filler, `outcome`."""

    trigger: str
    type: str
    slot: str
    fillers: frozenset[str]
    outcome: str


def _check(row: SlotRule, number: int) -> None:
    if row.slot not in SLOTS and not row.slot.startswith(PREP_SLOT):
        raise ConfigError(f"{SOURCE}: row {number}: unknown slot {row.slot!r}")
    coded = row.outcome.split("/")[0]
    if row.outcome not in {"none", "keep"} and coded not in EVENT_TYPES:
        raise ConfigError(f"{SOURCE}: row {number}: unknown outcome {row.outcome!r}")
    if row.type != "*" and row.type not in EVENT_TYPES:
        raise ConfigError(f"{SOURCE}: row {number}: {row.type!r} is not a PLOVER type")


@lru_cache(maxsize=1)
def load_slot_rules() -> dict[str, list[SlotRule]]:
    """The rows by trigger lemma, in file order."""
    rules: dict[str, list[SlotRule]] = {}
    for number, line in enumerate(data_lines(SOURCE), start=1):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 5:
            raise ConfigError(f"{SOURCE}: row {number} {line!r}: expected 5 columns")
        fillers = frozenset(f.strip() if f.strip().isupper() else f.strip().lower()
                            for f in cells[3].split(",") if f.strip())
        row = SlotRule(cells[0].lower(), cells[1], cells[2], fillers, cells[4])
        _check(row, number)
        rules.setdefault(row.trigger, []).append(row)
    return rules


def _patients(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in ACTED_ON_WITH_ATTR_DATIVE:
            yield child
            if child.ent_type_ == "CARDINAL" or child.lemma_.lower() in QUANTITIES:
                yield from (g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                            for g in p.children if g.dep_ == "pobj")  # "millions of followers"
        if token.pos_ in NOUN_TAGS and child.dep_ == "prep" and child.lower_ == "of":
            yield from (g for g in child.children if g.dep_ == "pobj")
    if token.dep_ in PARTICIPLE_DEPS and (token.tag_ == "VBN" or token.dep_ == "relcl"):
        yield token.head  # "a poll released Sunday", "the ad that Trump released"


def _subjects(token: Token) -> list[Token]:
    if token.dep_ == "acl" and token.tag_ == "VBG":  # "a policy requiring students to ..."
        return [token.head]
    subjects = [c for c in token.children if c.dep_ in ACTIVE_SUBJECTS]
    if not subjects and token.dep_ == "conj":  # "decisions will have ... and could threaten"
        subjects = [c for c in token.head.children if c.dep_ in ACTIVE_SUBJECTS]
    return subjects


def _clauses(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in CLAUSAL_COMPLEMENTS or (
        c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    if token.pos_ in NOUN_TAGS:
        found.extend(c for c in token.children if c.dep_ == "acl")
    return found


def _governors(token: Token) -> list[Token]:
    return [token.head] if token.dep_ in ACTED_ON_WITH_ATTR else []


def _prep_objects(token: Token, word: str) -> list[Token]:
    return [g for c in token.children
            if c.dep_ in OBLIQUES and c.lower_ == word
            for g in c.children if g.dep_ in PREP_OBJECTS
            and g.ent_type_ not in TIME_LABELS]  # "fired ... on Monday": no "fire on"


FINDERS: dict[str, Callable[[Token], Iterable[Token]]] = {
    "patient": lambda t: list(_patients(t)),
    "subject": _subjects,
    "xcomp": _clauses,
    "modifier": lambda t: [c for c in t.children if c.dep_ in PHRASE_DEPS],
    "governor": _governors,
    "particle": lambda t: [c for c in t.children if c.dep_ in VERB_PARTICLES],
    "possessor": lambda t: [c for c in t.children if c.dep_ == "poss"],
    "within": lambda t: [t.head] if t.dep_ == "pobj" else [],
    "determiner": lambda t: [c for c in t.children if c.dep_ == "det"],
}


def _fillers(token: Token, slot: str) -> Iterable[Token]:
    if slot.startswith(PREP_SLOT):
        return _prep_objects(token, slot[len(PREP_SLOT):])
    finder = FINDERS.get(slot)
    return finder(token) if finder is not None else []


def _question(clause: Token) -> bool:
    """A clause that asks: "what he thought", "whether it was true"."""
    return any(c.tag_ in WH_TAGS or (c.dep_ == "mark" and c.lower_ in
               {"whether", "if"}) for c in clause.children)


def _holds(filler: Token, fillers: frozenset[str]) -> bool:
    negated = any(c.dep_ == "neg" for c in filler.children)
    if negated and f"not-{filler.lemma_.lower()}" in fillers:  # "pleaded not guilty"
        return True
    if "QUESTION" in fillers and _question(filler):
        return True
    if negated and any(f.startswith("not-") for f in fillers):
        return False
    return "*" in fillers or filler.lemma_.lower() in fillers or filler.lower_ in fillers \
        or (bool(filler.ent_type_) and filler.ent_type_ in fillers) \
        or (filler.pos_ == "PRON" and "PRON" in fillers)


def _passive(token: Token) -> bool:
    return any(c.dep_ in PASSIVE_MARKS for c in token.children)


def slot_outcome(trigger: Token, coded: str) -> str | None:
    """`none`, `keep`, a type or type/mode for this trigger coded `coded`; None: no row."""
    for rule in load_slot_rules().get(trigger.lemma_.lower(), []):
        if rule.type not in {"*", coded}:
            continue
        if rule.slot == "always" or (rule.slot == "passive" and _passive(trigger)):
            return rule.outcome
        if any(_holds(f, rule.fillers) for f in _fillers(trigger, rule.slot)):
            return rule.outcome
    return None


def by_slots(candidates: list[C]) -> list[C]:
    """The candidates not dropped by what fills their slots; retyped ones retyped."""
    kept: list[C] = []
    for candidate in candidates:
        outcome = slot_outcome(candidate.trigger, candidate.type)
        if outcome == "none":
            continue
        if outcome is not None and outcome != "keep":
            coded, _, mode = outcome.partition("/")
            candidate.type, candidate.mode = coded, mode or None
            candidate.derived = True
        kept.append(candidate)
    return kept
