"""Reading the dependency parse: the syntax helpers every rule shares, each defined once.

- `subject_of(verb)`: who does what a verb (or predicative adjective) says, following
  control ("agreed to meet": the subject of "agreed"; "invited officials to visit": the
  officials, after a verb of object control), coordination, relatives ("troops
  that fired": the troops) and participle clauses. The events stage's rule for a source.
- `speaker_subject(verb, quoted)`: the subject of a reporting verb, which also reads
  inverted cues ('"...," said Skelly') and never takes a subject inside a quote. The
  quotes stage's rule for a speaker. The two differ on purpose: a speaker is found through
  clausal complements and inversion, an event source through control and participles.
- `is_locative(token)`: the token is (part of) the object of a place preposition, so a
  name there is a place, not an actor ("in Iraq and Syria").
- `np_left_edge(token)`: the first word of the noun phrase a head word heads.
- `counted_group(token)`: a plural noun counted by a number or a quantifier ("11 coal
  miners", "many other democracies"): a group of so many, who act or suffer.
- `written_name(token)`: a word written as someone's name, a proper noun or an acronym
  ("IS", "BLA"), that no entity marks as a place, a date, a number or a thing (a law, a
  work, an event): a name stands for someone though no actor is known for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp.english import (
    ACTIVE_SUBJECTS,
    ACTOR_LABELS,
    ADVCL_OR_XCOMP,
    AUXILIARIES,
    DATIVE_OR_PREP,
    GROUP_QUANTIFIERS,
    NAME_LOCATIVE_PREPS,
    NOUN_CLAUSES,
    NOUN_MODIFIERS,
    NOUN_TAGS,
    NP_LEFT_WITH_CASE,
    NUMBER_DEPS,
    OBJECT_CONTROL_VERBS,
    PLACE_LABELS,
    PREPOSITIONAL_CONTROL,
    RELATIVES,
    SPEAKER_CLIMB,
    SPEAKER_PREDICATE_LINKS,
    SUBJECTS,
    TIME_LABELS,
    VERB_TAGS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Labels `speaker_subject` climbs through to the verb that has a subject.
#: What may stand right before an inverted reporting verb ('"...," said Skelly').
INVERSION_AFTER = frozenset({",", "”", "\"", ",”", ",\""})
#: Reporting verbs whose following name is the hearer, not the speaker ("telling O'Reilly").
ADDRESSED = frozenset({"tell"})
MAX_CONTROL_DEPTH = 3


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when the character `position` lies in one of the [start, end) `spans`."""
    return any(start <= position < end for start, end in spans)


