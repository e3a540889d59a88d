"""The actor mention finder: one parsed document's indexes and the passes over it.

`MentionFinder(text, entities, doc, tables).find()` runs the four passes in order and
returns the mentions as unresolved `coref.Candidate`s, by start. Each pass lives in the
module named for what it finds: `names` (1: people with titles, 2: named organisations and
proper-noun runs), `nominals` (3: "the prime minister", "Iran-backed militias"),
`countries` (4: countries, capitals, nationalities). The helpers here are what the passes
share: adding a mention (`add`), marking words taken (`absorb`), and table look-ups, where
an acronym the article spells out stands for what it spells (`acronyms`) and a table
organisation is named as the article spells it out ("Group of Seven", not "G7").
A word belongs to at most one mention: a pass skips words an earlier pass used.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire.actors import countries, names, nominals
from eventwire.actors.acronyms import spelled_out
from eventwire.actors.coref import Candidate
from eventwire.actors.tables import Tables, Term, match_terms, norm, sectors_of
from eventwire.actors.words import NAMED_LABELS, TITLE_FILL, kind_of
from eventwire.model import Entity
from eventwire.nlp.columns import with_pos
from eventwire.nlp.english import (
    COUNTRY_LABELS,
    NOUN_TAGS,
    ORG_FAC_LABELS,
    SUBJECTS_WITH_AGENT,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


_TITLE_WORDS: dict[int, tuple[Tables, frozenset[str]]] = {}


def _title_words(t: Tables) -> frozenset[str]:
    """Every word of the tables' terms, and the title fillers: built once per tables."""
    cached = _TITLE_WORDS.get(id(t))
    if cached is None or cached[0] is not t:
        cached = (t, frozenset({w for term in t.terms for w in term.split()} | TITLE_FILL))
        _TITLE_WORDS[id(t)] = cached
    return cached[1]


