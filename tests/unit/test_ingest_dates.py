"""Publication dates: the forms news feeds use, and what happens to one that cannot be read
(a warning on the record and `published: null`; the article is kept)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.model import Article
from eventwire.text.dates import normalise_date
from eventwire.text.ingest import read_inputs


@pytest.mark.parametrize(("given", "expected"), [
    ("Wed, 07 Dec 2016 09:43:00 GMT", "2016-12-07"),          # RFC 2822 (RSS)
    ("Wed, 07 Dec 2016 23:43:00 -0500", "2016-12-07"),        # the date as written
    ("2016-12-07T23:30:00-05:00", "2016-12-07"),              # ISO 8601, time and zone
    ("2016-12-07T09:43:00.123+01:00", "2016-12-07"),
    ("December 7th, 2016", "2016-12-07"),                     # written out
    ("7th of December 2016", "2016-12-07"),
    ("Wednesday 7 December 2016 9:43", "2016-12-07"),
    ("13-02-2009", "2009-02-13"),                             # day first: 13 is no month
    ("02/13/2009", "2009-02-13"),                             # month first: 13 is no month
    ("07-07-2009", "2009-07-07"),                             # both readings agree
])
def test_publication_date_forms(given: str, expected: str) -> None:
    warnings: list[str] = []
    assert normalise_date(given, "story.txt", warnings) == expected
    assert warnings == []


@pytest.mark.parametrize("given", ["03-02-2009", "04/05/2010"])
def test_an_ambiguous_date_is_a_warning_and_null(given: str) -> None:
    warnings: list[str] = []
    assert normalise_date(given, "story.txt", warnings) is None
    assert len(warnings) == 1 and "ambiguous" in warnings[0] and given in warnings[0]
    with pytest.raises(InputError, match="ambiguous"):
        normalise_date(given, "--published")


def test_a_date_without_a_year_takes_the_latest_past_one_with_a_warning() -> None:
    warnings: list[str] = []
    found = normalise_date("9:43 PM, Dec 7", "story.txt", warnings)
    assert found is not None and found.endswith("-12-07")
    assert date.fromisoformat(found) <= date.today()
    assert len(warnings) == 1 and "no year" in warnings[0]


@pytest.mark.parametrize("given", ["yesterday", "sometime soon", "99/99/9999", "Dec 45, 2016"])
def test_an_unreadable_date_keeps_the_article(tmp_path: Path, given: str) -> None:
    path = tmp_path / "feed.jsonl"
    line = {"id": "a1", "text": "Protesters marched in Nairobi on Tuesday.", "published": given}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article) and article.published is None
    assert any("publication date" in w and "published left empty" in w
               for w in article.meta.warnings)
