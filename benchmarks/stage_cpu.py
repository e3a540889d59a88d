"""CPU time per article of each pipeline stage against bare spaCy, in one process.

    .venv/bin/python benchmarks/stage_cpu.py [--limit N] [--repeats N]

Wall-clock throughput (benchmarks/throughput.py) swings with whatever else runs on the
machine; CPU time (`time.process_time`) much less. On the corpus throughput.py uses, every
pass times bare spaCy (`nlp.pipe` with the model and batch size eventwire uses) and then
the whole pipeline (cleaning on, one worker), each stage's CPU time measured around its own
work; the best pass of each counts. The ratio is bare spaCy's CPU time over eventwire's:
the speed eventwire would have against bare spaCy on an idle machine. Nothing is written.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import WARMUP, corpus  # the benchmark next to this one


def timed(stage: Any, spent: dict[str, float]) -> None:
    """Add the CPU time of each call of the stage's work to `spent[stage.name]`."""
    def wrap(work: Callable[[Any], None]) -> Callable[[Any], None]:
        def run(item: Any) -> None:
            began = time.process_time()
            try:
                work(item)
            finally:
                spent[stage.name] = spent.get(stage.name, 0.0) + time.process_time() - began
        return run

    stage.process = wrap(stage.process)
    if hasattr(stage, "process_batch"):
        stage.process_batch = wrap(stage.process_batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--repeats", type=int, default=3, help="passes; the best counts")
    args = parser.parse_args()
    from eventwire.nlp.parse import load_model
    from eventwire.pipeline.runner import Pipeline
    from eventwire.settings import Settings
    from eventwire.text.ingest import make_article

    settings = Settings()
    name, texts = corpus(args.limit)
    plain = [text for _, text in texts]
    nlp = load_model(settings.model, settings.max_chars)
    pipeline = Pipeline(settings)
    spent: dict[str, float] = {}
    for stage in pipeline.stages:
        timed(stage, spent)

    def articles() -> list[Any]:
        return [make_article({"id": article_id}, text, f"corpus:{number}", settings.max_chars)
                for number, (article_id, text) in enumerate(texts)]

    list(nlp.pipe(plain[:WARMUP], batch_size=settings.batch_size))
    list(pipeline.run(articles()[:WARMUP], workers=1))
    bare = ours = float("inf")
    stages: dict[str, float] = {}
    for _ in range(args.repeats):
        gc.collect()
        began = time.process_time()
        for _doc in nlp.pipe(plain, batch_size=settings.batch_size):
            pass
        bare = min(bare, time.process_time() - began)
        inputs = articles()
        gc.collect()
        spent.clear()
        began = time.process_time()
        list(pipeline.run(inputs, workers=1))
        used = time.process_time() - began
        if used < ours:
            ours, stages = used, {**spent, "other": used - sum(spent.values())}
    count = len(texts)
    print(f"corpus: {name}: {count} articles; best of {args.repeats} passes")
    print(f"bare spaCy {bare / count * 1000:.1f} CPU ms/article, eventwire "
          f"{ours / count * 1000:.1f}: ratio {bare / ours:.3f}")
    print("eventwire CPU ms/article by stage: " + ", ".join(
        f"{stage} {seconds / count * 1000:.2f}" for stage, seconds in stages.items()))
    after_parse = sum(s for stage, s in stages.items() if stage != "parse")
    print(f"all but the parse: {after_parse / count * 1000:.1f} CPU ms/article")


if __name__ == "__main__":
    main()
