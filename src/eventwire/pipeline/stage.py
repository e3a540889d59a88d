"""What a stage is: a named step that reads some fields of the record and adds others.

A stage subclasses `Stage`, sets `name`, `requires` and `assigns` and implements
`process(work)`. The names are `Article` fields (what goes into the record) or `Work`
hand-overs (`HAND_OVERS`: typed working objects one stage gives a later one, never
serialised). The pipeline checks once, when it is built, that every name is one of these
and that every name a stage requires was assigned before it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from eventwire.model import Article
from eventwire.nlp.mentions import Attributed
from eventwire.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Fields an article has when it leaves ingest, before any stage ran.
INGESTED: tuple[str, ...] = ("text", "published", "url", "title", "outlet", "author")
# Names a stage may require or assign besides `Article` fields: the `Work` hand-overs.
HAND_OVERS: tuple[str, ...] = ("doc", "attributions", "event_features")


#: Event features: event id -> the confidence model's feature values for that event.
EventFeatures = dict[str, dict[str, float]]


@dataclass
class Work:
    """One article in flight: the record, the working parse, and typed hand-overs.

    Hand-overs are working objects one stage gives a later one; they are never serialised
    and a stage names them in `requires`/`assigns` like record fields:
    - `doc`: the spaCy parse (assigned by `parse`).
    - `attributions`: every stretch of text the article attributes to someone, quoted or
      not (assigned by `quotes`, read by `events` for `reported_by`).
    - `event_features`: the confidence model's features of each event (assigned by
      `events`, read when the model is fitted).
    """

    article: Article
    doc: Doc | None = None
    skip: str | None = None
    attributions: list[Attributed] = field(default_factory=list)
    event_features: EventFeatures = field(default_factory=dict)

    @property
    def parsed(self) -> Doc:
        if self.doc is None:
            raise RuntimeError("stage needs the parse but the article has not been parsed")
        return self.doc

    def warn(self, message: str) -> None:
        self.article.meta.warnings.append(message)


class Stage(ABC):
    """Base of all stages. Subclasses are built once per process with the settings."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @abstractmethod
    def process(self, work: Work) -> None:
        """Read what `requires` names from `work`, add what `assigns` names."""


class BatchStage(Stage):
    """A stage that is faster over many articles at once (the parse)."""

    @abstractmethod
    def process_batch(self, works: list[Work]) -> None:
        """Process every work item; record per-item failures, do not raise for one."""
