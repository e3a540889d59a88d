"""The fields of a merged event: which mention of the happening lends what the best lacks.

events/merge.py folds the mentions of one happening into one event, the best mention's
(highest confidence). What the best mention lacks is taken from the other mentions, but
not blindly from the first that has it:

Roles (source and target). A mention's source and target are read together: its target is
whom ITS source acted on. A mention lends a target only when its source does not
contradict the merged event's: it names no actor there, or the same actor (events/
equivalence.py: an alias, "the president" and the president); "the Taliban have
intensified attacks" takes no target from "his forces killed 1,000 Taliban fighters". One
happening may have several victims ("Russian forces shelled the town ... The shelling
killed 12 civilians"), so a source may come from a mention with another target, after
those that agree or name none. A mention whose other role is the same actor (it supports
the pair) lends before one that names none
("al-Shabab has been attacking and fighting Kenyan troops ... Three Americans were
killed": the attacking mention's target comes from "fighting", whose source is
al-Shabab, not from "killed", which names no attacker). A lent role is never the actor of
the other role: source and target of one event are two actors ("survived a shooting at
Mother Emanuel Church", "the Mother Emanuel Church shooting": the church is no shooter).
So a best mention whose target is its own source (the article links them: "'Ukraine is
committed to peace,' Zelenskyy said") lacks a target: another mention lends one ("Ukraine
said it is ready to accept a U.S. proposal": the United States); none lending, it keeps
its own.

Date. Only a mention's own date counts (the time expression of its own clause; never the
publication date, nor a date a fallback lent it since: events/news_day.py `fill_fallbacks`,
whose previous-sentence or news day belongs to another sentence, is never lent). The best
mention keeps its date (merging again: its own, or the fallback it was given); lacking one,
it takes the finest own date of the other mentions (a day before a month, a month before a
year; the better mention on ties); lacking any, it keeps the publication date.

Place. The best mention's place, else the first other mention's (best first); then, in
either merge, a finer place another mention names inside it: a town or district inside the
province or country, a province inside the country, a quarter inside the town
(places/containment.py; `finer_place`). "an attack on a train
in Pakistan's Balochistan province" and "the train remains blocked in a tunnel near Sibi,
Balochistan", one happening, took place near Sibi.

A phone call (data/events/type_groups.toml `placeless_modes`) is lent no place.

Everything else the best mention lacks (mode, count, killed, injured, arrested,
reported_by) comes from the other mentions, best first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from eventwire.events.type_groups import PLACELESS_MODES
from eventwire.model import EVENT_ROLES, Event, Mention, Place, PlaceRef, TimeRef
from eventwire.places.containment import COARSENESS, lies_inside

# Finer first: the rank of a date's precision (lower is finer); others come last.
FINENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}
ROLES = EVENT_ROLES

Key = Callable[[str | None], str | None]


def calendar(date: TimeRef | None) -> str | None:
    """The calendar value of an event's own date; None for the publication-date fallback and
    for values that are no calendar date (durations "P5W", references "PRESENT_REF")."""
    if date is None or date.precision == "published" or not date.value:
        return None
    if not date.value[:1].isdigit():
        return None
    return date.value[:10] if "T" in date.value else date.value


def known(event: Event, name: str) -> bool:
    """Whether the event has this field: a date other than the publication-date fallback,
    an actor mention that resolved to an actor, any other value."""
    value = getattr(event, name)
    if name == "date":
        return calendar(value) is not None
    if name in ROLES:
        return value is not None and value.actor is not None
    return value is not None


def _own(event: Event, dates: Mapping[int, TimeRef | None] | None) -> TimeRef | None:
    """The mention's own date: `dates` (by trigger start) where a fallback may have filled
    the field since, else the field."""
    date = dates.get(event.trigger.start) if dates is not None \
        and event.trigger.start in dates else event.date
    return date if calendar(date) is not None else None


def own_date(best: Event, others: list[Event],
             dates: Mapping[int, TimeRef | None] | None = None) -> TimeRef | None:
    """The merged event's date: the best mention's own, else the finest own date of the
    others (the better mention on ties); None when no mention has one of its own."""
    mine = _own(best, dates)
    if mine is not None:
        return mine
    found = [(FINENESS.get(date.precision or "", len(FINENESS)), rank, date)
             for rank, date in enumerate(_own(e, dates) for e in others) if date is not None]
    return min(found, key=lambda item: item[:2])[2] if found else None


def _actor(mention: Mention | None) -> str | None:
    return mention.actor if mention is not None else None


def roles(best: Event, others: list[Event], key: Key) -> dict[str, Any]:
    """Source and target (with their conjuncts) the best mention lacks, from the mention
    that best supports the pair (see the module docstring)."""
    update: dict[str, Any] = {}
    chosen = {name: key(_actor(getattr(best, name))) if known(best, name) else None
              for name in ROLES}
    if chosen["target"] is not None and chosen["target"] == chosen["source"]:
        chosen["target"] = None  # its own source: a misread role, lacking (see above)
    for name in ROLES:
        if chosen[name] is not None:
            continue
        other = "target" if name == "source" else "source"
        mine = chosen[other]
        supported: list[Event] = []
        silent: list[Event] = []
        apart: list[Event] = []  # another victim: a source may still come from it
        for event in others:
            if not known(event, name) or key(_actor(getattr(event, name))) == mine:
                continue
            theirs = key(_actor(getattr(event, other))) if known(event, other) else None
            if theirs is None or mine is None:
                silent.append(event)
            elif theirs == mine:
                supported.append(event)
            elif name == "source":
                apart.append(event)
        donor = next(iter(supported + silent + apart), None)
        if donor is None:
            continue
        chosen[name] = key(_actor(getattr(donor, name)))
        update[name] = getattr(donor, name)
        update[f"{name}s_also"] = getattr(donor, f"{name}s_also")
    return update


def finer_place(place: PlaceRef | None, others: list[Event], places: Mapping[str, Place],
                text: str) -> PlaceRef | None:
    """The finest place another mention (best first) names inside the merged event's
    `place`; `place` itself when none does (see the module docstring)."""
    outer = places.get(place.place) if place is not None else None
    if outer is None:
        return place
    finer = [(COARSENESS[inner.feature or ""], rank, event.place)
             for rank, event in enumerate(others) if event.place is not None
             and (inner := places.get(event.place.place)) is not None
             and lies_inside(inner, outer, text, places.values())]
    return min(finer, key=lambda item: item[:2])[2] if finer else place


def filled(best: Event, others: list[Event], fields: tuple[str, ...], key: Key,
           dates: Mapping[int, TimeRef | None] | None = None,
           places: Mapping[str, Place] | None = None, text: str = "") -> dict[str, Any]:
    """Fields the best mention lacks, from the other mentions (see the module docstring);
    with `places` (the article's, by id) and its `text` a finer place inside the merged
    one is taken."""
    update: dict[str, Any] = {}
    if "source" in fields or "target" in fields:
        update.update(roles(best, others, key))
    if "date" in fields:
        date = None if known(best, "date") else own_date(best, others, dates)
        if date is not None and date != best.date:
            update["date"] = date
    for name in fields:
        if name in ROLES or name == "date" or known(best, name) \
                or (name == "place" and best.mode in PLACELESS_MODES):
            continue
        donor = next((e for e in others if known(e, name)), None)
        if donor is not None:
            update[name] = getattr(donor, name)
    if places is not None:
        place = update.get("place", best.place)
        finer = finer_place(place, others, places, text)
        if finer is not place:
            update["place"] = finer
    return update
