"""Tense of the clause around a span, from the spaCy parse.

Past (VBD, VBN, "would have", or a reporting verb in the present: "says Monday"), present,
future ("will", "'ll", "going to", "is scheduled to", "would"/"may"/"might", an infinitive
under a verb that is not in the past) or None when another modal ("could") or no verb
decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp.english import AUXILIARIES, FUTURE_AUXILIARIES, PRESENT_VERB_TAGS, VERB_TAGS
from eventwire.times.timex import Tense, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FUTURE_AUX = FUTURE_AUXILIARIES | {"gon"}  # "gonna" parses as "gon" + "na"
# Modals that look ahead in news ("would travel Thursday", "may sign Monday").
PROSPECTIVE_MODALS = frozenset({"would", "may", "might", "should", "'d"})
PLANNING = frozenset({"schedule", "expect", "plan", "set", "due", "go", "intend", "hope",
                      "aim", "prepare"})


def _governor(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ in VERB_TAGS:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def clause_tense(doc: Doc, start: int, end: int) -> Tense:
    """Past, present or future of the clause the characters [start, end) belong to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governor(span.root)
    return None if verb is None else verb_tense(verb)


def arranged_ahead(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause arranges the time for later although its verb is past:
    "has scheduled a news conference Thursday", "postponed until Tuesday morning"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    lex = lexicon()
    head = span.root.head
    if head.lower_ in {"until", "till"} and head.head is not head:
        verb = _governor(head.head)
        return verb is not None and verb.lemma_.lower() in lex.deadline and _plain_past(verb)
    verb = _governor(span.root)
    # A weekday in front of the verb dates the arranging ("On Friday, the government
    # planned to pay ..."), one after it the arranged event.
    return (verb is not None and verb.lemma_.lower() in lex.arranging and verb.i < span.start
            and _plain_past(verb))


def _pluperfect(verb: Token) -> bool:
    """"had (been) scheduled", or "previously" on the verb: a past arrangement."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in AUXILIARIES}
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    return "had" in auxes or "previously" in adverbs


def _plain_past(verb: Token) -> bool:
    """Simple past or present perfect, not the pluperfect and not "previously"."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in AUXILIARIES}
    if _pluperfect(verb):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(auxes & {"has", "have", "'s",
                                                                        "'ve"}))


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """The tense of a verb from its tag and auxiliaries; an infinitive looks at its head."""
    auxes = [c for c in verb.children if c.dep_ in AUXILIARIES]
    if {a.lower_ for a in auxes} & FUTURE_AUX:
        return "future"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if any(a.tag_ == "TO" for a in auxes):
        head = _governor(verb.head) if verb.head is not verb else None
        if head is not None and _pluperfect(head):
            return "past"  # "had been scheduled to expire Friday"
        if head is None or head.lemma_.lower() in PLANNING:
            return "future"
        governing = verb_tense(head, depth + 1) if depth < 3 else None
        return None if governing == "past" else "future"
    if "MD" in tags:
        if any(a.lower_ in {"have", "'ve"} for a in auxes):
            return "past"
        return "future" if {a.lower_ for a in auxes} & PROSPECTIVE_MODALS else None
    if "VBD" in tags or "VBN" in tags:
        return "past"
    if tags & PRESENT_VERB_TAGS:
        lemma = verb.lemma_.lower()
        if lemma in lexicon().reporting:
            return "past"
        # "On Tuesday, the league plans to run ads": a plan in the present looks ahead.
        return "future" if lemma in lexicon().arranging else "present"
    return None
