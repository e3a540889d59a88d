"""What the commands print besides their results: errors and problems on stderr.

Every command module imports these from here (never from `cli.main`), so the command
modules do not import each other. `say` prints user text literally: a file named
`[bold]x.txt` stays `[bold]x.txt`, a value "[/]" is not read as markup, and control
characters (a newline, an ANSI escape in a file name) are shown escaped (`\\n`, `\\x1b`),
so a message is always one line and cannot forge another or recolour the terminal.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True)
STYLES = {"error": "red", "skipped": "yellow", "warning": "yellow"}
CONTROLS = {code: repr(chr(code))[1:-1] for code in (*range(32), *range(0x7F, 0xA0))}


def printable(text: str) -> str:
    """`text` with control characters escaped (a newline as \\n, ESC as \\x1b)."""
    return text.translate(CONTROLS)


def say(message: str, kind: str | None = None) -> None:
    """One message on stderr, `kind:` in colour, the message itself printed literally."""
    head = f"[{STYLES.get(kind, 'bold')}]{kind}:[/] " if kind else ""
    err.print(head + escape(printable(message)), highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `error: message` on stderr; return the Exit to raise (exit code `code`)."""
    say(message, "error")
    return typer.Exit(code)


def report_problem(kind: str, problem: str) -> None:
    """One line on stderr per unreadable, failed or skipped input."""
    say(problem, kind)
