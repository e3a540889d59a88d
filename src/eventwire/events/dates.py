"""The date of an event: the time expression that governs the event's own clause, at its
own precision.

In this order:

1. a calendar date (day, week, month, quarter, season or year: never a duration, a set or
   a vague reference such as "recently") whose words hang from the trigger or its anchor
   without crossing another verb ("attacked the base on Tuesday", "the 2004 bombing"), the
   closest one first; a date that only bounds a period ("since 2011", "until Feb. 4",
   "by March") is not when the event happened; a date may cross the verb of a clause of
   the same time ("while being interviewed Monday morning, called"), a month or year that
   of an after-clause ("suspended after he posted a comment in August"); a date written
   before another noun dates that noun only ("accused of the 2004 bombing"), unless the
   noun is the clause's occasion ("said in a November report"); a date of the first of two
   verbs conjoined in the same time dates the second when it has no subject of its own
   ("rescued 190 passengers Wednesday and killed 30 terrorists"); a date may cross a
   relative clause on the event's noun that only tells when it took place ("a private
   meeting he had with Rubio a year ago", `happening_clause` of data/times/time_words.toml);
   a clause told as so many days or weeks after (or before) the clause it hangs from
   ("His comments come two days after Erdogan denounced Israel"): that clause's day less
   (or plus) them, that clause's day being its own date, else, told in the present, the
   publication date; a clause with such a clause under it ("Three days after President
   Lai took office on May 20, China conducted the drills"): that clause's own day plus
   (or less) them;
2. a calendar date on the sentence's main verb (the sentence's reference time: "On
   Tuesday, officials said rebels attacked ..."), but not for a definite noun in what a
   dated saying reports, a happening known before it ("Last month, Trump said he was
   inclined to go along with the deal"); nor when the closest dates on the main verb are
   several, the points a figure is compared at ("surged from 88 in 2023 to 388 in 2024");
(a dateline's date, "PURCHASE, N.Y., April 1 (UPI) —", dates the filing, nothing else;)
(after the mentions of one happening are merged, so that a date one mention gives dates
them all, events/news_day.py `fill_fallbacks` does the rest for events still without one:
the previous sentence's day, the narrative's background date, the story's news day;)
3. the publication date, with precision "published".

A past-tense clause never dates a year-less month or day after publication ("warned in July"
in a March story is last July); a year-less day right after a background day with its year
is in that year (events/narrative.py `narrative_year`).

A TIME value ("2025-03-11TEV") is dated to its day. Week values stay weeks ("2025-W11").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eventwire.events.date_values import calendar_value, in_dateline, time_root
from eventwire.events.narrative import PERFECT_NOW, narrative_year
from eventwire.model import Article, TimeExpr, TimeRef
from eventwire.nlp.english import (
    AUXILIARIES,
    DATE_MODIFIERS,
    DEFINITE_DETERMINERS,
    NOMINAL_SUBJECTS,
    NOUN_TAGS,
    PRESENT_VERB_TAGS,
    VERB_TAGS,
)
from eventwire.times.tense import verb_tense
from eventwire.times.timex import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

YEAR_WRITTEN = re.compile(r"\b\d{4}\b|'\d{2}\b")
BOUNDING = frozenset({"since", "until", "till", "by", "through", "throughout"})
# Prepositions that make such a noun the occasion of the clause, which its date then dates
# ("said in a November report", "at a Jan. 23 press briefing", "killed in the 2019 attack").
SETTING = frozenset({"in", "at", "during", "on", "amid"})
# Subordinators of a clause whose date also dates the clause it hangs from: the same time,
# and (for a month or year only) soon after.
SAME_TIME = frozenset({"while", "when"})
AFTER = frozenset({"after", "following", "upon"})
# "two days", "a week": the span of `_offset`.
OFFSET = re.compile(r"P(\d+)([DW])")
MAX_STEPS = 5
REFERENCE_STEPS = 4


def _bounding(token: Token, time: TimeExpr) -> bool:
    """Whether the date only bounds a period ("since 2011", "until Feb. 4"). A preposition
    whose object is another noun the parse wrongly ran into the date ("speaking by phone
    Sunday": "phone" a compound of "Sunday") bounds nothing."""
    first = time.text.split(maxsplit=1)[0].lower() if time.text.strip() else ""
    if first in BOUNDING:
        return True
    if token.dep_ != "pobj" or token.head.lower_ not in BOUNDING:
        return False
    return not any(child.dep_ == "compound" and child.pos_ == "NOUN"
                   and not time.start <= child.idx < time.end for child in token.children)


def _modifies_other(token: Token, targets: set[int]) -> bool:
    """Whether the date is written before a noun it modifies that is not the event's own
    word: "accused of the 2004 bombing" dates the bombing, not the accusation; unless the
    noun is the occasion of the clause ("said in a November report", `SETTING`). A noun
    that only modifies the next ("the 2019 Easter bombings") passes the date on to it."""
    head = token.head
    if token.dep_ not in DATE_MODIFIERS or head.i == token.i or token.i > head.i \
            or head.pos_ not in NOUN_TAGS:
        return False
    while head.i not in targets and head.dep_ in DATE_MODIFIERS and head.i < head.head.i \
            and head.head.pos_ in NOUN_TAGS:
        head = head.head
    if head.i in targets:
        return False
    return not (head.dep_ == "pobj" and head.head.lower_ in SETTING)


def _passes(verb: Token, coarse: bool) -> bool:
    """Whether a date may cross this verb to the clause above: the verb heads a clause of
    the same time ("while being interviewed Monday morning, called"), or, for a month or
    a year, a clause after which the event came ("suspended after he posted a comment in
    August")."""
    marks = {child.lower_ for child in verb.children if child.dep_ == "mark"}
    if verb.dep_ == "advcl" and marks & SAME_TIME:
        return True
    return coarse and ((verb.dep_ == "advcl" and bool(marks & AFTER))
                       or (verb.dep_ == "pcomp" and verb.head.lower_ in AFTER))


def _tells_noun(verb: Token, targets: set[int]) -> bool:
    """Whether the verb heads a relative clause on the event's noun that only tells when its
    happening took place: "a private meeting he had with Rubio a year ago", "the talks they
    held on Monday" (`happening_clause` of data/times/time_words.toml)."""
    return verb.dep_ == "relcl" and verb.head.i in targets \
        and verb.lemma_.lower() in lexicon().happening_clause


def _steps(token: Token, targets: set[int], most: int = MAX_STEPS,
           coarse: bool = False) -> int | None:
    """Steps up the parse from `token` to one of `targets`, without crossing another verb
    (but those `_passes` lets through) or a noun the date modifies (`_modifies_other`).
    `coarse`: the date is a month or a year."""
    if _modifies_other(token, targets):
        return None
    current = token
    for step in range(most + 1):
        if current.i in targets:
            return step
        if step and current.pos_ in VERB_TAGS and not _passes(current, coarse) \
                and not _tells_noun(current, targets):
            return None
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def sentence_dates(article: Article, sentence: Span) -> list[TimeExpr]:
    """The calendar dates of a sentence that say when (not those bounding a period, nor a
    dateline's, which dates the filing)."""
    found: list[TimeExpr] = []
    for time in article.times:
        if time.start < sentence.start_char or time.end > sentence.end_char \
                or in_dateline(article.text, time):
            continue
        token = time_root(sentence.doc, time)
        if calendar_value(time) is not None and token is not None \
                and not _bounding(token, time):
            found.append(time)
    return found


def dated(article: Article, sentence: Span) -> list[tuple[TimeExpr, str]]:
    return [(t, f[0]) for t in sentence_dates(article, sentence) if (f := calendar_value(t))]


def _past(heads: list[Token]) -> bool:
    """Whether the event's clause is in the past tense ("warned", "was attacked")."""
    verbs = [token for token in heads if token.pos_ in VERB_TAGS]
    return bool(verbs) and verb_tense(verbs[-1]) == "past"


def _not_after(value: str, published: str | None) -> str:
    """A month or day the times stage placed after publication, for a clause in the past
    tense: the most recent one before publication ("warned in July" in a March story is
    last July). The caller leaves dates with a year written out alone."""
    if not published or len(value) < 7 or value[:len(published)] <= published[:len(value)]:
        return value
    if not value[5:7].isdigit():
        return value
    return f"{int(value[:4]) - 1:04d}{value[4:]}"


def _own_date(article: Article, sentence: Span, heads: list[Token],
              reference_too: bool = True) -> TimeExpr | None:
    """The calendar date governing the event's clause, else (`reference_too`) the
    sentence's reference date."""
    targets = _sharing(heads)
    root = sentence.root
    governing: tuple[int, TimeExpr] | None = None
    references: list[tuple[int, TimeExpr]] = []
    for time in sentence_dates(article, sentence):
        token = time_root(sentence.doc, time)
        if token is None:
            continue
        coarse = (calendar_value(time) or ("", "day"))[1] in {"month", "year", "season"}
        steps = _steps(token, targets, coarse=coarse)
        if steps is not None:
            if governing is None or steps < governing[0]:
                governing = (steps, time)
            continue
        steps = _steps(token, {root.i}, REFERENCE_STEPS)
        if steps is not None:
            references.append((steps, time))
    reference = _one_reference(references)
    if reference is not None and heads and (_told_otherwise(heads[0], root)
                                            or _known_when_told(heads[0], root)):
        reference = None
    chosen = governing or (reference if reference_too else None)
    return chosen[1] if chosen is not None else None


def _sharing(heads: list[Token]) -> set[int]:
    """The event's words and the verbs its verb is conjoined to, told in the same time and
    with no subject of its own: a date of the first verb dates the others ("a military
    operation rescued 190 passengers Wednesday and killed 30 terrorists")."""
    found = {token.i for token in heads}
    for token in heads:
        current = token
        while current.dep_ == "conj" and current.pos_ in VERB_TAGS \
                and current.head.pos_ in VERB_TAGS \
                and not any(c.dep_ in NOMINAL_SUBJECTS for c in current.children) \
                and time_of(current) == time_of(current.head):
            current = current.head
            found.add(current.i)
    return found


def _one_reference(found: list[tuple[int, TimeExpr]]) -> tuple[int, TimeExpr] | None:
    """The closest date on the sentence's main verb; none when the closest are several
    dates with different values, points a figure is compared at, not when the sentence
    happened ("Deaths in the attacks surged from 88 in 2023 to 388 in 2024")."""
    if not found:
        return None
    nearest = min(steps for steps, _ in found)
    closest = [(steps, time) for steps, time in found if steps == nearest]
    if len({(calendar_value(time) or ("", ""))[0] for _, time in closest}) > 1:
        return None
    return closest[0]


def _known_when_told(token: Token, root: Token) -> bool:
    """Whether the event is a definite noun ("the deal", "Russia's invasion") in what a
    sentence dated on its verb of saying reports ("Last month, Trump said he was inclined
    to go along with the deal"): a happening known before the saying, which the saying's
    date does not date."""
    if token.pos_ not in NOUN_TAGS or token.i == root.i \
            or root.lemma_.lower() not in lexicon().reporting:
        return False
    return any(child.dep_ == "poss" or child.lower_ in DEFINITE_DETERMINERS
               for child in token.children)


def time_of(verb: Token) -> str | None:
    """A verb's time: "perfect" for the present perfect ("has been deadlocked"), else its
    tense."""
    if any(c.dep_ in AUXILIARIES and c.lower_ in PERFECT_NOW for c in verb.children):
        return "perfect"
    return verb_tense(verb)


def _told_otherwise(token: Token, root: Token) -> bool:
    """Whether the event's clause hangs from the sentence's main verb through a verb
    conjoined to it told in another time ("The peace process started in Doha last September, has
    mostly been deadlocked, with both Afghan rivals accusing the other": the accusing is
    not last September's); the main verb's date is then no reference time of it."""
    base = time_of(root)
    for current in [token, *token.ancestors]:
        if current.i == root.i:
            return False
        if current.dep_ == "conj" and current.head.i == root.i and current.pos_ in VERB_TAGS \
                and time_of(current) != base:
            return True
    return False


def counted(article: Article, clause: Token) -> tuple[TimeExpr, int] | None:
    """A clause told as so many days or weeks after (or before) the clause it hangs from
    ("two days after Erdogan denounced Israel"): the duration's expression and the days
    from this clause to the one above (2; before: -2)."""
    if clause.dep_ != "advcl" or not article.published:
        return None
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    way = 1 if marks & AFTER else -1 if "before" in marks else 0
    span = next((t for t in clause.children if t.dep_ == "npadvmod"), None)
    time = next((t for t in article.times if span is not None
                 and t.start <= span.idx < t.end), None)
    step = OFFSET.fullmatch(time.value or "") if time is not None else None
    if not way or time is None or step is None:
        return None
    return time, way * int(step.group(1)) * (7 if step.group(2) == "W" else 1)


def counted_from(article: Article, verb: Token | None) -> tuple[Token, TimeExpr, int] | None:
    """The clause a verb's clause is counted from ("Three days after President Lai took
    office, China conducted the drills": "took", "Three days", 3)."""
    for clause in verb.children if verb is not None else ():
        found = counted(article, clause)
        if found is not None:
            return clause, found[0], found[1]
    return None


def _day(article: Article, sentence: Span, verb: Token, present: bool) -> date | None:
    """The day a clause's own date gives; else (`present`), in the present, publication."""
    own = _own_date(article, sentence, [verb])
    day = calendar_value(own) if own is not None else None
    if day is None and present and verb.tag_ in PRESENT_VERB_TAGS and article.published:
        day = (article.published[:10], "day")
    if day is None or day[1] != "day":
        return None
    try:
        return date.fromisoformat(day[0])
    except ValueError:
        return None


def _offset(article: Article, sentence: Span, heads: list[Token]) -> TimeRef | None:
    """The day of a clause (or a noun in it) told as so many days or weeks before or after
    another: "His comments come two days after Erdogan denounced Israel" (the comments'
    day less two days; that clause's day: its own date, else, in the present,
    publication); "Three days after President Lai took office on May 20, China conducted
    the drills" (May 23)."""
    verb = next((t for t in heads if t.pos_ in VERB_TAGS and t.dep_ == "advcl"), None)
    if verb is None and heads and heads[0].pos_ in NOUN_TAGS:
        verb = next((t for t in heads[0].ancestors if t.pos_ in VERB_TAGS), None)
        verb = verb if verb is not None and verb.dep_ == "advcl" else None
    own = counted(article, verb) if verb is not None else None
    if verb is not None and own is not None:
        time, days = own
        anchor = _day(article, sentence, verb.head, present=True)
        days = -days
    else:
        main = next((t for t in heads if t.pos_ in VERB_TAGS), None)
        found = counted_from(article, main)
        if found is None:
            return None
        clause, time, days = found
        anchor = _day(article, sentence, clause, present=False)
    if anchor is None:
        return None
    return TimeRef(time=time.id, value=(anchor + timedelta(days=days)).isoformat(),
                   precision="day")


def event_date(article: Article, sentence: Span, heads: list[Token]) -> TimeRef | None:
    """The event's own date (steps 1 and 2 of the module docstring; between them, a day
    counted from the clause the event's clause hangs from, `_offset`), else the publication
    date with precision "published", which `fill_fallbacks` may refine after the mentions
    of one happening are merged."""
    own = _own_date(article, sentence, heads, reference_too=False)
    offset = _offset(article, sentence, heads) if own is None else None
    if offset is not None:
        return offset
    own = own or _own_date(article, sentence, heads)
    found = calendar_value(own) if own is not None else None
    if own is not None and found is not None:
        value = found[0]
        if not YEAR_WRITTEN.search(own.text):
            value = narrative_year(article, sentence, value, own.text,
                                   lambda span: dated(article, span))
            value = _not_after(value, article.published) if _past(heads) else value
        return TimeRef(time=own.id, value=value, precision=found[1])
    if article.published:
        return TimeRef(time=None, value=article.published, precision="published")
    return None
