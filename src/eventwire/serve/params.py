"""Query parameters shared by the API's routes, checked with errors that name them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request

from eventwire.errors import InputError
from eventwire.serve.problems import Problem
from eventwire.store import vocab
from eventwire.store.queries import EventFilter

MAX_TEXT = 200

TypeQ = Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT (any case)",
                                    max_length=40)]
ModeQ = Annotated[str | None, Query(description="event mode, e.g. 'rocket'", max_length=60)]
CountryQ = Annotated[str | None, Query(alias="country", max_length=60, description=(
    "where: an ISO 3166-1 alpha-3 code (any case) or a country name"))]
ActorQ = Annotated[str | None, Query(description="source or target: part of a name, or an "
                                     "ISO3 code or country name", max_length=MAX_TEXT)]
SinceQ = Annotated[str | None, Query(description="first day: YYYY, YYYY-MM or YYYY-MM-DD",
                                     max_length=10)]
UntilQ = Annotated[str | None, Query(description="last day: YYYY, YYYY-MM or YYYY-MM-DD",
                                     max_length=10)]
ConfidenceQ = Annotated[float | None, Query(ge=0.0, le=1.0, description="minimum confidence")]
PlaceQ = Annotated[str | None, Query(max_length=200, description="a place name, exactly as "
                                    "the events and /api/places give it")]
FactualQ = Annotated[bool | None, Query(description="true: only factual (asserted, "
                                        "not negated) events; false: only the others")]
TextQ = Annotated[str | None, Query(description="words in the sentence, actors or place",
                                    max_length=MAX_TEXT)]
PageQ = Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")]
SizeQ = Annotated[int | None, Query(ge=1, le=500, description="items per page (the "
                                    "command line's --limit)")]
OldSizeQ = Annotated[int | None, Query(ge=1, le=500, deprecated=True,
                                       description="the old name of `limit`")]
DEFAULT_LIMIT = 50


def page_limit(limit: SizeQ = None, page_size: OldSizeQ = None) -> int:
    """`limit` (or its deprecated name `page_size`): items per page."""
    return limit or page_size or DEFAULT_LIMIT


LimitDep = Annotated[int, Depends(page_limit)]


def checked(check: Callable[..., str | None], value: str | None, name: str,
            **options: Any) -> str | None:
    """`check` (a `store.vocab` function) on `value`; its error a 422 naming `name`."""
    try:
        found: str | None = check(value, name, **options)
    except InputError as exc:
        raise Problem(422, str(exc), name) from None
    return found


def day(value: str | None, name: str, end: bool = False) -> str | None:
    """The first (`end`: last) day of YYYY, YYYY-MM or YYYY-MM-DD."""
    return checked(vocab.date_bound, value, name, end=end)


def country(value: str | None, name: str = "country") -> str | None:
    """An ISO3 code from a code (any case) or a country name, with a suggestion if unknown."""
    return checked(vocab.country, text(value, name), name)


def text(value: str | None, name: str) -> str | None:
    """Stripped text, or None; control characters refused (SQLite would cut at a NUL)."""
    if value is None:
        return None
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value):  # "\n" is not blank
        raise Problem(422, f"{name}: control characters are not allowed", name)
    return value.strip() or None

ReviewedQ = Annotated[Literal["machine", "confirmed", "corrected", "rejected", "merged", "all"]
                      | None, Query(description="review status (default: every event not "
                                    "rejected nor merged away)")]


def filters(type: TypeQ = None, mode: ModeQ = None, country_: CountryQ = None,
            actor: ActorQ = None, since: SinceQ = None, until: UntilQ = None,
            min_confidence: ConfidenceQ = None, factual: FactualQ = None,
            q: TextQ = None, place: PlaceQ = None, reviewed: ReviewedQ = None) -> EventFilter:
    """The event filter of the query, each value checked as the command line checks it."""
    spec = EventFilter(type=checked(vocab.event_type, text(type, "type"), "type"),
                       mode=text(mode, "mode"), country=country(country_),
                       actor=vocab.actor(text(actor, "actor")), since=day(since, "since"),
                       until=day(until, "until", end=True), min_confidence=min_confidence,
                       factual=factual, q=text(q, "q"), place=text(place, "place"),
                       reviewed=reviewed)
    if spec.since and spec.until and spec.since > spec.until:
        raise Problem(422, f"until: {spec.until} is before since ({spec.since})", "until")
    return spec


def known_only(request: Request) -> None:
    """Refuse query parameters the route does not take (a typo would silently match all)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = {param.alias for param in _query_params(dependant)}
    for name in request.query_params:
        if name not in known:
            allowed = ", ".join(sorted(known)) or "none"
            raise Problem(422, f"{name}: unknown parameter; this route takes {allowed}", name)


def _query_params(dependant: Any) -> list[Any]:
    found = list(getattr(dependant, "query_params", []))
    for inner in getattr(dependant, "dependencies", []):
        found += _query_params(inner)
    return found
