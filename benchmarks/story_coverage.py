"""Story-level event coverage on the synthetic NGEC stories, per PLOVER type.

    PYTHONPATH=src .venv/bin/python benchmarks/story_coverage.py [--split look|untouched|all]
        [--limit N] [--fast] [--json OUT]

Each story of ../shared/eval/dev/events/ngec_synthetic_stories.jsonl carries one gold PLOVER
type. For each story it reports whether SOME event has the gold type ("any"), whether the
most confident event has it ("top"), and the number of events per story. Only story ids are
printed, never story text (the untouched part must stay unread).

--fast parses with spaCy once (cached under /tmp) and runs only event detection and coding
(`events.detect`), without roles, confidence or the hazard filter: for quick iteration on
the lexicon. The default runs the full pipeline as `eventwire extract` does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from eventwire.evaluation.common import gold_article, load_jsonl, raw_pipeline, split_of

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT.parent / "shared" / "eval" / "dev" / "events" / "ngec_synthetic_stories.jsonl"


def pick(split: str, limit: int) -> list[dict[str, Any]]:
    rows = [r for r in load_jsonl(STORIES)
            if split == "all" or split_of(r["id"]) == split]
    # an even spread over types: round-robin by gold type, in file order
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_type[row["gold"]["event"]].append(row)
    chosen: list[dict[str, Any]] = []
    queues = [list(v) for _, v in sorted(by_type.items())]
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    return chosen


def fast_types(rows: list[dict[str, Any]]) -> list[list[tuple[str, float]]]:
    """(type, weight) of the detected candidates of each story, spaCy docs cached."""
    from spacy.tokens import DocBin

    from eventwire.events.detect import detect
    from eventwire.events.lexicon import load_lexicon
    from eventwire.nlp.parse import load_model
    from eventwire.settings import Settings

    settings = Settings()
    nlp = load_model(settings.model, settings.max_chars)
    key = hashlib.sha256(" ".join(r["id"] for r in rows).encode()).hexdigest()[:10]
    cache = Path(f"/tmp/story_coverage_{key}.spacy")
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe([r["text"] for r in rows], batch_size=32))
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    lexicon = load_lexicon()
    out: list[list[tuple[str, float]]] = []
    for doc in docs:
        found: list[tuple[str, float]] = []
        for sentence in doc.sents:
            for c in detect(sentence, lexicon):
                if c.modal is not None and not c.modal.negated and c.type:
                    found.append((c.type, c.weight))
        out.append(found)
    return out


def full_types(rows: list[dict[str, Any]]) -> list[list[tuple[str, float]]]:
    pipeline = raw_pipeline()
    articles = [gold_article(r["id"], r["text"], None) for r in rows]
    out: list[list[tuple[str, float]]] = []
    for article in pipeline.run(articles):
        out.append([(e.type, e.confidence) for e in article.events if not e.negated])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["look", "untouched", "all"], default="look")
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--misses", type=str, default="",
                        help="print ids of look stories of this type with no gold-type event")
    args = parser.parse_args(argv)
    rows = pick(args.split, args.limit)
    began = time.perf_counter()
    found = fast_types(rows) if args.fast else full_types(rows)
    seconds = time.perf_counter() - began
    hit: Counter[str] = Counter()
    top: Counter[str] = Counter()
    total: Counter[str] = Counter()
    events = 0
    for row, types in zip(rows, found, strict=True):
        gold = row["gold"]["event"]
        total[gold] += 1
        events += len(types)
        if any(t == gold for t, _ in types):
            hit[gold] += 1
        elif args.misses == gold and split_of(row["id"]) == "look":
            print("miss", row["id"])
        if types and max(types, key=lambda p: p[1])[0] == gold:
            top[gold] += 1
    n = sum(total.values())
    print(f"{'type':<10} {'n':>4} {'any':>6} {'top':>6}")
    for kind in sorted(total):
        print(f"{kind:<10} {total[kind]:>4} {hit[kind] / total[kind]:>6.2f} "
              f"{top[kind] / total[kind]:>6.2f}")
    summary = {"split": args.split, "n": n, "fast": args.fast,
               "any": round(sum(hit.values()) / n, 3), "top": round(sum(top.values()) / n, 3),
               "events_per_story": round(events / n, 2), "seconds": round(seconds, 1),
               "per_type_any": {k: round(hit[k] / total[k], 3) for k in sorted(total)}}
    print(f"{'ALL':<10} {n:>4} {summary['any']:>6.2f} {summary['top']:>6.2f}   "
          f"events/story {summary['events_per_story']}  ({summary['seconds']} s)")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
