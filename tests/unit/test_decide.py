"""The event decision (events/decide.py): re-typing and dropping candidates, the calibrated
confidence of merged events, the short-input regime, the shipped model and the worked
example (the fitting's numeric pieces: test_decision_fit.py)."""

from __future__ import annotations

import dataclasses
import math
import random
from pathlib import Path

import pytest
from spacy.tokens import Doc
from tests.conftest import EXAMPLES

from eventwire.evaluation.common import gold_article
from eventwire.evaluation.decision import CLASSES
from eventwire.events.decide import (
    ARTICLE_SENTENCES,
    NONE,
    Decision,
    TypeModel,
    conclude,
    decision_model,
    from_dict,
    kept_at,
    prepare,
    settle,
    short_input,
    to_dict,
)
from eventwire.model import (
    EVENT_TYPES,
    Article,
    Event,
    EventMention,
    Mention,
    SentenceRef,
    Span,
    TimeRef,
)
from eventwire.nlp.parse import load_model
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings


def _parse(text: str) -> Doc:
    """A text parsed by the model the pipeline loads (loaded once, cached)."""
    settings = Settings()
    return load_model(settings.model, settings.max_chars)(text)


CLASSES_SMALL = (NONE, "ASSAULT", "SANCTION")


def _event(number: int, kind: str, sentence: int) -> Event:
    start = sentence * 100 + 10
    return Event(id=f"v{number}", type=kind, trigger=Span(text="x", start=start, end=start + 1),
                 sentence=SentenceRef(start=sentence * 100, end=sentence * 100 + 99),
                 confidence=0.5)


def _decision(floor: float = 0.2, threshold: float = 0.5) -> Decision:
    # "lem=tariff" speaks for SANCTION, "lem=march" for NONE; no keep weights
    types = TypeModel(CLASSES_SMALL, (0.0, 0.0, 0.0),
                      {"lem=tariff": (0.0, -2.0, 3.0), "lem=march": (5.0, 0.0, 0.0)}, {})
    final = {"f_bias": 0.0, "f_logit": 1.0}
    return Decision(types, final, floor, threshold, False)


def _article(*events: Event) -> Article:
    article = gold_article("t", "x" * 1000, None)
    article.events.extend(events)
    return article


def test_probabilities_sum_to_one_and_keep_favours_the_rule_type() -> None:
    model = TypeModel(CLASSES_SMALL, (0.0, 0.0, 0.0), {}, {"bias": 2.0})
    plain = model.probabilities({"bias": 1.0})
    kept = model.probabilities({"bias": 1.0}, "ASSAULT")
    assert sum(plain) == pytest.approx(1.0) and sum(kept) == pytest.approx(1.0)
    assert plain[1] == pytest.approx(1 / 3)
    assert kept[1] > plain[1] and kept[1] > kept[2]


def _summed_by_a_loop(model: TypeModel, row: dict[str, float], rule: str | None) -> list[float]:
    """The type probabilities summed one feature at a time, in the row's order."""
    totals = list(model.bias)
    for name, value in row.items():
        if name in model.weights and value:
            totals = [t + w * value for t, w in zip(totals, model.weights[name], strict=True)]
    if rule in model.classes:
        totals[model.classes.index(rule)] += sum(w * row.get(name, 0.0)
                                                 for name, w in model.keep.items())
    top = max(totals)
    exps = [math.exp(t - top) for t in totals]
    return [e / sum(exps) for e in exps]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_probabilities_are_the_loops_to_the_last_bit(seed: int) -> None:
    """The matrix form adds the same terms in the same order: not one float differs (the
    records are byte-identical), on rows of the shipped model's features and others."""
    model = decision_model()
    assert model is not None
    types = model.types
    generator = random.Random(seed)
    names = sorted(types.weights)
    for _ in range(200):
        row = {generator.choice(names): generator.choice(
            [1.0, 0.0, 3, generator.random(), generator.uniform(-1e3, 1e3)])
            for _ in range(generator.randint(0, 80))}
        row["not a feature"] = 1.0
        rule = generator.choice([*types.classes, None])
        assert types.probabilities(row, rule) == _summed_by_a_loop(types, row, rule)


