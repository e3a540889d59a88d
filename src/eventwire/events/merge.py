"""One happening = one event: the mentions of the same happening in an article are merged.

News restates: a phone call is "a phone call" in the lead, "the call" three paragraphs on
and "the call" again in a quoted statement; an attack is told, then retold. Each sentence
yields its own event mention; this module folds those that are the same happening into ONE
event whose `mentions` lists every mention (trigger and sentence offsets), best first.

Merge rule. Going through the events in text order, an event joins an earlier group when
ALL of these hold against every event already in the group:
  1. the same PLOVER type, the same `negated` flag and the same `modality`;
  2. compatible modes: equal, or one of them has none;
  3. compatible actors, for the source and for the target separately: the same actor id, or
     one side has no actor id (no mention, or one that resolved to no actor). Two different
     actor ids never merge, so different actor pairs stay different events. One exception
     for the target only: a mention the grammar ties to a mention in the group (see 5b) may
     name other victims ("Russian forces shelled the town ... The shelling killed 12
     civilians": the town and the civilians are the same happening's targets);
  4. compatible dates: the same resolved value, or one side has none (no date, or only the
     publication-date fallback, precision "published");
  5. a reason to think it is the same happening: the later mention is a nominal
     back-reference (a noun trigger with a definite determiner or a possessive: "the call",
     "the attacks", "these strikes", "their attacks"), or its trigger's head lemma is that
     of a mention already in the group ("phone call" ... "call"), unless the later trigger
     is a noun that introduces a new or generic happening ("an attack", "any attacks",
     "another call", "new strikes", "further attacks"), or the matching mention does;
  5b. or the grammar ties it to a mention in the group: its subject is that mention ("The
     shelling killed 12 civilians") or it is an adverbial or conjoined clause of it ("rebels
     attacked the base, killing 20 soldiers").
The first group that accepts an event takes it; otherwise it starts a new group.

The merged event is the group's best mention (highest confidence; the earlier on ties):
its id, trigger, sentence and coding; what the best mention lacks (source, target and their
conjuncts, date, place, mode, count, killed, injured, arrested, reported_by) is filled
from the other mentions, best first (a role mention that resolved to no actor counts as
lacking). `mentions` has every mention, best first, and an
unmerged event has itself as its only mention. Events keep text order (by their first
mention) and are renumbered v1..vn; the confidence features move with the ids.
Cross-article merging (the same happening in two articles) is the store's job
(`store.dedup`), not this module's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.model import Article, Event, EventMention, Mention, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

DEFINITE = frozenset({"the", "this", "these", "that", "those"})
INDEFINITE = frozenset({"a", "an", "any", "another", "each", "every", "no", "some"})
FRESH = frozenset({"new", "further", "more", "other", "fresh", "future", "possible"})
FILLED = ("source", "target", "date", "place", "mode", "count", "killed", "injured",
          "arrested", "reported_by")


def _actor(mention: Mention | None) -> str | None:
    return mention.actor if mention is not None else None


def _date(date: TimeRef | None) -> str | None:
    if date is None or date.precision == "published":
        return None
    return date.value


def _agree(values: list[str | None], value: str | None) -> bool:
    """`value` is missing, or every known value in the group equals it."""
    return value is None or all(v is None or v == value for v in values)


class _Head:
    """What the parse says about a trigger: its head lemma, and whether it refers back."""

    def __init__(self, doc: Doc | None, event: Event) -> None:
        self.lemma = event.trigger.text.lower().split()[-1] if event.trigger.text else ""
        self.back_reference = False
        self.fresh = False
        self.span = (event.trigger.start, event.trigger.end)
        self.subjects: list[tuple[int, int]] = []
        self.governor: int | None = None
        span = doc.char_span(event.trigger.start, event.trigger.end,
                             alignment_mode="expand") if doc is not None else None
        if span is None or len(span) == 0:
            return
        root = span.root
        self.lemma = root.lemma_.lower()
        self.subjects = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
                         for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if root.dep_ in {"advcl", "conj"}:
            self.governor = root.head.idx
        if root.pos_ not in {"NOUN", "PROPN"}:
            return
        self.back_reference = any((c.dep_ == "det" and c.lower_ in DEFINITE)
                                  or c.dep_ == "poss" for c in root.children)
        self.fresh = any((c.dep_ == "det" and c.lower_ in INDEFINITE)
                         or (c.dep_ == "amod" and c.lemma_.lower() in FRESH)
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
    tied = any(head.tied_to(other) for other in heads)
    if (event.type, event.negated, event.modality) != (first.type, first.negated,
                                                       first.modality):
        return False
    if not _agree([e.mode for e in group], event.mode):
        return False
    if not _agree([_actor(e.source) for e in group], _actor(event.source)):
        return False
    if not tied and not _agree([_actor(e.target) for e in group], _actor(event.target)):
        return False
    if not _agree([_date(e.date) for e in group], _date(event.date)):
        return False
    if head.back_reference or tied:
        return True
    return not head.fresh and any(h.lemma == head.lemma and not h.fresh for h in heads)


def _known(event: Event, name: str) -> bool:
    """Whether the event has this field: a date other than the publication-date fallback,
    an actor mention that resolved to an actor, any other value."""
    value = getattr(event, name)
    if name == "date":
        return _date(value) is not None
    if name in {"source", "target"}:
        return value is not None and value.actor is not None
    return value is not None


def _filled(best: Event, others: list[Event]) -> dict[str, Any]:
    """Fields the best mention lacks, from the other mentions (best first)."""
    update: dict[str, Any] = {}
    for name in FILLED:
        if _known(best, name):
            continue
        donor = next((e for e in others if _known(e, name)), None)
        if donor is None:
            continue
        update[name] = getattr(donor, name)
        if name in {"source", "target"}:
            update[f"{name}s_also"] = getattr(donor, f"{name}s_also")
    return update


def _mention(event: Event) -> EventMention:
    return EventMention(trigger=event.trigger, sentence=event.sentence)


def merge_group(group: list[Event]) -> Event:
    """One event for the mentions of one happening (see the module docstring)."""
    ranked = sorted(group, key=lambda e: (-e.confidence, e.trigger.start))
    best = ranked[0]
    update = _filled(best, ranked[1:])
    update["mentions"] = [_mention(e) for e in ranked]
    return best.model_copy(update=update)


def merge_mentions(article: Article, doc: Doc | None,
                   features: dict[str, dict[str, float]] | None = None) -> None:
    """Merge `article.events` in place; `features` (by event id) follows the new ids."""
    groups: list[list[Event]] = []
    heads: list[list[_Head]] = []
    for event in sorted(article.events, key=lambda e: e.trigger.start):
        head = _Head(doc, event)
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
        event = merge_group(group)
        new_id = f"v{number}"
        if features is not None and event.id in features:
            moved[new_id] = dict(features[event.id], mentions=float(len(group)))
        merged.append(event.model_copy(update={"id": new_id}))
    article.events[:] = merged
    if features is not None:
        features.clear()
        features.update(moved)
