"""Happenings in the store (store/happenings.py): the batch clustering of the articles of a
window of days decides which articles may share an event. Articles built by hand
(tests/unit/test_store_merges.py's builders, no NLP)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.unit.test_store_merges import (
    ARMY_ASSAULT,
    BUS_AMBUSH,
    HOTEL,
    HOTEL_JANUARY,
    PESHAWAR,
    SAME_HOTEL,
    TRAIN,
    TRAIN_QUOTE,
    TROOPS,
    Report,
    record,
    told,
)

from eventwire.model import Article
from eventwire.store import SCHEMA_VERSION, Store, connect, queries, reviews
from eventwire.store.dedup import DedupConfig, cluster_documents
from eventwire.store.happenings import UNDATED, windows

ALL_JOINED = DedupConfig(document_cluster=-1.0)  # every window one happening
NONE_JOINED = DedupConfig(document_cluster=1.01)  # every article its own happening
ONE_PER_PART = DedupConfig(document_cluster=1.01, happening_size=1)
HOTEL_COPY = Report(HOTEL.text.replace("Somali police said", "Somali police said on "
                                       "Wednesday"), HOTEL.source, HOTEL.place, HOTEL.when)


def articles_per_event(path: Path) -> list[int]:
    events = queries.events(connect(path, readonly=True), queries.EventFilter())
    return sorted(int(str(e["num_articles"])) for e in events)


@pytest.mark.parametrize(("first", "second", "config", "expected"), [
    (HOTEL, SAME_HOTEL, ALL_JOINED, [2]),       # one happening, mentions that match
    (HOTEL, SAME_HOTEL, NONE_JOINED, [1, 1]),   # mentions that match, other happenings
    (HOTEL, HOTEL_COPY, NONE_JOINED, [2]),      # a sentence repeated verbatim links anyway
    (HOTEL, SAME_HOTEL, ONE_PER_PART, [2]),     # other parts of a crowded window: not compared
    (HOTEL, HOTEL_JANUARY, ALL_JOINED, [1, 1]),  # one happening, but another month
    (HOTEL, TROOPS, ALL_JOINED, [1, 1]),        # one happening, but another actor
])
def test_event_links_across_articles_need_one_happening(
        tmp_path: Path, first: Report, second: Report, config: DedupConfig,
        expected: list[int]) -> None:
    path = tmp_path / "pair.db"
    with Store(path, config) as store:
        store.write(record("one", first))
        store.write(record("two", second))
    assert articles_per_event(path) == expected


@pytest.mark.parametrize(("left", "right", "share"), [
    ("2025-03-11", "2025-03-11T23:00:00Z", True),
    ("2025-03-11", "2025-03-15", True),     # half a window apart: always one window
    ("2025-03-07", "2025-03-11", True),
    ("2025-03-11", "2025-03-19", False),    # a whole window apart: never
    ("2025-03-11", None, False),            # undated only with undated
    (None, "not a date", True),
])
def test_articles_published_near_each_other_share_a_window(left: str | None,
                                                           right: str | None,
                                                           share: bool) -> None:
    assert bool(set(windows(left, 8)) & set(windows(right, 8))) is share


def test_an_undated_article_is_in_the_undated_window() -> None:
    assert windows(None, 8) == [UNDATED] and len(windows("2025-03-11", 8)) == 2


def padded(article: Article, words: str) -> Article:
    """The article with a paragraph of other news after its event's sentence."""
    return article.model_copy(update={"text": f"{article.text} {words}"})


BATCH = [record("a-hotel", HOTEL), record("b-same", SAME_HOTEL), record("c-pesh", PESHAWAR),
         padded(record("d-troops", TROOPS), "Kenyan officers met the mayor of Mogadishu and "
                "talked about the harbour, the schools and the new airport road."),
         told("e-train", TRAIN), told("f-quote", TRAIN_QUOTE), told("g-bus", BUS_AMBUSH),
         padded(told("h-army", ARMY_ASSAULT), "Schools in Quetta stayed shut while the "
                "provincial assembly met to discuss the budget and the harvest.")]


