"""What the commands print besides their results: errors and problems on stderr.

Every command module imports these from here (never from `cli.main`), so the command
modules do not import each other. `say` prints user text literally: a file named
`[bold]x.txt` stays `[bold]x.txt`, a value "[/]" is not read as markup, and control
characters (a newline, an ANSI escape in a file name) are shown escaped (`\\n`, `\\x1b`),
so a message is always one line and cannot forge another or recolour the terminal.

`guarded` runs the whole command line: a closed standard output is an error when something
is written to it ("standard output is closed"), a broken pipe (`eventwire ... | head`)
ends the command quietly with exit status 1 (as click and rich do), and any other failure
to write the output is one line, never a traceback.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from eventwire.errors import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL

err = Console(stderr=True)
STYLES = {"error": "red", "skipped": "yellow", "warning": "yellow"}
T = TypeVar("T")
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


class ClosedOutput(io.TextIOBase):
    """Standard output when the process was started with it closed: writing is an error."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        return None


def _pacify_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return


def output_failed(where: str, exc: OSError) -> typer.Exit:
    """The exit for a failed write of the results: quiet (status 1) for a broken pipe, a
    one-line error otherwise."""
    if exc.errno == errno.EPIPE:
        _pacify_stdout()
        return typer.Exit(1)
    return fail(f"{where}: cannot write ({exc.strerror or exc})")


# The exit codes every command uses (the README's table lists the same).
EXIT_CODES = {
    EXIT_OK: "done: everything given was processed",
    EXIT_FAILED: "refused or nothing processed: a bad option or argument (usage errors "
                 "included), an unusable store, settings or --out, or no input processed",
    EXIT_PARTIAL: "partly failed: some inputs were processed, others unreadable or failed",
}
USAGE_ERROR = 2  # click.UsageError.exit_code


def guarded(command: Callable[[], T]) -> T:
    """Run the command line: closed stdout, broken pipes and full disks never trace back."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    before = _identity()
    try:
        result = command()
    except OSError as exc:
        raise SystemExit(output_failed("standard output", exc).exit_code) from None
    except SystemExit as done:
        if done.code in (0, None) and _identity() != before:  # rich met a broken pipe
            raise SystemExit(1) from None
        if done.code == USAGE_ERROR:  # click's code for a usage error: ours is 1
            raise SystemExit(EXIT_FAILED) from None
        raise
    return result


def _identity() -> tuple[int, int] | None:
    """Which file descriptor 1 is (a broken pipe makes rich point it at /dev/null)."""
    try:
        info = os.fstat(1)
    except OSError:
        return None
    return info.st_dev, info.st_ino
