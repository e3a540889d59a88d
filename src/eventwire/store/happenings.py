"""Happenings: which stored articles report the same real-world happening (schema V8).

The store clusters its articles as batches, the way `dedup.cluster_documents` groups a
batch (TF-IDF with the batch's own IDF, average link, documents naming other people kept
apart): the batches are windows of publication days. Days are tiled twice into windows of
`happening_days` days, the second tiling shifted by half a window, so two articles
published up to half a window apart share at least one window; undated articles share one
window of their own. An article's happening in a window is named after the window and the
least article id of its group there (`happenings` table: one row per article and window).

Cross-article event links (`grouping`) need the two articles to share a happening in a
window they share; articles that share no window (published far apart) keep the mention
rules alone. A window's groups depend only on which articles are stored in it, so the
happenings, and the events that follow them, equal those of a store written from
scratch. A window of more than `happening_size` articles is clustered in consecutive
parts of its articles ordered by publication and id; two articles in different parts of a
window are not compared there (as if they shared no window).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date

import numpy as np

from eventwire.model import Article
from eventwire.store.dating import stored_date
from eventwire.store.dedup import (
    DedupConfig,
    cluster_vectors,
    code_vectors,
    content_words,
    stop_words,
    words,
)

UNDATED = "-"
Words = tuple[np.ndarray, frozenset[str]]  # codes of content words, words of people's names
SHARED = ("SELECT h2.article_id, MAX(h1.happening = h2.happening) FROM happenings h1 "
          "JOIN happenings h2 ON h2.period = h1.period AND h2.part = h1.part "
          "AND h2.article_id != h1.article_id WHERE h1.article_id = ? GROUP BY h2.article_id")
KEPT = 50_000  # the most articles whose words are kept in memory


def windows(published: str | None, days: int) -> list[str]:
    """The windows of an article published on `published` (see the module notes)."""
    day = stored_date(published, "published")[0]
    try:
        ordinal = date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return [UNDATED]
    days = max(1, days)
    half = max(1, days // 2)
    return [f"{tiling}:{(ordinal + tiling * half) // days}" for tiling in (0, 1)]


def changed(before: dict[str, dict[str, tuple[int, str]]],
            after: dict[str, dict[str, tuple[int, str]]]) -> set[tuple[str, str]]:
    """The pairs of articles (sorted ids) in a window both before and after whose standing
    there (one part or not, one happening or not) changed: only pairs in one part before
    or after can have changed (one happening is within one part)."""
    found: set[tuple[str, str]] = set()
    for window, now in after.items():
        then = before.get(window, {})
        common = sorted(set(now) & set(then))
        if len(common) < 2:
            continue
        codes = [_coded([states[article_id] for article_id in common]) for states in (then, now)]
        for parts in (codes[0][0], codes[1][0]):
            for part in np.unique(parts):
                block = np.flatnonzero(parts == part)
                was, now_ = ([(kind[block, None] == kind[None, block]) for kind in state]
                             for state in codes)
                moved = np.triu((was[0] != now_[0]) | (was[1] != now_[1]), 1)
                found.update((common[block[i]], common[block[j]])
                             for i, j in zip(*np.nonzero(moved), strict=True))
    return found


def _coded(states: list[tuple[int, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Parts and happenings as integer codes (equal codes, equal values)."""
    happenings = {name: code for code, name in enumerate(sorted({h for _, h in states}))}
    return (np.array([part for part, _ in states]),
            np.array([happenings[name] for _, name in states]))


def verdict(db: sqlite3.Connection, left: str, right: str) -> bool:
    """Whether two articles may share events: one happening in a window (and part) they
    share, or no window shared."""
    row = db.execute("SELECT MAX(h1.happening = h2.happening) FROM happenings h1 "
                     "JOIN happenings h2 ON h2.period = h1.period AND h2.part = h1.part "
                     "WHERE h1.article_id = ? AND h2.article_id = ?", (left, right)).fetchone()
    return row is None or row[0] is None or bool(row[0])


def together(db: sqlite3.Connection, article_id: str) -> dict[str, bool]:
    """Every other article that shares a window (and its part) with `article_id`: whether
    it shares a happening with it there (articles absent share no window)."""
    return {row[0]: bool(row[1]) for row in db.execute(SHARED, (article_id,))}


