"""The review overlay: analysts' corrections laid over the machine's events.

An event id is the id of a group of mentions, and groups change when articles are added,
replaced or removed. So a review is anchored on a mention (article id, sentence and trigger
offsets, with the sentence and trigger text as a fallback when the offsets moved), and
`reattach` runs at the end of every write transaction: it finds each reviewed anchor's
event again, moves the overlay to it, and writes the corrected fields (and the review
status) into the events row, keeping the machine's values in `event_reviews.original`. A
review whose anchor is gone is kept and flagged `orphaned`. The triggers of schema V6 keep
a rejected or merged-away event out of every count.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

# field name (CLI, API) -> events column
FIELDS = {"type": "type", "mode": "mode", "source": "source_name", "target": "target_name",
          "date": "day", "place": "place_name"}
COLUMNS = ("type", "mode", "source_name", "target_name", "day", "date_precision", "place_name")
STATUS_OF = {"confirmed": "confirmed", "corrected": "corrected", "rejected": "rejected",
             "merged": "merged"}
ANCHOR = ("article_id, item_id, event_id, sentence_start, sentence_end, trigger_start, "
          "trigger_end, sentence_text, trigger_text")
Row = dict[str, Any]


def anchor_of(db: sqlite3.Connection, event_id: str) -> Row | None:
    """The event's representative mention (its least article and item id)."""
    row = db.execute(f"SELECT {ANCHOR} FROM event_mentions WHERE event_id = ? "
                     "ORDER BY article_id, item_id LIMIT 1", (event_id,)).fetchone()
    return None if row is None else dict(zip(ANCHOR.split(", "), tuple(row), strict=True))


def anchor_key(anchor: Row) -> str:
    return json.dumps([anchor["article_id"], anchor["sentence_start"], anchor["sentence_end"],
                       anchor["trigger_start"], anchor["trigger_end"]])


def locate(db: sqlite3.Connection, overlay: Row) -> Row | None:
    """The mention an overlay is anchored on, as stored now (None: its evidence is gone)."""
    row = db.execute(
        f"SELECT {ANCHOR} FROM event_mentions WHERE article_id = ? AND sentence_start IS ? "
        "AND sentence_end IS ? AND trigger_start IS ? AND trigger_end IS ? "
        "ORDER BY item_id LIMIT 1",
        (overlay["anchor_article"], overlay["sentence_start"], overlay["sentence_end"],
         overlay["trigger_start"], overlay["trigger_end"])).fetchone()
    if row is None:  # the article's text changed: the same sentence and trigger elsewhere
        row = db.execute(
            f"SELECT {ANCHOR} FROM event_mentions WHERE article_id = ? AND sentence_text = ? "
            "AND trigger_text = ? ORDER BY item_id LIMIT 1",
            (overlay["anchor_article"], overlay["sentence_text"],
             overlay["trigger_text"])).fetchone()
    return None if row is None else dict(zip(ANCHOR.split(", "), tuple(row), strict=True))


def overlays(db: sqlite3.Connection) -> list[Row]:
    return [dict(row) for row in db.execute(
        "SELECT * FROM event_reviews ORDER BY at, event_id")]


def reattach(db: sqlite3.Connection) -> None:
    """Re-attach every review to its anchor's event and apply it (inside a transaction)."""
    for overlay in overlays(db):
        found = locate(db, overlay)
        if found is None:
            if not overlay["orphaned"]:
                db.execute("UPDATE event_reviews SET orphaned = 1 WHERE event_id = ?",
                           (overlay["event_id"],))
            continue
        new = found["event_id"]
        if new != overlay["event_id"]:
            taken = db.execute("SELECT 1 FROM event_reviews WHERE event_id = ?",
                               (new,)).fetchone()
            if taken is not None:  # two reviewed events regrouped into one: the first
                # reviewed keeps it, this one is kept aside, flagged
                db.execute("UPDATE event_reviews SET orphaned = 1 WHERE event_id = ?",
                           (overlay["event_id"],))
                continue
        moved = (new, found["item_id"], found["sentence_start"], found["trigger_start"], 0) != (
            overlay["event_id"], overlay["anchor_item"], overlay["sentence_start"],
            overlay["trigger_start"], overlay["orphaned"])
        if moved:
            _move(db, overlay["event_id"], found)
        if overlay["merged_anchor"]:
            target = locate(db, json.loads(overlay["merged_anchor"]))
            if target is not None and target["event_id"] != overlay["merged_into"]:
                db.execute("UPDATE event_reviews SET merged_into = ? WHERE event_id = ?",
                           (target["event_id"], new))
        apply(db, new)


def _move(db: sqlite3.Connection, old: str, found: Row) -> None:
    """Attach the overlay of `old` to the anchor as found now."""
    db.execute("UPDATE event_reviews SET event_id = ?, anchor_item = ?, sentence_start = ?, "
               "sentence_end = ?, trigger_start = ?, trigger_end = ?, orphaned = 0 "
               "WHERE event_id = ?",
               (found["event_id"], found["item_id"], found["sentence_start"],
                found["sentence_end"], found["trigger_start"], found["trigger_end"], old))


def apply(db: sqlite3.Connection, event_id: str) -> None:
    """Write an overlay's corrections and status into its events row, keeping the machine's
    values of the corrected fields."""
    overlay = db.execute("SELECT status, corrected, original FROM event_reviews "
                         "WHERE event_id = ?", (event_id,)).fetchone()
    event = db.execute(f"SELECT {', '.join(COLUMNS)}, reviewed FROM events WHERE id = ?",
                       (event_id,)).fetchone()
    if overlay is None or event is None:
        return
    corrected: Row = json.loads(overlay[1])
    original: Row = json.loads(overlay[2])
    current = dict(zip((*COLUMNS, "reviewed"), tuple(event), strict=True))
    for column, value in corrected.items():
        if current[column] != value or column not in original:
            original[column] = current[column]
    status = STATUS_OF[overlay[0]]
    if all(current[c] == v for c, v in corrected.items()) and current["reviewed"] == status:
        if original != json.loads(overlay[2]):
            db.execute("UPDATE event_reviews SET original = ? WHERE event_id = ?",
                       (json.dumps(original), event_id))
        return
    sets = ", ".join(f"{column} = ?" for column in corrected)
    db.execute(f"UPDATE events SET {sets}{', ' if sets else ''}reviewed = ? WHERE id = ?",
               (*corrected.values(), status, event_id))
    db.execute("UPDATE event_reviews SET original = ? WHERE event_id = ?",
               (json.dumps(original), event_id))


def machine_row(db: sqlite3.Connection, row: Row) -> Row:
    """An event row with the machine's values back in place of the corrections."""
    found = db.execute("SELECT original FROM event_reviews WHERE event_id = ?",
                       (row["id"],)).fetchone()
    if found is None:
        return row
    return {**row, **json.loads(found[0]), "reviewed": row.get("reviewed", "machine")}


def originals(db: sqlite3.Connection, event_id: str) -> Row:
    """`original_<column>`: the machine's value of each field an analyst corrected."""
    found = db.execute("SELECT original FROM event_reviews WHERE event_id = ?",
                       (event_id,)).fetchone()
    if found is None:
        return {}
    return {f"original_{k}": v for k, v in json.loads(found[0]).items()}
