"""Long articles are parsed in paragraph-bounded pieces joined into one Doc (#17 item 14):
the pieces join back into the text exactly, and the joined Doc has the text's offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.nlp import parse
from eventwire.nlp.parse import ParseStage
from eventwire.pipeline.windows import chunks
from eventwire.settings import Settings


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(1, 60))
def test_pieces_join_back_into_the_text(text: str, size: int) -> None:
    pieces = chunks(text, size)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= size for piece in pieces if text)


def test_pieces_end_at_paragraphs_when_they_can() -> None:
    text = "\n\n".join(f"Paragraph {n} has a few words in it." for n in range(40))
    pieces = chunks(text, 200)
    assert len(pieces) > 1
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


@pytest.mark.model
def test_a_long_text_parsed_in_pieces_keeps_its_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = ParseStage(Settings())
    paragraphs = [
        "Finnish President Alexander Stubb met Estonian Prime Minister Kristen Michal in "
        "Tallinn on Monday.",
        "Police arrested 40 protesters in Harbor City on Saturday, the mayor said.",
        "Germany and France signed an agreement on Wednesday in Berlin.",
    ]
    text = "\n\n".join(paragraphs * 12)
    whole = stage.nlp(text)
    monkeypatch.setattr(parse, "CHUNK_CHARS", 400)
    doc = stage.parse(text)
    assert doc.text == text
    assert [(t.idx, t.text) for t in doc] == [(t.idx, t.text) for t in whole]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents]
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents)
    starts = {s.start_char for s in doc.sents}
    assert {text.index(p) for p in paragraphs} <= starts
