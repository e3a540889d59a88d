"""The learned role filler: an actor for a source or target the rules left empty or filled
with words that name no one ("the decision", "the move").

After the decision (events/decide.py), each event whose source or target has no actor
ranks the actor mentions of its sentence (names, nominals and pronouns the actors stage
resolved; for a source also the main subject of the sentence before) with a small logistic
model over features of the candidate: the dependency path to the trigger, the relation
and preposition heading it, its side of the trigger and distance, its rank among the
candidates on that side, its entity label, whether its actor has a country, whether it is
the event's other role already, whether it is the speaker or the one told of the words the
event is told in (events/reporters.py; the speaker is never a target candidate), what the
rules left in the role (its tag, whether it holds the candidate), and the event's type and
type group. The best candidate fills the role
when its probability reaches the threshold chosen on cross-fitted look data for that role
and what the rules left in it (nothing, or words with no actor); a pronoun or nominal is
written with its actor's most specific name (`resolution.settle`), so every filled role
carries its own character offsets. Words with no actor that name a counted group ("11 coal
miners", "many other democracies") are kept, as the gold coders write them; a name in the
opening dateline is never a candidate, and a place named as the setting ("in Syria") is
marked by the `locative` feature.

Model: data/events/role_filler.json, fitted by `eventwire calibrate --roles`
(evaluation/role_fit.py). Filling runs after the decision, so the decision's features
never see it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, get_args

from eventwire.data import read_json
from eventwire.events.reporters import Reporting, reporting
from eventwire.events.resolution import settle
from eventwire.events.type_groups import COOPERATIVE, MATERIAL_CONFLICT, VERBAL
from eventwire.model import Article, Entity, Event, Mention
from eventwire.nlp.english import (
    ACTIVE_SUBJECTS,
    LOCATIVE_PREPS,
    PLACE_LABELS,
    PREP_OBJECTS,
)
from eventwire.nlp.syntax import counted_group, is_locative, written_name
from eventwire.places.candidates import DATELINE_PATTERN

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

MODEL = "events/role_filler.json"
Role = Literal["source", "target"]
ROLES: tuple[Role, ...] = get_args(Role)
PATH_STEPS = 4  # longer halves of a dependency path are written "long"
DISTANCE_BINS = (1, 3, 6, 10, 20)
CLIP = 30.0
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class RoleModel:
    """Weights of the logistic model (feature name -> weight), its bias and thresholds, one
    for each role and what the rules left in it ("source:none", "target:thing")."""

    weights: dict[str, float]
    bias: float
    thresholds: dict[str, float]

    def threshold(self, role: Role, current: Mention | None) -> float:
        return self.thresholds.get(f"{role}:{state(current)}", DEFAULT_THRESHOLD)

    def probability(self, row: dict[str, float]) -> float:
        score = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in row.items())
        return 1.0 / (1.0 + math.exp(-max(-CLIP, min(CLIP, score))))


@dataclass(frozen=True)
class Candidate:
    """One actor mention that may fill a role, with its feature row."""

    mention: Mention
    row: dict[str, float]


@lru_cache(maxsize=1)
def role_model() -> RoleModel | None:
    """The shipped role model, or None when the package has none."""
    try:
        data = read_json(MODEL)
    except FileNotFoundError:
        return None
    return RoleModel({str(k): float(v) for k, v in data["weights"].items()},
                     float(data["bias"]),
                     {str(k): float(v) for k, v in data["thresholds"].items()})


def open_role(mention: Mention | None, doc: Doc | None = None) -> bool:
    """A role the filler may fill: empty, or words that resolve to no actor and (with the
    parse) name no counted group ("11 coal miners", "many other democracies": the gold
    coders write such words though no actor stands behind them) and are no name ("IS",
    "Wasuge": a name stands for someone though no actor is known for it)."""
    if mention is None:
        return True
    root = _root(doc, mention.start, mention.end) if doc is not None else None
    return mention.actor is None and (root is None or not (counted_group(root)
                                                           or written_name(root)))


def dateline(text: str) -> tuple[int, int] | None:
    """Where the article's opening dateline is ("WASHINGTON —", "TRENTON, N.J. (AP) -"), at
    the start of the text or of the paragraph after the title."""
    match = DATELINE_PATTERN.search(text[:400])
    if match is None:
        return None
    title = text[:match.start(1)]
    if title.strip() and (not title.endswith("\n") or "\n\n" in title.strip()):
        return None
    return match.span(1)


def locative(head: Token, entity: Entity) -> bool:
    """A place named as where something is ("in Syria", "in Iraq and Syria", "at
    Guantanamo"), also as the possessor of the place phrase ("in Balochistan's Kalat
    district")."""
    if head.dep_ == "poss" and head.head.i != head.i:
        head = head.head
    return entity.label in PLACE_LABELS and is_locative(head, LOCATIVE_PREPS)


def state(mention: Mention | None) -> str:
    """What the rules gave a role: nothing, words with no actor ("thing"), an actor."""
    return "none" if mention is None else "thing" if mention.actor is None else "actor"


def decide(threshold: float, scored: list[tuple[Candidate, float]]) -> int | None:
    """The index of the best candidate when it reaches `threshold`."""
    if not scored:
        return None
    index = max(range(len(scored)), key=lambda n: scored[n][1])
    return index if scored[index][1] >= threshold else None


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _climb(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def path(candidate: Token, trigger: Token) -> tuple[str, str]:
    """The dependency path from the candidate up to the lowest common head and down to the
    trigger, as two strings of labels ("nsubj", "dobj>prep"); "x" across sentences."""
    up, down = _climb(candidate), _climb(trigger)
    common = {t.i for t in down}
    meet = next((t for t in up if t.i in common), None)
    if meet is None:
        return "x", "x"
    ups = [t.dep_ for t in up[:up.index(meet)]]
    downs = [t.dep_ for t in down[:[t.i for t in down].index(meet.i)]]
    return (">".join(ups) if len(ups) <= PATH_STEPS else "long",
            ">".join(downs) if len(downs) <= PATH_STEPS else "long")


def _bin(distance: int) -> str:
    return str(next((b for b in DISTANCE_BINS if distance <= b), "far"))


def _group(event_type: str) -> str:
    if event_type in VERBAL:
        return "verbal"
    if event_type in MATERIAL_CONFLICT:
        return "conflict"
    return "cooperative" if event_type in COOPERATIVE else "other"


def _known(article: Article, actor: str | None) -> bool:
    found = next((a for a in article.actors if a.id == actor), None)
    return found is not None and (found.country is not None or bool(found.sectors))


def _row(article: Article, event: Event, role: Role, head: Token, trigger: Token,
         entity: Entity, kind: str, told: Reporting) -> dict[str, float]:
    """The features of one candidate (all prefixed by the role, "s:" or "t:")."""
    other = event.target if role == "source" else event.source
    current = event.source if role == "source" else event.target
    up, down = path(head, trigger)
    side = "before" if head.i < trigger.i else "after"
    preposition = head.head.lower_ if head.dep_ in PREP_OBJECTS else "none"
    group = _group(event.type)
    names = {
        "bias", f"up={up}", f"path={up}|{down}", f"dep={head.dep_}", f"dep={head.dep_}|{group}",
        f"prep={preposition}", f"prep={preposition}|{group}", f"side={side}",
        f"side={side}|{group}", f"dist={_bin(abs(head.i - trigger.i))}",
        f"label={entity.label}", f"group={group}", f"type={event.type}",
        f"trigger={trigger.pos_}", f"current={state(current)}",
        f"up={up}|{trigger.pos_}", f"known={_known(article, entity.actor)}",
        f"other={other is not None and other.actor == entity.actor}",
        f"subject={head.dep_ in ACTIVE_SUBJECTS}|{side}",
        f"locative={locative(head, entity)}",
        f"speaker={head.i in told.speaker}", f"addressee={head.i in told.addressee}",
    }
    if current is not None:  # words with no actor: what they are, whether they hold it
        thing = _root(head.doc, current.start, current.end)
        names.add(f"thing={thing.tag_ if thing is not None else 'none'}|{group}")
        names.add(f"inside={current.start <= entity.start and entity.end <= current.end}")
    if kind != "sentence":  # the sentence before
        names = {"bias", kind, f"{kind}|{group}", f"label={entity.label}",
                 f"current={state(current)}",
                 f"known={_known(article, entity.actor)}",
                 f"other={other is not None and other.actor == entity.actor}"}
    prefix = role[0]
    return {f"{prefix}:{name}": 1.0 for name in names}


def _previous(doc: Doc, sentence: DocSpan) -> tuple[int, set[int]]:
    """Where the sentence before starts, and the token indexes of its main active subjects."""
    if sentence.start == 0:
        return sentence.start_char, set()
    before = doc[sentence.start - 1].sent
    return before.start_char, {t.i for t in before
                               if t.dep_ in ACTIVE_SUBJECTS and t.head == before.root}


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def partners(doc: Doc, other: Mention | None) -> set[int]:
    """The token indexes of the names coordinated with the other role ("Amirov and Omarov
    have pleaded not guilty": Omarov acts with Amirov, never on him)."""
    head = _root(doc, other.start, other.end) if other is not None else None
    if head is None:
        return set()
    first = _first_conjunct(head)
    return {t.i for t in first.subtree if t.i != head.i and (
        t == first or (t.dep_ == "conj" and _first_conjunct(t) == first))}


def candidates(article: Article, doc: Doc, event: Event, role: Role,
               other: Mention | None = None) -> list[Candidate]:
    """The actor mentions of the event's sentence (and, for a source, the main subject of
    the sentence before) that may fill `role`, with their features; none is the trigger's
    own words, the actor of `other` (the event's other role) nor a name coordinated with
    it, nor, for a target, the speaker of the words the event is told in or the one they
    are told to (events/reporters.py)."""
    trigger = _root(doc, event.trigger.start, event.trigger.end)
    if trigger is None:
        return []
    told = reporting(article, doc, event.trigger.start, event.trigger.end)
    coordinated = partners(doc, other)
    filed = dateline(article.text) or (0, 0)
    sentence = trigger.sent
    first, earlier = _previous(doc, sentence) if role == "source" else (sentence.start_char,
                                                                         set())
    found: list[tuple[Token, Entity, str]] = []
    for entity in article.entities:
        if entity.actor is None or entity.start < first or entity.end > sentence.end_char \
                or (other is not None and entity.actor == other.actor) \
                or (entity.start < event.trigger.end and event.trigger.start < entity.end) \
                or (filed[0] <= entity.start and entity.end <= filed[1]):
            continue
        head = _root(doc, entity.start, entity.end)
        previous = entity.start < sentence.start_char
        if head is None or (previous and head.i not in earlier) or head.i in coordinated \
                or (role == "target" and head.i in told.speaker | told.addressee):
            continue
        found.append((head, entity, "previous" if previous else "sentence"))
    # keep the outermost mention of nested ones ("Fijian rebels" over "Fijian")
    found = [f for f in found if not any(
        o[1].start <= f[1].start and f[1].end <= o[1].end
        and (o[1].start, o[1].end) != (f[1].start, f[1].end) for o in found)]
    left = sorted((f for f in found if f[0].i < trigger.i and f[2] == "sentence"),
                  key=lambda f: -f[0].i)
    right = sorted((f for f in found if f[0].i > trigger.i and f[2] == "sentence"),
                   key=lambda f: f[0].i)
    ranks = {id(f[1]): rank for side in (left, right) for rank, f in enumerate(side)}
    out: list[Candidate] = []
    for head, entity, kind in found:
        row = _row(article, event, role, head, trigger, entity, kind, told)
        if kind == "sentence":
            row[f"{role[0]}:rank={min(ranks.get(id(entity), 3), 3)}"] = 1.0
        settled = settle(article, Mention(text=entity.text, start=entity.start,
                                          end=entity.end, actor=entity.actor))
        if settled is not None:
            out.append(Candidate(settled, row))
    return out


def fill_roles(article: Article, doc: Doc, model: RoleModel | None) -> None:
    """Fill the open roles of every event from the best candidate at the threshold; a
    filled role never repeats the event's other role's actor."""
    if model is None:
        return
    for position, event in enumerate(article.events):
        update: dict[str, Mention] = {}
        for role in ROLES:
            current = getattr(event, role)
            if not open_role(current, doc):
                continue
            other = update.get("source") if role == "target" else None
            other = other or (event.target if role == "source" else event.source)
            scored = [(c, model.probability(c.row))
                      for c in candidates(article, doc, event, role, other)]
            index = decide(model.threshold(role, current), scored)
            if index is not None:
                update[role] = scored[index][0].mention
        if update:
            article.events[position] = event.model_copy(update=update)
