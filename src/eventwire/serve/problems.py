"""Errors as RFC 9457 problem details (application/problem+json), never a stack trace."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("eventwire.serve")


class Problem(Exception):
    """A request the API refuses: its status, a one-line detail, the parameter at fault."""

    def __init__(self, status: int, detail: str, parameter: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.parameter = parameter
        self.headers = headers


def response(status: int, detail: str, instance: str, parameter: str | None = None,
             headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase,
                            "status": status, "detail": detail, "instance": instance}
    if parameter is not None:
        body["parameter"] = parameter
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _name(location: tuple[Any, ...]) -> str:
    """`page_size` from ('query', 'page_size'); `body[0].text` from ('body', 0, 'text')."""
    if not location:
        return "request"
    if location[0] in ("query", "path", "header") and len(location) > 1:
        return str(location[1])
    parts = [str(location[0])]
    for part in location[1:]:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(parts)


def install(app: FastAPI) -> None:
    """Route every error through problem details."""

    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return response(exc.status, exc.detail, request.url.path, exc.parameter, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        parameter = _name(tuple(first.get("loc", ())))
        message = str(first.get("msg", "invalid value"))
        details = [{"parameter": _name(tuple(e.get("loc", ()))), "message": str(e.get("msg"))}
                   for e in errors[:20]]
        return response(422, f"{parameter}: {message}", request.url.path, parameter,
                        errors=details)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such resource: {request.url.path}"
        return response(exc.status_code, detail, request.url.path,
                        headers=dict(exc.headers) if exc.headers else None)

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s %s: %s", request.method, request.url.path,
                  type(exc).__name__)
        return response(500, "internal error; the server log says more", request.url.path)
