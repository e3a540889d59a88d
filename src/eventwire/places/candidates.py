"""Place-name candidates in an article: the mentions the resolver then places.

Candidates are GPE, LOC and FAC entities; capitalised names in a locative frame that the
gazetteer knows (by a main name, or by another name of a town of 100,000+ that is no town's main
name: "Hama"), whatever spaCy labelled them: right after a locative preposition ("in Kirkuk",
"near Malakal"), before "-based" ("a Kabul-based group") or between "the" and an administrative
word ("the Nineveh province", "Idlib city") (frames.py); in a strong frame ("the town of
Suwayrah", "the Bayaa neighborhood") also a name it does not know (label FRAMED) and a town of
any size, as after "in" or a comma naming the state or country it is in ("from Chibok in Borno
State"); ORG and PERSON entities that spaCy's small model misread (the same name is labelled a
place elsewhere in the text; or, for ORG, it is exactly a country, a state or a town of 10,000+,
and no person's surname); the place an organisation is named after ("Dublin" in "Dublin City
Council"); and datelines ("MANSFIELD —"). A longer unknown name yields the known place inside it
("Fargo" in "Fargo City", "Georgia" in "Movement for United Georgia"). Each mention carries what
the parse says it stands for (see metonymy.py); states or countries inside organisations' names
("Kentucky Home Guard") are actors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire.model import Article, Entity
from eventwire.nlp.english import GEO_LABELS, MISREAD_PLACE_LABELS, PLACE_LABELS
from eventwire.nlp.english import PERSON_GROUP_LABELS as OTHER_LABELS
from eventwire.pipeline.windows import SpanIndex
from eventwire.places.frames import (
    after_address,
    after_preposition,
    bare_names,
    name_hint,
    place_object,
    town_of_hint,
)
from eventwire.places.gazetteer import Entry, Gazetteer, key
from eventwire.places.metonymy import syntactic_role
from eventwire.places.name_lookup import (
    INSIDE_MIN,
    MISREAD_MIN,
    inner_place,
    lies_in,
    lookup,
    qualifier_after,
    region_after,
    strip_span,
    with_direction,
)
from eventwire.places.resolver import Mention
from eventwire.places.words import WITHIN_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc


FRAMED = "FRAMED"  # the label of a name a place frame makes a place ("the town of Suwayrah")
UNRESOLVED_LABELS = GEO_LABELS | {FRAMED}
EMBEDDED = "EMBEDDED"  # the label of a place named inside an organisation's name
DATELINE = "DATELINE"  # the label of the place a dateline names ("MANSFIELD — The council")
# A dateline: capitals at the start of a paragraph or sentence, perhaps a state and the agency,
# then a dash ("ATLANTA -", "CHARLESTON, W.Va. --", "BEIRUT (AP) —").
DATELINE_PATTERN = re.compile(r"(?:^|\n|[.!?]\s+)([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})"
                       r"(?:,\s*[A-Z][\w.]*\.?(?: [A-Z][\w.]*\.?)?)?\s*(?:\([\w ]+\)\s*)?"
                       r"(?:-|—|–|--)\s")
# Prepositions before which a person's name in the text is still read as a place ("in
# Garland", "to Obama"): those of where something is, and of coming and going ("pile on
# Obama", "the case against Garland" are the person).
PERSON_OR_PLACE = WITHIN_WORDS | {"from", "to", "into"}
# After these a name spaCy read as a person is a place even when the gazetteer does not
# know it ("detonated his explosives inside Kafr Sousah", "a raid in Qaim"): people are seldom
# in, near or around someone.
ENCLOSING = frozenset({"in", "inside", "near", "outside", "around", "within", "throughout"})


class Candidates:
    """Finds the place-name mentions of one article against the gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def find(self, article: Article, doc: Doc) -> list[Mention]:
        """Place-name candidates: entities and capitalised names after a preposition."""
        found: list[Mention] = []
        taken = [(e.start, e.end) for e in article.entities
                 if e.label not in MISREAD_PLACE_LABELS]
        named = {key(article.text[slice(*strip_span(article, e.start, e.end))])
                 for e in article.entities if e.label in UNRESOLVED_LABELS}
        surnames = {key(e.text.split()[-1]) for e in article.entities
                    if e.label == "PERSON" and " " in e.text}
        titled = {a.id for a in article.actors if a.kind == "person" and a.title}
        people = surnames | {key(e.text) for e in article.entities
                             if e.label == "PERSON" and e.actor in titled}
        named -= people
        coded = {a.id for a in article.actors if a.kind == "organization" and a.sectors}
        for entity in article.entities:
            if (entity.label in PLACE_LABELS or entity.label == "PERSON") \
                    and self._person(article, doc, entity, people):
                continue
            found.extend(self._from_entity(article, doc, entity, coded, named, surnames))
        spans = SpanIndex((m.start, m.end) for m in found)
        by_start: dict[int, list[Mention]] = {}
        for mention in found:
            by_start.setdefault(mention.start, []).append(mention)
        for match in DATELINE_PATTERN.finditer(article.text):
            start, end = match.span(1)
            if not spans.overlaps(start, end):
                for mention in self._make(article, doc, start, end, DATELINE, False):
                    found.append(mention)
                    spans.add(mention.start, mention.end)
                    by_start.setdefault(mention.start, []).append(mention)
            for mention in by_start.get(start, []):  # a dateline names a town ("LEBANON —")
                mention.hint = "town"
        self._frames(article, doc, found, by_start, SpanIndex(taken))
        return sorted(found, key=lambda m: m.start)

    def _frames(self, article: Article, doc: Doc, found: list[Mention],
                by_start: dict[int, list[Mention]], entity_spans: SpanIndex) -> None:
        """Add the names place frames make places (frames.py) to `found`; a strong frame
        over a mention the gazetteer does not know makes it FRAMED ("the town of Balad
        Ruz", which spaCy read as a facility)."""
        spans = SpanIndex((m.start, m.end) for m in found)
        for start, end, framed in bare_names(doc):
            if framed and spans.overlaps(start, end):
                for mention in by_start.get(start, []):
                    if mention.end >= end and not mention.candidates:
                        mention.label = FRAMED
            elif framed:  # over a misread ORG or PERSON
                for mention in self._make(article, doc, start, end, FRAMED, True):
                    found.append(mention)
                    spans.add(mention.start, mention.end)
            elif not entity_spans.overlaps(start, end):
                found.extend(self._make(article, doc, start, end, "NAME", True))

    def _from_entity(self, article: Article, doc: Doc, entity: Entity, coded: set[str],
                     named: set[str], surnames: set[str]) -> list[Mention]:
        """The place mentions of one entity: a place entity, an entity of another label
        that is a misread place or stands where places do, or the place an ORG is named
        after."""
        if entity.label == "ORG" and entity.actor in coded and self._capital(
                article, entity.start, entity.end):
            # "Washington said", coded as the US government: the city, an actor when the
            # parse says so.
            return self._make(article, doc, entity.start, entity.end, entity.label, False)
        if entity.label in PLACE_LABELS or (
                entity.label in OTHER_LABELS and entity.actor not in coded
                and self._misread(article, entity.start, entity.end, entity.label, named,
                                  surnames)):
            strict = False
        elif entity.label in OTHER_LABELS and (after_preposition(doc, entity.start)
                                               or name_hint(doc, entity.end)
                                               or after_address(doc, entity.start)
                                               or place_object(doc, entity.start)):
            strict = True
        elif entity.label == "ORG":
            return self._institution(article, doc, entity.start, entity.end)
        else:
            return []
        made = self._make(article, doc, entity.start, entity.end, entity.label, strict)
        if not made and entity.label == "ORG":
            made = self._institution(article, doc, entity.start, entity.end)
        return made

    def _person(self, article: Article, doc: Doc, entity: Entity, people: set[str]) -> bool:
        """Whether a name spaCy labelled a place or a person is a person the text names
        ("Merrick Garland" ... "the Garland nomination"; "President Obama" ... "pile on
        Obama"): it is the surname of a person named in full there, or the name of one
        with a title (`people`), neither a preposition of place nor
        a verb of taking places comes before it ("captured Shali"), and it names no country,
        region or first-level region ("Chad Smith" ... "troops from Chad")."""
        text = article.text[slice(*strip_span(article, entity.start, entity.end))]
        return key(text) in people \
            and not after_preposition(doc, entity.start, PERSON_OR_PLACE) \
            and not place_object(doc, entity.start) \
            and not any(main and e.feature in ("country", "admin1", "region", "continent")
                        for e, main in self.gaz.candidates(text))

    def _misread(self, article: Article, start: int, end: int, label: str,
                 named: set[str], surnames: set[str]) -> bool:
        """Whether an ORG or PERSON entity is a place spaCy mislabelled: its name is labelled
        a place elsewhere in the text and no person's name or surname there, or (ORG only)
        it is exactly the name of a country, a first-level region or a town of 10,000 people
        or more ("Ohio", "Gainesville");
        never a name that is some person's surname in the text ("Michael Bell")."""
        after_the = article.text[max(0, start - 4):start].lower() == "the "
        start, end = strip_span(article, start, end)
        text = article.text[start:end]
        if after_the and not (text.isupper() and self._nation(text)):
            return False
        if not text[:1].isupper() or (text.isupper() and not self._nation(text)) or len(text) > 40:
            return False
        if key(text) in named:
            return True
        if label != "ORG" or key(text) in surnames:
            return False
        return any(main and (e.feature in ("country", "admin1", "region") or
                             (e.feature == "city" and e.population >= MISREAD_MIN))
                   for e, main in self.gaz.candidates(text))

    def _capital(self, article: Article, start: int, end: int) -> bool:
        """Whether an organisation's name is exactly a country's or a capital's name."""
        start, end = strip_span(article, start, end)
        text = article.text[start:end]
        return text[:1].isupper() and (not text.isupper() or self._nation(text)) and any(
            main and (e.feature in ("country", "region") or e.capital)
            for e, main in self.gaz.candidates(text))

    def _nation(self, text: str) -> bool:
        """An abbreviation that is a country's or a union's name ("EU", "DRC", "UAE")."""
        return any(main and e.feature in ("country", "region")
                   for e, main in self.gaz.candidates(text))

    def _institution(self, article: Article, doc: Doc, start: int,
                     end: int) -> list[Mention]:
        """The place an ORG entity is named after ("Dublin" in "Dublin City Council"); else
        a country, a region, a state or a city of 100,000+ named inside it ("Kentucky Home
        Guard", "Air Zimbabwe", "The Washington Post"): a non-literal use, role actor."""
        start, end = strip_span(article, start, end)
        text = article.text[start:end]
        if " " not in text or text.isupper() or len(text) > 80:
            return []
        inner = inner_place(self.gaz, text)
        if inner is not None and inner[0] == 0:
            return self._make(article, doc, start + inner[0], start + inner[1], EMBEDDED,
                              False)
        for match in re.finditer(r"(?=\b([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?))", text):
            for part in (match.group(1), match.group(1).split()[0]):
                found: list[tuple[Entry, bool]] = [
                    (e, main) for e, main in self.gaz.candidates(part)
                    if (main and e.feature in ("country", "admin1", "region"))
                    or (e.feature == "city" and e.population >= INSIDE_MIN)]
                if found:
                    begin = start + match.start(1)
                    return [Mention(begin, begin + len(part), part, EMBEDDED, found, [],
                                    role="actor")]
        return []

    def _make(self, article: Article, doc: Doc, start: int, end: int, label: str,
              strict: bool) -> list[Mention]:
        start, end = strip_span(article, start, end)
        if end - start < 2 or end - start > 80:
            return []
        start = with_direction(self.gaz, article.text, start, end)
        text = article.text[start:end]
        if "," in text:
            head, _, _ = text.partition(",")
            return self._make(article, doc, start, start + len(head), label, strict)
        after_comma = article.text[max(0, start - 2):start].strip() == ","
        candidates, dropped = lookup(self.gaz, text, after_comma, label == "GPE")
        start += dropped
        text = article.text[start:end]
        states = self.gaz.counties.get(key(text), [])
        if not candidates and not states and not strict and " " in text:
            inner = inner_place(self.gaz, text, anywhere=True)
            if inner is not None:
                return self._make(article, doc, start + inner[0], start + inner[1], label, strict)
        if strict:
            within = region_after(self.gaz, article, end)
            some_main = any(c[1] for c in candidates)  # "Berea": a town, not Aleppo
            candidates = [c for c in candidates if (c[1] and (
                c[0].feature != "city" or c[0].population >= 20_000 or label == FRAMED
                or any(lies_in(c[0], region) for region in within))) or (
                not some_main and c[0].feature == "city" and c[0].population >= INSIDE_MIN)]
            if not candidates and label == "PERSON" and after_preposition(doc, start, ENCLOSING):
                label = FRAMED
            if (not candidates and label != FRAMED) or text.isupper() or text.islower():
                return []
        hint = name_hint(doc, end) or town_of_hint(doc, start)
        role = "literal" if label in (EMBEDDED, DATELINE) else syntactic_role(doc, start, end)
        return [Mention(start, end, text, label, candidates,
                        qualifier_after(self.gaz, article, end), hint, states=states, role=role)]
