"""`eventwire review`: confirm, reject, edit, merge and split events, and the review log.

Each action writes one row of the store's review log and updates the event's corrected view
(store/reviews.py); `--base` names the review version the analyst saw (`eventwire show ID`
prints it), and a stale one is a conflict (exit 1), never a lost update. `--who` defaults
to the `reviewer` setting, then to the login name.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.output import fail, say
from eventwire.cli.store import DEFAULT_DB, DbOption, store_message
from eventwire.errors import EventwireError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Review events: confirm, reject, edit, merge, split; the review log.")

EventArg = Annotated[str, typer.Argument(help="Event id (eventwire events).")]
NoteOption = Annotated[str, typer.Option("--note", help="Why (kept in the log).")]
WhoOption = Annotated[str | None, typer.Option(
    "--who", help="Reviewer name (default: the `reviewer` setting, else the login name).")]
BaseOption = Annotated[int | None, typer.Option(
    "--base", min=0, help="The review version you saw; a newer one is a conflict.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the log row as JSON.")]


def reviewer(who: str | None) -> str:
    if who:
        return who
    from eventwire.settings import load_settings

    return load_settings().reviewer or getpass.getuser()


def _run(db: Path, action: Callable[[sqlite3.Connection], dict[str, Any]],
         as_json: bool) -> None:
    from eventwire.store import connect

    try:
        connection = connect(db)
        try:
            done = action(connection)
        finally:
            connection.close()
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(done, ensure_ascii=False) + "\n")
        return
    changes = "; ".join(f"{field}: {old!r} -> {new!r}"
                        for field, (old, new) in done["changes"].items())
    say(f"{done['action']} {done['event_id']} by {done['who']} (version {done['version']})"
        + (f": {changes}" if changes else ""))


@app.command()
def confirm(event: EventArg, db: DbOption = DEFAULT_DB, note: NoteOption = "",
            who: WhoOption = None, base: BaseOption = None, as_json: AsJson = False) -> None:
    """The event is right as shown."""
    from eventwire.store import reviews

    _run(db, lambda c: reviews.confirm(c, event, reviewer(who), note, base), as_json)


@app.command()
def reject(event: EventArg, db: DbOption = DEFAULT_DB, note: NoteOption = "",
           who: WhoOption = None, base: BaseOption = None, as_json: AsJson = False) -> None:
    """Not an event: it leaves counts, listings and exports; its history stays."""
    from eventwire.store import reviews

    _run(db, lambda c: reviews.reject(c, event, reviewer(who), note, base), as_json)


@app.command()
def edit(
    event: EventArg,
    db: DbOption = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="Event mode.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source actor name.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Target actor name.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD, YYYY-MM or YYYY.")] =
        None,
    place: Annotated[str | None, typer.Option("--place", help="Place name.")] = None,
    note: NoteOption = "", who: WhoOption = None, base: BaseOption = None,
    as_json: AsJson = False,
) -> None:
    """Correct the event's type, mode, source, target, date or place."""
    from eventwire.store import reviews

    changes = {"type": type_, "mode": mode, "source": source, "target": target, "date": date,
               "place": place}
    _run(db, lambda c: reviews.edit(c, event, changes, reviewer(who), note, base), as_json)


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The event to keep.")],
    other: Annotated[str, typer.Argument(help="The same happening, counted as KEEP.")],
    db: DbOption = DEFAULT_DB, note: NoteOption = "", who: WhoOption = None,
    base: BaseOption = None, as_json: AsJson = False,
) -> None:
    """Two events are one happening: OTHER is counted once, as KEEP."""
    from eventwire.store import reviews

    _run(db, lambda c: reviews.merge(c, keep, other, reviewer(who), note, base), as_json)


@app.command()
def split(
    event: EventArg,
    mentions: Annotated[list[str], typer.Option(
        "--mentions", help="ARTICLE_ID/ITEM_ID of a mention to move (repeat it).")],
    db: DbOption = DEFAULT_DB, note: NoteOption = "", who: WhoOption = None,
    base: BaseOption = None, as_json: AsJson = False,
) -> None:
    """Move some of an event's mentions to a new event of their own."""
    from eventwire.store import reviews

    names = [part for given in mentions for part in given.split(",") if part.strip()]
    _run(db, lambda c: reviews.split(c, event, names, reviewer(who), note, base), as_json)


@app.command("log")
def log_(
    db: DbOption = DEFAULT_DB,
    who: Annotated[str | None, typer.Option("--who", help="Only this reviewer's.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSONL.")] = False,
) -> None:
    """Recent review actions, newest first."""
    from eventwire.cli.render import console, table
    from eventwire.store import connect, reviews

    try:
        rows = reviews.log(connect(db, readonly=True), limit, who)
    except (EventwireError, sqlite3.Error) as exc:
        raise fail(store_message(db, exc)) from None
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    columns = ["id", "at", "who", "action", "event_id", "changes", "note"]
    console().print(table(f"reviews in {db}", columns, [
        [row["id"], row["at"], row["who"], row["action"], row["event_id"],
         "; ".join(f"{k}: {v[0]} -> {v[1]}" for k, v in row["changes"].items()), row["note"]]
        for row in rows], wide=("changes", "note"), numeric=("id",)))
