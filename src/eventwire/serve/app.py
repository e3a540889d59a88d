"""The `eventwire serve` application: the JSON API, its docs and the web app, one process.

`create_app(Config(db=...))` builds it. The store is read through read-only SQLite
connections (`mode=ro`), one per worker thread; writing (POST /api/articles) exists only
when a token is configured and goes through `store.Store` on one writer thread.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from eventwire._version import __version__
from eventwire.errors import ConfigError
from eventwire.serve import problems
from eventwire.serve.auth import LOCAL_HOSTS, host_allowed, token_problem
from eventwire.store.connection import check_readable, reader

if TYPE_CHECKING:
    from eventwire.pipeline.runner import Pipeline

STATIC = Path(__file__).resolve().parent / "static"
# No page may load anything from another origin: the app works offline.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
       "base-uri 'none'; form-action 'self'")


@dataclass
class Config:
    """How the server runs: the store, the write token, CORS origins and request limits."""

    db: Path
    token: str | None = None
    cors: list[str] = field(default_factory=list)
    hosts: tuple[str, ...] = LOCAL_HOSTS  # Host headers answered ("*": any)
    max_body: int = 2_000_000  # bytes of one POST body
    max_batch: int = 50  # articles in one POST
    max_download: int = 1_000_000  # rows of one CSV/JSONL download
    pipeline: Pipeline | None = None  # built on the first POST when None


class Readers:
    """Read-only connections to the store, one per thread (sqlite3 objects stay in theirs),
    opened by `store.connection.reader` (no -wal/-shm left behind), closed at shutdown."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        self.opened: list[sqlite3.Connection] = []
        self.lock = threading.Lock()

    def open(self) -> sqlite3.Connection:
        connection = reader(self.path, any_thread=True)
        with self.lock:
            self.opened.append(connection)
        return connection

    def reader(self) -> sqlite3.Connection:
        found: sqlite3.Connection | None = getattr(self.local, "reader", None)
        if found is None:
            found = self.open()
            self.local.reader = found
        return found

    def close(self) -> None:
        with self.lock:
            opened, self.opened = self.opened, []
        for connection in opened:
            connection.close()


def check_store(path: Path) -> int:
    """The store's schema version, or StoreError with what to do (`store.connection`)."""
    return check_readable(path)


class Headers(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        hosts: tuple[str, ...] = request.app.state.config.hosts
        if not host_allowed(request.headers.get("host"), hosts):
            response: Response = problems.response(
                421, "Host: this server answers only for " + ", ".join(hosts) + " (start it "
                "with --allow-host NAME to add a name)", request.url.path, "Host")
        else:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def create_app(config: Config) -> FastAPI:
    from eventwire.serve.api import router
    from eventwire.serve.reviews import review_router
    from eventwire.serve.write import Writer, write_router

    problem = token_problem(config.token) if config.token is not None else None
    if problem is not None:
        raise ConfigError(f"--token: {problem}")
    writer = Writer(config) if config.token else None
    if writer is not None:
        writer.start()  # creates the store when it is new, before readers open it
    version = check_store(config.db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.readers.close()
        if writer is not None:
            writer.stop()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="Events, their evidence, quotes and actors from an eventwire "
                              "store. Errors are RFC 9457 problem details.")
    app.state.config = config
    app.state.readers = Readers(config.db)
    app.state.writer = writer
    app.state.schema = version
    app.state.places = {}
    problems.install(app)
    app.add_middleware(Headers)
    if config.cors:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=config.cors,
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.include_router(router)
    app.include_router(write_router)
    app.include_router(review_router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")
    return app


