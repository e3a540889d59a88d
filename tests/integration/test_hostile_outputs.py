"""Where results go under hostile use (#25): `--out` never replaces a device or a FIFO, a
folder or a socket is refused in one line, and nothing else in the folder is written."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.cli.outfile import Output
from eventwire.store import Store
from eventwire.store.synthetic import records


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "s.db"
    path.parent.mkdir()
    with Store(path) as store:
        store.write_many(records(10))
    return path


def _drain(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as stream:
            into.append(stream.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_export_to_a_fifo_writes_into_it(tmp_path: Path, db: Path) -> None:
    fifo = tmp_path / "out" / "pipe"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    code, _, err = run("export", "--format", "csv", "--db", str(db), "--out", str(fifo))
    reader.join(10)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"id,")
    assert sorted(p.name for p in fifo.parent.iterdir()) == ["pipe"]


def test_output_to_a_fifo_is_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    with Output(fifo) as output:
        output.write('{"id": "a"}\n')
    reader.join(10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got == [b'{"id": "a"}\n']
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def _null_device(tmp_path: Path) -> Path:
    """A character device like /dev/null in tmp_path (mknod needs root), else /dev/null."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        return Path("/dev/null")
    return node


def test_export_to_a_character_device_never_replaces_it(tmp_path: Path, db: Path) -> None:
    device = _null_device(tmp_path)
    before = device.stat()
    code, _, err = run("export", "--format", "jsonl", "--db", str(db), "--out", str(device))
    assert code == 0, err
    after = device.stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [p for p in device.parent.iterdir() if p.name.startswith(f".{device.name}.")]


def test_output_to_a_character_device_never_replaces_it(tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    before = device.stat()
    with Output(device) as output:
        output.write("x\n")
    after = device.stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_folder_and_socket_outputs_are_one_line_errors(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    server = socket.socket(socket.AF_UNIX)
    where = tmp_path / "sock"
    server.bind(str(where))
    try:
        for out in (folder, where):
            code, stdout, err = run("export", "--format", "csv", "--db", str(db),
                                    "--out", str(out))
            lines = [line for line in err.splitlines() if line.strip()]
            assert code == 1 and stdout == "" and len(lines) == 1, err
            assert "Traceback" not in err
        assert stat.S_ISSOCK(where.stat().st_mode)
        assert list(folder.iterdir()) == []
    finally:
        server.close()


# ---- standard streams: closed, full, broken (real processes) ---------------------------

ROOT = Path(__file__).resolve().parents[2]


def _environment() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=120,
                          check=False, env=_environment())


def test_a_closed_stdout_is_one_line(db: Path) -> None:
    for args in ("schema", f"events --db {db}", f"export --format csv --db {db}"):
        result = _shell(f"{sys.executable} -m eventwire {args} >&-")
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert "standard output is closed" in result.stderr, result.stderr


def test_a_closed_stdin_is_one_line(tmp_path: Path) -> None:
    result = _shell(f"{sys.executable} -m eventwire extract - <&-")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "AttributeError" not in result.stderr
    assert "standard input is closed" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_on_stdout_is_one_line(db: Path) -> None:
    result = _shell(f"{sys.executable} -m eventwire events --limit 0 -f jsonl --db {db} "
                    ">/dev/full")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


def test_a_broken_pipe_exits_1_quietly(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    with Store(db) as store:
        store.write_many(records(400))
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "events", "--limit", "0", "-f", "jsonl", "--db",
         str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment())
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # what `| head -c 10` does
    stderr = process.stderr.read().decode()
    assert process.wait(60) == 1, stderr
    assert stderr == "", stderr


def test_out_dev_stdout_writes_into_the_pipe(db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventwire", "export", "--format", "csv", "--db", str(db),
         "--out", "/dev/stdout"], capture_output=True, text=True, timeout=120, check=False,
        env=_environment())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("id,")
