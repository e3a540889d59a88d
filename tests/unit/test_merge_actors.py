"""One happening told with differently named actors, and meetings (events/merge.py rules 3
and 6, events/equivalence.py): the article's own links make two actors one; without such a
link, and for another place or day, the happenings stay apart."""

from __future__ import annotations

import pytest

from eventwire.evaluation.common import gold_article
from eventwire.events.equivalence import SameActor
from eventwire.events.merge import merge_mentions
from eventwire.model import Actor, Article, Entity, Event, Mention, SentenceRef, Span
from eventwire.pipeline.runner import Pipeline


def _events(pipeline: Pipeline, text: str, kind: str) -> list[Event]:
    article = pipeline.process(gold_article("t", text, "2024-03-05"))
    return [e for e in article.events if e.type == kind and not e.negated]


# (text, type, how many events of that type)
ARTICLES = [
    # an alias the article gives: "Farmajo" is the president's nickname
    ("Opposition lawmaker Ilyas Ali Hassan urged President Mohamed Abdullahi Mohamed to step "
     "down. Mohamed, known by his nickname Farmajo, signed the bill. Hassan urged Farmajo to "
     "respect the constitution.", "REQUEST", 1),
    # no link: "Farmajo" may be anyone
    ("Opposition lawmaker Ilyas Ali Hassan urged President Mohamed Abdullahi Mohamed to step "
     "down. Mohamed, a former diplomat, signed the bill. Hassan urged Farmajo to respect the "
     "constitution.", "REQUEST", 2),
    # the president and the state he leads
    ("Opposition lawmaker Ilyas Ali Hassan urged Somali President Mohamed Abdullahi Mohamed on "
     "Monday to step down. The bill was signed late Tuesday. Hassan urged Somalia to respect "
     "the constitution.", "REQUEST", 1),
    # a minister speaks for the state but does not lead it
    ("Opposition lawmaker Ilyas Ali Hassan urged Somali Foreign Minister Ahmed Isse Awad on "
     "Monday to resign. The bill was signed late Tuesday. Hassan urged Somalia to respect the "
     "constitution.", "REQUEST", 2),
    # the words of one mention are the name of the other's actor ("Top diplomats")
    ("Top diplomats from the Group of Seven urged Russia on Friday to accept a ceasefire. "
     '"We called for Russia to reciprocate," the diplomats said in a joint statement.',
     "REQUEST", 1),
    # a capital stands for its state: "New Delhi" (the government of India) is India
    ("India urged Pakistan on Monday to release the fishermen. New Delhi called on Pakistan "
     "to free them without delay.", "REQUEST", 1),
    # one court named with and without the possessive, "also" to the same addressee
    ("Malawi's High Court on Jan. 14 ordered all public schools to allow students with "
     "dreadlocks. The ruling came after a Rastafarian family sued. The Malawi High Court "
     "also ordered the school to give daughter Makeda extra classes.", "REQUEST", 1),
    # another capital is another state
    ("India urged Pakistan on Monday to release the fishermen. Beijing called on Pakistan to "
     "free them without delay.", "REQUEST", 2),
    # a short name of the one organisation whose name ends in it: "the Post"
    ("The Washington Post has assembled a team of reporters to investigate Donald Trump. The "
     "Post announced the investigation of Trump on Monday.", "ACCUSE", 1),
    # a target that is the speaker's own state is a misread role ("Ukraine is committed ...,"
    # its president said), no other addressee
    ("Ukraine said on Tuesday it is ready to accept a U.S. proposal for a 30-day ceasefire. "
     '"Ukraine is committed to moving quickly toward peace," Ukrainian President Volodymyr '
     "Zelenskyy said.", "AGREE", 1),
    # one meeting, one place, one day: a talk whose role words name the place ("the Jeddah
    # talks") is the meeting the visit is about
    ("U.S. Secretary of State Marco Rubio met Ukrainian officials in Jeddah on Tuesday. On "
     "Tuesday, Rubio will join U.S. national security adviser Mike Waltz for the Jeddah talks "
     "with Ukrainian officials. Rubio's visit to Jeddah on Tuesday is his second to Saudi "
     "Arabia since taking office.", "CONSULT", 1),
    # the same day in two cities: two meetings
    ("Rubio held talks with Ukrainian officials in Jeddah on Tuesday. Rubio held talks with "
     "Qatari officials in Doha on Tuesday.", "CONSULT", 2),
    # one sentence: the second place is the topic's, not another meeting's
    ("Finnish President Alexander Stubb met Estonian Prime Minister Kristen Michal in Tallinn "
     "on Monday to discuss the security of undersea cables in the Baltic Sea.", "CONSULT", 1),
    # the same city on two days: two meetings
    ("U.S. Secretary of State Marco Rubio held talks with Ukrainian officials in Jeddah on "
     "Tuesday. On Wednesday, Rubio held talks with Saudi officials in Jeddah.", "CONSULT", 2),
]


