"""PLOVER type accuracy / macro-F1 of the top event on the dev sentences, by dev split.

    PYTHONPATH=src .venv/bin/python benchmarks/event_split_scores.py [--gold FILE] [--look-errors]

Splits come from `evaluation.common.split_of` (30% "untouched", fixed by id hash). Only
scores are printed for the untouched part; --look-errors prints the misses of the look part
(id, gold, predicted and text) for rule writing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire.evaluation.common import raw_pipeline, split_of
from eventwire.evaluation.events import gold_type, run, score_items, top_event

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "dev" / "events" / "plover_gsr_dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--look-errors", action="store_true")
    parser.add_argument("--predictions", type=Path,
                        help="write id, split, gold and predicted type (no text) as JSON")
    args = parser.parse_args(argv)
    done = run([args.gold], raw_pipeline(), None)
    items = [(r, a, top_event(a)) for r, a in done]
    for name in ("all", "look", "untouched"):
        part = [i for i in items if name == "all" or split_of(i[0]["id"]) == name]
        m = score_items(part)
        print(f"{name:<10} n={len(part):>4} accuracy={m['accuracy']:.3f} "
              f"macro_f1={m['macro_f1']:.3f} src_country={m['source_country_accuracy']:.3f} "
              f"tgt_country={m['target_country_accuracy']:.3f}")
    if args.predictions:
        args.predictions.write_text(json.dumps(
            {str(r["id"]): [split_of(r["id"]), gold_type(r), e.type if e else "NONE"]
             for r, _, e in items}, indent=0) + "\n", encoding="utf-8")
    if args.look_errors:
        for record, article, event in items:
            if split_of(record["id"]) != "look":
                continue
            predicted = event.type if event is not None else "NONE"
            if predicted != gold_type(record):
                others = sorted({e.type for e in article.events if not e.negated})
                print(f"{record['id']}\tgold={gold_type(record)}\tpred={predicted}\t"
                      f"all={others}\t{record['text'][:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
