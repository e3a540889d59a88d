"""A role named by a generic noun stands for the actor the story names elsewhere.

The coders' rule (voa_articles.md): a role's actor is "the most specific name of the actor in
the story when the mention itself has only a pronoun or a generic noun". The actors stage
joins a nominal to a named actor only when the words say so ("Taliban fighters", "the
prime minister" after "Prime Minister X"); "the group", "the militants", "the court", "the
candidate" stay actors of their own, with no name. Rule (`story_actor`): a role whose words
are a generic noun of data/actors/generic_nouns.tsv, lower case, after a definite
determiner ("the group", "that court"), and whose actor has no name of its own and says no
more than its words ("militants", not "Islamist militants"), stands for
the actor the story names most often before it (a PERSON, ORG, GPE or NORP entity; the
latest on a tie) among those whose kind and sectors the noun's row allows and whose country
is the role's (when the role has one); when none is named before, the first one named
after it in the same paragraph. The role keeps its words and offsets (the evidence) and
takes that actor, whose name is the specific one. A role never takes the actor of the
event's other role. `name_roles` runs last in the events stage, after the decision, the role
filler and the story's home country (actors/home.py: "the group" of a story about Pakistan
is Pakistani, so it stands for no group the tables code without a country): what events
there are, their confidences and places do not depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.data import read_tsv
from eventwire.model import Actor, Article, Mention
from eventwire.nlp.english import ACTOR_LABELS, DEFINITE_DETERMINERS

TABLE = "actors/generic_nouns.tsv"
NAMES = ACTOR_LABELS
ARTICLE = "the"
COUNTRY = "country"
SCAN = 12  # characters before a role's words where its determiner is looked for
STRIP = ".,;:\"'“”‘’()"


@dataclass(frozen=True)
class Generic:
    """What named actor a generic noun may stand for."""

    kinds: frozenset[str]
    sectors: frozenset[str]
    same_country: bool = False

    def allows(self, actor: Actor, country: str | None) -> bool:
        """The actor may be what the noun stands for, in a role of `country` (a role with a
        country keeps it: the actor must have it too); a country actor carries no sector,
        so a row that allows countries takes any."""
        if actor.kind not in self.kinds:
            return False
        if (self.same_country or country is not None) and actor.country != country:
            return False
        return not self.sectors or actor.kind == COUNTRY \
            or bool(self.sectors & set(actor.sectors))


@lru_cache(maxsize=1)
def generic_nouns() -> dict[str, Generic]:
    """The table of data/actors/generic_nouns.tsv, by noun (a phrase with its spaces)."""
    table: dict[str, Generic] = {}
    for row in read_tsv(TABLE):
        cells = [*row, "", "", ""]
        table[cells[0].strip()] = Generic(
            kinds=frozenset(k for k in cells[1].strip().split("|") if k),
            sectors=frozenset(s for s in cells[2].strip().split("|") if s),
            same_country=cells[3].strip() == "1")
    return table


def _words(text: str) -> list[str]:
    return [w.strip(STRIP) for w in text.split() if w.strip(STRIP)]


def generic_of(article: Article, mention: Mention) -> Generic | None:
    """The row of a role that is only a definite generic noun ("the group", "The militant
    group", "that court"), else None: every word after the determiner lower case, the last
    words a noun of the table, a definite determiner in or just before the words."""
    words = _words(mention.text)
    before = _words(article.text[max(0, mention.start - SCAN):mention.start])
    if not words:
        return None
    # before the words only "the": a "that" there may join a clause ("said that militants")
    determiner = words[0].lower() in DEFINITE_DETERMINERS or (
        bool(before) and before[-1].lower() == ARTICLE)
    rest = words[1:] if words[0].lower() in DEFINITE_DETERMINERS else words
    if not determiner or not rest or any(w != w.lower() for w in rest):
        return None
    table = generic_nouns()
    lowered = [w.lower() for w in rest]
    for size in (2, 1):
        if len(lowered) >= size and " ".join(lowered[-size:]) in table:
            return table[" ".join(lowered[-size:])]
    return None


def _lower(text: str) -> set[str]:
    return {w.lower() for w in _words(text)}


def _named(actor: Actor) -> bool:
    """The actor has a name of its own: the last word of its name has a capital letter
    ("al-Shabaab", "Baloch Liberation Army"), not a common noun ("Ethiopian soldiers")."""
    words = actor.name.split()
    return bool(words) and words[-1] != words[-1].lower()


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def story_actor(article: Article, mention: Mention | None,
                avoid: str | None = None) -> Mention | None:
    """The role with the named actor its generic noun stands for (rule in the docstring);
    the role unchanged when it is no generic noun or the story names no such actor."""
    if mention is None:
        return None
    actors = {a.id: a for a in article.actors}
    own = actors.get(mention.actor or "")
    if own is not None and (_named(own) or _lower(own.name) - _lower(mention.text)):
        return mention  # "militants" of "Islamist militants": its actor already says more
    generic = generic_of(article, mention)
    if generic is None:
        return mention
    country = own.country if own is not None else None
    named = [e for e in article.entities if e.label in NAMES and e.actor is not None
             and e.actor != avoid and (actor := actors.get(e.actor)) is not None
             and _named(actor) and generic.allows(actor, country)]
    earlier = [e for e in named if e.end <= mention.start]
    if not earlier:
        low, high = _paragraph(article.text, mention.start)
        later = sorted((e for e in named if mention.end <= e.start and low <= e.start < high),
                       key=lambda e: e.start)
        return mention.model_copy(update={"actor": later[0].actor}) if later else mention
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    for entity in earlier:
        counts[entity.actor or ""] = counts.get(entity.actor or "", 0) + 1
        latest[entity.actor or ""] = max(latest.get(entity.actor or "", -1), entity.start)
    chosen = max(counts, key=lambda actor: (counts[actor], latest[actor]))
    return mention.model_copy(update={"actor": chosen})


def name_roles(article: Article) -> None:
    """Every event's roles with the named actors their generic nouns stand for (in place):
    the source first, then the target, neither taking the other's actor."""
    for position, event in enumerate(article.events):
        target_actor = event.target.actor if event.target is not None else None
        source = story_actor(article, event.source, target_actor)
        source_actor = source.actor if source is not None else None
        target = story_actor(article, event.target, source_actor)
        also_source = [story_actor(article, m) or m for m in event.sources_also]
        also_target = [story_actor(article, m) or m for m in event.targets_also]
        if (source, target, also_source, also_target) != (
                event.source, event.target, event.sources_also, event.targets_also):
            article.events[position] = event.model_copy(update={
                "source": source, "target": target, "sources_also": also_source,
                "targets_also": also_target})
