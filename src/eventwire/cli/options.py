"""Options and steps that `extract` and `ingest` share, so they behave the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.output import err, report_problem
from eventwire.pipeline.engines import Engine
from eventwire.settings import Settings, load_settings
from eventwire.text.ingest import Overrides, normalise_date

if TYPE_CHECKING:
    from eventwire.pipeline.runner import Pipeline

__all__ = ["Address", "EngineOption", "Outlet", "Paths", "Published", "Raw", "Title", "Url",
           "Workers", "err", "overrides_for", "report_problem", "settings_for", "start"]

Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
Raw = Annotated[bool, typer.Option("--raw", help="Keep input text verbatim (no cleaning).")]
Published = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")]
Outlet = Annotated[str | None, typer.Option(help="Outlet name for a single file.")]
Url = Annotated[str | None, typer.Option(help="URL for a single file.")]
Title = Annotated[str | None, typer.Option(help="Title for a single file.")]
Workers = Annotated[int | None, typer.Option(min=1, help="Worker processes.")]
EngineOption = Annotated[Engine, typer.Option("--engine", help="Where the pipeline runs: "
                                              "this machine, or a Ray cluster "
                                              "(the 'ray' extra; docs/scale.md).")]
Address = Annotated[str | None, typer.Option(help="Ray cluster to join (auto, HOST:PORT); "
                                             "default: start a local one.")]


def settings_for(raw: bool, workers: int | None) -> Settings:
    return load_settings().override(clean=False if raw else None, workers=workers)


def start(raw: bool, workers: int | None, published: str | None, outlet: str | None,
          url: str | None, title: str | None) -> tuple[Pipeline, Overrides]:
    """The pipeline and the command-line metadata; raises EventwireError on bad options."""
    from eventwire.pipeline.runner import Pipeline

    overrides = overrides_for(published, outlet, url, title)
    return Pipeline(settings_for(raw, workers)), overrides


def overrides_for(published: str | None, outlet: str | None, url: str | None,
                  title: str | None) -> Overrides:
    """The command-line metadata; raises InputError on a bad date."""
    return Overrides(published=normalise_date(published, "--published"), outlet=outlet,
                     url=url, title=title)
