"""Small linear models fitted with numpy alone: sparse design matrices, an L-BFGS minimiser
and an L2-regularised multinomial logistic regression (with optional "keep" weights that
add to each row's own class). Used to fit the event decision (evaluation.decision);
inference (events.decide) needs none of this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix


def matrix(rows: Sequence[dict[str, float]], vocab: dict[str, int]) -> csr_matrix:
    data: list[float] = []
    cols: list[int] = []
    pointers = [0]
    for row in rows:
        for name, value in row.items():
            index = vocab.get(name)
            if index is not None and value:
                data.append(value)
                cols.append(index)
        pointers.append(len(data))
    return csr_matrix((np.array(data), np.array(cols, dtype=np.int64), np.array(pointers)),
                       shape=(len(rows), len(vocab)))


def lbfgs(loss: Callable[[np.ndarray], tuple[float, np.ndarray]], start: np.ndarray,
          rounds: int = 300, memory: int = 10, tolerance: float = 1e-5) -> np.ndarray:
    """Minimise a smooth convex `loss` (value, gradient) by L-BFGS with backtracking."""
    point = start
    value, grad = loss(point)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(rounds):
        direction = -grad
        alphas = []
        for s_, y_, rho in reversed(steps):
            alpha = rho * float(s_ @ direction)
            alphas.append(alpha)
            direction = direction - alpha * y_
        if steps:
            s_, y_, _ = steps[-1]
            direction = direction * (float(s_ @ y_) / float(y_ @ y_))
        for (s_, y_, rho), alpha in zip(steps, reversed(alphas), strict=True):
            beta = rho * float(y_ @ direction)
            direction = direction + (alpha - beta) * s_
        slope = float(grad @ direction)
        if slope >= 0:
            direction, slope = -grad, -float(grad @ grad)
        size = 1.0 if steps else 1.0 / max(1.0, float(np.abs(grad).max()))
        for _ in range(30):
            candidate = point + size * direction
            new_value, new_grad = loss(candidate)
            if new_value <= value + 1e-4 * size * slope:
                break
            size *= 0.5
        else:
            break
        s_, y_ = candidate - point, new_grad - grad
        curvature = float(s_ @ y_)
        if curvature > 1e-10:
            steps = [*steps[-(memory - 1):], (s_, y_, 1.0 / curvature)]
        done = abs(value - new_value) <= tolerance * max(1.0, abs(value))
        point, value, grad = candidate, new_value, new_grad
        if done:
            break
    return point


def softmax_fit(x: csr_matrix, y: np.ndarray, l2: float, own: np.ndarray | None = None,
                 keep: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights (features x classes), bias and keep weights of an L2 multinomial logistic
    regression; `own` is the one-hot rule type of each row and `keep` the rows' values of
    the keep features (unpenalised, added to the rule type's score)."""
    features, classes = x.shape[1], y.shape[1]
    kept = keep.shape[1] if keep is not None else 0
    size = features * classes

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights = flat[:size].reshape(features, classes)
        bias = flat[size:size + classes]
        gamma = flat[size + classes:]
        logits = x @ weights + bias
        if own is not None and keep is not None:
            logits = logits + own * (keep @ gamma)[:, None]
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(y * log_p).sum() + 0.5 * l2 * (weights ** 2).sum()
        diff = np.exp(log_p) - y
        grad_w = np.asarray(x.T @ diff + l2 * weights)
        parts = [grad_w.ravel(), diff.sum(axis=0)]
        if own is not None and keep is not None:
            parts.append(keep.T @ (diff * own).sum(axis=1))
        return float(value), np.concatenate(parts)

    flat = lbfgs(loss, np.zeros(size + classes + kept))
    return flat[:size].reshape(features, classes), flat[size:size + classes], flat[size + classes:]
