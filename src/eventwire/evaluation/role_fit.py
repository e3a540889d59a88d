"""`eventwire calibrate --roles`: fit the learned role filler (events/role_filler.py).

Data, LOOK parts only (`split_of(id) == "look"`): the whole-article gold stories
(`events/voa_articles_dev.jsonl`, `events/polnear_articles_dev.jsonl`: each decided event
matched to a gold event, with the gold source and target texts) and the PLV training
sentences (`events/plv_train.jsonl`: the events of the gold type, with the gold `<s>`/`<t>`
texts). The events are those the pipeline emits without the filler (the shipped decision,
`conclude_events` with no filler).

An instance is a role of such an event that the rules left open (no mention, or a mention
with no actor), with the candidates `role_filler.candidates` gives. A candidate is a
positive when the gold role is named and the candidate fits it by the dyad rule of the
article scoring (`article_match.role_fits`: a shared word with the gold text, or the same
country). Rows are fitted by an L2 logistic regression (`linear.softmax_fit`, two classes).

Honesty: instances are cross-fitted by `fold_of(record id)` (FOLDS folds); the threshold and
the L2 weight are chosen on the out-of-fold look predictions of the stories (the sentences
train but do not choose: every PLV role is named, so they would have the filler fill
whatever it can), maximising the roles that come out right: a named gold role right when
the role fits it, an unnamed gold role (the story never names the actor) right when the
role stays without an actor. The report holds the model against the nearest-actor rule
(before the trigger for a source, after it for a target) on the same stories. The final
weights are fitted on every look instance. Untouched stories are never read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.evaluation.article_match import GoldRole, role_fits, verdicts
from eventwire.evaluation.common import FOLDS, fold_of, load_jsonl, split_of
from eventwire.evaluation.decision import decided
from eventwire.evaluation.decision_data import candidate_works, units
from eventwire.evaluation.linear import matrix, softmax_fit
from eventwire.events.decide import decision_model
from eventwire.events.role_filler import (
    DEFAULT_THRESHOLD,
    ROLES,
    Candidate,
    RoleModel,
    candidates,
    decide,
    open_role,
    state,
)
from eventwire.events.stage import conclude_events
from eventwire.model import Actor, Article, Event, Mention
from eventwire.pipeline.stage import Work

SENTENCE_FILE = "events/plv_train.jsonl"
L2S = (1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 20))
MIN_COUNT = 2
# The instances the threshold is chosen on: the whole stories the filler works on (the
# sentences, whose every role is named, would have it fill whatever it can).
CHOOSING = "stories"
DECIMALS = 4


@dataclass(frozen=True)
class Instance:
    """One open role of an event, its gold role(s) (empty: unnamed) and its candidates."""

    key: str
    origin: str
    role: str
    gold: tuple[GoldRole, ...]
    current: Mention | None
    candidates: tuple[Candidate, ...]
    fits: tuple[bool, ...]
    current_fits: bool


def _fits(gold: Sequence[GoldRole], mention: Mention | None, actors: dict[str, Actor]) -> bool:
    """Right by the fitting objective: a named gold role fits (the dyad rule), an unnamed
    one is left without an actor."""
    if not gold:
        return mention is None or mention.actor is None
    return any(role_fits(g, mention, actors) for g in gold)


def _instances(key: str, origin: str, article: Article, work: Work, event: Event,
               gold: dict[str, tuple[GoldRole, ...]]) -> list[Instance]:
    actors = {a.id: a for a in article.actors}
    found: list[Instance] = []
    for role in ROLES:
        current = getattr(event, role)
        if not open_role(current, work.parsed):
            continue
        other = event.target if role == "source" else event.source
        options = tuple(candidates(article, work.parsed, event, role, other))
        found.append(Instance(key, origin, role, gold[role], current, options,
                              tuple(_fits(gold[role], c.mention, actors) and bool(gold[role])
                                    for c in options),
                              _fits(gold[role], current, actors)))
    return found


def story_instances(dev: Path) -> list[Instance]:
    """Open roles of the decided events of the look stories that match a gold event."""
    decision = decision_model()
    found: list[Instance] = []
    for unit in units(dev):
        if split_of(unit.id) != "look" or decision is None or unit.work.doc is None:
            continue
        events = decided(unit, decision, None)
        article = unit.work.article
        for verdict in verdicts(unit.record, events, article.actors):
            if not verdict.matched or verdict.gold is None:
                continue
            gold = {"source": tuple(r for r in [verdict.gold.source] if r is not None),
                    "target": tuple(r for r in [verdict.gold.target] if r is not None)}
            found.extend(_instances(unit.id, "stories", article, unit.work, verdict.event,
                                    gold))
    return found


def _gold_roles(record: dict[str, Any], role: str) -> tuple[GoldRole, ...]:
    items = (record.get("gold") or {}).get(role) or []
    return tuple(GoldRole(str(i["text"]), None) for i in items
                 if isinstance(i, dict) and i.get("text"))


def sentence_instances(dev: Path) -> list[Instance]:
    """Open roles of the events of the gold type in the look PLV training sentences."""
    decision = decision_model()
    records = [r for r in load_jsonl(dev / SENTENCE_FILE) if split_of(str(r["id"])) == "look"]
    found: list[Instance] = []
    for record, (work, count) in zip(records, candidate_works(records), strict=True):
        if work.doc is None:
            continue
        conclude_events(work, decision, None, count)
        wanted = str((record.get("gold") or {}).get("event") or "")
        gold = {"source": _gold_roles(record, "source"),
                "target": _gold_roles(record, "target")}
        for event in work.article.events:
            if event.type == wanted:
                found.extend(_instances(str(record["id"]), "sentences", work.article, work,
                                        event, gold))
    return found


def fit(instances: Sequence[Instance], l2: float) -> RoleModel:
    """Logistic weights over every candidate row of `instances` (no thresholds)."""
    rows = [c.row for i in instances for c in i.candidates]
    labels = np.array([float(f) for i in instances for f in i.fits])
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    vocab = {name: n for n, name in enumerate(sorted(k for k, v in counts.items()
                                                     if v >= MIN_COUNT))}
    if not rows or labels.min() == labels.max():
        return RoleModel({}, 0.0, {})
    y = np.stack([1.0 - labels, labels], axis=1)
    weights, bias, _ = softmax_fit(matrix(rows, vocab), y, l2)
    delta = weights[:, 1] - weights[:, 0]
    return RoleModel({name: round(float(delta[n]), DECIMALS) for name, n in vocab.items()
                      if abs(delta[n]) >= 10 ** -DECIMALS},
                     round(float(bias[1] - bias[0]), DECIMALS), {})


Scores = list[float]


def outcome(instance: Instance, scores: Scores, threshold: float) -> bool:
    """Whether the role comes out right with the filler at `threshold`."""
    index = decide(threshold, list(zip(instance.candidates, scores, strict=True)))
    if index is None:
        return instance.current_fits
    return instance.fits[index] if instance.gold else False


def cross_fit(instances: Sequence[Instance], l2: float) -> list[Scores]:
    """Out-of-fold probabilities of each instance's candidates."""
    scores: list[Scores] = [[] for _ in instances]
    for fold in range(FOLDS):
        model = fit([i for i in instances if fold_of(i.key) != fold], l2)
        for n, instance in enumerate(instances):
            if fold_of(instance.key) == fold:
                scores[n] = [model.probability(c.row) for c in instance.candidates]
    return scores


