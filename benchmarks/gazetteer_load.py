"""How long the gazetteer takes to load and how much memory the process then holds.

Run: .venv/bin/python benchmarks/gazetteer_load.py
Prints wall and CPU seconds of `eventwire.gazetteer.gazetteer()` in a fresh process and the
peak resident set size before and after (Linux: ru_maxrss is in KiB).
"""

from __future__ import annotations

import resource
import time


def main() -> None:
    import eventwire.places.gazetteer as module

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    gaz = module.gazetteer()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    again = time.perf_counter()
    module.gazetteer()
    cached = time.perf_counter() - again
    keys = len(gaz.index) + len(gaz.cities.index) + len(gaz.cities.alternates)
    print(f"entries {len(gaz)}, name keys {keys}")
    print(f"load: wall {wall:.2f} s, cpu {cpu:.2f} s; second call {cached * 1e6:.1f} µs")
    print(f"peak RSS: {before:.0f} MB before, {after:.0f} MB after (+{after - before:.0f} MB)")


if __name__ == "__main__":
    main()
