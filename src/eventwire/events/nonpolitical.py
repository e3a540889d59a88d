"""No PLOVER event where nothing political happened.

PLOVER codes what actors do; disease and disaster are contexts, not events, and an event
needs an actor (codebook, "Event, Mode, and Context"). A candidate is dropped when:
- its doer is a natural hazard, an accident, a disease, the weather or a market instrument
  ("Floods killed 31 people", "earthquake struck ..., killing 12", "killed when a bus plunged",
  "Stocks rallied", "the dollar retreated") -- unless the doer's phrase names an actor or a
  weapon ("Israeli fire", "sniper fire");
- it is an event noun made an accident or an economic term by its modifier ("a gas
  explosion", "weak demand"), or a verb whose object is a market level ("hit a record high");
- the sentence sets a sports or ordinary-crime scene ("the striker", "the semifinal", "robbers",
  "her husband") and no political actor takes part (an actor with a political sector; for
  crime also one with a country);
- it is a verb of fighting with no opponent and no armed actor: figurative ("we were not
  fighting for Makeda alone", "Clinton and Sanders battled to replace him", "he's still
  fighting"): no direct object, no opponent preposition ("with", "against") and no actor of an
  armed sector ("militants still fighting" stays).
The words are data: data/events/nonpolitical.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import data_lines
from eventwire.errors import ConfigError
from eventwire.events.type_groups import CRIME_CHECKED, SPORTS_KEPT
from eventwire.events.type_groups import HARM as HARM_TYPES
from eventwire.nlp.english import (
    ACTED_ON,
    ACTIVE_SUBJECTS,
    ACTIVE_SUBJECTS_WITH_AGENT,
    ACTOR_LABELS,
    ADVCL_CONJ_XCOMP,
    ADVMOD_OR_MARK,
    GROUP_LABELS,
    NOMINAL_SUBJECTS,
    NOUN_MODIFIERS_WITH_NMOD,
    NOUN_TAGS,
    PREDICATE_TAGS,
    PREP_LINKS,
    VERB_OBJECTS,
    VERB_TAGS,
)
from eventwire.nlp.per_sentence import per_sentence
from eventwire.nlp.syntax import active_participle

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.events.lexicon import Lexicon
    from eventwire.events.roles import Roles
    from eventwire.model import Article

SOURCE = "events/nonpolitical.tsv"
SCOPES = frozenset({"doer", "modifier", "object", "context", "sector", "struggle", "opponent",
                    "armed"})
DOER_PREPS = frozenset({"in", "during", "from", "by"})
WHEN_MARKS = frozenset({"when", "after", "as", "while"})
PHRASE_DEPS = NOUN_MODIFIERS_WITH_NMOD
ENTITY_LABELS = ACTOR_LABELS


@dataclass(frozen=True)
class Vocabulary:
    """The words of data/events/nonpolitical.tsv by scope: word -> category."""

    doers: dict[str, str]
    modifiers: dict[str, str]
    objects: dict[str, str]
    contexts: dict[str, str]
    sectors: frozenset[str]
    struggles: frozenset[str] = frozenset()
    opponents: frozenset[str] = frozenset()
    armed: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    tables: dict[str, dict[str, str]] = {scope: {} for scope in SCOPES}
    for number, line in enumerate(data_lines(SOURCE), start=1):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 3 or cells[2] not in SCOPES:
            raise ConfigError(f"{SOURCE}: row {number} {line!r}: expected word, category, scope")
        tables[cells[2]][cells[0].lower()] = cells[1]
    return Vocabulary(doers=tables["doer"], modifiers=tables["modifier"],
                      objects=tables["object"], contexts=tables["context"],
                      sectors=frozenset(s.upper() for s in tables["sector"]),
                      struggles=frozenset(tables["struggle"]),
                      opponents=frozenset(tables["opponent"]),
                      armed=frozenset(s.upper() for s in tables["armed"]))


def _phrase(head: Token) -> list[Token]:
    return [head, *(c for c in head.children if c.dep_ in PHRASE_DEPS)]


def _named_or_armed(head: Token, lexicon: Lexicon) -> bool:
    """'Israeli fire', 'sniper fire', 'a car bomb blast': an actor or a weapon did it."""
    return any(t.ent_type_ in ENTITY_LABELS or lexicon.mode_for("ASSAULT", t.lemma_.lower())
               for t in head.subtree if t.i < head.i)


def _doer_category(head: Token, vocabulary: Vocabulary, lexicon: Lexicon,
                   market_only: bool = False) -> str | None:
    for token in _phrase(head):
        word = token.lemma_.lower()
        category = vocabulary.doers.get(word) or vocabulary.doers.get(
            word.removesuffix("s")) or vocabulary.doers.get(token.lower_)
        if category is not None and (not market_only or category == "market") \
                and not _named_or_armed(head, lexicon):
            return category
    return None


def _doers(verb: Token) -> list[tuple[Token, bool]]:
    """(noun, market_only) for the doers of a verb and the verbs it hangs from."""
    found: list[tuple[Token, bool]] = []
    current = verb
    for _ in range(3):
        actor_subject = any(c.dep_ in ACTIVE_SUBJECTS_WITH_AGENT for c in current.children)
        for child in current.children:
            if child.dep_ in ACTIVE_SUBJECTS:
                found.append((child, False))
            elif child.dep_ == "nsubjpass":
                found.append((child, True))
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in DOER_PREPS
                                           and not actor_subject):
                # "killed by the earthquake", "killed in a crash" (but "troops killed 12
                # protesters during the floods": the troops did it)
                found.extend((g, False) for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "advcl" and any(m.dep_ in ADVMOD_OR_MARK and m.lower_ in
                                               WHEN_MARKS for m in child.children):
                found.extend((g, False) for g in child.children if g.dep_ == "nsubj")
        if active_participle(current):  # "after floods killed 31 people"
            found.append((current.head, False))
        has_subject = any(c.dep_ in NOMINAL_SUBJECTS for c in current.children)
        if has_subject or current.head.i == current.i:
            break
        if current.dep_ == "pcomp":  # "before retreating"
            current = current.head
        elif current.dep_ not in ADVCL_CONJ_XCOMP:
            break
        current = current.head
        # the subject of a raising verb does it: "temperatures are forecast to hit"
        found.extend((c, False) for c in current.children if c.dep_ == "nsubjpass")
    return found


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun event hangs from through prepositions ("came under attack")."""
    current = noun
    for _ in range(3):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in VERB_TAGS:
            return current
        if current.dep_ not in PREP_LINKS and current.pos_ != "ADP":
            return None
    return None


