"""Roles that name actors and the modality of events (issue 21): events/resolution.py (a
pronoun, date or vague noun is the named actor or nothing), events/lent.py (roles lent by
a claim, a governing verb, a possessor), events/modality.py (planned, possible, claimed).
The `settle` tests build the record by hand (no model); the others run real sentences."""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.evaluation.common import gold_article
from eventwire.events.lent import undergoer
from eventwire.events.resolution import (
    answer_accusations,
    first_person,
    referring,
    settle,
    vague,
)
from eventwire.model import Actor, Article, Entity, Event, Mention, Quote, SentenceRef, Span
from eventwire.nlp.parse import load_model
from eventwire.nlp.syntax import subject_of
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings


@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def events_of(pipeline: Pipeline, text: str, kind: str) -> list[Event]:
    article = process_text(pipeline, text, "2025-03-11")
    found = [e for e in article.events if e.type == kind]
    assert found, f"no {kind} in {[(e.type, e.trigger.text) for e in article.events]}"
    return found


def country_of(pipeline: Pipeline, text: str, mention: Mention | None) -> str | None:
    article = pipeline.process(gold_article("t", text, "2025-03-11"))
    actor = next((a for a in article.actors if mention and a.id == mention.actor), None)
    return actor.country if actor else None


# ---- settle: a hand-built record -------------------------------------------------------

TEXT = ('Mark Esper met Iraqi officials on Tuesday. He warned Iran. Half agreed. '
        '"We will act," the ministry said. The US replied.')


