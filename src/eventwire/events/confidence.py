"""Calibrated confidence of an event: a logistic model over a few features.

P(the event's PLOVER type is right). Mention features are set where the event is built
(events/stage.py: lexicon weight, clause depth, roles found, nominal trigger, modality,
share of the sentence's candidates); article features are added here once the mentions of
one happening are merged (events/merge.py):
  repeated    1 when the happening is mentioned more than once in the article
  type_share  the share of the article's asserted events (counted by mentions) of this type
  lead        1 when a mention is in the earliest sentence of the article with an event
  single      1 when every event of the article is in one sentence (a one-sentence input,
              like the dev sentences): with `single_weight`, `single_main` and
              `single_share` (the mention features times `single`) the model has its own
              bias and slopes for one-sentence inputs, where the top event is usually right,
              and for articles, where many events compete

The coefficients live in data/events/event_calibration.json. They are fitted by K-fold
cross-fitting on the "look" part of the dev data (PLOVER sentences and synthetic stories) and
checked on the untouched part: `eventwire calibrate` (eventwire.evaluation.calibrate).
Refit after every lexicon or detection change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from eventwire.data import read_json
from eventwire.model import Article

CALIBRATION = "events/event_calibration.json"
NEGATED_CAP = 0.2
FEATURES: tuple[str, ...] = (
    "bias", "weight", "main", "depth1", "has_source", "source_actor", "has_target",
    "nominal", "derived", "non_asserted", "share", "repeated", "type_share", "lead",
    "single", "single_weight", "single_main", "single_share",
)
SINGLE_SLOPES = ("weight", "main", "share")
UNPENALISED = frozenset({"bias", "single"})


def sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@lru_cache(maxsize=1)
def coefficients() -> dict[str, float]:
    """Shipped coefficients; a feature missing from the file counts zero."""
    data = read_json(CALIBRATION)
    return {name: float(data["coefficients"].get(name, 0.0)) for name in FEATURES}


def score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """Probability that the event's type is right, rounded to 3 places."""
    table = weights if weights is not None else coefficients()
    total = sum(table.get(name, 0.0) * features.get(name, 0.0) for name in FEATURES)
    return round(sigmoid(total), 3)


def article_features(article: Article, table: dict[str, dict[str, float]]) -> None:
    """Add the article-level features to each event's row of `table` (by event id)."""
    first_end = min((e.sentence.end for e in article.events), default=0)
    live = [e for e in article.events if not e.negated and e.modality == "asserted"]
    total = sum(max(1, len(e.mentions)) for e in live)
    sentences = {m.sentence.start for e in article.events for m in e.mentions} | {
        e.sentence.start for e in article.events}
    single = float(len(sentences) == 1)
    for event in article.events:
        row = table.get(event.id)
        if row is None:
            continue
        same = sum(max(1, len(e.mentions)) for e in live if e.type == event.type)
        row["repeated"] = float(len(event.mentions) > 1)
        row["type_share"] = same / total if total else 0.0
        row["lead"] = float(any(m.sentence.end <= first_end for m in event.mentions)
                            or event.sentence.end <= first_end)
        row["single"] = single
        for name in SINGLE_SLOPES:
            row[f"single_{name}"] = single * row.get(name, 0.0)


def rescore(article: Article, table: dict[str, dict[str, float]],
            weights: dict[str, float] | None = None) -> None:
    """Set every event's confidence from its full feature row (negated ones capped)."""
    article_features(article, table)
    for index, event in enumerate(article.events):
        row = table.get(event.id)
        if row is None:
            continue
        value = score(row, weights)
        if event.negated:
            value = round(min(value, NEGATED_CAP), 3)
        article.events[index] = event.model_copy(update={"confidence": value})


def fit(rows: Sequence[dict[str, float]], labels: Sequence[int], l2: float = 1.0,
        rounds: int = 25) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (small data, no dependencies).

    The regime biases (`UNPENALISED`: bias, single) are not penalised; `l2` is the
    penalty on the sum of squared other weights."""
    size = len(FEATURES)
    free = [name in UNPENALISED for name in FEATURES]
    matrix = [[row.get(name, 0.0) for name in FEATURES] for row in rows]
    vector = [0.0] * size
    for _ in range(rounds):
        gradient = [0.0 if free[i] else l2 * vector[i] for i in range(size)]
        hessian = [[(l2 if i == j and not free[i] else 0.0) + (1e-6 if i == j else 0.0)
                    for j in range(size)] for i in range(size)]
        for values, label in zip(matrix, labels, strict=True):
            present = [(i, v) for i, v in enumerate(values) if v != 0.0]
            p = sigmoid(sum(vector[i] * v for i, v in present))
            curve = p * (1.0 - p)
            for i, vi in present:
                gradient[i] += (p - label) * vi
                row = hessian[i]
                weight = curve * vi
                for j, vj in present:
                    row[j] += weight * vj
        step = _solve(hessian, gradient)
        vector = [w - d for w, d in zip(vector, step, strict=True)]
        if max((abs(d) for d in step), default=0.0) < 1e-6:
            break
    return {name: round(value, 4) for name, value in zip(FEATURES, vector, strict=True)}


def _solve(matrix: list[list[float]], right: list[float]) -> list[float]:
    """x with matrix @ x = right (Gaussian elimination, partial pivoting)."""
    size = len(right)
    rows = [[*matrix[i], right[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        if abs(rows[col][col]) < 1e-12:
            continue
        for r in range(col + 1, size):
            factor = rows[r][col] / rows[col][col]
            if factor:
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    result = [0.0] * size
    for col in reversed(range(size)):
        if abs(rows[col][col]) < 1e-12:
            continue
        total = rows[col][size] - sum(rows[col][k] * result[k] for k in range(col + 1, size))
        result[col] = total / rows[col][col]
    return result
