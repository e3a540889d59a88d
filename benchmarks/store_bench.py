"""Benchmark the event store (no NLP): write throughput, and counting events by type and month.

    .venv/bin/python benchmarks/store_bench.py [--records 10000] [--events 1000000]
        [--repeats 3] [--out benchmarks/results/store_bench.json]

1. Writes `--records` synthetic records (built with the model classes, see
   eventwire.store.synthetic) into a new store with `Store.write_many` (story and event
   dedup included), then writes them all again (the idempotent pass: nothing changes);
   `--repeats` times, each into a new store, reporting the median run and every run's
   wall-clock and CPU-second rates (on a shared machine the wall-clock rate mostly says
   how busy it was). Target: >= 2,000 records/s.
2. Fills a new store with `--events` synthetic event rows (executemany; the triggers keep
   the per-day summary table), then times the count of events by type and month from the
   summary table (what `eventwire stats` uses) and, for comparison, the same count straight
   from the events table. Target: < 200 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventwire.model import EVENT_TYPES
from eventwire.store import Store
from eventwire.store.queries import counts_by_type_month
from eventwire.store.synthetic import records

RAW_COUNT = ("SELECT type, substr(day, 1, 7) AS month, COUNT(*) FROM events "
             "GROUP BY type, month")


def _write_once(articles: list[Any], path: Path) -> dict[str, Any]:
    """One timed write of `articles` into a new store at `path`, then the idempotent pass."""
    load = os.getloadavg()[0]
    began, cpu = time.perf_counter(), time.process_time()
    with Store(path) as store:
        outcomes = store.write_many(articles)
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu
    began = time.perf_counter()
    with Store(path) as store:
        again = store.write_many(articles)
    again_seconds = time.perf_counter() - began
    count = len(articles)
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu_seconds, 3),
            "records_per_s": round(count / seconds, 1),
            "records_per_cpu_s": round(count / cpu_seconds, 1),
            "load_avg_1m_before": round(load, 2),
            "outcomes": dict(outcomes), "rewrite_seconds": round(again_seconds, 3),
            "rewrite_outcomes": dict(again)}


def bench_write(count: int, folder: Path, repeats: int) -> dict[str, Any]:
    """Write `count` records into a new store `repeats` times; the median run is reported
    (wall-clock rates depend on what else the machine runs: compare the CPU-second rate)."""
    articles = list(records(count))
    gc.collect()
    gc.freeze()  # the prepared records are fixtures: keep them out of the timed GC work
    runs = []
    for number in range(repeats):
        path = folder / f"write-{number}.db"
        runs.append(_write_once(articles, path))
    gc.unfreeze()
    db = sqlite3.connect(path)
    totals = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("articles", "stories", "events", "event_mentions")}
    db.close()
    median = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    return {"records": count, "repeats": repeats, **median,
            "runs": [{key: run[key] for key in ("seconds", "cpu_seconds", "records_per_s",
                                                "records_per_cpu_s", "load_avg_1m_before")}
                     for run in runs],
            "totals": totals, "db_bytes": path.stat().st_size, "target_records_per_s": 2000}


def _event_rows(count: int) -> Any:
    rng = random.Random(3)
    start = date(2015, 1, 1)
    for number in range(count):
        day = (start + timedelta(days=rng.randrange(3650))).isoformat()
        yield (f"ev-{number:012d}", rng.choice(EVENT_TYPES), None, "[]", 1, day, None, None,
               None, None, "A", "USA", "GOV", "B", "IRQ", "GOV", "syn", "syn", "", "", 1, 1)


def bench_count(count: int, folder: Path, repeats: int = 5) -> dict[str, Any]:
    path = folder / "count.db"
    Store(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    began = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   _event_rows(count))
    db.execute("COMMIT")
    fill = time.perf_counter() - began
    db.close()
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row

    def timed(function: Any) -> list[float]:
        runs = []
        for _ in range(repeats):
            began = time.perf_counter()
            function()
            runs.append((time.perf_counter() - began) * 1000)
        return runs

    summary = timed(lambda: counts_by_type_month(db))
    raw = timed(lambda: db.execute(RAW_COUNT).fetchall())
    rows = counts_by_type_month(db)
    total = sum(row["events"] for row in rows)
    db.close()
    return {"events": count, "fill_seconds": round(fill, 1), "groups": len(rows),
            "counted": total, "summary_ms_median": round(statistics.median(summary), 2),
            "summary_ms_runs": [round(x, 2) for x in summary],
            "raw_group_by_ms_median": round(statistics.median(raw), 1),
            "target_ms": 200}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="write runs (median reported)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/store_bench.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        result = {
            "machine": {"platform": platform.platform(), "python": platform.python_version(),
                        "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version,
                        "load_avg_1m": round(os.getloadavg()[0], 2)},
            "write": bench_write(args.records, folder, max(1, args.repeats)),
            "count_by_type_month": bench_count(args.events, folder),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
