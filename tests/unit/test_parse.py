"""The parse: the pinned model, loaded once, with paragraph breaks as sentence boundaries."""

from __future__ import annotations

import pytest

from eventwire.nlp.parse import load_model
from eventwire.settings import Settings

pytestmark = pytest.mark.model


def test_model_is_loaded_once() -> None:
    settings = Settings()
    assert load_model(settings.model, settings.max_chars) is load_model(settings.model,
                                                                        settings.max_chars)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Japan sends flood aid to the Philippines\n\nJapan on Wednesday sent relief supplies.",
         ["Japan sends flood aid to the Philippines", "Japan on Wednesday sent relief supplies."]),
        ("Police arrested 40 protesters. Two people were injured.",
         ["Police arrested 40 protesters.", "Two people were injured."]),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    settings = Settings()
    doc = load_model(settings.model, settings.max_chars)(text)
    assert [s.text.strip() for s in doc.sents] == sentences
