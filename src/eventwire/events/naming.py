"""Naming acts that are verbal events: "called the report outrageous" accuses (ACCUSE), "called
the accusations absurd" rejects them (REJECT), "called the agreement historic" praises
(SUPPORT). A naming act with no evaluative word ("called him a friend of the family") stays
no event. The words are data: data/events/evaluations.tsv.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import data_lines
from eventwire.errors import ConfigError
from eventwire.nlp.english import NOMINAL_SUBJECTS, WH_PRONOUN_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Token

SOURCE = "events/evaluations.tsv"
KINDS = frozenset({"negative", "positive", "claim"})
STATEMENT_FLAGS = frozenset({"statement", "-"})


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, bool], ...]:
    """(word, kind, codes a reported statement) per row of the file."""
    rows: list[tuple[str, str, bool]] = []
    for number, line in enumerate(data_lines(SOURCE), start=1):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) not in {2, 3} or cells[1] not in KINDS \
                or (len(cells) == 3 and cells[2] not in STATEMENT_FLAGS):
            raise ConfigError(f"{SOURCE}: row {number} {line!r}: expected word, kind and "
                              "optionally statement")
        rows.append((cells[0].lower(), cells[1], len(cells) == 3 and cells[2] == "statement"))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_evaluations() -> dict[str, str]:
    """word -> negative, positive or claim."""
    return {word: kind for word, kind, _ in _rows()}


@lru_cache(maxsize=1)
def statement_words() -> dict[str, str]:
    """word -> negative or positive, for the words that code a reported statement on their
    own ("said Y was corrupt": events/statements.py)."""
    return {word: kind for word, kind, statement in _rows() if statement}


def naming_type(verb: Token) -> str | None:
    """The PLOVER type of a naming verb's act, from the words it names its object with."""
    if verb.pos_ != "VERB":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return _unparsed_object(verb)
    if obj.tag_ in WH_PRONOUN_TAGS:  # "what officials called a hate crime"
        return None
    words = load_evaluations()
    kinds = _kinds(t for t in verb.subtree if t.i > obj.i and t.dep_ not in NOMINAL_SUBJECTS)
    if "negative" in kinds:
        return "REJECT" if words.get(obj.lemma_.lower()) == "claim" else "ACCUSE"
    if "positive" in kinds:
        return "SUPPORT"
    return None


def _kinds(tokens: Iterable[Token]) -> set[str | None]:
    words = load_evaluations()
    return {words.get(t.lemma_.lower()) or words.get(t.lower_.replace(" ", "-")) for t in tokens}


def _unparsed_object(verb: Token) -> str | None:
    """A naming act parsed without its object ("he called the ruling “arbitrary”", where the
    parser takes "the ruling" for a modifier of the predicate): the words after the verb,
    when one of them is the predicate (oprd), say what was named."""
    if not any(c.dep_ == "oprd" for c in verb.children) or _gives_name(verb):
        return None
    kinds = _kinds(t for t in verb.subtree if t.i > verb.i and t.dep_ not in NOMINAL_SUBJECTS
                   and t.tag_ not in WH_PRONOUN_TAGS)
    if "negative" in kinds:
        return "ACCUSE"
    if "positive" in kinds:
        return "SUPPORT"
    return None


def _gives_name(verb: Token) -> bool:
    """A participle right after its noun, with no agent, gives a name, not a judgement
    ("created a unit called the Disaster Management Committee"); after a comma it is the
    verb of a misparsed clause ("Nath, a student, called the decision an act of injustice")."""
    return verb.dep_ == "acl" and verb.i > 0 and not verb.doc[verb.i - 1].is_punct \
        and not any(c.dep_ == "agent" for c in verb.children)
