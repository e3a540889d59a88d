"""Quotes: direct, partial and indirect quotes with speaker, cue and channel.

How it works:
1. `scan` finds quoted stretches paragraph by paragraph with one regex pass over the
   quotation marks (straight, curly, and the typewriter pair ''). A quote left open at the
   end of a paragraph continues when the next paragraph opens with a quotation mark (news
   convention); otherwise it is a runaway and stops at its paragraph end with a warning. A
   straight mark opening an excerpt paragraph whose own quotes are curly is not a quote.
   Quoted titles ("Fox News Sunday") and stage directions ("(CROSSTALK.)") are not quotes.
2. Each quote's frame is the sentences of its paragraph it overlaps (plus a following
   "McDonough wrote in an email." sentence or a preceding sentence, or paragraph, ending in
   a colon: 'The New York Times reports:'). The cue is chosen among the frame's reporting
   verbs and "according to": first one with a speaker, then one not inside what another
   cue reports, then one right beside the quote ('"...," he said'), then one that governs
   it in the parse, then the nearest. The speaker is its subject or object, as written
   ("he", "who"; see `attribution`); a byline-style '"..." ― Sonya Herridge' and a colon
   after a clause ('rolling out a new message: "It's about me."') also count.
3. A quote with no cue inside a sentence takes the verb that governs it as its cue ('Trump
   attacked "the hateful ideology ..."', PolNeAR's reading); other cue-less quotes take the
   speaker of the neighbouring quote: the previous one in its paragraph, the last one of
   the previous paragraph, or the next one in its paragraph. The paragraphs of one
   multi-paragraph quote share a speaker. Short cue-less quotes inside a sentence under a
   verb that is no cue ('bought a "philanthropub"') are scare quotes and are dropped.
4. Indirect speech: a reporting verb with a that-clause ("told lawmakers that ...") and
   "according to X" with the clause it governs become quotes with `direct: false`; so do
   the object of a naming verb up to its quoted words ('criticized [the Affordable Care
   Act as a "crazy system"]') and a clause a cue governs through an object or preposition
   up to the partial quote that ends it ('blasted [the media for being "dishonest."]').

Split quotes ("We take ...," OIR said, "and we ...") give two `Quote` items with the same
speaker and cue. A quote across paragraphs gives one item per paragraph. For "according
to a readout of the call provided by X", the speaker is X (who put the words out) and the
channel is the noun ("readout"). Every attribution, quoted or not ("Reuters first reported
the call"), is handed to the events stage as `work.scratch["attributions"]`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.model import Mention, Quote
from eventwire.nlp.mentions import ATTRIBUTIONS, Attributed, mention_at
from eventwire.pipeline.stage import Stage, Work
from eventwire.quotes.attribution import (
    Cue,
    as_phrase,
    channel_in,
    clause_cue,
    closed_over_mark,
    content_span,
    covered,
    cue_table,
    find_cues,
    governed_start,
    governing_verb,
    object_span,
    to_last_quote,
    verb_cue,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MARKS = re.compile(r"[\"“”]|''")
PARAGRAPH = re.compile(r"[^\n]+")
OPEN_AFTER = frozenset("([{—–-/:")
TRIM_END = " \t,"
DASH_NAME = re.compile(r"[^\S\n]*[―—–]+[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})")
ADJACENT = re.compile(r"[^!?;\"“”\n]{0,80}")
FOLLOWING_TOKENS = 25
SCARE_WORDS = 4
TITLE_WORDS = 6
TITLE_OWNER = re.compile(r"(?:['’]s|\bon)\s*$")
SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at",
                         "by", "with", "from", "is", "it"})
INDIRECT_COVERED = 0.5


@dataclass
class Segment:
    """One quoted stretch inside one paragraph: content offsets, without the marks."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraph: int
    chain: int
    bounds: tuple[int, int] = (0, 0)
    runaway: bool = False  # unbalanced: never closed, or closed by the next opening mark
    cue: Cue | None = None
    continued_from: Segment | None = field(default=None, repr=False)


