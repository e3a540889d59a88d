"""`eventwire eval TASK`: score the pipeline on human-annotated gold data.

Each task module exposes `evaluate(gold, pipeline, limit, errors) -> Report`; register it
in `TASKS` below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eventwire.evaluation.common import Report
from eventwire.pipeline.runner import Pipeline

Evaluator = Callable[[list[Path], Pipeline, int | None, int], Report]

TASKS: dict[str, str] = {
    "actors": "actors",
    "articles": "articles",
    "dedup": "dedup",
    "event-location": "event_location",
    "events": "events",
    "places": "places",
    "quotes": "quotes",
    "stories": "stories",
    "times": "times",
}


def evaluator(task: str) -> Evaluator:
    """The `evaluate` function of a registered task (imported on demand)."""
    from importlib import import_module

    if task not in TASKS:
        from eventwire.errors import ConfigError

        raise ConfigError(f"unknown eval task {task!r}; choose from {sorted(TASKS)}")
    module = import_module(f".{TASKS[task]}", __name__)
    function: Evaluator = module.evaluate
    return function
