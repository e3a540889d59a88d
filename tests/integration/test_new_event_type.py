"""A new event type needs only data (issue 23): a 17th PLOVER type added to a copy of the
data folder (a lexicon row, the type list and a type group of data/events/type_groups.toml)
is coded by the pipeline and is in the record's schema enum, with no code edited.

The pipeline runs in a fresh process with EVENTWIRE_DATA_DIR naming the copy (the loaders
read data once per process). The rules code it; the learned decision
(data/events/event_decision.json) knows only the types it was trained on, so it is off here:
a new type is learned by retraining on labelled examples of it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.data import ENV, data_dir

pytestmark = pytest.mark.model

SENTENCE = ("Iraqi health workers vaccinated thousands of refugees in Mosul on Monday, the "
            "Iraqi government said.")
NEW = "INOCULATE"
RUN = f"""
import json
from eventwire.evaluation.common import gold_article
from eventwire.model import json_schema
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings

article = Pipeline(Settings(clean=False, event_decision=False)).process(
    gold_article("t", {SENTENCE!r}, "2020-01-06"))
enum = json_schema()["$defs"]["Event"]["properties"]["type"]["enum"]
print(json.dumps({{"failure": article.meta.failure, "enum": enum,
                  "events": [[e.type, e.trigger.text] for e in article.events]}}))
"""


def _with_new_type(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    lexicon = copy / "events" / "plover_lexicon.tsv"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").rstrip("\n")
                       + f"\nverb\tvaccinate\t{NEW}\t-\thumanitarian\t0.9\tevent\n",
                       encoding="utf-8")
    groups = copy / "events" / "type_groups.toml"
    text = groups.read_text(encoding="utf-8")
    text = text.replace('"ASSAULT"]', f'"ASSAULT", "{NEW}"]', 1)
    text = text.replace("material_cooperation = [", f'material_cooperation = ["{NEW}", ', 1)
    groups.write_text(text, encoding="utf-8")
    return copy


def _run(data: Path | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != ENV}
    if data is not None:
        env[ENV] = str(data)
    done = subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True,
                          text=True, timeout=300, check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_17th_event_type_needs_only_data(tmp_path: Path) -> None:
    before = _run(None)
    assert NEW not in before["enum"]  # type: ignore[operator]
    assert [NEW, "vaccinated"] not in before["events"]  # type: ignore[operator]
    after = _run(_with_new_type(tmp_path))
    assert after["failure"] is None
    assert len(after["enum"]) == 17 and NEW in after["enum"]  # type: ignore[arg-type,operator]
    assert [NEW, "vaccinated"] in after["events"]  # type: ignore[operator]
