"""What the event decision (events/decide.py) sees of one candidate: named features.

Each candidate event gets a sparse row `{name: value}`: mostly indicator features
("lem=attack", "rt=ASSAULT", "w=billion"), a few numeric ones. They sit in the same row as
the confidence features of `events.confidence` (Work.event_features), so the row travels
with the event through merging and is what the decision model is trained on
(`eventwire.evaluation.decision`).

Mention features (`mention_features`, where the event is built): the trigger's lemma and
lexicon coding (type, mode, role, weight), its part of speech and dependency, the words
next to it, clause depth, modality and negation, whether it is reported or quoted, the
source and target (found, named, resolved, pronoun, the actor's kind and sectors), the
number of candidates in the sentence, and the content words and entity labels of the
sentence. Article features (`article_features`, once every candidate of the article is
built): the relative position of the sentence, the first sentence, how often the trigger
lemma and the rule type recur in the article, and whether the input is a single sentence.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from eventwire.events.threats import REACTIONS
from eventwire.nlp.english import (
    CONTENT_TAGS,
    FIRST_PERSON_PRONOUNS,
    NOMINAL_SUBJECTS,
    NOUN_TAGS,
    PERSONAL_PRONOUNS,
)
from eventwire.nlp.mentions import entity_at
from eventwire.nlp.per_sentence import per_sentence

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

    from eventwire.events.detect import Candidate
    from eventwire.events.roles import Roles
    from eventwire.model import Article, Mention

CONTENT = CONTENT_TAGS
CONDITION_MARKS = frozenset({"if", "unless"})
WINDOW = 2


def _role_features(article: Article, name: str, mention: Mention | None,
                   row: dict[str, float]) -> None:
    if mention is None:
        row[f"{name}=none"] = 1.0
        return
    words = mention.text.lower()
    if words in PERSONAL_PRONOUNS:
        row[f"{name}=pronoun"] = 1.0
        return
    entity = entity_at(article, mention.start, mention.end)
    row[f"{name}_ent={entity.label if entity is not None else 'none'}"] = 1.0
    actor = next((a for a in article.actors if a.id == mention.actor), None) \
        if mention.actor else None
    if actor is None:
        row[f"{name}=unresolved"] = 1.0
        return
    row[f"{name}_kind={actor.kind}"] = 1.0
    for sector in actor.sectors[:3]:
        row[f"{name}_sector={sector}"] = 1.0
    if actor.country:
        row[f"{name}=country"] = 1.0


def _window(trigger: Token, sentence: DocSpan) -> list[str]:
    names: list[str] = []
    for offset in range(-WINDOW, WINDOW + 1):
        index = trigger.i + offset
        if offset and sentence.start <= index < sentence.end:
            token = trigger.doc[index]
            names.append(f"ctx{offset:+d}={token.lemma_.lower()}")
    return names


def mention_features(article: Article, sentence: DocSpan, candidate: Candidate,
                     roles: Roles, reported: bool, quoted: bool, level: int,
                     count: int) -> dict[str, float]:
    """The decision features of one candidate (see the module docstring)."""
    trigger, anchor = candidate.trigger, candidate.anchor
    lemma = trigger.lemma_.lower()
    row: dict[str, float] = {
        f"rt={candidate.type}": 1.0, f"lem={lemma}": 1.0, f"lt={lemma}|{candidate.type}": 1.0,
        f"mode={candidate.mode}": 1.0, f"role={candidate.role}": 1.0,
        f"pos={trigger.pos_}": 1.0, f"dep={trigger.dep_}": 1.0, f"adep={anchor.dep_}": 1.0,
        f"depth={min(level, 3)}": 1.0, f"ncand={min(count, 4)}": 1.0,
        "lexweight": candidate.weight,
    }
    if anchor.i != trigger.i:
        row[f"alem={anchor.lemma_.lower()}"] = 1.0
    modal = candidate.modal
    if modal is not None:
        row[f"modal={modal.modality}"] = 1.0
    if candidate.complement is not None:
        row[f"inner={candidate.complement.type}"] = 1.0
    flags = {"derived": candidate.derived, "negated": modal is not None and modal.negated,
             "reported": reported, "quoted": quoted,
             "definite": any(c.dep_ == "det" and c.lower_ in {"the", "this", "these", "that"}
                             for c in trigger.children),
             "capitalised": trigger.is_title and trigger.i > sentence.start}
    row.update({name: 1.0 for name, on in flags.items() if on})
    _role_features(article, "src", roles.source, row)
    _role_features(article, "tgt", roles.target, row)
    row.update(_condition_features(anchor))
    for name in _window(trigger, sentence):
        row[name] = 1.0
    for index, name in _content_words(sentence):
        if index != trigger.i:
            row[name] = 1.0
    for label in _entity_labels(sentence):
        row[f"ent={label}"] = 1.0
    return row


def _conditional(verb: Token) -> bool:
    """A clause set as a condition: "if they attack", "unless", or inverted "should our
    forces be attacked"."""
    children = list(verb.children)  # one walk of the children for the three tests
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children):
        return True
    should = [c.i for c in children if c.dep_ == "aux" and c.lower_ == "should"]
    subjects = [c.i for c in children if c.dep_ in NOMINAL_SUBJECTS]
    return bool(should and subjects and should[0] < subjects[0])


