"""/api/counts as chart series: events per period for each key (type, country or actor).

The numbers come from the store: `queries.counts` (the `event_counts` table kept by
triggers) when the filter has only type, country and days, else `browse.counts_of_events`
(grouped in SQLite over the matching events; by actor each event counts under its source,
as in `eventwire counts --by actor`).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from eventwire.store import browse, queries
from eventwire.store.queries import EventFilter

Row = dict[str, Any]
TOP_SERIES = 12  # counts by country or actor keep the largest series, the rest as "other"


def counts(db: sqlite3.Connection, spec: EventFilter, group: str, per: str) -> Row:
    """Aligned series of events per period (day, ISO week's Monday, month) by `group`."""
    if group != "actor" and spec.summary_only():
        rows = [(row[group], row["period"], row["events"])
                for row in queries.counts(db, [group], per, spec)]
    else:
        rows = [(row["key"], row["period"], row["events"])
                for row in browse.counts_of_events(db, spec, group, per)]
    per_key: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, period, n in rows:
        if period:  # events of unknown day are in no period
            per_key[key or "unknown"][period] += int(n)
    return series(per_key, top_only=group != "type")


def series(per_key: dict[str, dict[str, int]], top_only: bool) -> Row:
    """Aligned series over every period seen; beyond TOP_SERIES keys the rest is 'other'."""
    totals = sorted(((sum(values.values()), key) for key, values in per_key.items()),
                    key=lambda pair: (-pair[0], pair[1]))
    keep = [key for _, key in totals]
    other: dict[str, int] = defaultdict(int)
    if top_only and len(keep) > TOP_SERIES:
        for key in keep[TOP_SERIES:]:
            for period, n in per_key[key].items():
                other[period] += n
        keep = keep[:TOP_SERIES]
    buckets = sorted({period for values in per_key.values() for period in values})
    out = [{"key": key, "total": sum(per_key[key].values()),
            "counts": [per_key[key].get(period, 0) for period in buckets]} for key in keep]
    if other:
        out.append({"key": "other", "total": sum(other.values()),
                    "counts": [other.get(period, 0) for period in buckets]})
    return {"buckets": buckets, "series": out}
