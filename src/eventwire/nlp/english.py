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

#: A nominal subject, active or passive.
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: The subject of a clause: nominal, passive nominal and clausal.
SUBJECTS = NOMINAL_SUBJECTS | {"csubj"}
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
#: Dependencies of a date written before the noun it modifies ("the 2004 bombing", "last
#: year's talks", "the Feb. 4 letter", "2016 GOP frontrunner").
DATE_MODIFIERS = NP_LEFT_WITH_NPADVMOD - {"det", "quantmod"}

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
#: Prepositions that introduce a source: "a statement from the ministry", "said by X".
SOURCE_PREPS = frozenset({"by", "from"})
#: Relative pronouns that stand for the noun their clause modifies.
RELATIVES = frozenset({"that", "which", "who", "whom"})

# --- Pronouns ----------------------------------------------------------------------------

#: Third-person singular personal pronouns (all cases and the reflexive).
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
#: Reflexive pronouns ("defended itself"): the object is the subject again.
REFLEXIVE_PRONOUNS = frozenset({"myself", "yourself", "himself", "herself", "itself",
                                "ourselves", "yourselves", "themselves", "oneself"})
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

# --- Auxiliaries ------------------------------------------------------------------------

#: Auxiliaries of the future, as spaCy lemmatises them ("won't" gives "wo").
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})

# --- Determiners and name particles ---------------------------------------------------

#: Determiners that point back to something already mentioned ("the attack", "this deal").
DEFINITE_DETERMINERS = frozenset({"the", "this", "these", "that", "those"})
#: The indefinite articles ("a protest" is one not told before).
INDEFINITE_ARTICLES = frozenset({"a", "an"})
#: Determiners that introduce something not told before ("another attack", "each strike").
INDEFINITE_DETERMINERS = INDEFINITE_ARTICLES | {"any", "another", "each", "every", "no", "some"}
#: Small words inside a multi-word name ("Ministry of Defense", "Abu Bakr al-Baghdadi").
NAME_PARTICLES = frozenset({"of", "the", "and", "for", "in", "on", "de", "al", "el", "to", "-"})

# --- Named-entity labels (spaCy's OntoNotes labels) --------------------------------------

#: Entity labels of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels of names that are not places but may be taken for one (metonymy, "in Kurdish").
PERSON_GROUP_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: Labels of people: a person, or a people named by nationality ("visiting Australians").
PEOPLE_LABELS = frozenset({"PERSON", "NORP"})

# --- Parts of speech ---------------------------------------------------------------------

#: Coarse tags of verbs, including auxiliaries ("was", "has").
VERB_TAGS = frozenset({"VERB", "AUX"})

# --- Label sets the rules test tokens against -------------------------------------------
# Each rule that asks "is this token one of ..." names its set here (derived from the base
# sets above where it is one of them plus something), so no module spells labels out.

#: Coarse tags of nouns, common and proper.
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
#: Nouns and pronouns: what heads a noun phrase.
NOMINAL_TAGS = NOUN_TAGS | {"PRON"}
#: Adjectives and common nouns (an event word the parser left as a modifier).
ADJ_NOUN_TAGS = frozenset({"ADJ", "NOUN"})
#: Nouns and adjectives.
NOUN_ADJ_TAGS = NOUN_TAGS | {"ADJ"}
#: Content words: nouns, main verbs, adjectives.
CONTENT_TAGS = NOUN_TAGS | {"VERB", "ADJ"}
#: What heads a predicate: a verb or a predicative adjective.
PREDICATE_TAGS = VERB_TAGS | {"ADJ"}
#: Adjectives and adverbs.
MODIFIER_TAGS = frozenset({"ADJ", "ADV"})
#: Tags of the words of a speaker's name phrase.
NAME_PHRASE_TAGS = NOMINAL_TAGS | {"DET", "PUNCT"}