def test_prepare_scores_and_settle_retypes_and_drops() -> None:
    article = _article(_event(1, "ASSAULT", 0), _event(2, "PROTEST", 1), _event(3, "ASSAULT", 2))
    table = {"v1": {"lem=tariff": 1.0}, "v2": {"lem=march": 1.0}, "v3": {}}
    found = prepare(article, table, _decision(), single=False)
    assert [e.type for e in article.events] == ["ASSAULT", "PROTEST", "ASSAULT"]  # not yet
    assert set(found) == {e.trigger.start for e in article.events}
    settle(article, table, _decision(), found, single=False)
    kinds = {e.id: e.type for e in article.events}
    assert kinds["v1"] == "SANCTION"           # re-typed by its evidence
    assert "v2" not in kinds                   # NONE wins: under the floor, dropped
    assert table["v1"]["retyped"] == 1.0 and table["v1"]["p_type"] > 0.9
    retyped = next(e for e in article.events if e.id == "v1")
    assert retyped.mode is None and retyped.confidence == pytest.approx(table["v1"]["p_type"],
                                                                        abs=1e-3)


def test_settle_decides_a_happening_from_all_its_mentions() -> None:
    lead, echo = _event(1, "ASSAULT", 0), _event(2, "ASSAULT", 1)
    table = {"v1": {"lem=tariff": 1.0}, "v2": {"lem=march": 1.0}}
    article = _article(lead, echo)
    found = prepare(article, table, _decision(floor=0.0), single=False)
    merged = article.events[0].model_copy(update={"mentions": [
        EventMention(trigger=lead.trigger, sentence=lead.sentence),
        EventMention(trigger=echo.trigger, sentence=echo.sentence)]})
    article.events[:] = [merged]
    table.pop("v2")
    settle(article, table, _decision(floor=0.0), found, single=False)
    (event,) = article.events
    lone = _decision().types.probabilities({"lem=tariff": 1.0}, "ASSAULT")
    assert event.type == "SANCTION"
    assert table["v1"]["p_type"] < max(lone)   # the echo's NONE-ish vote pulls it down


def test_short_inputs_keep_the_rules() -> None:
    article = _article(_event(1, "ASSAULT", 0), _event(2, "PROTEST", 0))
    table = {"v1": {"lem=tariff": 1.0}, "v2": {"lem=march": 1.0}}
    prepare(article, table, _decision(), single=True)
    conclude(article, table, _decision(), None, single=True)
    assert [(e.id, e.type, e.confidence) for e in article.events] == [
        ("v1", "ASSAULT", 0.5), ("v2", "PROTEST", 0.5)]
    assert short_input(1) and short_input(ARTICLE_SENTENCES - 1)
    assert not short_input(ARTICLE_SENTENCES)


@pytest.mark.parametrize(("threshold", "kept"), [(None, 1), (0.0, 2), (1.0, 0)])
def test_conclude_applies_the_threshold_and_renumbers(threshold: float | None,
                                                      kept: int) -> None:
    article = _article(_event(1, "ASSAULT", 0), _event(2, "SANCTION", 1))
    table = {"v1": {"p_type": 0.2}, "v2": {"p_type": 0.9}}
    conclude(article, table, _decision(threshold=0.5), threshold, single=False)
    assert len(article.events) == kept
    assert [e.id for e in article.events] == [f"v{i}" for i in range(1, kept + 1)]
    assert set(table) == {e.id for e in article.events}
    for event in article.events:
        assert 0.0 <= event.confidence <= 1.0


