"""Any sequence of ingests and replacements (same id new text, same url new id, same id new
url) leaves the store equal to one built from scratch from the final articles: every table,
event aggregates (mentions, articles, facts), stories and counts included."""

from __future__ import annotations

import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.model import Article
from eventwire.store import Store
from eventwire.store.synthetic import records

IDS, URLS = 3, 3


@lru_cache(maxsize=1)
def pool() -> tuple[Article, ...]:
    """Distinct texts with events that merge across them (rewrites of one wire story)."""
    found: dict[str, Article] = {}
    for seed in (7, 8):
        for article in records(10, seed=seed):
            found.setdefault(article.text, article)
    return tuple(found.values())


def article(number: int, url: int, text: int) -> Article:
    return pool()[text].model_copy(update={"id": f"a{number}",
                                           "url": f"https://example.org/{url}"})


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    try:
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in tables}
    finally:
        db.close()


def final(writes: list[tuple[int, int, int]]) -> tuple[list[tuple[int, int, int]],
                                                       dict[int, tuple[int, int]]]:
    """The writes that are not syndicated copies of another stored text, and the articles
    they leave: a write with the text of a known article (same id or url) changes nothing;
    otherwise it replaces every article with its id or url."""
    kept: list[tuple[int, int, int]] = []
    state: dict[int, tuple[int, int]] = {}
    for number, url, text in writes:
        known = {n for n, (u, _) in state.items() if n == number or u == url}
        if any(state[n][1] == text for n in known):
            kept.append((number, url, text))
            continue
        if any(t == text for n, (_, t) in state.items() if n not in known):
            continue  # another article's text: a copy (tested on its own)
        for n in known:
            del state[n]
        state[number] = (url, text)
        kept.append((number, url, text))
    return kept, state


WRITES = st.lists(st.tuples(st.integers(0, IDS - 1), st.integers(0, URLS - 1),
                            st.integers(0, 7)), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WRITES, st.integers(1, 3))
def test_replacements_equal_a_fresh_build(writes: list[tuple[int, int, int]],
                                          batch: int) -> None:
    kept, state = final(writes)
    with tempfile.TemporaryDirectory() as folder:
        replaced, fresh = Path(folder) / "replaced.db", Path(folder) / "fresh.db"
        with Store(replaced, batch=batch) as store:
            for number, url, text in kept:
                store.write(article(number, url, text))
        with Store(fresh) as store:
            store.write_many(article(n, u, t) for n, (u, t) in sorted(state.items()))
        got, want = dump(replaced), dump(fresh)
        for table in want:
            assert got[table] == want[table], table


def test_a_replacement_by_another_stored_text_leaves_no_stale_events(tmp_path: Path) -> None:
    """Same id, the text of another stored article: the old article's events go, and it is
    a syndicated copy of the other (as in a store built from the final articles)."""
    first, second, third = pool()[0], pool()[1], pool()[2]
    replaced, fresh = tmp_path / "replaced.db", tmp_path / "fresh.db"
    copy = second.model_copy(update={"id": first.id, "url": first.url})
    with Store(replaced) as store:
        for item in (first, second, third):
            store.write(item)
        assert store.write(copy) == "replaced"
    with Store(fresh) as store:
        for item in (second, third):
            store.write(item)
        assert store.write(copy) == "unchanged"
    got, want = dump(replaced), dump(fresh)
    assert got == want
    assert [row[0] for row in got["article_copies"]] == [first.id]
