"""The training of the rules' confidence (evaluation/calibrate.py) and `calibrate --all`
(evaluation/retrain.py): the settings the rows come from, the reuse of the rule candidates
under other weights, the fixed point from zero weights, and the order of the three fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluation import calibrate
from eventwire.evaluation.calibrate import TRAINING, Row, collect, prepare
from eventwire.evaluation.common import gold_article, raw_pipeline, works
from eventwire.evaluation.retrain import ORDER, retrain_all
from eventwire.events.confidence import CALIBRATION, FEATURES, coefficients
from eventwire.events.decide import DECISION
from eventwire.events.role_filler import MODEL
from eventwire.events.stage import EventsStage

TEXT = ("Police arrested 20 protesters in Nairobi on Monday. The arrests came after the "
        "protesters attacked a police station. Kenya's president condemned the attack, and "
        "the opposition accused the police of brutality.")


def test_the_rules_confidence_is_trained_with_the_later_models_off() -> None:
    assert TRAINING.event_decision is False
    assert TRAINING.event_role_filler is False
    stage = next(s for s in raw_pipeline(TRAINING).stages if isinstance(s, EventsStage))
    assert (stage.settings.event_decision, stage.settings.event_role_filler) == (False, False)


def _record() -> dict[str, object]:
    return {"id": "t1", "text": TEXT, "gold": {"event": "ARREST"}}


def test_candidates_concluded_again_give_the_pipeline_rows() -> None:
    """The rows of the reused candidates under the shipped weights are those of the whole
    pipeline with the training settings (which reads the shipped weights)."""
    record = _record()
    units = prepare("stories", [record], lambda r: "ARREST")
    [work] = works(raw_pipeline(TRAINING), [gold_article("t1", TEXT, None)])
    expected = [Row("stories", "t1", e.trigger.start, dict(work.event_features[e.id]),
                    e.negated, e.type == "ARREST")
                for e in work.article.events if e.id in work.event_features]
    assert expected
    assert collect(units, coefficients()) == expected
    assert collect(units, coefficients()) == expected  # concluding again changes nothing


def _row(unit: str, value: float) -> Row:
    return Row("stories", unit, 0, {"bias": 1.0, "weight": value}, False, value > 0.5)


def test_fixed_point_starts_from_zero_and_stops_when_the_rows_settle(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, float]] = []

    def fake_collect(units: object, weights: dict[str, float]) -> list[Row]:
        seen.append(dict(weights))
        return [_row("a", min(weights.get("weight", 0.0), 1.0))]

    def fake_choose(look: list[Row]) -> tuple[float, dict[float, float], dict[str, float]]:
        return 1.0, {1.0: 0.0}, {"weight": round(look[0].features["weight"] + 0.5, 4)}

    monkeypatch.setattr(calibrate, "collect", fake_collect)
    monkeypatch.setattr(calibrate, "choose", fake_choose)
    monkeypatch.setattr(calibrate, "split_of", lambda unit: "look")
    rows, _, _, weights, rounds = calibrate.fixed_point([])
    assert seen[0] == dict.fromkeys(FEATURES, 0.0)
    assert weights == {"weight": 1.5}
    assert rows == [_row("a", 1.0)]
    assert rounds == 3


def test_fixed_point_gives_up_after_max_rounds(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_collect(units: object, weights: dict[str, float]) -> list[Row]:
        return [_row("a", weights.get("weight", 0.0))]

    def fake_choose(look: list[Row]) -> tuple[float, dict[float, float], dict[str, float]]:
        return 1.0, {}, {"weight": look[0].features["weight"] + 1.0}

    monkeypatch.setattr(calibrate, "collect", fake_collect)
    monkeypatch.setattr(calibrate, "choose", fake_choose)
    monkeypatch.setattr(calibrate, "split_of", lambda unit: "look")
    *_, rounds = calibrate.fixed_point([])
    assert rounds == calibrate.MAX_ROUNDS + 1


def test_retrain_all_fits_in_order_and_says_what_changed(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / DECISION).write_text("same\n", encoding="utf-8")
    order: list[str] = []

    def fit(kind: str, dev: Path, stories: int, target: Path) -> str:
        order.append(kind)
        target.write_text("same\n" if kind == "decision" else kind, encoding="utf-8")
        return f"report {kind}"

    said: list[str] = []
    changes = retrain_all(tmp_path, 10, fit, tmp_path, said.append)
    assert order == ["rules", "decision", "roles"]
    assert [name for _, name in ORDER] == [CALIBRATION, DECISION, MODEL]
    assert changes == [f"{CALIBRATION}: CHANGED", f"{DECISION}: unchanged",
                       f"{MODEL}: CHANGED"]
    assert said[0] == "report rules"


@pytest.mark.parametrize("argv", [["--all", "--dry-run"], ["--all", "--roles"],
                                  ["--all", "--decision"]])
def test_all_refuses_a_single_model_or_a_dry_run(argv: list[str]) -> None:
    assert calibrate.main(argv) == 2
