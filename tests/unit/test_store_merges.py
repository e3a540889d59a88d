"""Cross-article event merges: pairs of articles written for the test. Two reports of one
happening are one event; the same type in another country, another month, or by another
actor never is. A merged event's date, place and figures come from its own mentions."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from eventwire.model import (
    Actor,
    Article,
    Count,
    Event,
    EventMention,
    Mention,
    Meta,
    Place,
    PlaceRef,
    SentenceRef,
    Span,
    TimeRef,
)
from eventwire.store import Store, connect, queries
from eventwire.store.dating import compatible, stored_date


class Report(NamedTuple):
    """One ASSAULT as an outlet told it: the sentence, who did it (name, country), where
    (name, country) and when (TIMEX value, precision)."""

    text: str
    source: tuple[str, str | None]
    place: tuple[str, str] | None
    when: tuple[str, str]
    published: str = "2025-03-12"


HOTEL = Report("Al-Shabab gunmen stormed the Hayat hotel in Mogadishu on Tuesday, killing "
               "12 people, Somali police said.", ("al-Shabab", "SOM"),
               ("Mogadishu", "SOM"), ("2025-03-11", "day"))
SAME_HOTEL = Report("Al-Shabab militants attacked the Hayat hotel in Mogadishu on Tuesday and "
                    "killed 12 people, officials said.", ("al-Shabab", "SOM"),
                    ("Mogadishu", "SOM"), ("2025-03-11", "day"), "2025-03-11")
HOTEL_THIS_MONTH = Report("Al-Shabab gunmen stormed the Hayat hotel in Mogadishu in March, "
                          "killing 12 people, police said.", ("al-Shabab", "SOM"),
                          ("Mogadishu", "SOM"), ("2025-03", "month"), "2025-03-20")
HOTEL_JANUARY = Report("Al-Shabab gunmen stormed the Hayat hotel in Mogadishu in January, "
                       "killing 12 people, Somali police said.", ("al-Shabab", "SOM"),
                       ("Mogadishu", "SOM"), ("2025-01", "month"))
PESHAWAR = Report("Gunmen stormed a hotel in Peshawar on Tuesday, killing 12 people, "
                  "Pakistani police said.", ("gunmen", None), ("Peshawar", "PAK"),
                  ("2025-03-11", "day"))
TROOPS = Report("Kenyan troops stormed the Hayat hotel in Mogadishu on Tuesday, killing 12 "
                "people, Somali police said.", ("Kenya", "KEN"), ("Mogadishu", "SOM"),
                ("2025-03-11", "day"))
GROUP_CLAIM = Report("In a statement, the group said it had killed more than 10 people.",
                     ("group", None), None, ("2025-03-11", "published"), "2025-03-11")
STATISTICS = Report("In 2024, the group and its allies killed nearly 400 people in over 500 "
                    "attacks.", ("group", None), None, ("2024", "year"))


def record(article_id: str, report: Report) -> Article:
    text = report.text
    name, country = report.source
    source_at = text.lower().index(name.split()[0].lower()[:5])
    trigger = next(word for word in ("stormed", "attacked", "killed") if word in text)
    people = text.index("people")
    figure = text.rindex(" ", 0, people - 1) + 1
    value = next(float(word) for word in text[figure:people].split() if word.isdigit())
    places = []
    if report.place is not None:
        at = text.index(report.place[0])
        places = [Place(id="p1", text=report.place[0], start=at, end=at + len(report.place[0]),
                        name=report.place[0], country=report.place[1])]
    event = Event(
        id="v1", type="ASSAULT",
        trigger=Span(text=trigger, start=text.index(trigger),
                     end=text.index(trigger) + len(trigger)),
        sentence=SentenceRef(start=0, end=len(text)),
        source=Mention(text=text[source_at:source_at + len(name)], start=source_at,
                       end=source_at + len(name), actor="a1"),
        target=None,
        date=TimeRef(value=report.when[0], precision=report.when[1]),
        place=PlaceRef(place="p1", name=report.place[0]) if report.place else None,
        count="c1", confidence=0.8)
    return Article(
        id=article_id, url=f"https://news.example/{article_id}", published=report.published,
        text=text, outlet=None,
        actors=[Actor(id="a1", name=name, kind="country" if name == "Kenya" else "group",
                      country=country, sectors=[] if name == "Kenya" else ["REB"])],
        places=places,
        counts=[Count(id="c1", text=text[figure:people + 6], start=figure, end=people + 6,
                      value=value, noun="people", category="killed")],
        events=[event], meta=Meta(version="test"))


def merged(tmp_path: Path, first: Report, second: Report) -> list[dict[str, object]]:
    path = tmp_path / "pair.db"
    with Store(path) as store:
        store.write(record("one", first))
        store.write(record("two", second))
    return queries.events(connect(path, readonly=True), queries.EventFilter())


@pytest.mark.parametrize(("first", "second"), [
    (HOTEL, SAME_HOTEL),            # two outlets, one attack
    (HOTEL, HOTEL_THIS_MONTH),      # known to the month: any day of that month
])
def test_one_happening_told_twice_is_one_event(tmp_path: Path, first: Report,
                                               second: Report) -> None:
    events = merged(tmp_path, first, second)
    assert [(e["num_articles"], e["num_mentions"]) for e in events] == [(2, 2)]
    assert events[0]["day"] == "2025-03-11" and events[0]["date_precision"] == "day"
    assert events[0]["killed"] == 12


@pytest.mark.parametrize(("first", "second"), [
    (HOTEL, PESHAWAR),              # same type and day, another country
    (HOTEL, HOTEL_JANUARY),         # same place, another month
    (HOTEL, TROOPS),                # same place and day, another actor
    (GROUP_CLAIM, STATISTICS),      # a claim and a year's statistics, generic "group"
])
def test_different_happenings_are_never_one_event(tmp_path: Path, first: Report,
                                                  second: Report) -> None:
    events = merged(tmp_path, first, second)
    assert sorted(int(str(e["num_articles"])) for e in events) == [1, 1]


def test_an_event_known_to_the_month_is_not_counted_on_a_day(tmp_path: Path) -> None:
    path = tmp_path / "month.db"
    with Store(path) as store:
        store.write(record("jan", HOTEL_JANUARY))
    db = connect(path, readonly=True)
    [event] = queries.events(db, queries.EventFilter())
    assert (event["day"], event["date_precision"]) == ("2025-01", "month")
    assert [(r["period"], r["events"]) for r in queries.counts(db, ["type"], "day")] == [
        ("", 1)]
    assert [(r["period"], r["events"]) for r in queries.counts(db, ["type"], "week")] == [
        ("", 1)]
    assert [(r["period"], r["events"]) for r in queries.counts(db, ["type"], "month")] == [
        ("2025-01", 1)]


@pytest.mark.parametrize(("value", "precision", "stored"), [
    ("2025-03-11", "day", ("2025-03-11", "day")),
    ("2025-03-11T10:00", "day", ("2025-03-11", "day")),
    ("2025-03-12 20:30:26Z", "published", ("2025-03-12", "published")),
    ("2025-W11", "week", ("2025-03-10", "week")),
    ("2025-03", "month", ("2025-03", "month")),
    ("2025-Q1", "quarter", ("2025", "year")),
    ("2024", "year", ("2024", "year")),
    ("PRESENT_REF", None, ("", "")),
    (None, None, ("", "")),
])
def test_stored_dates_keep_their_precision(value: str | None, precision: str | None,
                                           stored: tuple[str, str]) -> None:
    assert stored_date(value, precision) == stored


@pytest.mark.parametrize(("a", "b", "same"), [
    (("2025-03-11", "day"), ("2025-03-13", "published"), True),
    (("2025-03-11", "day"), ("2025-03-20", "day"), False),
    (("2025-03-11", "day"), ("2025-03", "month"), True),
    (("2025-02-28", "day"), ("2025-03", "month"), False),
    (("2025-03", "month"), ("2025-04", "month"), False),
    (("2025-03", "month"), ("2025", "year"), True),
    (("2025-03-10", "week"), ("2025-03-16", "day"), True),
    (("2025-03-10", "week"), ("2025-03-17", "day"), False),
    (("", ""), ("2025-03-11", "day"), False),
])
def test_dates_agree_within_their_precision(a: tuple[str, str], b: tuple[str, str],
                                            same: bool) -> None:
    assert compatible(a, b, 3) is same and compatible(b, a, 3) is same


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.voanews.com/a/iraq-says/8011115.html", "Voice of America"),
    ("https://edition.cnn.com/2025/03/11/world/x", "CNN"),
    ("https://news.example/one", "news.example"),
    ("ftp://files.example.org/x", None),
    ("not a url", None),
])
def test_outlet_from_the_url_when_none_is_given(tmp_path: Path, url: str,
                                                outlet: str | None) -> None:
    path = tmp_path / "outlet.db"
    with Store(path) as store:
        store.write(record("one", HOTEL).model_copy(update={"url": url}))
    [event] = queries.events(connect(path, readonly=True), queries.EventFilter())
    assert event["outlet"] == outlet and event["num_sources"] == (1 if outlet else 0)


def test_show_lists_each_mention_with_its_article_and_counts_say_what_is_unplaced(
        tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    path = tmp_path / "cli.db"
    with Store(path) as store:
        store.write(record("one", HOTEL).model_copy(update={"title": "Hotel attack"}))
        store.write(record("two", SAME_HOTEL).model_copy(update={"title": "Siege ends"}))
        store.write(record("jan", HOTEL_JANUARY))
    [event] = [e for e in queries.events(connect(path, readonly=True), queries.EventFilter())
               if e["num_articles"] == 2]
    shown = CliRunner().invoke(app, ["show", str(event["id"]), "--db", str(path)],
                               env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "2 mention(s)" in shown.output
    for words in ("Hotel attack", "Siege ends", "https://news.example/one",
                  "https://news.example/two", "news.example"):
        assert words in shown.output
    counted = CliRunner().invoke(app, ["counts", "--per", "day", "--db", str(path),
                                       "-f", "csv"])
    assert counted.exit_code == 0
    assert "1 event(s) could not be placed in a day" in counted.output


def test_an_input_with_another_stored_text_replaces_its_own_article(tmp_path: Path) -> None:
    """Same id, the text of another stored article: parsed and written (never skipped as
    a copy while the old article keeps its events); the old events go, a copy remains."""
    from eventwire.store.precheck import Precheck

    path = tmp_path / "copy.db"
    with Store(path) as store:
        store.write(record("one", HOTEL))
        store.write(record("two", PESHAWAR))
    moved = record("two", PESHAWAR).model_copy(update={"id": "one",
                                                       "url": "https://news.example/one"})
    db = connect(path)
    assert Precheck(db, clean=False).decide(moved) == "new"
    db.close()
    with Store(path) as store:
        assert store.write(moved) == "replaced"
    db = connect(path, readonly=True)
    assert [row[0] for row in db.execute("SELECT id FROM articles")] == ["two"]
    assert [row[0] for row in db.execute("SELECT id FROM article_copies")] == ["one"]
    [event] = queries.events(db, queries.EventFilter())
    assert (event["place_name"], event["num_articles"]) == ("Peshawar", 2)


def test_an_event_that_falls_apart_counts_only_what_it_keeps(tmp_path: Path) -> None:
    """A (Mar 9) and C (Mar 13) are one event only through B (Mar 11); replacing B with
    other news leaves two events of one mention each, as a fresh store of A, B', C has."""
    early = SAME_HOTEL._replace(when=("2025-03-09", "day"), published="2025-03-09")
    late = SAME_HOTEL._replace(text=SAME_HOTEL.text.replace("officials", "a spokesman"),
                               when=("2025-03-13", "day"), published="2025-03-13")
    replaced, fresh = tmp_path / "replaced.db", tmp_path / "fresh.db"
    with Store(replaced) as store:
        for article_id, report in (("one", early), ("two", HOTEL), ("three", late)):
            store.write(record(article_id, report))
        assert len(queries.events(connect(replaced, readonly=True),
                                  queries.EventFilter())) == 1
        assert store.write(record("two", PESHAWAR)) == "replaced"
    with Store(fresh) as store:
        for article_id, report in (("one", early), ("two", PESHAWAR), ("three", late)):
            store.write(record(article_id, report))

    def aggregates(path: Path) -> list[tuple[object, ...]]:
        rows = queries.events(connect(path, readonly=True), queries.EventFilter())
        return sorted((r["id"], r["day"], r["num_mentions"], r["num_articles"],
                       r["killed"]) for r in rows)

    assert aggregates(replaced) == aggregates(fresh)
    assert [row[2:4] for row in aggregates(replaced)] == [(1, 1)] * 3


