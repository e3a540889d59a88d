"""The PLOVER lexicon (data/events/plover_lexicon.tsv), compiled once per process into
lookups by lemma.

`Lexicon.match(token)` answers, for one spaCy token, the most specific row whose pattern
matches there; the cost is one dict lookup plus a short window check, never a scan over
all patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.data import read_text, read_tsv
from eventwire.errors import ConfigError
from eventwire.model import EVENT_TYPES
from eventwire.nlp.english import NOUN_TAGS, PARTICIPLE_TAGS, TIME_LABELS, VERB_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Token

KINDS = frozenset({"verb", "noun", "adj", "cue", "mode"})
SPEECH_CUES = "quotes/speech_cues.tsv"
ROLES = frozenset({"event", "control", "intent", "light", "speech", "negate", "belief", "none",
                   "hazard", "naming", "attempt", "warning", "tentative", "offering", "-"})
WINDOW = 6
VERB_POS = VERB_TAGS
NOUN_POS = NOUN_TAGS


@dataclass(frozen=True)
class Entry:
    """One row of the lexicon."""

    kind: str
    words: tuple[str, ...]
    type: str | None
    mode: str | None
    contexts: tuple[str, ...]
    weight: float
    role: str

    @property
    def head(self) -> str:
        return self.words[-1] if self.kind == "noun" else self.words[0]


@dataclass(frozen=True)
class Match:
    """A lexicon row matched at a token; `last` is the index of the last matched token."""

    entry: Entry
    token: int
    tokens: tuple[int, ...]

    @property
    def first(self) -> int:
        return min(self.tokens)

    @property
    def last(self) -> int:
        return max(self.tokens)


def _dash(value: str) -> str | None:
    value = value.strip()
    return None if value in {"", "-"} else value


def parse_rows(text: str, source: str = "plover_lexicon.tsv") -> list[Entry]:
    """Entries of the TSV text; a malformed row is a ConfigError naming the line."""
    entries: list[Entry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 7:
            raise ConfigError(f"{source}:{number}: expected 7 tab-separated columns")
        kind, pattern, type_, mode, contexts, weight, role = (c.strip() for c in cells)
        event_type = _dash(type_)
        if kind not in KINDS or role not in ROLES:
            raise ConfigError(f"{source}:{number}: unknown kind {kind!r} or role {role!r}")
        if event_type is not None and event_type not in EVENT_TYPES:
            raise ConfigError(f"{source}:{number}: {event_type!r} is not a PLOVER type")
        try:
            strength = float(weight) if _dash(weight) else 0.0
        except ValueError:
            raise ConfigError(f"{source}:{number}: weight {weight!r} is not a number") from None
        entries.append(Entry(kind=kind, words=tuple(pattern.lower().split()), type=event_type,
                             mode=_dash(mode),
                             contexts=tuple(c for c in (contexts.split(",")) if _dash(c)),
                             weight=strength, role=role))
    return entries


class Lexicon:
    """Lookups by head lemma for each kind of row."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.verbs: dict[str, list[Entry]] = {}
        self.nouns: dict[str, list[Entry]] = {}
        self.adjs: dict[str, list[Entry]] = {}
        self.cues: dict[str, str] = {}
        self.modes: dict[str, dict[str, str]] = {}
        for entry in entries:
            if entry.kind == "cue":
                self.cues[entry.words[0]] = entry.role
            elif entry.kind == "mode" and entry.type and entry.mode:
                self.modes.setdefault(entry.type, {})[entry.words[0]] = entry.mode
            else:
                table = {"verb": self.verbs, "noun": self.nouns, "adj": self.adjs}[entry.kind]
                table.setdefault(entry.head, []).append(entry)
        for table in (self.verbs, self.nouns, self.adjs):
            for rows in table.values():
                rows.sort(key=lambda e: (-len(e.words), e.role == "light", -e.weight))

    def cue(self, token: Token) -> str | None:
        """The cue role (speech, negate, belief) of a token, if any."""
        return self.cues.get(token.lemma_.lower()) or self.cues.get(token.lower_)

    def _hyphenated(self, token: Token, lemma: str) -> list[Entry] | None:
        """Rows of a hyphenated verb ("test-fired" is "test", "-", "fired")."""
        doc = token.doc
        if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
            return self.verbs.get(f"{doc[token.i - 2].lower_}-{lemma}")
        return None

    def mode_for(self, event_type: str, lemma: str) -> str | None:
        table = self.modes.get(event_type)
        return table.get(lemma) if table else None

    def match(self, token: Token, bounds: tuple[int, int] | None = None) -> list[Match]:
        """Rows matching at the token, most specific first; `bounds` are the token indexes
        of its sentence (looked up when not given)."""
        pos = token.pos_
        if pos in VERB_POS:
            lemma = token.lemma_.lower()
            rows = self._hyphenated(token, lemma) or self.verbs.get(lemma) or next(
                (self.verbs[f] for f in _verb_forms(token.lower_) if f in self.verbs), None)
            if not rows and token.tag_ in PARTICIPLE_TAGS:
                rows = self.adjs.get(lemma)
        elif pos in NOUN_POS:
            lemma = token.lemma_.lower()
            rows = self.nouns.get(lemma) or self.nouns.get(token.lower_)
        elif pos == "ADJ":
            lemma = token.lemma_.lower()
            rows = self.adjs.get(lemma) or self.adjs.get(token.lower_)
        else:
            return []  # no rows for other parts of speech
        if not rows:
            return []
        found: list[Match] = []
        if bounds is None and any(len(entry.words) > 1 for entry in rows):
            bounds = (token.sent.start, token.sent.end)
        for entry in rows:
            if len(entry.words) == 1:
                found.append(Match(entry=entry, token=token.i, tokens=(token.i,)))
                continue
            if bounds is None:
                continue
            span = _noun_span(token, entry, bounds[0]) if entry.kind == "noun" \
                else _verb_span(token, entry, bounds[1])
            if span is not None:
                found.append(Match(entry=entry, token=token.i, tokens=span))
        return found


