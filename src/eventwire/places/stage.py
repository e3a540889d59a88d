"""Places: toponyms in the text, geocoded offline against the gazetteer, as `Article.places`.

Candidates are GPE, LOC and FAC entities; capitalised names right after a locative
preposition ("in Kirkuk") or before "province", "city" and the like ("Nineveh province") that
the gazetteer knows, whatever spaCy labelled them; ORG and PERSON entities that spaCy's small
model misread (the same name is labelled a place elsewhere in the text; or, for ORG, it is
exactly a country, a state or a town of 10,000+, and no person's surname); the place an
organisation is named after ("Dublin" in "Dublin City Council"); and datelines ("MANSFIELD
—"). A longer unknown name yields the known place inside it ("Fargo" in "Fargo City",
"Georgia" in "Movement for United Georgia"). Homonyms are resolved in rounds (see
place_resolver.py): first each name alone, to learn which countries and US states the
document is about (clear readings, US counties, demonyms and cue words such as "Iraqi" or
"Republicans"); then with that focus, the feature class (country > region > city),
population, a qualifier after a comma ("Paris, Texas", "Alexandria, La."), the word after
the name ("province", "city", "Mayor", "residents"), and nearness to the other places chosen;
every mention of a name then takes the reading with the best total. A name never counts as
evidence for its own reading, so "Georgia" follows the rest of the text. A US county
("Lamar County") gets its state from the text and, as an approximation, the point of the
nearest-named place in that state, else the state's point. The word lists live in
data/place_words.toml.

Metonymy: a country or city name used for its government or people is an actor, not a
place. Skipped: the subject of a verb other than a few stative ones ("Washington said",
"Iran should not mistake"; kept: "Iraq has seen", "Syria is"); a possessive or
noun-modifier of an actor noun ("Iran's leaders", "U.S. officials"); the object of "of"
after an actor noun ("the government of Iraq"); "X-backed", "X-led" and the like. Kept as
places: locative uses ("bases in Iraq"), objects ("warned Iran"), and "of" after other nouns
("the sovereignty of Iraq": the state's territory is what is at issue). Skipped names, and
states or countries inside organisations' names ("Kentucky Home Guard"), still tell the
resolver where the text is about.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import TYPE_CHECKING

from eventwire.model import Article, Place
from eventwire.nlp.english import MOTION_PREPS, PLACE_CUE_PREPS
from eventwire.pipeline.stage import Stage, Work
from eventwire.places.gazetteer import Entry, Gazetteer, gazetteer, key
from eventwire.places.resolver import Mention, Resolver
from eventwire.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def _words() -> dict[str, frozenset[str]]:
    path = resources.files("eventwire") / "data" / "place_words.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: frozenset(values) for name, values in table.items()}


WORDS = _words()
LOCATIVE = PLACE_CUE_PREPS
DIRECTIONS = WORDS["directions"]
ADMIN_WORDS = WORDS["admin_words"]
CITY_WORDS = WORDS["city_words"]
ACTOR_NOUNS = WORDS["actor_nouns"]
STATIVE_VERBS = WORDS["stative_verbs"]
LINK_WORDS = WORDS["link_words"]
FACILITY_WORDS = WORDS["facility_words"]
AT_WORDS = LOCATIVE - MOTION_PREPS
INSTITUTION_WORDS = WORDS["institution_words"]
LOCAL_WORDS = WORDS["local_words"]
TOWN_OF = WORDS["town_of"]
TOWN_WORDS = WORDS["town_words"]
UNRESOLVED_LABELS = frozenset({"GPE", "LOC"})
EMBEDDED = "EMBEDDED"  # the label of a place named inside an organisation's name
DATELINE = "DATELINE"  # the label of the place a dateline names ("MANSFIELD — The council")
# A dateline: capitals at the start of a paragraph or sentence, perhaps a state and the agency,
# then a dash ("ATLANTA -", "CHARLESTON, W.Va. --", "BEIRUT (AP) —").
_DATELINE = re.compile(r"(?:^|\n|[.!?]\s+)([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})"
                       r"(?:,\s*[A-Z][\w.]*\.?(?: [A-Z][\w.]*\.?)?)?\s*(?:\([\w ]+\)\s*)?"
                       r"(?:-|—|–|--)\s")
MISREAD_MIN = 10_000  # population of a town whose name alone, labelled ORG, is taken as the town
INSIDE_MIN = 100_000  # ... and of a town named anywhere inside a longer unknown name
# Smaller is more specific; unresolved names (no feature) are mostly small places.
SPECIFICITY = {"city": 0, "admin2": 0, "": 0, "admin1": 1, "region": 1, "country": 2,
               "continent": 3, "water": 3}
_LIST_END = re.compile(r",?\s+(?:and|or|&)\s")
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.’'-]*\.?)(?:\s+[A-Z][\w.’'-]*\.?){0,2})")


def _strip(article: Article, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading 'the' and a trailing possessive or punctuation."""
    text = article.text
    while start < end and not text[start].isalnum():
        start += 1
    if text[start:end].lower().startswith("the "):
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            break
    while end > start and text[end - 1] in " ,;:)\"”":
        end -= 1
    return start, end


