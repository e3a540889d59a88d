"""The story's home country for the actors it leaves without one.

A careful coder reading a story about Pakistan codes "security forces", "the separatist
group" and a local activist as Pakistani, and in a story of U.S. politics "Curt Schilling"
and "Hewlett Packard" as American. Rule (`settle_home`): when the story names one country
most often, and at least `SETTLED` times (mentions of actors coded with it: the country,
its capital, its officials), every actor still without a country takes it when it is a
person (a named one only when the home holds `DOMINANT` of the story's country mentions),
a body of the state (a sector of `STATE_SECTORS`), a group named by a common noun
("militants"), or an organisation the tables do not know. Never: faiths, international
bodies and unidentified forces (`NOT_HOME`), groups another state backs ("Iran-backed
militias"), names with a word of `not_home` (data/actors/nominal_words.toml: "other
governments", "the regime", "the coalition"), and organisations of the tables (their empty
country is a decision: the Islamic State operates across borders).

It runs once the events are decided (events stage), so the decision reads the actors its
model was trained on; what changes is how the record's actors are coded. Office holders
get the home country earlier, in the actors stage (`coref.home_country`).
"""

from __future__ import annotations

from eventwire.actors.coref import STATE_SECTORS
from eventwire.actors.tables import tables
from eventwire.actors.words import NOT_HOME_WORDS
from eventwire.model import Actor, Article

SETTLED = 3
DOMINANT = 0.6  # share of the country mentions a story's home needs to code named people
# international bodies, faiths, and forces no one has identified
NOT_HOME = frozenset({"IGO", "NGO", "REL", "UAF"})


def country_mentions(article: Article) -> list[str]:
    """The country of each entity mention whose actor has one, in text order."""
    by_id = {actor.id: actor for actor in article.actors}
    mentions = sorted(article.entities, key=lambda e: e.start)
    return [country for e in mentions if e.actor is not None and e.actor in by_id
            and (country := by_id[e.actor].country)]


def home_of(countries: list[str]) -> str | None:
    """The country named most often (first named on a tie), when it is named at least
    `SETTLED` times."""
    if not countries:
        return None
    home = max(dict.fromkeys(countries), key=countries.count)
    return home if countries.count(home) >= SETTLED else None


def dominant(countries: list[str], home: str) -> bool:
    """Whether the home country holds at least `DOMINANT` of the story's country mentions
    (a named person is coded with it only then: a story about U.S. policy on Hong Kong
    names its Hong Kong activists beside many U.S. officials)."""
    return countries.count(home) >= DOMINANT * len(countries)


def _unlisted(name: str) -> bool:
    known = tables()
    return known.organization(name) is None and known.institution(name) is None


def _takes_home(actor: Actor, nominal: set[str], people: bool) -> bool:
    if actor.country is not None or actor.backer is not None \
            or NOT_HOME & set(actor.sectors) \
            or NOT_HOME_WORDS & set(actor.name.lower().replace("-", " ").split()):
        return False
    return ((actor.kind == "person" and (people or actor.id in nominal))
            or bool(STATE_SECTORS & set(actor.sectors))
            or (actor.kind == "group" and actor.id in nominal)
            or (actor.kind == "organization" and _unlisted(actor.name)))


def settle_home(article: Article) -> None:
    """Actors without a country take the story's settled home country (module docstring)."""
    countries = country_mentions(article)
    home = home_of(countries)
    if home is None:
        return
    nominal = {e.actor for e in article.entities if e.label == "NOMINAL" and e.actor}
    people = dominant(countries, home)
    for actor in article.actors:
        if _takes_home(actor, nominal, people):
            actor.country = home
