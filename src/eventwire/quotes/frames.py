"""Which cue a quote belongs to: the quote's frame of sentences and the choice among its cues.

A quote's frame is the sentences of its paragraph it overlaps (plus a following
"McDonough wrote in an email." sentence or a preceding sentence, or paragraph, ending in a
colon). `best_cue` chooses among the frame's cues: first one with a speaker, then one not
inside what another cue reports, then one right beside the quote, then one that governs it
in the parse, then the nearest; `dash_cue` and `colon_cue` read a byline-style
'"..." ― Sonya Herridge' and a colon after a clause. `resolve` gives every segment its cue
(or its neighbour's speaker, or drops it as scare quotes); `governed_clauses` finds the
indirect speech a cue governs.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from eventwire.pipeline.windows import SpanIndex
from eventwire.quotes.attribution import Cue, cue_table, find_cues
from eventwire.quotes.content import (
    as_phrase,
    clause_cue,
    content_span,
    governed_start,
    governing_verb,
    verb_cue,
)
from eventwire.quotes.marks import Segment, close_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


DASH_NAME = re.compile(r"[^\S\n]*[―—–]+[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})")


ADJACENT = re.compile(r"[^!?;\"“”\n]{0,80}")


FOLLOWING_TOKENS = 25


SCARE_WORDS = 4


TITLE_WORDS = 6


TITLE_OWNER = re.compile(r"(?:['’]s|\bon)\s*$")


SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at",
                         "by", "with", "from", "is", "it"})


class Frames:
    """Sentences of the doc with their cues, computed once per sentence."""

    def __init__(self, doc: Doc, text: str, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = text
        self.sents: list[Span] = list(doc.sents)
        self.starts = [s.start_char for s in self.sents]
        self.quoted = quoted
        self._cues: dict[int, list[Cue]] = {}
        self._index = SpanIndex(quoted) if quoted == sorted(quoted) else None

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quoted stretches sharing a character with [start, end), in order: what a
        check of positions in that range needs (a long text's are not all scanned)."""
        if self._index is None:
            return [q for q in self.quoted if q[1] > start and q[0] < end]
        return self._index.overlapping(start, end)

    def around(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quoted stretches of the sentences [start, end) touches."""
        first, last = self.sents[self.index(start)], self.sents[self.index(max(start, end - 1))]
        return self.near(first.start_char, last.end_char)

    def index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def cues(self, index: int) -> list[Cue]:
        if index not in self._cues:
            sent = self.sents[index]
            self._cues[index] = find_cues(sent, self.near(sent.start_char, sent.end_char))
        return self._cues[index]

    def frame(self, segment: Segment) -> range:
        """Indices of the sentences a quote's attribution may lie in."""
        end_char = segment.close_at if segment.close_at is not None else segment.end
        first, last = self.index(segment.open_at), self.index(max(segment.open_at, end_char))
        text = self.text
        if last + 1 < len(self.sents):
            following = self.sents[last + 1]
            gap = text[end_char + 1:following.start_char]
            if not gap.strip() and "\n" not in gap and len(following) <= FOLLOWING_TOKENS:
                last += 1
        if first > 0 and segment.open_at <= self.sents[first].start_char + 1:
            previous = self.sents[first - 1]
            gap = text[previous.end_char:segment.open_at]
            if previous.text.rstrip().endswith(":") and not gap.strip():
                first -= 1
        return range(first, last + 1)


def best_cue(frames: Frames, segment: Segment) -> Cue | None:
    """The cue of the frame that governs the quote, else the nearest one with a speaker."""
    low, high = segment.bounds
    frame = frames.frame(segment)
    low = min(low, frames.sents[frame[0]].start_char)  # 'The Times reports:' paragraph
    candidates = [c for i in frame for c in frames.cues(i)
                  if not c.belief and low <= c.start < high]
    if not candidates:
        return None
    start, end = segment.start, segment.end

    def related(cue: Cue) -> int:
        token = cue.token
        for ancestor in token.ancestors:
            if start <= ancestor.idx < end:
                return 0
        for child in token.subtree:
            if start <= child.idx < end:
                return 0
        return 1

    def distance(cue: Cue) -> int:
        return max(start - cue.end, cue.start - end, 0)

    text = frames.text
    after = segment.close_at + 1 if segment.close_at is not None else end

    def adjacent(cue: Cue) -> int:
        """0 for '"...," he said' and 'He said: "..."', 1 otherwise."""
        if after <= cue.start and ADJACENT.fullmatch(text, after, cue.start) and \
                (text[after - 2:after - 1] != "." or content_span(cue) is None):
            return 0
        if cue.end <= segment.open_at and ADJACENT.fullmatch(text, cue.end, segment.open_at):
            return 0
        return 1

    return min(candidates, key=lambda c: (c.speaker is None, c.embedded, adjacent(c),
                                          related(c), distance(c)))


def dash_cue(text: str, frames: Frames, segment: Segment) -> Cue | None:
    """A byline-style attribution right after the quote: "..." ― Sonya Herridge."""
    if segment.close_at is None:
        return None
    match = DASH_NAME.match(text, segment.close_at + 1)
    if match is None:
        return None
    name = frames.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if name is None or len(name) == 0:
        return None
    dash = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
    end = match.end(1)
    if text[end - 1] == "." and end - match.start(1) > 3 and text[end - 3] != ".":
        end -= 1
    return Cue(dash, dash + 1, text[dash], name[0], speaker=(match.start(1), end))


def colon_cue(frames: Frames, segment: Segment) -> Cue | None:
    """A quote right after a colon that ends a clause with no reporting verb."""
    before = frames.text[:segment.open_at].rstrip()
    if not before.endswith(":") or segment.open_at - len(before) > 2:
        return None
    colon = len(before) - 1
    return clause_cue(frames.sents[frames.index(colon)].root, colon,
                      frames.around(colon, colon + 1))


def _title(text: str, segment: Segment) -> bool:
    """A quoted title or name, not words: "Fox News Sunday", "Keepin' It Real"; or a
    bracketed stage direction of a transcript: "(CROSSTALK.)"."""
    inner = text[segment.start:segment.end].rstrip(".")
    if inner[:1] in "([" and inner[-1:] in ")]":
        return True
    words = [w for w in text[segment.start:segment.end].split() if w[:1].isalpha()]
    owned = TITLE_OWNER.search(text, max(0, segment.open_at - 4), segment.open_at) is not None
    final = "?!" if owned else ".?!"
    if not words or len(words) > TITLE_WORDS or text[segment.end - 1:segment.end] in final:
        return False
    return all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words) and \
        any(w[0].isupper() for w in words)


