"""Latency of `eventwire serve` on a store of 100,000 events, through a real uvicorn server.

    .venv/bin/python benchmarks/serve_latency.py [--events 100000] [--db /tmp/serve-bench.db]
        [--repeats 60] [--out benchmarks/results/serve_latency.json]

1. Builds (or reuses, when `--db` already holds enough events) a store from synthetic
   records (eventwire.store.synthetic: no NLP, 15,000 a year from 2000 on) with the store
   writer (event dedup within a day only) until it holds `--events` events.
2. Starts the app on a free localhost port and times each API request `--repeats` times
   over one keep-alive connection (after two warm-up requests); reports p50/p95/max in ms.
   Goal: /api/events first page and /api/counts p95 < 100 ms.
   Then times review actions (docs/review.md): GET /api/reviews/queue and one POST confirm
   per event down the queue, each one request with the token. Goal: p95 < 100 ms. (The
   store keeps those reviews; a later run reviews the next events of the queue.)
3. When Debian's chromium and playwright are installed: loads the web app in headless
   Chromium 5 times and reports the time from navigation until the first screen is drawn
   (the table, timeline and map filled: `body[data-ready]`). Goal: < 1 s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import sqlite3
import statistics
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from eventwire.serve.app import Config, create_app
from eventwire.serve.server import running
from eventwire.store import Store
from eventwire.store.dedup import DedupConfig
from eventwire.store.synthetic import records

REQUESTS = {
    "events_first_page": "/api/events?limit=50",
    "counts_type_month": "/api/counts",
    "events_type": "/api/events?type=ASSAULT&limit=50",
    "events_text_search": "/api/events?q=sanctions&limit=50",
    "events_min_confidence": "/api/events?min_confidence=0.5&limit=50",
    "events_most_mentioned": "/api/events?sort=-mentions&limit=50",
    "counts_country_week": "/api/counts?by=country&per=week",
    "counts_actor_month": "/api/counts?by=actor",
    "places": "/api/places?limit=2000",
    "stats": "/api/stats",
}
PER_YEAR = 15_000  # synthetic records per year of dates
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def events_in(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT COUNT(*) FROM events").fetchone()[0])


def build(path: Path, target: int) -> float:
    """Fill a new store until it holds `target` events; seconds taken."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    # The synthetic generator has 10 people and 6 places over one year, so within a year
    # new events soon merge into old ones (150,000 records give 7,000 events with the
    # default dedup). Each year of records gets its own dates and ids, and dedup merges
    # within a day only, so the store reaches 100,000 distinct events.
    with Store(path, config=DedupConfig(window_days=0)) as store:
        for year in range(100):
            for number, article in enumerate(records(PER_YEAR, seed=year,
                                                     start=date(2000 + year, 1, 1)), start=1):
                store.write(article.model_copy(update={
                    "id": f"y{year}-{article.id}", "url": f"{article.url}?year={year}"}))
                if number % 5000 == 0:
                    store.flush()
                    if events_in(path) >= target:
                        return time.perf_counter() - started
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_requests(base: str, repeats: int) -> dict[str, Any]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    results: dict[str, Any] = {}
    for name, path in REQUESTS.items():
        timings: list[float] = []
        size = 0
        for attempt in range(repeats + 2):
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}: {body[:200]!r}")
            if attempt >= 2:
                timings.append(elapsed)
            size = len(body)
        results[name] = {"path": path, "p50_ms": round(statistics.median(timings), 1),
                         "p95_ms": round(percentile(timings, 0.95), 1),
                         "max_ms": round(max(timings), 1), "bytes": size, "n": len(timings)}
        print(f"{name:24} p50 {results[name]['p50_ms']:7.1f} ms   "
              f"p95 {results[name]['p95_ms']:7.1f} ms   {path}")
    connection.close()
    return results


TOKEN = "serve-latency-benchmark-token"


def time_reviews(base: str, repeats: int) -> dict[str, Any]:
    """The review queue, then `repeats` confirm actions down it, each timed."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    timings: dict[str, list[float]] = {"review_queue": [], "review_confirm": []}
    ids: list[str] = []
    for _ in range(3):
        started = time.perf_counter()
        connection.request("GET", f"/api/reviews/queue?limit={repeats}")
        response = connection.getresponse()
        ids = [row["id"] for row in json.loads(response.read())["events"]]
        timings["review_queue"].append((time.perf_counter() - started) * 1000)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for event_id in ids:
        started = time.perf_counter()
        connection.request("POST", f"/api/reviews/{event_id}/confirm",
                           body=json.dumps({"version": 0, "who": "benchmark"}), headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"confirm {event_id}: HTTP {response.status}: {body[:200]!r}")
        timings["review_confirm"].append((time.perf_counter() - started) * 1000)
    connection.close()
    results = {name: {"p50_ms": round(statistics.median(values), 1),
                      "p95_ms": round(percentile(values, 0.95), 1),
                      "max_ms": round(max(values), 1), "n": len(values)}
               for name, values in timings.items() if values}
    for name, found in results.items():
        print(f"{name:24} p50 {found['p50_ms']:7.1f} ms   p95 {found['p95_ms']:7.1f} ms")
    return results


def first_screen(base: str, loads: int = 5) -> dict[str, Any] | None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(chromium).exists():
        return None
    timings: list[float] = []
    cold = 0.0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for attempt in range(loads + 1):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            elapsed = (time.perf_counter() - started) * 1000
            page.close()
            if attempt:  # the first load also starts the browser and fills the server's caches
                timings.append(elapsed)
            else:
                cold = elapsed
        browser.close()
    result = {"first_load_ms": round(cold, 1), "median_ms": round(statistics.median(timings), 1),
              "max_ms": round(max(timings), 1), "n": len(timings)}
    print(f"{'first_screen':24} median {result['median_ms']:7.1f} ms   max {result['max_ms']} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-serve-bench.db"))
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).parent / "results" / "serve_latency.json")
    args = parser.parse_args()
    have = events_in(args.db)
    build_s = None
    if have < args.events:
        print(f"building {args.db} with {args.events:,} events ...")
        build_s = round(build(args.db, args.events), 1)
    events = events_in(args.db)
    print(f"{args.db}: {events:,} events")
    with running(create_app(Config(db=args.db, token=TOKEN))) as base:
        api = time_requests(base, args.repeats)
        screen = first_screen(base)
        api.update(time_reviews(base, args.repeats))
    goals = {"events_first_page_p95_under_100ms": api["events_first_page"]["p95_ms"] < 100,
             "counts_p95_under_100ms": api["counts_type_month"]["p95_ms"] < 100,
             "first_screen_under_1s": None if screen is None else screen["max_ms"] < 1000,
             "review_confirm_p95_under_100ms": api["review_confirm"]["p95_ms"] < 100
             if "review_confirm" in api else None}
    result = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "events": events,
              "build_s": build_s, "api": api, "first_screen": screen, "goals": goals,
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "load_1m": round(os.getloadavg()[0], 2)}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(goals))


if __name__ == "__main__":
    main()
