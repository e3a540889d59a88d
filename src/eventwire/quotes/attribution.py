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
from eventwire.nlp.english import NAME_PHRASE_TAGS, SOURCE_PREPS, VERB_TAGS, WH_PRONOUN_TAGS
from eventwire.nlp.syntax import inside, np_left_edge, speaker_subject

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LEFT_PHRASE = 10
PHRASE_STOP = frozenset({"”", "\"", ",”", ",\"", "“", ";", ":", "—", "―", "–"})
NAME_TAGS = NAME_PHRASE_TAGS
RELATIVE_TAGS = WH_PRONOUN_TAGS


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
        return doc[left].idx, token_end(doc[last])
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
    return doc[first].idx, token_end(doc[last])


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
    return doc[first].idx, token_end(doc[last])


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
        # A word that can be no cue is skipped before the quote test, which costs more.
        if (token.pos_ not in VERB_TAGS and token.lower_ != "according") \
                or inside(token.idx, quoted):
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
                    end = token_end(token.doc[token.i - 1])
                else:
                    start = token.idx + len(token.text) + 1
            cue.speaker = (start, end)
            cue.channel = channel
            cue.referent = referent(subject)
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


def referent(subject: Token) -> tuple[int, int] | None:
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


def token_end(token: Token) -> int:
    return token.idx + len(token.text)


