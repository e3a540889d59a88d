"""Parquet partitions (store/partitions.py): written whole, read back in input order, checked
for completeness, stale files removed, bad files and rows reported by name, and loaded by
`eventwire ingest DIR` into the store with cross-article dedup. Records are built by hand
(no NLP, no Ray)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import __version__
from eventwire.cli.main import app
from eventwire.errors import InputError
from eventwire.model import Article, Failure, Meta
from eventwire.pipeline.engines import chunk_size, split_partitions
from eventwire.store import connect, partitions

pytest.importorskip("pyarrow")

TEXTS = [
    "Rebels attacked an army post near Goma on Monday, killing three soldiers.",
    "The foreign ministers of Estonia and Latvia met in Riga to discuss energy links.",
    "Police in Dhaka arrested twelve protesters outside the parliament on Tuesday.",
    "Flood waters forced thousands to leave their homes in Sindh province this week.",
    "The central bank raised its main interest rate by half a point on Thursday.",
]


def article(n: int, text: str | None = None, failed: bool = False) -> Article:
    meta = Meta(version=__version__, source=f"batch.jsonl:{n + 1}")
    if failed:
        meta.failure = Failure(stage="events", error="ValueError: bad")
    return Article(id=f"a{n}", text=text or TEXTS[n % len(TEXTS)], title=f"Story {n}",
                   published=f"2024-05-0{n % 9 + 1}", meta=meta)


def write_run(directory: Path, articles: list[Article], size: int) -> None:
    for index, chunk in enumerate(partitions.chunked(articles, size)):
        rows = [partitions.row(index * size + k, a) for k, a in enumerate(chunk)]
        partitions.write_partition(directory, index, rows)
    partitions.finish(directory, -(-len(articles) // size), size, len(articles))


@pytest.mark.parametrize(("articles", "size"), [(1, 8), (300, 8), (5_000, 79),
                                                 (1_000_000, 256), (100_000_000, 256)])
def test_chunk_size_depends_on_the_input_size_only(articles: int, size: int) -> None:
    assert chunk_size(articles) == size


def test_round_trip_in_input_order(tmp_path: Path) -> None:
    articles = [article(n) for n in range(5)]
    write_run(tmp_path, articles, 2)
    assert [p.name for p in partitions.partition_files(tmp_path)] == [
        "part-000000.parquet", "part-000001.parquet", "part-000002.parquet"]
    back = list(partitions.read_partitions(tmp_path))
    assert [a.to_dict() for a in back if isinstance(a, Article)] == [a.to_dict()
                                                                     for a in articles]
    assert partitions.is_partitions(tmp_path)
    assert partitions.is_partitions(tmp_path / "part-000001.parquet")
    assert not partitions.is_partitions(tmp_path / partitions.MANIFEST)


def test_columns_for_querying(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    write_run(tmp_path, [article(0), article(1, failed=True)], 8)
    table = pq.read_table(tmp_path / "part-000000.parquet")
    assert tuple(table.column_names) == partitions.COLUMNS
    assert table.column("status").to_pylist() == ["ok", "failed"]
    assert table.column("position").to_pylist() == [0, 1]


def test_complete_checks_ids_and_readability(tmp_path: Path) -> None:
    write_run(tmp_path, [article(n) for n in range(4)], 2)
    assert partitions.complete(tmp_path, 0, ["a0", "a1"])
    assert not partitions.complete(tmp_path, 0, ["a0", "a9"])
    assert not partitions.complete(tmp_path, 5, ["a0"])
    path = tmp_path / "part-000001.parquet"
    path.write_bytes(path.read_bytes()[:50])
    assert not partitions.complete(tmp_path, 1, ["a2", "a3"])


def test_finish_removes_stale_partitions_and_temporaries(tmp_path: Path) -> None:
    write_run(tmp_path, [article(n) for n in range(6)], 2)
    (tmp_path / ".part-000000.parquet.abc.tmp").write_bytes(b"half")
    partitions.finish(tmp_path, 2, 2, 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        partitions.MANIFEST, "part-000000.parquet", "part-000001.parquet"]


def test_unreadable_file_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    write_run(tmp_path, [article(n) for n in range(4)], 2)
    (tmp_path / "part-000000.parquet").write_bytes(b"not parquet at all")
    items = list(partitions.read_partitions(tmp_path))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1
    assert "part-000000.parquet" in str(errors[0])
    assert [i.id for i in items if isinstance(i, Article)] == ["a2", "a3"]


def test_bad_record_row_is_named(tmp_path: Path) -> None:
    rows = [partitions.row(0, article(0)), {**partitions.row(1, article(1)), "record": "{}"}]
    partitions.write_partition(tmp_path, 0, rows)
    items = list(partitions.read_partitions(tmp_path))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], InputError)
    assert "position 1" in str(items[1])


def test_split_partitions_from_other_inputs(tmp_path: Path) -> None:
    write_run(tmp_path / "parts", [article(0)], 8)
    text = tmp_path / "story.txt"
    text.write_text(TEXTS[0], encoding="utf-8")
    stored, inputs = split_partitions([str(tmp_path / "parts"), str(text), "-"])
    assert stored == [tmp_path / "parts"]
    assert inputs == [str(text), "-"]


def test_ingest_loads_partitions_once_with_dedup(tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    # a3 repeats a0's text under another id: the store keeps one article.
    articles = [article(0), article(1), article(2, failed=True), article(3, text=TEXTS[0])]
    write_run(parts, articles, 2)
    db = tmp_path / "store.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(parts), "--db", str(db)])
    assert first.exit_code == 3, first.output
    assert "2 added" in first.output
    again = runner.invoke(app, ["ingest", str(parts), "--db", str(db)])
    assert "0 added" in again.output
    assert connect(db, readonly=True).execute("SELECT count(*) FROM articles").fetchone()[0] == 2
