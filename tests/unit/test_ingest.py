"""Ingest: every supported input form becomes an Article; bad inputs become InputErrors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.model import Article
from eventwire.text.dates import normalise_date
from eventwire.text.ingest import Overrides, read_inputs

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


# --- reliability (#17): sizes, encodings, CSV quotes, errors contained per input ---

def _errors(items: list[Article | InputError]) -> list[str]:
    return [str(item) for item in items if isinstance(item, InputError)]


@pytest.mark.parametrize("row", [
    '1,unterminated quote" here, and more\n',
    '1,"unterminated quote here, and more\n',
    '1,"quoted" here, and more\n',
])
def test_a_csv_record_with_a_stray_quote_is_reported_not_cut(tmp_path: Path, row: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"id,text\n{row}2,{TEXT}\n", encoding="utf-8")
    items = read([str(path)])
    articles = [item for item in items if isinstance(item, Article)]
    assert all("and more" in a.text for a in articles if a.id == "1")
    assert not any(a.id == "1" for a in articles) or articles[0].text.endswith("and more")
    reported = _errors(items)
    if not any(a.id == "1" for a in articles):
        assert reported and f"{path}:2" in reported[0]


def test_utf16_with_a_bom_is_decoded(tmp_path: Path) -> None:
    for encoding in ("utf-16", "utf-16-be"):
        path = tmp_path / f"a-{encoding}.txt"
        data = TEXT.encode(encoding)
        path.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
        [article] = read([str(path)])
        assert isinstance(article, Article), article
        assert article.text == TEXT


def test_one_nul_byte_is_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode() + b"\x00" + TEXT.encode())
    [article] = read([str(path)])
    assert isinstance(article, Article), article
    assert "Tallinn" in article.text


def test_many_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"ab\x00\x00\x00cd" * 50)
    [error] = read([str(path)])
    assert "binary file" in str(error)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it() -> None:
    [error] = read(["/dev/zero"])
    assert isinstance(error, InputError)
    assert "not a regular file" in str(error)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: 100 MB that costs no disk
        stream.truncate(100 * 1024 * 1024)
    [error] = list(read_inputs([str(path)], max_chars=2_000_000))
    assert isinstance(error, InputError)
    assert "over max_chars" in str(error) and "bytes" in str(error)


def test_max_chars_is_applied_while_reading_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    [error] = list(read_inputs(["-"], max_chars=1000))
    assert "over max_chars" in str(error)


def test_an_error_while_extracting_one_input_stays_with_that_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    real = trafilatura.bare_extraction

    def flaky(html: str, **options: object) -> object:
        if "explode" in html:
            raise ImportError("lxml.html.clean module is now a separate project")
        return real(html, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", flaky)
    page = f"<html><body><article><p>{TEXT}</p></article></body></html>"
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html").write_text(page.replace("</p>", " explode</p>"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": "x", "html": page.replace("</p>", " explode</p>")}) + "\n"
        + json.dumps({"id": "y", "text": TEXT}) + "\n", encoding="utf-8")
    items = read([str(tmp_path)])
    assert sorted(str(i) for i in items if isinstance(i, InputError) and "lxml" in str(i)) == [
        f"{tmp_path / 'b.html'}: cannot read (ImportError: lxml.html.clean module is now a "
        "separate project)",
        f"{tmp_path / 'd.jsonl'}:1: cannot read (ImportError: lxml.html.clean module is now a "
        "separate project)"]
    assert len([i for i in items if isinstance(i, Article)]) == 3


def test_lxml_html_clean_is_a_direct_dependency() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    pinned = [d for d in project["project"]["dependencies"] if d.startswith("lxml_html_clean")]
    assert pinned and "==" in pinned[0]


def test_a_file_without_id_or_url_is_identified_by_its_path(tmp_path: Path) -> None:
    """Editing a file keeps its id (its absolute `file:` URL), so ingesting it again
    replaces the stored article; another file with the same text is another article."""
    from eventwire.model import stable_id

    path, twin = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text(TEXT, encoding="utf-8")
    twin.write_text(TEXT, encoding="utf-8")
    before, other = read([str(path), str(twin)])
    path.write_text(TEXT.replace("Monday", "Tuesday"), encoding="utf-8")
    [after] = read([str(path)])
    assert isinstance(before, Article) and isinstance(after, Article)
    assert isinstance(other, Article)
    assert before.id == after.id == stable_id(path.resolve().as_uri()) != other.id
    assert before.text != after.text