def snapshot(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The events (id, counts, members) and the happenings of a store."""
    db = connect(path, readonly=True)
    try:
        events = sorted(tuple(row) for row in db.execute(
            "SELECT e.id, e.n_mentions, e.n_articles, group_concat(m.article_id, ',') FROM "
            "events e JOIN event_mentions m ON m.event_id = e.id GROUP BY e.id"))
        happenings = sorted(tuple(row) for row in db.execute(
            "SELECT article_id, period, happening FROM happenings"))
        return events, happenings
    finally:
        db.close()


@pytest.mark.parametrize("config", [DedupConfig(), DedupConfig(happening_size=3)])
def test_happenings_and_events_do_not_depend_on_the_order_of_writes(
        tmp_path: Path, config: DedupConfig) -> None:
    """Also when a crowded window is clustered in parts whose bounds move as articles come."""
    stores = []
    for number, order in enumerate((BATCH, BATCH[::-1], BATCH[1::2] + BATCH[::2])):
        path = tmp_path / f"order{number}.db"
        with Store(path, config) as store:
            for article in order:
                store.write(article)
        stores.append(snapshot(path))
    batch = tmp_path / "batch.db"
    with Store(batch, config) as store:
        store.write_many(BATCH[::-1])
    stores.append(snapshot(batch))
    assert stores[1:] == stores[:1] * 3
    assert len({row[2] for row in stores[0][1]}) < len(stores[0][1])


def test_a_replaced_article_leaves_the_store_a_fresh_one_would_be(tmp_path: Path) -> None:
    replaced, fresh = tmp_path / "replaced.db", tmp_path / "fresh.db"
    other = padded(record("b-same", PESHAWAR), "The hotel had reopened in January.")
    with Store(replaced) as store:
        for article in BATCH:
            store.write(article)
        assert store.write(other) == "replaced"
    with Store(fresh) as store:
        for article in [other if a.id == "b-same" else a for a in BATCH]:
            store.write(article)
    assert snapshot(replaced) == snapshot(fresh)


def as_v7(path: Path) -> None:
    """Make a store look written before schema V8 (no happenings)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TABLE happenings")
    db.execute("PRAGMA user_version = 7")
    db.close()


@pytest.mark.parametrize(("config", "expected"), [(DedupConfig(), [2]),
                                                   (NONE_JOINED, [1, 1])])
def test_a_store_from_before_v8_gets_happenings_and_keeps_its_reviews(
        tmp_path: Path, config: DedupConfig, expected: list[int]) -> None:
    path = tmp_path / "v7.db"
    with Store(path, ALL_JOINED) as store:
        store.write(record("one", HOTEL))
        store.write(record("two", SAME_HOTEL))
    db = connect(path)
    [event] = [str(row[0]) for row in db.execute("SELECT id FROM events")]
    reviews.confirm(db, event, who="ana")
    db.close()
    as_v7(path)
    with Store(path, config) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    db = connect(path, readonly=True)
    assert [row[0] for row in db.execute(
        "SELECT DISTINCT article_id FROM happenings ORDER BY 1")] == ["one", "two"]
    assert articles_per_event(path) == expected
    state = reviews.state(db, event)
    assert (state["status"], state["orphaned"]) == ("confirmed", False)


HOTEL_NEWS = padded(record("a", HOTEL), "Schools in the capital stayed closed and markets "
                    "were empty.")
SIEGE_NEWS = padded(record("b", SAME_HOTEL), "The siege lasted six hours before troops "
                    "ended it.")
REOPENED = Article(id="c", url="https://news.example/c", published="2025-03-12",
                   text="Somali police said on Tuesday that the Hayat hotel in Mogadishu, "
                   "which al-Shabab gunmen stormed in 2019 killing 12 people, has reopened.",
                   meta=HOTEL_NEWS.meta)
HARVEST = REOPENED.model_copy(update={"text": "Farmers in Baidoa brought in a good harvest "
                                              "of sorghum after the rains."})
# Alone, the two reports of the attack are one happening (cosine 0.28); beside the story of
# the reopened hotel, which uses their common words, they part (0.23; the reopening joins
# the first report at 0.60, and that pair is 0.255 alike to the second on average).
PARTING = DedupConfig(document_cluster=0.26)


def test_an_article_that_changes_the_happenings_regroups_earlier_events(
        tmp_path: Path) -> None:
    texts = [HOTEL_NEWS.text, SIEGE_NEWS.text, REOPENED.text]
    assert cluster_documents(texts[:2], PARTING) == [0, 0]
    assert cluster_documents(texts, PARTING) == [0, 1, 0]
    path = tmp_path / "changing.db"
    steps = [([HOTEL_NEWS, SIEGE_NEWS], [2]), ([REOPENED], [1, 1]), ([HARVEST], [2])]
    written: dict[str, Article] = {}
    for number, (articles, expected) in enumerate(steps):
        with Store(path, PARTING) as store:
            for article in articles:
                store.write(article)
        written.update((article.id, article) for article in articles)
        assert articles_per_event(path) == expected
        fresh = tmp_path / f"fresh{number}.db"
        with Store(fresh, PARTING) as store:
            store.write_many(sorted(written.values(), key=lambda a: a.id, reverse=True))
        assert snapshot(path) == snapshot(fresh)
