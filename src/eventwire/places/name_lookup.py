"""Looking a name up in the gazetteer: the span of a name without "the" and possessives, its
candidates (with a leading direction word dropped or kept), the known place inside a longer
unknown name, and the state or country named right after it (places/candidates.py uses these).
"""

from __future__ import annotations

import re

from eventwire.model import Article
from eventwire.places.gazetteer import Entry, Gazetteer, distance_km, key
from eventwire.places.words import (
    DIRECTIONS,
    FACILITY_WORDS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
)

MISREAD_MIN = 10_000  # population of a town whose name alone, labelled ORG, is taken as the town
INSIDE_MIN = 100_000  # ... and of a town named anywhere inside a longer unknown name
PART_KM = 50.0  # how far "east X", as a place's own name, may lie from X
_LIST_END = re.compile(r",?\s+(?:and|or|&)\s")
_WITHIN = re.compile(r"(?:,| in)\s+((?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*){0,2})")
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.’'-]*\.?)(?:\s+[A-Z][\w.’'-]*\.?){0,2})")


def lies_in(town: Entry, region: Entry) -> bool:
    """Whether a town lies in a country, or in a state or province: by its name where the
    gazetteer gives the town's one (US states), else by the country alone (GeoNames codes
    such as "NG.27")."""
    if town.country != region.country:
        return False
    return region.feature != "admin1" or not town.admin1 or "." in town.admin1 \
        or town.admin1 == region.admin1


def strip_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading 'the' and a trailing possessive or punctuation."""
    text = article.text
    while start < end and not text[start].isalnum():
        start += 1
    if text[start:end].lower().startswith("the "):
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            break
    while end > start and text[end - 1] in " ,;:)\"”":
        end -= 1
    return start, end


def lookup(gaz: Gazetteer, text: str, after_comma: bool,
           named: bool) -> tuple[list[tuple[Entry, bool]], int]:
    """Candidates for a name, dropping a leading direction word if the whole is unknown
    ("northern Baghdad", not "North West"); the second value is how many characters were
    dropped from the front. After a comma, state abbreviations count ("Gainesville, Va.")."""
    if (after_comma or named) and "." in text:
        states = [(e, True) for e in gaz.qualifier(text) if e.feature == "admin1"]
        if states:
            return states, 0
    found = gaz.candidates(text)
    if found:
        return found, 0
    first, _, rest = text.partition(" ")
    if rest and first.lower() in DIRECTIONS and rest[:1].isupper():
        found = [c for c in gaz.candidates(rest)
                 if c[1] and (c[0].feature != "city" or c[0].population >= 50_000)]
        return found, len(first) + 1
    return [], 0


def with_direction(gaz: Gazetteer, text: str, start: int, end: int) -> int:
    """The start of the name with the direction word before it when the two are the main
    name of a place within PART_KM of a place the name alone is ("from east Jerusalem
    homes": East Jerusalem; "in east London" stays London, not South Africa's)."""
    word = text[max(0, start - 16):start].rsplit(None, 1)[-1:]
    if not word or word[0].lower() not in DIRECTIONS or not text[:start].endswith(" "):
        return start
    begin = start - 1 - len(word[0])
    wider = [e for e, main in gaz.candidates(text[begin:end]) if main]
    alone = [e for e, main in gaz.candidates(text[start:end]) if main]
    return begin if any(distance_km(a.lat, a.lon, b.lat, b.lon) <= PART_KM
                        for a in wider for b in alone) else start


def inner_place(gaz: Gazetteer, text: str, anywhere: bool = False) -> tuple[int, int] | None:
    """The longest run of words inside a longer unknown name that is a known place:
    after its "of" ("Illinois" in "State of Illinois"), or at its start when what
    follows is "City", "County", "Police" and the like ("Fargo City", "Coles County
    Police"); with `anywhere`, then any run of capitalised words that names a country,
    a region or a town of 10,000 people or more ("Historic Dublin", "Movement for United
    Georgia"); never the namesake of a street or a building ("Washington Square"), nor a
    word that says what an institution does ("Justice Department", FUNCTION_WORDS)."""
    words = [(w.start(), w.end()) for w in re.finditer(r"[\w.’'-]+", text)]
    lowered = [text[a:b].lower() for a, b in words]
    # "St." ends a street's name ("Main St.") but starts a saint's town ("St. Louis").
    if any(word in FACILITY_WORDS for word in lowered[1:]) or (
            lowered and lowered[0] in FACILITY_WORDS and lowered[0] not in ("st", "st.")):
        return None
    afters = [i + 1 for i, word in enumerate(lowered[:-1]) if word == "of"]
    for size in range(len(words) - 1, 0, -1):
        for first in [*afters, 0]:
            if first + size > len(words):
                continue
            begin, finish = words[first][0], words[first + size - 1][1]
            part = text[begin:finish]
            if (first == 0 and lowered[size] not in INSTITUTION_WORDS
                    and not gaz.counties.get(key(part))) or (
                    first == 0 and size == 1 and lowered[0] in FUNCTION_WORDS):
                continue
            if not part[:1].isupper():
                continue
            if gaz.counties.get(key(part)) or known(gaz, part):
                return begin, finish
    if not anywhere:
        return None
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            begin, finish = words[first][0], words[first + size - 1][1]
            part = text[begin:finish]
            if all(text[a:a + 1].isupper() for a, _ in words[first:first + size]) and \
                    known(gaz, part, INSIDE_MIN):
                return begin, finish
    return None


def known(gaz: Gazetteer, name: str, population: int = MISREAD_MIN) -> bool:
    """A main name of a country, a region or a town of `population` people or more."""
    return any(main and (e.feature != "city" or e.population >= population)
               for e, main in gaz.candidates(name))


def region_after(gaz: Gazetteer, article: Article, end: int) -> list[Entry]:
    """The state, province or country named right after a name, after "in" or a comma
    ("from Chibok in Borno State", "Jangebe, Zamfara"): a town of any size there is the
    name's reading (`_lies_in`)."""
    match = _WITHIN.match(article.text, end)
    if match is None:
        return []
    return [e for e in gaz.qualifier(match.group(1)) if e.country]


def qualifier_after(gaz: Gazetteer, article: Article, end: int) -> list[Entry]:
    """The state or country a comma after a name says it is in ("Gainesville, Va."), not
    the next item of a list of places."""
    match = _QUALIFIER.match(article.text, end)
    if match is None:
        return []
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        found = gaz.qualifier(" ".join(words[:size]))
        if found:
            # "Washington, New York and Boston": a list of places, not a qualifier.
            rest = match.string[match.start(1):match.end(1) + 6]
            ends_list = _LIST_END.match(rest, len(" ".join(words[:size])))
            return [] if ends_list else found
    return []
