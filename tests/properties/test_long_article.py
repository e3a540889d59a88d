"""Long articles (#17 item 14, #25 item 5): parsed in paragraph-bounded pieces joined into
one Doc, then worked on in paragraph windows, so time and memory grow linearly with length.

The pieces and windows join back into the text exactly (a text on one line is cut at
sentence ends); a text no longer than a window is one window (its output is unchanged);
and the places stage's comparisons (resolver foci and nearness checks) grow linearly with
the number of paragraphs, where they grew with its square (173 s for 1 MB)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.events import stage as events_stage
from eventwire.model import Article, Entity, Meta, Place, TimeExpr
from eventwire.nlp import parse
from eventwire.nlp.parse import ParseStage
from eventwire.pipeline import windows as win
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import Work
from eventwire.pipeline.windows import SpanIndex, bucket, chunks, views, windows
from eventwire.places import resolver
from eventwire.places.gazetteer import gazetteer
from eventwire.places.stage import PlacesStage
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


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(1, 60))
def test_windows_cover_the_text_in_order(text: str, size: int) -> None:
    bounds = windows(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))
    assert all(end - start <= size for start, end in bounds)


def test_a_text_on_one_line_is_windowed_at_sentence_ends() -> None:
    text = " ".join(f"Sentence {n} says a few words." for n in range(3000))
    bounds = windows(text, 5_000)
    assert len(bounds) >= len(text) // 5_000
    assert all(text[end - 2:end] == ". " for _, end in bounds[:-1])


def test_a_text_shorter_than_a_window_is_one_window() -> None:
    text = "Officials met in Tallinn.\n\nThey talked. " * 100
    assert windows(text) == [(0, len(text))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=30),
       st.integers(0, 70), st.integers(0, 10))
def test_span_index_finds_what_a_scan_finds(spans: list[tuple[int, int]], start: int,
                                            width: int) -> None:
    spans = [(s, s + w) for s, w in spans]
    index = SpanIndex(spans[: len(spans) // 2])
    for span in spans[len(spans) // 2:]:
        index.add(*span)
    end = start + width
    scan = sorted(s for s in spans if s[0] < end and start < s[1])
    assert index.overlapping(start, end) == scan
    assert index.overlaps(start, end) == bool(scan)


def test_views_share_out_the_record_and_carry_the_dateline() -> None:
    text = "TALLINN — Talks.\n\n" + "Words here.\n\n" * 100
    article = Article(id="a", text=text, meta=Meta(version="test"))
    article.places = [Place(id="p1", text="TALLINN", start=0, end=7, name="Tallinn"),
                      Place(id="p2", text="Words", start=500, end=505, name="Words")]
    article.times = [TimeExpr(id="t1", text="here", start=1206, end=1210, type="DATE")]
    bounds = windows(text, 600)
    shared = views(article, bounds)
    assert len(shared) == len(bounds) > 2
    assert [p.id for p in shared[0].places] == ["p1", "p2"]
    assert [p.id for p in shared[1].places] == ["p1"]  # the dateline, for every window
    assert sum(len(v.times) for v in shared) == 1 and not any(v.events for v in shared)
    assert bucket([5, 700, 1300], int, bounds)[:3] == [[5], [700], [1300]]


def _paragraphs(count: int) -> tuple[str, list[tuple[int, int]]]:
    """`count` paragraphs, each naming a different city (a long text names many places)."""
    table = gazetteer().cities
    names = []
    for number, name in enumerate(table.names):
        if table.population[number] >= 150_000 and name.isalpha() and name not in names:
            names.append(name)
        if len(names) == count:
            break
    text, spans = "", []
    for name in names:
        prefix = "Officials met in "
        spans.append((len(text) + len(prefix), len(text) + len(prefix) + len(name)))
        text += f"{prefix}{name} on Monday to talk about the road.\n\n"
    return text, spans


def _place_work(count: int) -> Work:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text, spans = _paragraphs(count)
    article = Article(id="long", text=text, meta=Meta(version="test"))
    article.entities = [Entity(id=f"e{n}", text=text[s:e], start=s, end=e, label="GPE")
                        for n, (s, e) in enumerate(spans, start=1)]
    work = Work(article)
    work.doc = nlp(text)
    return work


def _counted(monkeypatch: pytest.MonkeyPatch, count: int) -> tuple[int, int]:
    """Places for a text of `count` paragraphs: how many places, and how many comparisons
    the resolver made (readings folded into a focus, distances to chosen towns)."""
    made = [0]

    def counting(function: Callable[..., Any], weight: Callable[..., int]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            made[0] += weight(*args)
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(resolver, "distance_km", counting(resolver.distance_km,
                                                          lambda *_: 1))
    monkeypatch.setattr(resolver, "_add_readings", counting(
        resolver._add_readings, lambda _focus, _own, readings, *_: len(readings)))
    work = _place_work(count)
    PlacesStage(Settings()).process(work)
    monkeypatch.undo()
    return len(work.article.places), made[0]


def test_places_work_grows_linearly_with_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(win, "WINDOW_CHARS", 2_000)
    small, small_work = _counted(monkeypatch, 150)
    monkeypatch.setattr(win, "WINDOW_CHARS", 2_000)
    large, large_work = _counted(monkeypatch, 300)
    assert small == 150 and large == 300  # every city is placed
    assert large_work <= 2.5 * small_work, (small_work, large_work)


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


@pytest.mark.model
def test_events_are_merged_per_window(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [
        "Police arrested 40 protesters in Harbor City on Saturday, the mayor said.",
        "Germany and France signed an agreement on Wednesday in Berlin.",
        "Rebels attacked an army base near Goma on Sunday, killing 12 soldiers.",
    ]
    text = "\n\n".join(paragraphs * 25)
    monkeypatch.setattr(win, "WINDOW_CHARS", 1_000)
    merged: list[list[int]] = []
    merge = events_stage.merge_mentions

    def recording(article: Article, doc: Any, features: Any = None, dates: Any = None) -> None:
        if dates is None:  # the first merge; the second (after re-typing) passes own dates
            merged.append([event.trigger.start for event in article.events])
        merge(article, doc, features, dates)

    monkeypatch.setattr(events_stage, "merge_mentions", recording)
    result = Pipeline(Settings()).process(Article(id="long", text=text,
                                                  meta=Meta(version="test")))
    assert result.meta.failure is None
    assert len(merged) == len(windows(text)) > 5  # one merge per window, not one for all
    assert all(max(starts) - min(starts) < 1_000 for starts in merged if starts)
    assert len(result.events) >= len(paragraphs) * 5
    assert [e.id for e in result.events] == [f"v{n}" for n in range(1, len(result.events) + 1)]
    assert all(text[e.trigger.start:e.trigger.end] == e.trigger.text for e in result.events)
    assert [p.id for p in result.places] == [f"p{n}" for n in range(1, len(result.places) + 1)]
