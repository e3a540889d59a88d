"""Options and steps that `extract` and `ingest` share, so they behave the same way.

Everything a user gave (paths, options, settings) is checked by `prepare` before any file
is written or any model is loaded; messages go through `say`, which prints user text
literally (a file named `[bold]x.txt` stays `[bold]x.txt`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.output import err, report_problem, say
from eventwire.errors import ConfigError
from eventwire.pipeline.engines import Engine
from eventwire.settings import Settings, load_settings
from eventwire.text.dates import normalise_date
from eventwire.text.ingest import TABLE_SUFFIXES, Overrides

if TYPE_CHECKING:
    pass

__all__ = ["Address", "EngineOption", "Outlet", "Paths", "Published", "Raw", "Title", "Url",
           "Workers", "err", "prepare", "report_problem", "say", "settings_for"]

Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
Raw = Annotated[bool, typer.Option("--raw", help="Keep input text verbatim (no cleaning).")]
Published = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")]
Outlet = Annotated[str | None, typer.Option(help="Outlet name for a single file.")]
Url = Annotated[str | None, typer.Option(help="URL for a single file (one input only).")]
Title = Annotated[str | None, typer.Option(help="Title for a single file (one input only).")]
Workers = Annotated[int | None, typer.Option(min=1, max=256, help="Worker processes.")]
EngineOption = Annotated[Engine, typer.Option("--engine", help="Where the pipeline runs: "
                                              "this machine, or a Ray cluster "
                                              "(the 'ray' extra; docs/scale.md).")]
Address = Annotated[str | None, typer.Option(help="Ray cluster to join (auto, HOST:PORT); "
                                             "default: start a local one.")]


def settings_for(raw: bool, workers: int | None) -> Settings:
    return load_settings().override(clean=False if raw else None, workers=workers)


def single_input(paths: list[str], url: str | None, title: str | None) -> None:
    """--url and --title name one article: refuse them with several inputs (a url is
    unique in a store: applied to several articles, each would replace the last)."""
    given = [name for name, value in (("--url", url), ("--title", title)) if value is not None]
    if not given:
        return
    several = len(paths) != 1 or (paths[0] != "-" and (
        Path(paths[0]).is_dir() or Path(paths[0]).suffix.lower() in TABLE_SUFFIXES))
    if several:
        raise ConfigError(f"{' and '.join(given)} name one article: give exactly one input "
                          "file (or -), not several, a folder or a .jsonl/.csv table; put "
                          "per-article urls and titles in the records or in NAME.meta.json")


def prepare(paths: list[str], raw: bool, workers: int | None, published: str | None,
            outlet: str | None, url: str | None,
            title: str | None) -> tuple[Settings, Overrides]:
    """Checked settings and command-line metadata; EventwireError on anything wrong."""
    single_input(paths, url, title)
    overrides = Overrides(published=normalise_date(published, "--published"), outlet=outlet,
                          url=url, title=title)
    return settings_for(raw, workers), overrides


