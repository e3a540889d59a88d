"""`eventwire eval reviews --db STORE` and `eventwire calibrate --with-reviews --db STORE`: the
analysts' reviews of a store as gold for that store.

Gold: a confirmed event is right as the machine coded it; a rejected one is a false
positive; a corrected one is an event whose gold type, mode, source, target, date and place
are the corrected values (the others as the machine gave them). Merged-away and orphaned
reviews are left out. The coder scored is the current pipeline run again on the reviewed
events' articles (an event is found again by its trigger offsets; `stored`: the machine
values kept in the store instead, no model needed).

Metrics: precision (share of reviewed events that are events), type accuracy and source /
target accuracy over the events that are events, recall of the confirmed or corrected
events by the current coder, and the reliability of the event confidence (right = an event
with the right type).

Calibration with reviews: Platt scaling of the event confidence, p = sigmoid(a * logit(c) +
b), cross-fitted by article (5 folds: each fold scored by a fit on the others) to report the
reliability before and after honestly; the fit on all reviews is stored in the store's
`eventwire_meta` under `review_calibration` (per store: another team's corrections do not
move this one's), and read by nothing else yet.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.common import FOLDS, Report, fold_of, ratio
from eventwire.evaluation.reliability import Point, ece, reliability

ROLES = ("type", "source_name", "target_name")
META_KEY = "review_calibration"


@dataclass
class Reviewed:
    """One reviewed event: its gold, and what the coder said."""

    event_id: str
    article: str
    status: str
    gold: dict[str, Any]
    machine: dict[str, Any]
    confidence: float
    found: bool = True

    @property
    def is_event(self) -> bool:
        return self.status != "rejected"

    @property
    def right(self) -> bool:
        return self.found and self.is_event and self.machine.get("type") == self.gold["type"]


def reviewed(db: sqlite3.Connection) -> list[Reviewed]:
    """Every confirmed, corrected or rejected event whose evidence is still stored."""
    rows = db.execute(
        "SELECT r.event_id, r.status, r.corrected, r.original, r.anchor_article, "
        "r.trigger_start, r.trigger_end, e.type, e.source_name, e.target_name, f.confidence "
        "FROM event_reviews r JOIN events e ON e.id = r.event_id "
        "LEFT JOIN event_facts f ON f.event_id = e.id "
        "WHERE r.orphaned = 0 AND r.status IN ('confirmed', 'corrected', 'rejected') "
        "ORDER BY r.event_id").fetchall()
    found: list[Reviewed] = []
    for row in rows:
        shown = {"type": row[7], "source_name": row[8], "target_name": row[9]}
        original = json.loads(row[3])
        machine = {name: original.get(name, shown[name]) for name in ROLES}
        gold = {**machine, **{k: v for k, v in json.loads(row[2]).items() if k in ROLES}}
        found.append(Reviewed(row[0], row[4], row[1], gold, machine, float(row[10] or 0.0)))
        found[-1].machine["trigger"] = (row[5], row[6])
    return found


def rerun(db: sqlite3.Connection, items: list[Reviewed]) -> None:
    """Replace each item's machine values with what the current pipeline says now."""
    from eventwire.evaluation.common import gold_article, raw_pipeline
    from eventwire.model import Article
    from eventwire.settings import load_settings

    ids = sorted({item.article for item in items})
    stored = {}
    for article_id in ids:
        row = db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            stored[article_id] = Article.model_validate_json(row[0])
    articles = [gold_article(a.id, a.text, a.published) for a in stored.values()]
    done = {a.id: a for a in raw_pipeline(load_settings()).process_batch(articles)}
    for item in items:
        article = done.get(item.article)
        start, end = item.machine["trigger"]
        event = next((e for e in (article.events if article else [])
                      if e.trigger.start == start and e.trigger.end == end), None)
        if event is None:
            item.found = False
            continue
        actors = {a.id: a.name for a in article.actors} if article else {}
        item.machine = {"type": event.type,
                        "source_name": _name(event.source, actors),
                        "target_name": _name(event.target, actors),
                        "trigger": (start, end)}
        item.confidence = float(event.confidence or 0.0)


def _name(mention: Any, actors: dict[str, str]) -> str | None:
    if mention is None:
        return None
    return actors.get(mention.actor or "", mention.text)


