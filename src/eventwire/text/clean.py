"""Cleaning: drop page furniture from plain text and normalise whitespace.

Rules live in `data/text/boilerplate.tsv`. Every removed line goes to `Article.removed` with its
reason. Paragraphs (blank-line separated) are kept; runs of spaces collapse to one.
With `clean = false` (the CLI's `--raw`) the text is left verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventwire.data import read_text
from eventwire.model import Removed
from eventwire.pipeline.stage import Stage, Work

BIO_REASON = "author bio"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff]")


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    parsed = []
    for line in read_text("text/boilerplate.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        reason, _, pattern = line.partition("\t")
        flags = 0 if reason == BIO_REASON else re.IGNORECASE
        parsed.append(Rule(reason, re.compile(rf"(?:{pattern.strip()})[.!]?", flags)))
    return tuple(parsed)


def _match(line: str, bio: bool) -> str | None:
    """The reason a line is boilerplate; `bio` checks only the author-bio rules."""
    for rule in rules():
        if (rule.reason == BIO_REASON) != bio:
            continue
        if rule.pattern.fullmatch(line):
            return rule.reason
    return None


def clean_text(raw: str) -> tuple[str, list[Removed]]:
    """Return the cleaned text and the removed pieces with their reasons."""
    lines = [_SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip()
             for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    reasons: dict[int, str] = {}
    for i, line in enumerate(lines):
        reason = _match(line, bio=False) if line else None
        if reason is not None:
            reasons[i] = reason
    content = [i for i, line in enumerate(lines) if line and i not in reasons]
    for i in content[-3:]:
        if _match(lines[i], bio=True):
            reasons[i] = BIO_REASON
    removed: list[Removed] = []
    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in reasons:
            removed.append(Removed(text=line, reason=reasons[i]))
        elif line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return re.sub(r"\n{2,}", "\n\n", "\n".join(kept)), removed


class CleanStage(Stage):
    name = "clean"
    requires = ("text",)
    assigns = ("text", "removed")

    def process(self, work: Work) -> None:
        if not self.settings.clean:
            return
        text, removed = clean_text(work.article.text)
        if not text.strip():
            work.skip = "no article text left after removing boilerplate"
            work.article.meta.skipped = work.skip
        work.article.text = text
        work.article.removed.extend(removed)
