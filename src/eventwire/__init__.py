"""eventwire: news articles to verifiable PLOVER event data.

    >>> import eventwire
    >>> article = eventwire.extract("Iran fired missiles at U.S. bases in Iraq on Tuesday.",
    ...                             published="2020-01-08")
    >>> [(e.type, e.source.text, e.target.text) for e in article.events]

`extract` gives one `Article` (the eventwire/1 record); `Pipeline` runs many;
`open_store` reads a store written by `eventwire ingest`. See docs/record.md for the record.
"""

from eventwire._version import __version__
from eventwire.api import StoreReader, extract, open_store
from eventwire.errors import (
    ConfigError,
    EventwireError,
    InputError,
    StoreError,
)
from eventwire.model import SCHEMA, Article
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings, load_settings

__all__ = [
    "SCHEMA",
    "Article",
    "ConfigError",
    "EventwireError",
    "InputError",
    "Pipeline",
    "Settings",
    "StoreError",
    "StoreReader",
    "__version__",
    "extract",
    "load_settings",
    "open_store",
]
