"""Review actions on a store's events: confirm, reject, edit, merge, split; the review log
and an event's history.

Every action is one write transaction on a connection from `store.connect` (autocommit):
it checks the version the analyst based it on (`base`, None: the current one) against the
event's current review version and raises ConflictError when someone else changed it
since, appends one row to the `reviews` log (never updated or deleted), updates the
`event_reviews` overlay and applies it to the events row (see `overlay`). The machine's
own values stay in the overlay (`original`), so `--machine` and `original_*` can show them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from eventwire.errors import ConflictError, InputError
from eventwire.store import vocab
from eventwire.store.dedup import DedupConfig
from eventwire.store.grouping import Events, event_id
from eventwire.store.overlay import FIELDS, Row, anchor_key, anchor_of, apply

ACTIONS = ("confirm", "reject", "edit", "merge", "split")
STATUSES = ("machine", "confirmed", "corrected", "rejected", "merged")
_DATE_PRECISION = {10: "day", 7: "month", 4: "year"}


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def version(db: sqlite3.Connection, event: str) -> int:
    """The event's review version: 0 before its first review."""
    row = db.execute("SELECT version FROM event_reviews WHERE event_id = ?", (event,)).fetchone()
    return 0 if row is None else int(row[0])


def _begin(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")


def _event(db: sqlite3.Connection, event: str) -> Row:
    row = db.execute("SELECT * FROM events WHERE id = ?", (event,)).fetchone()
    if row is None:
        raise InputError(event, "no such event in the store; list events with "
                         "`eventwire events`")
    return dict(row)


def _check(db: sqlite3.Connection, event: str, base: int | None) -> int:
    current = version(db, event)
    if base is not None and base != current:
        row = db.execute("SELECT who, at FROM event_reviews WHERE event_id = ?",
                         (event,)).fetchone()
        by = f" by {row[0]} at {row[1]}" if row is not None else ""
        raise ConflictError(f"event {event}: changed{by} (now version {current}, yours was "
                            f"based on version {base}); reload it and review again")
    return current


def _overlay(db: sqlite3.Connection, event: str, status: str, who: str,
             corrected: Row | None = None, merged: Row | None = None) -> str:
    """Create or update the event's overlay; returns its history key."""
    found = db.execute("SELECT key, corrected FROM event_reviews WHERE event_id = ?",
                       (event,)).fetchone()
    merged_anchor = None if merged is None else json.dumps(_anchor_columns(merged))
    merged_into = None if merged is None else merged["event_id"]
    if found is not None:
        fields = {**json.loads(found[1]), **(corrected or {})}
        db.execute("UPDATE event_reviews SET status = ?, version = version + 1, corrected = ?, "
                   "merged_into = COALESCE(?, merged_into), "
                   "merged_anchor = COALESCE(?, merged_anchor), who = ?, at = ? "
                   "WHERE event_id = ?",
                   (status, json.dumps(fields), merged_into, merged_anchor, who, now(), event))
        apply(db, event)
        return str(found[0])
    anchor = anchor_of(db, event)
    if anchor is None:
        raise InputError(event, "the event has no mentions left to anchor a review on")
    key = anchor_key(anchor)
    db.execute(
        "INSERT INTO event_reviews(event_id, key, status, version, corrected, merged_into, "
        "merged_anchor, anchor_article, anchor_item, sentence_start, sentence_end, "
        "trigger_start, trigger_end, sentence_text, trigger_text, who, at) "
        "VALUES (?,?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (event, key, status, json.dumps(corrected or {}), merged_into, merged_anchor,
         anchor["article_id"], anchor["item_id"], anchor["sentence_start"],
         anchor["sentence_end"], anchor["trigger_start"], anchor["trigger_end"],
         anchor["sentence_text"], anchor["trigger_text"], who, now()))
    apply(db, event)
    return key


def _anchor_columns(anchor: Row) -> Row:
    return {"anchor_article": anchor["article_id"], "sentence_start": anchor["sentence_start"],
            "sentence_end": anchor["sentence_end"], "trigger_start": anchor["trigger_start"],
            "trigger_end": anchor["trigger_end"], "sentence_text": anchor["sentence_text"],
            "trigger_text": anchor["trigger_text"]}


def _log(db: sqlite3.Connection, event: str, action: str, who: str, changes: Row,
         note: str, base: int, key: str) -> Row:
    at = now()
    cursor = db.execute("INSERT INTO reviews(event_id, action, who, at, changes, note, "
                        "base_version, anchor) VALUES (?,?,?,?,?,?,?,?)",
                        (event, action, who, at, json.dumps(changes), note, base, key))
    return {"id": cursor.lastrowid, "event_id": event, "action": action, "who": who, "at": at,
            "changes": changes, "note": note, "base_version": base, "version": base + 1}


