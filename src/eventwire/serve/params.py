"""Query parameters shared by the API's routes, checked with errors that name them."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request

from eventwire.model import EVENT_TYPES
from eventwire.serve.problems import Problem
from eventwire.serve.queries import Filters

ISO3 = re.compile(r"^[A-Za-z]{3}$")
MAX_TEXT = 200

TypeQ = Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT",
                                    max_length=20)]
ModeQ = Annotated[str | None, Query(description="event mode, e.g. 'rocket'", max_length=60)]
CountryQ = Annotated[str | None, Query(alias="country", max_length=3,
                                       description="ISO 3166-1 alpha-3 of the event place")]
ActorQ = Annotated[str | None, Query(description="source or target: part of a name, or an "
                                     "ISO3 country code", max_length=MAX_TEXT)]
SinceQ = Annotated[str | None, Query(description="first day, YYYY-MM-DD", max_length=10)]
UntilQ = Annotated[str | None, Query(description="last day, YYYY-MM-DD", max_length=10)]
ConfidenceQ = Annotated[float | None, Query(ge=0.0, le=1.0, description="minimum confidence")]
FactualQ = Annotated[bool | None, Query(description="true: only factual (asserted, "
                                        "not negated) events; false: only the others")]
TextQ = Annotated[str | None, Query(description="words in the sentence, actors or place",
                                    max_length=MAX_TEXT)]
PageQ = Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")]
SizeQ = Annotated[int, Query(ge=1, le=500, description="items per page")]


def day(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise Problem(422, f"{name}: {value!r} is not a date; use YYYY-MM-DD", name) from None


def event_type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    upper = value.strip().upper()
    if upper not in EVENT_TYPES:
        raise Problem(422, f"type: {value!r} is not a PLOVER event type; one of "
                      f"{', '.join(EVENT_TYPES)}", "type")
    return upper


def country(value: str | None, name: str = "country") -> str | None:
    if value is None or not value.strip():
        return None
    if not ISO3.match(value.strip()):
        raise Problem(422, f"{name}: {value!r} is not an ISO 3166-1 alpha-3 code (e.g. IRQ)",
                      name)
    return value.strip().upper()


def text(value: str | None, name: str) -> str | None:
    """Stripped text, or None; control characters refused (SQLite would cut at a NUL)."""
    if value is None or not value.strip():
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise Problem(422, f"{name}: control characters are not allowed", name)
    return value.strip()


def filters(type: TypeQ = None, mode: ModeQ = None, country_: CountryQ = None,
            actor: ActorQ = None, since: SinceQ = None, until: UntilQ = None,
            min_confidence: ConfidenceQ = None, factual: FactualQ = None,
            q: TextQ = None) -> Filters:
    spec = Filters(type=event_type(type), mode=text(mode, "mode"), country=country(country_),
                   actor=text(actor, "actor"), since=day(since, "since"), until=day(until, "until"),
                   min_confidence=min_confidence, factual=factual, q=text(q, "q"))
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
