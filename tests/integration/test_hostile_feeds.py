"""Hostile listings (#25): a sitemap index naming itself, a home page whose first announced
feed is broken, a feed whose items are malformed URLs. One line each; the rest goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import InputError
from eventwire.feeds.fetch import FetchConfig, Fetcher, FetchError
from eventwire.feeds.watch import web_items
from eventwire.feeds.web import Harvest
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[2]
FAST = FetchConfig(delay=0.0, timeout=2.0, retries=0, backoff=0.01,
                   allow_private=("127.0.0.1/32",))  # the test server only


@pytest.fixture
def harvest(tmp_path: Path) -> Any:
    problems: list[tuple[str, str]] = []
    store = Store(tmp_path / "h.db")
    fetcher = Fetcher(FAST)
    result = Harvest(fetcher, store.db, 2_000_000, lambda kind, text: problems.append(
        (kind, text)))
    result.problems = problems  # type: ignore[attr-defined]
    yield result
    fetcher.close()
    store.close()


def test_a_sitemap_index_naming_itself_is_one_error(site: Any, harvest: Any) -> None:
    url = site.url("/index.xml")
    site.server.expect_request("/index.xml").respond_with_data(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{url}</loc></sitemap></sitemapindex>", content_type="application/xml")
    with pytest.raises(FetchError) as caught:
        harvest.listing(url)
    assert str(caught.value).startswith(f"{url}: ") and "itself" in str(caught.value)
    items = list(web_items(harvest, [], [url]))
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_a_nested_index_is_named_and_the_readable_sitemaps_read(site: Any,
                                                                harvest: Any) -> None:
    site.articles()
    site.serve("/sitemap.xml", "sitemap.xml", "application/xml")
    index = site.url("/index.xml")
    body = "".join(f"<sitemap><loc>{site.url(path)}</loc></sitemap>"
                   for path in ("/index.xml", "/sitemap.xml", "/sitemap.xml"))
    site.server.expect_request("/index.xml").respond_with_data(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{body}</sitemapindex>", content_type="application/xml")
    listing, _ = harvest.listing(index)
    assert listing.entries
    errors = [text for kind, text in harvest.problems if kind == "error"]
    assert len(errors) == 2 and all("\n" not in text for text in errors)


def test_feed_discovery_tries_every_announced_feed(site: Any, harvest: Any) -> None:
    links = "".join(f'<link rel="alternate" type="application/rss+xml" href="{path}">'
                    for path in ("/gone.xml", "/page.html", "/rss20.xml"))
    site.server.expect_request("/").respond_with_data(
        f"<!doctype html><html><head>{links}</head><body>Home</body></html>",
        content_type="text/html")
    site.server.expect_request("/gone.xml").respond_with_data("gone", status=404)
    site.server.expect_request("/page.html").respond_with_data(
        "<!doctype html><html><body>not a feed</body></html>", content_type="text/html")
    site.serve("/rss20.xml", "rss20.xml")
    listing, page = harvest.listing(site.url("/"))
    assert listing.kind == "feed" and len(listing.entries) == 2
    assert page.url == site.url("/rss20.xml")


def test_bad_items_in_a_listing_are_one_line_each(site: Any, harvest: Any) -> None:
    site.articles()
    site.server.expect_request("/bad-redirect").respond_with_data(
        "", status=302, headers={"Location": "javascript:alert(1)"})
    items = [site.url("/news/talks"), "http://xn--/x", site.url("/bad-redirect"),
             "http://169.254.169.254/latest/meta-data/", site.url("/news/aid")]
    rss = "".join(f"<item><title>{n}</title><link>{url}</link></item>"
                  for n, url in enumerate(items))
    site.server.expect_request("/feed.xml").respond_with_data(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{rss}'
        "</channel></rss>", content_type="application/rss+xml")
    listing, _ = harvest.listing(site.url("/feed.xml"))
    results = list(harvest.articles(listing.entries, site.url("/feed.xml")))
    errors = [item for item in results if isinstance(item, InputError)]
    assert len(results) == 5 and len(errors) == 3
    assert all("\n" not in str(error) for error in errors)


@pytest.mark.model
def test_watch_keeps_going_past_malformed_items(site: Any, tmp_path: Path) -> None:
    site.articles()
    site.server.expect_request("/bad-redirect").respond_with_data(
        "", status=302, headers={"Location": "http://xn--/x"})
    rss = "".join(f"<item><title>{n}</title><link>{url}</link></item>" for n, url in
                  enumerate([site.url("/news/talks"), "http://xn--/x",
                             site.url("/bad-redirect"), site.url("/news/aid")]))
    site.server.expect_request("/feed.xml").respond_with_data(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{rss}'
        "</channel></rss>", content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n", encoding="utf-8")
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    result = subprocess.run(
        [sys.executable, "-m", "eventwire", "watch", "--feeds", str(feeds), "--once",
         "--db", str(tmp_path / "w.db"), "--delay", "0", "--timeout", "5", "--allow-private"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": path})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "2 added" in result.stderr, result.stderr
    assert "2 refused or failed" in result.stderr, result.stderr


@pytest.mark.model
def test_ingest_goes_on_past_malformed_urls(site: Any, tmp_path: Path) -> None:
    site.articles()
    site.server.expect_request("/bad-redirect").respond_with_data(
        "", status=302, headers={"Location": "mailto:editor@example.org"})
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    result = subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", site.url("/news/talks"), "http://xn--/x",
         site.url("/bad-redirect"), site.url("/news/aid"), "--db", str(tmp_path / "i.db"),
         "--delay", "0", "--timeout", "5", "--allow-private"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": path})
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "2 added" in result.stderr, result.stderr
    assert len([line for line in result.stderr.splitlines() if "xn--" in line]) == 1