def _lookup(gaz: Gazetteer, text: str, after_comma: bool,
            named: bool) -> tuple[list[tuple[Entry, bool]], int]:
    """Candidates for a name, dropping a leading direction word if the whole is unknown
    ("northern Baghdad", not "North West"); the second value is how many characters were
    dropped from the front. After a comma, state abbreviations count ("Gainesville, Va.")."""
    if (after_comma or named) and "." in text:
        states = [(e, True) for e in gaz.qualifier(text) if e.feature == "admin1"]
        if states:
            return states, 0
    found = gaz.candidates(text)
    if found:
        return found, 0
    first, _, rest = text.partition(" ")
    if rest and first.lower() in DIRECTIONS and rest[:1].isupper():
        found = [c for c in gaz.candidates(rest)
                 if c[1] and (c[0].feature != "city" or c[0].population >= 50_000)]
        return found, len(first) + 1
    return [], 0


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _text_after(doc: Doc, end: int, tokens: int = 4) -> str:
    """The text of the few tokens from character `end` on (without building `doc.text`)."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    index = span.end if span is not None and len(span) else 0
    while index < len(doc) and doc[index].idx < end:
        index += 1
    if index >= len(doc):
        return ""
    return " " * (doc[index].idx - end) + doc[index:index + tokens].text_with_ws


def is_metonymic(doc: Doc, start: int, end: int) -> bool:
    """True when the name at [start, end) stands for an actor (see the module docstring)."""
    root = _root(doc, start, end)
    if root is None:
        return False
    after = _text_after(doc, end)
    if after[:1] in "-‐–":
        word = after[1:].split(" ")[0].strip(".,;:").lower()
        if word in LINK_WORDS:
            return True
    token = root
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    head = token.head
    if token.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        return head.lemma_.lower() not in STATIVE_VERBS
    if token.dep_ in ("poss", "compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN"):
        return head.lemma_.lower() in ACTOR_NOUNS
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head.lemma_.lower() in ACTOR_NOUNS
    return False


class PlacesStage(Stage):
    name = "places"
    requires = ("doc", "entities", "actors")
    assigns = ("places",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.gaz = gazetteer()
        self.resolver = Resolver(self.gaz)

    def process(self, work: Work) -> None:
        article, doc = work.article, work.parsed
        mentions = self.mentions(article, doc)
        self.resolver.resolve([m for m in mentions if m.candidates or m.states
                               or m.qualifier],
                              self.cues(article, doc))
        for mention in mentions:
            unresolved = mention.entry is None and not mention.state
            if mention.actor or (unresolved and mention.label not in UNRESOLVED_LABELS):
                continue
            article.places.append(self.place(article, mention, len(article.places) + 1))

    def mentions(self, article: Article, doc: Doc) -> list[Mention]:
        """Place-name candidates: entities and capitalised names after a preposition."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        named = {key(article.text[slice(*_strip(article, e.start, e.end))])
                 for e in article.entities if e.label in UNRESOLVED_LABELS}
        surnames = {key(e.text.split()[-1]) for e in article.entities
                    if e.label == "PERSON" and " " in e.text}
        named -= surnames
        coded = {a.id for a in article.actors if a.kind == "organization" and a.sectors}
        for entity in article.entities:
            taken.append((entity.start, entity.end))
            if entity.label in PLACE_LABELS or (
                    entity.label in OTHER_LABELS and entity.actor not in coded
                    and self._misread(article, entity.start, entity.end, entity.label, named,
                                      surnames)):
                strict = False
            elif entity.label in OTHER_LABELS and (self._after_preposition(doc, entity.start)
                                                   or self._hint(doc, entity.end)):
                strict = True
            elif entity.label == "ORG":
                found.extend(self._institution(article, doc, entity.start, entity.end))
                continue
            else:
                continue
            found.extend(self._make(article, doc, entity.start, entity.end, entity.label,
                                    strict))
        for match in _DATELINE.finditer(article.text):
            start, end = match.span(1)
            if not any(m.start < end and start < m.end for m in found):
                found.extend(self._make(article, doc, start, end, DATELINE, False))
            for mention in found:  # a dateline names a town ("LEBANON (AP) —")
                if mention.start == start:
                    mention.hint = "town"
        for start, end in self._bare_names(doc):
            if not any(s < end and start < e for s, e in taken):
                found.extend(self._make(article, doc, start, end, "NAME", True))
        return sorted(found, key=lambda m: m.start)

    def _misread(self, article: Article, start: int, end: int, label: str,
                 named: set[str], surnames: set[str]) -> bool:
        """Whether an ORG or PERSON entity is a place spaCy mislabelled: its name is labelled
        a place elsewhere in the text, or (ORG only) it is exactly the name of a country, a
        first-level region or a town of 10,000 people or more ("Ohio", "Gainesville");
        never a name that is some person's surname in the text ("Michael Bell")."""
        if article.text[max(0, start - 4):start].lower() == "the ":
            return False
        start, end = _strip(article, start, end)
        text = article.text[start:end]
        if not text[:1].isupper() or text.isupper() or len(text) > 40:
            return False
        if key(text) in named:
            return True
        if label != "ORG" or key(text) in surnames:
            return False
        return any(main and (e.feature in ("country", "admin1") or
                             (e.feature == "city" and e.population >= MISREAD_MIN))
                   for e, main in self.gaz.candidates(text))

    def _institution(self, article: Article, doc: Doc, start: int,
                     end: int) -> list[Mention]:
        """The place an ORG entity is named after ("Dublin" in "Dublin City Council"); else
        a state or country named inside it ("Kentucky Home Guard"), as context only."""
        start, end = _strip(article, start, end)
        text = article.text[start:end]
        if " " not in text or text.isupper() or len(text) > 80:
            return []
        inner = self._inner(text)
        if inner is not None and inner[0] == 0:
            return self._make(article, doc, start + inner[0], start + inner[1], EMBEDDED,
                              False)
        for match in re.finditer(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?", text):
            for part in (match.group(), match.group().split()[0]):
                found: list[tuple[Entry, bool]] = [
                    (e, main) for e, main in self.gaz.candidates(part)
                    if main and e.feature in ("country", "admin1")]
                if found:
                    begin = start + match.start()
                    return [Mention(begin, begin + len(part), part, EMBEDDED, found, [],
                                    actor=True)]
        return []

    def _make(self, article: Article, doc: Doc, start: int, end: int, label: str,
              strict: bool) -> list[Mention]:
        start, end = _strip(article, start, end)
        if end - start < 2 or end - start > 80:
            return []
        text = article.text[start:end]
        if "," in text:
            head, _, _ = text.partition(",")
            return self._make(article, doc, start, start + len(head), label, strict)
        after_comma = article.text[max(0, start - 2):start].strip() == ","
        candidates, dropped = _lookup(self.gaz, text, after_comma, label == "GPE")
        start += dropped
        text = article.text[start:end]
        states = self.gaz.counties.get(key(text), [])
        if not candidates and not states and not strict and " " in text:
            inner = self._inner(text, anywhere=True)
            if inner is not None:
                return self._make(article, doc, start + inner[0], start + inner[1], label, strict)
        if strict:
            candidates = [c for c in candidates if c[1] and
                          (c[0].feature != "city" or c[0].population >= 20_000)]
            if not candidates or text.isupper() or text.islower():
                return []
        hint = self._hint(doc, end) or self._town_of(doc, start)
        actor = label not in (EMBEDDED, DATELINE) and is_metonymic(doc, start, end)
        return [Mention(start, end, text, label, candidates, self._qualifier(article, end),
                        hint, states=states, actor=actor)]

    def _inner(self, text: str, anywhere: bool = False) -> tuple[int, int] | None:
        """The longest run of words inside a longer unknown name that is a known place:
        after its "of" ("Illinois" in "State of Illinois"), or at its start when what
        follows is "City", "County", "Police" and the like ("Fargo City", "Coles County
        Police"); with `anywhere`, then any run of capitalised words that names a country,
        a region or a town of 10,000 people or more ("Historic Dublin", "Movement for United
        Georgia"); never the namesake of a street or a building ("Washington Square")."""
        words = [(w.start(), w.end()) for w in re.finditer(r"[\w.’'-]+", text)]
        lowered = [text[a:b].lower() for a, b in words]
        # "St." ends a street's name ("Main St.") but starts a saint's town ("St. Louis").
        if any(word in FACILITY_WORDS for word in lowered[1:]) or (
                lowered and lowered[0] in FACILITY_WORDS and lowered[0] not in ("st", "st.")):
            return None
        afters = [i + 1 for i, word in enumerate(lowered[:-1]) if word == "of"]
        for size in range(len(words) - 1, 0, -1):
            for first in [*afters, 0]:
                if first + size > len(words):
                    continue
                begin, finish = words[first][0], words[first + size - 1][1]
                part = text[begin:finish]
                if (first == 0 and lowered[size] not in INSTITUTION_WORDS
                        and not self.gaz.counties.get(key(part))):
                    continue
                if not part[:1].isupper():
                    continue
                if self.gaz.counties.get(key(part)) or self._known(part):
                    return begin, finish
        if not anywhere:
            return None
        for size in range(len(words) - 1, 0, -1):
            for first in range(len(words) - size + 1):
                begin, finish = words[first][0], words[first + size - 1][1]
                part = text[begin:finish]
                if all(text[a:a + 1].isupper() for a, _ in words[first:first + size]) and \
                        self._known(part, INSIDE_MIN):
                    return begin, finish
        return None

    def _known(self, name: str, population: int = MISREAD_MIN) -> bool:
        """A main name of a country, a region or a town of `population` people or more."""
        return any(main and (e.feature != "city" or e.population >= population)
                   for e, main in self.gaz.candidates(name))

    def _qualifier(self, article: Article, end: int) -> list[Entry]:
        match = _QUALIFIER.match(article.text, end)
        if match is None:
            return []
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            found = self.gaz.qualifier(" ".join(words[:size]))
            if found:
                # "Washington, New York and Boston": a list of places, not a qualifier.
                rest = match.string[match.start(1):match.end(1) + 6]
                ends_list = _LIST_END.match(rest, len(" ".join(words[:size])))
                return [] if ends_list else found
        return []

    @staticmethod
    def _hint(doc: Doc, end: int) -> str | None:
        word = _text_after(doc, end, tokens=1).strip().lower()
        if not word:
            return None
        if word in ADMIN_WORDS:
            return "admin"
        if word in TOWN_WORDS:
            return "town"
        return "city" if word in CITY_WORDS or word in LOCAL_WORDS else None

    @staticmethod
    def _town_of(doc: Doc, start: int) -> str | None:
        """"city" when the name follows "the city of", "town of" and the like."""
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span) or span[0].i < 2:
            return None
        before, of = doc[span[0].i - 2], doc[span[0].i - 1]
        return "city" if of.lower_ == "of" and before.lower_ in TOWN_OF else None

    @staticmethod
    def _after_preposition(doc: Doc, start: int) -> bool:
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span) or span[0].i == 0:
            return False
        before = doc[span[0].i - 1]
        if before.lower_ == "the" and before.i > 0:
            before = doc[before.i - 1]
        return before.lower_ in LOCATIVE and before.lower_ != "of"

    @staticmethod
    def _bare_names(doc: Doc) -> list[tuple[int, int]]:
        """Runs of capitalised proper nouns right after a locative preposition."""
        found = []
        for token in doc:
            if token.lower_ not in LOCATIVE or token.lower_ == "of" or token.i + 1 >= len(doc):
                continue
            first = doc[token.i + 1]
            if not (first.is_title and first.pos_ == "PROPN"):
                continue
            last = first
            while (last.i + 1 < len(doc) and doc[last.i + 1].is_title
                   and doc[last.i + 1].pos_ == "PROPN" and last.i - first.i < 3):
                last = doc[last.i + 1]
            found.append((first.idx, last.idx + len(last.text)))
        return found

    def cues(self, article: Article, doc: Doc) -> list[str]:
        """Countries the text is tied to by demonyms and cue words. Actors' countries are not
        used: they mostly come from the same place names ("Georgia" made Georgians)."""
        found = []
        for entity in article.entities:
            if entity.label == "NORP":
                country = self.gaz.cue(entity.text)
                if country:
                    found.append(country)
        return found

    @staticmethod
    def place(article: Article, mention: Mention, number: int) -> Place:
        entry = mention.entry
        if entry is None:
            return Place(id=f"p{number}", text=mention.text, start=mention.start,
                         end=mention.end, name=mention.text,
                         feature="admin2" if mention.state else None,
                         country="USA" if mention.state else None, admin1=mention.state)
        return Place(id=f"p{number}", text=mention.text, start=mention.start, end=mention.end,
                     name=entry.name, geonameid=entry.geonameid, feature=entry.feature,
                     country=entry.country, admin1=entry.admin1, lat=round(entry.lat, 5),
                     lon=round(entry.lon, 5))


