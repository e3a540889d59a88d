"""Which mention lends a merged event what its best mention lacks (events/merge_fields.py):
roles from a mention whose other role agrees, never source and target one actor, the date
from the finest own date of a mention, never one a fallback lent it."""

from __future__ import annotations

import pytest

from eventwire.events.merge import AGAIN_FILLED, merge_group
from eventwire.model import Event, Mention, Place, PlaceRef, SentenceRef, Span, TimeRef

TALIBAN = ("The Taliban have intensified battlefield attacks. The Afghan army chief said his "
           "forces had killed 1,000 Taliban fighters.")
SHABAB = ("Al-Shabab has been attacking and fighting Kenyan troops since 2011. Three Americans "
          "were killed.")
SHELLING = "Russian forces shelled the town of Kupiansk. The shelling killed 12 civilians."
CHURCH = ("Two people survived a shooting at Mother Emanuel Church. The Mother Emanuel Church "
          "shooting shocked the nation.")
CEASEFIRE = ('Ukraine said it is ready to accept a U.S. proposal. "Ukraine is committed to '
             'peace," Zelenskyy said.')
SUMMIT = ("The leaders met in Jeddah in 2024. The meeting on March 1, 2024 lasted an hour. "
          "The meeting was cordial.")


def _role(text: str, words: str, actor: str | None) -> Mention:
    start = text.index(words)
    return Mention(text=words, start=start, end=start + len(words), actor=actor)


def _event(text: str, number: int, trigger: str, confidence: float,
           source: tuple[str, str | None] | None = None,
           target: tuple[str, str | None] | None = None,
           date: tuple[str, str] | None = None, occurrence: int = 0) -> Event:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    first = text.rfind(". ", 0, start)
    first = first + 2 if first >= 0 else 0
    end = text.find(". ", start)
    return Event(id=f"v{number}", type="ASSAULT",
                 trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                 sentence=SentenceRef(start=first, end=end + 1 if end >= 0 else len(text)),
                 confidence=confidence,
                 source=_role(text, *source) if source else None,
                 target=_role(text, *target) if target else None,
                 date=TimeRef(value=date[0], precision=date[1]) if date else None)


def _actor(mention: Mention | None) -> str | None:
    return mention.actor if mention is not None else None


@pytest.mark.parametrize(("group", "source", "target"), [
    # the target of another source's act is not lent ("his forces" killed the fighters)
    ([_event(TALIBAN, 1, "intensified", 0.8, source=("Taliban", "a1")),
      _event(TALIBAN, 2, "killed", 0.6, source=("his forces", "a2"),
             target=("1,000 Taliban fighters", "a3"))], "a1", None),
    # the mention that names the same attacker lends before one that names none
    ([_event(SHABAB, 1, "attacking", 0.9, source=("Al-Shabab", "a1")),
      _event(SHABAB, 2, "killed", 0.8, target=("Three Americans", "a2")),
      _event(SHABAB, 3, "fighting", 0.5, source=("Al-Shabab", "a1"),
             target=("Kenyan troops", "a3"))], "a1", "a3"),
    # one happening, two victims: the source comes from the mention with the other victim
    ([_event(SHELLING, 1, "killed", 0.9, target=("12 civilians", "a2")),
      _event(SHELLING, 2, "shelled", 0.7, source=("Russian forces", "a1"),
             target=("town of Kupiansk", "a3"))], "a1", "a2"),
    # a silent mention still lends both roles
    ([_event(SHELLING, 1, "shelling", 0.9),
      _event(SHELLING, 2, "shelled", 0.7, source=("Russian forces", "a1"),
             target=("town of Kupiansk", "a3"))], "a1", "a3"),
    # a best mention whose target is its own source lacks one: the other mention lends it
    ([_event(CEASEFIRE, 1, "committed", 0.8, source=("Zelenskyy", "a1"),
             target=("Ukraine", "a1")),
      _event(CEASEFIRE, 2, "ready", 0.6, source=("Ukraine", "a1"), target=("U.S.", "a2"))],
     "a1", "a2"),
    # a target of its own stays
    ([_event(CEASEFIRE, 1, "committed", 0.8, source=("Zelenskyy", "a1"),
             target=("peace", "a3")),
      _event(CEASEFIRE, 2, "ready", 0.6, source=("Ukraine", "a1"), target=("U.S.", "a2"))],
     "a1", "a3"),
])
def test_roles_come_from_the_mention_that_supports_them(group: list[Event], source: str | None,
                                                        target: str | None) -> None:
    merged = merge_group(group)
    assert (_actor(merged.source), _actor(merged.target)) == (source, target)


@pytest.mark.parametrize("first_best", [True, False])
def test_source_and_target_are_never_one_actor(first_best: bool) -> None:
    shot = _event(CHURCH, 1, "shooting", 0.9 if first_best else 0.5,
                  target=("Mother Emanuel Church", "a5"))
    named = _event(CHURCH, 2, "shooting", 0.5 if first_best else 0.9,
                   source=("Mother Emanuel Church", "a5"), occurrence=1)
    merged = merge_group([shot, named])
    assert _actor(merged.source) != _actor(merged.target)
    assert {_actor(merged.source), _actor(merged.target)} == {"a5", None}


