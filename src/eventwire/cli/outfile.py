"""Where `--out` writes: checked before any work, written atomically, streamed.

`check_out` refuses a folder, a path under a file, an unwritable folder or a path that
would need folders made where they cannot be, before the pipeline runs. `Output` writes
records as they finish: to stdout at once, or into a temporary file beside the target that
replaces it whole when the run ends. If the run is cut short (an error, Ctrl-C) the
finished records are kept in `NAME.partial` and the target is left as it was. A symlink
target is written through: the file it points at is replaced, the link stays. A device or
a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written to directly, never replaced;
a socket or any other kind of file is refused.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TextIO

from eventwire.errors import ConfigError
from eventwire.store.exports import new_file_mode, stream_target


def target(out: Path) -> Path:
    """The file `out` writes: the end of its symlinks, if it is one."""
    return Path(os.path.realpath(out)) if out.is_symlink() else out


def check_out(out: Path | None, option: str = "--out") -> None:
    """ConfigError (one line) unless a file can be written at `out`."""
    if out is None:
        return
    path = target(out)
    if path.is_dir():
        raise ConfigError(f"{out}: is a folder; give {option} a file name")
    kind = stream_target(out)  # stat follows links: /dev/stdout is the pipe it names
    if kind == "other":
        raise ConfigError(f"{out}: not a regular file, device or pipe (a socket?); give "
                          f"{option} a file name")
    if kind == "stream":
        if not os.access(out, os.W_OK):
            raise ConfigError(f"{out}: cannot be written (permission denied)")
        return
    if path.exists() and not os.access(path, os.W_OK):
        raise ConfigError(f"{out}: cannot be written (permission denied)")
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise ConfigError(f"{out}: {folder} is a file, not a folder; give {option} a path "
                          "in a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"{out}: cannot write in {folder} (permission denied)")


class Output:
    """A text stream for results: stdout, or `out` replaced whole at the end."""

    def __init__(self, out: Path | None) -> None:
        self.out = out
        self.temp: Path | None = None
        self.stream: TextIO = sys.stdout
        self.written = False

    def __enter__(self) -> Output:
        if self.out is not None:
            if stream_target(self.out) == "stream":  # a device or FIFO (also /dev/stdout):
                self.stream = open(self.out, "w", encoding="utf-8", newline="")  # in place
                return self
            path = target(self.out)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                            suffix=".tmp")
            self.temp = Path(temp)
            self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        return self

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
        self.written = True

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.out is not None and self.temp is None:
            self.stream.close()  # a device or FIFO written directly
            return
        if self.temp is None or self.out is None:
            return
        self.stream.close()
        path = target(self.out)
        if self.written:
            os.chmod(self.temp, new_file_mode())  # the user's umask, not mkstemp's 0600
        if kind is None:
            if self.written:
                os.replace(self.temp, path)
            else:
                self.temp.unlink(missing_ok=True)
        elif self.written:
            os.replace(self.temp, path.with_name(path.name + ".partial"))
        else:
            self.temp.unlink(missing_ok=True)


def write_output(text: str, out: Path | None) -> None:
    """Write to stdout, or atomically to `out` (an existing file is replaced only whole)."""
    with Output(out) as output:
        output.write(text)
