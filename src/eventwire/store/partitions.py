"""Parquet partitions: records of a large run as files that DuckDB, pandas and `ingest` read.

A run over N input articles is cut into chunks of `chunk_size` articles by input position;
chunk k is written as `part-{k:06d}.parquet`, one row per article (columns: `COLUMNS`). A
partition is first written under a hidden temporary name and then renamed, so a file with
the final name is always complete; a rerun skips every partition whose ids are already the
chunk's ids and rewrites the others, so a crash never leaves a duplicate or a half file.
`_eventwire.json` (the manifest) is written last: its presence says the run finished.

`eventwire ingest DIR` loads partitions into the SQLite store with one writer, which is
where cross-article dedup happens.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from eventwire._version import __version__
from eventwire.errors import InputError
from eventwire.model import Article

MANIFEST = "_eventwire.json"
PART = re.compile(r"^part-(\d{6})\.parquet$")
COLUMNS = ("position", "id", "title", "outlet", "published", "language", "status",
           "n_events", "n_actors", "n_quotes", "event_types", "source", "record")
INSTALL = "Parquet partitions need pyarrow: pip install 'eventwire[parquet]'"


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet  # registers pa.parquet
    except ImportError:
        raise InputError("parquet", INSTALL) from None
    return pa


def part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


def status(article: Article) -> str:
    """`ok`, `skipped` (not English, empty) or `failed` (a stage raised)."""
    if article.meta.failure is not None:
        return "failed"
    return "skipped" if article.meta.skipped is not None else "ok"


def row(position: int, article: Article) -> dict[str, Any]:
    """One partition row: the record JSON plus a few columns to query it by."""
    return {
        "position": position, "id": article.id, "title": article.title,
        "outlet": article.outlet, "published": article.published,
        "language": article.language, "status": status(article),
        "n_events": len(article.events), "n_actors": len(article.actors),
        "n_quotes": len(article.quotes),
        "event_types": sorted({event.type for event in article.events}),
        "source": article.meta.source, "record": article.to_json(),
    }


def _schema(pa: Any) -> Any:
    text = pa.string()
    return pa.schema([("position", pa.int64()), ("id", text), ("title", text),
                      ("outlet", text), ("published", text), ("language", text),
                      ("status", text), ("n_events", pa.int32()), ("n_actors", pa.int32()),
                      ("n_quotes", pa.int32()), ("event_types", pa.list_(text)),
                      ("source", text), ("record", text)])


def write_partition(directory: Path, index: int, rows: Sequence[dict[str, Any]]) -> Path:
    """Write chunk `index` atomically (temporary file, then rename); return its path."""
    pa = _pyarrow()
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / part_name(index)
    temp = directory / f".{final.name}.{uuid.uuid4().hex}.tmp"
    table = pa.Table.from_pylist(list(rows), schema=_schema(pa))
    try:
        pa.parquet.write_table(table, temp)
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)
    return final


def complete(directory: Path, index: int, ids: Sequence[str]) -> bool:
    """True when partition `index` exists, is readable and holds exactly these ids in order."""
    path = directory / part_name(index)
    if not path.is_file():
        return False
    pa = _pyarrow()
    try:
        table = pa.parquet.read_table(path, columns=["position", "id"])
    except (OSError, ValueError, pa.ArrowException):
        return False
    pairs = sorted(zip(table.column("position").to_pylist(), table.column("id").to_pylist(),
                       strict=True))
    return [article_id for _, article_id in pairs] == list(ids)


def finish(directory: Path, chunks: int, chunk_size: int, articles: int,
           extra: dict[str, Any] | None = None) -> None:
    """Remove partitions past the last chunk and stale temporaries; write the manifest."""
    for path in directory.iterdir():
        match = PART.match(path.name)
        stale = match is not None and int(match.group(1)) >= chunks
        if stale or (path.name.startswith(".part-") and path.name.endswith(".tmp")):
            path.unlink(missing_ok=True)
    manifest = {"format": "eventwire-partitions/1", "eventwire": __version__,
                "partitions": chunks, "chunk_size": chunk_size, "articles": articles,
                "columns": list(COLUMNS), **(extra or {})}
    temp = directory / f".{MANIFEST}.{uuid.uuid4().hex}.tmp"
    temp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(temp, directory / MANIFEST)


def clear_manifest(directory: Path) -> None:
    """A run has started: the folder is unfinished until `finish` writes the manifest again."""
    (directory / MANIFEST).unlink(missing_ok=True)


def is_partitions(path: Path) -> bool:
    """A `.parquet` file, or a folder holding `part-NNNNNN.parquet` files or a manifest."""
    if path.is_file():
        return path.suffix.lower() == ".parquet"
    if not path.is_dir():
        return False
    return (path / MANIFEST).is_file() or any(PART.match(p.name) for p in path.iterdir())


def partition_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.iterdir() if PART.match(p.name))


def read_partitions(path: Path) -> Iterator[Article | InputError]:
    """The records in partition file or folder `path`, by input position; an unreadable
    file or row is an InputError naming it, and the rest is still read."""
    pa = _pyarrow()
    for file in partition_files(path):
        try:
            table = pa.parquet.read_table(file, columns=["position", "record"])
        except (OSError, ValueError, pa.ArrowException) as exc:
            yield InputError(str(file), f"not a readable Parquet partition ({exc})")
            continue
        if table.num_rows == 0:
            continue
        pairs = zip(table.column("position").to_pylist(), table.column("record").to_pylist(),
                    strict=True)
        for position, record in sorted(pairs, key=lambda pair: pair[0]):
            yield _article(file, position, record)


def _article(file: Path, position: int, record: str | None) -> Article | InputError:
    from pydantic import ValidationError

    source = f"{file}: position {position}"
    if not record:
        return InputError(source, "empty record")
    try:
        return Article.from_json(record)
    except ValidationError as exc:
        first = str(exc).splitlines()[0]
        return InputError(source, f"not an eventwire/1 record ({first})")


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
