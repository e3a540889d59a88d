"""The record: JSON round trip, the shipped schema matches the classes."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from pydantic import ValidationError

from eventwire.model import Article, Entity, Meta, json_schema


def sample() -> Article:
    return Article(id="x", text="Esper called.", published="2019-12-17",
                   entities=[Entity(id="e1", text="Esper", label="PERSON", start=0, end=5)],
                   meta=Meta(version="eventwire test"))


def test_json_round_trip() -> None:
    article = sample()
    data = json.loads(article.to_json())
    assert data["schema"] == "eventwire/1"
    assert Article.from_json(article.to_json()) == article
    assert Article.from_dict(data) == article


def test_unknown_fields_are_rejected() -> None:
    data = sample().to_dict()
    data["entities"][0]["colour"] = "red"
    with pytest.raises(ValidationError):
        Article.from_dict(data)


def test_shipped_schema_matches_the_classes() -> None:
    shipped = resources.files("eventwire.schema").joinpath("eventwire-1.json").read_text("utf-8")
    assert json.loads(shipped) == json_schema(), (
        "the schema changed: run `eventwire schema > src/eventwire/schema/eventwire-1.json`")
