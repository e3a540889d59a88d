"""Quotation marks: the quoted stretches of a text, paragraph by paragraph.

`scan` finds them with one regex pass over the quotation marks (straight, curly, and the
typewriter pair ''). A quote left open at the end of a paragraph continues when the next
paragraph opens with a quotation mark (news convention); otherwise it is a runaway and
stops at its paragraph end with a warning. A straight mark opening an excerpt paragraph
whose own quotes are curly is not a quote. Each stretch is a `Segment`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.quotes.attribution import Cue

MARKS = re.compile(r"[\"“”]|''")


PARAGRAPH = re.compile(r"[^\n]+")


OPEN_AFTER = frozenset("([{—–-/:")


TRIM_END = " \t,"


@dataclass
class Segment:
    """One quoted stretch inside one paragraph: content offsets, without the marks."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraph: int
    chain: int
    bounds: tuple[int, int] = (0, 0)
    runaway: bool = False  # unbalanced: never closed, or closed by the next opening mark
    cue: Cue | None = None
    continued_from: Segment | None = field(default=None, repr=False)


def scan(text: str, warn: list[str]) -> list[Segment]:
    """Quoted stretches of `text`, paragraph by paragraph; notes trouble in `warn`."""
    segments: list[Segment] = []
    carried: int | None = None
    for number, para in enumerate(PARAGRAPH.finditer(text)):
        p_start, p_end = para.start(), para.end()
        first = p_start + len(para.group(0)) - len(para.group(0).lstrip())
        chain = carried if carried is not None and _opening(text, first) else None
        carried = None
        opened: int | None = None
        stray = _stray_opening(para.group(0), first)
        for mark in MARKS.finditer(text, p_start, p_end):
            i, ch = mark.start(), mark.group(0).replace("''", '"')
            if i == stray:
                continue
            before = text[i - 1] if i > p_start else " "
            after = text[mark.end()] if mark.end() < p_end else " "
            opens = before.isspace() or before in OPEN_AFTER or i == first
            if opened is None:
                if ch == "“" or (opens and not after.isspace()) or i == first:
                    opened = i
                continue
            reopen = (ch == "“" or (ch == '"' and before.isspace() and after.isalnum()))
            if reopen and not _closes(before, after):
                warn.append(f"quotes: unbalanced quotation mark at {opened}; closed at {i}")
                _add(segments, text, opened, i, i, number, chain, (p_start, p_end))
                if segments and segments[-1].open_at == opened:
                    segments[-1].runaway = True
                opened = i
                chain = None
                continue
            _add(segments, text, opened, i, i, number, chain, (p_start, p_end))
            opened, chain = None, None
        if opened is not None:
            _add(segments, text, opened, p_end, None, number, chain, (p_start, p_end))
            if segments and segments[-1].open_at == opened:
                if opened == first and _next_opens(text, p_end):
                    carried = chain if chain is not None else len(segments) - 1
                    segments[-1].chain = carried
                else:
                    segments[-1].runaway = True
                    warn.append(f"quotes: quotation mark at {opened} is never closed; "
                                f"quote stops at the paragraph end ({p_end})")
    return segments


def _stray_opening(paragraph: str, first: int) -> int | None:
    """The straight quotation mark that opens a paragraph of an excerpt whose own quotes
    are curly and balanced ('"Kevin was snoring. “Here he is, babe,” she said.'): it marks
    the excerpt, it opens no quote of its own. None when there is none."""
    body = paragraph.lstrip()
    if not body.startswith('"') or body.count('"') % 2 == 0 or "“" not in body or \
            body.count("“") != body.count("”"):
        return None
    return first


def close_end(text: str, segment: Segment) -> int:
    """The end of a segment's closing mark (two characters for ''), or of its content."""
    if segment.close_at is None:
        return segment.end
    return segment.close_at + (2 if text.startswith("''", segment.close_at) else 1)


def _closes(before: str, after: str) -> bool:
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _opening(text: str, position: int) -> bool:
    return text[position:position + 1] in {"\"", "“", "”"} or text.startswith("''", position)


def _next_opens(text: str, position: int) -> bool:
    rest = text[position:position + 200]
    return _opening(text, position + len(rest) - len(rest.lstrip()))


def _add(segments: list[Segment], text: str, opened: int, end: int, close: int | None,
         paragraph: int, chain: int | None, bounds: tuple[int, int]) -> None:
    start = opened + (2 if text.startswith("''", opened) else 1)
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1] in TRIM_END:
        stop -= 1
    if stop <= start or not any(ch.isalnum() for ch in text[start:stop]):
        return
    own = len(segments)
    segments.append(Segment(start, stop, opened, close, paragraph,
                            chain if chain is not None else own, bounds))
