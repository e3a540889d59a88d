"""Export the store's deduplicated events: JSONL (with mentions), CSV, Parquet, POLECAT TSV and
GDELT-style TSV. docs/exports.md is the column dictionary.

Files are written to a temporary file beside `out` and renamed, so an existing file is
replaced only whole; the file gets the permissions the user's umask gives new files. A
device or FIFO (`/dev/null`, a named pipe) is written to directly, never replaced.
Parquet needs the optional extra: `pip install 'eventwire[parquet]'`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from eventwire.errors import StoreError
from eventwire.store.columns import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    SEPARATOR,
    RecordCache,
    flat,
    record_fields,
)
from eventwire.store.overlay import originals
from eventwire.store.queries import EventFilter, Row, iter_events, mentions

Lines = Callable[[sqlite3.Connection, Iterable[Row]], Iterator[str]]



def cell(value: Any) -> str:
    """A TSV/CSV cell: one line, no tabs; empty for None; booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(str(v) for v in value)
    return " ".join(str(value).split())


def _wide_rows(db: sqlite3.Connection, rows: Iterable[Row]) -> Iterator[Row]:
    """Event rows with the x_ values of `record_fields` (reads the first mention's record)."""
    cache = RecordCache()
    for row in rows:
        found = db.execute("SELECT record FROM articles WHERE id = ?",
                           (row["first_article"],)).fetchone()
        record = cache.get(row["first_article"], found[0]) if found else None
        values = flat(row)
        values.update(language=row.get("language"))
        values.update(record_fields(row, record, row.get("first_item")))
        yield values


def _jsonl(db: sqlite3.Connection, rows: Iterable[Row]) -> Iterator[str]:
    for row in rows:
        record = flat(row)
        record["mentions"] = mentions(db, row["id"])
        record.update(originals(db, row["id"]))
        yield json.dumps(record, ensure_ascii=False) + "\n"


def _reviews(db: sqlite3.Connection, rows: Iterable[Row]) -> Iterator[str]:
    """The review log (store/reviews.py), whatever the event filter."""
    from eventwire.store.reviews import all_reviews

    for review in all_reviews(db):
        yield json.dumps(review, ensure_ascii=False) + "\n"


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _csv(db: sqlite3.Connection, rows: Iterable[Row]) -> Iterator[str]:
    yield _csv_line(list(FLAT_COLUMNS))
    for row in rows:
        record = flat(row)
        yield _csv_line([cell(record[column]) for column in FLAT_COLUMNS])


def _tsv(columns: tuple[tuple[str, str], ...]) -> Lines:
    def lines(db: sqlite3.Connection, rows: Iterable[Row]) -> Iterator[str]:
        yield "\t".join(title for title, _ in columns) + "\n"
        for values in _wide_rows(db, rows):
            yield "\t".join(cell(values.get(key)) if key else "" for _, key in columns) + "\n"

    return lines


@dataclass(frozen=True)
class Exporter:
    """One export format: its lines (None: binary, written by its own writer), media type
    and what it is. The command line's and the API's choices are read from `EXPORTERS`."""

    lines: Lines | None
    media_type: str
    about: str


# The one list of export formats (docs/exports.md describes each).
EXPORTERS: dict[str, Exporter] = {
    "jsonl": Exporter(_jsonl, "application/x-ndjson",
                      "one event a line, with its mentions"),
    "csv": Exporter(_csv, "text/csv; charset=utf-8", "one event a row, flat columns"),
    "parquet": Exporter(None, "application/vnd.apache.parquet",
                        "typed columns (needs the parquet extra)"),
    "polecat": Exporter(_tsv(POLECAT_COLUMNS), "text/tab-separated-values; charset=utf-8",
                        "the POLECAT weekly files' columns, then ours"),
    "gdelt": Exporter(_tsv(GDELT_COLUMNS), "text/tab-separated-values; charset=utf-8",
                      "GDELT-style columns with CAMEO codes"),
    "reviews": Exporter(_reviews, "application/x-ndjson",
                        "the analysts' review actions, one a line (docs/review.md)"),
}
FORMATS = tuple(EXPORTERS)
TEXT_FORMATS = tuple(name for name, exporter in EXPORTERS.items() if exporter.lines)


