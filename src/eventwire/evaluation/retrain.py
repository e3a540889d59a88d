"""`eventwire calibrate --all`: retrain the three event models in order, from the code and
the dev data alone.

The models read each other, so the order matters and each is trained with the later ones
off:
1. the rules' confidence (`eventwire calibrate`, data/events/event_calibration.json): the
   pipeline runs with the decision and the role filler off (`calibrate.TRAINING`), and its
   dependence on itself (the merge keeps the most confident mention) is iterated to a
   fixed point from zero weights (`calibrate.fixed_point`), so the shipped file is never
   read;
2. the event decision (`--decision`, data/events/event_decision.json): reads the rules'
   confidence (the merge of mentions), never the role filler nor its own file;
3. the role filler (`--roles`, data/events/role_filler.json): reads both, never its own
   file.
Each file is written before the next fit reads it (the cached models are reloaded), so one
run gives the same bytes whatever files the package held before. It prints, for each file,
whether it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eventwire.events.confidence import CALIBRATION, coefficients
from eventwire.events.decide import DECISION, decision_model
from eventwire.events.role_filler import MODEL, role_model

ORDER: tuple[tuple[str, str], ...] = (("rules", CALIBRATION), ("decision", DECISION),
                                       ("roles", MODEL))


def reload_models() -> None:
    """Forget the cached models, so the next read takes the files just written."""
    coefficients.cache_clear()
    decision_model.cache_clear()
    role_model.cache_clear()


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def retrain_all(dev: Path, stories: int, fit: Callable[[str, Path, int, Path], str],
                folder: Path, say: Callable[[str], object]) -> list[str]:
    """Fit the three models in `ORDER` into `folder` with `fit(kind, dev, stories, target)`
    (it returns the report, passed to `say`); says and returns a line per file: changed
    or not."""
    changes: list[str] = []
    for kind, name in ORDER:
        target = folder / name
        before = _read(target)
        reload_models()
        say(fit(kind, dev, stories, target))
        reload_models()
        changes.append(f"{name}: {'unchanged' if _read(target) == before else 'CHANGED'}")
        say(f"wrote {target}")
    for line in changes:
        say(line)
    return changes
