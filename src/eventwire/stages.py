"""The registry: every stage, in pipeline order. Add a stage here and nowhere else."""

from __future__ import annotations

from .actors import ActorsStage
from .clean import CleanStage
from .counts import CountsStage
from .entities import EntitiesStage
from .events import EventsStage
from .language import LanguageStage
from .parse import ParseStage
from .places import PlacesStage
from .quotes import QuotesStage
from .stage import Stage
from .times import TimesStage

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
