"""Many writers on one store: three `eventwire ingest` processes with overlapping inputs run at
once on a new store, one of them killed with SIGKILL at a random moment, then one finishing
run; the store must equal one filled by a single serial run (every table: articles, items,
stories, events, summaries). Real model, real processes, real SQLite."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")]

STORIES = [
    "Finnish President Alexander Stubb met Estonian Prime Minister Kristen Michal in Tallinn "
    "on Monday to discuss the security of undersea cables. Stubb said both countries would "
    "increase naval patrols in the Baltic Sea.",
    "Police arrested 40 protesters in Harbor City on Saturday after demonstrators blocked the "
    "port entrance. The mayor said the protest had been peaceful until the evening.",
    "The European Union pledged 20 million euros in flood aid to Slovenia on Tuesday. "
    "Slovenian Prime Minister Robert Golob thanked the European Commission for the support.",
    "Rockets struck a military base near Baghdad on Friday, wounding two Iraqi soldiers. "
    "U.S. Defense Secretary Mark Esper accused Iran-backed militias of the attack.",
    "Germany and France signed an agreement on Wednesday to build a joint tank. German "
    "Chancellor Olaf Scholz and French President Emmanuel Macron met in Berlin.",
    "Kenyan President William Ruto criticized the International Monetary Fund on Thursday. "
    "He said the lender's loan conditions hurt ordinary Kenyans.",
]
WRITERS = 3


def files(folder: Path) -> list[Path]:
    """Each story and a light rewrite of it (a near duplicate: the same story, events)."""
    paths = []
    for number, text in enumerate(STORIES):
        for version, body in enumerate((text, text + " Officials gave no further details.")):
            path = folder / f"story{number}-{version}.txt"
            path.write_text(body, encoding="utf-8")
            path.with_name(path.stem + ".meta.json").write_text(json.dumps(
                {"published": f"2024-05-{10 + number:02d}", "outlet": f"Wire {version}"}),
                encoding="utf-8")
            paths.append(path)
    return paths


def ingest(db: Path, paths: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", *map(str, paths),
                             "--db", str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> None:
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err


def dump(path: Path) -> dict[str, list[str]]:
    """Every row of every table (article records without their timings), sorted."""
    db = sqlite3.connect(path)
    try:
        state: dict[str, list[str]] = {}
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            rows = []
            for row in db.execute(f"SELECT * FROM {table}"):
                values = list(row)
                if table == "articles":
                    record = json.loads(values[-1])
                    record["meta"].pop("timings_ms", None)
                    values[-1] = record
                rows.append(json.dumps(values, sort_keys=True, default=str))
            state[table] = sorted(rows)
        return state
    finally:
        db.close()


def test_writers_at_once_with_a_kill_equal_a_serial_run(tmp_path: Path) -> None:
    seed = int(os.environ.get("EVENTWIRE_TRIAL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    inputs = files(tmp_path)
    serial = tmp_path / "serial.db"
    finish(ingest(serial, inputs))

    shared = tmp_path / "shared.db"
    share = len(inputs) // WRITERS
    sets = [inputs[i * share:] + inputs[:i * share] for i in range(WRITERS)]
    for chosen in sets:  # overlapping: each writer takes 8 of the 12 files, in its own order
        del chosen[8:]
        rng.shuffle(chosen)
    writers = [ingest(shared, chosen) for chosen in sets]
    victim = rng.randrange(WRITERS)
    time.sleep(rng.uniform(0.5, 6.0))
    if writers[victim].poll() is None:
        writers[victim].send_signal(signal.SIGKILL)
    for number, writer in enumerate(writers):
        if number == victim:
            writer.communicate(timeout=300)
        else:
            finish(writer)
    finish(ingest(shared, inputs))

    got, want = dump(shared), dump(serial)
    assert set(got) == set(want), f"seed {seed}"
    assert len(want["articles"]) == len(inputs)
    assert 0 < len(want["stories"]) < len(inputs)  # the rewrites joined their stories
    for table in sorted(want):
        assert got[table] == want[table], f"{table} differs (seed {seed})"
