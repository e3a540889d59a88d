"""Cleaning: boilerplate lines go to `removed` with a reason; article prose stays."""

from __future__ import annotations

import pytest

from eventwire.text.clean import clean_text

BODY = "Police arrested 40 protesters in Nairobi on Tuesday, the interior ministry said."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share:", "share bar"),
        ("Share this article", "share bar"),
        ("Facebook | Twitter | Email", "share bar"),
        ("In Other News", "related links"),
        ("Load More", "related links"),
        ("Read more: Typhoon season in Asia", "related links"),
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Sign up for our daily newsletter", "newsletter prompt"),
        ("Subscribe now", "newsletter prompt"),
        ("Photo: Reuters/Staff", "photo credit"),
        ("(Photo by Ahmad Al-Rubaye/AFP via Getty Images)", "photo credit"),
        ("Leave a comment", "comment prompt"),
        ("Join the conversation", "comment prompt"),
        ("Copyright 2019 Example Wire. All rights reserved.", "navigation"),
    ],
)
def test_boilerplate_lines_are_removed_with_reason(line: str, reason: str) -> None:
    text, removed = clean_text(f"{BODY}\n\n{line}\n\nThe vote is due next week.")
    assert line not in text
    assert [(r.text, r.reason) for r in removed] == [(line, reason)]


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Read more than 300 pages of the report and you will find no mention of the strike.",
        "Share prices in Tokyo fell 3 percent after the announcement on Monday.",
        "The advertisement campaign was paid for by the ruling party, officials said.",
        "Opposition leader Raila Odinga accused the government of using excessive force.",
    ],
)
def test_prose_is_kept(line: str) -> None:
    text, removed = clean_text(line)
    assert text == line
    assert removed == []


def test_author_bio_removed_only_at_the_end() -> None:
    bio = "Shawn Snow is the senior reporter for Marine Corps Times and a Marine Corps veteran."
    text, removed = clean_text(f"{BODY}\n\n{bio}\n\nShare:\nIn Other News\nLoad More")
    assert text == BODY
    assert [r.reason for r in removed] == ["author bio", "share bar", "related links",
                                           "related links"]
    early = f"{bio}\n\n{BODY}\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph."
    text, removed = clean_text(early)
    assert bio in text
    assert removed == []


def test_whitespace_is_normalised_and_paragraphs_kept() -> None:
    text, _ = clean_text("  First   paragraph\u00a0here. \r\n\r\n\r\n\tSecond\u200b one.  \n")
    assert text == "First paragraph here.\n\nSecond one."
