"""Case-insensitive matching without `re.IGNORECASE`'s cost, with exactly its matches.

`re.IGNORECASE` makes every literal of a rule a case-folding comparison, and Python's
regex engine then cannot skip ahead on a rule's first characters: scanning an article with
the time grammar took most of the times stage. `folded(pattern)` is the same rule written
in lower case and matched case-sensitively against `text.lower()`; the two find the same
spans wherever `foldable(text)` holds:
- lower-casing keeps the text's length (so every offset is an offset into `text`), and
- every character outside ASCII lower-cases to a character outside ASCII and matches no
  ASCII letter under IGNORECASE ("ſ" matches "s", the Kelvin sign "k": such texts are not
  foldable), and has the same word, digit and space class as its lower case.
A rule with a case-sensitive part (`(?-i:...)`) has no folded form (`folded` returns None).
Read what a match covers from the original text, never from the lowered one.
`required(rule)` lists words one of which every match contains: a text without any of them
(lowered) is not scanned with the rule.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants, _parser  # type: ignore[attr-defined]  # the parser re compiles with
from typing import Any

_ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)
_CLASSES = (re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s"))


@lru_cache(maxsize=4096)
def _char_foldable(char: str) -> bool:
    low = char.lower()
    return (len(low) == 1 and not low.isascii() and _ASCII_LETTER.match(char) is None
            and all(bool(c.match(char)) == bool(c.match(low)) for c in _CLASSES))


def foldable(text: str) -> bool:
    """Whether matching `folded` rules on `text.lower()` finds what IGNORECASE finds."""
    if text.isascii():
        return True
    return all(char.isascii() or _char_foldable(char) for char in set(text))


def folded(pattern: str) -> re.Pattern[str] | None:
    """The pattern with its literal letters lower-cased, compiled without IGNORECASE;
    escapes (\\d, \\S, ...) and group names are kept as written. None where the pattern
    turns case sensitivity back on."""
    if "(?-i" in pattern or "\\N{" in pattern:
        return None
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if pattern.startswith(("(?P<", "(?P="), index):
            close = pattern.index(">" if pattern[index + 3] == "<" else ")", index)
            out.append(pattern[index:close + 1])
            index = close + 1
            continue
        out.append(char.lower())
        index += 1
    return re.compile("".join(out))


def required(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of the pattern contains (a word it cannot match
    without, or one word of each alternative); None where no such set is known. A text
    that contains none of them has no match: the rule need not be run on it."""
    return _required(_parser.parse(pattern.pattern, pattern.flags).data)


def _rank(option: frozenset[str]) -> tuple[int, int]:
    return min(len(word) for word in option), -len(option)


def _required(items: Any) -> frozenset[str] | None:
    best: frozenset[str] | None = None

    def consider(option: frozenset[str] | None) -> None:
        nonlocal best
        if option and (best is None or _rank(option) > _rank(best)):
            best = option

    run: list[str] = []
    for op, av in items:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is _constants.SUBPATTERN:
            consider(_required(av[3]))
        elif op is _constants.BRANCH:
            options = [_required(branch) for branch in av[1]]
            if all(options):
                consider(frozenset().union(*(o for o in options if o)))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
    consider(frozenset({"".join(run)}) if run else None)
    return best
