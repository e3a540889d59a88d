"""Quotes: direct, partial and indirect quotes with speaker, cue and channel.

Modules: `marks` (step 1), `frames` (steps 2-3), `attribution` (cues and speakers),
`content` (what a cue governs: step 4); this stage puts them together.

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
the call"), is handed to the events stage as `work.attributions`.
"""

from __future__ import annotations

from eventwire.model import Mention, Quote
from eventwire.nlp.mentions import Attributed, mention_at
from eventwire.pipeline.stage import Stage, Work
from eventwire.pipeline.windows import SpanIndex
from eventwire.quotes.attribution import Cue, channel_in, cue_table
from eventwire.quotes.content import (
    closed_over_mark,
    content_span,
    covered,
    object_span,
    to_last_quote,
)
from eventwire.quotes.frames import Frames, governed_clauses, resolve, to_sentence_end
from eventwire.quotes.marks import close_end, scan

INDIRECT_COVERED = 0.5  # an indirect quote mostly covered by direct quotes is not one


class QuotesStage(Stage):
    name = "quotes"
    requires = ("doc", "entities", "actors")
    assigns = ("quotes", "attributions")

    def process(self, work: Work) -> None:
        article = work.article
        text = article.text
        notes: list[str] = []
        segments = scan(text, notes)
        for note in notes:
            work.warn(note)
        quoted = [(s.open_at, close_end(text, s)) for s in segments]
        frames = Frames(work.parsed, text, quoted)
        segments = resolve(text, frames, segments)
        found: list[Quote] = []
        for segment in segments:
            cue = segment.cue
            if (cue is None or cue.speaker is None) and segment.continued_from is not None:
                cue = segment.continued_from.cue
            found.append(self._quote(work, segment.start, segment.end, True, cue, frames,
                                     segment_cue=segment.cue))
        direct = SpanIndex((s.start, s.end) for s in segments)
        attributions: list[Attributed] = []
        for start, end, cue in governed_clauses(frames, segments):
            found.append(self._quote(work, start, end, False, cue, frames, segment_cue=cue))
        for index in range(len(frames.sents)):
            for cue in frames.cues(index):
                if cue.speaker is not None:
                    self._indirect(work, cue, frames, direct, found, attributions)
        found.sort(key=lambda quote: (quote.start, quote.end))
        for number, quote in enumerate(found, start=1):
            quote.id = f"q{number}"
            article.quotes.append(quote)
            if quote.speaker is not None:
                attributions.append(Attributed(quote.start, quote.end, quote.speaker, quote.cue,
                                               quote.channel, quote.id))
        attributions.sort(key=lambda a: (a.start, a.end))
        work.attributions = attributions

    def _indirect(self, work: Work, cue: Cue, frames: Frames, direct: SpanIndex,
                  found: list[Quote], attributions: list[Attributed]) -> None:
        """What a cue with a speaker governs outside the direct quotes: an indirect quote
        (a that-clause, "according to X, ...", a naming verb's object up to its quoted
        words), else an attribution of the clause or object it governs."""
        text = work.article.text
        content = closed_over_mark(text, to_sentence_end(frames, cue, content_span(cue)))
        if content is not None and cue.token.lemma_.lower() in cue_table().naming:
            content = to_last_quote(content, frames.near(*content))
        if content is not None and not cue.belief and \
                covered(content, direct.overlapping(*content)) < INDIRECT_COVERED:
            found.append(self._quote(work, content[0], content[1], False, cue, frames,
                                     segment_cue=cue))
            return
        governed = content or object_span(cue)
        if governed is not None and \
                covered(governed, direct.overlapping(*governed)) < INDIRECT_COVERED:
            attributions.append(Attributed(governed[0], governed[1], self._speaker(work, cue),
                                           cue.word, cue.channel))

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
            channel = channel_in(text, sent.start_char, sent.end_char,
                                 frames.near(sent.start_char, sent.end_char))
        return Quote(id="q0", text=text[start:end], start=start, end=end, direct=direct,
                     speaker=speaker, cue=own.word if own else None,
                     cue_start=own.start if own else None, cue_end=own.end if own else None,
                     channel=channel)


