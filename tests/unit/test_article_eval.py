"""The article-level scorer (voa_articles.md rules) on tiny hand-made stories: candidates by
type and overlapping mention sentences, confidence order, duplicates, wrong type, outside,
the dyad word/country rule, document type macro-F1, calibration and the errors view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.article_match import (
    candidates,
    gold_events,
    occurrences,
    verdicts,
    words,
)
from eventwire.evaluation.articles import score_stories, scores, story
from eventwire.evaluation.common import gold_article
from eventwire.model import Actor, Article, Event, EventMention, Mention, SentenceRef, Span

S1 = "Rebels attacked the base on Monday."
S2 = "The attack killed ten soldiers."
S3 = "Iran condemned the attack."
S4 = "Markets fell sharply."
TEXT = " ".join([S1, S2, S3, S4])


def at(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def gold_event(gid: str, kind: str, mentions: list[str], source: dict[str, Any] | None = None,
               target: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": gid, "type": kind, "trigger": mentions[0].split()[1], "mentions": mentions,
            "source": source, "target": target, "modality": "asserted", "historical": False}


def record(events: list[dict[str, Any]], rid: str = "s1", text: str = TEXT) -> dict[str, Any]:
    return {"id": rid, "text": text, "published": "2020-01-01", "gold": {"events": events}}


def event(eid: str, kind: str, sentence: str, word: str, confidence: float = 0.5,
          also: list[str] | None = None, source: Mention | None = None,
          target: Mention | None = None) -> Event:
    start, end = at(sentence)
    first = TEXT.index(word, start)
    mentions = []
    for other in also or []:
        o_start, o_end = at(other)
        mentions.append(EventMention(trigger=Span(text=other[:3], start=o_start, end=o_start + 3),
                                     sentence=SentenceRef(start=o_start, end=o_end)))
    return Event(id=eid, type=kind,  # type: ignore[arg-type]
                 trigger=Span(text=word, start=first, end=first + len(word)),
                 sentence=SentenceRef(start=start, end=end), confidence=confidence,
                 mentions=mentions, source=source, target=target)


def mention(text: str, actor: str | None = None) -> Mention:
    start = TEXT.index(text)
    return Mention(text=text, start=start, end=start + len(text), actor=actor)


ATTACK = gold_event("E1", "ASSAULT", [S1, S2], {"text": "Rebels", "country": None},
                    {"text": "the base", "country": None})
CONDEMN = gold_event("E2", "ACCUSE", [S3], {"text": "Iran", "country": "IRN"}, None)


def kinds(rec: dict[str, Any], events: list[Event], actors: list[Actor] | None = None
          ) -> list[str]:
    return [v.kind for v in verdicts(rec, events, actors or [])]


def test_words_follow_the_rule() -> None:
    assert words("The U.S. Army's forces") == {"army", "forces"}
    assert words("Mr. Xi and his aides, 2nd of 3") == {"xi", "aides", "2nd"}
    assert words(None) == set()


def test_occurrences_finds_every_one() -> None:
    assert occurrences("ab ab ab", "ab") == [(0, 2), (3, 5), (6, 8)]
    assert occurrences("abc", "") == []


def test_one_happening_told_twice_counts_once() -> None:
    rec = record([ATTACK, CONDEMN])
    first = event("v1", "ASSAULT", S1, "attacked", 0.9)
    second = event("v2", "ASSAULT", S2, "attack", 0.6)
    assert kinds(rec, [first, second]) == ["matched", "duplicate"]
    merged = event("v1", "ASSAULT", S1, "attacked", 0.9, also=[S2])
    assert kinds(rec, [merged]) == ["matched"]


def test_higher_confidence_takes_the_gold_event_first() -> None:
    rec = record([ATTACK])
    low = event("v1", "ASSAULT", S1, "attacked", 0.3)
    high = event("v2", "ASSAULT", S2, "attack", 0.8)
    assert kinds(rec, [low, high]) == ["duplicate", "matched"]


def test_wrong_type_and_outside() -> None:
    rec = record([ATTACK, CONDEMN])
    wrong = event("v1", "THREATEN", S3, "condemned")
    outside = event("v2", "ASSAULT", S4, "fell")
    result = verdicts(rec, [wrong, outside])
    assert [v.kind for v in result] == ["wrong-type", "outside"]
    assert result[0].gold is not None and result[0].gold.id == "E2"
    assert result[1].gold is None


def test_a_mention_in_a_gold_sentence_makes_a_candidate() -> None:
    rec = record([CONDEMN])
    far = event("v1", "ACCUSE", S4, "fell", also=[S3])
    assert kinds(rec, [far]) == ["matched"]


def test_second_same_type_gold_in_the_sentence_is_taken_next() -> None:
    other = gold_event("E3", "ASSAULT", [S2])
    rec = record([ATTACK, other])
    first = event("v1", "ASSAULT", S2, "attack", 0.9)
    second = event("v2", "ASSAULT", S2, "killed", 0.5)
    result = verdicts(rec, [first, second])
    assert [(v.kind, v.gold.id if v.gold else None) for v in result] == [
        ("matched", "E1"), ("matched", "E3")]


@pytest.mark.parametrize(("source", "actors", "fits"), [
    (mention("Rebels"), [], True),
    (mention("Iran", "a1"), [Actor(id="a1", name="Rebel army", kind="group")], False),
    (mention("Iran", "a1"), [Actor(id="a1", name="Rebels of the north", kind="group")], True),
    (None, [], False),
])
def test_dyad_source_words_or_actor_name(source: Mention | None, actors: list[Actor],
                                         fits: bool) -> None:
    rec = record([ATTACK])
    predicted = event("v1", "ASSAULT", S1, "attacked", source=source, target=mention("the base"))
    assert verdicts(rec, [predicted], actors)[0].dyad is fits


def test_dyad_by_country_and_null_gold_role() -> None:
    rec = record([CONDEMN])
    tehran = [Actor(id="a1", name="Tehran government", kind="country", country="IRN")]
    by_country = event("v1", "ACCUSE", S3, "condemned", source=mention("attack", "a1"))
    assert verdicts(rec, [by_country], tehran)[0].dyad is True
    no_country = event("v1", "ACCUSE", S3, "condemned", source=mention("attack"))
    assert verdicts(rec, [no_country])[0].dyad is False


def test_scores_of_a_story() -> None:
    rec = record([ATTACK, CONDEMN])
    article = gold_article("s1", TEXT, None)
    article.events.extend([event("v1", "ASSAULT", S1, "attacked", 0.9, source=mention("Rebels"),
                                 target=mention("the base")),
                           event("v2", "ASSAULT", S2, "attack", 0.1),
                           event("v3", "PROTEST", S4, "fell", 0.1)])
    metrics = scores([story(rec, article)])
    assert metrics["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert metrics["recall"] == 0.5
    assert metrics["dyad_f1"] == pytest.approx(0.4)
    assert metrics["duplicate_rate"] == metrics["outside_rate"] == pytest.approx(1 / 3, abs=1e-3)
    assert metrics["wrong_type_rate"] == 0.0
    assert metrics["events_per_story"] == 3.0
    assert metrics["gold_events_per_story"] == 2.0
    assert metrics["doc_type_macro_f1"] == 0.5
    assert metrics["confident_share"] == pytest.approx(1 / 3, abs=1e-3)
    assert metrics["confident_accuracy"] == 1.0
    assert metrics["calibration_error"] == pytest.approx(0.1, abs=1e-3)


def test_no_predictions_scores_zero_and_no_confident_accuracy() -> None:
    metrics = scores([story(record([ATTACK]), gold_article("s1", TEXT, None))])
    assert metrics["precision"] == metrics["recall"] == metrics["f1"] == 0.0
    assert "confident_accuracy" not in metrics


def test_report_splits_by_story_and_lists_errors() -> None:
    records: list[dict[str, Any]] = []
    articles: list[Article] = []
    for number in range(8):
        rid = f"story-{number}"
        records.append(record([ATTACK, CONDEMN], rid=rid))
        article = gold_article(rid, TEXT, None)
        article.events.append(event("v1", "ASSAULT", S1, "attacked", 0.9))
        articles.append(article)
    report = score_stories([Path("gold.jsonl")], records, articles, errors=2)
    assert report.metrics["look:n"] + report.metrics["untouched:n"] == 8
    assert report.metrics["recall"] == 0.5
    assert len(report.errors) == 2
    assert "[matched] v1 ASSAULT 'attacked'" in report.errors[0]
    assert "[missed] E2 ACCUSE" in report.errors[0]


def test_historical_agreement_over_matches() -> None:
    old = dict(gold_event("E1", "ASSAULT", [S1]), historical=True)
    rec = record([old, CONDEMN])
    article = gold_article("s1", TEXT, None)
    article.events.extend([event("v1", "ASSAULT", S1, "attacked", 0.9),
                           event("v2", "ACCUSE", S3, "condemned", 0.9)])
    assert scores([story(rec, article)])["historical_agreement"] == 0.5
    article.events[0] = article.events[0].model_copy(update={"historical": True})
    assert scores([story(rec, article)])["historical_agreement"] == 1.0


def test_candidates_ignore_what_other_predictions_took() -> None:
    rec = record([ATTACK, CONDEMN])
    gold = gold_events(rec)
    taken = event("v1", "ASSAULT", S2, "attack", 0.9)
    assert [g.id for g in candidates(gold, taken)] == ["E1"]
    assert candidates(gold, event("v2", "ACCUSE", S1, "attacked")) == []
