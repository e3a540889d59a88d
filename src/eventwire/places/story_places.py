"""The places of a whole story: the place its dateline names, the place it is about (its
focus), and the town it is set in. event_location.py falls back on them when a sentence
does not say where its event happened.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from eventwire.model import Article, Place
from eventwire.places.candidates import DATELINE_PATTERN

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A town named this often is the story's setting.
SETTING_MENTIONS = 2
# Smaller is more specific; unresolved names (no feature) are mostly small places.
SPECIFICITY = {"city": 0, "locality": 0, "admin2": 0, "": 0, "admin1": 1, "region": 1, "country": 2,
               "continent": 3, "water": 3}


def literal_places(article: Article) -> list[Place]:
    """The places where something is or happens (not actors, not nationalities)."""
    return [place for place in article.places if place.role == "literal"]


def focus_place(article: Article, doc: Doc) -> Place | None:
    """The place the story is about: its dateline's, else the most specific resolved
    literal place its lead (first two sentences) names (a town over a region over a
    country; the first on ties)."""
    dated = dateline_place(article)
    if dated is not None:
        return dated
    sentences = list(doc.sents)[:2]
    if not sentences:
        return None
    end = sentences[-1].end_char
    lead = [p for p in literal_places(article) if p.start < end and p.feature]
    return min(lead, key=lambda p: (SPECIFICITY.get(p.feature or "", 0), p.start),
               default=None)


def dateline_place(article: Article) -> Place | None:
    """The literal place the article's dateline names, if it has one."""
    match = DATELINE_PATTERN.search(article.text[:400])
    if match is None:
        return None
    start, end = match.span(1)
    if article.text[:start].strip():
        return None
    return next((p for p in literal_places(article) if start <= p.start < end), None)


def story_town(article: Article, country: str | None) -> Place | None:
    """The town of `country` the story names most often as a literal place, at least
    `SETTING_MENTIONS` times (the first named on ties): a happening or a meeting the clause
    places only in a country took place in the town the story is set in (G7 "meetings" in
    Canada in a story that names Charlevoix twice)."""
    if not country:
        return None
    towns = [p for p in literal_places(article) if p.feature == "city" and p.country == country]
    counts = Counter(_norm_name(p) for p in towns)
    best = max(counts.values(), default=0)
    if best < SETTING_MENTIONS:
        return None
    return next(p for p in towns if counts[_norm_name(p)] == best)


def _norm_name(place: Place) -> str:
    return (place.name or place.text).casefold()