def scan(text: str, warn: list[str]) -> list[Segment]:
    """Quoted stretches of `text`, paragraph by paragraph; notes trouble in `warn`."""
    segments: list[Segment] = []
    carried: int | None = None
    for number, para in enumerate(PARAGRAPH.finditer(text)):
        p_start, p_end = para.start(), para.end()
        first = p_start + len(para.group(0)) - len(para.group(0).lstrip())
        chain = carried if carried is not None and _opening(text, first) else None
        carried = None
        opened: int | None = None
        stray = _stray_opening(para.group(0), first)
        for mark in MARKS.finditer(text, p_start, p_end):
            i, ch = mark.start(), mark.group(0).replace("''", '"')
            if i == stray:
                continue
            before = text[i - 1] if i > p_start else " "
            after = text[mark.end()] if mark.end() < p_end else " "
            opens = before.isspace() or before in OPEN_AFTER or i == first
            if opened is None:
                if ch == "“" or (opens and not after.isspace()) or i == first:
                    opened = i
                continue
            reopen = (ch == "“" or (ch == '"' and before.isspace() and after.isalnum()))
            if reopen and not _closes(before, after):
                warn.append(f"quotes: unbalanced quotation mark at {opened}; closed at {i}")
                _add(segments, text, opened, i, i, number, chain, (p_start, p_end))
                if segments and segments[-1].open_at == opened:
                    segments[-1].runaway = True
                opened = i
                chain = None
                continue
            _add(segments, text, opened, i, i, number, chain, (p_start, p_end))
            opened, chain = None, None
        if opened is not None:
            _add(segments, text, opened, p_end, None, number, chain, (p_start, p_end))
            if segments and segments[-1].open_at == opened:
                if opened == first and _next_opens(text, p_end):
                    carried = chain if chain is not None else len(segments) - 1
                    segments[-1].chain = carried
                else:
                    segments[-1].runaway = True
                    warn.append(f"quotes: quotation mark at {opened} is never closed; "
                                f"quote stops at the paragraph end ({p_end})")
    return segments


def _stray_opening(paragraph: str, first: int) -> int | None:
    """The straight quotation mark that opens a paragraph of an excerpt whose own quotes
    are curly and balanced ('"Kevin was snoring. “Here he is, babe,” she said.'): it marks
    the excerpt, it opens no quote of its own. None when there is none."""
    body = paragraph.lstrip()
    if not body.startswith('"') or body.count('"') % 2 == 0 or "“" not in body or \
            body.count("“") != body.count("”"):
        return None
    return first


def _close_end(text: str, segment: Segment) -> int:
    """The end of a segment's closing mark (two characters for ''), or of its content."""
    if segment.close_at is None:
        return segment.end
    return segment.close_at + (2 if text.startswith("''", segment.close_at) else 1)


def _closes(before: str, after: str) -> bool:
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _opening(text: str, position: int) -> bool:
    return text[position:position + 1] in {"\"", "“", "”"} or text.startswith("''", position)


def _next_opens(text: str, position: int) -> bool:
    rest = text[position:position + 200]
    return _opening(text, position + len(rest) - len(rest.lstrip()))


def _add(segments: list[Segment], text: str, opened: int, end: int, close: int | None,
         paragraph: int, chain: int | None, bounds: tuple[int, int]) -> None:
    start = opened + (2 if text.startswith("''", opened) else 1)
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1] in TRIM_END:
        stop -= 1
    if stop <= start or not any(ch.isalnum() for ch in text[start:stop]):
        return
    own = len(segments)
    segments.append(Segment(start, stop, opened, close, paragraph,
                            chain if chain is not None else own, bounds))


