"""Date and place of matched events in `eventwire eval articles` (whole-story gold).

For each prediction `article_match.verdicts` matched to a gold event, against that gold
event's `date` ("2025-03-13" | "2025-03" | "2025" | null) and `place` ({name, country} | null):
- `date_right`: among gold events with a date, the predicted date read at the gold's
  precision equals it (a predicted week is read as its Thursday; a prediction coarser than
  the gold, or none, is wrong);
- `place_right`: among gold events with a place, the predicted place's gazetteer name or
  its words equal the gold name (case, accents and punctuation aside; for a gold name
  "Town, Region" the town);
- `place_country_right`: among gold events with a place and a country, the predicted
  place is in that country;
- `place_given`: among gold events with a place, a place was predicted;
- `no_place_where_none`: among gold events without a place, none was predicted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from eventwire.evaluation.common import ratio
from eventwire.model import Article, Event

WEEK = re.compile(r"(\d{4})-W(\d{2})")
CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

Fact = tuple[Mapping[str, Any], Event, Article]


def _norm(text: str | None) -> str:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.lower()).split())


def at_precision(value: str | None, length: int) -> str | None:
    """A predicted TIMEX3 value cut to the gold's length (4, 7 or 10 characters)."""
    if not value:
        return None
    week = WEEK.match(value)
    if week is not None:
        value = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 4).isoformat()
    match = CALENDAR.match(value)
    if match is None or len(match.group(0)) < length:
        return None
    return match.group(0)[:length]


def date_right(gold: str, event: Event) -> bool:
    return at_precision(event.date.value if event.date else None, len(gold)) == gold


def place_right(gold: Mapping[str, Any], event: Event, article: Article) -> bool:
    place = next((p for p in article.places if event.place and p.id == event.place.place),
                 None)
    if place is None:
        return False
    wanted = {_norm(gold.get("name")), _norm(str(gold.get("name") or "").split(",")[0])}
    return bool({_norm(place.name), _norm(place.text)} & wanted)


def _country(event: Event, article: Article) -> str | None:
    place = next((p for p in article.places if event.place and p.id == event.place.place),
                 None)
    return place.country if place is not None else None


def fact_scores(facts: Iterable[Fact]) -> dict[str, float]:
    """The date and place metrics of matched (gold event, prediction, article) triples."""
    tally = dict.fromkeys(("dated", "date_right", "placed", "place_right", "place_given",
                           "countried", "country_right", "unplaced", "no_place"), 0)
    for gold, event, article in facts:
        if gold.get("date"):
            tally["dated"] += 1
            tally["date_right"] += date_right(str(gold["date"]), event)
        place = gold.get("place")
        if place:
            tally["placed"] += 1
            tally["place_given"] += event.place is not None
            tally["place_right"] += place_right(place, event, article)
            if place.get("country"):
                tally["countried"] += 1
                tally["country_right"] += _country(event, article) == place["country"]
        else:
            tally["unplaced"] += 1
            tally["no_place"] += event.place is None
    return {"date_right": ratio(tally["date_right"], tally["dated"]),
            "place_right": ratio(tally["place_right"], tally["placed"]),
            "place_country_right": ratio(tally["country_right"], tally["countried"]),
            "place_given": ratio(tally["place_given"], tally["placed"]),
            "no_place_where_none": ratio(tally["no_place"], tally["unplaced"])}
