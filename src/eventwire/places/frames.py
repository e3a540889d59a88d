"""Place frames: runs of capitalised proper nouns the words around them make place names.

`bare_names(doc)` finds them: right after a locative preposition ("in Kirkuk") or "the city
of" ("the Somali city of Beledweyne"), before "-based" ("Kabul-based"), or before an
administrative, town, land or quarter word ("the Nineveh province", "Idlib city", "Iraq's
Anbar desert", "the Bayaa neighborhood"). Each comes with whether its frame is strong
enough to make it a place even when the gazetteer does not know it (candidates.FRAMED):
"the town of Suwayrah", or a lower-case place word after it ("Narathiwat's Chanae
district", "Kabul's Dasht-e-Barchi neighborhood"); a capitalised one may belong to a longer
name that is no place ("the Islamic State").
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
                first = token
                while (first.i > 0 and _name(doc[first.i - 1])
                       and token.i - first.i < LONGEST):
                    first = doc[first.i - 1]
                strong = framed and nxt is not None and nxt.text.islower()
                found.append((first.idx, token.idx + len(token.text), strong))
        town_of = token.lower_ == "of" and token.i > 0 and doc[token.i - 1].lower_ in TOWN_OF
        if token.lower_ not in LOCATIVE or (token.lower_ == "of" and not town_of) \
                or token.i + 1 >= len(doc):
            continue
        first = doc[token.i + 1]
        if not _name(first):
            continue
        last = first
        while (last.i + 1 < len(doc) and _name(doc[last.i + 1])
               and last.i - first.i < LONGEST):
            last = doc[last.i + 1]
        found.append((first.idx, last.idx + len(last.text), town_of))
    return found