@pytest.mark.parametrize(("text", "kind", "count"), ARTICLES)
def test_linked_actors_and_meetings(raw_pipeline: Pipeline, text: str, kind: str,
                                    count: int) -> None:
    events = _events(raw_pipeline, text, kind)
    assert len(events) == count, [(e.trigger.text, e.source, e.target) for e in events]


def _actor(number: int, name: str, kind: str = "person", country: str | None = "SOM",
           title: str | None = None, sectors: tuple[str, ...] = ()) -> Actor:
    return Actor(id=f"a{number}", name=name, kind=kind, country=country,  # type: ignore[arg-type]
                 title=title, sectors=list(sectors))


PRESIDENT = _actor(1, "Mohamed Abdullahi Mohamed", title="President", sectors=("GOV",))
THE_PRESIDENT = _actor(2, "president", title="president", sectors=("GOV",))
SOMALIA = _actor(3, "Somalia", kind="country")
GOVERNMENT = _actor(4, "government of Somalia", kind="organization", sectors=("GOV",))
MINISTER = _actor(5, "Ahmed Isse Awad", title="Foreign Minister", sectors=("GOV",))
KENYA = _actor(6, "Kenya", kind="country", country="KEN")
FORMER = _actor(7, "Sharif Sheikh Ahmed", title="President", sectors=("GOV",))


@pytest.mark.parametrize(("actors", "first", "second", "same"), [
    ([PRESIDENT, THE_PRESIDENT], "a1", "a2", True),        # "the president": the President
    ([PRESIDENT, SOMALIA], "a1", "a3", True),              # the leader and his state
    ([PRESIDENT, GOVERNMENT], "a1", "a4", True),
    ([PRESIDENT, KENYA], "a1", "a6", False),               # another country
    ([MINISTER, SOMALIA], "a5", "a3", False),              # a minister leads no state
    ([PRESIDENT, FORMER, THE_PRESIDENT], "a1", "a2", False),  # two presidents: which one?
    ([PRESIDENT, FORMER, SOMALIA], "a1", "a3", False),
    ([PRESIDENT, FORMER], "a1", "a7", False),
])
def test_actors_the_article_links(actors: list[Actor], first: str, second: str,
                                  same: bool) -> None:
    article = gold_article("t", "x" * 40, None)
    article.actors = actors
    links = SameActor(article)
    assert (links.key(first) == links.key(second)) == same


@pytest.mark.parametrize(("between", "same"), [
    (", known by his nickname ", True),
    (", also known as ", True),
    (", who met ", False),
    (" and ", False),
])
def test_an_alias_links_two_names(between: str, same: bool) -> None:
    text = f"Mohamed{between}Farmajo"
    article = gold_article("t", text, None)
    article.actors = [_actor(1, "Mohamed"), _actor(2, "Farmajo")]
    end = len(text) - len("Farmajo")
    article.entities = [Entity(id="e1", text="Mohamed", start=0, end=7, label="PERSON",
                               actor="a1"),
                        Entity(id="e2", text="Farmajo", start=end, end=len(text),
                               label="PERSON", actor="a2")]
    links = SameActor(article)
    assert (links.key("a1") == links.key("a2")) == same


INDIA = _actor(8, "India", kind="country", country="IND")
NEW_DELHI = _actor(9, "government of India", kind="organization", country="IND",
                   sectors=("GOV",))
ISLAMABAD = _actor(10, "government of Pakistan", kind="organization", country="PAK",
                   sectors=("GOV",))
WAPO = _actor(11, "The Washington Post", kind="organization", country="USA",
              sectors=("JRN",))
NY_POST = _actor(12, "New York Post", kind="organization", country="USA", sectors=("JRN",))
POST = _actor(13, "Post", kind="organization", country=None, sectors=("JRN",))
CARETAKER = _actor(14, "new caretaker government", kind="organization", sectors=("GOV",))
GOVERNMENT_WORD = _actor(15, "government", kind="organization", sectors=("GOV",))
POST_OFFICE = _actor(16, "Post", kind="organization", country="USA", sectors=("BUS",))


@pytest.mark.parametrize(("actors", "first", "second", "same"), [
    ([INDIA, NEW_DELHI], "a8", "a9", True),             # a state and its government
    ([INDIA, ISLAMABAD], "a8", "a10", False),           # another state's government
    ([WAPO, POST], "a11", "a13", True),                 # "the Post": The Washington Post
    ([WAPO, NY_POST, POST], "a11", "a13", False),       # two posts: which one?
    ([WAPO, POST_OFFICE], "a11", "a16", False),         # another sector
    ([CARETAKER, GOVERNMENT_WORD], "a14", "a15", False),  # "the government" is no name
])
def test_states_and_short_names(actors: list[Actor], first: str, second: str,
                                same: bool) -> None:
    article = gold_article("t", "x" * 40, None)
    article.actors = actors
    links = SameActor(article)
    assert (links.key(first) == links.key(second)) == same


