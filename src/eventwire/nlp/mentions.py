"""Looking up what a stretch of text refers to, shared by the stages after `actors`.

`entity_at` finds the entity (named, nominal or pronoun mention) that best covers a
character span; its `actor` is who the words resolve to. `Attributed` is how the quotes
stage hands attributions (quotes and "according to X") on to the events stage, in
`Work.attributions`.

The index of an article is kept here, keyed by the article's identity, while the article is
in flight (rebuilt when its entities or actors change in number); it is dropped by
`release_index` when the pipeline hands the article back, or when the article is garbage
collected. The record (`eventwire.model`) knows nothing of it, so the two modules do not
import each other.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left
from dataclasses import dataclass

from eventwire.model import Actor, Article, Entity, Mention

ATTRIBUTIONS = "attributions"  # the name of the `Work.attributions` hand-over


class EntityIndex:
    """An article's entities sorted by start, for span lookups in O(log n + k)."""

    def __init__(self, article: Article) -> None:
        self.entities = sorted(article.entities, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.entities]
        self.longest = max((e.end - e.start for e in self.entities), default=0)
        self.actors: dict[str, Actor] = {a.id: a for a in article.actors}

    def overlapping(self, start: int, end: int) -> list[Entity]:
        """Entities sharing at least one character with [start, end)."""
        stop = bisect_left(self.starts, end)
        first = bisect_left(self.starts, start - self.longest)
        return [e for e in self.entities[first:stop] if e.end > start]

    def at(self, start: int, end: int) -> Entity | None:
        """The entity overlapping [start, end) the most (ties: shorter, then earlier)."""
        best: Entity | None = None
        best_key = (0, 0)
        for entity in self.overlapping(start, end):
            shared = min(end, entity.end) - max(start, entity.start)
            key = (shared, -(entity.end - entity.start))
            if shared > 0 and key > best_key:
                best, best_key = entity, key
        return best


# id(article) -> (entities + actors when built, index); an entry leaves with its article
_INDEXES: dict[int, tuple[int, EntityIndex]] = {}
_LOCK = threading.Lock()


def entity_index(article: Article) -> EntityIndex:
    """The index of `article`, kept while its entities and actors do not change in number."""
    size = len(article.entities) + len(article.actors)
    key = id(article)
    cached = _INDEXES.get(key)
    if cached is None or cached[0] != size:
        fresh = key not in _INDEXES
        cached = (size, EntityIndex(article))
        with _LOCK:
            _INDEXES[key] = cached
        if fresh:
            weakref.finalize(article, _INDEXES.pop, key, None)
    return cached[1]


def release_index(article: Article) -> None:
    """Drop the article's index (the pipeline does when the article leaves it)."""
    with _LOCK:
        _INDEXES.pop(id(article), None)


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The entity overlapping [start, end) the most (ties: the shorter entity)."""
    return entity_index(article).at(start, end)


def mention_at(article: Article, start: int, end: int) -> Mention:
    """A `Mention` of the words at [start, end), resolved through the entity there."""
    entity = entity_at(article, start, end)
    return Mention(text=article.text[start:end], start=start, end=end,
                   actor=entity.actor if entity is not None else None)


@dataclass(frozen=True)
class Attributed:
    """A stretch of text the article attributes to someone, quoted or not.

    `start`/`end` cover the attributed content (for "according to X" with no content
    span: the clause or sentence it governs); `quote` is the quote id if it is a quote.
    """

    start: int
    end: int
    speaker: Mention
    cue: str | None = None
    channel: str | None = None
    quote: str | None = None