#: The doer of a verb: its active nominal subject or a passive's by-phrase.
DOERS = frozenset({"nsubj", "agent"})
#: An active subject or a passive's by-phrase.
ACTIVE_SUBJECTS_WITH_AGENT = ACTIVE_SUBJECTS | {"agent"}
#: A nominal subject or a passive's by-phrase.
NOMINAL_SUBJECTS_WITH_AGENT = NOMINAL_SUBJECTS | {"agent"}
#: A doer, or the possessor of an event noun ("Iran's threat").
DOERS_WITH_POSS = DOERS | {"poss"}
#: A nominal subject or the direct object.
CORE_ARGUMENTS = NOMINAL_SUBJECTS | {"dobj"}
#: An active subject or a prepositional phrase.
SUBJECT_OR_PREP = frozenset({"nsubj", "prep"})
#: Objects of a verb, direct and indirect.
VERB_OBJECTS = frozenset({"dobj", "dative"})
#: Who is acted on: the object, or the subject of a passive.
ACTED_ON = frozenset({"dobj", "nsubjpass"})
#: ACTED_ON plus an attribute ("was the target").
ACTED_ON_WITH_ATTR = ACTED_ON | {"attr"}
#: ACTED_ON_WITH_ATTR plus an indirect object.
ACTED_ON_WITH_ATTR_DATIVE = ACTED_ON_WITH_ATTR | {"dative"}
#: Where a counted noun phrase stands as an argument of its clause.
COUNTED_ROLES = NOMINAL_SUBJECTS | {"dobj", "attr", "appos", "oprd"}
#: A clause's subject and predicate complements (for counts).
COUNT_PREDICATE_ROLES = NOMINAL_SUBJECTS | {"oprd", "acomp", "ccomp", "xcomp"}
#: What marks a passive clause.
PASSIVE_MARKS = frozenset({"nsubjpass", "auxpass"})
#: Adjective and compound modifiers of a noun.
NOUN_MODIFIERS = frozenset({"amod", "compound"})
#: NOUN_MODIFIERS plus nominal modifiers.
NOUN_MODIFIERS_WITH_NMOD = NOUN_MODIFIERS | {"nmod"}
#: NOUN_MODIFIERS_WITH_NMOD plus noun-phrase adverbials ("Iran-backed").
NOUN_MODIFIERS_WITH_NPADVMOD = NOUN_MODIFIERS_WITH_NMOD | {"npadvmod"}
#: NOUN_MODIFIERS_WITH_NMOD plus numbers.
NOUN_MODIFIERS_WITH_NUMMOD = NOUN_MODIFIERS_WITH_NMOD | {"nummod"}
#: NOUN_MODIFIERS_WITH_NMOD plus conjuncts ("U.S. and Iraqi forces").
NOUN_MODIFIERS_WITH_CONJ = NOUN_MODIFIERS_WITH_NMOD | {"conj"}
#: NOUN_MODIFIERS plus possessors.
NOUN_MODIFIERS_WITH_POSS = NOUN_MODIFIERS | {"poss"}
#: NOUN_MODIFIERS_WITH_NMOD plus possessors.
NOUN_MODIFIERS_WITH_NMOD_POSS = NOUN_MODIFIERS_WITH_NMOD | {"poss"}
#: A determiner or an adjective before a noun.
DET_OR_AMOD = frozenset({"det", "amod"})
#: What fixes a noun phrase's reference: determiner, number, possessor.
QUANTIFYING_DEPS = frozenset({"det", "nummod", "poss"})
#: A determiner or a number before a noun.
DET_OR_NUMMOD = frozenset({"det", "nummod"})
#: A determiner or a possessor ("under its commitments", not "under attack").
DET_OR_POSS = frozenset({"det", "poss"})
#: Words that count a plural noun's members: with one, the noun is a group of so many
#: ("many other democracies", "several lawmakers"); a number counts as well ("11 coal miners").
GROUP_QUANTIFIERS = frozenset({"many", "several", "numerous", "few", "some", "dozens",
                               "hundreds", "thousands", "millions", "scores", "both", "all"})
#: A number and its quantifier ("about 200").
NUMBER_DEPS = frozenset({"nummod", "quantmod"})
#: Determiners and punctuation (trimmed from a name's edge).
DET_OR_PUNCT = frozenset({"det", "punct"})
#: Function words trimmed from a nominal's edge.
EDGE_FUNCTION_DEPS = DET_OR_PUNCT | {"cc", "advmod"}
#: Function words and numbers left of a nominal's head.
LEFT_FUNCTION_DEPS = DET_OR_PUNCT | NUMBER_DEPS | {"cc", "predet"}
#: An apposition or a compound.
APPOS_OR_COMPOUND = frozenset({"appos", "compound"})
#: An apposition or a conjunct: a name listed beside another.
APPOS_OR_CONJ = frozenset({"appos", "conj"})
#: An apposition or a prepositional phrase after a noun.
APPOS_OR_PREP = frozenset({"appos", "prep"})
#: Clausal complements of a verb.
CLAUSAL_COMPLEMENTS = frozenset({"ccomp", "xcomp"})
#: A direct object or an open clausal complement.
OBJECT_OR_XCOMP = frozenset({"dobj", "xcomp"})
#: Clausal complements and object predicates.
PREDICATIVE_CLAUSES = CLAUSAL_COMPLEMENTS | {"oprd"}
#: Predicative complements.
PREDICATIVE = frozenset({"acomp", "oprd", "xcomp"})
#: Verbs of object control: their object does what the "to" clause says ("invited Iranian
#: officials to visit Washington", "gathered influencers to visit various cities": the
#: officials and the influencers visit), not their subject (Huddleston, "The Cambridge
#: Grammar of the English Language", 2002, ch. 14 §5: object-oriented catenatives).
#: Verbs of sending forces ("sent troops to attack") are left out: a coder writes the sender.
OBJECT_CONTROL_VERBS = frozenset({"ask", "urge", "invite", "tell", "order", "force", "allow",
                                  "persuade", "encourage", "gather", "instruct", "permit",
                                  "authorize", "compel", "pressure", "press", "require",
                                  "advise", "enable", "summon", "direct"})
