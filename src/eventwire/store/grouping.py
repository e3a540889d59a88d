"""Deterministic event dedup: an event is a connected group of event mentions.

Two mentions are linked when `dedup.match_score` accepts them both ways (same block, an
actor in common with some sentence similarity, or very similar sentences without actors).
An event is a connected group of linked mentions; its representative is the group's least
(article id, item id), which gives the event its id and its fields. The groups depend only
on which mentions are stored, never on the order they were written in, so a store written
by several processes at once, or with replaced articles, equals one written from scratch.

Mentions of two articles link only when the articles report one happening (`happenings`:
the store's batch clustering of the articles of a window of days), or share no window, or
when a sentence is repeated nearly verbatim (one reported fact, whatever the batch says).

`Events.add` links a new article's mentions (merging the groups they join); `Events.split`
regroups what is left of an event after an article's mentions are deleted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable

import numpy as np

from eventwire.model import Actor, Article, Event, Mention
from eventwire.store.dating import candidates
from eventwire.store.dedup import DedupConfig, StoryIndex
from eventwire.store.happenings import together
from eventwire.store.matching import MentionKey, match_score, mention_key, text_similarity

Rep = tuple[str, str]  # (article id, item id) of a mention
KEY_COLUMNS = ("day, place_name, country, actor_keys, sentence_text, source_keys, target_keys, "
               "date_precision, context_words")
BLOCK = (f"SELECT article_id, item_id, event_id, {KEY_COLUMNS} FROM event_mentions "
         "WHERE type = ? AND factual = ? AND (day BETWEEN ? AND ? "
         "OR day IN (SELECT value FROM json_each(?)))")
MEMBERS = (f"SELECT article_id, item_id, type, factual, {KEY_COLUMNS} FROM event_mentions "
           "WHERE event_id = ?")
MENTION_COLUMNS = ("article_id, item_id, event_id, type, factual, day, place_name, country, "
                   "actor_keys, trigger_text, trigger_start, trigger_end, sentence_start, "
                   "sentence_end, sentence_text, modality, negated, confidence, "
                   "date_precision, source_keys, target_keys, context_words")
EVENT_COLUMNS = ("id, type, mode, contexts, factual, day, place_name, country, lat, lon, "
                 "source_name, source_country, source_sectors, target_name, target_country, "
                 "target_sectors, first_article, story_id, actor_keys, sentence, "
                 "date_precision, n_mentions, n_articles")


def near(index: StoryIndex, values: np.ndarray, bands: list[bytes] | None = None) -> list[str]:
    """Every indexed article at or above the story threshold (sorted): a symmetric
    relation, whose connected groups are the stories."""
    found = sorted(index.candidates(values, bands))
    if not found:
        return []
    same = (index.matrix.take([index.rows[key] for key in found], axis=0) == values).sum(
        axis=1).tolist()
    return [key for key, n in zip(found, same, strict=True)
            if n / len(values) >= index.config.story_threshold]


def event_id(rep: Rep) -> str:
    return "ev-" + hashlib.sha1(f"{rep[0]}/{rep[1]}".encode()).hexdigest()[:16]


def stored_actors(joined: str | None) -> frozenset[str]:
    """A '|'-joined column (actor keys, context words) as a set."""
    return frozenset(joined.split("|")) if joined else frozenset()


def linked(a: MentionKey, b: MentionKey, config: DedupConfig, joint: bool = True) -> bool:
    """Both ways matched, told in articles of one happening (`joint`) or in sentences
    repeated nearly verbatim."""
    if not joint and text_similarity(a.sentence, b.sentence) < config.sentence_verbatim:
        return False
    return match_score(a, b, config) is not None and match_score(b, a, config) is not None


def _name(actors: dict[str, Actor], mention: Mention | None) -> str | None:
    if mention is None:
        return None
    actor = actors.get(mention.actor) if mention.actor else None
    return actor.name if actor else mention.text


def _sectors(actor: Actor | None) -> str | None:
    return ";".join(actor.sectors) if actor and actor.sectors else None


def event_fields(article: Article, event: Event, key: MentionKey, story: str | None,
                 actors: dict[str, Actor]) -> tuple[object, ...]:
    """The events row of an event whose representative is this mention (without id and
    counts)."""
    place = next((p for p in article.places if event.place and p.id == event.place.place), None)
    source = actors.get(event.source.actor or "") if event.source else None
    target = actors.get(event.target.actor or "") if event.target else None
    return (event.type, event.mode, json.dumps(event.contexts), int(key.factual), key.day,
            key.place, key.country, place.lat if place else None, place.lon if place else None,
            _name(actors, event.source), source.country if source else None, _sectors(source),
            _name(actors, event.target), target.country if target else None, _sectors(target),
            article.id, story, "|".join(sorted(key.actors)), key.sentence, key.precision)


def mention_row(article: Article, event: Event, key: MentionKey,
                event_ref: str) -> tuple[object, ...]:
    fields, trigger, sentence = vars(event), vars(event.trigger), vars(event.sentence)
    return (article.id, fields["id"], event_ref, fields["type"], int(key.factual), key.day,
            key.place, key.country, "|".join(sorted(key.actors)), trigger["text"],
            trigger["start"], trigger["end"], sentence["start"], sentence["end"], key.sentence,
            fields["modality"], int(fields["negated"]), fields["confidence"], key.precision,
            "|".join(sorted(key.source)), "|".join(sorted(key.target)),
            "|".join(sorted(key.context)))


# An event's facts from all its mentions: the best confidence, the modality and negation of
# the most confident mention (ties: the smallest article and item id), the largest casualty
# figures any mention reports, and the mentions counted within articles.
FACTS = """
UPDATE event_facts SET
    confidence = (SELECT MAX(confidence) FROM event_mentions WHERE event_id = :event),
    modality = (SELECT modality FROM event_mentions WHERE event_id = :event
                ORDER BY confidence DESC, article_id, item_id LIMIT 1),
    negated = (SELECT negated FROM event_mentions WHERE event_id = :event
               ORDER BY confidence DESC, article_id, item_id LIMIT 1),
    killed = (SELECT MAX(d.killed) FROM event_details d JOIN event_mentions m
              ON m.article_id = d.article_id AND m.item_id = d.item_id
              WHERE m.event_id = :event),
    injured = (SELECT MAX(d.injured) FROM event_details d JOIN event_mentions m
               ON m.article_id = d.article_id AND m.item_id = d.item_id
               WHERE m.event_id = :event),
    arrested = (SELECT MAX(d.arrested) FROM event_details d JOIN event_mentions m
                ON m.article_id = d.article_id AND m.item_id = d.item_id
                WHERE m.event_id = :event),
    num_mentions = (SELECT COALESCE(SUM(d.n_mentions), 0) FROM event_details d
                    JOIN event_mentions m ON m.article_id = d.article_id
                    AND m.item_id = d.item_id WHERE m.event_id = :event)
