"""`eventwire eval times`: time expressions against TimeBank/AQUAINT TIMEX3 gold.

Gold records (../shared/eval/dev/time/*.jsonl) carry the text, `dct` (the publication
date, given to the pipeline as `published`) and `gold.timexes` with span, type and value.
Scores, TempEval-3 style:

- span precision/recall/F1, relaxed (any overlap, one-to-one) and strict (exact offsets);
- value accuracy: share of relaxed-matched gold expressions whose value is right;
- value F1: an expression counts when its span matches AND its value is right, over all
  predicted (precision) and all gold (recall) expressions; type accuracy likewise.

The same figures are computed for a baseline on the same parses: spaCy's DATE/TIME
entities valued with dateparser (relative to the publication date), so the README can
compare. Metric names of the baseline start with `baseline_`; per split of the dev data
(by document id, `split_of`) with `look_` and `untouched_`. Failures (and the errors table)
come from "look" documents only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.evaluation.common import (
    Report,
    context,
    f1,
    gold_article,
    load_jsonl,
    overlap,
    ratio,
    split_of,
)
from eventwire.model import Article
from eventwire.nlp.english import TIME_LABELS
from eventwire.pipeline.runner import Pipeline
from eventwire.times.resolve import parse_published


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    values: int = 0
    types: int = 0

    def metrics(self, prefix: str = "") -> dict[str, float]:
        span_p, span_r = ratio(self.relaxed, self.predicted), ratio(self.relaxed, self.gold)
        strict_p, strict_r = ratio(self.strict, self.predicted), ratio(self.strict, self.gold)
        value_p, value_r = ratio(self.values, self.predicted), ratio(self.values, self.gold)
        type_p, type_r = ratio(self.types, self.predicted), ratio(self.types, self.gold)
        return {f"{prefix}{name}": round(value, 4) for name, value in {
            "value_f1": f1(value_p, value_r), "value_precision": value_p,
            "value_recall": value_r, "value_accuracy": ratio(self.values, self.relaxed),
            "span_f1": f1(span_p, span_r), "span_precision": span_p, "span_recall": span_r,
            "strict_span_f1": f1(strict_p, strict_r), "type_f1": f1(type_p, type_r),
        }.items()}


def match(gold: Sequence[Timex], predicted: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest overlap first."""
    pairs = sorted(((overlap((g.start, g.end), (p.start, p.end)), i, j)
                    for i, g in enumerate(gold) for j, p in enumerate(predicted)
                    if overlap((g.start, g.end), (p.start, p.end)) > 0), reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        chosen.append((i, j))
    return chosen


def score(tally: Tally, gold: Sequence[Timex], predicted: Sequence[Timex]) -> list[
        tuple[str, Timex | None, Timex | None]]:
    """Add one document to `tally`; return its failures as (kind, gold, predicted)."""
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    failures: list[tuple[str, Timex | None, Timex | None]] = []
    pairs = match(gold, predicted)
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        tally.relaxed += 1
        tally.strict += (g.start, g.end) == (p.start, p.end)
        tally.types += g.type == p.type
        if p.value is not None and g.value == p.value:
            tally.values += 1
        else:
            failures.append(("value", g, p))
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    failures += [("missed", g, None) for i, g in enumerate(gold) if i not in matched_gold]
    failures += [("spurious", None, p) for j, p in enumerate(predicted) if j not in matched_pred]
    return failures


def gold_timexes(record: dict[str, Any]) -> list[Timex]:
    return [Timex(t["start"], t["end"], t["type"], t.get("value"))
            for t in record["gold"]["timexes"]]


PERIOD_FORMATS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y",
                  "time": "%Y-%m-%dT%H:%M"}


@lru_cache(maxsize=64)
def _date_parser(dct: str | None) -> Any:
    """A dateparser parser for English, relative to the publication day `dct`."""
    from dateparser.date import DateDataParser

    anchor = parse_published(dct)
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


def baseline_value(text: str, dct: str | None) -> str | None:
    """dateparser's reading of an entity, formatted at the granularity it reports."""
    try:
        data = _date_parser(dct).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    return str(data.date_obj.strftime(PERIOD_FORMATS.get(data.period or "day", "%Y-%m-%d")))


