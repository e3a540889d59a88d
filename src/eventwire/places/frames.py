"""Place frames: runs of capitalised proper nouns the words around them make place names.

`bare_names(doc)` finds them: right after a locative preposition ("in Kirkuk") or "the city
of" ("the Somali city of Beledweyne"), before "-based" ("Kabul-based"), or before an
administrative, town, land or quarter word ("the Nineveh province", "Idlib city", "Iraq's
Anbar desert", "the Bayaa neighborhood"); a name runs across hyphens inside words
("Al-Malaah"). Each comes with whether its frame is strong enough to make it a place even
when the gazetteer does not know it (candidates.FRAMED): "the town of Suwayrah", or a
lower-case place word after it ("Narathiwat's Chanae district", "Kabul's Dasht-e-Barchi
neighborhood"); a capitalised one may be part of a name that is no place ("the Islamic
State", "the French Quarter").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.places.words import (
    ADMIN_WORDS,
    AREA_WORDS,
    BASED_WORDS,
    CITY_WORDS,
    LOCATIVE,
    QUARTER_WORDS,
    TOWN_OF,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FRAME_WORDS = ADMIN_WORDS | CITY_WORDS | AREA_WORDS | QUARTER_WORDS
LONGEST = 3  # at most this many words before the last of a name


def _name(token: Token) -> bool:
    return token.is_title and token.pos_ == "PROPN"


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
    neighborhood"); a capitalised one may be part of a name that is no place ("the Islamic
    State", "the French Quarter")."""
    return word.lower_ in FRAME_WORDS and word.text.islower()


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
        town_of = token.lower_ == "of" and token.i > 0 and doc[token.i - 1].lower_ in TOWN_OF
        if token.lower_ not in LOCATIVE or (token.lower_ == "of" and not town_of) \
                or token.i + 1 >= len(doc):
            continue
        first = doc[token.i + 1]
        if not _name(first):
            continue
        last = _last(doc, first)
        found.append((first.idx, last.idx + len(last.text), town_of))
    return found
