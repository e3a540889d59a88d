"""The training data of the event decision (evaluation.decision): the whole-article gold
stories run up to the events' rule candidates (`units`), the stage-1 rows of the sentence
sets (`sentence_examples`) and the soft type label of each candidate (`soft_label`, see
evaluation.decision's docstring).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.article_match import gold_events
from eventwire.evaluation.common import gold_article, load_jsonl, raw_pipeline, split_of, works
from eventwire.evaluation.events import gold_type
from eventwire.events.decide import NONE
from eventwire.events.stage import EventsStage
from eventwire.model import EVENT_TYPES, Event
from eventwire.pipeline.stage import Work

STORIES = ("events/voa_articles_dev.jsonl", "events/polnear_articles_dev.jsonl")
SENTENCES = ("events/plv_train.jsonl", "events/plover_gsr_dev.jsonl")


@dataclass(eq=False)
class Unit:
    """One gold story with its work and the rule candidates (events and rows) before deciding."""

    record: dict[str, Any]
    work: Work
    events: list[Event]
    rows: dict[str, dict[str, float]]
    sentences: int

    @property
    def id(self) -> str:
        return str(self.record["id"])

    def reset(self) -> None:
        self.work.article.events[:] = list(self.events)
        self.work.event_features.clear()
        self.work.event_features.update({k: dict(v) for k, v in self.rows.items()})


def candidate_works(records: Sequence[dict[str, Any]]) -> list[tuple[Work, int]]:
    """Each record run through the pipeline up to the events' rule candidates, with the
    number of sentences read."""
    pipeline = raw_pipeline()
    events_stage = next(s for s in pipeline.stages if isinstance(s, EventsStage))
    pipeline.stages = [s for s in pipeline.stages if not isinstance(s, EventsStage)]
    articles = [gold_article(str(r["id"]), str(r["text"]), r.get("published") or r.get("date"))
                for r in records]
    return [(work, events_stage.candidates(work) if work.doc is not None else 0)
            for work in works(pipeline, articles)]


def units(dev: Path) -> list[Unit]:
    """Every gold story run up to the rule candidates."""
    records = [r for name in STORIES for r in load_jsonl(dev / name)]
    return [Unit(record, work, list(work.article.events),
                 {k: dict(v) for k, v in work.event_features.items()}, sentences)
            for record, (work, sentences) in zip(records, candidate_works(records),
                                                  strict=True)]


@dataclass(frozen=True, eq=False)
class Examples:
    """Stage-1 training rows: features, soft type label, rule type."""

    rows: tuple[dict[str, float], ...] = ()
    labels: tuple[dict[str, float], ...] = ()
    rules: tuple[str, ...] = ()


NO_EXAMPLES = Examples()


def sentence_examples(dev: Path) -> Examples:
    """Extra stage-1 rows from the look part of the sentence sets (one gold type each): a
    candidate of the gold type, or the only candidate of its sentence, is of the gold type;
    other candidates of a sentence are left out (the sentence's label says nothing of them)."""
    records = [r for name in SENTENCES for r in load_jsonl(dev / name)
               if split_of(str(r["id"])) == "look"]
    rows: list[dict[str, float]] = []
    labels: list[dict[str, float]] = []
    rules: list[str] = []
    for record, (work, _) in zip(records, candidate_works(records), strict=True):
        wanted = gold_type(record)
        events = [e for e in work.article.events if e.id in work.event_features]
        for event in events:
            if wanted in EVENT_TYPES and (event.type == wanted or len(events) == 1):
                rows.append(work.event_features[event.id])
                labels.append({wanted: 1.0})
                rules.append(event.type)
    return Examples(tuple(rows), tuple(labels), tuple(rules))


def soft_label(unit: Unit, event: Event) -> dict[str, float]:
    """The type label of a candidate (see the module docstring)."""
    spans = [(event.sentence.start, event.sentence.end), (event.trigger.start, event.trigger.end)]
    touched = sorted({g.type for g in gold_events(unit.record) if g.touches(spans)}
                     & set(EVENT_TYPES))
    if event.type in touched:
        return {event.type: 1.0}
    if touched:
        return {name: 1.0 / len(touched) for name in touched}
    return {NONE: 1.0}


def examples(chosen: Sequence[Unit]) -> tuple[list[dict[str, float]],
                                                list[dict[str, float]], list[str]]:
    rows: list[dict[str, float]] = []
    labels: list[dict[str, float]] = []
    rules: list[str] = []
    for unit in chosen:
        for event in unit.events:
            if event.id in unit.rows:
                rows.append(unit.rows[event.id])
                labels.append(soft_label(unit, event))
                rules.append(event.type)
    return rows, labels, rules
