"""Polite, bounded HTTP fetching: robots.txt, per-host delay and concurrency, retries.

`Fetcher.get` fetches one URL and returns a `Page` or raises `FetchError` (one line naming
the URL; `permanent` says whether trying again later could help) or `Stopped` (the stop
event was set: nothing new is requested, requests in flight finish). Every request names
eventwire and its version in its User-Agent, follows at most `max_redirects` redirects,
reads at most `max_bytes` (streamed; it stops reading beyond), and retries 429 and 5xx
answers with exponential backoff, honouring Retry-After. robots.txt is fetched through the
same client and read with `urllib.robotparser`; its Crawl-delay raises the per-host delay.

Hostile servers (`feeds.guard`): every URL and redirect must be http(s) on public addresses
(unless `allow_private`); headers must be complete within `timeout`, the whole answer within
`max_seconds`, however slowly they trickle; whatever else fails is a `FetchError`.
"""

from __future__ import annotations

import email.utils
import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from eventwire._version import __version__
from eventwire.errors import InputError
from eventwire.feeds.guard import Allow, Interrupted, Refused, budget, transport, url_problem
from eventwire.feeds.urls import host

USER_AGENT = f"eventwire/{__version__} (news event extraction; respects robots.txt)"
Kind = Literal["page", "feed", "robots"]
ROBOTS_KEEP = 3600.0   # seconds a robots.txt is trusted
ROBOTS_RETRY = 300.0   # seconds before an unreachable robots.txt is asked for again
RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom", "json", "text/plain", "text/html", "gzip",
              "application/octet-stream")


@dataclass(frozen=True)
class FetchConfig:
    timeout: float = 20.0        # seconds to connect and get the headers; between bytes
    delay: float = 1.0           # seconds between two requests to one host
    per_host: int = 1            # requests in flight to one host
    workers: int = 4             # requests in flight in all
    retries: int = 3             # further tries after a 429/5xx answer or a lost connection
    backoff: float = 2.0         # first wait before a retry (doubled each time)
    max_retry_wait: float = 120.0  # a longer Retry-After gives up on the URL
    max_bytes: int = 5_000_000   # larger bodies are refused (reading stops there)
    max_seconds: float = 120.0   # an answer still arriving after this is given up (drip)
    max_redirects: int = 5
    max_crawl_delay: float = 30.0  # robots.txt Crawl-delay is honoured up to this
    allow_private: Allow = False  # loopback, link-local, private: True, or these networks


class FetchError(InputError):
    """A URL could not be fetched; `permanent` is False when a later try could succeed."""

    def __init__(self, url: str, problem: str, permanent: bool = True,
                 status: int = 0) -> None:
        super().__init__(url, problem)
        self.permanent = permanent
        self.status = status


class Stopped(Exception):
    """The fetcher was asked to stop before this request started."""


