"""The word lists the places stage reads around a name (data/places/place_words.toml)."""

from __future__ import annotations

from eventwire.data import read_toml
from eventwire.nlp.english import MOTION_PREPS, PLACE_CUE_PREPS


def _words() -> dict[str, frozenset[str]]:
    table = read_toml("places/place_words.toml")
    return {name: frozenset(values) for name, values in table.items()}


WORDS = _words()
LOCATIVE = PLACE_CUE_PREPS
DIRECTIONS = WORDS["directions"]
ADMIN_WORDS = WORDS["admin_words"]
CITY_WORDS = WORDS["city_words"]
AREA_WORDS = WORDS["area_words"]
QUARTER_WORDS = WORDS["quarter_words"]
TITLED_FRAME_WORDS = WORDS["titled_frame_words"]
ACTOR_NOUNS = WORDS["actor_nouns"]
ACTOR_OBJECT_VERBS = WORDS["actor_object_verbs"]
PLACE_NOUNS = WORDS["place_nouns"]
STATIVE_VERBS = WORDS["stative_verbs"]
LINK_WORDS = WORDS["link_words"]
BASED_WORDS = WORDS["based_words"]
FACILITY_WORDS = WORDS["facility_words"]
AT_WORDS = LOCATIVE - MOTION_PREPS
INSTITUTION_WORDS = WORDS["institution_words"]
LOCAL_WORDS = WORDS["local_words"]
TOWN_OF = WORDS["town_of"]
TOWN_WORDS = WORDS["town_words"]
WITHIN_WORDS = WORDS["within_words"]
ABSTRACT_NOUNS = WORDS["abstract_nouns"]
NOT_WHERE_PREPS = WORDS["not_where_preps"]
PLACE_OF = WORDS["place_of"] | WORDS["reference_directions"]
TAKEN_FROM = WORDS["taken_from"]
FUNCTION_WORDS = WORDS["function_words"]
PLACE_OBJECT_VERBS = WORDS["place_object_verbs"]
NOT_WHERE_BROAD_PREPS = WORDS["not_where_broad_preps"]
REFERENCE_DIRECTIONS = WORDS["reference_directions"]
SETTING_WORDS = WORDS["setting_words"]
LIGHT_VERBS = WORDS["light_verbs"]
SETTING_PREPS = WORDS["setting_preps"]
NOT_ALTERNATE_NAMES = WORDS["not_alternate_names"]
# A definite place noun's kind of antecedent: the features it may stand for.
ANAPHORA = {**dict.fromkeys(WORDS["anaphora_towns"], frozenset({"city"})),
            **dict.fromkeys(WORDS["anaphora_regions"], frozenset({"admin1", "admin2"})),
            **dict.fromkeys(WORDS["anaphora_countries"], frozenset({"country"}))}