def evaluate_reviews(path: Path, stored: bool = False, errors: int = 0) -> Report:
    from eventwire.store import connect

    db = connect(path)
    try:
        items = reviewed(db)
        if not stored and items:
            rerun(db, items)
    finally:
        db.close()
    events = [i for i in items if i.is_event]
    emitted = [i for i in items if i.found]
    metrics = {
        "reviewed": float(len(items)),
        "precision": ratio(sum(1 for i in emitted if i.is_event), len(emitted)),
        "recall_of_reviewed_events": ratio(sum(1 for i in events if i.found), len(events)),
        "type_accuracy": ratio(sum(1 for i in events if i.right), len(events)),
        **{f"{role}_accuracy": ratio(sum(1 for i in events if i.found and
                                         i.machine.get(role) == i.gold[role]), len(events))
           for role in ROLES[1:]},
    }
    found = [(i.confidence, i.right) for i in emitted]
    metrics["confidence_ece"] = ece(found)
    failures = [f"{i.event_id} ({i.status}): machine {i.machine.get('type')} "
                f"{i.machine.get('source_name')} -> {i.machine.get('target_name')}; gold "
                f"{'not an event' if not i.is_event else i.gold}" for i in items if not i.right]
    return Report(task="reviews", gold=[str(path)], n=len(items), metrics=metrics,
                  tables={"reliability (confidence vs right type)": reliability(found)},
                  errors=failures[:errors])


def _logit(value: float) -> float:
    clipped = min(max(value, 1e-4), 1 - 1e-4)
    return math.log(clipped / (1 - clipped))


def platt(points: Sequence[Point], l2: float = 1.0, rounds: int = 50) -> tuple[float, float]:
    """(a, b) of p = sigmoid(a * logit(c) + b) by Newton's method, `l2` pulling a to 1 and
    b to 0 (the identity: with few reviews the confidence moves little)."""
    a, b = 1.0, 0.0
    for _ in range(rounds):
        ga, gb = l2 * (a - 1), l2 * b
        haa, hab, hbb = l2 + 1e-6, 0.0, l2 + 1e-6  # damped: one confidence value alone
        for confidence, right in points:
            x = _logit(confidence)
            p = 1 / (1 + math.exp(-(a * x + b)))
            ga += (p - right) * x
            gb += p - right
            w = p * (1 - p)
            haa, hab, hbb = haa + w * x * x, hab + w * x, hbb + w
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        a -= (hbb * ga - hab * gb) / det
        b -= (haa * gb - hab * ga) / det
    return round(a, 4), round(b, 4)


def _apply(ab: tuple[float, float], confidence: float) -> float:
    return round(1 / (1 + math.exp(-(ab[0] * _logit(confidence) + ab[1]))), 3)


def calibrate_reviews(path: Path, stored: bool = False, write: bool = True) -> dict[str, Any]:
    """Reliability of the event confidence on the reviews, before and after a cross-fitted
    Platt refit; the fit on every review stored in the store unless `write` is False."""
    from eventwire.store import connect

    db = connect(path)
    try:
        items = reviewed(db)
        if not stored and items:
            rerun(db, items)
        rows = [(i.article, i.confidence, i.right) for i in items if i.found]
        before = [(c, ok) for _, c, ok in rows]
        after: list[Point] = []
        for fold in range(FOLDS):
            ab = platt([(c, ok) for unit, c, ok in rows if fold_of(unit) != fold])
            after.extend((_apply(ab, c), ok) for unit, c, ok in rows if fold_of(unit) == fold)
        fitted = platt(before)
        report = {"n": len(rows), "before": {"ece": ece(before), "table": reliability(before)},
                  "after (cross-fitted)": {"ece": ece(after), "table": reliability(after)},
                  "platt": {"a": fitted[0], "b": fitted[1]}}
        if write:
            db.execute("INSERT INTO eventwire_meta(key, value) VALUES (?, ?) ON CONFLICT(key) "
                       "DO UPDATE SET value = excluded.value",
                       (META_KEY, json.dumps({"a": fitted[0], "b": fitted[1], "n": len(rows)})))
        return report
    finally:
        db.close()


def format_calibration(report: dict[str, Any]) -> str:
    lines = [f"reviewed events scored: {report['n']}; Platt a={report['platt']['a']} "
             f"b={report['platt']['b']}"]
    for name in ("before", "after (cross-fitted)"):
        lines.append(f"{name}: ECE {report[name]['ece']:.4f}")
        lines.extend("  " + "  ".join(f"{cell!s:>15}" for cell in row)
                     for row in report[name]["table"])
    return "\n".join(lines)


def main_reviews(argv: list[str]) -> int:
    """`calibrate --with-reviews --db STORE [--stored] [--dry-run]`."""
    import sys

    from eventwire.errors import EventwireError

    usage = "usage: eventwire calibrate --with-reviews --db STORE [--stored] [--dry-run]"
    rest = [word for word in argv if word != "--with-reviews"]
    db: Path | None = None
    stored = dry = False
    while rest:
        word = rest.pop(0)
        if word == "--db" and rest:
            db = Path(rest.pop(0))
        elif word in ("--stored", "--dry-run"):
            stored, dry = stored or word == "--stored", dry or word == "--dry-run"
        else:
            print(usage, file=sys.stderr)
            return 2
    if db is None:
        print(f"{usage} (--db is required)", file=sys.stderr)
        return 2
    try:
        report = calibrate_reviews(db, stored, write=not dry)
    except EventwireError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(format_calibration(report))
    if not dry:
        print(f"stored the refit in {db} (eventwire_meta {META_KEY})")
    return 0
