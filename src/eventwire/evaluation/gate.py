"""`eventwire gate`: the quality ratchet over a fixed subset of the dev gold data.

`benchmarks/gate_subset.toml` says which gold records each eval task scores;
`benchmarks/baseline.json` holds a floor per metric ("task.metric"). The gate runs every
registered task on its subset and fails (exit 1) when a metric falls below its floor by more
than the tolerance. `--update` raises floors to the current values and adds floors for new
metrics; it never lowers one. Lowering a floor is a separate, explicit act that needs a
reason, which is kept in the baseline's history. Tasks that are not registered yet, or whose
gold files are missing, are skipped, not failed. Without dev data the gate says so in one
line and passes.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

from eventwire.errors import ConfigError, EventwireError
from eventwire.evaluation.common import Report

DEFAULT_TOLERANCE = 0.005
BUDGET_S = 600
DEV_ENV = "EVENTWIRE_DEV_DATA"
DEFAULT_DEV = "../shared/eval/dev"
ABOUT = ("Quality floors for `eventwire gate` (see benchmarks/README.md). Raise them with "
         "`eventwire gate --update`; lower one only with `eventwire gate --lower METRIC "
         "--to VALUE --reason TEXT`, which is recorded in `history`.")
# Never floors by default: counts, and error or failure figures (smaller is better).
NOT_A_RATE = re.compile(r"^(n|n_.*|.*_n|counts?|.*_counts?|counts?_.*|.*error.*|.*fail.*)$")

Better = Literal["higher", "lower"]
Evaluate = Callable[[str, list[Path], int | None], Report]


def repo_root() -> Path:
    """The checkout this module lives in (src layout), else the working directory."""
    root = Path(__file__).resolve().parents[3]
    if (root / "pyproject.toml").is_file() and (root / "benchmarks").is_dir():
        return root
    return Path.cwd()


def dev_dir(option: Path | None) -> tuple[Path, str]:
    """The dev data folder and how to name it: --dev, else $EVENTWIRE_DEV_DATA, else default."""
    if option is not None:
        return option, str(option)
    env = os.environ.get(DEV_ENV)
    if env:
        return Path(env), env
    return repo_root() / DEFAULT_DEV, DEFAULT_DEV


def today() -> str:
    return datetime.now(UTC).date().isoformat()


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
        return 0.0 <= value <= 1.0 and not NOT_A_RATE.match(metric)

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


def _materialise(dev: Path, gold: GoldFile, scratch: Path) -> Path:
    """The gold file, or a copy of its first N lines under the same relative name."""
    source = dev / gold.path
    if gold.first is None:
        return source
    target = scratch / gold.path
    target.parent.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    with source.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                lines.append(line)
            if len(lines) >= gold.first:
                break
    target.write_text("".join(lines), encoding="utf-8")
    return target


def run_tasks(subsets: Mapping[str, Subset], dev: Path, registered: Mapping[str, str],
              evaluate: Evaluate, progress: Callable[[str], None] | None = None,
              ) -> dict[str, TaskRun]:
    """Run every registered task on its subset; unregistered or unavailable ones are skipped."""
    names = list(registered) + [task for task in subsets if task not in registered]
    runs: dict[str, TaskRun] = {}
    with tempfile.TemporaryDirectory(prefix="eventwire-gate-") as scratch:
        for task in names:
            subset = subsets.get(task)
            if task not in registered:
                runs[task] = TaskRun(task, "skipped", "task not registered yet")
                continue
            if subset is None:
                runs[task] = TaskRun(task, "error", "registered but has no table in "
                                     "gate_subset.toml; add one")
                continue
            missing = [g.path for g in subset.gold if not (dev / g.path).is_file()]
            if missing:
                runs[task] = TaskRun(task, "skipped", f"gold file missing: {', '.join(missing)}")
                continue
            if progress is not None:
                progress(f"gate: running {task} ({subset.note})")
            began = time.perf_counter()
            try:
                files = [_materialise(dev, g, Path(scratch)) for g in subset.gold]
                report = evaluate(task, files, subset.limit)
            except EventwireError as exc:
                runs[task] = TaskRun(task, "error", str(exc),
                                     seconds=time.perf_counter() - began)
                continue
            except Exception as exc:  # noqa: BLE001 - a broken scorer fails the gate, not the run
                runs[task] = TaskRun(task, "error", f"{type(exc).__name__}: {exc}",
                                     seconds=time.perf_counter() - began)
                continue
            metrics = {name: float(value) for name, value in report.metrics.items()
                       if isinstance(value, int | float)}
            runs[task] = TaskRun(task, "ran", metrics=metrics, n=report.n,
                                 seconds=time.perf_counter() - began)
    return runs


@dataclass(frozen=True)
class Row:
    """One line of the gate's table. status: ok, FAIL, new, info or skipped."""

    metric: str
    floor: float | None
    now: float | None
    status: str
    note: str = ""


