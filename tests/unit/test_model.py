"""The record: JSON round trip, the shipped schema matches the classes."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

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


def _undescribed(schema: dict[str, Any]) -> list[str]:
    found = []
    for name, node in [("Article", schema), *schema.get("$defs", {}).items()]:
        found += [f"{name}.{prop}" for prop, spec in node.get("properties", {}).items()
                  if not str(spec.get("description", "")).strip()]
    return found


def test_every_schema_property_has_a_description() -> None:
    assert _undescribed(json_schema()) == []


def test_the_description_check_can_fail() -> None:
    schema = {"properties": {"id": {"type": "string"}},
              "$defs": {"Quote": {"properties": {"text": {"description": " "}}}}}
    assert _undescribed(schema) == ["Article.id", "Quote.text"]
