"""Modality of an event mention from the parse: negated, conditional, hypothetical,
reported belief, future, else asserted.

Future covers what is planned as well as what "will" happen ("is scheduled to", "is
expected to", "plans to", "is due to", "is set to", "a planned deal"); hypothetical covers
the possible ("the possible eviction", "sanctions may be imminent"); a reported belief
covers claims ("allegedly", "reportedly"). Those read off the words above an event set the
modality only: the `future`/`hypothetical` flags that recode a promised act as AGREE or
THREATEN stay those of the event's own auxiliaries.

The cue words that are knowledge (deny, fail, believe, allege, verbs of saying) live in the
lexicon's `cue` rows; the grammatical ones (not, will, would, if) are English grammar and
live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import data_lines
from eventwire.events.lexicon import Lexicon
from eventwire.nlp.english import (
    ADVMOD_OR_AMOD,
    AUXILIARIES,
    CLAUSE_BOUNDARIES,
    CLAUSE_LINKS,
    COMPLEMENT_LINKS,
    DET_OR_AMOD,
    FUTURE_AUXILIARIES,
    NOMINAL_SUBJECTS,
    NOUN_TAGS,
    PLAN_LINKS,
    QUANTIFYING_DEPS,
    SUBJECTS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FUTURE_AUX = FUTURE_AUXILIARIES
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "'d"})
OBLIGATION_AUX = frozenset({"must", "should"})
NEGATIVE_DETS = frozenset({"no"})
ARGUMENT_LINKS = (SUBJECTS - {"csubj"}) | {"dobj"}
SUBJECT_LINKS = (SUBJECTS - {"csubj"}) | {"expl"}
CUES = "events/modality_cues.tsv"


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    """Words of data/events/modality_cues.tsv by role (condition, inversion, generic)."""
    table: dict[str, set[str]] = {}
    for line in data_lines(CUES):
        word, _, role = line.partition("\t")
        table.setdefault(role.strip(), set()).add(word.strip().lower())
    return {role: frozenset(words) for role, words in table.items()}


def condition_marks() -> frozenset[str]:
    return _cues().get("condition", frozenset())


@dataclass(frozen=True)
class Modal:
    """What the grammar around an event says about its reality."""

    modality: str
    negated: bool
    future: bool
    hypothetical: bool
    obligation: bool


def aux_lemmas(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in AUXILIARIES}


def obliged(verb: Token) -> Token | None:
    """The verb that lays the duty when `verb` is obliged ("must release": itself; "needs
    to act": "needs", a modality_cues.tsv obligation verb), None when it is not."""
    if aux_lemmas(verb) & OBLIGATION_AUX:
        return verb
    if verb.dep_ == "xcomp" and _cue(verb.head, "obligation") and verb.head.pos_ == "VERB" \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return verb.head
    return None


def is_negated(token: Token) -> bool:
    """`not`/`never` on the token, `no` as its determiner, or "no longer" on it ("will no
    longer recognize")."""
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ in NEGATIVE_DETS:
            return True
        if child.dep_ == "advmod" and child.lower_ == "longer" \
                and any(c.lower_ in NEGATIVE_DETS for c in child.children):
            return True
    return False


def plainly_negated(token: Token) -> bool:
    """`not`, `n't` or `never` on the token itself ("would not support"), not a refusal, a
    negative determiner or "no longer"."""
    return any(child.dep_ == "neg" for child in token.children)


def _ancestors_in_clause(token: Token, lexicon: Lexicon,
                        limit: int = 8) -> list[tuple[Token, str]]:
    """Heads above the token up to (not past) a verb of saying, with the link they were
    reached by."""
    found: list[tuple[Token, str]] = []
    current = token
    for _ in range(limit):
        if current.dep_ == "ROOT" or current.head.i == current.i:
            break
        if current.dep_ not in CLAUSE_LINKS:
            break
        link = current.dep_
        current = current.head
        if lexicon.cue(current) == "speech":
            break
        found.append((current, link))
    return found


def _marked(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in condition_marks()
                                          for c in clause.children)


def _inverted(clause: Token) -> bool:
    """A conditional by inversion: "should our forces be attacked", "were the army to
    invade", "had they fired" (an auxiliary before the subject, in a statement)."""
    inversion = _cues().get("inversion", frozenset())
    subjects = [c.i for c in clause.children if c.dep_ in SUBJECT_LINKS]
    if not subjects:
        return False
    auxes = [c for c in clause.children if c.dep_ in AUXILIARIES and c.lower_ in inversion]
    if clause.pos_ == "AUX" and clause.lower_ in inversion:
        auxes.append(clause)
    return any(aux.i < min(subjects) for aux in auxes) and clause.dep_ != "ROOT" \
        and not _question(clause.sent)


def _question(sentence: Span) -> bool:
    """The sentence ends with a question mark (read from its last token with text, without
    building the sentence's text)."""
    doc = sentence.doc
    for index in range(sentence.end - 1, sentence.start - 1, -1):
        words = doc[index].text.rstrip()
        if words:
            return words.endswith("?")
    return False


def _conditional(heads: list[Token], chain: list[Token]) -> bool:
    """Inside an if/unless clause or an inverted one, or carrying one ("could attack if the
    talks fail")."""
    if any(_marked(node) or _inverted(node) for node in [*heads, *chain]):
        return True
    return any(_marked(child) for head in heads for child in head.children)


def _generic(trigger: Token) -> bool:
    """A non-specific event noun: "any attacks (will be answered)", or a bare plural subject
    of a future or modal verb ("attacks on U.S. personnel will not be tolerated")."""
    if trigger.pos_ not in NOUN_TAGS:
        return False
    generic = _cues().get("generic", frozenset())
    if any(c.dep_ in DET_OR_AMOD and c.lower_ in generic for c in trigger.children):
        return True
    if trigger.dep_ in NOMINAL_SUBJECTS and trigger.tag_ == "NNS" and not any(
            c.dep_ in QUANTIFYING_DEPS for c in trigger.children):
        return bool(aux_lemmas(trigger.head) & (FUTURE_AUX | HYPOTHETICAL_AUX))
    return False


def _cue(token: Token, role: str) -> bool:
    words = _cues().get(role, frozenset())
    return token.lower_ in words or token.lemma_.lower() in words


def _in_clause(links: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
    """The heads above an event up to the first clause boundary (a complement or adverbial
    clause has its own time: "said after wrapping up meetings")."""
    kept: list[tuple[Token, str]] = []
    for node, link in links:
        if link in CLAUSE_BOUNDARIES:
            break
        kept.append((node, link))
    return kept


def _planned(trigger: Token, links: list[tuple[Token, str]]) -> bool:
    """A planned event, not yet happened: under a verb of planning ("is scheduled to travel
    for meetings", "plans to urge", "migrants slated for deportation"), or a noun marked so
    ("a planned deal"). Only the modality says so: the type stays (a planned meeting is
    still a CONSULT). A noun in a phrase of a "will" verb ("will join Waltz for the talks")
    is left asserted: the merge keeps modalities apart, and marking it split more happenings
    than it marked right on the dev stories."""
    if any(c.dep_ == "amod" and _cue(c, "planned") for c in trigger.children):
        return True
    return any(link in PLAN_LINKS and _cue(node, "plan") for node, link in _in_clause(links))


def _possible(trigger: Token, links: list[tuple[Token, str]]) -> bool:
    """A possible event: "the possible eviction", or an event noun that is an argument of
    a modal verb ("sanctions may be imminent", "hopes a ceasefire could take place")."""
    if any(c.dep_ == "amod" and _cue(c, "possible") for c in trigger.children):
        return True
    first = links[:1]
    return trigger.pos_ in NOUN_TAGS and any(
        link in ARGUMENT_LINKS and aux_lemmas(node) & HYPOTHETICAL_AUX for node, link in first)


def _alleged(heads: list[Token], chain: list[Token]) -> bool:
    """An event the text only reports as a claim: "allegedly offered", "reportedly
    attacked" on the event or a verb above it."""
    return any(c.dep_ == "advmod" and _cue(c, "alleged")
               for node in [*heads, *chain] for c in node.children)


def modality_of(heads: list[Token], lexicon: Lexicon) -> Modal:
    """Modality of an event whose words are `heads` (trigger first, then governing verbs)."""
    trigger = heads[0]
    links = _ancestors_in_clause(trigger, lexicon)
    chain = [node for node, _ in links]
    auxes: set[str] = set()
    negated = False
    for head in heads:
        auxes |= aux_lemmas(head)
        negated = negated or is_negated(head)
    for node, link in links:
        if link in COMPLEMENT_LINKS and lexicon.cue(node) == "negate" and not is_negated(node):
            negated = True
    belief = any(lexicon.cue(node) == "belief" for node in chain) or any(
        lexicon.cue(c) == "belief" for head in heads for c in head.children
        if c.dep_ in ADVMOD_OR_AMOD)
    future = bool(auxes & FUTURE_AUX) or any(
        n.lower_ == "going" and any(c.lower_ == "to" for c in n.children) for n in chain[:1])
    hypothetical = bool(auxes & HYPOTHETICAL_AUX)
    if hypothetical and "would" in auxes and any(
            h.dep_ == "ccomp" and lexicon.cue(h.head) == "speech" for h in heads):
        future, hypothetical = True, False  # "said it would deploy": future in the past
    obliging = next((o for h in heads if (o := obliged(h)) is not None), None)
    if obliging is not None and obliging not in heads and is_negated(obliging):
        obliging = None  # "does not need to withdraw": no duty at all
    obligation = obliging is not None and not any(_inverted(h) for h in heads)
    belief = belief or _alleged(heads, chain)
    if negated:
        modality = "negated"
    elif _conditional(heads, chain):
        modality = "conditional"
    elif _generic(trigger) or hypothetical or _possible(trigger, links):
        modality = "hypothetical"
    elif belief:
        modality = "reported_belief"
    elif future or _planned(trigger, links):
        modality = "future"
    else:
        modality = "asserted"
    return Modal(modality=modality, negated=negated, future=future, hypothetical=hypothetical,
                 obligation=obligation)
