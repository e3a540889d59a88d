"""Entities: spaCy's named entities, with junk dropped, as `Article.entities`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.model import Entity
from eventwire.nlp.english import NAME_LABELS, PERSON_ORG_GPE_LABELS
from eventwire.pipeline.stage import Stage, Work

if TYPE_CHECKING:
    from spacy.tokens import Span

POSSESSIVES = ("'s", "’s")
TRIM = " \t\n\"'“”‘’«»()[]{}-–—,;:."


def is_junk(span: Span, text_before: str) -> bool:
    """True for entities that are not names: '122mm' → 'mm', punctuation, lone letters.

    `text_before` is the character just before the span ("" at the start).
    """
    text = span.text.strip(TRIM)
    if not text:
        return True
    if span.label_ in NAME_LABELS:
        if not any(ch.isalpha() for ch in text) or len(text) == 1:
            return True
        if text_before.isdigit():
            return True
        if text.islower() and span.label_ in PERSON_ORG_GPE_LABELS:
            return True
    return False


def trimmed(span: Span) -> tuple[int, int]:
    """Character offsets of the entity without surrounding quotes and punctuation."""
    text = span.text
    left = len(text) - len(text.lstrip(TRIM))
    kept = text.rstrip(TRIM.replace(".", ""))
    if kept.endswith(POSSESSIVES):
        kept = kept[:-2].rstrip(TRIM.replace(".", ""))
    right = len(text) - len(kept)
    return span.start_char + left, span.end_char - right


class EntitiesStage(Stage):
    name = "entities"
    requires = ("doc",)
    assigns = ("entities",)

    def process(self, work: Work) -> None:
        article = work.article
        for span in work.parsed.ents:
            if is_junk(span, article.text[span.start_char - 1:span.start_char]):
                continue
            start, end = trimmed(span)
            article.entities.append(Entity(id=f"e{len(article.entities) + 1}",
                                           text=article.text[start:end], label=span.label_,
                                           start=start, end=end))
