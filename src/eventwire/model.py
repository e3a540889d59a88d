"""The eventwire/1 record: one `Article` and the items every stage adds to it.

These classes are the contract described in DESIGN.md. Offsets (`start`, `end`) are
character offsets into `Article.text`, half-open. Fields may be added; the fields of
DESIGN.md may not be renamed or dropped without a schema bump.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "eventwire/1"

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
Modality = Literal[
    "asserted", "negated", "future", "hypothetical", "conditional", "reported_belief",
]
ActorKind = Literal["person", "organization", "country", "group"]
PlaceRole = Literal["literal", "actor", "adjective"]


class Item(BaseModel):
    """Base of every record item: strict field names, JSON round trip."""

    model_config = ConfigDict(extra="forbid")


class Span(Item):
    """A stretch of `Article.text` that supports an item."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Identified(Item):
    """An item that other items refer to by `id`, with the words that support it."""

    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Removed(Item):
    """A piece of the input that cleaning took out, and why."""

    text: str
    reason: str


class Entity(Identified):
    """A named or nominal mention; `actor` is the id of the actor it resolves to."""

    label: str
    actor: str | None = None


class Actor(Item):
    """Who: a person, organization, country or group, coded with country and PLOVER sectors."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    sectors: list[str] = Field(default_factory=list, description="PLOVER sector codes")
    title: str | None = None
    mentions: list[str] = Field(default_factory=list, description="ids of entities")
    backer: str | None = Field(default=None, description="ISO3 of a state backing a group")


class Place(Identified):
    """Where: a toponym resolved against the gazetteer."""

    name: str
    geonameid: int | None = None
    feature: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    role: PlaceRole = Field(
        default="literal",
        description="literal: a place where something is or happens (the only role events, "
                    "the event location and place counts use); actor: a country or city "
                    "standing for its government or people ('Washington said', 'U.S. "
                    "officials'); adjective: a demonym or place adjective ('Iraqi'), "
                    "resolved to its country")


class TimeExpr(Identified):
    """When: a TIMEX3-style expression resolved against `Article.published`."""

    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = None
    precision: str | None = None
    mod: str | None = None


class Count(Identified):
    """How many: a number with what it counts."""

    value: float | None = None
    qualifier: str | None = None
    noun: str | None = None
    category: str | None = Field(default=None, description="killed, injured, arrested, ...")


class Mention(Span):
    """The words that name an actor in a role; `actor` is who they resolve to."""

    actor: str | None = None


class Quote(Identified):
    """Words attributed to a speaker; `direct` when inside quotation marks."""

    direct: bool
    speaker: Mention | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    channel: str | None = None


class TimeRef(Item):
    time: str | None = None
    value: str | None = None
    precision: str | None = None


class PlaceRef(Item):
    place: str
    name: str


class SentenceRef(Item):
    start: int
    end: int


class Attribution(Item):
    """According to whom an event is known."""

    actor: str | None = None
    text: str
    start: int | None = None
    end: int | None = None
    quote: str | None = None


class Event(Item):
    """Who did what to whom: a PLOVER-coded event mention."""

    id: str
    type: EventType
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    source: Mention | None = None
    target: Mention | None = None
    sources_also: list[Mention] = Field(default_factory=list,
                                        description="other conjuncts of a coordinated source")
    targets_also: list[Mention] = Field(default_factory=list,
                                        description="other conjuncts of a coordinated target")
    date: TimeRef | None = None
    place: PlaceRef | None = None
    trigger: Span
    sentence: SentenceRef
    negated: bool = False
    modality: Modality = "asserted"
    reported_by: Attribution | None = None
    count: str | None = Field(default=None, description="id of the linked count")
    killed: float | None = None
    injured: float | None = None
    arrested: float | None = None
    confidence: float = Field(ge=0.0, le=1.0)


class Failure(Item):
    """Why an article could not be processed."""

    stage: str
    error: str


class Meta(Item):
    version: str
    model: str | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    source: str | None = Field(default=None, description="file (and line) the article came from")
    skipped: str | None = Field(default=None, description="why the article was not parsed")
    failure: Failure | None = None


class Article(Item):
    """The record that flows through the pipeline and is written out."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    text: str
    removed: list[Removed] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    meta: Meta

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls.model_validate(data)

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.model_validate_json(text)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]


def stable_id(*parts: str | None) -> str:
    """A short stable id from the first non-empty part (url, else text)."""
    basis = next((p for p in parts if p), "")
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def json_schema() -> dict[str, Any]:
    schema = Article.model_json_schema(by_alias=True)
    schema["$id"] = "https://eventwire.dev/schema/eventwire-1.json"
    schema["title"] = SCHEMA
    return schema
