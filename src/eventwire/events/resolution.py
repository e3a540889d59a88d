"""Roles that name an actor: what a careful coder writes in the source and target columns.

A role read off the parse may hold words that name no one by themselves: a pronoun ("it",
"we", "they"), a day or month ("Tuesday"), a number, or a vague noun ("Half", "some"). Rules
(`settle`), in order:
- a first-person word inside a quotation ("“We urge ...,” they said") is the quote's speaker;
- a pronoun or other referring word the actors stage resolved stands for its actor;
- anything else of these kinds (an unresolved pronoun, a date, a number, a vague noun) is
  no role: the role is left empty rather than filled with words that name no one.
A rejection of accusations ("rejected the allegations") has as target whoever made them
(`answer_accusations`). A statement with a named source and no target is addressed to the
target of that source's latest earlier statement (`carry_targets`).
A role that stands for an actor is written with the actor's most specific name in the
story (the gold convention: `source.text` is "Mark Esper" where the sentence says "he"):
the latest name of the actor before the role, else the first one after it; a name beats a
nominal ("the defense secretary"); the offsets are those of that name.
Word lists: data/events/not_actors.toml.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import read_word_sets
from eventwire.events.lent import words as lent_words
from eventwire.events.type_groups import CONDEMNING, SUPPORTING, VERBAL
from eventwire.model import Article, Entity, Mention
from eventwire.nlp.english import (
    DEFINITE_DETERMINERS,
    PERSONAL_PRONOUNS,
    PROPER_NAME_LABELS,
    TIME_LABELS,
)
from eventwire.nlp.mentions import entity_at

if TYPE_CHECKING:
    from eventwire.events.roles import Roles

WORDS = "events/not_actors.toml"
NAMES = PROPER_NAME_LABELS
DATES = TIME_LABELS
LEADING = frozenset({"the", "a", "an"})
NUMERIC = re.compile(r"[\d.,%$]+")
DETERMINER_SCAN = 12  # characters before a role's words where its determiner is looked for


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    return read_word_sets(WORDS)


def _words_of(text: str) -> list[str]:
    words = [w.strip(".,;:\"'“”‘’()") for w in text.lower().split()]
    words = [w for w in words if w]
    while words and words[0] in LEADING:
        words = words[1:]
    return words


def _one_word(text: str) -> str | None:
    """The one word of a mention, lower case; None for several words or a capitalised
    abbreviation ("US" is a country, not "us")."""
    words = _words_of(text)
    stripped = text.strip()
    if len(words) != 1 or (len(stripped) > 1 and stripped.isupper()):
        return None
    return words[0]


def referring(text: str) -> bool:
    """Words that only stand for something named elsewhere: a pronoun, "this", "who"."""
    word = _one_word(text)
    return word is not None and (word in PERSONAL_PRONOUNS or word in _words()["referring"])


def first_person(text: str) -> bool:
    return _one_word(text) in _words()["first_person"]


def vague(text: str, entity: Entity | None, actor: str | None = None) -> bool:
    """A day or month, a number, or a vague noun that resolved to no actor ("Half", but
    not "part of a military aid program for Bosnia"): words that name no actor."""
    words = _words_of(text)
    if not words:
        return True
    table = _words()
    if entity is not None and entity.label in DATES and entity.actor is None \
            and len(entity.text) >= len(text) - 4:
        return True
    if all(w in table["calendar"] or NUMERIC.fullmatch(w) for w in words):
        return True
    return actor is None and all(w in table["calendar"] or w in table["generic"]
                                 or NUMERIC.fullmatch(w) for w in words)


def _speaker(article: Article, mention: Mention) -> Mention | None:
    """The speaker of the quotation a first-person word is in."""
    if not first_person(mention.text):
        return None
    for quote in article.quotes:
        if quote.start <= mention.start and mention.end <= quote.end \
                and quote.speaker is not None and quote.speaker.actor is not None:
            return quote.speaker
    return None


def _outermost(entities: list[Entity]) -> list[Entity]:
    """The entities no other one of the list contains (start no later, end no earlier), in
    order: one sweep by start (longest first) instead of comparing every pair."""
    if len({id(e) for e in entities}) < len(entities):  # an entity twice: pair by pair
        return [e for e in entities if not any(o is not e and o.start <= e.start
                                               and e.end <= o.end for o in entities)]
    spans: dict[tuple[int, int], int] = {}
    for entity in entities:
        spans[entity.start, entity.end] = spans.get((entity.start, entity.end), 0) + 1
    inside: set[int] = set()
    reach = -1  # the furthest end of the entities before, in the sweep's order
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if reach >= entity.end or spans[entity.start, entity.end] > 1:
            inside.add(id(entity))
        reach = max(reach, entity.end)
    return [e for e in entities if id(e) not in inside]


def named(article: Article, actor: str, at: int) -> Mention | None:
    """The actor's most specific name near `at`: the latest before it, else the first after;
    a name beats a nominal, and a pronoun is never a name."""
    own = [e for e in article.entities if e.actor == actor and e.label != "PRONOUN"
           and not referring(e.text) and not vague(e.text, e)]
    # the whole mention, not a word inside it that points at the same actor ("Fijian rebels")
    own = _outermost(own)
    if not own:
        return None
    best = [e for e in own if e.label in NAMES] or own
    before = [e for e in best if e.start < at]
    chosen = max(before, key=lambda e: e.start) if before else min(best, key=lambda e: e.start)
    return Mention(text=chosen.text, start=chosen.start, end=chosen.end, actor=actor)


def settle(article: Article, mention: Mention | None) -> Mention | None:
    """The role as a coder writes it: a named actor, or nothing (rules in the docstring)."""
    if mention is None:
        return None
    entity = entity_at(article, mention.start, mention.end)
    if referring(mention.text) or first_person(mention.text):
        speaker = _speaker(article, mention)
        actor = speaker.actor if speaker is not None else mention.actor
        if actor is None:
            return None
        return named(article, actor, mention.start) or (
            speaker if speaker is not None else None)
    if vague(mention.text, entity, mention.actor):
        return None
    return mention


def settle_roles(article: Article, roles: Roles) -> Roles:
    """Every role of `roles` settled; a settled source is never also the target."""
    source = settle(article, roles.source)
    target = settle(article, roles.target)
    also_source = [m for m in (settle(article, m) for m in roles.sources_also) if m is not None]
    also_target = [m for m in (settle(article, m) for m in roles.targets_also) if m is not None]
    if source is not None and target is not None and source.actor is not None \
            and source.actor == target.actor:
        target = also_target.pop(0) if also_target else None
    return replace(roles, source=source, target=target, sources_also=also_source,
                   targets_also=also_target)


def carry_targets(article: Article) -> None:
    """A statement with a named source and no target is addressed to whom that source's
    latest earlier statement of the same type was ("Trump demands Ginsburg resign ...
    Trump's criticism" → Ginsburg): a careful coder reads the target from the story."""
    for position, event in enumerate(article.events):
        if event.type not in VERBAL or event.target is not None or event.source is None \
                or event.source.actor is None:
            continue
        own = event.source.actor
        earlier = next((e.target for e in reversed(article.events[:position])
                        if e.type in VERBAL and e.sentence.start <= event.sentence.start
                        and e.source is not None and e.source.actor == own
                        and e.target is not None and e.target.actor is not None
                        and e.target.actor != own), None)
        if earlier is not None:
            article.events[position] = event.model_copy(update={"target": earlier})


def answer_accusations(article: Article) -> None:
    """A thing target stands for whoever did it. "Berisha rejected the allegations" has as
    target the source of the latest earlier ACCUSE event by someone else, when its own target
    names no actor (nouns: `accusation_nouns` of data/events/role_words.toml); "condemning
    the attack" has as target the source of the latest earlier ASSAULT (`attack_nouns`);
    "spoke out against the action" the source of the latest earlier event of any type
    (`acted_things`); a denial with no target answers the latest accuser of its source."""
    _things_to_doers(article, frozenset({"REJECT"}), lent_words()["accusation_nouns"],
                     "ACCUSE")
    _things_to_doers(article, CONDEMNING, lent_words()["attack_nouns"],
                     "ASSAULT")
    _things_to_doers(article, CONDEMNING | SUPPORTING, lent_words()["acted_things"], None,
                     definite=True)
    _answer_accusers(article)


def _answer_accusers(article: Article) -> None:
    """A denial that names no one answers whoever accused its source: "The Taliban denied
    involvement" after "Afghan officials blamed the Taliban" has the officials as target."""
    for position, event in enumerate(article.events):
        if event.type != "REJECT" or event.target is not None or event.source is None \
                or event.source.actor is None:
            continue
        own = event.source.actor
        accuser = next((e.source for e in reversed(article.events[:position])
                        if e.type == "ACCUSE" and e.sentence.start <= event.sentence.start
                        and e.target is not None and e.target.actor == own
                        and e.source is not None and e.source.actor is not None
                        and e.source.actor != own), None)
        if accuser is not None:
            article.events[position] = event.model_copy(update={"target": accuser})


def _definite(article: Article, mention: Mention) -> bool:
    """The mention has (or follows) a definite determiner: "the move", "that prohibition"
    (a role's words leave the article out)."""
    words = article.text[max(0, mention.start - DETERMINER_SCAN):mention.start].split()
    words += mention.text.split()[:1]
    return any(w.lower() in DEFINITE_DETERMINERS for w in words[-2:])


def _things_to_doers(article: Article, kinds: frozenset[str], nouns: frozenset[str],
                     done_as: str | None, definite: bool = False) -> None:
    """A target of `kinds` that names no actor and ends in one of `nouns` stands for the
    source of the latest earlier event of type `done_as` (None: any type) by someone else;
    with `definite`, only a thing named before ("the move", not "unilateral decisions")."""
    for position, event in enumerate(article.events):
        target = event.target
        if event.type not in kinds or target is None or target.actor is not None:
            continue
        words = _words_of(target.text)
        if not words or words[-1].removesuffix("s") not in nouns or (
                definite and not _definite(article, target)):
            continue
        own = event.source.actor if event.source is not None else None
        doer = next((e.source for e in reversed(article.events[:position])
                     if done_as in {None, e.type} and e.sentence.start <= event.sentence.start
                     and e.source is not None and e.source.actor is not None
                     and e.source.actor != own), None)
        if doer is not None:
            article.events[position] = event.model_copy(update={"target": doer})