@pytest.mark.parametrize(("points", "rescue", "kept"), [
    # a type none of whose events reaches the cut keeps its most confident from `rescue`
    ([(0.9, "ACCUSE"), (0.27, "RETREAT"), (0.2, "RETREAT")], 0.25, [True, True, False]),
    ([(0.9, "ACCUSE"), (0.2, "RETREAT"), (0.27, "RETREAT")], 0.25, [True, False, True]),
    # a type already told keeps nothing under the cut
    ([(0.9, "ACCUSE"), (0.27, "ACCUSE")], 0.25, [True, False]),
    # under `rescue`, or no rescue at all: the cut alone
    ([(0.9, "ACCUSE"), (0.2, "RETREAT")], 0.25, [True, False]),
    ([(0.9, "ACCUSE"), (0.27, "RETREAT")], None, [True, False]),
    # of equals the first
    ([(0.27, "CONCEDE"), (0.27, "CONCEDE")], 0.25, [True, False]),
])
def test_kept_at_rescues_the_best_of_an_untold_type(points: list[tuple[float, str]],
                                                   rescue: float | None,
                                                   kept: list[bool]) -> None:
    assert kept_at(points, 0.3, rescue) == kept


@pytest.mark.parametrize(("threshold", "types"), [
    (None, ["ASSAULT", "SANCTION"]),   # the model's threshold: the best ASSAULT is rescued
    (0.5, ["SANCTION"]),               # a threshold set by hand is strict
])
def test_conclude_rescues_a_type_told_once(threshold: float | None, types: list[str]) -> None:
    article = _article(_event(1, "ASSAULT", 0), _event(2, "SANCTION", 1),
                       _event(3, "ASSAULT", 2))
    table = {"v1": {"p_type": 0.4}, "v2": {"p_type": 0.9}, "v3": {"p_type": 0.1}}
    decision = dataclasses.replace(_decision(threshold=0.5), rescue=0.3)
    conclude(article, table, decision, threshold, single=False)
    assert [e.type for e in article.events] == types
    assert [e.confidence for e in article.events] == ([0.4, 0.9] if threshold is None else [0.9])


def test_second_event_of_a_type_in_a_sentence_is_marked() -> None:
    article = _article(_event(1, "ASSAULT", 0), _event(2, "ASSAULT", 0))
    table = {"v1": {"p_type": 0.9}, "v2": {"p_type": 0.6}}
    conclude(article, table, _decision(threshold=0.0), None, single=False)
    assert table["v1"]["f_same_sentence"] == 0.0 and table["v2"]["f_same_sentence"] == 1.0


def test_round_trip_of_the_model_file_form() -> None:
    decision = _decision()
    again = from_dict(to_dict(decision))
    assert again == Decision(TypeModel(decision.types.classes, decision.types.bias,
                                       {k: tuple(v) for k, v in decision.types.weights.items()},
                                       {}), dict(decision.final), 0.2, 0.5, False)
    with pytest.raises(ValueError, match="types"):
        from_dict({"types": [], "final": {}, "floor": 0, "threshold": 0})


@pytest.mark.parametrize(("bias", "column"), [([0.0, 0.0], [1.0]), ([0.0], [1.0, 2.0])])
def test_a_model_needs_one_value_per_class(bias: list[float], column: list[float]) -> None:
    data = {"types": {"classes": ["ASSAULT", "NONE"], "bias": bias, "weights": {"w": column}},
            "final": {}, "floor": 0, "threshold": 0}
    with pytest.raises(ValueError, match="one value per class"):
        from_dict(data)


def test_shipped_model() -> None:
    model = decision_model()
    assert model is not None
    assert model.types.classes == CLASSES == (NONE, *EVENT_TYPES)
    assert 0.0 < model.threshold < 1.0 and 0.0 <= model.floor < 1.0
    assert all(len(column) == len(CLASSES) for column in model.types.weights.values())
    path = Path(__file__).resolve().parents[2] / "src/eventwire/data/events/event_decision.json"
    assert path.stat().st_size < 3_000_000


@pytest.mark.model
def test_pipeline_output_respects_the_threshold() -> None:
    text = (EXAMPLES / "esper-iraq-rockets.txt").read_text(encoding="utf-8")
    model = decision_model()
    assert model is not None
    default = Pipeline(Settings(clean=False)).process(gold_article("t", text, "2019-12-16"))
    everything = Pipeline(Settings(clean=False, event_threshold=0.0)).process(
        gold_article("t", text, "2019-12-16"))
    assert default.meta.failure is None and everything.meta.failure is None
    assert len(everything.events) >= len(default.events)
    told = {e.type for e in default.events if e.confidence >= model.threshold - 1e-3}
    rescued = [e for e in default.events if e.confidence < model.threshold - 1e-3]
    assert all(model.rescue is not None and e.confidence >= model.rescue - 1e-3
               and e.type not in told for e in rescued)
    assert len({e.type for e in rescued}) == len(rescued)
    assert [e.id for e in default.events] == [f"v{i}" for i in
                                               range(1, len(default.events) + 1)]
    rules = Pipeline(Settings(clean=False, event_decision=False)).process(
        gold_article("t", text, "2019-12-16"))
    assert len(rules.events) > len(default.events)
    for event in default.events:
        assert default.text[event.trigger.start:event.trigger.end] == event.trigger.text



