"""Span to entity look-ups (nlp/mentions.py): overlap, ties, and the index's lifetime."""

from __future__ import annotations

import pytest

from eventwire import __version__
from eventwire.model import Actor, Article, Entity, Meta
from eventwire.nlp.mentions import EntityIndex, entity_at, entity_index, mention_at, release_index

TEXT = "Iraqi Prime Minister Adel Abdul Mahdi spoke."


def article() -> Article:
    return Article(id="m", text=TEXT, meta=Meta(version=__version__),
                   entities=[Entity(id="e1", text="Iraqi", start=0, end=5, label="NORP",
                                    actor="a2"),
                             Entity(id="e2", text="Adel Abdul Mahdi", start=21, end=37,
                                    label="PERSON", actor="a1")],
                   actors=[Actor(id="a1", name="Adel Abdul Mahdi", kind="person"),
                           Actor(id="a2", name="Iraq", kind="country", country="IRQ")])


@pytest.mark.parametrize(("start", "end", "expected"), [
    (21, 37, "e2"),        # exact
    (26, 31, "e2"),        # inside
    (0, 37, "e2"),         # the longest overlap wins
    (0, 3, "e1"),
    (38, 43, None),        # "spoke": nothing there
])
def test_entity_at(start: int, end: int, expected: str | None) -> None:
    found = entity_at(article(), start, end)
    assert (found.id if found is not None else None) == expected


def test_ties_go_to_the_shorter_entity() -> None:
    record = article()
    record.entities.append(Entity(id="e3", text="Iraqi Prime Minister Adel Abdul Mahdi",
                                  start=0, end=37, label="NOMINAL", actor="a1"))
    assert EntityIndex(record).at(21, 37).id == "e2"  # type: ignore[union-attr]


def test_mention_at_resolves_through_the_entity() -> None:
    mention = mention_at(article(), 21, 37)
    assert (mention.text, mention.actor) == ("Adel Abdul Mahdi", "a1")
    assert mention_at(article(), 38, 43).actor is None


def test_the_index_lives_on_its_article_until_released() -> None:
    record = article()
    first = entity_index(record)
    assert entity_index(record) is first
    record.entities.append(Entity(id="e3", text="spoke", start=38, end=43, label="NOMINAL"))
    assert entity_index(record) is not first  # rebuilt: the entities changed in number
    release_index(record)
    assert record == article().model_copy(update={"entities": record.entities})
    other = article()
    assert entity_index(other) is not entity_index(record)
