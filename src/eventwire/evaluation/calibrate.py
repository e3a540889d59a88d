"""`eventwire calibrate`: refit the event confidence model by cross-fitting; report reliability.

Data: the PLOVER GSR dev sentences (label: the event's type is the sentence's gold type) and
a fixed sample of the NGEC synthetic stories (label: the event's type is the story's gold
type; a pseudo-label, so secondary events of other types count as wrong). Every event of a
non-negated kind gives one row of the features of `events.confidence`. The pipeline runs
with the rules alone (`TRAINING`: `event_decision` and `event_role_filler` off): this model
scores the rules' candidates; the learned decision (events/decide.py, `--decision`) re-scores
those of whole articles, and neither it nor the role filler may shape the rows they are
later trained on. The rows depend on the weights themselves (the merge keeps each
happening's most confident mention, with its row): `fixed_point` starts from zero weights
and fits until the rows settle, so the result never reads the shipped file.

1. Only the "look" part (`split_of(id)`) is used for fitting. It is cut into K folds by a
   hash of the id; each fold is scored by a model fitted on the other K-1 folds, which
   gives honest out-of-fold confidences for choosing the regularisation: the L2 penalty
   with the lowest out-of-fold top-event ECE, averaged over sentences and stories.
2. The shipped model is fitted on the whole look part and written to
   data/events/event_calibration.json.
3. The untouched part is scored once with the shipped model: reliability tables (5 bins:
   n, mean confidence, accuracy) and ECE for the top event per unit (sentence or story)
   and for every event.

Run it after any change to the lexicon or to detection: `eventwire calibrate` (or
`python -m eventwire.evaluation.calibrate`); `--dry-run` reports without writing.
`eventwire calibrate --decision` refits the event decision instead (whole-article gold:
eventwire.evaluation.decision, data/events/event_decision.json); `--all` refits the three
models in order (eventwire.evaluation.retrain).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.common import (
    FOLDS,
    fold_of,
    gold_article,
    load_jsonl,
    raw_pipeline,
    split_of,
    works,
)
from eventwire.evaluation.events import gold_type
from eventwire.evaluation.reliability import Point, ece, reliability
from eventwire.events.confidence import FEATURES, NEGATED_CAP, fit, score
from eventwire.events.stage import EventsStage, conclude_events
from eventwire.model import Event
from eventwire.pipeline.stage import Work
from eventwire.pipeline.windows import join, split
from eventwire.settings import Settings

L2_CHOICES = (0.1, 0.3, 1.0, 3.0, 10.0)
SENTENCES = "events/plover_gsr_dev.jsonl"
STORIES = "events/ngec_synthetic_stories.jsonl"
STORY_SAMPLE = 1500


@dataclass(frozen=True)
class Row:
    """One event: where it comes from, its features and whether its type was right."""

    source: str
    unit: str
    start: int
    features: dict[str, float]
    negated: bool
    right: bool


# The pipeline the rows come from: the rules alone, as each event is built and merged; the
# later models (the decision, the role filler) are off, so the rows do not read their files.
TRAINING = Settings(event_decision=False, event_role_filler=False)
# Fixed-point rounds (see `fixed_point`): the rows settle in two or three.
MAX_ROUNDS = 8


@dataclass(eq=False)
class Unit:
    """One record run up to the events' rule candidates (window by window), kept so that
    its events can be concluded again under other confidence weights without parsing."""

    source: str
    id: str
    wanted: str
    work: Work
    parts: list[tuple[Work, list[Event], dict[str, dict[str, float]], int]]

    def rows(self, weights: dict[str, float]) -> list[Row]:
        """The unit's feature rows when each candidate's confidence (which orders the
        merge of mentions) comes from `weights`, as `EventsStage.process` with `TRAINING`
        settings gives them when those weights are shipped."""
        work = self.work
        if not any(part is work for part, *_ in self.parts):
            work.article.events.clear()
            work.event_features.clear()
        for part, events, table, count in self.parts:
            part.event_features.clear()
            part.event_features.update({k: dict(v) for k, v in table.items()})
            part.article.events[:] = [e.model_copy(update={"confidence": _capped(
                score(table[e.id], weights), e.negated)}) if e.id in table else e
                for e in events]
            conclude_events(part, None, None, count, None)
            join(work, part)
        found = work.event_features
        return [Row(self.source, self.id, e.trigger.start, dict(found[e.id]), e.negated,
                    e.type == self.wanted) for e in work.article.events if e.id in found]


def _capped(value: float, negated: bool) -> float:
    return round(min(value, NEGATED_CAP), 3) if negated else value


def prepare(source: str, records: list[dict[str, Any]],
            wanted: Callable[[dict[str, Any]], str]) -> list[Unit]:
    """Every record run through the pipeline (`TRAINING` settings) up to the events' rule
    candidates (gold type from `wanted`)."""
    pipeline = raw_pipeline(TRAINING)
    stage = next(s for s in pipeline.stages if isinstance(s, EventsStage))
    pipeline.stages = [s for s in pipeline.stages if not isinstance(s, EventsStage)]
    articles = [gold_article(str(r["id"]), str(r.get("text", "")), r.get("date"))
                for r in records]
    found: list[Unit] = []
    for record, work in zip(records, works(pipeline, articles), strict=True):
        parts = []
        if work.skip is None and work.article.meta.failure is None and work.doc is not None:
            for part in split(work):
                count = stage.candidates(part)
                parts.append((part, list(part.article.events),
                              {k: dict(v) for k, v in part.event_features.items()}, count))
        found.append(Unit(source, str(record["id"]), wanted(record), work, parts))
    return found


def collect(units: Sequence[Unit], weights: dict[str, float]) -> list[Row]:
    """Feature rows of every event of `units` under confidence weights `weights`."""
    return [row for unit in units for row in unit.rows(weights)]


def story_sample(path: Path, size: int) -> list[dict[str, Any]]:
    """A fixed sample of stories across all types: the `size` with the smallest id hash."""
    records = load_jsonl(path)
    records.sort(key=lambda r: hashlib.sha256(str(r["id"]).encode()).hexdigest())
    return records[:size]


def _fitted(rows: Sequence[Row], l2: float) -> dict[str, float]:
    live = [r for r in rows if not r.negated]
    return fit([r.features for r in live], [int(r.right) for r in live], l2=l2)


def _confidence(row: Row, weights: dict[str, float]) -> float:
    value = score(row.features, weights)
    return min(value, NEGATED_CAP) if row.negated else value


def points(rows: Sequence[Row], predict: Callable[[Row], float],
           top_only: bool) -> list[Point]:
    """(confidence, right) of every live event, or of the top one per unit."""
    scored = [(predict(r), r) for r in rows if not r.negated]
    if not top_only:
        return [(c, r.right) for c, r in scored]
    best: dict[tuple[str, str], tuple[float, int, bool]] = {}
    for value, row in scored:
        key = (row.source, row.unit)
        if key not in best or (value, -row.start) > (best[key][0], -best[key][1]):
            best[key] = (value, row.start, row.right)
    return [(value, right) for value, _, right in best.values()]


def _lookup(table: dict[int, float]) -> Callable[[Row], float]:
    return lambda row: table[id(row)]


def cross_fit(rows: Sequence[Row], l2: float) -> dict[int, float]:
    """Out-of-fold confidence of every look row (index into `rows`)."""
    predicted: dict[int, float] = {}
    for fold in range(FOLDS):
        weights = _fitted([r for r in rows if fold_of(r.unit) != fold], l2)
        for index, row in enumerate(rows):
            if fold_of(row.unit) == fold:
                predicted[index] = _confidence(row, weights)
    return predicted


def choose(look: Sequence[Row]) -> tuple[float, dict[float, float], dict[str, float]]:
    """The L2 with the lowest cross-fitted top-event ECE (mean of the sources), the ECE by
    L2, and the weights fitted on all of `look` with it."""
    choice: dict[float, float] = {}
    for l2 in L2_CHOICES:
        predict = _lookup({id(look[i]): v for i, v in cross_fit(look, l2).items()})
        errors = [ece(points([r for r in look if r.source == source], predict, top_only=True))
                  for source in sorted({r.source for r in look})]
        choice[l2] = round(sum(errors) / len(errors), 4)
    l2 = min(L2_CHOICES, key=lambda value: (choice[value], value))
    return l2, choice, _fitted(look, l2)


def fixed_point(units: Sequence[Unit]) -> tuple[list[Row], float, dict[float, float],
                                                 dict[str, float], int]:
    """The rows depend on the confidence weights (the merge keeps each happening's most
    confident mention, with its row), the weights on the rows. From zero weights (every
    candidate 0.5: the merge keeps the earliest mention), fit and collect again until the
    rows, hence the weights, no longer change: a function of the code and the dev data,
    never of the shipped file. Returns the rows, the L2 choice, the weights and the rounds
    (MAX_ROUNDS + 1: no fixed point within MAX_ROUNDS; the last fit is kept)."""
    weights = dict.fromkeys(FEATURES, 0.0)
    rows = collect(units, weights)
    for rounds in range(1, MAX_ROUNDS + 1):
        l2, choice, weights = choose([r for r in rows if split_of(r.unit) == "look"])
        again = collect(units, weights)
        if again == rows:
            return rows, l2, choice, weights, rounds
        rows = again
    l2, choice, weights = choose([r for r in rows if split_of(r.unit) == "look"])
    return rows, l2, choice, weights, MAX_ROUNDS + 1


def calibrate(dev: Path, stories: int = STORY_SAMPLE,
              out: Path | None = None) -> dict[str, Any]:
    """Fit to a fixed point: cross-fit on the look part, fit the shipped model, score the
    untouched part."""
    units = prepare("sentences", load_jsonl(dev / SENTENCES), gold_type)
    if stories:
        units += prepare("stories", story_sample(dev / STORIES, stories),
                         lambda r: str(r["gold"]["event"]).upper())
    rows, l2, choice, weights, rounds = fixed_point(units)
    look = [r for r in rows if split_of(r.unit) == "look"]
    untouched = [r for r in rows if split_of(r.unit) == "untouched"]
    report: dict[str, Any] = {"l2": l2, "cross_fitted_top_ece_by_l2": choice, "rounds": rounds,
                              "rows": {"look": len(look), "untouched": len(untouched)},
                              "coefficients": weights, "untouched": {}}
    for source in ("sentences", "stories", "both"):
        part = [r for r in untouched if source in (r.source, "both")]
        for top_only, label in ((True, "top event"), (False, "every event")):
            found = points(part, lambda r: _confidence(r, weights), top_only)
            report["untouched"][f"{source}, {label}"] = {
                "ece": ece(found), "table": reliability(found)}
    if out is not None:
        data = {"comment": "Logistic confidence model for events (eventwire.events.confidence):"
                           " P(the event's PLOVER type is right) from the features below. "
                           "Fitted by `eventwire calibrate` on the look part (split_of(id)) of "
                           "the PLOVER GSR dev sentences and a fixed sample of the NGEC "
                           "synthetic stories; label = the event's type equals the gold type.",
                "fitted_on": f"{len([r for r in look if not r.negated])} events (look part: "
                             f"{SENTENCES}, {stories} stories of {STORIES}); L2 {l2} chosen "
                             f"by {FOLDS}-fold cross-fitted top-event ECE (mean of sentences "
                             f"and stories); rows and weights at a fixed point after {rounds} "
                             "rounds from zero weights",
                "features": list(FEATURES), "coefficients": weights}
        out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return report


def format_report(report: dict[str, Any]) -> str:
    settled = (f"fixed point after {report['rounds']} rounds" if report["rounds"] <= MAX_ROUNDS
               else f"NO fixed point in {MAX_ROUNDS} rounds")
    lines = [f"rows: {report['rows']}; {settled}; L2 {report['l2']} (cross-fitted top-event "
             f"ECE, mean of sentences and stories, by "
             f"L2: {report['cross_fitted_top_ece_by_l2']})"]
    for name, found in report["untouched"].items():
        lines.append(f"untouched, {name}: ECE {found['ece']:.4f}")
        lines.extend("  " + "  ".join(f"{cell!s:>15}" for cell in row)
                     for row in found["table"])
    return "\n".join(lines)


def _fit(kind: str, dev: Path, stories: int, target: Path | None) -> str:
    """Fit one model (`rules`, `decision` or `roles`), write it to `target` unless None,
    and return its report."""
    if kind == "rules":
        return format_report(calibrate(dev, stories, target))
    if kind == "roles":
        from eventwire.evaluation.role_fit import format_report as report_of
        from eventwire.evaluation.role_fit import train
    else:
        from eventwire.evaluation.decision import format_report as report_of
        from eventwire.evaluation.decision import train
    return report_of(train(dev, target))


def _fit_model(kind: str, dev: Path, stories: int, dry: bool) -> int:
    """Fit one model and write it into the package unless `dry`."""
    from eventwire.data import __file__ as data_init
    from eventwire.evaluation.retrain import ORDER

    name = dict(ORDER)[kind]
    target = None if dry else Path(data_init).parent / name
    print(_fit(kind, dev, stories, target))
    if target is not None:
        print(f"wrote {target}")
    return 0


def _fit_all(dev: Path, stories: int) -> int:
    """`--all`: the three models in order (evaluation/retrain.py)."""
    from eventwire.data import __file__ as data_init
    from eventwire.evaluation.retrain import retrain_all

    retrain_all(dev, stories, _fit, Path(data_init).parent,
                lambda line: print(line, flush=True))
    return 0


def main(argv: list[str]) -> int:
    """`[--dry-run] [--stories N] [--dev DIR]`; writes the model unless --dry-run."""
    from eventwire.evaluation.gate import dev_dir

    if "--with-reviews" in argv:  # the analysts' reviews of one store (review_eval.py)
        from eventwire.evaluation.review_eval import main_reviews

        return main_reviews(argv)
    usage = ("usage: eventwire calibrate [--decision | --roles] [--dry-run] [--stories N] "
             "[--dev DIR] | --all [--stories N] [--dev DIR] | --with-reviews --db STORE")
    options = {"--stories": str(STORY_SAMPLE), "--dev": ""}
    dry, decision, roles, every, rest = False, False, False, False, list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--dry-run":
            dry = True
        elif word == "--decision":
            decision = True
        elif word == "--roles":
            roles = True
        elif word == "--all":
            every = True
        elif word in options and rest:
            options[word] = rest.pop(0)
        else:
            print(usage, file=sys.stderr)
            return 2
    if not options["--stories"].isdigit():
        print(f"{usage} (--stories takes a number)", file=sys.stderr)
        return 2
    if every and (dry or decision or roles):
        print(f"{usage} (--all fits and writes all three models)", file=sys.stderr)
        return 2
    dev, label = dev_dir(Path(options["--dev"]) if options["--dev"] else None)
    if not dev.is_dir():
        print(f"calibrate: no dev data ({label} not found)", file=sys.stderr)
        return 2
    stories = int(options["--stories"])
    if every:
        return _fit_all(dev, stories)
    return _fit_model("roles" if roles else "decision" if decision else "rules", dev,
                      stories, dry)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
