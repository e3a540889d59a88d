"""Role rules on hand-built parses (words, heads, labels and tags written out, no statistical
model, so only a change of the rule can make these fail): prepositional object control
(nlp/syntax.py), a place phrase is no purpose ("in the cities of X"), a possessor the parser
hung as a modifier (events/arguments.py), aid received, what a vehicle carries and what a
weapon went off near (events/lent.py), "the latter" (events/role_mention.py)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from tests.hand_parse import VOCAB, W, index_of, parse

from eventwire.evaluation.common import gold_article
from eventwire.events.arguments import noun_source, place_candidates, purpose_candidates
from eventwire.events.lent import cargo, donor, struck_near
from eventwire.events.role_mention import ordered_antecedent
from eventwire.model import Actor, Entity
from eventwire.nlp.syntax import subject_of

# "Mediators called on the rivals to resume talks ."
CALLED_ON = (W("Mediators", 1, "nsubj", "NOUN", "NNS"),
             W("called", 1, "ROOT", "VERB", "VBD", lemma="call"), W("on", 1, "prep", "ADP", "RP"),
             W("the", 4, "det", "DET", "DT"), W("rivals", 2, "pobj", "NOUN", "NNS"),
             W("to", 6, "aux", "PART", "TO"), W("resume", 1, "xcomp", "VERB", "VB"),
             W("talks", 6, "dobj", "NOUN", "NNS"), W(".", 1, "punct", "PUNCT", "."))
# "Mediators called for the rivals to resume talks ." ("for" is no controller here)
CALLED_FOR = tuple(W("for", 1, "prep", "ADP", "IN") if w.text == "on" else w for w in CALLED_ON)
# "Mediators waited to resume talks ." (no object: the subject resumes)
WAITED = (W("Mediators", 1, "nsubj", "NOUN", "NNS"),
          W("waited", 1, "ROOT", "VERB", "VBD", lemma="wait"), W("to", 3, "aux", "PART", "TO"),
          W("resume", 1, "xcomp", "VERB", "VB"), W("talks", 3, "dobj", "NOUN", "NNS"),
          W(".", 1, "punct", "PUNCT", "."))


@pytest.mark.parametrize(("words", "subject"), [
    pytest.param(CALLED_ON, "rivals", id="call on X to: X does the clause"),
    pytest.param(CALLED_FOR, "Mediators", id="another preposition controls nothing"),
    pytest.param(WAITED, "Mediators", id="with no prepositional object the subject does"),
])
def test_prepositional_object_control(words: tuple[W, ...], subject: str) -> None:
    doc = parse(*words)
    found = subject_of(doc[index_of(doc, "resume")])
    assert found is not None and found.text == subject


def _in_phrase(noun: str, lemma: str) -> Doc:
    # "Egypt recalled its envoy in <noun> of Israel ."
    return parse(W("Egypt", 1, "nsubj", "PROPN", "NNP"),
                 W("recalled", 1, "ROOT", "VERB", "VBD", lemma="recall"),
                 W("its", 3, "poss", "PRON", "PRP$"), W("envoy", 1, "dobj", "NOUN", "NN"),
                 W("in", 1, "prep", "ADP", "IN"), W(noun, 4, "pobj", "NOUN", "NN", lemma=lemma),
                 W("of", 5, "prep", "ADP", "IN"), W("Israel", 6, "pobj", "PROPN", "NNP"),
                 W(".", 1, "punct", "PUNCT", "."))


@pytest.mark.parametrize(("noun", "lemma", "purpose"), [
    pytest.param("protest", "protest", ["Israel"], id="in protest of X: a purpose"),
    pytest.param("defiance", "defiance", ["Israel"], id="in defiance of X: a purpose"),
    pytest.param("cities", "city", [], id="in the cities of X: a place"),
    pytest.param("province", "province", [], id="in the province of X: a place"),
])
def test_a_place_phrase_is_no_purpose(noun: str, lemma: str, purpose: list[str]) -> None:
    doc = _in_phrase(noun, lemma)
    assert [t.text for t in purpose_candidates(doc[index_of(doc, "recalled")])] == purpose


# "Turkey faulted the latter ’s refusal ." with "latter" parsed as a modifier
LATTER = (W("Turkey", 1, "nsubj", "PROPN", "NNP"), W("faulted", 1, "ROOT", "VERB", "VBD"),
          W("the", 5, "det", "DET", "DT"), W("latter", 5, "amod", "ADJ", "JJ"),
          W("’s", 3, "case", "PART", "POS"), W("refusal", 1, "dobj", "NOUN", "NN"),
          W(".", 1, "punct", "PUNCT", "."))


def test_a_possessor_parsed_as_a_modifier_is_the_source() -> None:
    doc = parse(*LATTER)
    found = noun_source(doc[index_of(doc, "refusal")])
    assert found is not None and found.text == "latter"


@pytest.mark.parametrize(("text", "words", "nth", "expected"), [
    pytest.param("Greece blamed Turkey for the latter 's refusal .",
                 ["Greece", "blamed", "Turkey", "for", "the", "latter", "'s", "refusal", "."],
                 5, "a2", id="the latter: the last actor named before"),
    pytest.param("Greece blamed Turkey for the former 's refusal .",
                 ["Greece", "blamed", "Turkey", "for", "the", "former", "'s", "refusal", "."],
                 5, "a1", id="the former: the one before it"),
    pytest.param("Greece blamed Turkey for a former envoy .",
                 ["Greece", "blamed", "Turkey", "for", "a", "former", "envoy", "."],
                 5, None, id="without 'the' it refers to no one"),
])
def test_the_latter_and_the_former(text: str, words: list[str], nth: int,
                                   expected: str | None) -> None:
    doc = Doc(VOCAB, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    article = gold_article("t", text, "2025-01-01")
    article.entities = [Entity(id="e1", text="Greece", label="GPE", start=0, end=6, actor="a1"),
                        Entity(id="e2", text="Turkey", label="GPE", start=14, end=20,
                               actor="a2")]
    article.actors = [Actor(id="a1", name="Greece", kind="country", country="GRC"),
                      Actor(id="a2", name="Turkey", kind="country", country="TUR")]
    assert ordered_antecedent(article, doc[nth]) == expected


def _received(obj: str, lemma: str) -> Doc:
    # "Kenya accepted Japanese <obj> ."
    return parse(W("Kenya", 1, "nsubj", "PROPN", "NNP"),
                 W("accepted", 1, "ROOT", "VERB", "VBD", lemma="accept"),
                 W("Japanese", 3, "amod", "ADJ", "JJ", ent="B-NORP"),
                 W(obj, 1, "dobj", "NOUN", "NNS", lemma=lemma),
                 W(".", 1, "punct", "PUNCT", "."))


def test_aid_received_is_given_by_the_one_the_object_names() -> None:
    doc = _received("loans", "loan")
    found = donor(doc[index_of(doc, "accepted")])
    assert found is not None
    giver, receiver = found
    assert giver is not None and giver.text == "Japanese"
    assert receiver is not None and receiver.text == "Kenya"


def test_people_accepted_are_no_aid_received() -> None:
    doc = _received("refugees", "refugee")
    assert donor(doc[index_of(doc, "accepted")]) is None


# "Gunmen ambushed a truck carrying police officers near a checkpoint ."
AMBUSH = (W("Gunmen", 1, "nsubj", "NOUN", "NNS"), W("ambushed", 1, "ROOT", "VERB", "VBD"),
          W("a", 3, "det", "DET", "DT"), W("truck", 1, "dobj", "NOUN", "NN"),
          W("carrying", 3, "acl", "VERB", "VBG", lemma="carry"),
          W("police", 6, "compound", "NOUN", "NN"), W("officers", 4, "dobj", "NOUN", "NNS"),
          W(".", 1, "punct", "PUNCT", "."))
# "A bomber detonated explosives near a checkpoint in the city ."
DETONATED = (W("A", 1, "det", "DET", "DT"), W("bomber", 2, "nsubj", "NOUN", "NN"),
             W("detonated", 2, "ROOT", "VERB", "VBD", lemma="detonate"),
             W("explosives", 2, "dobj", "NOUN", "NNS", lemma="explosive"),
             W("near", 2, "prep", "ADP", "IN"), W("a", 6, "det", "DET", "DT"),
             W("checkpoint", 4, "pobj", "NOUN", "NN"), W("in", 6, "prep", "ADP", "IN"),
             W("the", 9, "det", "DET", "DT"), W("city", 7, "pobj", "NOUN", "NN"),
             W(".", 2, "punct", "PUNCT", "."))


def test_a_vehicle_stands_for_whom_it_carries() -> None:
    doc = parse(*AMBUSH)
    found = cargo(doc[index_of(doc, "truck")])
    assert found is not None and found.text == "officers"
    assert cargo(doc[index_of(doc, "officers")]) is None


@pytest.mark.parametrize(("heads", "expected"), [
    pytest.param(["explosives"], ["checkpoint"], id="a weapon: the thing it went off near"),
    pytest.param(["checkpoint"], [], id="an argument that is no weapon: nothing added"),
])
def test_what_a_weapon_went_off_near(heads: list[str], expected: list[str]) -> None:
    doc = parse(*DETONATED)
    verb = doc[index_of(doc, "detonated")]
    found = [doc[index_of(doc, h)] for h in heads]
    near = struck_near(found, place_candidates(verb, found))
    assert [t.text for t in near] == expected
