"""The columns of every export, and the values of one event row for each of them.

FLAT_COLUMNS serve csv, parquet and jsonl; POLECAT_COLUMNS the POLECAT weekly-file layout;
GDELT_COLUMNS a GDELT 1.0-style event table. docs/exports.md is the column dictionary.
Sectors are joined with ';' everywhere; contexts with ';' in flat text (a list in jsonl
and parquet).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from eventwire.nlp.english import PLACE_LABELS as _LOCATIONS
from eventwire.store.crosswalk import cameo

Row = dict[str, Any]
SEPARATOR = ";"

FLAT_COLUMNS = (
    "id", "day", "date_precision", "type", "mode", "contexts", "source_name", "source_country",
    "source_sectors",
    "target_name", "target_country", "target_sectors", "place_name", "country", "lat", "lon",
    "confidence", "modality", "factual", "killed", "injured", "arrested", "num_mentions",
    "num_articles", "num_sources", "first_article", "story_id", "outlet", "published", "url",
    "sentence", "reviewed")

# (POLECAT weekly-file header, our key); keys starting with "x_" come from the first
# mention's record (see `record_fields`), "" where eventwire has no value.
POLECAT_COLUMNS = (
    ("Event ID", "id"), ("Event Date", "day"), ("Event Type", "type"), ("Event Mode", "mode"),
    ("Event Intensity", "x_goldstein"), ("Quad Code", "x_quad"), ("Contexts", "contexts"),
    ("Actor Name", "source_name"), ("Actor Country", "source_country"), ("Actor COW", ""),
    ("Primary Actor Sector", "x_source_primary"), ("Actor Sectors", "source_sectors"),
    ("Actor Title", "x_source_title"), ("Actor Name Raw", "x_source_raw"),
    ("Wikipedia Actor ID", ""),
    ("Recipient Name", "target_name"), ("Recipient Country", "target_country"),
    ("Recipient COW", ""), ("Primary Recipient Sector", "x_target_primary"),
    ("Recipient Sectors", "target_sectors"), ("Recipient Title", "x_target_title"),
    ("Recipient Name Raw", "x_target_raw"), ("Wikipedia Recipient ID", ""),
    ("Placename", "place_name"), ("City", "x_city"), ("District", ""),
    ("Province", "x_province"), ("Country", "country"), ("GeoNames ID", "x_geonameid"),
    ("Raw Placename", "x_place_raw"), ("Feature Type", "x_feature"), ("Latitude", "lat"),
    ("Longitude", "lon"), ("Source", "outlet"), ("Publication Date", "published"),
    ("Story People", "x_people"), ("Story Organizations", "x_organizations"),
    ("Story Locations", "x_locations"), ("Language", "language"), ("Version", "x_version"),
    # eventwire's own, after the POLECAT columns
    ("Story ID", "story_id"), ("URL", "url"), ("Confidence", "confidence"),
    ("Modality", "modality"), ("Factual", "factual"), ("Killed", "killed"),
    ("Injured", "injured"), ("Arrested", "arrested"), ("Num Mentions", "num_mentions"),
    ("Num Articles", "num_articles"), ("Num Sources", "num_sources"),
)

GDELT_COLUMNS = (
    ("GLOBALEVENTID", "id"), ("SQLDATE", "x_sqldate"), ("MonthYear", "x_monthyear"),
    ("Year", "x_year"), ("Actor1Name", "source_name"), ("Actor1CountryCode", "source_country"),
    ("Actor1Type1Code", "x_source_primary"), ("Actor2Name", "target_name"),
    ("Actor2CountryCode", "target_country"), ("Actor2Type1Code", "x_target_primary"),
    ("IsRootEvent", "x_is_root"), ("EventCode", "x_cameo"), ("EventBaseCode", "x_cameo_base"),
    ("EventRootCode", "x_cameo_root"), ("QuadClass", "x_quad"), ("GoldsteinScale", "x_goldstein"),
    ("NumMentions", "num_mentions"), ("NumSources", "num_sources"),
    ("NumArticles", "num_articles"), ("AvgTone", ""), ("ActionGeo_Type", ""),
    ("ActionGeo_FullName", "place_name"), ("ActionGeo_CountryCode", "country"),
    ("ActionGeo_ADM1Code", "x_province"), ("ActionGeo_Lat", "lat"), ("ActionGeo_Long", "lon"),
    ("ActionGeo_FeatureID", "x_geonameid"), ("DATEADDED", "x_dateadded"),
    ("SOURCEURL", "url"),
    # eventwire's own
    ("PLOVERType", "type"), ("PLOVERMode", "mode"), ("Confidence", "confidence"),
    ("Factual", "factual"), ("Killed", "killed"), ("Injured", "injured"),
    ("Arrested", "arrested"),
)

_PEOPLE = {"PERSON"}
_ORGANIZATIONS = {"ORG"}


def contexts(row: Row) -> list[str]:
    value = row.get("contexts")
    if isinstance(value, list):
        return value
    return list(json.loads(value)) if isinstance(value, str) and value else []


def flat(row: Row) -> Row:
    """An event row as FLAT_COLUMNS (contexts still a list, factual a bool)."""
    record = {column: row.get(column) for column in FLAT_COLUMNS}
    record["contexts"] = contexts(row)
    record["factual"] = bool(row.get("factual"))
    return record


def _joined(values: list[str]) -> str:
    return SEPARATOR.join(dict.fromkeys(v for v in values if v))


def _actor_fields(record: Row, mention: Row | None, prefix: str) -> Row:
    actors = {a["id"]: a for a in record.get("actors", [])}
    actor = actors.get((mention or {}).get("actor") or "")
    sectors = actor.get("sectors", []) if actor else []
    return {f"{prefix}_primary": sectors[0] if sectors else None,
            f"{prefix}_title": actor.get("title") if actor else None,
            f"{prefix}_raw": mention.get("text") if mention else None}


class RecordCache:
    """Parsed article records, the most recent few kept (events come in day order)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.records: OrderedDict[str, Row] = OrderedDict()

    def get(self, article_id: str, text: str) -> Row:
        if article_id in self.records:
            self.records.move_to_end(article_id)
            return self.records[article_id]
        record: Row = json.loads(text)
        self.records[article_id] = record
        if len(self.records) > self.size:
            self.records.popitem(last=False)
        return record


