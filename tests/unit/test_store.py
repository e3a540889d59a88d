"""The event store: schema, idempotent writes, replacement, stories, event dedup, queries,
exports and the store commands. Records are built by hand with the model classes (no NLP)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.errors import StoreError
from eventwire.model import (
    Actor,
    Article,
    Entity,
    Event,
    Mention,
    Meta,
    Place,
    PlaceRef,
    Quote,
    SentenceRef,
    Span,
    TimeRef,
)
from eventwire.store import SCHEMA_VERSION, Store, connect, queries
from eventwire.store.exports import POLECAT_COLUMNS, export, write_text
from eventwire.store.schema import APPLICATION_ID, ITEM_TABLES

ESPER = ("Secretary of Defense Mark Esper asked Iraqi Prime Minister Adel Abdul Mahdi in a phone "
         "call Monday to help stop rocket attacks that have been targeting bases housing "
         "American troops, according to a statement from the Iraqi prime minister's office. "
         "The call from Esper follows at least 10 rocket attacks that have targeted U.S. bases "
         "and interests in Iraq over the last five weeks. Iran-backed militias are believed to "
         "be behind a number of the attacks.")
ESPER_REWRITE = ("U.S. Defense Secretary Mark Esper asked Iraqi Prime Minister Adel Abdul Mahdi "
                 "in a phone call on Monday to help stop rocket attacks on bases housing "
                 "American troops, the Iraqi prime minister's office said in a statement.")
FLOODS = ("Japan on Wednesday sent emergency relief supplies and a team of 25 medical workers to "
          "the Philippines after floods killed at least 31 people on the island of Luzon, the "
          "Japanese foreign ministry said.")

ACTORS = {
    "esper": ("Mark Esper", "person", "USA", ["GOV", "MIL"]),
    "mahdi": ("Adel Abdul Mahdi", "person", "IRQ", ["GOV"]),
    "militias": ("Iran-backed militias", "group", "IRN", ["REB"]),
    "japan": ("Japan", "country", "JPN", ["GOV"]),
    "philippines": ("Philippines", "country", "PHL", ["GOV"]),
}
PLACES = {"Iraq": ("IRQ", 33.0, 44.0), "Luzon": ("PHL", 16.0, 121.0)}


def sentence_of(text: str, at: int) -> tuple[int, int]:
    start = text.rfind(". ", 0, at)
    end = text.find(". ", at)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end + 1)


def build(article_id: str, text: str, published: str | None = "2019-12-17", *,
          url: str | None = None, events: list[dict[str, Any]] | None = None,
          actors: dict[str, str] | None = None, place: str | None = None,
          quote: tuple[str, str] | None = None) -> Article:
    """An article whose items point at `text`; `actors` maps actor key → words in the text."""
    actor_items, entity_items = [], []
    for number, (key, words) in enumerate((actors or {}).items(), start=1):
        name, kind, country, sectors = ACTORS[key]
        start = text.index(words)
        entity_items.append(Entity(id=f"e{number}", text=words, label="PERSON", start=start,
                                   end=start + len(words), actor=f"a{number}"))
        actor_items.append(Actor(id=f"a{number}", name=name, kind=kind,  # type: ignore[arg-type]
                                 country=country, sectors=sectors, mentions=[f"e{number}"]))
    place_items = []
    if place:
        country, lat, lon = PLACES[place]
        start = text.index(place)
        place_items.append(Place(id="p1", text=place, start=start, end=start + len(place),
                                 name=place, country=country, lat=lat, lon=lon))
    ids = {key: f"a{n}" for n, key in enumerate(actors or {}, start=1)}
    event_items = []
    for number, spec in enumerate(events or [], start=1):
        at = text.index(spec["trigger"])
        start, end = sentence_of(text, at)
        roles: dict[str, Mention | None] = {}
        for role in ("source", "target"):
            key = spec.get(role)
            if key is None:
                roles[role] = None
                continue
            words = (actors or {})[key]
            where = text.index(words)
            roles[role] = Mention(text=words, start=where, end=where + len(words), actor=ids[key])
        event_items.append(Event(
            id=f"v{number}", type=spec["type"], mode=spec.get("mode"),
            contexts=spec.get("contexts", []),
            trigger=Span(text=spec["trigger"], start=at, end=at + len(spec["trigger"])),
            sentence=SentenceRef(start=start, end=end), source=roles["source"],
            target=roles["target"],
            date=TimeRef(value=spec["date"]) if spec.get("date") else None,
            place=PlaceRef(place="p1", name=place) if place and spec.get("place") else None,
            negated=spec.get("negated", False), confidence=0.8))
    quote_items = []
    if quote:
        words, speaker = quote
        start, where = text.index(words), text.index(speaker)
        quote_items.append(Quote(id="q1", text=words, start=start, end=start + len(words),
                                 direct=True, cue="said",
                                 speaker=Mention(text=speaker, start=where,
                                                 end=where + len(speaker), actor=None)))
    return Article(id=article_id, url=url, outlet="Example Wire", published=published,
                   language="en", text=text, entities=entity_items, actors=actor_items,
                   places=place_items, quotes=quote_items, events=event_items,
                   meta=Meta(version="test"))


ESPER_ACTORS = {"esper": "Mark Esper", "mahdi": "Adel Abdul Mahdi"}
ESPER_EVENT = {"type": "REQUEST", "trigger": "asked", "source": "esper", "target": "mahdi",
               "date": "2019-12-16", "place": True}


def esper(article_id: str = "esper", text: str = ESPER, **changes: Any) -> Article:
    values: dict[str, Any] = {"events": [ESPER_EVENT], "actors": ESPER_ACTORS, "place": "Iraq"}
    values.update(changes)
    return build(article_id, text, **values)


def floods(article_id: str = "floods", **changes: Any) -> Article:
    values: dict[str, Any] = {
        "published": "2024-11-20", "actors": {"japan": "Japan", "philippines": "Philippines"},
        "place": "Luzon", "events": [{"type": "AID", "trigger": "sent", "source": "japan",
                                      "target": "philippines", "date": "2024-11-20",
                                      "place": True}],
        "quote": ("Japan on Wednesday sent emergency relief", "the Japanese foreign ministry")}
    values.update(changes)
    return build(article_id, FLOODS, **values)


def table_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    tables = ("articles", "stories", "events", *ITEM_TABLES, "event_daily", "event_monthly")
    counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    db.close()
    return counts


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


def test_new_store_is_marked_versioned_and_in_wal_mode(db_path: Path) -> None:
    Store(db_path).close()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT value FROM eventwire_meta WHERE key = 'format'").fetchone()[0] == (
        "eventwire-store")


def test_write_stores_every_item_and_the_whole_record(db_path: Path) -> None:
    article = floods()
    with Store(db_path) as store:
        assert store.write(article) == "added"
    counts = table_counts(db_path)
    assert counts["articles"] == counts["stories"] == counts["events"] == 1
    assert counts["actors"] == 2 and counts["places"] == 1 and counts["quotes"] == 1
    assert counts["event_mentions"] == 1
    db = sqlite3.connect(db_path)
    record = db.execute("SELECT record FROM articles").fetchone()[0]
    assert Article.from_json(record) == article
    trigger = db.execute("SELECT trigger_start, trigger_end FROM event_mentions").fetchone()
    assert FLOODS[trigger[0]:trigger[1]] == "sent"


@pytest.mark.parametrize("again", [
    pytest.param(lambda: floods(), id="same id"),
    pytest.param(lambda: floods("another-id"), id="same text, other id"),
    pytest.param(lambda: floods("x", published="2024-11-21"), id="same text, other date"),
])
def test_the_same_article_again_adds_nothing(db_path: Path, again: Any) -> None:
    with Store(db_path) as store:
        store.write(floods())
    before = table_counts(db_path)
    with Store(db_path) as store:
        assert store.write(again()) == "unchanged"
    assert table_counts(db_path) == before


def test_recode_replaces_the_same_text_with_what_is_extracted_now(db_path: Path) -> None:
    with Store(db_path) as store:
        store.write(esper())
    upgraded = esper(events=[])  # the same text, as another release extracts it
    with Store(db_path) as store:
        assert store.write(upgraded) == "unchanged"
    assert table_counts(db_path)["events"] > 0
    with Store(db_path, recode=True) as store:
        assert store.write(upgraded) == "replaced"
    counts = table_counts(db_path)
    assert counts["articles"] == 1 and counts["events"] == 0 and counts["event_mentions"] == 0


def test_the_same_url_with_other_text_replaces_the_article(db_path: Path) -> None:
    with Store(db_path) as store:
        store.write(esper("first", url="https://example.org/esper"))
        outcome = store.write(esper("second", text=ESPER_REWRITE, url="https://example.org/esper"))
    assert outcome == "replaced"
    db = sqlite3.connect(db_path)
    assert [row[0] for row in db.execute("SELECT id FROM articles")] == ["second"]
    assert db.execute("SELECT COUNT(*) FROM event_mentions WHERE article_id = 'first'"
                      ).fetchone()[0] == 0


def test_a_changed_article_replaces_all_its_rows(db_path: Path) -> None:
    with Store(db_path) as store:
        store.write(esper())
        changed = esper(text=ESPER_REWRITE, events=[], place=None)
        assert store.write(changed) == "replaced"
    counts = table_counts(db_path)
    assert counts["articles"] == 1 and counts["events"] == 0 and counts["event_mentions"] == 0
    assert counts["places"] == 0 and counts["event_daily"] == 0 and counts["event_monthly"] == 0
    db = sqlite3.connect(db_path)
    assert Article.from_json(db.execute("SELECT record FROM articles").fetchone()[0]) == changed


def test_three_copies_of_a_wire_story_are_one_story(db_path: Path) -> None:
    copies = [
        esper("wire-a"),
        esper("wire-b", text=ESPER.replace("Monday", "on Monday").replace("five weeks",
                                                                           "5 weeks")),
        esper("wire-c", text=ESPER.replace("Secretary of Defense Mark Esper",
                                           "Defense Secretary Mark Esper")
              + " Reuters first reported the call."),
    ]
    with Store(db_path) as store:
        store.write_many([*copies, floods()])
    db = sqlite3.connect(db_path)
    stories = dict(db.execute("SELECT id, n_articles FROM stories").fetchall())
    assert stories == {"wire-a": 3, "floods": 1}
    assert {row[0] for row in db.execute("SELECT story_id FROM articles WHERE id LIKE 'wire%'")
            } == {"wire-a"}
    event = db.execute("SELECT n_mentions, n_articles FROM events WHERE type = 'REQUEST'"
                       ).fetchall()
    assert event == [(3, 3)]


def test_one_event_reported_by_two_articles_becomes_one_event(db_path: Path) -> None:
    with Store(db_path) as store:
        store.write_many([esper("a"), esper("b", text=ESPER_REWRITE, published="2019-12-18")])
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*), SUM(n_mentions) FROM events").fetchone() == (1, 2)
    rows = db.execute("SELECT article_id, trigger_start, sentence_start, sentence_end, "
                      "sentence_text FROM event_mentions ORDER BY article_id").fetchall()
    texts = {"a": ESPER, "b": ESPER_REWRITE}
    for article_id, trigger, start, end, sentence in rows:
        assert texts[article_id][trigger:trigger + 5] == "asked"
        assert texts[article_id][start:end] == sentence


@pytest.mark.parametrize("change, why", [
    ({"events": [dict(ESPER_EVENT, date="2019-11-20")]}, "a month apart"),
    ({"events": [dict(ESPER_EVENT, type="ACCUSE")]}, "another type"),
    ({"events": [dict(ESPER_EVENT, negated=True)]}, "denied, not asserted"),
    ({"actors": {"militias": "Iran-backed militias", "mahdi": "Adel Abdul Mahdi"},
      "text": ESPER.replace("Secretary of Defense Mark Esper asked", "Iran-backed militias asked")
      .replace("Iran-backed militias are", "They are"),
      "events": [dict(ESPER_EVENT, source="militias", target=None)]}, "no actor in common"),
])
def test_events_that_differ_stay_apart(db_path: Path, change: dict[str, Any], why: str) -> None:
    with Store(db_path) as store:
        store.write_many([esper("a"), esper("b", text=ESPER_REWRITE, **change)
                          if "text" not in change else esper("b", **change)])
    assert table_counts(db_path)["events"] == 2, why


def test_replacing_an_article_keeps_the_events_other_articles_report(db_path: Path) -> None:
    with Store(db_path) as store:
        store.write_many([esper("a"), esper("b", text=ESPER_REWRITE)])
        store.write(esper("a", text=ESPER + " Officials gave no details.", events=[]))
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT n_mentions, n_articles, first_article, story_id FROM events"
                      ).fetchall() == [(1, 1, "b", "b")]
    assert db.execute("SELECT SUM(n) FROM event_daily").fetchone()[0] == 1
    exported = io.StringIO()
    assert write_text(connect(db_path, readonly=True), "polecat", exported) == 1


@pytest.fixture
def filled(db_path: Path) -> Path:
    with Store(db_path) as store:
        store.write_many([esper("a"), esper("b", text=ESPER_REWRITE), floods()])
    return db_path


@pytest.mark.parametrize("spec, types", [
    (queries.EventFilter(), ["REQUEST", "AID"]),
    (queries.EventFilter(type="aid"), ["AID"]),
    (queries.EventFilter(actor="Esper"), ["REQUEST"]),
    (queries.EventFilter(actor="PHL"), ["AID"]),
    (queries.EventFilter(country="IRQ"), ["REQUEST"]),
    (queries.EventFilter(since="2020-01-01"), ["AID"]),
    (queries.EventFilter(until="2019-12-31"), ["REQUEST"]),
    (queries.EventFilter(since="2019-12-17", until="2019-12-31"), []),
])
def test_event_queries_filter(filled: Path, spec: queries.EventFilter, types: list[str]) -> None:
    rows = queries.events(connect(filled, readonly=True), spec)
    assert [row["type"] for row in rows] == types


def test_actor_quote_and_stat_queries(filled: Path) -> None:
    db = connect(filled, readonly=True)
    names = {row["name"]: row["articles"] for row in queries.actors(db)}
    assert names["Mark Esper"] == 2 and names["Japan"] == 1
    said = queries.quotes(db, speaker="foreign ministry")
    assert [row["text"] for row in said] == ["Japan on Wednesday sent emergency relief"]
    stats = queries.stats(db)
    assert stats["totals"]["events"] == 2 and stats["totals"]["event_mentions"] == 3
    assert {row["type"]: row["events"] for row in stats["by_type"]} == {"REQUEST": 1, "AID": 1}
    assert {row["day"] for row in stats["by_day"]} == {"2019-12-16", "2024-11-20"}
    months = queries.counts_by_type_month(db)
    assert [(r["type"], r["month"], r["events"]) for r in months] == [
        ("REQUEST", "2019-12", 1), ("AID", "2024-11", 1)]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "polecat"])
def test_text_exports(filled: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert export(connect(filled, readonly=True), fmt, out) == 2
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        request = next(r for r in records if r["type"] == "REQUEST")
        assert len(request["mentions"]) == 2 and request["source_name"] == "Mark Esper"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {row["type"] for row in rows} == {"REQUEST", "AID"}
    else:
        lines = [line.split("\t") for line in text.splitlines()]
        assert lines[0] == [title for title, _ in POLECAT_COLUMNS]
        aid = dict(zip(lines[0], next(line for line in lines[1:] if line[2] == "AID"),
                       strict=True))
        assert aid["Actor Country"] == "JPN" and aid["Recipient Country"] == "PHL"
        assert aid["Placename"] == "Luzon" and aid["Source"] == "Example Wire"


def test_parquet_export(filled: Path, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert export(connect(filled, readonly=True), "parquet", out) == 2
    table = parquet.read_table(out)
    assert sorted(table.column("type").to_pylist()) == ["AID", "REQUEST"]
    with pytest.raises(StoreError, match="--out"):
        export(connect(filled, readonly=True), "parquet", None)


def test_commands_read_the_store(filled: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", str(filled), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["type"] for line in result.stdout.splitlines()} == {"REQUEST", "AID"}
    result = runner.invoke(app, ["stats", "--db", str(filled), "--json"])
    assert json.loads(result.stdout)["totals"]["articles"] == 3
    for command in (["actors"], ["quotes", "--speaker", "ministry"], ["stats"],
                    ["events", "--type", "AID"]):
        assert runner.invoke(app, [*command, "--db", str(filled)]).exit_code == 0
    out = tmp_path / "polecat.tsv"
    result = runner.invoke(app, ["export", "--format", "polecat", "--db", str(filled),
                                 "--out", str(out)])
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 3


def test_query_commands_need_an_existing_store(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["stats", "--db", str(missing)])
    assert result.exit_code == 1
    assert "no eventwire store" in result.output and not missing.exists()


@pytest.mark.model
def test_ingest_the_examples_twice(tmp_path: Path) -> None:
    db = tmp_path / "examples.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", "examples/", "--db", str(db)])
    assert first.exit_code == 0, first.output
    articles = table_counts(db)["articles"]
    assert articles >= 1
    second = runner.invoke(app, ["ingest", "examples/", "--db", str(db)])
    assert second.exit_code == 0
    said = " ".join(second.output.split())
    assert f"0 added, 0 replaced, {articles} unchanged" in said
    third = runner.invoke(app, ["ingest", "examples/", "--db", str(db), "--recode"])
    assert third.exit_code == 0
    said = " ".join(third.output.split())
    assert f"0 added, {articles} replaced, 0 unchanged" in said
    assert table_counts(db)["articles"] == articles


def test_parquet_without_pyarrow_says_what_to_install(filled: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "events.parquet"
    with pytest.raises(StoreError, match=r"pip install 'eventwire\[parquet\]'"):
        export(connect(filled, readonly=True), "parquet", out)
    assert not out.exists() and list(tmp_path.glob(".events.parquet*")) == []


def test_texts_without_words_are_stories_of_their_own(db_path: Path) -> None:
    with Store(db_path) as store:
        store.write_many([build("dash", "—"), build("dots", "…")])
    assert table_counts(db_path)["stories"] == 2


@pytest.mark.parametrize("again", [
    pytest.param(lambda: floods(), id="same id"),
    pytest.param(lambda: floods("another-id"), id="same text, other id"),
])
def test_the_same_article_again_in_one_batch_adds_nothing(db_path: Path, again: Any) -> None:
    """Articles waiting for their batch to commit are known as well as stored ones."""
    with Store(db_path, batch=100) as store:
        assert store.write(floods()) == "added"
        assert store.write(again()) == "unchanged"
    with Store(db_path.with_name("alone.db")) as store:
        store.write(floods())
    assert table_counts(db_path) == table_counts(db_path.with_name("alone.db"))


def test_a_changed_article_in_the_same_batch_is_replaced(db_path: Path) -> None:
    changed = esper(text=ESPER_REWRITE, events=[], place=None)
    with Store(db_path, batch=100) as store:
        assert store.write(esper()) == "added"
        assert store.write(floods()) == "added"
        assert store.write(changed) == "replaced"
    counts = table_counts(db_path)
    assert counts["articles"] == 2 and counts["stories"] == 2
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM event_mentions WHERE article_id = 'esper'"
                      ).fetchone()[0] == 0


def test_an_article_whose_items_share_an_id_is_refused(db_path: Path) -> None:
    bad = floods("bad")
    bad = bad.model_copy(update={"entities": [*bad.entities, bad.entities[0]]})
    with Store(db_path) as store:
        store.write(esper())
        with pytest.raises(StoreError, match="share the id"):
            store.write(bad)
        assert store.write(floods()) == "added"
    counts = table_counts(db_path)
    assert counts["articles"] == 2
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM entities WHERE article_id = 'bad'").fetchone()[0] == 0