def nearest(instance: Instance) -> Scores:
    """The rule the model is held against: the nearest actor before the trigger for a
    source, after it for a target."""
    prefix, side = ("s", "before") if instance.role == "source" else ("t", "after")
    return [float(f"{prefix}:rank=0" in c.row and f"{prefix}:side={side}" in c.row)
            for c in instance.candidates]


def slot(instance: Instance) -> str:
    """The threshold an instance is decided by: its role and what the rules left in it."""
    return f"{instance.role}:{state(instance.current)}"


def summary(instances: Sequence[Instance], scores: Sequence[Scores],
            thresholds: dict[str, float]) -> dict[str, float]:
    """Out-of-fold counts: roles right before and after, roles filled, roles newly right
    and right roles lost."""
    limits = [thresholds.get(slot(i), DEFAULT_THRESHOLD) for i in instances]
    after = [outcome(i, s, t) for i, s, t in zip(instances, scores, limits, strict=True)]
    filled = [decide(t, list(zip(i.candidates, s, strict=True))) is not None
              for i, s, t in zip(instances, scores, limits, strict=True)]
    pairs = list(zip(instances, after, strict=True))
    return {"instances": len(instances), "named": sum(bool(i.gold) for i in instances),
            "right_before": sum(i.current_fits for i in instances),
            "right_after": sum(after), "filled": sum(filled),
            "gained": sum(a and not i.current_fits for i, a in pairs),
            "lost": sum(i.current_fits and not a for i, a in pairs)}


