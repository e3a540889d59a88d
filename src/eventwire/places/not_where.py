"""Places a sentence names that are not where its event happened, by the preposition that
governs them (data/places/place_words.toml): where someone came from or who acted ("refugees
from southern Sudan", "captured by Iran": `not_where_preps`, though a place someone was
taken from is where: `taken_from`), and a country, region or sea that the event aimed at
or that borders another ("the attack on Iraq", "the zone between Iraq and Kuwait":
`not_where_broad_preps`); and a place that only says where another place the
sentence names is ("Yala's Betong district", "Baghdad's neighborhood of Adhamiyah": the
district and the neighbourhood are where, `qualifier`). event_location.py leaves them out of
its candidates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp.english import VERB_TAGS
from eventwire.places.words import (
    ADMIN_WORDS,
    CITY_WORDS,
    NOT_WHERE_BROAD_PREPS,
    NOT_WHERE_PREPS,
    PLACE_NOUNS,
    QUARTER_WORDS,
    TAKEN_FROM,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# The nouns of a part of a place: a name that modifies one names where that part is.
PART_NOUNS = (PLACE_NOUNS | ADMIN_WORDS | CITY_WORDS | QUARTER_WORDS) - {
    "border", "frontier", "side"}  # "Lebanon's border with Israel": the border is both's
# How a name modifies the place noun after it ("Yala's"; "the Homs neighbourhood of Baba
# Amr" and "the Shaab neighborhood of Baghdad" say nothing of which is the smaller).
QUALIFYING = frozenset({"poss"})
# Features of a country, a region or a sea.
BROAD = frozenset({"country", "region", "continent", "water"})


def governing_preposition(token: Token) -> str | None:
    """The preposition whose object phrase the name is in, below its first verb, through
    appositions, conjuncts and the "of" of a place noun ("from the city of Aleppo",
    "to Singapore and Malaysia"); None when no preposition governs it."""
    current = token
    for _ in range(12):
        head = current.head
        if head is current or current.pos_ in VERB_TAGS:
            return None
        if current.dep_ == "pobj" and (
                head.lower_ != "of" or head.head.lemma_.lower() not in PLACE_NOUNS):
            return head.lower_
        current = head
    return None


def not_where(token: Token, feature: str | None, trigger: Token) -> bool:
    """Whether the place named at `token` is, by its preposition, not where (module doc);
    "from" the place a trigger of taking away took someone from is where ("the abduction of
    276 schoolgirls from Chibok", TAKEN_FROM)."""
    preposition = governing_preposition(token)
    if preposition == "from" and trigger.lemma_.lower() in TAKEN_FROM:
        return False
    return preposition in NOT_WHERE_PREPS or (
        preposition in NOT_WHERE_BROAD_PREPS and feature in BROAD)


def qualifier(token: Token, others: list[Token]) -> bool:
    """Whether the place named at `token` modifies a place noun whose phrase names another
    of the sentence's places (`others`, parse tokens) as its possessor: "Yala's Betong
    district", "San Francisco's Mission District", "Baghdad's neighborhood of Adhamiyah"."""
    head = token.head
    if token.dep_ not in QUALIFYING or head is token or head.lemma_.lower() not in PART_NOUNS:
        return False
    return any(other.i != token.i and (other.i == head.i or head in other.ancestors)
               for other in others)