def active_participle(verb: Token) -> bool:
    """A participle read as a reduced relative that has a direct object of its own is active,
    a misparse of a clause: in "after floods killed 31 people" the floods did the killing
    (a real reduced relative, "the people killed", has no object)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(
        child.dep_ == "dobj" for child in verb.children)


def _controller(verb: Token) -> Token | None:
    """The object of a verb of object control that a "to" clause hangs from ("invited
    Iranian officials to visit": officials), or its prepositional object for a verb of
    prepositional control ("called on all parties to resume talks": the parties)."""
    head = verb.head
    if verb.dep_ not in ADVCL_OR_XCOMP \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if (prep := PREPOSITIONAL_CONTROL.get(head.lemma_.lower())) is not None:
        return next((g for c in head.children if c.lower_ == prep and c.dep_ in DATIVE_OR_PREP
                     for g in c.children if g.dep_ == "pobj"), None)
    if head.lemma_.lower() not in OBJECT_CONTROL_VERBS:
        return None
    return next((c for c in head.children if c.dep_ == "dobj"), None)


def _borrowed_subject(verb: Token, depth: int) -> Token | None:
    """The subject a verb without its own borrows from the word it hangs from."""
    if (controller := _controller(verb)) is not None:
        return controller
    if verb.dep_ in SPEAKER_PREDICATE_LINKS:
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:  # "resorted to throwing"
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ in NOUN_CLAUSES and (verb.tag_ != "VBN" or active_participle(verb)):
        return verb.head
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return subject_of(verb.head, depth + 1)
    return None


def _label(token: Token) -> bool:
    """A speaker's label before a colon, as interviews print them ("VOA: Putin visited
    China"): the one who asks, not the doer of the clause after it (which the parser may
    hang on the label as an apposition)."""
    following = token.i + 1
    return following < len(token.doc) and token.doc[following].text == ":"


def _plural(verb: Token) -> bool:
    """A plural present verb or auxiliary ("who are facing", "who have fled")."""
    return verb.tag_ == "VBP" or any(c.dep_ in AUXILIARIES and c.tag_ == "VBP"
                                     for c in verb.children)


def antecedent(clause: Token) -> Token:
    """The noun a relative clause stands for: the word it hangs from, or the first of a
    coordination when its verb is plural ("Rafat Amirov and Polad Omarov, who are facing
    charges": Amirov, the coordination's head)."""
    noun = clause.head
    if _plural(clause):
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
    return noun


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb (or predicative adjective), following control and relatives.

    An active subject counts at once; a passive subject only on a verb reached by climbing
    ("was arrested and charged": "charged" borrows nothing passive of its own)."""
    for child in verb.children:
        if _label(child):  # the parser may hang the real subject on the label
            named = next((c for c in child.children if c.dep_ == "appos"), None)
            if named is None:
                continue
            return named
        if child.dep_ in ACTIVE_SUBJECTS or (depth and child.dep_ == "nsubjpass"):
            if child.lower_ in RELATIVES and verb.dep_ == "relcl":
                return antecedent(verb)
            return child
    if depth > MAX_CONTROL_DEPTH or verb.head.i == verb.i:
        return None
    return _borrowed_subject(verb, depth)


def inverted_subject(verb: Token) -> Token | None:
    """The name right after the verb in an inverted cue: 'said David Plouffe', 'Said Ellis:'."""
    if verb.dep_ == "compound" and verb.head.pos_ == "PROPN" and verb.head.i > verb.i:
        return verb.head
    if verb.tag_ == "VBG" or verb.lemma_.lower() in ADDRESSED or \
            any(child.dep_ in SUBJECTS for child in verb.children):
        return None
    if verb.i > 0 and not verb.is_sent_start and verb.nbor(-1).text not in INVERSION_AFTER:
        return None
    for child in verb.rights:
        if (child.pos_ == "PROPN" or child.is_title) and child.left_edge.i == verb.i + 1 and \
                child.ent_type_ not in TIME_LABELS:
            return child
        break
    return None


def speaker_subject(verb: Token, quoted: list[tuple[int, int]] | None = None) -> Token | None:
    """The subject of a reporting `verb`, or of the verb it hangs from (conj, advcl, xcomp,
    and the verb a preposition phrase hangs from: "After saying ..., she was"). A subject
    inside a quoted stretch is skipped: in '"If it doesn't ...," said James Acton' the
    parser may give "said" both "it" and "Acton"."""
    inverted = inverted_subject(verb)
    if inverted is not None:
        return inverted
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECTS and any(ch.isalnum() for ch in child.text) and \
                    not (quoted and inside(child.idx, quoted)):
                return child
        if current.dep_ == "acl" and current.head.pos_ in NOUN_TAGS:
            return current.head
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and \
                current.head.head.pos_ in VERB_TAGS:
            current = current.head.head
            continue
        if current.dep_ not in SPEAKER_CLIMB or current.head is current:
            return None
        current = current.head
    return None


def is_locative(tok: Token, preps: frozenset[str] = NAME_LOCATIVE_PREPS) -> bool:
    """True when the name is the object of a place preposition ("in Iraq and Syria"),
    through coordination and one compound or adjective ("in the Iraqi capital")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in NOUN_MODIFIERS and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in preps


def np_left_edge(token: Token, deps: frozenset[str] = NP_LEFT_WITH_CASE) -> Token:
    """The first word of the noun phrase `token` heads: the leftmost word of its left
    dependents labelled in `deps` ("a U.S. official" for "official")."""
    edge = token
    for child in token.lefts:
        if child.dep_ in deps and child.left_edge.i < edge.i:
            edge = child.left_edge
    return edge


def counted_group(token: Token) -> bool:
    """True when `token` is a plural noun with a number or a quantifier before it ("11 coal
    miners", "more than 30 foreign influencers", "many other democracies"); a year is no
    count ("the 2012 attacks")."""
    return token.tag_ == "NNS" and any(
        (child.dep_ in NUMBER_DEPS and child.ent_type_ not in TIME_LABELS)
        or child.lower_ in GROUP_QUANTIFIERS for child in token.lefts)


def written_name(token: Token) -> bool:
    """True when `token` is written as the name of someone: a proper noun or an acronym of
    two or more capitals ("airstrikes against IS in Syria"), with no entity label or the
    label of a person, group or organisation (not a place, a date, a number, a law)."""
    if token.ent_type_ and (token.ent_type_ not in ACTOR_LABELS
                            or token.ent_type_ in PLACE_LABELS):
        return False
    text = token.text
    return token.pos_ == "PROPN" or (len(text) >= 2 and text.isalpha() and text.isupper())
