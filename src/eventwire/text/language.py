"""Language check with py3langid's packaged model (mapped from the cache folder, see
langid_model.py); non-English articles are skipped."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventwire.pipeline.stage import Stage, Work

SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from eventwire.text.langid_model import identifier

    return identifier()


def detect(text: str) -> tuple[str, float, float]:
    """Best language code, its probability, and the probability of English."""
    ranks = _identifier().rank(text[:SAMPLE_CHARS])
    lang, prob = ranks[0]
    english = next((p for code, p in ranks if code == "en"), 0.0)
    return str(lang), float(prob), float(english)


class LanguageStage(Stage):
    name = "language"
    requires = ("text",)
    assigns = ("language",)

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        _identifier()

    def process(self, work: Work) -> None:
        article = work.article
        if len(article.text.strip()) < self.settings.language_min_chars:
            article.language = "en"
            return
        lang, prob, english = detect(article.text)
        if (lang != "en" and prob >= self.settings.language_threshold
                and english < self.settings.language_english_floor):
            article.language = lang
            work.skip = f"language is {lang!r} (p={prob:.2f}), not English; not parsed"
            article.meta.skipped = work.skip
            return
        article.language = "en"