def _thresholds(instances: Sequence[Instance], scores: Sequence[Scores]) -> dict[str, float]:
    """For each slot, the threshold that leaves the most of the choosing instances right
    (ties: the higher)."""
    chosen: dict[str, float] = {}
    for key in sorted({slot(i) for i in instances}):
        part = [(i, s) for i, s in zip(instances, scores, strict=True)
                if slot(i) == key and i.origin == CHOOSING]
        chosen[key] = max(THRESHOLDS, key=lambda t, part=part: (  # type: ignore[misc]
            sum(outcome(i, s, t) for i, s in part), t))
    return chosen


def train(dev: Path, out: Path | None = None) -> dict[str, Any]:
    """Cross-fit, choose L2 and thresholds on out-of-fold look data, fit on all look data."""
    instances = [*story_instances(dev), *sentence_instances(dev)]
    grid: dict[float, int] = {}
    oof: dict[float, list[Scores]] = {}
    limits: dict[float, dict[str, float]] = {}
    for l2 in L2S:
        oof[l2] = cross_fit(instances, l2)
        limits[l2] = _thresholds(instances, oof[l2])
        grid[l2] = sum(outcome(i, s, limits[l2].get(slot(i), DEFAULT_THRESHOLD))
                       for i, s in zip(instances, oof[l2], strict=True)
                       if i.origin == CHOOSING)
    l2 = max(grid, key=lambda k: (grid[k], k))
    thresholds = limits[l2]
    report: dict[str, Any] = {"l2": l2, "thresholds": thresholds, "oof": {}}
    for origin in ("stories", "sentences", "all"):
        part = [n for n, i in enumerate(instances) if origin in {"all", i.origin}]
        report["oof"][origin] = summary([instances[n] for n in part],
                                        [oof[l2][n] for n in part], thresholds)
    stories = [i for i in instances if i.origin == CHOOSING]
    report["oof"]["nearest rule"] = summary(stories, [nearest(i) for i in stories], {})
    model = fit(instances, l2)
    report["features"] = len(model.weights)
    if out is not None:
        data = {"comment": "learned role filler (events/role_filler.py), fitted by `eventwire "
                        "calibrate --roles` on the look parts of the article stories and "
                        "plv_train (evaluation/role_fit.py); L2 and thresholds (role:what the "
                        "rules left) chosen on cross-fitted look stories (look_oof: its "
                        "out-of-fold counts)",
                "thresholds": thresholds, "l2": l2, "look_oof": report["oof"],
                "bias": model.bias, "weights": dict(sorted(model.weights.items()))}
        out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"role filler: L2 {report['l2']}, thresholds {report['thresholds']}, "
             f"{report['features']} weights (out-of-fold look figures)"]
    for origin, figures in report["oof"].items():
        lines.append(f"  {origin:15} " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    return "\n".join(lines)