def _span(text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def _entity(number: int, text: str, label: str, actor: str | None, nth: int = 0) -> Entity:
    start, end = _span(text, nth)
    return Entity(id=f"e{number}", text=text, label=label, start=start, end=end, actor=actor)


def hand_built() -> Article:
    article = gold_article("h", TEXT, "2025-03-11")
    article.entities = [
        _entity(1, "Mark Esper", "PERSON", "a1"), _entity(2, "Iraqi officials", "NOMINAL", "a2"),
        _entity(3, "Tuesday", "DATE", None), _entity(4, "He", "PRONOUN", "a1"),
        _entity(5, "Iran", "GPE", "a3"), _entity(6, "ministry", "NOMINAL", "a4"),
        _entity(7, "US", "GPE", "a5")]
    article.actors = [
        Actor(id="a1", name="Mark Esper", kind="person", country="USA"),
        Actor(id="a2", name="Iraqi officials", kind="group", country="IRQ"),
        Actor(id="a3", name="Iran", kind="country", country="IRN"),
        Actor(id="a4", name="ministry", kind="organization"),
        Actor(id="a5", name="United States", kind="country", country="USA")]
    start, end = _span("We will act,")
    speaker_start, speaker_end = _span("ministry")
    article.quotes = [Quote(id="q1", text="We will act,", start=start, end=end, direct=True,
                            speaker=Mention(text="ministry", start=speaker_start,
                                            end=speaker_end, actor="a4"))]
    return article


def mention(text: str, actor: str | None = None, nth: int = 0) -> Mention:
    start, end = _span(text, nth)
    return Mention(text=text, start=start, end=end, actor=actor)


@pytest.mark.parametrize(("words", "actor", "expected"), [
    ("He", "a1", "Mark Esper"),          # a resolved pronoun: the actor's name, before it
    ("He", None, None),                  # an unresolved pronoun: no role
    ("Tuesday", None, None),             # a day is never an actor
    ("Half", None, None),                # a vague noun naming no one
    ("We", None, "ministry"),            # first person in a quote: its speaker
    ("US", "a5", "US"),                  # an abbreviation, not "us"
    ("Iraqi officials", "a2", "Iraqi officials"),
])
def test_settle_names_the_actor_or_nothing(words: str, actor: str | None,
                                           expected: str | None) -> None:
    article = hand_built()
    settled = settle(article, mention(words, actor))
    assert (settled.text if settled else None) == expected
    if settled is not None:
        assert article.text[settled.start:settled.end] == settled.text


def test_settle_keeps_a_vague_noun_that_resolved_to_an_actor() -> None:
    assert not vague("part", None, "a3") and vague("part", None, None)
    assert referring("it") and referring("They") and not referring("Iran")
    assert first_person("we") and not first_person("US") and not first_person("U.S. forces")


# ---- a reaction to a step someone took: a hand-built record ------------------------------

STEP = ("The president signed a decree. Lawmakers condemned the decree. "
        "Critics condemned unilateral decisions.")


def _step_mention(text: str, actor: str | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = STEP.index(text, start + 1)
    return Mention(text=text, start=start, end=start + len(text), actor=actor)


def _step_event(number: int, kind: str, trigger: str, source: Mention,
                target: Mention) -> Event:
    span = _step_mention(trigger)
    sentence_start = STEP.rfind(".", 0, span.start) + 1
    return Event(id=f"v{number}", type=kind, source=source, target=target,  # type: ignore[arg-type]
                 trigger=Span(text=span.text, start=span.start, end=span.end),
                 sentence=SentenceRef(start=sentence_start, end=STEP.index(".", span.end) + 1),
                 confidence=0.8)


@pytest.mark.parametrize(("position", "expected"), [
    (1, "president"),                # "[the] decree": who took the step
    (2, "unilateral decisions"),     # no determiner: nothing named before, left as it is
])
def test_a_reaction_to_a_step_targets_who_took_it(position: int, expected: str) -> None:
    article = gold_article("s", STEP, "2025-03-11")
    article.actors = [Actor(id="a1", name="president", kind="person", country="USA"),
                      Actor(id="a2", name="Lawmakers", kind="group", country="USA"),
                      Actor(id="a3", name="Critics", kind="group")]
    article.events = [
        _step_event(1, "AGREE", "signed", _step_mention("president", "a1"),
                    _step_mention("decree")),
        _step_event(2, "ACCUSE", "condemned", _step_mention("Lawmakers", "a2"),
                    _step_mention("decree", nth=1)),
        _step_event(3, "ACCUSE", "condemned unilateral", _step_mention("Critics", "a3"),
                    _step_mention("unilateral decisions"))]
    answer_accusations(article)
    target = article.events[position].target
    assert target is not None and target.text == expected


# ---- roles of real sentences -------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "source", "target"), [
    # a pronoun source is written as the actor's name
    ("Defense Secretary Mark Esper met Iraqi officials in Baghdad on Sunday. He warned Iran "
     "against further attacks on U.S. forces.", "THREATEN", "Mark Esper", "Iran"),
    # a first-person source inside a quote is its speaker
    ('"We urge the authorities to release the detained journalists," the Committee to Protect '
     'Journalists said in a statement.', "REQUEST", "Committee", "authorities"),
    # the claimant of a claimed attack
    ("Past attacks were claimed by Islamic State.", "ASSAULT", "Islamic State", None),
    # an event noun done by the subject of the verb that takes it
    ("Since last August, the Baloch Liberation Army has ramped up attacks on security forces.",
     "ASSAULT", "Baloch Liberation Army", "security forces"),
    # the possessor of an arrest is the one arrested
    ("Another court in November revoked Zamora's house arrest.", "COERCE", None, "Zamora"),
    # "stands accused": the subject is the one accused
    ("Lai, a businessman, stands accused of collusion with foreign forces under a national "
     "security law.", "ACCUSE", None, "Lai"),
    # ... also where the parser hangs the participle as an adverbial clause
    ("Two Ivorian soldiers and a mercenary from Belarus stand accused of the 2004 bombing of "
     "the French army base near Bouake.", "ACCUSE", None, "Ivorian soldiers"),
    # "who was sanctioned": the relative stands for the person
    ("The office is led by Attorney General Maria Consuelo Porras, who was sanctioned by the "
     "European Union in 2024.", "SANCTION", "European Union", "Porras"),
    # the target of a request or a charge may be the subject of the clause it governs
    ("Donald Trump called again for President Obama to resign for not calling the Orlando "
     "attack an act of terrorism.", "REQUEST", "Trump", "Obama"),
    ("The European Union is also considering sanctions and warned that the Somali "
     "government's actions would divide the country.", "ACCUSE", "European Union",
     "Somali government"),
    # a possessive relative stands for the noun it follows
    ("“Usually the voters make good decisions,” replied Obama, whose criticism of Trump has "
     "sharpened since he all but clinched the Republican nomination.", "ACCUSE", "Obama",
     "Trump"),
    # after "under" the subject is acted on
    ("Reportedly, Omar Mateen made comments to co-workers and had been under investigation "
     "by the FBI for having terrorist ties.", "ACCUSE", "FBI", "Omar Mateen"),
    # a charge names its target in what it is about, when its arguments name no one
    ("U.S. military officials warned of a possible Islamic State resurgence in the region.",
     "ACCUSE", "U.S. military officials", "Islamic State"),
    # a statement with no target is addressed to whom its source's last statement was
    ("Donald Trump on Wednesday called on Justice Ruth Bader Ginsburg to resign. A Supreme "
     "Court spokeswoman did not respond to a request for comment on Trump's criticism.",
     "ACCUSE", "Trump", "Ginsburg"),
    # a request answered by the subject of the verb: its target, though it names its source
    ("Mark Cuban rebuffed pleas from conservatives to run for president.", "REQUEST",
     "conservatives", "Mark Cuban"),
    # a purpose phrase ("in protest of") is done by the subject of the verb it hangs on
    ("Egypt recalled its ambassador in protest of Israel's raid.", "PROTEST", "Egypt",
     "Israel"),
    # a condemned attack stands for whoever did it (the latest earlier ASSAULT's source)
    ("BLA insurgents attacked a train in Balochistan on Tuesday. Chief Minister Sarfraz "
     "Bugti condemned the attack.", "ACCUSE", "Sarfraz Bugti", "BLA insurgents"),
    ("The Baloch Liberation Army killed nine soldiers in Kalat on Monday. Chief Minister "
     "Sarfraz Bugti denounced the killings.", "ACCUSE", "Sarfraz Bugti",
     "Baloch Liberation Army"),
    # a denial that names no one answers whoever accused its source
    ("Afghan officials blamed the Taliban for the bombing on Saturday. The Taliban denied "
     "involvement.", "REJECT", "Taliban", "Afghan officials"),
    # a verb that does the event noun it takes lends its "to" phrase as the target
    ("The United States gives military support to Chinese rivals in Asia.", "AID",
     "United States", "Chinese rivals"),
    # a dative "to" is no target itself: the noun after it is
    ("Republicans offered their thoughts and prayers to the victims of the shooting.",
     "SUPPORT", "Republicans", "victims"),
    # a noun among the trigger's own words still names its partner ("pulled out of an
    # agreement with X")
    ("Monday, BuzzFeed announced it had pulled out of an advertising agreement with the "
     "Republican National Committee.", "SANCTION", "BuzzFeed", "Republican National Committee"),
    # a pronoun that would make the named target its own source is the sayer's
    ("Donald Trump won the primary on Tuesday. Asked about his previous criticisms of Trump, "
     "Christie said that was a natural part of having to run against him.", "ACCUSE",
     "Christie", "Trump"),
    # a span of time only counts the event noun after "of"
    ("Secretary of State Marco Rubio led more than eight hours of peace talks with Ukrainian "
     "officials in Jeddah.", "CONSULT", "Marco Rubio", "Ukrainian officials"),
    # "the <thing>" named before stands for whoever made it
    ("The government presented the budget to parliament on Monday. Opposition parties "
     "rejected the budget, saying it would be highly inflationary.", "REJECT",
     "Opposition parties", "government"),
    ("U.S. Secretary of State Antony Blinken issued a statement Tuesday. The statement "
     "threatened sanctions and visa restrictions.", "THREATEN", "Antony Blinken", None),
    # a common noun in apposition with a name stands for the name, not for what it owns
    ("Mark Cuban, the billionaire owner of the Dallas Mavericks who rebuffed pleas from "
     "conservatives to run for president, says he is open to running in the future.",
     "REJECT", "Cuban", None),
    ("Lai's son Sebastien was in Washington this week to meet with Trump administration "
     "officials.", "CONSULT", "Sebastien", "Trump administration officials"),
    # a reaction to a step someone took ("the action", "the resolution") targets who took it
    ("Somali President Mohamed Abdullahi Mohamed has signed a controversial measure "
     "extending his term in office by two years. Opposition lawmakers have spoken out "
     "against the action.", "ACCUSE", "Opposition lawmakers", "Mohamed"),
    ("On Tuesday, the U.S. House of Representatives voted 368-7, urging an investigation of "
     "the February vote. Prime Minister Shehbaz Sharif's administration promptly rejected "
     "the resolution on Wednesday.", "REJECT", "Shehbaz Sharif", "House"),
    # the object of a verb of object control does what the "to" clause says
    ("The president invited Iranian officials to visit Washington.", "CONSULT",
     "Iranian officials", "Washington"),
    # a counted group of people is the target, not the place it happened in
    ("Separatist militants killed 11 coal miners in Pakistan, police said.", "ASSAULT",
     "militants", "11 coal miners"),
    ("Police arrested more than 30 foreign influencers in Jakarta on Monday.", "COERCE",
     "Police", "more than 30 foreign influencers"),
    # a name with no actor is the target, not the place it is in
    ("In December, U.S. forces carried out a series of airstrikes against IS in Syria.",
     "ASSAULT", "U.S. forces", "IS"),
    # a passive conjunct shares the passive subject: the one charged, not the charger
    ("Police said opposition leader Kem Sokha was arrested and charged with treason.",
     "ACCUSE", None, "Kem Sokha"),
    # a by-agent the parser hung on the object ("consequences ... by China")
    ("Many other democracies have been threatened with economic consequences by China.",
     "THREATEN", "China", "democracies"),
    # a clause on a noun with its own subject: Ukraine agreed, not the announcement
    ("U.S. lawmakers welcomed Tuesday's announcement that Ukraine had agreed to a 30-day "
     "ceasefire.", "AGREE", "Ukraine", None),
    # aid received is given by the one its object names, to the subject
    ("Kenya accepted Japanese loans for a new railway.", "AID", "Japanese", "Kenya"),
    # a vehicle that was hit stands for whom it carries
    ("Gunmen ambushed a truck carrying police officers in northern Nigeria on Sunday.",
     "ASSAULT", "Gunmen", "police officers"),
    # "visiting X": X is the guest (source), the subject of the verb the host (target)
    ("On Thursday in Washington, U.S. Secretary of State Antony Blinken assured visiting "
     "Australian Foreign Minister Marise Payne that the United States will not leave "
     "Australia alone.", "CONSULT", "Marise Payne", "Antony Blinken"),
])
def test_roles_name_actors(pipeline: Pipeline, text: str, kind: str, source: str | None,
                           target: str | None) -> None:
    event = events_of(pipeline, text, kind)[-1]
    if source is not None:
        assert event.source is not None and source in event.source.text, event
    if target is not None:
        assert event.target is not None and target in event.target.text, event
    for role in (event.source, event.target):
        assert role is None or not referring(role.text), event


