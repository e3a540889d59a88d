"""`eventwire eval articles`: whole articles coded the way a careful PLOVER coder would.

Gold: `events/voa_articles_dev.jsonl` (49 VOA stories) or `events/polnear_articles_dev.jsonl`
(48 PolNeAR articles), one story per line with every political event in `gold.events`
(see ../shared/eval/dev/events/voa_articles.md). Every emitted event counts, whatever its
modality or confidence: an analyst counts rows. Each prediction gets a verdict from
`article_match.verdicts` (matched, duplicate, wrong-type, outside). Metrics:
- `precision` (matched / predictions), `recall` (matched gold / gold), `f1`;
- `dyad_precision`, `dyad_recall`, `dyad_f1`: the same for matches whose source and
  target fit;
- `duplicate_rate`, `wrong_type_rate`, `outside_rate`: shares of the predictions;
- `events_per_story`, `gold_events_per_story`;
- `doc_type_macro_f1`: per PLOVER type, F1 over stories of "the story reports an event of
  this type", the mean over types present in gold (NGEC-2025's headline measure);
- `calibration_error`: ECE (5 bins) of every prediction's confidence, label "matched";
  `confident_share` and `confident_accuracy`: the share of predictions with confidence
  >= 0.8 and how many of them are matched (the accuracy only when there are some);
- `historical_agreement`: the share of matches whose `historical` flag is the gold one.
Each is given for all stories and for the look and untouched parts (`split_of(story id)`).
`--errors N` prints, for the first N look stories, every prediction with its verdict and
the gold event it was held against, then the gold events no prediction matched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.article_match import (
    KINDS,
    GoldEvent,
    Verdict,
    gold_events,
    verdicts,
)
from eventwire.evaluation.common import (
    Report,
    f1,
    gold_article,
    load_jsonl,
    ratio,
    split_of,
    split_scores,
    split_table,
)
from eventwire.evaluation.reliability import ece, reliability
from eventwire.model import EVENT_TYPES, Article, Mention
from eventwire.pipeline.runner import Pipeline

__all__ = ["Story", "evaluate", "score_stories", "scores", "story", "verdicts"]

CONFIDENT = 0.8


@dataclass(frozen=True)
class Story:
    """One story's gold events and the verdicts on what the pipeline emitted for it."""

    id: str
    record: dict[str, Any]
    article: Article
    gold: tuple[GoldEvent, ...]
    verdicts: tuple[Verdict, ...]

    @property
    def matched_gold(self) -> set[str]:
        return {v.gold.id for v in self.verdicts if v.matched and v.gold is not None}


def story(record: dict[str, Any], article: Article) -> Story:
    return Story(id=str(record["id"]), record=record, article=article,
                 gold=tuple(gold_events(record)),
                 verdicts=tuple(verdicts(record, article.events, article.actors)))


def _doc_type_macro_f1(stories: Sequence[Story]) -> float:
    scores_: list[float] = []
    for name in EVENT_TYPES:
        gold = {s.id for s in stories if any(g.type == name for g in s.gold)}
        if not gold:
            continue
        predicted = {s.id for s in stories if any(e.type == name for e in s.article.events)}
        hits = len(gold & predicted)
        scores_.append(f1(ratio(hits, len(predicted)), ratio(hits, len(gold))))
    return ratio(sum(scores_), len(scores_))


def scores(stories: Sequence[Story]) -> dict[str, float]:
    """The article-level metrics of a set of stories (see the module docstring)."""
    predictions = [v for s in stories for v in s.verdicts]
    gold_n = sum(len(s.gold) for s in stories)
    matched = sum(1 for v in predictions if v.matched)
    dyads = sum(1 for v in predictions if v.matched and v.dyad)
    precision, recall = ratio(matched, len(predictions)), ratio(matched, gold_n)
    dyad_precision, dyad_recall = ratio(dyads, len(predictions)), ratio(dyads, gold_n)
    confident = [v for v in predictions if v.event.confidence >= CONFIDENT]
    matches = [v for v in predictions if v.matched and v.gold is not None]
    metrics = {
        "precision": precision, "recall": recall, "f1": f1(precision, recall),
        "dyad_precision": dyad_precision, "dyad_recall": dyad_recall,
        "dyad_f1": f1(dyad_precision, dyad_recall),
        "duplicate_rate": ratio(sum(v.kind == "duplicate" for v in predictions),
                                len(predictions)),
        "wrong_type_rate": ratio(sum(v.kind == "wrong-type" for v in predictions),
                                 len(predictions)),
        "outside_rate": ratio(sum(v.kind == "outside" for v in predictions), len(predictions)),
        "events_per_story": ratio(len(predictions), len(stories)),
        "gold_events_per_story": ratio(gold_n, len(stories)),
        "doc_type_macro_f1": _doc_type_macro_f1(stories),
        "calibration_error": ece([(v.event.confidence, v.matched) for v in predictions]),
        "confident_share": ratio(len(confident), len(predictions)),
        "historical_agreement": ratio(sum(v.event.historical == v.gold.historical
                                          for v in matches if v.gold is not None),
                                      len(matches)),
    }
    if confident:
        metrics["confident_accuracy"] = ratio(sum(v.matched for v in confident), len(confident))
    return {name: round(value, 4) for name, value in metrics.items()}