def test_a_month_event_is_listed_for_a_bound_inside_its_month(tmp_path: Path) -> None:
    path = tmp_path / "since.db"
    with Store(path) as store:
        store.write(record("jan", HOTEL_JANUARY))
    db = connect(path, readonly=True)
    for since, until, found in (("2025-01-15", None, 1), ("2025-02-01", None, 0),
                                (None, "2025-01-10", 1), (None, "2024-12-31", 0)):
        spec = queries.EventFilter(since=since, until=until)
        assert len(queries.events(db, spec)) == found, (since, until)


def test_bounded_monthly_counts_keep_events_known_to_the_month(tmp_path: Path) -> None:
    path = tmp_path / "bounded.db"
    with Store(path) as store:
        store.write(record("jan", HOTEL_JANUARY))
        store.write(record("mar", HOTEL))
    db = connect(path, readonly=True)
    spec = queries.EventFilter(since="2025-01-10", until="2025-03-31")
    assert [(r["period"], r["events"]) for r in queries.counts(db, ["type"], "month", spec)] == [
        ("2025-01", 1), ("2025-03", 1)]
    weeks = queries.counts(db, ["country"], "week", spec)
    assert [(r["period"], r["country"], r["events"]) for r in weeks] == [
        ("", "SOM", 1), ("2025-03-10", "SOM", 1)]


