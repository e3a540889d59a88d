"""The pipeline: builds the registered stages once, checks their chain, runs articles.

A failing article is recorded on the article (`meta.failure`: stage and error) and the
batch goes on. `Pipeline.run` yields every article in input order, failed or not.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from eventwire.errors import ConfigError
from eventwire.model import Article, Failure
from eventwire.nlp.mentions import release_index
from eventwire.pipeline.stage import HAND_OVERS, INGESTED, BatchStage, Stage, Work
from eventwire.settings import Settings

WORKER_SPLIT = 4  # with several workers, each task is batch_size / WORKER_SPLIT articles


def check_chain(stages: Sequence[type[Stage]]) -> None:
    """Raise ConfigError unless every name a stage requires or assigns is an `Article`
    field or a `Work` hand-over, and every requirement is assigned before the stage."""
    known = set(Article.model_fields) | set(HAND_OVERS)
    available = set(INGESTED)
    for stage in stages:
        unknown = [name for name in (*stage.requires, *stage.assigns) if name not in known]
        if unknown:
            raise ConfigError(
                f"stage {stage.name!r} names {unknown}, which are neither Article fields nor "
                f"Work hand-overs {list(HAND_OVERS)}; see eventwire/pipeline/stage.py"
            )
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise ConfigError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                "reorder the registry in eventwire/pipeline/registry.py"
            )
        available.update(stage.assigns)


def _failure_text(exc: Exception) -> str:
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


class Pipeline:
    """The registered stages, built once, run over batches of articles."""

    def __init__(self, settings: Settings | None = None,
                 stages: Sequence[type[Stage]] | None = None) -> None:
        from eventwire.pipeline.registry import STAGES

        self.settings = settings or Settings()
        stage_types = tuple(stages) if stages is not None else STAGES
        check_chain(stage_types)
        self.stages: list[Stage] = [cls(self.settings) for cls in stage_types]

    @property
    def model_name(self) -> str | None:
        for stage in self.stages:
            model = getattr(stage, "model_label", None)
            if isinstance(model, str):
                return model
        return None

    def process(self, article: Article) -> Article:
        """Run one article through every stage."""
        return self.process_batch([article])[0]

    def process_batch(self, articles: list[Article]) -> list[Article]:
        works = [Work(article) for article in articles]
        for work in works:
            work.article.meta.model = self.model_name
        for stage in self.stages:
            live = [w for w in works if w.skip is None and w.article.meta.failure is None]
            if not live:
                break
            if isinstance(stage, BatchStage):
                self._run_batch_stage(stage, live)
            else:
                for work in live:
                    self._run_stage(stage, work)
        for work in works:
            release_index(work.article)
        return [w.article for w in works]

    @staticmethod
    def _run_stage(stage: Stage, work: Work) -> None:
        began = time.perf_counter()
        try:
            stage.process(work)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not sink the batch
            work.article.meta.failure = Failure(stage=stage.name, error=_failure_text(exc))
        timings = work.article.meta.timings_ms
        timings[stage.name] = round(timings.get(stage.name, 0.0)
                                    + (time.perf_counter() - began) * 1000, 3)

    def _run_batch_stage(self, stage: BatchStage, works: list[Work]) -> None:
        try:
            stage.process_batch(works)
        except Exception:  # noqa: BLE001 - retry one by one to isolate the failing article
            for work in works:
                if work.doc is None and work.article.meta.failure is None:
                    self._run_stage(stage, work)

    def run(self, articles: Iterable[Article], workers: int | None = None) -> Iterator[Article]:
        """Process articles in batches, in input order, with `workers` processes."""
        workers = workers or self.settings.workers
        if workers <= 1:
            for batch in _batched(articles, self.settings.batch_size):
                yield from self.process_batch(batch)
            return
        # Smaller tasks keep every worker busy to the end of a batch run.
        batches = _batched(articles, max(1, self.settings.batch_size // WORKER_SPLIT))
        # Workers come from a fork server, not a fork of this process: a fork taken while
        # another thread (fetching pages, redrawing the progress bar) holds a lock can hang
        # the worker for good. Each worker builds its own pipeline once.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["eventwire.pipeline.registry"])
        stage_types = tuple(type(stage) for stage in self.stages)
        with context.Pool(workers, initializer=_start_worker,
                          initargs=(self.settings, stage_types)) as pool:
            for result in pool.imap(_worker_process, batches):
                yield from result


_WORKER_PIPELINE: Pipeline | None = None


def _start_worker(settings: Settings, stages: tuple[type[Stage], ...]) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(settings, stages)


def _worker_process(batch: list[Article]) -> list[Article]:
    if _WORKER_PIPELINE is None:
        raise RuntimeError("worker started without a pipeline")
    return _WORKER_PIPELINE.process_batch(batch)


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch
