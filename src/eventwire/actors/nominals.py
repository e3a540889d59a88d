"""Mention finding shared by the actor passes: the parse indexes, helpers, nominal mentions
("lawmakers", "Iran-backed militias", "the Iraqi prime minister's office") and the country
and nationality pass. `actors.ActorsStage` drives the passes; see its docstring for rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.actors.coref import Candidate
from eventwire.actors.tables import Country, Tables, Term, match_terms, norm, sectors_of
from eventwire.data import read_toml, read_word_sets
from eventwire.model import ActorKind, Entity
from eventwire.nlp.english import SUBJECTS_WITH_AGENT
from eventwire.nlp.syntax import is_locative

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WORDS = read_word_sets("actors/nominal_words.toml")
TITLE_FILL = _WORDS["title_fill"]
LEADING_JUNK = _WORDS["leading_junk"]
BACKED: tuple[str, ...] = tuple(read_toml("actors/nominal_words.toml")["backed"])
LED: tuple[str, ...] = tuple(read_toml("actors/nominal_words.toml")["led"])
OWNED = _WORDS["owned"]
PLACE_NOUNS = _WORDS["place_nouns"]
DIRECTIONS = _WORDS["directions"]
REGION_WORDS = _WORDS["region_words"]
GOVERNMENT = _WORDS["government"]
INDEFINITE = _WORDS["indefinite"]
NEWS_WORDS = _WORDS["news_words"]
PERSONISH = _WORDS["personish"]
NAMED_LABELS = frozenset({"ORG", "FAC"})
COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG", "PERSON"})
MAX_NAME_TOKENS = 12
_NO_TERM = Term(sectors=(), role="", weak=True, country=None)


def _kind(value: str) -> ActorKind:
    kinds: dict[str, ActorKind] = {"person": "person", "organization": "organization",
                                   "country": "country", "group": "group"}
    return kinds.get(value, "organization")


class MentionFinder:
    """Indexes of one parsed document and the passes that need no names."""

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
        self.title_words = {w for term in t.terms for w in term.split()} | TITLE_FILL

    # -- helpers ---------------------------------------------------------------------
    def _add(self, cand: Candidate, toks: list[Token], entity: Entity | None = None) -> None:
        head = min(toks, key=lambda tk: (tk.head.i in {x.i for x in toks}, tk.i))
        root = next((tk for tk in toks if tk.head.i not in {x.i for x in toks}), head)
        cand.sent = self._sent(root)
        cand.subject = root.dep_ in SUBJECTS_WITH_AGENT
        cand.token = root.i
        cand.entity = entity.id if entity is not None else None
        for tok in toks:
            self.used.add(tok.i)
            self.tok_cand[tok.i] = cand
        self.cands.append(cand)

    def _sent(self, tok: Token) -> int:
        return self.sent_of[tok.i] if tok.i < len(self.sent_of) else 0

    def _absorb(self, toks: list[Token], cand: Candidate, owner: Entity | None) -> None:
        for tok in toks:
            entity = self.tok_ent.get(tok.i)
            if entity is not None and entity is not owner and \
                    all(e is not entity for e, _ in self.absorbed):
                self.absorbed.append((entity, cand))
            self.used.add(tok.i)

    def _country_of(self, tok: Token) -> str | None:
        """The country a token's entity (or the token) names as name, demonym or capital."""
        entity = self.tok_ent.get(tok.i)
        words = entity.text if entity is not None else tok.text
        t = self.t
        hit = t.country(words) or t.demonym(words) or t.capital(words)
        if hit is None and entity is not None and entity.label in ("ORG", "FAC"):
            known = t.organization(words) or t.institution(words)
            if known is not None:
                return known.country
        if hit is None and entity is not None and tok.text[:1].isupper():
            hit = t.demonym(tok.text) or t.country(tok.text)
        return hit.iso3 if hit is not None else None

    def _known(self, words: str, start: int, end: int, label: str) -> Candidate | None:
        known = self.t.organization(words) or self.t.institution(words)
        if known is None:
            return None
        return Candidate(start=start, end=end, name=known.name, kind=_kind(known.kind),
                         country=known.country, sectors=list(known.sectors),
                         backer=known.backer, key=f"org:{known.name}", label=label)

    def _word_country(self, word: str) -> str | None:
        hit = self.t.demonym(word) or self.t.country(word)
        return hit.iso3 if hit is not None else None

    def _sectors(self, words: str) -> tuple[list[str], str | None, bool]:
        lowered = [w.strip(",;:()\"'’").lower() for w in words.split()]
        lowered = [w[:-2] if w.endswith(("'s", "’s")) else w for w in lowered if w]
        matches = match_terms(lowered, self.t.terms, self.t.longest_term)
        sectors, implied = sectors_of(matches)
        return sectors, implied, bool(matches)

    # -- pass 3: nominal mentions -------------------------------------------------
    def _nominal(self, tok: Token) -> None:
        if tok.i in self.used or tok.pos_ not in ("NOUN", "PROPN") or tok.i in self.tok_ent:
            return
        term = self._term_of(tok)
        if term is None:
            if tok.lower_ not in PERSONISH:
                return
            inner = next((c for c in tok.children if c.dep_ == "compound"
                          and c.i not in self.used and self._term_of(c) is not None), None)
            if inner is None:
                return
            term = self._term_of(inner)
            if term is None:
                return
        elif term.role == "mod" or (tok.dep_ == "compound" and not (
                tok.head.pos_ == "PROPN" and tok.head.i not in self.tok_ent)):
            return
        if term.role == "place" and is_locative(tok):
            return
        left = self._np_left(tok)
        toks = [self.doc[k] for k in range(left, tok.i + 1)]
        mod = self._np_modifiers(toks, tok)
        country, stop = (mod.countries[-1][2], tok.i) if mod.countries else \
            self._prep_country(tok)
        if mod.ethnic:
            country = None
        elif country is None and mod.owner is not None:
            country = mod.owner.country
        words = " ".join(tk.text for tk in toks if tk.i not in mod.skip)
        sectors, implied, _ = self._sectors(words)
        plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("police", "people")
        kind: ActorKind = "organization" if term.role == "body" else \
            "group" if plural or term.role == "place" else "person"
        indefinite = any(c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE
                         for c in tok.children)
        start = toks[0].idx
        if len(mod.countries) > 1 and mod.coordinated:
            start = self.doc[mod.countries[-1][0]].idx
            for first, last, iso in mod.countries[:-1]:
                self._split_off(first, last, iso, kind, sectors, tok)
        end = self.doc[stop].idx + len(self.doc[stop])
        cand = Candidate(start=start, end=end, name=self.text[start:end], kind=kind,
                         country=country or implied, sectors=sectors, backer=mod.backer,
                         indefinite=indefinite, head=tok.lemma_.lower())
        if kind == "person":
            title_toks = [tk for tk in toks if tk.i not in mod.skip
                          and tk.lower_ not in LEADING_JUNK]
            if term.role == "title" and title_toks:
                cand.title = self.text[title_toks[0].idx:end]
            cand.title_only = True
        if tok.lower_ in GOVERNMENT and cand.country:
            cand.key = f"gov:{cand.country}"
        cand.local = mod.ethnic
        if kind == "person":
            cand.same_as = self._apposed(tok)
        if mod.group is not None:
            cand.backer = cand.backer or mod.group.backer
            cand.sectors += [c for c in mod.group.sectors
                             if c in ("IGO", "NGO") and c not in cand.sectors]
            if kind == "group" and tok.lower_ not in PERSONISH and "IGO" not in cand.sectors \
                    and "NGO" not in cand.sectors:
                cand.key, cand.name = mod.group.key, mod.group.name
                cand.sectors = list(mod.group.sectors) or cand.sectors
        if mod.owner is not None and tok.lower_ in OWNED:
            cand.owner = mod.owner
            cand.head = None
        known = self._known(cand.name, start, end, "NOMINAL") if " " in cand.name else None
        if known is not None:
            known.indefinite, known.head = indefinite, cand.head
            cand = known
        self._add(cand, [tok])
        self._absorb([tk for tk in toks if tk.i not in mod.keep and tk.idx >= start], cand, None)

    def _apposed(self, tok: Token) -> Candidate | None:
        """The named person this title noun is in apposition with, if any."""
        near = [tok.head] if tok.dep_ == "appos" else []
        near += [c for c in tok.children if c.dep_ == "appos"]
        near += [c for p in tok.children if p.dep_ == "prep" for o in p.children
                 if o.dep_ == "pobj" for c in o.children if c.dep_ == "appos"]
        for other in near:
            found = self.tok_cand.get(other.i)
            if found is not None and found.kind == "person" and not found.title_only:
                return found
        return None

    def _term_of(self, tok: Token) -> Term | None:
        return self.t.terms.get(tok.lower_) or self.t.terms.get(tok.lemma_.lower())

    def _split_off(self, first: int, last: int, iso: str, kind: ActorKind,
                   sectors: list[str], head: Token) -> None:
        """'Hungarian and Romanian officials': the first nationality is its own actor."""
        toks = [self.doc[k] for k in range(first, last + 1)]
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        cand = Candidate(start=start, end=end, name=f"{self.text[start:end]} {head.text}",
                         kind=kind, country=iso, sectors=list(sectors),
                         head=head.lemma_.lower())
        entity = self.tok_ent.get(first)
        self._add(cand, toks, entity)

    def _np_left(self, tok: Token) -> int:
        left = tok.i
        for child in tok.lefts:
            if child.dep_ in ("det", "predet", "punct", "cc", "nummod", "quantmod") or (
                    child.dep_ == "poss" and child.pos_ == "PRON"):
                continue
            first = min(t.i for t in child.subtree)
            if all(self.doc[k].i not in self.used or self.doc[k].i in self.tok_ent
                   for k in range(first, tok.i)):
                left = min(left, first)
        while left < tok.i and self.doc[left].dep_ in ("det", "punct", "cc", "advmod"):
            left += 1
        return left

    def _np_modifiers(self, toks: list[Token], head: Token) -> Modifiers:
        """Countries, backer and possessor of a nominal, and which words are not its title."""
        mod = Modifiers()
        mod.owner = next((self.tok_cand[c.i] for c in head.children
                          if c.dep_ == "poss" and c.i in self.tok_cand
                          and self.tok_cand[c.i].kind != "country"), None)
        if mod.owner is None and head.lower_ in OWNED:
            mod.owner = next((self.tok_cand[g.i] for c in head.rights
                              if c.dep_ == "prep" and c.lower_ in ("for", "of")
                              for g in c.children if g.dep_ == "pobj" and g.i in self.tok_cand
                              and self.tok_cand[g.i].kind != "person"), None)
        done: set[int] = set()
        for tok in toks:
            if tok.i == head.i or tok.i in done:
                continue
            low = tok.lower_
            if tok.dep_ == "cc":
                mod.coordinated = True
            if low == "ethnic":
                mod.ethnic = True
            if low.endswith(BACKED) or low.startswith("pro-"):
                mod.backer = mod.backer or self._word_country(
                    low.removeprefix("pro-").split("-")[0])
                mod.skip.add(tok.i)
                continue
            if low.endswith(LED):
                found = self._word_country(tok.text.split("-")[0])
                if found:
                    mod.countries.append((tok.i, tok.i, found))
                mod.skip.add(tok.i)
                continue
            entity = self.tok_ent.get(tok.i)
            if entity is not None or tok.dep_ == "poss" or tok.text in ("'s", "’s"):
                mod.skip.add(tok.i)
            if entity is None:
                found = self._word_country(tok.text) if tok.text[:1].isupper() else None
                if found:
                    mod.skip.add(tok.i)
                    mod.countries.append((tok.i, tok.i, found))
                continue
            span = self.spans[entity.id]
            done.update(t.i for t in span)
            mod.skip.update(t.i for t in span)
            found = next((c for t in span if (c := self._country_of(t))), None)
            member = self.tok_cand.get(tok.i)
            if member is not None and member.key and member.key.startswith("org:") \
                    and span.root.dep_ != "poss":
                mod.group = member
                found = found or member.country
            if self._is_backer_token(span.root):
                mod.backer = mod.backer or found
                mod.keep.update(t.i for t in span)
            elif span.root.dep_ == "poss":
                mod.keep.update(t.i for t in span)
                if found:
                    mod.countries.insert(0, (span.start, span.end - 1, found))
            elif found:
                mod.countries.append((span.start, span.end - 1, found))
        return mod

    def _is_backer_token(self, root: Token) -> bool:
        nxt = root.i + 1
        return nxt + 1 < len(self.doc) and self.doc[nxt].text == "-" and \
            self.doc[nxt + 1].lower_ in {b[1:] for b in BACKED}

    def _prep_country(self, head: Token) -> tuple[str | None, int]:
        """'president of Armenia', 'rebels in Darfur', 'lawmakers on Capitol Hill': the
        country and the last token of the phrase that names it (else the head)."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "on", "from", "inside"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                near = [obj] if obj.i in self.tok_ent else []
                if obj.lower_ in PLACE_NOUNS or prep.lower_ in ("from", "in"):
                    near += [c for c in obj.children if c.dep_ in ("compound", "amod", "poss")]
                    near += [g for c in obj.children if c.dep_ == "prep"
                             for g in c.children if g.dep_ == "pobj"]
                for tok in near:
                    found = self._country_of(tok) if tok.i in self.tok_ent else \
                        self._word_country(tok.text) if tok.text[:1].isupper() else None
                    if found:
                        return found, max(t.i for t in obj.subtree)
        return None, head.i

    # -- pass 4: countries and nationalities --------------------------------------
    def _country(self, entity: Entity, span: Span) -> None:
        if any(tk.i in self.used for tk in span):
            return
        text, root, t = entity.text, span.root, self.t
        if text.lower().startswith("pro-"):
            self._pro(entity, span)
            return
        known = self._known(text, entity.start, entity.end, entity.label)
        if known is not None:
            self._add(known, list(span), entity)
            return
        country = t.country(text) or self._region_of(span)
        capital = t.capital(text) if entity.label in ("GPE", "ORG", "LOC") and not country \
            else None
        demonym = t.demonym(text) if country is None and capital is None else None
        cand: Candidate | None = None
        if country is not None:
            cand = Candidate(start=entity.start, end=entity.end, label=entity.label,
                             name=country.name, kind="country",
                             country=country.iso3, key=f"country:{country.iso3}")
        elif capital is not None and is_locative(root):
            cand = Candidate(start=entity.start, end=entity.end, label=entity.label,
                             name=text, kind="group", country=capital.iso3, sectors=["CVL"],
                             key=f"city:{norm(text)}")
        elif capital is not None:
            cand = Candidate(start=entity.start, end=entity.end, label=entity.label,
                             name=f"government of {capital.name}",
                             kind="organization", country=capital.iso3, sectors=["GOV"],
                             key=f"gov:{capital.iso3}")
        elif demonym is not None:
            head = self.tok_ent.get(root.head.i)
            if head is not None and head is not entity and head.label == "NORP" \
                    and root.dep_ in ("amod", "compound"):
                return
            cand = self._nationality(entity, span, demonym.iso3)
        elif entity.label == "NORP" or len(span) > 1:
            cand = self._people(entity, span)
        elif entity.label == "GPE" and not is_locative(root):
            cand = Candidate(start=entity.start, end=entity.end, label=entity.label,
                             name=text, kind="group", key=f"name:{norm(text)}")
        if cand is not None:
            self._add(cand, list(span), entity)
            mods = [c for c in span.root.lefts if c.dep_ in ("amod", "compound")
                    and c.i in self.tok_ent and self.tok_ent[c.i] is not entity]
            self._absorb(mods, cand, entity)

    def _region_of(self, span: Span) -> Country | None:
        """'South Lebanon', 'northern Syria', 'Montenegro province': the country named."""
        words = [tk.text for tk in span]
        while words and words[0].lower() in DIRECTIONS:
            words = words[1:]
        while words and words[-1].lower() in REGION_WORDS:
            words = words[:-1]
        if not words or len(words) == len(span):
            return None
        return self.t.country(" ".join(words))

    def _nationality(self, entity: Entity, span: Span, iso3: str) -> Candidate:
        root = span.root
        standalone = root.dep_ not in ("amod", "compound", "nmod", "conj") \
            or root.head.i == root.i
        ethnic = any(c.lower_ == "ethnic" for c in root.lefts)
        if standalone and ethnic:
            return Candidate(start=entity.start, end=entity.end, label=entity.label,
                             name=entity.text, kind="group", sectors=["CVL"], local=True,
                             key=f"name:{norm(entity.text)}")
        if standalone and (entity.text.endswith("s") or root.tag_ in ("NNPS", "NNS")
                           or root.pos_ in ("NOUN", "PROPN")):
            return Candidate(start=entity.start, end=entity.end, label=entity.label,
                             name=entity.text.removesuffix("’s").removesuffix("'s"),
                             kind="group", country=iso3, sectors=["CVL"], key=f"people:{iso3}")
        name = self.t.countries_by_iso.get(iso3, iso3)
        return Candidate(start=entity.start, end=entity.end, label=entity.label, name=name,
                         kind="country", country=iso3, key=f"country:{iso3}")

    def _people(self, entity: Entity, span: Span) -> Candidate | None:
        """'Iraqi Kurds', 'Bosnian Serbs', 'Shiites': a community, country from its words."""
        if entity.label != "NORP" and not any(self._word_country(tk.text) for tk in span):
            return None
        if is_locative(span.root):
            return None
        words = [*span, *(c for c in span.root.lefts if c.dep_ in ("amod", "compound"))]
        ethnic = any(tk.lower_ == "ethnic" for tk in (*words, *span.root.lefts))
        country = None if ethnic else \
            next((c for tk in words if (c := self._word_country(tk.text))), None)
        plural = entity.text.endswith("s")
        return Candidate(start=entity.start, end=entity.end, label=entity.label,
                         name=entity.text, kind="group", country=country, local=ethnic,
                         sectors=["CVL"] if plural else [], key=f"name:{norm(entity.text)}")

    def _pro(self, entity: Entity, span: Span) -> None:
        """'pro-Iranian Hizbollah': the words qualify the group they modify."""
        target = self.tok_cand.get(span.root.head.i)
        if target is None:
            return
        target.backer = target.backer or self._word_country(entity.text[4:])
        self._absorb(list(span), target, None)


@dataclass
class Modifiers:
    """What the words left of a nominal head say about it."""

    countries: list[tuple[int, int, str]] = field(default_factory=list)
    backer: str | None = None
    owner: Candidate | None = None
    coordinated: bool = False
    ethnic: bool = False
    group: Candidate | None = None
    skip: set[int] = field(default_factory=set)
    keep: set[int] = field(default_factory=set)
