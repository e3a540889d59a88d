"""Source and target of an event mention, read off the dependency parse.

Rules, in the order they are tried:
- verbs: the subject is the source (a relative pronoun stands for the noun it modifies; an
  adjective or infinitive borrows the subject of the verb it hangs from; a clause on a
  thing object, "issued a declaration demanding ...", borrows the subject of that verb; an
  event noun subject stands for its own source, "attacks by X killed ..."; a pronoun
  subject of a clause under a verb of saying, "Syria says it will ...", falls back to the
  sayer when the pronoun resolves to no actor with a country). Passives: the passive
  subject (or the subject of "stands accused", "remain detained"; a passive conjunct
  shares it: "was arrested and charged") is the target, before any other argument when it
  names an actor ("her parents were deported to Colombia"), and the by-agent the source;
  a passive coercion with no agent ("was arrested in Lebanon") is the doing of the country
  where it happened.
- nouns: a possessor ("Iran's attack"), a by/from phrase ("the call from Esper") or a
  nationality/name modifier ("U.S. airstrikes") is the source; an on/against/with/to/of
  phrase ("attacks on U.S. bases") or the object of a relative clause ("attacks that
  targeted U.S. bases") is the target. A noun event inside a phrase of a verb ("asked X in a
  phone call", "held them as human shields") borrows that verb's subject and object.
- Coordinated actors ("Hungarian and Romanian officials", "Iraq and Libya") are coded as ONE
  event: the first conjunct is the source/target and the others are listed in
  `Event.sources_also` / `Event.targets_also`.
- Targets are chosen in tiers: the verb's arguments (objects, target prepositions; an event
  noun there stands for its own source or target: "its war with Iraq" → Iraq), then the
  arguments of a purpose phrase ("began a hunger strike to protest Sweden's decision", "in
  defiance of Chinese authorities") or the subject of an if/unless clause ("... unless
  Baghdad accepted"), and last, when no actor is named at all, the place of a thing that
  was hit ("blew up power lines leading into Kabul" → Kabul; a counted group or a name
  with no actor comes first: "airstrikes against IS in Syria" → IS). Within a tier an actor with
  a country (or an international body) wins over one without; words of the trigger
  ("opened fire"), weapons ("detonated explosive devices near a convoy") and mentions of
  the source itself ("closed its borders with Iran") are never the target.
A mention is the noun phrase of the head word, resolved to an actor (events/role_mention.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.events.arguments import (
    agent_of,
    conjuncts,
    culprit,
    noun_source,
    noun_targets,
    object_candidates,
    passive_subject,
    place_candidates,
    pobjs,
    purpose_candidates,
    sayer_of,
)
from eventwire.events.lent import (
    attendee,
    cargo,
    claimant,
    donor,
    governing_verb,
    maker,
    patient_possessor,
    performer,
    purpose_doer,
    struck_near,
    undergoer,
)
from eventwire.events.lent import words as lent_words
from eventwire.events.lexicon import Lexicon
from eventwire.events.role_mention import NOT_ACTORS, known, np_bounds, resolve
from eventwire.events.type_groups import AUTHORITY as AUTHORITY_TYPES
from eventwire.events.type_groups import (
    CLAUSE_TARGETS,
    INSTRUMENT_WITH,
    MEETINGS,
    TOPIC_TARGETS,
)
from eventwire.events.visits import guest_and_host
from eventwire.model import Article, Mention
from eventwire.nlp.english import ACTIVE_SUBJECTS as SUBJECTS
from eventwire.nlp.english import (
    NOUN_CLAUSES,
    NOUN_TAGS,
    PREDICATIVE,
    STATE_VERBS,
    VERB_TAGS,
)
from eventwire.nlp.english import PERSONAL_PRONOUNS as PRONOUNS
from eventwire.nlp.english import REFLEXIVE_PRONOUNS as REFLEXIVES
from eventwire.nlp.mentions import entity_at, entity_index
from eventwire.nlp.syntax import counted_group, subject_of, written_name

if TYPE_CHECKING:
    from spacy.tokens import Token

INHERITING_PREPS = frozenset({"in", "during", "at", "through", "via", "with", "by", "as"})
# What a charge is about, when it names no one else ("warned of a possible IS resurgence").
TOPIC_PREPS = ("of", "about", "over")
AID = "AID"  # aid received is given by another: "accepted Chinese funding" (lent.donor)


@dataclass
class Roles:
    source: Mention | None = None
    target: Mention | None = None
    sources_also: list[Mention] = field(default_factory=list)
    targets_also: list[Mention] = field(default_factory=list)


def event_noun(token: Token, lexicon: Lexicon) -> bool:
    return token.pos_ == "NOUN" and any(
        m.entry.type and m.entry.role not in {"light", "none", "speech"}
        for m in lexicon.match(token))


def _usable(heads: list[Token], avoid: set[int], lexicon: Lexicon) -> list[Token]:
    """Candidates left after the trigger's own words; an event noun stands for its own
    source ("attacks by them") or target ("its war with Iraq"), then for itself."""
    usable: list[Token] = []
    for head in heads:
        if head.ent_type_ in NOT_ACTORS:  # "one third of the guerrillas", "dozens of"
            head = next(iter(pobjs(head, ("of",))), head)
        if head.i in avoid or head.ent_type_ in NOT_ACTORS \
                or head.lemma_.lower() in lent_words()["instruments"]:
            continue
        if event_noun(head, lexicon):
            inner = noun_source(head)
            usable.extend(h for h in [*([inner] if inner else []), *noun_targets(head)]
                          if h.i not in avoid)
        elif (made := maker(head)) is not None and made.i not in avoid:
            usable.append(made)  # "rejected the budget": who presented it
        elif (carried := cargo(head)) is not None and carried.i not in avoid:
            usable.append(carried)  # "ambushed a bus transporting a paramilitary force"
        usable.append(head)
    return usable


def _pick(article: Article, tiers: list[list[Token]], avoid: set[int], lexicon: Lexicon,
          exclude: frozenset[str]) -> tuple[Token, Mention] | None:
    """The target, by tiers (arguments, purpose, places): a known actor (country or
    international body) of the arguments, any actor of the arguments, then the same for the
    purpose phrase, a known place, and last the first argument naming an entity, or the
    first argument."""
    index = entity_index(article)
    resolved = [[(h, resolve(article, h, exclude)) for h in _usable(group, avoid, lexicon)]
                for group in tiers]
    for group, need_known in ((0, True), (0, False), (1, True), (1, False), (2, True)):
        if group == 2 and (counted := [a for a in resolved[0]
                                       if counted_group(a[0]) or written_name(a[0])]):
            return counted[0]  # "killed 11 coal miners in Pakistan", "strikes against IS"
        for head, mention in resolved[group]:
            if mention.actor is not None and (not need_known or known(article, mention.actor)):
                return head, mention
    arguments = [(h, m) for h, m in resolved[0]
                 if (e := index.at(m.start, m.end)) is None or e.actor not in exclude]
    for head, mention in arguments:
        if index.at(mention.start, mention.end) is not None:
            return head, mention
    return arguments[0] if arguments else None


def _authority(article: Article, verb: Token) -> Token | None:
    """The country where a passive coercion took place ("was arrested in Lebanon")."""
    for place in pobjs(verb, ("in",)):
        if place.ent_type_ == "GPE" and known(article, resolve(article, place).actor):
            return place
    return None


def _noun_heads(anchor: Token, lexicon: Lexicon, request: bool, partner: bool,
                event_type: str = "") -> tuple[Token | None, list[Token], list[Token], Token]:
    """Source, target and purpose heads of a noun event, and the verb whose arguments count:
    the noun itself, or the verb of the phrase it is in ("asked X in a phone call")."""
    source_head = noun_source(anchor)
    targets = noun_targets(anchor)
    purposes: list[Token] = []
    verb = anchor
    if anchor.dep_ == "pobj" and anchor.head.lower_ in INHERITING_PREPS \
            and anchor.head.head.pos_ in VERB_TAGS \
            and lexicon.match(anchor.head.head):
        verb = anchor.head.head
        source_head = source_head or subject_of(verb) or agent_of(verb)
        targets.extend(object_candidates(verb, request, partner))
        purposes = purpose_candidates(verb, request, partner)
    patient = patient_possessor(anchor)
    if patient is not None and source_head == patient:
        source_head = None
        targets.insert(0, patient)
    doer, undergoing = undergoer(anchor)
    if undergoing is not None:
        source_head = source_head or doer
        targets.insert(0, undergoing)
    lent_source, lent_target = governing_verb(anchor)
    if source_head is None:
        source_head = claimant(anchor) or lent_source or performer(anchor) or (
            attendee(anchor) if event_type in MEETINGS else None) or purpose_doer(anchor)
    # the one who receives or answers it, also when the noun names its own source
    # ("rebuffed pleas from conservatives")
    targets.extend([lent_target] if lent_target is not None else [])
    return source_head or culprit(anchor), targets, purposes, verb


def _verb_heads(article: Article, trigger: Token, anchor: Token, event_type: str,
                request: bool, partner: bool) -> tuple[Token | None, list[Token], list[Token]]:
    """Source, target and purpose heads of a verb event (passives: agent and subject; a
    guest's participle: the guest and the host, events/visits.py)."""
    if (visit := guest_and_host(anchor)) is not None:
        return visit[0], [visit[1]] if visit[1] is not None else [], []
    if event_type == AID and (gift := donor(anchor)) is not None:
        return gift[0], [gift[1]] if gift[1] is not None else [], []
    source_head: Token | None
    targets: list[Token] = []
    passive = passive_subject(anchor)
    agent = agent_of(anchor)
    if passive is None and anchor.tag_ == "VBN" and (anchor.dep_ in PREDICATIVE or (
            anchor.dep_ == "advcl" and anchor.head.lemma_.lower() in STATE_VERBS)):
        passive = subject_of(anchor.head)  # "Lai stands accused of collusion"
    if passive is not None or agent is not None:
        source_head = agent or (_authority(article, anchor) if event_type in AUTHORITY_TYPES
                                else None)
        targets = [passive] if passive is not None else []
        if passive is not None and resolve(article, passive).actor is not None:
            return source_head, targets, []  # the one acted on: "were deported to Colombia"
    else:
        source_head = subject_of(anchor) or claimant(anchor)
    if trigger != anchor:
        targets.extend(noun_targets(trigger))
    targets.extend(object_candidates(anchor, request, partner))
    return source_head, targets, purpose_candidates(anchor, request, partner)


def _refine_source(article: Article, anchor: Token, source_head: Token | None,
                   lexicon: Lexicon) -> Token | None:
    """A clause on a thing object borrows its verb's subject; an event noun stands for its
    own source."""
    if source_head is not None and anchor.dep_ in NOUN_CLAUSES and source_head == anchor.head \
            and source_head.dep_ == "dobj" and entity_at(article, *np_bounds(source_head)) is None:
        source_head = subject_of(source_head.head) or source_head
    if source_head is not None and event_noun(source_head, lexicon):
        source_head = noun_source(source_head) or source_head
    elif source_head is not None and entity_at(article, *np_bounds(source_head)) is None:
        source_head = maker(source_head) or source_head  # "The statement threatened"
    return source_head


def _source_mention(article: Article, source_head: Token, lexicon: Lexicon,
                    targets: list[Token]) -> Mention:
    """The source's mention; a pronoun that resolves to no known actor under a verb of
    saying falls back to the sayer ("Syria says it will ..."), as does one that resolves to
    a target named by name ("Asked about his criticisms of Trump, Christie said")."""
    source = resolve(article, source_head)
    named = source_head.lower_ in PRONOUNS and source.actor is not None and any(
        t.pos_ == "PROPN" and resolve(article, t).actor == source.actor for t in targets)
    if named or (not known(article, source.actor) and source_head.lower_ in PRONOUNS
                 and source_head.dep_ in SUBJECTS):
        sayer = sayer_of(source_head, lexicon)
        if sayer is not None and sayer != source_head:
            said = resolve(article, sayer)
            if source.actor is None or known(article, said.actor) or (
                    named and said.actor not in {None, source.actor}):
                return said
    return source


def _avoided(article: Article, trigger: Token, anchor: Token, words: tuple[int, ...],
             source_head: Token | None) -> set[int]:
    """Tokens that are never the target: the trigger's words (unless they name an actor)
    and the source."""
    index = entity_index(article)
    doc = trigger.doc
    return {trigger.i, anchor.i} | {i for i in words if (e := index.at(
        doc[i].idx, doc[i].idx + len(doc[i]))) is None or e.actor is None} | (
        {source_head.i} if source_head is not None else set())


def find_roles(article: Article, trigger: Token, anchor: Token, lexicon: Lexicon,
               event_type: str = "", words: tuple[int, ...] = ()) -> Roles:
    """Source and target of an event triggered at `trigger`, governed by the verb `anchor`
    (the trigger itself, or the light/control verb that carries a noun trigger); `words`
    are the trigger's token indexes ("opened fire": "fire" is no target). "with" names
    a partner only for the types that have one ("talks with"), else an instrument
    ("respond with force")."""
    request = event_type in CLAUSE_TARGETS
    partner = event_type not in INSTRUMENT_WITH
    if anchor.pos_ in NOUN_TAGS:
        source_head, targets, purposes, verb = _noun_heads(anchor, lexicon, request, partner,
                                                           event_type)
    else:
        source_head, targets, purposes = _verb_heads(article, trigger, anchor, event_type,
                                                     request, partner)
        verb = anchor  # the trigger's other words: "pulled out of an agreement with X"
        targets.extend(g for i in words if i != anchor.i and trigger.doc[i].pos_ in NOUN_TAGS
                       for g in noun_targets(trigger.doc[i]))
    source_head = _refine_source(article, anchor, source_head, lexicon)
    roles = Roles()
    if source_head is not None:
        roles.source = _source_mention(article, source_head, lexicon, targets)
        roles.sources_also = [resolve(article, c) for c in conjuncts(source_head)]
    avoid = _avoided(article, trigger, anchor, words, source_head)
    exclude = frozenset({roles.source.actor} if roles.source and roles.source.actor else ())
    if event_type in TOPIC_TARGETS:  # "warned of a possible IS resurgence"
        purposes = [*purposes, *pobjs(verb, TOPIC_PREPS)]
    places = place_candidates(verb, targets)
    targets = [*targets, *struck_near(targets, places)]
    picked = _pick(article, [targets, purposes, places], avoid, lexicon, exclude)
    if picked is not None:
        target_head, roles.target = picked
        roles.targets_also = [resolve(article, c, exclude) for c in conjuncts(target_head)]
        if target_head.lower_ in REFLEXIVES or (
                roles.target.actor is not None and roles.target.actor in exclude):
            # no actor is its own target ("the right to defend ourselves")
            roles.target = roles.targets_also.pop(0) if roles.targets_also else None
    return roles
