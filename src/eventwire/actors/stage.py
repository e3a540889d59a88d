"""Actors: who is named, coded with country, PLOVER sectors and title, resolved in-document.

The stage finds actor mentions in four passes over the parse, then resolves them in text
order with `coref.Registry` (rules in its docstring):
1. PERSON entities, with the title words left of the name ("Iraqi Prime Minister Adel
   Abdul Mahdi": country from the demonym, sectors and title from `sectors.tsv`) or in an
   appositive ("Mark Esper, the defense secretary,"). US cabinet titles ("Secretary of
   State") imply USA, British ones ("Foreign Secretary") GBR, only when the title names no
   other country. `people.tsv` gives well-known leaders their country ("Putin"); a text
   title always wins over the table.
2. ORG/FAC entities and runs of proper nouns spaCy missed ("Operation Inherent Resolve"),
   looked up in `organizations.tsv` and `institutions.tsv` (the Pentagon → USA MIL), else
   coded from their own words ("Iraqi Security Forces" → IRQ MIL+COP).
3. Nominal mentions: nouns of `sectors.tsv` ("lawmakers", "the prime minister", "Iran-backed
   militias", "Abdul Mahdi's office"), with country from demonyms, possessives, "in/of X"
   and institutions; the backer from "X-backed"/"pro-X"; "Taliban fighters" join the
   Taliban; "U.N. officials" carry IGO; "Hungarian and Romanian officials" are two actors.
4. GPE/NORP entities. Rule for countries: every mention of a country name is the country
   actor (kind country, no sector), also "in Iraq" — events need "Iran" in "warned Iran",
   and an event's role decides whether it acts. A capital is the government (GOV) unless it
   is the object of a place preposition ("curfew in Algiers"), where it is the city's
   people (group, CVL). A plural nationality ("Americans") is a group of civilians (CVL);
   "ethnic Albanians" are a community of the country the story is about, not Albania.
People with an office but no country ("President Yoweri Museveni") take the country the
document names most often. Pronouns (he/she/his/her, its, they/them/their) then resolve
to the nearest compatible actor: the subject of the same sentence before the pronoun, else
the nearest one before it in the sentence, else the only subject of one of the previous
two sentences; a person once "he" (or "Mr.") is not "she", and the other way round.

Every mention becomes an entity with `actor` set: spaCy's entity where there is one, else a
new entity labelled NOMINAL, PRONOUN or ORG (ids continue e1..eN). Entities inside a
mention (the "Iraqi" of a title) point at the same actor; a possessive or backing country
inside one ("Iraq's prime minister", "Iran-backed") keeps its own country actor. Dates,
numbers and other non-actors keep actor None. Actor ids follow first mention.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from eventwire.actors.coref import Candidate, Registry
from eventwire.actors.nominals import (
    _NO_TERM,
    COUNTRY_LABELS,
    LEADING_JUNK,
    MAX_NAME_TOKENS,
    NAMED_LABELS,
    NEWS_WORDS,
    TITLE_FILL,
    MentionFinder,
)
from eventwire.actors.tables import norm, tables
from eventwire.model import Entity
from eventwire.nlp.english import GROUP_PRONOUNS, PERSON_PRONOUNS, THING_PRONOUNS
from eventwire.pipeline.stage import Stage, Work

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

class _Finder(MentionFinder):
    """Actor mentions of one document, as candidates (not yet resolved)."""

    def find(self) -> list[Candidate]:
        for entity in self.entities:
            if entity.label == "PERSON" and entity.id in self.spans:
                self._person(entity, self.spans[entity.id])
        for entity in self.entities:
            if entity.label in NAMED_LABELS and entity.id in self.spans:
                self._named(entity, self.spans[entity.id])
        self._proper_runs()
        for tok in self.doc:
            self._nominal(tok)
        for entity in self.entities:
            if entity.label in COUNTRY_LABELS and entity.id in self.spans:
                self._country(entity, self.spans[entity.id])
        self.cands.sort(key=lambda c: (c.start, c.end))
        return self.cands

    # -- pass 1: people ----------------------------------------------------------------
    def _person(self, entity: Entity, span: Span) -> None:
        t = self.t
        if t.organization(entity.text) or t.institution(entity.text):
            self._named(entity, span)
            return
        if t.country(entity.text) or t.demonym(entity.text) or (entity.text.endswith("s") and any(
                    self._word_country(tk.text) for tk in span)):
            return
        toks = [tk for tk in span if tk.tag_ != "POS" and tk.text not in ("'s", "’s")]
        inner: list[Token] = []
        while len(toks) > 1 and toks[0].lower_ in self.title_words and \
                toks[0].lower_ not in TITLE_FILL - {"general", "chief"}:
            inner.append(toks.pop(0))
        if not toks or len(toks) > MAX_NAME_TOKENS:
            return
        name = self.text[toks[0].idx:toks[-1].idx + len(toks[-1])]
        name = name[:-2] if name.endswith(("'s", "’s")) else name
        left = self._title_left(span.start) + inner
        if not left:
            left = self._title_appos(toks)
        country, title, sectors, extra = self._read_title(left)
        known = t.person(name)
        if known is not None:
            country = country or known.country
            sectors = sectors or list(known.sectors)
        cand = Candidate(start=entity.start, end=entity.end, name=name, kind="person",
                         country=country, sectors=sectors, title=title, label="PERSON")
        before = self.doc[span.start - 1].lower_ if span.start > 0 else ""
        cand.gender = HONORIFICS.get(before) or next(
            (HONORIFICS[tk.lower_] for tk in inner if tk.lower_ in HONORIFICS), None)
        cand.sectors += [s for s in extra if s not in cand.sectors]
        self._add(cand, list(span), entity)
        self._absorb(left, cand, entity)

    def _title_left(self, start: int) -> list[Token]:
        sent_start = self.doc[start].sent.start if start < len(self.doc) else 0
        toks: list[Token] = []
        j = start - 1
        while j >= sent_start and start - j <= MAX_NAME_TOKENS:
            tok = self.doc[j]
            entity = self.tok_ent.get(j)
            if entity is not None and entity.label == "PERSON":
                break
            ok = tok.lower_ in self.title_words or tok.text in ("'s", "’s", "-") or (
                entity is not None and self._country_of(tok) is not None) or (
                entity is not None and self.t.organization(entity.text) is not None)
            if tok.lower_ == "of" and (j == sent_start or self.t.terms.get(
                    self.doc[j - 1].lower_, _NO_TERM).role != "title"):
                break
            if not ok:
                break
            toks.insert(0, tok)
            j -= 1
        while toks and toks[0].lower_ in LEADING_JUNK:
            toks.pop(0)
        return toks

    def _title_appos(self, name: list[Token]) -> list[Token]:
        """'Mark Esper, the defense secretary,' → the appositive's words."""
        root = next((tk for tk in name if tk.head.i not in {x.i for x in name}), name[-1])
        for child in root.children:
            if child.dep_ == "appos" and child.lower_ in self.t.terms:
                sub = [tk for tk in child.subtree if tk.dep_ not in ("punct", "det")
                       and tk.i not in self.used and tk.dep_ not in ("relcl", "prep")
                       and tk.i <= child.i]
                return sub
        return []

    def _read_title(self, toks: list[Token]) -> tuple[str | None, str | None, list[str],
                                                        list[str]]:
        """Country, title text, sectors and extra (IGO) sectors of the words before a name."""
        if not toks:
            return None, None, [], []
        country: str | None = None
        extra: list[str] = []
        first = 0
        for k, tok in enumerate(toks):
            entity = self.tok_ent.get(tok.i)
            if tok.text in ("'s", "’s"):
                if k > 0 and self.tok_ent.get(toks[k - 1].i) is not None:
                    first = k + 1
                continue
            if entity is None:
                continue
            found = self._country_of(tok) if entity is not None else None
            known = self.t.organization(entity.text) if entity is not None else None
            if found is not None or known is not None:
                if country is None and found is not None:
                    country = found
                if known is not None and "IGO" in known.sectors:
                    extra = ["IGO"]
                first = k + 1
        rest = toks[first:]
        while rest and rest[0].lower_ in LEADING_JUNK:
            rest = rest[1:]
        if not rest:
            return country, None, [], extra
        title = self.text[rest[0].idx:rest[-1].idx + len(rest[-1])]
        sectors, implied, matched = self._sectors(title)
        if not matched:
            return country, None, [], extra
        return country or implied, title, sectors, extra

    # -- pass 2: organisations ------------------------------------------------------
    def _named(self, entity: Entity, span: Span) -> None:
        if any(tk.i in self.used for tk in span) or len(span) > MAX_NAME_TOKENS * 2:
            return
        cand = self._known(entity.text, entity.start, entity.end, "ORG")
        if cand is None and entity.label == "ORG" and all(tk.pos_ == "PROPN" for tk in span) \
                and len(span) > 1 and self._read_title(self._title_left(span.start))[1]:
            self._person(entity, span)
            return
        if cand is None and self.t.country(entity.text) is None \
                and self.t.demonym(entity.text) is None and self.t.capital(entity.text) is None:
            cand = self._derived(entity.text, entity.start, entity.end, span)
        if cand is not None:
            self._add(cand, list(span), entity)

    def _derived(self, words: str, start: int, end: int, span: Span) -> Candidate | None:
        """An organisation not in the tables: country and sectors from its own words."""
        if span.label_ == "FAC" or len(span) > MAX_NAME_TOKENS // 2 or all(
                tk.pos_ == "ADJ" or tk.dep_ == "amod" for tk in span) or any(
                tk.pos_ in ("VERB", "AUX") for tk in span):
            return None
        if words.lower().startswith("the "):
            words, start = words[4:], start + 4
        country = next((c for tk in span if (c := self._word_country(tk.text))), None)
        sectors, _, _ = self._sectors(words)
        if not sectors and any(tk.lower_ in NEWS_WORDS for tk in span):
            sectors = ["JRN"]
        return Candidate(start=start, end=end, name=words.removesuffix("’s").removesuffix("'s"),
                         kind="organization", country=country, sectors=sectors,
                         key=None if words.isupper() else f"org:{norm(words)}", label="ORG",
                         guessed=len(span) <= 2)

    def _proper_runs(self) -> None:
        """Names spaCy did not tag: runs of proper nouns found in the tables, operations."""
        run: list[Token] = []
        for tok in [*self.doc, None]:
            if tok is not None and tok.pos_ == "PROPN" and tok.i not in self.tok_ent \
                    and tok.i not in self.used and tok.text[:1].isupper():
                run.append(tok)
                continue
            if run:
                self._propn_run(run)
            run = []

    def _propn_run(self, run: list[Token]) -> None:
        start, end = run[0].idx, run[-1].idx + len(run[-1])
        words = self.text[start:end]
        cand = self._known(words, start, end, "ORG")
        if cand is None and run[0].lower_ == "operation" and len(run) > 1:
            cand = Candidate(start=start, end=end, name=words, kind="organization",
                             sectors=["MIL"], key=f"org:{norm(words)}", label="ORG")
        if cand is not None:
            self._add(cand, run)


