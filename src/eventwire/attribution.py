"""Who said it: cues, speakers and channels of attributions, read off the spaCy parse.

The cue table is `data/speech_cues.tsv`. A cue is a reporting verb ("said", "told",
"warned", "expressed"), a verb of belief ("believes", only for non-quote attributions) or
the preposition "according to". The speaker is the subject of the cue verb (through
`conj`, `advcl` and `xcomp` to the verb that has one), or the object of "according to";
when that object is a channel noun ("a statement from X", "a readout ... provided by X")
the speaker is X and the noun is the channel. Two fallbacks catch what the small parser
gets wrong: the name right after an inverted cue ('"...," said Skelly') and the name
between a closing quotation mark and a subject-less cue ('"...," Tulsa police Chief Chuck
Jordan said'). Naming verbs ("called the senator a 'nasty guy'") govern object and
complement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
NP_LEFT = frozenset({"det", "poss", "compound", "amod", "nummod", "nmod", "case", "quantmod"})
CLIMB = frozenset({"conj", "advcl", "xcomp", "relcl", "ccomp"})
CLAUSE_MARKERS = frozenset({"nsubj", "nsubjpass", "expl", "mark", "csubj"})
CLAUSE_WORDS = 3
LEFT_PHRASE = 10
PHRASE_STOP = frozenset({"”", "\"", ",”", ",\"", "“", ";", ":", "—", "―", "–"})
NAME_TAGS = frozenset({"PROPN", "NOUN", "PRON", "PUNCT", "DET"})
INVERSION_AFTER = frozenset({",", "”", "\"", ",”", ",\""})
SOURCE_PREPS = frozenset({"from", "by"})
VERB_TAGS = frozenset({"VERB", "AUX"})


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
    text = resources.files("eventwire.data").joinpath("speech_cues.tsv").read_text("utf-8")
    kinds: dict[str, set[str]] = {"verb": set(), "belief": set(), "noun": set(),
                                  "prep": set(), "object": set(), "naming": set(),
                                  "channel": set()}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        parts = line.split("\t")
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
        left = min(first, _left_edge(token).i)
        return doc[left].idx, _end(doc[last])
    left_token = _left_edge(token)
    return left_token.idx, token.idx + len(token.text)


def _left_edge(token: Token) -> Token:
    edge = token
    for child in token.lefts:
        if child.dep_ in NP_LEFT and child.left_edge.i < edge.i:
            edge = child.left_edge
    return edge


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it hangs from (conj, advcl, xcomp)."""
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECTS:
                if child.tag_ == "WP" and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head
        if current.dep_ not in CLIMB or current.head is current:
            return None
        current = current.head
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """The name right after the verb in an inverted cue: 'said David Plouffe', 'Said Ellis:'."""
    if verb.dep_ == "compound" and verb.head.pos_ == "PROPN" and verb.head.i > verb.i:
        return verb.head
    if any(child.dep_ in SUBJECTS for child in verb.children):
        return None
    if verb.i > 0 and not verb.is_sent_start and verb.nbor(-1).text not in INVERSION_AFTER:
        return None
    for child in verb.rights:
        if (child.pos_ == "PROPN" or child.is_title) and child.left_edge.i == verb.i + 1 and \
                child.ent_type_ not in {"DATE", "TIME"}:
            return child
        break
    return None


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
                _inside(previous.idx, quoted):
            break
        first -= 1
    if first > 0 and doc[first - 1].text not in PHRASE_STOP:
        return None
    last = verb.i - 1
    while last >= first and doc[last].text == ",":
        last -= 1
    if last < first or doc[last].pos_ not in NAME_TAGS or \
            not (doc[first].pos_ in NAME_TAGS or doc[first].is_title):
        return None
    return doc[first].idx, _end(doc[last])


def source_of(noun: Token) -> tuple[Token, str | None]:
    """The originator of a channel noun, and the channel ("statement from X" → X)."""
    lemma = noun.lemma_.lower()
    if lemma not in cue_table().nouns:
        return noun, None
    for child in noun.subtree:
        if child is noun:
            continue
        if child.dep_ == "poss" and child.head is noun:
            return child, lemma
        if child.dep_ == "pobj" and child.head.lower_ in SOURCE_PREPS:
            return child, lemma
    return noun, lemma


def find_cues(sent: Span, quoted: list[tuple[int, int]]) -> list[Cue]:
    """Every cue in `sent` whose word lies outside the quoted stretches."""
    table = cue_table()
    cues: list[Cue] = []
    tokens = list(sent)
    for position, token in enumerate(tokens):
        if _inside(token.idx, quoted):
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
        subject = subject_of(token)
        if subject is None or _inside(subject.idx, quoted):
            cue.speaker = _left_phrase(token, quoted)
        else:
            head, channel = source_of(subject)
            start, end = np_span(head)
            if start <= token.idx < end:
                start = token.idx + len(token.text) + 1
            cue.speaker = (start, end)
            cue.channel = channel
        if lemma == "tweet":
            cue.channel = "tweet"
        cues.append(cue)
    return cues


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
        if _inside(match.start(), quoted):
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


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def sentences(doc: Doc) -> list[Span]:
    return list(doc.sents)
