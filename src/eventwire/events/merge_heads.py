"""What the parse says about each event mention, for merging (events/merge.py).

A `Head` reads one event mention once: its head lemma, whether it refers back ("the call",
"their attacks") or tells one more ("another attack", "launched new strikes", "rebels also
attacked"), whether a clause of it is set in sequence ("after militants killed ..."), its
subjects and governor (to see the grammar tie it to another mention), the sentences just
before it, and who its source and target name (one name for the actors the article links:
events/equivalence.py), with and without its weak roles (`weak`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from eventwire.events.equivalence import SameActor
from eventwire.events.merge_fields import calendar
from eventwire.model import Article, Event, Mention, TimeRef
from eventwire.nlp.english import (
    ADVCL_OR_CONJ,
    MARK_OR_PREP,
    NOMINAL_SUBJECTS,
    NOUN_TAGS,
    PERSONAL_PRONOUNS,
)
from eventwire.nlp.english import DEFINITE_DETERMINERS as DEFINITE
from eventwire.nlp.english import INDEFINITE_DETERMINERS as INDEFINITE
from eventwire.nlp.mentions import entity_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SEQUENCE = frozenset({"after", "before", "since", "until", "following", "amid"})
AGAIN = frozenset({"later", "again", "also", "earlier", "previously"})
FRESH = frozenset({"new", "further", "more", "other", "fresh", "future", "possible"})
# A speaker's restatement of a verbal act is looked for this many sentences on.
RETOLD_SENTENCES = 2


def _actor(mention: Mention | None) -> str | None:
    return mention.actor if mention is not None else None


def _named(article: Article | None, same: SameActor, mention: Mention | None) -> str | None:
    """Who a role mention names: one name for the actors the article links to its actor
    (events/equivalence.py: one canonical name, an alias, "the president" and the
    president), else its actor id; None for no mention, one that resolved to no actor, a
    pronoun ("he", "their") or a generic noun that coreference tied to an actor ("the
    group"): those are compatible with any actor."""
    actor = _actor(mention)
    if actor is None or mention is None:
        return None
    if mention.text.lower() in PERSONAL_PRONOUNS:
        return None
    if article is None:
        return actor
    entity = entity_at(article, mention.start, mention.end)
    if entity is not None and entity.label in {"PRONOUN", "NOMINAL"}:
        return None
    return same.key(actor)


def weak(article: Article | None, event: Event, mention: Mention | None) -> bool:
    """Whether a role mention is weak evidence that two mentions are about different
    happenings (events/merge.py rule 3b): its actor is the speaker standing in for one the
    clause does not name, or a word lent it, not its own words:
      - the words of the mention's reporter ("Authorities said no ransom was paid to secure
        the release of the girls, who were kidnapped last Friday during an overnight raid at
        their school": the authorities neither raided nor were kidnapped; "Pifer noted the
        ceasefire deal": Pifer made no deal);
      - words whose head is no name: an entity that ends before them, a modifier ("the
        Somali city", "Pakistan's February elections", "more than 10 people"), or none
        and no word of the actor's name ("all wines": France);
      - the trigger of another mention of the type ("an airstrike targeting his location":
        the airstrike is the happening, not who did it)."""
    if mention is None or mention.actor is None or article is None:
        return False
    told = event.reported_by
    if told is not None and told.start is not None and told.end is not None \
            and mention.start < told.end and told.start < mention.end:
        return True
    entity = entity_at(article, mention.start, mention.end)
    if entity is None:
        actor = next((a for a in article.actors if a.id == mention.actor), None)
        return actor is not None and not set(actor.name.lower().split()) & set(
            mention.text.lower().split())
    if entity.end < mention.end:
        return True
    return any(other.type == event.type and other.trigger.start < mention.end
               and mention.start < other.trigger.end for other in article.events)


def _where(article: Article | None, event: Event) -> tuple[str, frozenset[str]] | None:
    """An event's place as its key and the keys of what it is in (itself, its first-level
    region, its country); a country's key is its ISO3; None when it has no place."""
    if event.place is None:
        return None
    name = event.place.name.lower()
    place = next((p for p in article.places if p.id == event.place.place), None) \
        if article is not None else None
    if place is None:
        return name, frozenset({name})
    key = place.country if place.feature == "country" and place.country else name
    return key, frozenset(v for v in (key, name, (place.admin1 or "").lower(), place.country)
                          if v)


def _renewed(noun: Token) -> bool:
    """"another attack", "new strikes", "further attacks": a noun that tells one more."""
    return any((c.dep_ == "det" and c.lower_ == "another")
               or (c.dep_ == "amod" and c.lemma_.lower() in FRESH) for c in noun.children)


def _previous_sentences(token: Token, count: int) -> tuple[int, ...]:
    """Where the `count` sentences before the token's start, nearest first (blank lines
    skipped); fewer at the top."""
    found: list[int] = []
    first = token.sent.start
    while first > 0 and len(found) < count:
        sentence = token.doc[first - 1].sent
        if any(not t.text.isspace() for t in sentence):  # without building its text
            found.append(sentence.start_char)
        first = sentence.start
    return tuple(found)


class Head:
    """What the parse says about a trigger: its head lemma, and whether it refers back."""

    def __init__(self, doc: Doc | None, event: Event, article: Article | None = None,
                 same: SameActor | None = None,
                 dates: Mapping[int, TimeRef | None] | None = None) -> None:
        same = same if same is not None else SameActor(None)
        self.sentence = event.sentence.start
        self.speaker = same.key(_actor(event.source))
        self.where = _where(article, event)
        start = event.trigger.start
        self.date = calendar(dates[start] if dates is not None and start in dates else event.date)
        self.previous: int | None = None
        self.recent: tuple[int, ...] = ()
        self.source = _named(article, same, event.source)
        target = _named(article, same, event.target)
        self.target = None if target is not None and target == self.source else target
        # the same, less a role that is the mention's reporter (see `reporter`)
        self.loose_source = None if weak(article, event, event.source) else self.source
        self.loose_target = None if weak(article, event, event.target) else self.target
        self.also = False
        # whom the target resolves to, generic nouns included ("the president")
        self.addressee = None if weak(article, event, event.target) \
            else same.key(_actor(event.target))
        self.lemma = event.trigger.text.lower().split()[-1] if event.trigger.text else ""
        self.back_reference = False
        self.fresh = False
        self.renewed = False
        self.span = (event.trigger.start, event.trigger.end)
        self.subjects: list[tuple[int, int]] = []
        self.governor: int | None = None
        self.sequenced = False
        span = doc.char_span(event.trigger.start, event.trigger.end,
                             alignment_mode="expand") if doc is not None else None
        if span is None or len(span) == 0:
            return
        root = span.root
        self.lemma = root.lemma_.lower()
        self.recent = _previous_sentences(root, RETOLD_SENTENCES)
        self.previous = self.recent[0] if self.recent else None
        self.sequenced = any(c.dep_ in MARK_OR_PREP and c.lower_ in SEQUENCE
                             for t in (root, *root.ancestors) for c in t.children)
        self.subjects = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
                         for c in root.children if c.dep_ in NOMINAL_SUBJECTS]
        if root.dep_ in ADVCL_OR_CONJ or root.dep_ == "acl":  # "an airstrike targeting"
            self.governor = root.head.idx
        if root.pos_ not in NOUN_TAGS:
            again = {c.lower_ for c in root.children if c.dep_ == "advmod" and c.lower_ in AGAIN}
            renewed = any(c.dep_ == "dobj" and _renewed(c) for c in root.children)
            self.fresh = self.renewed = renewed or bool(again)
            self.also = again == {"also"} and not renewed
            return
        self.back_reference = any((c.dep_ == "det" and c.lower_ in DEFINITE)
                                  or c.dep_ == "poss" for c in root.children)
        self.renewed = _renewed(root)
        self.fresh = self.renewed or any(c.dep_ == "det" and c.lower_ in INDEFINITE
                                         for c in root.children)


    def tied_to(self, other: Head) -> bool:
        """The grammar makes this mention part of `other`: its subject or its governor."""
        start, end = other.span
        if self.governor is not None and start <= self.governor < end:
            return True
        return any(s < end and start < e for s, e in self.subjects)
