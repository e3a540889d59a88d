"""Merging the mentions of one happening never loses a mention, never joins two different
actor pairs (a mention whose target is its own source has none), and keeps the event's own
trigger first, whatever events it is handed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.evaluation.common import gold_article
from eventwire.events.merge import merge_mentions
from eventwire.model import Event, Mention, SentenceRef, Span, TimeRef

ACTORS = st.sampled_from([None, "a1", "a2", "a3"])
WORDS = st.sampled_from(["attack", "attacks", "the attack", "call", "strike"])


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    found: list[Event] = []
    for number in range(draw(st.integers(0, 8))):
        start = number * 50
        text = draw(WORDS)
        source, target = draw(ACTORS), draw(ACTORS)
        day = draw(st.sampled_from([None, "2024-03-01", "2024-03-02"]))
        found.append(Event(
            id=f"v{number + 1}", type=draw(st.sampled_from(["ASSAULT", "CONSULT"])),
            mode=draw(st.sampled_from([None, "phone"])),
            trigger=Span(text=text, start=start, end=start + len(text)),
            sentence=SentenceRef(start=start, end=start + 45),
            source=Mention(text="s", start=0, end=1, actor=source) if source else None,
            target=Mention(text="t", start=2, end=3, actor=target) if target else None,
            date=TimeRef(value=day, precision="day") if day else None,
            confidence=draw(st.floats(0, 1))))
    return found


def _self_targeted(event: Event) -> bool:
    """A mention whose target is its own source: a misread role, no actor pair (merge rule
    3: its target names no one)."""
    return (event.source is not None and event.target is not None
            and event.source.actor is not None and event.source.actor == event.target.actor)


@settings(max_examples=200, deadline=None)
@given(events())
def test_merging_keeps_every_mention_and_never_mixes_actor_pairs(found: list[Event]) -> None:
    article = gold_article("t", "x" * 500, None)
    article.events = list(found)
    features = {e.id: {"bias": 1.0} for e in found}
    merge_mentions(article, None, features)
    starts = sorted(m.trigger.start for e in article.events for m in e.mentions)
    assert starts == sorted(e.trigger.start for e in found)
    assert [e.id for e in article.events] == [f"v{i + 1}" for i in range(len(article.events))]
    assert set(features) == {e.id for e in article.events}
    by_start = {e.trigger.start: e for e in found}
    for event in article.events:
        assert (event.mentions[0].trigger, event.mentions[0].sentence) == (event.trigger,
                                                                           event.sentence)
        members = [by_start[m.trigger.start] for m in event.mentions]
        for role in ("source", "target"):
            ids = {getattr(m, role).actor for m in members
                   if getattr(m, role) is not None and getattr(m, role).actor
                   and not (role == "target" and _self_targeted(m))}
            assert len(ids) <= 1
        assert len({m.type for m in members}) == 1