def place_for_trigger(doc: Doc, article: Article, trigger: int,
                      nearest: bool = True) -> Place | None:
    """The place where the event whose trigger is token `trigger` happened, if the text says.

    First a place whose path up the parse reaches the trigger (or a verb conjoined with it)
    before any other verb: a prepositional phrase on the verb, its subject or its object
    ("killed in Baghdad", "an attack on the town of Nawa"). Else the place nearest the
    trigger in the same sentence (unless `nearest` is False). Else none. Among places
    equally attached, one under a locative preposition wins ("bases in Iraq" over "U.S.
    bases"), then the most specific ("in Iraq's northern Nineveh province": Nineveh), then
    the nearest.
    """
    if not 0 <= trigger < len(doc):
        return None
    verb = doc[trigger]
    sentence = verb.sent
    linked = {verb.i}
    if verb.dep_ == "conj":
        linked.add(verb.head.i)
    linked.update(child.i for child in verb.children if child.dep_ == "conj")
    best: tuple[int, bool, int, int, Place] | None = None
    for place in article.places:
        if not (sentence.start_char <= place.start < sentence.end_char):
            continue
        root = _root(doc, place.start, place.end)
        if root is None:
            continue
        rank = 2
        if _governing_verb(root) in linked:
            rank = 0
        elif _inside(root, verb):
            rank = 1
        if rank == 2 and not nearest:
            continue
        candidate = (rank, not _locative(root), SPECIFICITY.get(place.feature or "", 0),
                     abs(root.i - trigger), place)
        if best is None or candidate[:4] < best[:4]:
            best = candidate
    return best[4] if best is not None else None


def _locative(token: Token) -> bool:
    """Whether a locative preposition governs the token below its first verb ("bases in
    Iraq": yes; "U.S. bases": no)."""
    current = token
    for _ in range(40):
        if current.head is current or current.pos_ in ("VERB", "AUX"):
            return False
        if current.dep_ == "pobj" and current.head.lower_ in AT_WORDS:
            return True
        current = current.head
    return False


def _governing_verb(token: Token) -> int | None:
    """The first verb above a token in the parse."""
    current = token
    for _ in range(40):
        if current.head is current:
            return current.i if current.pos_ in ("VERB", "AUX") else None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current.i
    return None


def _inside(token: Token, ancestor: Token) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)

