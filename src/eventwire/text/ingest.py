"""Ingest: read .txt, .html/.htm, .jsonl, .csv files, directories and stdin into `Article`s.

`read_inputs` yields an `Article` for every readable article and an `InputError` for every
file or line that cannot be read, in input order, so one bad input never stops a batch.
"""

from __future__ import annotations

import csv
import io
import json
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from eventwire._version import __version__
from eventwire.errors import InputError
from eventwire.model import Article, Meta, stable_id
from eventwire.text.dates import normalise_date
from eventwire.text.folders import Listed, walk

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
HTML_FACTOR = 10  # an HTML page may be this many bytes per character of its text
MAX_SIDECAR_BYTES = 1_000_000  # a NAME.meta.json holds a few fields
MIN_HTML_WORDS = 5  # fewer extracted words than this is page furniture, not an article
RECORD_FIELDS = ("id", "url", "title", "outlet", "published", "author")
Item = Article | InputError


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line for single files."""

    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


BINARY = "binary file, not text; eventwire reads .txt, .html, .jsonl and .csv"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"


def is_binary(sample: bytes) -> bool:
    """Many NUL bytes, or many control bytes: binary (a stray one in a text is not)."""
    if sample.count(0) > max(1, len(sample) // 100):
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > max(16, len(sample) // 10) or (controls > 0 and controls == len(
        sample.strip()))


def decode(data: bytes, source: str, warnings: list[str]) -> str:
    """Text from bytes: UTF-8 (BOM allowed) or UTF-16 with a BOM; invalid bytes and stray NULs
    replaced with a warning; binary data refused."""
    if data[:2] in UTF16_BOMS:
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "invalid UTF-16 (the file starts with a UTF-16 byte "
                             "order mark)") from None
    sample = data[:8192]
    if is_binary(sample):
        raise InputError(source, BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if bad + controls > max(16, len(text[:8192]) // 10):
            raise InputError(source, BINARY) from None
        warnings.append(f"{source}: invalid UTF-8; {bad} undecodable byte(s) replaced with U+FFFD")
    if "\x00" in text:
        warnings.append(f"{source}: {text.count(chr(0))} NUL byte(s) replaced with spaces")
        text = text.replace("\x00", " ")
    return text


def make_article(fields: dict[str, Any], text: str, source: str, max_chars: int,
                 warnings: list[str] | None = None) -> Article:
    if not text.strip():
        raise InputError(source, "empty input: no text")
    if len(text) > max_chars:
        raise InputError(source, f"text is {len(text):,} characters, over max_chars "
                         f"({max_chars:,}); split the article or raise max_chars in settings")
    values = {k: (str(fields[k]).strip() or None) if fields.get(k) is not None else None
              for k in RECORD_FIELDS}
    warnings = list(warnings or [])
    values["published"] = normalise_date(values["published"], source, warnings)
    article_id = values.pop("id") or stable_id(values["url"], text)
    meta = Meta(version=f"eventwire {__version__}", source=source, warnings=list(warnings or []))
    return Article(id=article_id, text=text, meta=meta, url=values["url"],
                   title=values["title"], outlet=values["outlet"],
                   author=values["author"], published=values["published"])


def from_html(html: str, source: str) -> tuple[dict[str, Any], str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    if doc is None:
        raise InputError(source, "HTML has no article text that could be extracted")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = "\n\n".join(line for line in (data.get("text") or "").splitlines() if line.strip())
    if len(text.split()) < MIN_HTML_WORDS:
        raise InputError(source, "HTML has no article text that could be extracted")
    fields = {"title": data.get("title"), "author": data.get("author"),
              "published": data.get("date"), "url": data.get("url"),
              "outlet": data.get("sitename")}
    return fields, text


def _record(fields: dict[str, Any], source: str, max_chars: int) -> Article:
    if not isinstance(fields, dict):
        raise InputError(source, "a record must be a JSON object with a text or html field")
    for name in RECORD_FIELDS:
        if isinstance(fields.get(name), dict | list):
            raise InputError(source, f"field {name!r} is a JSON "
                             f"{'object' if isinstance(fields[name], dict) else 'list'}; "
                             "it must be a string; record not read")
    if fields.get("published") is None and fields.get("date") is not None:
        fields = {**fields, "published": fields["date"]}
    if isinstance(fields.get("text"), str) and fields["text"].strip():
        return make_article(fields, fields["text"], source, max_chars)
    if isinstance(fields.get("html"), str) and fields["html"].strip():
        meta, text = from_html(fields["html"], source)
        return make_article({**meta, **{k: v for k, v in fields.items() if v}}, text,
                            source, max_chars)
    raise InputError(source, "record has no non-empty 'text' or 'html' field")


def _jsonl(lines: Iterator[tuple[int, bytes | None]], source: str,
           max_chars: int) -> Iterator[Item]:
    """Records from numbered lines (None: a line over the size limit, not read)."""
    for number, raw in lines:
        where = f"{source}:{number}"
        if raw is None:
            yield InputError(where, f"line is over max_chars ({max_chars:,} characters); "
                             "not read")
            continue
        line = raw.decode("utf-8-sig", errors="replace")
        if not line.strip():
            continue
        try:
            yield _record(json.loads(line), where, max_chars)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield exc
        except Exception as exc:  # noqa: BLE001 - one record's failure stays with that record
            yield InputError(where, f"cannot read ({_error_text(exc)})")


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a binary stream, each read up to `limit` bytes (longer: None)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def _csv(stream: IO[str], source: str, max_chars: int) -> Iterator[Item]:
    """Records of a CSV file. A record the reader cannot split cleanly (a stray quote, more
    fields than the header) is reported with its line, never stored cut short."""
    csv.field_size_limit(max(max_chars * HTML_FACTOR, 1 << 20))
    reader = csv.reader(stream, strict=True)
    line = 1
    try:
        header = next(reader, None)
        if not header or not ({"text", "html"} & set(header)):
            yield InputError(source, "CSV needs a header with a 'text' or 'html' column")
            return
        while True:
            line = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                return
            where = f"{source}:{line}"
            if len(row) > len(header):
                yield InputError(where, f"{len(row)} fields for {len(header)} columns (a stray "
                                 "quote or an unquoted comma?); record not read")
                continue
            try:
                yield _record(dict(zip(header, row, strict=False)), where, max_chars)
            except InputError as exc:
                yield exc
            except Exception as exc:  # noqa: BLE001 - one record's failure stays with it
                yield InputError(where, f"cannot read ({_error_text(exc)})")
    except csv.Error as exc:
        yield InputError(f"{source}:{line}", f"malformed CSV ({exc}); this record and the "
                         "rest of the file not read")


def sidecar(path: Path) -> dict[str, Any]:
    """Metadata for a single article file from `NAME.meta.json` beside it, if there is one.

    Its keys are the record fields (id, url, title, outlet, published, author); options
    given on the command line win over it.
    """
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.is_file():
        return {}
    try:
        if meta_path.stat().st_size > MAX_SIDECAR_BYTES:
            raise InputError(str(meta_path), f"over {MAX_SIDECAR_BYTES:,} bytes; not metadata")
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(meta_path), f"unreadable metadata ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(str(meta_path), "metadata must be a JSON object")
    return {k: data[k] for k in RECORD_FIELDS if data.get(k) is not None}


def _error_text(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def byte_limit(suffix: str, max_chars: int) -> int:
    """The largest file of this kind that can hold a text of `max_chars` characters."""
    return max_chars * (HTML_FACTOR if suffix in HTML_SUFFIXES else 4) + 4


def too_big(size: int, max_chars: int) -> str:
    return (f"file is {size:,} bytes, over max_chars ({max_chars:,} characters); not read; "
            "split the article or raise max_chars in settings")


def read_bytes(data: bytes, source: str, suffix: str, overrides: Overrides,
               max_chars: int, metadata: dict[str, Any] | None = None,
               location: str | None = None) -> Iterator[Item]:
    """The articles (or errors) in the bytes of one input. An article is identified by its
    id, else its (canonical) url, else `location` (a file's absolute `file:` URL), so an
    edited file replaces its earlier version; only an input with none of them (stdin) is
    identified by its text."""
    warnings: list[str] = []
    try:
        if suffix in {".jsonl", ".ndjson"}:
            yield from _table(io.BytesIO(data), source, suffix, max_chars)
            return
        if suffix == ".csv":
            yield from _table(io.BytesIO(data), source, suffix, max_chars)
            return
        text = decode(data, source, warnings)
        fields: dict[str, Any] = {}
        if suffix in HTML_SUFFIXES:
            fields, text = from_html(text, source)
        fields.update(metadata or {})
        given = {k: v for k, v in vars(overrides).items() if v is not None}
        merged = {**fields, **given}
        if location is not None and not merged.get("id") and not merged.get("url"):
            merged["id"] = stable_id(location)
        yield make_article(merged, text, source, max_chars, warnings)
    except InputError as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 - whatever fails reading one input stays with it
        yield InputError(source, f"cannot read ({_error_text(exc)})")


def _table(stream: BinaryIO, source: str, suffix: str, max_chars: int) -> Iterator[Item]:
    """Records of a JSONL or CSV stream, read a record at a time."""
    head = stream.read(8192)
    stream.seek(0)
    utf16 = head[:2] in UTF16_BOMS
    if not utf16 and is_binary(head):
        yield InputError(source, BINARY)
        return
    if suffix == ".csv" or utf16:
        text = io.TextIOWrapper(stream, encoding="utf-16" if utf16 else "utf-8-sig",
                                errors="replace", newline="")
        if suffix == ".csv":
            yield from _csv(text, source, max_chars)
        else:
            numbered = ((n, line.encode("utf-8")) for n, line in enumerate(text, start=1))
            yield from _jsonl(numbered, source, max_chars)
        return
    yield from _jsonl(_lines(stream, byte_limit(".html", max_chars)), source, max_chars)


def expand(paths: list[str]) -> Iterator[Listed]:
    """Each input as (name, path); directories recursively (known suffixes), '-' for stdin
    (None); a folder that cannot be listed, or holds nothing to read, as an InputError."""
    for name in paths:
        if name == "-":
            yield "-", None
            continue
        path = Path(name)
        if path.is_dir():
            yield from walk(path, KNOWN_SUFFIXES)
        else:
            yield name, path


def read_stdin(limit: int) -> bytes | None:
    """Standard input, up to `limit` bytes (None: there is more)."""
    if sys.stdin is None or not hasattr(sys.stdin, "buffer"):
        raise InputError("<stdin>", "standard input is closed; pipe the text in or give "
                         "file names")
    data = sys.stdin.buffer.read(limit + 1)
    return None if len(data) > limit else data


def read_file(name: str, path: Path, overrides: Overrides, max_chars: int) -> Iterator[Item]:
    """The articles (or errors) of one file: checked with stat before anything is read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        yield InputError(name, "no such file or directory")
        return
    if not stat.S_ISREG(info.st_mode):
        yield InputError(name, "not a regular file (a device, pipe or socket); not read")
        return
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        with path.open("rb") as stream:
            yield from _table(stream, name, suffix, max_chars)
        return
    if info.st_size > byte_limit(suffix, max_chars):
        yield InputError(name, too_big(info.st_size, max_chars))
        return
    with path.open("rb") as stream:
        data = stream.read(byte_limit(suffix, max_chars) + 1)
    if len(data) > byte_limit(suffix, max_chars):  # it grew since stat
        yield InputError(name, too_big(len(data), max_chars))
        return
    yield from read_bytes(data, name, suffix, overrides, max_chars, sidecar(path),
                          path.resolve().as_uri())


def read_inputs(paths: list[str], overrides: Overrides | None = None,
                max_chars: int = 2_000_000) -> Iterator[Item]:
    """Articles and input errors from files, directories and stdin, in order. Whatever goes
    wrong reading one input is reported for that input; the others are read."""
    overrides = overrides or Overrides()
    try:
        inputs = list(expand(paths))
    except OSError as exc:
        yield InputError(" ".join(paths), f"cannot list ({exc.strerror or exc})")
        return
    for name, path in inputs:
        if isinstance(path, InputError):
            yield path
            continue
        try:
            if path is None:
                data = read_stdin(byte_limit(".txt", max_chars))
                if data is None:
                    yield InputError("<stdin>", f"input is over max_chars ({max_chars:,} "
                                     "characters); not read")
                else:
                    yield from read_bytes(data, "<stdin>", ".txt", overrides, max_chars)
            else:
                yield from read_file(name, path, overrides, max_chars)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(name, f"cannot read ({exc.strerror or exc})")
        except Exception as exc:  # noqa: BLE001 - one input's failure never sinks the batch
            yield InputError(name, f"cannot read ({_error_text(exc)})")
