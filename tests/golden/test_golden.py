"""Golden records: the bundled examples through the whole pipeline, checked field by field.

The expected records are checked in. After a deliberate change, regenerate them with
`pytest tests/golden --update-golden` and review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline.batch import Tally, process_paths
from eventwire.pipeline.runner import Pipeline
from eventwire.text.ingest import Overrides

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent.parent / "examples"
CASES = ["esper-iraq-rockets.txt", "harbor-city-protest.txt", "baltic-talks.txt",
         "flood-aid.html"]
VOLATILE = ("timings_ms", "version", "source")


def stable(record: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in record["meta"].items() if k not in VOLATILE}
    return {**record, "meta": meta}


@pytest.mark.model
@pytest.mark.parametrize("name", CASES)
def test_golden_record(pipeline: Pipeline, update_golden: bool, name: str) -> None:
    """Publication dates come from the examples' `.meta.json` sidecar files."""
    tally = Tally()
    [article] = process_paths(pipeline, [str(EXAMPLES / name)], Overrides(), tally)
    record = stable(article.to_dict())
    expected_path = HERE / (Path(name).stem + ".json")
    if update_golden:
        expected_path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    for field in expected:
        assert record.get(field) == expected[field], f"{name}: field {field!r} differs"
    assert record.keys() == expected.keys()
