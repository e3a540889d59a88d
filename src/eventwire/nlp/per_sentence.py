"""A one-entry memo for what is computed from a sentence alone.

The events stage reads the same sentence once for each of its candidates ("the words
around the trigger", "the scene it is set in"); `per_sentence(func)` computes `func` once
for a run of calls on the same sentence: the same document (by identity, held while
cached, so that no other document can take its place) and the same token bounds. The
result is shared between the calls: callers must not change it. The stages of one process
run one article at a time, so one entry is all a run of calls needs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Span

T = TypeVar("T")


def per_sentence(func: Callable[[Span], T]) -> Callable[[Span], T]:
    """`func(sentence)`, computed again only when the sentence differs from the last one."""
    last: list[Any] = [None, -1, -1, None]  # document, start, end, result

    @wraps(func)
    def cached(sentence: Span) -> T:
        doc = sentence.doc
        if last[0] is doc and last[1] == sentence.start and last[2] == sentence.end:
            return last[3]
        result = func(sentence)
        last[:] = [doc, sentence.start, sentence.end, result]
        return result

    return cached
