"""Exports as analysts load them: one row per event with confidence, modality, casualties and
mention counts, filters, the POLECAT and GDELT layouts, typed Parquet, CSV cells, umask.
The store holds synthetic records (store/synthetic.py) plus casualty figures."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from eventwire.model import Article, Count
from eventwire.store import Store, connect, queries
from eventwire.store.columns import FLAT_COLUMNS, GDELT_COLUMNS, POLECAT_COLUMNS
from eventwire.store.exports import export, write_text
from eventwire.store.synthetic import records


def _with_casualties(article: Article) -> Article:
    """The first ASSAULT event of a synthetic record gets a linked count of 4 killed."""
    for event in article.events:
        if event.type == "ASSAULT":
            start = event.sentence.start
            article.counts.append(Count(id="c1", text=article.text[start:start + 4],
                                        start=start, end=start + 4, value=4, noun="people",
                                        category="killed"))
            event.count = "c1"
            break
    return article


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "events.db"
    with Store(path) as writer:
        writer.write_many(_with_casualties(article) for article in records(60))
    return path


def _text(store: Path, fmt: str, spec: queries.EventFilter | None = None) -> str:
    stream = io.StringIO()
    write_text(connect(store, readonly=True), fmt, stream, spec)
    return stream.getvalue()


def test_csv_has_every_fact_and_one_line_cells(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_text(store, "csv"))))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    assert {"confidence", "modality", "factual", "killed", "num_sources"} <= set(rows[0])
    assert all(not row["sentence"].endswith(("\n", " ")) for row in rows)
    assert any(row["killed"] == "4.0" for row in rows)
    assert {row["factual"] for row in rows} <= {"true", "false"}


def test_jsonl_contexts_are_arrays_and_factual_a_bool(store: Path) -> None:
    lines = [json.loads(line) for line in _text(store, "jsonl").splitlines()]
    assert all(isinstance(line["contexts"], list) for line in lines)
    assert all(isinstance(line["factual"], bool) for line in lines)
    assert all(line["mentions"] and "confidence" in line["mentions"][0] for line in lines)


def test_export_filters(store: Path) -> None:
    every = _text(store, "csv").splitlines()
    assault = _text(store, "csv", queries.EventFilter(type="assault")).splitlines()
    assert 1 < len(assault) < len(every)
    assert all(",ASSAULT," in line for line in assault[1:])
    none = _text(store, "csv", queries.EventFilter(min_confidence=0.95)).splitlines()
    assert none == every[:1]
    since = _text(store, "csv", queries.EventFilter(since="2019-07-01")).splitlines()
    assert all(line.split(",")[1] >= "2019-07-01" for line in since[1:])


def test_polecat_has_the_weekly_file_columns(store: Path) -> None:
    lines = [line.split("\t") for line in _text(store, "polecat").splitlines()]
    header = lines[0]
    assert header[:4] == ["Event ID", "Event Date", "Event Type", "Event Mode"]
    assert len([t for t, _ in POLECAT_COLUMNS if not t[0].islower()]) >= 40
    for name in ("Quad Code", "Actor COW", "Recipient Title", "GeoNames ID", "Raw Placename",
                 "Feature Type", "Story People", "Story Organizations", "Story Locations",
                 "Language", "Version", "Confidence", "Killed", "Num Sources"):
        assert name in header
    assert {len(line) for line in lines} == {len(header)}
    row = dict(zip(header, lines[1], strict=True))
    assert row["Quad Code"] in {"1", "2", "3", "4"} and row["Actor Sectors"] == "GOV"
    assert row["Story People"] and ";" in row["Story People"]


def test_gdelt_has_cameo_codes_and_quad_class(store: Path) -> None:
    lines = [line.split("\t") for line in _text(store, "gdelt").splitlines()]
    assert lines[0] == [title for title, _ in GDELT_COLUMNS]
    rows = [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    assault = next(r for r in rows if r["PLOVERType"] == "ASSAULT")
    assert (assault["EventRootCode"], assault["QuadClass"]) == ("18", "4")
    consult = next(r for r in rows if r["PLOVERType"] == "CONSULT")
    assert consult["EventRootCode"] == "04" and consult["QuadClass"] == "1"
    assert all(r["SQLDATE"].isdigit() and len(r["SQLDATE"]) == 8 for r in rows)
    assert any(r["Killed"] == "4" or r["Killed"] == "4.0" for r in rows)


def test_parquet_is_typed(store: Path, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    out = tmp_path / "events.parquet"
    export(connect(store, readonly=True), "parquet", out)
    schema = parquet.read_schema(out)
    assert schema.field("day").type == pa.date32() and schema.field("published").type == (
        pa.date32())
    assert schema.field("factual").type == pa.bool_()
    assert schema.field("url").type == pa.string()
    assert schema.field("contexts").type == pa.list_(pa.string())
    assert schema.field("num_articles").type == pa.int64()
    assert schema.field("killed").type == pa.float64()


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_exported_files_honour_the_umask(store: Path, tmp_path: Path, mask: int) -> None:
    out = tmp_path / f"events-{mask:o}.csv"
    old = os.umask(mask)
    try:
        export(connect(store, readonly=True), "csv", out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_goldstein_and_event_intensity_come_from_the_crosswalk(store: Path) -> None:
    """GDELT's GoldsteinScale and POLECAT's Event Intensity: the CAMEO root's score, from
    conflict (ASSAULT, root 18: -9) to cooperation (CONSULT, root 04: +1)."""
    gdelt = [line.split("\t") for line in _text(store, "gdelt").splitlines()]
    rows = [dict(zip(gdelt[0], line, strict=True)) for line in gdelt[1:]]
    by_type = {r["PLOVERType"]: float(r["GoldsteinScale"]) for r in rows}
    assert by_type["ASSAULT"] == -9.0 and by_type["CONSULT"] == 1.0
    assert all(-10 <= score <= 10 for score in by_type.values())
    polecat = [line.split("\t") for line in _text(store, "polecat").splitlines()]
    intensity = {line[2]: float(line[polecat[0].index("Event Intensity")])
                 for line in polecat[1:]}
    assert intensity == by_type