#: Verbs of object control whose controller is a prepositional object, with the preposition:
#: "called on all parties to resume talks", "appealed to Washington to lift" (the parties
#: resume, Washington lifts; Huddleston and Pullum 2002, ch. 14 §5, prepositional verbs).
PREPOSITIONAL_CONTROL = {"call": "on", "appeal": "to", "prevail": "on", "rely": "on",
                         "count": "on", "wait": "for"}
#: Words that refer back to one of the last two things named, by their order: "for the
#: latter's refusal" (the last named), "the former" (the one before it).
ORDER_ANAPHORS = {"latter": 1, "former": 2}
#: Verbs whose participle complement says what is done to their subject ("Two soldiers stand
#: accused of the bombing", "the soldiers remain detained"), also where the parser hangs the
#: participle as an adverbial clause.
STATE_VERBS = frozenset({"stand", "remain", "stay", "sit"})
#: Links from a reporting predicate to the verb it leans on.
SPEAKER_PREDICATE_LINKS = frozenset({"acomp", "conj", "xcomp"})
#: Particles and adverbs completing a verb ("step down").
VERB_PARTICLES = frozenset({"acomp", "advmod", "prt"})
#: Auxiliaries, active and passive.
AUXILIARIES = frozenset({"aux", "auxpass"})
#: Links along a verb chain.
CHAIN_LINKS = frozenset({"aux", "conj", "xcomp"})
#: Clauses that modify a noun.
NOUN_CLAUSES = frozenset({"acl", "relcl"})
#: Those and an apposition: what is said of a noun beside it.
SAID_OF_NOUN = NOUN_CLAUSES | {"appos"}
#: Clauses and participles that modify a noun.
PARTICIPLE_DEPS = NOUN_CLAUSES | {"amod"}
#: PARTICIPLE_DEPS plus adjectival complements.
PARTICIPLE_DEPS_WITH_ACOMP = PARTICIPLE_DEPS | {"acomp"}
#: What follows a name inside its phrase.
PREP_OR_RELCL = frozenset({"prep", "relcl"})
#: The object of a preposition, nominal or clausal.
PREP_OBJECTS = frozenset({"pobj", "pcomp"})
#: A preposition and its object.
PREP_LINKS = frozenset({"prep", "pobj"})
#: An indirect object, as dative or prepositional phrase.
DATIVE_OR_PREP = frozenset({"dative", "prep"})
#: Oblique arguments: indirect object, prepositional phrase, by-phrase.
OBLIQUES = DATIVE_OR_PREP | {"agent"}
#: A purpose or open clause.
ADVCL_OR_XCOMP = frozenset({"advcl", "xcomp"})
#: A clause beside or under another.
ADVCL_OR_CONJ = frozenset({"advcl", "conj"})
#: ADVCL_OR_CONJ plus open clausal complements.
ADVCL_CONJ_XCOMP = ADVCL_OR_CONJ | {"xcomp"}
#: What a reporting verb governs: a complement or a parataxis.
REPORTED_CLAUSES = frozenset({"ccomp", "parataxis"})
#: A subordinating marker or a preposition.
MARK_OR_PREP = frozenset({"mark", "prep"})
#: An adverb or a subordinating marker.
ADVMOD_OR_MARK = frozenset({"advmod", "mark"})
#: Adverbial and adjectival modifiers.
ADVMOD_OR_AMOD = frozenset({"advmod", "amod"})
#: An expletive or a subordinating marker.
EXPL_OR_MARK = frozenset({"expl", "mark"})
#: Clauses of their own under another clause.
CLAUSES = REPORTED_CLAUSES | {"relcl", "advcl"}
#: Clauses with their own event: a place in one is not where the governing event happened.
OWN_CLAUSES = REPORTED_CLAUSES | {"relcl", "conj", "csubj"}
#: Clauses a threat word governs.
CLAUSE_DEPS = CLAUSAL_COMPLEMENTS | {"acl", "advcl"}
#: Links climbed from a clause to the clause whose subject speaks.
SPEAKER_CLIMB = CLAUSAL_COMPLEMENTS | {"conj", "advcl", "relcl"}
#: Links by which a word governs its complement.
COMPLEMENT_LINKS = CLAUSAL_COMPLEMENTS | {"dobj", "pcomp"}
#: Links that leave the event's own clause.
CLAUSE_BOUNDARIES = NOUN_CLAUSES | {"ccomp", "advcl", "conj"}
#: Links by which a plan word governs what it plans.
PLAN_LINKS = frozenset({"xcomp", "prep", "acl", "dobj"})
#: The objects a verb takes, in the order the roles rule tries them.
OBJECT_ORDER: tuple[str, ...] = ("dative", "dobj", "attr")
#: Links a clause keeps to the clause it depends on (walked when looking for cues above it).
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "prep", "pobj", "pcomp", "dobj",
                          "acomp", "attr", "nsubjpass", "nsubj", "relcl", "acl", "npadvmod"})