@pytest.mark.parametrize(("dates", "value"), [
    # the best mention's own date stays
    ([("2024", "year"), ("2024-03-01", "day"), None], "2024"),
    # lacking one, the finest own date of the others, not the better mention's coarser one
    ([None, ("2024", "year"), ("2024-03-01", "day")], "2024-03-01"),
    ([None, None, ("2024", "year")], "2024"),
    ([None, None, None], None),
])
def test_the_finest_own_date(dates: list[tuple[str, str] | None], value: str | None) -> None:
    group = [_event(SUMMIT, number, trigger, confidence, date=date, occurrence=occurrence)
             for number, (trigger, confidence, occurrence), date in zip(
                 (1, 2, 3), (("met", 0.9, 0), ("meeting", 0.8, 0), ("meeting", 0.7, 1)),
                 dates, strict=True)]
    merged = merge_group(group)
    assert (merged.date.value if merged.date else None) == value


def test_a_date_a_fallback_lent_is_not_lent_again() -> None:
    """Merging again after the fallbacks: a mention lends its own date, never the day the
    previous sentence lent it; the best mention keeps the fallback it was given."""
    published = TimeRef(value="2024-03-05", precision="published")
    best = _event(SUMMIT, 1, "meeting", 0.9, occurrence=1)
    best = best.model_copy(update={"date": published})
    lent = _event(SUMMIT, 2, "met", 0.5, date=("2024-02-20", "day"))
    own: dict[int, TimeRef | None] = {best.trigger.start: published,
                                      lent.trigger.start: published}
    assert merge_group([best, lent], AGAIN_FILLED, dates=own).date == published
    dated = _event(SUMMIT, 3, "met", 0.5, date=("2024", "year"))
    own[dated.trigger.start] = dated.date
    assert merge_group([best, dated], AGAIN_FILLED, dates=own).date == dated.date
    fallback = best.model_copy(update={"date": TimeRef(value="2024-03-04", precision="day")})
    assert merge_group([fallback, dated], AGAIN_FILLED, dates=own).date == fallback.date


TRAIN = ("Militants attacked a train in Pakistan's restive southwestern Balochistan province on "
         "Tuesday. The train remains blocked in a tunnel near Sibi, Balochistan. Another bomb "
         "exploded in Kandahar, Afghanistan. Police also arrested five men in Quetta.")


def _place(number: int, name: str, feature: str, country: str, admin1: str | None,
           after: int = 0) -> Place:
    start = TRAIN.index(name, after)
    return Place(id=f"p{number}", text=name, start=start, end=start + len(name), name=name,
                 feature=feature, country=country, admin1=admin1)


TRAIN_PLACES = {p.id: p for p in (
    _place(1, "Pakistan", "country", "PAK", None),
    _place(2, "Balochistan", "admin1", "PAK", "Balochistan"),
    _place(3, "Sibi", "city", "PAK", "PK.02"),
    _place(4, "Kandahar", "city", "AFG", "AF.23"),
    _place(5, "Quetta", "city", "PAK", "PK.02"),
    _place(6, "Balochistan", "admin1", "PAK", "Balochistan", TRAIN.index("Sibi")))}


def _placed(number: int, trigger: str, confidence: float, place: str | None) -> Event:
    event = _event(TRAIN, number, trigger, confidence)
    if place is None:
        return event
    ref = PlaceRef(place=place, name=TRAIN_PLACES[place].name)
    return event.model_copy(update={"place": ref})


@pytest.mark.parametrize(("group", "expected"), [
    # the best mention's province yields to the town another mention names inside it
    ([_placed(1, "attacked", 0.9, "p2"), _placed(2, "blocked", 0.5, "p3")], "Sibi"),
    # and a country to its province
    ([_placed(1, "attacked", 0.9, "p1"), _placed(2, "blocked", 0.5, "p2")], "Balochistan"),
    # a place lent by another mention is refined the same way
    ([_placed(1, "attacked", 0.9, None), _placed(2, "blocked", 0.5, "p2"),
      _placed(3, "exploded", 0.4, "p3")], "Sibi"),
    # a town in another country is no finer place of this one
    ([_placed(1, "attacked", 0.9, "p2"), _placed(2, "exploded", 0.5, "p4")], "Balochistan"),
    # a town the gazetteer gives only a province code of, which the text never names in
    # the province, is not known to be inside it
    ([_placed(1, "attacked", 0.9, "p2"), _placed(2, "arrested", 0.5, "p5")], "Balochistan"),
    # but it is inside its country
    ([_placed(1, "attacked", 0.9, "p1"), _placed(2, "arrested", 0.5, "p5")], "Quetta"),
    # a town stays the town: a province is coarser, not finer
    ([_placed(1, "attacked", 0.9, "p3"), _placed(2, "blocked", 0.5, "p2")], "Sibi"),
])
def test_a_finer_place_inside_the_merged_one(group: list[Event], expected: str) -> None:
    merged = merge_group(group, places=TRAIN_PLACES, text=TRAIN)
    assert (merged.place.name if merged.place else None) == expected
