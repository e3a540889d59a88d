"""The writer's cache of event-dedup blocks: stored events by type, factuality and day window.

Event dedup compares a new event mention with the stored events of its block: the same
type and factuality and a day within `day_window` of its own (compared as text, as
`dedup.same_block` does), then filters on country. The writer asks for the same blocks
again and again, so each block, once read from the events table, stays in memory, and the
writer keeps it right: `added` for an event it inserts, `merged` for new actor keys. Any
other change to the events table (a replaced article, a rollback, another connection's
commit) must be followed by `clear()`.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from functools import lru_cache

from eventwire.store.dedup import MentionKey, day_window

CANDIDATES = ("SELECT id, day, place_name, country, actor_keys, sentence FROM events "
              "WHERE type = ? AND factual = ? AND day BETWEEN ? AND ?")


def stored_actors(joined: str | None) -> frozenset[str]:
    """Actor keys as the events table gives them back ('|'-joined)."""
    return frozenset(joined.split("|")) if joined else frozenset()


class EventBlocks:
    """Stored events by block, read once per block and then kept up to date in memory.

    `limit` bounds the events held: past it, the cache starts again empty.
    """

    def __init__(self, db: sqlite3.Connection, window: int, limit: int = 200_000) -> None:
        self.db = db
        self.window = window
        self.limit = limit
        self.keys: dict[str, MentionKey] = {}
        # (type, factual) -> block day -> ids of the events whose day lies in its window
        self.blocks: dict[tuple[str, bool], dict[str, list[str]]] = {}
        # (type, factual) -> block days that are not plain dates well inside the calendar
        self.odd: dict[tuple[str, bool], set[str]] = {}

    def clear(self) -> None:
        self.keys.clear()
        self.blocks.clear()
        self.odd.clear()

    def candidates(self, key: MentionKey) -> list[tuple[str, MentionKey]]:
        """The stored events of `key`'s block whose country does not conflict with it."""
        if len(self.keys) >= self.limit:
            self.clear()
        kind = (key.type, key.factual)
        days = self.blocks.setdefault(kind, {})
        ids = days.get(key.day)
        if ids is None:
            ids = days[key.day] = self._load(key)
            if not self._plain(key.day):
                self.odd.setdefault(kind, set()).add(key.day)
        keys, country = self.keys, key.country
        found = [(event_id, keys[event_id]) for event_id in ids]
        if country is None:
            return found
        return [(event_id, other) for event_id, other in found
                if other.country is None or other.country == country]

    def _load(self, key: MentionKey) -> list[str]:
        low, high = day_window(key.day, self.window)
        ids: list[str] = []
        for row in self.db.execute(CANDIDATES, (key.type, int(key.factual), low, high)):
            event_id = row[0]
            ids.append(event_id)
            if event_id not in self.keys:
                self.keys[event_id] = MentionKey(
                    type=key.type, factual=key.factual, day=row[1], place=row[2],
                    country=row[3], actors=stored_actors(row[4]), sentence=row[5] or "")
        return ids

    def added(self, event_id: str, key: MentionKey, actors: str) -> None:
        """A new event stored with the fields of `key` and the '|'-joined `actors`."""
        key = MentionKey(type=key.type, factual=key.factual, day=key.day, place=key.place,
                         country=key.country, actors=stored_actors(actors),
                         sentence=key.sentence)
        self.keys[event_id] = key
        kind = (key.type, key.factual)
        days = self.blocks.get(kind)
        if days:
            for day in self._holding(key.day, days, self.odd.get(kind, set())):
                days[day].append(event_id)

    def merged(self, event_id: str, actors: str) -> None:
        """A stored event whose actor keys are now the '|'-joined `actors`."""
        key = self.keys.get(event_id)
        if key is not None:
            self.keys[event_id] = MentionKey(
                type=key.type, factual=key.factual, day=key.day, place=key.place,
                country=key.country, actors=stored_actors(actors), sentence=key.sentence)

    def _plain(self, day: str) -> bool:
        return _near_days(day, self.window) is not None

    def _holding(self, day: str, days: dict[str, list[str]], odd: set[str]) -> set[str]:
        """The cached block days whose window holds `day`."""
        if not day:  # only the block of unknown days holds an unknown day
            return {day} if day in days else set()
        near = _near_days(day, self.window)
        if near is None:  # not a plain date: test every cached block
            candidates: set[str] = set(days)
        else:  # plain dates compare as text as they do as dates: only the near ones
            candidates = {other for other in near if other in days} | odd
        held = set()
        for other in candidates:
            low, high = day_window(other, self.window)
            if low <= day <= high:
                held.add(other)
        return held


@lru_cache(maxsize=65536)
def _near_days(day: str, window: int) -> tuple[str, ...] | None:
    """The days within `window` of `day`, if `day` is a plain date: written as
    `date.isoformat` writes it, and far enough inside the calendar that the windows
    around it and around its neighbours exist. None for anything else."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return None
    margin = timedelta(days=2 * window)
    if when.isoformat() != day or not date.min + margin <= when <= date.max - margin:
        return None
    return tuple((when + timedelta(days=offset)).isoformat()
                 for offset in range(-window, window + 1))
