"""Evidence spans of a stored record: what to highlight in an article's text.

A span is {kind, start, end, text, ref}: kind is trigger, source, target, time, place,
quote, count, reporter, sentence (or entity in the whole-article view); start/end are
character offsets into the record's `text`, as everywhere in eventwire.
"""

from __future__ import annotations

import json
from typing import Any

Span = dict[str, Any]


def load(record: str) -> dict[str, Any]:
    value = json.loads(record)
    return value if isinstance(value, dict) else {}


def _span(kind: str, text: str, start: Any, end: Any, ref: str | None = None) -> Span | None:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return None
    return {"kind": kind, "start": start, "end": end, "text": text[start:end], "ref": ref}


def _by_id(items: list[dict[str, Any]], item_id: Any) -> dict[str, Any] | None:
    return next((item for item in items if item.get("id") == item_id), None)


def event_spans(record: dict[str, Any], item_id: str) -> tuple[list[Span], dict[str, Any]]:
    """The spans of one event item (and the item's own fields), or ([], {}) if absent."""
    text = record.get("text") or ""
    event = _by_id(record.get("events") or [], item_id)
    if event is None:
        return [], {}
    found: list[Span | None] = []
    sentence = event.get("sentence") or {}
    start, end = sentence.get("start"), sentence.get("end")
    found.append(_span("sentence", text, start, end, item_id))
    trigger = event.get("trigger") or {}
    found.append(_span("trigger", text, trigger.get("start"), trigger.get("end"), item_id))
    for role in ("source", "target"):
        for mention in [event.get(role), *(event.get(f"{role}s_also") or [])]:
            if mention:
                found.append(_span(role, text, mention.get("start"), mention.get("end"),
                                   mention.get("actor")))
    when = event.get("date") or {}
    time = _by_id(record.get("times") or [], when.get("time"))
    if time:
        found.append(_span("time", text, time.get("start"), time.get("end"), time.get("id")))
    where = event.get("place") or {}
    place = _by_id(record.get("places") or [], where.get("place"))
    if place:
        found.append(_span("place", text, place.get("start"), place.get("end"), place.get("id")))
    count = _by_id(record.get("counts") or [], event.get("count"))
    if count:
        found.append(_span("count", text, count.get("start"), count.get("end"), count.get("id")))
    reporter = event.get("reported_by") or {}
    found.append(_span("reporter", text, reporter.get("start"), reporter.get("end"),
                       reporter.get("actor")))
    for quote in record.get("quotes") or []:
        inside = (isinstance(start, int) and isinstance(end, int)
                  and isinstance(quote.get("start"), int) and isinstance(quote.get("end"), int)
                  and quote["start"] < end and start < quote["end"])
        if inside or quote.get("id") == reporter.get("quote"):
            found.append(_span("quote", text, quote.get("start"), quote.get("end"),
                               quote.get("id")))
    fields = {key: event.get(key) for key in ("id", "type", "mode", "contexts", "negated",
                                              "modality", "confidence", "killed", "injured",
                                              "arrested")}
    fields["date"] = when.get("value")
    fields["place"] = place.get("name") if place else where.get("name")
    return [span for span in found if span is not None], fields


def quote_spans(record: dict[str, Any], quote_id: str) -> list[Span]:
    text = record.get("text") or ""
    quote = _by_id(record.get("quotes") or [], quote_id)
    if quote is None:
        return []
    speaker = quote.get("speaker") or {}
    found = [_span("quote", text, quote.get("start"), quote.get("end"), quote_id),
             _span("source", text, speaker.get("start"), speaker.get("end"),
                   speaker.get("actor")),
             _span("trigger", text, quote.get("cue_start"), quote.get("cue_end"), quote_id)]
    return [span for span in found if span is not None]


def article_spans(record: dict[str, Any]) -> list[Span]:
    """Every event trigger, place, time, count and quote of the article."""
    text = record.get("text") or ""
    found: list[Span | None] = []
    for event in record.get("events") or []:
        trigger = event.get("trigger") or {}
        found.append(_span("trigger", text, trigger.get("start"), trigger.get("end"),
                           event.get("id")))
    for kind, key in (("place", "places"), ("time", "times"), ("count", "counts"),
                      ("quote", "quotes")):
        for item in record.get(key) or []:
            found.append(_span(kind, text, item.get("start"), item.get("end"), item.get("id")))
    for entity in record.get("entities") or []:
        if entity.get("actor"):
            found.append(_span("entity", text, entity.get("start"), entity.get("end"),
                               entity.get("actor")))
    return [span for span in found if span is not None]
