"""A hostile web server (#25): trickled headers, endless bodies, malformed and private
redirects. Each case ends within seconds with one line naming the URL, and a batch of
URLs goes on past the bad ones. The server is a raw socket server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.feeds.fetch import FetchConfig, Fetcher, FetchError, Page
from eventwire.feeds.guard import refusal

ROOT = Path(__file__).resolve().parents[2]
PAGE = (b"<html><head><title>Talks</title></head><body><article><p>Finnish President "
        b"Alexander Stubb met Estonian Prime Minister Kristen Michal in Tallinn on Monday "
        b"to discuss the security of undersea cables.</p></article></body></html>")
# only the test server's own address is allowed: every other private address is refused
CONFIG = FetchConfig(delay=0.0, timeout=1.0, retries=0, backoff=0.01, max_seconds=2.0,
                     max_bytes=200_000, allow_private=("127.0.0.1/32",))
BAD_LOCATIONS = {
    "javascript": "javascript:alert(document.cookie)",
    "mailto": "mailto:editor@example.org",
    "data": "data:text/html,<script>alert(1)</script>",
    "idna": "http://xn--/x",
    "idna-emoji": "http://xn--ls8h.la/",
    "empty-label": "http://news..example/",
    "bad-port": "http://[::1",
    "ftp": "ftp://files.example/a.txt",
    "file": "file:///etc/passwd",
}
PRIVATE_LOCATIONS = {
    "metadata": "http://169.254.169.254/latest/meta-data/",
    "private": "http://10.0.0.1/admin",
    "other-loopback": "http://127.0.0.2:{port}/page",
    "ipv6-loopback": "http://[::1]:{port}/page",
    "mapped": "http://[::ffff:127.0.0.1]:{port}/page",
    "unspecified": "http://0.0.0.0:{port}/page",
    "shared": "http://100.64.0.1/",
}


class Handler(socketserver.BaseRequestHandler):
    server: Server

    def handle(self) -> None:
        self.request.settimeout(10)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            data += chunk
        path = data.split(b" ", 2)[1].decode("latin-1")
        self.server.paths.append(path)
        try:
            self.answer(path)
        except OSError:  # the client hung up: what a hostile server sees
            return

    def send(self, data: bytes) -> None:
        self.request.sendall(data)

    def answer(self, path: str) -> None:
        stop = self.server.closing
        if path == "/page" or path.startswith("/page"):
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                      + str(len(PAGE)).encode() + b"\r\nConnection: close\r\n\r\n" + PAGE)
        elif path == "/trickle-headers":
            self.send(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while not stop.wait(0.2):
                self.send(b"a")
        elif path == "/trickle-body":
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
                      b"<html><body><p>")
            while not stop.wait(0.1):
                self.send(b"x")
        elif path == "/endless":
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
            block = b"<p>" + b"x" * 65536 + b"</p>"
            while not stop.is_set():
                self.send(block)
        elif path.startswith("/redirect/"):
            kind = path.rsplit("/", 1)[1]
            table = {**BAD_LOCATIONS, **PRIVATE_LOCATIONS}
            location = table[kind].replace("{port}", str(self.server.server_address[1]))
            self.send(b"HTTP/1.1 302 Found\r\nLocation: " + location.encode() +
                      b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        else:  # robots.txt and anything else: not found
            self.send(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.paths: list[str] = []
        self.closing = threading.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.closing.set()
    running.shutdown()
    running.server_close()


def timed_failure(url: str, config: FetchConfig = CONFIG) -> tuple[FetchError, float]:
    started = time.monotonic()
    with Fetcher(config) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return caught.value, time.monotonic() - started


def test_trickled_headers_end_at_the_deadline(server: Server) -> None:
    error, took = timed_failure(server.url("/trickle-headers"))
    assert "timed out" in error.problem
    assert took < 4, took


def test_a_trickled_body_ends_at_max_seconds(server: Server) -> None:
    error, took = timed_failure(server.url("/trickle-body"))
    assert "still arriving" in error.problem
    assert took < 6, took


def test_an_endless_body_stops_at_max_bytes(server: Server) -> None:
    error, took = timed_failure(server.url("/endless"))
    assert "limit" in error.problem
    assert took < 6, took


@pytest.mark.parametrize("kind", sorted(BAD_LOCATIONS))
def test_a_malformed_redirect_is_one_line_for_that_url(server: Server, kind: str) -> None:
    url = server.url(f"/redirect/{kind}")
    error, took = timed_failure(url)
    assert str(error).startswith(f"{url}: ")
    assert error.permanent
    assert took < 5


@pytest.mark.parametrize("kind", sorted(PRIVATE_LOCATIONS))
def test_a_redirect_to_a_private_address_is_refused(server: Server, kind: str) -> None:
    url = server.url(f"/redirect/{kind}")
    before = server.paths.count("/page")
    error, took = timed_failure(url)
    assert str(error).startswith(f"{url}: redirected to ")
    assert "address" in error.problem and error.permanent, error.problem
    assert server.paths.count("/page") == before  # never fetched
    assert took < 5


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/page", "http://localhost:{port}/page",
                                 "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]:{port}/page", "http://10.1.2.3/",
                                 "ftp://127.0.0.1/x", "file:///etc/passwd", "http://xn--/x"])
def test_private_addresses_and_other_schemes_are_refused_by_default(server: Server,
                                                                    url: str) -> None:
    url = url.replace("{port}", str(server.server_address[1]))
    before = server.paths.count("/page")
    error, _ = timed_failure(url, replace(CONFIG, allow_private=False))
    assert error.permanent
    assert server.paths.count("/page") == before


def test_the_batch_goes_on_past_bad_urls(server: Server) -> None:
    urls = [server.url("/page?a"), "http://xn--/x", server.url("/redirect/javascript"),
            server.url("/redirect/metadata"), server.url("/trickle-headers"),
            server.url("/page?b")]
    with Fetcher(CONFIG) as fetcher:
        results = dict(fetcher.map(urls))
    assert isinstance(results[urls[0]], Page) and isinstance(results[urls[-1]], Page)
    assert all(isinstance(results[url], FetchError) for url in urls[1:-1])


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("2606:2800:220:1::1", True), ("127.0.0.1", False),
    ("169.254.169.254", False), ("10.0.0.1", False), ("172.16.0.1", False),
    ("192.168.1.1", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("240.0.0.1", False), ("::1", False), ("fe80::1", False), ("fc00::1", False),
    ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False)])
def test_which_addresses_are_refused(address: str, public: bool) -> None:
    import ipaddress

    assert (refusal(ipaddress.ip_address(address)) is None) == public


def test_stop_cuts_a_trickled_fetch_after_the_grace(server: Server) -> None:
    from eventwire.feeds.fetch import Stopped
    from eventwire.feeds.guard import GRACE

    stop = threading.Event()
    config = replace(CONFIG, timeout=60.0, max_seconds=60.0)
    with Fetcher(config, stop) as fetcher:
        threading.Timer(0.5, stop.set).start()
        started = time.monotonic()
        results = list(fetcher.map([server.url("/trickle-headers"), server.url("/page?c")]))
        took = time.monotonic() - started
    assert results == []  # the cut request is dropped, the next one never started
    assert took < 0.5 + GRACE + 1.5, took
    with Fetcher(config, stop) as fetcher, pytest.raises(Stopped):
        fetcher.get(server.url("/page?d"))


@pytest.mark.model
@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGTERM")
def test_sigterm_stops_a_trickled_fetch_within_seconds(server: Server, tmp_path: Path) -> None:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    before = server.paths.count("/trickle-headers")
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "ingest", server.url("/trickle-headers"),
         "--db", str(tmp_path / "s.db"), "--timeout", "120", "--allow-private", "--delay", "0"],
        env={**os.environ, "PYTHONPATH": path}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while server.paths.count("/trickle-headers") == before:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "never fetched"
            time.sleep(0.1)
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        _, stderr = process.communicate(timeout=30)
        took = time.monotonic() - signalled
    finally:
        if process.poll() is None:
            process.kill()
    assert took < 8, took
    assert "Traceback" not in stderr
    assert "SIGTERM" in stderr

