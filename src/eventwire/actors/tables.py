"""The knowledge behind actor coding, read once per process from `eventwire/data/actors/*.tsv`.

- `countries.tsv`: ISO3, names, aliases, demonyms, capitals.
- `organizations.tsv`: named organisations, parties, armed groups, outlets, with codes.
- `institutions.tsv`: buildings and nicknames that stand for an institution (the Pentagon).
- `sectors.tsv`: title, role and group words → PLOVER sectors.
- `people.tsv`: well-known leaders, so a bare "Putin" gets RUS GOV.

Everything is a dict keyed by a normalised name (`norm`), so a lookup is one hash probe.
Keys of three characters or fewer are also kept case-sensitively and only match with the
same capitalisation, so all-caps prose ("US" for "us") does not invent actors.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.data import read_tsv

_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "‘": "'", "`": "'"})
_LEADING = ("the ", "a ", "an ")


@lru_cache(maxsize=16384)  # the same few hundred words are looked up again and again
def norm(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no leading article or 's."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    text = " ".join(text.split()).strip(" ,;:\"()[]").lower()
    for article in _LEADING:
        if text.startswith(article):
            text = text[len(article):]
            break
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return text


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str


@dataclass(frozen=True)
class Known:
    """A named organisation or institution from the tables."""

    name: str
    kind: str
    country: str | None
    sectors: tuple[str, ...]
    backer: str | None = None


@dataclass(frozen=True)
class Term:
    """A title, role or group word from sectors.tsv."""

    sectors: tuple[str, ...]
    role: str
    weak: bool
    country: str | None


@dataclass
class Tables:
    countries: dict[str, Country] = field(default_factory=dict)
    demonyms: dict[str, Country] = field(default_factory=dict)
    capitals: dict[str, Country] = field(default_factory=dict)
    countries_by_iso: dict[str, str] = field(default_factory=dict)
    organizations: dict[str, Known] = field(default_factory=dict)
    institutions: dict[str, Known] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    people: dict[str, Known] = field(default_factory=dict)
    # every name of an organisation (canonical first), by its canonical name
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exact: dict[str, tuple[str, object]] = field(default_factory=dict)
    longest_term: int = 1

    def _short_ok(self, text: str, key: str, table: str) -> bool:
        """Short keys (≤ 3 chars, e.g. 'US', 'UN') need the capitalisation of the table."""
        if len(key.replace(".", "")) > 3:
            return True
        stripped = text.strip().removeprefix("the ").removeprefix("The ")
        hit = self.exact.get(stripped.translate(_DASHES))
        return hit is not None and hit[0] == table

    def country(self, text: str) -> Country | None:
        """A country named, as name or alias ('U.S.', 'Britain')."""
        key = norm(text)
        hit = self.countries.get(key)
        return hit if hit is not None and self._short_ok(text, key, "country") else None

    def demonym(self, text: str) -> Country | None:
        key = norm(text)
        hit = self.demonyms.get(key)
        if hit is None and key.endswith("s"):
            hit = self.demonyms.get(key[:-1])
        return hit if hit is not None and self._short_ok(text, key, "country") else None

    def capital(self, text: str) -> Country | None:
        return self.capitals.get(norm(text))

    def organization(self, text: str) -> Known | None:
        key = norm(text)
        hit = self.organizations.get(key)
        return hit if hit is not None and self._short_ok(text, key, "org") else None

    def institution(self, text: str) -> Known | None:
        return self.institutions.get(norm(text))

    def term(self, words: str) -> Term | None:
        return self.terms.get(words)

    def person(self, name: str) -> Known | None:
        """A well-known person by full name or listed alias ('Putin')."""
        return self.people.get(norm(name))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _rows(name: str) -> list[list[str]]:
    return read_tsv(f"actors/{name}")


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _plurals(demonym: str) -> list[str]:
    """Iraqi → Iraqis, American → Americans; French, Swiss stay as they are."""
    if demonym.endswith(("an", "i", "ese")) and not demonym.endswith("ese"):
        return [demonym + "s"]
    return []


def _add_exact(tables: Tables, text: str, table: str, value: object) -> None:
    key = text.translate(_DASHES)
    for variant in (key, key.removeprefix("the ")):
        tables.exact.setdefault(variant, (table, value))


def _load_countries(tables: Tables) -> None:
    for row in _rows("countries.tsv"):
        iso3, name = _cell(row, 0), _cell(row, 1)
        country = Country(iso3, name)
        loaded_name = tables.countries_by_iso.setdefault(iso3, name)
        if loaded_name != name:
            continue
        for alias in [name, *_split(_cell(row, 2))]:
            tables.countries.setdefault(norm(alias), country)
            _add_exact(tables, alias, "country", country)
        for demonym in _split(_cell(row, 3)):
            for form in [demonym, *_plurals(demonym)]:
                tables.demonyms.setdefault(norm(form), country)
                _add_exact(tables, form, "country", country)
        for capital in _split(_cell(row, 4)):
            tables.capitals.setdefault(norm(capital), country)


def _load_known(tables: Tables) -> None:
    for row in _rows("organizations.tsv"):
        known = Known(name=_cell(row, 0), kind=_cell(row, 2) or "organization",
                      country=_cell(row, 3) or None, sectors=tuple(_split(_cell(row, 4))),
                      backer=_cell(row, 5) or None)
        spellings = [known.name, *_split(_cell(row, 1))]
        tables.spellings.setdefault(known.name, tuple(spellings))
        for alias in spellings:
            tables.organizations.setdefault(norm(alias), known)
            _add_exact(tables, alias, "org", known)
    for row in _rows("institutions.tsv"):
        known = Known(name=_cell(row, 1), kind=_cell(row, 4) or "organization",
                      country=_cell(row, 2) or None, sectors=tuple(_split(_cell(row, 3))))
        tables.institutions.setdefault(norm(_cell(row, 0)), known)


def _load_people(tables: Tables) -> None:
    for row in _rows("people.tsv"):
        known = Known(name=_cell(row, 0), kind="person", country=_cell(row, 2) or None,
                      sectors=tuple(_split(_cell(row, 3))))
        for alias in [known.name, *_split(_cell(row, 1))]:
            tables.people.setdefault(norm(alias), known)


def _load_terms(tables: Tables) -> None:
    for row in _rows("sectors.tsv"):
        term = _cell(row, 0).lower()
        tables.terms[term] = Term(sectors=tuple(_split(_cell(row, 1))), role=_cell(row, 2),
                                  weak=_cell(row, 3) == "1", country=_cell(row, 4) or None)
        tables.longest_term = max(tables.longest_term, len(term.split()))


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The tables, loaded once per process."""
    loaded = Tables()
    _load_countries(loaded)
    _load_known(loaded)
    _load_terms(loaded)
    _load_people(loaded)
    return loaded


def match_terms(words: list[str], terms: dict[str, Term],
                longest: int) -> list[tuple[int, int, Term]]:
    """Greedy longest-first matches of table phrases in lowercase `words`."""
    found: list[tuple[int, int, Term]] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            term = terms.get(" ".join(words[i:i + size]))
            if term is None and size == 1 and "-" in words[i]:
                term = terms.get(words[i].replace("-", " "))
            if term is None and size == 1 and words[i].endswith("s"):
                term = terms.get(words[i][:-1])
            if term is not None:
                found.append((i, i + size, term))
                i += size
                break
        else:
            i += 1
    return found


def sectors_of(matches: list[tuple[int, int, Term]]) -> tuple[list[str], str | None]:
    """Sectors of matched terms (weak ones only if nothing else) and any implied country."""
    strong = [t for _, _, t in matches if not t.weak]
    chosen = strong or [t for _, _, t in matches]
    sectors: list[str] = []
    for term in chosen:
        for code in term.sectors:
            if code not in sectors:
                sectors.append(code)
    implied = next((t.country for _, _, t in matches if t.country), None)
    return sectors, implied
