"""Options and steps that `extract` and `ingest` share, so they behave the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from eventwire.settings import Settings, load_settings
from eventwire.text.ingest import Overrides, normalise_date

if TYPE_CHECKING:
    from eventwire.pipeline.runner import Pipeline

err = Console(stderr=True)

Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
Raw = Annotated[bool, typer.Option("--raw", help="Keep input text verbatim (no cleaning).")]
Published = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")]
Outlet = Annotated[str | None, typer.Option(help="Outlet name for a single file.")]
Url = Annotated[str | None, typer.Option(help="URL for a single file.")]
Title = Annotated[str | None, typer.Option(help="Title for a single file.")]
Workers = Annotated[int | None, typer.Option(min=1, help="Worker processes.")]


def settings_for(raw: bool, workers: int | None) -> Settings:
    return load_settings().override(clean=False if raw else None, workers=workers)


def start(raw: bool, workers: int | None, published: str | None, outlet: str | None,
          url: str | None, title: str | None) -> tuple[Pipeline, Overrides]:
    """The pipeline and the command-line metadata; raises EventwireError on bad options."""
    from eventwire.pipeline.runner import Pipeline

    overrides = Overrides(published=normalise_date(published, "--published"), outlet=outlet,
                          url=url, title=title)
    return Pipeline(settings_for(raw, workers)), overrides


def report_problem(kind: str, problem: str) -> None:
    """One line on stderr per unreadable, failed or skipped input."""
    style = "red" if kind == "error" else "yellow"
    err.print(f"[{style}]{kind}:[/{style}] {problem}", highlight=False, soft_wrap=True)
