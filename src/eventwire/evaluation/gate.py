"""`eventwire gate`: the quality ratchet over a fixed subset of the dev gold data.

`benchmarks/gate_subset.toml` says which gold records each eval task scores;
`benchmarks/baseline.json` holds a floor per metric ("task.metric"). The gate runs every
registered task on its subset and fails (exit 1) when a metric falls below its floor by more
than the tolerance. `--update` raises floors to the current values and adds floors for new
metrics; it never lowers one. Lowering a floor is a separate, explicit act that needs a
reason, which is kept in the baseline's history. Tasks that are not registered yet, or whose
gold files are missing, are skipped, not failed. Without dev data the gate says so in one
line and passes. Floors and subsets themselves: `evaluation.floors`. Each task reports its
metrics for the whole subset and for its look and untouched parts; the gate prints the
untouched part's headline numbers after the table.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from eventwire.errors import ConfigError, EventwireError
from eventwire.evaluation.common import Report
from eventwire.evaluation.floors import (
    Baseline,
    Floor,
    GoldFile,
    Subset,
    TaskRun,
    load_subsets,
    lower_floor,
    raise_floors,
)

__all__ = ["Baseline", "Evaluate", "Floor", "Options", "Subset", "TaskRun", "compare",
           "load_subsets", "lower_floor", "main", "raise_floors", "untouched_lines"]

BUDGET_S = 600
DEV_ENV = "EVENTWIRE_DEV_DATA"
DEFAULT_DEV = "../shared/eval/dev"
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


def untouched_lines(runs: Mapping[str, TaskRun]) -> list[str]:
    """The untouched part's rates per task, one line each (the numbers to quote)."""
    lines = ["untouched part (never read while writing rules):"]
    for task, run in runs.items():
        found = {name.partition(":")[2]: value for name, value in run.metrics.items()
                 if name.startswith("untouched:")}
        rates = [f"{name} {value:.3f}" for name, value in found.items()
                 if name != "n" and 0.0 <= value <= 1.0 and not name.endswith("_n")]
        if rates:
            lines.append(f"  {task} (n {found.get('n', 0):g}): {', '.join(rates)}")
    return lines


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
    echo("\n".join(untouched_lines(runs)))
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