def _opens_sentence(frames: Frames, segment: Segment) -> bool:
    """The quote starts its sentence (or paragraph): it can stand alone."""
    sent = frames.sents[frames.index(segment.open_at)]
    return segment.open_at <= sent.start_char + 1 or segment.open_at == segment.bounds[0]


def resolve(text: str, frames: Frames, segments: list[Segment]) -> list[Segment]:
    """Give every segment a cue (own, chain's or neighbour's); drop scare quotes."""
    for segment in segments:
        segment.cue = best_cue(frames, segment)
        if segment.cue is None or segment.cue.speaker is None:
            segment.cue = dash_cue(text, frames, segment) or colon_cue(frames, segment) or \
                segment.cue
    chains: dict[int, Cue] = {}
    for segment in segments:
        if segment.cue is not None and segment.cue.speaker is not None:
            chains.setdefault(segment.chain, segment.cue)
    kept: list[Segment] = []
    for index, segment in enumerate(segments):
        if _title(text, segment):
            continue
        if segment.cue is None or segment.cue.speaker is None:
            own = chains.get(segment.chain)
            governing = None if own is not None or _opens_sentence(frames, segment) else \
                _verb_cue(frames, segment)
            if own is not None or governing is not None:
                segment.cue = own or governing
            elif not _opens_sentence(frames, segment) and \
                    len(text[segment.start:segment.end].split()) < SCARE_WORDS:
                continue
            else:
                segment.continued_from = _neighbour(segments, index)
                if segment.runaway and segment.continued_from is None:
                    continue
        kept.append(segment)
    return kept


