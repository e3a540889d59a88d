"""Coverage round 3 of the PLOVER lexicon (issue #21, whole-article recall): verbal acts
(criticism, denials, praise) and material acts (designations, boardings, ousters, dispatches,
bailouts, overturned convictions) that news writes with words the earlier rows missed; and
the ordinary uses of the same words that must stay no event.

The sentences are written for these tests in the style of wire copy (not taken from the dev
data). Short inputs keep the rules' types (events.decide), so each row is tested as coded.
"""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline

pytestmark = pytest.mark.model

# (sentence, PLOVER type, trigger word that must be in the event's trigger)
CODED: list[tuple[str, str, str]] = [
    ("The senator mocked the governor's plan during a televised debate.", "ACCUSE", "mocked"),
    ("The opposition leader knocked the budget proposal as reckless.", "ACCUSE", "knocked"),
    ("Church leaders have spoken out against the new security law.", "ACCUSE", "spoken"),
    ("The prime minister has long railed against the European Commission.", "ACCUSE",
     "railed"),
    ("Both candidates took aim at the incumbent mayor on Sunday.", "ACCUSE", "took"),
    ("The foreign ministry expressed concern about the arrest of the journalist.", "ACCUSE",
     "expressed"),
    ("Rights groups voiced concern over the treatment of detainees.", "ACCUSE", "voiced"),
    ("The ruling party placed blame on the opposition for the unrest.", "ACCUSE", "placed"),
    ("The activist posted videos critical of the provincial authorities.", "ACCUSE",
     "critical"),
    ("The minister lashed out at the opposition over the failed reforms.", "ACCUSE", "lashed"),
    ("The ministry denied the allegations of torture at the camp.", "REJECT", "denied"),
    ("The rebel group denied involvement in the bombing of the market.", "REJECT", "denied"),
    ("The army denied responsibility for the deaths of the villagers.", "REJECT", "denied"),
    ("The embassy rebutted the report in a statement on Monday.", "REJECT", "rebutted"),
    ("The spokesman refuted claims that the talks had collapsed.", "REJECT", "refuted"),
    ("The foreign minister credited Qatar for its role in the negotiations.", "SUPPORT",
     "credited"),
    ("Several governments have spoken up for the detained activists.", "SUPPORT", "spoken"),
    ("Washington designated the militia a terrorist organization on Friday.", "SANCTION",
     "designated"),
    ("The administration moved to pause aid to the country after the coup.", "SANCTION",
     "pause"),
    ("Coast guard officers boarded a fishing vessel near the disputed shoal.", "COERCE",
     "boarded"),
    ("The army ousted the elected president and suspended the constitution.", "COERCE",
     "ousted"),
    ("Police said they had dismantled a smuggling network in the port city.", "COERCE",
     "dismantled"),
    ("A second militant cell was dismantled in the northern city last month.", "COERCE",
     "dismantled"),
    ("The governor said extra police units had been dispatched to the border town.",
     "MOBILIZE", "dispatched"),
    ("The country has received a bailout package from the IMF.", "AID", "bailout"),
    ("An appeals court overturned the conviction of the opposition leader.", "CONCEDE",
     "overturned"),
    ("The president admitted mistakes in the handling of the protests.", "CONCEDE",
     "admitted"),
]

# (sentence, type that must not be coded): the same words in ordinary use
NOT_CODED: list[tuple[str, str]] = [
    ("Volunteers knocked on doors across the district on Saturday.", "ACCUSE"),
    ("The storm knocked out power to thousands of homes.", "ACCUSE"),
    ("The company dispatched the order to its customers on Monday.", "MOBILIZE"),
    ("Passengers boarded the train at the central station.", "COERCE"),
]


@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def run(pipeline: Pipeline, text: str) -> Article:
    return process_text(pipeline, text, "2024-03-05")


@pytest.mark.parametrize(("sentence", "expected", "word"), CODED)
def test_new_rows_code_real_sentences(pipeline: Pipeline, sentence: str, expected: str,
                                      word: str) -> None:
    found = [(e.type, e.trigger.text) for e in run(pipeline, sentence).events
             if not e.negated]
    assert any(t == expected and word in text for t, text in found), (sentence, found)


@pytest.mark.parametrize(("sentence", "absent"), NOT_CODED)
def test_ordinary_uses_are_not_coded(pipeline: Pipeline, sentence: str, absent: str) -> None:
    found = [e.type for e in run(pipeline, sentence).events]
    assert absent not in found, (sentence, found)


@pytest.mark.parametrize(("sentence", "expected", "word"), [
    ("Three Republican senators voted in favor of the nominee.", "SUPPORT", "voted"),
    ("The Senate confirmed the nominee to the appeals court on Thursday.", "SUPPORT",
     "confirmed"),
    ("The president will skip the summit in protest at the invitation of the junta.",
     "REJECT", "skip"),
])
def test_votes_confirmations_and_absences(pipeline: Pipeline, sentence: str, expected: str,
                                          word: str) -> None:
    found = [(e.type, e.trigger.text) for e in run(pipeline, sentence).events]
    assert any(t == expected and word in text for t, text in found), (sentence, found)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Libya freed 37 prisoners late on Tuesday.", "CONCEDE"),
    ("A court in the capital released the opposition journalist on bail.", "CONCEDE"),
    ("Dozens of schoolgirls were freed by their captors on Tuesday.", "CONCEDE"),
    ("The rebels released the seized aid trucks at the border crossing.", "CONCEDE"),
    ("Immigration and Customs Enforcement returned 11 oil paintings to the museum.", "CONCEDE"),
])
def test_persons_and_property_released_are_conceded(pipeline: Pipeline, sentence: str,
                                       expected: str) -> None:
    found = [e.type for e in run(pipeline, sentence).events if e.trigger.text in
             {"freed", "released", "returned"}]
    assert found == [expected], (sentence, found)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The United States returned six Iraqi artifacts to the government of Iraq.", "CONCEDE"),
    ("The troops returned fire at the insurgents.", "ASSAULT"),
    ("The minister returned to Kabul on Monday.", None),
])
def test_what_is_returned_decides_the_event(pipeline: Pipeline, sentence: str,
                                            expected: str | None) -> None:
    found = [e.type for e in run(pipeline, sentence).events if e.trigger.text == "returned"]
    assert found == ([expected] if expected else []), (sentence, found)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("China launched large-scale exercises around Taiwan on Monday.", True),
    ("The exercises involved 20 warships and dozens of aircraft.", True),
    ("The court said the exercise of power by the governor was unlawful.", False),
    ("Critics called the whole plan an exercise in futility.", False),
])
def test_exercises_are_mobilisations(pipeline: Pipeline, sentence: str, expected: bool) -> None:
    found = [e.type for e in run(pipeline, sentence).events]
    assert ("MOBILIZE" in found) == expected, (sentence, found)
