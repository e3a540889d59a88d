"""The gazetteer: names to candidate places, loaded once, offline."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from eventwire.places.gazetteer import Entry, distance_km, gazetteer, key


def best(name: str) -> Entry:
    return max(gazetteer().lookup(name), key=lambda e: e.prior)


@pytest.mark.parametrize(("name", "feature", "country"), [
    ("Iraq", "country", "IRQ"),
    ("Syria", "country", "SYR"),
    ("Iran", "country", "IRN"),
    ("Ukraine", "country", "UKR"),
    ("U.S.", "country", "USA"),
    ("the United States", "country", "USA"),
    ("Britain", "country", "GBR"),
    ("Gaza Strip", "region", "PSE"),
    ("West Bank", "region", "PSE"),
    ("Donetsk Oblast", "admin1", "UKR"),
    ("Darfur", "region", "SDN"),
    ("Kurdistan Region", "region", "IRQ"),
    ("Texas", "admin1", "USA"),
    ("Baghdad", "city", "IRQ"),
    ("Kiev", "city", "UKR"),
    ("Nablus", "city", "PSE"),
])
def test_best_reading_without_context(name: str, feature: str, country: str) -> None:
    entry = best(name)
    assert (entry.feature, entry.country) == (feature, country)
    assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180


def test_every_country_has_a_point() -> None:
    gaz = gazetteer()
    countries = [e for e in (gaz.entry(i) for i in range(len(gaz.cities), len(gaz)))
                 if e.feature == "country"]
    assert len(countries) > 240
    assert all(-90 <= e.lat <= 90 and -180 <= e.lon <= 180 for e in countries)


def test_homonyms_are_all_there() -> None:
    georgia = {(e.feature, e.country) for e in gazetteer().lookup("Georgia")}
    assert {("country", "GEO"), ("admin1", "USA")} <= georgia
    paris = {(e.country, e.admin1) for e in gazetteer().lookup("Paris")}
    assert ("USA", "Texas") in paris
    assert best("Paris").country == "FRA"


def test_cities_of_a_thousand_people_are_known() -> None:
    tarter = [e for e in gazetteer().lookup("El Tarter") if e.feature == "city"]
    assert tarter and tarter[0].country == "AND" and 1000 <= tarter[0].population < 15_000


def test_qualifiers_and_cues() -> None:
    gaz = gazetteer()
    assert [e.name for e in gaz.qualifier("La.")] == ["Louisiana"]
    assert any(e.name == "Texas" for e in gaz.qualifier("Texas"))
    assert gaz.cue("Iraqi") == "IRQ"
    assert gaz.cue("Republicans") == "USA"
    assert gaz.counties[key("Lamar County")]


@pytest.mark.parametrize(("raw", "folded"), [
    ("São Paulo", "sao paulo"),
    ("U.S.", "us"),
    ("the Gaza Strip", "gaza strip"),
    ("Al-Qa’im", "al qaim"),
    ("", ""),
    ("\u200b", ""),
])
def test_key(raw: str, folded: str) -> None:
    assert key(raw) == folded


def test_loaded_once() -> None:
    assert gazetteer() is gazetteer()


def test_distance() -> None:
    assert distance_km(0, 0, 0, 0) == 0
    assert distance_km(33.3, 44.4, 33.3, 44.4) < 1e-6
    assert 340 < distance_km(48.8566, 2.3522, 51.5074, -0.1278) < 347  # Paris to London


def test_city_table_is_read_as_json_and_cached(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.places import cities

    source = tmp_path / "cities_small.json"
    source.write_text(json.dumps({
        "1": {"geonameid": 1, "name": "Malakal", "latitude": 9.53, "longitude": 31.66,
              "countrycode": "SS", "population": 160765, "timezone": "Africa/Juba",
              "admin1code": "08", "alternatenames": ["Malakal", "MAK", "Malakāl"]},
        "2": {"geonameid": 2, "name": "Zürich", "latitude": 47.37, "longitude": 8.55,
              "countrycode": "CH", "population": 341730, "timezone": "Europe/Zurich",
              "admin1code": "ZH", "alternatenames": ["Zurich City", "ZRH"]},
    }), encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path / "cache"))
    legacy = tmp_path / "cache" / "cities_small-1-abc-v2.pickle"  # an older release's cache
    legacy.parent.mkdir()
    legacy.write_bytes(b"older layout")
    table = cities.load(source, key)
    assert list(table.names) == ["Malakal", "Zürich"]
    assert table.index["zurich"] == [1] and table.alternates["zurich city"] == [1]
    assert "mak" not in table.alternates and "zrh" not in table.alternates  # airport codes
    cached = list((tmp_path / "cache").glob("cities_small.compact-*.pickle"))
    assert len(cached) == 1
    again = cities.load(source, key)
    assert list(again.names) == list(table.names) and list(again.population) == [160765, 341730]
    cached[0].write_bytes(b"not a pickle")  # a damaged cache is rebuilt, not fatal
    assert list(cities.load(source, key).names) == list(table.names)
    # a second install of the same file (another time stamp) shares the cache
    other = tmp_path / "other" / "cities_small.json"
    other.parent.mkdir()
    other.write_bytes(source.read_bytes())
    os.utime(other, (1_000_000_000, 1_000_000_000))
    assert list(cities.load(other, key).names) == list(table.names)
    assert list((tmp_path / "cache").glob("cities_small.compact-*.pickle")) == cached
    # another content is another cache entry (the older one is removed)
    source.write_text(source.read_text(encoding="utf-8").replace("Malakal", "Malakál"),
                      encoding="utf-8")
    assert list(cities.load(source, key).names) == ["Malakál", "Zürich"]
    assert [p.name for p in (tmp_path / "cache").glob("cities_small.compact-*.pickle")] != \
        [p.name for p in cached]
    assert legacy.read_bytes() == b"older layout"


@pytest.mark.parametrize("groups", [
    {"zurich": [1], "malakal": [0, 4], "juba": [7, 2, 9]},
    {f"town {n}": [n, n + 100] for n in range(300)},
    {},
])
def test_name_index_gives_each_key_its_positions_in_order(groups: dict[str, list[int]]) -> None:
    from eventwire.places.cities import NameIndex

    index = NameIndex(groups)
    assert len(index) == len(groups)
    for name, positions in groups.items():
        assert index.get(name) == positions and index[name] == positions and name in index
    assert index.get("nowhere", ()) == () and "nowhere" not in index
    with pytest.raises(KeyError):
        index["nowhere"]


def test_strings_and_codes_give_back_what_was_put_in() -> None:
    from eventwire.places.cities import Codes, Strings

    names = ["Zürich", "", "郊区", "Malakal"]
    strings = Strings(names)
    assert len(strings) == 4 and list(strings) == names and strings[2] == "郊区"
    assert strings[-1] == "Malakal"
    codes = Codes(["US", "SS", "US", ""])
    assert [codes[n] for n in range(len(codes))] == ["US", "SS", "US", ""]
