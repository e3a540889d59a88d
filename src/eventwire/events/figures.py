"""Casualty and arrest figures of events: only from the event's own words, never from an
aggregate.

`figures` reads killed, injured and arrested from the counts linked to one event mention
(`links.event_counts`: counts overlapping its trigger or inside its object phrase, so
always in the event's own sentence). A count that overlaps the trigger counts the
happenings themselves ("500 attacks"), never casualties.

`drop_aggregates` then clears the figures of every event told in a sentence that counts
happenings ("400 people were killed in 500 attacks in 2024", "launched 504 attacks,
killing 300"): such figures sum many happenings, and no single event carries them. The
events stay (they are real), marked by the context `aggregate`.
"""

from __future__ import annotations

from functools import cache

from eventwire.data import data_lines
from eventwire.model import Article, Count

FIGURES = ("killed", "injured", "arrested")
CATEGORIES = {"killed": "killed", "dead": "killed", "injured": "injured", "wounded": "injured",
              "arrested": "arrested", "detained": "arrested"}
AGGREGATE = "aggregate"


def casualty(count: Count) -> str | None:
    return CATEGORIES.get((count.category or "").lower())


def figures(counts: list[Count], trigger: tuple[int, int]) -> dict[str, float | None]:
    """Killed, injured and arrested from an event mention's own counts (first of each)."""
    found: dict[str, float | None] = dict.fromkeys(FIGURES)
    for count in counts:
        if count.start < trigger[1] and trigger[0] < count.end:
            continue
        kind = casualty(count)
        if kind is not None and found[kind] is None:
            found[kind] = count.value
    return found


@cache
def happenings() -> frozenset[str]:
    return frozenset(data_lines("events/happenings.txt"))


def counts_happenings(count: Count) -> bool:
    """Whether a count of more than one counts happenings ("504 attacks")."""
    noun = (count.noun or "").lower().split()
    if (count.value or 0) <= 1 or not noun:
        return False
    last = noun[-1]
    return last in happenings() or (last.endswith("s") and last[:-1] in happenings())


def drop_aggregates(article: Article) -> None:
    """Clear the figures of events told in a sentence that counts happenings."""
    aggregate = {(e.sentence.start, e.sentence.end) for e in article.events
                 if any(e.sentence.start <= c.start < e.sentence.end and counts_happenings(c)
                        for c in article.counts)}
    for position, event in enumerate(article.events):
        if (event.sentence.start, event.sentence.end) not in aggregate:
            continue
        update: dict[str, object] = dict.fromkeys(FIGURES)
        update["contexts"] = sorted({*event.contexts, AGGREGATE})
        article.events[position] = event.model_copy(update=update)
