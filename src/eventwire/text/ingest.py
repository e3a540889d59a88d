"""Ingest: read .txt, .html/.htm, .jsonl, .csv files, directories and stdin into `Article`s.

`read_inputs` yields an `Article` for every readable article and an `InputError` for every
file or line that cannot be read, in input order, so one bad input never stops a batch.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from eventwire import __version__
from eventwire.errors import InputError
from eventwire.model import Article, Meta, stable_id

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
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


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR = re.compile(r"\b(1[89]|2\d)\d{2}\b")


def _parse_date(text: str) -> tuple[date | None, str | None]:
    """(the date, None) or (None, why not); a missing year is taken as the latest past one,
    which is said in the second value."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date(), None
    except ValueError:
        pass
    for form in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y/%m/%d",
                 "%Y%m%d"):
        try:
            return datetime.strptime(text, form).date(), None
        except ValueError:
            continue
    try:  # RFC 2822 (RSS): "Wed, 07 Dec 2016 09:43:00 GMT"; the date as written
        return parsedate_to_datetime(text).date(), None
    except (TypeError, ValueError, IndexError):
        pass
    numeric = _NUMERIC_DATE.match(text)
    if numeric:  # 03-02-2009: day-month or month-day?
        first, second, year = (int(x) for x in numeric.groups())
        if first <= 12 and second <= 12 and first != second:
            return None, "is ambiguous (day-month or month-day?); use YYYY-MM-DD"
        day, month = (first, second) if first > 12 else (second, first)
        try:
            return date(year, month, day), None
        except ValueError:
            return None, "is not a date; use YYYY-MM-DD"
    if not any(ch.isdigit() for ch in text):  # "yesterday", "last week": no fixed date
        return None, "is not a date; use YYYY-MM-DD"
    import dateparser

    found = dateparser.parse(text, languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False})
    if found is None:
        return None, "is not a date; use YYYY-MM-DD"
    if not _YEAR.search(text):
        return found.date(), f"has no year; took the latest past one, {found.date()}"
    return found.date(), None


def normalise_date(value: str | None, source: str,
                   warnings: list[str] | None = None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a publication date: ISO 8601 (with time and zone: the
    date as written), RFC 2822, written-out dates (dateparser), DD-MM-YYYY when unambiguous.

    With `warnings` (an article's), a date that cannot be read, or is ambiguous, adds a
    warning and gives None (the article is kept); without it, it raises InputError (a
    command-line option). A guessed year is always a warning when `warnings` is given.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    found, problem = _parse_date(text)
    message = f"publication date {text!r} {problem}" if problem else ""
    if found is None:
        if warnings is None:
            raise InputError(source, message)
        warnings.append(f"{source}: {message}; published left empty")
        return None
    if problem and warnings is not None:
        warnings.append(f"{source}: {message}")
    return found.isoformat()


def decode(data: bytes, source: str, warnings: list[str]) -> str:
    """Text from bytes: UTF-8 (BOM allowed); invalid bytes replaced with a warning."""
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(source, "binary file, not text; eventwire reads .txt, .html, "
                         ".jsonl and .csv")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if bad + controls > max(16, len(text[:8192]) // 10):
            raise InputError(source, "binary file, not text; eventwire reads .txt, .html, "
                             ".jsonl and .csv") from None
        warnings.append(f"{source}: invalid UTF-8; {bad} undecodable byte(s) replaced with U+FFFD")
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
    if fields.get("published") is None and fields.get("date") is not None:
        fields = {**fields, "published": fields["date"]}
    if isinstance(fields.get("text"), str) and fields["text"].strip():
        return make_article(fields, fields["text"], source, max_chars)
    if isinstance(fields.get("html"), str) and fields["html"].strip():
        meta, text = from_html(fields["html"], source)
        return make_article({**meta, **{k: v for k, v in fields.items() if v}}, text,
                            source, max_chars)
    raise InputError(source, "record has no non-empty 'text' or 'html' field")


def _jsonl(text: str, source: str, max_chars: int) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _record(json.loads(line), where, max_chars)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield exc


def _csv(text: str, source: str, max_chars: int) -> Iterator[Item]:
    csv.field_size_limit(max(max_chars * 4, 1 << 20))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not ({"text", "html"} & set(reader.fieldnames)):
        yield InputError(source, "CSV needs a header with a 'text' or 'html' column")
        return
    try:
        for row in reader:
            try:
                yield _record(dict(row), f"{source}:{reader.line_num}", max_chars)
            except InputError as exc:
                yield exc
    except csv.Error as exc:
        yield InputError(f"{source}:{reader.line_num}", f"malformed CSV ({exc})")


def sidecar(path: Path) -> dict[str, Any]:
    """Metadata for a single article file from `NAME.meta.json` beside it, if there is one.

    Its keys are the record fields (id, url, title, outlet, published, author); options
    given on the command line win over it.
    """
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.is_file():
        return {}
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(meta_path), f"unreadable metadata ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(str(meta_path), "metadata must be a JSON object")
    return {k: data[k] for k in RECORD_FIELDS if data.get(k) is not None}


def read_bytes(data: bytes, source: str, suffix: str, overrides: Overrides,
               max_chars: int, metadata: dict[str, Any] | None = None) -> Iterator[Item]:
    warnings: list[str] = []
    try:
        text = decode(data, source, warnings)
        if suffix in {".jsonl", ".ndjson"}:
            yield from _jsonl(text, source, max_chars)
            return
        if suffix == ".csv":
            yield from _csv(text, source, max_chars)
            return
        fields: dict[str, Any] = {}
        if suffix in HTML_SUFFIXES:
            fields, text = from_html(text, source)
        fields.update(metadata or {})
        given = {k: v for k, v in vars(overrides).items() if v is not None}
        yield make_article({**fields, **given}, text, source, max_chars, warnings)
    except InputError as exc:
        yield exc


def expand(paths: list[str]) -> Iterator[tuple[str, Path | None]]:
    """Each input as (name, path); directories recursively (known suffixes), '-' for stdin."""
    for name in paths:
        if name == "-":
            yield "-", None
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in KNOWN_SUFFIXES:
                    yield str(child), child
        else:
            yield name, path


def read_inputs(paths: list[str], overrides: Overrides | None = None,
                max_chars: int = 2_000_000) -> Iterator[Item]:
    """Articles and input errors from files, directories and stdin, in order."""
    overrides = overrides or Overrides()
    for name, path in expand(paths):
        if path is None:
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", ".txt", overrides,
                                  max_chars)
            continue
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            yield InputError(name, "no such file or directory")
            continue
        except OSError as exc:
            yield InputError(name, f"cannot read ({exc.strerror or exc})")
            continue
        suffix = path.suffix.lower()
        try:
            metadata = sidecar(path) if suffix not in TABLE_SUFFIXES else {}
        except InputError as exc:
            yield exc
            continue
        yield from read_bytes(data, name, suffix, overrides, max_chars, metadata)
