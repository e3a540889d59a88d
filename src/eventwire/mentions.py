"""Looking up what a stretch of text refers to, shared by the stages after `actors`.

`entity_at` finds the entity (named, nominal or pronoun mention) that best covers a
character span; its `actor` is who the words resolve to. `Attributed` is how the quotes
stage hands attributions (quotes and "according to X") on to the events stage, in
`Work.scratch["attributions"]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article, Entity, Mention

ATTRIBUTIONS = "attributions"


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The entity overlapping [start, end) the most (ties: the shorter entity)."""
    best: Entity | None = None
    best_key = (0, 0)
    for entity in article.entities:
        shared = min(end, entity.end) - max(start, entity.start)
        if shared <= 0:
            continue
        key = (shared, -(entity.end - entity.start))
        if key > best_key:
            best, best_key = entity, key
    return best


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
