"""Argument heads of an event mention in the dependency parse: the subject, passive subject
and agent of a verb, its objects and target phrases, the targets named by a purpose or
condition, places of what was hit, and the source and targets of an event noun. These are
token-level finders; `roles` turns the heads into actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.modality import condition_marks
from eventwire.nlp.english import ACTIVE_SUBJECTS as SUBJECTS
from eventwire.nlp.english import (
    ACTOR_LABELS,
    ADVCL_OR_XCOMP,
    AUXILIARIES,
    CLAUSAL_COMPLEMENTS,
    DATIVE_OR_PREP,
    LOCATIVE_PREPS,
    NOMINAL_SUBJECTS,
    NOMINAL_TAGS,
    NOUN_CLAUSES,
    NOUN_MODIFIERS_WITH_NMOD,
    OBJECT_ORDER,
    PASSIVE_MARKS,
    PREP_LINKS,
    RELATIVES,
    SOURCE_PREPS,
    VERB_TAGS,
)
from eventwire.nlp.syntax import active_participle, subject_of
from eventwire.places.words import PLACE_NOUNS, TOWN_OF

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.lexicon import Lexicon

TARGET_PREPS = ("on", "against", "with", "to", "at", "into", "upon", "toward", "towards",
                "over", "from")
NOUN_TARGET_PREPS = frozenset({"on", "against", "with", "to", "at", "into", "upon", "toward",
                               "towards", "of", "for"})
# "in protest of X", "in defiance of X", "in response to X": a purpose phrase, not a place;
# "in the cities of Seville and Ceuta", "in the province of X" are places.
WHERE_NOUNS = PLACE_NOUNS | TOWN_OF
PURPOSE_PREPS = frozenset({"of", "against", "at", "to", "for", "with", "over"})
# How far a possessive relative ("whose") is followed up to its clause.
MAX_CLIMB = 4
# How far a pronoun subject is followed up to the verb of saying above it.
MAX_SAY_CLIMB = 6


def agent_of(verb: Token) -> Token | None:
    """The by-agent of a passive verb; also a named one the parser hung on the verb's
    prepositional object ("have been threatened with economic consequences by China")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if not any(c.dep_ in PASSIVE_MARKS for c in verb.children):
        return None
    return next((name for noun in pobjs(verb, ("with", "in", "to", "under"))
                 for name in pobjs(noun, ("by",)) if name.ent_type_ in ACTOR_LABELS), None)


def passive_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            # "Porras, who was sanctioned": the relative stands for the noun it modifies
            return verb.head if child.lower_ in RELATIVES and verb.dep_ == "relcl" else child
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not active_participle(verb) \
            and not any(c.dep_ in SUBJECTS for c in verb.children):
        return verb.head  # not "the announcement that Ukraine had agreed": a clause
    return _conjunct_passive(verb)