def _own_side(verb: Token) -> bool:
    """A condition about the speaker's side: its subject is or has a first-person pronoun
    ("should our forces be attacked", "if we are attacked")."""
    return any(t.lower_ in FIRST_PERSON_PRONOUNS for c in verb.children
               if c.dep_ in NOMINAL_SUBJECTS for t in c.subtree)


def _condition_features(anchor: Token) -> dict[str, float]:
    """What a threat is made of, inside the candidate's own clause: a condition ("should
    our forces be attacked", "if they attack") and a reaction ("decisive military force",
    "a response": the reaction words of events.threats); both together ("a response ... if
    they attack"), and a condition about the speaker's own side ("should our forces be
    attacked": the reaction is the speaker's)."""
    row: dict[str, float] = {}
    for token in anchor.subtree:
        if token.i == anchor.i:
            continue
        if _conditional(token):
            row["conditional"] = 1.0
            if _own_side(token):
                row["own_side_condition"] = 1.0
        if token.pos_ in NOUN_TAGS and token.lemma_.lower() in REACTIONS:
            row["reaction"] = 1.0
    if "conditional" in row and "reaction" in row:
        row["conditional_reaction"] = 1.0
    return row


@per_sentence
def _content_words(sentence: DocSpan) -> tuple[tuple[int, str], ...]:
    """(token index, feature name) of the sentence's content words, in order."""
    return tuple((token.i, f"w={token.lemma_.lower()}") for token in sentence
                 if token.pos_ in CONTENT and not token.is_stop and token.is_alpha)


@per_sentence
def _entity_labels(sentence: DocSpan) -> set[str]:
    """The labels of the entities wholly inside the sentence, what `sentence.ents` gives,
    read from the tokens: `Span.ents` walks every entity of the document, which made the
    events stage quadratic on long articles."""
    labels: set[str] = set()
    doc, end = sentence.doc, sentence.end
    for token in sentence:
        if token.ent_iob_ != "B":
            continue
        last = token.i + 1
        while last < len(doc) and doc[last].ent_iob_ == "I":
            last += 1
        if last <= end:
            labels.add(token.ent_type_)
    return labels


def article_features(article: Article, table: dict[str, dict[str, float]],
                     order: dict[str, int], sentences: int) -> None:
    """Add the article features to each event's row; `order` is the index of each event's
    sentence among the article's `sentences` sentences."""
    lemmas: dict[str, int] = {}
    types: dict[str, int] = {}
    for event in article.events:
        lemma = next((name for name in table.get(event.id) or {} if name.startswith("lem=")), "")
        lemmas[lemma] = lemmas.get(lemma, 0) + 1
        types[event.type] = types.get(event.type, 0) + 1
    total = max(1, len(article.events))
    for event in article.events:
        found = table.get(event.id)
        if found is None:
            continue
        row = found
        index = order.get(event.id, 0)
        if sentences <= 1:
            row["one_sentence"] = 1.0
        else:
            row["position"] = index / sentences
            if index == 0:
                row["first_sentence"] = 1.0
        lemma = next((name for name in row if name.startswith("lem=")), "")
        row["lemma_repeats"] = math.log(lemmas.get(lemma, 1))
        row["type_share_rule"] = types.get(event.type, 0) / total
