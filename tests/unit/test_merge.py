"""One happening = one event: the mentions of one happening in an article are merged
(events/merge.py), different happenings and different actor pairs are not."""

from __future__ import annotations

import json

import pytest
from tests.conftest import EXAMPLES

from eventwire.evaluation.common import gold_article
from eventwire.events.merge import merge_mentions
from eventwire.model import (
    Article,
    Attribution,
    Event,
    EventMention,
    Mention,
    PlaceRef,
    SentenceRef,
    Span,
    TimeRef,
)
from eventwire.pipeline.runner import Pipeline


def run(pipeline: Pipeline, text: str) -> Article:
    return pipeline.process(gold_article("t", text, "2024-03-05"))


def names(article: Article) -> dict[str | None, str]:
    return {actor.id: actor.name for actor in article.actors}


def of_type(article: Article, kind: str) -> list[Event]:
    return [e for e in article.events if e.type == kind and not e.negated]


# (text, type, how many events of that type, trigger texts of the mentions of the first one)
MERGED = [
    ("President Biden spoke with President Xi Jinping by phone on Monday. During the call, "
     "Biden raised concerns about Taiwan. The White House said the call lasted two hours.",
     "CONSULT", 1, {"spoke", "call"}),
    ("Russian forces shelled the Ukrainian town of Kupiansk on Monday. The shelling killed 12 "
     "civilians, the regional governor said.", "ASSAULT", 1, {"shelled", "shelling", "killed"}),
    ("Rebels attacked an army base in northern Mali on Sunday, killing 20 soldiers.",
     "ASSAULT", 1, {"attacked", "killing"}),
    ("Protesters marched through the streets of Nairobi on Tuesday. Police said the protest "
     "was peaceful.", "PROTEST", 1, {"marched", "protest"}),
    # one sentence, one attack told with two weapons
    ("Their car hit a roadside bomb near Lamu on Monday and was then attacked with gunfire.",
     "ASSAULT", 1, {"hit", "roadside bomb", "attacked", "gunfire"}),
    # the next sentence goes on about the same attack
    ("Gunmen stormed a hotel in Beledweyne on Tuesday. Six guests were killed.", "ASSAULT", 1,
     {"stormed", "killed"}),
    # believed (reported_belief) and told as fact: one attack, a definite back-reference
    ("Militias are believed to be behind the rocket attacks on U.S. bases. The rocket attacks "
     "damaged a runway.", "ASSAULT", 1, {"rocket attacks"}),
    # a verbal act told again in other words by its speaker, one or two sentences on
    ("Foreign Minister Penny Wong urged China on Monday to release the journalist Cheng Lei. "
     "Wong called on China to free her without delay.", "REQUEST", 1, {"urged", "called on"}),
    ("Foreign Minister Penny Wong urged China on Monday to release the journalist Cheng Lei. "
     "She said the case had gone on too long. Wong called on China to free her without "
     "delay.", "REQUEST", 1, {"urged", "called on"}),
    # "also" to the same addressee: one more thing the one statement asks (voa_articles.md:
    # one speaker, one type, one addressee is one event; the gold data codes "urged the
    # president to avoid decisions ... He also urged Farmajo to return to talks" as one)
    ("Foreign Minister Penny Wong urged China on Monday to release the journalist Cheng Lei. "
     "Wong also called on China to free her without delay.", "REQUEST", 1,
     {"urged", "called on"}),
    # a clause modifying the trigger of a mention is the same happening, and that trigger
    # ("airstrike", read as the source of "targeting") names no actor
    ("Iraqi special forces said Abu Khadija was killed Thursday in an airstrike targeting his "
     "location in Iraq's Anbar desert.", "ASSAULT", 1, {"killed", "airstrike", "targeting"}),
    # a verbal act whose speaker is not named, told again to the same addressee in the next
    # sentence (the gold data codes the accusation and the charge as one)
    ("Bill Cosby was accused of sexual assault by dozens of women. Cosby was charged with "
     "aggravated indecent assault on Wednesday.", "ACCUSE", 1, {"accused", "charged"}),
]

