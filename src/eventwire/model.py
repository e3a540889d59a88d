"""The eventwire/1 record: one `Article` and the items every stage adds to it.

These classes are the contract described in DESIGN.md. Offsets (`start`, `end`) are
character offsets into `Article.text`, half-open. Fields may be added; the fields of
DESIGN.md may not be renamed or dropped without a schema bump.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from eventwire.data import read_toml

SCHEMA = "eventwire/1"

#: The PLOVER event types (data/events/type_groups.toml), in codebook order.
EVENT_TYPES: tuple[str, ...] = tuple(read_toml("events/type_groups.toml")["types"])
#: The two actor roles of an event, in record order.
EVENT_ROLES = ("source", "target")


def _plover_type(value: str) -> str:
    if value not in EVENT_TYPES:
        raise ValueError(f"{value!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
    return value


#: A PLOVER event type: one of EVENT_TYPES (an enum in the JSON schema).
EventType = Annotated[str, AfterValidator(_plover_type),
                      WithJsonSchema({"enum": list(EVENT_TYPES), "type": "string"})]
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

    text: str = Field(description="the words, exactly as in `text[start:end]`")
    start: int = Field(ge=0, description="character offset of the first character in `text`")
    end: int = Field(ge=0, description="character offset just past the last character")


class Identified(Item):
    """An item that other items refer to by `id`, with the words that support it."""

    id: str = Field(description="id of the item, unique in its list (e1, a1, p1, t1, c1, q1)")
    text: str = Field(description="the words that name the item, exactly as in "
                                  "`text[start:end]`")
    start: int = Field(ge=0, description="character offset of the first character in `text`")
    end: int = Field(ge=0, description="character offset just past the last character")


class Removed(Item):
    """A piece of the input that cleaning took out, and why."""

    text: str = Field(description="the removed line or passage")
    reason: str = Field(description="why it was removed (share bar, advertisement, author "
                                    "bio, ...)")


class Entity(Identified):
    """A named or nominal mention; `actor` is the id of the actor it resolves to."""

    label: str = Field(description="spaCy entity label (PERSON, ORG, GPE, DATE, ...) or "
                                   "NOMINAL / PRONOUN for mentions the actors stage added")
    actor: str | None = Field(default=None, description="id of the actor the mention "
                                                        "resolves to; null for non-actors")


class Actor(Item):
    """Who: a person, organization, country or group, coded with country and PLOVER sectors."""

    id: str = Field(description="actor id (a1, a2, ... in order of first mention)")
    name: str = Field(description="canonical name (the fullest form the article gives)")
    kind: ActorKind = Field(description="person, organization, country or group")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    sectors: list[str] = Field(default_factory=list, description="PLOVER sector codes")
    title: str | None = Field(default=None, description="the person's title as the text "
                                                        "gives it")
    mentions: list[str] = Field(default_factory=list, description="ids of entities")
    backer: str | None = Field(default=None, description="ISO3 of a state backing a group")


class Place(Identified):
    """Where: a toponym resolved against the gazetteer."""

    name: str = Field(description="the gazetteer's name of the place")
    geonameid: int | None = Field(default=None, description="GeoNames id, where known")
    feature: str | None = Field(default=None, description="kind of place (country, admin1, "
                                                          "city, region, ...)")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 of the "
                                                          "country the place is in")
    admin1: str | None = Field(default=None, description="first-level region the place is in")
    lat: float | None = Field(default=None, description="latitude (WGS84), when resolved")
    lon: float | None = Field(default=None, description="longitude (WGS84), when resolved")
    role: PlaceRole = Field(
        default="literal",
        description="literal: a place where something is or happens (the only role events, "
                    "the event location and place counts use); actor: a country or city "
                    "standing for its government or people ('Washington said', 'U.S. "
                    "officials'); adjective: a demonym or place adjective ('Iraqi'), "
                    "resolved to its country")


class TimeExpr(Identified):
    """When: a TIMEX3-style expression resolved against `Article.published`."""

    type: Literal["DATE", "TIME", "DURATION", "SET"] = Field(description="TIMEX3 type")
    value: str | None = Field(default=None, description="TIMEX3 value (2019-12-16, 2019-W50, "
                                                        "P5W); null when it cannot be "
                                                        "resolved, never a guess")
    precision: str | None = Field(default=None, description="granularity of the value "
                                                            "(day, week, month, year, ...)")
    mod: str | None = Field(default=None, description="TIMEX3 modifier (BEFORE, AFTER, "
                                                      "START, ...)")


class Count(Identified):
    """How many: a number with what it counts."""

    value: float | None = Field(default=None, description="the number")
    qualifier: str | None = Field(default=None, description="words that bound the number "
                                                            "(at least, more than, about)")
    noun: str | None = Field(default=None, description="what is counted")
    category: str | None = Field(default=None, description="killed, injured, arrested, ...")


class Mention(Span):
    """The words that name an actor in a role; `actor` is who they resolve to."""

    actor: str | None = Field(default=None, description="id of the actor the words resolve "
                                                        "to; null when unresolved")


class Quote(Identified):
    """Words attributed to a speaker; `direct` when inside quotation marks."""

    direct: bool = Field(description="true for words inside quotation marks, false for "
                                     "indirect speech")
    speaker: Mention | None = Field(default=None, description="the words naming the speaker "
                                                              "and the actor they resolve to")
    cue: str | None = Field(default=None, description="the reporting word (said, told, "
                                                      "according to)")
    cue_start: int | None = Field(default=None, description="character offset of the cue")
    cue_end: int | None = Field(default=None, description="character offset just past the cue")
    channel: str | None = Field(default=None, description="how the words came out (statement, "
                                                          "interview, readout, ...)")


class TimeRef(Item):
    """The date of an event."""

    time: str | None = Field(default=None, description="id of the time expression; null when "
                                                       "the date is the publication date")
    value: str | None = Field(default=None, description="TIMEX3 value of the date")
    precision: str | None = Field(default=None, description="granularity of the value; "
                                                            "'published' when taken from "
                                                            "the publication date")


class PlaceRef(Item):
    """Where an event happened."""

    place: str = Field(description="id of the place")
    name: str = Field(description="the place's name")
    precision: str | None = Field(default=None, description="how precisely the place is "
                                                            "known (POLECAT-style location "
                                                            "precision): city, admin2, admin1, "
                                                            "country or region; null when the "
                                                            "gazetteer does not know the name")


class SentenceRef(Item):
    """The sentence an event is read from."""

    start: int = Field(description="character offset of the sentence's first character")
    end: int = Field(description="character offset just past the sentence")


class Attribution(Item):
    """According to whom an event is known."""

    actor: str | None = Field(default=None, description="id of the actor the source resolves "
                                                        "to")
    text: str = Field(description="the words naming the source")
    start: int | None = Field(default=None, description="character offset of the words")
    end: int | None = Field(default=None, description="character offset just past the words")
    quote: str | None = Field(default=None, description="id of the quote the event is reported "
                                                        "in, if any")


class EventMention(Item):
    """One place in the text where an event's happening is told."""

    trigger: Span = Field(description="the words that name the happening here")
    sentence: SentenceRef = Field(description="the sentence of this mention")


