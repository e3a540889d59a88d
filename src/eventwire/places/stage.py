"""Places: every toponym in the text, geocoded offline against the gazetteer, with its role.

Candidates come from candidates.py (entities, locative frames, datelines, names inside
organisations' names). Homonyms are resolved in rounds (resolver.py): first each name alone,
to learn which countries and US states the document is about (clear readings, US counties,
demonyms and cue words such as "Iraqi" or "Republicans"); then with that focus, the feature
class (country > region > city), population, a qualifier after a comma ("Paris, Texas",
"Alexandria, La."), the word after the name ("province", "city", "Mayor", "residents"), and
nearness to the other places chosen; every mention of a name then takes the reading with the
best total. A name never counts as evidence for its own reading, so "Georgia" follows the
rest of the text. A US county ("Lamar County") gets its state from the text and, as an
approximation, the point of the nearest-named place in that state, else the state's point.

Streets and roads take the point of the town named nearest them, and so do names a place
word frames that the gazetteer lacks ("the village of Jangebe"; streets.py).

A text longer than a window (pipeline/windows.py, 50,000 characters) is resolved window by
window, each as a text of its own, so the work grows linearly with its length.

Every place has a role (`Place.role`): "literal" (a place where something is or happens),
"actor" (a country or city standing for its government or people: "Washington said",
"China warned", "U.S. officials"; see metonymy.py) or "adjective" (a demonym or place
adjective, "Iraqi", "Russian", or a country name used as a nationality before a noun, "U.S.
bases"), resolved to its country. Events, the event location and place counts use literal
places only (event_location.py).
"""

from __future__ import annotations

from eventwire.model import Article, Entity, Place, PlaceRole
from eventwire.pipeline.stage import Stage, Work
from eventwire.pipeline.windows import SpanIndex, bucket, windows
from eventwire.places import streets
from eventwire.places.candidates import EMBEDDED, FRAMED, UNRESOLVED_LABELS, Candidates
from eventwire.places.gazetteer import Entry, gazetteer
from eventwire.places.resolver import Mention, Resolver
from eventwire.settings import Settings

ACTOR_CITY_MIN = 100_000  # a smaller town never stands for a government or people
# A name of one of these features before a noun is a nationality ("U.S. bases", "EU rules").
NATIONS = frozenset({"country", "region", "continent"})


def _start(item: Mention | Entity) -> int:
    return item.start


def _town(mention: Mention, role: PlaceRole) -> bool:
    return role == "literal" and mention.entry is not None \
        and mention.entry.feature in streets.TOWN_FEATURES


