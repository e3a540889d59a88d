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

from eventwire import __version__
from eventwire.errors import StoreError
from eventwire.serve import problems
from eventwire.store.schema import SCHEMA_VERSION, inspect

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
    max_body: int = 2_000_000  # bytes of one POST body
    max_batch: int = 50  # articles in one POST
    max_download: int = 1_000_000  # rows of one CSV/JSONL download
    pipeline: Pipeline | None = None  # built on the first POST when None


class Readers:
    """Read-only connections to the store, one per thread (sqlite3 objects stay in theirs)."""

    def __init__(self, path: Path) -> None:
        self.uri = f"{path.resolve().as_uri()}?mode=ro"
        self.local = threading.local()

    def open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.uri, uri=True, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA query_only = ON")
        return connection

    def reader(self) -> sqlite3.Connection:
        found: sqlite3.Connection | None = getattr(self.local, "reader", None)
        if found is None:
            found = self.open()
            self.local.reader = found
        return found


def check_store(path: Path) -> int:
    """The store's schema version, or StoreError with what to do (the queries read the
    tables of the current schema; `eventwire ingest` upgrades an older store)."""
    version = inspect(path, thorough=False)
    if version is None:
        raise StoreError(f"{path}: no eventwire store here; create one with "
                         f"`eventwire ingest PATH --db {path}`")
    if version < SCHEMA_VERSION:
        raise StoreError(f"{path}: store schema {version} is older than {SCHEMA_VERSION}; "
                         f"run `eventwire ingest --db {path}` once to upgrade it")
    return version


class Headers(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
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

    writer = Writer(config) if config.token else None
    if writer is not None:
        writer.start()  # creates the store when it is new, before readers open it
    version = check_store(config.db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
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


