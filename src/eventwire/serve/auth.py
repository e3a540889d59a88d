"""Who may talk to the server: the Host header allow-list (so a DNS-rebinding page cannot
read a local API), and the write token (`Authorization: Bearer TOKEN`, compared in constant
time, never logged)."""

from __future__ import annotations

import hmac

from fastapi import Request

from eventwire.serve.problems import Problem

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="eventwire"'}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
MIN_TOKEN = 16


def token_problem(token: str) -> str | None:
    """Why `token` cannot be a write token (None: it can): too short, or holding spaces,
    control or non-ASCII characters (which a client could never send back intact)."""
    if len(token) < MIN_TOKEN:
        return (f"at least {MIN_TOKEN} characters, please (e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe())'`)")
    if any(not ("!" <= ch <= "~") for ch in token):
        return "only printable ASCII characters, no spaces"
    return None


def host_name(header: str) -> str:
    """The host of a Host header, lower-cased, without port, brackets or final dot."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0].rstrip(".") if value.count(":") == 1 else value.rstrip(".")


def host_allowed(header: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a request's Host header names this server ("*" in `allowed`: any)."""
    if "*" in allowed:
        return True
    return header is not None and host_name(header) in {host_name(a) for a in allowed}


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