def _pronoun_target(pron: Token, cands: list[Candidate], registry: Registry,
                    order: dict[int, int], genders: dict[str, str]) -> str | None:
    """The actor a third-person pronoun most plausibly refers to (None when unsure);
    `cands` are the resolved named and nominal mentions, by start.

    A person once referred to as "he" (or called Mr.) is not a candidate for "she", and
    the other way round."""
    low = pron.lower_
    gender = GENDER.get(low)
    if low in PERSON_PRONOUNS:
        kinds: tuple[str, ...] = ("person",)
    elif low in THING_PRONOUNS:
        kinds = ("country", "organization", "group")
    else:
        kinds = ("group", "organization")
    sent = pron.sent.start
    here = order.get(sent, 0)
    before: list[Candidate] = []
    for c in reversed(cands[:bisect_left(cands, pron.idx, key=lambda c: c.start)]):
        if here - order.get(c.sent, -9) > 2:
            break
        actor = registry.get(c.actor or "a0")
        if actor is not None and actor.kind in kinds \
                and genders.get(actor.id, gender) == gender:
            before.insert(0, c)
    same = [c for c in before if c.sent == sent]
    if same:
        subjects = [c for c in same if c.subject]
        return (subjects or same)[-1].actor
    earlier = sorted({c.sent for c in before if 0 < here - order.get(c.sent, -9) <= 2},
                     reverse=True)
    for start in earlier:
        in_sent = [c for c in before if c.sent == start]
        named = {c.actor for c in in_sent if c.subject}
        if len(named) == 1:
            return named.pop()
        if len({c.actor for c in in_sent}) == 1:
            return in_sent[-1].actor
    return None


GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f",
          "herself": "f"}
HONORIFICS = {"mr.": "m", "mr": "m", "sir": "m", "king": "m", "prince": "m", "mrs.": "f",
              "mrs": "f", "ms.": "f", "ms": "f", "miss": "f", "queen": "f", "princess": "f",
              "lady": "f", "madam": "f"}
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP"})


def _home_country(cands: list[Candidate], registry: Registry, words: list[str]) -> None:
    """Office holders with no country ('President Yoweri Museveni', 'Judge Rivera') get
    the country the document names most often (first named on a tie), when there is one;
    `words` are the countries of country names inside other names ("Kenya Anti-Corruption
    Commission")."""
    counts: dict[str, int] = {}
    for cand in cands:
        if cand.country:
            counts[cand.country] = counts.get(cand.country, 0) + 1
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    if not counts:
        return
    home = max(counts, key=lambda iso: counts[iso])
    for cand in cands:
        local = registry.get(cand.actor) if cand.local and cand.actor else None
        if local is not None and local.country is None:
            local.country = home
    for actor in registry.actors:
        if actor.kind == "person" and actor.country is None \
                and STATE_SECTORS & set(actor.sectors) and "IGO" not in actor.sectors:
            actor.country = home


class ActorsStage(Stage):
    name = "actors"
    requires = ("doc", "entities")
    assigns = ("actors",)

    def process(self, work: Work) -> None:
        article = work.article
        doc = work.parsed
        finder = _Finder(article.text, article.entities, doc, tables())
        cands = finder.find()
        registry = Registry()
        later = [c for c in cands if c.owner is not None or c.same_as is not None]
        for cand in [c for c in cands if c.owner is None and c.same_as is None] + later:
            if cand.owner is not None and cand.owner.actor is not None:
                self._owned(cand, registry)
            registry.resolve(cand)
        t = tables()
        inner = [c.iso3 for tk in doc if tk.pos_ == "PROPN" and tk.i not in finder.used
                 and (c := t.country(tk.text)) is not None]
        _home_country(cands, registry, inner)
        order = {sent.start: number for number, sent in enumerate(doc.sents)}
        genders = {c.actor: c.gender for c in cands if c.actor and c.gender}
        named = sorted((c for c in cands if c.actor), key=lambda c: c.start)
        for tok in doc:
            if tok.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS \
                    and tok.pos_ == "PRON" and tok.i not in finder.tok_ent:
                target = _pronoun_target(tok, named, registry, order, genders)
                if target is not None and tok.lower_ in GENDER:
                    genders.setdefault(target, GENDER[tok.lower_])
                if target is not None:
                    cands.append(Candidate(start=tok.idx, end=tok.idx + len(tok),
                                           name=tok.text, kind="person", label="PRONOUN",
                                           sent=tok.sent.start, actor=target))
        self._write(work, cands, finder.absorbed, registry)

    @staticmethod
    def _owned(cand: Candidate, registry: Registry) -> None:
        """'Abdul Mahdi's office': an organisation with its owner's country and sectors."""
        owner = registry.get(cand.owner.actor) if cand.owner and cand.owner.actor else None
        if owner is None:
            return
        head = cand.name.split()[-1].lower()
        cand.country = owner.country
        cand.sectors = list(owner.sectors) or cand.sectors
        cand.name = f"{head} of {owner.name}"
        cand.key = f"{head}:{owner.id}"

    @staticmethod
    def _write(work: Work, cands: list[Candidate], absorbed: list[tuple[Entity, Candidate]],
               registry: Registry) -> None:
        article = work.article
        by_id = {e.id: e for e in article.entities}
        by_span = {(e.start, e.end): e for e in article.entities}
        for cand in sorted(cands, key=lambda c: (c.start, c.end)):
            if cand.actor is None:
                continue
            entity = by_id.get(cand.entity or "") or by_span.get((cand.start, cand.end))
            if entity is None:
                entity = Entity(id=f"e{len(article.entities) + 1}",
                                text=article.text[cand.start:cand.end],
                                label=cand.label if cand.label != "PERSON" else "NOMINAL",
                                start=cand.start, end=cand.end)
                article.entities.append(entity)
                by_span[(cand.start, cand.end)] = entity
            if entity.actor is None:
                entity.actor = cand.actor
        for entity, cand in absorbed:
            if entity.actor is None and cand.actor is not None:
                entity.actor = cand.actor
        mentions: dict[str, list[tuple[int, str]]] = {}
        for entity in article.entities:
            if entity.actor is not None:
                mentions.setdefault(entity.actor, []).append((entity.start, entity.id))
        named = sorted((a for a in registry.actors if a.id in mentions),
                       key=lambda a: min(mentions[a.id]))
        renamed = {a.id: f"a{number}" for number, a in enumerate(named, start=1)}
        for actor in named:
            actor.mentions = [eid for _, eid in sorted(mentions[actor.id])]
            actor.id = renamed[actor.id]
        for entity in article.entities:
            if entity.actor is not None:
                entity.actor = renamed[entity.actor]
        article.actors = named
