"""The fitting of the event decision (evaluation/linear.py, evaluation/decision.py,
evaluation/decision_grid.py): the minimiser, the regression, the sweep of thresholds, the
fold assignments, the bagged type model, the choice of L2, floor and threshold, the stage-2
labels in the scoring's order and the calibration error's spread over a few stories."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.evaluation.common import FOLDS, fold_of
from eventwire.evaluation.decision import Judged, bagged, choose, ordered_labels, sweep
from eventwire.evaluation.decision_grid import ece_spread, fold_in, mean_scores
from eventwire.evaluation.linear import lbfgs, matrix, softmax_fit
from eventwire.events.decide import NONE, TypeModel
from eventwire.model import Event, SentenceRef, Span

CLASSES_SMALL = (NONE, "ASSAULT", "SANCTION")


def test_lbfgs_minimises_a_quadratic() -> None:
    target = np.array([1.0, -2.0, 3.0])

    def loss(point: np.ndarray) -> tuple[float, np.ndarray]:
        return float(((point - target) ** 2).sum()), 2 * (point - target)

    assert lbfgs(loss, np.zeros(3)) == pytest.approx(target, abs=1e-3)


def test_softmax_fit_learns_a_separable_feature() -> None:
    rows = [{"a": 1.0}] * 20 + [{"b": 1.0}] * 20
    x = matrix(rows, {"a": 0, "b": 1})
    y = np.array([[1.0, 0.0]] * 20 + [[0.0, 1.0]] * 20)
    weights, bias, _ = softmax_fit(x, y, l2=0.1)
    logits = x @ weights + bias
    assert (logits.argmax(axis=1) == y.argmax(axis=1)).all()


def test_sweep_counts_what_the_threshold_keeps() -> None:
    judged = [Judged("s1", ((0.9, True, "ASSAULT"), (0.3, False, "PROTEST")), 2,
                     frozenset({"ASSAULT"})),
              Judged("s2", ((0.6, True, "SANCTION"),), 1, frozenset({"SANCTION"}))]
    everything = sweep(judged, 0.0)
    assert everything["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert everything["recall"] == pytest.approx(2 / 3, abs=1e-3)
    strict = sweep(judged, 0.5)
    assert strict["precision"] == 1.0 and strict["events_per_story"] == 1.0
    assert strict["doc_type_macro_f1"] == 1.0
    assert fold_of("s1") == fold_of("s1")


def test_sweep_keeps_the_rescued_best_of_an_untold_type() -> None:
    judged = [Judged("s1", ((0.9, True, "ASSAULT"), (0.3, True, "RETREAT"),
                            (0.2, False, "RETREAT")), 3, frozenset({"ASSAULT", "RETREAT"}))]
    plain = sweep(judged, 0.5)
    rescued = sweep(judged, 0.5, 0.25)
    assert plain["events_per_story"] == 1.0 and plain["doc_type_macro_f1"] == 0.5
    assert rescued["events_per_story"] == 2.0 and rescued["doc_type_macro_f1"] == 1.0
    assert rescued["recall"] == pytest.approx(2 / 3, abs=1e-3)


def test_fold_assignments_are_salted_and_balanced() -> None:
    keys = [f"story-{i}" for i in range(200)]
    # salt 0 is the folds of every other fitted model
    assert [fold_in(k, 0) for k in keys] == [fold_of(k) for k in keys]
    other = [fold_in(k, 1) for k in keys]
    assert other == [fold_in(k, 1) for k in keys]
    assert other != [fold_of(k) for k in keys]
    assert all(20 <= other.count(f) <= 60 for f in range(FOLDS))


def test_bagged_type_model_averages_the_scores() -> None:
    one = TypeModel(CLASSES_SMALL, (0.0, 1.0, -1.0), {"lem=tariff": (0.0, -2.0, 3.0)},
                    {"bias": 1.0})
    two = TypeModel(CLASSES_SMALL, (0.0, 3.0, 1.0), {"lem=march": (4.0, 0.0, 0.0)},
                    {"bias": 0.0})
    bag = bagged([one, two])
    assert bag.bias == (0.0, 2.0, 0.0)
    # a feature one model lacks counts as 0 there
    assert bag.weights["lem=tariff"] == (0.0, -1.0, 1.5)
    assert bag.weights["lem=march"] == (2.0, 0.0, 0.0)
    assert bag.keep == {"bias": 0.5}
    row = {"lem=tariff": 1.0, "bias": 1.0}
    mean = np.log(np.array(one.probabilities(row, "ASSAULT"))) \
        + np.log(np.array(two.probabilities(row, "ASSAULT")))
    expected = np.exp(mean / 2) / np.exp(mean / 2).sum()
    assert bag.probabilities(row, "ASSAULT") == pytest.approx(list(expected))
    with pytest.raises(ValueError):
        bagged([])


def test_mean_scores_average_the_assignments_and_give_the_spread() -> None:
    runs = [{"f1": 0.50, "precision": 0.6}, {"f1": 0.54, "precision": 0.7}]
    mean = mean_scores(runs)
    assert mean["f1"] == pytest.approx(0.52)
    assert mean["precision"] == pytest.approx(0.65)
    assert mean["f1_sd"] == pytest.approx(0.02)
    assert mean["assignments"] == 2.0
    assert mean_scores([]) == {}


@pytest.mark.parametrize(("grid", "chosen"), [
    # the stronger L2 ties the best: taken; of its floors the best; the highest tied threshold
    ({(3.0, 0.1, 0.25): 0.520, (10.0, 0.1, 0.3): 0.511, (10.0, 0.1, 0.35): 0.517,
      (10.0, 0.2, 0.35): 0.512}, (10.0, 0.1, 0.35)),
    ({(3.0, 0.1, 0.25): 0.530, (10.0, 0.1, 0.35): 0.517}, (3.0, 0.1, 0.25)),
    ({(10.0, 0.2, 0.3): 0.514, (10.0, 0.2, 0.35): 0.517, (10.0, 0.1, 0.35): 0.50},
     (10.0, 0.2, 0.35)),
    ({(10.0, 0.2, 0.3): 0.517, (10.0, 0.2, 0.35): 0.514, (10.0, 0.2, 0.45): 0.50},
     (10.0, 0.2, 0.35)),
    # 0.008 under the best is no tie any more (the grid is a mean over fold assignments)
    ({(10.0, 0.2, 0.3): 0.517, (10.0, 0.2, 0.45): 0.509}, (10.0, 0.2, 0.3)),
])
def test_choice_of_l2_floor_and_threshold_breaks_ties(
        grid: dict[tuple[float, float, float], float],
        chosen: tuple[float, float, float]) -> None:
    assert choose(grid) == chosen


@pytest.mark.parametrize(("ratio", "chosen"), [
    # the tied higher threshold tells too few of the gold events: the best stays
    ({0.3: 0.81, 0.35: 0.75}, 0.3),
    # it tells enough: of ties, the more precise
    ({0.3: 0.95, 0.35: 0.85}, 0.35),
    # the best itself tells too few: it is still allowed, the higher tie is not
    ({0.3: 0.75, 0.35: 0.70}, 0.3),
])
def test_tied_higher_threshold_must_tell_enough_events(ratio: dict[float, float],
                                                        chosen: float) -> None:
    grid = {(10.0, 0.2, 0.25): 0.540, (10.0, 0.2, 0.3): 0.551, (10.0, 0.2, 0.35): 0.548}
    counts = {cell: ratio.get(cell[2], 0.9) for cell in grid}
    assert choose(grid, counts) == (10.0, 0.2, chosen)


SENTENCES = ("Rebels attacked the base on Monday.", "The attack killed ten soldiers.")
TOLD = " ".join(SENTENCES)


def _attack(number: int, sentence: str, confidence: float) -> Event:
    start = TOLD.index(sentence)
    return Event(id=f"v{number}", type="ASSAULT",
                 trigger=Span(text=sentence[:3], start=start, end=start + 3),
                 sentence=SentenceRef(start=start, end=start + len(sentence)),
                 confidence=confidence)


@pytest.mark.parametrize(("rows", "labels"), [
    # no stage 2: the events' own confidences order them; the first telling is matched
    (None, [1, 0]),
    # the stage 2 puts the second telling first: it is the match, the first the duplicate
    ([{"f_logit": -2.0}, {"f_logit": 2.0}], [0, 1]),
    ([{"f_logit": 2.0}, {"f_logit": -2.0}], [1, 0]),
    # an event without a row keeps its own confidence: 0.9 beats sigmoid(1) = 0.73 (scored
    # on an empty row it would be sigmoid(0) = 0.5, and lose)
    ([{}, {"f_logit": 1.0}], [1, 0]),
])
def test_stage_two_labels_follow_the_order_the_scoring_takes(
        rows: list[dict[str, float]] | None, labels: list[int]) -> None:
    record = {"id": "s1", "text": TOLD, "gold": {"events": [
        {"id": "E1", "type": "ASSAULT", "trigger": "attacked", "mentions": list(SENTENCES)}]}}
    events = [_attack(1, SENTENCES[0], 0.9), _attack(2, SENTENCES[1], 0.5)]
    final = None if rows is None else {"f_logit": 1.0}
    assert ordered_labels(record, events, rows or [{}, {}], final) == labels


def test_ece_of_a_few_stories_spreads_beyond_the_pooled_figure() -> None:
    right = Judged("s1", ((0.5, True, "ASSAULT"), (0.5, True, "ASSAULT")), 2,
                   frozenset({"ASSAULT"}))
    wrong = Judged("s2", ((0.5, False, "ASSAULT"), (0.5, False, "ASSAULT"),
                          (0.1, True, "ASSAULT")), 2, frozenset({"ASSAULT"}))
    # pooled (events at 0.3 or more) the confidence 0.5 is exactly right ...
    assert sweep([right, wrong], 0.3)["ece"] == 0.0
    # ... but samples of a few stories are not: their ECE is above it, the same each time
    spread = ece_spread([[right, wrong]], 0.3, stories=3, draws=200)
    assert 0.1 < spread["small_ece_mean"] <= spread["small_ece_p90"] <= 0.5
    assert spread == ece_spread([[right, wrong]], 0.3, stories=3, draws=200)
    # many stories: the spread shrinks toward the pooled figure
    wide = ece_spread([[right, wrong]], 0.3, stories=200, draws=200)
    assert wide["small_ece_mean"] < spread["small_ece_mean"]
    assert ece_spread([], 0.3) == {}
    # a rescued event (the best PROTEST, under the threshold) counts in the spread too
    lone = Judged("s3", ((0.9, True, "ASSAULT"), (0.25, True, "PROTEST")), 2, frozenset())
    plain = ece_spread([[lone]], 0.3, stories=1, draws=10)
    rescued = ece_spread([[lone]], 0.3, stories=1, draws=10, rescue=0.2)
    assert rescued["small_ece_mean"] > plain["small_ece_mean"]
