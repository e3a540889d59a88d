"""A progress bar with a total and a rate for long extract and ingest runs, on stderr.

Only when stderr is a terminal: piped or redirected output gets no bar. The total is the
number of articles the inputs hold, counted cheaply before the run (lines of JSONL, rows of
CSV, one per other file); unknown for stdin.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from eventwire.text.ingest import TABLE_SUFFIXES, expand

if TYPE_CHECKING:
    from eventwire.pipeline.engines import Runner

T = TypeVar("T")


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} articles/s", style="progress.data.speed")


def _lines(path: Path) -> int:
    count = 0
    with path.open("rb") as stream:
        for line in stream:
            count += bool(line.strip())
    return count


def count_inputs(paths: list[str]) -> int | None:
    """How many articles the inputs hold (None when one is stdin or unreadable)."""
    total = 0
    for _, path in expand(paths):
        if path is None:
            return None
        if not isinstance(path, Path):  # a folder that cannot be read: one line, no article
            continue
        try:
            if path.suffix.lower() in TABLE_SUFFIXES:
                total += max(0, _lines(path) - (path.suffix.lower() == ".csv"))
            else:
                total += 1
        except OSError:
            total += 1
    return total


class Bar:
    """Call it once per article to advance the bar; `say(words)` shows what is happening
    until the next article (e.g. "loading model")."""

    def __init__(self, progress: Progress | None = None, task: TaskID | None = None,
                 description: str = "") -> None:
        self.progress = progress
        self.task = task
        self.description = description
        self.saying = False

    def __call__(self) -> None:
        if self.progress is not None and self.task is not None:
            if self.saying:
                self.saying = False
                self.progress.update(self.task, description=self.description)
            self.progress.advance(self.task)

    def say(self, words: str) -> None:
        if self.progress is not None and self.task is not None:
            self.saying = True
            self.progress.update(self.task, description=f"{self.description}: {words}")


@contextmanager
def progress_bar(paths: list[str], console: Console, description: str) -> Iterator[Bar]:
    """A `Bar` to call once per article: advances a bar (total, rate, time left) while
    `console` is a terminal, does nothing otherwise."""
    if not console.is_terminal:
        yield Bar()
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               RateColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(description, total=count_inputs(paths))
        yield Bar(progress, task, description)


def tracked(items: Iterable[T], paths: list[str], console: Console,
            description: str, runner: Runner | None = None) -> Iterator[T]:
    """`items`, advancing a progress bar for each (see `progress_bar`); the bar says
    "loading model" while `runner` loads it."""
    with progress_bar(paths, console, description) as advance:
        if runner is not None:
            runner.on_load = lambda: advance.say("loading model")
        for item in items:
            yield item
            advance()
