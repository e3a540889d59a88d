"""One happening = one event: the mentions of the same happening in an article are merged.

News restates: a phone call is "a phone call" in the lead, "the call" three paragraphs on
and "the call" again in a quoted statement; an attack is told, then retold. Each sentence
yields its own event mention; this module folds those that are the same happening into ONE
event whose `mentions` lists every mention (trigger and sentence offsets), best first.

Merge rule. Going through the events in text order, an event joins an earlier group when
ALL of these hold against every event already in the group:
  1. the same PLOVER type, the same `negated` flag and the same kind of modality: asserted
     and reported_belief both tell something that happened ("are believed to be behind the
     attacks"), every other modality only merges with itself;
  2. compatible modes: equal, or one of them has none, or the mention is in a sentence of
     the group or tied to it (5b), or both carry the same explicit day: "the car hit a
     roadside bomb and was then attacked with gunfire" is one attack told with two weapons;
  3. compatible actors, for the source and for the target separately: the same actor (id or
     canonical name, or two actors the article links: an alias, "the president" and the one
     President, a leader and the state: events/equivalence.py), or one side names none: no
     mention, one that resolved to no actor, a pronoun ("he", "their") or a generic noun
     that coreference tied to an actor ("the group"). Two different named actors never
     merge, so different actor pairs stay different events. Exceptions for the target only:
     a mention the grammar ties to a mention in the group (see 5b) may name other victims
     ("Russian forces shelled the town ... The shelling killed 12 civilians": the town and
     the civilians are the same happening's targets), and so may a definite back-reference
     in the very words of a mention in the group ("rocket attacks on U.S. bases ... the
     recent rocket attacks in Iraq"). A target that is the mention's own source (the
     article links them: "Ukraine is committed ..., Zelenskyy said", "India backs ... New
     Delhi would support") is a misread role and names no one here;
  4. compatible dates: the same resolved calendar value, or one side has none (no date, the
     publication-date fallback, or a value that is no calendar date: a duration such as
     "P5W" or a reference such as "PRESENT_REF");
  5. a reason to think it is the same happening: the later mention is in a sentence of the
     group (one sentence, one type, no conflicting actors: one happening told with several
     words, "stormed ... leaving five dead"), unless a clause of either is set in sequence
     ("clashes spread after militants killed 12 soldiers": two happenings); or it is a
     nominal back-reference (a noun trigger with a definite determiner or a possessive: "the
     call", "the attacks", "these strikes", "their attacks"); or, for a material happening
     (not a verbal act), it is in the sentence right after one of the group's ("Gunmen
     stormed a hotel ... Six guests were killed"); or its trigger's head lemma is that of a
     mention already in the group ("phone call" ... "call"); or both carry the same explicit
     calendar date; unless the later trigger introduces a new or generic happening ("an
     attack", "any attacks", "another call", "launched new strikes", "further attacks", "a
     court later sentenced him", "rebels also attacked"), or the matching mention does. A
     verbal act (AGREE, SUPPORT, CONCEDE, REQUEST, ACCUSE, REJECT, THREATEN) is only told
     again when its source is an actor of the group (different speakers saying the same
     thing are different events): by the same word or date, or in other words within
     `RETOLD_SENTENCES` sentences after one of the group's ("Wong urged China to release
     the journalist ... Wong called on China to free her"), unless told as one more ("Wong
     also called on China");
  5b. or the grammar ties it to a mention in the group: its subject is that mention ("The
     shelling killed 12 civilians") or it is an adverbial or conjoined clause of it ("rebels
     attacked the base, killing 20 soldiers").
  6. A meeting (CONSULT) told in another sentence at one place on one explicit day is one
     meeting whatever the words and participants of its mentions (rules 2, 3 and 5 aside:
     "Rubio's second visit to Saudi Arabia" and "the Jeddah talks with Ukrainian
     officials", both Tuesday in Jeddah); one in another sentence at a place neither in the
     other's (Jeddah, Doha) is another meeting. In one sentence or tied by the grammar the
     second place is often the topic's ("met in Tallinn to discuss the cables in the Baltic
     Sea"): rules 1-5 decide.
The first group that accepts an event takes it; otherwise it starts a new group.

The rule runs twice on articles (events/stage.py; short inputs once): on the rule types,
before the decision, and again once the decision has re-typed the events (events/decide.py
`settle`): "dismissed calls for a probe" coded REJECT by the rules and "urging an
investigation" coded REQUEST, re-typed REQUEST both, are then one happening by the same
rule. The second pass merges merged events (a group's mentions are all the mentions of its
events) and compares the events' own dates, not the ones the fallbacks lent them since
(events/dates.py: a later sentence's event takes the day of the sentence before, which is
no evidence that it is the same happening); it lends no place (each event's place was
found or left out by then: events/links.py `local_places`), though a finer place a mention
names inside the merged one still refines it.

The merged event is the group's best mention (highest confidence; the earlier on ties):
its id, trigger, sentence and coding (asserted when any of its factual mentions is); what
the best mention lacks (source, target and their conjuncts, date, place, mode, count,
killed, injured, arrested, reported_by) is filled from the other mentions (a role mention
that resolved to no actor counts as lacking): roles from a mention whose other role agrees,
never making source and target one actor, the date from the finest own date of a mention,
the place refined to a finer one another mention names inside it (a town in the province)
(events/merge_fields.py), the rest best first. `mentions` has every mention,
best first (an event merged before brings all its own), and an unmerged event has itself
as its only mention. Events keep text order (by their first mention) and are renumbered
v1..vn; the confidence features move with the ids (`mentions`: how many in all).
Cross-article merging (the same happening in two articles) is the store's job
(`store.dedup`), not this module's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from eventwire.events.equivalence import SameActor
from eventwire.events.merge_fields import calendar, filled
from eventwire.events.type_groups import MEETINGS, VERBAL
from eventwire.model import Article, Event, EventMention, Mention, Place, TimeRef
from eventwire.nlp.english import (
    ADVCL_OR_CONJ,
    MARK_OR_PREP,
    NOMINAL_SUBJECTS,
    NOUN_TAGS,
    PERSONAL_PRONOUNS,
)
from eventwire.nlp.english import DEFINITE_DETERMINERS as DEFINITE
from eventwire.nlp.mentions import entity_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

INDEFINITE = frozenset({"a", "an", "any", "another", "each", "every", "no", "some"})
SEQUENCE = frozenset({"after", "before", "since", "until", "following", "amid"})
AGAIN = frozenset({"later", "again", "also", "earlier", "previously"})
FRESH = frozenset({"new", "further", "more", "other", "fresh", "future", "possible"})
FACTUAL = frozenset({"asserted", "reported_belief"})
# A speaker's restatement of a verbal act is looked for this many sentences on.
RETOLD_SENTENCES = 2
FILLED = ("source", "target", "date", "place", "mode", "count", "killed", "injured",
          "arrested", "reported_by")
# Merging again (after the fallbacks): places were placed or lent per event by then (only
# refined: merge_fields.finer_place).
AGAIN_FILLED = tuple(name for name in FILLED if name != "place")


def _actor(mention: Mention | None) -> str | None:
    return mention.actor if mention is not None else None


def _modality(event: Event) -> str:
    return "factual" if event.modality in FACTUAL else event.modality


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


def _elsewhere(heads: list[_Head], head: _Head) -> bool:
    """Places neither of which is in the other (Jeddah and Doha; not Jeddah and Saudi
    Arabia)."""
    mine = head.where
    return mine is not None and any(
        h.where is not None and h.where[0] not in mine[1] and mine[0] not in h.where[1]
        for h in heads)


def _agree(values: list[str | None], value: str | None) -> bool:
    """`value` is missing, or every known value in the group equals it."""
    return value is None or all(v is None or v == value for v in values)


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


class _Head:
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
        if root.dep_ in ADVCL_OR_CONJ:
            self.governor = root.head.idx
        if root.pos_ not in NOUN_TAGS:
            self.fresh = self.renewed = any(
                (c.dep_ == "dobj" and _renewed(c)) or (c.dep_ == "advmod" and c.lower_ in AGAIN)
                for c in root.children)
            return
        self.back_reference = any((c.dep_ == "det" and c.lower_ in DEFINITE)
                                  or c.dep_ == "poss" for c in root.children)
        self.renewed = _renewed(root)
        self.fresh = self.renewed or any(c.dep_ == "det" and c.lower_ in INDEFINITE
                                         for c in root.children)


    def tied_to(self, other: _Head) -> bool:
        """The grammar makes this mention part of `other`: its subject or its governor."""
        start, end = other.span
        if self.governor is not None and start <= self.governor < end:
            return True
        return any(s < end and start < e for s, e in self.subjects)


def compatible(group: list[Event], heads: list[_Head], event: Event, head: _Head) -> bool:
    """Whether `event` may be another mention of the happening `group` is about."""
    first = group[0]
    if (event.type, event.negated, _modality(event)) != (first.type, first.negated,
                                                         _modality(first)):
        return False
    tied = any(head.tied_to(other) for other in heads)
    same_sentence = any(e.sentence.start == event.sentence.start for e in group) and not (
        head.sequenced or any(h.sequenced for h in heads))
    echo = head.back_reference and any(e.trigger.text.lower() == event.trigger.text.lower()
                                       for e in group)
    date = head.date
    same_day = date is not None and len(date) == len("2024-03-01") and any(
        h.date == date for h in heads)
    if event.type in MEETINGS and not tied:
        if _elsewhere(heads, head):
            return False
        if _same_meeting(group, heads, event, head):
            return True
    if not (same_sentence or tied or same_day) \
            and not _agree([e.mode for e in group], event.mode):
        return False
    if not _agree([h.source for h in heads], head.source) \
            or not _agree([h.date for h in heads], date):
        return False
    if not (tied or echo) and not _agree([h.target for h in heads], head.target):
        return False
    if head.back_reference or tied or same_sentence:
        return True
    if head.renewed:
        return False
    return _restated(group, heads, event, head, date)


def _same_meeting(group: list[Event], heads: list[_Head], event: Event, head: _Head) -> bool:
    """Rule 6: a meeting held at one place on one day is one meeting, however its mentions
    name the participants ("Rubio's second visit to Saudi Arabia" and "the Jeddah talks
    with Ukrainian officials", both on Tuesday in Jeddah): the same place and the same
    explicit calendar day (the events' own, never a fallback's)."""
    date = head.date
    if event.place is None or date is None or len(date) != len("2024-03-01"):
        return False
    return any(h.date == date and e.place is not None and e.place.name == event.place.name
               for e, h in zip(group, heads, strict=True))


def _restated(group: list[Event], heads: list[_Head], event: Event, head: _Head,
              date: str | None) -> bool:
    """Rule 5 beyond the sentence and the back-reference: the next sentence goes on about a
    material happening, or the same word or explicit date tells it again (for a verbal act:
    only by the same speaker, who may also retell it in other words a sentence or two on)."""
    if event.type in VERBAL:
        speaker = head.speaker
        if speaker is None or any(h.speaker not in {None, speaker} for h in heads) \
                or all(h.speaker is None for h in heads):
            return False
        if not head.fresh and any(h.sentence in head.recent for h in heads):
            return True
    elif any(head.previous == h.sentence for h in heads):
        return True
    if head.fresh:
        return False
    return (date is not None and any(h.date == date for h in heads)) or any(
        h.lemma == head.lemma and not h.fresh for h in heads)


def _mention(event: Event) -> EventMention:
    return EventMention(trigger=event.trigger, sentence=event.sentence)


def merge_group(group: list[Event], fields: tuple[str, ...] = FILLED,
                same: SameActor | None = None,
                dates: Mapping[int, TimeRef | None] | None = None,
                places: Mapping[str, Place] | None = None, text: str = "") -> Event:
    """One event for the mentions of one happening (see the module docstring; which mention
    lends what the best lacks, and a finer place among `places` of the article's `text`:
    events/merge_fields.py)."""
    ranked = sorted(group, key=lambda e: (-e.confidence, e.trigger.start))
    best = ranked[0]
    update = filled(best, ranked[1:], fields, (same or SameActor(None)).key, dates, places,
                    text)
    update["mentions"] = [m for e in ranked for m in (e.mentions or [_mention(e)])]
    if best.modality in FACTUAL and any(e.modality == "asserted" for e in ranked):
        update["modality"] = "asserted"
    return best.model_copy(update=update)


def merge_mentions(article: Article, doc: Doc | None,
                   features: dict[str, dict[str, float]] | None = None,
                   dates: Mapping[int, TimeRef | None] | None = None) -> None:
    """Merge `article.events` in place; `features` (by event id) follows the new ids.
    `dates` (by trigger start) are the events' own dates where a fallback has filled the
    field since (rule 4 and the same-day reasons compare the happenings' own dates)."""
    groups: list[list[Event]] = []
    heads: list[list[_Head]] = []
    same = SameActor(article, (m for e in article.events for m in (e.source, e.target)))
    for event in sorted(article.events, key=lambda e: e.trigger.start):
        head = _Head(doc, event, article, same, dates)
        for group, group_heads in zip(groups, heads, strict=True):
            if compatible(group, group_heads, event, head):
                group.append(event)
                group_heads.append(head)
                break
        else:
            groups.append([event])
            heads.append([head])
    merged: list[Event] = []
    moved: dict[str, dict[str, float]] = {}
    for number, group in enumerate(groups, start=1):
        event = merge_group(group, FILLED if dates is None else AGAIN_FILLED, same, dates,
                            {place.id: place for place in article.places}, article.text)
        new_id = f"v{number}"
        if features is not None and event.id in features:
            moved[new_id] = dict(features[event.id],
                                 mentions=float(sum(len(e.mentions) or 1 for e in group)))
        merged.append(event.model_copy(update={"id": new_id}))
    article.events[:] = merged
    if features is not None:
        features.clear()
        features.update(moved)
