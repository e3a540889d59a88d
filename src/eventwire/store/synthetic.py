"""Synthetic, well-formed records for store benchmarks and crash tests (no NLP).

Each record is built with the model classes: actors, entities, a place, a time, a quote
and events whose offsets point at the record's own text. About one record in five is a
light rewrite of an earlier one (same wire story, same events), so story and event dedup
have work to do. The same `seed` always gives the same records.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from eventwire.model import (
    Actor,
    Article,
    Entity,
    Event,
    EventType,
    Mention,
    Meta,
    Place,
    PlaceRef,
    Quote,
    SentenceRef,
    Span,
    TimeExpr,
    TimeRef,
)

PEOPLE = [("Mark Esper", "USA", "GOV"), ("Adel Abdul Mahdi", "IRQ", "GOV"),
          ("Mike Pompeo", "USA", "GOV"), ("Angela Merkel", "DEU", "GOV"),
          ("Emmanuel Macron", "FRA", "GOV"), ("Recep Tayyip Erdogan", "TUR", "GOV"),
          ("Cyril Ramaphosa", "ZAF", "GOV"), ("Narendra Modi", "IND", "GOV"),
          ("Jacinda Ardern", "NZL", "GOV"), ("Andres Manuel Lopez Obrador", "MEX", "GOV")]
PLACES = [("Baghdad", "IRQ", 33.34, 44.40), ("Berlin", "DEU", 52.52, 13.40),
          ("Paris", "FRA", 48.85, 2.35), ("Ankara", "TUR", 39.93, 32.86),
          ("Pretoria", "ZAF", -25.75, 28.19), ("New Delhi", "IND", 28.61, 77.21)]
VERBS: dict[EventType, str] = {
    "CONSULT": "spoke by phone with", "REQUEST": "asked", "ACCUSE": "accused",
    "THREATEN": "warned", "AGREE": "signed a deal with", "ASSAULT": "attacked forces of",
    "SUPPORT": "praised", "REJECT": "rejected a proposal from"}
TOPICS = ["the rocket attacks", "trade", "the border", "sanctions", "elections"]


def _sentence(source: str, target: str, verb: str, place: str, topic: str) -> str:
    return f"{source} {verb} {target} in {place} on Monday about {topic}."


def _build(number: int, rng: random.Random, day: date, pair: tuple[int, int],
           place_index: int, kinds: list[EventType], topic: str, rewrite: bool) -> Article:
    people = [PEOPLE[pair[0]], PEOPLE[pair[1]]]
    place = PLACES[place_index]
    text = ""
    spans: list[tuple[str, int, int, int]] = []
    events: list[tuple[EventType, int, int, int, int]] = []
    for kind in kinds:
        verb = VERBS[kind]
        sentence = _sentence(people[0][0], people[1][0], verb, place[0], topic)
        start = len(text)
        text += sentence + " "
        source_at = sentence.index(people[0][0])
        target_at = sentence.index(people[1][0], source_at + len(people[0][0]))
        place_at = sentence.index(place[0], target_at)
        spans += [("a1", start + source_at, start + source_at + len(people[0][0]), 0),
                  ("a2", start + target_at, start + target_at + len(people[1][0]), 1),
                  ("p", start + place_at, start + place_at + len(place[0]), -1)]
        trigger = start + sentence.index(verb)
        events.append((kind, start, start + len(sentence), trigger, trigger + len(verb)))
    quote_start = len(text) + 1
    quote = f"We will not accept this, {number}"
    text += f"\"{quote},\" {people[1][0]} said."
    if rewrite:
        text += " Officials confirmed the account later."
    speaker_at = quote_start + len(quote) + 3
    actors = [Actor(id=f"a{i + 1}", name=name, kind="person", country=country, sectors=[sector],
                    mentions=[f"e{j}" for j, s in enumerate(spans) if s[0] == f"a{i + 1}"])
              for i, (name, country, sector) in enumerate(people)]
    entities = [Entity(id=f"e{j}", text=text[s:e], label="GPE" if who == "p" else "PERSON",
                       start=s, end=e, actor=None if who == "p" else who)
                for j, (who, s, e, _) in enumerate(spans)]
    first_place = next(s for s in spans if s[0] == "p")
    places = [Place(id="p1", text=place[0], start=first_place[1], end=first_place[2],
                    name=place[0], country=place[1], lat=place[2], lon=place[3])]
    monday = text.index("Monday")
    times = [TimeExpr(id="t1", text="Monday", start=monday, end=monday + 6, type="DATE",
                      value=day.isoformat(), precision="day")]
    quotes = [Quote(id="q1", text=quote, start=quote_start, end=quote_start + len(quote),
                    direct=True, cue="said",
                    speaker=Mention(text=people[1][0], start=speaker_at,
                                    end=speaker_at + len(people[1][0]), actor="a2"))]
    event_items = []
    for k, (kind, s_start, s_end, t_start, t_end) in enumerate(events):
        source = next(sp for sp in spans if sp[0] == "a1" and s_start <= sp[1] < s_end)
        target = next(sp for sp in spans if sp[0] == "a2" and s_start <= sp[1] < s_end)
        event_items.append(Event(
            id=f"v{k + 1}", type=kind, trigger=Span(text=text[t_start:t_end], start=t_start,
                                                    end=t_end),
            sentence=SentenceRef(start=s_start, end=s_end),
            source=Mention(text=text[source[1]:source[2]], start=source[1], end=source[2],
                           actor="a1"),
            target=Mention(text=text[target[1]:target[2]], start=target[1], end=target[2],
                           actor="a2"),
            date=TimeRef(time="t1", value=day.isoformat(), precision="day"),
            place=PlaceRef(place="p1", name=place[0]), confidence=0.8))
    return Article(id=f"syn-{number:07d}", url=f"https://example.org/news/{number}",
                   outlet=rng.choice(["Wire One", "Daily Two", "Herald Three"]),
                   published=(day + timedelta(days=1)).isoformat(), language="en", text=text,
                   entities=entities, actors=actors, places=places, times=times,
                   quotes=quotes, events=event_items,
                   meta=Meta(version="eventwire synthetic", source="synthetic"))


def records(count: int, seed: int = 7, start: date = date(2019, 1, 1)) -> Iterator[Article]:
    """`count` synthetic articles spread over a year."""
    rng = random.Random(seed)
    kinds = sorted(VERBS)
    made: list[tuple[date, tuple[int, int], int, list[EventType], str]] = []
    for number in range(count):
        if made and rng.random() < 0.2:
            day, pair, place, chosen, topic = rng.choice(made[-50:])
            yield _build(number, random.Random(number), day, pair, place, chosen, topic,
                         rewrite=True)
            continue
        day = start + timedelta(days=rng.randrange(365))
        pair = (rng.randrange(len(PEOPLE)), rng.randrange(len(PEOPLE)))
        if pair[0] == pair[1]:
            pair = (pair[0], (pair[1] + 1) % len(PEOPLE))
        place = rng.randrange(len(PLACES))
        chosen = rng.sample(kinds, rng.randint(1, 3))
        topic = rng.choice(TOPICS)
        made.append((day, pair, place, chosen, topic))
        yield _build(number, random.Random(number), day, pair, place, chosen, topic,
                     rewrite=False)
