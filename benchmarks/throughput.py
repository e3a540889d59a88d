"""Throughput of eventwire against bare spaCy on the same texts, model and machine.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--repeats N] [--rounds N]
                                              [--workers 1,2]

Corpus: the dev PolNeAR articles (../shared/eval/dev/quotes/polnear_dev_articles.jsonl, one
text per `article`) when present, else the bundled examples/*.txt repeated to ~200 articles.
For every worker count it measures, each configuration in a fresh process:
  - bare spaCy: `nlp.pipe(texts, batch_size, n_process=W)` with the model eventwire loads;
  - eventwire: `Pipeline(settings).run(articles, workers=W)`, cleaning on, as `extract` runs.
The model load and a warm-up pass are excluded; the best of --repeats timed passes counts.
On a shared or virtual machine the speed of the host drifts over minutes, so a pair measured
one after the other can differ by a third from the next pair. --rounds N measures N pairs
(bare spaCy, then eventwire, each in a fresh process) and the speed ratio reported is the
median of the N paired ratios, with their range; the table shows the round with that median.
Peak RSS and PSS are sampled from /proc over the process and its workers (Linux), with
getrusage's high-water marks as a fallback for RSS. Results go to benchmarks/results/
throughput-<date>.json and throughput-latest.json, with the machine's details.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "dev" / "quotes" / "polnear_dev_articles.jsonl"
RESULTS = ROOT / "benchmarks" / "results"
EXAMPLE_TARGET = 200
WARMUP = 8


def corpus(limit: int | None) -> tuple[str, list[tuple[str, str]]]:
    """(description, [(id, text)]): PolNeAR dev articles, else the examples repeated."""
    texts: list[tuple[str, str]] = []
    if POLNEAR.is_file():
        seen: set[str] = set()
        with POLNEAR.open(encoding="utf-8") as stream:
            for line in stream:
                if not line.strip():
                    continue
                record = json.loads(line)
                if record["article"] in seen:
                    continue
                seen.add(record["article"])
                texts.append((record["article"], record["text"]))
        name = "PolNeAR dev articles (../shared/eval/dev/quotes/polnear_dev_articles.jsonl)"
    else:
        examples = sorted((ROOT / "examples").glob("*.txt"))
        if not examples:
            sys.exit("no corpus: neither the dev data nor examples/*.txt exist")
        base = [(p.stem, p.read_text(encoding="utf-8")) for p in examples]
        texts = [(f"{stem}#{i}", text) for i in range(EXAMPLE_TARGET // len(base) + 1)
                 for stem, text in base][:EXAMPLE_TARGET]
        name = f"examples/*.txt ({len(base)} files) repeated to {len(texts)} articles"
    return name, texts[:limit] if limit else texts


def _field_mb(path: str, name: str) -> float:
    with open(path, encoding="ascii") as stream:
        for line in stream:
            if line.startswith(name):
                return int(line.split()[1]) / 1024
    return 0.0


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process and all its descendants, from /proc (MB).

    RSS counts pages shared between a parent and its forked workers once per process; PSS
    splits them, so the PSS sum is the tree's real footprint.
    """
    rss = pss = 0.0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rss += _field_mb(f"/proc/{current}/status", "VmRSS:")
            pss += _field_mb(f"/proc/{current}/smaps_rollup", "Pss:")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    stack.extend(int(k) for k in kids.read().split())
        except (OSError, ValueError):
            continue
    return rss, pss


