"""Settings are validated on load: types, ranges and names, with one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.settings import Settings, load_settings


@pytest.mark.parametrize(("line", "name"), [
    ('workers = "two"', "workers"),
    ('batch_size = "abc"', "batch_size"),
    ('max_chars = "big"', "max_chars"),
    ("workers = 1.5", "workers"),
    ("batch_size = 1e400", "batch_size"),
    ('language_threshold = "high"', "language_threshold"),
    ("language_threshold = 1.5", "language_threshold"),
    ('clean = "no"', "clean"),
    ("workers = 0", "workers"),
    ("max_chars = -5", "max_chars"),
    ("batch_size = 99999999999999999999", "batch_size"),
    ("wrokers = 2", "wrokers"),
    ('model = 3', "model"),
])
def test_a_bad_setting_is_a_one_line_error_naming_file_and_setting(
        tmp_path: Path, line: str, name: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert name in message


def test_good_settings_load(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("workers = 2\nbatch_size = 8\nclean = false\nlanguage_threshold = 0.7\n",
                    encoding="utf-8")
    settings = load_settings(path)
    assert (settings.workers, settings.batch_size, settings.clean) == (2, 8, False)
    assert settings.language_threshold == 0.7


def test_override_validates_too() -> None:
    with pytest.raises(ConfigError):
        Settings().override(workers=0)
    assert Settings().override(workers=3, clean=None).workers == 3


def test_unreadable_toml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("workers = \n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