class Event(Item):
    """Who did what to whom: one PLOVER-coded happening, with every mention of it."""

    id: str = Field(description="event id (v1, v2, ...)")
    type: EventType = Field(description="PLOVER event type")
    mode: str | None = Field(default=None, description="PLOVER mode of the type (phone, "
                                                       "aerial, arrest, ...)")
    contexts: list[str] = Field(default_factory=list, description="PLOVER contexts (military, "
                                                                  "diplomatic, ...)")
    source: Mention | None = Field(default=None, description="who did it: the words and "
                                                             "their actor")
    target: Mention | None = Field(default=None, description="to whom: the words and their "
                                                             "actor")
    sources_also: list[Mention] = Field(default_factory=list,
                                        description="other conjuncts of a coordinated source")
    targets_also: list[Mention] = Field(default_factory=list,
                                        description="other conjuncts of a coordinated target")
    date: TimeRef | None = Field(default=None, description="when it happened")
    place: PlaceRef | None = Field(default=None, description="where it happened")
    trigger: Span = Field(description="the word(s) that say what happened")
    sentence: SentenceRef = Field(description="the sentence the event is read from")
    mentions: list[EventMention] = Field(
        default_factory=list,
        description="every mention of this happening in the article, best first (the first is "
                    "the event's own trigger and sentence); see events/merge.py for the rule")
    negated: bool = Field(default=False, description="true when the text says it did not "
                                                     "happen")
    modality: Modality = Field(default="asserted", description="asserted, negated, future, "
                                                               "hypothetical, conditional or "
                                                               "reported_belief")
    historical: bool = Field(default=False, description="true for background: a happening "
                                                        "whose own date ends more than 30 "
                                                        "days before the publication date")
    reported_by: Attribution | None = Field(default=None, description="according to whom")
    count: str | None = Field(default=None, description="id of the linked count")
    killed: float | None = Field(default=None, description="number of people killed")
    injured: float | None = Field(default=None, description="number of people injured")
    arrested: float | None = Field(default=None, description="number of people arrested")
    confidence: float = Field(ge=0.0, le=1.0, description="probability that the type is "
                                                          "right (calibrated on the dev data)")


