"""Whether one place the text names lies inside another, coarser one: a town in its
province or country, a province in its country, a quarter or village the gazetteer lacks in
the town it was placed by (places/streets.py `localities` gives it that town's point).

Used where a coarse place yields to a finer one inside it: the mentions of one merged
happening (events/merge_fields.py `finer_place`) and the story's focus place for its local
happenings (story_places.py `finer_focus`).
"""

from __future__ import annotations

from collections.abc import Iterable

from eventwire.model import Place
from eventwire.places.streets import TOWN_FEATURES

# How specific a kind of place is, smaller being more specific; unresolved names (no
# feature) are mostly small places. Ranks the candidates of an event's place
# (event_location.py) and a story's focus (story_places.py).
SPECIFICITY = {"city": 0, "locality": 0, "admin2": 0, "": 0, "admin1": 1, "region": 1, "country": 2,
               "continent": 3, "water": 3}
# How coarse a place is for containment: a place of a lower rank inside one of a higher rank
# is finer. The kinds that nest by country and province, and a locality (a quarter placed by
# its town) below its town.
COARSENESS = {feature: SPECIFICITY[feature]
              for feature in ("city", "admin2", "admin1", "country")} | {"locality": -1}
# What the text puts between a town and the province it names the town in ("Sibi,
# Balochistan", "Chibok in Borno").
IN_BETWEEN = frozenset({", ", " in "})


def lies_inside(inner: Place, outer: Place, text: str, places: Iterable[Place],
                said: bool = False) -> bool:
    """Whether `inner` lies inside the coarser `outer`: the same country and, for a town,
    the town's point (a locality placed by it); for a province, the province the gazetteer
    gives the place, or, where it gives only a GeoNames code ("PK.02" says nothing a
    province's name can be held against), the text naming the town in it ("near Sibi,
    Balochistan", "Balochistan's Kalat district"); for a country, nothing more. With `said`,
    only what the text says: a locality placed by the town, or the text naming the place in
    the province or country."""
    rank_in, rank_out = COARSENESS.get(inner.feature or ""), COARSENESS.get(outer.feature or "")
    if rank_in is None or rank_out is None or rank_in >= rank_out \
            or inner.country is None or inner.country != outer.country:
        return False
    if outer.feature in TOWN_FEATURES:
        return inner.feature == "locality" and (inner.lat, inner.lon) == (outer.lat, outer.lon)
    if not said and (outer.feature != "admin1" or inner.admin1 in (outer.admin1, outer.name)):
        return True
    if not said and (not inner.admin1 or "." not in inner.admin1):
        return False
    named = list(places)
    towns = [p for p in named if p.name == inner.name]
    regions = [p for p in named if p.name == outer.name]
    return any(text[town.end:region.start] in IN_BETWEEN or
               text[region.end:town.start].replace("’", "'") == "'s "
               for town in towns for region in regions)
