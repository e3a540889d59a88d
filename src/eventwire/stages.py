"""The registry: every stage, in pipeline order. Add a stage here and nowhere else."""

from __future__ import annotations

from .clean import CleanStage
from .entities import EntitiesStage
from .language import LanguageStage
from .parse import ParseStage
from .stage import Stage

STAGES: tuple[type[Stage], ...] = (
    CleanStage,
    LanguageStage,
    ParseStage,
    EntitiesStage,
)
