"""eventwire: news articles to verifiable PLOVER event data."""

__version__ = "0.1.0"
