"""Hostile inputs (#25): settings files that are devices, FIFOs, huge or missing; folders
that cannot be read; binary and oddly named files; junk options. Each is one line on
stderr, never a hang or a traceback."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.errors import ConfigError
from eventwire.settings import MAX_SETTINGS_BYTES, load_settings


def run(*args: str, env: dict[str, str] | None = None,
        stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env, input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    return result.exit_code, result.stdout, result.stderr


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def _load_within(path: Path, seconds: float) -> BaseException | None:
    """What load_settings(path) raised, run in a thread that must end within `seconds`."""
    caught: list[BaseException | None] = []

    def load() -> None:
        try:
            load_settings(path)
            caught.append(None)
        except ConfigError as exc:
            caught.append(exc)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(seconds)
    assert caught, f"load_settings({path}) still running after {seconds}s"
    return caught[0]


def test_settings_from_a_device_are_refused_unread() -> None:
    assert isinstance(_load_within(Path("/dev/zero"), 5), ConfigError)


def test_settings_from_a_fifo_never_block(tmp_path: Path) -> None:
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    error = _load_within(fifo, 5)
    assert isinstance(error, ConfigError) and "regular file" in str(error)


def test_settings_from_a_folder_or_a_huge_file_are_refused(tmp_path: Path) -> None:
    assert isinstance(_load_within(tmp_path, 5), ConfigError)
    huge = tmp_path / "settings.toml"
    huge.write_text("# padding\n" * (MAX_SETTINGS_BYTES // 10 + 1), encoding="utf-8")
    error = _load_within(huge, 5)
    assert isinstance(error, ConfigError) and "bytes" in str(error)


def test_a_missing_named_settings_file_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    code, out, err = run("settings", env={"EVENTWIRE_SETTINGS": str(missing)})
    assert code == 1 and out == ""
    assert str(missing) in one_line(err)
