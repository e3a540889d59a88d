"""`eventwire eval dedup`: do two documents report the same real-world event? (ECB+ pairs)

Gold: `ecbplus_*_doc_pairs.jsonl` (doc_a, doc_b, topic, gold.same_event) with the texts in
`ecbplus_*_docs.jsonl` beside it. Each ECB+ topic holds two different events of the same
kind (e.g. two Oscar host announcements), so the decision must tell them apart by who,
what, where and when. Every document is run through the pipeline once (texts verbatim,
no publication dates: the corpus gives none), the documents of each topic are clustered as
one batch by `dedup.cluster_documents` (the product's grouping of a batch of articles into
happenings: TF-IDF over the batch, average link, documents naming different people kept
apart), and a pair is "same" when both documents land in one group. The pairwise
`matching.same_reported_event` levels off near 0.80 F1 on the look pairs; the whole-batch
grouping does better, since it weighs words by how much they tell this batch's documents apart.

Metrics: pairwise precision, recall and F1 of "same event" (positives = pairs decided or
gold "same"), accuracy, and how many positive decisions each rule made; each also for the
look and untouched parts, split by the pair's ECB+ topic (`split_of(topic)`) so that the
documents of one topic, which appear in many pairs, are never on both sides. The 8 dev topics
all hash to "look", so the untouched part comes from the train pairs
(`ecbplus_train_doc_pairs.jsonl`: 7 of its 25 topics); score both files. Splitting the dev
file by document or by sub-topic pair instead would put one happening's documents on both
sides (or make a part all "same" or all "different"), and its topics have all been read.
`--errors` prints look pairs only.

The product path: the documents of each topic are also written, one transaction each as
`eventwire ingest` does, into a new store, and two documents are "same" by the store's
grouping: `store happening` when they share a happening (`store.happenings`, the batch
clustering the store runs over each window of days; ECB+ gives no dates, so a topic is one
window), `store event` when one stored event has mentions in both (cross-article event
links, which need the happening and the mention rules of `store.matching`; ECB+ gives no
publication dates and mentions without a date never link, so this one finds few pairs).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluation.common import (
    Report,
    f1,
    gold_article,
    load_jsonl,
    ratio,
    split_of,
    split_scores,
    split_table,
)
from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline
from eventwire.store import Store, connect
from eventwire.store.dedup import DedupConfig, cluster_documents
from eventwire.store.ingest_service import Ingest
from eventwire.store.matching import person_words

Pair = tuple[str, str]


def docs_path(pairs: Path) -> Path:
    """The documents file beside a pairs file (`..._doc_pairs.jsonl` → `..._docs.jsonl`)."""
    return pairs.with_name(pairs.name.replace("_doc_pairs", "_docs"))


def pair_scores(gold: dict[Pair, bool], predicted: dict[Pair, bool]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of "same event" over the gold pairs.

    A gold pair missing from `predicted` counts as "not same"; no gold pairs score 0.
    """
    tp = sum(1 for pair, same in gold.items() if same and predicted.get(pair, False))
    fp = sum(1 for pair, same in gold.items() if not same and predicted.get(pair, False))
    fn = sum(1 for pair, same in gold.items() if same and not predicted.get(pair, False))
    right = sum(1 for pair, same in gold.items() if predicted.get(pair, False) == same)
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall),
            "accuracy": ratio(right, len(gold)), "pairs": float(len(gold)),
            "gold_same": float(tp + fn)}


def stored_pairs(articles: list[Article], config: DedupConfig) -> dict[str, set[Pair]]:
    """Write `articles` into a new store (one transaction each, in order, as `eventwire
    ingest` does) and read back the pairs of articles (sorted ids) that share a happening
    and that share an event; a syndicated copy (same text) goes with its original."""
    with tempfile.TemporaryDirectory(prefix="eventwire-dedup-") as folder:
        path = Path(folder) / "topic.db"
        with Store(path, config) as store, Ingest(store) as service:
            for article in articles:
                service.write(article)
            service.finish()
        db = connect(path, readonly=True)
        try:
            copies = {str(row[0]): str(row[1]) for row in db.execute(
                "SELECT id, original_id FROM article_copies")}
            found: dict[str, set[Pair]] = {}
            for name, query in (
                    ("store happening", "SELECT DISTINCT a.article_id, b.article_id "
                     "FROM happenings a JOIN happenings b ON a.happening = b.happening "
                     "AND a.article_id < b.article_id"),
                    ("store event", "SELECT DISTINCT a.article_id, b.article_id "
                     "FROM event_mentions a JOIN event_mentions b ON a.event_id = b.event_id "
                     "AND a.article_id < b.article_id")):
                found[name] = _with_copies({(str(row[0]), str(row[1]))
                                            for row in db.execute(query)}, copies)
        finally:
            db.close()
    return found


