"""Analyst data in the store: event facts (confidence, modality, casualties, mentions), the
summary counts, syndicated copies, the pre-parse check, evidence, vocabulary and crosswalk.
Records are built by hand with the model classes (no NLP); the store is real SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from eventwire.errors import InputError
from eventwire.model import (
    Actor,
    Article,
    Count,
    Entity,
    Event,
    Mention,
    Meta,
    Place,
    PlaceRef,
    SentenceRef,
    Span,
    TimeExpr,
    TimeRef,
)
from eventwire.store import Store, connect, queries, vocab
from eventwire.store.crosswalk import cameo
from eventwire.store.evidence import article_evidence, event_evidence
from eventwire.store.precheck import Precheck, record_copies
from eventwire.store.rows import event_details
from eventwire.store.schema import MIGRATIONS, _statements

RAID = ("Police in Kenya arrested 12 protesters in Nairobi on Tuesday. "
        "Militants attacked a convoy near Mosul on Monday, killing 7 soldiers. "
        "Officials said [the militia] had fled.")


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def raid(article_id: str = "raid", *, url: str | None = "https://example.org/raid",
         outlet: str = "Wire One", text: str = RAID, day: str = "2024-06-25",
         confidence: float = 0.8, killed_field: float | None = None,
         dead: int = 7) -> Article:
    """Two events: COERCE/arrest (Kenya, count linked: 12 arrested) and ASSAULT (Iraq)."""
    text = text.replace("7 soldiers", f"{dead} soldiers")
    police, protesters = _span(text, "Police in Kenya"), _span(text, "protesters")
    militants, convoy = _span(text, "Militants"), _span(text, "a convoy")
    nairobi, mosul = _span(text, "Nairobi"), _span(text, "Mosul")
    tuesday, monday = _span(text, "Tuesday"), _span(text, "Monday")
    text = text.replace("7 soldiers", f"{dead} soldiers")
    arrested, seven = _span(text, "12 protesters"), _span(text, f"{dead} soldiers")
    first_end = text.index(". ") + 1
    second_end = text.index(". ", first_end + 1) + 1
    entities = [Entity(id="e1", text="Police in Kenya", label="ORG", start=police[0],
                       end=police[1], actor="a1"),
                Entity(id="e2", text="Militants", label="NORP", start=militants[0],
                       end=militants[1], actor="a2"),
                Entity(id="e3", text="Nairobi", label="GPE", start=nairobi[0], end=nairobi[1])]
    actors = [Actor(id="a1", name="Kenya Police", kind="organization", country="KEN",
                    sectors=["GOV", "POL"], title=None),
              Actor(id="a2", name="militants", kind="group", country=None, sectors=["REB"])]
    places = [Place(id="p1", text="Nairobi", start=nairobi[0], end=nairobi[1], name="Nairobi",
                    geonameid=184745, feature="PPLC", country="KEN", admin1="Nairobi Area",
                    lat=-1.28, lon=36.82),
              Place(id="p2", text="Mosul", start=mosul[0], end=mosul[1], name="Mosul",
                    geonameid=99072, feature="PPLA", country="IRQ", lat=36.34, lon=43.13)]
    times = [TimeExpr(id="t1", text="Tuesday", start=tuesday[0], end=tuesday[1], type="DATE",
                      value=day, precision="day"),
             TimeExpr(id="t2", text="Monday", start=monday[0], end=monday[1], type="DATE",
                      value="2024-06-24", precision="day")]
    counts = [Count(id="c1", text="12 protesters", start=arrested[0], end=arrested[1],
                    value=12, noun="protesters", category="arrested"),
              Count(id="c2", text=f"{dead} soldiers", start=seven[0], end=seven[1], value=dead,
                    noun="soldiers", category="killed")]
    events = [
        Event(id="v1", type="COERCE", mode="arrest",
              trigger=Span(text="arrested", start=text.index("arrested"),
                           end=text.index("arrested") + 8),
              sentence=SentenceRef(start=0, end=first_end),
              source=Mention(text="Police in Kenya", start=police[0], end=police[1], actor="a1"),
              target=Mention(text="protesters", start=protesters[0], end=protesters[1]),
              date=TimeRef(time="t1", value=day, precision="day"),
              place=PlaceRef(place="p1", name="Nairobi"), count="c1", confidence=confidence),
        Event(id="v2", type="ASSAULT", contexts=["military"],
              trigger=Span(text="attacked", start=text.index("attacked"),
                           end=text.index("attacked") + 8),
              sentence=SentenceRef(start=first_end + 1, end=second_end),
              source=Mention(text="Militants", start=militants[0], end=militants[1],
                             actor="a2"),
              target=Mention(text="a convoy", start=convoy[0], end=convoy[1]),
              date=TimeRef(time="t2", value="2024-06-24", precision="day"),
              place=PlaceRef(place="p2", name="Mosul"), count="c2", killed=killed_field,
              modality="reported_belief", negated=True, confidence=0.6),
    ]
    return Article(id=article_id, url=url, outlet=outlet, title="Raid", published=day,
                   language="en", text=text, entities=entities, actors=actors, places=places,
                   times=times, counts=counts, events=events, meta=Meta(version="test"))


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    with Store(path) as store:
        store.write(raid())
    return path


def _facts(path: Path) -> dict[str, dict[str, Any]]:
    db = connect(path, readonly=True)
    return {row["type"]: row for row in queries.events(db, queries.EventFilter())}


def test_facts_reach_the_events(stored: Path) -> None:
    facts = _facts(stored)
    assert facts["COERCE"]["arrested"] == 12 and facts["COERCE"]["killed"] is None
    assert facts["ASSAULT"]["killed"] == 7
    assert facts["COERCE"]["confidence"] == pytest.approx(0.8)
    assert facts["ASSAULT"]["modality"] == "reported_belief" and not facts["ASSAULT"]["factual"]
    assert facts["ASSAULT"]["num_mentions"] == 1 and facts["ASSAULT"]["num_sources"] == 1


@pytest.mark.parametrize(("field", "dead", "expected"), [
    (8, 8, 8),        # the event's own figure, told in its sentence
    (9, 7, None),     # a figure its sentence does not tell is no figure of the event
    (None, 7, 7),     # the linked count, in its sentence
])
def test_only_figures_told_in_the_events_own_sentences(
        tmp_path: Path, field: float | None, dead: int, expected: float | None) -> None:
    path = tmp_path / "events.db"
    with Store(path) as store:
        store.write(raid(killed_field=field, dead=dead))
    assert _facts(path)["ASSAULT"]["killed"] == expected


def test_a_linked_count_in_another_sentence_is_not_the_events(tmp_path: Path) -> None:
    article = raid()
    moved = [event.model_copy(update={"count": "c2"}) if event.id == "v1" else event
             for event in article.events]  # COERCE linked to the soldiers of the next sentence
    path = tmp_path / "events.db"
    with Store(path) as store:
        store.write(article.model_copy(update={"events": moved}))
    assert _facts(path)["COERCE"]["killed"] is None


def test_a_second_report_keeps_the_largest_figure_and_best_confidence(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with Store(path) as store:
        store.write(raid())
        store.write(raid("raid-2", url="https://other.example/raid", outlet="Wire Two",
                         dead=8, confidence=0.95))
    facts = _facts(path)
    assert facts["ASSAULT"]["killed"] == 8 and facts["COERCE"]["confidence"] == 0.95
    assert facts["COERCE"]["num_articles"] == 2 and facts["COERCE"]["num_sources"] == 2


@pytest.mark.parametrize(("said", "expected"), [(None, 1), ([], 1), ([{"start": 0}] * 3, 3)])
def test_mentions_within_an_article_are_counted(said: list[Any] | None, expected: int) -> None:
    event = SimpleNamespace(id="v1", count=None, killed=2.0, injured=None, arrested=None,
                            mentions=said, sentence=SimpleNamespace(start=0, end=10))
    article = SimpleNamespace(id="a", events=[event])
    two = {"c1": {"value": 2.0, "start": 3, "end": 6, "category": "killed"}}
    assert event_details(article, two) == [("a", "v1", 2.0, None, None, expected)]  # type: ignore[arg-type]


def test_counts_by_period_type_country_and_actor(stored: Path) -> None:
    db = connect(stored, readonly=True)
    months = queries.counts(db, ["type", "country"], "month")
    assert {(r["period"], r["type"], r["country"], r["events"]) for r in months} == {
        ("2024-06", "COERCE", "KEN", 1), ("2024-06", "ASSAULT", "IRQ", 1)}
    weeks = queries.counts(db, ["actor"], "week")
    assert {(r["period"], r["actor"]) for r in weeks} == {("2024-06-24", "Kenya Police"),
                                                          ("2024-06-24", "militants")}
    days = queries.counts(db, ["type"], "day", queries.EventFilter(country="KEN"))
    assert [(r["period"], r["type"]) for r in days] == [("2024-06-25", "COERCE")]


def test_counts_follow_a_replaced_article(stored: Path) -> None:
    with Store(stored) as store:
        assert store.write(raid(text=RAID + " More later.", day="2024-07-02")) == "replaced"
    db = connect(stored, readonly=True)
    days = queries.counts(db, ["type"], "day")
    assert ("2024-07-02", "COERCE") in {(r["period"], r["type"]) for r in days}
    assert ("2024-06-25", "COERCE") not in {(r["period"], r["type"]) for r in days}
    summary = sum(r["events"] for r in days)
    assert summary == db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2


def test_the_migration_fills_a_schema_1_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.write(raid())
    db = sqlite3.connect(path)
    for table in ("event_details", "event_facts", "event_counts"):
        db.execute(f"DELETE FROM {table}")
    for statement in _statements(MIGRATIONS[1]):
        if statement.startswith(("INSERT", "UPDATE")):  # the fill statements
            db.execute(statement)
    db.commit()
    db.close()
    assert _facts(path)["ASSAULT"]["killed"] == 7
    assert len(queries.counts(connect(path, readonly=True), ["type"], "month")) == 2


@pytest.mark.parametrize(("other", "decision"), [
    ({"article_id": "raid"}, "unchanged"),
    ({"article_id": "x", "url": "https://example.org/raid"}, "unchanged"),
    ({"article_id": "copy", "url": "https://other.example/raid"}, "copy"),
    ({"article_id": "copy", "url": None}, "copy"),
    ({"article_id": "raid", "text": RAID + " Updated."}, "new"),
])
def test_precheck_decides_before_parsing(stored: Path, other: dict[str, Any],
                                         decision: str) -> None:
    article = Article(id=other["article_id"], url=other.get("url"), text=other.get("text", RAID),
                      meta=Meta(version="test"))
    db = connect(stored)
    assert Precheck(db, clean=False).decide(article) == decision


def test_a_syndicated_copy_counts_as_article_and_source(stored: Path) -> None:
    db = connect(stored)
    check = Precheck(db, clean=False)
    copy = Article(id="copy", url="https://other.example/raid", outlet="Daily Two", text=RAID,
                   meta=Meta(version="test"))
    assert check.decide(copy) == "copy"
    assert record_copies(db, check.copies) == 1
    assert record_copies(db, check.copies) == 0  # idempotent
    assert check.decide(copy) == "unchanged"
    db.close()
    facts = _facts(stored)
    assert facts["COERCE"]["num_articles"] == 2 and facts["COERCE"]["num_sources"] == 2
    evidence = event_evidence(connect(stored, readonly=True), facts["COERCE"]["id"])
    assert evidence is not None and [c["outlet"] for c in evidence["copies"]] == ["Daily Two"]


def test_event_evidence_gives_every_part_with_offsets(stored: Path) -> None:
    db = connect(stored, readonly=True)
    event_id = _facts(stored)["COERCE"]["id"]
    found = event_evidence(db, event_id)
    assert found is not None
    [mention] = found["mentions"]
    for part, words in (("trigger", "arrested"), ("source", "Police in Kenya"),
                        ("target", "protesters"), ("time", "Tuesday"), ("place", "Nairobi")):
        span = mention[part]
        assert span["text"] == words == RAID[span["start"]:span["end"]]
    assert mention["source"]["name"] == "Kenya Police" and mention["place"]["country"] == "KEN"
    assert mention["article"]["url"] == "https://example.org/raid"
    assert event_evidence(db, "ev-none") is None
    article = article_evidence(db, "raid")
    assert article is not None and {e["event_id"] for e in article["events"]} == {
        row["id"] for row in _facts(stored).values()}


@pytest.mark.parametrize(("spec", "types"), [
    (queries.EventFilter(min_confidence=0.7), ["COERCE"]),
    (queries.EventFilter(factual_only=True), ["COERCE"]),
    (queries.EventFilter(actor="ken"), ["COERCE"]),
    (queries.EventFilter(type="assault"), ["ASSAULT"]),
])
def test_new_filters(stored: Path, spec: queries.EventFilter, types: list[str]) -> None:
    rows = queries.events(connect(stored, readonly=True), spec)
    assert [row["type"] for row in rows] == types
    assert queries.count_events(connect(stored, readonly=True), spec) == len(types)


@pytest.mark.parametrize(("given", "expected"), [
    ("assault", "ASSAULT"), ("ASSAULT", "ASSAULT"), (" Protest ", "PROTEST"), (None, None)])
def test_types_any_case(given: str | None, expected: str | None) -> None:
    assert vocab.event_type(given) == expected


@pytest.mark.parametrize(("given", "hint"), [("ATTACK", "did you mean ASSAULT?"),
                                             ("ASSALT", "did you mean ASSAULT?"),
                                             ("negotiate", "did you mean"),
                                             ("XYZZY", "PLOVER types")])
def test_unknown_types_get_a_suggestion(given: str, hint: str) -> None:
    with pytest.raises(InputError, match=hint):
        vocab.event_type(given)


@pytest.mark.parametrize(("given", "expected"), [
    ("Iraq", "IRQ"), ("irq", "IRQ"), ("IRQ", "IRQ"), ("united states", "USA"),
    ("Kenya", "KEN")])
def test_countries_by_code_or_name(given: str, expected: str) -> None:
    assert vocab.country(given) == expected


def test_unknown_country_suggests_one() -> None:
    with pytest.raises(InputError, match=r"did you mean IRQ \(Iraq\)"):
        vocab.country("Irak")


@pytest.mark.parametrize(("given", "end", "expected"), [
    ("2024", False, "2024-01-01"), ("2024", True, "2024-12-31"), ("2024-02", True, "2024-02-29"),
    ("2023-02", True, "2023-02-28"), ("2024-06-25", True, "2024-06-25"), (None, False, None)])
def test_date_bounds(given: str | None, end: bool, expected: str | None) -> None:
    assert vocab.date_bound(given, "--since", end) == expected


@pytest.mark.parametrize("given", ["24", "2024-13", "2024-02-30", "June 2024"])
def test_bad_date_bounds(given: str) -> None:
    with pytest.raises(InputError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        vocab.date_bound(given, "--since")


@pytest.mark.parametrize(("plover", "mode", "code", "quad"), [
    ("ASSAULT", None, "180", 4), ("ASSAULT", "firearms", "193", 4), ("CONSULT", "phone", "041", 1),
    ("AID", None, "070", 2), ("THREATEN", None, "130", 3), ("COERCE", "arrest", "173", 4),
    ("REQUEST", "unknown-mode", "020", 1)])
def test_crosswalk(plover: str, mode: str | None, code: str, quad: int) -> None:
    found = cameo(plover, mode)
    assert found is not None and (found.code, found.quad_class) == (code, quad)
    assert found.root == code[:2]


def test_replacing_an_original_drops_its_copies(stored: Path) -> None:
    db = connect(stored)
    check = Precheck(db, clean=False)
    check.decide(Article(id="copy", url="https://other.example/raid", text=RAID,
                         meta=Meta(version="test")))
    assert record_copies(db, check.copies) == 1
    db.close()
    with Store(stored) as store:
        assert store.write(raid(text=RAID + " Updated.")) == "replaced"
    db = connect(stored, readonly=True)
    assert db.execute("SELECT COUNT(*) FROM article_copies").fetchone()[0] == 0
    assert all(row["num_articles"] == 1 for row in _facts(stored).values())