def _act(db: sqlite3.Connection, work: Any) -> Row:
    _begin(db)
    try:
        result: Row = work()
        db.execute("COMMIT")
        return result
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _status_action(db: sqlite3.Connection, event: str, action: str, status: str, who: str,
                   note: str, base: int | None) -> Row:
    def work() -> Row:
        row = _event(db, event)
        current = _check(db, event, base)
        key = _overlay(db, event, status, who)
        return _log(db, event, action, who, {"reviewed": [row["reviewed"], status]}, note,
                    current, key)
    return _act(db, work)


def confirm(db: sqlite3.Connection, event: str, who: str, note: str = "",
            base: int | None = None) -> Row:
    """The event is right as shown (with any corrections already made)."""
    found = db.execute("SELECT corrected FROM event_reviews WHERE event_id = ?",
                       (event,)).fetchone()
    status = "corrected" if found is not None and json.loads(found[0]) else "confirmed"
    return _status_action(db, event, "confirm", status, who, note, base)


def reject(db: sqlite3.Connection, event: str, who: str, note: str = "",
           base: int | None = None) -> Row:
    """Not an event: it leaves counts, listings and exports; its history stays."""
    return _status_action(db, event, "reject", "rejected", who, note, base)


def corrections(changes: dict[str, str | None]) -> Row:
    """Checked events-column values for `changes` (field name -> value; None: unchanged)."""
    found: Row = {}
    for name, value in changes.items():
        if value is None:
            continue
        if name not in FIELDS:
            raise InputError(name, f"cannot edit {name}; fields: {', '.join(FIELDS)}")
        text = value.strip()
        if name == "type":
            found["type"] = vocab.event_type(text, "--type")
        elif name == "date":
            if vocab.date_bound(text, "--date") is None or len(text) not in _DATE_PRECISION:
                raise InputError("--date", f"{text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
            found["day"], found["date_precision"] = text, _DATE_PRECISION[len(text)]
        else:
            found[FIELDS[name]] = text or None
    if not found:
        raise InputError("edit", "nothing to change; give one of "
                         + ", ".join(f"--{name}" for name in FIELDS))
    return found


def edit(db: sqlite3.Connection, event: str, changes: dict[str, str | None], who: str,
         note: str = "", base: int | None = None) -> Row:
    """Correct the event's type, mode, source, target, date or place."""
    fields = corrections(changes)

    def work() -> Row:
        row = _event(db, event)
        current = _check(db, event, base)
        key = _overlay(db, event, "corrected", who, fields)
        diff = {column: [row[column], value] for column, value in fields.items()
                if row[column] != value}
        return _log(db, event, "edit", who, diff, note, current, key)
    return _act(db, work)


def merge(db: sqlite3.Connection, keep: str, other: str, who: str, note: str = "",
          base: int | None = None) -> Row:
    """`other` is the same happening as `keep`: it is counted once, as `keep`."""
    if keep == other:
        raise InputError(other, "cannot merge an event with itself")

    def work() -> Row:
        _event(db, keep)
        row = _event(db, other)
        current = _check(db, other, base)
        target = anchor_of(db, keep)
        if target is None:
            raise InputError(keep, "the event has no mentions")
        key = _overlay(db, other, "merged", who, merged=target)
        return _log(db, other, "merge", who, {"reviewed": [row["reviewed"], "merged"],
                                              "merged_into": [None, keep]}, note, current, key)
    return _act(db, work)


def split(db: sqlite3.Connection, event: str, mentions: list[str], who: str, note: str = "",
          base: int | None = None) -> Row:
    """Move some mentions (`ARTICLE_ID/ITEM_ID`) of an event to a new event of their own."""
    def work() -> Row:
        _event(db, event)
        current = _check(db, event, base)
        members = {(str(r[0]), str(r[1])) for r in db.execute(
            "SELECT article_id, item_id FROM event_mentions WHERE event_id = ?", (event,))}
        chosen = {_mention(m) for m in mentions}
        unknown = sorted(chosen - members)
        if unknown or not chosen:
            raise InputError("--mentions", "not mentions of the event: "
                             + ", ".join("/".join(m) for m in unknown or [("", "")]))
        rest = members - chosen
        if not rest:
            raise InputError("--mentions", "that is every mention; reject the event instead")
        moved = chosen if min(members) in rest else rest
        new = event_id(min(moved))
        events = Events(db, DedupConfig())
        db.execute(f"INSERT INTO events({_columns(db)}) SELECT {_columns(db, new=True)} "
                   "FROM events WHERE id = ?", (new, event))
        db.executemany("UPDATE event_mentions SET event_id = ? WHERE article_id = ? "
                       "AND item_id = ?", [(new, *m) for m in sorted(moved)])
        events.refresh(event)
        events.refresh(new)
        kept = db.execute("SELECT status FROM event_reviews WHERE event_id = ?",
                          (event,)).fetchone()
        key = _overlay(db, event, "corrected" if kept is None else str(kept[0]), who)
        _overlay(db, new, "corrected", who)
        return _log(db, event, "split", who, {"mentions": [None, sorted("/".join(m)
                                                                         for m in moved)],
                                              "new_event": [None, new]}, note, current, key)
    return _act(db, work)


def _columns(db: sqlite3.Connection, new: bool = False) -> str:
    names = [str(row[1]) for row in db.execute("PRAGMA table_info(events)")
             if row[1] != "reviewed"]
    return ", ".join("?" if new and name == "id" else name for name in names)


def _mention(text: str) -> tuple[str, str]:
    article, _, item = text.strip().rpartition("/")
    if not article or not item:
        raise InputError("--mentions", f"{text!r} is not ARTICLE_ID/ITEM_ID")
    return article, item


def _row(row: sqlite3.Row) -> Row:
    found = dict(row)
    found["changes"] = json.loads(found["changes"])
    return found


def log(db: sqlite3.Connection, limit: int = 50, who: str | None = None) -> list[Row]:
    """The most recent review actions first."""
    clause, params = (" WHERE who = ?", [who]) if who else ("", [])
    return [_row(r) for r in db.execute(
        f"SELECT * FROM reviews{clause} ORDER BY id DESC LIMIT ?", [*params, int(limit)])]


def history(db: sqlite3.Connection, event: str) -> list[Row]:
    """Every review of the event (under any id it has had), oldest first."""
    found = db.execute("SELECT key FROM event_reviews WHERE event_id = ?", (event,)).fetchone()
    key = "" if found is None else str(found[0])
    return [_row(r) for r in db.execute(
        "SELECT * FROM reviews WHERE event_id = ? OR anchor = ? ORDER BY id", (event, key))]


def renamed(db: sqlite3.Connection, event: str) -> str | None:
    """The id a reviewed event has now, when regrouping renamed it (None: not known)."""
    row = db.execute("SELECT o.event_id FROM reviews r JOIN event_reviews o ON o.key = r.anchor "
                     "WHERE r.event_id = ? AND o.event_id != ? LIMIT 1",
                     (event, event)).fetchone()
    return None if row is None else str(row[0])


def state(db: sqlite3.Connection, event: str) -> Row:
    """The event's review status, version, flags and the machine's original values."""
    row = db.execute("SELECT status, version, corrected, original, orphaned, merged_into, "
                     "who, at FROM event_reviews WHERE event_id = ?", (event,)).fetchone()
    if row is None:
        return {"status": "machine", "version": 0, "orphaned": False}
    found = dict(row)
    found["corrected"] = json.loads(found["corrected"])
    found["original"] = json.loads(found["original"])
    found["orphaned"] = bool(found["orphaned"])
    return found


def all_reviews(db: sqlite3.Connection) -> list[Row]:
    """The whole review log, oldest first (for `export -f reviews`)."""
    return [_row(r) for r in db.execute("SELECT * FROM reviews ORDER BY id")]


def queue(db: sqlite3.Connection, limit: int = 50) -> list[Row]:
    """Unreviewed events, least confident first (the app's review queue)."""
    rows = db.execute(
        "SELECT e.id, e.type, e.day, e.source_name, e.target_name, e.place_name, "
        "f.confidence, e.sentence FROM event_facts f CROSS JOIN events e ON e.id = f.event_id "
        "WHERE e.reviewed = 'machine' ORDER BY f.confidence, f.event_id LIMIT ?",
        (limit,)).fetchall()
    return [dict(row) for row in rows]


def known(db: sqlite3.Connection, event: str) -> bool:
    """Whether the store has this event now, or has reviewed it under this id."""
    found = db.execute("SELECT 1 FROM events WHERE id = ?", (event,)).fetchone()
    return found is not None or bool(history(db, event))