SEPARATE = [
    # different actor pairs
    ("France imposed sanctions on Iran on Monday. Germany imposed sanctions on Russia on "
     "Tuesday.", "SANCTION", 2),
    ("Israeli jets struck Hamas positions in Gaza on Monday. Russia attacked Ukrainian "
     "positions near Bakhmut on Monday.", "ASSAULT", 2),
    # a new happening of the same kind ("another attack")
    ("Rebels attacked an army base in northern Mali on Sunday. Hours later, rebels launched "
     "another attack on a police station.", "ASSAULT", 2),
    ("Gunmen stormed a hotel in Beledweyne on Tuesday. Hours later, gunmen launched another "
     "attack on a police station.", "ASSAULT", 2),
    ("A court in Guatemala City sentenced Zamora to house arrest in March. The court later "
     "sentenced Zamora to six years in prison.", "COERCE", 2),
    # the same verb, different speakers: different statements
    ("The ministry rejected the proposal on Monday. Opposition leaders have long rejected the "
     "plan.", "REJECT", 2),
    # the same speaker, told as one more ("also") to another addressee, or far on: not a
    # retelling; a material happening told with "also" is another one
    ("Foreign Minister Penny Wong urged China on Monday to release the journalist Cheng Lei. "
     "Wong also called on Japan to free her without delay.", "REQUEST", 2),
    ("Rebels attacked an army base in northern Mali on Sunday. Rebels also attacked a police "
     "station in Gao.", "ASSAULT", 2),
    ("Foreign Minister Penny Wong urged China on Monday to release the journalist Cheng Lei. "
     "The ministry said the talks went well. Officials said the visit was useful. Wong called "
     "on China to free her without delay.", "REQUEST", 2),
    # no speaker named, another addressee: nothing says it is one statement
    ("The ministry was accused of hiding the report. The army was accused of abuses in the "
     "north.", "ACCUSE", 2),
]


@pytest.mark.parametrize(("text", "kind", "count", "triggers"), MERGED)
def test_mentions_of_one_happening_are_one_event(raw_pipeline: Pipeline, text: str, kind: str,
                                                  count: int, triggers: set[str]) -> None:
    article = run(raw_pipeline, text)
    events = of_type(article, kind)
    assert len(events) == count, [e.trigger.text for e in events]
    event = events[0]
    assert {m.trigger.text for m in event.mentions} == triggers
    first = event.mentions[0]
    assert (first.trigger, first.sentence) == (event.trigger, event.sentence)
    for mention in event.mentions:
        assert article.text[mention.trigger.start:mention.trigger.end] == mention.trigger.text
        assert mention.sentence.start <= mention.trigger.start < mention.sentence.end


@pytest.mark.parametrize(("text", "kind", "count"), SEPARATE)
def test_different_happenings_stay_apart(raw_pipeline: Pipeline, text: str, kind: str,
                                         count: int) -> None:
    assert len(of_type(run(raw_pipeline, text), kind)) == count


def test_casualties_come_from_any_mention(raw_pipeline: Pipeline) -> None:
    article = run(raw_pipeline, MERGED[1][0])
    (event,) = of_type(article, "ASSAULT")
    assert event.killed == 12
    assert names(article)[event.source.actor if event.source else None] == "Russian forces"


def test_worked_example_has_one_phone_call_with_all_its_mentions(pipeline: Pipeline) -> None:
    meta = json.loads((EXAMPLES / "esper-iraq-rockets.meta.json").read_text("utf-8"))
    text = (EXAMPLES / "esper-iraq-rockets.txt").read_text("utf-8")
    article = pipeline.process(gold_article("esper", text, meta.get("published")))
    calls = of_type(article, "CONSULT")
    assert len(calls) == 1
    (call,) = calls
    who = names(article)
    assert call.mode == "phone"
    assert who[call.source.actor if call.source else None] == "Mark Esper"
    assert who[call.target.actor if call.target else None] == "Adel Abdul Mahdi"
    assert len(call.mentions) == 5
    assert all("call" in m.trigger.text for m in call.mentions)
    assert len({m.trigger.start for m in call.mentions}) == 5


