"""Sentence look-ups in O(log n): `token.sent` and `span.sent` of a parsed document.

spaCy answers `token.sent` by walking the sentence-start marks outward from the token and
checking the document's annotation on every call (about 10 µs); the later stages ask it
for nearly every candidate. `index_sentences(doc)` records the sentence bounds once, after
the parse, and installs them as the document's `sent` hooks (spaCy's `user_token_hooks`
and `user_span_hooks`), so that every later `.sent` is a bisection. The answer is the same
span spaCy computes (the sentence that holds the token, or the span's first token), a new
`Span` on each call as before; the sentence marks must not change after indexing.

The hooks hold the bounds only, not the document: no reference cycle keeps a parse alive.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SENT = "sent"  # the hook's name in spaCy's user hooks


class SentenceIndex:
    """The [start, end) token bounds of a document's sentences, in order."""

    def __init__(self, doc: Doc) -> None:
        bounds = [(sentence.start, sentence.end) for sentence in doc.sents]
        self.starts = [start for start, _ in bounds]
        self.ends = [end for _, end in bounds]

    def _at(self, doc: Doc, i: int) -> Span:
        number = bisect_right(self.starts, i) - 1
        return Span(doc, self.starts[number], self.ends[number])

    def of_token(self, token: Token) -> Span:
        """The sentence that holds the token."""
        return self._at(token.doc, token.i)

    def of_span(self, span: Span) -> Span:
        """The sentence that holds the span's first token."""
        return self._at(span.doc, span.start)


def index_sentences(doc: Doc) -> Doc:
    """Install the sentence look-ups on a parsed document (one with sentence marks)."""
    if len(doc) and doc.has_annotation("SENT_START"):
        index = SentenceIndex(doc)
        doc.user_token_hooks[SENT] = index.of_token
        doc.user_span_hooks[SENT] = index.of_span
    return doc
