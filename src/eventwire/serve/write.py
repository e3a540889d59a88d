"""POST /api/articles: extract and store one article or a batch (only with a token).

The body is read up to `Config.max_body` bytes (413 beyond), parsed as JSON (400 when it is
not, or nests deeper than `MAX_DEPTH`), and each article checked on its own: one bad
article is reported in its result and never sinks the batch. Extraction and writing run
on one writer thread, which owns the pipeline and the `store.Store` (SQLite objects stay in
the thread that made them).
"""

from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Request

from eventwire.errors import EventwireError, InputError
from eventwire.model import Article
from eventwire.serve.auth import require_token
from eventwire.serve.problems import Problem
from eventwire.text.ingest import make_article, normalise_date

if TYPE_CHECKING:
    from eventwire.pipeline.runner import Pipeline
    from eventwire.serve.app import Config
    from eventwire.store.ingest_service import Ingest
    from eventwire.store.writer import Store

write_router = APIRouter(prefix="/api")
FIELDS = ("text", "published", "url", "title", "outlet", "author", "id")
MAX_DEPTH = 16  # {"articles": [{...}]} is 3 levels
_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
Json = dict[str, Any]


class Writer:
    """The writer thread: the pipeline and the store opened for writing."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventwire-writer")
        self.store: Store | None = None
        self.service: Ingest | None = None
        self.pipeline: Pipeline | None = config.pipeline
        self.max_chars = 2_000_000

    def start(self) -> None:
        self.pool.submit(self._open).result()

    def _open(self) -> None:
        from eventwire.settings import load_settings
        from eventwire.store.ingest_service import Ingest
        from eventwire.store.writer import Store

        settings = load_settings()
        self.max_chars = settings.max_chars
        self.store = Store(self.config.db)
        self.service = Ingest(self.store, clean=settings.clean)

    def _pipeline(self) -> Pipeline:
        if self.pipeline is None:
            from eventwire.pipeline.runner import Pipeline
            from eventwire.settings import load_settings

            self.pipeline = Pipeline(load_settings())
        return self.pipeline

    def stop(self) -> None:
        def close() -> None:
            if self.service is not None:
                self.service.close()
                self.service = None
            if self.store is not None:
                self.store.close()
                self.store = None

        self.pool.submit(close).result()
        self.pool.shutdown()

    async def run(self, items: list[Json]) -> list[Json]:
        return await asyncio.wrap_future(self.pool.submit(self._ingest, items))

    def _ingest(self, items: list[Json]) -> list[Json]:
        """Check, extract and store each item; one result per item, in order."""
        results: list[Json] = [{"index": index} for index in range(len(items))]
        articles: list[tuple[int, Article]] = []
        for index, item in enumerate(items):
            try:
                articles.append((index, _article(item, index, self.max_chars)))
            except InputError as exc:
                results[index]["error"] = str(exc)
        service = self.service
        if service is None:
            raise Problem(503, "the store is closed; the server is shutting down")
        fresh: list[tuple[int, Article]] = []
        for index, article in articles:
            before = service.outcomes["unchanged"]
            if service.skip(article):  # the same pre-check as `eventwire ingest`
                unchanged = service.outcomes["unchanged"] > before
                results[index].update(id=article.id,
                                      outcome="unchanged" if unchanged else "copy")
            else:
                fresh.append((index, article))
        articles = fresh
        done = self._pipeline().process_batch([article for _, article in articles]) \
            if articles else []
        for (index, _), article in zip(articles, done, strict=True):
            failure = article.meta.failure
            if failure is not None:
                results[index]["error"] = (f"body[{index}]: extraction failed at stage "
                                           f"{failure.stage!r}; not stored")
                continue
            try:
                outcome = service.write(article)
            except EventwireError as exc:
                results[index]["error"] = f"body[{index}]: {exc}"
                continue
            results[index].update(id=article.id, outcome=outcome, events=len(article.events),
                                  quotes=len(article.quotes))
        try:
            service.finish()
        except EventwireError as exc:
            raise Problem(503, f"the store could not commit ({exc}); nothing was stored") \
                from None
        return results


def _article(item: Any, index: int, max_chars: int) -> Article:
    where = f"body[{index}]"
    if not isinstance(item, dict):
        raise InputError(where, "an article must be a JSON object with a 'text' field")
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        raise InputError(f"{where}.{unknown[0]}", f"unknown field; an article takes "
                         f"{', '.join(FIELDS)}")
    for name in FIELDS:
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}.{name}", "must be a string")
    if not isinstance(item.get("text"), str) or not item["text"].strip():
        raise InputError(f"{where}.text", "missing or empty; every article needs its text")
    # an unreadable date is refused here (files ingested keep the article, published empty)
    normalise_date(item.get("published"), where)
    return make_article(item, item["text"], where, max_chars)


def nesting(raw: bytes) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings skipped), read
    without recursion, so `[` x 100,000 is measured, never parsed."""
    depth = deepest = 0
    for match in re.finditer(rb"[\[\]{}]", _STRINGS.sub(b'""', raw)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise Problem(413, f"body: over {limit:,} bytes; send fewer or shorter articles",
                      "body")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise Problem(413, f"body: over {limit:,} bytes; send fewer or shorter articles",
                          "body")
    return bytes(data)


@write_router.post("/articles", dependencies=[Depends(require_token)],
                   summary="Extract and store one article or a batch (needs the token)",
                   responses={401: {"description": "no or wrong token"},
                              403: {"description": "the server was started without a token"},
                              413: {"description": "body or batch too large"}})
async def post_articles(request: Request) -> Json:
    """Body: one article `{text, published, url, title, outlet}`, a list of them, or
    `{"articles": [...]}`. Each gets a result: its id and outcome, or its error."""
    config: Config = request.app.state.config
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise Problem(415, "Content-Type: send the articles as application/json",
                      "Content-Type")
    raw = await _body(request, config.max_body)
    if nesting(raw) > MAX_DEPTH:
        raise Problem(400, f"body: JSON nested deeper than {MAX_DEPTH} levels; an article is "
                      "an object of strings", "body")
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Problem(400, f"body: not valid JSON ({exc})", "body") from None
    except RecursionError:
        raise Problem(400, "body: JSON nested too deeply", "body") from None
    single = isinstance(body, dict) and "articles" not in body
    items = [body] if single else body.get("articles") if isinstance(body, dict) else body
    if not isinstance(items, list) or not items:
        raise Problem(422, "body: send an article object, a non-empty list of them, or "
                      "{\"articles\": [...]}", "body")
    if len(items) > config.max_batch:
        raise Problem(413, f"body: {len(items)} articles, over the batch limit of "
                      f"{config.max_batch}; send them in smaller batches", "body")
    results = await request.app.state.writer.run(items)
    errors = [result for result in results if "error" in result]
    if len(errors) == len(results):
        first = errors[0]["error"]
        parameter = first.split(":", 1)[0]
        raise Problem(422, first if single else f"no article was stored; {first}", parameter)
    stored = sum(1 for result in results if result.get("outcome") == "added")
    return {"results": results, "added": stored, "failed": len(errors)}
