"""The gate's two inputs: which gold records each task scores (benchmarks/gate_subset.toml)
and the floor every metric must clear (benchmarks/baseline.json), with the rules for raising
floors (`eventwire gate --update`, never down) and lowering one (`--lower`, with a reason).

Metric names: `NAME` is scored on the whole subset; `look:NAME` and `untouched:NAME` on the
look and untouched parts of the dev data (`evaluation.common.split_of`). Each gets its own
floor, so the untouched part is quoted and guarded like the rest.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

from eventwire.errors import ConfigError

DEFAULT_TOLERANCE = 0.005
ABOUT = ("Quality floors for `eventwire gate` (see benchmarks/README.md). Raise them with "
         "`eventwire gate --update`; lower one only with `eventwire gate --lower METRIC "
         "--to VALUE --reason TEXT`, which is recorded in `history`.")
# Never floors by default: counts, and error or failure figures (smaller is better).
NOT_A_RATE = re.compile(r"^(n|n_.*|.*_n|counts?|.*_counts?|counts?_.*|.*error.*|.*fail.*)$")

Better = Literal["higher", "lower"]


def _base_name(metric: str) -> str:
    """The metric's name without its part prefix ("untouched:n" -> "n")."""
    return metric.rpartition(":")[2]


@dataclass(frozen=True)
class GoldFile:
    """A gold file relative to the dev folder; `first`: only its first N lines."""

    path: str
    first: int | None = None

    @classmethod
    def parse(cls, entry: str) -> GoldFile:
        path, sep, count = entry.rpartition(":")
        if sep and count.isdigit() and int(count) > 0:
            return cls(path, int(count))
        return cls(entry)


@dataclass(frozen=True)
class Subset:
    """What one task scores in the gate (a table of gate_subset.toml)."""

    task: str
    gold: tuple[GoldFile, ...]
    note: str
    limit: int | None = None
    ignore: frozenset[str] = frozenset()
    lower_is_better: frozenset[str] = frozenset()
    tolerance: float | None = None

    def gated(self, metric: str, value: float) -> bool:
        """Whether a metric of this task gets a floor: a rate, not a count, not ignored."""
        if _matches(metric, self.ignore):
            return False
        if self.smaller_is_better(metric):
            return math.isfinite(value)
        return 0.0 <= value <= 1.0 and not NOT_A_RATE.match(_base_name(metric))

    def smaller_is_better(self, metric: str) -> bool:
        return _matches(metric, self.lower_is_better)


def _matches(metric: str, patterns: frozenset[str]) -> bool:
    return any(fnmatchcase(metric, pattern) for pattern in patterns)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return list(value)


