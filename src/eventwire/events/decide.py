"""Decide, don't just detect: which rule candidates are real political events, of which type.

The lexicon rules (events/detect.py) find candidates; a learned decision over their
evidence (events/features.py) says what survives. Two small linear models, both in
data/events/event_decision.json, fitted by `eventwire calibrate --decision`
(eventwire.evaluation.decision) on the look part of the whole-article gold:

1. `prepare`, for each candidate before the mentions are merged: a multinomial logistic
   model over the candidate's features gives P(type) for each of the 16 PLOVER types and
   NONE (not a political event); mentions are then merged (events/merge.py) by their
   rule type. `settle`, once merged: each event takes the most probable PLOVER type of its
   mentions' mean probabilities (re-typing "tariffs" from ASSAULT to SANCTION, and "the
   call" together with "a phone call"); one whose best type has a probability under the
   model's `floor` is dropped. The probabilities stay in the row (`p_type`, `p_none`,
   `margin`, `retyped`).
2. `conclude`, for each event after merging: a logistic model over those probabilities
   and what merging and the article say (mentions, other events of the type in the same
   sentence or earlier, stronger ones of the type nearby or by the same source, re-typed
   or not, modality; a near stronger one with the same trigger lemma, or this one a
   definite back-reference: "the attack") gives the event's confidence, the
   calibrated probability that "this event is real and correctly typed" as the article
   scoring counts it (duplicates are wrong). Events under the threshold are dropped (the
   setting `event_threshold`; None: the model's own, chosen on cross-fitted look data),
   except, in a story, the most confident event of a type none of whose events reaches the
   threshold when it reaches the model's `rescue` (`kept_at`: a rare type told once in a
   story, "a ceasefire", is what the document-type figure counts, and a type's first
   telling is rarely a duplicate); a threshold set by hand is strict.

Short inputs (under `ARTICLE_SENTENCES` sentences: the sentence-level dev sets, snippets)
are a regime of their own: every sentence there is chosen for its event, so nothing is
dropped and, unless the model says `single` (re-type them too), the rule types and the
sentence-level confidences (events.confidence) stand.
Without a model file the rules' output stands (confidence from events.confidence).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.data import read_json
from eventwire.events.confidence import sigmoid
from eventwire.model import Article, Event, Mention
from eventwire.nlp.english import PERSONAL_PRONOUNS

DECISION = "events/event_decision.json"
NONE = "NONE"
CLIP = 6.0
# The decision is trained on whole articles (9 to 60 sentences); shorter inputs (single
# sentences, snippets) keep the rules' types and the sentence-level confidence.
ARTICLE_SENTENCES = 5
# Stage-2 duplicate features: a stronger event of the same type told within this many
# event sentences, or by the same source, makes an event likely a retelling (a duplicate).
NEAR_SENTENCES = 1
WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class TypeModel:
    """Multinomial logistic regression over sparse named features, plus `keep`: weights of
    features that speak for the rule's own type (added to that type's score only), so that
    re-typing is what the evidence asks for, not the default."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]
    keep: Mapping[str, float]

    @cached_property
    def _columns(self) -> tuple[dict[str, int], np.ndarray]:
        """Each weighted feature's row number in one matrix of the weight columns."""
        numbers = {name: number for number, name in enumerate(self.weights)}
        matrix = np.array(list(self.weights.values()), dtype=float)
        return numbers, matrix.reshape(len(numbers), len(self.classes))

    def probabilities(self, row: Mapping[str, float], rule: str | None = None) -> list[float]:
        numbers, matrix = self._columns
        used = [(number, value) for name, value in row.items()
                if (number := numbers.get(name)) is not None and value]
        terms = matrix[[number for number, _ in used]] \
            * np.array([value for _, value in used], dtype=float)[:, None]
        # the bias plus each term in row order, one addition at a time (an accumulation, not
        # a pairwise sum): the same sums, in the same order, as a loop over the row
        totals: list[float] = np.add.accumulate(
            np.vstack([np.array(self.bias, dtype=float), terms]), axis=0)[-1].tolist()
        if rule in self.classes:
            own = self.classes.index(rule)
            totals[own] += sum(w * row.get(name, 0.0) for name, w in self.keep.items())
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return [e / norm for e in exps]


@dataclass(frozen=True)
class Decision:
    """The two models, the pre-merge floor and the chosen threshold."""

    types: TypeModel
    final: Mapping[str, float]
    floor: float
    threshold: float
    single: bool
    rescue: float | None = None


