"""The event store: articles, their items, stories and deduplicated events in SQLite.

`Store(path)` opens (or creates) a store for writing; `connect(path, readonly=True)` opens
one for queries (`queries`) and exports (`exports`). See `schema` for the tables,
`connection` for opening, `grouping` for how events are deduplicated.
"""

from __future__ import annotations

from eventwire.store.connection import connect
from eventwire.store.schema import SCHEMA_VERSION
from eventwire.store.writer import Store, content_hash

__all__ = ["SCHEMA_VERSION", "Store", "connect", "content_hash"]