def _with_copies(pairs: set[Pair], copies: dict[str, str]) -> set[Pair]:
    """`pairs` with each copy paired with its original and with what its original is."""
    found = set(pairs)
    for copy, original in copies.items():
        found.add((min(copy, original), max(copy, original)))
        for pair in pairs:
            if original in pair:
                other = pair[1] if pair[0] == original else pair[0]
                found.add((min(copy, other), max(copy, other)))
    return found


def _load(path: Path, limit: int | None
          ) -> tuple[dict[Pair, bool], dict[str, dict[str, Any]], dict[Pair, str]]:
    rows = load_jsonl(path, limit)
    docs_file = docs_path(path)
    if docs_file == path or not docs_file.exists():
        raise InputError(str(path), f"documents file {docs_file.name} not found beside it")
    docs = {str(doc["id"]): doc for doc in load_jsonl(docs_file)}
    gold: dict[Pair, bool] = {}
    topics: dict[Pair, str] = {}
    for number, row in enumerate(rows, start=1):
        pair = (str(row["doc_a"]), str(row["doc_b"]))
        missing = [doc for doc in pair if doc not in docs]
        if missing:
            raise InputError(f"{path}:{number}", f"document(s) {missing} not in {docs_file.name}")
        gold[pair] = bool(row["gold"]["same_event"])
        topics[pair] = str(row.get("topic", pair[0]))
    return gold, docs, topics


def evaluate(gold_files: list[Path], pipeline: Pipeline, limit: int | None,
             errors: int) -> Report:
    config = DedupConfig()
    gold: dict[Pair, bool] = {}
    docs: dict[str, dict[str, Any]] = {}
    topics: dict[Pair, str] = {}
    for path in gold_files:
        file_gold, file_docs, file_topics = _load(path, limit)
        gold.update(file_gold)
        docs.update(file_docs)
        topics.update(file_topics)
    needed = sorted({doc for pair in gold for doc in pair})
    articles: dict[str, Article] = {
        article.id: article for article in pipeline.run(
            gold_article(doc, docs[doc]["text"], docs[doc].get("published")) for doc in needed)}
    batches: dict[str, set[str]] = {}
    for pair, topic in topics.items():
        batches.setdefault(topic, set()).update(pair)
    group: dict[str, tuple[str, int]] = {}
    for topic, members in batches.items():
        ordered = sorted(members)
        labels = cluster_documents([articles[doc].text for doc in ordered], config,
                                   [person_words(articles[doc]) for doc in ordered])
        group.update((doc, (topic, label)) for doc, label in zip(ordered, labels, strict=True))
    stored: dict[str, set[Pair]] = {"store happening": set(), "store event": set()}
    for members in batches.values():
        for name, found in stored_pairs([articles[doc] for doc in sorted(members)],
                                        config).items():
            stored[name] |= found
    predicted: dict[Pair, bool] = {}
    decided = right = 0
    mistakes: list[str] = []
    for pair, same in gold.items():
        predicted[pair] = group[pair[0]] == group[pair[1]]
        decided += int(predicted[pair])
        right += int(predicted[pair] and same)
        if (predicted[pair] != same and len(mistakes) < errors
                and split_of(topics[pair]) == "look"):
            kind = "false positive" if predicted[pair] else "missed"
            texts = " || ".join(" ".join(articles[doc].text.split())[:140] for doc in pair)
            mistakes.append(f"{kind} {pair[0]} ~ {pair[1]}: {texts}")
    pairs = list(gold)
    scores = split_scores(pairs, topics.__getitem__,
                          lambda chosen: pair_scores({p: gold[p] for p in chosen}, predicted))
    table: list[list[Any]] = [["rule", "decided same", "right"], ["cluster", decided, right]]
    tables = {"decisions by rule": table,
              "look / untouched (by topic; n = pairs)": split_table(scores)}
    for name, together in stored.items():
        path_scores = split_scores(pairs, topics.__getitem__,
                                   _scorer(gold, _stored_decisions(gold, together)))
        scores.update({f"{name.replace(' ', '_')}.{key}": value
                       for key, value in path_scores.items()})
        tables[f"product path, {name} (by topic; n = pairs)"] = split_table(path_scores)
    return Report(task="dedup", gold=[str(p) for p in gold_files], n=len(gold),
                  metrics=scores, tables=tables, errors=mistakes)


def _stored_decisions(gold: dict[Pair, bool], pairs: set[Pair]) -> dict[Pair, bool]:
    """Each gold pair: whether the store put its documents together (either order)."""
    return {pair: (min(pair), max(pair)) in pairs for pair in gold}


def _scorer(gold: dict[Pair, bool], predicted: dict[Pair, bool]
            ) -> Callable[[Sequence[Pair]], dict[str, float]]:
    return lambda chosen: pair_scores({pair: gold[pair] for pair in chosen}, predicted)
