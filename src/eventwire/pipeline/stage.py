"""What a stage is: a named step that reads some fields of the record and adds others.

A stage subclasses `Stage`, sets `name`, `requires` and `assigns` (names of `Article`
fields, plus "doc" for the spaCy parse) and implements `process(work)`. The pipeline
checks once, when it is built, that every name a stage requires was assigned before it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from eventwire.model import Article
from eventwire.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Fields an article has when it leaves ingest, before any stage ran.
INGESTED: tuple[str, ...] = ("text", "published", "url", "title", "outlet", "author")


@dataclass
class Work:
    """One article in flight: the record, the working parse, and notes between stages.

    `scratch` holds working objects that stages hand on (never serialised), keyed by
    the name of the stage that put them there.
    """

    article: Article
    doc: Doc | None = None
    skip: str | None = None
    scratch: dict[str, Any] = field(default_factory=dict)

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
