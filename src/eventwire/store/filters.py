"""The event filter every interface builds the same way: the command line's options, the
API's query parameters and the Python API's arguments, checked by `vocab`."""

from __future__ import annotations

from eventwire.errors import InputError
from eventwire.store import vocab
from eventwire.store.queries import EventFilter
from eventwire.store.reviews import STATUSES as REVIEW_STATUSES


def event_filter(type_: str | None = None, actor_: str | None = None,
                 country_: str | None = None, since: str | None = None,
                 until: str | None = None, factual: bool = False,
                 min_confidence: float | None = None, prefix: str = "--",
                 place: str | None = None, reviewed: str | None = None) -> EventFilter:
    """The event filter of the command line, the API and Python alike, each value checked
    against the vocabulary (InputError naming `prefix` + the option, with a suggestion)."""
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise InputError(f"{prefix}min{'-' if prefix else '_'}confidence",
                         f"{min_confidence} is not between 0 and 1")
    if reviewed is not None and reviewed not in (*REVIEW_STATUSES, "all"):
        raise InputError(f"{prefix}reviewed", f"unknown status {reviewed!r}; choose from "
                         f"{', '.join(REVIEW_STATUSES)} or all")
    return EventFilter(type=vocab.event_type(type_, f"{prefix}type"), actor=vocab.actor(actor_),
                       country=vocab.country(country_, f"{prefix}country"),
                       since=vocab.date_bound(since, f"{prefix}since"),
                       until=vocab.date_bound(until, f"{prefix}until", end=True),
                       factual_only=factual, min_confidence=min_confidence,
                       place=(place or "").strip() or None, reviewed=reviewed)
