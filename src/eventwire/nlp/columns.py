"""Tokens picked by a whole-document column, not by asking each token.

A loop over every token that keeps those of some parts of speech creates a Python `Token`
and reads its `pos_` string once per word; `with_pos` reads the part-of-speech column of
the document once (`Doc.to_array`) and makes `Token` objects only for the words it keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from numpy import flatnonzero, isin
from spacy.symbols import IDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def with_pos(doc: Doc, *pos: str) -> list[Token]:
    """The tokens whose `pos_` is one of `pos` (Universal tags: "PROPN", "PRON"), in order."""
    wanted = [IDS[tag] for tag in pos]
    return [doc[int(i)] for i in flatnonzero(isin(doc.to_array("POS"), wanted))]