def event(number: int, start: int, text: str, source: str | None, target: str | None,
          date: str | None = None, confidence: float = 0.5, kind: str = "ASSAULT",
          modality: str = "asserted", who: str = "x") -> Event:
    return Event(id=f"v{number}", type=kind, trigger=Span(text=text, start=start,
                                                          end=start + len(text)),
                 sentence=SentenceRef(start=start, end=start + 40), confidence=confidence,
                 source=Mention(text=who, start=0, end=1, actor=source) if source else None,
                 target=Mention(text="y", start=2, end=3, actor=target) if target else None,
                 date=TimeRef(value=date, precision="day") if date else None,
                 modality=modality)  # type: ignore[arg-type]


@pytest.mark.parametrize(("second", "merged"), [
    (event(2, 100, "attacks", "a1", None), True),           # one side has no target
    (event(2, 100, "attacks", None, "a2", "2024-03-01"), True),
    (event(2, 100, "attacks", "a3", "a2"), False),           # another source
    (event(2, 100, "attacks", "a1", "a4"), False),           # another target
    (event(2, 100, "attacks", "a1", "a2", "2024-02-01"), False),  # another date
    (event(2, 100, "clashes", "a1", "a2"), False),           # no reason to think it is the same
    (event(2, 100, "attacks", "a3", "a2", who="they"), True),  # a pronoun names no one
    (event(2, 100, "attacks", "a1", "a2", "2024-03-01T09:00"), True),  # the same day
    (event(2, 100, "attacks", "a1", "a2", "P5W"), True),      # a duration is no date
    (event(2, 100, "attacks", "a1", "a2", modality="reported_belief"), True),
    (event(2, 100, "attacks", "a1", "a2", modality="future"), False),
])
def test_merge_rule_on_records(second: Event, merged: bool) -> None:
    article = gold_article("t", "x" * 200, None)
    article.events = [event(1, 10, "attacks", "a1", "a2", "2024-03-01", 0.9), second]
    features = {"v1": {"bias": 1.0}, "v2": {"bias": 1.0}}
    merge_mentions(article, None, features)
    assert len(article.events) == (1 if merged else 2)
    assert [e.id for e in article.events] == sorted(features)
    if merged:
        assert [m.trigger.start for m in article.events[0].mentions] == [10, 100]
        assert article.events[0].target is not None


@pytest.mark.parametrize(("first_source", "second_source", "merged"), [
    ("a1", "a1", True),     # the same speaker says it again
    ("a1", None, False),    # who said it the second time is not known
    (None, None, False),
])
def test_a_verbal_act_is_told_again_only_by_its_speaker(first_source: str | None,
                                                        second_source: str | None,
                                                        merged: bool) -> None:
    article = gold_article("t", "x" * 200, None)
    article.events = [event(1, 10, "rejected", first_source, None, kind="REJECT"),
                      event(2, 100, "rejected", second_source, None, kind="REJECT")]
    merge_mentions(article, None)
    assert len(article.events) == (1 if merged else 2)


@pytest.mark.parametrize(("sources", "targets", "merged"), [
    ((None, "a1"), ("a2", "a2"), True),    # one side names no speaker, the same addressee
    (("a1", None), ("a2", "a2"), True),
    ((None, None), ("a2", "a2"), True),
    ((None, "a1"), ("a2", "a3"), False),   # another addressee
    ((None, "a1"), ("a2", None), False),   # no addressee in common
    (("a1", "a3"), ("a2", "a2"), False),   # two speakers, one addressee: two statements
])
def test_an_unnamed_speaker_tells_it_again_to_the_same_addressee(
        sources: tuple[str | None, str | None], targets: tuple[str | None, str | None],
        merged: bool) -> None:
    article = gold_article("t", "x" * 200, None)
    article.events = [event(1, 10, "accused", sources[0], targets[0], kind="ACCUSE"),
                      event(2, 100, "accused", sources[1], targets[1], kind="ACCUSE")]
    merge_mentions(article, None)
    assert len(article.events) == (1 if merged else 2)


