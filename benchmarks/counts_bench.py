"""Benchmark the analyst queries on a large store: `eventwire counts` from the summary table,
the events list with its row count, one event's evidence, and a POLECAT export.

    PYTHONPATH=src .venv/bin/python benchmarks/counts_bench.py [--records 5000]
        [--events 200000] [--out benchmarks/results/counts_bench.json]

Writes `--records` synthetic records (eventwire.store.synthetic: real Store writes, story
and event dedup) into a new store, then adds `--events` more event rows straight into the
events table (executemany, as store_bench.py does; the schema's triggers keep event_counts
and event_facts as they would for written events: 30 countries, 60 source actors, 16 types,
ten years of days), then times each query (median of 5 runs, milliseconds).
Target for counts: < 200 ms at 100k+ events.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventwire.model import EVENT_TYPES
from eventwire.store import Store, connect, evidence, queries
from eventwire.store.exports import write_text
from eventwire.store.synthetic import records


def _ms(function: Callable[[], Any], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


COUNTRIES = ["IRQ", "USA", "IRN", "SYR", "UKR", "RUS", "KEN", "NGA", "MLI", "SDN", "YEM", "AFG",
             "PAK", "IND", "CHN", "TUR", "ISR", "PSE", "LBN", "EGY", "LBY", "SOM", "ETH", "COD",
             "MEX", "COL", "VEN", "BRA", "PHL", "MMR"]


def _event_rows(count: int) -> Iterator[tuple[object, ...]]:
    rng = random.Random(5)
    start = date(2015, 1, 1)
    for number in range(count):
        day = (start + timedelta(days=rng.randrange(3650))).isoformat()
        country = rng.choice(COUNTRIES)
        yield (f"ev-bulk-{number:010d}", rng.choice(EVENT_TYPES), None, "[]", 1, day, None,
               country, None, None, f"actor {rng.randrange(60)}", country, "GOV", "B", "IRQ",
               "GOV", "syn", "syn", "", "", 1, 1)


def _fill(path: Path, count: int) -> float:
    db = sqlite3.connect(path, isolation_level=None)
    began = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("INSERT INTO events(id, type, mode, contexts, factual, day, place_name, "
                   "country, lat, lon, source_name, source_country, source_sectors, "
                   "target_name, target_country, target_sectors, first_article, story_id, "
                   "actor_keys, sentence, n_mentions, n_articles) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _event_rows(count))
    db.execute("COMMIT")
    db.close()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--events", type=int, default=200000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        with Store(path) as store:
            store.write_many(records(args.records))
        write_s = time.perf_counter() - start
        fill_s = _fill(path, args.events)
        db = connect(path, readonly=True)
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        mentions = db.execute("SELECT COUNT(*) FROM event_mentions").fetchone()[0]
        spec = queries.EventFilter(type="ASSAULT", country="IRQ")
        some = db.execute("SELECT id FROM events LIMIT 1").fetchone()[0]
        result: dict[str, Any] = {
            "records": args.records, "events": events, "event_mentions": mentions,
            "write_s": round(write_s, 1), "fill_s": round(fill_s, 1),
            "event_counts_rows": db.execute("SELECT COUNT(*) FROM event_counts").fetchone()[0],
            "rows_type_month": len(queries.counts(db, ["type"], "month")),
            "rows_type_country_week": len(queries.counts(db, ["type", "country"], "week")),
            "rows_type_country_actor_day": len(
                queries.counts(db, ["type", "country", "actor"], "day")),
            "counts_type_month_ms": _ms(lambda: queries.counts(db, ["type"], "month")),
            "counts_type_country_month_ms": _ms(
                lambda: queries.counts(db, ["type", "country"], "month")),
            "counts_type_country_week_ms": _ms(
                lambda: queries.counts(db, ["type", "country"], "week")),
            "counts_type_country_actor_day_ms": _ms(
                lambda: queries.counts(db, ["type", "country", "actor"], "day")),
            "counts_filtered_month_ms": _ms(
                lambda: queries.counts(db, ["actor"], "month", spec)),
            "events_first_20_ms": _ms(lambda: queries.events(db, queries.EventFilter(), 20)),
            "events_filtered_20_ms": _ms(lambda: queries.events(db, spec, 20)),
            "count_events_ms": _ms(lambda: queries.count_events(db, queries.EventFilter())),
            "event_evidence_ms": _ms(lambda: evidence.event_evidence(db, some)),
            "export_polecat_filtered_ms": _ms(
                lambda: write_text(db, "polecat", io.StringIO(), spec), repeats=1),
        }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
