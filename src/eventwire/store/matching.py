"""Event dedup across articles: when two event mentions are the same real-world happening.

Two mentions may be one happening only when they are blocked together: same PLOVER type,
same factuality, dates within the precision they allow (`dating.compatible`: two days a few
days apart; an event known to the month matches any day of that month, never another
month), no conflicting place or country, and compatible source and target (each role: the
same actor or country, or one of them unknown; a generic name such as "the group" or
"officials" counts as unknown). They then match on evidence: an actor in common with some
sentence similarity beyond the actors' names (more of it when a role is unknown), the
sentences of all their mentions much alike (`same_context`), or a high sentence similarity; a
sentence repeated nearly word for word is one fact whatever roles the parser read in it.

`same_reported_event` decides whether two whole articles report the same happening.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from eventwire.model import Actor, Article, Event, Mention
from eventwire.nlp.english import NAME_LABELS
from eventwire.store.dating import DAY_LIKE, compatible, stored_date
from eventwire.store.dedup import (
    DedupConfig,
    content_words,
    jaccard,
    signature,
    stop_words,
    words,
)

FACTUAL_MODALITIES = frozenset({"asserted"})  # a claim ("allegedly") is not a fact
NAMED = NAME_LABELS - {"LANGUAGE"}  # entities whose words `named_words` compares


class MentionKey(NamedTuple):
    """What event dedup compares about one event mention (`source`, `target`: the roles'
    actor keys, empty when unknown; `precision`: of `day`, see `dating`; `context`: the
    content words of every sentence of the article that tells this happening)."""

    type: str
    factual: bool
    day: str
    place: str | None
    country: str | None
    actors: frozenset[str]
    sentence: str
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    precision: str = ""
    context: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Words that name nobody in particular (data/store/generic_actors.txt)."""
    from eventwire.data import data_lines

    return frozenset(line.strip() for line in data_lines("store/generic_actors.txt"))


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name as an actor key: its lower-cased words."""
    return "name:" + " ".join(words(name))


def generic(key: str) -> bool:
    """Whether an actor key is a name made of generic words only ("name:the group")."""
    return key.startswith("name:") and all(w in generic_words() for w in key[5:].split())


@lru_cache(maxsize=65536)
def _actor_keys(name: str, country: str | None, kind: str,
                sectors: tuple[str, ...]) -> frozenset[str]:
    keys = {name_key(name)} if name.strip() else set()
    if country:
        keys.update(f"code:{country}/{sector}" for sector in sectors)
        if kind == "country":
            keys.add(f"code:{country}/")
    return frozenset(key for key in keys if not generic(key))


def actor_keys(actor: Actor) -> set[str]:
    """An actor as comparable keys: its name (unless generic), and country/sector pairs."""
    return set(_actor_keys(actor.name, actor.country, actor.kind, tuple(actor.sectors)))


def _role_keys(mention: Mention | None, actors: Mapping[str, Actor] | None,
               article: Article) -> frozenset[str]:
    if mention is None:
        return frozenset()
    if mention.actor is not None:
        actor = (actors.get(mention.actor) if actors is not None
                 else next((a for a in article.actors if a.id == mention.actor), None))
        if actor is not None:
            return _actor_keys(actor.name, actor.country, actor.kind, tuple(actor.sectors))
    key = name_key(mention.text) if mention.text.strip() else ""
    return frozenset({key}) if key and not generic(key) else frozenset()


def event_date(article: Article, event: Event) -> tuple[str, str]:
    """The event's stored date and precision (`dating.stored_date`): its own date, else
    the publication date."""
    if event.date is not None and event.date.value:
        found = stored_date(event.date.value, event.date.precision)
        if found[0]:
            return found
    return stored_date(article.published, "published")


def event_day(article: Article, event: Event) -> str:
    """The event's date text at its own precision (see `event_date`)."""
    return event_date(article, event)[0]


