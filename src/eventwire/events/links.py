"""What an event mention is linked to besides its actors: date, place, counts, attribution.

- Date: `events.dates.event_date` (the calendar date governing the event's own clause, in
  the fallback order documented there).
- Place: `places.event_location.event_place`: a literal place only (never an actor country
  or a nationality), in the fallback order documented there (the nearest town or province
  its sentence names under a locative preposition only for a happening or a meeting, not
  for a statement), and none for a phone call (a mode with no one place:
  `placeless_modes` in data/events/type_groups.toml); after
  merging, a happening (attack, arrest, protest, ...) whose sentences name no place and
  whose actors are all of the story's country takes the story's focus place, or its
  country for many happenings told at once (`local_places`); a statement or a meeting whose
  sentence names no place, on the day of the story's setting (a visit, a meeting, a summit
  its lead places), by an actor of a country taking part, takes the setting's place
  (`setting_places`).
- Counts: the article count whose words overlap the trigger ("at least 10 rocket attacks")
  or sit in its object/patient phrase ("killing at least 156 people"); killed, injured and
  arrested figures come from `Count.category` (`events.figures`, which also keeps
  aggregates off single events).
- Attribution: the attributed span (quotes stage hand-over) that contains the trigger; else,
  from the parse, the subject of a verb of saying above the trigger or an "according to X".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.figures import AGGREGATE, happenings
from eventwire.events.lexicon import Lexicon
from eventwire.events.role_mention import resolve
from eventwire.events.type_groups import ADDRESSED, HAPPENINGS, MEETINGS, PLACELESS_MODES
from eventwire.model import Article, Attribution, Count, Event, Place, PlaceRef
from eventwire.nlp.english import PLACE_LABELS, VERB_OBJECTS
from eventwire.nlp.mentions import Attributed
from eventwire.nlp.syntax import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def event_place(article: Article, sentence: Span, trigger: Token,
                event_type: str, mode: str | None = None) -> PlaceRef | None:
    """The event's literal place, chosen by places.event_location (its documented order);
    none for an event of a mode that has no one place (a phone call: PLACELESS_MODES)."""
    from eventwire.places.event_location import event_place as choose

    if mode in PLACELESS_MODES:
        return None
    return choose(article, sentence, trigger, verbal=event_type in ADDRESSED)


def local_places(article: Article, doc: Doc) -> None:
    """Give the story's focus place (places.event_location.focus_place), or the one place
    the story names inside it (places.story_places.finer_focus: "Kabul's Dasht-e-Barchi
    neighborhood"), to each happening (an attack, an arrest, a protest) whose own sentences
    name no other place, when it is local news of that place: none of its actors belongs to
    another country (background happenings too: the story's place is where its earlier
    episodes happened as well). Many happenings told at once (`_many`) take the focus's
    country instead, when the story names it."""
    from eventwire.places.event_location import focus_place, literal_places, location_precision
    from eventwire.places.story_places import finer_focus

    focus = focus_place(article, doc)
    if focus is None:
        return
    finer = finer_focus(article, focus)
    country = next((p for p in sorted(article.places, key=lambda p: p.role != "literal")
                    if p.feature == "country" and p.country == focus.country), None)
    countries = {actor.id: actor.country for actor in article.actors}
    literal = [p for p in literal_places(article)
               if (p.name, p.country) not in {(focus.name, focus.country),
                                              (finer.name, finer.country)}]
    for position, event in enumerate(article.events):
        if event.place is not None or event.type not in HAPPENINGS:
            continue
        sentences = [event.sentence, *(m.sentence for m in event.mentions)]
        if any(s.start <= p.start < s.end for s in sentences for p in literal):
            continue
        sides = {countries.get(m.actor) for m in (event.source, event.target)
                 if m is not None and m.actor}
        if any(c and c != focus.country for c in sides):
            continue
        lent = country if _many(event, doc) else finer
        if lent is None:
            continue
        place = PlaceRef(place=lent.id, name=lent.name, precision=location_precision(lent))
        article.events[position] = event.model_copy(update={"place": place})


def _many(event: Event, doc: Doc) -> bool:
    """Whether an event tells many happenings at once, across the country rather than in
    the story's town: its sentence counts happenings ("launched 504 attacks in 2024",
    events/figures.py `aggregate`), or the object of its trigger is a plural noun of
    happenings ("The Taliban have intensified battlefield attacks"). A plural trigger alone
    is no campaign: "Past attacks were claimed by Islamic State" were in the story's town."""
    if AGGREGATE in event.contexts:
        return True
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    return any(child.dep_ in VERB_OBJECTS and child.tag_ == "NNS"
               and child.lemma_.lower() in happenings() for child in span.root.children)


def setting_places(article: Article, doc: Doc) -> None:
    """Give the story's setting (places.story_places.story_setting: "diplomats gathered
    Thursday in Charlevoix") to each statement or meeting made there: one of a day an event
    of the first SETTING_SENTENCES is dated, not historical, whose sentences name no other
    literal place (the setting itself may, and for a statement a country, region or sea,
    which its clause never takes), by an actor of a country taking part (the setting's
    country, or that of a person, group or organisation the setting's sentence names: a
    country it names is more often what the talks are about, "peace in Ukraine").
    "Canadian Foreign Minister Melanie Joly said" during the G7 talks in Charlevoix was
    there; Putin commenting from Moscow was not. A source of no known country ("both
    leaders reaffirmed their commitment", "the G7 countries affirmed") is no evidence of
    being elsewhere, nor is a name the gazetteer does not know inside its source's or
    target's words ("the G7 countries": `_in_actor`)."""
    from eventwire.places.event_location import location_precision
    from eventwire.places.not_where import BROAD
    from eventwire.places.story_places import SETTING_SENTENCES, literal_places, story_setting

    setting = story_setting(article, doc)
    if setting is None:
        return
    lead = list(doc.sents)[:SETTING_SENTENCES][-1].end_char
    days = {e.date.value for e in article.events if e.date and any(
        s.start < lead for s in (e.sentence, *(m.sentence for m in e.mentions)))}
    countries = {actor.id: actor.country for actor in article.actors}
    taking_part = {setting.place.country} | {
        countries.get(entity.actor or "") for entity in article.entities
        if setting.start <= entity.start < setting.end and entity.label not in PLACE_LABELS}
    taking_part.discard(None)
    literal = [p for p in literal_places(article)
               if (p.name, p.country) != (setting.place.name, setting.place.country)]
    place = PlaceRef(place=setting.place.id, name=setting.place.name,
                     precision=location_precision(setting.place))
    for position, event in enumerate(article.events):
        if event.place is not None or event.historical or event.date is None \
                or event.mode in PLACELESS_MODES \
                or event.date.value not in days or event.type not in ADDRESSED | MEETINGS \
                or event.source is None or countries.get(event.source.actor or "") \
                not in taking_part | {None}:
            continue
        sentences = [event.sentence, *(m.sentence for m in event.mentions)]
        others = [p for p in literal if (event.type not in ADDRESSED or p.feature not in BROAD)
                  and not _in_actor(p, event)]
        if any(s.start <= p.start < s.end for s in sentences for p in others):
            continue
        article.events[position] = event.model_copy(update={"place": place})


def _in_actor(place: Place, event: Event) -> bool:
    """Whether a name the gazetteer does not know lies inside the words naming the event's
    source or target ("The statement said the G7 countries affirmed"): it names the actor,
    not another place the event happened at."""
    return place.feature is None and any(
        m is not None and m.start <= place.start < m.end for m in (event.source, event.target))


def event_counts(article: Article, trigger_span: tuple[int, int],
                 patient: tuple[int, int] | None) -> list[Count]:
    found: list[Count] = []
    for count in article.counts:
        touches = count.start < trigger_span[1] and trigger_span[0] < count.end
        inside = patient is not None and count.start >= patient[0] and count.end <= patient[1]
        if touches or inside:
            found.append(count)
    return found


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
