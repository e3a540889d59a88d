"""Event mentions in one sentence: lexicon matches turned into coded candidates.

1. Every token is looked up in the lexicon (by lemma); the longest matching row wins and
   the other words of a multiword pattern ("open fire", "impose sanctions") are used up.
2. Light verbs ("held talks", "staged a hunger strike", "imposed a curfew") take the type of
   their object noun: one event, triggered by the verb and the noun.
3. Control verbs ("threatened to ban", "demanded that X cancel", "refused to deploy") keep
   their own type; the event in their complement is part of them, not a separate event
   (it sets the mode: a threat to ban is THREATEN/ban).
4. Intent words (promise, offer, vow, willing, prepared) and the future ("will release")
   follow the PLOVER codebook: a promised or future cooperative action is AGREE, a promised
   or future conflictual action is THREATEN. A negated or refused cooperative action ("will
   not accept refugees", "failed to reach agreement") is REJECT. "X said Y must ..." is a
   REQUEST by X of Y ("X said Y needs to ..." too). (That final coding is events/coding.py.)
5. A verb of saying whose reported clause blames or praises someone ("said Y was corrupt")
   is the statement itself: ACCUSE, REJECT or SUPPORT (events/statements.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.events.coding import code
from eventwire.events.complements import complement_of, reason_of, speech_head
from eventwire.events.lexicon import Lexicon, Match
from eventwire.events.modality import Modal, is_negated, obliged
from eventwire.events.naming import naming_type
from eventwire.events.slots import by_slots
from eventwire.events.statements import statement_type
from eventwire.events.threats import threat_conditions, threat_requests
from eventwire.events.type_groups import BLAMING, VERBAL
from eventwire.nlp import english as en
from eventwire.nlp.english import FIRST_PERSON_SUBJECTS as FIRST_PERSON
from eventwire.nlp.english import NO_EVENT_LABELS, TIME_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A word inside a date or a name is no event: "March 10", "U.S. Border Patrol", "the Judicial
# Conference", "the Schengen Agreement" (an EVENT entity, "the Benghazi attacks", stays one).
NAME_LABELS = NO_EVENT_LABELS


@dataclass
class Candidate:
    """One event mention being coded."""

    trigger: Token
    anchor: Token
    tokens: tuple[int, ...]
    type: str
    mode: str | None
    contexts: list[str]
    weight: float
    role: str
    derived: bool = False
    absorbed: bool = False
    modal: Modal | None = None
    complement: Candidate | None = None
    request_of: Token | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return min(self.tokens)

    @property
    def end(self) -> int:
        return max(self.tokens)


def _modifier(token: Token, lexicon: Lexicon) -> bool:
    """A word used as a modifier, not as an event: "Iran-backed", "patrol aircraft" (but
    not before a light noun: "a mediation effort")."""
    if token.dep_ == "amod" and token.pos_ in en.VERB_TAGS:
        return True
    if token.dep_ != "compound" or token.pos_ not in en.NOUN_TAGS:
        return False
    return not any(m.entry.role == "light" for m in lexicon.match(token.head))


def _naming(token: Token, lexicon: Lexicon) -> bool:
    """'called the accusations absurd', 'called it a lie': a naming act, not a call."""
    return lexicon.cue(token) == "naming" and any(
        (c.dep_ == "oprd" or (c.dep_ in en.CLAUSAL_COMPLEMENTS and c.pos_ in en.ADJ_NOUN_TAGS))
        and c.ent_type_ not in TIME_LABELS for c in token.children)


def _event_match(matches: list[Match]) -> Match | None:
    for match in matches:
        if match.entry.role not in {"light", "speech", "negate", "belief"} and match.entry.type:
            return match
    return None


def _object_nouns(verb: Token) -> list[Token]:
    """Objects of a light verb, and the of-phrase of each ("tons of food aid")."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in en.ACTED_ON_WITH_ATTR:
            found.append(child)
            found.extend(g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj")
    if found:
        return found
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "into", "in"}:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def _candidate(match: Match, anchor: Token, derived: bool = False) -> Candidate:
    entry = match.entry
    doc = anchor.doc
    return Candidate(trigger=doc[match.token], anchor=anchor, tokens=match.tokens,
                     type=entry.type or "", mode=entry.mode, contexts=list(entry.contexts),
                     weight=entry.weight, role=entry.role, derived=derived)


def _matches(sentence: Span, lexicon: Lexicon,
             tokens: list[Token] | None = None) -> dict[int, list[Match]]:
    """Lexicon matches of each token of the sentence (`tokens`, where the caller has them)
    that has any."""
    found: dict[int, list[Match]] = {}
    bounds = (sentence.start, sentence.end)
    for token in sentence if tokens is None else tokens:
        matches = lexicon.match(token, bounds)
        if matches:
            found[token.i] = matches
    return found


def _used_up(found: dict[int, list[Match]]) -> set[int]:
    """The other words of each winning multiword pattern ("open fire": "fire")."""
    used: set[int] = set()
    for index, matches in found.items():
        best = matches[0]
        if len(best.tokens) > 1 and best.entry.role != "light":
            used.update(i for i in best.tokens if i != index)
    return used


def _in_name(token: Token) -> bool:
    """A word of a date or of a proper name ("March", "Border Patrol")."""
    return token.ent_type_ in NAME_LABELS and (token.pos_ == "PROPN"
                                               or token.ent_type_ in TIME_LABELS)


def _no_event(token: Token, best: Match, lexicon: Lexicon) -> bool:
    """A match that triggers nothing: a "none" row, a word of a name, a modifier or a naming
    act."""
    return best.entry.role == "none" or _in_name(token) or _modifier(token, lexicon) \
        or _naming(token, lexicon) or (token.dep_ == "dobj" and _naming(token.head, lexicon))


