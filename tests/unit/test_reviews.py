"""Review and correct (store/reviews.py, store/overlay.py): corrections survive re-ingest and
replaced articles, stale versions conflict, rejected events leave counts and exports but not
the history. Records are built by hand (tests/unit/test_store.py's builders, no NLP)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from tests.unit.test_store import ESPER, ESPER_REWRITE, esper, floods

from eventwire.errors import ConflictError, InputError
from eventwire.store import Store, connect, queries, reviews
from eventwire.store.exports import write_text


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    with Store(path) as writer:
        writer.write(esper())
        writer.write(floods())
    return path


def event_of(path: Path, kind: str) -> str:
    db = connect(path)
    try:
        return str(db.execute("SELECT id FROM events WHERE type = ?", (kind,)).fetchone()[0])
    finally:
        db.close()


def counted(path: Path) -> dict[str, int]:
    db = connect(path)
    try:
        return {row["type"]: row["events"] for row in queries.counts(db, ["type"], "month")}
    finally:
        db.close()


def corrected_request(path: Path) -> str:
    """The REQUEST event's id, once its correction (target Iraq) is attached, not orphaned."""
    db = connect(path)
    try:
        now = str(db.execute("SELECT id FROM events WHERE type = 'REQUEST'").fetchone()[0])
        assert db.execute("SELECT target_name FROM events WHERE id = ?", (now,)
                          ).fetchone()[0] == "Iraq"
        assert not reviews.state(db, now)["orphaned"]
        return now
    finally:
        db.close()


def test_an_edit_is_the_view_and_keeps_the_machine_original(store: Path) -> None:
    event = event_of(store, "AID")
    db = connect(store)
    done = reviews.edit(db, event, {"type": "SUPPORT", "place": "Manila"}, who="ana")
    assert done["changes"]["type"] == ["AID", "SUPPORT"] and done["version"] == 1
    row = queries.event(db, event)
    assert row is not None and row["type"] == "SUPPORT" and row["reviewed"] == "corrected"
    assert reviews.state(db, event)["original"]["type"] == "AID"
    assert [r["type"] for r in queries.counts(db, ["type"], "month")] == ["REQUEST", "SUPPORT"]
    db.close()


def test_reingest_keeps_corrections(store: Path) -> None:
    event = event_of(store, "AID")
    db = connect(store)
    reviews.edit(db, event, {"type": "SUPPORT"}, who="ana")
    db.close()
    with Store(store) as writer:  # the same articles again, and a new one
        writer.write(floods())
        writer.write(esper("esper-2"))
    assert counted(store).get("SUPPORT") == 1 and "AID" not in counted(store)


def test_a_replaced_article_keeps_the_correction_or_flags_it(store: Path) -> None:
    event = event_of(store, "REQUEST")
    db = connect(store)
    reviews.edit(db, event, {"target": "Iraq"}, who="ana", note="the government, not a man")
    db.close()
    moved = "Breaking. " + ESPER  # the same sentence, at other offsets
    with Store(store) as writer:
        writer.write(esper(text=moved))
    now = corrected_request(store)
    with Store(store) as writer:  # the sentence is gone: the review is kept, flagged
        writer.write(esper(text=moved.replace("asked", "urged"), events=[]))
    db = connect(store)
    kept = db.execute("SELECT orphaned, corrected FROM event_reviews").fetchall()
    assert [(row[0], json.loads(row[1])) for row in kept] == [(1, {"target_name": "Iraq"})]
    assert reviews.history(db, now)[0]["note"] == "the government, not a man"
    db.close()


def test_recoding_the_same_text_keeps_the_correction(store: Path) -> None:
    event = event_of(store, "REQUEST")
    db = connect(store)
    reviews.edit(db, event, {"target": "Iraq"}, who="ana")
    db.close()
    with Store(store, recode=True) as writer:  # after an upgrade: extracted again
        assert writer.write(esper()) == "replaced"
    corrected_request(store)


def test_concurrent_edits_conflict(store: Path) -> None:
    event = event_of(store, "AID")
    first, second = connect(store), connect(store)
    base = reviews.version(first, event)
    assert base == reviews.version(second, event) == 0
    reviews.edit(first, event, {"type": "SUPPORT"}, who="ana", base=base)
    with pytest.raises(ConflictError, match="based on version 0"):
        reviews.edit(second, event, {"type": "COOPERATE"}, who="bo", base=base)
    assert reviews.state(second, event)["corrected"] == {"type": "SUPPORT"}
    assert len(reviews.history(second, event)) == 1
    first.close()
    second.close()


