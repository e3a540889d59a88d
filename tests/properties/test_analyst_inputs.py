"""Bad input to the analyst's filters and to publication dates: a clear InputError or a
value, never another exception; an article's date never raises (a warning instead)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.store import vocab
from eventwire.text.dates import normalise_date

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
DATEISH = st.one_of(TEXT, st.from_regex(r"\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}", fullmatch=True))


@given(TEXT, st.booleans())
def test_date_bounds_are_dates_or_input_errors(value: str, end: bool) -> None:
    try:
        found = vocab.date_bound(value, "--since", end)
    except InputError as exc:
        assert str(exc).startswith("--since: ")
        return
    assert found is None or date.fromisoformat(found)


@given(TEXT)
def test_types_and_countries_are_codes_or_input_errors(value: str) -> None:
    for check, option in ((vocab.event_type, "--type"), (vocab.country, "--country")):
        try:
            found = check(value)
        except InputError as exc:
            assert str(exc).startswith(f"{option}: ") and "\n" not in str(exc)
            continue
        assert found is None or (found.isupper() and found.isalpha())


@settings(max_examples=60, deadline=None)
@given(DATEISH)
def test_an_article_date_never_raises(value: str) -> None:
    warnings: list[str] = []
    found = normalise_date(value, "story.txt", warnings)
    if found is None:
        assert not value.strip() or warnings
    else:
        assert date.fromisoformat(found)
