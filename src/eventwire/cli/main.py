"""The command line: `eventwire extract`, `eventwire schema`, `eventwire settings`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from eventwire._version import __version__
from eventwire.cli import review, serve, show, store, watch
from eventwire.cli.ingest import ingest
from eventwire.cli.options import (
    Address,
    EngineOption,
    Outlet,
    Paths,
    Published,
    Raw,
    Title,
    Url,
    Workers,
    err,
    prepare,
    report_problem,
    say,
)
from eventwire.cli.outfile import Output, check_out, write_output
from eventwire.cli.output import fail, guarded, output_failed
from eventwire.cli.progress import tracked
from eventwire.errors import EventwireError
from eventwire.model import Article, json_schema
from eventwire.pipeline.batch import Tally
from eventwire.pipeline.engines import Engine, Run, Runner
from eventwire.settings import Settings, load_settings


class App(typer.Typer):
    """The command line, run through `output.guarded` (closed stdout, broken pipes)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return guarded(lambda: super(App, self).__call__(*args, **kwargs))


app = App(add_completion=False, no_args_is_help=True,
          help="eventwire: news articles to verifiable PLOVER event data.")


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    parquet = "parquet"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """eventwire: who did what to whom, when, where, according to whom, in what words."""


def render(articles: list[Article], fmt: OutputFormat) -> str:
    if fmt is OutputFormat.jsonl:
        return "".join(a.to_json() + "\n" for a in articles)
    if fmt is OutputFormat.json:
        # always a list, one object per input article, however many there are
        return json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2) + "\n"
    from eventwire.cli.render import print_table

    console = Console(record=True, force_terminal=False)  # the terminal's width
    with console.capture() as capture:
        print_table(articles, console)
    return capture.get()


@app.command()
def extract(
    paths: Paths,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] =
        OutputFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout.")] =
        None,
    raw: Raw = False,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    title: Title = None,
    workers: Workers = None,
    engine: EngineOption = Engine.local,
    address: Address = None,
) -> None:
    """Extract records from articles and print them (exit 0 ok, 1 failed, 3 partly failed).

    JSONL records are written as each article finishes; --out is replaced whole at the end.
    `--format parquet --out DIR` writes Parquet partitions into DIR (docs/scale.md).
    """
    if fmt is OutputFormat.parquet and out is None:
        raise fail("--format parquet writes partitions into a folder: give --out DIR")
    parts = out if fmt is OutputFormat.parquet else None
    try:
        if parts is None:
            check_out(out)
        settings, overrides = prepare(paths, raw, workers, published, outlet, url, title)
        runner = Runner(Run(engine, address, workers, parts), settings)
    except EventwireError as exc:
        raise fail(str(exc)) from None
    tally = Tally()
    stream = tracked(runner.articles(paths, overrides, tally, on_problem=report_problem),
                     paths, err, "extracting", runner)
    try:
        if parts is not None:  # the engine writes the partitions as chunks finish
            count = sum(1 for _ in stream)
        else:
            with Output(out) as output:
                count = _emit(stream, fmt, output)
    except OSError as exc:
        raise output_failed(str(out or "stdout"), exc) from None
    except EventwireError as exc:
        raise fail(str(exc)) from None
    if tally.exit_code or count > 1:
        say(tally.summary())
    if tally.exit_code:
        raise typer.Exit(tally.exit_code)


def _emit(stream: Iterable[Article], fmt: OutputFormat, output: Output) -> int:
    """Write the articles of `stream` to `output`: JSONL as each one finishes, JSON and
    tables when all have; the number written."""
    articles: list[Article] = []
    count = 0
    for article in stream:
        count += 1
        if fmt is OutputFormat.jsonl:
            output.write(article.to_json() + "\n")
        else:
            articles.append(article)
    if articles:
        output.write(render(articles, fmt))
    return count


@app.command()
def schema() -> None:
    """Print the JSON Schema of the eventwire/1 record."""
    typer.echo(json.dumps(json_schema(), indent=2))