class Failure(Item):
    """Why an article could not be processed."""

    stage: str = Field(description="name of the stage that failed")
    error: str = Field(description="the error, one line")


class Meta(Item):
    """How the record was made."""

    version: str = Field(description="eventwire version that made the record")
    model: str | None = Field(default=None, description="spaCy model name and version")
    timings_ms: dict[str, float] = Field(default_factory=dict, description="milliseconds "
                                                                           "per stage")
    warnings: list[str] = Field(default_factory=list, description="problems with the input "
                                                                  "that did not stop it")
    source: str | None = Field(default=None, description="file (and line) the article came from")
    skipped: str | None = Field(default=None, description="why the article was not parsed")
    failure: Failure | None = Field(default=None, description="the stage that failed and "
                                                              "why; null when none did")


class Article(Item):
    """The record that flows through the pipeline and is written out."""

    schema_: str = Field(default=SCHEMA, alias="schema", description="record schema "
                                                                     "(eventwire/1)")
    id: str = Field(description="given id, else a stable hash of url or text")
    url: str | None = Field(default=None, description="where the article was published")
    title: str | None = Field(default=None, description="headline")
    outlet: str | None = Field(default=None, description="publisher or site name")
    author: str | None = Field(default=None, description="byline")
    published: str | None = Field(default=None, description="publication date (YYYY-MM-DD); "
                                                            "relative dates resolve against it")
    language: str | None = Field(default=None, description="ISO 639-1 language code")
    text: str = Field(description="the article body all offsets index (cleaned unless --raw)")
    removed: list[Removed] = Field(default_factory=list, description="what cleaning removed")
    entities: list[Entity] = Field(default_factory=list, description="named, nominal and "
                                                                     "pronoun mentions")
    actors: list[Actor] = Field(default_factory=list, description="who: the actors the "
                                                                  "article names")
    places: list[Place] = Field(default_factory=list, description="where: the places the "
                                                                  "article names")
    times: list[TimeExpr] = Field(default_factory=list, description="when: dates, times and "
                                                                    "durations")
    counts: list[Count] = Field(default_factory=list, description="how many: numbers with "
                                                                  "what they count")
    quotes: list[Quote] = Field(default_factory=list, description="words attributed to "
                                                                  "speakers")
    events: list[Event] = Field(default_factory=list, description="PLOVER-coded events")
    meta: Meta = Field(description="how the record was made")
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
