"""Event location: the literal place that governs an event, with a fixed fallback order.

`place_for_trigger(doc, article, trigger)` takes, in this order:

1. the place a "where" clause the trigger is in describes ("talks in Jeddah, where
   Ukraine said it is ready"); a literal place whose path up the parse reaches the trigger
   (or a verb conjoined with it, or the verb whose "in" phrase a nominal trigger is:
   "massed in Istanbul in protest") before any other verb: a prepositional phrase on the
   verb, its subject or its object ("killed in Baghdad", "an attack on the town of Nawa"),
   or one inside the trigger's phrase
   (through another verb only under a locative preposition and not in a clause of its own:
   "a company operated by China", "Somalia-based" are not where);
2. the place of the sentence's topic: a literal place under a locative preposition attached
   to the sentence's main verb ("In the West Bank city of Nablus, a man ... was shot");
3. with `nearest` (the default), the literal place nearest the trigger in the sentence, if
   it is a town, a province or a place the gazetteer does not know under a locative
   preposition ("in Aleppo"): a country or region merely named in the sentence is no
   guess of where (on the event_location dev rows the looser guess was wrong more often
   than right);
4. with `dateline` (the default), the place the article's dateline names ("BEIRUT (AP) —");
5. none.

A place a bearing is told from ("Balad Ruz, 70 kilometers northeast of Baghdad") yields to any
other. Among places equally attached, one under a locative preposition wins ("bases in Iraq" over
"U.S. bases"), then the most specific ("in Iraq's northern Nineveh province": Nineveh), then
the nearest. Only places with role "literal" are ever chosen: a country standing for its
government ("U.S. officials", "the United States' restraint") or a nationality ("U.S.
bases") is never where an event happened, nor is a place in a person's title ("Lamu County
Commissioner Irungu Macharia"); a state or country that only says where the town before it
is ("from Chibok in Borno State") yields to the town. A definite place noun under a locative
preposition ("killed 11 miners in the city") stands for the place of its kind named last
before it (data/places/place_words.toml, `anaphora_*`). `event_place` serves the events stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from eventwire.model import Article, Place, PlaceRef
from eventwire.nlp.english import (
    APPOS_OR_COMPOUND,
    NOMINAL_SUBJECTS,
    NOUN_TAGS,
    VERB_TAGS,
)
from eventwire.nlp.english import PERSON_GROUP_LABELS as NOT_PLACES
from eventwire.places.attachment import (
    MODIFIER,
    about,
    attached_to,
    governing_verb,
    inside,
    under_locative,
    verb_between,
)
from eventwire.places.containment import SPECIFICITY
from eventwire.places.metonymy import root_of
from eventwire.places.not_where import (
    BROAD,
    district_of,
    governing_preposition,
    not_where,
    qualifier,
    reference_point,
    statement_content,
)
from eventwire.places.story_places import (
    dateline_place,
    focus_place,
    literal_places,
    story_town,
)
from eventwire.places.words import (
    ANAPHORA,
    LIGHT_VERBS,
    PLACE_NOUNS,
    TAKEN_FROM,
    TITLED_FRAME_WORDS,
    WITHIN_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The story-level places events/links.py reads from here.
__all__ = ["dateline_place", "event_place", "focus_place", "literal_places",
           "location_precision", "place_for_trigger"]
PRECISION = {"city": "city", "locality": "city", "admin2": "admin2", "admin1": "admin1",
             "country": "country", "region": "region", "continent": "region",
             "water": "region"}
# A participle clause of these dependencies happened where its head verb did.
PARTICIPLE_CLAUSES = frozenset({"advcl"})


def place_for_trigger(doc: Doc, article: Article, trigger: int, nearest: bool = True,
                      dateline: bool = True, arguments: bool = True) -> Place | None:
    """The place where the event whose trigger is token `trigger` happened, if the text says
    (see the module docstring for the order)."""
    if not 0 <= trigger < len(doc):
        return None
    verb = doc[trigger]
    linked = _linked(verb)
    topic = verb.sent.root
    clause = verb.head if verb.dep_ == "conj" else verb
    lender = clause.head.i if arguments and _participle(clause) else None
    where = _where_clause_of(verb)
    best: tuple[bool, int, bool, int, int, Place] | None = None
    found = list(_candidates(doc, article, verb))
    roots = [root for root, _ in found]
    for root, place in found:
        if not_where(root, place.feature, verb) or qualifier(root, roots):
            continue
        locative = under_locative(root)
        rank = 0 if root.i in where else _rank(root, verb, linked, topic, locative, arguments)
        if rank > 1 and lender is not None and governing_verb(root) == lender:
            rank = 1
        if rank == 3 and not (nearest and locative and place.feature not in BROAD):
            continue
        candidate = (reference_point(root), rank, not locative,
                     SPECIFICITY.get(place.feature or "", 0), abs(root.i - trigger), place)
        if best is None or candidate[:5] < best[:5]:
            best = candidate
    if best is not None:
        return best[5]
    return dateline_place(article) if dateline else None


def _linked(verb: Token) -> set[int]:
    """The trigger and the verbs that share its places: verbs conjoined with it, the verb
    whose "in" phrase a nominal trigger is ("massed in front of the consulate in Istanbul in
    protest of ...", "were killed in Kabul in an attack"), and the light verb whose object
    it is ("running negative ads against us in New York"; LIGHT_VERBS)."""
    linked = {verb.i}
    if verb.dep_ == "conj":
        linked.add(verb.head.i)
    linked.update(child.i for child in verb.children if child.dep_ == "conj")
    if verb.dep_ == "pobj" and verb.head.lower_ == "in" and verb.head.head.pos_ in VERB_TAGS:
        linked.add(verb.head.head.i)
    if verb.dep_ == "dobj" and verb.head.lemma_.lower() in LIGHT_VERBS:
        linked.add(verb.head.i)
    return linked


def _where_clause_of(verb: Token) -> set[int]:
    """The tokens a "where" clause the trigger is in describes, with the name an apposition
    there stands by: "talks in Jeddah, Saudi Arabia, where Ukraine said it is ready to
    accept a U.S. proposal" happened in Jeddah."""
    for above in (verb, *verb.ancestors):
        if above.dep_ == "relcl" and any(child.lower_ == "where" and child.i < above.i
                                         for child in above.children):
            head = above.head
            return {head.i, head.head.i} if head.dep_ == "appos" else {head.i}
    return set()


def _participle(verb: Token) -> bool:
    """Whether a verb is a participle clause of the verb above it, with no subject of its
    own ("struck the Iraqi city of Kerbala, killing five people and wounding 64"): it
    happened where that verb did."""
    return verb.dep_ in PARTICIPLE_CLAUSES and verb.tag_ == "VBG" \
        and verb.head.pos_ in VERB_TAGS \
        and not any(child.dep_ in NOMINAL_SUBJECTS for child in verb.children)


def _candidates(doc: Doc, article: Article, verb: Token) -> Iterator[tuple[Token, Place]]:
    """The literal places of the trigger's sentence with their parse tokens, without names
    that stand for an actor; then its definite place nouns with the places they stand for
    (`_anaphors`)."""
    sentence = verb.sent
    inside = [p for p in literal_places(article)
              if sentence.start_char <= p.start < sentence.end_char]
    for place in inside:
        if any(_qualifies(article.text, place, other) for other in inside):
            continue
        root = root_of(doc, place.start, place.end)
        if root is None or _titles_person(article, root) or _names_actor(
                article, place, under_locative(root, WITHIN_WORDS), _place_frame(root)):
            continue
        yield root, place
    yield from _anaphors(article, sentence, verb)


def _qualifies(text: str, place: Place, town: Place) -> bool:
    """Whether a province or country only says where the town named right before it is
    ("from Chibok in Borno State", "near Sibi, Balochistan", "Chah Ab District of Takhar
    Province"): the town is the place."""
    return town.end <= place.start and (district_of(text, town, place) or (
        text[town.end:place.start] in (", ", " in ")
        and place.country == town.country is not None
        and SPECIFICITY.get(town.feature or "", 0) < SPECIFICITY.get(place.feature or "", 0)))


def _titles_person(article: Article, root: Token) -> bool:
    """Whether a place is part of a person's title ("Lamu County Commissioner Irungu
    Macharia", "Balochistan Chief Minister Sarfraz Bugti", "former New York City mayor Rudy
    Giuliani"): where the person holds office, not where the event happened."""
    current = root
    while current.dep_ == "compound" and current.head.pos_ in NOUN_TAGS:
        current = current.head
    return current is not root and any(e.start <= current.idx < e.end
                                       for e in article.entities if e.label == "PERSON")


def _anaphors(article: Article, sentence: Span, verb: Token) -> Iterator[tuple[Token, Place]]:
    """Definite place nouns under a locative preposition ("killed 11 miners in the city"),
    or "from" after a trigger of taking away ("the withdrawal of U.S. and NATO troops from
    the country", TAKEN_FROM: not the place of whom it takes, in its phrase), with the place
    of that kind (ANAPHORA) named last before them: a town for "the city", a province or
    district for "the province", a country (literal, or its government) for "the country"."""
    taken = verb.lemma_.lower() in TAKEN_FROM
    phrase = range(verb.left_edge.idx, verb.right_edge.idx + 1)
    for token in sentence:
        kinds = ANAPHORA.get(token.lower_)
        source = kinds is not None and not under_locative(token)  # only a place noun needs it
        if kinds is None or (source and not (
                taken and governing_preposition(token) == "from")) or [
                (c.dep_, c.lower_) for c in token.children] != [("det", "the")]:
            continue
        earlier = [p for p in article.places if p.end <= token.idx and p.feature in kinds
                   and (p.role == "literal" or (p.role == "actor" and "country" in kinds))
                   and not (source and p.start in phrase)]
        if earlier:
            yield token, earlier[-1]


def _rank(root: Token, verb: Token, linked: set[int], topic: Token, locative: bool,
          arguments: bool) -> int:
    """0: attached to the trigger; 1: inside its phrase; 2: the sentence's topic place;
    3: merely in the sentence. Without `arguments` (verbal events) only a locative phrase
    or a direct modifier attaches, and not one on an abstract noun: "urged Russia", "a step
    toward peace in Europe", "investment in Ukraine" are not where; and inside the trigger's
    phrase only a direct modifier of the trigger ("the Doha agreement") or a place of a
    participle clause framing it ("Speaking in Islamabad, ... rejected") is where: a place
    deeper in what a statement says ("demanded the release of prisoners held in Balochistan
    prisons") is not."""
    governing = governing_verb(root)
    if not arguments:
        attached = attached_to(root) if locative or root.dep_ in MODIFIER else None
        if attached is None or about(root, attached) or statement_content(attached, linked):
            return 3
    if governing in linked:
        return 0
    if inside(root, verb) and not verb_between(root, verb, clause=locative) and (
            arguments or root.head.i in linked or _framing(root.doc, governing, linked)):
        return 1
    if governing == topic.i and locative and topic.i not in linked:
        return 2
    return 3


def _framing(doc: Doc, governing: int | None, linked: set[int]) -> bool:
    """Whether a verb is a participle clause framing the trigger's, with no subject of its
    own ("Speaking in Islamabad on Sunday, the minister rejected ...")."""
    if governing is None:
        return False
    clause = doc[governing]
    return clause.dep_ == "advcl" and clause.head.i in linked \
        and not any(child.dep_ in NOMINAL_SUBJECTS for child in clause.children)




def _place_frame(token: Token) -> bool:
    """Whether a name is framed as a place by a place noun: "the village of Mainok",
    "Al-Shadadi city", "the Nineveh province", or ends in a capitalised district word
    ("Mohammad Agha District", TITLED_FRAME_WORDS)."""
    if token.lower_ in TITLED_FRAME_WORDS and token.is_title:
        return True
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head is not head:
        head = head.head
    elif token.dep_ not in APPOS_OR_COMPOUND:
        return any(child.lower_ in PLACE_NOUNS for child in token.children
                   if child.dep_ == "compound") or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in PLACE_NOUNS)
    return head.lemma_.lower() in PLACE_NOUNS or head.lower_ in PLACE_NOUNS