class MentionFinder:
    """Actor mentions of one parsed document, as candidates (not yet resolved)."""

    def __init__(self, text: str, entities: list[Entity], doc: Doc, t: Tables) -> None:
        self.text, self.doc, self.t = text, doc, t
        self.entities = entities
        self.spans: dict[str, Span] = {}
        self.tok_ent: dict[int, Entity] = {}
        for entity in entities:
            span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.spans[entity.id] = span
            for tok in span:
                self.tok_ent.setdefault(tok.i, entity)
        self.sent_of: list[int] = []
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            for sent in doc.sents:
                self.sent_of.extend([sent.start] * len(sent))
        self.used: set[int] = set()
        self.tok_cand: dict[int, Candidate] = {}
        self.cands: list[Candidate] = []
        self.absorbed: list[tuple[Entity, Candidate]] = []
        self._taken: set[int] = set()  # ids of the absorbed entities (a long text's many)
        self.title_words = _title_words(t)
        self.spelled = spelled_out(doc, text)
        self._spelled_names: dict[str, str] = {}

    def find(self) -> list[Candidate]:
        """Every mention the four passes find, by start."""
        for entity in self.entities:
            if entity.label == "PERSON" and entity.id in self.spans:
                names.find_person(self, entity, self.spans[entity.id])
        for entity in self.entities:
            if entity.label in NAMED_LABELS and entity.id in self.spans:
                names.find_named(self, entity, self.spans[entity.id])
        names.find_proper_runs(self)
        for tok in with_pos(self.doc, *NOUN_TAGS):  # a nominal mention's head is a noun
            nominals.find_nominal(self, tok)
        for entity in self.entities:
            if entity.label in COUNTRY_LABELS and entity.id in self.spans:
                countries.find_country(self, entity, self.spans[entity.id])
        self.cands.sort(key=lambda c: (c.start, c.end))
        return self.cands

    # -- shared by the passes ------------------------------------------------------------
    def add(self, cand: Candidate, toks: list[Token], entity: Entity | None = None) -> None:
        head = min(toks, key=lambda tk: (tk.head.i in {x.i for x in toks}, tk.i))
        root = next((tk for tk in toks if tk.head.i not in {x.i for x in toks}), head)
        cand.sent = self.sent(root)
        cand.subject = root.dep_ in SUBJECTS_WITH_AGENT
        cand.token = root.i
        cand.entity = entity.id if entity is not None else None
        for tok in toks:
            self.used.add(tok.i)
            self.tok_cand[tok.i] = cand
        self.cands.append(cand)

    def sent(self, tok: Token) -> int:
        return self.sent_of[tok.i] if tok.i < len(self.sent_of) else 0

    def absorb(self, toks: list[Token], cand: Candidate, owner: Entity | None) -> None:
        for tok in toks:
            entity = self.tok_ent.get(tok.i)
            if entity is not None and entity is not owner and id(entity) not in self._taken:
                self.absorbed.append((entity, cand))
                self._taken.add(id(entity))
            self.used.add(tok.i)

    def country_of(self, tok: Token) -> str | None:
        """The country a token's entity (or the token) names as name, demonym or capital."""
        entity = self.tok_ent.get(tok.i)
        words = entity.text if entity is not None else tok.text
        t = self.t
        hit = t.country(words) or t.demonym(words) or t.capital(words)
        if hit is None and entity is not None and entity.label in ORG_FAC_LABELS:
            known = t.organization(words) or t.institution(words)
            if known is not None:
                return known.country
        if hit is None and entity is not None and tok.text[:1].isupper():
            hit = t.demonym(tok.text) or t.country(tok.text)
        return hit.iso3 if hit is not None else None

    def known(self, words: str, start: int, end: int, label: str) -> Candidate | None:
        """A mention of an organisation the tables know; an acronym the article spells out
        is looked up (or coded) as what it spells ("RSF" → Rapid Support Forces)."""
        spelled = self.spelled.get(words.strip().removeprefix("the ").replace(".", ""))
        if spelled is not None and (self.t.country(spelled) or self.t.country(words)):
            spelled = None  # "U.S." ... "United States": the country pass codes countries
        if spelled is not None:
            words = spelled
        known = self.t.organization(words) or self.t.institution(words)
        if known is None and spelled is not None:
            sectors, _, _ = self.sectors(spelled)
            country = next((c for w in spelled.split() if (c := self.word_country(w))), None)
            return Candidate(start=start, end=end, name=spelled, kind="organization",
                             country=country, sectors=sectors, key=f"org:{norm(spelled)}",
                             label=label)
        if known is None:
            return None
        return Candidate(start=start, end=end, name=self.spelled_name(known.name),
                         kind=kind_of(known.kind),
                         country=known.country, sectors=list(known.sectors),
                         backer=known.backer, key=f"org:{known.name}", label=label)

    def spelled_name(self, name: str) -> str:
        """A table organisation's name as this article spells it out: the longest of its
        names that the text writes, when longer than the table's ("Group of Seven" where the
        table's name is G7; "Islamic State" stays, though the text writes only "ISIS")."""
        if name not in self._spelled_names:
            written = [n for n in self.t.spellings.get(name, ()) if n in self.text and re.search(
                rf"(?<!\w){re.escape(n)}(?!\w)", self.text)]
            self._spelled_names[name] = max([name, *written], key=len)
        return self._spelled_names[name]

    def word_country(self, word: str) -> str | None:
        hit = self.t.demonym(word) or self.t.country(word)
        return hit.iso3 if hit is not None else None

    def sectors(self, words: str) -> tuple[list[str], str | None, bool]:
        lowered = [w.strip(",;:()\"'’").lower() for w in words.split()]
        lowered = [w[:-2] if w.endswith(("'s", "’s")) else w for w in lowered if w]
        matches = match_terms(lowered, self.t.terms, self.t.longest_term)
        sectors, implied = sectors_of(matches)
        return sectors, implied, bool(matches)

    def term_of(self, tok: Token) -> Term | None:
        return self.t.terms.get(tok.lower_) or self.t.terms.get(tok.lemma_.lower())