def baseline_timexes(article: Article) -> list[Timex]:
    """The baseline's expressions: spaCy DATE/TIME entities valued by dateparser."""
    return [Timex(e.start, e.end, e.label, baseline_value(e.text, article.published))
            for e in article.entities if e.label in TIME_LABELS]


def _describe(text: str, kind: str, gold: Timex | None, pred: Timex | None) -> str:
    span = gold or pred
    if span is None:
        return kind
    where = context(text, span.start, span.end, 60).replace("[[", "«").replace("]]", "»")
    if kind == "value" and gold is not None and pred is not None:
        return (f"value: gold {gold.type} {gold.value!r} vs ours {pred.type} {pred.value!r} "
                f"({text[pred.start:pred.end]!r}) … {where}")
    if kind == "missed" and gold is not None:
        return f"missed: {gold.type} {gold.value!r} … {where}"
    return f"spurious: {pred.type if pred else ''} {pred.value if pred else ''!r} … {where}"


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    stems = [(path.stem, record) for path in gold for record in load_jsonl(path, limit)]
    records = [record for _, record in stems]
    per_file: dict[str, Tally] = {}
    articles = [gold_article(r["id"], r["text"], r.get("dct")) for r in records]
    ours, base = Tally(), Tally()
    splits = {"look": Tally(), "untouched": Tally()}
    failures: list[tuple[str, str]] = []
    by_type: Counter[tuple[str, str]] = Counter()
    for (stem, record), article in zip(stems, pipeline.run(articles), strict=True):
        expected = gold_timexes(record)
        predicted = [Timex(t.start, t.end, t.type, t.value) for t in article.times]
        part = split_of(record["id"])
        score(splits[part], expected, predicted)
        score(per_file.setdefault(f"{stem}_{part}", Tally()), expected, predicted)
        for kind, g, p in score(ours, expected, predicted):
            if part != "look":
                continue
            failures.append((kind, _describe(record["text"], kind, g, p)))
            by_type[(g.type if g else "-", kind)] += 1
        for g in expected if part == "look" else ():
            by_type[(g.type, "gold")] += 1
        score(base, expected, baseline_timexes(article))
    rows: list[list[Any]] = [["type (look)", "gold", "value wrong", "missed"]]
    for kind in ("DATE", "TIME", "DURATION", "SET"):
        rows.append([kind, by_type[(kind, "gold")], by_type[(kind, "value")],
                     by_type[(kind, "missed")]])
    comparison: list[list[Any]] = [["system", "value F1", "span F1", "strict span F1",
                                    "value accuracy"]]
    for name, tally in (("eventwire", ours), ("eventwire, look", splits["look"]),
                        ("eventwire, untouched", splits["untouched"]),
                        ("spaCy DATE/TIME + dateparser", base)):
        m = tally.metrics()
        comparison.append([name, m["value_f1"], m["span_f1"], m["strict_span_f1"],
                           m["value_accuracy"]])
    order = {"value": 0, "missed": 1, "spurious": 2}
    failures.sort(key=lambda f: order[f[0]])
    picked = _spread(failures, errors)
    return Report(task="times", gold=[str(p) for p in gold], n=len(records),
                  metrics={**ours.metrics(), **splits["look"].metrics("look_"),
                           **splits["untouched"].metrics("untouched_"),
                           **{k: v for stem, tally in sorted(per_file.items())
                              for k, v in tally.metrics(f"{stem}_").items()
                              if k.endswith(("value_f1", "span_f1"))},
                           **base.metrics("baseline_")},
                  tables={"systems": comparison, "errors by gold type": rows},
                  errors=picked)


def _spread(failures: list[tuple[str, str]], n: int) -> list[str]:
    """Up to n failures, taking the kinds in turn so each kind is represented."""
    kinds: dict[str, list[str]] = {}
    for kind, line in failures:
        kinds.setdefault(kind, []).append(line)
    picked: list[str] = []
    while len(picked) < n and any(kinds.values()):
        for lines in kinds.values():
            if lines and len(picked) < n:
                picked.append(lines.pop(0))
    return picked
