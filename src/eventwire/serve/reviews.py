"""/api/reviews: the review log and an event's history (public reads), and the review
actions (POST, only with the token, run on the writer thread like POST /api/articles).

An action's body: `{"version": N, "note": "...", "who": "..."}` plus, for edit, any of
type, mode, source, target, date, place; for merge, `into` (the event to keep); for split,
`mentions` (["ARTICLE_ID/ITEM_ID", ...]). `version` is the review version the analyst saw
(GET /api/reviews/{id} or the event's evidence gives it); a stale one is 409. `who`
defaults to the `reviewer` setting, else "api".
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from eventwire.errors import ConflictError, EventwireError, InputError
from eventwire.serve.auth import require_token
from eventwire.serve.params import known_only
from eventwire.serve.problems import Problem
from eventwire.store import reviews

review_router = APIRouter(prefix="/api/reviews", dependencies=[Depends(known_only)],
                          tags=["reviews"])
Json = dict[str, Any]
IdPath = Annotated[str, Path(min_length=1, max_length=200)]
BODY_FIELDS = {"version", "note", "who", "type", "mode", "source", "target", "date", "place",
               "into", "mentions"}
MAX_BODY = 64_000


class Action(StrEnum):
    confirm = "confirm"
    reject = "reject"
    edit = "edit"
    merge = "merge"
    split_ = "split"


def _reader(request: Request) -> sqlite3.Connection:
    found: sqlite3.Connection = request.app.state.readers.reader()
    return found


@review_router.get("", summary="Recent review actions, newest first")
def review_log(request: Request,
               limit: Annotated[int, Query(ge=1, le=1000)] = 50,
               who: Annotated[str | None, Query(max_length=200)] = None) -> Json:
    return {"reviews": reviews.log(_reader(request), limit, who)}


@review_router.get("/queue", summary="Unreviewed events, least confident first")
def review_queue(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Json:
    return {"events": reviews.queue(_reader(request), limit)}


@review_router.get("/{event_id}", summary="An event's review status, version and history",
                   responses={404: {"description": "no such event"}})
def review_history(request: Request, event_id: IdPath) -> Json:
    db = _reader(request)
    if not reviews.known(db, event_id):
        raise Problem(404, f"event {event_id}: not in the store", "event_id")
    return {"event_id": event_id, "review": reviews.state(db, event_id),
            "history": reviews.history(db, event_id)}


def _text(body: Json, name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise Problem(422, f"body.{name}: must be a string", f"body.{name}")
    return value


def _run(db: sqlite3.Connection, action: Action, event_id: str, body: Json, who: str) -> Json:
    base = body.get("version")
    if base is not None and (not isinstance(base, int) or isinstance(base, bool)):
        raise Problem(422, "body.version: must be an integer", "body.version")
    note = _text(body, "note") or ""
    if action is Action.confirm:
        return reviews.confirm(db, event_id, who, note, base)
    if action is Action.reject:
        return reviews.reject(db, event_id, who, note, base)
    if action is Action.edit:
        changes = {name: _text(body, name) for name in reviews.FIELDS}
        return reviews.edit(db, event_id, changes, who, note, base)
    if action is Action.merge:
        into = _text(body, "into")
        if not into:
            raise Problem(422, "body.into: the event to merge into is required", "body.into")
        return reviews.merge(db, into, event_id, who, note, base)
    mentions = body.get("mentions")
    if not isinstance(mentions, list) or not all(isinstance(m, str) for m in mentions):
        raise Problem(422, "body.mentions: a list of ARTICLE_ID/ITEM_ID", "body.mentions")
    return reviews.split(db, event_id, mentions, who, note, base)


@review_router.post("/{event_id}/{action}", dependencies=[Depends(require_token)],
                    summary="Review an event: confirm, reject, edit, merge or split "
                            "(needs the token)",
                    responses={401: {"description": "no or wrong token"},
                               403: {"description": "the server was started without a token"},
                               404: {"description": "no such event"},
                               409: {"description": "the event changed since `version`"}})
async def review_action(request: Request, event_id: IdPath, action: Action) -> Json:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise Problem(413, f"body: over {MAX_BODY:,} bytes", "body")
    try:
        body = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Problem(400, f"body: not valid JSON ({exc})", "body") from None
    if not isinstance(body, dict):
        raise Problem(422, "body: send a JSON object", "body")
    unknown = sorted(set(body) - BODY_FIELDS)
    if unknown:
        raise Problem(422, f"body.{unknown[0]}: unknown field", f"body.{unknown[0]}")
    who = _text(body, "who") or _default_who()
    writer = request.app.state.writer

    def work() -> Json:
        if writer.store is None:
            raise Problem(503, "the store is closed; the server is shutting down")
        return _run(writer.store.db, action, event_id, body, who)

    try:
        return await asyncio.wrap_future(writer.pool.submit(work))
    except ConflictError as exc:
        raise Problem(409, str(exc), "body.version") from None
    except InputError as exc:
        status = 404 if exc.source == event_id else 422
        raise Problem(status, str(exc), "event_id" if status == 404 else exc.source) from None
    except EventwireError as exc:
        raise Problem(503, str(exc)) from None


def _default_who() -> str:
    from eventwire.settings import load_settings

    return load_settings().reviewer or "api"
