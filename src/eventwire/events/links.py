"""What an event mention is linked to besides its actors: date, place, counts, attribution.

- Date: the date/time expression whose words hang (within a few dependency steps) from the
  trigger or its governing verb; else a date hanging from the sentence's main verb (the
  sentence's reference time); else a duration governing the trigger ("attacks over the
  last five weeks": value P5W); else the publication date with precision "published"
  (coarser than any the text gives).
- Place: `places.event_location.event_place`: a literal place only (never an actor country
  or a nationality), in the fallback order documented there.
- Counts: the article count whose words overlap the trigger ("at least 10 rocket attacks")
  or sit in its object/patient phrase ("killing at least 156 people"); killed, injured and
  arrested figures come from `Count.category`.
- Attribution: the attributed span (quotes stage hand-over) that contains the trigger; else,
  from the parse, the subject of a verb of saying above the trigger or an "according to X".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.lexicon import Lexicon
from eventwire.events.roles import resolve
from eventwire.model import Article, Attribution, Count, PlaceRef, TimeExpr, TimeRef
from eventwire.nlp.mentions import Attributed
from eventwire.nlp.syntax import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DATED = frozenset({"DATE", "TIME"})
CATEGORIES = {"killed": "killed", "dead": "killed", "injured": "injured", "wounded": "injured",
              "arrested": "arrested", "detained": "arrested"}


def _head_of(doc_span: Span | None) -> Token | None:
    return doc_span.root if doc_span is not None and len(doc_span) else None


def _hangs_from(token: Token, targets: set[int], steps: int) -> bool:
    current = token
    for _ in range(steps):
        if current.i in targets:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return current.i in targets


def _span(sentence: Span, start: int, end: int) -> Span | None:
    return sentence.doc.char_span(start, end, alignment_mode="expand")


def event_date(article: Article, sentence: Span, heads: set[int]) -> TimeRef | None:
    times = [t for t in article.times
             if t.start >= sentence.start_char and t.end <= sentence.end_char]
    governing: TimeExpr | None = None
    reference: TimeExpr | None = None
    span_of: TimeExpr | None = None
    for time in times:
        head = _head_of(_span(sentence, time.start, time.end))
        if head is None:
            continue
        if time.type == "DURATION":
            if _hangs_from(head, heads, 4):
                span_of = span_of or time
        elif time.type not in DATED:
            continue
        elif _hangs_from(head, heads, 4):
            governing = governing or time
        elif _hangs_from(head, {sentence.root.i}, 3):
            reference = reference or time
    chosen = governing or reference or span_of
    if chosen is not None:
        return TimeRef(time=chosen.id, value=chosen.value, precision=chosen.precision)
    if article.published:
        return TimeRef(time=None, value=article.published, precision="published")
    return None


def event_place(article: Article, sentence: Span, trigger: Token,
                heads: set[int]) -> PlaceRef | None:
    """The event's literal place, chosen by places.event_location (its documented order)."""
    from eventwire.places.event_location import event_place as choose

    return choose(article, sentence, trigger)


def event_counts(article: Article, trigger_span: tuple[int, int],
                 patient: tuple[int, int] | None) -> list[Count]:
    found: list[Count] = []
    for count in article.counts:
        touches = count.start < trigger_span[1] and trigger_span[0] < count.end
        inside = patient is not None and count.start >= patient[0] and count.end <= patient[1]
        if touches or inside:
            found.append(count)
    return found


def casualty(count: Count) -> str | None:
    return CATEGORIES.get((count.category or "").lower())


def attribution(article: Article, attributions: list[Attributed], trigger: Token,
                lexicon: Lexicon) -> Attribution | None:
    position = trigger.idx
    inside = [a for a in attributions if a.start <= position < a.end]
    if inside:
        best = min(inside, key=lambda a: a.end - a.start)
        return Attribution(actor=best.speaker.actor, text=best.speaker.text,
                           start=best.speaker.start, end=best.speaker.end, quote=best.quote)
    current = trigger
    for _ in range(6):
        if current.head.i == current.i:
            break
        current = current.head
        if lexicon.cue(current) == "speech":
            sayer = subject_of(current)
            if sayer is not None:
                mention = resolve(article, sayer)
                return Attribution(actor=mention.actor, text=mention.text, start=mention.start,
                                   end=mention.end)
            break
    for token in trigger.sent:
        if token.lower_ == "according":
            for prep in token.children:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        mention = resolve(article, pobj)
                        return Attribution(actor=mention.actor, text=mention.text,
                                           start=mention.start, end=mention.end)
    return None
