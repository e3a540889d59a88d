"""Place frames: runs of capitalised proper nouns the words around them make place names.

`bare_names(doc)` finds them: right after a locative preposition ("in Kirkuk") or "the city of"
("the Somali city of Beledweyne"), before "-based" ("Kabul-based"), or before an administrative,
town, land or quarter word ("the Nineveh province", "Idlib city", "Iraq's Anbar desert", "the
Bayaa neighborhood"); a name runs across hyphens inside words ("Al-Malaah"). "The" and a
direction word may come between the preposition and the name ("in the southern Aleppo
districts", "in downtown Calais"); an "of" frames a name after a place noun ("the countryside of
Aleppo", data/places/place_words.toml `place_of`). Each comes with whether its frame is strong
enough to make it a place even when the gazetteer does not know it (candidates.FRAMED): "the
town of Suwayrah", or a lower-case place word after it ("Narathiwat's Chanae district", "Kabul's
Dasht-e-Barchi neighborhood"); a capitalised one may be part of a name that is no place ("the
Islamic State", "the French Quarter").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.places.metonymy import text_after
from eventwire.places.words import (
    ADMIN_WORDS,
    AREA_WORDS,
    BASED_WORDS,
    CITY_WORDS,
    DIRECTIONS,
    FACILITY_WORDS,
    LOCAL_WORDS,
    LOCATIVE,
    PLACE_OBJECT_VERBS,
    PLACE_OF,
    QUARTER_WORDS,
    TITLED_FRAME_WORDS,
    TOWN_OF,
    TOWN_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FRAME_WORDS = ADMIN_WORDS | CITY_WORDS | AREA_WORDS | QUARTER_WORDS
LONGEST = 3  # at most this many words before the last of a name


def _name(token: Token) -> bool:
    """A capitalised proper noun, or a capitalised word a hyphen glues to one inside a name
    (the parse tags "Barchi" of "Dasht-e-Barchi" an adjective)."""
    if not token.is_title:
        return False
    if token.pos_ == "PROPN":
        return True
    doc, first = token.doc, token
    while first.i > 1 and _glued(doc, first.i - 1):
        first = doc[first.i - 2]
        if first.is_title and first.pos_ == "PROPN":
            return True
    return False


def _glued(doc: Doc, hyphen: int) -> bool:
    """Whether token `hyphen` is a hyphen joining the words either side of it into one
    name ("Al-Malaah", "Dasht-e-Barchi")."""
    return 0 < hyphen < len(doc) - 1 and doc[hyphen].text == "-" \
        and not doc[hyphen - 1].whitespace_ and not doc[hyphen].whitespace_ \
        and doc[hyphen - 1].is_alpha and doc[hyphen + 1].is_alpha


def _first(doc: Doc, token: Token) -> Token:
    """The first word of the name that ends with `token`: up to LONGEST more capitalised
    proper nouns, across hyphens inside words."""
    first, words = token, 0
    while first.i > 1 and _glued(doc, first.i - 1):
        first = doc[first.i - 2]
    while first.i > 0 and _name(doc[first.i - 1]) and words < LONGEST:
        first, words = doc[first.i - 1], words + 1
        while first.i > 1 and _glued(doc, first.i - 1):
            first = doc[first.i - 2]
    return first


def _last(doc: Doc, token: Token) -> Token:
    """The last word of the name that starts with `token` (as `_first`, the other way)."""
    last, words = token, 0
    while _glued(doc, last.i + 1):
        last = doc[last.i + 2]
    while last.i + 1 < len(doc) and _name(doc[last.i + 1]) and words < LONGEST:
        last, words = doc[last.i + 1], words + 1
        while _glued(doc, last.i + 1):
            last = doc[last.i + 2]
    return last


def _strong(word: Token) -> bool:
    """Whether a place word after a name makes it a place: a lower-case one ("the Bayaa
    neighborhood"), or a capitalised one that ends only places' names ("the Al-Manishiyah
    District", TITLED_FRAME_WORDS); another capitalised one may be part of a name that is no
    place ("the Islamic State", "the French Quarter")."""
    return (word.lower_ in FRAME_WORDS and word.text.islower()) \
        or (word.lower_ in TITLED_FRAME_WORDS and word.is_title)


def _lead(doc: Doc, index: int) -> Token | None:
    """The word before the name that starts at token `index`, past "the" and a direction
    word ("in the southern Aleppo districts", "in downtown Calais")."""
    before = index - 1
    if before >= 0 and doc[before].lower_ in DIRECTIONS and doc[before].text.islower():
        before -= 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    return doc[before] if before >= 0 else None


def _token_at(doc: Doc, start: int) -> Token | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def after_preposition(doc: Doc, start: int, words: frozenset[str] = LOCATIVE) -> bool:
    """Whether the name at character `start` follows one of `words` (not "of"), or the "of"
    of a place noun ("the outskirts of Hama", PLACE_OF), past "the" and a direction word."""
    token = _token_at(doc, start)
    before = _lead(doc, token.i) if token is not None else None
    if before is None:
        return False
    if before.lower_ == "of":
        return before.i > 0 and doc[before.i - 1].lower_ in PLACE_OF
    return before.lower_ in words


def after_address(doc: Doc, start: int) -> bool:
    """Right after a street address and a comma ("1935 Orchard St., Alexandria")."""
    token = _token_at(doc, start)
    if token is None or token.i < 2:
        return False
    comma, street = doc[token.i - 1], doc[token.i - 2]
    return comma.text == "," and street.lower_ in FACILITY_WORDS


def place_object(doc: Doc, start: int) -> bool:
    """Whether the name at character `start` is the object of a verb whose object is a place
    ("the rebels captured Birao", "soldiers patrolled Kassa", "to enter Al-Bab")."""
    token = _token_at(doc, start)
    if token is None:
        return False
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return token.dep_ == "dobj" and token.head.lemma_.lower() in PLACE_OBJECT_VERBS


def bare_names(doc: Doc) -> list[tuple[int, int, bool]]:
    """(start, end, strong frame) of the proper-noun runs in a place frame (module doc)."""
    found = []
    for token in doc:
        if _name(token):
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            after = doc[token.i + 2] if token.i + 2 < len(doc) else None
            based = (nxt is not None and nxt.text in ("-", "‐", "–") and after is not None
                     and after.lower_ in BASED_WORDS and not nxt.whitespace_)
            framed = nxt is not None and nxt.lower_ in FRAME_WORDS
            if based or framed:
                first = _first(doc, token)
                strong = framed and nxt is not None and _strong(nxt)
                found.append((first.idx, token.idx + len(token.text), strong))
        lower = token.lower_
        if lower not in LOCATIVE or token.i + 1 >= len(doc):
            continue
        previous = doc[token.i - 1].lower_ if lower == "of" and token.i > 0 else None
        town_of = previous in TOWN_OF
        if lower == "of" and not (town_of or previous in PLACE_OF):
            continue
        begin = next((t for t in doc[token.i + 1:token.i + 4] if _name(t)), None)
        lead = _lead(doc, begin.i) if begin is not None else None
        if begin is None or lead is None or lead.i != token.i:
            continue
        last = _last(doc, begin)
        found.append((begin.idx, last.idx + len(last.text), town_of))
    return found


def name_hint(doc: Doc, end: int) -> str | None:
    """The kind of place the word after a name says it is: "admin" ("Idlib province"),
    "town" ("Athens Mayor") or "city" ("Idlib city", "Jordan resident")."""
    word = text_after(doc, end, tokens=1).strip().lower()
    if not word:
        return None
    if word in ADMIN_WORDS:
        return "admin"
    if word in TOWN_WORDS:
        return "town"
    return "city" if word in CITY_WORDS or word in LOCAL_WORDS else None


def town_of_hint(doc: Doc, start: int) -> str | None:
    """"city" when the name follows "the city of", "town of" and the like."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].i < 2:
        return None
    before, of = doc[span[0].i - 2], doc[span[0].i - 1]
    return "city" if of.lower_ == "of" and before.lower_ in TOWN_OF else None
