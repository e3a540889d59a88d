"""The evidence of stored events and articles: every part of an event item (sentence,
trigger, source, target, time, place) as text with character offsets into its article."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from eventwire.store.queries import Row, copies, event
from eventwire.store.reviews import history, state


def _span(text: str, start: int | None, end: int | None, **extra: Any) -> Row | None:
    if start is None or end is None:
        return None
    return {"text": text[start:end], "start": start, "end": end, **extra}


def _item_evidence(record: Row, item: Row) -> Row:
    """One event item of a stored record with every part as text and offsets into it."""
    text = record["text"]
    actors = {a["id"]: a for a in record.get("actors", [])}
    times = {t["id"]: t for t in record.get("times", [])}
    places = {p["id"]: p for p in record.get("places", [])}
    parts: Row = {"item_id": item["id"], "type": item["type"], "mode": item.get("mode"),
                  "contexts": item.get("contexts", []), "modality": item.get("modality"),
                  "negated": item.get("negated", False), "confidence": item.get("confidence"),
                  "killed": item.get("killed"), "injured": item.get("injured"),
                  "arrested": item.get("arrested")}
    sentence = item["sentence"]
    parts["sentence"] = _span(text, sentence["start"], sentence["end"])
    trigger = item["trigger"]
    parts["trigger"] = _span(text, trigger["start"], trigger["end"])
    for role in ("source", "target"):
        mention = item.get(role)
        actor = actors.get(mention.get("actor") or "") if mention else None
        parts[role] = None if mention is None else _span(
            text, mention["start"], mention["end"], name=actor["name"] if actor else None,
            country=actor["country"] if actor else None,
            sectors=actor["sectors"] if actor else [])
    date = item.get("date") or {}
    time = times.get(date.get("time") or "")
    parts["time"] = (_span(text, time["start"], time["end"], value=date.get("value"))
                     if time else ({"text": None, "start": None, "end": None,
                                    "value": date["value"]} if date.get("value") else None))
    ref = item.get("place") or {}
    place = places.get(ref.get("place") or "")
    parts["place"] = None if place is None else _span(
        text, place["start"], place["end"], name=place["name"], country=place["country"],
        lat=place["lat"], lon=place["lon"], geonameid=place["geonameid"])
    return parts


def _article_head(row: Row) -> Row:
    return {key: row[key] for key in ("id", "url", "title", "outlet", "published", "language")}


def event_evidence(db: sqlite3.Connection, event_id: str) -> Row | None:
    """One event with the evidence of every mention: article, sentence, trigger, source,
    target, time and place as text with offsets into the article; None when unknown."""
    row = event(db, event_id)
    if row is None:
        return None
    found: Row = {"event": row, "mentions": []}
    links = db.execute("SELECT m.article_id, m.item_id, a.record, a.id, a.url, a.title, "
                       "a.outlet, a.published, a.language FROM event_mentions m "
                       "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? "
                       "ORDER BY a.published, m.article_id, m.item_id", (event_id,)).fetchall()
    records: dict[str, Row] = {}
    for link in links:
        record = records.setdefault(link["article_id"], json.loads(link["record"]))
        item = next((i for i in record.get("events", []) if i["id"] == link["item_id"]), None)
        if item is not None:
            found["mentions"].append({"article": _article_head(dict(link)),
                                      **_item_evidence(record, item)})
    found["copies"] = copies(db, sorted(records))
    found["review"] = state(db, event_id)
    found["history"] = history(db, event_id)
    return found


def article_evidence(db: sqlite3.Connection, article_id: str) -> Row | None:
    """One stored article's events, each with its evidence and deduplicated event id."""
    row = article(db, article_id)
    if row is None:
        return None
    record = json.loads(row["record"])
    linked = article_events(db, article_id)
    return {"article": _article_head(row),
            "events": [{"event_id": linked.get(item["id"]), **_item_evidence(record, item)}
                       for item in record.get("events", [])],
            "copies": copies(db, [article_id])}


def article(db: sqlite3.Connection, article_id: str) -> Row | None:
    """One stored article's row (its record as JSON text), or None when unknown."""
    row = db.execute("SELECT id, url, title, outlet, author, published, language, story_id, "
                     "record FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else dict(row)


def article_events(db: sqlite3.Connection, article_id: str) -> dict[str, str]:
    """Event item id -> deduplicated event id, for one article."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT item_id, event_id FROM event_mentions WHERE article_id = ?", (article_id,))}