def from_dict(data: Mapping[str, object]) -> Decision:
    """A decision model from its JSON form (see `to_dict`)."""
    types = data["types"]
    if not isinstance(types, Mapping):
        raise ValueError("event decision model: 'types' must be an object")
    weights = {str(k): tuple(float(x) for x in v) for k, v in types["weights"].items()}
    if any(len(column) != len(types["classes"]) for column in weights.values()) \
            or len(types["bias"]) != len(types["classes"]):
        raise ValueError("event decision model: every weight column and the bias need one "
                         "value per class")
    final = data["final"]
    if not isinstance(final, Mapping):
        raise ValueError("event decision model: 'final' must be an object")
    keep = {str(k): float(v) for k, v in types.get("keep", {}).items()}
    return Decision(types=TypeModel(tuple(types["classes"]), tuple(types["bias"]), weights,
                                    keep),
                    final={str(k): float(v) for k, v in final.items()},
                    floor=float(str(data["floor"])), threshold=float(str(data["threshold"])),
                    single=bool(data.get("single", False)),
                    rescue=None if data.get("rescue") is None else float(str(data["rescue"])))


def to_dict(decision: Decision) -> dict[str, object]:
    return {"floor": decision.floor, "threshold": decision.threshold, "single": decision.single,
            "rescue": decision.rescue,
            "final": dict(decision.final),
            "types": {"classes": list(decision.types.classes), "bias": list(decision.types.bias),
                      "keep": dict(decision.types.keep),
                      "weights": {k: list(v) for k, v in sorted(decision.types.weights.items())}}}


@lru_cache(maxsize=1)
def decision_model() -> Decision | None:
    """The shipped decision model, or None when the package has none."""
    try:
        data = read_json(DECISION)
    except FileNotFoundError:
        return None
    return from_dict(data)


def short_input(sentences: int) -> bool:
    """Whether an input of this many sentences is outside the decision's regime."""
    return sentences < ARTICLE_SENTENCES


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-CLIP, min(CLIP, math.log(p / (1 - p))))


Vectors = dict[int, list[float]]


def prepare(article: Article, table: dict[str, dict[str, float]], decision: Decision,
            single: bool) -> Vectors:
    """Stage 1a, before merging: the type probabilities of each candidate, by trigger
    start. Types and confidences are left alone: mentions merge by their rule type and
    merging picks the best mention by the rules' confidence (events.confidence)."""
    found: Vectors = {}
    if single and not decision.single:
        return found
    for event in article.events:
        row = table.get(event.id)
        if row is not None:
            found[event.trigger.start] = decision.types.probabilities(row, event.type)
    return found


def settle(article: Article, table: dict[str, dict[str, float]], decision: Decision,
           found: Vectors, single: bool) -> None:
    """Stage 1b, after merging: each event (one happening, all its mentions) takes the most
    probable PLOVER type of its mentions' mean probabilities; one whose best type is under
    the model's `floor` is dropped."""
    if not found:
        return
    classes = decision.types.classes
    kept = []
    for event in article.events:
        row = table.get(event.id)
        vectors = [found[m.trigger.start] for m in event.mentions if m.trigger.start in found]
        vectors = vectors or [found[s] for s in (event.trigger.start,) if s in found]
        if row is None or not vectors:
            kept.append(event)
            continue
        probs = [sum(column) / len(vectors) for column in zip(*vectors, strict=True)]
        ranked = sorted((p, c) for p, c in zip(probs, classes, strict=True) if c != NONE)
        best_p, best = ranked[-1]
        row["p_type"] = best_p
        row["p_none"] = probs[classes.index(NONE)] if NONE in classes else 0.0
        row["margin"] = best_p - ranked[-2][0] if len(ranked) > 1 else best_p
        row["retyped"] = float(best != event.type)
        if best_p < decision.floor and not single:
            table.pop(event.id, None)
            continue
        update: dict[str, object] = {"confidence": round(best_p, 3)}
        if best != event.type:
            update.update(type=best, mode=None)
        kept.append(event.model_copy(update=update))
    article.events[:] = kept


def final_features(article: Article, table: dict[str, dict[str, float]]) -> None:
    """Stage 2 features of each merged event: its probabilities and what merging said."""
    def strength(event: Event) -> tuple[float, int]:
        row = table.get(event.id, {})
        return -row.get("p_type", event.confidence), event.trigger.start

    ranked = sorted(article.events, key=strength)
    order = _sentence_order(article.events)
    seen_sentence: dict[tuple[str, int], int] = {}
    seen_type: dict[str, int] = {}
    stronger: dict[str, list[Event]] = {}
    for event in ranked:
        row = table.get(event.id)
        if row is None:
            continue
        key = (event.type, event.sentence.start)
        row["f_bias"] = 1.0
        row["f_logit"] = _logit(row.get("p_type", event.confidence))
        row["f_none"] = row.get("p_none", 0.0)
        row["f_margin"] = row.get("margin", 0.0)
        row["f_retyped"] = row.get("retyped", 0.0)
        row["f_mentions"] = math.log(max(1, len(event.mentions)))
        row["f_same_sentence"] = float(seen_sentence.get(key, 0) > 0)
        row["f_same_type"] = math.log(1 + seen_type.get(event.type, 0))
        row["f_negated"] = float(event.negated)
        row["f_non_asserted"] = float(event.modality != "asserted")
        row["f_reported"] = float(event.reported_by is not None)
        row["f_historical"] = float(event.historical)
        before = stronger.get(event.type, [])
        row["f_dup_source"] = float(any(_same_actor(event.source, e.source) for e in before))
        row["f_dup_near"] = float(any(_near(event, e, order) for e in before))
        row.update(_retelling(row, [e for e in before if _near(event, e, order)], table))
        seen_sentence[key] = seen_sentence.get(key, 0) + 1
        seen_type[event.type] = seen_type.get(event.type, 0) + 1
        stronger.setdefault(event.type, []).append(event)


