"""Reported statements that judge someone, coded by what was said (voa_articles.md: verbal
acts are events; the PLOVER codebook: verbal conflict is ACCUSE or REJECT, verbal
cooperation SUPPORT):
- "Blinken said Berisha was involved in corrupt acts", "“This is an absolutely baseless case
  ...,” Arevalo said": a verb of saying whose reported clause carries a word of blame is an
  ACCUSE by the speaker of the clause's subject;
- "the minister said the allegations were baseless": blame of a claim is its REJECT;
- "Reid said Bernie is a good man": a word of praise, and no blame, is a SUPPORT.
The words are those of the naming acts (data/events/evaluations.tsv) that its `statement`
column marks as strong enough to code a statement on their own. A clause that tells an event
of its own ("said Y attacked Z") is that event, reported by the speaker, not a statement; a
negated clause ("said it was not illegal") and a verb of saying that is itself the manner of
another verbal event ("criticised X, saying ...") are left alone.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from eventwire.events.modality import is_negated
from eventwire.events.naming import load_evaluations, statement_words
from eventwire.nlp.english import ADVCL_CONJ_XCOMP, NOMINAL_SUBJECTS, REPORTED_CLAUSES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.lexicon import Lexicon

# How a verb of saying hangs from the event it is the manner of: "criticised X, saying ...",
# "accused X and said ...".
MANNER_LINKS = ADVCL_CONJ_XCOMP


def reported_clause(verb: Token) -> Token | None:
    """The head of the clause a verb of saying reports ("said [that] Y was corrupt")."""
    return next((c for c in verb.children if c.dep_ in REPORTED_CLAUSES), None)


def judged_party(verb: Token) -> Token | None:
    """The subject of the reported clause: whom the statement judges ("said Berisha was
    involved in corrupt acts": Berisha)."""
    clause = reported_clause(verb)
    if clause is None:
        return None
    return next((c for c in clause.children if c.dep_ in NOMINAL_SUBJECTS), None)


def statement_type(verb: Token, lexicon: Lexicon, events: Collection[int]) -> str | None:
    """ACCUSE, REJECT or SUPPORT for a verb of saying whose reported clause judges someone;
    `events` are the token indexes of the sentence's other event candidates."""
    if lexicon.cue(verb) != "speech" or is_negated(verb):
        return None
    if verb.dep_ in MANNER_LINKS and verb.head.i in events:
        return None
    clause = reported_clause(verb)
    if clause is None or is_negated(clause):
        return None
    claim = _claim_subject(clause)
    said = list(clause.subtree)
    if any((t.i in events and t != claim) or (t != verb and lexicon.cue(t) == "speech")
           for t in said):
        return None
    strong = statement_words()
    kinds = {strong[w] for t in said for w in (t.lemma_.lower(), t.lower_) if w in strong}
    if "negative" in kinds:
        return "REJECT" if claim is not None else "ACCUSE"
    return "SUPPORT" if "positive" in kinds else None


def _claim_subject(clause: Token) -> Token | None:
    """"the allegations were baseless": the claim the clause judges, if it does."""
    words = load_evaluations()
    return next((c for c in clause.children if c.dep_ in NOMINAL_SUBJECTS
                 and words.get(c.lemma_.lower()) == "claim"), None)