def compare(baseline: Baseline, runs: Mapping[str, TaskRun],
            subsets: Mapping[str, Subset]) -> list[Row]:
    """Every floor checked against the run, plus rows for new and informational metrics."""
    rows: list[Row] = []
    for task, run in runs.items():
        floored = baseline.task_metrics(task)
        if run.status != "ran":
            status = "skipped" if run.status == "skipped" else "FAIL"
            note = run.reason if run.status == "skipped" else f"task failed: {run.reason}"
            rows.extend(Row(m, baseline.floors[m].value, None, status, note) for m in floored)
            if not floored and run.status == "error":
                rows.append(Row(task, None, None, status, note))
            continue
        subset = subsets.get(task) or Subset(task, (), "")
        tolerance = subset.tolerance if subset.tolerance is not None else baseline.tolerance
        for name, value in run.metrics.items():
            metric = f"{task}.{name}"
            floor = baseline.floors.get(metric)
            if floor is not None:
                ok = floor.holds(value, tolerance)
                note = "" if ok else (f"{'above' if floor.better == 'lower' else 'below'} "
                                      f"the floor by more than {tolerance:g}")
                rows.append(Row(metric, floor.value, value, "ok" if ok else "FAIL", note))
            elif subset.gated(name, value):
                rows.append(Row(metric, None, value, "new", "no floor yet (gate --update)"))
            else:
                rows.append(Row(metric, None, value, "info", "not gated"))
        for metric in floored:
            if metric.partition(".")[2] not in run.metrics:
                rows.append(Row(metric, baseline.floors[metric].value, None, "FAIL",
                                "metric missing from the task's report"))
    known = set(runs)
    for metric, floor in baseline.floors.items():
        if metric.partition(".")[0] not in known:
            rows.append(Row(metric, floor.value, None, "skipped", "task not registered yet"))
    return rows


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


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def format_table(rows: list[Row]) -> str:
    """The table the gate prints: metric, floor, now, status, note."""
    header = ("metric", "floor", "now", "status", "note")
    cells = [(r.metric, _cell(r.floor), _cell(r.now), r.status, r.note) for r in rows]
    widths = [max(len(str(c[i])) for c in [header, *cells]) for i in range(4)]
    lines = []
    for line in [header, *cells]:
        lines.append(f"{line[0]:<{widths[0]}}  {line[1]:>{widths[1]}}  {line[2]:>{widths[2]}}"
                     f"  {line[3]:<{widths[3]}}  {line[4]}".rstrip())
    return "\n".join(lines)


@dataclass(frozen=True)
class Options:
    update: bool = False
    lower: str | None = None
    to: float | None = None
    reason: str | None = None
    dev: Path | None = None
    baseline: Path | None = None
    subsets: Path | None = None
    workers: int = 1


def pipeline_evaluate(workers: int) -> Evaluate:
    """Score with the registered scorers and one raw pipeline (default settings), built once."""
    from eventwire.evaluation import evaluator
    from eventwire.evaluation.common import raw_pipeline
    from eventwire.pipeline.runner import Pipeline
    from eventwire.settings import Settings

    built: list[Pipeline] = []

    def evaluate(task: str, files: list[Path], limit: int | None) -> Report:
        if not built:
            built.append(raw_pipeline(Settings().override(workers=workers)))
        return evaluator(task)(files, built[0], limit, 0)

    return evaluate


def main(options: Options, echo: Callable[[str], None], evaluate: Evaluate | None = None,
         registered: Mapping[str, str] | None = None, date: str | None = None) -> int:
    """Run the gate (or lower one floor) and return the exit code."""
    baseline_path = options.baseline or repo_root() / "benchmarks" / "baseline.json"
    subsets_path = options.subsets or baseline_path.parent / "gate_subset.toml"
    if options.subsets is None and not subsets_path.is_file():
        subsets_path = repo_root() / "benchmarks" / "gate_subset.toml"
    date = date or today()
    if options.lower is None and (options.to is not None or options.reason is not None):
        raise ConfigError("--to and --reason go with --lower METRIC")
    if options.lower is not None:
        if options.update:
            raise ConfigError("--lower and --update are separate acts; run them one at a time")
        baseline = Baseline.load(baseline_path)
        echo(lower_floor(baseline, options.lower, options.to, options.reason, date))
        baseline.save(baseline_path)
        return 0
    dev, label = dev_dir(options.dev)
    if not dev.is_dir():
        echo(f"skipped: no dev data ({label} not found)")
        return 0
    if registered is None:
        from eventwire.evaluation import TASKS

        registered = TASKS
    subsets = load_subsets(subsets_path)
    baseline = Baseline.load(baseline_path)
    began = time.perf_counter()
    runs = run_tasks(subsets, dev, registered, evaluate or pipeline_evaluate(options.workers),
                     progress=echo)
    for run in runs.values():
        detail = (f"{run.n} records in {run.seconds:.1f} s" if run.status == "ran"
                  else run.reason)
        echo(f"  {run.task:<15} {run.status:<8} {detail}")
    rows = compare(baseline, runs, subsets)
    echo(format_table(rows))
    failed = sum(1 for r in rows if r.status == "FAIL")
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("ok", "new", "info", "skipped")}
    seconds = time.perf_counter() - began
    echo(f"gate: {counts['ok']} ok, {failed} FAIL, {counts['new']} new, {counts['info']} info, "
         f"{counts['skipped']} skipped; {seconds:.0f} s; baseline {baseline_path}")
    if seconds > BUDGET_S:
        echo(f"warning: the gate took {seconds:.0f} s, over its {BUDGET_S} s CI budget; "
             f"shrink the subsets in {subsets_path}")
    if options.update:
        changes = raise_floors(baseline, runs, subsets, date)
        if changes or not baseline_path.exists():
            baseline.save(baseline_path)
        echo(f"updated {baseline_path}: " + ("; ".join(changes) if changes else "no change"))
    return 1 if failed else 0
