"""Long articles in windows: the work of a stage that weighs mentions against each other
stays linear in the length of the text.

Stages that compare every mention with the others (the places resolver, the events' merge)
do it per window: a run of whole paragraphs of at most `WINDOW_CHARS` characters, cut
where `chunks` cuts (after a blank line, else a line, else a sentence end, else a space),
so a text on one line is windowed too. An article no longer than a window is one window,
read exactly as before. What a window learns from the others is bounded and named where it
is used (the dateline's place for events; the last town named before a street for places).

`SpanIndex` answers "does anything overlap [start, end)?" in O(log n + k) over spans of
bounded length, for the checks that would otherwise scan every mention of the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, TypeVar

from eventwire.model import Article, Entity, Identified, Place
from eventwire.nlp.mentions import Attributed, release_index
from eventwire.pipeline.stage import Work

if TYPE_CHECKING:
    from spacy.tokens import Span

T = TypeVar("T")

WINDOW_CHARS = 50_000  # a longer text is worked on in windows of at most this many chars
DATELINE_CHARS = 400  # where a dateline may be (as places.event_location reads it)


def chunks(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most `size` characters that join back into it exactly:
    after a blank line where there is one, else after a line or a sentence end, else at a
    space (a piece without any is cut hard)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = window.rfind(mark, size // 2)
            if found >= 0:
                cut = found + len(mark)
                break
        cut = cut if cut > 0 else size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def windows(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """The [start, end) character bounds of the windows of `text`, in order, covering it."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for piece in chunks(text, size or WINDOW_CHARS):
        bounds.append((start, start + len(piece)))
        start += len(piece)
    return bounds


def bucket(items: Iterable[T], start_of: Callable[[T], int],
           bounds: Sequence[tuple[int, int]]) -> list[list[T]]:
    """`items` shared out to the windows their start lies in, keeping their order."""
    starts = [start for start, _ in bounds]
    buckets: list[list[T]] = [[] for _ in bounds]
    for item in items:
        buckets[max(0, bisect_right(starts, start_of(item)) - 1)].append(item)
    return buckets


class SpanIndex:
    """[start, end) spans sorted by start, for overlap checks in O(log n + k)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)
        self._reach: list[int] | None = None  # the furthest end of spans[:i + 1]

    def add(self, start: int, end: int) -> None:
        position = bisect_right(self.starts, start)
        self.starts.insert(position, start)
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)
        self._reach = None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans sharing at least one character with [start, end), by start."""
        stop = bisect_left(self.starts, end)
        first = bisect_left(self.starts, start - self.longest)
        return [(s, e) for s, e in self.spans[first:stop] if e > start and s < end]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with [start, end): one that starts before
        `end` reaches past `start` (one long span, an unclosed quote, costs no scan)."""
        if self._reach is None:
            self._reach = list(accumulate((e for _, e in self.spans), max))
        stop = bisect_left(self.starts, end)
        return stop > 0 and self._reach[stop - 1] > start


def _start(item: Identified | Attributed) -> int:
    return item.start


def views(article: Article, bounds: Sequence[tuple[int, int]]) -> list[Article]:
    """One view of `article` per window, for a stage that reads the record so far: the
    window's entities (by start) and the actors they name, its places, times, counts and
    quotes, no events; and, across windows, the places of the dateline (those in the first
    `DATELINE_CHARS`), which every event of the article may fall back on. A view shares the
    text and the items with the article; what a stage adds to it stays in the view."""
    order = {actor.id: number for number, actor in enumerate(article.actors)}
    dateline = [p for p in article.places if p.start < DATELINE_CHARS]
    shares = {name: bucket(getattr(article, name), _start, bounds)
              for name in ("entities", "places", "times", "counts", "quotes")}
    found: list[Article] = []
    for index, (start, _) in enumerate(bounds):
        entities: list[Entity] = shares["entities"][index]
        named = sorted({e.actor for e in entities if e.actor in order}, key=order.__getitem__)
        places: list[Place] = shares["places"][index]
        if start >= DATELINE_CHARS:
            places = [*dateline, *places]
        view = article.model_copy(update={
            "entities": entities, "places": places, "events": [],
            "actors": [article.actors[order[i]] for i in named],
            "times": shares["times"][index], "counts": shares["counts"][index],
            "quotes": shares["quotes"][index]})
        release_index(view)
        found.append(view)
    return found


@dataclass
class Part(Work):
    """One window of a long article's work: a view of the record (`views`), the window's
    sentences and attributions, and event features of its own."""

    sentences: list[Span] = field(default_factory=list)


def split(work: Work) -> list[Work]:
    """`work` itself when its text is one window, else one `Part` per window."""
    article = work.article
    bounds = windows(article.text)
    if len(bounds) == 1:
        return [work]
    return [Part(view, work.doc, work.skip, attributions, sentences=sents)
            for view, sents, attributions in zip(
                views(article, bounds), bucket(work.parsed.sents, _start_char, bounds),
                bucket(work.attributions, _start, bounds), strict=True)]


def sentences(work: Work) -> Iterable[Span]:
    """The sentences a stage works on: the window's, or all of the doc's."""
    return work.sentences if isinstance(work, Part) else work.parsed.sents


def join(work: Work, part: Work) -> None:
    """A window's events into the article, renumbered, with their features."""
    if part is work:
        return
    article = work.article
    for event in part.article.events:
        number = f"v{len(article.events) + 1}"
        if event.id in part.event_features:
            work.event_features[number] = part.event_features[event.id]
        article.events.append(event.model_copy(update={"id": number}))


def _start_char(sentence: Span) -> int:
    return sentence.start_char
