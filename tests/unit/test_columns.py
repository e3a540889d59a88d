"""Tokens picked by the document's part-of-speech column: those a loop over `pos_` keeps."""

from __future__ import annotations

import pytest

from eventwire.nlp.columns import with_pos
from eventwire.nlp.parse import load_model
from eventwire.settings import Settings

pytestmark = pytest.mark.model

TEXT = ("He said Iraqi Prime Minister Adel Abdul Mahdi met them and two officials in Baghdad "
        "on Sunday, and she told it to Reuters.")


@pytest.mark.parametrize(("pos", "words"), [
    (("NOUN", "PROPN"), ["Prime", "Minister", "Adel", "Abdul", "Mahdi", "officials", "Baghdad",
                         "Sunday", "Reuters"]),
    ("PROPN", ["Prime", "Minister", "Adel", "Abdul", "Mahdi", "Baghdad", "Sunday", "Reuters"]),
    ("PRON", ["He", "them", "she", "it"]),
    ("INTJ", []),
])
def test_with_pos_keeps_what_a_loop_over_pos_keeps(pos: str | tuple[str, ...],
                                                   words: list[str]) -> None:
    settings = Settings()
    doc = load_model(settings.model, settings.max_chars)(TEXT)
    tags = (pos,) if isinstance(pos, str) else pos
    picked = with_pos(doc, *tags)
    assert [t.i for t in picked] == [t.i for t in doc if t.pos_ in tags]
    assert [t.text for t in picked] == words
