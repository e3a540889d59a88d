"""Typing round 10 (the out-of-fold wrong-type census of the look stories, VOA and PolNeAR):
- verbal cooperation under a plain "not" keeps its type, told negated ("would not support
  Bernie" is SUPPORT, "has not agreed to the ceasefire" AGREE; data/events/type_groups.toml
  `negation_kept`, events/coding.py); a refusal and material cooperation left undone stay
  REJECT;
- attacks from or by political rivals and critics, and a campaign's "line of attack", are
  criticism, ACCUSE, not ASSAULT (data/events/event_slots.tsv,
  data/events/plover_lexicon.tsv); attacks from militants stay ASSAULT;
- money donated to a campaign, a candidate or a super PAC, and a political contribution, are
  political backing, SUPPORT (data/events/event_slots.tsv, data/events/plover_lexicon.tsv);
  donations to a country or an aid agency stay AID.

The sentences are written for these tests in the style of wire copy. Short inputs keep the
rules' types (events.decide), so each rule is tested as coded.
"""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline

pytestmark = pytest.mark.model

# (sentence, PLOVER type, word that must be in the event's trigger)
CODED: list[tuple[str, str, str]] = [
    ("\"I would absolutely not support Bernie,\" the senator said.", "SUPPORT", "support"),
    ("Russia has not agreed to the ceasefire, Trump said on Tuesday.", "AGREE", "agreed"),
    ("The governor did not endorse Clinton before the convention.", "SUPPORT", "endorse"),
    ("Both front-runners were targets of attacks from struggling challengers.", "ACCUSE",
     "attacks"),
    ("The senator came under attack from critics over the bill.", "ACCUSE", "attack"),
    ("The governor faced attacks from his Republican rivals during the debate.", "ACCUSE",
     "attacks"),
    ("Democrats try to hone their most powerful lines of attack against Trump.", "ACCUSE",
     "attack"),
    ("Industry lobbyists have donated to a super PAC supporting Clinton.", "SUPPORT",
     "donated"),
    ("The businessman donated $2,700 to the Rubio campaign.", "SUPPORT", "donated"),
    ("Rubio is keeping the maximum political contribution to his campaign that Pate made.",
     "SUPPORT", "contribution"),
]

# (sentence, type that must not be coded): the same words where that type is wrong
NOT_CODED: list[tuple[str, str]] = [
    ("\"I would absolutely not support Bernie,\" the senator said.", "REJECT"),
    ("Russia has not agreed to the ceasefire, Trump said on Tuesday.", "REJECT"),
    ("Both front-runners were targets of attacks from struggling challengers.", "ASSAULT"),
    ("The senator came under attack from critics over the bill.", "ASSAULT"),
    ("Democrats try to hone their most powerful lines of attack against Trump.", "ASSAULT"),
    ("The businessman donated $2,700 to the Rubio campaign.", "AID"),
    ("But Pate hasn't donated to any presidential candidates except Rubio.", "REJECT"),
]

# (sentence, type that must still be coded): refusals, undone material acts, real attacks
STILL_CODED: list[tuple[str, str]] = [
    ("The senator refused to endorse the governor.", "REJECT"),
    ("The government will not accept refugees from the camps.", "REJECT"),
    ("Kyiv will no longer recognize the agreement.", "REJECT"),
    ("The village came under attack from militants on Sunday.", "ASSAULT"),
    ("The convoy was the target of attacks from insurgents.", "ASSAULT"),
    ("Germany donated 250 ventilators to Ethiopia.", "AID"),
    ("The United States donated $5 million to the World Food Programme.", "AID"),
]

# sentences whose kept cooperative event is told negated
NEGATED: list[tuple[str, str]] = [
    ("\"I would absolutely not support Bernie,\" the senator said.", "SUPPORT"),
    ("Russia has not agreed to the ceasefire, Trump said on Tuesday.", "AGREE"),
]


@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def run(pipeline: Pipeline, text: str) -> Article:
    return process_text(pipeline, text, "2025-03-05")


@pytest.mark.parametrize(("sentence", "expected", "word"), CODED)
def test_round10_rules_code_real_sentences(pipeline: Pipeline, sentence: str, expected: str,
                                           word: str) -> None:
    found = [(e.type, e.trigger.text) for e in run(pipeline, sentence).events]
    assert any(t == expected and word in text for t, text in found), (sentence, found)


@pytest.mark.parametrize(("sentence", "absent"), NOT_CODED)
def test_round10_wrong_types_are_gone(pipeline: Pipeline, sentence: str, absent: str) -> None:
    found = [e.type for e in run(pipeline, sentence).events]
    assert absent not in found, (sentence, found)


@pytest.mark.parametrize(("sentence", "expected"), STILL_CODED)
def test_round10_ordinary_uses_stay(pipeline: Pipeline, sentence: str, expected: str) -> None:
    found = [e.type for e in run(pipeline, sentence).events]
    assert expected in found, (sentence, found)


@pytest.mark.parametrize(("sentence", "expected"), NEGATED)
def test_round10_kept_type_is_told_negated(pipeline: Pipeline, sentence: str,
                                           expected: str) -> None:
    found = [(e.type, e.modality, e.negated) for e in run(pipeline, sentence).events]
    assert any(t == expected and (m == "negated" or n) for t, m, n in found), (sentence, found)
