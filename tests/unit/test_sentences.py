"""The sentence look-ups the parse installs: the same sentence spaCy finds, by bisection."""

from __future__ import annotations

import pickle

import pytest
from spacy.tokens import Doc

from eventwire.nlp.parse import ParseStage, load_model
from eventwire.nlp.sentences import index_sentences
from eventwire.pipeline.stage import Work
from eventwire.settings import Settings
from eventwire.text.ingest import make_article

pytestmark = pytest.mark.model

TEXTS = [
    "Japan sends flood aid to the Philippines\n\nJapan on Wednesday sent relief supplies. "
    "Police arrested 40 protesters. Two people were injured, officials said.",
    "Hello.",
    "A single sentence without an end",
    "\n\nUkraine said it is ready to accept a U.S. proposal.\n\n\"We will not,\" he said. ",
]


def _parse(text: str) -> Doc:
    settings = Settings()
    return load_model(settings.model, settings.max_chars)(text)


@pytest.mark.parametrize("text", TEXTS)
def test_token_and_span_sentences_are_spacys(text: str) -> None:
    plain = _parse(text)
    expected_tokens = [(t.sent.start, t.sent.end) for t in plain]
    expected_spans = [(plain[i:j].sent.start, plain[i:j].sent.end)
                      for i in range(len(plain)) for j in range(i, min(len(plain), i + 4) + 1)]
    indexed = index_sentences(_parse(text))
    assert "sent" in indexed.user_token_hooks
    assert [(t.sent.start, t.sent.end) for t in indexed] == expected_tokens
    assert [(indexed[i:j].sent.start, indexed[i:j].sent.end)
            for i in range(len(indexed)) for j in range(i, min(len(indexed), i + 4) + 1)] \
        == expected_spans
    assert all(t.sent.doc is indexed and t.sent.label == 0 for t in indexed)


def test_indexed_sentences_are_the_parse_sentences() -> None:
    doc = index_sentences(_parse(TEXTS[0]))
    assert [s.text.strip() for s in {(t.sent.start, t.sent.end): t.sent for t in doc}.values()] \
        == ["Japan sends flood aid to the Philippines", "Japan on Wednesday sent relief supplies.",
            "Police arrested 40 protesters.", "Two people were injured, officials said."]


def test_a_doc_without_sentence_marks_gets_no_hooks() -> None:
    settings = Settings()
    bare = Doc(load_model(settings.model, settings.max_chars).vocab, words=["no", "parse"])
    assert not index_sentences(bare).user_token_hooks
    assert not index_sentences(_parse("")).user_token_hooks


def test_the_parse_stage_indexes_and_the_indexed_doc_pickles() -> None:
    stage = ParseStage(Settings())
    work = Work(make_article({"id": "t"}, TEXTS[0], "t", Settings().max_chars))
    stage.process_batch([work])
    doc = work.parsed
    assert "sent" in doc.user_token_hooks and "sent" in doc.user_span_hooks
    again = pickle.loads(pickle.dumps(doc))
    assert [(t.sent.start, t.sent.end) for t in again] == [(t.sent.start, t.sent.end)
                                                           for t in doc]
