"""Source and target of an event mention, read off the dependency parse.

Rules, in the order they are tried:
- verbs: the subject is the source (a relative pronoun stands for the noun it modifies; an
  adjective or infinitive borrows the subject of the verb it hangs from; a pronoun subject
  of a clause under a verb of saying, "Syria says it will ...", falls back to the sayer
  when the pronoun resolves to no actor); the direct object, else the indirect object, else
  the object of a target preposition (on, against, to, with, ...) is the target. Passives:
  the passive subject is the target and the by-agent the source.
- nouns: a possessor ("Iran's attack"), a by/from phrase ("the call from Esper") or a
  nationality/name modifier ("U.S. airstrikes") is the source; an on/against/with/to/of
  phrase ("attacks on U.S. bases") or the object of a relative clause ("attacks that
  targeted U.S. bases") is the target. A noun event inside a phrase of a verb ("asked X in a
  phone call") borrows that verb's subject and object.
- Coordinated actors ("Hungarian and Romanian officials", "Iraq and Libya") are coded as ONE
  event: the first conjunct is the source/target and the others are listed in
  `Event.sources_also` / `Event.targets_also`.
A mention is the noun phrase of the head word ("U.S. bases", "Members"); it resolves to the
actor of the entity there, else to the first entity with an actor inside the head's phrase
("Members of the Association of African Jurists" → the Association; "U.S. bases" → U.S.),
leaving out places in locative phrases ("a bombing near Samarra").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .event_lexicon import Lexicon
from .model import Article, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "npadvmod"})
NP_RIGHT = frozenset({"compound", "flat", "case"})
RELATIVE = frozenset({"that", "which", "who", "whom"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "its", "their", "his", "her", "them",
                      "him", "us", "our", "me", "my"})
TARGET_PREPS = ("on", "against", "with", "to", "at", "into", "upon", "toward", "towards",
                "over", "from", "in")
SOURCE_PREPS = frozenset({"by", "from"})
NOUN_TARGET_PREPS = frozenset({"on", "against", "with", "to", "at", "into", "upon", "toward",
                               "towards", "of", "for", "in"})
SUBJECTS = frozenset({"nsubj", "csubj"})
INSTRUMENT_WITH = frozenset({"THREATEN", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID"})
INHERITING_PREPS = frozenset({"in", "during", "at", "through", "via", "with", "by", "over"})
MAX_SCAN = 30
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across", "throughout",
                            "around", "into"})


class EntityIndex:
    """The article's entities sorted by start, for span lookups in O(log n + k)."""

    def __init__(self, article: Article) -> None:
        self.entities = sorted(article.entities, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.entities]
        self.longest = max((e.end - e.start for e in self.entities), default=0)

    def overlapping(self, start: int, end: int) -> list[Entity]:
        """Entities sharing at least one character with [start, end)."""
        stop = bisect_left(self.starts, end)
        first = bisect_left(self.starts, start - self.longest)
        return [e for e in self.entities[first:stop] if e.end > start]

    def at(self, start: int, end: int) -> Entity | None:
        """As `mentions.entity_at`: most overlap, ties to the shorter (then earlier) entity."""
        best: Entity | None = None
        best_key = (0, 0)
        for entity in self.overlapping(start, end):
            shared = min(end, entity.end) - max(start, entity.start)
            key = (shared, -(entity.end - entity.start))
            if shared > 0 and key > best_key:
                best, best_key = entity, key
        return best


_INDEX: dict[int, tuple[int, EntityIndex]] = {}


def entity_index(article: Article) -> EntityIndex:
    """The index of the article being processed (rebuilt when its entities change)."""
    key = id(article)
    cached = _INDEX.get(key)
    if cached is None or cached[0] != len(article.entities):
        _INDEX.clear()
        cached = (len(article.entities), EntityIndex(article))
        _INDEX[key] = cached
    return cached[1]


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    return entity_index(article).at(start, end)


@dataclass
class Roles:
    source: Mention | None = None
    target: Mention | None = None
    sources_also: list[Mention] = field(default_factory=list)
    targets_also: list[Mention] = field(default_factory=list)


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


def _locative_ranges(head: Token) -> list[tuple[int, int]]:
    """Character ranges of locative phrases under `head` ("near the town of Samarra")."""
    ranges: list[tuple[int, int]] = []
    for token in head.subtree:
        if token.dep_ == "prep" and token.lower_ in LOCATIVE_PREPS and token != head:
            right = token.right_edge
            ranges.append((token.idx, right.idx + len(right)))
    return ranges


