"""The language check: English is parsed, a clearly foreign article is skipped and says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import __version__
from eventwire.model import Article, Meta
from eventwire.pipeline.stage import Work
from eventwire.settings import Settings
from eventwire.text.language import LanguageStage, detect

ENGLISH = ("Iraqi police arrested twelve protesters in Baghdad on Sunday, the interior "
           "ministry said in a statement.")
GERMAN = ("Die irakische Polizei hat am Sonntag in Bagdad zwölf Demonstranten festgenommen, "
          "teilte das Innenministerium in einer Erklärung mit.")
FRENCH = ("La police irakienne a arrêté dimanche douze manifestants à Bagdad, a indiqué le "
          "ministère de l'Intérieur dans un communiqué.")


def run(text: str) -> Work:
    work = Work(Article(id="t", text=text, meta=Meta(version=__version__)))
    LanguageStage(Settings()).process(work)
    return work


def test_english_is_parsed() -> None:
    work = run(ENGLISH)
    assert work.article.language == "en" and work.skip is None


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr")])
def test_a_foreign_article_is_skipped_with_the_reason(text: str, code: str) -> None:
    work = run(text)
    assert work.article.language == code
    assert work.skip is not None and "not English" in work.skip
    assert work.article.meta.skipped == work.skip


def test_short_text_is_assumed_english() -> None:
    work = run("Danke schön.")
    assert work.article.language == "en" and work.skip is None


def test_detect_gives_the_probability_of_english() -> None:
    lang, prob, english = detect(ENGLISH)
    assert lang == "en" and prob == pytest.approx(english) and prob > 0.9


MIXED = [
    "The minister said on Tuesday that talks with the rebels would resume next week.",
    "Le président a annoncé mardi la reprise des négociations avec les rebelles.",
    "Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt.",
    "ÉTAT D'URGENCE DÉCRÉTÉ",
    "",
]


def test_the_mapped_model_ranks_as_py3langid_does(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from eventwire.text import langid_model

    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mapped = langid_model.identifier()  # writes the cache
    assert sorted(p.name.rsplit("-", 1)[1] for p in tmp_path.glob("langid-*.npy")) == sorted(
        f"{part}.npy" for part in langid_model.PARTS)
    again = langid_model.identifier()  # maps it
    for text in MIXED:
        assert mapped.rank(text) == packaged.rank(text) == again.rank(text)
    damaged = next(tmp_path.glob("langid-*-ptc.npy"))
    damaged.write_bytes(damaged.read_bytes()[:1000])  # a damaged cache is written again
    assert langid_model.identifier().rank(MIXED[1]) == packaged.rank(MIXED[1])
    assert damaged.stat().st_size > 1000