@app.command("settings")
def show_settings() -> None:
    """List every setting with its current value and help."""
    try:
        current = load_settings()
    except EventwireError as exc:
        raise fail(str(exc)) from None
    for name, default, help_text in Settings.table():
        typer.echo(f"{name} = {getattr(current, name)!r}  (default {default!r}) - {help_text}")


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="events, articles, actors, quotes, times, "
                                              "places, event-location, dedup, stories, "
                                              "reviews")],
    gold: Annotated[list[Path] | None, typer.Option("--gold", help="Gold JSONL file(s).")] =
        None,
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N records.")] =
        None,
    errors: Annotated[int, typer.Option(min=0, help="Print the N most instructive failures.")] =
        0,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the report here.")] =
        None,
    db: Annotated[Path | None, typer.Option("--db", help="reviews: the reviewed store.")] =
        None,
    stored: Annotated[bool, typer.Option("--stored", help="reviews: score the stored machine "
                                         "values, not the current pipeline.")] = False,
) -> None:
    """Score the pipeline on human-annotated gold data (reviews: on a store's reviews)."""
    from rich.table import Table

    from eventwire.evaluation import evaluator
    from eventwire.evaluation.common import raw_pipeline

    try:
        check_out(json_out, "--json")
        if task == "reviews":
            from eventwire.evaluation.review_eval import evaluate_reviews

            if db is None:
                raise fail("eval reviews: give the reviewed store with --db")
            report = evaluate_reviews(db, stored, errors)
        elif not gold:
            raise fail(f"eval {task}: give the gold data with --gold")
        else:
            function = evaluator(task)
            report = function(gold, raw_pipeline(load_settings()), limit, errors)
    except EventwireError as exc:
        raise fail(str(exc)) from None
    out = Console()
    metrics = Table(title=f"eval {task} ({report.n} gold records)", title_justify="left")
    metrics.add_column("metric")
    metrics.add_column("value", justify="right")
    for name, value in report.metrics.items():
        metrics.add_row(name, f"{value:.3f}")
    out.print(metrics)
    for name, rows in report.tables.items():
        if not rows:
            continue
        table = Table(title=name, title_justify="left")
        for column in rows[0]:
            table.add_column(str(column))
        for row in rows[1:]:
            table.add_row(*(f"{c:.3f}" if isinstance(c, float) else str(c) for c in row))
        out.print(table)
    for line in report.errors[:errors]:
        out.print(f"- {line}", highlight=False, soft_wrap=True, markup=False)
    if json_out is not None:
        write_output(json.dumps(report.to_dict(), indent=2) + "\n", json_out)


@app.command("gate")
def gate(
    update: Annotated[bool, typer.Option("--update", help="Raise floors to the current "
                                         "values (never lowers one).")] = False,
    lower: Annotated[str | None, typer.Option("--lower", metavar="METRIC",
                                              help="Lower this floor (needs --to, --reason).")]
        = None,
    to: Annotated[float | None, typer.Option("--to", help="The lowered floor.")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the floor goes down.")] =
        None,
    dev: Annotated[Path | None, typer.Option("--dev", help="Dev data folder (default "
                                             "$EVENTWIRE_DEV_DATA or ../shared/eval/dev).")] =
        None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Floors file (default "
                                                  "benchmarks/baseline.json).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for the pipeline.")] = 1,
) -> None:
    """Quality ratchet: score the gate subset of the dev data; exit 1 if a metric dropped."""
    from eventwire.evaluation.gate import Options
    from eventwire.evaluation.gate import main as run_gate

    options = Options(update=update, lower=lower, to=to, reason=reason, dev=dev,
                      baseline=baseline, workers=workers)
    try:
        code = run_gate(options, typer.echo)
    except EventwireError as exc:
        raise fail(str(exc)) from None
    if code:
        raise typer.Exit(code)


@app.command("calibrate", hidden=True, context_settings={"allow_extra_args": True,
                                                          "ignore_unknown_options": True})
def calibrate(context: typer.Context) -> None:
    """Refit the event confidence model: [--dry-run] [--stories N] [--dev DIR]."""
    from eventwire.evaluation.calibrate import main as run_calibrate

    code = run_calibrate(list(context.args))
    if code:
        raise typer.Exit(code)


# The store commands (cli/store.py, cli/show.py), `watch` and `serve`, in help order.
for command in (ingest, store.events, show.counts, show.show, store.actors, store.quotes,
                store.stats, store.export, watch.watch, serve.serve):
    app.command()(command)
app.add_typer(review.app, name="review")