class PeakSampler:
    """Samples the process tree's RSS and PSS every 50 ms in a thread; keeps the peaks."""

    def __init__(self) -> None:
        self.peak = self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.available = Path(f"/proc/{os.getpid()}/task").is_dir()

    def _sample(self) -> None:
        rss, pss = tree_memory_mb(os.getpid())
        self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self._sample()

    def __enter__(self) -> PeakSampler:
        if self.available:
            self._sample()
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (user + system)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def rusage_mb() -> tuple[float, float]:
    """getrusage high-water marks (MB): this process, its largest waited-for child."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def measure(tool: str, workers: int, limit: int | None, repeats: int) -> dict[str, Any]:
    """One configuration, in this (fresh) process: load, warm up, time the best pass."""
    from eventwire.nlp.parse import load_model
    from eventwire.pipeline.runner import Pipeline
    from eventwire.settings import Settings
    from eventwire.text.ingest import make_article

    settings = Settings()
    _, texts = corpus(limit)
    words = sum(len(text.split()) for _, text in texts)
    stage_ms: dict[str, float] = {}
    failed = skipped = 0
    with PeakSampler() as sampler:
        if tool == "spacy":
            nlp = load_model(settings.model, settings.max_chars)
            plain = [text for _, text in texts]
            list(nlp.pipe(plain[:WARMUP], batch_size=settings.batch_size))

            def one_pass() -> tuple[float, float]:
                began, cpu = time.perf_counter(), cpu_seconds()
                for _ in nlp.pipe(plain, batch_size=settings.batch_size, n_process=workers):
                    pass
                return time.perf_counter() - began, cpu_seconds() - cpu
        else:
            pipeline = Pipeline(settings)

            def articles() -> Iterator[Any]:
                for number, (article_id, text) in enumerate(texts):
                    yield make_article({"id": article_id}, text, f"corpus:{number}",
                                       settings.max_chars)

            list(pipeline.run(list(articles())[:WARMUP], workers=1))

            def one_pass() -> tuple[float, float]:
                nonlocal failed, skipped
                inputs = list(articles())
                began, cpu = time.perf_counter(), cpu_seconds()
                done = list(pipeline.run(inputs, workers=workers))
                seconds, used = time.perf_counter() - began, cpu_seconds() - cpu
                totals: dict[str, float] = {}
                for article in done:
                    for stage, ms in article.meta.timings_ms.items():
                        totals[stage] = totals.get(stage, 0.0) + ms
                stage_ms.clear()
                stage_ms.update({s: round(v / len(done), 3) for s, v in totals.items()})
                failed = sum(1 for a in done if a.meta.failure is not None)
                skipped = sum(1 for a in done if a.meta.skipped is not None)
                return seconds, used

        passes = [one_pass() for _ in range(repeats)]
    best, best_cpu = min(passes)
    self_mb, child_mb = rusage_mb()
    workers_mb = child_mb * workers if workers > 1 else 0.0
    peak = sampler.peak if sampler.available else self_mb + workers_mb
    result: dict[str, Any] = {
        "tool": tool, "workers": workers, "articles": len(texts), "words": words,
        "seconds": [round(p[0], 3) for p in passes], "best_seconds": round(best, 3),
        "cpu_seconds_of_best": round(best_cpu, 3),
        "articles_per_s": round(len(texts) / best, 2), "words_per_s": round(words / best, 1),
        "peak_rss_mb": round(peak, 1), "peak_pss_mb": round(sampler.peak_pss, 1),
        "maxrss_self_mb": round(self_mb, 1),
        "maxrss_largest_child_mb": round(child_mb, 1),
    }
    if tool == "eventwire":
        result.update({"stage_mean_ms": stage_ms, "failed": failed, "skipped": skipped})
    return result


def machine() -> dict[str, Any]:
    cpu = "unknown"
    memory = 0.0
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name")), cpu)
        with open("/proc/meminfo", encoding="utf-8") as info:
            memory = next((int(line.split()[1]) / 1024 / 1024 for line in info
                           if line.startswith("MemTotal:")), memory)
    except OSError:
        pass
    import spacy

    from eventwire.nlp.parse import load_model, model_label
    from eventwire.settings import Settings

    settings = Settings()
    return {
        "cpu": cpu, "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "ram_gb": round(memory, 1), "platform": platform.platform(),
        "python": platform.python_version(), "spacy": spacy.__version__,
        "model": model_label(load_model(settings.model, settings.max_chars)),
        "batch_size": settings.batch_size, "git_commit": git_commit(),
    }


def git_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True,
                              text=True, check=False, timeout=30)
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "HEAD") or "unknown"
        return commit + (" (with uncommitted changes)" if git("status", "--porcelain") else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def run_child(tool: str, workers: int, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", f"{tool}:{workers}",
               "--repeats", str(args.repeats)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{tool} with {workers} worker(s) failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table(results: list[dict[str, Any]], ratios: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'tool':<10} {'workers':>7} {'articles/s':>11} {'words/s':>9} "
             f"{'best s':>7} {'CPU s':>7} {'peak RSS MB':>12} {'peak PSS MB':>12}"]
    for r in results:
        lines.append(f"{r['tool']:<10} {r['workers']:>7} {r['articles_per_s']:>11.2f} "
                     f"{r['words_per_s']:>9.0f} {r['best_seconds']:>7.2f} "
                     f"{r['cpu_seconds_of_best']:>7.2f} {r['peak_rss_mb']:>12.0f} "
                     f"{r['peak_pss_mb']:>12.0f}")
    lines.append("")
    for workers, ratio in ratios.items():
        lines.append(f"workers={workers}: eventwire/bare spaCy speed = {ratio['speed']:.2f} "
                     f"(eventwire takes {ratio['time']:.2f}x the time and {ratio['cpu']:.2f}x "
                     "the CPU time of bare spaCy)")
        if len(ratio["speed_by_round"]) > 1:
            lines.append(f"  median of {len(ratio['speed_by_round'])} paired rounds; by round: "
                         + ", ".join(f"{r:.2f}" for r in ratio["speed_by_round"]))
    for r in results:
        if r["tool"] == "eventwire":
            stages = ", ".join(f"{s} {ms:.1f}" for s, ms in r["stage_mean_ms"].items())
            lines.append(f"eventwire workers={r['workers']} mean ms per article by stage: "
                         f"{stages} (failed {r['failed']}, skipped {r['skipped']})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--repeats", type=int, default=2, help="timed passes; best counts")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measured (spaCy, eventwire) pairs; the median ratio counts")
    parser.add_argument("--workers", default="1,2", help="worker counts, e.g. 1,2")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repeats < 1 or args.rounds < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--repeats, --rounds and --limit must be at least 1")
    if args.child:
        tool, workers = args.child.split(":")
        print(json.dumps(measure(tool, int(workers), args.limit, args.repeats)))
        return
    try:
        counts = sorted({int(w) for w in args.workers.split(",") if w.strip()})
    except ValueError:
        parser.error("--workers takes comma-separated integers, e.g. 1,2")
    if not counts or counts[0] < 1:
        parser.error("--workers takes positive integers, e.g. 1,2")
    name, texts = corpus(args.limit)
    print(f"corpus: {name}: {len(texts)} articles, "
          f"{sum(len(t.split()) for _, t in texts)} words", flush=True)
    results: list[dict[str, Any]] = []
    ratios: dict[str, dict[str, Any]] = {}
    for workers in counts:
        pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for round_ in range(1, args.rounds + 1):
            pair = []
            for tool in ("spacy", "eventwire"):
                print(f"measuring {tool} with {workers} worker(s), round {round_} of "
                      f"{args.rounds}...", flush=True)
                pair.append(run_child(tool, workers, args))
            pairs.append((pair[0], pair[1]))
        paired = sorted(pairs, key=lambda p: p[1]["articles_per_s"] / p[0]["articles_per_s"])
        bare, ours = paired[(len(paired) - 1) // 2]
        results += [bare, ours]
        ratios[str(workers)] = {
            "speed": round(ours["articles_per_s"] / bare["articles_per_s"], 3),
            "time": round(ours["best_seconds"] / bare["best_seconds"], 3),
            "cpu": round(ours["cpu_seconds_of_best"] / max(bare["cpu_seconds_of_best"], 1e-9), 3),
            "speed_by_round": [round(o["articles_per_s"] / b["articles_per_s"], 3)
                               for b, o in pairs]}
    now = datetime.now(UTC)
    report = {"date": now.isoformat(timespec="seconds"), "corpus": name,
              "articles": len(texts), "repeats": args.repeats, "rounds": args.rounds,
              "machine": machine(),
              "results": results, "ratio_eventwire_to_bare": ratios,
              "notes": "speed = eventwire articles/s / bare spaCy articles/s; time and cpu: "
                       "eventwire wall-clock and CPU seconds (user + system, workers "
                       "included) over bare spaCy's; words are whitespace-separated tokens "
                       "of the input text; model load and warm-up excluded; best of the "
                       "timed passes; with several rounds, speed is the median of the paired "
                       "ratios (speed_by_round) and the table's figures are that round's; "
                       "peak RSS sums the RSS of the process and its "
                       "workers (shared pages counted in each), peak PSS splits shared "
                       "pages (0 where /proc/PID/smaps_rollup is unavailable)"}
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"throughput-{now.date().isoformat()}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(out, RESULTS / "throughput-latest.json")
    print(table(results, ratios))
    print(f"machine: {report['machine']['cpu']}, {report['machine']['cores_usable']} cores, "
          f"{report['machine']['ram_gb']} GB, Python {report['machine']['python']}, "
          f"spaCy {report['machine']['spacy']}, {report['machine']['model']}")
    print(f"results: {out} (and {RESULTS / 'throughput-latest.json'})")


if __name__ == "__main__":
    main()
