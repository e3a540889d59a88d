"""The registry: every stage, in pipeline order. Add a stage here and nowhere else."""

from __future__ import annotations

from eventwire.actors.stage import ActorsStage
from eventwire.counts.stage import CountsStage
from eventwire.events.stage import EventsStage
from eventwire.nlp.entities import EntitiesStage
from eventwire.nlp.parse import ParseStage
from eventwire.pipeline.stage import Stage
from eventwire.places.stage import PlacesStage
from eventwire.quotes.stage import QuotesStage
from eventwire.text.clean import CleanStage
from eventwire.text.language import LanguageStage
from eventwire.times.stage import TimesStage

STAGES: tuple[type[Stage], ...] = (
    CleanStage,
    LanguageStage,
    ParseStage,
    EntitiesStage,
    ActorsStage,
    PlacesStage,
    TimesStage,
    CountsStage,
    QuotesStage,
    EventsStage,
)
