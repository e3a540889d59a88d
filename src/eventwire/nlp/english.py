"""English grammar shared by the rules: closed-class words and dependency labels, each once.

Every set is defined here once; where a rule needs a variant, the variant is derived from
the base set by name (`LOCATIVE_PREPS | {...}`), so the difference between two rules is
written down instead of hidden in two copies. Labels are spaCy's English dependency labels
(ClearNLP style, as `en_core_web_sm` gives them); words are lower case.

Open-class knowledge (titles, sectors, country names, event words) lives in data files
under `eventwire/data/`, not here.
"""

from __future__ import annotations

# --- Dependency labels -------------------------------------------------------------------

#: The subject of a clause: nominal, passive nominal and clausal.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Who does the action: an active subject (a passive subject is the one acted on).
ACTIVE_SUBJECTS = SUBJECTS - {"nsubjpass"}
#: A subject or the by-phrase of a passive: what makes a name the doer in its clause.
SUBJECTS_WITH_AGENT = SUBJECTS | {"agent"}

#: Dependents left of a noun that belong to its noun phrase ("the top U.S. official").
NP_LEFT = frozenset({"det", "poss", "compound", "amod", "nummod", "nmod", "quantmod"})
#: NP_LEFT plus the possessive marker, for phrases taken with their "'s".
NP_LEFT_WITH_CASE = NP_LEFT | {"case"}
#: NP_LEFT plus noun-phrase adverbials ("Iran-backed", "two-day" as the parser labels them).
NP_LEFT_WITH_NPADVMOD = NP_LEFT | {"npadvmod"}

#: Complements a verb takes: object, attribute and clausal complements.
COMPLEMENTS = frozenset({"dobj", "xcomp", "ccomp", "attr", "acomp"})
#: What a naming or reporting verb governs ("called the senator a 'nasty guy'").
VERB_COMPLEMENTS = COMPLEMENTS | {"dative", "prep", "oprd"}
#: What an event word embeds another event through ("threatened to ban", "an attempt to").
EMBEDDING_COMPLEMENTS = COMPLEMENTS | {"pcomp", "acl"}

# --- Prepositions ------------------------------------------------------------------------

#: Prepositions of place: their object is where something is or happens ("in Iraq").
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across", "throughout",
                            "around", "into"})
#: Where an event happened: LOCATIVE_PREPS plus "within" and "on" ("on the border").
EVENT_LOCATIVE_PREPS = LOCATIVE_PREPS | {"within", "on"}
#: Directional adjectives the parser takes for the preposition ("in northern Iraq").
LOCATIVE_DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central"})
#: A name in one of these phrases is a place, not an actor ("from Iraq", "between Iran and").
NAME_LOCATIVE_PREPS = (LOCATIVE_PREPS
                       | {"within", "off", "from", "along", "through", "toward", "towards",
                          "beyond", "via", "over", "between", "onto"}
                       | LOCATIVE_DIRECTIONS)
#: Words before a capitalised name that make it a place candidate ("in Kirkuk", "northeast
#: Kabul"); "of" only counts for what follows an "of" inside a longer name.
PLACE_CUE_PREPS = (LOCATIVE_PREPS
                   | {"within", "from", "to", "towards", "toward", "between", "along", "over",
                      "off", "of", "on", "through", "via", "beyond"}
                   | {"northeast", "northwest", "southeast", "southwest"})
#: Motion words of PLACE_CUE_PREPS: "at X" means X is where it is, "to X" is not.
MOTION_PREPS = frozenset({"of", "to", "from", "towards", "toward", "via"})
#: Relative pronouns that stand for the noun their clause modifies.
RELATIVES = frozenset({"that", "which", "who", "whom"})

# --- Pronouns ----------------------------------------------------------------------------

#: Third-person singular personal pronouns (all cases and the reflexive).
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
REFLEXIVE_PRONOUNS = frozenset({"himself", "herself"})
#: The possessive that stands for an organisation or country ("its forces").
THING_PRONOUNS = frozenset({"its"})
#: Third-person plural pronouns.
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
#: First-person subject pronouns ("we will ...": the speaker's own action).
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
#: First-person pronouns in every case.
FIRST_PERSON_PRONOUNS = FIRST_PERSON_SUBJECTS | {"me", "my", "us", "our"}
#: Personal pronouns: words that name an actor only through what they refer to.
PERSONAL_PRONOUNS = ((PERSON_PRONOUNS - REFLEXIVE_PRONOUNS) | THING_PRONOUNS | GROUP_PRONOUNS
                     | FIRST_PERSON_PRONOUNS | {"it"})

# --- Parts of speech ---------------------------------------------------------------------

#: Coarse tags of verbs, including auxiliaries ("was", "has").
VERB_TAGS = frozenset({"VERB", "AUX"})

#: The gender a third-person singular pronoun gives its referent ("m"/"f").
PRONOUN_GENDER: dict[str, str] = {"he": "m", "him": "m", "his": "m", "himself": "m",
                                  "she": "f", "her": "f", "herself": "f"}
