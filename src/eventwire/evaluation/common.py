"""Shared parts of the evaluation: reading gold files, running the pipeline, reporting.

Gold files are the JSONL formats of ../shared/eval/dev (see its README). Texts are run
verbatim (no cleaning) so gold offsets index `Article.text` directly.

Honest measurement: every dev file is split for good by `split_of(key)` into a "look" part
(read while writing rules, used to fit the confidence model) and an "untouched" part (30%,
only ever scored). `split_scores` reports each metric three times: `NAME` (all),
`look:NAME` and `untouched:NAME`, plus `look:n` / `untouched:n`. Each scorer picks the key
that keeps related items together (see docs/evaluation.md): the record id for sentences and
stories, the article id for quotes, the topic for dedup pairs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from eventwire._version import __version__
from eventwire.errors import InputError
from eventwire.model import Article, Meta
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import BatchStage, Work
from eventwire.settings import Settings

Split = Literal["look", "untouched"]
FOLDS = 5  # cross-fitting folds of every fitted model (calibrate, decision, reviews)
UNTOUCHED_TENTHS = 3  # 30% of every dev file is kept out of sight while writing rules
SPLITS: tuple[Split, ...] = ("look", "untouched")
T = TypeVar("T")


def split_of(key: object) -> Split:
    """The fixed part of the dev data that `key` (an item's id, or its article's id) is in.

    Decided by a hash of the key alone, so the split never moves when files grow or are
    reordered: "untouched" items are only scored, never read while writing rules.
    """
    digest = hashlib.sha256(str(key).encode("utf-8")).hexdigest()
    return "untouched" if int(digest[:8], 16) % 10 < UNTOUCHED_TENTHS else "look"


def split_scores(items: Sequence[T], key: Callable[[T], object],
                 score: Callable[[Sequence[T]], Mapping[str, float]]) -> dict[str, float]:
    """`score` of all items, then of each part: `look:NAME`, `untouched:NAME` and the
    part sizes `look:n`, `untouched:n` (in `score`'s units: what `key` is called on).
    An empty part reports only its size (0), never a made-up score."""
    metrics = dict(score(items))
    for part in SPLITS:
        chosen = [item for item in items if split_of(key(item)) == part]
        if chosen:
            metrics.update({f"{part}:{name}": value for name, value in score(chosen).items()})
        metrics[f"{part}:n"] = float(len(chosen))
    return metrics


def split_table(metrics: Mapping[str, float]) -> list[list[Any]]:
    """Rows metric / look / untouched / all from `split_scores` output (a report table)."""
    rows: list[list[Any]] = [["metric", "look", "untouched", "all"]]
    for name, value in metrics.items():
        if ":" in name:
            continue
        parts = [metrics.get(f"{part}:{name}") for part in SPLITS]
        if any(part is not None for part in parts):
            rows.append([name, *parts, value])
    sizes = [metrics.get(f"{part}:n", 0.0) for part in SPLITS]
    rows.append(["n (scored units)", *sizes, sum(sizes)])
    return rows


def load_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Records of a gold file; a bad line is an InputError naming file and line."""
    if not path.exists():
        raise InputError(str(path), "gold file not found (dev data lives in ../shared/eval/dev)")
    records: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"invalid JSON ({exc.msg})") from None
            if limit is not None and len(records) >= limit:
                break
    return records


def raw_pipeline(settings: Settings | None = None) -> Pipeline:
    """The full pipeline with cleaning off, so offsets index the gold text."""
    return Pipeline((settings or Settings()).override(clean=False))


def gold_article(record_id: str, text: str, published: str | None) -> Article:
    meta = Meta(version=f"eventwire {__version__}", source=f"gold:{record_id}")
    return Article(id=str(record_id), text=text, published=published, meta=meta)


def run_all(pipeline: Pipeline, articles: Iterable[Article]) -> Iterator[Article]:
    yield from pipeline.run(articles)


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def context(text: str, start: int, end: int, width: int = 80) -> str:
    """The words around [start, end) with the span marked, on one line."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


@dataclass
class Report:
    """The outcome of one evaluation: headline metrics, tables, instructive failures.

    `tables` maps a title to rows; the first row is the header.
    """

    task: str
    gold: list[str]
    n: int
    metrics: dict[str, float]
    tables: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "gold": self.gold, "n": self.n, "metrics": self.metrics,
                "tables": self.tables, "errors": self.errors}


def fold_of(key: object) -> int:
    """The cross-fitting fold (0..FOLDS-1) of a unit, by a hash of its key alone: stable
    whatever the order of the data, the same in every fitted model."""
    return int(hashlib.sha256(f"fold:{key}".encode()).hexdigest()[:8], 16) % FOLDS


def works(pipeline: Pipeline, articles: Sequence[Any]) -> list[Work]:
    """Run the pipeline stage by stage, keeping each article's working notes (the feature
    rows the fitted models learn from), 64 articles a batch."""
    done: list[Work] = []
    for offset in range(0, len(articles), 64):
        batch = [Work(article) for article in articles[offset:offset + 64]]
        for stage in pipeline.stages:
            live = [w for w in batch if w.skip is None and w.article.meta.failure is None]
            if isinstance(stage, BatchStage):
                stage.process_batch(live)
            else:
                for work in live:
                    stage.process(work)
        done.extend(batch)
    return done