class Frames:
    """Sentences of the doc with their cues, computed once per sentence."""

    def __init__(self, doc: Doc, text: str, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = text
        self.sents: list[Span] = list(doc.sents)
        self.starts = [s.start_char for s in self.sents]
        self.quoted = quoted
        self._cues: dict[int, list[Cue]] = {}

    def index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def cues(self, index: int) -> list[Cue]:
        if index not in self._cues:
            sent = self.sents[index]
            local = [q for q in self.quoted if q[1] > sent.start_char and q[0] < sent.end_char]
            self._cues[index] = find_cues(sent, local)
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
    return clause_cue(frames.sents[frames.index(colon)].root, colon, frames.quoted)


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
    verb = governing_verb(frames.doc, segment.start, segment.end, frames.quoted)
    if verb is None:
        return None
    table = cue_table()
    if verb.lemma_.lower() not in table.verbs | table.naming and not (
            as_phrase(frames.doc, segment.start, segment.end, verb) or
            len(frames.text[segment.start:segment.end].split()) >= SCARE_WORDS):
        return None  # 'bought a "philanthropub"': a scare quote, not someone's words
    return verb_cue(verb, frames.quoted)


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
        verb = governing_verb(frames.doc, segment.start, segment.end, frames.quoted)
        if verb is None or verb != cue.token or content_span(cue) is not None:
            continue  # a cue with a that-clause has its content already
        start = governed_start(verb, segment.open_at)
        if start is None or start < cue.end:
            continue
        limit = verb.right_edge.idx + len(verb.right_edge.text)
        end = _close_end(text, segment)
        for later in segments[index + 1:]:
            if later.open_at >= limit or later.close_at is None or \
                    frames.index(later.open_at) != frames.index(segment.open_at):
                break
            end = _close_end(text, later)
        found.append((start, end, cue))
    return found


def _neighbour(segments: list[Segment], index: int) -> Segment | None:
    segment = segments[index]
    for other in reversed(segments[:index]):
        if other.paragraph < segment.paragraph - 1:
            break
        if other.cue is not None and other.cue.speaker is not None:
            return other
    for other in segments[index + 1:]:
        if other.paragraph != segment.paragraph:
            break
        if other.cue is not None and other.cue.speaker is not None:
            return other
    return None


class QuotesStage(Stage):
    name = "quotes"
    requires = ("doc", "entities", "actors")
    assigns = ("quotes",)

    def process(self, work: Work) -> None:
        article = work.article
        text = article.text
        notes: list[str] = []
        segments = scan(text, notes)
        for note in notes:
            work.warn(note)
        quoted = [(s.open_at, _close_end(text, s)) for s in segments]
        frames = Frames(work.parsed, text, quoted)
        segments = resolve(text, frames, segments)
        found: list[Quote] = []
        for segment in segments:
            cue = segment.cue
            if (cue is None or cue.speaker is None) and segment.continued_from is not None:
                cue = segment.continued_from.cue
            found.append(self._quote(work, segment.start, segment.end, True, cue, frames,
                                     segment_cue=segment.cue))
        direct = [(s.start, s.end) for s in segments]
        attributions: list[Attributed] = []
        for start, end, cue in governed_clauses(frames, segments):
            found.append(self._quote(work, start, end, False, cue, frames, segment_cue=cue))
        for index in range(len(frames.sents)):
            for cue in frames.cues(index):
                if cue.speaker is None:
                    continue
                content = closed_over_mark(text, _to_sentence_end(frames, cue, content_span(cue)))
                if content is not None and cue.token.lemma_.lower() in cue_table().naming:
                    content = to_last_quote(content, frames.quoted)
                if content is not None and not cue.belief and \
                        covered(content, direct) < INDIRECT_COVERED:
                    found.append(self._quote(work, content[0], content[1], False, cue, frames,
                                             segment_cue=cue))
                    continue
                governed = content or object_span(cue)
                if governed is not None and covered(governed, direct) < INDIRECT_COVERED:
                    attributions.append(Attributed(governed[0], governed[1],
                                                   self._speaker(work, cue), cue.word,
                                                   cue.channel))
        found.sort(key=lambda quote: (quote.start, quote.end))
        for number, quote in enumerate(found, start=1):
            quote.id = f"q{number}"
            article.quotes.append(quote)
            if quote.speaker is not None:
                attributions.append(Attributed(quote.start, quote.end, quote.speaker, quote.cue,
                                               quote.channel, quote.id))
        attributions.sort(key=lambda a: (a.start, a.end))
        work.scratch[ATTRIBUTIONS] = attributions

    def _speaker(self, work: Work, cue: Cue) -> Mention:
        start, end = cue.speaker if cue.speaker is not None else (cue.start, cue.end)
        mention = mention_at(work.article, start, end)
        if mention.actor is None and cue.referent is not None:  # "who said": the actor of
            mention.actor = mention_at(work.article, *cue.referent).actor  # its antecedent
        return mention

    def _quote(self, work: Work, start: int, end: int, direct: bool, cue: Cue | None,
               frames: Frames, segment_cue: Cue | None) -> Quote:
        text = work.article.text
        speaker = self._speaker(work, cue) if cue is not None and cue.speaker else None
        own = segment_cue if segment_cue is not None and segment_cue is cue else None
        channel = cue.channel if cue is not None else None
        if channel is None and own is not None:
            sent = frames.sents[frames.index(own.start)]
            channel = channel_in(text, sent.start_char, sent.end_char, frames.quoted)
        return Quote(id="q0", text=text[start:end], start=start, end=end, direct=direct,
                     speaker=speaker, cue=own.word if own else None,
                     cue_start=own.start if own else None, cue_end=own.end if own else None,
                     channel=channel)


def _to_sentence_end(frames: Frames, cue: Cue, span: tuple[int, int] | None
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
    for opened, closed in frames.quoted:
        if span[0] <= opened < span[1] and opened < end < closed:  # runs to its close
            end = closed
    return span[0], end