@pytest.mark.model
def test_entity_labels_of_a_sentence_are_those_of_its_entities() -> None:
    # read from the tokens (linear), they must equal what Span.ents gives (a walk over every
    # entity of the document per sentence, quadratic on long articles)
    from eventwire.events.features import _entity_labels

    text = (EXAMPLES / "esper-iraq-rockets.txt").read_text(encoding="utf-8")
    doc = _parse(text)
    sentences = list(doc.sents)
    assert sum(bool(_entity_labels(s)) for s in sentences) > 5
    for sentence in sentences:
        assert _entity_labels(sentence) == {e.label_ for e in sentence.ents}


def _near_event(number: int, kind: str, sentence: int, source: str | None,
                p_type: float) -> tuple[Event, dict[str, float]]:
    event = _event(number, kind, sentence)
    if source is not None:
        event = event.model_copy(update={"source": Mention(text=source, start=0, end=1)})
    return event, {"p_type": p_type}


@pytest.mark.parametrize(("second", "near", "same_source"), [
    (("ASSAULT", 1, "rebels in Mali"), 1.0, 1.0),  # the next event sentence, the rebels
    (("ASSAULT", 3, "Police"), 0.0, 0.0),           # far on, another source
    (("SANCTION", 1, "rebels in Mali"), 0.0, 0.0),  # another type is no retelling
])
def test_weaker_retelling_of_a_type_is_marked(second: tuple[str, int, str], near: float,
                                              same_source: float) -> None:
    first, row1 = _near_event(1, "ASSAULT", 0, "the rebels", 0.9)
    middle, row2 = _near_event(2, "CONSULT", 2, None, 0.8)
    other, row3 = _near_event(3, second[0], second[1], second[2], 0.6)
    table = {"v1": row1, "v2": row2, "v3": row3}
    conclude(_article(first, middle, other), table, _decision(threshold=0.0), None,
             single=False)
    assert table["v1"]["f_dup_near"] == 0.0 and table["v1"]["f_dup_source"] == 0.0
    assert table["v3"]["f_dup_near"] == near
    assert table["v3"]["f_dup_source"] == same_source
    # the retelling evidence is read against the near stronger events only
    assert ("f_dup_lemma" in table["v3"]) is bool(near)


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "conditional", "reaction"), [
    ("“Iran should not mistake the United States’ restraint for an unwillingness to respond "
     "with decisive military force should our forces or interests be attacked,” Esper told "
     "lawmakers.", "mistake", True, True),
    ("The minister warned that the army would strike back if the rebels attacked the town.",
     "warned", True, False),
    ("The president warned Iran of a decisive response.", "warned", False, True),
    ("Rebels attacked an army base in northern Mali on Sunday.", "attacked", False, False),
])
def test_condition_features_of_a_threat(text: str, trigger: str, conditional: bool,
                                        reaction: bool) -> None:
    from eventwire.events.features import _condition_features

    doc = _parse(text)
    anchor = next(t for t in doc if t.text == trigger)
    row = _condition_features(anchor)
    assert bool(row.get("conditional")) is conditional
    assert bool(row.get("reaction")) is reaction
    assert bool(row.get("conditional_reaction")) is (conditional and reaction)


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "own_side", "both"), [
    # the speaker's side attacked, the speaker's reaction: a conditional threat
    ("The general warned that the army would answer with overwhelming force if our troops "
     "were attacked.", "warned", True, True),
    ("China cautioned Taiwan that it faced a firm response should we be provoked.",
     "cautioned", True, True),
    # a condition on the others' act, no reaction word: no threat frame
    ("The minister warned that the talks would fail if the rebels attacked the town.",
     "warned", False, False),
])
def test_own_side_condition_of_a_threat(text: str, trigger: str, own_side: bool,
                                        both: bool) -> None:
    from eventwire.events.features import _condition_features

    doc = _parse(text)
    anchor = next(t for t in doc if t.text == trigger)
    row = _condition_features(anchor)
    assert bool(row.get("own_side_condition")) is own_side
    assert bool(row.get("conditional_reaction")) is both


