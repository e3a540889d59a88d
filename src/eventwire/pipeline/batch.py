"""Run the pipeline over inputs and keep score: what was read, skipped, failed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventwire.errors import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, InputError
from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline
from eventwire.text.ingest import Overrides, read_inputs


@dataclass
class Tally:
    """What happened to a batch; `problems` are (kind, one-line message naming the input)."""

    ok: int = 0
    skipped: int = 0
    failed: int = 0
    unreadable: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    def count(self, article: Article) -> None:
        source = article.meta.source or article.id
        if article.meta.failure is not None:
            self.failed += 1
            failure = article.meta.failure
            self.problems.append(("error", f"{source}: stage {failure.stage!r} failed: "
                                           f"{failure.error}"))
        elif article.meta.skipped is not None:
            self.skipped += 1
            self.problems.append(("skipped", f"{source}: {article.meta.skipped}"))
        else:
            self.ok += 1

    def unreadable_input(self, error: InputError) -> None:
        self.unreadable += 1
        self.problems.append(("error", str(error)))

    @property
    def exit_code(self) -> int:
        bad = self.failed + self.unreadable
        if bad == 0:
            return EXIT_OK
        return EXIT_FAILED if self.ok + self.skipped == 0 else EXIT_PARTIAL

    def summary(self) -> str:
        return (f"{self.ok} article(s) processed, {self.skipped} skipped, {self.failed} failed, "
                f"{self.unreadable} input(s) unreadable")


def process_paths(pipeline: Pipeline, paths: list[str], overrides: Overrides, tally: Tally,
                  workers: int | None = None,
                  on_problem: Callable[[str, str], None] | None = None,
                  skip: Callable[[Article], bool] | None = None) -> Iterator[Article]:
    """Articles from `paths` through the pipeline; unreadable inputs are tallied, not raised.
    `skip(article)` True keeps a read input out of the pipeline (e.g. already stored)."""
    items = read_inputs(paths, overrides, pipeline.settings.max_chars)
    return process_items(pipeline, items, tally, workers, on_problem, skip)


def process_items(pipeline: Pipeline, items: Iterable[Article | InputError], tally: Tally,
                  workers: int | None = None,
                  on_problem: Callable[[str, str], None] | None = None,
                  skip: Callable[[Article], bool] | None = None) -> Iterator[Article]:
    """Articles (and input errors, tallied) from any source through the pipeline."""

    def readable(items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                tally.unreadable_input(item)
                if on_problem:
                    on_problem(*tally.problems[-1])
            elif skip is None or not skip(item):
                yield item

    for article in pipeline.run(readable(items), workers=workers):
        before = len(tally.problems)
        tally.count(article)
        if on_problem and len(tally.problems) > before:
            on_problem(*tally.problems[-1])
        yield article
