"""One happening = one event: the mentions of the same happening in an article are merged.

News restates: a phone call is "a phone call" in the lead, "the call" three paragraphs on
and "the call" again in a quoted statement; an attack is told, then retold. Each sentence
yields its own event mention; this module folds those that are the same happening into ONE
event whose `mentions` lists every mention (trigger and sentence offsets), best first.

Merge rule. Going through the events in text order, an event joins an earlier group when
ALL of these hold against every event already in the group:
  1. the same PLOVER type, the same `negated` flag and the same kind of modality: asserted
     and reported_belief both tell something that happened ("are believed to be behind the
     attacks"), every other modality only merges with itself;
  2. compatible modes: equal, or one of them has none, or the mention is in a sentence of
     the group or tied to it (5b), or both carry the same explicit day: "the car hit a
     roadside bomb and was then attacked with gunfire" is one attack told with two weapons;
  3. compatible actors, for the source and for the target separately: the same actor (id or
     canonical name, or two actors the article links: an alias, "the president" and the one
     President, a leader and the state: events/equivalence.py), or one side names none: no
     mention, one that resolved to no actor, a pronoun ("he", "their") or a generic noun
     that coreference tied to an actor ("the group"). Two different named actors never
     merge, so different actor pairs stay different events. Exceptions for the target only:
     a mention the grammar ties to a mention in the group (see 5b) may name other victims
     ("Russian forces shelled the town ... The shelling killed 12 civilians": the town and
     the civilians are the same happening's targets), and so may a definite back-reference
     in the very words of a mention in the group ("rocket attacks on U.S. bases ... the
     recent rocket attacks in Iraq"). A target that is the mention's own source (the
     article links them: "Ukraine is committed ..., Zelenskyy said", "India backs ... New
     Delhi would support") is a misread role and names no one here;
  3b. a weak role names no one where the grammar ties the mention to one of the group's
     (5b), or where it is close to the group (in a sentence of the group, a nominal
     back-reference, or for a material happening the sentence right after one of the
     group's) and its other role is an actor the group names in that role. A role is weak
     (events/merge_heads.py `weak`) when it is the mention's reporter ("Authorities said no
     ransom was paid to secure the release of the girls, who were kidnapped ... during an
     overnight raid": the authorities neither kidnapped nor were kidnapped), when its words'
     head is no name (an entity that ends before them: "the Somali city", "Pakistan's
     February elections"; or none, and no word of its actor's name: "all wines" read as
     France), or when it is another mention's trigger ("an airstrike targeting his
     location": the airstrike is what happened, not who did it);
  4. compatible dates: the same resolved calendar value, or one side has none (no date, the
     publication-date fallback, or a value that is no calendar date: a duration such as
     "P5W" or a reference such as "PRESENT_REF");
  5. a reason to think it is the same happening: the later mention is in a sentence of the
     group (one sentence, one type, no conflicting actors: one happening told with several
     words, "stormed ... leaving five dead"), unless a clause of either is set in sequence
     ("clashes spread after militants killed 12 soldiers": two happenings); or it is a
     nominal back-reference (a noun trigger with a definite determiner or a possessive: "the
     call", "the attacks", "these strikes", "their attacks"); or, for a material happening
     (not a verbal act), it is in the sentence right after one of the group's ("Gunmen
     stormed a hotel ... Six guests were killed"); or its trigger's head lemma is that of a
     mention already in the group ("phone call" ... "call"); or both carry the same explicit
     calendar date; unless the later trigger introduces a new or generic happening ("an
     attack", "any attacks", "another call", "launched new strikes", "further attacks", "a
     court later sentenced him", "rebels also attacked"), or the matching mention does. A
     verbal act (AGREE, SUPPORT, CONCEDE, REQUEST, ACCUSE, REJECT, THREATEN) is only told
     again when its source is an actor of the group (different speakers saying the same
     thing are different events): by the same word or date, or in other words within
     `RETOLD_SENTENCES` sentences after one of the group's ("Wong urged China to release
     the journalist ... Wong called on China to free her"), unless told as one more to
     another addressee ("Wong also called on Japan"): "also" to an addressee of the group
     ("Wong also called on China to free her"; "Ilyas Ali Hassan urged the president to
     avoid decisions ... He also urged Farmajo to return to talks") is one more thing the
     same statement asks, one event (one speaker, one type, one addressee: voa_articles.md;
     a material happening told with "also" stays another one). Where one side names no
     speaker (a passive, a name that resolved to no actor) and none of the group's
     speakers differ, it is told again to the same named addressee, by the same word or
     within `RETOLD_SENTENCES` sentences ("Malawi's High Court ordered all public schools
     ... The Malawi High Court also ordered the school"); no addressee in common, apart;
  5b. or the grammar ties it to a mention in the group: its subject is that mention ("The
     shelling killed 12 civilians"), it is an adverbial or conjoined clause of it ("rebels
     attacked the base, killing 20 soldiers") or a clause that modifies it ("an airstrike
     targeting his location").
  6. A meeting (CONSULT) told in another sentence at one place on one explicit day is one
     meeting whatever the words and participants of its mentions (rules 2, 3 and 5 aside:
     "Rubio's second visit to Saudi Arabia" and "the Jeddah talks with Ukrainian
     officials", both Tuesday in Jeddah); one in another sentence at a place neither in the
     other's (Jeddah, Doha) is another meeting. In one sentence or tied by the grammar the
     second place is often the topic's ("met in Tallinn to discuss the cables in the Baltic
     Sea"): rules 1-5 decide.
The first group that accepts an event takes it; otherwise it starts a new group.
What the parse says about each mention (its head, back-references, subjects, the
sentences before it) is read once by events/merge_heads.py.

The rule runs twice on articles (events/stage.py; short inputs once): on the rule types,
before the decision, and again once the decision has re-typed the events (events/decide.py
`settle`): "dismissed calls for a probe" coded REJECT by the rules and "urging an
investigation" coded REQUEST, re-typed REQUEST both, are then one happening by the same
rule. The second pass merges merged events (a group's mentions are all the mentions of its
events) and compares the events' own dates, not the ones the fallbacks lent them since
(events/news_day.py: a later sentence's event takes the day of the sentence before, which is
no evidence that it is the same happening); it lends no place (each event's place was
found or left out by then: events/links.py `local_places`; lending them again put places
on events the gold places nowhere), though a finer place a
mention names inside the merged one still refines it; only a group of happenings
(data/events/type_groups.toml `happenings`: an attack, an arrest, a protest) whose best
mention has no place takes another mention's: where one mention of an attack was, the
attack was ("killed in a precision airstrike Thursday" after "killed Thursday in an airstrike
targeting his location in Iraq's Anbar desert").

The merged event is the group's best mention (highest confidence; the earlier on ties):
its id, trigger, sentence and coding (asserted when any of its factual mentions is); what
the best mention lacks (source, target and their conjuncts, date, place, mode, count,
killed, injured, arrested, reported_by) is filled from the other mentions (a role mention
that resolved to no actor counts as lacking): roles from a mention whose other role agrees,
never making source and target one actor, the date from the finest own date of a mention,
the place refined to a finer one another mention names inside it (a town in the province)
(events/merge_fields.py), the rest best first. `mentions` has every mention,
best first (an event merged before brings all its own), and an unmerged event has itself
as its only mention. Events keep text order (by their first mention) and are renumbered
v1..vn; the confidence features move with the ids (`mentions`: how many in all).
Cross-article merging (the same happening in two articles) is the store's job
(`store.dedup`), not this module's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from eventwire.events.equivalence import SameActor
from eventwire.events.merge_fields import filled
from eventwire.events.merge_heads import Head
from eventwire.events.type_groups import HAPPENINGS, MEETINGS, VERBAL
from eventwire.model import Article, Event, EventMention, Place, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

FACTUAL = frozenset({"asserted", "reported_belief"})
FILLED = ("source", "target", "date", "place", "mode", "count", "killed", "injured",
          "arrested", "reported_by")
# Merging again (after the fallbacks): places were placed or lent per event by then (only
# refined: merge_fields.finer_place), except for a group of happenings (`merge_mentions`).
AGAIN_FILLED = tuple(name for name in FILLED if name != "place")


def _modality(event: Event) -> str:
    return "factual" if event.modality in FACTUAL else event.modality


def _elsewhere(heads: list[Head], head: Head) -> bool:
    """Places neither of which is in the other (Jeddah and Doha; not Jeddah and Saudi
    Arabia)."""
    mine = head.where
    return mine is not None and any(
        h.where is not None and h.where[0] not in mine[1] and mine[0] not in h.where[1]
        for h in heads)


def _agree(values: list[str | None], value: str | None) -> bool:
    """`value` is missing, or every known value in the group equals it."""
    return value is None or all(v is None or v == value for v in values)


def compatible(group: list[Event], heads: list[Head], event: Event, head: Head) -> bool:
    """Whether `event` may be another mention of the happening `group` is about."""
    first = group[0]
    if (event.type, event.negated, _modality(event)) != (first.type, first.negated,
                                                         _modality(first)):
        return False
    tied = any(head.tied_to(other) for other in heads)
    same_sentence = any(e.sentence.start == event.sentence.start for e in group) and not (
        head.sequenced or any(h.sequenced for h in heads))
    echo = head.back_reference and any(e.trigger.text.lower() == event.trigger.text.lower()
                                       for e in group)
    date = head.date
    same_day = date is not None and len(date) == len("2024-03-01") and any(
        h.date == date for h in heads)
    if event.type in MEETINGS and not tied:
        if _elsewhere(heads, head):
            return False
        if _same_meeting(group, heads, event, head):
            return True
    if not (same_sentence or tied or same_day) \
            and not _agree([e.mode for e in group], event.mode):
        return False
    if not _agree([h.date for h in heads], date):
        return False
    if not _roles_agree(heads, head, tied or echo, loose=False):
        # rule 3b: a weak role (merge_heads.weak) names no one where the grammar ties the
        # mentions, or where they are close and the other role is the same actor
        close = head.back_reference or same_sentence or (
            event.type not in VERBAL and not head.renewed
            and any(head.previous == h.sentence for h in heads))
        return (tied or (close and _one_actor(heads, head))) \
            and _roles_agree(heads, head, tied or echo, loose=True)
    if head.back_reference or tied or same_sentence:
        return True
    again = event.type in VERBAL and head.also and head.addressee is not None \
        and any(h.addressee == head.addressee for h in heads)
    if head.renewed and not again:
        return False
    return _restated(group, heads, event, head, date, again)


def _one_actor(heads: list[Head], head: Head) -> bool:
    """Whether the mention names, in one of its roles, an actor that the group names in the
    same role (no weak role counts)."""
    return (head.loose_source is not None
            and any(h.loose_source == head.loose_source for h in heads)) \
        or (head.loose_target is not None
            and any(h.loose_target == head.loose_target for h in heads))


def _roles_agree(heads: list[Head], head: Head, any_target: bool, loose: bool) -> bool:
    """Rule 3 (`loose`: 3b, a weak role names no one):
    the sources agree and, unless `any_target`, the targets."""
    if loose:
        sources = [h.loose_source for h in heads], head.loose_source
        targets = [h.loose_target for h in heads], head.loose_target
    else:
        sources = [h.source for h in heads], head.source
        targets = [h.target for h in heads], head.target
    return _agree(*sources) and (any_target or _agree(*targets))


def _same_meeting(group: list[Event], heads: list[Head], event: Event, head: Head) -> bool:
    """Rule 6: a meeting held at one place on one day is one meeting, however its mentions
    name the participants ("Rubio's second visit to Saudi Arabia" and "the Jeddah talks
    with Ukrainian officials", both on Tuesday in Jeddah): the same place and the same
    explicit calendar day (the events' own, never a fallback's)."""
    date = head.date
    if event.place is None or date is None or len(date) != len("2024-03-01"):
        return False
    return any(h.date == date and e.place is not None and e.place.name == event.place.name
               for e, h in zip(group, heads, strict=True))


def _restated(group: list[Event], heads: list[Head], event: Event, head: Head,
              date: str | None, again: bool = False) -> bool:
    """Rule 5 beyond the sentence and the back-reference: the next sentence goes on about a
    material happening, or the same word or explicit date tells it again (for a verbal act:
    only by the same speaker, who may also retell it in other words a sentence or two on;
    `again`: "also" to an addressee of the group, one more thing the statement says)."""
    fresh = head.fresh and not again
    if event.type in VERBAL:
        speaker = head.speaker
        named = {h.speaker for h in heads} - {None}
        if speaker is not None and named - {speaker}:
            return False
        if speaker is None or not named:
            return not fresh and len(named) < 2 and _unnamed_retold(heads, head)
        if not fresh and any(h.sentence in head.recent for h in heads):
            return True
    elif any(head.previous == h.sentence for h in heads):
        return True
    if fresh:
        return False
    return (date is not None and any(h.date == date for h in heads)) or any(
        h.lemma == head.lemma and not h.fresh for h in heads)


def _unnamed_retold(heads: list[Head], head: Head) -> bool:
    """Rule 5 for a verbal act whose speaker one side does not name (a passive, an
    unresolved name): told again to the same named addressee, by the same word or within
    `RETOLD_SENTENCES` sentences ("Malawi's High Court ordered all public schools to allow
    students with dreadlocks ... The Malawi High Court also ordered the school to give
    her extra classes"); with no addressee in common nothing says it is one statement."""
    addressee = head.addressee
    return addressee is not None and any(
        h.addressee == addressee and (h.sentence in head.recent
                                      or (h.lemma == head.lemma and not h.fresh))
        for h in heads)


def _mention(event: Event) -> EventMention:
    return EventMention(trigger=event.trigger, sentence=event.sentence)


def merge_group(group: list[Event], fields: tuple[str, ...] = FILLED,
                same: SameActor | None = None,
                dates: Mapping[int, TimeRef | None] | None = None,
                places: Mapping[str, Place] | None = None, text: str = "") -> Event:
    """One event for the mentions of one happening (see the module docstring; which mention
    lends what the best lacks, and a finer place among `places` of the article's `text`:
    events/merge_fields.py)."""
    ranked = sorted(group, key=lambda e: (-e.confidence, e.trigger.start))
    best = ranked[0]
    update = filled(best, ranked[1:], fields, (same or SameActor(None)).key, dates, places,
                    text)
    update["mentions"] = [m for e in ranked for m in (e.mentions or [_mention(e)])]
    if best.modality in FACTUAL and any(e.modality == "asserted" for e in ranked):
        update["modality"] = "asserted"
    return best.model_copy(update=update)


def merge_mentions(article: Article, doc: Doc | None,
                   features: dict[str, dict[str, float]] | None = None,
                   dates: Mapping[int, TimeRef | None] | None = None) -> None:
    """Merge `article.events` in place; `features` (by event id) follows the new ids.
    `dates` (by trigger start) are the events' own dates where a fallback has filled the
    field since (rule 4 and the same-day reasons compare the happenings' own dates)."""
    groups: list[list[Event]] = []
    heads: list[list[Head]] = []
    same = SameActor(article, (m for e in article.events for m in (e.source, e.target)))
    for event in sorted(article.events, key=lambda e: e.trigger.start):
        head = Head(doc, event, article, same, dates)
        for group, group_heads in zip(groups, heads, strict=True):
            if compatible(group, group_heads, event, head):
                group.append(event)
                group_heads.append(head)
                break
        else:
            groups.append([event])
            heads.append([head])
    merged: list[Event] = []
    moved: dict[str, dict[str, float]] = {}
    for number, group in enumerate(groups, start=1):
        settled = dates is not None and not all(e.type in HAPPENINGS for e in group)
        event = merge_group(group, AGAIN_FILLED if settled else FILLED, same, dates,
                            {place.id: place for place in article.places}, article.text)
        new_id = f"v{number}"
        if features is not None and event.id in features:
            moved[new_id] = dict(features[event.id],
                                 mentions=float(sum(len(e.mentions) or 1 for e in group)))
        merged.append(event.model_copy(update={"id": new_id}))
    article.events[:] = merged
    if features is not None:
        features.clear()
        features.update(moved)
