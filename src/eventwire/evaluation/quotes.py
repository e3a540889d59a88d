"""`eventwire eval quotes`: quotes and speakers against PolNeAR attributions.

Gold: `polnear_*_attributions.jsonl` (one line per attribution: source, cue and content
offsets, `is_direct_quote`) with the article texts read from `polnear_*_articles.jsonl`
beside it. PolNeAR has several annotators for a few articles; the attributions file holds
one annotation set per article (the annotator id first in sorted order), and that set is
what we score. Passing the articles file itself scores the same annotator's embedded gold.

Metrics, first for direct quotes, then (`all_*`) for every attribution, direct or not:
- a predicted item counts as a direct quote when it is `direct` or, like the gold flag,
  its content starts or ends at a quotation mark (an indirect clause ending in a partial
  quote: Clinton says Trump's "latest twitter meltdown is unhinged.");
- recall: a gold item is found when predicted spans cover >= 50% of its content chars;
- precision: a predicted item is right when >= 50% of its chars lie in gold content of
  any attribution (annotators often mark a quoted phrase as part of a larger content);
- speaker accuracy, on found gold items that have a source: the speaker mention of the
  predicted item overlapping the gold content most overlaps the gold source span.
The scoring functions are pure (`score_article`, `metrics`) so other systems can be scored
by the same code (benchmarks/quotes_vs_textacy.py).
Every metric is also reported for the look and untouched parts, split by article id (all
attributions of an article, and every annotator's version of it, stay on one side).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    split_scores,
    split_table,
)
from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline

Spans = tuple[tuple[int, int], ...]
COVER = 0.5
QUOTE_MARKS = "\"“”"
EDGE_TRIM = " \t\n.,;:!?"


@dataclass(frozen=True)
class Gold:
    """One gold attribution: content and source segments, and the direct-quote flag."""

    content: Spans
    source: Spans
    direct: bool


@dataclass(frozen=True)
class Predicted:
    """One predicted quote or attribution: content span, flag and speaker span.

    `direct` is the flag as scored: see `quoted`.
    """

    start: int
    end: int
    direct: bool
    speaker: tuple[int, int] | None


@dataclass
class Tally:
    """Counts behind recall, precision and speaker accuracy."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0
    speakers: int = 0
    speakers_right: int = 0
    misses: list[tuple[Gold, str]] = field(default_factory=list)
    outcomes: list[bool | None] = field(default_factory=list)  # per gold: speaker right?

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.right += other.right
        self.speakers += other.speakers
        self.speakers_right += other.speakers_right
        self.misses.extend(other.misses)
        self.outcomes.extend(other.outcomes)


def _covered(span: tuple[int, int], spans: Spans | list[tuple[int, int]]) -> int:
    """Characters of `span` covered by the union of `spans`."""
    pieces = sorted((max(span[0], s), min(span[1], e)) for s, e in spans
                    if min(span[1], e) > max(span[0], s))
    total, reach = 0, span[0]
    for start, end in pieces:
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total


def quoted(text: str, start: int, end: int) -> bool:
    """True when text[start:end] starts or ends at a quotation mark (gold's heuristic)."""
    inner = text[start:end].strip(EDGE_TRIM)
    if not inner:
        return False
    if inner[0] in QUOTE_MARKS or inner[-1] in QUOTE_MARKS:
        return True
    return (start > 0 and text[start - 1] in QUOTE_MARKS) or \
        (end < len(text) and text[end] in QUOTE_MARKS)


def score_article(gold: list[Gold], predicted: list[Predicted], direct_only: bool) -> Tally:
    """Tally one article: gold items (direct ones if `direct_only`) against predictions."""
    tally = Tally()
    wanted = [g for g in gold if g.direct or not direct_only]
    guesses = [p for p in predicted if p.direct or not direct_only]
    all_content = [span for g in gold for span in g.content]
    tally.gold, tally.predicted = len(wanted), len(guesses)
    for guess in guesses:
        length = guess.end - guess.start
        if length > 0 and _covered((guess.start, guess.end), all_content) >= COVER * length:
            tally.right += 1
    spans = [(p.start, p.end) for p in guesses]
    for item in wanted:
        length = sum(e - s for s, e in item.content)
        covered = sum(_covered(segment, spans) for segment in item.content)
        if length <= 0 or covered < COVER * length:
            tally.misses.append((item, "missed"))
            tally.outcomes.append(None)
            continue
        tally.found += 1
        if not item.source:
            tally.outcomes.append(None)
            continue
        tally.speakers += 1
        best = max(guesses, key=lambda p: sum(overlap((p.start, p.end), s) for s in item.content))
        right = best.speaker is not None and any(overlap(best.speaker, s) > 0 for s in item.source)
        tally.speakers_right += right
        tally.outcomes.append(right)
        if not right:
            tally.misses.append((item, "speaker"))
    return tally