def _political(article: Article, roles: Roles, vocabulary: Vocabulary,
               countries: bool, sectors: frozenset[str] | None = None) -> bool:
    """Whether an actor of `sectors` (default: the political ones) takes part; with
    `countries`, also any actor with a country."""
    wanted = vocabulary.sectors if sectors is None else sectors
    actors = {a.id: a for a in article.actors}
    for mention in (roles.source, roles.target, *roles.sources_also, *roles.targets_also):
        actor = actors.get(mention.actor) if mention is not None and mention.actor else None
        if actor is None:
            continue
        if wanted & {s.upper() for s in actor.sectors}:
            return True
        if countries and actor.country is not None:
            return True
    return False


def _scene(sentence_tokens: list[Token], vocabulary: Vocabulary) -> str | None:
    for token in sentence_tokens:
        if token.pos_ in NOUN_TAGS and token.ent_type_ not in GROUP_LABELS:
            category = vocabulary.contexts.get(token.lemma_.lower()) or vocabulary.contexts.get(
                token.lower_)
            if category is not None:
                return category
    return None


@per_sentence
def _sentence_scene(sentence: Span) -> str | None:
    """The scene of a sentence with the packaged vocabulary (read once per sentence)."""
    return _scene(list(sentence), load_vocabulary())


def _verb_category(verb: Token, vocabulary: Vocabulary, lexicon: Lexicon) -> str | None:
    """The category of a verb's non-political doer or market-level object."""
    for head, market_only in _doers(verb):
        category = _doer_category(head, vocabulary, lexicon, market_only)
        if category is not None:
            return category
    for child in verb.children:
        if child.dep_ == "dobj" and vocabulary.objects.get(child.lemma_.lower()):
            return vocabulary.objects[child.lemma_.lower()]
    return None


