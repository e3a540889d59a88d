"""Candidates outside politics (the whole-article guideline's "not events"): figurative
fighting is dropped by the rules (events/nonpolitical.py)."""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.pipeline.runner import Pipeline


@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def _types(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text)
            for e in process_text(pipeline, text, "2024-03-05").events]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger"), [
    # a struggle with no opponent and no armed actor is no attack
    ('"We are very much excited because in this battle, we were not fighting for Makeda '
     'alone but all other children who are turned back from school," Mbewe said.', "fighting"),
    ("They were fighting to find a path for citizenship.", "fighting"),
    ("The debate came two days after Obama delivered his last State of the Union Address and "
     "as Clinton and Sen. Bernie Sanders of Vermont battled to replace him.", "battled"),
    ('"He\'s still strong mentally, and he\'s still fighting," the younger Lai said.',
     "fighting"),
])
def test_figurative_fighting_is_no_assault(pipeline: Pipeline, sentence: str,
                                           trigger: str) -> None:
    assert ("ASSAULT", trigger) not in _types(pipeline, sentence)


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger"), [
    # an opponent (object or "with"/"against") or an armed actor: fighting
    ("Some militants are still resisting and fighting with the security forces, a police "
     "officer said.", "fighting"),
    ("The separatist group has been fighting a deadly insurgency against the Pakistani "
     "state.", "fighting"),
    ("Rebels fought for control of the city on Sunday.", "fought"),
    ("Government troops battled for control of the airport.", "battled"),
])
def test_fighting_with_an_opponent_or_armed_actor_stays(pipeline: Pipeline, sentence: str,
                                                         trigger: str) -> None:
    assert ("ASSAULT", trigger) in _types(pipeline, sentence)