@pytest.mark.model
@pytest.mark.parametrize(("text", "noun", "source", "target"), [
    ("Omar Mateen had been under investigation by the FBI.", "investigation", None, "Mateen"),
    ("Cosby is coming under attack by dozens of women.", "attack", "dozens", "Cosby"),
    # with a determiner or possessor "under" is "according to": no one is acted on
    ("Iran is acting under its commitments to the agency.", "commitments", None, None),
    ("The troops stayed under the agreement.", "agreement", None, None),
])
def test_undergoer(text: str, noun: str, source: str | None, target: str | None) -> None:
    settings = Settings()
    doc = load_model(settings.model, settings.max_chars)(text)
    doer, undergoing = undergoer(next(t for t in doc if t.text == noun))
    assert (doer.text if doer is not None else None) == source
    assert (undergoing.text if undergoing is not None else None) == target


@pytest.mark.model
def test_it_resolves_to_the_country(pipeline: Pipeline) -> None:
    text = ("The separatist group has been fighting a deadly insurgency against the Pakistani "
            "state, accusing it of exploiting the province's natural resources.")
    event = events_of(pipeline, text, "ACCUSE")[0]
    assert country_of(pipeline, text, event.target) == "PAK"


@pytest.mark.model
def test_an_acronym_spelled_out_is_what_the_article_says(pipeline: Pipeline) -> None:
    text = ("Fighting between the Sudanese army and the paramilitary Rapid Support Forces (RSF) "
            "continued on Monday. The RSF attacked a market in El Fasher, witnesses said.")
    event = events_of(pipeline, text, "ASSAULT")[-1]
    assert event.source is not None and event.source.text == "RSF"
    assert country_of(pipeline, text, event.source) == "SDN"