class PlacesStage(Stage):
    name = "places"
    requires = ("doc", "entities", "actors")
    assigns = ("places",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.gaz = gazetteer()
        self.resolver = Resolver(self.gaz)
        self.candidates = Candidates(self.gaz)
        self._countries: dict[str, Entry] = {}

    def process(self, work: Work) -> None:
        article = work.article
        mentions = self.candidates.find(article, work.parsed)
        bounds = windows(article.text)
        if len(bounds) == 1:
            found = self.window(article, None, mentions, article.entities, None)
        else:  # a long text: each window is resolved as a text of its own
            found, town = [], None
            for span, inside, entities in zip(bounds, bucket(mentions, _start, bounds),
                                              bucket(article.entities, _start, bounds),
                                              strict=True):
                placed = self.window(article, span, inside, entities, town)
                found.extend(placed)
                town = next((m for m, role in reversed(placed) if _town(m, role)), town)
        for mention, role in found:
            article.places.append(self.place(mention, role, len(article.places) + 1))

    def window(self, article: Article, span: tuple[int, int] | None, mentions: list[Mention],
               entities: list[Entity], town: Mention | None) -> list[tuple[Mention, PlaceRole]]:
        """The places of the window `span` (None: the whole of a text no longer than a
        window), in text order; `town` is the last literal town of the window before, which
        a street at the top of this one may lie in."""
        self.resolver.resolve([m for m in mentions if m.candidates or m.states
                               or m.qualifier], self.cues(entities))
        streets.localities(mentions, FRAMED)
        found: list[tuple[Mention, PlaceRole]] = []
        for mention in mentions:
            unresolved = mention.entry is None and not mention.state
            if unresolved and mention.label not in UNRESOLVED_LABELS:
                continue
            # A town an institution is named after ("Dublin Arts Council") stays, however small.
            if mention.role == "actor" and mention.label != EMBEDDED \
                    and not self.can_act(mention.entry):
                continue
            found.append((mention, self.role(mention)))
        found.extend(self.adjectives(entities, found))
        text, taken = article.text, [(m.start, m.end) for m, _ in found]
        if span is None:
            spans = streets.find(text, taken)
        else:  # this window's streets only
            start, end = span
            spans = [(s + start, e + start) for s, e in streets.find(
                text[start:end], [(s - start, e - start) for s, e in taken])]
        towns = [town, *mentions] if town is not None else mentions
        found.extend((m, "literal") for m in streets.place(towns, spans, text))
        found.sort(key=lambda pair: pair[0].start)
        return found

    @staticmethod
    def can_act(entry: Entry | None) -> bool:
        """Whether a place can stand for a government or people: a country, a region, a
        capital or a big city ("Washington said", "Moscow warned"). A small town's name
        used as a subject ("said Noma") is a person's or a firm's, not a toponym."""
        if entry is None:
            return False
        return entry.feature != "city" or entry.capital or entry.population >= ACTOR_CITY_MIN

    @staticmethod
    def role(mention: Mention) -> PlaceRole:
        if mention.role == "actor":
            return "actor"
        if mention.role == "modifier":
            nation = mention.entry is not None and mention.entry.feature in NATIONS
            return "adjective" if nation else "literal"
        return "literal"

    def adjectives(self, entities: list[Entity],
                   found: list[tuple[Mention, PlaceRole]]) -> list[tuple[Mention, PlaceRole]]:
        """Demonyms and place adjectives (NORP entities such as "Iraqi", "Russian"),
        resolved to their country."""
        if not self._countries:
            self._countries = {e.country: e for e in self.gaz.others
                               if e.feature == "country" and e.country}
        taken = SpanIndex((m.start, m.end) for m, _ in found)
        extra: list[tuple[Mention, PlaceRole]] = []
        for entity in entities:
            if entity.label != "NORP" or taken.overlaps(entity.start, entity.end):
                continue
            code = self.gaz.cue(entity.text)
            country = self._countries.get(code) if code else None
            if country is None:
                continue
            mention = Mention(entity.start, entity.end, entity.text, "NORP", [], [],
                              entry=country)
            extra.append((mention, "adjective"))
        return extra

    def cues(self, entities: list[Entity]) -> list[str]:
        """Countries the text is tied to by demonyms and cue words. Actors' countries are not
        used: they mostly come from the same place names ("Georgia" made Georgians)."""
        found = []
        for entity in entities:
            if entity.label == "NORP":
                country = self.gaz.cue(entity.text)
                if country:
                    found.append(country)
        return found

    @staticmethod
    def place(mention: Mention, role: PlaceRole, number: int) -> Place:
        entry = mention.entry
        if entry is None:
            return Place(id=f"p{number}", text=mention.text, start=mention.start,
                         end=mention.end, name=mention.text,
                         feature="admin2" if mention.state else None,
                         country="USA" if mention.state else None, admin1=mention.state,
                         role=role)
        return Place(id=f"p{number}", text=mention.text, start=mention.start, end=mention.end,
                     name=entry.name, geonameid=entry.geonameid, feature=entry.feature,
                     country=entry.country, admin1=entry.admin1, lat=round(entry.lat, 5),
                     lon=round(entry.lon, 5), role=role)

