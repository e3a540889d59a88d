"""The Ray engine on a real local Ray cluster (2 CPUs): the same records as the local engine
even when a worker is killed mid-run (Ray retries its chunk), Parquet partitions that a
rerun after a crash completes without duplicates, and the one-line message when Ray is not
installed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.model import Article
from eventwire.pipeline.batch import Tally
from eventwire.pipeline.engines import Engine, Run, Runner
from eventwire.settings import Settings
from eventwire.store import Store, partitions
from eventwire.text.ingest import Overrides

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

ray = pytest.importorskip("ray", reason="the ray extra is not installed")
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    source = str(ROOT / "src")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": source}})
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The four examples and a JSONL batch: two articles, a broken line, a non-English one."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [
        json.dumps({"id": "x1", "text": "Protesters marched in Lagos on Monday, demanding "
                    "the release of detained journalists.", "published": "2021-03-01"}),
        "{not json",
        json.dumps({"id": "x2", "text": "Le gouvernement français a annoncé mardi de "
                    "nouvelles sanctions contre les responsables du coup d'État."}),
        json.dumps({"id": "x3", "text": "Russian forces shelled Kharkiv overnight, the "
                    "regional governor said, killing two civilians."}),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(EXAMPLES), str(folder / "batch.jsonl")]


def comparable(article: Article) -> dict[str, Any]:
    record = article.to_dict()
    record["meta"].pop("timings_ms")
    record["meta"].pop("version")
    return record


def run(paths: list[str], **options: Any) -> tuple[list[Article], Tally]:
    tally = Tally()
    runner = Runner(Run(**options), Settings())
    return list(runner.articles(paths, Overrides(), tally)), tally


def test_rerun_after_crash_completes_partitions_without_duplicates(
        cluster: None, corpus: list[str], tmp_path: Path) -> None:
    out = tmp_path / "parts"
    first, _ = run(corpus, engine=Engine.ray, workers=2, chunk=2, partitions=out)
    files = partitions.partition_files(out)
    assert [f.name for f in files] == [partitions.part_name(i) for i in range(4)]
    # A crash: one partition never written, one cut short, a temporary left behind, and
    # the manifest not yet written.
    files[1].unlink()
    files[2].write_bytes(files[2].read_bytes()[:100])
    (out / ".part-000003.parquet.dead.tmp").write_bytes(b"partial")
    (out / partitions.MANIFEST).unlink()
    kept = files[0].stat().st_mtime_ns, files[3].stat().st_mtime_ns
    again, _ = run(corpus, engine=Engine.ray, workers=2, chunk=2, partitions=out)
    assert (files[0].stat().st_mtime_ns, files[3].stat().st_mtime_ns) == kept
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [partitions.MANIFEST, *(partitions.part_name(i) for i in range(4))])
    stored = [a for a in partitions.read_partitions(out) if isinstance(a, Article)]
    assert [a.id for a in stored] == [a.id for a in first] == [a.id for a in again]
    assert [comparable(a) for a in stored] == [comparable(a) for a in first]
    with Store(tmp_path / "store.db") as store:
        outcomes = store.write_many(a for a in stored if a.meta.failure is None)
        assert outcomes["added"] == len(stored)
        assert store.write_many(stored)["unchanged"] == len(stored)


def _kill_a_busy_worker(killed: list[int], deadline: float) -> None:
    """SIGKILL the first Ray Data worker seen running a chunk (its process title says so)."""
    while time.monotonic() < deadline and not killed:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                title = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if "MapWorker(MapBatches(ChunkWorker)).submit" in title:
                os.kill(int(entry.name), signal.SIGKILL)
                killed.append(int(entry.name))
                return
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker")
def test_ray_records_equal_local_records_with_a_worker_killed(cluster: None,
                                                              corpus: list[str]) -> None:
    local, local_tally = run(corpus)
    killed: list[int] = []
    killer = threading.Thread(target=_kill_a_busy_worker,
                              args=(killed, time.monotonic() + 120), daemon=True)
    killer.start()
    remote, remote_tally = run(corpus, engine=Engine.ray, workers=2, chunk=1)
    killer.join()
    assert killed, "no Ray worker was seen running a chunk"
    assert len(local) == 7
    assert [a.id for a in remote] == [a.id for a in local]
    for ours, theirs in zip(remote, local, strict=True):
        assert comparable(ours) == comparable(theirs), ours.id
    assert (remote_tally.ok, remote_tally.skipped, remote_tally.failed,
            remote_tally.unreadable) == (local_tally.ok, local_tally.skipped,
                                         local_tally.failed, local_tally.unreadable) == \
        (6, 1, 0, 1)


def test_without_ray_the_cli_says_what_to_install(tmp_path: Path) -> None:
    hidden = tmp_path / "no_ray" / "ray"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('ray is hidden for this test')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hidden.parent), str(ROOT / "src")])}
    result = subprocess.run([sys.executable, "-m", "eventwire", "extract", str(EXAMPLES),
                             "--engine", "ray"], capture_output=True, text=True, env=env,
                            timeout=300, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "pip install 'eventwire[ray]'" in lines[0]
    assert result.stdout == ""
