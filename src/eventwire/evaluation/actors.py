"""`eventwire eval actors`: country and sector accuracy of source/target actors.

Gold: `events/plover_gsr_dev.jsonl` (PLOVER gold-standard sentences). Each record's
`gold.source` and `gold.target` list actors as `{"text", "code", "sector"}`. The gold text
is located in the sentence (the first occurrence; an elided text "U.S. ... negotiators"
spans from its first to its last piece); the predicted actor is the one whose mention
entity overlaps that span the most (ties: the shorter entity), as `mentions.entity_at`.

Scoring conventions (the gold uses CAMEO-era codes):
- country: legacy codes ITL, JAP, VTN are read as ITA, JPN, VNM. The non-state codes IGO
  and NGO are correct when the predicted actor has no country and sector IGO or NGO (our
  convention for international bodies); IMG/ISM (international militant groups) are
  correct when the predicted actor has no country.
- sector: the first three letters of the gold code count ("REBalb" → REB, "JRNCHR" → JRN);
  CAMEO MED (medical in this data) is HLH, CIV is CVL, MOS/CHR are REL; "***" and null
  are skipped. A sector is correct when it is among the predicted actor's sectors.
- a gold actor with no overlapping predicted actor counts as wrong in the headline
  accuracies; the `*_matched` variants score only covered actors.

Every metric is also reported for the look and untouched parts, split by sentence id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.common import (
    Report,
    context,
    gold_article,
    load_jsonl,
    overlap,
    ratio,
    split_scores,
    split_table,
)
from eventwire.model import EVENT_ROLES, Actor, Article
from eventwire.pipeline.runner import Pipeline

LEGACY = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
NON_STATE = {"IGO": {"IGO", "NGO"}, "NGO": {"IGO", "NGO"}, "IMG": set(), "ISM": set()}
SECTOR_ALIASES = {"MED": "HLH", "CIV": "CVL", "MOS": "REL", "CHR": "REL"}
ROLES = EVENT_ROLES


@dataclass(frozen=True)
class Outcome:
    """How one gold actor fared."""

    role: str
    text: str
    gold_country: str
    gold_sector: str | None
    span: tuple[int, int] | None
    actor: Actor | None
    country_ok: bool
    sector_ok: bool | None


def locate(text: str, wanted: str) -> tuple[int, int] | None:
    """Where the gold text is in the sentence (elisions '..' / '...' allowed)."""
    wanted = " ".join(wanted.split())
    at = text.find(wanted)
    if at >= 0:
        return at, at + len(wanted)
    pieces = [p.strip() for p in wanted.replace("...", "..").split("..") if p.strip()]
    if len(pieces) >= 2:
        first = text.find(pieces[0])
        last = text.find(pieces[-1], max(first, 0))
        if first >= 0 and last >= 0:
            return first, last + len(pieces[-1])
    lowered = text.lower().find(wanted.lower())
    return (lowered, lowered + len(wanted)) if lowered >= 0 else None


def predicted_actor(article: Article, span: tuple[int, int]) -> Actor | None:
    """The actor whose mention overlaps the span most (ties: the shorter mention)."""
    actors = {a.id: a for a in article.actors}
    best: Actor | None = None
    best_key = (0, 0)
    for entity in article.entities:
        if entity.actor is None or entity.actor not in actors:
            continue
        shared = overlap(span, (entity.start, entity.end))
        key = (shared, -(entity.end - entity.start))
        if shared > 0 and key > best_key:
            best, best_key = actors[entity.actor], key
    return best


def gold_sector(sector: str | None) -> str | None:
    if not sector or sector.startswith("*"):
        return None
    code = sector[:3].upper()
    return SECTOR_ALIASES.get(code, code)


def country_correct(code: str, actor: Actor | None) -> bool:
    if actor is None:
        return False
    code = LEGACY.get(code, code)
    if code in NON_STATE:
        wanted = NON_STATE[code]
        return actor.country is None and (not wanted or bool(wanted & set(actor.sectors)))
    return actor.country == code


def score_record(record: dict[str, Any], article: Article) -> list[Outcome]:
    outcomes: list[Outcome] = []
    gold = record.get("gold") or {}
    for role in ROLES:
        for item in gold.get(role) or []:
            span = locate(article.text, str(item.get("text", "")))
            actor = predicted_actor(article, span) if span else None
            sector = gold_sector(item.get("sector"))
            sector_ok = None if sector is None else (actor is not None
                                                     and sector in actor.sectors)
            outcomes.append(Outcome(role, str(item.get("text", "")), str(item.get("code")),
                                    sector, span, actor,
                                    country_correct(str(item.get("code")), actor), sector_ok))
    return outcomes


def summarize(outcomes: list[Outcome]) -> dict[str, float]:
    """Coverage, country and sector accuracy, overall and by role."""
    metrics: dict[str, float] = {}
    for role in (None, *ROLES):
        rows = [o for o in outcomes if role is None or o.role == role]
        prefix = "" if role is None else f"{role}_"
        covered = [o for o in rows if o.actor is not None]
        sectored = [o for o in rows if o.sector_ok is not None]
        sectored_hit = [o for o in sectored if o.actor is not None]
        metrics[f"{prefix}n"] = float(len(rows))
        metrics[f"{prefix}coverage"] = ratio(len(covered), len(rows))
        metrics[f"{prefix}country"] = ratio(sum(o.country_ok for o in rows), len(rows))
        metrics[f"{prefix}sector"] = ratio(sum(bool(o.sector_ok) for o in sectored),
                                           len(sectored))
        metrics[f"{prefix}country_matched"] = ratio(sum(o.country_ok for o in covered),
                                                    len(covered))
        metrics[f"{prefix}sector_matched"] = ratio(sum(bool(o.sector_ok) for o in sectored_hit),
                                                   len(sectored_hit))
    return {k: round(v, 4) for k, v in metrics.items()}


def _describe(outcome: Outcome, text: str) -> str:
    actor = outcome.actor
    got = "no actor" if actor is None else \
        f"{actor.name!r} {actor.kind} {actor.country} {actor.sectors}"
    where = context(text, *outcome.span) if outcome.span else text[:160]
    return (f"{outcome.role} {outcome.text!r} gold {outcome.gold_country}/"
            f"{outcome.gold_sector} → {got} | {where}")


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    records: list[dict[str, Any]] = []
    for path in gold:
        records.extend(load_jsonl(path, limit))
    if limit is not None:
        records = records[:limit]
    articles = [gold_article(str(r.get("id")), str(r.get("text", "")), r.get("date"))
                for r in records]
    outcomes: list[tuple[str, Outcome]] = []
    misses: list[str] = []
    skipped = 0
    for record, article in zip(records, pipeline.run(articles), strict=True):
        found = score_record(record, article)
        if article.meta.skipped or article.meta.failure:
            skipped += 1
            misses.extend(f"record {article.id} not processed: "
                          f"{article.meta.skipped or article.meta.failure}" for _ in found[:1])
        outcomes.extend((article.id, outcome) for outcome in found)
        misses.extend(_describe(o, article.text) for o in found
                      if not o.country_ok or o.sector_ok is False)
    metrics = split_scores(outcomes, lambda item: item[0],
                           lambda chosen: summarize([o for _, o in chosen]))
    metrics["records_not_processed"] = float(skipped)
    table: list[list[Any]] = [["role", "n", "coverage", "country", "sector"]]
    for role in ("", *(f"{r}_" for r in ROLES)):
        table.append([role.rstrip("_") or "all", metrics[f"{role}n"],
                      metrics[f"{role}coverage"], metrics[f"{role}country"],
                      metrics[f"{role}sector"]])
    return Report(task="actors", gold=[str(p) for p in gold], n=len(records), metrics=metrics,
                  tables={"accuracy": table,
                          "look / untouched (by sentence id; n = gold actors)":
                              split_table(metrics)}, errors=misses[:errors])
