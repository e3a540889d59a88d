"""What the commands print besides their results: errors and problems on stderr.

Every command module imports these from here (never from `cli.main`), so the command
modules do not import each other.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `error: message` on stderr; return the Exit to raise (exit code `code`)."""
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def report_problem(kind: str, problem: str) -> None:
    """One line on stderr per unreadable, failed or skipped input."""
    style = "red" if kind == "error" else "yellow"
    err.print(f"[{style}]{kind}:[/{style}] {problem}", highlight=False, soft_wrap=True)
