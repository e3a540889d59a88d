"""The package's knowledge files, read through one loader.

Paths are relative to this folder, e.g. `read_text("events/plover_lexicon.tsv")`. Every file
starts with a header saying what it is and where its content comes from.
"""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from typing import Any


def read_text(path: str) -> str:
    """The text of a packaged data file."""
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