def _verb_cue(frames: Frames, segment: Segment) -> Cue | None:
    """The verb that takes a quote into its clause, as a cue: 'Trump attacked "the
    hateful ideology ..."' (PolNeAR attributes such words to the subject)."""
    verb = governing_verb(frames.doc, segment.start, segment.end,
                          frames.around(segment.start, segment.end))
    if verb is None:
        return None
    table = cue_table()
    if verb.lemma_.lower() not in table.verbs | table.naming and not (
            as_phrase(frames.doc, segment.start, segment.end, verb) or
            len(frames.text[segment.start:segment.end].split()) >= SCARE_WORDS):
        return None  # 'bought a "philanthropub"': a scare quote, not someone's words
    return verb_cue(verb, frames.around(verb.idx, verb.idx + 1))


def governed_clauses(frames: Frames, segments: list[Segment]) -> list[tuple[int, int, Cue]]:
    """Clauses that end in a partial quote their cue verb governs through an object or a
    preposition rather than a that-clause: 'blasted [the American media for being
    "unbelievably dishonest."]', 'criticized [the Affordable Care Act as a "crazy
    system"]'. The clause runs from the verb's first complement to the last closing mark
    of the quotes inside it."""
    found: list[tuple[int, int, Cue]] = []
    text = frames.text
    for index, segment in enumerate(segments):
        cue = segment.cue
        if cue is None or cue.speaker is None or cue.according or segment.close_at is None \
                or (found and found[-1][1] > segment.open_at):
            continue
        verb = governing_verb(frames.doc, segment.start, segment.end,
                              frames.around(segment.start, segment.end))
        if verb is None or verb != cue.token or content_span(cue) is not None:
            continue  # a cue with a that-clause has its content already
        start = governed_start(verb, segment.open_at)
        if start is None or start < cue.end:
            continue
        limit = verb.right_edge.idx + len(verb.right_edge.text)
        end = close_end(text, segment)
        for later in map(segments.__getitem__, range(index + 1, len(segments))):
            if later.open_at >= limit or later.close_at is None or \
                    frames.index(later.open_at) != frames.index(segment.open_at):
                break
            end = close_end(text, later)
        found.append((start, end, cue))
    return found


def _neighbour(segments: list[Segment], index: int) -> Segment | None:
    segment = segments[index]
    for other in map(segments.__getitem__, range(index - 1, -1, -1)):  # no copies
        if other.paragraph < segment.paragraph - 1:
            break
        if other.cue is not None and other.cue.speaker is not None:
            return other
    for other in map(segments.__getitem__, range(index + 1, len(segments))):
        if other.paragraph != segment.paragraph:
            break
        if other.cue is not None and other.cue.speaker is not None:
            return other
    return None


def to_sentence_end(frames: Frames, cue: Cue, span: tuple[int, int] | None
                     ) -> tuple[int, int] | None:
    """A reported clause after its cue runs to the end of the sentence, over coordinated
    clauses and a quote it introduces ('said she wanted to speak ... and let them know
    that "this is not who we are."'), unless another cue starts in between."""
    if span is None or cue.according or span[0] < cue.end:
        return span
    index = frames.index(cue.start)
    sent = frames.sents[index]
    if any(span[1] <= other.start < sent.end_char and not other.belief
           for other in frames.cues(index)):
        return span
    end = sent.end_char
    text = frames.text
    while end > span[1] and (text[end - 1].isspace() or text[end - 1] in ".!?”\""):
        end -= 1
    end = max(span[1], end)
    for opened, closed in frames.near(*span):
        if span[0] <= opened < span[1] and opened < end < closed:  # runs to its close
            end = closed
    return span[0], end