@dataclass(frozen=True)
class Page:
    url: str                 # after redirects
    status: int              # 200 (or another 2xx) or 304 (not modified)
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # of a redirect

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded with its declared charset (header or meta), else UTF-8."""
        name = "utf-8"
        declared = re.search(r"charset=[\"']?([\w.:-]+)", self.content_type, re.IGNORECASE)
        meta = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", self.body[:4096],
                         re.IGNORECASE)
        if declared:
            name = declared.group(1)
        elif meta:
            name = meta.group(1).decode("ascii", "replace")
        try:
            return self.body.decode(name, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


@dataclass
class _Host:
    gate: threading.Semaphore
    delay: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)  # one fetch a host
    next_start: float = 0.0
    robots: RobotFileParser | None = None
    robots_until: float = 0.0  # monotonic time when robots.txt is read again
    robots_problem: str = ""   # why robots.txt could not be read (then all is disallowed)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _accepts(kind: Kind, content_type: str, url: str) -> None:
    media = content_type.split(";")[0].strip().lower()
    if not media or kind == "robots":
        return
    if kind == "page" and media not in PAGE_TYPES:
        raise FetchError(url, f"is {media}, not an HTML page; eventwire reads web pages "
                         "(save a PDF or document as text and ingest the file)")
    if kind == "feed" and not any(part in media for part in FEED_TYPES):
        raise FetchError(url, f"is {media}, not a feed or sitemap")


class Fetcher:
    """One HTTP client with its politeness state; close it (or use `with`) when done."""

    def __init__(self, config: FetchConfig | None = None,
                 stop: threading.Event | None = None) -> None:
        self.config = config or FetchConfig()
        self.stop = stop or threading.Event()
        limits = httpx.Limits(max_connections=max(1, self.config.workers) + 2)
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.config.timeout), follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            transport=transport(limits, self.stop, self.config.allow_private),
            trust_env=False)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def _host(self, url: str) -> _Host:
        key = host(url)
        with self._lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(threading.Semaphore(max(1, self.config.per_host)),
                                         self.config.delay)
            return self._hosts[key]

    def _sleep(self, seconds: float) -> None:
        if seconds > 0 and self.stop.wait(seconds):
            raise Stopped()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets eventwire fetch it (read once a host)."""
        state = self._host(url)
        with state.robots_lock:
            robots = state.robots
            if robots is None or time.monotonic() > state.robots_until:
                robots = self._read_robots(url, state)
        return robots.can_fetch(USER_AGENT, url)

    def _read_robots(self, url: str, state: _Host) -> RobotFileParser:
        parts = urlsplit(url)
        robots = RobotFileParser()
        keep = ROBOTS_KEEP
        problem = ""
        where = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            for _ in range(self.config.max_redirects + 1):  # RFC 9309: follow up to 5
                page = self._request(where, "robots", self._host(where), {})
                if page.location is None:
                    break
                where = urljoin(where, page.location)
            robots.parse(page.text().splitlines() if page.location is None else [])
        except FetchError as exc:
            if 400 <= exc.status < 500:  # RFC 9309: no robots.txt, no rules
                robots.parse([])
            else:  # unreachable or failing: assume complete disallow, for a while
                robots.parse(["User-agent: *", "Disallow: /"])
                keep = ROBOTS_RETRY
                problem = exc.problem
        crawl = robots.crawl_delay(USER_AGENT)
        with state.lock:
            state.robots = robots
            state.robots_until = time.monotonic() + keep
            state.robots_problem = problem
            if crawl is not None:
                state.delay = max(state.delay, min(float(crawl),
                                                   self.config.max_crawl_delay))
        return robots

    def get(self, url: str, kind: Kind = "page", etag: str | None = None,
            last_modified: str | None = None) -> Page:
        """Fetch `url` (conditional when `etag`/`last_modified` are given); FetchError for
        whatever goes wrong with it."""
        try:
            return self._get(url, kind, etag, last_modified)
        except (FetchError, Stopped):
            raise
        except Exception as exc:  # noqa: BLE001 - a malformed answer fails that URL only
            message = " ".join(str(exc).split())
            raise FetchError(url, f"cannot fetch ({type(exc).__name__}: {message})") from None

    def _check(self, url: str, target: str) -> None:
        """FetchError unless `target` is an http(s) URL on a host that may be fetched."""
        found = url_problem(target, self.config.allow_private)
        if found is not None:
            problem, permanent = found
            where = "" if url == target else f"redirected to {target[:200]!r}: "
            raise FetchError(url, where + problem, permanent)

    def _get(self, url: str, kind: Kind, etag: str | None, last_modified: str | None) -> Page:
        headers = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
        if kind == "feed":
            headers["Accept"] = ("application/rss+xml,application/atom+xml,application/feed"
                                 "+json,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._check(url, url)
        seen = [url]
        current = url
        while True:
            if not self.allowed(current):
                problem = self._host(current).robots_problem
                if problem:
                    raise FetchError(current, f"robots.txt cannot be read ({problem}), so "
                                     "nothing on this host is fetched for now", permanent=False)
                raise FetchError(current, "robots.txt disallows fetching it")
            page = self._request(current, kind, self._host(current), headers)
            if page.status not in REDIRECT_STATUS:
                return page
            target = urljoin(current, page.location or "")
            if target in seen:
                raise FetchError(url, f"redirect loop ({len(seen)} URLs, back to {target})")
            if len(seen) > self.config.max_redirects:
                raise FetchError(url, f"more than {self.config.max_redirects} redirects")
            self._check(url, target)
            seen.append(target)
            current = target

    def _request(self, url: str, kind: Kind, state: _Host, headers: dict[str, str]) -> Page:
        """One URL (no redirects followed), retried on 429/5xx and lost connections."""
        attempt = 0
        while True:
            wait: float | None
            try:
                return self._once(url, kind, state, headers)
            except _Retry as retry:
                if attempt >= self.config.retries:
                    raise FetchError(url, f"{retry.reason}; gave up after {attempt + 1} "
                                     "tries", permanent=False) from None
                wait = retry.after
                if wait is not None and wait > self.config.max_retry_wait:
                    raise FetchError(url, f"{retry.reason}; Retry-After {wait:.0f}s is over "
                                     f"{self.config.max_retry_wait:.0f}s", permanent=False
                                     ) from None
                self._sleep(wait if wait is not None else self.config.backoff * 2 ** attempt)
                attempt += 1

    def _once(self, url: str, kind: Kind, state: _Host, headers: dict[str, str]) -> Page:
        if self.stop.is_set():
            raise Stopped()
        with state.gate:
            if self.stop.is_set():
                raise Stopped()
            with state.lock:
                now = time.monotonic()
                start = max(now, state.next_start)
                state.next_start = start + state.delay
            self._sleep(start - now)
            try:
                return self._read(url, kind, headers)
            except Interrupted:
                raise Stopped() from None
            except Refused as exc:
                raise FetchError(url, exc.problem) from None
            except httpx.TimeoutException:
                raise FetchError(url, f"still arriving after {self.config.max_seconds:g}s "
                                 "(max_seconds); stopped reading" if budget.what == "body"
                                 else f"timed out (no complete answer within "
                                 f"{self.config.timeout:g}s)", permanent=False) from None
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError) as exc:
                raise FetchError(url, f"not a valid URL ({exc})") from None
            except httpx.RemoteProtocolError as exc:
                if "location" in str(exc).lower():  # httpx reads a redirect's target
                    raise FetchError(url, f"malformed redirect ({exc})") from None
                raise _Retry(f"connection failed ({exc})") from None
            except (httpx.ConnectError, httpx.ReadError) as exc:
                raise _Retry(f"connection failed ({exc})") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, f"request failed ({exc})", permanent=False) from None

    def _read(self, url: str, kind: Kind, headers: dict[str, str]) -> Page:
        started = time.monotonic()
        budget.deadline, budget.what = started + self.config.timeout, "headers"
        try:
            return self._answer(url, kind, headers, started)
        finally:
            budget.deadline = float("inf")

    def _answer(self, url: str, kind: Kind, headers: dict[str, str], started: float) -> Page:
        limit = self.config.max_bytes
        with self.client.stream("GET", url, headers=headers) as response:
            budget.deadline = started + self.config.max_seconds
            budget.what = "body"
            status = response.status_code
            if status in REDIRECT_STATUS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {status} redirect without a Location")
                return Page(url, status, b"", "", location=location)
            if status in RETRY_STATUS:
                raise _Retry(f"HTTP {status}", _retry_after(response.headers.get("retry-after")))
            if status == 304:
                return Page(url, 304, b"", "", response.headers.get("etag"),
                            response.headers.get("last-modified"))
            if not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status}", permanent=400 <= status < 500,
                                 status=status)
            content_type = response.headers.get("content-type", "")
            _accepts(kind, content_type, url)
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError(url, f"is {int(length):,} bytes, over the limit of "
                                 f"{limit:,} (max_bytes)")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError(url, f"is over the limit of {limit:,} bytes (max_bytes);"
                                     " stopped reading")
            if kind == "page" and bytes(body[:5]) == b"%PDF-":
                raise FetchError(url, "is a PDF, not an HTML page; eventwire reads web pages")
            return Page(str(response.url), status, bytes(body), content_type,
                        response.headers.get("etag"), response.headers.get("last-modified"))

    def map(self, urls: Iterable[str], kind: Kind = "page"
            ) -> Iterator[tuple[str, Page | FetchError]]:
        """(url, page or error) for each URL, in order, fetched `workers` at a time; ends
        early, without starting new requests, when the stop event is set."""
        pending: deque[tuple[str, Future[Page]]] = deque()
        iterator = iter(urls)
        with ThreadPoolExecutor(max_workers=max(1, self.config.workers)) as pool:
            try:
                while True:
                    while len(pending) < 2 * max(1, self.config.workers) \
                            and not self.stop.is_set():
                        url = next(iterator, None)
                        if url is None:
                            break
                        pending.append((url, pool.submit(self.get, url, kind)))
                    if not pending:
                        return
                    url, future = pending.popleft()
                    try:
                        yield url, future.result()
                    except FetchError as exc:
                        yield url, exc
                    except Stopped:
                        continue
            finally:
                for _, future in pending:
                    future.cancel()


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after
