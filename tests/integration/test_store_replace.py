"""Fault injection for replacement: change articles (same ids), write them again, and every
table must equal a fresh store built from the changed articles; and the order in which
articles are written never changes the final state (stories and events included)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.store import Store
from eventwire.store.synthetic import records

COUNT = 120


def tables(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    finally:
        db.close()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted (row order on disk is not part of the state)."""
    db = sqlite3.connect(path)
    try:
        return {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in tables(path)}
    finally:
        db.close()


def build(path: Path, *runs: list[Article], batch: int = 25) -> None:
    for run in runs:
        with Store(path, batch=batch) as store:
            store.write_many(run)


def changed(base: list[Article], other: list[Article], share: float, seed: int) -> list[Article]:
    """`base` with a share of its articles swapped for `other`'s of the same id (new text,
    new events, new actors: a changed file with the same id)."""
    rng = random.Random(seed)
    by_id = {a.id: a for a in other}
    return [by_id[a.id] if rng.random() < share and a.id in by_id else a for a in base]


@pytest.mark.parametrize("share", [1.0, 0.5, 0.1])
def test_replaced_articles_leave_the_store_as_a_fresh_one(tmp_path: Path, share: float) -> None:
    first = list(records(COUNT, seed=7))
    second = changed(first, list(records(COUNT, seed=8)), share, seed=int(share * 100))
    assert {a.id for a in first} == {a.id for a in second}
    replaced, fresh = tmp_path / "replaced.db", tmp_path / "fresh.db"
    build(replaced, first, second)
    build(fresh, second)
    got, want = dump(replaced), dump(fresh)
    assert set(got) == set(want)
    for table in want:
        assert got[table] == want[table], table


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_order_of_writes_does_not_change_the_store(tmp_path: Path, seed: int) -> None:
    articles = list(records(COUNT, seed=7))
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    build(tmp_path / "forward.db", articles)
    build(tmp_path / "shuffled.db", shuffled[: COUNT // 2], shuffled[COUNT // 2:], batch=7)
    assert dump(tmp_path / "forward.db") == dump(tmp_path / "shuffled.db")