def _names_actor(article: Article, place: Place, locative: bool, framed: bool) -> bool:
    """Whether words the gazetteer does not know name a person, group or organisation
    rather than a place ("Modi", "Baloch", a ship's name): spaCy reads them as a person,
    group or organisation, or they name an actor outside a locative phrase ("in Mainok"
    stays a place). A name the gazetteer resolved stays a place ("Iraq's northern Nineveh
    province", whatever spaCy says), and so does one a place noun frames ("the village of
    Jangebe", "the Bayaa neighborhood")."""
    if place.feature is not None or place.geonameid is not None or framed:
        return False
    people = {actor.id for actor in article.actors if actor.kind == "person"}
    return any(entity.start < place.end and place.start < entity.end
               and (entity.label in NOT_PLACES or entity.actor in people
                    or (entity.actor is not None and not locative))
               for entity in article.entities)


def event_place(article: Article, sentence: Span, trigger: Token,
                verbal: bool = False) -> PlaceRef | None:
    """The events stage's place for a trigger: the order above. For a `verbal` event (a
    statement, a request, a sanction) the places that are its arguments are whom it
    addresses, not where it happened ("urged Russia", "denounced Israel"), a country,
    region or sea is what it is about ("an understanding of the electoral process in
    Pakistan"), and a place merely named in its sentence is what it says, not where it was
    said (no nearest-place guess): only a town or province places it, the dateline's
    included (leaving the dateline out cost more right places than it saved on the look
    stories). A non-verbal event (a happening, a meeting) takes the nearest-place guess
    (step 3: a town or province under a locative preposition in its sentence:
    "representatives on their way to Moscow for discussions", "killed Thursday in an
    airstrike targeting his location in Iraq's Anbar desert"): a happening told beside a
    town is seldom told anywhere else (on the look stories the guess placed two happenings
    right and one at a neighbouring place, and no event the gold places nowhere). A
    non-verbal event placed only in a country takes the town of that country the story
    names most often (`story_town`), unless it takes something away from the whole
    country."""
    found = place_for_trigger(sentence.doc, article, trigger.i, nearest=not verbal,
                              arguments=not verbal)
    if found is None or (verbal and found.feature in BROAD):
        return None
    if not verbal and found.feature == "country" and trigger.lemma_.lower() not in TAKEN_FROM:
        found = story_town(article, found.country, sentence.doc) or found
    return PlaceRef(place=found.id, name=found.name, precision=location_precision(found))


def location_precision(place: Place) -> str | None:
    """POLECAT-style location precision of a place: city, admin2, admin1, country or
    region (seas, continents and regions); None when the gazetteer does not know it."""
    return PRECISION.get(place.feature or "")



