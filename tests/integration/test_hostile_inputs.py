"""Hostile inputs (#25): settings files that are devices, FIFOs, huge or missing; folders
that cannot be read; binary and oddly named files; junk options. Each is one line on
stderr, never a hang or a traceback."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.errors import ConfigError, InputError
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


TEXT = ("Finnish President Alexander Stubb met Estonian Prime Minister Kristen Michal in "
        "Tallinn on Monday to discuss the security of undersea cables.")


def test_an_unreadable_folder_is_reported_and_the_rest_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(TEXT, encoding="utf-8")
    if os.geteuid() == 0:  # root reads anything: the filesystem's refusal is injected
        real = os.scandir

        def scandir(path: str | os.PathLike[str]) -> object:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        code, out, err = run("extract", str(tmp_path), "--format", "jsonl")
    finally:
        locked.chmod(0o755)
    assert code == 3, err
    assert len(out.splitlines()) == 1
    problems = [line for line in err.splitlines() if str(locked) in line]
    assert len(problems) == 1 and "Permission denied" in problems[0], err


def test_an_empty_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    code, out, err = run("extract", str(tmp_path))
    assert code == 1 and out == ""
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if "nothing to read" in line]


def test_a_file_of_control_bytes_is_binary() -> None:
    from eventwire.text.ingest import BINARY, Overrides, read_bytes

    for data in (bytes(range(1, 9)) * 500, b"\x1b\x01\x02\x03"):
        [item] = list(read_bytes(data, "x.txt", ".txt", Overrides(), 1000))
        assert isinstance(item, InputError) and item.problem == BINARY


def test_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    name = tmp_path / "a\nerror: forged line\x1b[31m.txt"
    name.write_bytes(b"\x00" * 100)
    code, _, err = run("extract", str(name))
    assert code == 1
    assert "\x1b" not in err
    assert not [line for line in err.splitlines() if line.startswith("error: forged")], err
    assert "\\nerror: forged line\\x1b[31m.txt" in err


@pytest.mark.parametrize("junk", ["2 days ago", "now 5", "5 May", "banana"])
def test_published_junk_is_a_one_line_error(tmp_path: Path, junk: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, err = run("extract", str(path), "--published", junk)
    assert code == 1 and out == ""
    assert "--published" in one_line(err)


def test_a_record_field_given_as_an_object_is_refused(tmp_path: Path) -> None:
    from eventwire.text.ingest import read_inputs

    path = tmp_path / "a.jsonl"
    lines = [{"id": {"x": 1}, "text": TEXT}, {"id": "ok", "text": TEXT}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    first, second = list(read_inputs([str(path)]))
    assert isinstance(first, InputError) and "'id'" in first.problem
    assert not isinstance(second, InputError) and second.id == "ok"


def _url_list_error(path: Path) -> BaseException | None:
    from eventwire.feeds.web import read_url_list

    caught: list[BaseException] = []

    def read() -> None:
        try:
            read_url_list(path)
        except InputError as exc:
            caught.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(5)
    return caught[0] if caught else None


def test_a_url_list_must_be_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "feeds.txt"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo, tmp_path):
        error = _url_list_error(path)
        assert error is not None and "\n" not in str(error), path
