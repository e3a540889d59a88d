"""The exception tree. Every error eventwire raises on purpose is an `EventwireError`.

    EventwireError            anything eventwire reports to the user
    ├── InputError            an input file, line or value cannot be read; names the input
    ├── ConfigError           a setting or the stage chain is wrong
    ├── StageError            a stage failed on one article (recorded, the batch goes on)
    ├── StoreError            the database is unreadable, foreign or too new; never modified
    └── ConflictError         a review was based on an event version someone else changed

Messages are one line and say what to do about the problem.
"""

from __future__ import annotations

# Exit codes of every command (the README's table; cli/output.py EXIT_CODES says each).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_PARTIAL = 3


class EventwireError(Exception):
    """Base of all errors eventwire reports."""


class InputError(EventwireError):
    """An input cannot be read. The message starts with the input's name."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ConfigError(EventwireError):
    """A setting or the stage chain is invalid."""


class StageError(EventwireError):
    """A stage failed on one article."""

    def __init__(self, stage: str, message: str) -> None:
        self.stage = stage
        super().__init__(f"stage {stage!r} failed: {message}")


class StoreError(EventwireError):
    """The event store cannot be used; it has not been modified."""


class ConflictError(EventwireError):
    """A review action was based on a version of the event that is no longer current."""