def test_a_merged_factual_event_is_asserted_when_a_mention_is() -> None:
    article = gold_article("t", "x" * 200, None)
    article.events = [event(1, 10, "attacks", "a1", None, confidence=0.9,
                            modality="reported_belief"),
                      event(2, 100, "attacks", "a1", None, confidence=0.2)]
    merge_mentions(article, None)
    (merged,) = article.events
    assert merged.modality == "asserted"
    assert merged.trigger.start == 10


def test_worked_example_has_one_asserted_assault_for_the_rocket_attacks(
        pipeline: Pipeline) -> None:
    meta = json.loads((EXAMPLES / "esper-iraq-rockets.meta.json").read_text("utf-8"))
    text = (EXAMPLES / "esper-iraq-rockets.txt").read_text("utf-8")
    article = pipeline.process(gold_article("esper", text, meta.get("published")))
    attacks = [e for e in of_type(article, "ASSAULT") if e.modality == "asserted"]
    assert len(attacks) == 1
    told = [(m.trigger.start, m.trigger.end) for m in attacks[0].mentions]
    attacks_at = [i + len("rocket ") for i in range(len(text))
                  if text.startswith("rocket attacks", i)]
    assert len(attacks_at) == 5
    assert all(any(start <= i < end for start, end in told) for i in attacks_at)


@pytest.mark.parametrize(("date", "merged"), [
    ("2024-03-01", True),   # the same day: one attack told with two weapons
    ("2024-03", False),     # the same month is no such evidence
])
def test_other_weapon_same_day(date: str, merged: bool) -> None:
    article = gold_article("t", "x" * 200, None)
    first = event(1, 10, "attacks", "a1", None, date, 0.9)
    second = event(2, 100, "attacks", "a1", None, date)
    article.events = [first.model_copy(update={"mode": "firearms"}),
                      second.model_copy(update={"mode": "explosives"})]
    merge_mentions(article, None)
    assert len(article.events) == (1 if merged else 2)


def _merged(number: int, starts: list[int], kind: str = "ASSAULT", source: str = "a1",
            confidence: float = 0.5) -> Event:
    """An event a first merge made of mentions at `starts` (the first is its own)."""
    first = event(number, starts[0], "attacks", source, None, kind=kind,
                  confidence=confidence)
    mentions = [event(number, s, "attacks", source, None).model_copy(
        update={"sentence": SentenceRef(start=s, end=s + 40)}) for s in starts]
    return first.model_copy(update={"mentions": [
        EventMention(trigger=m.trigger, sentence=m.sentence) for m in mentions]})


@pytest.mark.parametrize(("first", "second", "count", "mentions"), [
    # merged events of one happening merge again with all their mentions
    ([10, 60], [100, 150], 1, [10, 60, 100, 150]),
    ([10], [100, 150], 1, [10, 100, 150]),
    # the second pass follows the same rule: another type stays apart
    ([10, 60], [100], 2, [10, 60]),
])
def test_a_second_pass_merges_merged_events(first: list[int], second: list[int], count: int,
                                           mentions: list[int]) -> None:
    article = gold_article("t", "x" * 200, None)
    article.events = [_merged(1, first, confidence=0.9),
                      _merged(2, second, kind="ASSAULT" if count == 1 else "PROTEST")]
    features = {"v1": {"mentions": float(len(first))}, "v2": {"mentions": float(len(second))}}
    merge_mentions(article, None, features)
    assert len(article.events) == count
    assert [m.trigger.start for m in article.events[0].mentions] == mentions
    assert features["v1"]["mentions"] == len(mentions)


# Real multi-sentence texts: after the decision has re-typed the events, the mentions of one
# happening are one event (the pipeline merges again once re-typed).
RETYPED = [
    ("Gunmen stormed a hotel in Beledweyne on Tuesday, leaving at least five people dead. "
     "Six guests were killed in the attack, police said.", "ASSAULT"),
    ("President Biden spoke with President Xi Jinping by phone on Monday. During the call, "
     "Biden raised concerns about Taiwan. The White House said the call lasted two hours.",
     "CONSULT"),
    ("Foreign Minister Penny Wong urged China on Monday to release the journalist Cheng Lei. "
     "Wong called on China to free her without delay.", "REQUEST"),
]


