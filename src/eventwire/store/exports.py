"""Export the store's deduplicated events: JSONL (with mentions), CSV, Parquet, POLECAT TSV and
GDELT-style TSV. docs/exports.md is the column dictionary.

Files are written to a temporary file beside `out` and renamed, so an existing file is
replaced only whole; the file gets the permissions the user's umask gives new files.
Parquet needs the optional extra: `pip install 'eventwire[parquet]'`.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
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

FORMATS = ("jsonl", "csv", "parquet", "polecat", "gdelt", "reviews")
TABLES = {"polecat": POLECAT_COLUMNS, "gdelt": GDELT_COLUMNS}


def _cell(value: Any) -> str:
    """A TSV/CSV cell: one line, no tabs; empty for None; booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(str(v) for v in value)
    return " ".join(str(value).split())


def _wide_rows(db: sqlite3.Connection, spec: EventFilter | None) -> Iterator[Row]:
    """Event rows with the x_ values of `record_fields` (reads the first mention's record)."""
    cache = RecordCache()
    for row in iter_events(db, spec):
        found = db.execute("SELECT record FROM articles WHERE id = ?",
                           (row["first_article"],)).fetchone()
        record = cache.get(row["first_article"], found[0]) if found else None
        values = flat(row)
        values.update(language=row.get("language"))
        values.update(record_fields(row, record, row.get("first_item")))
        yield values


def write_text(db: sqlite3.Connection, fmt: str, stream: IO[str],
               spec: EventFilter | None = None) -> int:
    """Write events as jsonl, csv, polecat or gdelt to a text stream; the number written."""
    count = 0
    if fmt == "reviews":  # the review log, whatever the filter (store/reviews.py)
        from eventwire.store.reviews import all_reviews

        for review in all_reviews(db):
            stream.write(json.dumps(review, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "jsonl":
        for row in iter_events(db, spec):
            record = flat(row)
            record["mentions"] = mentions(db, row["id"])
            record.update(originals(db, row["id"]))
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(FLAT_COLUMNS)
        for row in iter_events(db, spec):
            record = flat(row)
            writer.writerow([_cell(record[column]) for column in FLAT_COLUMNS])
            count += 1
    elif fmt in TABLES:
        columns = TABLES[fmt]
        stream.write("\t".join(title for title, _ in columns) + "\n")
        for values in _wide_rows(db, spec):
            stream.write("\t".join(_cell(values.get(key)) if key else ""
                                   for _, key in columns) + "\n")
            count += 1
    else:
        raise StoreError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
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


def export(db: sqlite3.Connection, fmt: str, out: Path | None,
           spec: EventFilter | None = None) -> int:
    """Export events to `out` (replaced whole) or stdout; the number of events written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if out is None:
        if fmt == "parquet":
            raise StoreError("parquet is binary: give a file with --out")
        return write_text(db, fmt, sys.stdout, spec)
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