def metrics(tally: Tally, prefix: str) -> dict[str, float]:
    recall = ratio(tally.found, tally.gold)
    precision = ratio(tally.right, tally.predicted)
    return {f"{prefix}recall": round(recall, 4), f"{prefix}precision": round(precision, 4),
            f"{prefix}f1": round(f1(precision, recall), 4),
            f"{prefix}speaker_accuracy": round(ratio(tally.speakers_right, tally.speakers), 4)}


def _spans(value: Any) -> Spans:
    """Segments of PolNeAR offsets: [[[s, e], ...], ...] → ((s, e), ...)."""
    found: list[tuple[int, int]] = []
    for group in value or []:
        for segment in group or []:
            if len(segment) == 2:
                found.append((int(segment[0]), int(segment[1])))
    return tuple(found)


def load_gold(paths: list[Path], limit: int | None) -> list[tuple[dict[str, Any], list[Gold]]]:
    """(article record, gold attributions) per article, in file order."""
    result: list[tuple[dict[str, Any], list[Gold]]] = []
    for path in paths:
        if "attributions" in path.name:
            texts = _articles(path.with_name(path.name.replace("attributions", "articles")))
            grouped: dict[str, list[Gold]] = defaultdict(list)
            for record in load_jsonl(path):
                gold = record["gold"]
                grouped[record["article"]].append(Gold(_spans(gold.get("content_offsets")),
                                                       _spans(gold.get("source_offsets")),
                                                       bool(gold.get("is_direct_quote"))))
            for name, items in grouped.items():
                if name in texts:
                    result.append((texts[name], items))
        else:
            for record in _articles(path).values():
                items = [Gold(tuple(tuple(s) for c in a["content"] for s in c["segments"]),
                              tuple(tuple(s) for c in a["source"] for s in c["segments"]),
                              bool(a.get("is_direct_quote")))
                         for a in record["gold"]["attributions"]]
                result.append((record, items))
    return result[:limit] if limit is not None else result


def _articles(path: Path) -> dict[str, dict[str, Any]]:
    """Article records by article name, one annotator each (first id in sorted order)."""
    chosen: dict[str, dict[str, Any]] = {}
    for record in load_jsonl(path):
        name = record.get("article", record["id"])
        if name not in chosen or record.get("annotator", "") < chosen[name].get("annotator", ""):
            chosen[name] = record
    return chosen


def predictions(article: Article) -> list[Predicted]:
    return [Predicted(q.start, q.end, q.direct or quoted(article.text, q.start, q.end),
                      (q.speaker.start, q.speaker.end) if q.speaker is not None else None)
            for q in article.quotes]


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    data = load_gold(gold, limit)
    inputs = [gold_article(str(record.get("article", record["id"])), record["text"],
                           record.get("date")) for record, _ in data]
    direct, every = Tally(), Tally()
    failures: list[str] = []
    per_article: list[tuple[str, Tally, Tally]] = []
    for (_, items), article in zip(data, pipeline.run(inputs), strict=True):
        predicted = predictions(article)
        one = score_article(items, predicted, direct_only=True)
        both = score_article(items, predicted, direct_only=False)
        direct.add(one)
        every.add(both)
        per_article.append((article.id, one, both))
        for item, why in one.misses:
            if len(failures) >= errors:
                break
            failures.append(_explain(article, item, why, predicted))
    found = split_scores(per_article, lambda item: item[0], _tally_metrics)
    table = [["set", "gold", "found", "predicted", "right", "speakers", "speakers right"],
             ["direct", direct.gold, direct.found, direct.predicted, direct.right,
              direct.speakers, direct.speakers_right],
             ["all", every.gold, every.found, every.predicted, every.right, every.speakers,
              every.speakers_right]]
    return Report(task="quotes", gold=[str(p) for p in gold], n=len(data), metrics=found,
                  tables={"counts": table,
                          "look / untouched (by article id; n = articles)": split_table(found)},
                  errors=failures)


def _tally_metrics(chosen: Sequence[tuple[str, Tally, Tally]]) -> dict[str, float]:
    """Direct and all-attribution metrics of a set of articles' tallies."""
    direct, every = Tally(), Tally()
    for _, one, both in chosen:
        direct.add(one)
        every.add(both)
    return metrics(direct, "direct_") | metrics(every, "all_")


def _explain(article: Article, item: Gold, why: str, predicted: list[Predicted]) -> str:
    text = article.text
    start, end = item.content[0] if item.content else (0, 0)
    source = " / ".join(text[s:e] for s, e in item.source) or "-"
    said = ""
    if why == "speaker":
        best = max(predicted, key=lambda p: overlap((p.start, p.end), (start, end)))
        said = f"; predicted speaker {text[best.speaker[0]:best.speaker[1]]!r}" \
            if best.speaker else "; no predicted speaker"
    return f"{article.id}: {why}: gold source {source!r}{said}: {context(text, start, end, 60)}"
