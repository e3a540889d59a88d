"""Polite fetching against a local HTTP server: every failure case gives one clear error."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from werkzeug import Request, Response

from eventwire import __version__
from eventwire.feeds.fetch import FetchConfig, Fetcher, FetchError, Stopped

FAST = FetchConfig(delay=0.0, timeout=0.5, retries=2, backoff=0.01, max_bytes=100_000,
                   allow_private=True)  # the test server is on 127.0.0.1


def fetcher(**changes: Any) -> Fetcher:
    from dataclasses import replace

    return Fetcher(replace(FAST, **changes))


def test_page_is_fetched_with_our_user_agent(site: Any) -> None:
    site.articles()
    with fetcher() as client:
        page = client.get(site.url("/news/talks"))
    assert page.status == 200 and "Kenya and Ethiopia" in page.text()
    request, _ = site.server.log[-1]
    assert request.headers["User-Agent"].startswith(f"eventwire/{__version__}")


@pytest.mark.parametrize(("status", "permanent"), [(404, True), (410, True), (403, True)])
def test_client_errors(site: Any, status: int, permanent: bool) -> None:
    site.server.expect_request("/gone").respond_with_data("no", status=status)
    with fetcher() as client, pytest.raises(FetchError, match=f"/gone: HTTP {status}") as info:
        client.get(site.url("/gone"))
    assert info.value.permanent is permanent


def test_server_error_is_retried_then_reported(site: Any) -> None:
    site.server.expect_request("/broken").respond_with_data("oops", status=500)
    with fetcher() as client, pytest.raises(FetchError, match="HTTP 500; gave up after 3 tries"):
        client.get(site.url("/broken"))
    assert sum(1 for request, _ in site.server.log if request.path == "/broken") == 3


def test_retry_after_is_honoured(site: Any) -> None:
    answers = iter([Response("slow down", status=429, headers={"Retry-After": "1"}),
                    Response("<html><p>ok now</p></html>", content_type="text/html")])
    site.server.expect_request("/busy").respond_with_handler(lambda request: next(answers))
    start = time.monotonic()
    with fetcher() as client:
        page = client.get(site.url("/busy"))
    assert page.status == 200 and time.monotonic() - start >= 0.9


def test_too_long_retry_after_gives_up(site: Any) -> None:
    site.server.expect_request("/busy").respond_with_data(
        "later", status=429, headers={"Retry-After": "3600"})
    with fetcher() as client, pytest.raises(FetchError, match="Retry-After 3600s"):
        client.get(site.url("/busy"))


def test_timeout(site: Any) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.2)
        return Response("late", content_type="text/html")

    site.server.expect_request("/slow").respond_with_handler(slow)
    with fetcher(timeout=0.3) as client, pytest.raises(FetchError, match="timed out") as info:
        client.get(site.url("/slow"))
    assert info.value.permanent is False


def test_redirect_loop(site: Any) -> None:
    site.server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    site.server.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/a"})
    with fetcher() as client, pytest.raises(FetchError, match="redirect loop"):
        client.get(site.url("/a"))


def test_too_many_redirects(site: Any) -> None:
    for number in range(8):
        site.server.expect_request(f"/r{number}").respond_with_data(
            "", status=302, headers={"Location": f"/r{number + 1}"})
    with fetcher(max_redirects=3) as client, pytest.raises(FetchError, match="more than 3"):
        client.get(site.url("/r0"))


def test_redirect_is_followed(site: Any) -> None:
    site.articles()
    site.server.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/news/aid"})
    with fetcher() as client:
        page = client.get(site.url("/old"))
    assert page.url == site.url("/news/aid") and "flood" in page.text()


def test_huge_page_is_refused_while_streaming(site: Any) -> None:
    def huge(request: Request) -> Response:  # no Content-Length: the client must count
        chunks = (b"<p>" + b"x" * 10_000 + b"</p>" for _ in range(1000))
        return Response(chunks, content_type="text/html", direct_passthrough=True)

    site.server.expect_request("/huge").respond_with_handler(huge)
    with fetcher() as client, pytest.raises(FetchError, match="stopped reading"):
        client.get(site.url("/huge"))


def test_huge_page_with_length_is_refused_unread(site: Any) -> None:
    site.server.expect_request("/big").respond_with_data(b"x" * 200_000, content_type="text/html")
    with fetcher() as client, pytest.raises(FetchError, match="200,000 bytes, over the limit"):
        client.get(site.url("/big"))


@pytest.mark.parametrize(("body", "content_type", "message"), [
    (b"%PDF-1.7 ...", "application/pdf", "is application/pdf, not an HTML page"),
    (b"%PDF-1.7 ...", "text/html", "is a PDF"),
    (b"\x89PNG....", "image/png", "is image/png, not an HTML page"),
])
def test_non_html_is_refused(site: Any, body: bytes, content_type: str, message: str) -> None:
    site.server.expect_request("/doc").respond_with_data(body, content_type=content_type)
    with fetcher() as client, pytest.raises(FetchError, match=message):
        client.get(site.url("/doc"))


def test_robots_disallow(site: Any) -> None:
    site.server.expect_request("/private/memo").respond_with_data("<p>secret</p>",
                                                                  content_type="text/html")
    with fetcher() as client, pytest.raises(FetchError, match=r"robots\.txt disallows"):
        client.get(site.url("/private/memo"))
    assert all(request.path != "/private/memo" for request, _ in site.server.log)


def test_robots_crawl_delay_spaces_requests(httpserver: Any) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n", content_type="text/plain")
    httpserver.expect_request("/p").respond_with_data("<p>x</p>", content_type="text/html")
    with fetcher() as client:
        client.get(httpserver.url_for("/p"))
        start = time.monotonic()
        client.get(httpserver.url_for("/p"))
    assert time.monotonic() - start >= 0.9


def test_conditional_get_not_modified(site: Any) -> None:
    site.server.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304)
    site.server.expect_request("/feed").respond_with_data(
        site.fixture("rss20.xml"), content_type="application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 05 Mar 2025 10:00:00 GMT"})
    with fetcher() as client:
        first = client.get(site.url("/feed"), "feed")
        second = client.get(site.url("/feed"), "feed", etag=first.etag,
                            last_modified=first.last_modified)
    assert first.status == 200 and first.etag == '"v1"'
    assert second.not_modified
    request, _ = site.server.log[-1]
    assert request.headers["If-Modified-Since"] == "Wed, 05 Mar 2025 10:00:00 GMT"


def test_map_keeps_order_and_survives_failures(site: Any) -> None:
    site.articles()
    site.server.expect_request("/missing").respond_with_data("no", status=404)
    urls = [site.url("/news/talks"), site.url("/missing"), site.url("/news/aid")]
    with fetcher(workers=3) as client:
        results = list(client.map(urls))
    assert [url for url, _ in results] == urls
    assert isinstance(results[1][1], FetchError) and not isinstance(results[2][1], FetchError)


def test_stop_starts_nothing_new(site: Any) -> None:
    site.articles()
    stop = threading.Event()
    with Fetcher(FAST, stop) as client:
        client.get(site.url("/news/talks"))
        stop.set()
        with pytest.raises(Stopped):
            client.get(site.url("/news/aid"))


def test_slow_drip_is_given_up(site: Any) -> None:
    def drip(request: Request) -> Response:
        def chunks() -> Any:
            for _ in range(20):
                time.sleep(0.1)
                yield b"<p>x</p>"
        return Response(chunks(), content_type="text/html", direct_passthrough=True)

    site.server.expect_request("/drip").respond_with_handler(drip)
    with fetcher(max_seconds=0.5) as client, pytest.raises(FetchError, match="still arriving"):
        client.get(site.url("/drip"))


@pytest.mark.parametrize("url", ["feeds.xml", "ftp://a.example/rss", "file:///etc/passwd"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with fetcher() as client, pytest.raises(FetchError, match="not an http"):
        client.get(url)


def test_redirected_robots_txt_is_followed(httpserver: Any) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "", status=301, headers={"Location": "/site/robots.txt"})
    httpserver.expect_request("/site/robots.txt").respond_with_data(
        "User-agent: eventwire\nDisallow: /\n", content_type="text/plain")
    with fetcher() as client, pytest.raises(FetchError, match=r"robots\.txt disallows"):
        client.get(httpserver.url_for("/news"))


def test_missing_robots_txt_allows_all(httpserver: Any) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/news").respond_with_data("<p>x</p>", content_type="text/html")
    with fetcher() as client:
        assert client.get(httpserver.url_for("/news")).status == 200


def test_failing_robots_txt_disallows(httpserver: Any) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=503)
    httpserver.expect_request("/news").respond_with_data("<p>x</p>", content_type="text/html")
    with fetcher() as client, pytest.raises(FetchError, match=r"robots\.txt cannot be read "
                                            r"\(HTTP 503; gave up after 3 tries\)") as info:
        client.get(httpserver.url_for("/news"))
    assert info.value.permanent is False
    assert all(request.path != "/news" for request, _ in httpserver.log)