@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "words"), [
    ("One of the Islamic State group's senior leaders is dead. In December, U.S. forces "
     "carried out a series of airstrikes against IS in Syria.", "ASSAULT", "IS"),
    ("One of the Islamic State group's senior leaders is dead. U.S. officials warned of a "
     "possible IS resurgence in Iraq.", "ACCUSE", "possible IS resurgence"),
])
def test_an_acronym_the_tagger_reads_as_a_noun_is_the_group(pipeline: Pipeline, text: str,
                                                            kind: str, words: str) -> None:
    article = process_text(pipeline, text, "2025-03-11")
    event = next(e for e in article.events if e.type == kind)
    actors = {a.id: a.name for a in article.actors}
    assert event.target is not None and event.target.text == words
    assert "Islamic State" in actors.get(event.target.actor or "", "")


# ---- modality -----------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "modality"), [
    ("U.S. Secretary of State Marco Rubio arrived in Jeddah on Monday. He is scheduled to "
     "travel to Canada on Wednesday for meetings with G7 foreign ministers.", "CONSULT",
     "future"),
    ("Rubio is expected to have a meeting with Japanese Foreign Minister Takeshi Iwaya on "
     "Thursday.", "CONSULT", "future"),
    ("The unrest comes amid the possible eviction of Palestinians from east Jerusalem homes.",
     "COERCE", "hypothetical"),
    ("The European Union is also considering sanctions on Somalia. Mudane says sanctions may "
     "be imminent.", "SANCTION", "hypothetical"),
    ("In 2018, Iranian officials allegedly offered to pay Alinejad's relatives to invite her "
     "to Turkey.", "AGREE", "reported_belief"),
])
def test_planned_possible_and_claimed_events(pipeline: Pipeline, text: str, kind: str,
                                             modality: str) -> None:
    found = events_of(pipeline, text, kind)
    assert found[-1].modality == modality, found
    assert found[-1].type == kind  # a planned meeting stays a CONSULT