@pytest.mark.model
def test_worked_example_keeps_the_conditional_threat(pipeline: Pipeline) -> None:
    # issue #21: Esper's "Iran should not mistake ... should our forces or interests be
    # attacked" is a THREATEN of Iran; the decision must keep it, cleaned text or not (it
    # scores 0.37: kept since the threshold is chosen on the mean of several fold
    # assignments and keeps to 0.8 events per gold event, 0.30; at 0.45 it was dropped)
    text = (EXAMPLES / "esper-iraq-rockets.txt").read_text(encoding="utf-8")
    for runner in (pipeline, Pipeline(Settings(clean=False))):
        article = runner.process(gold_article("t", text, "2019-12-16"))
        threats = [e for e in article.events if e.type == "THREATEN"
                   and e.trigger.text == "mistake"]
        assert len(threats) == 1
        assert threats[0].target is not None and threats[0].target.text == "Iran"
        assert article.text[threats[0].trigger.start:threats[0].trigger.end] == "mistake"



def _told(text: str, at: int, trigger: str, kind: str, number: int, lemma: str,
          target: str | None = None, date: str | None = None,
          extra: dict[str, float] | None = None) -> tuple[Event, dict[str, float]]:
    """An event of `kind` whose trigger is the first `trigger` in `text` from `at`, in the
    sentence that starts at `at`."""
    start = text.index(trigger, at)
    event = Event(id=f"v{number}", type=kind,
                  trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                  sentence=SentenceRef(start=at, end=text.index(".", start) + 1),
                  confidence=0.5)
    update: dict[str, object] = {}
    if target is not None:
        where = text.index(target, at)
        update["target"] = Mention(text=target, start=where, end=where + len(target))
    if date is not None:
        update["date"] = TimeRef(value=date, precision="day")
    return event.model_copy(update=update), {f"lem={lemma}": 1.0, **(extra or {})}


@pytest.mark.parametrize(("second", "features"), [
    # the same word for the same victims, told again: a retelling
    (("Militants later killed 12 soldiers at the base.", "killed", "kill", "soldiers", None,
      {}), {"f_dup_lemma": 1.0, "f_dup_definite": 0.0}),
    # "the attack": a definite back-reference
    (("Officials condemned the attack on the soldiers.", "attack", "attack", None, None,
      {"definite": 1.0}), {"f_dup_definite": 1.0, "f_dup_lemma": 0.0}),
    # another word, indefinite: no retelling evidence
    (("Rebels also attacked a convoy on 2025-03-14.", "attacked", "attack", "convoy",
      "2025-03-14", {}), {"f_dup_lemma": 0.0, "f_dup_definite": 0.0}),
])
def test_retelling_features_of_a_weaker_event(
        second: tuple[str, str, str, str | None, str | None, dict[str, float]],
        features: dict[str, float]) -> None:
    lead = "Gunmen killed 12 soldiers at a base on 2025-03-12. "
    text = lead + second[0]
    first, row1 = _told(text, 0, "killed", "ASSAULT", 1, "kill", "soldiers", "2025-03-12")
    other, row2 = _told(text, len(lead), second[1], "ASSAULT", 2, *second[2:])
    row1["p_type"], row2["p_type"] = 0.9, 0.6
    article = gold_article("t", text, None)
    article.events.extend([first, other])
    table = {"v1": row1, "v2": row2}
    conclude(article, table, _decision(threshold=0.0), None, single=False)
    assert "f_dup_lemma" not in table["v1"]
    for name, value in features.items():
        assert table["v2"][name] == value, name
