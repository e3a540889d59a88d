"""The Ray engine: the same pipeline on a Ray cluster, through Ray Data.

One dataset row per chunk of articles (JSON, in input order) → `map_batches` through
`ChunkWorker`, an actor class that loads the spaCy model once per actor (one actor per CPU,
`concurrency`) → the records come back to the driver, which puts the chunks back in input
order. Ray restarts a killed actor and retries its chunk (Ray Data's actor pools default to
`max_restarts=-1` and `max_task_retries=-1`: without limit); an article that fails a stage is
recorded as failed, as locally.

Ray is an optional extra (`pip install 'eventwire[ray]'`); nothing imports this module
unless `--engine ray` is asked for.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire._version import __version__
from eventwire.errors import ConfigError, EventwireError
from eventwire.model import Article, Failure
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.pipeline.engines import Chunk, Run


class ChunkWorker:
    """A Ray actor: the pipeline, built once, run over whole chunks of articles."""

    def __init__(self, settings: Settings, version: str) -> None:
        if version != __version__:
            raise ConfigError(f"this Ray worker has eventwire {__version__}, the driver "
                              f"{version}; install the same version on every node")
        self.pipeline = Pipeline(settings)

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        indexes, records, starts, ends = [], [], [], []
        for index, payload in zip(batch["chunk"].to_pylist(), batch["articles"].to_pylist(),
                                  strict=True):
            began = time.time()
            articles = [Article.from_json(text) for text in json.loads(payload)]
            done = self._process(articles)
            indexes.append(index)
            records.append(json.dumps([article.to_json() for article in done]))
            starts.append(began)
            ends.append(time.time())
        return {"chunk": indexes, "records": records, "start": starts, "end": ends}

    def _process(self, articles: list[Article]) -> list[Article]:
        size = max(1, self.pipeline.settings.batch_size)
        done: list[Article] = []
        for first in range(0, len(articles), size):
            batch = articles[first:first + size]
            try:
                done.extend(self.pipeline.process_batch(batch))
            except Exception:  # noqa: BLE001 - one article must not sink the chunk
                done.extend(self._one_by_one(batch))
        return done

    def _one_by_one(self, articles: list[Article]) -> list[Article]:
        done = []
        for article in articles:
            try:
                done.append(self.pipeline.process(article))
            except Exception as exc:  # noqa: BLE001 - recorded on the article, as stages do
                article.meta.failure = Failure(stage="pipeline", error=type(exc).__name__)
                done.append(article)
        return done


def connect(address: str | None, workers: int | None) -> bool:
    """Connect to the cluster at `address` ("auto", "HOST:PORT", "ray://..."), or start a
    local one with `workers` CPUs; True when this call started or joined it."""
    import ray

    if ray.is_initialized():
        return False
    logging.getLogger("ray").setLevel(logging.ERROR)
    # Ray Data's actor pools restart actors (max_restarts=-1), which makes Ray's C++ core
    # print a warning line per actor on the terminal; errors still reach us as exceptions.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                               "logging_level": logging.ERROR}
    if address is None:
        # A local cluster runs this very code: workers import eventwire from where it is.
        source = str(Path(__file__).resolve().parents[2])  # the folder holding eventwire/
        path = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH")) if p)
        options["runtime_env"] = {"env_vars": {"PYTHONPATH": path}}
        options["num_cpus"] = workers or os.cpu_count() or 1
    else:
        options["address"] = address
    ray.init(**options)
    return True


def actors(workers: int | None) -> int:
    """One actor per worker asked for, else one per CPU of the cluster."""
    import ray

    return max(1, workers or int(ray.cluster_resources().get("CPU", 1)))


def process_chunks(chunks: list[Chunk], settings: Settings, run: Run) -> Iterator[Chunk]:
    """Run the chunks on Ray; yield them processed, in the order given."""
    import ray
    import ray.data

    try:
        started = connect(run.address, run.workers)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = run.address or "a local cluster"
        raise EventwireError(f"cannot start or join Ray ({where}): {exc}") from None
    try:
        yield from _execute(ray, chunks, settings, run)
    except ray.exceptions.RayError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EventwireError(f"the Ray run failed: {first}") from None
    finally:
        if started:
            ray.shutdown()


def _execute(ray: Any, chunks: list[Chunk], settings: Settings, run: Run) -> Iterator[Chunk]:
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = True
    items = [{"chunk": index, "articles": json.dumps([a.to_json() for a in chunk])}
             for index, chunk in chunks]
    size = min(actors(run.workers), len(chunks))
    dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
        ChunkWorker, batch_size=1, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=size, max_tasks_in_flight_per_actor=1),
        num_cpus=1, fn_constructor_kwargs={"settings": settings, "version": __version__})
    waiting: dict[int, list[Article]] = {}
    order = iter(index for index, _ in chunks)
    wanted = next(order, None)
    for row in dataset.iter_rows():
        run.spans.append((float(row["start"]), float(row["end"])))
        waiting[int(row["chunk"])] = [Article.from_json(t) for t in json.loads(row["records"])]
        while wanted is not None and wanted in waiting:
            yield wanted, waiting.pop(wanted)
            wanted = next(order, None)
    if wanted is not None:
        raise EventwireError(f"the Ray run returned no records for chunk {wanted}")
