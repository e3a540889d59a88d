"""`eventwire ingest URL/--urls/--feed/--sitemap` and `eventwire watch`, run as a user runs
them (real processes, a real store), against a local HTTP server serving fixture feeds."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from werkzeug import Request, Response

ROOT = Path(__file__).resolve().parents[2]
FAST = ("--delay", "0", "--timeout", "10", "--allow-private")  # the server is on 127.0.0.1

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(sys.platform == "win32", reason="needs SIGTERM")]


def environment() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def eventwire(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True,
                          text=True, timeout=300, check=False, env=environment())


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def requested(site: Any, since: int = 0) -> list[str]:
    return [request.path for request, _ in site.server.log[since:]]


def test_ingest_urls_feed_and_sitemap(site: Any, tmp_path: Path) -> None:
    site.articles()
    feed = site.serve("/rss20.xml", "rss20.xml")
    index = site.serve("/sitemap_index.xml", "sitemap_index.xml", "application/xml")
    site.serve("/sitemap.xml", "sitemap.xml", "application/xml")
    site.serve("/sitemap-aid.xml", "sitemap-aid.xml", "application/xml")
    site.server.expect_request("/missing").respond_with_data("no", status=404)
    site.server.expect_request("/report.pdf").respond_with_data(
        b"%PDF-1.7", content_type="application/pdf")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# reading list\n{site.url('/news/aid?utm_source=newsletter')}\n"
                    f"{site.url('/report.pdf')}\n", encoding="utf-8")
    db = tmp_path / "web.db"

    # with workers the items are read in the pipeline's feeder thread, not the store's
    first = eventwire("ingest", site.url("/missing"), "--urls", str(urls), "--feed", feed,
                      "--db", str(db), "--workers", "2", *FAST)
    assert first.returncode == 3, first.stderr  # some inputs failed, the rest stored
    assert f"{site.url('/missing')}: HTTP 404" in first.stderr
    assert f"{site.url('/report.pdf')}: is application/pdf, not an HTML page" in first.stderr
    assert "3 added" in first.stderr
    stored = dict(rows(db, "SELECT url, published FROM articles"))
    assert stored == {site.url("/news/talks"): "2025-03-04",
                      site.url("/news/protest"): "2025-03-05",
                      site.url("/news/aid"): "2025-03-06"}
    assert rows(db, "SELECT COUNT(*) FROM events")[0][0] > 0
    marks = dict(rows(db, "SELECT url, status FROM feed_items"))
    assert marks[site.url("/report.pdf")].startswith("refused: is application/pdf")

    before = len(site.server.log)
    again = eventwire("ingest", "--sitemap", index, "--db", str(db), *FAST)
    assert again.returncode == 0, again.stderr
    assert "0 added" in again.stderr and "3 already stored" in again.stderr
    assert not [path for path in requested(site, before) if path.startswith("/news/")]


def test_watch_once_twice_adds_nothing_the_second_time(site: Any, tmp_path: Path) -> None:
    site.articles()
    body = site.fixture("rss20.xml")

    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    site.server.expect_request("/rss20.xml").respond_with_handler(conditional)
    site.serve("/atom.xml", "atom.xml", "application/atom+xml")
    site.serve("/repeats.xml", "repeats.xml")
    site.serve("/broken.xml", "broken.xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("".join(site.url(p) + "\n" for p in
                             ("/rss20.xml", "/broken.xml", "/atom.xml", "/repeats.xml")),
                     encoding="utf-8")
    db = tmp_path / "watch.db"
    args = ("watch", "--feeds", str(feeds), "--db", str(db), "--once", *FAST)

    first = eventwire(*args)
    assert first.returncode == 0, first.stderr
    assert f"{site.url('/broken.xml')}: not a readable RSS" in first.stderr
    assert "poll 1" in first.stderr and "3 added" in first.stderr
    assert requested(site).count("/news/talks") == 1  # listed by two feeds, four links
    assert rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 3
    etags = dict(rows(db, "SELECT url, etag FROM feeds"))
    assert etags[site.url("/rss20.xml")] == '"v1"'

    before = len(site.server.log)
    second = eventwire(*args)
    assert second.returncode == 0, second.stderr
    assert "1 not modified" in second.stderr and "0 added" in second.stderr
    assert not [path for path in requested(site, before) if path.startswith("/news/")]
    assert rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 3


def test_sigterm_finishes_the_article_in_hand_then_exits_0(site: Any, tmp_path: Path) -> None:
    site.serve("/news/talks", "talks.html")
    asked, signalled = threading.Event(), threading.Event()
    aid_before_signal: list[bool] = []  # one host, one request at a time, in any order
    protest, aid = site.fixture("protest.html"), site.fixture("aid.html")

    def aid_page(request: Request) -> Response:
        aid_before_signal.append(not signalled.is_set())
        return Response(aid, content_type="text/html")

    site.server.expect_request("/news/aid").respond_with_handler(aid_page)

    def slow(request: Request) -> Response:
        asked.set()
        time.sleep(2)
        return Response(protest, content_type="text/html")

    site.server.expect_request("/news/protest").respond_with_handler(slow)
    items = "".join(f"<item><title>{name}</title><link>{site.url('/news/' + name)}</link></item>"
                    for name in ("talks", "protest", "aid"))
    site.server.expect_request("/feed.xml").respond_with_data(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Three</title>{items}'
        "</channel></rss>", content_type="application/rss+xml", headers={"ETag": '"e"'})
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n", encoding="utf-8")
    db = tmp_path / "stop.db"
    args = ["watch", "--feeds", str(feeds), "--db", str(db), "--every", "1h", *FAST]

    process = subprocess.Popen([sys.executable, "-m", "eventwire", *args], env=environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert asked.wait(120), "the watcher never asked for the second article"
        signalled.set()
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=240)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "SIGTERM: stopping after the current article" in stderr
    stored = {url for (url,) in rows(db, "SELECT url FROM articles")}
    fetched = {site.url("/news/talks"), site.url("/news/protest")}
    if aid_before_signal == [True]:  # the host's one slot may take aid before protest
        fetched.add(site.url("/news/aid"))
    assert stored == fetched  # fetched before the signal: stored
    assert False not in aid_before_signal  # nothing new fetched after the signal
    assert rows(db, "SELECT etag FROM feeds") in ([], [(None,)])  # the poll was cut short

    resumed = eventwire("watch", "--feeds", str(feeds), "--db", str(db), "--once", *FAST)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{3 - len(stored)} added" in resumed.stderr
    assert rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 3


def test_watch_once_fails_when_every_feed_fails(site: Any, tmp_path: Path) -> None:
    site.serve("/broken.xml", "broken.xml")
    site.server.expect_request("/down.xml").respond_with_data("", status=404)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/broken.xml')}\n{site.url('/down.xml')}\n", encoding="utf-8")
    result = eventwire("watch", "--feeds", str(feeds), "--db", str(tmp_path / "w.db"),
                       "--once", *FAST)
    assert result.returncode == 1, result.stderr
    assert f"{site.url('/down.xml')}: HTTP 404" in result.stderr
    assert "2 failed" in result.stderr


def test_watch_refuses_a_bad_feed_list(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("news.example/rss\n", encoding="utf-8")
    result = eventwire("watch", "--feeds", str(feeds), "--db", str(tmp_path / "w.db"))
    assert result.returncode == 1
    assert "feeds.txt:1: 'news.example/rss' is not an http(s) URL" in result.stderr
    assert not (tmp_path / "w.db").exists()
