"""Places a sentence names that are not where its event happened, by the preposition that
governs them (data/places/place_words.toml): where someone came from or who acted ("refugees
from southern Sudan", "captured by Iran": `not_where_preps`, though a place someone was
taken from is where: `taken_from`), and a country, region or sea that the event aimed at
or that borders another ("the attack on Iraq", "the zone between Iraq and Kuwait":
`not_where_broad_preps`); and a place that only says where another place the
sentence names is ("Yala's Betong district", "Baghdad's neighborhood of Adhamiyah": the
district and the neighbourhood are where, `qualifier`; "Chah Ab District of Takhar
Province": `district_of`). event_location.py leaves them out of
its candidates; for a statement, a place in what it is about (`statement_content`). The
point a bearing is told from ("Balad Ruz, 70 kilometers northeast of Baghdad":
`reference_directions`, `reference_point`) yields to any other candidate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.model import Place
from eventwire.nlp.english import MOTION_PREPS, NOMINAL_SUBJECTS, VERB_TAGS
from eventwire.places.words import (
    ADMIN_WORDS,
    AT_WORDS,
    CITY_WORDS,
    DIRECTIONS,
    NOT_WHERE_BROAD_PREPS,
    NOT_WHERE_PREPS,
    PLACE_NOUNS,
    QUARTER_WORDS,
    REFERENCE_DIRECTIONS,
    TAKEN_FROM,
    TITLED_FRAME_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# The nouns of a part of a place: a name that modifies one names where that part is.
PART_NOUNS = (PLACE_NOUNS | ADMIN_WORDS | CITY_WORDS | QUARTER_WORDS) - {
    "border", "frontier", "side"}  # "Lebanon's border with Israel": the border is both's
# How a name modifies the place noun after it ("Yala's"; "the Homs neighbourhood of Baba
# Amr" and "the Shaab neighborhood of Baghdad" say nothing of which is the smaller).
QUALIFYING = frozenset({"poss"})
# Prepositions whose object frames a statement (where or when it was made): "at a news
# conference in Kabul", "during talks in Doha".
FRAME_PREPS = AT_WORDS | {"during"}
# At most this many characters between a district's name and the place after its "of".
DISTRICT_REACH = 30
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


def reference_point(token: Token) -> bool:
    """Whether the place named at `token` is the point a bearing is told from ("70
    kilometers northeast of Baghdad", "north of the city of Fallujah", "to the southwest of
    Damascus"), not a part of it ("in the west of Kandahar province"): where the event
    happened only when the sentence names no other place ("shot in an ambush south of
    Baghdad")."""
    current = token
    for _ in range(12):
        head = current.head
        if head is current or current.pos_ in VERB_TAGS:
            return False
        if current.dep_ == "pobj":
            if head.lower_ != "of":
                return False
            bearing = head.head
            if bearing.lower_ in REFERENCE_DIRECTIONS:
                return not _part_of(bearing)
            if bearing.lemma_.lower() not in PLACE_NOUNS:
                return False
        current = head
    return False


def _part_of(bearing: Token) -> bool:
    """Whether a bearing word names a part of the place after it: "the west" in a
    locative phrase other than "to" ("in the west of Kandahar province")."""
    return any(child.dep_ == "det" for child in bearing.children) \
        and bearing.dep_ == "pobj" and bearing.head.lower_ not in MOTION_PREPS


def qualifier(token: Token, others: list[Token]) -> bool:
    """Whether the place named at `token` modifies a place noun whose phrase names another
    of the sentence's places (`others`, parse tokens) as its possessor: "Yala's Betong
    district", "San Francisco's Mission District", "Baghdad's neighborhood of Adhamiyah"."""
    head = token.head
    if token.dep_ not in QUALIFYING or head is token or head.lemma_.lower() not in PART_NOUNS:
        return False
    return any(other.i != token.i and (other.i == head.i or head in other.ancestors)
               for other in others)


def statement_content(attached: Token, linked: set[int]) -> bool:
    """Whether the word a place's phrase attaches to lies in what a statement is about: below
    the trigger (`linked`: it and the verbs sharing its places) through a prepositional
    object, not through its subject nor a locative frame ("stand accused of the 2004
    bombing of the French army base near Bouake": where the bombing was; "officials in
    Kabul said", "said at a news conference in Kabul": where it was said)."""
    if attached.i in linked:
        return False
    content = False
    current = attached
    for _ in range(12):
        if current.i in linked:
            return content
        if current.dep_ in NOMINAL_SUBJECTS or current.head is current \
                or (current is not attached and current.pos_ in VERB_TAGS):
            return False
        if current.dep_ == "pobj":
            if current.head.lower_ in FRAME_PREPS:
                return False
            content = True
        current = current.head
    return False


def district_of(text: str, town: Place, place: Place) -> bool:
    """Whether `place` only says where the district named right before it is, joined by
    the "of" of a capitalised district word ("Chah Ab District of Takhar Province", "the
    Suleimaniyeh District of Aleppo City", "Mohammad Agha District of eastern Logar
    Province"; TITLED_FRAME_WORDS): the district is the place."""
    between = text[town.end:place.start]
    if not 0 < len(between) <= DISTRICT_REACH:
        return False
    words = (text[town.start:town.end] + between).split()
    while words and words[-1].lower() in DIRECTIONS | {"the"}:
        words.pop()
    return len(words) >= 2 and words[-1] == "of" and words[-2].istitle() \
        and words[-2].lower() in TITLED_FRAME_WORDS