def record_fields(row: Row, record: Row | None, item_id: str | None) -> Row:
    """The x_ values of an event row: CAMEO codes and what only the first mention's record
    holds (titles, raw names, place details, the story's people, organisations, places)."""
    code = cameo(row["type"], row.get("mode"))
    day = row.get("day") or ""
    precision = row.get("date_precision") or ("day" if len(day) == 10 else "")
    on_day = precision in ("day", "published")
    in_month = on_day or precision in ("week", "month")
    values: Row = {
        "x_cameo": code.code if code else None, "x_cameo_base": code.code[:3] if code else None,
        "x_cameo_root": code.root if code else None, "x_quad": code.quad_class if code else None,
        "x_goldstein": code.goldstein if code else None,
        "x_sqldate": day.replace("-", "") if on_day else None,
        "x_monthyear": day[:7].replace("-", "") if in_month else None,
        "x_year": day[:4] or None, "x_is_root": 1,
        "x_dateadded": (row.get("published") or "").replace("-", "") or None,
    }
    if record is None:
        return values
    item = next((i for i in record.get("events", []) if i["id"] == item_id), None) or {}
    values.update(_actor_fields(record, item.get("source"), "x_source"))
    values.update(_actor_fields(record, item.get("target"), "x_target"))
    places = {p["id"]: p for p in record.get("places", [])}
    place = places.get((item.get("place") or {}).get("place") or "")
    if place is not None:
        feature = place.get("feature") or ""
        values.update(x_geonameid=place.get("geonameid"), x_feature=feature or None,
                      x_place_raw=place.get("text"), x_province=place.get("admin1"),
                      x_city=place.get("name") if feature.startswith("PPL") else None)
    entities = record.get("entities", [])
    values["x_people"] = _joined([e["text"] for e in entities if e["label"] in _PEOPLE])
    values["x_organizations"] = _joined([e["text"] for e in entities
                                         if e["label"] in _ORGANIZATIONS])
    values["x_locations"] = _joined([e["text"] for e in entities if e["label"] in _LOCATIONS])
    values["x_version"] = (record.get("meta") or {}).get("version")
    return values
