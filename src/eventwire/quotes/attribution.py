"""Who said it: cues, speakers and channels of attributions, read off the spaCy parse.

The cue table is `data/quotes/speech_cues.tsv`. A cue is a reporting verb ("said", "told",
"warned", "expressed"), a verb of belief ("believes", only for non-quote attributions) or
the preposition "according to". The speaker is the subject of the cue verb (through
`conj`, `advcl` and `xcomp` to the verb that has one), or the object of "according to";
when that object is a channel noun ("a statement from X", "a readout ... provided by X")
the speaker is X and the noun is the channel. Two fallbacks catch what the small parser
gets wrong: the name right after an inverted cue ('"...," said Skelly'; not after a
participle or "tell": "telling O'Reilly" names the hearer) and the name before a
subject-less cue ('"...," Tulsa police Chief Chuck Jordan said', 'Ramos, 58, told').
Speakers are mentions as written: a relative "who" is the speaker and its antecedent
(`Cue.referent`) gives the actor. A subject inside a quote never speaks; "X issued a
statement saying" is X's. Naming verbs ("called the senator a 'nasty guy'") govern object
and complement; `governing_verb` finds the verb that takes a quote into its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import read_tsv
from eventwire.nlp.english import VERB_COMPLEMENTS, VERB_TAGS
from eventwire.nlp.syntax import inside, np_left_edge, speaker_subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CLAUSE_MARKERS = frozenset({"nsubj", "nsubjpass", "expl", "mark", "csubj"})
CLAUSE_WORDS = 3
LEFT_PHRASE = 10
PHRASE_STOP = frozenset({"”", "\"", ",”", ",\"", "“", ";", ":", "—", "―", "–"})
NAME_TAGS = frozenset({"PROPN", "NOUN", "PRON", "PUNCT", "DET"})
SOURCE_PREPS = frozenset({"from", "by"})
WEAK_VERBS = frozenset({"be", "have", "do", "get", "make", "include"})
RELATIVE_TAGS = frozenset({"WP", "WDT"})


@dataclass(frozen=True)
class CueTable:
    """The cue words of `speech_cues.tsv`, compiled once."""

    verbs: frozenset[str]
    beliefs: frozenset[str]
    nouns: frozenset[str]
    objects: frozenset[str]
    naming: frozenset[str]
    channel_re: re.Pattern[str]


@lru_cache(maxsize=1)
def cue_table() -> CueTable:
    """The packaged cue table (read once per process)."""
    kinds: dict[str, set[str]] = {"verb": set(), "belief": set(), "noun": set(),
                                  "prep": set(), "object": set(), "naming": set(),
                                  "channel": set()}
    for parts in read_tsv("quotes/speech_cues.tsv"):
        if len(parts) >= 2 and parts[0] in kinds:
            kinds[parts[0]].add(parts[1].strip().lower())
    channels = sorted(kinds["channel"], key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(re.escape(c) for c in channels) + r")\b"
    return CueTable(verbs=frozenset(kinds["verb"]), beliefs=frozenset(kinds["belief"]),
                    nouns=frozenset(kinds["noun"]), objects=frozenset(kinds["object"]),
                    naming=frozenset(kinds["naming"]),
                    channel_re=re.compile(pattern, re.IGNORECASE))


@dataclass
class Cue:
    """A cue in the text: its characters, the word, and who it attributes to."""

    start: int
    end: int
    word: str
    token: Token
    speaker: tuple[int, int] | None = None
    channel: str | None = None
    belief: bool = False
    according: bool = False
    referent: tuple[int, int] | None = None  # what a speaker "who" stands for
    embedded: bool = False  # inside what another cue reports: "said he's certain Rubio
    # will continue to be ..." (the subject of "continue" speaks for no one)


def np_span(token: Token) -> tuple[int, int]:
    """Characters of the noun phrase headed by `token`, without relative clauses.

    A head inside a named entity gives the entity ("Mike Pompeo"); otherwise the head
    with its determiners, possessives, compounds and adjectives ("a U.S. official").
    """
    if token.ent_iob_ != "O":
        doc = token.doc
        first, last = token.i, token.i
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        left = min(first, np_left_edge(token).i)
        return doc[left].idx, _end(doc[last])
    left_token = np_left_edge(token)
    return left_token.idx, token.idx + len(token.text)


def _left_phrase(verb: Token, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The name between a closing quotation mark and a subject-less cue verb the parser
    got wrong: '"...," Tulsa police Chief Chuck Jordan said', '"...," Gene Sperling, a top
    Clinton adviser, said'."""
    doc = verb.doc
    first = verb.i
    while first > verb.sent.start and verb.i - first < LEFT_PHRASE:
        previous = doc[first - 1]
        if previous.text in PHRASE_STOP or (previous.pos_ in VERB_TAGS and
                                             not previous.is_title) or \
                inside(previous.idx, quoted):
            break
        first -= 1
    if first > 0 and doc[first - 1].text not in PHRASE_STOP:
        return None
    last = verb.i - 1
    while last >= first and doc[last].text == ",":
        last -= 1
    if last >= first and doc[last].pos_ not in NAME_TAGS:  # 'Ramos, 58, told': the name
        comma = next((t.i for t in doc[first:last + 1] if t.text == ","), None)  # before
        last = comma - 1 if comma is not None else last  # its appositive
    if last < first or doc[last].pos_ not in NAME_TAGS or \
            not (doc[first].pos_ in NAME_TAGS or doc[first].is_title):
        return None
    return doc[first].idx, _end(doc[last])