class Telling(NamedTuple):
    """An ASSAULT told in two sentences: the first is the event's own, the second another
    mention of it; who did it and to whom (name, country) as the parser read them."""

    first: str
    second: str
    source: tuple[str, str | None] | None
    target: tuple[str, str | None] | None
    place: tuple[str, str]
    when: tuple[str, str] = ("2025-03-11", "day")


TRAIN = Telling("Militants attacked a passenger train in Pakistan's Balochistan province on "
                "Tuesday, taking hundreds of passengers hostage.",
                "The Jaffar Express was travelling from Quetta to Peshawar when gunmen blew up "
                "the tracks and stormed the train.", ("Militants", None), None,
                ("Balochistan", "PAK"))
TRAIN_QUOTE = Telling("\u201cThe Baloch Liberation Army's attack on the Jaffar Express is an "
                      "attack on the nation,\u201d the chief minister said.",
                      "Gunmen stormed the train in a tunnel near Sibi in Balochistan and "
                      "held its passengers hostage.", ("Baloch Liberation Army", None),
                      ("Jaffar Express", None), ("Sibi", "PAK"))
TRAIN_IN_INDIA = Telling("Militants attacked a passenger train in India's Manipur state on "
                         "Tuesday, taking hundreds of passengers hostage.",
                         "The express was travelling to Imphal when gunmen blew up the tracks "
                         "and stormed the train.", ("Militants", None), None,
                         ("Manipur", "IND"))