def _conjunct_passive(verb: Token) -> Token | None:
    """The passive subject a passive conjunct with no subject of its own shares: "was
    arrested and charged" (charged: the one arrested), "Cosby is coming under attack ...
    and has now been indicted" (Cosby, though "coming" is active)."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or verb.head.pos_ not in VERB_TAGS \
            or any(c.dep_ in NOMINAL_SUBJECTS for c in verb.children):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return passive_subject(verb.head) or subject_of(verb.head)
    if any(c.dep_ in AUXILIARIES for c in verb.children):
        return None  # "has arrested and has charged him": active
    return passive_subject(verb.head)


def pobjs(token: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    return [g for c in token.children if c.dep_ in DATIVE_OR_PREP and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def object_candidates(verb: Token, request: bool = False, partner: bool = True) -> list[Token]:
    """Possible targets of a verb, best first: objects (and their of/on/to phrases),
    with `request` the subject of a demanded or charged clause ("called for President
    Obama to resign", "alleged that the military was behind"), then target prepositions
    ("in" names a place or a purpose: see `purpose_candidates` and `place_candidates`)."""
    found: list[Token] = []
    children = list(verb.children)
    for dep in OBJECT_ORDER:
        for child in children:
            if child.dep_ == dep and child.pos_ == "ADP":  # a dative "to": "gives it to X"
                found.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == dep:
                found.append(child)
                found.extend(pobjs(child, NOUN_TARGET_PREPS))
    if request:
        found.extend(g for c in children if c.dep_ in CLAUSAL_COMPLEMENTS or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for"
                                      for m in c.children))
                     for g in c.children if g.dep_ in SUBJECTS)
    for prep in TARGET_PREPS:
        if prep != "with" or partner:
            found.extend(pobjs(verb, (prep,)))
    return found


def infinitive(verb: Token) -> bool:
    return verb.pos_ in VERB_TAGS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def condition_subjects(verb: Token) -> list[Token]:
    """Subjects of the if/unless clauses of `verb` ("... unless Baghdad accepted"); the
    subordinators are the "condition" cues of data/events/modality_cues.tsv."""
    return [s for c in verb.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in condition_marks() for m in c.children)
        for s in c.children if s.dep_ in SUBJECTS]


def purpose_candidates(verb: Token, request: bool = False, partner: bool = True) -> list[Token]:
    """Targets named by the purpose or condition of `verb`: "(began a strike) to protest X",
    "in protest of X" (not "in the cities of X": a place), "(converged) for a rally to
    protest X", "for a war against X", "... unless X accepts" (last: what a threatened act
    is aimed at comes first, "threatened to ban voting in East Jerusalem if Hamas ran")."""
    found: list[Token] = []
    conditions = condition_subjects(verb)
    clauses: list[Token] = []
    for child in verb.children:
        if child.dep_ in ADVCL_OR_XCOMP and infinitive(child):
            clauses.append(child)
        elif child.dep_ == "prep":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                nouns = [pobj]
                if child.lower_ == "in" and pobj.lemma_.lower() not in WHERE_NOUNS:
                    nouns.extend(pobjs(pobj, PURPOSE_PREPS))
                    found.extend(nouns[1:])
                elif child.lower_ == "for":
                    found.append(pobj)
                clauses.extend(g for noun in nouns for g in noun.children
                               if g.dep_ in NOUN_CLAUSES and infinitive(g))
    for clause in clauses:
        objects = object_candidates(clause, request, partner)
        found.extend(objects + [g for o in objects for g in pobjs(o, ("in",))])
        found.extend(pobjs(clause, PURPOSE_PREPS | {"in"}))
        conditions.extend(condition_subjects(clause))
    return found + conditions


def place_candidates(verb: Token, heads: list[Token]) -> list[Token]:
    """Places in locative phrases of the targets, then of the verb ("fired at targets in
    Jericho"): where a thing that was hit lies stands for whom it belongs to."""
    found = [t for head in heads for t in head.subtree
             if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS]
    return found + pobjs(verb, LOCATIVE_PREPS)


def appositive_name(head: Token) -> Token | None:
    """The proper name a common-noun head is in apposition with: "Mark Cuban, the billionaire
    owner of the Dallas Mavericks who rebuffed ..." (owner: Cuban), "Lai's son Sebastien"
    (son: Sebastien, not Lai)."""
    if head.pos_ != "NOUN":
        return None
    if head.dep_ == "appos" and head.head.pos_ == "PROPN":
        return head.head
    return next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def conjuncts(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ == "conj" and c.pos_ in NOMINAL_TAGS]


def _antecedent(relative: Token) -> Token:
    """The noun a possessive relative stands for ("Obama, whose criticism of Trump has
    sharpened": Obama), else the word itself."""
    if relative.lower_ != "whose":
        return relative
    current = relative
    for _ in range(MAX_CLIMB):
        if current.dep_ == "relcl":
            return current.head
        if current.head.i == current.i:
            break
        current = current.head
    return relative


def noun_source(noun: Token) -> Token | None:
    """The doer a noun event names: its possessor (a possessive relative stands for its
    noun), a by/from phrase, or a name modifier ("U.S. airstrikes")."""
    for child in noun.children:  # also a possessor parsed as a modifier ("the latter’s")
        if child.dep_ == "poss" or any(g.dep_ == "case" for g in child.children):
            return _antecedent(child)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    for child in noun.lefts:
        if child.dep_ in NOUN_MODIFIERS_WITH_NMOD and child.ent_type_ in ACTOR_LABELS:
            return child
    return None


def noun_targets(noun: Token) -> list[Token]:
    found = pobjs(noun, NOUN_TARGET_PREPS)
    found.extend(g for c in noun.children if c.dep_ == "relcl"
                 for g in c.children if g.dep_ == "dobj")
    return found


def culprit(noun: Token) -> Token | None:
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
        if current.dep_ not in PREP_LINKS:
            return None
        current = parent
    return None


def sayer_of(token: Token, lexicon: Lexicon) -> Token | None:
    """The subject of the nearest verb of saying above `token` ("Syria says it will ...")."""
    current = token
    for _ in range(MAX_SAY_CLIMB):
        if current.head.i == current.i:
            return None
        current = current.head
        if lexicon.cue(current) == "speech":
            return subject_of(current)
    return None
