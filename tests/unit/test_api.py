"""The public Python API: the exported names, `extract`, and reading a store as rows or frames."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

import eventwire
from eventwire.errors import InputError, StoreError
from eventwire.settings import Settings
from eventwire.store import Store

TEXT = ("BAGHDAD — Iraqi police arrested 12 protesters in Baghdad on Sunday, "
        "the interior ministry said.")


def test_exported_members() -> None:
    """Everything public in the package namespace is in __all__, and the other way round."""
    public = {name for name, value in vars(eventwire).items()
              if not name.startswith("_") and not isinstance(value, ModuleType)}
    assert set(eventwire.__all__) == public | {"__version__"}
    assert len(set(eventwire.__all__)) == len(eventwire.__all__)
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None


@pytest.fixture(scope="module")
def article() -> eventwire.Article:
    return eventwire.extract(TEXT, published="2019-12-15", url="https://example.org/a",
                             outlet="Example", settings=Settings())


@pytest.mark.model
def test_extract_gives_a_record_with_offsets(article: eventwire.Article) -> None:
    assert article.published == "2019-12-15" and article.outlet == "Example"
    assert article.meta.failure is None
    assert [e.type for e in article.events] == ["COERCE"]
    trigger = article.events[0].trigger
    assert article.text[trigger.start:trigger.end] == trigger.text == "arrested"
    assert any(t.value == "2019-12-15" for t in article.times)


@pytest.mark.model
def test_extract_keeps_one_pipeline_per_settings() -> None:
    from eventwire.api import _pipeline

    settings = Settings()
    eventwire.extract(TEXT, settings=settings)
    assert _pipeline(settings) is _pipeline(Settings())


@pytest.mark.parametrize(("text", "published", "message"), [
    ("", None, "empty input"),
    ("   \n", None, "empty input"),
    ("Police arrested 12 protesters.", "next week-ish", "publication date"),
])
def test_extract_refuses_bad_input_with_a_clear_error(text: str, published: str | None,
                                                      message: str) -> None:
    with pytest.raises(InputError, match=message):
        eventwire.extract(text, published=published, settings=Settings())


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, article: eventwire.Article) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.db"
    with Store(path) as store:
        store.write(article)
    return path


@pytest.mark.model
def test_open_store_gives_rows(store_path: Path) -> None:
    with eventwire.open_store(store_path) as store:
        events = store.events(type="coerce")
        assert [row["type"] for row in events] == ["COERCE"]
        assert store.events(type="ASSAULT") == []
        assert store.mentions(events[0]["id"])[0]["trigger_text"] == "arrested"
        assert any(row["name"] for row in store.actors())
        assert store.stats()["totals"]["articles"] == 1
        assert isinstance(store.quotes(), list)


@pytest.mark.model
def test_open_store_gives_frames(store_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    with eventwire.open_store(store_path) as store:
        frame = store.events(as_frame=True)
        assert isinstance(frame, pandas.DataFrame)
        assert list(frame["type"]) == ["COERCE"]
        assert isinstance(store.stats(as_frame=True)["by_type"], pandas.DataFrame)


@pytest.mark.model
def test_as_frame_without_pandas_names_the_install(store_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with eventwire.open_store(store_path) as store, \
            pytest.raises(ImportError, match="pip install pandas"):
        store.actors(as_frame=True)


def test_open_store_refuses_a_path_without_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no eventwire store"):
        eventwire.open_store(tmp_path / "missing.db")
