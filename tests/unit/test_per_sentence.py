"""Per-sentence memo (nlp/per_sentence.py) and the outermost-names sweep of events.resolution:
speed-ups that must give exactly what the plain computation gives."""

from __future__ import annotations

import pytest
import spacy

from eventwire.events.resolution import _outermost
from eventwire.model import Entity
from eventwire.nlp.per_sentence import per_sentence


def test_per_sentence_computes_once_per_sentence_and_again_for_another() -> None:
    nlp = spacy.blank("en")
    first, second = nlp("Rebels attacked the town on Monday ."), nlp("Talks resumed .")
    calls: list[tuple[int, int]] = []

    @per_sentence
    def words(sentence: spacy.tokens.Span) -> tuple[str, ...]:
        calls.append((sentence.start, sentence.end))
        return tuple(token.lower_ for token in sentence)

    assert words(first[0:3]) == ("rebels", "attacked", "the")
    assert words(first[0:3]) == ("rebels", "attacked", "the")
    assert calls == [(0, 3)]
    assert words(first[3:6]) == ("town", "on", "monday")
    assert words(second[0:3]) == ("talks", "resumed", ".")
    assert calls == [(0, 3), (3, 6), (0, 3)]


def _entity(number: int, start: int, end: int) -> Entity:
    return Entity(id=f"e{number}", text="x" * (end - start), label="PERSON", start=start,
                  end=end)


def _pairwise(entities: list[Entity]) -> list[Entity]:
    return [e for e in entities if not any(o is not e and o.start <= e.start
                                           and e.end <= o.end for o in entities)]


@pytest.mark.parametrize("spans", [
    [],
    [(0, 5)],
    [(0, 14), (7, 14)],             # "Fijian rebels" holds "rebels"
    [(7, 14), (0, 14), (20, 25)],   # the inner one first
    [(3, 8), (3, 8)],               # the same stretch twice: neither is outermost
    [(0, 4), (2, 9), (5, 7)],       # overlapping, not nested
    [(0, 10), (0, 4), (6, 10), (12, 15)],
])
def test_outermost_is_the_pairwise_filter(spans: list[tuple[int, int]]) -> None:
    entities = [_entity(number, start, end) for number, (start, end) in enumerate(spans)]
    assert [e.id for e in _outermost(entities)] == [e.id for e in _pairwise(entities)]
