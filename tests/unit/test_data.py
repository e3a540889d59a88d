"""Package data: one loader for every file, and every file says what it is."""

from __future__ import annotations

from importlib import resources

import pytest

from eventwire import data

FILES = sorted(p.relative_to(resources.files("eventwire.data")).as_posix()  # type: ignore[attr-defined]
               for p in resources.files("eventwire.data").rglob("*")  # type: ignore[attr-defined]
               if p.is_file() and p.suffix in {".tsv", ".toml", ".txt", ".json"})


def test_there_are_data_files() -> None:
    assert "actors/sectors.tsv" in FILES and "quotes/speech_cues.tsv" in FILES


@pytest.mark.parametrize("path", FILES)
def test_every_data_file_has_a_header(path: str) -> None:
    if path.endswith(".json"):
        assert str(data.read_json(path).get("comment", "")).strip()
    else:
        lines = data.read_text(path).splitlines()
        header = [line for line in lines[:3] if line.startswith("#")]
        assert len(header) >= 2, "start with '#' lines saying what the file is and its source"


def test_read_tsv_skips_comments_blank_lines_and_the_column_names() -> None:
    rows = data.read_tsv("counts/nouns.tsv")
    assert rows and all(len(row) == 3 for row in rows)
    assert ["lemma", "category", "part"] not in rows
    assert all(not row[0].startswith("#") for row in rows)


def test_read_word_sets_gives_sets_by_name() -> None:
    words = data.read_word_sets("actors/nominal_words.toml")
    assert "deputy" in words["title_fill"] and isinstance(words["title_fill"], frozenset)
    assert "mr." in words["male_honorifics"]


def test_data_lines_drop_comments_and_blanks() -> None:
    lines = data.data_lines("store/stopwords_en.txt")
    assert "the" in lines and not any(line.startswith("#") or not line.strip() for line in lines)


def test_a_missing_file_names_itself() -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.tsv"):
        data.read_tsv("actors/nope.tsv")
