"""Listing a folder of inputs: every readable file, and one error for what cannot be read.

`pathlib.Path.rglob` skips a folder it may not list without a word; `walk` reports each
such folder (EACCES and the like) as an `InputError`, and a folder holding nothing to read
as one too, so a run over folders never ends quietly with nothing done.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from eventwire.errors import InputError

Listed = tuple[str, Path | InputError | None]  # (name, file; an error; None: stdin)


def walk(folder: Path, suffixes: Collection[str]) -> list[Listed]:
    """The files of a folder with one of `suffixes` (sorted), after an error for each
    folder inside that cannot be listed."""
    found: list[Listed] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(folder)
        found.append((str(where), InputError(str(where), "cannot list this folder "
                                             f"({exc.strerror or exc}); not read")))

    for top, _, names in os.walk(folder, onerror=unreadable):
        for name in names:
            child = Path(top) / name
            if child.suffix.lower() in suffixes and child.is_file():
                found.append((str(child), child))
    files = sorted((item for item in found if isinstance(item[1], Path)),
                   key=lambda item: Path(item[0]))
    errors = [item for item in found if not isinstance(item[1], Path)]
    if not files and not errors:
        errors.append((str(folder), InputError(str(folder), "folder holds no .txt, .html, "
                                               ".jsonl or .csv files; nothing to read")))
    return errors + files
