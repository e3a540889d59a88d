"""Parallel efficiency: the local engine at 1 and 2 workers against Ray on a local 2-CPU cluster.

    .venv/bin/python benchmarks/scale.py [--articles 300] [--cpus 2] [--repeats 1]

Corpus: the 89 Voice of America stories in ../shared/corpora/voa/voa_stories.jsonl (public
domain; credit "Voice of America / voanews.com"), repeated with new ids to --articles
articles, written to a temporary JSONL file. Every configuration runs in a fresh process
through `Runner` (what `eventwire extract` runs), cleaning on:
  - local-1: `--workers 1`;   local-N: `--workers N`;   ray-N: `--engine ray`, a local Ray
    cluster started with N CPUs (`ray.init(num_cpus=N)`), one actor per CPU.
Two figures each: `with_startup` from process start to the last record (model load, Ray's
start-up, actor creation included) and `without_startup` (local: after the model is loaded;
Ray: from the first chunk an actor starts to the last one it finishes). Speed-up is against
local-1 on the same figure; parallel efficiency is speed-up / CPUs. With --repeats R the
configurations run round-robin R times and the best run of each counts (on a shared machine
the least disturbed one); every run is kept in the JSON. The load average
(`os.getloadavg`) before and after each run is recorded: on a shared machine the figures
are only as good as it was idle. Results: benchmarks/results/scale-<date>.json and
scale-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpora" / "voa" / "voa_stories.jsonl"
RESULTS = ROOT / "benchmarks" / "results"


def make_corpus(articles: int, path: Path) -> int:
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    with path.open("w", encoding="utf-8") as stream:
        for n in range(articles):
            story = dict(stories[n % len(stories)])
            story["id"] = f"{story['id']}#{n // len(stories)}"
            stream.write(json.dumps(story, ensure_ascii=False) + "\n")
    return sum(len(s["text"].split()) for s in stories)


def one(config: str, corpus: Path, began: float) -> dict[str, Any]:
    """Run one configuration in this process; print its figures as JSON."""
    from eventwire.pipeline.batch import Tally
    from eventwire.pipeline.engines import Engine, Run, Runner
    from eventwire.settings import load_settings
    from eventwire.text.ingest import Overrides

    engine, cpus = config.split("-")
    run = Run(Engine(engine), workers=int(cpus))
    runner = Runner(run, load_settings().override(workers=int(cpus)))
    ready = time.time()
    tally = Tally()
    count = sum(1 for _ in runner.articles([str(corpus)], Overrides(), tally))
    end = time.time()
    work = end - ready  # local: after the model is loaded
    if run.spans:  # ray: from the first chunk started to the last one finished
        work = max(e for _, e in run.spans) - min(s for s, _ in run.spans)
    return {"config": config, "cpus": int(cpus), "articles": count, "ok": tally.ok,
            "failed": tally.failed, "with_startup_s": round(end - began, 2),
            "without_startup_s": round(work, 2)}


def measure(config: str, corpus: Path) -> dict[str, Any]:
    before = os.getloadavg()
    command = [sys.executable, __file__, "--one", config, "--corpus", str(corpus),
               "--began", repr(time.time())]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        sys.exit(f"{config} failed:\n{result.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["loadavg_before"] = [round(x, 2) for x in before]
    figures["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    for key in ("with_startup", "without_startup"):
        figures[f"{key}_articles_per_s"] = round(figures["articles"] / figures[f"{key}_s"], 3)
    print(json.dumps(figures), file=sys.stderr, flush=True)
    return figures


def best(runs: list[dict[str, Any]], config: str) -> dict[str, Any]:
    """The fastest run of `config`, with the best of each figure over its repeats."""
    mine = [r for r in runs if r["config"] == config]
    chosen = dict(min(mine, key=lambda r: r["without_startup_s"]))
    for key in ("with_startup", "without_startup"):
        chosen[f"{key}_s"] = min(r[f"{key}_s"] for r in mine)
        chosen[f"{key}_articles_per_s"] = max(r[f"{key}_articles_per_s"] for r in mine)
    chosen["repeats"] = len(mine)
    return chosen


def summarise(runs: list[dict[str, Any]]) -> None:
    base = next(r for r in runs if r["config"] == "local-1")
    for r in runs:
        for key in ("with_startup", "without_startup"):
            speed = r[f"{key}_articles_per_s"] / base[f"{key}_articles_per_s"]
            r[f"{key}_speedup"] = round(speed, 3)
            r[f"{key}_efficiency"] = round(speed / r["cpus"], 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--began", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.corpus, args.began)))
        return
    if not VOA.is_file():
        sys.exit(f"{VOA}: the VOA corpus is not there")
    configs = ["local-1", f"local-{args.cpus}", f"ray-{args.cpus}"]
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "voa.jsonl"
        words = make_corpus(args.articles, corpus)
        every = [measure(config, corpus) for _ in range(args.repeats) for config in configs]
    runs = [best(every, config) for config in configs]
    summarise(runs)
    ray_run, local_run = runs[2], runs[1]
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": f"VOA stories ({VOA.name}, 89 stories, {words} words; credit Voice of "
                  f"America / voanews.com) repeated to {args.articles} articles",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "goal": "ray efficiency >= 0.8 and within 10% of local workers=N",
        "ray_vs_local_same_cpus": {
            key: round(ray_run[f"{key}_articles_per_s"] / local_run[f"{key}_articles_per_s"], 3)
            for key in ("with_startup", "without_startup")},
        "best": runs,
        "every_run": every,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2) + "\n"
    (RESULTS / f"scale-{report['date'][:10]}.json").write_text(text, encoding="utf-8")
    (RESULTS / "scale-latest.json").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