@pytest.mark.parametrize(("text", "kind"), RETYPED)
def test_decided_events_of_one_happening_are_one_event(pipeline: Pipeline, text: str,
                                                        kind: str) -> None:
    article = run(pipeline, text)
    assert len(of_type(article, kind)) == 1, [(e.type, e.trigger.text) for e in article.events]
    for event_ in article.events:
        starts = [m.trigger.start for m in event_.mentions]
        assert len(starts) == len(set(starts))


@pytest.mark.parametrize(("own", "merged"), [
    (None, True),                            # the dates are the events' own: the same day
    ({10: None, 100: None}, False),          # lent by a fallback: no evidence
    ({100: TimeRef(value="2024-03-04", precision="day")}, True),
])
def test_the_second_pass_compares_own_dates(own: dict[int, TimeRef | None] | None,
                                            merged: bool) -> None:
    article = gold_article("t", "x" * 200, None)
    article.events = [event(1, 10, "urged", "a1", None, "2024-03-04", 0.9, kind="REQUEST"),
                      event(2, 100, "called on", "a1", None, "2024-03-04", kind="REQUEST")]
    merge_mentions(article, None, None, own)
    assert len(article.events) == (1 if merged else 2)


@pytest.mark.parametrize(("own", "kind", "lent"), [
    (None, "ACCUSE", True),   # the first merge lends the place of another mention
    ({}, "ACCUSE", False),    # merging again (after the places are set) lends none
    # except to a happening: where one mention of an attack was, the attack was ("killed in
    # a precision airstrike Thursday" after "killed Thursday in an airstrike ... in Iraq's
    # Anbar desert")
    ({}, "ASSAULT", True),
])
def test_merging_again_lends_a_place_only_to_a_happening(
        own: dict[int, TimeRef | None] | None, kind: str, lent: bool) -> None:
    article = gold_article("t", "x" * 200, None)
    place = PlaceRef(place="p1", name="Kabul")
    article.events = [event(1, 10, "accused", "a1", "a2", confidence=0.9, kind=kind),
                      event(2, 100, "accused", "a1", "a2", kind=kind).model_copy(
                          update={"place": place})]
    merge_mentions(article, None, None, own)
    (merged,) = article.events
    assert (merged.place is not None) == lent


def _told(number: int, start: int, source: str, target: str, reporter: str | None = None,
          confidence: float = 0.5) -> Event:
    """An event in the sentence at 10-90 whose source words are at 0-5, told by `reporter`
    (its words at 0-5 too) when given."""
    return Event(id=f"v{number}", type="ASSAULT", trigger=Span(text="hit", start=start,
                                                               end=start + 3),
                 sentence=SentenceRef(start=10, end=90), confidence=confidence,
                 source=Mention(text="x", start=0, end=5, actor=source),
                 target=Mention(text="y", start=6, end=8, actor=target),
                 reported_by=Attribution(text="x", start=0, end=5, actor=reporter)
                 if reporter else None)


@pytest.mark.parametrize(("second", "merged"), [
    # "Authorities said ... were kidnapped during a raid": the reporter read as a role is weak
    (_told(2, 40, "a3", "a2", reporter="a3"), True),
    (_told(2, 40, "a3", "a2"), False),                   # a source of its own: another pair
    (_told(2, 40, "a3", "a4", reporter="a3"), False),    # and no other role in common
])
def test_a_reporter_read_as_a_role_names_no_one_close_by(second: Event, merged: bool) -> None:
    article = gold_article("t", "x" * 200, None)
    article.events = [_told(1, 20, "a1", "a2", confidence=0.9), second]
    merge_mentions(article, None)
    assert len(article.events) == (1 if merged else 2)
    if merged:
        assert article.events[0].source is not None
        assert article.events[0].source.actor == "a1"
