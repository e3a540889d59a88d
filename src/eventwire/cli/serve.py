"""`eventwire serve`: the HTTP API and the web app over a store (the `serve` extra)."""

from __future__ import annotations

import ipaddress
import logging
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from eventwire.cli.options import err
from eventwire.cli.output import fail
from eventwire.errors import EventwireError

TOKEN_VARIABLE = "EVENTWIRE_TOKEN"


def serve(
    db: Annotated[Path, typer.Option("--db", help="The eventwire database (SQLite).")]
    = Path("eventwire.db"),
    host: Annotated[str, typer.Option(help="Address to listen on (default: this machine "
                                      "only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port.")] = 8000,
    token: Annotated[str | None, typer.Option(
        help=f"Accept POST /api/articles with this bearer token (or set ${TOKEN_VARIABLE}); "
             "without one the server is read-only.", show_default=False)] = None,
    cors: Annotated[list[str] | None, typer.Option(
        help="Allow browser requests from this origin (repeatable); off by default.")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Also answer requests for this host name (repeatable; '*': "
        "any). By default only localhost names and the --host address are answered.")] = None,
) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web app (/) over a store."""
    try:
        import uvicorn

        from eventwire.serve.app import Config, create_app
    except ImportError as exc:
        raise fail(f"`eventwire serve` needs the serve extra ({exc.name} is missing): "
                   "pip install 'eventwire[serve]'") from None
    from eventwire.serve.auth import LOCAL_HOSTS, token_problem

    secret = token if token is not None else os.environ.get(TOKEN_VARIABLE) or None
    problem = token_problem(secret) if secret is not None else None
    if problem is not None:
        raise fail(f"--token: {problem}")
    hosts = (*LOCAL_HOSTS, *([] if host in ("0.0.0.0", "::") else [host]), *(allow_host or []))
    try:
        app = create_app(Config(db=db, token=secret, cors=list(cors or []),
                                hosts=tuple(dict.fromkeys(hosts))))
    except EventwireError as exc:
        raise fail(str(exc)) from None
    if not _is_loopback(host):
        err.print(f"[yellow]warning:[/yellow] listening on {host}: other machines can "
                  "reach this server (it answers requests for "
                  f"{escape(', '.join(hosts))}; --allow-host NAME adds a name)",
                  highlight=False, soft_wrap=True)
    mode = "read-write (POST /api/articles needs the token)" if secret else "read-only"
    err.print(f"eventwire serve: {db} {mode}; open http://{_url_host(host)}:{port}/ "
              f"(API docs at /docs); Ctrl+C stops", highlight=False, soft_wrap=True)
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                proxy_headers=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