# --- Entity-label and fine-tag sets the rules test against ------------------------------
# spaCy's OntoNotes entity labels and Penn Treebank tags, each set named once.

#: Geopolitical entities and other locations (no facilities).
GEO_LABELS = frozenset({"GPE", "LOC"})
#: Places and organisations: names a capital city may be read from.
GEO_ORG_LABELS = GEO_LABELS | {"ORG"}
#: Organisations and facilities: names of institutions.
ORG_FAC_LABELS = frozenset({"ORG", "FAC"})
#: Labels a country name or nationality may be given by the tagger.
COUNTRY_LABELS = GEO_LABELS | {"NORP", "ORG", "PERSON"}
#: Dates and times.
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Numeric entities that are not counts of something.
COUNT_SKIP_LABELS = TIME_LABELS | {"MONEY", "PERCENT", "ORDINAL"}
#: Numeric and time entities: never an actor.
NUMERIC_LABELS = COUNT_SKIP_LABELS | {"CARDINAL", "QUANTITY"}
#: Collective actors: organisations, countries, nationalities.
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
#: Entities that can be actors.
ACTOR_LABELS = GROUP_LABELS | {"PERSON"}
#: Names of actors and places.
PROPER_NAME_LABELS = ACTOR_LABELS | PLACE_LABELS
#: People, organisations and countries.
PERSON_ORG_GPE_LABELS = frozenset({"PERSON", "ORG", "GPE"})
#: Entities that are names (not numbers, dates or times).
NAME_LABELS = PROPER_NAME_LABELS | {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
#: Names spaCy's small model gives places it misreads ("in southern Aleppo" as a language,
#: "Quraytayn" as an event, "Manbij" as a product): a place frame may still make them places.
MISREAD_PLACE_LABELS = frozenset({"LANGUAGE", "EVENT", "PRODUCT"})
#: A word inside one of these is no event ("March 10", "U.S. Border Patrol"); an EVENT
#: entity ("the Benghazi attacks") stays one.
NO_EVENT_LABELS = (NAME_LABELS - {"EVENT"}) | NUMERIC_LABELS
#: Entities that identify a story's participants when matching articles.
PARTICIPANT_LABELS = (NAME_LABELS - {"LANGUAGE"}) | (NUMERIC_LABELS - {"TIME", "PERCENT"})
#: Penn tags of plural nouns.
PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
#: Penn tags of participles.
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
#: Penn tags of wh-determiners and wh-pronouns ("which", "who").
WH_PRONOUN_TAGS = frozenset({"WDT", "WP"})
#: Penn tags of every wh-word.
WH_TAGS = WH_PRONOUN_TAGS | {"WP$", "WRB"}
#: Penn tags of a singular noun or a gerund.
GERUND_OR_NOUN_TAGS = frozenset({"NN", "VBG"})
#: Penn tags of present-tense and progressive verbs.
PRESENT_VERB_TAGS = frozenset({"VBZ", "VBP", "VBG"})
#: Penn tags of a finite verb or auxiliary (one with a tense of its own).
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

#: The gender a third-person singular pronoun gives its referent ("m"/"f").
PRONOUN_GENDER: dict[str, str] = {"he": "m", "him": "m", "his": "m", "himself": "m",
                                  "she": "f", "her": "f", "herself": "f"}
