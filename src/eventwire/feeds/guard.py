"""Where a fetch may connect, and for how long: the network layer under the HTTP client.

`GuardedBackend` is the httpcore network backend of `Fetcher`'s client. Every connection
resolves its host and checks every address first: loopback, link-local (cloud metadata at
169.254.169.254), private, shared, reserved, multicast and unspecified addresses are
refused unless allowed (`Allow`: True for all of them, or a tuple of networks such as
"10.1.2.0/24" to allow only those), and the connection goes to an address that was
checked (so a DNS answer that changes between the check and the connect cannot slip by).
Every read and write runs against a wall-clock `deadline` set for the request in the
calling thread (`budget`), in short slices, so a server that trickles its headers or its
body one byte at a time cannot outlast it. Once the `stop` event is set no connection is
made, and a request in flight has `GRACE` seconds to finish (the page being read is kept)
before it is cut.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

SLICE = 0.25          # seconds between two looks at the stop event while reading
CONNECT_SLICE = 3.0   # a connect attempt (a lost SYN is sent again within it)
GRACE = 3.0           # seconds a request in flight may go on once stop is set
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Allow = bool | tuple[str, ...]  # private addresses allowed: none, all, or these networks


class Refused(Exception):
    """A connection the guard does not make; `problem` says why, in one line."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class Interrupted(Exception):
    """The stop event was set while a request was in flight."""


class Budget(threading.local):
    """The deadline of the request running in this thread (monotonic seconds)."""

    deadline: float = float("inf")
    what: str = "headers"  # or "body": what is being read


budget = Budget()


def refusal(address: Address) -> str | None:
    """Why an address is not fetched from by default (None: a public address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for name, flag in (("loopback", address.is_loopback), ("link-local", address.is_link_local),
                       ("multicast", address.is_multicast),
                       ("unspecified", address.is_unspecified)):
        if flag:
            return name
    if address.is_private or address.is_reserved:
        return "private or reserved"
    if not address.is_global:
        return "not public"
    return None


def _allowed(address: Address, allow: Allow) -> bool:
    if allow is True:
        return True
    if isinstance(allow, tuple):
        return any(address in ipaddress.ip_network(network, strict=False) for network in allow)
    return False


def resolve(host: str, port: int, allow: Allow) -> list[tuple[Any, ...]]:
    """The socket addresses of `host` (every one checked), or Refused."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (UnicodeError, ValueError) as exc:
        raise Refused(f"host name {host!r} is not valid ({exc})") from None
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host!r} ({exc})") from None
    if allow is not True:
        for *_, sockaddr in found:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            why = refusal(address)
            if why is not None and not _allowed(address, allow):
                raise Refused(f"{host} is {address}, a {why} address; not fetched (give "
                              "--allow-private to fetch from this network)")
    return found


def url_problem(url: str, allow: Allow) -> tuple[str, bool] | None:
    """Why `url` is not fetched, and whether for good (None: it may be): not a valid
    http(s) URL, a host name that is not valid, or a host on an address not allowed."""
    try:
        parts = httpx.URL(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        return f"{url[:200]!r} is not a valid URL ({exc})", True
    if parts.scheme not in ("http", "https") or not parts.host:
        return f"{url[:200]!r} is not an http(s) URL", True
    try:
        resolve(parts.host, port, allow)
    except Refused as exc:
        return exc.problem, True
    except httpcore.ConnectError as exc:
        return str(exc), False
    return None


def _remaining(timeout: float | None) -> float:
    left = budget.deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout(f"the {budget.what} took longer than allowed")
    return left if timeout is None else min(timeout, left)


class Stop:
    """The stop event, and when it was first seen set."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event
        self.seen: float | None = None

    def check(self, grace: float = GRACE) -> None:
        """Interrupted once the event has been set for over `grace` seconds."""
        if not self.event.is_set():
            return
        now = time.monotonic()
        if self.seen is None:
            self.seen = now
        if now - self.seen >= grace:
            raise Interrupted()


class GuardedStream(httpcore.NetworkStream):
    """A network stream whose reads and writes keep to the deadline and the stop event."""

    def __init__(self, inner: httpcore.NetworkStream, stop: Stop) -> None:
        self.inner = inner
        self.stop = stop

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        started = time.monotonic()
        while True:
            self.stop.check()
            allowed = _remaining(timeout)
            if timeout is not None:
                allowed = min(allowed, timeout - (time.monotonic() - started))
                if allowed <= 0:
                    raise httpcore.ReadTimeout("no data within the timeout")
            try:
                return self.inner.read(max_bytes, min(allowed, SLICE))
            except httpcore.ReadTimeout:
                continue

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stop.check()
        self.inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self.inner.start_tls(ssl_context, server_hostname, _remaining(timeout))
        return GuardedStream(inner, self.stop)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Connections to checked addresses only, within the deadline, stopped on request."""

    def __init__(self, stop: threading.Event, allow: Allow = False) -> None:
        self.inner = httpcore.SyncBackend()
        self.stop = Stop(stop)
        self.allow = allow

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port, self.allow)
        end = time.monotonic() + _remaining(timeout)
        failure: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for *_, sockaddr in addresses:
            while time.monotonic() < end:
                self.stop.check(grace=0.0)
                attempt = min(CONNECT_SLICE, end - time.monotonic())
                try:
                    stream = self.inner.connect_tcp(str(sockaddr[0]), port, attempt,
                                                    local_address, socket_options)
                    return GuardedStream(stream, self.stop)
                except httpcore.ConnectTimeout as exc:
                    failure = exc
                    continue
                except httpcore.ConnectError as exc:
                    failure = exc
                    break
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise Refused("unix sockets are not fetched from")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _Transport(httpx.HTTPTransport):
    """httpx's transport over a guarded network backend."""

    def __init__(self, limits: httpx.Limits, backend: GuardedBackend) -> None:
        super().__init__(limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry, network_backend=backend)


def transport(limits: httpx.Limits, stop: threading.Event,
              allow: Allow) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through `GuardedBackend`."""
    return _Transport(limits, GuardedBackend(stop, allow))
