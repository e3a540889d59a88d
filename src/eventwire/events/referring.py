"""An event named again by a definite noun takes the date of the happening it refers back to.

News names a happening once with its date and then refers back to it ("A trial opened over
the 2004 bombing of a French military base ... Some believe the attack was a blunder"): an
event whose trigger is a noun with a definite determiner ("the attack", "that raid") and
which has no date of its own takes the own date of the nearest earlier event of the same
type that has one. Run after the mentions of one happening are merged and before
`mark_historical` and the fallbacks of events/news_day.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.model import Article, Event
from eventwire.nlp.english import DEFINITE_DETERMINERS, NOUN_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Doc

def _definite_noun(doc: Doc, event: Event) -> bool:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.pos_ in NOUN_TAGS and any(
        child.dep_ == "det" and child.lower_ in DEFINITE_DETERMINERS for child in root.children)


def refer_back(article: Article, doc: Doc) -> None:
    """Date each undated definite-noun event by the nearest earlier dated event of its type
    (in place)."""
    dated = sorted((e for e in article.events
                    if e.date is not None and e.date.precision != "published"),
                   key=lambda e: e.trigger.start)
    for position, event in enumerate(article.events):
        if event.date is None or event.date.precision != "published" \
                or not _definite_noun(doc, event):
            continue
        earlier = [e for e in dated if e.type == event.type
                   and e.trigger.start < event.trigger.start]
        if earlier:
            article.events[position] = event.model_copy(update={"date": earlier[-1].date})
