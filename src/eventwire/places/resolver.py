"""Choosing among homonyms: the reading of each place name that fits the whole document.

Used by the places stage (see candidates.py for how names are found). Scores add up: the
gazetteer's prior (feature class, population, capital), a qualifier after a comma, the word
after the name, and context from the rest of the document (its countries, US states and
places chosen for other names), capped where the name is also an ocean, a country or a
capital; a town in a country the rest of the document never names loses a little. A town
too small for the gazetteer, in a state a qualifier names ("Grantville, Pennsylvania"),
takes the state's point rather than a namesake's elsewhere.

A town's name agrees with the story: its namesakes in the states or provinces the story
names join its readings (`agree`: a name read inside an institution's name lists only big
cities), a county of several states keeps the one the story's towns point to
(`narrow_counties`), and every mention of a name weighs every reading any of its mentions
has (`one_sense`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from eventwire.places.gazetteer import Entry, Gazetteer, distance_km, key

# The word after a name ("province", "city", "Mayor") → the features it favours, and by how much.
HINTED = {"admin": (("admin1", "region"), 4.0), "city": (("city",), 4.0),
          "town": (("city",), 9.0)}
CONTEXT_CAP = 8.0
FOREIGN = 1.5  # a town in a country the rest of the document never names
ROUNDS = 2  # rounds with the other names' readings as context
TOWN_MAX = 50_000  # a name with a bigger namesake never falls back on a qualifier's point
QUALIFIER_KM = 700.0  # how far from a non-US region's point a town in it may lie
NEARNESS = ((50.0, 3.0), (150.0, 2.0), (400.0, 0.5))  # km to another chosen place → bonus


@dataclass
class Mention:
    """A stretch of text that may name a place, and what it resolved to."""

    start: int
    end: int
    text: str
    label: str
    candidates: list[tuple[Entry, bool]]
    qualifier: list[Entry]
    hint: str | None = None  # "admin", "city" or "town" from the next word
    entry: Entry | None = None
    states: list[str] = field(default_factory=list)  # a US county's possible states
    state: str | None = None  # the state chosen for a county
    role: str = "literal"  # from the parse: "literal", "actor" or "modifier" (metonymy.py)


@dataclass
class Focus:
    """What the rest of the document says about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[float, float]] = field(default_factory=list)


def _base_focus(own: str, cues: list[str], counties: list[tuple[str, list[str]]]) -> Focus:
    """The document's cues, and the states of the US counties it names (other than `own`)."""
    focus = Focus(Counter(cues))
    for name, states in counties:
        if name != own:
            focus.countries["USA"] += 1
            for state in states:
                focus.regions[state] += 1 / len(states)
    return focus


def _add_readings(focus: Focus, own: str, readings: list[tuple[str, Entry]],
                  points: bool) -> Focus:
    """The focus with the countries and regions (with `points`, also the towns) of the
    readings of names other than `own`."""
    for name, entry in readings:
        if name == own or not entry.country:
            continue
        focus.countries[entry.country] += 1
        if entry.admin1:
            focus.regions[entry.admin1] += 1
        if points and entry.feature == "city":
            focus.points.append((entry.lat, entry.lon))
    if len(focus.points) > 1:  # only the nearest counts: each point once
        focus.points = list(dict.fromkeys(focus.points))
    return focus


