"""The words and labels the actor passes read.

The word lists are knowledge and live in `data/actors/nominal_words.toml` (with what each
is for; place nouns and directions in `data/places/place_words.toml`); this module loads
them once and names them.
"""

from __future__ import annotations

from eventwire.actors.tables import Term
from eventwire.data import read_toml, read_word_sets
from eventwire.model import ActorKind
from eventwire.nlp.english import ORG_FAC_LABELS

_FILE = "actors/nominal_words.toml"
_WORDS = read_word_sets(_FILE)
TITLE_FILL = _WORDS["title_fill"]
LEADING_JUNK = _WORDS["leading_junk"]
BACKED: tuple[str, ...] = tuple(read_toml(_FILE)["backed"])
LED: tuple[str, ...] = tuple(read_toml(_FILE)["led"])
OWNED = _WORDS["owned"]
_PLACE_WORDS = read_word_sets("places/place_words.toml")
PLACE_NOUNS = _PLACE_WORDS["local_place_nouns"]
DIRECTIONS = _PLACE_WORDS["region_directions"]
REGION_WORDS = _WORDS["region_words"]
GOVERNMENT = _WORDS["government"]
INDEFINITE = _WORDS["indefinite"]
NEWS_WORDS = _WORDS["news_words"]
PERSONISH = _WORDS["personish"]
EMPTY_IT_VERBS = _WORDS["empty_it_verbs"]
NOT_HOME_WORDS = _WORDS["not_home"]
#: Honorific → gender ("m"/"f"): "Mr. Smith" is never "she".
HONORIFICS: dict[str, str] = ({word: "m" for word in _WORDS["male_honorifics"]}
                              | {word: "f" for word in _WORDS["female_honorifics"]})

NAMED_LABELS = ORG_FAC_LABELS
MAX_NAME_TOKENS = 12
NO_TERM = Term(sectors=(), role="", weak=True, country=None)


def kind_of(value: str) -> ActorKind:
    """The actor kind a table row names (organization when it names none we know)."""
    kinds: dict[str, ActorKind] = {"person": "person", "organization": "organization",
                                   "country": "country", "group": "group"}
    return kinds.get(value, "organization")
