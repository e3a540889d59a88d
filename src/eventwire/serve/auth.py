"""The write token: `Authorization: Bearer TOKEN`, compared in constant time, never logged."""

from __future__ import annotations

import hmac

from fastapi import Request

from eventwire.serve.problems import Problem

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="eventwire"'}


def require_token(request: Request) -> None:
    """Problem 403 when writes are off, 401 without the right token."""
    token: str | None = request.app.state.config.token
    if not token:
        raise Problem(403, "writes are off: start `eventwire serve` with --token (or "
                      "EVENTWIRE_TOKEN) to accept articles")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise Problem(401, "Authorization: send 'Authorization: Bearer <token>'",
                      "Authorization", CHALLENGE)
    if not hmac.compare_digest(value.strip().encode("utf-8"), token.encode("utf-8")):
        raise Problem(401, "Authorization: wrong token", "Authorization", CHALLENGE)
