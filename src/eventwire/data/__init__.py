"""The package's knowledge files, read through one loader.

Paths are relative to this folder, e.g. `read_text("events/plover_lexicon.tsv")`. Every file
starts with a header saying what it is and where its content comes from.

The environment variable EVENTWIRE_DATA_DIR, when set, names a folder read instead of this
one (a full copy of it, edited: e.g. a new event type's lexicon rows and type groups). It is
read when a file is first loaded; the loaders keep what they read for the process's life, so
set it before eventwire starts (tests run the pipeline in a fresh process).
"""

from __future__ import annotations

import json
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

ENV = "EVENTWIRE_DATA_DIR"


def data_dir() -> Path:
    """The folder data files are read from: $EVENTWIRE_DATA_DIR, else this package's."""
    override = os.environ.get(ENV)
    return Path(override) if override else Path(str(resources.files(__name__)))


def read_text(path: str) -> str:
    """The text of a packaged data file."""
    if os.environ.get(ENV):
        return (data_dir() / path).read_text(encoding="utf-8")
    return resources.files(__name__).joinpath(path).read_text(encoding="utf-8")


def read_toml(path: str) -> dict[str, Any]:
    """A packaged TOML file as a dict."""
    return tomllib.loads(read_text(path))


def read_json(path: str) -> Any:
    """A packaged JSON file."""
    return json.loads(read_text(path))


def data_lines(path: str) -> list[str]:
    """Non-blank lines of a packaged file, without `#` comment lines."""
    return [line for line in read_text(path).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def read_tsv(path: str) -> list[list[str]]:
    """The rows of a packaged tab-separated table, as lists of cells (not stripped).

    Blank lines and `#` comment lines are skipped, and so is the first remaining line, the
    column names; every table this package ships has one."""
    lines = [line for line in read_text(path).splitlines()
             if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def read_word_sets(path: str) -> dict[str, frozenset[str]]:
    """A packaged TOML file of named word lists (`name = ["word", ...]`) as sets."""
    return {name: frozenset(words) for name, words in read_toml(path).items()}