def test_a_rejected_event_leaves_counts_and_exports_not_history(store: Path) -> None:
    event = event_of(store, "AID")
    db = connect(store)
    reviews.reject(db, event, who="ana", note="a shipment, not aid to a party")
    assert "AID" not in counted(store)
    assert all(row["id"] != event for row in queries.events(db, queries.EventFilter()))
    out = io.StringIO()
    write_text(db, "jsonl", out)
    assert event not in out.getvalue()
    assert [row["action"] for row in reviews.history(db, event)] == ["reject"]
    shown = queries.events(db, queries.EventFilter(reviewed="rejected"))
    assert [row["id"] for row in shown] == [event]
    reviews.confirm(db, event, who="bo", note="it was aid after all")
    assert counted(store).get("AID") == 1
    db.close()


def test_merge_counts_the_pair_once_and_split_separates_mentions(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with Store(path) as writer:
        writer.write(esper())
        writer.write(floods())
    request, aid = event_of(path, "REQUEST"), event_of(path, "AID")
    db = connect(path)
    reviews.merge(db, request, aid, who="ana")
    assert queries.count_events(db, queries.EventFilter()) == 1
    assert reviews.state(db, aid)["merged_into"] == request
    with pytest.raises(InputError):
        reviews.split(db, request, ["esper/v1"], who="ana")  # every mention
    db.close()


def test_edit_checks_its_values(store: Path) -> None:
    db = connect(store)
    event = event_of(store, "AID")
    with pytest.raises(InputError):
        reviews.edit(db, event, {"type": "NOT_A_TYPE"}, who="ana")
    with pytest.raises(InputError):
        reviews.edit(db, event, {"date": "20-11-2024"}, who="ana")
    with pytest.raises(InputError):
        reviews.edit(db, "ev-unknown", {"type": "AID"}, who="ana")
    reviews.edit(db, event, {"date": "2024-11"}, who="ana")
    row = queries.event(db, event)
    assert row is not None and (row["day"], row["date_precision"]) == ("2024-11", "month")
    db.close()


def test_the_review_commands(store: Path, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    settings = tmp_path / "settings.toml"
    settings.write_text('reviewer = "ana"\n', encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_SETTINGS", str(settings))
    runner, db = CliRunner(), ["--db", str(store)]
    event = event_of(store, "AID")
    done = runner.invoke(app, ["review", "edit", event, "--type", "support", "--note", "aid?",
                               "--base", "0", "--json", *db])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["who"] == "ana"
    stale = runner.invoke(app, ["review", "reject", event, "--base", "0", *db])
    assert stale.exit_code == 1 and "based on version 0" in stale.output
    assert runner.invoke(app, ["review", "reject", event, "--base", "1", "--who", "bo",
                               *db]).exit_code == 0
    listed = runner.invoke(app, ["events", "-f", "jsonl", *db])
    assert event not in listed.stdout
    machine = runner.invoke(app, ["events", "-f", "jsonl", "--machine", *db])
    assert json.loads(next(line for line in machine.stdout.splitlines()
                           if event in line))["type"] == "AID"
    shown = runner.invoke(app, ["show", event, *db])
    assert "rejected, version 2" in shown.stdout and "aid?" in shown.stdout
    out = tmp_path / "reviews.jsonl"
    assert runner.invoke(app, ["export", "-f", "reviews", "-o", str(out), *db]).exit_code == 0
    assert [json.loads(line)["action"] for line in out.read_text().splitlines()] \
        == ["edit", "reject"]
    log = runner.invoke(app, ["review", "log", "--json", *db])
    assert [json.loads(line)["who"] for line in log.stdout.splitlines()] == ["bo", "ana"]


TOKEN = "review-token-for-tests-0123456789"


def test_the_review_api(store: Path) -> None:
    from fastapi.testclient import TestClient

    from eventwire.serve.app import Config, create_app

    event = event_of(store, "AID")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(Config(db=store, token=TOKEN)),
                    base_url="http://localhost") as client:
        refused = client.post(f"/api/reviews/{event}/reject", json={"version": 0})
        assert refused.status_code == 401
        assert refused.headers["content-type"].startswith("application/problem+json")
        done = client.post(f"/api/reviews/{event}/edit", headers=auth,
                           json={"version": 0, "type": "SUPPORT", "who": "ana"})
        assert done.status_code == 200, done.text
        stale = client.post(f"/api/reviews/{event}/reject", headers=auth, json={"version": 0})
        assert stale.status_code == 409
        assert stale.headers["content-type"].startswith("application/problem+json")
        assert client.post("/api/reviews/ev-none/confirm", headers=auth,
                           json={}).status_code == 404
        state = client.get(f"/api/reviews/{event}").json()
        assert state["review"]["version"] == 1 and state["history"][0]["who"] == "ana"
        assert client.get("/api/reviews").json()["reviews"][0]["action"] == "edit"
        queue = client.get("/api/reviews/queue").json()["events"]
        assert event not in [row["id"] for row in queue] and queue
        assert "/api/reviews/{event_id}/{action}" in client.get("/openapi.json").json()["paths"]
        detail = client.get(f"/api/events/{event}").json()
        listed = client.get("/api/events", params={"reviewed": "corrected"}).json()
        assert [row["id"] for row in listed["items"]] == [event]
        assert detail["type"] == "SUPPORT" and detail["review"]["status"] == "corrected"
    with TestClient(create_app(Config(db=store)), base_url="http://localhost") as client:
        assert client.post(f"/api/reviews/{event}/confirm", json={}).status_code == 403


def test_eval_and_calibrate_with_reviews(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli.main import app
    from eventwire.evaluation.review_eval import calibrate_reviews, evaluate_reviews, platt

    path = tmp_path / "events.db"
    with Store(path) as writer:
        writer.write(esper())
        writer.write(floods())
    db = connect(path)
    reviews.reject(db, event_of(path, "REQUEST"), who="ana")
    reviews.edit(db, event_of(path, "AID"), {"type": "SUPPORT"}, who="ana")
    db.close()
    report = evaluate_reviews(path, stored=True)
    assert report.n == 2 and report.metrics["precision"] == 0.5
    assert report.metrics["type_accuracy"] == 0.0  # the one event had the wrong type
    assert report.metrics["source_name_accuracy"] == 1.0
    cli = CliRunner().invoke(app, ["eval", "reviews", "--db", str(path), "--stored"])
    assert cli.exit_code == 0 and "precision" in cli.stdout
    found = calibrate_reviews(path, stored=True)
    assert found["n"] == 2 and found["before"]["ece"] == 0.8  # two events, both wrong at 0.8
    db = connect(path)
    assert json.loads(db.execute("SELECT value FROM eventwire_meta WHERE key = "
                                 "'review_calibration'").fetchone()[0])["n"] == 2
    db.close()
    a, b = platt([(0.8, False)] * 20 + [(0.8, True)] * 20, l2=0.0)
    assert abs(1 / (1 + 2.718281828 ** -(a * 1.3863 + b)) - 0.5) < 0.01


def test_a_correction_follows_its_event_when_the_group_is_renamed(store: Path) -> None:
    event = event_of(store, "REQUEST")
    db = connect(store)
    reviews.edit(db, event, {"place": "Baghdad"}, who="ana", note="the call was to Baghdad")
    db.close()
    with Store(store) as writer:  # an earlier article id reporting it: the group's new name
        writer.write(esper("aaa-wire", text=ESPER_REWRITE))
    db = connect(store)
    now = str(db.execute("SELECT id FROM events WHERE type = 'REQUEST'").fetchone()[0])
    assert now != event
    row = queries.event(db, now)
    assert row is not None and row["place_name"] == "Baghdad" and row["num_articles"] == 2
    assert reviews.state(db, now)["original"] == {"place_name": "Iraq"}
    assert [r["note"] for r in reviews.history(db, now)] == ["the call was to Baghdad"]
    assert queries.event(db, event) is None and reviews.renamed(db, event) == now
    db.close()


def test_split_moves_mentions_to_an_event_of_their_own(store: Path) -> None:
    with Store(store) as writer:
        writer.write(esper("wire-2", text=ESPER_REWRITE))
    event = event_of(store, "REQUEST")
    db = connect(store)
    assert queries.event(db, event)["num_mentions"] == 2  # type: ignore[index]
    reviews.reject(db, event, who="bo")
    done = reviews.split(db, event, ["wire-2/v1"], who="ana", note="two different calls")
    assert reviews.state(db, event)["status"] == "rejected"
    new = done["changes"]["new_event"][1]
    assert {queries.event(db, e)["num_mentions"] for e in (event, new)} == {1}  # type: ignore[index]
    assert counted(store)["REQUEST"] == 1  # the rejected part stays rejected
    assert [r["action"] for r in reviews.history(db, event)] == ["reject", "split"]
    db.close()