@pytest.mark.model
@pytest.mark.parametrize(("text", "pronoun", "name"), [
    # sentences wholly inside quotation marks do not count in the distance
    ('"We will try to help with repatriation," Viktor Orban said at one summit. "Shared '
     'distribution, not. Shared repatriation would be very good." He rejected the idea.',
     "He", "Viktor Orban"),
    # a resolved pronoun is a mention for the next one
    ("Marco Rubio arrived in Jeddah on Monday. This is his second visit. He and other senior "
     "officials held talks with Russian officials in Riyadh. He is scheduled to travel to "
     "Canada on Wednesday.", "He", "Marco Rubio"),
])
def test_pronouns_find_their_actor(pipeline: Pipeline, text: str, pronoun: str,
                                   name: str) -> None:
    article = pipeline.process(gold_article("t", text, "2025-03-11"))
    last = text.rindex(f"{pronoun} ")
    entity = next(e for e in article.entities if e.start == last)
    actor = next(a for a in article.actors if a.id == entity.actor)
    assert actor.name == name


@pytest.mark.model
def test_the_latter_is_the_actor_named_last(pipeline: Pipeline) -> None:
    text = "Greece criticized Turkey for the latter's refusal to negotiate."
    event = events_of(pipeline, text, "REJECT")[-1]
    assert country_of(pipeline, text, event.source) == "TUR"


@pytest.mark.model
@pytest.mark.parametrize(("text", "verb", "subject"), [
    ("Mediators called on the rivals to resume talks.", "resume", "rivals"),
    ("The bishops appealed to the rebels to lay down their arms.", "lay", "rebels"),
    ("Mediators called for the rivals to resume talks.", "resume", "rivals"),
])
def test_a_prepositional_object_does_the_to_clause(text: str, verb: str, subject: str) -> None:
    settings = Settings()
    doc = load_model(settings.model, settings.max_chars)(text)
    found = subject_of(next(t for t in doc if t.text == verb))
    assert found is not None and found.text == subject

