"""From listings to Article inputs: dedup by normalised and canonical URL, metadata, marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import InputError
from eventwire.feeds.discover import Entry
from eventwire.feeds.fetch import FetchConfig, Fetcher
from eventwire.feeds.watch import entries_for
from eventwire.feeds.web import Harvest
from eventwire.model import Article
from eventwire.store import Store

FAST = FetchConfig(delay=0.0, timeout=2.0, retries=0, backoff=0.01,
                   allow_private=True)  # the test server is on 127.0.0.1
NO_DATE = """<html><head><title>Ports reopen after strike</title></head><body><article>
<h1>Ports reopen after strike</h1>
<p>Dock workers in Rotterdam returned to work on Thursday after a three-day strike over pay
ended with a new agreement between the union and port employers, officials said.</p>
<p>The union said its members had accepted a raise of four percent over two years.</p>
</article></body></html>"""


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


def split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputError)])


def test_feed_items_become_articles_with_page_metadata(site: Any, harvest: Any) -> None:
    site.articles()
    listing, _ = harvest.listing(site.serve("/atom.xml", "atom.xml", "application/atom+xml"))
    articles, errors = split(list(harvest.articles(listing.entries, site.url("/atom.xml"),
                                                   listing.title)))
    assert not errors and len(articles) == 1
    article = articles[0]
    assert article.url == site.url("/news/aid")
    assert (article.title, article.outlet, article.published) == (
        "Japan sends flood aid to the Philippines", "Fixture Wire", "2025-03-06")
    assert "Japan on Wednesday sent emergency relief" in article.text
    assert "Copyright" not in article.text  # page furniture left out


def test_listing_date_and_title_fill_in_for_the_page(site: Any, harvest: Any) -> None:
    site.server.expect_request("/ports").respond_with_data(NO_DATE, content_type="text/html")
    entry = Entry(site.url("/ports"), title="Listing title", published="2025-02-01")
    [article] = list(harvest.articles([entry], "f", "Feed Outlet"))
    assert isinstance(article, Article)
    assert (article.published, article.outlet) == ("2025-02-01", "Feed Outlet")
    assert article.title == "Ports reopen after strike"  # the page's own title wins


def test_tracking_and_canonical_duplicates_are_fetched_once(site: Any, harvest: Any) -> None:
    site.articles()
    site.serve("/amp/talks", "talks.html")  # same story, canonical link to /news/talks
    urls = [site.url("/news/talks?utm_source=x"), site.url("/news/talks?fbclid=1#c"),
            site.url("/amp/talks")]
    entries = [e for e in entries_for(urls) if isinstance(e, Entry)]
    articles, _ = split(list(harvest.articles(entries)))
    assert [a.url for a in articles] == [site.url("/news/talks")]
    assert [r.path for r, _ in site.server.log].count("/news/talks") == 1
    assert harvest.done.known == 2  # the fbclid link (same URL) and the AMP page (canonical)


def test_repeating_feed_items_are_fetched_once(site: Any, harvest: Any) -> None:
    site.articles()
    listing, _ = harvest.listing(site.serve("/repeats.xml", "repeats.xml"))
    articles, _ = split(list(harvest.articles(listing.entries, site.url("/repeats.xml"))))
    assert sorted(a.url for a in articles) == [site.url("/news/protest"), site.url("/news/talks")]


def test_one_bad_item_never_stops_the_rest(site: Any, harvest: Any) -> None:
    site.articles()
    site.server.expect_request("/gone").respond_with_data("", status=404)
    site.server.expect_request("/paper.pdf").respond_with_data(b"%PDF-1.4",
                                                              content_type="application/pdf")
    site.server.expect_request("/empty").respond_with_data("<html><body></body></html>",
                                                          content_type="text/html")
    urls = ["/gone", "/news/talks", "/paper.pdf", "/private/x", "/empty", "/news/aid"]
    articles, errors = split(list(harvest.articles(
        [Entry(site.url(u)) for u in urls], "feed")))
    assert [a.url for a in articles] == [site.url("/news/talks"), site.url("/news/aid")]
    assert [str(e).split(": ", 1)[0] for e in errors] == [
        site.url(u) for u in ("/gone", "/paper.pdf", "/private/x", "/empty")]
    assert "no article text" in str(errors[-1])


def test_settled_articles_are_not_fetched_again(site: Any, harvest: Any) -> None:
    site.articles()
    [article] = list(harvest.articles([Entry(site.url("/news/aid"))], "f"))
    assert isinstance(article, Article)
    harvest.settle(article, "stored")
    harvest._this_run.clear()  # as a new run over the same store
    before = len(site.server.log)
    again = list(entries_for([site.url("/news/aid?utm_medium=email")]))
    assert list(harvest.articles(again, "f")) == []
    assert len(site.server.log) == before


def test_refused_feed_items_are_not_retried_but_direct_urls_are(site: Any,
                                                                harvest: Any) -> None:
    site.server.expect_request("/gone").respond_with_data("", status=404)
    entry = Entry(site.url("/gone"))
    assert len(list(harvest.articles([entry], "feed"))) == 1
    harvest._this_run.clear()
    assert list(harvest.articles([entry], "feed")) == []  # refused before: skipped
    assert len(list(harvest.articles([entry], ""))) == 1  # asked for directly: tried again
