"""The quality ratchet (`eventwire gate`): pure logic with fake scorers, no model, no dev data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.evaluation.common import Report
from eventwire.evaluation.gate import (
    Baseline,
    Evaluate,
    Floor,
    Options,
    Subset,
    TaskRun,
    compare,
    load_subsets,
    lower_floor,
    main,
    raise_floors,
    untouched_lines,
)

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-11-26"
SENTENCES = [
    "Rockets hit an Iraqi base hosting U.S. troops on Monday, officials said.",
    "Esper said the United States would respond to further attacks.",
    "Protesters gathered outside the embassy in Baghdad on Tuesday.",
]
SUBSETS = """
[events]
gold = ["events/gold.jsonl"]
note = "all of events/gold.jsonl"

[times]
gold = ["time/gold.jsonl:2"]
note = "first 2 documents of time/gold.jsonl"
lower_is_better = ["mean_days_off"]
ignore = ["baseline_*"]
"""


def fake(metrics: dict[str, dict[str, float]], seen: dict[str, list[Path]] | None = None,
         ) -> Evaluate:
    """A scorer stand-in: task -> metrics; raises for tasks it has no metrics for."""

    def evaluate(task: str, files: list[Path], limit: int | None) -> Report:
        if seen is not None:
            seen[task] = files
        if task not in metrics:
            raise RuntimeError(f"scorer for {task} crashed")
        return Report(task=task, gold=[str(f) for f in files], n=len(SENTENCES),
                      metrics=metrics[task])

    return evaluate


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """A dev folder with two small gold files and a benchmarks folder with the subsets."""
    dev = tmp_path / "dev"
    for name in ("events/gold.jsonl", "time/gold.jsonl"):
        path = dev / name
        path.parent.mkdir(parents=True)
        path.write_text("".join(json.dumps({"id": str(i), "text": s}) + "\n"
                                for i, s in enumerate(SENTENCES)), encoding="utf-8")
    bench = tmp_path / "benchmarks"
    bench.mkdir()
    (bench / "gate_subset.toml").write_text(SUBSETS, encoding="utf-8")
    return dev, bench / "baseline.json"


def write_baseline(path: Path, floors: dict[str, float], tolerance: float = 0.005) -> None:
    baseline = Baseline(floors={m: Floor(v, "test subset", DAY) for m, v in floors.items()},
                        tolerance=tolerance)
    baseline.save(path)


def run(dev: Path, baseline: Path, metrics: dict[str, dict[str, float]],
        registered: tuple[str, ...] = ("events", "times"), update: bool = False,
        ) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = main(Options(update=update, dev=dev, baseline=baseline), lines.append,
                evaluate=fake(metrics),
                registered={t: t for t in registered}, date=DAY)
    return code, lines


def status_of(lines: list[str], metric: str) -> str:
    table = next(line for line in lines if line.startswith("metric "))
    for row in table.splitlines():
        if row.split()[0] == metric:
            return row.split()[3]
    raise AssertionError(f"{metric} not in the output")


@pytest.mark.parametrize(("floor", "now", "code", "status"), [
    (0.60, 0.60, 0, "ok"),      # equal passes
    (0.60, 0.70, 0, "ok"),      # better passes
    (0.60, 0.596, 0, "ok"),     # within the 0.005 tolerance
    (0.60, 0.59, 1, "FAIL"),    # a drop fails
    (0.60, 0.0, 1, "FAIL"),
])
def test_floor_check(setup: tuple[Path, Path], floor: float, now: float, code: int,
                     status: str) -> None:
    dev, baseline = setup
    write_baseline(baseline, {"events.accuracy": floor})
    result, lines = run(dev, baseline, {"events": {"accuracy": now}, "times": {}})
    assert result == code
    assert status_of(lines, "events.accuracy") == status


def test_update_raises_adds_and_never_lowers(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    write_baseline(baseline, {"events.accuracy": 0.5, "events.macro_f1": 0.4})
    metrics = {"events": {"accuracy": 0.61234, "macro_f1": 0.398, "n_gold": 164.0,
                          "confusions": 12.0},
               "times": {"span_f1": 0.7, "mean_days_off": 3.5, "baseline_span_f1": 0.6}}
    code, _ = run(dev, baseline, metrics, update=True)
    assert code == 0
    floors = Baseline.load(baseline).floors
    assert floors["events.accuracy"].value == pytest.approx(0.6123)  # raised, rounded down
    assert floors["events.macro_f1"].value == 0.4                      # never lowered
    assert floors["times.span_f1"].value == 0.7                        # new rate gets a floor
    assert floors["times.mean_days_off"].value == 3.5                  # declared lower-better
    assert floors["times.mean_days_off"].better == "lower"
    assert "events.n_gold" not in floors and "events.confusions" not in floors
    assert "times.baseline_span_f1" not in floors                      # ignored by pattern
    assert floors["times.span_f1"].subset == "first 2 documents of time/gold.jsonl"


def test_update_does_not_hide_a_drop(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    write_baseline(baseline, {"events.accuracy": 0.8})
    code, _ = run(dev, baseline, {"events": {"accuracy": 0.5}, "times": {}}, update=True)
    assert code == 1
    assert Baseline.load(baseline).floors["events.accuracy"].value == 0.8


def test_lower_is_better_metric_is_a_ceiling() -> None:
    floor = Floor(3.0, "s", DAY, better="lower")
    assert floor.holds(2.0, 0.005) and floor.holds(3.004, 0.005)
    assert not floor.holds(3.5, 0.005)
    baseline = Baseline(floors={"times.mean_days_off": floor})
    runs = {"times": TaskRun("times", "ran", metrics={"mean_days_off": 2.5})}
    subsets = {"times": Subset("times", (), "s", lower_is_better=frozenset({"mean_days_off"}))}
    assert raise_floors(baseline, runs, subsets, DAY)
    assert floor.value == 2.5


@pytest.mark.parametrize("reason", [None, "", "   ", "because"])
def test_lowering_without_a_reason_is_refused(setup: tuple[Path, Path],
                                              reason: str | None) -> None:
    _, baseline = setup
    write_baseline(baseline, {"events.accuracy": 0.6})
    with pytest.raises(ConfigError, match="reason"):
        main(Options(lower="events.accuracy", to=0.5, reason=reason, baseline=baseline),
             print, date=DAY)
    assert Baseline.load(baseline).floors["events.accuracy"].value == 0.6


def test_lowering_with_a_reason_is_recorded(setup: tuple[Path, Path]) -> None:
    _, baseline = setup
    write_baseline(baseline, {"events.accuracy": 0.6})
    reason = "gold relabelled: 12 PROTEST sentences are now ASSAULT"
    lines: list[str] = []
    code = main(Options(lower="events.accuracy", to=0.55, reason=reason, baseline=baseline),
                lines.append, date=DAY)
    assert code == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["floors"]["events.accuracy"]["floor"] == 0.55
    assert data["history"] == [{"date": DAY, "metric": "events.accuracy", "from": 0.6,
                                "to": 0.55, "reason": reason}]


@pytest.mark.parametrize(("metric", "to", "message"), [
    ("events.accuracy", 0.7, "does not lower"),
    ("events.accuracy", 0.6, "does not lower"),
    ("events.recall", 0.1, "no floor named"),
    ("events.accuracy", float("nan"), "--to"),
])
def test_lowering_refusals(metric: str, to: float, message: str) -> None:
    baseline = Baseline(floors={"events.accuracy": Floor(0.6, "s", DAY)})
    with pytest.raises(ConfigError, match=message):
        lower_floor(baseline, metric, to, "a reason long enough to count", DAY)
    assert baseline.history == []


def test_lower_and_update_together_are_refused(setup: tuple[Path, Path]) -> None:
    _, baseline = setup
    with pytest.raises(ConfigError):
        main(Options(update=True, lower="events.accuracy", to=0.1,
                     reason="a reason long enough to count", baseline=baseline), print)
    with pytest.raises(ConfigError, match="--lower"):
        main(Options(to=0.1, baseline=baseline), print)


def test_missing_dev_data_prints_one_skip_line(tmp_path: Path) -> None:
    lines: list[str] = []
    missing = tmp_path / "nowhere"
    code = main(Options(dev=missing, baseline=tmp_path / "baseline.json"), lines.append)
    assert code == 0
    assert lines == [f"skipped: no dev data ({missing} not found)"]


def test_missing_dev_data_from_the_environment(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_DEV_DATA", str(tmp_path / "absent"))
    lines: list[str] = []
    assert main(Options(baseline=tmp_path / "baseline.json"), lines.append) == 0
    assert lines == [f"skipped: no dev data ({tmp_path / 'absent'} not found)"]


def test_unregistered_task_is_skipped_not_failed(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    write_baseline(baseline, {"events.accuracy": 0.6, "times.span_f1": 0.7})
    code, lines = run(dev, baseline, {"events": {"accuracy": 0.6}}, registered=("events",))
    assert code == 0
    assert status_of(lines, "times.span_f1") == "skipped"


def test_missing_gold_file_is_skipped(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    (dev / "time" / "gold.jsonl").unlink()
    write_baseline(baseline, {"times.span_f1": 0.7})
    code, lines = run(dev, baseline, {"events": {"accuracy": 0.6}, "times": {}})
    assert code == 0
    assert status_of(lines, "times.span_f1") == "skipped"
    assert any("gold file missing: time/gold.jsonl" in line for line in lines)


def test_metric_missing_from_a_run_fails(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    write_baseline(baseline, {"events.accuracy": 0.6, "events.macro_f1": 0.3})
    code, lines = run(dev, baseline, {"events": {"accuracy": 0.6}, "times": {}})
    assert code == 1
    assert status_of(lines, "events.macro_f1") == "FAIL"


def test_crashing_scorer_fails_the_gate(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    code, lines = run(dev, baseline, {"events": {"accuracy": 0.6}})
    assert code == 1
    assert status_of(lines, "times") == "FAIL"
    assert any("scorer for times crashed" in line for line in lines)


def test_new_metric_is_reported_not_failed(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    code, lines = run(dev, baseline, {"events": {"accuracy": 0.6, "n_pred": 40.0},
                                      "times": {}})
    assert code == 0
    assert status_of(lines, "events.accuracy") == "new"
    assert status_of(lines, "events.n_pred") == "info"


def test_first_lines_of_a_gold_file_reach_the_scorer(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    seen: dict[str, list[Path]] = {}
    lines: list[str] = []
    main(Options(dev=dev, baseline=baseline), lines.append,
         evaluate=fake({"events": {}, "times": {}}, seen),
         registered={"events": "events", "times": "times"}, date=DAY)
    assert seen["events"] == [dev / "events" / "gold.jsonl"]
    assert seen["times"][0].name == "gold.jsonl"


def test_compare_with_counts_in_a_report() -> None:
    baseline = Baseline(floors={"quotes.recall": Floor(0.5, "s", DAY)})
    runs = {"quotes": TaskRun("quotes", "ran", metrics={"recall": 0.49, "gold_count": 3.0})}
    rows = {r.metric: r.status for r in compare(baseline, runs, {})}
    assert rows == {"quotes.recall": "FAIL", "quotes.gold_count": "info"}


def test_the_project_subsets_file_parses() -> None:
    subsets = load_subsets(ROOT / "benchmarks" / "gate_subset.toml")
    assert set(subsets) == {"events", "actors", "quotes", "times", "places", "event-location",
                            "dedup", "stories", "articles"}
    places = subsets["places"]
    assert [(g.path, g.first) for g in places.gold] == [("places/geowebnews.jsonl", 60),
                                                         ("places/lgl.jsonl", 100)]
    assert subsets["quotes"].limit == 25


def test_cli_without_dev_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventwire", "gate", "--dev", str(tmp_path / "absent"),
         "--baseline", str(tmp_path / "baseline.json")],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"skipped: no dev data ({tmp_path / 'absent'} not found)"


@pytest.mark.parametrize(("metric", "value", "gated"), [
    ("accuracy", 0.87, True),
    ("source_country", 0.66, True),          # "country" is not a count
    ("direct_speaker_accuracy", 1.0, True),
    ("n", 164.0, False),
    ("n_gold", 1.0, False),
    ("target_country_n", 0.0, False),
    ("gold_count", 0.5, False),
    ("median_error_km", 0.02, False),        # an error, not a rate
    ("failed_articles", 0.0, True),          # declared lower-is-better below
    ("baseline_f1", 0.66, False),            # ignored by pattern below
    ("geocoded", 778.0, False),              # not in [0, 1]
    ("untouched:accuracy", 0.8, True),       # a part's rate has its own floor
    ("untouched:n", 1.0, False),             # a part's size is a count
    ("look:target_country_n", 0.0, False),
])
def test_which_metrics_get_a_floor(metric: str, value: float, gated: bool) -> None:
    subset = Subset("places", (), "s", ignore=frozenset({"baseline_*"}),
                    lower_is_better=frozenset({"failed_articles"}))
    assert subset.gated(metric, value) is gated


def test_registered_task_without_a_subset_fails(setup: tuple[Path, Path]) -> None:
    dev, baseline = setup
    code, lines = run(dev, baseline, {"events": {"accuracy": 0.6}, "times": {},
                                      "actors": {"coverage": 0.9}},
                      registered=("events", "times", "actors"))
    assert code == 1
    assert status_of(lines, "actors") == "FAIL"


def test_the_untouched_part_is_quoted() -> None:
    runs = {"events": TaskRun("events", "ran", metrics={
        "accuracy": 0.9, "untouched:accuracy": 0.75, "untouched:n": 48.0,
        "untouched:source_country_n": 40.0, "look:accuracy": 0.95})}
    lines = untouched_lines(runs)
    assert lines[1] == "  events (n 48): accuracy 0.750"
