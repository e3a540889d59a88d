"""Streets and roads: ways named in local news, placed in the town the text is about.

The gazetteer has no streets, so a street ("1935 Orchard St.", "Mayfield Road", "Highway
200", "County Road 43") takes the point of the literal town or county named nearest before
it in the text (else after it); with no such town in the text it is not reported, since
nothing says where it is. Its feature is "street", its role "literal". The words come from
data/places/place_words.toml (`street_words`, `numbered_roads`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventwire.data import read_toml
from eventwire.places.gazetteer import Entry
from eventwire.places.resolver import Mention

STREET = "STREET"  # the label of a street mention
TOWN_FEATURES = frozenset({"city", "admin2"})
LOCALITY_ANCHORS = TOWN_FEATURES | {"admin1"}
# A way needs a name of its own: "North Avenue" and "Main Street" are generic, not placeable.
GENERIC = frozenset({"north", "south", "east", "west", "main", "the", "new", "old", "high",
                     "first", "second", "third", "front", "this", "that", "its", "their"})


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    words = read_toml("places/place_words.toml")
    ends = "|".join(re.escape(w) for w in sorted(words["street_words"], key=len, reverse=True))
    roads = "|".join(re.escape(w) for w in sorted(words["numbered_roads"], key=len,
                                                   reverse=True))
    name = r"(?:[A-Z][a-z]+|[NSEW]\.|\d+(?:st|nd|rd|th))"
    return re.compile(
        rf"(?<![\w.])(?:[A-Z][a-z]+\s+)?(?:{roads})\s?\d{{1,4}}[A-Z]?\b"
        rf"|(?<![\w.])(?:{name}\s+){{1,3}}(?:{ends})(?![\w])")


def find(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of street and road names that overlap no other place mention."""
    found = []
    for match in pattern().finditer(text):
        start, end = match.span()
        if text[start:end].split()[0] in ("The", "A", "An", "In", "On", "At"):
            start += len(text[start:end].split()[0]) + 1
        if end - start < 4 or any(s < end and start < e for s, e in taken):
            continue
        words = text[start:end].split()
        if len(words) < 2 or all(w.lower() in GENERIC for w in words[:-1]):
            continue
        found.append((start, end))
    return found


def localities(mentions: list[Mention], framed: str) -> None:
    """Give a name a place word frames but the gazetteer lacks ("the village of Jangebe",
    "Kabul's Dasht-e-Barchi neighborhood"; label `framed`) the point of the literal town,
    county or province named nearest before it (else after it), feature "locality", as a
    street takes its town's; with none in the text it stays unresolved."""
    anchors = [m for m in mentions if m.entry is not None and m.role == "literal"
               and m.entry.feature in LOCALITY_ANCHORS]
    for mention in mentions:
        if mention.label != framed or mention.entry is not None:
            continue
        before = [m for m in anchors if m.end <= mention.start]
        town = before[-1] if before else next(
            (m for m in anchors if m.start >= mention.end), None)
        if town is not None and town.entry is not None:
            anchor = town.entry
            mention.entry = Entry(mention.text, "locality", anchor.country, anchor.lat,
                                  anchor.lon, admin1=anchor.admin1)


def place(mentions: list[Mention], spans: list[tuple[int, int]], text: str) -> list[Mention]:
    """Street mentions, each with the point of the nearest literal town mention."""
    towns = [m for m in mentions if m.entry is not None and m.role == "literal"
             and m.entry.feature in TOWN_FEATURES]
    placed = []
    for start, end in spans:
        before = [m for m in towns if m.end <= start]
        town = before[-1] if before else next((m for m in towns if m.start >= end), None)
        if town is None or town.entry is None:
            continue
        anchor = town.entry
        entry = Entry(text[start:end], "street", anchor.country, anchor.lat, anchor.lon,
                      admin1=anchor.admin1)
        placed.append(Mention(start, end, text[start:end], STREET, [], [], entry=entry))
    return placed
