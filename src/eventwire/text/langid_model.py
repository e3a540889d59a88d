"""py3langid's model, mapped from the cache folder instead of held on the heap.

py3langid ships its model LZMA-compressed and its loader puts about 76 MB on the heap: the
byte-transition table of its automaton (4-byte numbers, 39 MB), the feature weights (28 MB)
and two per-state lists of int objects (8 MB). Here its arrays are written once, as they
are, to `.npy` files in the cache folder (`eventwire/cache.py`), named by a
fingerprint of the model file, and mapped read-only: pages are read in as texts reach
them (about 55 MB after 60 news articles, 63 after 170), worker processes share them, the
kernel can take them back, and a start maps them in 0.05 s where decompressing took 2 s.
The identifier is py3langid's own class with the same numbers, so its scores are the
same. A missing or damaged cache is written again; where it cannot be written,
py3langid's own loader is used.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from pathlib import Path
from typing import Any

from eventwire.cache import cache_dir, fingerprint

CACHE_VERSION = 1
PARTS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _paths(source: Path) -> dict[str, Path]:
    stem = f"langid-{fingerprint(source)}-v{CACHE_VERSION}"
    return {part: cache_dir() / f"{stem}-{part}.npy" for part in PARTS}


def _write(source: Path, paths: dict[str, Path]) -> None:
    """Decompress the model once and save each of its arrays; drop older caches."""
    import numpy
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(source)
    arrays = {"ptc": ptc, "pc": pc, "classes": numpy.array(classes),
              "nextmove": numpy.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
              "row": numpy.frombuffer(row, dtype=f"u{row.itemsize}"),
              "output": numpy.asarray(output, dtype=numpy.int32)}
    folder = next(iter(paths.values())).parent
    folder.mkdir(parents=True, exist_ok=True)
    for part, path in paths.items():
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as out:
            numpy.save(out, numpy.ascontiguousarray(arrays[part]))
        os.replace(out.name, path)
    keep = set(paths.values())
    for stale in folder.glob("langid-*.npy"):
        if stale not in keep:
            stale.unlink(missing_ok=True)


def _mapped(paths: dict[str, Path]) -> Any:
    import numpy
    from py3langid.langid import LanguageIdentifier

    parts = {part: numpy.load(path, mmap_mode="r", allow_pickle=False)
             for part, path in paths.items()}
    states, classes = len(parts["output"]), len(parts["classes"])
    if (parts["ptc"].shape[1:] != (classes,) or parts["pc"].shape != (classes,)
            or parts["row"].shape != (states,) or parts["nextmove"].size % 256
            or int(parts["row"].max(initial=0)) * 256 >= max(parts["nextmove"].size, 1)):
        raise ValueError("the mapped language model's arrays do not fit together")
    identifier = LanguageIdentifier(
        numpy.asarray(parts["ptc"]), numpy.array(parts["pc"]), parts["classes"].tolist(),
        memoryview(parts["nextmove"]), memoryview(parts["output"]), norm_probs=True,
        tk_row=memoryview(parts["row"]))
    rowbase = getattr(identifier, "_rowbase", None)  # py3langid 0.4.0's pre-shifted rows
    if isinstance(rowbase, list):  # packed: not 100,000 int objects; same numbers
        identifier._rowbase = array("I", rowbase)
    return identifier


def identifier() -> Any:
    """py3langid's `LanguageIdentifier` (normalised probabilities) over the mapped model."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = MODEL_DIR / MODEL_FILE
    paths = _paths(source)
    try:
        return _mapped(paths)
    except (OSError, ValueError):
        pass
    try:
        _write(source, paths)
        return _mapped(paths)
    except (OSError, ValueError):
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
