"""`eventwire eval event-location`: where an event happened, against the event_location gold.

Gold records (../shared/eval/dev/places/event_location_dev.jsonl) are sentences with one
event verb and the span(s) of the place where that event happened, or none. The gold verb is
the trigger given to `places.event_location.place_for_trigger`; a row is right when it returns
a place overlapping a gold location span, or returns nothing where the gold has none.
Scores: accuracy over all rows; precision (right among rows where a place was returned) and
recall (right among rows with a gold location). The same figures without the
nearest-place fallback (syntax only) carry the prefix `syntax_only_`; per split of the dev
data (by row id, `split_of`) the prefixes `look_` and `untouched_`. Failures shown are
from "look" rows only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from eventwire.evaluation.common import (
    Report,
    context,
    gold_article,
    load_jsonl,
    overlap,
    ratio,
    split_of,
)
from eventwire.model import Place
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import Stage, Work

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Tally:
    rows: int = 0
    right: int = 0
    with_gold: int = 0
    found: int = 0
    returned: int = 0
    returned_right: int = 0

    def add(self, golds: list[tuple[int, int]], place: Place | None) -> bool:
        self.rows += 1
        self.with_gold += bool(golds)
        self.returned += place is not None
        if place is None:
            right = not golds
        else:
            right = any(overlap(g, (place.start, place.end)) > 0 for g in golds)
            self.returned_right += right
            self.found += right
        self.right += right
        return right

    def metrics(self, prefix: str = "") -> dict[str, float]:
        return {f"{prefix}{name}": round(value, 4) for name, value in {
            "accuracy": ratio(self.right, self.rows),
            "precision": ratio(self.returned_right, self.returned),
            "recall": ratio(self.found, self.with_gold),
        }.items()}


def trigger_token(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


class _Probe(Stage):
    """Calls place_for_trigger on the gold trigger while the parse is still at hand."""

    name = "event-location-probe"
    requires = ("doc", "places")
    assigns = ()
    triggers: ClassVar[dict[str, tuple[int, int]]] = {}
    results: ClassVar[dict[str, tuple[Place | None, Place | None]]] = {}

    def process(self, work: Work) -> None:
        from eventwire.places.event_location import place_for_trigger

        article, doc = work.article, work.parsed
        span = self.triggers.get(article.id)
        token = trigger_token(doc, *span) if span else None
        if token is None:
            self.results[article.id] = (None, None)
            return
        self.results[article.id] = (place_for_trigger(doc, article, token),
                                    place_for_trigger(doc, article, token, nearest=False,
                                                      dateline=False))


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    from eventwire.pipeline.registry import STAGES
    from eventwire.places.stage import PlacesStage

    stages: tuple[type[Stage], ...] = (*STAGES[:STAGES.index(PlacesStage) + 1], _Probe)
    probe = Pipeline(pipeline.settings.override(clean=False), stages=stages)
    records: list[dict[str, Any]] = []
    for path in gold:
        records.extend(load_jsonl(path, None if limit is None else limit - len(records)))
    _Probe.triggers.clear()
    _Probe.results.clear()
    articles = []
    for number, record in enumerate(records):
        verb = record["gold"]["event_verb"][0]
        _Probe.triggers[str(number)] = (verb["start"], verb["end"])
        articles.append(gold_article(str(number), record["text"], record.get("date")))
    main, syntax = Tally(), Tally()
    splits = {"look": Tally(), "untouched": Tally()}
    failures: list[str] = []
    for number, (record, _) in enumerate(zip(records, probe.run(articles), strict=True)):
        golds = [(g["start"], g["end"]) for g in record["gold"]["event_location"]]
        place, strict = _Probe.results.get(str(number), (None, None))
        syntax.add(golds, strict)
        part = split_of(record["id"])
        splits[part].add(golds, place)
        if not main.add(golds, place) and part == "look" and len(failures) < errors:
            verb = record["gold"]["event_verb"][0]
            wanted = ", ".join(record["text"][s:e] for s, e in golds) or "none"
            got = place.text if place is not None else "none"
            failures.append(f"gold {wanted}, got {got}: "
                            f"{context(record['text'], verb['start'], verb['end'], 120)}")
    metrics = main.metrics() | syntax.metrics("syntax_only_")
    for name, tally in splits.items():
        metrics |= tally.metrics(f"{name}_")
        metrics[f"{name}_rows"] = float(tally.rows)
    metrics["rows_with_gold_location"] = float(main.with_gold)
    return Report(task="event-location", gold=[str(p) for p in gold], n=main.rows,
                  metrics=metrics, errors=failures)