class Resolver:
    """Chooses among homonyms with the document's focus.

    Round 0 reads each name alone; its clear readings and demonyms give the countries (and
    US states) the document is about. Round 1 resolves every name with that focus; then
    `ROUNDS` rounds again, adding nearness to the places the round before chose for other
    names (local news names places near each other) and the regions they lie in, each
    ending with one reading per name.
    """

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def score(self, entry: Entry, main: bool, m: Mention, focus: Focus | None = None,
              cap: float = math.inf) -> float:
        value = entry.prior - (0.0 if main else 2.0)
        if m.qualifier:
            value += 20.0 if self.fits(entry, m.qualifier) else -5.0
        if m.hint:
            features, bonus = HINTED[m.hint]
            value += bonus if entry.feature in features else 0.0
        if focus is None:
            return value
        context = 0.0
        countries = focus.countries
        if countries and entry.country:
            count = countries.get(entry.country, 0)
            context += 2.0 * min(1.0, count / 2) + 2.0 * count / sum(countries.values())
            if not count and any(entry.country in self.gaz.neighbours.get(c, ())
                                 for c in countries):
                context += 1.0
            elif not count and entry.feature == "city":
                context -= FOREIGN
        region = focus.regions.get(entry.admin1 or "", 0)
        if region and entry.feature in ("city", "admin1"):
            context += 1.5 + 1.5 * region / sum(focus.regions.values())
        if focus.points and entry.feature == "city":
            nearest = min(distance_km(entry.lat, entry.lon, lat, lon)
                          for lat, lon in focus.points)
            context += next((bonus for km, bonus in NEARNESS if nearest < km), 0.0)
        return value + min(context, cap)

    @staticmethod
    def readings(mention: Mention) -> list[tuple[Entry, bool]]:
        """The candidates worth weighing: where the name is the main name of a country or
        a first-level region, not the places that have it as another name ("Mexico" is
        not Mexico City)."""
        if any(main and e.feature in ("country", "admin1") for e, main in mention.candidates):
            return [(e, main) for e, main in mention.candidates if main]
        return mention.candidates

    @staticmethod
    def fits(entry: Entry, qualifier: list[Entry]) -> bool:
        """Whether a place lies in the region or country named after a comma. Regions
        outside the US carry GeoNames codes, not names, so there nearness decides."""
        for q in qualifier:
            if q.country != entry.country:
                continue
            if q.feature == "country" or q.admin1 == entry.admin1:
                return True
            if q.country != "USA" and distance_km(q.lat, q.lon, entry.lat,
                                                  entry.lon) < QUALIFIER_KM:
                return True
        return False

    def choose(self, mention: Mention, focus: Focus | None = None) -> Entry | None:
        # A town too small for the gazetteer, in the region a qualifier names ("Grantville,
        # Pennsylvania", when the only Grantville known is in Georgia): the region's point.
        regions = [q for q in mention.qualifier if q.feature == "admin1"]
        if regions and not any(self.fits(e, mention.qualifier) or e.feature != "city"
                               or e.capital or e.population >= TOWN_MAX
                               for e, _ in mention.candidates):
            q = regions[0]
            return Entry(mention.text, "city", q.country, q.lat, q.lon, admin1=q.admin1)
        # Context tells towns apart; it is capped where the name is also an ocean, a
        # country or a capital ("the Atlantic" is not Atlantic, Iowa).
        guarded = any(e.feature != "city" or e.capital for e, _ in mention.candidates)
        cap = CONTEXT_CAP if guarded else math.inf
        best = max(self.readings(mention), default=None,
                   key=lambda c: self.score(c[0], c[1], mention, focus, cap))
        return best[0] if best else None

    def resolve(self, mentions: list[Mention], cues: list[str]) -> None:
        self.agree(mentions)
        counties = [(key(m.text), m.states) for m in mentions if m.states]
        clear = self.clear_readings(mentions)
        foci: dict[str, Focus] = {}  # the focus depends on the name only: one per name
        for mention in mentions:
            own = key(mention.text)
            if own not in foci:
                foci[own] = _add_readings(_base_focus(own, cues, counties), own, clear,
                                          points=False)
            mention.entry = self.choose(mention, foci[own])
        for _ in range(ROUNDS):
            self.rechoose(mentions, cues, counties)

    def agree(self, mentions: list[Mention]) -> None:
        """Add to each town's name its namesakes in the states or provinces the story names
        (by a name of their own, a qualifier or a county of one state), when none of its
        readings lies there: "Paris Public Library" in a story that names Illinois may be
        Paris, Illinois, though the name alone read as an institution's gave only the big
        cities called Paris. A namesake joins as a reading only: it wins where the state's
        own reading and the rest of the story favour it (`score`)."""
        named = {e.admin1: e.country for m in mentions for e, main in m.candidates
                 if main and e.feature == "admin1" and e.admin1}
        named.update((q.admin1, q.country) for m in mentions for q in m.qualifier
                     if q.feature == "admin1" and q.admin1)
        self.narrow_counties(mentions, named)
        named.update((m.states[0], "USA") for m in mentions if len(m.states) == 1)
        if not named:
            return
        for mention in mentions:
            if mention.states or any(main and e.feature in ("country", "admin1")
                                     for e, main in mention.candidates):
                continue
            if any(named.get(e.admin1 or "") == e.country for e, _ in mention.candidates):
                continue
            have = {id(e) for e, _ in mention.candidates}
            mention.candidates += [
                (e, main) for e, main in self.gaz.candidates(mention.text)
                if main and e.feature == "city" and id(e) not in have
                and named.get(e.admin1 or "") == e.country]

    def narrow_counties(self, mentions: list[Mention], named: dict[str, str | None]) -> None:
        """A county of several states ("Madison County") keeps those the story names, else
        the one state where more of the story's other names have a town than in any other
        ("Richmond" and "Berea": Kentucky); on a tie it keeps them all."""
        for county in mentions:
            if len(county.states) < 2:
                continue
            given = [s for s in county.states if named.get(s) == "USA"]
            if given:
                county.states = given
                continue
            votes: Counter[str] = Counter()
            seen: set[str] = set()
            for m in mentions:
                k = key(m.text)
                if m.states or k in seen or k == key(county.text):
                    continue
                seen.add(k)
                votes.update({e.admin1 for e, main in m.candidates
                              if main and e.country == "USA" and e.feature == "city"
                              and e.admin1 in county.states})
            ranked = votes.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                county.states = [ranked[0][0]]

    def clear_readings(self, mentions: list[Mention]) -> list[tuple[str, Entry]]:
        """The readings of names with one candidate, or one well ahead of the next."""
        clear: list[tuple[str, Entry]] = []
        for mention in mentions:
            ranked = sorted((self.score(e, main, mention) for e, main in mention.candidates),
                            reverse=True)
            if ranked and (len(ranked) == 1 or ranked[0] - ranked[1] >= 3.0):
                entry = self.choose(mention)
                if entry is not None:
                    clear.append((key(mention.text), entry))
        return clear

    def rechoose(self, mentions: list[Mention], cues: list[str],
              counties: list[tuple[str, list[str]]]) -> None:
        """Every name chosen again with the other names' readings (and towns) as context."""
        first = [(key(m.text), m.entry) for m in mentions if m.entry is not None]
        scored: dict[str, list[tuple[Mention, Focus]]] = {}
        foci: dict[str, Focus] = {}
        for mention in mentions:
            own = key(mention.text)
            if own not in foci:
                foci[own] = _add_readings(_base_focus(own, cues, counties), own, first,
                                          points=True)
            focus = foci[own]
            if mention.states:
                self.county(mention, focus, mentions)
            else:
                mention.entry = self.choose(mention, focus)
                scored.setdefault(own, []).append((mention, focus))
        self.one_sense(scored)

    def one_sense(self, scored: dict[str, list[tuple[Mention, Focus]]]) -> None:
        """One reading per name in a document: the one with the best total score over
        all its mentions ("Lebanon Street Superintendent" tells every "Lebanon")."""
        for group in scored.values():
            if len(group) < 2:
                continue
            placed = [m.entry for m, _ in group if m.entry is not None
                      and m.entry not in (e for e, _ in m.candidates)]
            if placed:
                for mention, _ in group:
                    mention.entry = placed[0]
                continue
            # Every mention weighs every reading any mention of the name has: one read
            # inside an institution's name ("Columbus Police") lists only big namesakes.
            readings = list({id(e): (e, main) for m, _ in group
                             for e, main in self.readings(m)}.values())
            totals: dict[Entry, float] = defaultdict(float)
            for mention, focus in group:
                guarded = any(e.feature != "city" or e.capital for e, _ in mention.candidates)
                cap = CONTEXT_CAP if guarded else math.inf
                for entry, main in readings:
                    totals[entry] += self.score(entry, main, mention, focus, cap)
            if totals:
                best = max(totals, key=lambda e: totals[e])
                for mention, _ in group:
                    mention.entry = best

    def county(self, mention: Mention, focus: Focus, mentions: list[Mention]) -> None:
        """A US county: its state from a qualifier, else the document's regions, else the
        state of the largest town of the same name ("Orange County": Orange, California);
        its point is that of the place chosen for the nearest name in the text in the same
        state, else of a town of the same name in that state, else the state's."""
        given = [q.admin1 for q in mention.qualifier if q.admin1 in mention.states]
        ranked = sorted(mention.states, key=lambda s: -focus.regions.get(s, 0))
        if given:
            mention.state = given[0]
        elif focus.regions.get(ranked[0], 0) > 0 or len(ranked) == 1:
            mention.state = ranked[0]
        namesakes = [e for e, main in self.gaz.candidates(mention.text.rsplit(" ", 1)[0])
                     if main and e.feature == "city" and e.country == "USA"]
        if mention.state is None and namesakes:
            mention.state = max(namesakes, key=lambda e: e.population).admin1
        if mention.state is None:
            return
        anchors = [m.entry for m in sorted(mentions, key=lambda m: abs(m.start - mention.start))
                   if m.entry is not None and m.entry.feature == "city"
                   and m.entry.admin1 == mention.state]
        anchors += sorted((e for e in namesakes if e.admin1 == mention.state),
                          key=lambda e: -e.population)
        anchors += [e for e, _ in self.gaz.candidates(mention.state)
                    if e.feature == "admin1" and e.country == "USA"]
        if anchors:
            point = anchors[0]
            mention.entry = Entry(mention.text, "admin2", "USA", point.lat, point.lon,
                                  admin1=mention.state)
