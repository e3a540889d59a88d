"""`eventwire eval stories`: story-level PLOVER coverage on the NGEC synthetic stories.

Gold: `events/ngec_synthetic_stories.jsonl`, short stories written by a language model to
order, each with one PLOVER type (`gold.event`) and often a mode (`gold.mode`). These are
pseudo-labels on synthetic text: they measure coverage, not wording truth. A story's
events are its non-negated events. Metrics:
- `type_found`: share of stories with some event of the gold type;
- `type_mode_found`: among stories with a gold mode, share with an event of that type and mode;
- `top_accuracy`: share whose most confident event (`events.top_event`) has the gold type;
- `any_event`: share of stories with any event at all;
- `untouched:calibration_error_top`: ECE (5 bins) of the top event's confidence, label
  "top type equals the gold type", on the untouched part.
Each metric is also given for the look and untouched parts, split by story id; the per-type
table is for all stories. `--errors N` prints misses from the look part only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.common import (
    Report,
    gold_article,
    load_jsonl,
    ratio,
    split_of,
    split_scores,
    split_table,
)
from eventwire.evaluation.events import top_event
from eventwire.evaluation.reliability import ece, reliability
from eventwire.model import EVENT_TYPES, Article
from eventwire.pipeline.runner import Pipeline


@dataclass(frozen=True)
class Outcome:
    """How one story fared."""

    id: str
    gold: str
    mode: str | None
    found: bool
    mode_found: bool
    top: str | None
    confidence: float | None
    types: tuple[str, ...]


def outcome(record: dict[str, Any], article: Article) -> Outcome:
    gold = record.get("gold") or {}
    wanted = str(gold.get("event", "")).upper()
    mode = str(gold["mode"]).lower() if gold.get("mode") else None
    live = [e for e in article.events if not e.negated]
    top = top_event(article)
    return Outcome(
        id=str(record["id"]), gold=wanted, mode=mode,
        found=any(e.type == wanted for e in live),
        mode_found=mode is not None and any(e.type == wanted and (e.mode or "").lower() == mode
                                            for e in live),
        top=top.type if top is not None else None,
        confidence=top.confidence if top is not None else None,
        types=tuple(sorted({e.type for e in live})))


def scores(outcomes: Sequence[Outcome]) -> dict[str, float]:
    with_mode = [o for o in outcomes if o.mode is not None]
    return {"type_found": round(ratio(sum(o.found for o in outcomes), len(outcomes)), 4),
            "type_mode_found": round(ratio(sum(o.mode_found for o in with_mode),
                                           len(with_mode)), 4),
            "top_accuracy": round(ratio(sum(o.top == o.gold for o in outcomes),
                                        len(outcomes)), 4),
            "any_event": round(ratio(sum(o.top is not None for o in outcomes),
                                     len(outcomes)), 4)}


def per_type(outcomes: Sequence[Outcome]) -> list[list[Any]]:
    rows: list[list[Any]] = [["type", "stories", "type_found", "top_accuracy",
                              "with_mode", "type_mode_found"]]
    for name in EVENT_TYPES:
        mine = [o for o in outcomes if o.gold == name]
        if not mine:
            continue
        moded = [o for o in mine if o.mode is not None]
        rows.append([name, len(mine), round(ratio(sum(o.found for o in mine), len(mine)), 3),
                     round(ratio(sum(o.top == name for o in mine), len(mine)), 3), len(moded),
                     round(ratio(sum(o.mode_found for o in moded), len(moded)), 3)
                     if moded else None])
    return rows


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    records = [r for path in gold for r in load_jsonl(path, limit)]
    if limit is not None:
        records = records[:limit]
    articles = [gold_article(str(r["id"]), str(r.get("text", "")), r.get("date"))
                for r in records]
    outcomes = [outcome(r, a) for r, a in zip(records, pipeline.run(articles), strict=True)]
    metrics = split_scores(outcomes, lambda o: o.id, scores)
    untouched = [(o.confidence, o.top == o.gold) for o in outcomes
                 if o.confidence is not None and split_of(o.id) == "untouched"]
    metrics["untouched:calibration_error_top"] = ece(untouched)
    misses = [o for o in outcomes if not o.found and split_of(o.id) == "look"]
    notes = [f"{o.id}: gold {o.gold}/{o.mode or '-'}, found {', '.join(o.types) or 'nothing'}"
             for o in misses[:errors]]
    return Report(task="stories", gold=[str(p) for p in gold], n=len(outcomes), metrics=metrics,
                  tables={"look / untouched (by story id)": split_table(metrics),
                          "per type (all stories)": per_type(outcomes),
                          "reliability, untouched part, top event per story":
                              reliability(untouched)},
                  errors=notes)
