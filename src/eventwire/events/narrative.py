"""Dates a story's narrative lends: background told over consecutive sentences.

News retells background in a run of sentences of which only the first gives the date ("In
2018, Iranian officials allegedly offered to pay Alinejad's relatives in Iran to invite her
to Turkey ... The relatives refused."). An event with no date of its own in a sentence that
gives none, told as a past happening (`told_as_happening`), takes the last date of the
nearest of the `NARRATIVE_SENTENCES` sentences before it that gives dates, when all of that
sentence's dates are background (each ends more than `history.HISTORY_DAYS` days before
publication): `narrative_date`. Not a statement of the story's present: no verb of saying,
no present perfect ("he has warned that"), no new actor brought in as subject ("A
Republican committee aide blasted the statement"); those are the news, told now.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from eventwire.data import read_word_sets
from eventwire.events.history import clause_verb, ends_before_news
from eventwire.model import Article, Event, TimeExpr
from eventwire.nlp.english import (
    AUXILIARIES,
    NOMINAL_SUBJECTS,
    PRESENT_VERB_TAGS,
    VERB_TAGS,
)
from eventwire.nlp.english import INDEFINITE_ARTICLES as INDEFINITE
from eventwire.times.tense import verb_tense
from eventwire.times.timex import lexicon

YEAR_WRITTEN = re.compile(r"\b\d{4}\b|'\d{2}\b")
DAY_WRITTEN = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
_WORDS = read_word_sets("events/narrative_words.toml")
# How far back a run of background sentences is followed.
NARRATIVE_SENTENCES = 5
# The present perfect tells a past happening as news of now ("he has warned that").
PERFECT_NOW = frozenset({"has", "have", "'s", "'ve"})

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _clause_verb(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return clause_verb(span.root) if span is not None and len(span) else None


def told_as_happening(doc: Doc, event: Event) -> bool:
    """Whether the event's clause is a past happening: its verb in the past tense ("The
    relatives refused", "Paris was accused"), not a verb of saying, under none in the past
    (a report of the news: "officials said rebels attacked"; one in the present recounts:
    "She also says ... the bullet hit her in the neck"), nor a statement in the active voice
    ("Sanders called her fallen son her hero": data/events/narrative_words.toml), and its
    subject no new actor (`_introduced`)."""
    verb = _clause_verb(doc, event)
    if verb is None or verb_tense(verb) != "past" or any(
            child.dep_ in AUXILIARIES and child.lower_ in PERFECT_NOW for child in verb.children):
        return False
    reporting = lexicon().reporting
    if verb.lemma_.lower() in reporting or any(
            t.lemma_.lower() in reporting and t.tag_ not in PRESENT_VERB_TAGS
            for t in verb.ancestors if t.pos_ in VERB_TAGS):
        return False
    if verb.lemma_.lower() in _WORDS["statement_verbs"] \
            and not any(child.dep_ == "auxpass" for child in verb.children):
        return False
    return not any(_introduced(child) for child in verb.children
                   if child.dep_ in NOMINAL_SUBJECTS)


def _introduced(subject: Token) -> bool:
    """Whether the subject brings a new actor in ("A Republican committee aide blasted",
    "Artur Romeu, director of ..., called", "Artur Romeu of Reporters Without Borders
    called"): an indefinite noun, a name with its "of", or words with an apposition.
    A new voice starts the story's present again; a given one ("The relatives refused",
    "They were ignored") goes on with the narrative."""
    return any((child.dep_ == "det" and child.lower_ in INDEFINITE)
               or (subject.pos_ == "PROPN" and child.dep_ == "prep" and child.lower_ == "of")
               for child in subject.children) \
        or any(token.dep_ == "appos" for token in subject.subtree)


def _background(value: str, published: str) -> bool:
    try:
        return ends_before_news(value, date.fromisoformat(published[:10]))
    except ValueError:
        return False


def narrative_date(article: Article, doc: Doc, event: Event,
                   dates_of: Callable[[Span], list[tuple[TimeExpr, str]]]) -> TimeExpr | None:
    """The last date of the nearest of the `NARRATIVE_SENTENCES` sentences before the
    event's that gives dates (`dates_of`: expression and calendar value), when all its dates
    are background, the event's own sentence gives none and the event is told as a past
    happening; else None."""
    sentence = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
    if sentence is None or not len(sentence) or not article.published or any(
            sentence.start_char <= t.start < sentence.end_char and t.value
            and t.value[:1].isdigit() for t in article.times):
        return None
    first = sentence.start
    for _ in range(NARRATIVE_SENTENCES):
        if first == 0:
            return None
        previous = doc[first - 1].sent
        first = previous.start
        dates = dates_of(previous)
        if not dates:
            continue
        if not all(_background(value, article.published) for _, value in dates):
            return None
        return dates[-1][0] if told_as_happening(doc, event) else None
    return None


def narrative_year(article: Article, sentence: Span, value: str, text: str,
                   dates_of: Callable[[Span], list[tuple[TimeExpr, str]]]) -> str:
    """A day written without its year ("On March 25") right after a sentence that gives a
    background day with its year ("On March 2, 2015, the New York Times revealed ..."): that
    year, when the day falls on or after the earlier one in it; else `value` (the year the
    times stage read from publication)."""
    if len(value) != 10 or YEAR_WRITTEN.search(text) or not DAY_WRITTEN.search(text) \
            or sentence.start == 0 or not article.published:
        return value
    previous = sentence.doc[sentence.start - 1].sent
    days = [found for time, found in dates_of(previous)
            if len(found) == 10 and YEAR_WRITTEN.search(time.text)]
    if not days or days[-1][:4] == value[:4] or not _background(days[-1], article.published):
        return value
    moved = days[-1][:4] + value[4:]
    return moved if moved >= days[-1] else value
