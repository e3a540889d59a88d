"""Calibrated confidence of an event mention: a logistic model over a few features.

The coefficients live in data/event_calibration.json, fitted on one half of the dev data
by `python -m eventwire.evaluation.events --fit` (see that module); the label is "the
event's PLOVER type equals the sentence's gold type".
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

FEATURES: tuple[str, ...] = (
    "bias", "weight", "main", "depth1", "has_source", "source_actor", "has_target",
    "nominal", "derived", "non_asserted", "share",
)


def sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@lru_cache(maxsize=1)
def coefficients() -> dict[str, float]:
    """Shipped coefficients; a feature missing from the file counts zero."""
    path = resources.files("eventwire").joinpath("data/event_calibration.json")
    data = json.loads(path.read_text("utf-8"))
    return {name: float(data["coefficients"].get(name, 0.0)) for name in FEATURES}


def score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """Probability that the event's type is right, rounded to 3 places."""
    table = weights if weights is not None else coefficients()
    total = sum(table.get(name, 0.0) * features.get(name, 0.0) for name in FEATURES)
    return round(sigmoid(total), 3)


def fit(rows: Sequence[dict[str, float]], labels: Sequence[int], l2: float = 0.5,
        steps: int = 3000, rate: float = 0.3) -> dict[str, float]:
    """Plain L2-regularised logistic regression by gradient descent (tiny data, no deps)."""
    weights = dict.fromkeys(FEATURES, 0.0)
    n = max(1, len(rows))
    for _ in range(steps):
        gradient = dict.fromkeys(FEATURES, 0.0)
        for row, label in zip(rows, labels, strict=True):
            error = score(row, weights) - label
            for name in FEATURES:
                gradient[name] += error * row.get(name, 0.0)
        for name in FEATURES:
            penalty = 0.0 if name == "bias" else l2 * weights[name]
            weights[name] -= rate * (gradient[name] / n + penalty / n)
    return {name: round(value, 4) for name, value in weights.items()}
