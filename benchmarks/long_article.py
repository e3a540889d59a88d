"""Benchmark one long article through the whole pipeline: seconds and peak memory by length.

    PYTHONPATH=src .venv/bin/python benchmarks/long_article.py [--sizes 100000 500000 1000000]
        [--out benchmarks/results/long_article.json]

The article is real news text (the stories of ../shared/corpora/voa/voa_stories.jsonl when
it is there, else examples/*.txt) joined by blank lines until it is `size` characters long.
Each size runs in a fresh process, so its peak RSS (resource.getrusage, ru_maxrss) is that
of one article of that size with the model loaded; the model alone is reported as
`baseline`. Goal: a 1 MB article under 1 GB peak, time linear in length.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

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
    parts, total, pool = [], 0, paragraphs()
    while total < size:
        part = pool[len(parts) % len(pool)]
        parts.append(part)
        total += len(part) + 2
    return "\n\n".join(parts)[:size]


def child(size: int) -> dict[str, object]:
    from eventwire.model import Article, Meta
    from eventwire.pipeline.runner import Pipeline
    from eventwire.settings import Settings

    pipeline = Pipeline(Settings())
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = article(size) if size else "Short warm-up text about nothing in particular."
    began = time.perf_counter()
    result = pipeline.process(Article(id="long", text=text, meta=Meta(version="bench")))
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"chars": len(text), "seconds": round(seconds, 2), "peak_rss_mb": round(peak),
            "model_rss_mb": round(baseline),
            "failure": result.meta.failure.error if result.meta.failure else None,
            "events": len(result.events), "actors": len(result.actors),
            "quotes": len(result.quotes),
            "stage_seconds": {k: round(v / 1000, 2) for k, v in result.meta.timings_ms.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000, 1_000_000])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results"
                        / "long_article.json")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return
    runs = []
    for size in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--child", str(size)],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.splitlines()[-1]))
        print(json.dumps(runs[-1]), flush=True)
    per_100k = [r["seconds"] / (r["chars"] / 100_000) for r in runs]  # type: ignore[operator]
    report = {"machine": {"python": platform.python_version(), "platform": platform.platform()},
              "runs": runs, "seconds_per_100k_chars": [round(x, 2) for x in per_100k]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