def _noun_category(trigger: Token, anchor: Token, vocabulary: Vocabulary,
                   lexicon: Lexicon) -> str | None:
    """The category of an event noun's modifier ("a gas explosion") or of the doer of the
    verb that governs it."""
    for child in trigger.children:
        if child.dep_ in PHRASE_DEPS and child.lemma_.lower() in vocabulary.modifiers:
            return vocabulary.modifiers[child.lemma_.lower()]
    governing = _governing_verb(trigger) if anchor == trigger else None
    if governing is not None and not any(m.entry.type for m in lexicon.match(governing)):
        # "the currency came under attack", "the quake caused widespread destruction"
        for head, _ in _doers(governing):
            category = _doer_category(head, vocabulary, lexicon)
            if category is not None:
                return category
    return None


def _scene_category(article: Article, trigger: Token, event_type: str, roles: Roles,
                    vocabulary: Vocabulary) -> str | None:
    """A sports or crime scene with no political actor taking part."""
    scene = _sentence_scene(trigger.sent) if vocabulary is load_vocabulary() \
        else _scene(list(trigger.sent), vocabulary)
    if scene == "sports" and (event_type not in SPORTS_KEPT
                              or not _political(article, roles, vocabulary, countries=False)):
        return scene
    if scene == "crime" and event_type in HARM_TYPES | CRIME_CHECKED \
            and not _political(article, roles, vocabulary, countries=True):
        return scene
    return None


def _figurative(article: Article, trigger: Token, event_type: str, roles: Roles,
                vocabulary: Vocabulary) -> str | None:
    """A verb of fighting with no opponent and no armed actor: "fighting for the children",
    "battled to replace him" (see the module docstring)."""
    if event_type not in HARM_TYPES or trigger.pos_ not in VERB_TAGS \
            or trigger.lemma_.lower() not in vocabulary.struggles:
        return None
    # a shared object or opponent after both verbs hangs from the first: "attacking and
    # fighting Kenyan troops"
    shared = [c for c in trigger.head.children if c.i > trigger.i] \
        if trigger.dep_ == "conj" else []
    for child in [*trigger.children, *shared]:
        if child.dep_ in VERB_OBJECTS | ACTED_ON \
                or (child.dep_ == "prep" and child.lower_ in vocabulary.opponents):
            return None
    if _political(article, roles, vocabulary, countries=False, sectors=vocabulary.armed):
        return None
    return "figurative"


def non_political(article: Article, trigger: Token, anchor: Token, event_type: str,
                  roles: Roles, lexicon: Lexicon) -> str | None:
    """Why the candidate is no PLOVER event (a category: disaster, accident, disease,
    weather, market, sports, crime, figurative), or None when it stands."""
    vocabulary = load_vocabulary()
    for verb in {anchor, trigger}:
        if verb.pos_ in PREDICATE_TAGS:
            category = _verb_category(verb, vocabulary, lexicon)
            if category is not None:
                return category
    if trigger.pos_ in NOUN_TAGS:
        category = _noun_category(trigger, anchor, vocabulary, lexicon)
        if category is not None:
            return category
    return _scene_category(article, trigger, event_type, roles, vocabulary) \
        or _figurative(article, trigger, event_type, roles, vocabulary)
