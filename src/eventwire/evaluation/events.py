"""`eventwire eval events`: PLOVER event coding on sentence-level gold (PLOVER GSR format).

Each gold record is one sentence with one event type (older names mapped: DEMAND→REQUEST,
DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT) and source/target actors with ISO3 codes.
The prediction for a sentence is its most confident non-negated event. Scores: accuracy and
macro-F1 over the PLOVER types present, per-type P/R/F1, a confusion table, source/target
country and sector accuracy, and a reliability table of the confidence.

Every metric is reported for the look part, the untouched part (`split_of(record id)`) and
all; the reliability tables (5 bins) and their ECE are for the untouched part, for the top
event per sentence and for every event. `fit:*` / `held-out:*` are the old 50/50 halves
(sha1 of the id), kept only while benchmarks/baseline.json has floors on them.

Refit the confidence model: `eventwire calibrate` (see `eventwire.evaluation.calibrate`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.evaluation.actors import country_correct, gold_sector
from eventwire.evaluation.common import (
    Report,
    context,
    f1,
    gold_article,
    load_jsonl,
    ratio,
    split_of,
    split_scores,
    split_table,
)
from eventwire.evaluation.reliability import Point, ece, reliability
from eventwire.model import EVENT_TYPES, Actor, Article, Event
from eventwire.pipeline.runner import Pipeline

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
NONE = "NONE"


def gold_type(record: dict[str, Any]) -> str:
    name = str(record["gold"]["event"]).upper()
    return OLD_NAMES.get(name, name)


def half(record_id: str) -> str:
    """"fit" or "held-out", from a stable hash of the id."""
    return "fit" if hashlib.sha1(record_id.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def top_event(article: Article) -> Event | None:
    live = [e for e in article.events if not e.negated]
    return max(live, key=lambda e: (e.confidence, -e.trigger.start)) if live else None


def _actor(article: Article, actor_id: str | None) -> Actor | None:
    return next((a for a in article.actors if a.id == actor_id), None) if actor_id else None


def type_scores(pairs: list[tuple[str, str]]) -> tuple[dict[str, float], list[list[Any]]]:
    """Accuracy, macro-F1 over types present, and per-type rows, for (gold, predicted)."""
    rows: list[list[Any]] = [["type", "gold", "predicted", "precision", "recall", "f1"]]
    f1s: list[float] = []
    for name in EVENT_TYPES:
        gold_n = sum(1 for g, _ in pairs if g == name)
        pred_n = sum(1 for _, p in pairs if p == name)
        if not gold_n and not pred_n:
            continue
        hits = sum(1 for g, p in pairs if g == p == name)
        precision, recall = ratio(hits, pred_n), ratio(hits, gold_n)
        score = f1(precision, recall)
        f1s.append(score)
        rows.append([name, gold_n, pred_n, round(precision, 3), round(recall, 3), round(score, 3)])
    metrics = {"accuracy": round(ratio(sum(1 for g, p in pairs if g == p), len(pairs)), 4),
               "macro_f1": round(ratio(sum(f1s), len(f1s)), 4)}
    return metrics, rows


def _role_scores(items: Sequence[tuple[dict[str, Any], Article, Event | None]],
                 role: str) -> dict[str, float]:
    """Country and sector of the top event's source or target, with the code conventions of
    the actors eval (`actors.country_correct`, `actors.gold_sector`): legacy CAMEO codes
    mapped, IGO/NGO golds right for an actor with no country and that sector."""
    country_hits = country_n = sector_hits = sector_n = 0
    for record, article, event in items:
        people = [p for p in record["gold"].get(role) or [] if p.get("code")]
        if not people:
            continue
        country_n += 1
        mention = getattr(event, role) if event is not None else None
        actor = _actor(article, mention.actor if mention else None)
        matched = next((p for p in people
                        if country_correct(str(p["code"]).upper(), actor)), None)
        if matched is None or actor is None:
            continue
        country_hits += 1
        wanted = gold_sector(matched.get("sector"))
        if wanted:
            sector_n += 1
            sector_hits += int(wanted in {s.upper() for s in actor.sectors})
    return {f"{role}_country_accuracy": round(ratio(country_hits, country_n), 4),
            f"{role}_country_n": country_n,
            f"{role}_sector_accuracy": round(ratio(sector_hits, sector_n), 4)}


def score_items(items: Sequence[tuple[dict[str, Any], Article, Event | None]]) -> dict[str, float]:
    pairs = [(gold_type(r), e.type if e is not None else NONE) for r, _, e in items]
    metrics, _ = type_scores(pairs)
    metrics.update(_role_scores(items, "source"))
    metrics.update(_role_scores(items, "target"))
    return metrics


def run(gold: list[Path], pipeline: Pipeline,
        limit: int | None) -> list[tuple[dict[str, Any], Article]]:
    records = [r for path in gold for r in load_jsonl(path, limit)]
    if limit is not None:
        records = records[:limit]
    articles = [gold_article(str(r["id"]), r["text"], r.get("date")) for r in records]
    return list(zip(records, pipeline.run(articles), strict=True))


def _marked(text: str, start: int, end: int) -> str:
    """Context with the trigger in «guillemets» (square brackets are console markup)."""
    return context(text, start, end, 90).replace("[[", "«").replace("]]", "»")


def points(items: Sequence[tuple[dict[str, Any], Article, Event | None]],
           every: bool) -> list[Point]:
    """(confidence, type right) of the top event per sentence, or of every live event."""
    if every:
        return [(e.confidence, e.type == gold_type(r)) for r, a, _ in items for e in a.events
                if not e.negated]
    return [(e.confidence, e.type == gold_type(r)) for r, _, e in items if e is not None]


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    done = run(gold, pipeline, limit)
    items = [(r, a, top_event(a)) for r, a in done]
    metrics: dict[str, float] = {}
    for name in ("fit", "held-out"):
        part = [item for item in items if half(str(item[0]["id"])) == name]
        for key, value in score_items(part).items():
            metrics[f"{name}:{key}"] = value
        metrics[f"{name}:n"] = len(part)
    metrics.update(split_scores(items, lambda item: item[0]["id"], score_items))
    untouched = [item for item in items if split_of(item[0]["id"]) == "untouched"]
    for every, label in ((False, "top"), (True, "every")):
        metrics[f"untouched:calibration_error_{label}"] = ece(points(untouched, every))
    pairs = [(gold_type(r), e.type if e is not None else NONE) for r, _, e in items]
    _, per_type = type_scores(pairs)
    labels = [t for t in EVENT_TYPES if any(t in pair for pair in pairs)] + [NONE]
    confusion: list[list[Any]] = [["gold \\ predicted", *labels]]
    counts = Counter(pairs)
    for name in labels[:-1]:
        confusion.append([name, *(counts.get((name, p), 0) for p in labels)])
    tables: dict[str, Any] = {
        "look / untouched (by sentence id)": split_table(
            {k: v for k, v in metrics.items() if not k.startswith(("fit:", "held-out:"))}),
        "per type": per_type, "confusion": confusion,
        "reliability, untouched part, top event per sentence":
            reliability(points(untouched, every=False)),
        "reliability, untouched part, every event": reliability(points(untouched, every=True)),
        "reliability, all, top event per sentence": reliability(points(items, every=False)),
    }
    failures = [(r, a, e) for r, a, e in items
                if (e is None or e.type != gold_type(r)) and split_of(r["id"]) == "look"]
    failures.sort(key=lambda item: -(item[2].confidence if item[2] is not None else 0.0))
    notes = []
    for record, article, event in failures[:errors]:
        wanted = f"{record['id']}: gold {gold_type(record)} ({record['gold'].get('event_text')})"
        if event is None:
            why = article.meta.skipped or "no event"
            notes.append(f"{wanted}, {why} | {article.text[:200]}")
            continue
        notes.append(f"{wanted}, predicted {event.type}/{event.mode} conf {event.confidence} | "
                     + _marked(article.text, event.trigger.start, event.trigger.end))
    return Report(task="events", gold=[str(p) for p in gold], n=len(items), metrics=metrics,
                  tables=tables, errors=notes)