def resolve(article: Article, head: Token) -> Mention:
    """The mention headed by `head`, resolved to an actor where the text allows."""
    start, end = np_bounds(head)
    entity = entity_at(article, start, end)
    if entity is not None and entity.actor is not None:
        return Mention(text=article.text[start:end], start=start, end=end, actor=entity.actor)
    subtree_start = head.left_edge.idx
    right = head.doc[min(head.right_edge.i, head.i + MAX_SCAN)]
    subtree_end = right.idx + len(right)
    places = _locative_ranges(head)
    inside = [e for e in entity_index(article).overlapping(subtree_start, subtree_end)
              if e.start >= subtree_start and e.end <= subtree_end and e.label not in NOT_ACTORS
              and not any(low <= e.start < high for low, high in places)]
    with_actor = [e for e in inside if e.actor is not None]
    actor = with_actor[0].actor if with_actor else None
    return Mention(text=article.text[start:end], start=start, end=end, actor=actor)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb (or predicative adjective), following control and relatives."""
    for child in verb.children:
        if child.dep_ in SUBJECTS or (depth and child.dep_ == "nsubjpass"):
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
    if depth > 3 or verb.head.i == verb.i:
        return None
    if verb.dep_ in {"xcomp", "conj", "acomp"}:
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in {"relcl", "acl"} and verb.tag_ != "VBN":
        return verb.head
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return subject_of(verb.head, depth + 1)
    return None


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def passive_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return None


def _pobjs(token: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    return [g for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def object_candidates(verb: Token, request: bool = False, partner: bool = True) -> list[Token]:
    """Possible targets of a verb, best first: objects (and their of/on/to phrases),
    the subject of a demanded clause, then target prepositions."""
    found: list[Token] = []
    children = list(verb.children)
    for dep in ("dative", "dobj", "attr"):
        for child in children:
            if child.dep_ == dep:
                found.append(child)
                found.extend(_pobjs(child, NOUN_TARGET_PREPS))
    if request:
        found.extend(g for c in children if c.dep_ in {"xcomp", "ccomp"}
                     for g in c.children if g.dep_ in SUBJECTS)
    for prep in TARGET_PREPS:
        if prep != "with" or partner:
            found.extend(_pobjs(verb, (prep,)))
    return found


def object_of(verb: Token, request: bool = False) -> Token | None:
    found = object_candidates(verb, request)
    return found[0] if found else None


def _pick(article: Article, heads: list[Token], avoid: set[int],
          lexicon: Lexicon) -> Token | None:
    """The first candidate that resolves to an actor, else the first naming an entity,
    else the first; an event noun stands for its own source ("attacks by them")."""
    usable: list[Token] = []
    for head in heads:
        if head.i in avoid or head.ent_type_ in NOT_ACTORS:
            continue
        if head.pos_ == "NOUN" and lexicon.match(head):
            head = noun_source(head) or head
        usable.append(head)
    if not usable:
        return None
    mentions = [(head, resolve(article, head)) for head in usable]
    for head, mention in mentions:
        if mention.actor is not None:
            return head
    for head, mention in mentions:
        if entity_at(article, mention.start, mention.end) is not None:
            return head
    return usable[0]


def _sayer(token: Token, lexicon: Lexicon) -> Token | None:
    """The subject of the nearest verb of saying above `token`."""
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return None
        current = current.head
        if lexicon.cue(current) == "speech":
            return subject_of(current)
    return None


def _conjuncts(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "PRON"}]


def noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    for child in noun.lefts:
        if child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in {
                "NORP", "GPE", "ORG", "PERSON"}:
            return child
    return None


def noun_targets(noun: Token) -> list[Token]:
    found = _pobjs(noun, NOUN_TARGET_PREPS)
    found.extend(g for c in noun.children if c.dep_ == "relcl"
                 for g in c.children if g.dep_ == "dobj")
    return found


def noun_target(noun: Token, skip: Token | None = None) -> Token | None:
    for head in noun_targets(noun):
        if skip is None or head != skip:
            return head
    return None


def _culprit(noun: Token) -> Token | None:
    """The subject of "X is behind / responsible for (a number of) the attacks"."""
    current = noun
    for _ in range(5):
        if current.head.i == current.i:
            return None
        parent = current.head
        if current.dep_ == "pobj" and parent.lower_ in {"behind", "for"}:
            holder = parent.head
            if parent.lower_ == "behind" or holder.lower_ == "responsible":
                verb = holder.head if holder.pos_ == "ADJ" else holder
                return subject_of(verb) or passive_subject(verb)
            return None
        if current.dep_ not in {"pobj", "prep"}:
            return None
        current = parent
    return None


def find_roles(article: Article, trigger: Token, anchor: Token, lexicon: Lexicon,
               event_type: str = "") -> Roles:
    """Source and target of an event triggered at `trigger`, governed by the verb `anchor`
    (the trigger itself, or the light/control verb that carries a noun trigger). "with" names
    a partner only for the types that have one ("talks with"), else an instrument
    ("respond with force")."""
    request = event_type == "REQUEST"
    partner = event_type not in INSTRUMENT_WITH
    source_head: Token | None = None
    targets: list[Token] = []
    if anchor.pos_ in {"NOUN", "PROPN"}:
        source_head = noun_source(anchor)
        targets = noun_targets(anchor)
        if anchor.dep_ == "pobj" and anchor.head.lower_ in INHERITING_PREPS \
                and anchor.head.head.pos_ in {"VERB", "AUX"} \
                and lexicon.match(anchor.head.head):
            verb = anchor.head.head
            source_head = source_head or subject_of(verb) or agent_of(verb)
            targets.extend(object_candidates(verb, request, partner))
        source_head = source_head or _culprit(anchor)
    else:
        passive = passive_subject(anchor)
        agent = agent_of(anchor)
        if passive is not None or agent is not None:
            source_head = agent
            targets = [passive] if passive is not None else []
        else:
            source_head = subject_of(anchor)
        if trigger != anchor:
            targets.extend(noun_targets(trigger))
        targets.extend(object_candidates(anchor, request, partner))
    roles = Roles()
    if source_head is not None:
        roles.source = resolve(article, source_head)
        if roles.source.actor is None and source_head.lower_ in PRONOUNS \
                and source_head.dep_ in SUBJECTS:
            sayer = _sayer(source_head, lexicon)
            if sayer is not None and sayer != source_head:
                roles.source = resolve(article, sayer)
        roles.sources_also = [resolve(article, c) for c in _conjuncts(source_head)]
    avoid = {trigger.i, anchor.i} | ({source_head.i} if source_head is not None else set())
    target_head = _pick(article, targets, avoid, lexicon)
    if target_head is not None:
        roles.target = resolve(article, target_head)
        roles.targets_also = [resolve(article, c) for c in _conjuncts(target_head)]
    return roles
