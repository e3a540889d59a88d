"""Export the store's deduplicated events: JSONL (with mentions), CSV, Parquet, POLECAT TSV.

Files are written to a temporary file beside `out` and renamed, so an existing file is
replaced only whole. Parquet needs the optional extra: `pip install 'eventwire[parquet]'`.
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
from eventwire.store.queries import EVENT_COLUMNS, EventFilter, Row, iter_events, mentions

FORMATS = ("jsonl", "csv", "parquet", "polecat")
FLAT_COLUMNS = (*EVENT_COLUMNS, "factual", "contexts", "lat", "lon", "outlet", "published",
                "url")
POLECAT_COLUMNS = (
    ("Event ID", "id"), ("Event Date", "day"), ("Event Type", "type"), ("Event Mode", "mode"),
    ("Contexts", "contexts"), ("Actor Name", "source_name"), ("Actor Country", "source_country"),
    ("Actor Sector", "source_sectors"), ("Recipient Name", "target_name"),
    ("Recipient Country", "target_country"), ("Recipient Sector", "target_sectors"),
    ("Placename", "place_name"), ("Latitude", "lat"), ("Longitude", "lon"),
    ("Source", "outlet"), ("Publication Date", "published"), ("Story ID", "story_id"),
)


def _flat(row: Row) -> Row:
    flat = {column: row.get(column) for column in FLAT_COLUMNS}
    flat["contexts"] = ";".join(json.loads(row.get("contexts") or "[]"))
    return flat


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _rows(db: sqlite3.Connection, spec: EventFilter | None) -> Iterator[Row]:
    for row in iter_events(db, spec):
        yield _flat(row)


def write_text(db: sqlite3.Connection, fmt: str, stream: IO[str],
               spec: EventFilter | None = None) -> int:
    """Write events as jsonl, csv or polecat to a text stream; the number written."""
    count = 0
    if fmt == "jsonl":
        for row in iter_events(db, spec):
            record = _flat(row)
            record["contexts"] = json.loads(row.get("contexts") or "[]")
            record["mentions"] = mentions(db, row["id"])
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for record in _rows(db, spec):
            writer.writerow(record)
            count += 1
    elif fmt == "polecat":
        stream.write("\t".join(title for title, _ in POLECAT_COLUMNS) + "\n")
        for record in _rows(db, spec):
            stream.write("\t".join(_cell(record.get(key)) for _, key in POLECAT_COLUMNS) + "\n")
            count += 1
    else:
        raise StoreError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return count


def write_parquet(db: sqlite3.Connection, out: Path, spec: EventFilter | None = None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("parquet export needs pyarrow: pip install 'eventwire[parquet]'") from None
    rows = list(_rows(db, spec))
    columns = {column: [row[column] for row in rows] for column in FLAT_COLUMNS}
    table = pa.table(columns) if rows else pa.table(
        {column: pa.array([], type=pa.string()) for column in FLAT_COLUMNS})
    pq.write_table(table, out)
    return len(rows)


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
        os.replace(temp, out)
    finally:
        Path(temp).unlink(missing_ok=True)
    return count
