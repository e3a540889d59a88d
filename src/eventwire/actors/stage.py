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
two sentences (a pronoun resolved counts as a mention of its actor for the next one: "He
and other officials held talks ... He is scheduled to travel"); a person once "he" (or
"Mr.") is not "she", and the other way round; for a pronoun outside quotation marks a
sentence wholly inside them does not count in that distance ('"...," Orban said. "..." He
rejected the idea'). "it" is resolved only as the subject or object of a verb other than a
copula ("accusing it of exploiting", "it approved a law"), to a country or organisation.

Every mention becomes an entity with `actor` set: spaCy's entity where there is one, else a
new entity labelled NOMINAL, PRONOUN or ORG (ids continue e1..eN). Entities inside a
mention (the "Iraqi" of a title) point at the same actor; a possessive or backing country
inside one ("Iraq's prime minister", "Iran-backed") keeps its own country actor. Dates,
numbers and other non-actors keep actor None. Actor ids follow first mention.
"""

from __future__ import annotations

from bisect import insort

from eventwire.actors.coref import Candidate, Registry, home_country
from eventwire.actors.finder import MentionFinder
from eventwire.actors.pronouns import pronoun_target, referring_it, sentence_order
from eventwire.actors.tables import tables
from eventwire.model import Entity
from eventwire.nlp.columns import with_pos
from eventwire.nlp.english import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PRONOUN_GENDER,
    SUBJECTS_WITH_AGENT,
    THING_PRONOUNS,
)
from eventwire.pipeline.stage import Stage, Work
from eventwire.pipeline.windows import SpanIndex
from eventwire.quotes.marks import scan

THIRD_PERSON = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS


class ActorsStage(Stage):
    name = "actors"
    requires = ("doc", "entities")
    assigns = ("actors",)

    def process(self, work: Work) -> None:
        article = work.article
        doc = work.parsed
        finder = MentionFinder(article.text, article.entities, doc, tables())
        cands = finder.find()
        registry = Registry()
        later = [c for c in cands if c.owner is not None or c.same_as is not None]
        for cand in [c for c in cands if c.owner is None and c.same_as is None] + later:
            if cand.owner is not None and cand.owner.actor is not None:
                self._owned(cand, registry)
            registry.resolve(cand)
        t = tables()
        inner = [c.iso3 for tk in with_pos(doc, "PROPN") if tk.i not in finder.used
                 and (c := t.country(tk.text)) is not None]
        home_country(cands, registry, inner)
        quoted = SpanIndex((q.start, q.end) for q in scan(article.text, []))
        order = {sent.start: number for number, sent in enumerate(doc.sents)}
        order_outside = sentence_order(doc, article.text, quoted)
        genders = {c.actor: c.gender for c in cands if c.actor and c.gender}
        named = sorted((c for c in cands if c.actor), key=lambda c: c.start)
        for tok in with_pos(doc, "PRON"):
            if (tok.lower_ in THIRD_PERSON or referring_it(tok)) \
                    and tok.i not in finder.tok_ent:
                target = pronoun_target(tok, named, registry,
                                        order if quoted.overlaps(tok.idx, tok.idx + 1)
                                        else order_outside,
                                        genders, quoted)
                if target is not None and tok.lower_ in PRONOUN_GENDER:
                    genders.setdefault(target, PRONOUN_GENDER[tok.lower_])
                if target is not None:
                    cand = Candidate(start=tok.idx, end=tok.idx + len(tok), name=tok.text,
                                     kind="person", label="PRONOUN", sent=tok.sent.start,
                                     subject=tok.dep_ in SUBJECTS_WITH_AGENT, token=tok.i,
                                     actor=target)
                    cands.append(cand)
                    insort(named, cand, key=lambda c: c.start)  # "He ... He is scheduled"
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
