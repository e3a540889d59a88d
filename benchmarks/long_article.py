"""Benchmark one long article through the whole pipeline: seconds and peak memory by length.

    PYTHONPATH=src .venv/bin/python benchmarks/long_article.py
        [--sizes 1000000 2000000 5000000] [--one-line 2000000] [--timeout 1500]
        [--out benchmarks/results/long_article.json]

The article is real news text (the stories of ../shared/corpora/voa/voa_stories.jsonl when
it is there, else examples/*.txt) joined by blank lines until it is `size` characters long;
a size also given to `--one-line` has every line break replaced by a space, so the text is
ONE line with no paragraph to cut at. Each size runs in a fresh process, so its peak RSS
(resource.getrusage, ru_maxrss) is that of one article of that size with the model loaded;
the model alone is reported as `model_rss_mb`, the seconds of each stage as `stage_seconds`,
the machine's load average before and after each run as `load`. Goals (#25): a 1 MB article
in under 60 s and 1 GB; 5 MB in at most 5 times the seconds of 1 MB and under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "voa" / "voa_stories.jsonl"


def paragraphs() -> list[str]:
    if CORPUS.exists():
        texts = [json.loads(line).get("text") or "" for line in
                 CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [p.strip() for text in texts for p in text.split("\n\n") if p.strip()]


def article(size: int) -> str:
    parts: list[str] = []
    total, pool = 0, paragraphs()
    while total < size:
        part = pool[len(parts) % len(pool)]
        parts.append(part)
        total += len(part) + 2
    return "\n\n".join(parts)[:size]


def one_line(text: str) -> str:
    return " ".join(text.splitlines())


def child(size: int, flat: bool) -> dict[str, object]:
    from eventwire.model import Article, Meta
    from eventwire.pipeline.runner import Pipeline
    from eventwire.settings import Settings

    text = article(size) if size else "Short warm-up text about nothing in particular."
    text = one_line(text) if flat else text
    pipeline = Pipeline(Settings(max_chars=max(len(text), Settings().max_chars)))
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    began = time.perf_counter()
    result = pipeline.process(Article(id="long", text=text, meta=Meta(version="bench")))
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"chars": len(text), "one_line": flat, "lines": text.count("\n") + 1,
            "seconds": round(seconds, 2), "peak_rss_mb": round(peak),
            "model_rss_mb": round(baseline),
            "failure": result.meta.failure.error if result.meta.failure else None,
            "events": len(result.events), "actors": len(result.actors),
            "quotes": len(result.quotes),
            "stage_seconds": {k: round(v / 1000, 2) for k, v in result.meta.timings_ms.items()}}


def run(size: int, flat: bool, timeout: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(size)] + (["--flat"] if flat else [])
    load = [round(x, 2) for x in os.getloadavg()]
    began = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"chars": size, "one_line": flat, "failure": f"over {timeout:.0f} s",
                "seconds": round(time.perf_counter() - began, 2), "load": load}
    if done.returncode != 0:
        return {"chars": size, "one_line": flat, "load": load,
                "failure": f"exit {done.returncode}: {done.stderr.strip()[-300:]}"}
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    result["load"] = load + [round(x, 2) for x in os.getloadavg()]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[1_000_000, 2_000_000, 5_000_000])
    parser.add_argument("--one-line", type=int, nargs="*", default=[2_000_000],
                        help="sizes whose text is joined into one line")
    parser.add_argument("--timeout", type=float, default=1500.0, help="seconds per size")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results"
                        / "long_article.json")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--flat", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.flat)))
        return
    runs: list[dict[str, Any]] = []
    for size in args.sizes:
        runs.append(run(size, size in args.one_line, args.timeout))
        print(json.dumps(runs[-1]), flush=True)
        write(args.out, runs)  # after every size: a later one may not finish


def write(out: Path, runs: list[dict[str, Any]]) -> None:
    timed = [r for r in runs if not r.get("failure")]
    per_100k = {str(r["chars"]): round(r["seconds"] / (r["chars"] / 100_000), 2)
                for r in timed}
    report = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "cpus": os.cpu_count()},
              "runs": runs, "seconds_per_100k_chars": per_100k}
    if len(timed) > 1:
        first, last = timed[0], timed[-1]
        report["time_ratio_last_to_first"] = round(last["seconds"] / first["seconds"], 2)
        report["size_ratio_last_to_first"] = round(last["chars"] / first["chars"], 2)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
