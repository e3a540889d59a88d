"""Which actor mentions of an article are one actor, for merging (events/merge.py).

The actors stage gives each name an actor; the same person or state can still end up as
two actors: "the president" beside "President Mohamed Abdullahi Mohamed", "Farmajo" beside
"Mohamed, known by his nickname Farmajo", "diplomats" resolved to one actor and "Top
diplomats" to another. Two actors are one here when the article links them (data in
data/events/same_actor.toml):
  1. the same canonical name (lower case, a possessive "'s" inside dropped: "Malawi's High
     Court" and "Malawi High Court");
  2. an alias: the article writes one name right after the other with a linking phrase
     ("Mohamed, known by his nickname Farmajo", "also known as"); where the parser tagged
     no name before the phrase, its capitalised words are the name of the one actor whose
     name has them ("Mohamed" of "Mohamed Abdullahi Mohamed");
  3. a title alone: a person actor named only by a title ("the president") and the one
     named person of the article with that title and country;
  4. a leader and the state: the one person of a country with a leader's title
     ("President Mohamed") and that country's state actor ("Somalia", "government of
     Somalia");
  5. the words: a role mention whose words are another actor's name ("Top diplomats"
     resolved to the Group of Seven, while the article's actor "Top diplomats" is another);
  6. a state and its government: a country ("India") and the actor of its government,
     which the actors stage gives a capital standing for the state from its countries
     table ("New Delhi would support": government of India) and "the government of India".
  7. a short name: an organisation named (capitalised) by the last words of the one other
     organisation whose name ends in them, of the same sector and country ("the Post"
     beside "The Washington Post"; "the government" is no name).
  8. a surname: an actor named by one capitalised word that is the last word of the one
     person of the article named by more words, of the same country or none ("Ginsburg",
     read as a group, beside "Supreme Court Justice Ruth Bader Ginsburg"; "Erdogan" beside
     "Recep Tayyip Erdogan"): news names a person in full once and by the surname after.
     Several such persons ("Sali Berisha", "Liri Berisha") leave the surname alone, and a
     country is no surname ("Spain" beside "Birdlife Spain").
Nothing else: two named people, two states, a minister and the state stay two actors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

from eventwire.actors.tables import norm
from eventwire.data import read_toml
from eventwire.model import Actor, Article, Mention

SOURCE = "events/same_actor.toml"
_DATA = read_toml(SOURCE)
LEADER_TITLES = frozenset(_DATA["leader_titles"])
ALIAS_LINKS = frozenset(" ".join(link.split()) for link in _DATA["alias_links"])
STATE_SECTORS = frozenset({"GOV"})
UNNAMED = frozenset({"PRONOUN", "NOMINAL"})  # "known by his nickname": "his" names no one
# The capitalised words right before an alias link (up to three: "Mohamed", "Abiy Ahmed").
_POSSESSIVE = re.compile(r"['’]s\b")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’.-]*)$")


class SameActor:
    """Union of an article's actor ids that name one actor; `key` gives one name per class."""

    def __init__(self, article: Article | None, roles: Iterable[Mention | None] = ()) -> None:
        self.parent: dict[str, str] = {}
        self.names: dict[str, str] = {}
        if article is None:
            return
        actors = article.actors
        self.names = {a.id: a.name.lower() for a in actors}
        by_name: dict[str, str] = {}
        for actor in actors:
            self.union(actor.id, by_name.setdefault(_plain(actor.name), actor.id))
        self._aliases(article)
        self._titles(actors)
        self._states(actors)
        self._short_names(actors)
        self._surnames(actors)
        normed = {norm(a.name): a.id for a in actors}
        for mention in roles:
            if mention is not None and mention.actor is not None:
                other = normed.get(norm(mention.text))
                if other is not None:
                    self.union(mention.actor, other)

    def find(self, actor: str) -> str:
        root = actor
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        self.parent[actor] = root
        return root

    def union(self, first: str, second: str) -> None:
        a, b = sorted((self.find(first), self.find(second)))
        if a != b:
            self.parent[b] = a

    def key(self, actor: str | None) -> str | None:
        """One name for all the actors linked to `actor`."""
        if actor is None:
            return None
        root = self.find(actor)
        return self.names.get(root, root)

    def _aliases(self, article: Article) -> None:
        entities = sorted((e for e in article.entities
                           if e.actor is not None and e.label not in UNNAMED),
                          key=lambda e: (e.start, e.end))
        for before, after in pairwise(entities):
            between = " ".join(article.text[before.end:after.start].split())
            if before.actor is not None and after.actor is not None and between in ALIAS_LINKS:
                self.union(before.actor, after.actor)
        for after in entities:
            holder = _untagged_alias(article, after.start)
            if holder is not None and after.actor is not None and holder != after.actor:
                self.union(holder, after.actor)

    def _states(self, actors: list[Actor]) -> None:
        states: dict[str, str] = {}
        for actor in actors:
            if actor.country is not None and _state_of(actor, actor.country):
                self.union(actor.id, states.setdefault(actor.country, actor.id))

    def _short_names(self, actors: list[Actor]) -> None:
        bodies = [a for a in actors if a.kind == "organization" and a.sectors]
        for short in bodies:
            if not short.name[:1].isupper():  # "the government": no name of its own
                continue
            words = norm(short.name).split()
            longer = [a.id for a in bodies
                      if a.id != short.id and len(norm(a.name).split()) > len(words)
                      and norm(a.name).split()[-len(words):] == words
                      and set(a.sectors) & set(short.sectors)
                      and _same_country(a, short)]
            if len(longer) == 1:
                self.union(short.id, longer[0])

    def _surnames(self, actors: list[Actor]) -> None:
        people = [a for a in actors if a.kind == "person" and len(a.name.split()) > 1
                  and a.name[:1].isupper()]
        for short in actors:
            if short.kind == "country" or len(short.name.split()) != 1 \
                    or not short.name[:1].isupper():
                continue
            holders = {self.find(a.id) for a in people
                       if a.id != short.id and a.name.split()[-1] == short.name
                       and _same_country(a, short)}
            if len(holders) == 1:
                self.union(short.id, holders.pop())

    def _titles(self, actors: list[Actor]) -> None:
        named: dict[tuple[str, str | None], list[Actor]] = defaultdict(list)
        for actor in actors:
            if actor.kind == "person" and actor.title \
                    and actor.name.lower() != actor.title.lower():
                named[(actor.title.lower(), actor.country)].append(actor)
        for actor in actors:
            title = actor.title.lower() if actor.title else None
            if actor.kind == "person" and title is not None and actor.name.lower() == title:
                holders = named.get((title, actor.country), [])
                if len(holders) == 1:
                    self.union(actor.id, holders[0].id)
        for (title, country), holders in named.items():
            if title in LEADER_TITLES and country is not None and len(holders) == 1:
                for state in actors:
                    if _state_of(state, country):
                        self.union(holders[0].id, state.id)


