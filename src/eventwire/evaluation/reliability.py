"""Does confidence mean what it says? Reliability tables and expected calibration error.

A point is (predicted confidence, was it right). The table cuts [0, 1] into 5 equal bins
and gives, per bin, how many points fell in it, their mean confidence and the share that
was right; the expected calibration error (ECE) is the n-weighted mean gap between the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

BINS = 5
Point = tuple[float, bool]


def _bin(confidence: float, bins: int) -> int:
    return min(bins - 1, max(0, int(confidence * bins)))


def reliability(points: Sequence[Point], bins: int = BINS) -> list[list[Any]]:
    """Rows bin / n / mean_confidence / accuracy (header first); empty bins show None."""
    rows: list[list[Any]] = [["bin", "n", "mean_confidence", "accuracy"]]
    for index in range(bins):
        inside = [(c, ok) for c, ok in points if _bin(c, bins) == index]
        label = f"{index / bins:.1f}-{(index + 1) / bins:.1f}"
        if not inside:
            rows.append([label, 0, None, None])
            continue
        rows.append([label, len(inside), round(sum(c for c, _ in inside) / len(inside), 3),
                     round(sum(1 for _, ok in inside if ok) / len(inside), 3)])
    return rows


def ece(points: Sequence[Point], bins: int = BINS) -> float:
    """Expected calibration error over `bins` equal bins (0 for no points)."""
    if not points:
        return 0.0
    total = 0.0
    for index in range(bins):
        inside = [(c, ok) for c, ok in points if _bin(c, bins) == index]
        if inside:
            gap = sum(c for c, _ in inside) / len(inside) - sum(ok for _, ok in inside) / len(
                inside)
            total += len(inside) * abs(gap)
    return round(total / len(points), 4)
