"""Coreference rules of `coref.Registry` on hand-made candidates, and acronyms the article
spells out (`acronyms.spelled_out`) on a tokenised text (no model)."""

from __future__ import annotations

import pytest
from spacy.lang.en import English

from eventwire.actors.acronyms import spelled_out
from eventwire.actors.coref import Candidate, Registry, compatible, initials


def cand(name: str, kind: str = "person", **fields: object) -> Candidate:
    return Candidate(start=0, end=len(name), name=name, kind=kind, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "letters"), [
    ("Operation Inherent Resolve", "OIR"),
    ("Organization of American States", "OAS"),
    ("Kenya Anti-Corruption Commission", "KACC"),
    ("Islamic State of Iraq and the Levant", "ISIL"),
])
def test_initials(name: str, letters: str) -> None:
    assert initials(name) == letters


def test_surname_joins_the_full_name() -> None:
    registry = Registry()
    esper = registry.resolve(cand("Mark Esper", country="USA", sectors=["GOV", "MIL"],
                                  title="Secretary of Defense"))
    assert registry.resolve(cand("Esper")).id == esper.id
    assert registry.resolve(cand("Adel Abdul Mahdi", country="IRQ")).id != esper.id
    assert registry.resolve(cand("Abdul Mahdi")).name == "Adel Abdul Mahdi"
    assert len(registry.actors) == 2


def test_longer_name_later_enriches_the_actor() -> None:
    registry = Registry()
    first = registry.resolve(cand("Pompeo"))
    again = registry.resolve(cand("Mike Pompeo", country="USA", title="Secretary of State"))
    assert again.id == first.id
    assert first.name == "Mike Pompeo"
    assert first.country == "USA"
    assert first.title == "Secretary of State"


def test_acronym_joins_an_earlier_organisation() -> None:
    registry = Registry()
    oir = registry.resolve(cand("Operation Inherent Resolve", "organization",
                                sectors=["MIL"]))
    assert registry.resolve(cand("OIR", "organization")).id == oir.id
    assert registry.resolve(cand("NRA", "organization")).id != oir.id


def test_title_only_mention_joins_the_titled_person() -> None:
    registry = Registry()
    mahdi = registry.resolve(cand("Adel Abdul Mahdi", country="IRQ", sectors=["GOV"],
                                  title="Prime Minister"))
    later = registry.resolve(cand("Iraqi prime minister", country="IRQ",
                                  title="prime minister", title_only=True))
    assert later.id == mahdi.id
    other = registry.resolve(cand("British prime minister", country="GBR",
                                  title="prime minister", title_only=True))
    assert other.id != mahdi.id


def test_indefinite_mentions_stay_apart() -> None:
    registry = Registry()
    one = registry.resolve(cand("U.S. official", country="USA", title_only=True,
                                indefinite=True))
    two = registry.resolve(cand("U.S. official", country="USA", title_only=True,
                                indefinite=True))
    assert one.id != two.id


def test_nominal_groups_join_by_head_word() -> None:
    registry = Registry()
    first = registry.resolve(cand("Lawmakers on Capitol Hill", "group", country="USA",
                                  sectors=["LEG"], head="lawmaker"))
    again = registry.resolve(cand("lawmakers", "group", sectors=["LEG"], head="lawmaker"))
    assert again.id == first.id
    elsewhere = registry.resolve(cand("Iraqi lawmakers", "group", country="IRQ",
                                      sectors=["LEG"], head="lawmaker"))
    assert elsewhere.id != first.id


def test_keys_join_countries() -> None:
    registry = Registry()
    usa = registry.resolve(cand("United States", "country", country="USA", key="country:USA"))
    assert registry.resolve(cand("U.S.", "country", country="USA",
                                 key="country:USA")).id == usa.id
    assert registry.get(usa.id) is usa
    assert registry.get("a99") is None


@pytest.mark.parametrize(("a", "b", "ok"), [
    (None, None, True), ("USA", None, True), (None, "IRQ", True), ("USA", "USA", True),
    ("USA", "IRQ", False),
])
def test_compatible(a: str | None, b: str | None, ok: bool) -> None:
    assert compatible(a, b) is ok


TOKENIZER = English().tokenizer


@pytest.mark.parametrize(("text", "expected"), [
    ("Clashes between the army and the Rapid Support Forces (RSF) went on. The RSF shelled "
     "a market.", {"RSF": "Rapid Support Forces"}),
    ("The RSF shelled the city. Witnesses blamed the Rapid Support Forces.",
     {"RSF": "Rapid Support Forces"}),
    ("Saturday Rapid Support Forces (RSF) fighters moved in.", {"RSF": "Rapid Support Forces"}),
    ("RSF condemned the arrest of the reporter.", {}),           # not spelled out: the table
    ("The Islamic State of Iraq and Syria (ISIS) said so.", {"ISIS": "Islamic State of Iraq "
                                                             "and Syria"}),
])
def test_acronyms_the_article_spells_out(text: str, expected: dict[str, str]) -> None:
    assert spelled_out(TOKENIZER(text)) == expected
