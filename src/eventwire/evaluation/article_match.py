"""Article-level matching of predicted events to gold events (voa_articles.md, "Scoring").

A pure function of one gold story and the events predicted for it: `verdicts(story, events,
actors)` says, for each predicted event, whether it is `matched` to a gold event, a
`duplicate` of one already taken, of the `wrong-type` for the gold event its sentence
tells, or `outside` every gold event, and for a match whether the dyad (source and target)
fits. The article scorer (`evaluation.articles`) and the training of the event decision
use it, so both count the same thing.

Rules, as written for the annotation:
1. a prediction's spans are its sentence and trigger and those of each of its `mentions`;
2. it is a candidate for a gold event of the same type when one of its spans overlaps one
   of that gold event's mention sentences (found in the text by exact search, every
   occurrence);
3. predictions are taken by confidence, highest first (text order on ties); each takes
   its first untaken candidate (gold order). All candidates taken: duplicate; overlapping
   some gold mention but no candidate: wrong type; overlapping none: outside;
5. a match's dyad fits when source and target both fit: the gold role is null, or the
   predicted words or their resolved actor's name share a word with the gold text (lower
   case runs of letters and digits, at least 2 long, less a few stop words), or both carry
   the same ISO3 country; a null prediction for a non-null gold role does not fit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from eventwire.model import Actor, Event, Mention

Kind = Literal["matched", "duplicate", "wrong-type", "outside"]
KINDS: tuple[Kind, ...] = ("matched", "duplicate", "wrong-type", "outside")
Interval = tuple[int, int]

STOP = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "its", "his", "her",
                  "their", "s", "mr", "ms"})
WORD = re.compile(r"[a-z0-9]+")


def words(text: str | None) -> set[str]:
    """The words the dyad rule compares: lower-case runs of letters and digits, at least 2
    characters, less the stop list."""
    return {w for w in WORD.findall((text or "").lower()) if len(w) >= 2 and w not in STOP}


def occurrences(text: str, needle: str) -> list[Interval]:
    """Every place `needle` occurs in `text` (overlapping occurrences included)."""
    found: list[Interval] = []
    if not needle:
        return found
    start = text.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def _overlaps(a: Interval, b: Interval) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


@dataclass(frozen=True)
class GoldRole:
    text: str
    country: str | None


@dataclass(frozen=True)
class GoldEvent:
    """One gold event of a story, with where its mention sentences are in the text."""

    id: str
    type: str
    trigger: str
    mentions: tuple[str, ...]
    spans: tuple[Interval, ...]
    source: GoldRole | None
    target: GoldRole | None
    historical: bool
    modality: str

    def touches(self, spans: Sequence[Interval]) -> bool:
        return any(_overlaps(s, g) for s in spans for g in self.spans)


def _role(value: Any) -> GoldRole | None:
    if not isinstance(value, Mapping) or not value.get("text"):
        return None
    country = value.get("country")
    return GoldRole(str(value["text"]), str(country).upper() if country else None)


def gold_events(story: Mapping[str, Any]) -> list[GoldEvent]:
    """The gold events of a story record (`gold.events`), in gold order; ids are made unique
    (a repeated or missing id gets the event's position)."""
    text = str(story.get("text", ""))
    found: list[GoldEvent] = []
    seen: set[str] = set()
    for number, raw in enumerate((story.get("gold") or {}).get("events") or [], start=1):
        mentions = tuple(str(m) for m in raw.get("mentions") or [])
        spans = tuple(span for m in mentions for span in occurrences(text, m))
        name = str(raw.get("id") or f"E{number}")
        name = f"{name}#{number}" if name in seen else name
        seen.add(name)
        found.append(GoldEvent(
            id=name, type=str(raw.get("type", "")).upper(),
            trigger=str(raw.get("trigger") or ""), mentions=mentions, spans=spans,
            source=_role(raw.get("source")), target=_role(raw.get("target")),
            historical=bool(raw.get("historical")),
            modality=str(raw.get("modality") or "asserted")))
    return found


def event_spans(event: Event) -> list[Interval]:
    """A predicted event's spans: its sentence and trigger, and those of each mention."""
    spans = [(event.sentence.start, event.sentence.end), (event.trigger.start, event.trigger.end)]
    for mention in event.mentions:
        spans.append((mention.sentence.start, mention.sentence.end))
        spans.append((mention.trigger.start, mention.trigger.end))
    return spans


def candidates(gold: Sequence[GoldEvent], event: Event) -> list[GoldEvent]:
    """Rule 2: the gold events of the event's type that one of its spans overlaps (gold
    order), whatever other predictions take; a label for one candidate on its own."""
    spans = event_spans(event)
    return [item for item in gold if item.type == event.type and item.touches(spans)]


def role_fits(gold: GoldRole | None, mention: Mention | None,
              actors: Mapping[str, Actor]) -> bool:
    """Rule 5 for one role (see the module docstring)."""
    if gold is None:
        return True
    if mention is None:
        return False
    actor = actors.get(mention.actor) if mention.actor else None
    predicted = words(mention.text) | words(actor.name if actor is not None else None)
    if predicted & words(gold.text):
        return True
    country = actor.country if actor is not None else None
    return bool(country and gold.country and country.upper() == gold.country)


@dataclass(frozen=True)
class Verdict:
    """What one predicted event is, held against the gold events of its story."""

    index: int
    event: Event
    kind: Kind
    gold: GoldEvent | None
    dyad: bool

    @property
    def matched(self) -> bool:
        return self.kind == "matched"


def verdicts(story: Mapping[str, Any], events: Sequence[Event],
             actors: Sequence[Actor] = ()) -> list[Verdict]:
    """A verdict for each of `events` (in their order) against the story's gold events.

    `gold` is the event a match took, the candidate a duplicate lost to, or the gold event
    (any type) whose mention a wrong-type prediction overlaps; None for outside.
    """
    gold = gold_events(story)
    by_id = {actor.id: actor for actor in actors}
    order = sorted(range(len(events)),
                   key=lambda i: (-events[i].confidence, events[i].sentence.start,
                                  events[i].trigger.start, i))
    taken: set[str] = set()
    found: dict[int, Verdict] = {}
    for index in order:
        event = events[index]
        spans = event_spans(event)
        touched = [item for item in gold if item.touches(spans)]
        mine = candidates(gold, event)
        free = [item for item in mine if item.id not in taken]
        if free:
            chosen = free[0]
            taken.add(chosen.id)
            dyad = (role_fits(chosen.source, event.source, by_id)
                    and role_fits(chosen.target, event.target, by_id))
            found[index] = Verdict(index, event, "matched", chosen, dyad)
        elif mine:
            found[index] = Verdict(index, event, "duplicate", mine[0], False)
        elif touched:
            found[index] = Verdict(index, event, "wrong-type", touched[0], False)
        else:
            found[index] = Verdict(index, event, "outside", None, False)
    return [found[i] for i in range(len(events))]
