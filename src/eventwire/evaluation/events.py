"""`eventwire eval events`: PLOVER event coding on sentence-level gold (PLOVER GSR format).

Each gold record is one sentence with one event type (older names mapped: DEMAND→REQUEST,
DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT) and source/target actors with ISO3 codes.
The prediction for a sentence is its most confident non-negated event. Scores: accuracy and
macro-F1 over the PLOVER types present, per-type P/R/F1, a confusion table, source/target
country and sector accuracy, and a reliability table of the confidence.

The dev file is split deterministically into two halves by a hash of the record id:
"fit" (used to tune the lexicon and fit data/event_calibration.json) and "held-out";
every metric is reported for both halves and overall.

Refit the confidence model: `python -m eventwire.evaluation.events --fit GOLD.jsonl`.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.evaluation.actors import country_correct, gold_sector
from eventwire.evaluation.common import Report, context, f1, gold_article, load_jsonl, ratio
from eventwire.model import EVENT_TYPES, Actor, Article, Event
from eventwire.pipeline.runner import Pipeline

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
NONE = "NONE"
BUCKETS = 5


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


def reliability(points: list[tuple[float, bool]]) -> list[list[Any]]:
    """Buckets of predicted confidence: mean predicted vs observed accuracy, with counts."""
    rows: list[list[Any]] = [["bucket", "n", "mean_confidence", "observed_accuracy"]]
    for index in range(BUCKETS):
        low, high = index / BUCKETS, (index + 1) / BUCKETS
        inside = [(c, ok) for c, ok in points
                  if low <= c < high or (index == BUCKETS - 1 and c == 1.0)]
        if not inside:
            rows.append([f"{low:.1f}-{high:.1f}", 0, None, None])
            continue
        rows.append([f"{low:.1f}-{high:.1f}", len(inside),
                     round(sum(c for c, _ in inside) / len(inside), 3),
                     round(sum(1 for _, ok in inside if ok) / len(inside), 3)])
    return rows


def _role_scores(items: list[tuple[dict[str, Any], Article, Event | None]],
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


def score_items(items: list[tuple[dict[str, Any], Article, Event | None]]) -> dict[str, float]:
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


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    done = run(gold, pipeline, limit)
    items = [(r, a, top_event(a)) for r, a in done]
    metrics: dict[str, float] = {}
    for name in ("fit", "held-out"):
        part = [item for item in items if half(str(item[0]["id"])) == name]
        for key, value in score_items(part).items():
            metrics[f"{name}:{key}"] = value
        metrics[f"{name}:n"] = len(part)
    metrics.update(score_items(items))
    pairs = [(gold_type(r), e.type if e is not None else NONE) for r, _, e in items]
    _, per_type = type_scores(pairs)
    labels = [t for t in EVENT_TYPES if any(t in pair for pair in pairs)] + [NONE]
    confusion: list[list[Any]] = [["gold \\ predicted", *labels]]
    counts = Counter(pairs)
    for name in labels[:-1]:
        confusion.append([name, *(counts.get((name, p), 0) for p in labels)])
    tops = [(e.confidence, e.type == gold_type(r)) for r, _, e in items if e is not None]
    every = [(e.confidence, e.type == gold_type(r)) for r, a, _ in items for e in a.events]
    held = [(e.confidence, e.type == gold_type(r)) for r, _, e in items
            if e is not None and half(str(r["id"])) == "held-out"]
    tables: dict[str, Any] = {
        "per type": per_type, "confusion": confusion,
        "reliability (top event per sentence, all)": reliability(tops),
        "reliability (top event per sentence, held-out half)": reliability(held),
        "reliability (every event)": reliability(every),
    }
    failures = [(r, a, e) for r, a, e in items if e is None or e.type != gold_type(r)]
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


def fit_calibration(gold: Path, out: Path) -> dict[str, float]:
    """Fit the confidence model on the "fit" half; write it to `out`."""
    from eventwire.evaluation.common import raw_pipeline
    from eventwire.events.confidence import FEATURES, fit
    from eventwire.events.stage import FEATURES_KEY
    from eventwire.pipeline.stage import BatchStage, Work

    pipeline = raw_pipeline()
    records = [r for r in load_jsonl(gold) if half(str(r["id"])) == "fit"]
    works = [Work(gold_article(str(r["id"]), r["text"], r.get("date"))) for r in records]
    for stage in pipeline.stages:
        live = [w for w in works if w.skip is None]
        if isinstance(stage, BatchStage):
            stage.process_batch(live)
        else:
            for work in live:
                stage.process(work)
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for record, work in zip(records, works, strict=True):
        table = work.scratch.get(FEATURES_KEY, {})
        for event in work.article.events:
            if event.id in table and not event.negated:
                rows.append(table[event.id])
                labels.append(int(event.type == gold_type(record)))
    weights = fit(rows, labels)
    data = {"comment": "Logistic confidence model for events (eventwire.confidence): P(event "
                       "type is right) from the features below. Fitted on the 'fit' half (id "
                       "hash) of the PLOVER GSR dev sentences; label = type equals the "
                       "sentence's gold type.",
            "fitted_on": f"{gold.name}, fit half, {len(rows)} events",
            "features": list(FEATURES), "coefficients": weights}
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return weights


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "--fit":
        print("usage: python -m eventwire.evaluation.events --fit GOLD.jsonl", file=sys.stderr)
        return 2
    from importlib import resources

    target = Path(str(resources.files("eventwire").joinpath("data/event_calibration.json")))
    print(json.dumps(fit_calibration(Path(argv[1]), target), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
