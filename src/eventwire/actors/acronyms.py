"""Acronyms the article spells out: what "RSF" stands for in this story.

An all-caps word of two to six letters ("RSF") is spelled out when a run of capitalised
words in the same text has it as initials ("the Rapid Support Forces (RSF)", "RSF ... the
Rapid Support Forces"); small words do not count ("Islamic State of Iraq and Syria" →
ISIS). What the article says wins over any table: in a Sudan story that spells out the
Rapid Support Forces, RSF is never Reporters Without Borders. Where several runs spell the
same letters, the one right before the acronym in brackets wins, else the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.actors.coref import initials
from eventwire.nlp.english import NAME_PARTICLES as SMALL

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_LETTERS, MAX_LETTERS = 2, 6
MAX_RUN = 10


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return MIN_LETTERS <= len(letters) <= MAX_LETTERS and letters.isalpha() \
        and letters.isupper()


def _runs(doc: Doc) -> list[list[Token]]:
    """Runs of capitalised words, with small words inside them."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for tok in [*doc, None]:
        if tok is not None and ((tok.is_alpha and tok.text[:1].isupper()
                                 and not is_acronym(tok.text))
                                or (run and tok.lower_ in SMALL)):
            run.append(tok)
            continue
        while run and run[-1].lower_ in SMALL:
            run.pop()
        if len(run) >= 2:
            runs.append(run[:MAX_RUN])
        run = []
    return runs


def _bracketed(doc: Doc, run: list[Token], letters: str) -> bool:
    """The run is followed by the acronym in brackets: "Rapid Support Forces (RSF)"."""
    after = run[-1].i + 1
    return after + 1 < len(doc) and doc[after].text == "(" \
        and doc[after + 1].text.replace(".", "") == letters


def spelled_out(doc: Doc, text: str | None = None) -> dict[str, str]:
    """Acronym → the name the article spells it out as; `text` is `doc.text` where the
    caller has it (building `doc.text` walks every token)."""
    upper = doc.to_array("IS_UPPER")  # an acronym is upper case: only those words are read
    wanted = {word.replace(".", "") for index in upper.nonzero()[0]
              if is_acronym(word := doc[int(index)].text)}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    bracketed: set[str] = set()
    text = doc.text if text is None else text
    firsts = {letters[0] for letters in wanted}  # the initials start with the first word's
    for run in _runs(doc):
        for first in range(len(run)):
            if run[first].text[:1].upper() not in firsts:
                continue
            for last in range(len(run) - 1, first, -1):
                span = run[first:last + 1]
                if span[0].lower_ in SMALL or span[-1].lower_ in SMALL:
                    continue
                name = text[span[0].idx:span[-1].idx + len(span[-1])]
                letters = initials(name)
                if letters not in wanted or letters in bracketed:
                    continue
                if _bracketed(doc, span, letters):
                    found[letters] = name
                    bracketed.add(letters)
                else:
                    found.setdefault(letters, name)
    return found