def _plain(name: str) -> str:
    """An actor's name for rule 1: canonical (actors/tables.py `norm`), with a possessive
    inside dropped ("malawi high court" for "Malawi's High Court")."""
    return _POSSESSIVE.sub("", norm(name))


def _same_country(first: Actor, second: Actor) -> bool:
    """The same country, or one of them has none (yet: actors/home.py settles it later)."""
    return first.country is None or second.country is None or first.country == second.country


def _untagged_alias(article: Article, start: int) -> str | None:
    """The actor named by the capitalised words before an alias link that ends at `start`,
    tagged or not: the one actor whose name has those words (or the last of them, "Prime
    Minister Abiy") in a row ("Mohamed, known by his nickname Farmajo": Mohamed Abdullahi
    Mohamed); None when no actor or several have them."""
    before = " ".join(article.text[max(0, start - 120):start].split())
    link = max((link for link in ALIAS_LINKS if before.endswith(link)
                and (link[0] == "," or before[:len(before) - len(link)][-1:] in {"", " "})),
               key=len, default=None)
    if link is None:
        return None
    found = _NAME_BEFORE.search(before[:len(before) - len(link)].rstrip())
    if found is None:
        return None
    words = found.group(1).lower().split()
    for first in range(len(words)):
        holders = {actor.id for actor in article.actors
                   if _has_words(actor.name, words[first:])}
        if holders:
            return holders.pop() if len(holders) == 1 else None
    return None


def _has_words(name: str, words: list[str]) -> bool:
    """Whether the name has `words` in a row, whole."""
    mine = name.lower().split()
    return any(mine[i:i + len(words)] == words for i in range(len(mine) - len(words) + 1))


def _state_of(actor: Actor, country: str) -> bool:
    """The country itself, or its government ("government of Somalia")."""
    if actor.country != country or actor.kind == "person":
        return False
    return actor.kind == "country" or (
        actor.kind == "organization" and STATE_SECTORS.issuperset(actor.sectors)
        and bool(actor.sectors) and actor.name.lower().startswith("government of"))
