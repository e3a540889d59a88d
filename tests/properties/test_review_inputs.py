"""Bad input to review edits: any text for any field is a checked correction or a clear
InputError, never another exception; a date keeps the precision it was given at."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.store.reviews import FIELDS, corrections

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@given(st.sampled_from(sorted(FIELDS)), TEXT)
def test_edits_are_corrections_or_input_errors(field: str, value: str) -> None:
    try:
        found = corrections({field: value})
    except InputError:
        return
    if field == "date":
        assert found["date_precision"] == {10: "day", 7: "month", 4: "year"}[len(found["day"])]
    else:
        assert list(found) == [FIELDS[field]]


@given(st.dates())
def test_every_real_date_is_accepted_at_each_precision(day: object) -> None:
    text = str(day)
    if not text[:4].isdigit() or len(text) != 10:
        return
    for cut, precision in ((10, "day"), (7, "month"), (4, "year")):
        assert corrections({"date": text[:cut]})["date_precision"] == precision
