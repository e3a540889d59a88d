"""The Python API: extract one article, or read a store, from a script or a notebook.

    import eventwire
    article = eventwire.extract(text, published="2019-12-17")
    store = eventwire.open_store("eventwire.db")
    store.events(type="ASSAULT", as_frame=True)

`extract` runs the same pipeline as `eventwire extract` (settings from the user settings
file unless `settings` is given); the pipeline is built once per settings and kept.
`open_store` opens an existing store read-only; its methods return the rows the store
commands print, as lists of dicts or, with `as_frame=True`, as a pandas DataFrame (pandas
is optional: `pip install pandas`).
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings, load_settings
from eventwire.text.ingest import make_article, normalise_date

if TYPE_CHECKING:
    import pandas

SOURCE = "<text>"  # what a record made by `extract` names as its source


@lru_cache(maxsize=4)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def extract(text: str, *, published: str | None = None, url: str | None = None,
            title: str | None = None, outlet: str | None = None,
            settings: Settings | None = None) -> Article:
    """The eventwire/1 record of one article's `text`.

    `published` (YYYY-MM-DD) anchors relative dates ("on Sunday"); without it they stay
    unresolved. Raises `eventwire.errors.InputError` for empty text, text over `max_chars`
    or a date that cannot be read; a stage failure is recorded in `article.meta.failure`,
    as in a batch.
    """
    chosen = settings if settings is not None else load_settings()
    pipeline = _pipeline(chosen)
    normalise_date(published, "published")  # refused here; files ingested keep a warning
    fields = {"published": published, "url": url, "title": title, "outlet": outlet}
    article = make_article(fields, text, SOURCE, chosen.max_chars)
    return pipeline.process(article)


def _frame(rows: list[dict[str, Any]], dates: tuple[str, ...] = ()) -> pandas.DataFrame:
    """Rows as a typed DataFrame: flags nullable booleans, `dates` datetimes (a date known
    to the month or year at its first day: see `date_precision`), lists kept as lists."""
    try:
        import pandas
    except ImportError:
        raise ImportError("as_frame=True needs pandas, which is not installed: "
                          "pip install pandas") from None
    frame = pandas.DataFrame(rows)
    for column in frame.columns:
        values = [value for value in frame[column] if value is not None]
        if values and all(isinstance(value, bool) for value in values):
            frame[column] = frame[column].astype("boolean")
    for column in dates:
        if column in frame.columns:
            frame[column] = pandas.to_datetime(frame[column], errors="coerce", format="ISO8601")
    return frame


def _queries() -> Any:
    from eventwire.store import queries

    return queries


class StoreReader:
    """Read-only queries on an eventwire store (see `open_store`)."""

    def __init__(self, path: str | Path) -> None:
        from eventwire.store import connect  # the store (and numpy) only when asked for

        self.path = Path(path)
        self._db: sqlite3.Connection = connect(self.path, readonly=True)

    def events(self, *, type: str | None = None, actor: str | None = None,
               country: str | None = None, since: str | None = None, until: str | None = None,
               factual: bool = False, min_confidence: float | None = None,
               place: str | None = None, limit: int | None = None, as_frame: bool = False,
               factual_only: bool = False) -> Any:
        """Deduplicated events, most reported first, with the filters and checks of
        `eventwire events`: `type` (PLOVER, any case or a word such as "attack" -> a
        suggestion), `actor` (ISO3 code or part of a name, as source or target), `country`
        (where: ISO3 or a name), `since`/`until` (YYYY, YYYY-MM or YYYY-MM-DD), `factual`
        (asserted, not negated; `factual_only` is its old name), `min_confidence`, `place`
        (a place name, exactly). A value
        the vocabulary does not know raises `eventwire.errors.InputError`, as the command
        line says it. The rows have the names and types of `eventwire export`."""
        from eventwire.store.filters import event_filter

        spec = event_filter(type, actor, country, since, until, factual or factual_only,
                            min_confidence, prefix="", place=place)
        rows = _queries().events(self._db, spec, limit)
        return _frame(rows, dates=("day", "published")) if as_frame else rows

    def mentions(self, event_id: str, *, as_frame: bool = False) -> Any:
        """The article mentions (trigger, sentence, offsets) of one stored event."""
        rows = _queries().mentions(self._db, event_id)
        return _frame(rows) if as_frame else rows

    def actors(self, name: str | None = None, *, limit: int | None = None,
               as_frame: bool = False) -> Any:
        """Actors by the number of articles naming them; `name` filters by part of it."""
        rows = _queries().actors(self._db, name, limit)
        return _frame(rows) if as_frame else rows

    def quotes(self, speaker: str | None = None, *, limit: int | None = None,
               as_frame: bool = False) -> Any:
        """Quotes, newest first; `speaker` filters by part of the speaker's name."""
        rows = _queries().quotes(self._db, speaker, limit)
        return _frame(rows) if as_frame else rows

    def stats(self, *, as_frame: bool = False) -> dict[str, Any]:
        """Rows per table (`totals`), events by type (`by_type`) and by day (`by_day`);
        with `as_frame`, `by_type` and `by_day` are DataFrames."""
        result = _queries().stats(self._db)
        if as_frame:
            result = {**result, "by_type": _frame(result["by_type"]),
                      "by_day": _frame(result["by_day"])}
        return result

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"StoreReader({str(self.path)!r})"


def open_store(path: str | Path) -> StoreReader:
    """Open the store at `path` read-only. Raises `eventwire.errors.StoreError` when there
    is no eventwire store there or it is older or newer than this version reads."""
    return StoreReader(path)