@lru_cache(maxsize=4096)  # the same inflected words come back in every article
def _verb_forms(word: str) -> tuple[str, ...]:
    """Base forms of an inflected verb, tried when the tagger's lemma is no lexicon verb
    ("raped" lemmatised as "rap", "lambasted" as "lambast")."""
    forms: list[str] = []
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", ""),
                                ("s", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + replacement)
    if len(forms) > 1 and word.endswith("ed") and len(word) > 5 and word[-3] == word[-4]:
        forms.append(word[:-3])  # "stabbed" -> "stab"
    return tuple(forms)


def _dated(token: Token) -> bool:
    """A preposition that heads a date ("on Tuesday"): never the particle of "call on"."""
    return token.pos_ == "ADP" and any(c.dep_ == "pobj" and c.ent_type_ in TIME_LABELS
                                       for c in token.children)


def _verb_span(token: Token, entry: Entry, sentence_end: int) -> tuple[int, ...] | None:
    """The head, then each further word in order within WINDOW tokens, in the sentence."""
    last = token.i
    positions = [token.i]
    doc = token.doc
    limit = min(sentence_end, token.i + WINDOW + 1)
    for word in entry.words[1:]:
        position = last + 1
        while position < limit and ((doc[position].lemma_.lower() != word
                                    and doc[position].lower_ != word) or _dated(doc[position])):
            position += 1
        if position >= limit:
            return None
        last = position
        positions.append(position)
    return tuple(positions)


def _noun_span(token: Token, entry: Entry, sentence_start: int) -> tuple[int, ...] | None:
    """The words right before the head noun (hyphens skipped), the head last."""
    doc = token.doc
    position = token.i - 1
    for word in reversed(entry.words[:-1]):
        while position >= sentence_start and doc[position].text in {"-", "–"}:
            position -= 1
        if position < sentence_start:
            return None
        candidate = doc[position]
        if candidate.lemma_.lower() != word and candidate.lower_ != word:
            return None
        position -= 1
    return tuple(range(position + 1, token.i + 1))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, compiled once per process: the rows of plover_lexicon.tsv and
    the speech cues (the reporting verbs data/quotes/speech_cues.tsv marks "speech")."""
    text = read_text("events/plover_lexicon.tsv")
    return Lexicon(parse_rows(text) + speech_cues())


def speech_cues() -> list[Entry]:
    """A `cue` entry of role "speech" for each reporting verb of speech_cues.tsv whose event
    column says "speech"."""
    return [Entry(kind="cue", words=(parts[1].strip().lower(),), type=None, mode=None,
                  contexts=(), weight=0.0, role="speech")
            for parts in read_tsv(SPEECH_CUES)
            if len(parts) >= 4 and parts[0] == "verb" and parts[3].strip() == "speech"]
