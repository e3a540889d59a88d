"""The events and stories scorers: a perfect prediction scores 1.0, an empty one 0; the
look/untouched split; reliability tables and calibration error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.common import gold_article, split_of, split_scores, split_table
from eventwire.evaluation.events import (
    gold_type,
    half,
    score_items,
    top_event,
    type_scores,
)
from eventwire.evaluation.reliability import ece, reliability
from eventwire.evaluation.stories import outcome, scores
from eventwire.model import Actor, Article, Event, Mention, SentenceRef, Span


def record(rid: str, event: str, source: str | None = None,
           target: str | None = None) -> dict[str, Any]:
    people = lambda code: [{"text": code, "code": code, "sector": "GOV"}] if code else []  # noqa: E731
    return {"id": rid, "text": "x", "gold": {"event": event, "source": people(source),
                                             "target": people(target)}}


def article_with(event_type: str | None, source: str | None = None,
                 target: str | None = None, confidence: float = 0.9) -> Article:
    article = gold_article("a", "Iran threatened Iraq.", None)
    for index, code in enumerate((source, target), start=1):
        if code:
            article.actors.append(Actor(id=f"a{index}", name=code, kind="country",
                                        country=code, sectors=["GOV"]))
    if event_type is not None:
        article.events.append(Event(
            id="v1", type=event_type, trigger=Span(text="threatened", start=5, end=15),  # type: ignore[arg-type]
            sentence=SentenceRef(start=0, end=20), confidence=confidence,
            source=Mention(text="Iran", start=0, end=4, actor="a1") if source else None,
            target=Mention(text="Iraq", start=16, end=20, actor="a2") if target else None))
    return article


def test_old_names_are_mapped() -> None:
    assert gold_type(record("1", "DEMAND")) == "REQUEST"
    assert gold_type(record("1", "DISAPPROVE")) == "ACCUSE"
    assert gold_type(record("1", "INVESTIGATE")) == "ACCUSE"
    assert gold_type(record("1", "FIGHT")) == "ASSAULT"
    assert gold_type(record("1", "threaten")) == "THREATEN"


def test_perfect_prediction_scores_one() -> None:
    items = [(record(str(i), t, "IRN", "IRQ"), article_with(t, "IRN", "IRQ"), None)
             for i, t in enumerate(["THREATEN", "ASSAULT", "AGREE"])]
    items = [(r, a, top_event(a)) for r, a, _ in items]
    metrics = score_items(items)
    assert metrics["accuracy"] == 1.0
    assert metrics["macro_f1"] == 1.0
    assert metrics["source_country_accuracy"] == 1.0
    assert metrics["target_country_accuracy"] == 1.0
    assert metrics["source_sector_accuracy"] == 1.0


def test_empty_prediction_scores_zero() -> None:
    items = [(record(str(i), t, "IRN", "IRQ"), article_with(None), None)
             for i, t in enumerate(["THREATEN", "ASSAULT"])]
    metrics = score_items(items)
    assert metrics["accuracy"] == 0.0
    assert metrics["macro_f1"] == 0.0
    assert metrics["source_country_accuracy"] == 0.0
    assert metrics["target_country_accuracy"] == 0.0


def test_per_type_scores() -> None:
    metrics, rows = type_scores([("ASSAULT", "ASSAULT"), ("ASSAULT", "COERCE"),
                                 ("COERCE", "COERCE")])
    assert metrics["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    table = {row[0]: row for row in rows[1:]}
    assert table["ASSAULT"][3:] == [1.0, 0.5, pytest.approx(0.667, abs=1e-3)]
    assert table["COERCE"][3:] == [0.5, 1.0, pytest.approx(0.667, abs=1e-3)]


def test_negated_events_are_not_the_top_event() -> None:
    article = article_with("ASSAULT", confidence=0.9)
    article.events[0] = article.events[0].model_copy(update={"negated": True,
                                                             "modality": "negated"})
    assert top_event(article) is None


def test_halves_are_deterministic_and_both_used() -> None:
    ids = [f"PLOVER-GSR01-X-{i:04d}" for i in range(200)]
    assert [half(i) for i in ids] == [half(i) for i in ids]
    counts = {name: sum(1 for i in ids if half(i) == name) for name in ("fit", "held-out")}
    assert 60 < counts["fit"] < 140 and counts["fit"] + counts["held-out"] == 200


def test_reliability_buckets() -> None:
    rows = reliability([(0.95, True), (0.85, False), (0.1, False)])
    assert rows[0] == ["bin", "n", "mean_confidence", "accuracy"]
    assert rows[1] == ["0.0-0.2", 1, 0.1, 0.0]
    assert rows[-1] == ["0.8-1.0", 2, 0.9, 0.5]


@pytest.mark.parametrize(("points", "expected"), [
    ([], 0.0),
    ([(0.9, True)] * 9 + [(0.9, False)], 0.0),
    ([(0.9, False)] * 4, 0.9),
    ([(0.3, True), (0.3, False), (0.9, True), (0.9, True)], 0.15),
])
def test_calibration_error(points: list[tuple[float, bool]], expected: float) -> None:
    assert ece(points) == pytest.approx(expected, abs=1e-3)


def test_split_is_fixed_by_the_key_and_keeps_about_thirty_percent_untouched() -> None:
    ids = [f"NGEC-SYN-{i:05d}" for i in range(2000)]
    assert [split_of(i) for i in ids] == [split_of(i) for i in ids]
    share = sum(split_of(i) == "untouched" for i in ids) / len(ids)
    assert 0.25 < share < 0.35


def test_split_scores_reports_each_part_and_all() -> None:
    ids = [f"S{i}" for i in range(40)]
    right = {i: split_of(i) == "look" for i in ids}
    metrics = split_scores(ids, lambda i: i,
                           lambda chosen: {"accuracy": sum(right[i] for i in chosen)
                                           / max(1, len(chosen))})
    assert metrics["look:accuracy"] == 1.0
    assert metrics["untouched:accuracy"] == 0.0
    assert metrics["look:n"] + metrics["untouched:n"] == 40
    assert 0.0 < metrics["accuracy"] < 1.0
    table = split_table(metrics)
    assert table[0] == ["metric", "look", "untouched", "all"]
    assert table[1] == ["accuracy", 1.0, 0.0, metrics["accuracy"]]


def test_an_empty_part_reports_no_score() -> None:
    looked = next(f"T{i}" for i in range(100) if split_of(f"T{i}") == "look")
    metrics = split_scores([looked], lambda i: i, lambda chosen: {"accuracy": 1.0})
    assert metrics["untouched:n"] == 0.0
    assert "untouched:accuracy" not in metrics


@pytest.mark.parametrize(("found", "gold", "mode", "expected"), [
    ("THREATEN", "THREATEN", None, {"type_found": 1.0, "top_accuracy": 1.0}),
    ("THREATEN", "ASSAULT", None, {"type_found": 0.0, "top_accuracy": 0.0}),
    (None, "ASSAULT", None, {"type_found": 0.0, "any_event": 0.0}),
    ("THREATEN", "THREATEN", "nonmilitary", {"type_found": 1.0, "type_mode_found": 0.0}),
])
def test_story_scores(found: str | None, gold: str, mode: str | None,
                      expected: dict[str, float]) -> None:
    story = {"id": "NGEC-SYN-1", "text": "x", "gold": {"event": gold, "mode": mode}}
    result = scores([outcome(story, article_with(found))])
    for name, value in expected.items():
        assert result[name] == value


@pytest.mark.parametrize("argv", [["--stories", "many"], ["--bogus"], ["--stories"]])
def test_calibrate_refuses_bad_options(argv: list[str]) -> None:
    from eventwire.evaluation.calibrate import main

    assert main(argv) == 2


def test_calibrate_without_dev_data_says_so(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.evaluation.calibrate import main

    assert main(["--dev", str(tmp_path / "absent")]) == 2
    assert "no dev data" in capsys.readouterr().err