@pytest.mark.parametrize(("text", "others", "same"), [
    # the parser tagged no name before the link: its words name the one actor that has them
    ("Mohamed, known by his nickname Farmajo, signed the bill.", [], True),
    ("The president, Mohamed, known by his nickname Farmajo, signed the bill.", [], True),
    # two actors have the words: which one?
    ("Mohamed, known by his nickname Farmajo, signed the bill.",
     [_actor(3, "Hassan Ali Mohamed")], False),
    # no link phrase
    ("Mohamed met Farmajo and signed the bill.", [], False),
])
def test_an_alias_after_an_untagged_name(text: str, others: list[Actor], same: bool) -> None:
    article = gold_article("t", text, None)
    article.actors = [_actor(1, "Mohamed Abdullahi Mohamed"), _actor(2, "Farmajo"), *others]
    start = text.index("Farmajo")
    article.entities = [Entity(id="e1", text="Farmajo", start=start, end=start + 7,
                               label="PERSON", actor="a2")]
    links = SameActor(article)
    assert (links.key("a1") == links.key("a2")) == same


def _request(number: int, start: int, source: str, words: str) -> Event:
    return Event(id=f"v{number}", type="REQUEST", trigger=Span(text="urged", start=start,
                                                               end=start + 5),
                 sentence=SentenceRef(start=start, end=start + 40), confidence=0.5,
                 source=Mention(text=words, start=start + 10, end=start + 10 + len(words),
                                actor=source),
                 target=Mention(text="Russia", start=start + 30, end=start + 36, actor="a3"),
                 date=None)


@pytest.mark.parametrize(("words", "merged"), [
    ("Top diplomats", True),     # the words name the other actor
    ("Chinese envoys", False),   # another actor's words
])
def test_words_that_name_another_actor(words: str, merged: bool) -> None:
    article: Article = gold_article("t", "x" * 200, None)
    article.actors = [_actor(1, "Top diplomats", kind="group", country=None),
                      _actor(2, "Group of Seven", kind="organization", country=None),
                      _actor(3, "Russia", kind="country", country="RUS")]
    article.events = [_request(1, 10, "a1", "diplomats"), _request(2, 60, "a2", words)]
    merge_mentions(article, None)
    assert len(article.events) == (1 if merged else 2)


def test_a_misread_target_is_lent_by_another_mention(raw_pipeline: Pipeline) -> None:
    """"Ukraine is committed ...", its president said: the target Ukraine is the speaker's
    own state; the merged event takes the addressee of "ready to accept a U.S. proposal"."""
    article = raw_pipeline.process(gold_article(
        "t", "Ukraine said on Tuesday it is ready to accept a U.S. proposal for a 30-day "
        'ceasefire. "Ukraine is committed to moving quickly toward peace," Ukrainian '
        "President Volodymyr Zelenskyy said.", "2024-03-05"))
    names = {actor.id: actor.name for actor in article.actors}
    agreed = [e for e in article.events if e.type == "AGREE"]
    assert len(agreed) == 1
    target = agreed[0].target
    assert target is not None and names.get(target.actor or "") == "United States"


GINSBURG = _actor(20, "Ruth Bader Ginsburg", country="USA")
SURNAME = _actor(21, "Ginsburg", kind="group", country=None)
SALI = _actor(22, "Sali Berisha", country="ALB")
LIRI = _actor(23, "Liri Berisha", country="ALB")
BERISHA = _actor(24, "Berisha", kind="group", country=None)
SPAIN = _actor(25, "Spain", kind="country", country="ESP")
BIRDLIFE = _actor(26, "Birdlife Spain", country="ESP")
AMIR = _actor(27, "Amir Gal-Or", country="ISR")
GAL_OR = _actor(28, "Gal-Or", kind="organization", country="CHN")
COURT = _actor(29, "Malawi's High Court", kind="organization", country="MWI")
SAME_COURT = _actor(30, "Malawi High Court", kind="organization", country="MWI")
OTHER_COURT = _actor(31, "Malawi Supreme Court", kind="organization", country="MWI")


@pytest.mark.parametrize(("actors", "first", "second", "same"), [
    ([GINSBURG, SURNAME], "a20", "a21", True),          # "Ginsburg": Ruth Bader Ginsburg
    ([SALI, LIRI, BERISHA], "a22", "a24", False),       # two Berishas: which one?
    ([BIRDLIFE, SPAIN], "a25", "a26", False),           # a country is no surname
    ([AMIR, GAL_OR], "a27", "a28", False),              # another country
    ([COURT, SAME_COURT], "a29", "a30", True),          # the possessive dropped
    ([COURT, OTHER_COURT], "a29", "a31", False),
])
def test_surnames_and_possessives(actors: list[Actor], first: str, second: str,
                                  same: bool) -> None:
    article = gold_article("t", "x" * 40, None)
    article.actors = actors
    links = SameActor(article)
    assert (links.key(first) == links.key(second)) == same
