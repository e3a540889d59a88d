"""Who reports an event: the speaker of the words an event is told in, and whom they told.

A careful PLOVER coder codes "Chinese authorities have boarded foreign boats before, Thayer
said" as Chinese authorities -> foreign boats, reported by Thayer: the one who tells of an
event is never its target, nor is the one told ("..., he told VOA Albanian"; "Rubio told
reporters"). The quotes stage (quotes/) finds the words a speaker says, direct or indirect,
with the speaker's mention and the cue word; `reporting(article, doc, start, end)` gives,
for an event whose trigger lies inside such words, the token indexes of the speaker's
mention and those of the cue's addressee (its object or dative: "told reporters", "said to
lawmakers"). The role filler (events/role_filler.py) never fills a target with the
speaker or the one told and marks both as features of its candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.model import Article
from eventwire.nlp.english import DATIVE_OR_PREP, OBJECT_ORDER

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "said to reporters", "told to the press": a "to" phrase of the cue names the one told
ADDRESSEE_PREPS = frozenset({"to"})
# "said in a statement to Military Times", "said in an interview with VOA": a phrase on the
# noun of the cue's own phrase names the one told as well
MEDIUM_PREPS = frozenset({"to", "with"})


@dataclass(frozen=True)
class Reporting:
    """Token indexes of the speaker and of the addressee of the words an event is told in."""

    speaker: frozenset[int] = field(default_factory=frozenset)
    addressee: frozenset[int] = field(default_factory=frozenset)


def _tokens(doc: Doc, start: int, end: int) -> set[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


def addressees(cue: Token, content: set[int]) -> set[int]:
    """The tokens of whom the cue verb tells, outside the reported words: its object or
    dative ("told VOA Albanian", "told him"), a "to" phrase ("said to reporters"), or one
    on the noun of its own phrase ("said in a statement to Military Times")."""
    found: set[int] = set()
    for child in cue.children:
        if child.i in content:
            continue
        if child.dep_ in OBJECT_ORDER and child.pos_ != "ADP":
            found.update(t.i for t in child.subtree)
        elif child.dep_ in DATIVE_OR_PREP and child.lower_ in ADDRESSEE_PREPS:
            found.update(t.i for g in child.children if g.dep_ == "pobj" for t in g.subtree)
        elif child.dep_ == "prep":
            found.update(t.i for g in child.children if g.dep_ == "pobj"
                         for p in g.children if p.dep_ == "prep" and p.lower_ in MEDIUM_PREPS
                         for o in p.children if o.dep_ == "pobj" for t in o.subtree)
    return found - content


def reporting(article: Article, doc: Doc, start: int, end: int) -> Reporting:
    """The speaker and addressee of the quotation (direct or indirect) whose words hold the
    characters `start`..`end` (an event's trigger); empty when none does."""
    speaker: set[int] = set()
    told: set[int] = set()
    for quote in article.quotes:
        if not (quote.start <= start and end <= quote.end):
            continue
        content = _tokens(doc, quote.start, quote.end)
        if quote.speaker is not None:
            speaker |= _tokens(doc, quote.speaker.start, quote.speaker.end) - content
        if quote.cue_start is not None and quote.cue_end is not None:
            span = doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
            if span is not None and len(span):
                told |= addressees(span.root, content)
    return Reporting(frozenset(speaker), frozenset(told - speaker))
