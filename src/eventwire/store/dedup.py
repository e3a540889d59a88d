"""Deduplication: near-duplicate articles into stories (event mentions into events: see
`matching`).

Stories: word shingles of the article text → MinHash → LSH (datasketch); an article joins
the story of its most similar earlier article when their estimated Jaccard similarity
reaches `story_threshold` (syndicated copies and light rewrites), else starts a story.

Happenings: `cluster_documents` groups a batch of documents (say, the articles a feed brought
about one kind of event) into those that report the same real-world happening, reasoning over
the whole batch rather than pair by pair: each document is a TF-IDF vector of its content
words with the IDF taken from the batch itself (words every document uses, like "Oscars" in
a batch about Oscar hosts, weigh little; "Jackman" weighs much), and average-link clustering
joins groups while their mean cosine similarity reaches `document_cluster`. Two documents
that both name people, none of them in common ("Reggie Bush was placed on injured reserve",
"Pierre Thomas was placed on injured reserve"), are `people_apart` less alike.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+", re.UNICODE)
# datasketch MinHash scheme over CRC-32 shingle hashes (the scheme mixes them with a
# murmur finaliser before permuting); stored signatures depend on both.
SCHEME = "affine32"


@dataclass(frozen=True)
class DedupConfig:
    """The knobs of deduplication.

    `document_min`, `document_alone` and `named_overlap` (whole-article decisions,
    `matching.same_reported_event`), `document_cluster` and `people_apart`
    (`cluster_documents`: look F1 0.892; 0.886-0.890 one step away, 0.864 without
    `people_apart`) were chosen by a grid search on the look pairs of ECB+ (dev and train
    files, split by topic; `eventwire eval dedup`); the others by hand. `happening_days`
    and `happening_size`: the windows of publication days whose articles the store clusters
    into happenings (`happenings`), and the most articles clustered as one batch.
    """

    num_perm: int = 64
    shingle_words: int = 4
    story_threshold: float = 0.5
    window_days: int = 3
    sentence_min: float = 0.15
    sentence_alone: float = 0.5
    sentence_partial: float = 0.3
    sentence_verbatim: float = 0.8
    context_min: float = 0.15
    context_days: int = 1
    document_min: float = 0.08
    document_alone: float = 0.15
    named_overlap: float = 0.3
    document_cluster: float = 0.08
    people_apart: float = 0.05
    happening_days: int = 8
    happening_size: int = 300


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


def batch_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit TF-IDF rows over the content words of `texts` (a word counts once per text), with
    the smoothed IDF ln((1 + n) / (1 + df)) + 1 of the batch itself: no outside counts."""
    return bag_vectors([content_words(text) for text in texts])


def bag_vectors(bags: Sequence[frozenset[str]], shared_only: bool = False) -> np.ndarray:
    """`batch_vectors` of texts given as their sets of content words (see `code_vectors`)."""
    vocabulary = sorted(set().union(*bags)) if bags else []
    number = {word: code for code, word in enumerate(vocabulary)}
    return code_vectors([np.array([number[word] for word in bag], dtype=np.intp)
                         for bag in bags], vocabulary, shared_only)


def code_vectors(codes: Sequence[np.ndarray], vocabulary: Sequence[str],
                 shared_only: bool = False) -> np.ndarray:
    """`batch_vectors` of texts given as the distinct codes of their content words
    (`vocabulary[code]` is the word; columns in the words' order). `shared_only`: only the
    columns of words at least two texts use (the rows keep the norms of the whole vectors,
    so the rows' dot products are the same: the other words meet only zeros)."""
    flat = np.concatenate(codes) if codes else np.zeros(0, dtype=np.intp)
    found, inverse, frequency = np.unique(flat, return_inverse=True, return_counts=True)
    by_word = sorted(range(len(found)), key=lambda at: vocabulary[int(found[at])])
    position = np.empty(len(found), dtype=np.intp)
    position[by_word] = np.arange(len(found))
    frequency = frequency[by_word]
    weight = np.log((1 + len(codes)) / (1 + frequency.astype(float))) + 1
    columns = position[inverse]
    vectors = np.zeros((len(codes), len(found)))
    vectors[np.repeat(np.arange(len(codes)), [len(code) for code in codes]),
            columns] = weight[columns]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    if shared_only:
        vectors = vectors[:, frequency > 1]
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def people_apart(people: Sequence[frozenset[str]]) -> np.ndarray:
    """Which pairs of texts both name people, none of them in common (a boolean matrix)."""
    names = sorted({word for named in people for word in named})
    column = {word: number for number, word in enumerate(names)}
    incidence = np.zeros((len(people), len(names)))
    for row, named in enumerate(people):
        incidence[row, [column[word] for word in named]] = 1.0
    naming = incidence.any(axis=1)
    apart = np.logical_and.outer(naming, naming) & ((incidence @ incidence.T) == 0)
    np.fill_diagonal(apart, False)
    return apart


def average_link(similarity: np.ndarray, threshold: float) -> list[int]:
    """Average-link clustering: repeatedly join the two groups with the highest mean pairwise
    similarity while it reaches `threshold` (ties: the pair of lowest indexes). Returns each
    item's group, numbered by the group's first item in order of appearance."""
    size = len(similarity)
    between = similarity.astype(float, copy=True)
    np.fill_diagonal(between, -np.inf)
    members: dict[int, list[int]] = {item: [item] for item in range(size)}
    while len(members) > 1:
        best = int(np.argmax(between))
        left, right = divmod(best, size)
        if between[left, right] < threshold:
            break
        left, right = min(left, right), max(left, right)
        weight_left, weight_right = len(members[left]), len(members[right])
        joined = (weight_left * between[left] + weight_right * between[right]) / (
            weight_left + weight_right)
        between[left], between[:, left] = joined, joined
        between[left, left] = -np.inf
        between[right], between[:, right] = -np.inf, -np.inf
        members[left] += members.pop(right)
    group = [0] * size
    for number, first in enumerate(sorted(members)):
        for item in members[first]:
            group[item] = number
    return group


def cluster_documents(texts: Sequence[str], config: DedupConfig,
                      people: Sequence[frozenset[str]] | None = None) -> list[int]:
    """Which documents of a batch report the same happening: each text's group number (equal
    numbers, same happening). `people`: the words of the names of the people each text names
    (`matching.person_words`), when known. See the module notes; an empty text stays alone."""
    return cluster_bags([content_words(text) for text in texts], config, people)


def cluster_bags(bags: Sequence[frozenset[str]], config: DedupConfig,
                 people: Sequence[frozenset[str]] | None = None) -> list[int]:
    """`cluster_documents` of texts given as their sets of content words (`content_words`)."""
    return cluster_vectors(bag_vectors(bags, shared_only=True), config, people)


def cluster_vectors(vectors: np.ndarray, config: DedupConfig,
                    people: Sequence[frozenset[str]] | None = None) -> list[int]:
    """`cluster_documents` of texts given as their `batch_vectors` (or only the columns of
    the words they share)."""
    if not len(vectors):
        return []
    similarity = vectors @ vectors.T
    if people is not None:
        if len(people) != len(vectors):
            raise ValueError(f"people for {len(people)} texts, expecting {len(vectors)}")
        similarity[people_apart(people)] -= config.people_apart
    return average_link(similarity, config.document_cluster)
