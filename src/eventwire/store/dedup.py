"""Deduplication: near-duplicate articles into stories, event mentions into events.

Stories: word shingles of the article text → MinHash → LSH (datasketch); an article joins
the story of its most similar earlier article when their estimated Jaccard similarity
reaches `story_threshold` (syndicated copies and light rewrites), else starts a story.

Events: two event mentions are one real-world event when they are blocked together
(same PLOVER type, same factuality, dates within `window_days`, no conflicting place or
country) and then match: an actor in common (same name, or same country and sector)
with some sentence similarity, or, without actors on both sides, a high sentence
similarity.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

from eventwire.model import Actor, Article, Event, Mention

WORD = re.compile(r"\w+", re.UNICODE)
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# datasketch MinHash scheme over CRC-32 shingle hashes (the scheme mixes them with a
# murmur finaliser before permuting); stored signatures depend on both.
SCHEME = "affine32"
FACTUAL_MODALITIES = frozenset({"asserted"})  # a claim ("allegedly") is not a fact


@dataclass(frozen=True)
class DedupConfig:
    """The knobs of deduplication.

    `participant_overlap` and `document_min` were chosen by a grid search on the ECB+
    train pairs (`eventwire eval dedup` reports the dev pairs); the others by hand.
    """

    num_perm: int = 64
    shingle_words: int = 4
    story_threshold: float = 0.5
    window_days: int = 3
    sentence_min: float = 0.1
    sentence_alone: float = 0.5
    participant_overlap: float = 0.1
    document_min: float = 0.07


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words (data/store/stopwords_en.txt) that sentence similarity ignores."""
    from eventwire.data import read_text

    text = read_text("store/stopwords_en.txt")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine permutations (a, b) for `num_perm` values with seed 1 (uint32)."""
    a, b = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME, hashfunc=zlib.crc32).permutations
    return a.copy(), b.copy()


_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


def _fmix32(values: np.ndarray) -> np.ndarray:
    """The 32-bit MurmurHash3 finaliser, as datasketch's affine32 scheme pre-mixes hashes
    (modifies `values`, a uint32 array, in place and returns it)."""
    sixteen, first, thirteen, second = _FMIX
    values ^= values >> sixteen
    values *= first
    values ^= values >> thirteen
    values *= second
    values ^= values >> sixteen
    return values


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    stop = stop_words()
    return frozenset(w for w in words(text) if len(w) > 1 and w not in stop)


def shingles(text: str, size: int) -> set[bytes]:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i:i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def signature(text: str, config: DedupConfig) -> np.ndarray | None:
    """The MinHash signature (uint64 array of `num_perm` values); None for a text without
    words, which is nobody's near duplicate.

    The values are those of datasketch's `MinHash(seed=1, scheme="affine32",
    hashfunc=zlib.crc32).update_batch(shingles)`, computed here in one numpy pass
    (a repeated shingle changes no minimum, so the shingles need not be made a set).
    """
    tokens = words(text)
    if not tokens:
        return None
    size = config.shingle_words
    grams = ([" ".join(tokens)] if len(tokens) < size
             else list(map(" ".join, zip(*(tokens[i:] for i in range(size)), strict=False))))
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, grams)), dtype=np.uint32,
                         count=len(grams))
    a, b = _permutations(config.num_perm)
    permuted = _fmix32(hashes)[:, np.newaxis] * a + b
    return permuted.min(axis=0).astype(np.uint64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    return float(np.count_nonzero(a == b)) / len(a) if len(a) else 0.0


@lru_cache(maxsize=8)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows per band) that datasketch's MinHashLSH picks for `threshold`: the
    least weighted sum of false-positive and false-negative probabilities."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


class StoryIndex:
    """MinHash-LSH over article signatures: which earlier article is a near duplicate.

    The banding of datasketch's MinHashLSH (same bands and rows, so the same candidates),
    kept in plain dicts: one per band, from the band's bytes to the articles that have it.
    Signatures are rows of one matrix, so a query scores all its candidates at once.
    """

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        bands, rows = lsh_bands(config.story_threshold, config.num_perm)
        self.width = rows * np.dtype(np.uint64).itemsize
        self.buckets: list[dict[bytes, set[str]]] = [{} for _ in range(bands)]
        self.rows: dict[str, int] = {}  # article -> its row in `matrix`
        self.stories: dict[str, str] = {}
        self.matrix = np.zeros((64, config.num_perm), dtype=np.uint64)
        self._free: list[int] = []

    def __len__(self) -> int:
        return len(self.rows)

    def bands(self, values: np.ndarray) -> list[bytes]:
        """The LSH band keys of a signature (pass them to `match` and `add` to reuse them)."""
        if len(values) != self.config.num_perm:
            raise ValueError(f"expecting a signature of {self.config.num_perm} values, "
                             f"got {len(values)}")
        raw, width = values.astype(np.uint64, copy=False).tobytes(), self.width
        return [raw[i * width:(i + 1) * width] for i in range(len(self.buckets))]

    def add(self, key: str, values: np.ndarray, story: str,
            bands: list[bytes] | None = None) -> None:
        if key in self.rows:
            self.remove(key)
        for bucket, band in zip(self.buckets, bands or self.bands(values), strict=True):
            keys = bucket.get(band)
            if keys is None:
                bucket[band] = {key}
            else:
                keys.add(key)
        if self._free:
            row = self._free.pop()
        else:
            row = len(self.rows)
            if row == len(self.matrix):
                self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
        self.matrix[row] = values
        self.rows[key] = row
        self.stories[key] = story

    def remove(self, key: str) -> None:
        row = self.rows.pop(key, None)
        if row is None:
            return
        del self.stories[key]
        for bucket, band in zip(self.buckets, self.bands(self.matrix[row]), strict=True):
            keys = bucket[band]
            keys.discard(key)
            if not keys:
                del bucket[band]
        self._free.append(row)

    def candidates(self, values: np.ndarray, bands: list[bytes] | None = None) -> set[str]:
        """The indexed articles that share a band with `values`."""
        found: set[str] = set()
        for bucket, band in zip(self.buckets, bands or self.bands(values), strict=True):
            keys = bucket.get(band)
            if keys:
                found |= keys
        return found

    def match(self, values: np.ndarray, exclude: set[str] | None = None,
              bands: list[bytes] | None = None) -> tuple[str, float] | None:
        """The story of the most similar indexed article at or above the threshold."""
        found = self.candidates(values, bands)
        if exclude:
            found -= exclude
        if not found:
            return None
        keys = sorted(found)
        rows = self.rows
        same = (self.matrix.take([rows[key] for key in keys], axis=0) == values).sum(
            axis=1).tolist()
        best = same.index(max(same))  # the first of the best, in key order
        score = same[best] / len(values)
        if score < self.config.story_threshold:
            return None
        return self.stories[keys[best]], score


class MentionKey(NamedTuple):
    """What event dedup compares about one event mention."""

    type: str
    factual: bool
    day: str
    place: str | None
    country: str | None
    actors: frozenset[str]
    sentence: str


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name as an actor key: its lower-cased words."""
    return "name:" + " ".join(words(name))


@lru_cache(maxsize=65536)
def _actor_keys(name: str, country: str | None, kind: str,
                sectors: tuple[str, ...]) -> frozenset[str]:
    keys = {name_key(name)} if name.strip() else set()
    if country:
        keys.update(f"code:{country}/{sector}" for sector in sectors)
        if kind == "country":
            keys.add(f"code:{country}/")
    return frozenset(keys)


def actor_keys(actor: Actor) -> set[str]:
    """An actor as comparable keys: its name, and country/sector pairs."""
    return set(_actor_keys(actor.name, actor.country, actor.kind, tuple(actor.sectors)))


def _mention_actor(article: Article, mention: Mention | None,
                   actors: Mapping[str, Actor] | None = None) -> Actor | None:
    if mention is None or mention.actor is None:
        return None
    if actors is not None:
        return actors.get(mention.actor)
    return next((a for a in article.actors if a.id == mention.actor), None)


def event_day(article: Article, event: Event) -> str:
    """The event's day (YYYY-MM-DD) if known, else the publication day, else ''."""
    for value in (event.date.value if event.date else None, article.published):
        if value and DAY.match(value):
            return value[:10]
    return ""


def mention_key(article: Article, event: Event,
                actors: Mapping[str, Actor] | None = None) -> MentionKey:
    """What dedup compares about `event` of `article` (`actors`: the article's actors by id,
    when the caller has them at hand)."""
    keys: set[str] = set()
    for mention in (event.source, event.target):
        actor = _mention_actor(article, mention, actors)
        if actor is not None:
            keys.update(_actor_keys(actor.name, actor.country, actor.kind, tuple(actor.sectors)))
        elif mention is not None and mention.text.strip():
            keys.add(name_key(mention.text))
    place = next((p for p in article.places if event.place and p.id == event.place.place), None)
    sentence = article.text[event.sentence.start:event.sentence.end]
    return MentionKey(
        type=event.type,
        factual=not event.negated and event.modality in FACTUAL_MODALITIES,
        day=event_day(article, event),
        place=(place.name if place else event.place.name if event.place else None),
        country=place.country if place else None,
        actors=frozenset(keys),
        sentence=sentence,
    )


@lru_cache(maxsize=65536)
def day_window(day: str, window: int) -> tuple[str, str]:
    """The first and last day of the block around `day` ('' blocks with '' only)."""
    if not day:
        return "", ""
    try:
        when = date.fromisoformat(day)
        return ((when - timedelta(days=window)).isoformat(),
                (when + timedelta(days=window)).isoformat())
    except (ValueError, OverflowError):  # not a date, or too near year 1 or 9999
        return day, day


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two texts."""
    left, right = content_words(a), content_words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def same_block(a: MentionKey, b: MentionKey, config: DedupConfig) -> bool:
    """Type, factuality, date window and place agree (unknown place agrees with any)."""
    if a.type != b.type or a.factual != b.factual:
        return False
    low, high = day_window(a.day, config.window_days)
    if not (low <= b.day <= high):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.place and b.place and a.place.lower() != b.place.lower()
                and not (a.country and a.country == b.country))


def match_score(a: MentionKey, b: MentionKey, config: DedupConfig) -> float | None:
    """How well two blocked mentions match (higher is better); None when they do not."""
    shared = a.actors & b.actors
    if (a.actors and b.actors and not shared) or not same_block(a, b, config):
        return None
    similarity = text_similarity(a.sentence, b.sentence)
    if shared and similarity >= config.sentence_min:
        return 1.0 + similarity + 0.1 * len(shared)
    if not shared and similarity >= config.sentence_alone:
        return similarity
    return None


def best_match(key: MentionKey, candidates: Iterable[tuple[str, MentionKey]],
               config: DedupConfig) -> str | None:
    """The id of the candidate event that `key` matches best, if any."""
    best: tuple[float, str] | None = None
    for event_id, other in candidates:
        score = match_score(key, other, config)
        if score is not None and (best is None or (score, event_id) > best):
            best = (score, event_id)
    return best[1] if best else None


PARTICIPANT_LABELS = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW",
    "DATE", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY",
})


def participants(article: Article) -> frozenset[str]:
    """Who and what a document names: its entities and actors, normalised."""
    stop = stop_words()
    names = {" ".join(words(e.text)) for e in article.entities if e.label in PARTICIPANT_LABELS}
    names.update(" ".join(words(a.name)) for a in article.actors)
    return frozenset(name for name in names if name and name not in stop)


def same_reported_event(a: Article, b: Article, config: DedupConfig) -> str | None:
    """Why two articles report the same real-world event ('story', 'event', 'participants').

    None when nothing says they do. In order: near-duplicate text (one story); an event
    mention of one matches an event mention of the other; or they name mostly the same
    participants and share content words.
    """
    left_values, right_values = signature(a.text, config), signature(b.text, config)
    if (left_values is not None and right_values is not None
            and jaccard(left_values, right_values) >= config.story_threshold):
        return "story"
    keys_b = [mention_key(b, event) for event in b.events]
    for event in a.events:
        key = mention_key(a, event)
        if any(match_score(key, other, config) is not None for other in keys_b):
            return "event"
    left, right = participants(a), participants(b)
    if left and right:
        shared = len(left & right) / min(len(left), len(right))
        if (shared >= config.participant_overlap
                and text_similarity(a.text, b.text) >= config.document_min):
            return "participants"
    return None