def _sentence_order(events: Sequence[Event]) -> dict[int, int]:
    """The rank of each sentence (by its start) among the sentences that tell an event."""
    starts = sorted({m.sentence.start for e in events for m in e.mentions}
                    | {e.sentence.start for e in events})
    return {start: index for index, start in enumerate(starts)}


def _near(event: Event, other: Event, order: Mapping[int, int]) -> bool:
    """Whether a mention of `event` is within NEAR_SENTENCES of one of `other`, counting the
    sentences that tell events."""
    mine = {order[m.sentence.start] for m in event.mentions} | {order[event.sentence.start]}
    theirs = {order[m.sentence.start] for m in other.mentions} | {order[other.sentence.start]}
    return any(abs(a - b) <= NEAR_SENTENCES for a in mine for b in theirs)


def _lemma(row: Mapping[str, float]) -> str | None:
    return next((name[4:] for name in row if name.startswith("lem=")), None)


def _retelling(row: Mapping[str, float], near: Sequence[Event],
               table: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """What tells a weaker event a retelling of a stronger one of its type told near it
    (`near`): the same trigger lemma ("killed" ... "killed") or a definite back-reference
    ("the attack", "the call"). Tried and left out, for they did not help the cross-fitted
    look F1: the same target, an explicit date none of them has, "also"/"another"/"second"
    near the trigger (in this gold "also" goes with duplicates as often as with new events)
    and "past"/"earlier"."""
    if not near:
        return {}
    lemma = _lemma(row)
    return {"f_dup_lemma": float(lemma is not None and any(
                _lemma(table.get(e.id, {})) == lemma for e in near)),
            "f_dup_definite": row.get("definite", 0.0)}


def _words(text: str) -> set[str]:
    """The words of a name that can tell it: no stop word, pronoun or title ("Mr")."""
    return {w for w in WORD.findall(text.lower()) if len(w) > 2} - STOP_WORDS - PERSONAL_PRONOUNS


def _same_actor(one: Mention | None, other: Mention | None) -> bool:
    """Whether two role mentions name the same actor: the same resolved actor, or a shared
    word of their names (neither a pronoun)."""
    if one is None or other is None:
        return False
    if one.actor is not None and one.actor == other.actor:
        return True
    return bool(_words(one.text) & _words(other.text))


def final_score(row: Mapping[str, float], final: Mapping[str, float]) -> float:
    return sigmoid(sum(weight * row.get(name, 0.0) for name, weight in final.items()))


def conclude(article: Article, table: dict[str, dict[str, float]], decision: Decision,
             threshold: float | None, single: bool) -> None:
    """Stage 2: the calibrated confidence of each merged event; drop those under threshold."""
    if single and not decision.single:
        return
    final_features(article, table)
    cut = decision.threshold if threshold is None else threshold
    values = [final_score(table[e.id], decision.final) if e.id in table else e.confidence
              for e in article.events]
    keep = kept_at([(v, e.type) for v, e in zip(values, article.events, strict=True)], cut,
                   decision.rescue if threshold is None else None)
    kept = []
    for event, value, wanted in zip(article.events, values, keep, strict=True):
        if not wanted and not single:
            table.pop(event.id, None)
            continue
        kept.append(event.model_copy(update={"confidence": round(value, 3)}))
    moved: dict[str, dict[str, float]] = {}
    for number, event in enumerate(kept, start=1):
        if event.id in table:
            moved[f"v{number}"] = table[event.id]
        kept[number - 1] = event.model_copy(update={"id": f"v{number}"})
    article.events[:] = kept
    table.clear()
    table.update(moved)


def kept_at(points: Sequence[tuple[float, str]], cut: float,
            rescue: float | None) -> list[bool]:
    """Which of a story's events, given as (confidence, type), are kept: those at `cut` or
    over and, of each type none of whose events reaches `cut`, the most confident (the
    first of equals) when it reaches `rescue` (None: no such rescue)."""
    kept = [value >= cut for value, _ in points]
    if rescue is None or rescue >= cut:
        return kept
    told = {kind for (_, kind), wanted in zip(points, kept, strict=True) if wanted}
    best: dict[str, int] = {}
    for index, (value, kind) in enumerate(points):
        if kind not in told and value >= rescue and (
                kind not in best or value > points[best[kind]][0]):
            best[kind] = index
    for index in best.values():
        kept[index] = True
    return kept
