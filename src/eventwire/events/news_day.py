"""The date of an event whose own clause gives none (events/dates.py), once the mentions of
one happening are merged (so that a date one mention gives dates them all); a clause in
the past perfect ("had warned") too: annotators date it to the news it is told with.

In this order:

0. the one date of the event's own sentence that reached none of its clauses, when it is
   background ("FEC records from the 2008 presidential election cycle show he backed
   both McCain and Giuliani"): `_sentence_background`;
1. the date of the previous sentence (news tells a happening over consecutive sentences)
   when it is a day within `NEWS_WINDOW_DAYS` before publication: a month or year there
   ("last September", "in 2023") is background, not the day of what follows, unless the
   sentence opens by referring back to it ("At the time, ...", "Days later, ...");
   else the background date of the narrative a past happening goes on with, in a sentence
   with no date ("In 2018, Iranian officials ... The relatives refused."): events/narrative.py;
2. the news day of the story: the first day-precision date its lead (first two sentences)
   gives within `NEWS_WINDOW_DAYS` before publication ("Trump on Thursday threatened"); one
   that only dates the telling ("announcing on social media Friday", "said Wednesday a
   military operation rescued", a dateline) yields to an earlier
   recent day the story names ("killed Thursday"), if any; else the day
   within that window the story names most often (a lead that says "this week", a story
   that says "on Wednesday" further down), at day precision, for an event whose clause
   gives no date of its own;
(a clause told as so many days after another without a date of its own, "Three days after
President Lai took office, China conducted the drills", is that many days after the day
steps 1 and 2 find, the day of the clause it is counted from;)
3. else the event keeps the publication date, with precision "published".
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eventwire.events.date_values import calendar_value, in_dateline, time_root
from eventwire.events.dates import AFTER, counted_from, dated, sentence_dates, time_of
from eventwire.events.history import clause_verb, ends_before_news
from eventwire.events.narrative import narrative_date
from eventwire.model import Article, Event, TimeExpr, TimeRef
from eventwire.nlp.english import (
    AUXILIARIES,
    DATE_MODIFIERS,
    FINITE_VERB_TAGS,
    SAID_OF_NOUN,
    VERB_TAGS,
)
from eventwire.times.timex import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# VOA stories appear up to about two weeks after the news they tell (a Q&A published June 2
# about a May 20 visit).
NEWS_WINDOW_DAYS = 14
LEAD_SENTENCES = 2


def fill_fallbacks(article: Article, doc: Doc) -> None:
    """Steps 1 and 2 for events whose mentions gave no date of their own: the previous
    sentence's recent day, else the background date of the narrative the event goes on
    with (`narrative_date`), else the story's news day; not for an event told as background
    (`historical` from its words, events/history.py), which keeps the publication date.
    An event a background date is lent to is `historical`, like one whose own date is."""
    news = news_day(article, doc)
    for position, event in enumerate(article.events):
        if event.date is None or event.date.precision != "published" or event.historical:
            continue
        span = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
        before = _sentence_background(article, span, event) \
            if span is not None and len(span) else None
        if before is None and span is not None and len(span) and span.start > 0:
            previous = doc[span.start - 1].sent
            back = _refers_back(span.text)
            before = next((t for t in sentence_dates(article, previous)
                           if back or _recent_day(t, article.published)), None)
            if before is None:
                before = narrative_date(article, doc, event,
                                        lambda sentence: dated(article, sentence))
        counter, days = _counted_days(article, doc, event)
        for time in (before, news):
            found = calendar_value(time) if time is not None else None
            value = _moved(found[0], days) if found is not None and found[1] == "day" \
                else found[0] if found is not None else None
            if time is not None and found is not None and value is not None \
                    and value <= (event.date.value or "9999")[:len(value)]:
                day = TimeRef(time=counter if days and found[1] == "day" else time.id,
                              value=value, precision=found[1])
                article.events[position] = event.model_copy(update={
                    "date": day, "historical": _background(value, article.published)})
                break


def _background(value: str, published: str | None) -> bool:
    """Whether a date ends more than `history.HISTORY_DAYS` before publication."""
    try:
        return published is not None \
            and ends_before_news(value, date.fromisoformat(published[:10]))
    except ValueError:
        return False


def _sentence_background(article: Article, sentence: Span, event: Event) -> TimeExpr | None:
    """The one date of the event's own sentence that reached no clause of it, when it is
    background (ends more than `history.HISTORY_DAYS` before publication), the event is
    told in the past (`_told_in_past`), and the date is neither said of a noun by a clause
    on it ("the Taliban, who were ousted in 2001, attacked"), nor written before another
    happening's noun ("triggered global condemnation, resembling Boko Haram's 2014
    abduction"), nor a bound ("greeted with a standing ovation, Obama noted that
    two-thirds were born after 1975"): "FEC records from the 2008 presidential election
    cycle show he backed both McCain and Giuliani", "Trump first raised the idea of using
    the base for mass deportations shortly after taking office in January" (a March
    story)."""
    dates = sentence_dates(article, sentence)
    found = calendar_value(dates[0]) if len(dates) == 1 else None
    if found is None or not _background(found[0], article.published):
        return None
    token = time_root(sentence.doc, dates[0])
    trigger = sentence.doc.char_span(event.trigger.start, event.trigger.end,
                                     alignment_mode="expand")
    if token is None or trigger is None or not len(trigger) \
            or not _told_in_past(trigger.root) \
            or any(t.dep_ in SAID_OF_NOUN for t in [token, *token.ancestors]):
        return None
    head = token.head
    if head.lower_ in AFTER or head.lower_ == "before":
        return None  # a bound: "were born after 1975"
    if token.dep_ in DATE_MODIFIERS and token.i < head.i and any(
            m.trigger.start <= head.idx < m.trigger.end
            for other in article.events for m in other.mentions):
        return None
    return dates[0]


def _told_in_past(token: Token) -> bool:
    """Whether the first verb with a tense above the event's word is in the simple past
    ("he backed", "raised the idea of using"; not "stand accused", "has been deadlocked,
    with both accusing")."""
    for current in [token, *token.ancestors]:
        if current.pos_ in VERB_TAGS and (current.tag_ in FINITE_VERB_TAGS or any(
                c.dep_ in AUXILIARIES and c.tag_ in FINITE_VERB_TAGS
                for c in current.children)):
            return time_of(current) == "past"
    return False


def _counted_days(article: Article, doc: Doc, event: Event) -> tuple[str | None, int]:
    """The days the event's clause is told after (or, negative, before) a clause without
    a date of its own ("Three days after President Lai took office, China conducted the
    drills": 3), which the date the fallback finds dates: the story's day is Lai's
    inauguration (events/dates.py `counted_from`), with the duration's id; else 0."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    verb = clause_verb(span.root) if span is not None and len(span) else None
    found = counted_from(article, verb)
    return (found[1].id, found[2]) if found is not None else (None, 0)


def _moved(value: str, days: int) -> str | None:
    if not days:
        return value
    try:
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


def news_day(article: Article, doc: Doc) -> TimeExpr | None:
    """The story's news day: the first recent day (`_recent_day`) its lead (first sentences
    with a verb; not a split-off "WASHINGTON (AP) —") gives that dates no verb of saying;
    when the lead's recent days all date the telling, an earlier recent day the story names
    (the news was told the day after), else the lead's first; else the recent day the story
    names most often (the latest on ties)."""
    sentences = [s for s in doc.sents if any(t.pos_ in VERB_TAGS for t in s)][:LEAD_SENTENCES]
    if not sentences:
        return None
    end = sentences[-1].end_char
    recent = [time for time in article.times if _recent_day(time, article.published)]
    leads = [time for time in recent if time.start < end]
    lead = next((time for time in leads if not _says(doc, time)), None)
    if lead is None and leads:
        told = calendar_value(leads[0]) or ("", "")
        lead = next((time for time in recent if not _says(doc, time)
                     and (calendar_value(time) or ("", ""))[0] < told[0]), leads[0])
    if lead is not None or not recent:
        return lead
    counts = Counter((calendar_value(time) or ("", ""))[0] for time in recent)
    best = max(counts, key=lambda value: (counts[value], value))
    return next(time for time in recent if (calendar_value(time) or ("", ""))[0] == best)


def _recent_day(time: TimeExpr, published: str | None) -> bool:
    """Whether a date is a day within NEWS_WINDOW_DAYS before publication."""
    found = calendar_value(time)
    if found is None or found[1] != "day" or not published:
        return False
    try:
        day, pub = date.fromisoformat(found[0]), date.fromisoformat(published[:10])
    except ValueError:
        return False
    return pub - timedelta(days=NEWS_WINDOW_DAYS) <= day <= pub


def _refers_back(text: str) -> bool:
    """Whether a sentence opens by placing itself at the time the previous one gave ("At
    the time, ...", "Days later, ...": `back_reference` of data/times/time_words.toml)."""
    opening = " ".join(text.lower().split())
    return any(opening.startswith(opener) and not opening[len(opener):len(opener) + 1].isalpha()
               for opener in lexicon().back_reference)


def _says(doc: Doc, time: TimeExpr) -> bool:
    """Whether a date only dates a verb of saying ("Security sources said Wednesday ...",
    "announcing on social media Friday") or the filing of the story (a dateline): the day
    the news was told, not that of the news."""
    if in_dateline(doc.text, time):
        return True
    token = time_root(doc, time)
    if token is None:
        return False
    reporting = lexicon().reporting
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    before = doc[span.start - 1] if span is not None and span.start > 0 else None
    if before is not None and before.lower_ == "on" and before.i > 0:
        before = doc[before.i - 1]
    if before is not None and before.pos_ in VERB_TAGS and before.lemma_.lower() in reporting:
        return True  # "said Wednesday a military operation rescued ...", however parsed
    verb = next((t for t in [token, *token.ancestors] if t.pos_ in VERB_TAGS), None)
    return verb is not None and verb.lemma_.lower() in reporting