def _light(token: Token, matches: list[Match],
           found: dict[int, list[Match]]) -> tuple[Candidate, Token] | None:
    """A light verb with an event noun as object ("held talks"): the candidate and the noun."""
    best = matches[0]
    if not (best.entry.role == "light" or any(
            m.entry.role == "light" and len(m.tokens) >= len(best.tokens) for m in matches)):
        return None
    for option in _object_nouns(token):
        noun_match = _event_match(found.get(option.i, []))
        if noun_match is not None and noun_match.entry.kind == "noun":
            candidate = _candidate(noun_match, token, derived=True)
            candidate.trigger = option
            candidate.tokens = tuple(sorted({token.i, *noun_match.tokens}))
            return candidate, option
    return None


def _obligation(token: Token, lexicon: Lexicon) -> Candidate | None:
    """"X said Y must ...": a REQUEST by the speaker of a third party."""
    duty = obliged(token) if token.pos_ == "VERB" else None
    if duty is None or (duty != token and is_negated(duty)) or not speech_head(token, lexicon):
        return None
    subject = next((c for c in duty.children if c.dep_ in en.NOMINAL_SUBJECTS), None)
    if subject is None or subject.lower_ in FIRST_PERSON:
        return None
    return Candidate(trigger=token, anchor=token, tokens=(token.i,), type="REQUEST",
                     mode="change", contexts=[], weight=0.5, role="obligation", derived=True)


def _statements(tokens: list[Token], lexicon: Lexicon, by_token: dict[int, Candidate],
                used: set[int]) -> None:
    """"X said Y was corrupt": the verb of saying is the statement (events/statements.py)."""
    events = {i for c in by_token.values() for i in (c.anchor.i, c.trigger.i, *c.tokens)}
    for token in tokens:
        if token.pos_ != "VERB" or token.i in by_token or token.i in used:
            continue
        kind = statement_type(token, lexicon, events)
        if kind is not None:
            by_token[token.i] = Candidate(trigger=token, anchor=token, tokens=(token.i,),
                                          type=kind, mode=None, contexts=[], weight=0.5,
                                          role="statement", derived=True)


def _absorb(candidates: list[Candidate], lexicon: Lexicon) -> None:
    """Mark candidates that are part of another: same-type relative clauses, complements,
    the verbal act a blame or credit is for."""
    index_of = {c.anchor.i: c for c in candidates}
    for candidate in candidates:
        anchor = candidate.anchor
        if anchor.dep_ == "relcl" and anchor.head.i in index_of \
                and index_of[anchor.head.i].type == candidate.type:
            candidate.absorbed = True
    for candidate in candidates:
        if candidate.role in {"control", "intent"}:
            complement = complement_of(candidate.anchor, candidate.tokens, index_of)
            if complement is not None and complement.anchor.dep_ == "xcomp" \
                    and lexicon.cue(candidate.anchor) == "attempt":
                candidate.absorbed = True  # "sought to investigate": the investigation
                continue
            if complement is not None and not complement.absorbed:
                complement.absorbed = True
                candidate.complement = complement
                for other in candidates:
                    if other.anchor.dep_ == "conj" and other.anchor.head == complement.anchor:
                        other.absorbed = True
        if candidate.type in BLAMING:
            for reason in reason_of(candidate.anchor, index_of):
                if reason is not candidate and reason.type in VERBAL:
                    reason.absorbed = True  # "attacked X for refusing to support": one ACCUSE


def detect(sentence: Span, lexicon: Lexicon) -> list[Candidate]:
    """Coded event candidates of a sentence, absorbed complements removed."""
    tokens = list(sentence)  # one Token object per word for the passes below
    found = _matches(sentence, lexicon, tokens)
    used = _used_up(found)
    by_token: dict[int, Candidate] = {}
    light_nouns: set[int] = set()
    doc = sentence.doc
    for token in tokens:
        named = naming_type(token) if token.pos_ == "VERB" and lexicon.cue(token) == "naming" \
            else None  # naming_type reads verbs only
        if named is not None:  # "called the report outrageous"
            by_token[token.i] = Candidate(trigger=token, anchor=token, tokens=(token.i,),
                                          type=named, mode=None, contexts=[], weight=0.6,
                                          role="event", derived=True)
    for index, matches in found.items():
        token = doc[index]
        if index in used or index in by_token or _no_event(token, matches[0], lexicon):
            continue
        light = _light(token, matches, found)
        if light is not None:
            by_token[index] = light[0]
            light_nouns.add(light[1].i)
            continue
        event = _event_match(matches)
        if event is not None:
            by_token[index] = _candidate(event, token)
    for token in tokens:
        if token.pos_ == "VERB" and token.i not in by_token and token.i not in used:
            request = _obligation(token, lexicon)
            if request is not None:
                by_token[token.i] = request
    _statements(tokens, lexicon, by_token, used)
    candidates = by_slots([c for i, c in sorted(by_token.items()) if i not in light_nouns])
    _absorb(candidates, lexicon)
    for candidate in candidates:
        code(candidate, lexicon)
    threat_requests(candidates)
    threat_conditions(candidates)
    return [c for c in candidates if not c.absorbed]


def depth(token: Token, lexicon: Lexicon) -> int:
    """Dependency steps to the sentence root, not counting verbs of saying."""
    steps = 0
    current = token
    for _ in range(20):
        if current.head.i == current.i:
            break
        current = current.head
        if lexicon.cue(current) != "speech" or is_negated(current):
            steps += 1
    return steps
