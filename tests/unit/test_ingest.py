"""Ingest: every supported input form becomes an Article; bad inputs become InputErrors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.model import Article
from eventwire.text.ingest import Overrides, normalise_date, read_inputs

TEXT = ("Finnish President Alexander Stubb met Estonian Prime Minister Kristen Michal in "
        "Tallinn on Monday to discuss the security of undersea cables.")


def read(paths: list[str], **overrides: str) -> list[Article | InputError]:
    return list(read_inputs(paths, Overrides(**overrides)))


def test_text_file_with_overrides(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = read([str(path)], published="2024-11-20", outlet="Example Wire",
                     url="https://example.org/a", title="Cables")
    assert isinstance(article, Article)
    assert (article.text, article.published, article.outlet, article.title) == (
        TEXT, "2024-11-20", "Example Wire", "Cables")
    assert article.meta.source == str(path)


def test_id_is_stable_hash_of_url_else_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    first = read([str(path)])[0]
    again = read([str(path)])[0]
    with_url = read([str(path)], url="https://example.org/a")[0]
    assert isinstance(first, Article) and isinstance(again, Article)
    assert isinstance(with_url, Article)
    assert first.id == again.id != with_url.id


def test_html_body_and_metadata() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "flood-aid.html"
    [article] = read([str(path)])
    assert isinstance(article, Article)
    assert article.title == "Japan sends flood aid to the Philippines"
    assert article.published == "2024-11-20"
    assert article.author == "Eventwire Examples Desk"
    assert "Foreign Minister Takeshi Iwaya" in article.text
    assert "All rights reserved" not in article.text


def test_jsonl_broken_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "x1", "title": "T", "outlet": "O", "published": "2019-12-17", "text": TEXT}
    path.write_text("\n".join([json.dumps(good), '{"id": "x2", "text": "broken',
                               json.dumps({**good, "id": "x3"}), json.dumps({"id": "x4"})]))
    items = read([str(path)])
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article",
                                                 "InputError"]
    assert str(items[1]).startswith(f"{path}:2: invalid JSON")
    assert str(items[3]) == f"{path}:4: record has no non-empty 'text' or 'html' field"


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    path.write_text('id,url,title,outlet,published,text\n'
                    f'c1,https://e.org/1,T,O,"Dec 17, 2019","{TEXT}"\nc2,,,,,\n',
                    encoding="utf-8")
    items = read([str(path)])
    assert isinstance(items[0], Article)
    assert (items[0].id, items[0].published) == ("c1", "2019-12-17")
    assert isinstance(items[1], InputError) and str(items[1]).startswith(f"{path}:3:")


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(TEXT)
    (tmp_path / "sub" / "a.txt").write_text(TEXT + " Again.")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    items = read([str(tmp_path)])
    assert [i.meta.source for i in items if isinstance(i, Article)] == [
        str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    [article] = read(["-"])
    assert isinstance(article, Article) and article.meta.source == "<stdin>"


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(TEXT.encode() + " Caf\xe9 talks.".encode("latin-1"))
    [article] = read([str(path)])
    assert isinstance(article, Article)
    assert "\ufffd" in article.text
    assert article.meta.warnings == [f"{path}: invalid UTF-8; 1 undecodable byte(s) replaced "
                                     "with U+FFFD"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty input: no text"),
        (b"  \n\t\n ", "empty input: no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        (bytes(range(256)) * 20, "binary file, not text"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = read([str(path)])
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: {problem}")
    assert "\n" not in str(error)


def test_missing_file() -> None:
    [error] = read(["/nonexistent/article.txt"])
    assert str(error) == "/nonexistent/article.txt: no such file or directory"


def test_html_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    [error] = read([str(path)])
    assert str(error) == f"{path}: HTML has no article text that could be extracted"


def test_text_longer_than_max_chars_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 1000)
    [error] = list(read_inputs([str(path)], max_chars=100))
    assert "over max_chars" in str(error)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("2019-12-17", "2019-12-17"), ("2019-12-17T08:30:00Z", "2019-12-17"),
     ("December 17, 2019", "2019-12-17"), ("17 Dec 2019", "2019-12-17"),
     ("Tue, 17 Dec 2019 08:30:00 +0000", "2019-12-17"), (None, None), ("", None)],
)
def test_publication_dates(given: str | None, expected: str | None) -> None:
    assert normalise_date(given, "--published") == expected


@pytest.mark.parametrize("given", ["2019-02-30", "yesterday-ish", "17/17/2019"])
def test_bad_publication_date(given: str) -> None:
    with pytest.raises(InputError, match="is not a date; use YYYY-MM-DD"):
        normalise_date(given, "--published")


def test_sidecar_metadata_and_command_line_wins(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT)
    (tmp_path / "story.meta.json").write_text('{"published": "2019-12-17", "outlet": "Wire"}')
    [article] = read([str(path)])
    assert isinstance(article, Article)
    assert (article.published, article.outlet) == ("2019-12-17", "Wire")
    [article] = read([str(path)], published="2020-01-01")
    assert isinstance(article, Article) and article.published == "2020-01-01"
    (tmp_path / "story.meta.json").write_text("[1, 2]")
    [error] = read([str(path)])
    assert str(error) == f"{tmp_path / 'story.meta.json'}: metadata must be a JSON object"
