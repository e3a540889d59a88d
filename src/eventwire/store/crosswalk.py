"""PLOVER type (and mode) to CAMEO code, root, GDELT QuadClass and a Goldstein-style score,
from the packaged crosswalk (data/store/cameo_plover.tsv, written from PLOVER's CAMEO2PLOVER
mapping; data/store/goldstein_roots.tsv for the score; see their headers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.data import data_lines


@dataclass(frozen=True)
class Cameo:
    """A CAMEO event code with its root, the root's name, its GDELT QuadClass (1-4) and the
    root's Goldstein-style score (-10 to +10)."""

    code: str
    root: str
    root_name: str
    quad_class: int
    goldstein: float


def _rows(path: str, first: str) -> list[list[str]]:
    return [line.split("\t") for line in data_lines(path) if not line.startswith(first)]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[tuple[str, str], str], dict[str, tuple[str, int, float]]]:
    codes = {(cells[0], cells[1]): cells[2] for cells in _rows("store/cameo_plover.tsv",
                                                               "plover_type\t")}
    scores = {cells[0]: float(cells[1]) for cells in _rows("store/goldstein_roots.tsv",
                                                           "root\t")}
    roots = {cells[0]: (cells[1], int(cells[2]), scores[cells[0]])
             for cells in _rows("store/cameo_roots.tsv", "root\t")}
    return codes, roots


def cameo(plover_type: str, mode: str | None = None) -> Cameo | None:
    """The CAMEO code for a PLOVER type and mode (the type's own code for an unknown mode)."""
    codes, roots = _tables()
    code = codes.get((plover_type, mode or "-")) or codes.get((plover_type, "-"))
    if code is None:
        return None
    name, quad, goldstein = roots[code[:2]]
    return Cameo(code=code, root=code[:2], root_name=name, quad_class=quad, goldstein=goldstein)
