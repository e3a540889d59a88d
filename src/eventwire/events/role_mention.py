"""The mention a role's head word stands for, and the actor it resolves to.

A mention is the noun phrase of the head word ("U.S. bases", "Members"); it resolves to the
actor of the entity there when that actor has a country or is an international body, else
to the first such actor inside the head's phrase, leaving out clauses with their own
subject ("Members of the Association of African Jurists" → the Association); an actor
coded without a country only stands for a person or body named after it ("offices of the
Palestinian administrators", "the government of President Avril"), not for its own
modifiers ("Iran-backed militias" are not Iran) nor for a place ("refugees fleeing the
war in Liberia" are not the state of Liberia); else to the actor there or the first inside.
Places in locative phrases are left out of a phrase that names no actor itself ("a bombing
near Samarra"). A common noun in apposition with a name is the name ("Lai's son Sebastien").
"The latter" stands for the actor named last before it in its sentence, "the former" for the
one before that ("measures against Australia for the latter's refusal": Australia).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.arguments import appositive_name
from eventwire.model import Article, Mention
from eventwire.nlp.english import CLAUSES, LOCATIVE_PREPS, NUMERIC_LABELS, ORDER_ANAPHORS
from eventwire.nlp.english import NP_LEFT_WITH_NPADVMOD as NP_LEFT
from eventwire.nlp.english import PLACE_LABELS as PLACES
from eventwire.nlp.mentions import entity_index

if TYPE_CHECKING:
    from spacy.tokens import Token

NP_RIGHT = frozenset({"compound", "flat", "case"})
MAX_SCAN = 30
NOT_ACTORS = NUMERIC_LABELS
INTERNATIONAL = frozenset({"IGO", "NGO"})


def known(article: Article, actor_id: str | None) -> bool:
    """An actor with a country, or an international body."""
    actor = entity_index(article).actors.get(actor_id) if actor_id is not None else None
    return actor is not None and (actor.country is not None
                                  or bool(INTERNATIONAL & set(actor.sectors)))


def np_bounds(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by `head` (no leading article)."""
    first = last = head.i
    for child in head.lefts:
        if child.dep_ in NP_LEFT:
            first = min(first, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in NP_RIGHT:
            last = max(last, child.right_edge.i)
    doc = head.doc
    while first < head.i and ((doc[first].dep_ == "det" and doc[first].lower_ in {"the", "a", "an"})
                              or doc[first].is_punct):
        first += 1
    while last > head.i and (doc[last].is_punct or doc[last].dep_ == "case"):
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _ranges_left_out(head: Token, places: bool) -> list[tuple[int, int]]:
    """Character ranges under `head` whose actors do not name it: finite clauses ("a
    declaration demanding that the government resign": the government did not declare)
    and, with `places`, locative phrases ("a bombing near the town of Samarra")."""
    ranges: list[tuple[int, int]] = []
    for token in head.subtree:
        right = token.right_edge
        if token != head and token.dep_ in CLAUSES:
            ranges.append((token.left_edge.idx, right.idx + len(right)))
        elif places and token != head and token.dep_ == "prep" \
                and token.lower_ in LOCATIVE_PREPS:
            ranges.append((token.idx, right.idx + len(right)))
    return ranges


def resolve(article: Article, head: Token, exclude: frozenset[str] = frozenset()) -> Mention:
    """The mention headed by `head`, resolved to an actor where the text allows; actors in
    `exclude` (the event's source, when resolving its target) are passed over; a common noun
    in apposition with a name stands for the name's actor ("Lai's son Sebastien")."""
    name = appositive_name(head)
    if name is not None and (named := resolve(article, name, exclude)).actor is not None:
        return named
    start, end = np_bounds(head)
    if (earlier := ordered_antecedent(article, head)) is not None:
        return Mention(text=article.text[start:end], start=start, end=end, actor=earlier)
    index = entity_index(article)
    entity = index.at(start, end)
    own = entity.actor if entity is not None and entity.actor not in exclude else None
    if own is not None and known(article, own):
        return Mention(text=article.text[start:end], start=start, end=end, actor=own)
    subtree_start = head.left_edge.idx
    right = head.doc[min(head.right_edge.i, head.i + MAX_SCAN)]
    subtree_end = right.idx + len(right)
    left_out = _ranges_left_out(head, places=own is None)
    # In text order, the whole phrase before a name inside it ("Zoran Djindjic's opposition
    # coalition" before "Zoran Djindjic").
    inside = sorted((e for e in index.overlapping(subtree_start, subtree_end)
                     if e.start >= subtree_start and e.end <= subtree_end
                     and e.label not in NOT_ACTORS and e.actor is not None
                     and e.actor not in exclude
                     and not any(low <= e.start < high for low, high in left_out)),
                    key=lambda e: (e.start, -e.end))
    # An actor coded without a country keeps its own modifiers ("Iran-backed militias" are
    # not Iran) and is not the place it is in ("refugees fleeing the war in Liberia" are not
    # the state of Liberia); a person or body after it can stand for it ("the government of
    # President Avril", "offices of the Palestinian administrators").
    better = [e.actor for e in inside if known(article, e.actor) and (
        own is None or (e.start >= end and e.label not in PLACES))]
    actor = better[0] if better else own or (inside[0].actor if inside else None)
    return Mention(text=article.text[start:end], start=start, end=end, actor=actor)


def ordered_antecedent(article: Article, head: Token) -> str | None:
    """The actor "the latter" (the last named before it in its sentence) or "the former"
    (the one before that) stands for; None for other words or too few actors."""
    place = ORDER_ANAPHORS.get(head.lower_)
    if place is None or head.i == 0 or head.doc[head.i - 1].lower_ != "the":
        return None
    actors: list[str] = []
    for entity in entity_index(article).overlapping(head.sent.start_char, head.idx):
        if entity.end <= head.idx and entity.actor is not None and entity.label not in NOT_ACTORS \
                and entity.actor not in actors[-1:]:
            actors.append(entity.actor)
    return actors[-place] if len(actors) >= place else None