def _people(entities: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The words of the names of the people among (label, text) entities."""
    stop = stop_words()
    return frozenset(word for label, text in entities if label == "PERSON"
                     for word in words(text) if word not in stop)


class Happenings:
    """The happenings table of a store opened for writing."""

    def __init__(self, db: sqlite3.Connection, config: DedupConfig) -> None:
        self.db = db
        self.config = config
        self._words: dict[str, Words] = {}
        self._vocabulary: list[str] = []
        self._codes: dict[str, int] = {}
        self._dirty: set[tuple[str, int]] = set()  # (window, part) that lost an article

    def reset(self) -> None:
        """Forget everything kept in memory (after a rollback, or another writer's write)."""
        self.forget()
        self._dirty.clear()

    def forget(self) -> None:
        """Drop the words kept in memory (another writer may have replaced articles)."""
        self._words.clear()
        self._vocabulary.clear()
        self._codes.clear()

    def unplaced(self) -> list[str]:
        """Stored articles without happenings (a store written before schema V8)."""
        return [row[0] for row in self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM happenings) "
            "ORDER BY id")]

    def place(self, article_id: str, published: str | None) -> set[str]:
        """Put a stored article in its windows, alone until `recluster`; its windows."""
        found = windows(published, self.config.happening_days)
        self.db.executemany(
            "INSERT OR REPLACE INTO happenings(article_id, period, part, happening) "
            "VALUES (?,?,-1,?)", [(article_id, window, f"{window}/{article_id}")
                                  for window in found])
        return set(found)

    def remember(self, article: Article) -> None:
        """Keep the words of an article being written (saves reading its record back)."""
        self._keep(article.id, article.text,
                   _people((entity.label, entity.text) for entity in article.entities))

    def remove(self, article_id: str) -> set[str]:
        """Take an article out of its windows; the windows it was in."""
        self._words.pop(article_id, None)
        rows = self.db.execute("SELECT period, part FROM happenings WHERE article_id = ?",
                               (article_id,)).fetchall()
        self.db.execute("DELETE FROM happenings WHERE article_id = ?", (article_id,))
        self._dirty.update((row[0], row[1]) for row in rows)
        return {row[0] for row in rows}

    def states(self, windows_: Iterable[str]) -> dict[str, dict[str, tuple[int, str]]]:
        """Each window's articles with their part and happening there."""
        return {window: {row[0]: (row[1], row[2]) for row in self.db.execute(
            "SELECT article_id, part, happening FROM happenings WHERE period = ?", (window,))}
            for window in sorted(set(windows_))}

    def recluster(self, windows_: Iterable[str]) -> None:
        """Cluster the articles of each window again and store their happenings (a part
        whose articles are those it had, none of them new, replaced or gone, keeps them)."""
        size = max(1, self.config.happening_size)
        if len(self._words) >= KEPT:
            self.forget()
        for window in sorted(set(windows_)):
            found = self.db.execute(
                "SELECT h.article_id, h.part FROM happenings h JOIN articles a "
                "ON a.id = h.article_id WHERE h.period = ? ORDER BY a.published, h.article_id",
                (window,)).fetchall()
            ordered = [row[0] for row in found]
            had: dict[int, set[str]] = {}
            for article_id, part in found:
                had.setdefault(part, set()).add(article_id)
            rows: list[tuple[int, str, str, str]] = []
            for start in range(0, len(ordered), size):
                batch = ordered[start:start + size]
                if (window, start // size) not in self._dirty and set(batch) == had.get(
                        start // size):
                    continue
                known = [self._of(article_id) for article_id in batch]
                labels = cluster_vectors(
                    code_vectors([codes for codes, _ in known], self._vocabulary, True),
                    self.config, [people for _, people in known])
                least: dict[int, str] = {}
                for article_id, label in zip(batch, labels, strict=True):
                    least[label] = min(least.get(label, article_id), article_id)
                rows.extend((start // size, f"{window}/{least[label]}", article_id, window)
                            for article_id, label in zip(batch, labels, strict=True))
            self.db.executemany("UPDATE happenings SET part = ?, happening = ? "
                                "WHERE article_id = ? AND period = ?", rows)
        self._dirty.clear()

    def published(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT published FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
        return None if row is None else row[0]

    def _of(self, article_id: str) -> Words:
        known = self._words.get(article_id)
        if known is None:
            row = self.db.execute("SELECT record FROM articles WHERE id = ?",
                                  (article_id,)).fetchone()
            data = json.loads(row[0]) if row else {}
            known = self._keep(article_id, str(data.get("text") or ""), _people(
                (str(entity.get("label")), str(entity.get("text") or ""))
                for entity in data.get("entities") or ()))
        return known

    def _keep(self, article_id: str, text: str, people: frozenset[str]) -> Words:
        """Keep an article's words as codes in memory (the vocabulary grows with them)."""
        codes = self._codes
        for word in content_words(text):
            if word not in codes:
                codes[word] = len(self._vocabulary)
                self._vocabulary.append(word)
        known = (np.array([codes[word] for word in content_words(text)], dtype=np.intp), people)
        self._words[article_id] = known
        return known