def load_subsets(path: Path) -> dict[str, Subset]:
    """The task subsets of a gate_subset.toml file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the gate subsets ({exc})") from exc
    subsets: dict[str, Subset] = {}
    for task, table in data.items():
        where = f"{path} [{task}]"
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table")
        unknown = set(table) - {"gold", "note", "limit", "ignore", "lower_is_better",
                                "tolerance"}
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}")
        gold = _strings(table.get("gold"), f"{where} gold")
        if not gold:
            raise ConfigError(f"{where} gold must name at least one file")
        limit = table.get("limit")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise ConfigError(f"{where} limit must be a positive integer")
        tolerance = table.get("tolerance")
        if tolerance is not None and (not isinstance(tolerance, int | float) or tolerance < 0):
            raise ConfigError(f"{where} tolerance must be a number >= 0")
        subsets[task] = Subset(
            task=task, gold=tuple(GoldFile.parse(g) for g in gold),
            note=str(table.get("note") or ", ".join(gold)), limit=limit,
            ignore=frozenset(_strings(table.get("ignore", []), f"{where} ignore")),
            lower_is_better=frozenset(_strings(table.get("lower_is_better", []),
                                               f"{where} lower_is_better")),
            tolerance=float(tolerance) if tolerance is not None else None)
    return subsets


@dataclass
class Floor:
    """The bar one metric must clear; a ceiling when smaller is better."""

    value: float
    subset: str
    since: str
    better: Better = "higher"

    def holds(self, now: float, tolerance: float) -> bool:
        if not math.isfinite(now):
            return False
        if self.better == "lower":
            return now <= self.value + tolerance
        return now >= self.value - tolerance

    def improved_by(self, now: float) -> bool:
        return now < self.value if self.better == "lower" else now > self.value


def _rounded(value: float, better: Better) -> float:
    """Four decimals, rounded toward the safe side so the run that set a floor clears it."""
    scaled = value * 10_000
    step = math.ceil(scaled - 1e-6) if better == "lower" else math.floor(scaled + 1e-6)
    return step / 10_000


@dataclass
class Baseline:
    floors: dict[str, Floor] = field(default_factory=dict)
    tolerance: float = DEFAULT_TOLERANCE
    history: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """The baseline in `path`; an empty one when the file does not exist yet."""
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            floors = {
                name: Floor(value=float(entry["floor"]), subset=str(entry.get("subset", "")),
                            since=str(entry.get("since", "")),
                            better="lower" if entry.get("better") == "lower" else "higher")
                for name, entry in data.get("floors", {}).items()
            }
            tolerance = float(data.get("tolerance", DEFAULT_TOLERANCE))
            history = list(data.get("history", []))
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ConfigError(f"{path}: not a readable gate baseline ({exc}); restore it "
                              "from version control") from exc
        return cls(floors=floors, tolerance=tolerance, history=history)

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": ABOUT,
            "tolerance": self.tolerance,
            "floors": {name: {"floor": f.value, "better": f.better, "subset": f.subset,
                              "since": f.since}
                       for name, f in sorted(self.floors.items())},
            "history": self.history,
        }

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        os.replace(temp, path)

    def task_metrics(self, task: str) -> list[str]:
        return [name for name in self.floors if name.partition(".")[0] == task]


@dataclass
class TaskRun:
    """One task's outcome in a gate run."""

    task: str
    status: Literal["ran", "skipped", "error"]
    reason: str = ""
    metrics: dict[str, float] = field(default_factory=dict)
    n: int = 0
    seconds: float = 0.0


def raise_floors(baseline: Baseline, runs: Mapping[str, TaskRun],
                 subsets: Mapping[str, Subset], date: str) -> list[str]:
    """Raise floors to the current values and add floors for new rates; never lower one."""
    changes: list[str] = []
    for task, run in runs.items():
        if run.status != "ran" or task not in subsets:
            continue
        subset = subsets[task]
        for name, value in run.metrics.items():
            metric = f"{task}.{name}"
            floor = baseline.floors.get(metric)
            if floor is None:
                if not subset.gated(name, value):
                    continue
                better: Better = "lower" if subset.smaller_is_better(name) else "higher"
                baseline.floors[metric] = Floor(_rounded(value, better), subset.note, date,
                                                better)
                changes.append(f"{metric}: new floor {baseline.floors[metric].value:.4f}")
                continue
            target = _rounded(value, floor.better)
            if math.isfinite(value) and floor.improved_by(target):
                changes.append(f"{metric}: {floor.value:.4f} -> {target:.4f}")
                floor.value, floor.since, floor.subset = target, date, subset.note
    return changes


def lower_floor(baseline: Baseline, metric: str, to: float | None, reason: str | None,
                date: str) -> str:
    """Move one floor down (a ceiling up), recording why; refused without a reason."""
    if not reason or len(reason.strip()) < 10:
        raise ConfigError("lowering a floor needs --reason with a real explanation "
                          "(at least 10 characters); it is kept in baseline.json")
    if to is None or not math.isfinite(to):
        raise ConfigError("lowering a floor needs --to VALUE (a number)")
    floor = baseline.floors.get(metric)
    if floor is None:
        known = ", ".join(sorted(baseline.floors)) or "none"
        raise ConfigError(f"no floor named {metric!r} in the baseline (known: {known})")
    loosens = to > floor.value if floor.better == "lower" else to < floor.value
    if not loosens:
        raise ConfigError(f"{metric}: {to:g} does not lower the floor {floor.value:g}; "
                          "floors go up only through `eventwire gate --update`")
    baseline.history.append({"date": date, "metric": metric, "from": floor.value, "to": to,
                             "reason": reason.strip()})
    previous = floor.value
    floor.value, floor.since = to, date
    return f"{metric}: floor lowered {previous:g} -> {to:g} ({reason.strip()})"