BUS_AMBUSH = Telling("Militants ambushed a bus carrying soldiers in Pakistan's Kalat district "
                     "on Tuesday.",
                     "Eighteen paramilitary troops on board the bus were killed in the ambush "
                     "near the highway.", ("Militants", None), None, ("Kalat", "PAK"))
TRAIN_LAST_MONTH = TRAIN._replace(when=("2025-02", "month"))
TRAIN_THREE_DAYS_ON = TRAIN._replace(when=("2025-03-14", "day"))
ARMY_ASSAULT = Telling("Pakistani troops attacked the Baloch Liberation Army fighters "
                       "holding the train in Balochistan on Tuesday.",
                       "The Jaffar Express passengers were freed after the troops stormed the "
                       "train and killed the gunmen.", ("Pakistani troops", "PAK"),
                       ("Baloch Liberation Army", None), ("Balochistan", "PAK"))


def told(article_id: str, telling: Telling) -> Article:
    """A two-sentence article whose one event is told in both sentences."""
    text = f"{telling.first} {telling.second}"
    second = len(telling.first) + 1
    actors: list[Actor] = []
    roles: list[Mention | None] = []
    for number, role in enumerate((telling.source, telling.target), start=1):
        if role is None:
            roles.append(None)
            continue
        at = text.index(role[0])
        actors.append(Actor(id=f"a{number}", name=role[0], kind="group", country=role[1]))
        roles.append(Mention(text=role[0], start=at, end=at + len(role[0]), actor=f"a{number}"))
    words = [next(w for w in ("attacked", "attack", "ambushed") if w in telling.first),
             next(w for w in ("stormed", "killed") if w in telling.second)]
    spans = [Span(text=w, start=text.index(w, start), end=text.index(w, start) + len(w))
             for w, start in zip(words, (0, second), strict=True)]
    sentences = [SentenceRef(start=0, end=len(telling.first)),
                 SentenceRef(start=second, end=len(text))]
    at = text.index(telling.place[0])
    place = Place(id="p1", text=telling.place[0], start=at, end=at + len(telling.place[0]),
                  name=telling.place[0], country=telling.place[1])
    event = Event(id="v1", type="ASSAULT", trigger=spans[0], sentence=sentences[0],
                  mentions=[EventMention(trigger=span, sentence=sentence)
                            for span, sentence in zip(spans, sentences, strict=True)],
                  source=roles[0], target=roles[1],
                  date=TimeRef(value=telling.when[0], precision=telling.when[1]),
                  place=PlaceRef(place="p1", name=telling.place[0]), confidence=0.8)
    return Article(id=article_id, url=f"https://news.example/{article_id}",
                   published="2025-03-12", text=text, actors=actors, places=[place],
                   events=[event], meta=Meta(version="test"))