def lines(db: sqlite3.Connection, fmt: str, rows: Iterable[Row]) -> Iterator[str]:
    """The text of a text export of `rows` (event rows of `queries.iter_events`)."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None or exporter.lines is None:
        raise StoreError(f"unknown text export format {fmt!r}; choose from "
                         f"{', '.join(TEXT_FORMATS)}")
    return exporter.lines(db, rows)


def write_text(db: sqlite3.Connection, fmt: str, stream: IO[str],
               spec: EventFilter | None = None) -> int:
    """Write events in a text format to a stream (the review log for `reviews`); the number
    of lines written after any header."""
    count = 0
    if fmt == "reviews":
        for line in lines(db, fmt, ()):
            stream.write(line)
            count += 1
        return count

    def counted(rows: Iterable[Row]) -> Iterator[Row]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    for line in lines(db, fmt, counted(iter_events(db, spec))):
        stream.write(line)
    return count


def parquet_schema() -> Any:
    """The Parquet schema of FLAT_COLUMNS (see docs/exports.md)."""
    import pyarrow as pa

    types = {"day": pa.date32(), "published": pa.date32(), "factual": pa.bool_(),
             "contexts": pa.list_(pa.string()), "lat": pa.float64(), "lon": pa.float64(),
             "confidence": pa.float64(), "killed": pa.float64(), "injured": pa.float64(),
             "arrested": pa.float64(), "num_mentions": pa.int64(), "num_articles": pa.int64(),
             "num_sources": pa.int64()}
    return pa.schema([(column, types.get(column, pa.string())) for column in FLAT_COLUMNS])


def _date(value: Any) -> Any:
    from datetime import date

    if not value:
        return None
    text = str(value)
    # a date known to the month or year: its first day (the date_precision column says so)
    text = text + "-01" if len(text) == 7 else text + "-01-01" if len(text) == 4 else text
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def write_parquet(db: sqlite3.Connection, out: Path, spec: EventFilter | None = None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("parquet export needs pyarrow: pip install 'eventwire[parquet]'") from None
    schema = parquet_schema()
    rows = [flat(row) for row in iter_events(db, spec)]
    for row in rows:
        row["day"], row["published"] = _date(row["day"]), _date(row["published"])
    columns = {column: [row[column] for row in rows] for column in FLAT_COLUMNS}
    pq.write_table(pa.table(columns, schema=schema), out)
    return len(rows)


def new_file_mode() -> int:
    """The permissions a new file gets under the user's umask (mkstemp's are 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def stream_target(path: Path) -> str:
    """What writing to `path` means: "file" (a regular file or a new path: write beside it
    and rename), "stream" (a character device or FIFO: write to it in place) or "other"
    (a socket, a block device: refused)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "file"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return "file"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "stream"
    return "other"


def export(db: sqlite3.Connection, fmt: str, out: Path | None,
           spec: EventFilter | None = None) -> int:
    """Export events to `out` (replaced whole) or stdout; the number of events written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if out is None:
        if fmt == "parquet":
            raise StoreError("parquet is binary: give a file with --out")
        return write_text(db, fmt, sys.stdout, spec)
    kind = stream_target(out)  # stat follows links: /dev/stdout is the pipe it names
    if kind == "other" or out.is_dir():
        raise StoreError(f"{out}: not a regular file, device or pipe; give --out a file name")
    if kind == "stream":  # a device or FIFO: written in place, never replaced
        if fmt == "parquet":
            return write_parquet(db, out, spec)
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write_text(db, fmt, stream, spec)
    if out.is_symlink():  # write the file the link points at; the link stays
        out = Path(os.path.realpath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    try:
        if fmt == "parquet":
            count = write_parquet(db, Path(temp), spec)
        else:
            with open(temp, "w", encoding="utf-8", newline="") as stream:
                count = write_text(db, fmt, stream, spec)
        os.chmod(temp, new_file_mode())
        os.replace(temp, out)
    finally:
        Path(temp).unlink(missing_ok=True)
    return count