def _name_before(verb: Token) -> tuple[int, int] | None:
    """The proper name right before a subject-less cue verb, past commas: 'her senior
    policy adviser, Jake Sullivan, said:'."""
    doc = verb.doc
    last = verb.i - 1
    while last > verb.sent.start and doc[last].text == ",":
        last -= 1
    if last < verb.sent.start or doc[last].pos_ != "PROPN":
        return None
    first = last
    while first > verb.sent.start and doc[first - 1].pos_ == "PROPN":
        first -= 1
    return doc[first].idx, _end(doc[last])


def source_of(noun: Token) -> tuple[Token, str | None]:
    """The originator of a channel noun, and the channel ("statement from X" → X; "X
    issued a statement saying ..." → X)."""
    lemma = noun.lemma_.lower()
    if lemma not in cue_table().nouns:
        return noun, None
    for child in noun.subtree:
        if child == noun:
            continue
        if child.dep_ == "poss" and child.head == noun:
            return child, lemma
        if child.dep_ == "pobj" and child.head.lower_ in SOURCE_PREPS:
            return child, lemma
    if noun.dep_ == "dobj" and noun.head.pos_ in VERB_TAGS:
        issuer = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if issuer is not None and issuer.tag_ not in RELATIVE_TAGS:
            return issuer, lemma
    return noun, lemma


def find_cues(sent: Span, quoted: list[tuple[int, int]]) -> list[Cue]:
    """Every cue in `sent` whose word lies outside the quoted stretches."""
    table = cue_table()
    cues: list[Cue] = []
    tokens = list(sent)
    for position, token in enumerate(tokens):
        if inside(token.idx, quoted):
            continue
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if token.lower_ == "according" and following is not None and following.lower_ == "to":
            cues.append(_according(token, following))
            continue
        if token.pos_ not in VERB_TAGS:
            continue
        lemma = token.lemma_.lower()
        belief = lemma in table.beliefs
        if lemma not in table.verbs and not belief:
            continue
        if lemma == "say" and token.dep_ == "amod":
            continue
        cue = Cue(token.idx, token.idx + len(token.text), token.text, token, belief=belief)
        subject = speaker_subject(token, quoted)
        if subject is None or inside(subject.idx, quoted):
            cue.speaker = _left_phrase(token, quoted) or _name_before(token)
        else:
            head, channel = source_of(subject)
            start, end = np_span(head)
            if start <= token.idx < end:  # an entity the tagger ran over the cue verb
                if head.i < token.i:
                    end = _end(token.doc[token.i - 1])
                else:
                    start = token.idx + len(token.text) + 1
            cue.speaker = (start, end)
            cue.channel = channel
            cue.referent = _referent(subject)
        if lemma == "tweet":
            cue.channel = "tweet"
        cue.embedded = _embedded(token)
        cues.append(cue)
    return cues


def _embedded(verb: Token) -> bool:
    """The verb lies in the reported clause of a reporting verb above it."""
    table = cue_table()
    node, through = verb, False
    for ancestor in verb.ancestors:
        through = through or node.dep_ == "ccomp"
        if ancestor.pos_ in VERB_TAGS and ancestor.lemma_.lower() in table.verbs:
            return through
        node = ancestor
    return False


def _referent(subject: Token) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun subject stands for: "McConnell, ..., who said"."""
    if subject.tag_ in RELATIVE_TAGS and subject.head.dep_ == "relcl":
        return np_span(subject.head.head)
    return None


def _according(according: Token, to: Token) -> Cue:
    cue = Cue(according.idx, to.idx + len(to.text), "according to", according, according=True)
    objects = [child for child in to.children if child.dep_ == "pobj"]
    if objects:
        head, channel = source_of(objects[0])
        cue.speaker = np_span(head)
        cue.channel = channel
    return cue


def channel_in(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str | None:
    """The longest channel phrase in text[start:end] outside quoted stretches."""
    best: str | None = None
    for match in cue_table().channel_re.finditer(text, start, end):
        if inside(match.start(), quoted):
            continue
        found = match.group(0).lower()
        if best is None or len(found) > len(best):
            best = found
    return best


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
            return child.left_edge.idx, _end(child.right_edge)
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
        c.dep_ in {"oprd", "xcomp", "ccomp"} or (c.dep_ == "prep" and c.lower_ == "as"))]
    end = tails[-1].right_edge if tails else obj.right_edge
    if not tails and not any(c.dep_ in {"appos", "prep"} for c in obj.rights):
        return None
    return obj.left_edge.idx, _end(end)


def object_span(cue: Cue) -> tuple[int, int] | None:
    """The direct object of a reporting verb ("reported the call"), for attributions."""
    if cue.token.lemma_.lower() not in cue_table().objects:
        return None
    for child in cue.token.children:
        if child.dep_ == "dobj":
            return child.left_edge.idx, _end(child.right_edge)
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
    return doc[left].idx, _end(doc[right])


def _end(token: Token) -> int:
    return token.idx + len(token.text)


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
    return Cue(verb.idx, _end(verb), verb.text, verb, speaker=np_span(head), channel=channel,
               referent=_referent(subject))


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