def told_twice(tmp_path: Path, first: Telling, second: Telling) -> list[int]:
    path = tmp_path / "told.db"
    with Store(path) as store:
        store.write(told("one", first))
        store.write(told("two", second))
    events = queries.events(connect(path, readonly=True), queries.EventFilter())
    return sorted(int(str(e["num_articles"])) for e in events)


def test_one_happening_told_in_other_words_is_one_event(tmp_path: Path) -> None:
    """Neither the main sentences nor the actors match, but both articles tell the train
    hijacking in sentences that share their words, on one day, in one country."""
    assert told_twice(tmp_path, TRAIN, TRAIN_QUOTE) == [2]


@pytest.mark.parametrize("other", [
    TRAIN_IN_INDIA,      # told alike, another country
    BUS_AMBUSH,          # same day and country, another happening told in other words
    TRAIN_LAST_MONTH,    # told alike, but dated only to another month
    TRAIN_THREE_DAYS_ON,  # told alike, three days later: another attack on the line
    ARMY_ASSAULT,        # same words, but the army's assault: its source is not the militants'
])
def test_happenings_told_differently_stay_apart(tmp_path: Path, other: Telling) -> None:
    assert told_twice(tmp_path, TRAIN_QUOTE, other) == [1, 1]


def test_a_store_from_before_v7_gains_context_words(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A V6 store opened by this version gets the column; mentions stored before it have no
    context and link only on the other evidence."""
    import sqlite3

    from eventwire.store import schema

    path = tmp_path / "v6.db"
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 6)
    old = sqlite3.connect(path, isolation_level=None)
    schema.migrate(old)
    old.close()
    monkeypatch.undo()
    with Store(path) as store:
        store.write(told("one", TRAIN))
        store.db.execute("UPDATE event_mentions SET context_words = NULL")
        store.write(told("two", TRAIN_QUOTE))
    db = connect(path, readonly=True)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert [row[0] is None for row in db.execute(
        "SELECT context_words FROM event_mentions ORDER BY article_id")] == [True, False]
    events = queries.events(db, queries.EventFilter())
    assert sorted(int(str(e["num_articles"])) for e in events) == [1, 1]
