"""False-positive rate of event coding on non-political sentences.

    PYTHONPATH=src .venv/bin/python benchmarks/nonpolitical_fp.py [--show]

Reads benchmarks/data/nonpolitical_sentences.tsv (disasters, accidents, disease, ordinary
crime, sports, markets, weather; written for this benchmark) and runs the full pipeline on
each sentence as its own article. A sentence with any asserted (not negated) event is a
false positive. Also reports, on the "look" part of the dev PLOVER sentences, the mean
number of events per sentence and the share of those events whose type is not the gold
type (extra events).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from eventwire.evaluation.common import gold_article, load_jsonl, raw_pipeline, split_of
from eventwire.evaluation.events import gold_type

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = ROOT / "benchmarks" / "data" / "nonpolitical_sentences.tsv"
GOLD = ROOT.parent / "shared" / "eval" / "dev" / "events" / "plover_gsr_dev.jsonl"


def read_sentences(path: Path = SENTENCES) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, sentence = line.split("\t", 1)
            rows.append((category, sentence))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each false positive")
    parser.add_argument("--sentences", type=Path, default=SENTENCES,
                        help="table to read (default: the written set; "
                        "benchmarks/data/nonpolitical_heldout.tsv is the held-out one)")
    parser.add_argument("--no-dev", action="store_true", help="skip the dev look sentences")
    args = parser.parse_args(argv)
    rows = read_sentences(args.sentences)
    pipeline = raw_pipeline()
    articles = [gold_article(f"np{i}", text, None) for i, (_, text) in enumerate(rows)]
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (category, text), article in zip(rows, pipeline.run(articles), strict=True):
        total[category] += 1
        live = [e for e in article.events if not e.negated and e.modality == "asserted"]
        if live:
            hits[category] += 1
            if args.show:
                print(f"FP {category}: {[(e.type, e.trigger.text) for e in live]}  {text}")
    for category in sorted(total):
        print(f"{category:<10} {hits[category]:>3}/{total[category]:<3} "
              f"{hits[category] / total[category]:.2f}")
    n = sum(total.values())
    print(f"{'ALL':<10} {sum(hits.values()):>3}/{n:<3} {sum(hits.values()) / n:.2f}")
    if GOLD.is_file() and not args.no_dev:
        records = [r for r in load_jsonl(GOLD) if split_of(r["id"]) == "look"]
        gold = [gold_article(str(r["id"]), r["text"], r.get("date")) for r in records]
        events = extra = 0
        for record, article in zip(records, pipeline.run(gold), strict=True):
            live = [e for e in article.events if not e.negated]
            events += len(live)
            extra += sum(1 for e in live if e.type != gold_type(record))
        print(f"dev look sentences: {len(records)}, events/sentence "
              f"{events / len(records):.2f}, share of events not of the gold type "
              f"{extra / max(events, 1):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
