"""Rules that coded an event of the wrong type, or split one statement into two, from the
wrong-type censuses of the look stories.

Round 7 (VOA):
- honours conferred are SUPPORT, not a consultation (data/events/plover_lexicon.tsv);
- agreeing with a proposal, plan or remarks is SUPPORT, and the proposal is no event of its
  own; retaliating with tariffs is a SANCTION; suspended or lifted tariffs are a CONCEDE
  (data/events/event_slots.tsv);
- reluctance to do something is a REJECT that takes the act as its
  complement; a judge ordering an arrest is COERCE (data/events/plover_lexicon.tsv);
- a warning that someone "will not be spared" threatens the speaker's own act (THREATEN,
  events/threats.py);
- blaming or crediting someone for a verbal act ("attacked the newspaper for refusing to
  support his plans") is one statement: the reason is part of it; a material act told as
  the reason stays an event of its own (events/detect.py, events/complements.py).

Round 10 (out of fold, VOA and PolNeAR):
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
    ("Mauritius conferred the country's highest civilian honor on the Indian prime minister.",
     "SUPPORT", "conferred"),
    ("All G7 foreign ministers agree with the U.S. proposal of a ceasefire, the Canadian "
     "foreign minister said.", "SUPPORT", "agree"),
    ("Europe quickly retaliated with its own tariffs on U.S. exports.", "SANCTION",
     "retaliated"),
    ("The tariffs were suspended in 2021.", "CONCEDE", "tariffs"),
    ("The EU suspended tariffs on U.S. whiskey last year.", "CONCEDE", "tariffs"),
    ("The Kremlin signaled its reluctance to fully endorse the U.S. proposal.", "REJECT",
     "reluctance"),
    ("The senator was reluctant to endorse the governor.", "REJECT", "reluctant"),
    ("The judge ordered the arrest of the former minister.", "COERCE", "ordered"),
    ("The army chief said, warning that terrorists will not be spared.", "THREATEN",
     "warning"),
    ("The interior minister warned that such attacks will not be tolerated.", "THREATEN",
     "warned"),
    ("Trump also attacked The Wall Street Journal for refusing to support his tariff plans.",
     "ACCUSE", "attacked"),
    ("The opposition accused the army of attacking protesters.", "ASSAULT", "attacking"),
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
    ("Mauritius conferred the country's highest civilian honor on the Indian prime minister.",
     "CONSULT"),
    ("All G7 foreign ministers agree with the U.S. proposal of a ceasefire, the Canadian "
     "foreign minister said.", "AGREE"),
    ("Europe quickly retaliated with its own tariffs on U.S. exports.", "THREATEN"),
    ("The tariffs were suspended in 2021.", "SANCTION"),
    ("The Kremlin signaled its reluctance to fully endorse the U.S. proposal.", "SUPPORT"),
    ("The senator was reluctant to endorse the governor.", "SUPPORT"),
    ("The judge ordered the arrest of the former minister.", "REQUEST"),
    ("The army chief said, warning that terrorists will not be spared.", "ACCUSE"),
    ("Trump also attacked The Wall Street Journal for refusing to support his tariff plans.",
     "REJECT"),
    ("The governor criticized lawmakers for refusing to pass the budget.", "REJECT"),
    ("The minister warned that the floods will be dangerous.", "THREATEN"),
    ("\"I would absolutely not support Bernie,\" the senator said.", "REJECT"),
    ("Russia has not agreed to the ceasefire, Trump said on Tuesday.", "REJECT"),
    ("Both front-runners were targets of attacks from struggling challengers.", "ASSAULT"),
    ("The senator came under attack from critics over the bill.", "ASSAULT"),
    ("Democrats try to hone their most powerful lines of attack against Trump.", "ASSAULT"),
    ("The businessman donated $2,700 to the Rubio campaign.", "AID"),
    ("But Pate hasn't donated to any presidential candidates except Rubio.", "REJECT"),
]

# (sentence, type that must still be coded): the same words in their own sense
STILL_CODED: list[tuple[str, str]] = [
    ("The two sides agreed with Qatar on a prisoner exchange.", "AGREE"),
    ("The government imposed tariffs on steel imports.", "SANCTION"),
    ("The ministers conferred with their counterparts in Brussels.", "CONSULT"),
    ("The rebels refused to release the hostages.", "REJECT"),
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
def test_typing_rules_code_real_sentences(pipeline: Pipeline, sentence: str, expected: str,
                                          word: str) -> None:
    found = [(e.type, e.trigger.text) for e in run(pipeline, sentence).events]
    assert any(t == expected and word in text for t, text in found), (sentence, found)


@pytest.mark.parametrize(("sentence", "absent"), NOT_CODED)
def test_typing_wrong_types_are_gone(pipeline: Pipeline, sentence: str, absent: str) -> None:
    found = [e.type for e in run(pipeline, sentence).events]
    assert absent not in found, (sentence, found)


@pytest.mark.parametrize(("sentence", "expected"), STILL_CODED)
def test_typing_ordinary_uses_stay(pipeline: Pipeline, sentence: str, expected: str) -> None:
    found = [e.type for e in run(pipeline, sentence).events]
    assert expected in found, (sentence, found)


@pytest.mark.parametrize(("sentence", "expected"), NEGATED)
def test_typing_kept_type_is_told_negated(pipeline: Pipeline, sentence: str,
                                           expected: str) -> None:
    found = [(e.type, e.modality, e.negated) for e in run(pipeline, sentence).events]
    assert any(t == expected and (m == "negated" or n) for t, m, n in found), (sentence, found)
