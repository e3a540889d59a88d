"""A role named by a generic noun stands for the actor the story names (events/story_actors.py):
"the group" is al-Shabab, "the court" the Supreme Court, "the candidate" Donald Trump. The
`story_actor` tests build the record by hand (no model); the last ones run real sentences."""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.evaluation.common import gold_article
from eventwire.events.story_actors import generic_nouns, name_roles, story_actor
from eventwire.model import Actor, Article, Entity, Event, Mention, SentenceRef, Span
from eventwire.pipeline.runner import Pipeline

TEXT = ("The Islamist militant group al-Shabab claimed responsibility for the attack in "
        "Somalia. In a statement, the group said it had killed more than 10 people. Somalia's "
        "president condemned the attack, and the government vowed to hunt down the militants. "
        "A group of elders met Kenya's president. The court will rule on the case, the "
        "Supreme Court of Kenya said.\nThe tribunal has not yet set a date.")


def _span(text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def _entity(number: int, text: str, label: str, actor: str, nth: int = 0) -> Entity:
    start, end = _span(text, nth)
    return Entity(id=f"e{number}", text=text, label=label, start=start, end=end, actor=actor)


def hand_built() -> Article:
    article = gold_article("s", TEXT, "2025-03-11")
    article.entities = [
        _entity(1, "al-Shabab", "ORG", "a1"), _entity(2, "Somalia", "GPE", "a2"),
        _entity(3, "group", "NOMINAL", "a3", nth=1), _entity(4, "Somalia", "GPE", "a2", nth=1),
        _entity(5, "government", "NOMINAL", "a4"), _entity(6, "militants", "NOMINAL", "a5"),
        _entity(7, "group", "NOMINAL", "a6", nth=2), _entity(8, "Kenya", "GPE", "a7"),
        _entity(9, "court", "NOMINAL", "a8"),
        _entity(10, "Supreme Court of Kenya", "ORG", "a9"),
        _entity(11, "tribunal", "NOMINAL", "a10")]
    article.actors = [
        Actor(id="a1", name="al-Shabaab", kind="group", country="SOM", sectors=["REB"]),
        Actor(id="a2", name="Somalia", kind="country", country="SOM"),
        Actor(id="a3", name="group", kind="group"),
        Actor(id="a4", name="government", kind="organization", sectors=["GOV"]),
        Actor(id="a5", name="militants", kind="group", country="SOM", sectors=["REB"]),
        Actor(id="a6", name="group", kind="group"),
        Actor(id="a7", name="Kenya", kind="country", country="KEN"),
        Actor(id="a8", name="court", kind="organization", sectors=["JUD"]),
        Actor(id="a9", name="Supreme Court of Kenya", kind="organization", country="KEN",
              sectors=["JUD"]),
        Actor(id="a10", name="tribunal", kind="organization", sectors=["JUD"])]
    return article


def mention(text: str, actor: str | None, nth: int = 0) -> Mention:
    start, end = _span(text, nth)
    return Mention(text=text, start=start, end=end, actor=actor)


@pytest.mark.parametrize(("words", "nth", "actor", "country", "expected"), [
    ("group", 1, "a3", None, "a1"),           # "the group said": the group named before
    ("the militants", 0, "a5", None, "a1"),   # "the militants" of Somalia: al-Shabab
    ("group", 2, "a6", None, "a6"),           # "A group of elders": indefinite, itself
    ("al-Shabab", 0, "a1", None, "a1"),       # a name stays its own actor
    ("government", 0, "a4", None, "a4"),      # "the government" with no country: unsure
    ("government", 0, "a4", "SOM", "a2"),     # ... of Somalia: the country named
    ("court", 0, "a8", None, "a9"),           # none before: the first after, same paragraph
    ("tribunal", 0, "a10", None, "a9"),       # named before, in the paragraph before
])
def test_a_generic_noun_takes_the_named_actor(words: str, nth: int, actor: str,
                                              country: str | None, expected: str) -> None:
    article = hand_built()
    if country is not None:
        next(a for a in article.actors if a.id == actor).country = country
    role = mention(words, actor, nth)
    settled = story_actor(article, role)
    assert settled is not None and settled.actor == expected
    # the role keeps its own words and offsets: the evidence
    assert (settled.text, settled.start, settled.end) == (role.text, role.start, role.end)


def test_a_role_never_takes_the_other_roles_actor() -> None:
    article = hand_built()
    role = mention("group", "a3", nth=1)
    settled = story_actor(article, role, avoid="a1")
    assert settled is not None and settled.actor == "a3"


def test_a_role_of_another_country_is_not_the_named_actor() -> None:
    article = hand_built()
    article.actors[4].country = "KEN"  # "the militants" of Kenya are not al-Shabab of Somalia
    settled = story_actor(article, mention("the militants", "a5"))
    assert settled is not None and settled.actor == "a5"


def test_an_actor_that_says_more_than_the_words_stays() -> None:
    article = hand_built()
    article.actors[4].name = "Islamist militants"  # "militants" of "Islamist militants"
    settled = story_actor(article, mention("the militants", "a5"))
    assert settled is not None and settled.actor == "a5"


def test_name_roles_names_the_roles_of_every_event() -> None:
    article = hand_built()
    start, end = _span("killed")
    sentence = _span("In a statement, the group said it had killed more than 10 people.")
    article.events = [Event(
        id="v1", type="ASSAULT", trigger=Span(text="killed", start=start, end=end),
        sentence=SentenceRef(start=sentence[0], end=sentence[1]),
        source=mention("group", "a3", nth=1), confidence=0.9)]
    name_roles(article)
    source = article.events[0].source
    assert source is not None and source.actor == "a1" and source.text == "group"


def test_a_name_after_the_role_counts_only_in_its_paragraph() -> None:
    text = "The court will rule on the case.\nThe Supreme Court of Kenya will hear it."
    article = gold_article("p", text, "2025-03-11")
    start = text.index("Supreme")
    article.entities = [Entity(id="e1", text="Supreme Court of Kenya", label="ORG",
                               start=start, end=start + 22, actor="a2")]
    article.actors = [Actor(id="a1", name="court", kind="organization", sectors=["JUD"]),
                      Actor(id="a2", name="Supreme Court of Kenya", kind="organization",
                            country="KEN", sectors=["JUD"])]
    role = Mention(text="court", start=4, end=9, actor="a1")
    settled = story_actor(article, role)
    assert settled is not None and settled.actor == "a1"
    article.text = text.replace("\n", " ")
    settled = story_actor(article, role)
    assert settled is not None and settled.actor == "a2"


def test_the_table_reads_kinds_sectors_and_country() -> None:
    table = generic_nouns()
    assert table["group"].kinds == {"organization", "group"} and "GOV" not in table["group"].sectors
    assert table["militant group"].sectors == {"REB", "UAF", "CRM"}
    assert table["government"].same_country and not table["court"].same_country
    assert "officials" not in table and "country" not in table


# ---- real sentences ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def _actor_name(article: Article, mention_: Mention | None) -> str | None:
    actor = next((a for a in article.actors if mention_ and a.id == mention_.actor), None)
    return actor.name if actor else None


@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "words", "name"), [
    ("Donald Trump fired his campaign manager on Monday. The candidate has mocked a disabled "
     "newspaper reporter.", "ACCUSE", "candidate", "Donald Trump"),
    ("The Islamist militant group al-Shabab claimed responsibility for the hotel siege. The "
     "group frequently conducts bombings in Somalia.", "ASSAULT", "group", "al-Shabaab"),
])
def test_real_sentences(pipeline: Pipeline, text: str, kind: str, words: str,
                        name: str) -> None:
    article = process_text(pipeline, text, "2025-03-11")
    sources = [e.source for e in article.events if e.type == kind and e.source is not None
               and e.source.text.lower().endswith(words)]
    assert sources, [(e.type, e.source) for e in article.events]
    assert _actor_name(article, sources[0]) == name
    assert article.text[sources[0].start:sources[0].end] == sources[0].text