def per_type(stories: Sequence[Story]) -> list[list[Any]]:
    """Rows per PLOVER type: gold, predicted, each verdict, precision, recall, F1."""
    rows: list[list[Any]] = [["type", "gold", "predicted", *KINDS, "precision", "recall", "f1"]]
    predictions = [v for s in stories for v in s.verdicts]
    for name in EVENT_TYPES:
        mine = [v for v in predictions if v.event.type == name]
        gold_n = sum(1 for s in stories for g in s.gold if g.type == name)
        if not mine and not gold_n:
            continue
        hits = sum(1 for v in mine if v.matched)
        precision, recall = ratio(hits, len(mine)), ratio(hits, gold_n)
        rows.append([name, gold_n, len(mine), *(sum(v.kind == k for v in mine) for k in KINDS),
                     round(precision, 3), round(recall, 3), round(f1(precision, recall), 3)])
    return rows


def _who(mention: Mention | None, article: Article) -> str:
    if mention is None:
        return "-"
    actor = next((a for a in article.actors if a.id == mention.actor), None)
    if actor is None:
        return repr(mention.text)
    return f"{mention.text!r}={actor.name}/{actor.country or '-'}"


def _gold_line(gold: GoldEvent) -> str:
    source = f"{gold.source.text}/{gold.source.country or '-'}" if gold.source else "-"
    target = f"{gold.target.text}/{gold.target.country or '-'}" if gold.target else "-"
    flags = " historical" if gold.historical else ""
    flags += f" {gold.modality}" if gold.modality != "asserted" else ""
    return (f"{gold.id} {gold.type} {gold.trigger!r} {source} -> {target}{flags} | "
            f"{gold.mentions[0] if gold.mentions else ''}")


def _clip(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def story_errors(item: Story) -> str:
    """A story's predictions with verdicts, then its missed gold events, as text lines."""
    text = item.article.text
    lines = [f"story {item.id} ({len(item.verdicts)} predicted, {len(item.gold)} gold): "
             f"{_clip(str(item.record.get('title') or text), 100)}"]
    for verdict in sorted(item.verdicts, key=lambda v: v.event.trigger.start):
        event = verdict.event
        kind = verdict.kind + ("+dyad" if verdict.dyad else "")
        sentence = text[event.sentence.start:event.sentence.end]
        flags = " historical" if event.historical else ""
        flags += f" {event.modality}" if event.modality != "asserted" else ""
        lines.append(f"  [{kind}] {event.id} {event.type}{flags} {event.trigger.text!r} "
                     f"{_who(event.source, item.article)} -> {_who(event.target, item.article)}"
                     f" conf {event.confidence:.2f} mentions {len(event.mentions)} | "
                     f"{_clip(sentence)}")
        if verdict.gold is not None:
            lines.append(f"      vs {_clip(_gold_line(verdict.gold), 200)}")
    matched = item.matched_gold
    for gold in item.gold:
        if gold.id not in matched:
            lines.append(f"  [missed] {_clip(_gold_line(gold), 220)}")
    return "\n".join(lines)


def score_stories(gold: list[Path], records: Sequence[dict[str, Any]],
                  articles: Sequence[Article], errors: int) -> Report:
    """The report for gold story records and the pipeline's records of the same stories."""
    stories = [story(r, a) for r, a in zip(records, articles, strict=True)]
    metrics = split_scores(stories, lambda s: s.id, scores)
    points = [(v.event.confidence, v.matched) for s in stories for v in s.verdicts]
    untouched = [(v.event.confidence, v.matched) for s in stories for v in s.verdicts
                 if split_of(s.id) == "untouched"]
    look = [s for s in stories if split_of(s.id) == "look"]
    return Report(task="articles", gold=[str(p) for p in gold], n=len(stories), metrics=metrics,
                  tables={"look / untouched (by story id)": split_table(metrics),
                          "per type (all stories)": per_type(stories),
                          "reliability, every prediction, all stories": reliability(points),
                          "reliability, every prediction, untouched part":
                              reliability(untouched)},
                  errors=[story_errors(s) for s in look[:errors]])


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    records = [r for path in gold for r in load_jsonl(path, limit)]
    if limit is not None:
        records = records[:limit]
    articles = list(pipeline.run(gold_article(str(r["id"]), str(r.get("text", "")),
                                              r.get("published")) for r in records))
    return score_stories(gold, records, articles, errors)
