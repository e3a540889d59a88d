"""Actor pass 4: countries, capitals, regions and nationalities (GPE/NORP entities).

Every mention of a country name is the country actor (kind country, no sector), also "in
Iraq" — events need "Iran" in "warned Iran", and an event's role decides whether it acts.
A capital is the government (GOV) unless it is the object of a place preposition ("curfew
in Algiers"), where it is the city's people (group, CVL). A plural nationality
("Americans") is a group of civilians (CVL); "ethnic Albanians" are a community of the
country the story is about, not Albania; "pro-X" names X as a backer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.actors.coref import Candidate
from eventwire.actors.tables import Country, norm
from eventwire.actors.words import (
    DIRECTIONS,
    REGION_WORDS,
)
from eventwire.model import Entity
from eventwire.nlp.english import (
    GEO_ORG_LABELS,
    NOUN_MODIFIERS,
    NOUN_MODIFIERS_WITH_CONJ,
    NOUN_TAGS,
    PLURAL_NOUN_TAGS,
)
from eventwire.nlp.syntax import is_locative

if TYPE_CHECKING:
    from spacy.tokens import Span

    from eventwire.actors.finder import MentionFinder


def find_country(f: MentionFinder, entity: Entity, span: Span) -> None:
    if any(tk.i in f.used for tk in span):
        return
    text, root, t = entity.text, span.root, f.t
    if text.lower().startswith("pro-"):
        _pro(f, entity, span)
        return
    known = f.known(text, entity.start, entity.end, entity.label)
    if known is not None:
        f.add(known, list(span), entity)
        return
    country = t.country(text) or _region_of(f, span)
    capital = t.capital(text) if entity.label in GEO_ORG_LABELS and not country \
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
        head = f.tok_ent.get(root.head.i)
        if head is not None and head is not entity and head.label == "NORP" \
                and root.dep_ in NOUN_MODIFIERS:
            return
        cand = _nationality(f, entity, span, demonym.iso3)
    elif entity.label == "NORP" or len(span) > 1:
        cand = _people(f, entity, span)
    elif entity.label == "GPE" and not is_locative(root):
        cand = Candidate(start=entity.start, end=entity.end, label=entity.label,
                         name=text, kind="group", key=f"name:{norm(text)}")
    if cand is not None:
        f.add(cand, list(span), entity)
        mods = [c for c in span.root.lefts if c.dep_ in NOUN_MODIFIERS
                and c.i in f.tok_ent and f.tok_ent[c.i] is not entity]
        f.absorb(mods, cand, entity)


def _region_of(f: MentionFinder, span: Span) -> Country | None:
    """'South Lebanon', 'northern Syria', 'Montenegro province': the country named."""
    words = [tk.text for tk in span]
    while words and words[0].lower() in DIRECTIONS:
        words = words[1:]
    while words and words[-1].lower() in REGION_WORDS:
        words = words[:-1]
    if not words or len(words) == len(span):
        return None
    return f.t.country(" ".join(words))


def _nationality(f: MentionFinder, entity: Entity, span: Span, iso3: str) -> Candidate:
    root = span.root
    standalone = root.dep_ not in NOUN_MODIFIERS_WITH_CONJ \
        or root.head.i == root.i
    ethnic = any(c.lower_ == "ethnic" for c in root.lefts)
    if standalone and ethnic:
        return Candidate(start=entity.start, end=entity.end, label=entity.label,
                         name=entity.text, kind="group", sectors=["CVL"], local=True,
                         key=f"name:{norm(entity.text)}")
    if standalone and (entity.text.endswith("s") or root.tag_ in PLURAL_NOUN_TAGS
                       or root.pos_ in NOUN_TAGS):
        return Candidate(start=entity.start, end=entity.end, label=entity.label,
                         name=entity.text.removesuffix("’s").removesuffix("'s"),
                         kind="group", country=iso3, sectors=["CVL"], key=f"people:{iso3}")
    name = f.t.countries_by_iso.get(iso3, iso3)
    return Candidate(start=entity.start, end=entity.end, label=entity.label, name=name,
                     kind="country", country=iso3, key=f"country:{iso3}")


def _people(f: MentionFinder, entity: Entity, span: Span) -> Candidate | None:
    """'Iraqi Kurds', 'Bosnian Serbs', 'Shiites': a community, country from its words."""
    if entity.label != "NORP" and not any(f.word_country(tk.text) for tk in span):
        return None
    if is_locative(span.root):
        return None
    words = [*span, *(c for c in span.root.lefts if c.dep_ in NOUN_MODIFIERS)]
    ethnic = any(tk.lower_ == "ethnic" for tk in (*words, *span.root.lefts))
    country = None if ethnic else \
        next((c for tk in words if (c := f.word_country(tk.text))), None)
    plural = entity.text.endswith("s")
    return Candidate(start=entity.start, end=entity.end, label=entity.label,
                     name=entity.text, kind="group", country=country, local=ethnic,
                     sectors=["CVL"] if plural else [], key=f"name:{norm(entity.text)}")


def _pro(f: MentionFinder, entity: Entity, span: Span) -> None:
    """'pro-Iranian Hizbollah': the words qualify the group they modify."""
    target = f.tok_cand.get(span.root.head.i)
    if target is None:
        return
    target.backer = target.backer or f.word_country(entity.text[4:])
    f.absorb(list(span), target, None)

