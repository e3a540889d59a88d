"""What was said: the span of text a cue attributes, read off the spaCy parse.

`content_span(cue)` is the clause a reporting verb or "according to" governs (a that-clause,
"told lawmakers [that ...]"); `object_span(cue)` is the object of a naming verb up to its
quoted words ('criticized [the Affordable Care Act as a "crazy system"]'). `governing_verb`
finds the verb that takes a quote into its clause ('Trump attacked "the hateful ideology"'),
`verb_cue` and `clause_cue` make cues of such verbs and of a clause before a colon
('rolling out a new message: "It's about me."'). The cue words and speakers are in
`attribution`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp.english import (
    APPOS_OR_PREP,
    EXPL_OR_MARK,
    PREDICATIVE_CLAUSES,
    SUBJECTS,
    VERB_COMPLEMENTS,
    VERB_TAGS,
)
from eventwire.nlp.syntax import inside, speaker_subject
from eventwire.quotes.attribution import (
    Cue,
    cue_table,
    np_span,
    referent,
    source_of,
    token_end,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CLAUSE_MARKERS = SUBJECTS | EXPL_OR_MARK  # what makes words a clause of their own
CLAUSE_WORDS = 3
WEAK_VERBS = frozenset({"be", "have", "do", "get", "make", "include"})


def content_span(cue: Cue) -> tuple[int, int] | None:
    """The clause a cue governs: the that-clause of a verb, the clause of "according to"."""
    span = _content_span(cue)
    if span is None or span[0] <= cue.start < span[1]:
        return None
    return span


def _content_span(cue: Cue) -> tuple[int, int] | None:
    token = cue.token
    if cue.according:
        head = token.head
        while head.dep_ == "prep" and head.head is not head:
            head = head.head
        if head is token:
            return None
        return _clause_without(head, token)
    for child in token.children:
        if child.dep_ == "ccomp" and _is_clause(child):
            return child.left_edge.idx, token_end(child.right_edge)
    if token.lemma_.lower() in cue_table().naming:
        named = _named(token)
        if named is not None:
            return named
    if token.dep_ == "parataxis" and token.head.i < token.i and \
            token.doc[token.left_edge.i - 1].text == ",":
        return _clause_without(token.head, token)
    return None


def _is_clause(head: Token) -> bool:
    """A complement clause worth attributing: it has a subject or a "that", 3+ words."""
    words = sum(1 for t in head.subtree if t.is_alpha and len(t.text) > 1)
    if words < CLAUSE_WORDS:
        return False
    return any(child.dep_ in CLAUSE_MARKERS for child in head.children)


def _named(verb: Token) -> tuple[int, int] | None:
    """Object and complement of a naming verb: "called [the senator a 'nasty guy']"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    obj = objects[0]
    tails = [c for c in verb.rights if c.i > obj.i and (
        c.dep_ in PREDICATIVE_CLAUSES or (c.dep_ == "prep" and c.lower_ == "as"))]
    end = tails[-1].right_edge if tails else obj.right_edge
    if not tails and not any(c.dep_ in APPOS_OR_PREP for c in obj.rights):
        return None
    return obj.left_edge.idx, token_end(end)


def object_span(cue: Cue) -> tuple[int, int] | None:
    """The direct object of a reporting verb ("reported the call"), for attributions."""
    if cue.token.lemma_.lower() not in cue_table().objects:
        return None
    for child in cue.token.children:
        if child.dep_ == "dobj":
            return child.left_edge.idx, token_end(child.right_edge)
    return None


def _clause_without(head: Token, cut: Token) -> tuple[int, int] | None:
    """Characters of `head`'s subtree that lie on one side of `cut`'s subtree."""
    left, right = head.left_edge.i, head.right_edge.i
    cut_left, cut_right = cut.left_edge.i, cut.right_edge.i
    doc = head.doc
    if cut_left > left:
        right = min(right, cut_left - 1)
    else:
        left = max(left, cut_right + 1)
    while left <= right and doc[left].is_punct:
        left += 1
    while right >= left and doc[right].is_punct:
        right -= 1
    if right < left:
        return None
    return doc[left].idx, token_end(doc[right])