def mention_key(article: Article, event: Event,
                actors: Mapping[str, Actor] | None = None) -> MentionKey:
    """What dedup compares about `event` of `article` (`actors`: the article's actors by id,
    when the caller has them at hand)."""
    source = _role_keys(event.source, actors, article)
    target = _role_keys(event.target, actors, article)
    place = next((p for p in article.places if event.place and p.id == event.place.place), None)
    day, precision = event_date(article, event)
    spans = {(event.sentence.start, event.sentence.end)}
    spans.update((told.sentence.start, told.sentence.end) for told in event.mentions)
    context: set[str] = set()
    for start, end in spans:
        context |= content_words(article.text[start:end])
    return MentionKey(
        type=event.type,
        factual=not event.negated and event.modality in FACTUAL_MODALITIES,
        day=day,
        place=(place.name if place else event.place.name if event.place else None),
        country=place.country if place else None,
        actors=source | target,
        sentence=article.text[event.sentence.start:event.sentence.end],
        source=source, target=target, precision=precision, context=frozenset(context),
    )


@lru_cache(maxsize=65536)
def day_window(day: str, window: int) -> tuple[str, str]:
    """The first and last day of the block around `day` ('' blocks with '' only)."""
    if not day:
        return "", ""
    try:
        when = date.fromisoformat(day)
        return ((when - timedelta(days=window)).isoformat(),
                (when + timedelta(days=window)).isoformat())
    except (ValueError, OverflowError):  # not a date, or too near year 1 or 9999
        return day, day


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two texts."""
    left, right = content_words(a), content_words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def what_similarity(a: MentionKey, b: MentionKey) -> float:
    """Sentence similarity beyond the actors' names: what was done and how, not who ("Taliban
    deny giving sanctuary" and "the Taliban rejected the allegation" share only names)."""
    names = {word for key in a.actors | b.actors if key.startswith("name:")
             for word in key[5:].split()}
    left, right = content_words(a.sentence) - names, content_words(b.sentence) - names
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def key_date(key: MentionKey) -> tuple[str, str]:
    """A key's (day, precision); a key without a precision has it from the day's length."""
    if key.precision or not key.day:
        return key.day, key.precision
    return key.day, {10: "day", 7: "month", 4: "year"}.get(len(key.day), "")


def countries(keys: frozenset[str]) -> set[str]:
    return {key[5:].split("/", 1)[0] for key in keys if key.startswith("code:")}