WHERE event_id = :event
"""

# An event's date is the finest any of its mentions gives (ties: the least mention's), and
# its place that of the least mention that has one (the representative's when it has one).
FINEST = """(SELECT {column} FROM event_mentions WHERE event_id = :event ORDER BY
    CASE date_precision WHEN 'day' THEN 0 WHEN 'published' THEN 1 WHEN 'week' THEN 2
    WHEN 'month' THEN 3 WHEN 'year' THEN 4 ELSE 5 END, article_id, item_id LIMIT 1)"""
PLACED = """(SELECT {column} FROM event_mentions WHERE event_id = :event
    AND (country IS NOT NULL OR place_name IS NOT NULL) ORDER BY article_id, item_id LIMIT 1)"""
WHEN_WHERE = f"""
UPDATE events SET
    day = {FINEST.format(column="day")},
    date_precision = {FINEST.format(column="date_precision")},
    place_name = {PLACED.format(column="place_name")},
    country = {PLACED.format(column="country")}
WHERE id = :event
"""


class Events:
    """Event groups in the store, kept by their connected-group definition."""

    def __init__(self, db: sqlite3.Connection, config: DedupConfig) -> None:
        self.db = db
        self.config = config

    def add(self, article: Article, story: str) -> None:
        """Insert the article's event mentions, each joining (and merging) the events of
        the stored mentions it is linked with."""
        actors = {a.id: a for a in article.actors}
        joint = together(self.db, article.id) if article.events else {}
        for event in article.events:
            key = mention_key(article, event, actors)
            (low, high), coarse = candidates(key.day, key.precision, self.config.window_days)
            joined = sorted({row[2] for row in self.db.execute(
                BLOCK, (key.type, int(key.factual), low, high, json.dumps(coarse)))
                if linked(key, self._key(key.type, key.factual, row[3:]), self.config,
                          joint.get(row[0], True))})
            mine: Rep = (article.id, event.id)
            reps = {self._rep(other): other for other in joined}
            target = reps[min(reps)] if reps else None
            if target is None or mine < min(reps):
                target = event_id(mine)
                self._insert(target, event_fields(article, event, key, story, actors))
            self.db.execute(f"INSERT INTO event_mentions({MENTION_COLUMNS}) "
                            f"VALUES ({','.join('?' * 22)})",
                            mention_row(article, event, key, target))
            for other in joined:
                if other != target:
                    self.db.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?",
                                    (target, other))
                    self.db.execute("DELETE FROM events WHERE id = ?", (other,))
            self.refresh(target)

    def split(self, events: Iterable[str]) -> None:
        """Regroup each of `events` after some of its mentions were deleted."""
        for old in events:
            rows = self.db.execute(MEMBERS, (old,)).fetchall()
            keys = {(row[0], row[1]): self._key(row[2], bool(row[3]), row[4:]) for row in rows}
            joint = {article: together(self.db, article) for article in {row[0] for row in rows}}
            new_ids = set()
            for group in _groups(keys, self.config, _verdict(joint)):
                rep = min(group)
                new = event_id(rep)
                new_ids.add(new)
                if new != old:
                    self._insert(new, self._stored_fields(rep))
                    self.db.executemany(
                        "UPDATE event_mentions SET event_id = ? WHERE article_id = ? "
                        "AND item_id = ?", [(new, *member) for member in group])
            if old not in new_ids:
                self.db.execute("DELETE FROM events WHERE id = ?", (old,))
            for new in sorted(new_ids):  # once every group's mentions have moved
                self.refresh(new)

    def relink(self, left: str, right: str, joint: bool) -> None:
        """Merge the events of the mentions of two stored articles that are linked now (their
        happenings changed; `joint`: whether they report one happening now)."""
        rows = {article: self.db.execute(
            f"SELECT event_id, type, factual, {KEY_COLUMNS} FROM event_mentions "
            "WHERE article_id = ?", (article,)).fetchall() for article in (left, right)}
        pairs = [(a[0], b[0]) for a in rows[left] for b in rows[right]
                 if a[0] != b[0] and (a[1], a[2]) == (b[1], b[2])
                 and linked(self._key(a[1], bool(a[2]), a[3:]),
                            self._key(b[1], bool(b[2]), b[3:]), self.config, joint)]
        parent: dict[str, str] = {}

        def root(event: str) -> str:
            while parent.get(event, event) != event:
                event = parent[event]
            return event

        for a, b in pairs:
            parent[root(b)] = root(a)
        groups: dict[str, set[str]] = {}
        for event in sorted({event for pair in pairs for event in pair}):
            groups.setdefault(root(event), set()).add(event)
        for group in groups.values():
            reps = {self._rep(event): event for event in group}
            target = reps[min(reps)]
            for other in sorted(group - {target}):
                self.db.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?",
                                (target, other))
                self.db.execute("DELETE FROM events WHERE id = ?", (other,))
            self.refresh(target)

    def refresh(self, event: str) -> None:
        """Its mention and article counts, the actor keys of all its mentions, and its facts
        (recomputed from all its mentions, so they never depend on the order of writes)."""
        rows = self.db.execute("SELECT article_id, actor_keys FROM event_mentions "
                               "WHERE event_id = ?", (event,)).fetchall()
        keys: set[str] = set()
        for row in rows:
            keys |= stored_actors(row[1])
        self.db.execute("UPDATE events SET n_mentions = ?, n_articles = ?, actor_keys = ? "
                        "WHERE id = ?", (len(rows), len({row[0] for row in rows}),
                                         "|".join(sorted(keys)), event))
        self.db.execute(WHEN_WHERE, {"event": event})
        self.db.execute(FACTS, {"event": event})

    def _insert(self, event: str, fields: tuple[object, ...]) -> None:
        self.db.execute(f"INSERT INTO events({EVENT_COLUMNS}) "
                        f"VALUES (?,{','.join('?' * len(fields))},0,0)", (event, *fields))

    def _rep(self, event: str) -> Rep:
        row = self.db.execute("SELECT article_id, item_id FROM event_mentions WHERE event_id = ? "
                              "ORDER BY article_id, item_id LIMIT 1", (event,)).fetchone()
        return (row[0], row[1])

    def _stored_fields(self, rep: Rep) -> tuple[object, ...]:
        """The events row fields of a stored mention (read back from its article's record)."""
        row = self.db.execute("SELECT record, story_id FROM articles WHERE id = ?",
                              (rep[0],)).fetchone()
        article = Article.model_validate_json(row[0])
        event = next(e for e in article.events if e.id == rep[1])
        actors = {a.id: a for a in article.actors}
        return event_fields(article, event, mention_key(article, event, actors), row[1], actors)

    @staticmethod
    def _key(kind: str, factual: bool, row: tuple[object, ...] | sqlite3.Row) -> MentionKey:
        day, place, country, actors, sentence, source, target, precision, context = tuple(row)[:9]
        return MentionKey(type=kind, factual=bool(factual), day=str(day),
                          place=place if isinstance(place, str) else None,
                          country=country if isinstance(country, str) else None,
                          actors=stored_actors(actors if isinstance(actors, str) else None),
                          sentence=str(sentence or ""),
                          source=stored_actors(source if isinstance(source, str) else None),
                          target=stored_actors(target if isinstance(target, str) else None),
                          precision=str(precision or ""),
                          context=stored_actors(context if isinstance(context, str) else None))


def _verdict(joint: dict[str, dict[str, bool]]) -> Callable[[str, str], bool]:
    """Whether two articles report one happening (`together` of each; one article does)."""
    return lambda a, b: a == b or joint[a].get(b, True)


def _groups(keys: dict[Rep, MentionKey], config: DedupConfig,
            joint: Callable[[str, str], bool]) -> list[set[Rep]]:
    """The connected groups of linked mentions (`joint`: whether two articles report one
    happening, see `linked`)."""
    parent = {member: member for member in keys}

    def root(member: Rep) -> Rep:
        while parent[member] != member:
            parent[member] = parent[parent[member]]
            member = parent[member]
        return member

    members = sorted(keys)
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if root(a) != root(b) and linked(keys[a], keys[b], config, joint(a[0], b[0])):
                parent[root(b)] = root(a)
    groups: dict[Rep, set[Rep]] = {}
    for member in members:
        groups.setdefault(root(member), set()).add(member)
    return list(groups.values())