def sentences(doc: Doc) -> list[Span]:
    return list(doc.sents)


def governing_verb(doc: Doc, start: int, end: int,
                   quoted: list[tuple[int, int]]) -> Token | None:
    """The verb before a quoted phrase that takes it into its clause and has a subject
    ("Trump openly admires Putin as a 'strong leader'" → admires), or None. Copulas and
    auxiliaries ("is", "has") do not govern quotes."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    for ancestor in span.root.ancestors:
        if ancestor.idx >= start or inside(ancestor.idx, quoted):
            continue
        if ancestor.pos_ not in VERB_TAGS:
            continue
        if ancestor.lemma_.lower() in WEAK_VERBS:
            continue
        if speaker_subject(ancestor, quoted) is not None:
            return ancestor
    return None


def governed_start(verb: Token, before: int) -> int | None:
    """Where the complement of `verb` that leads up to a quote at `before` starts: the left
    edge of its first complement after it ("criticized [the Affordable Care Act as a ...")."""
    for child in verb.rights:
        if child.dep_ in VERB_COMPLEMENTS:
            start = child.left_edge.idx
            return start if start < before else None
    return None


def verb_cue(verb: Token, quoted: list[tuple[int, int]]) -> Cue | None:
    """A cue made from any verb that governs a quote, with its subject as the speaker."""
    subject = speaker_subject(verb, quoted)
    if subject is None or inside(subject.idx, quoted):
        return None
    head, channel = source_of(subject)
    return Cue(verb.idx, token_end(verb), verb.text, verb, speaker=np_span(head), channel=channel,
               referent=referent(subject))


def as_phrase(doc: Doc, start: int, end: int, verb: Token) -> bool:
    """The quote at [start, end) describes the verb's object: 'admires Putin as a "strong
    leader"'."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    for ancestor in span.root.ancestors:
        if ancestor == verb:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ == "as" and ancestor.head == verb:
            return True
    return False


def clause_cue(verb: Token, colon: int, quoted: list[tuple[int, int]]) -> Cue | None:
    """The colon after a clause with no reporting verb as the cue of the quote it opens:
    'Obama is rolling out a new campaign message: "It's about me."' (PolNeAR's reading);
    the subject of the clause (`verb`, its root) is the speaker."""
    if verb.idx > colon or verb.pos_ not in VERB_TAGS or verb.lemma_.lower() in WEAK_VERBS:
        return None
    cue = verb_cue(verb, quoted)
    if cue is None:
        return None
    return Cue(colon, colon + 1, ":", verb, speaker=cue.speaker, channel=cue.channel,
               referent=cue.referent)


def to_last_quote(span: tuple[int, int], quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """What a naming verb names ends with its quoted words: 'criticized [the Affordable
    Care Act as a "crazy system"] during a campaign stop'."""
    ends = [closed for opened, closed in quoted if span[0] <= opened and closed < span[1]]
    return (span[0], max(ends)) if ends else span


def closed_over_mark(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Extend a clause over the closing mark of a quote it opens ('... a "strongman approach."')."""
    if span is None:
        return None
    start, end = span
    piece = text[start:end]
    if piece.count("“") > piece.count("”") or piece.count('"') % 2 == 1:
        grown = end
        while grown < len(text) and grown - end < 3 and text[grown] in ".,!?”\"":
            grown += 1
            if text[grown - 1] in "”\"":
                return start, grown
    return span


def covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> float:
    """The share of `span` that `spans` cover (1.0 for an empty span)."""
    length = span[1] - span[0]
    if length <= 0:
        return 1.0
    shared = sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in spans)
    return shared / length