def role_agrees(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same actor or country on both sides, or one side unknown."""
    return not a or not b or bool(a & b) or bool(countries(a) & countries(b))


def roles_agree(a: MentionKey, b: MentionKey) -> bool:
    """Source with source and target with target (or, for a symmetric telling, crossed)."""
    return ((role_agrees(a.source, b.source) and role_agrees(a.target, b.target))
            or (role_agrees(a.source, b.target) and role_agrees(a.target, b.source)))


def roles_fit(a: MentionKey, b: MentionKey) -> bool:
    """No role known on both sides disagrees: source with source and target with target
    (an actor that is the source of one and the target of the other does not fit), or
    crossed when both roles are known on both sides and agree crossed ("A met B", "B met
    A"); an unknown role agrees with anything."""
    swapped = bool(a.source & b.target) or bool(a.target & b.source)
    if not swapped and role_agrees(a.source, b.source) and role_agrees(a.target, b.target):
        return True
    crossing = [(x, y) for x, y in ((a.source, b.target), (a.target, b.source)) if x and y]
    return len(crossing) == 2 and all(role_agrees(x, y) for x, y in crossing)


def same_context(a: MentionKey, b: MentionKey, config: DedupConfig) -> bool:
    """Told alike in both articles: both dated to the day (or by publication) at most
    `context_days` apart and placed in the same country, roles that fit, and the sentences
    that tell the happening in each article share `context_min` of their content words
    (Jaccard). Yesterday's and today's air strikes are told alike too, hence the days."""
    if not (a.context and b.context and a.country and a.country == b.country):
        return False
    (left_day, left), (right_day, right) = key_date(a), key_date(b)
    if left not in DAY_LIKE or right not in DAY_LIKE or not roles_fit(a, b):
        return False
    if not compatible((left_day, left), (right_day, right), config.context_days):
        return False
    return len(a.context & b.context) / len(a.context | b.context) >= config.context_min


def same_block(a: MentionKey, b: MentionKey, config: DedupConfig, roles: bool = True) -> bool:
    """Type, factuality, dates, place and (`roles`) roles agree (unknown agrees with any)."""
    if a.type != b.type or a.factual != b.factual:
        return False
    if not compatible(key_date(a), key_date(b), config.window_days):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if (a.place and b.place and a.place.lower() != b.place.lower()
            and not (a.country and a.country == b.country)):
        return False
    return not roles or roles_agree(a, b)


def _complete(key: MentionKey) -> bool:
    """Whether both roles are known (keys from records that give no roles count as known)."""
    return (bool(key.source) and bool(key.target)) or not (key.source or key.target)


def match_score(a: MentionKey, b: MentionKey, config: DedupConfig) -> float | None:
    """How well two mentions match (higher is better); None when they do not. A sentence
    repeated nearly word for word (`sentence_verbatim`) is the same reported fact whatever
    roles the parser gave it in each article; a happening told alike (`same_context`) is one
    even when its main sentences differ."""
    if not same_block(a, b, config, roles=False):
        return None
    if same_context(a, b, config):
        return 0.5 + text_similarity(a.sentence, b.sentence)
    shared = a.actors & b.actors
    similarity = text_similarity(a.sentence, b.sentence)
    if similarity < config.sentence_verbatim and (not roles_agree(a, b) or (
            a.actors and b.actors and not shared
            and not countries(a.actors) & countries(b.actors))):
        return None  # other actors, or both name who took part and nobody in common
    needed = (config.sentence_min if _complete(a) and _complete(b)
              else config.sentence_partial)
    if shared and what_similarity(a, b) >= needed:
        return 1.0 + similarity + 0.1 * len(shared)
    if not shared and similarity >= config.sentence_alone:
        return similarity
    return None


def best_match(key: MentionKey, candidates: Iterable[tuple[str, MentionKey]],
               config: DedupConfig) -> str | None:
    """The id of the candidate event that `key` matches best, if any."""
    best: tuple[float, str] | None = None
    for event_id, other in candidates:
        score = match_score(key, other, config)
        if score is not None and (best is None or (score, event_id) > best):
            best = (score, event_id)
    return best[1] if best else None


def named_words(article: Article) -> frozenset[str]:
    """The content words of the names a document gives (people, organisations, places,
    events, works): "Hugh Jackman" and "Ellen DeGeneres" share none, "Indian Navy" and
    "the Indian navy" share all."""
    stop = stop_words()
    return frozenset(word for entity in article.entities if entity.label in NAMED
                     for word in words(entity.text) if word not in stop)


def person_words(article: Article) -> frozenset[str]:
    """The content words of the names of the people a document names ("Reggie Bush")."""
    stop = stop_words()
    return frozenset(word for entity in article.entities if entity.label == "PERSON"
                     for word in words(entity.text) if word not in stop)


def shared_share(a: frozenset[str], b: frozenset[str]) -> float:
    """What share of the smaller set the other also has (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def same_reported_event(a: Article, b: Article, config: DedupConfig) -> str | None:
    """Why two articles report the same real-world event ('story', 'event', 'participants').

    None when nothing says they do. In order: near-duplicate text (one story); an event
    mention of one matches an event mention of the other; or they share some content words
    (`document_min`) and name mostly the same people, organisations and places
    (`named_overlap` of the words of the names of the one that names fewer), or share many
    (`document_alone`) and do not both give names with no word in common ("Ellen
    DeGeneres will host the Oscars" is not "Hugh Jackman will host the Oscars").
    """
    left_values, right_values = signature(a.text, config), signature(b.text, config)
    if (left_values is not None and right_values is not None
            and jaccard(left_values, right_values) >= config.story_threshold):
        return "story"
    keys_b = [mention_key(b, event) for event in b.events]
    for event in a.events:
        key = mention_key(a, event)
        if any(match_score(key, other, config) is not None for other in keys_b):
            return "event"
    similarity = text_similarity(a.text, b.text)
    left, right = named_words(a), named_words(b)
    shared = shared_share(left, right)
    if similarity >= config.document_min and shared >= config.named_overlap:
        return "participants"
    if similarity >= config.document_alone and (shared > 0.0 or not (left and right)):
        return "participants"
    return None
