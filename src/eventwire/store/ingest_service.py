"""The one way articles enter a store, shared by `eventwire ingest`, `eventwire watch` and
`POST /api/articles`.

`Ingest(store)` wraps a writable `Store`: `skip(article)` is the pre-check (an input whose
text is stored under its id or url is "unchanged" and not parsed; one whose text is
stored under another id and url is a syndicated copy, recorded, not parsed), `write`
stores an extracted article, and `finish` records the syndicated copies seen and closes
the pre-check's connection. `outcomes` counts added / replaced / unchanged / copies. A
store opened with `recode=True` has its stored articles parsed and replaced again.
"""

from __future__ import annotations

from collections import Counter
from types import TracebackType

from eventwire.model import Article
from eventwire.store.precheck import Copy, Precheck, record_copies_at
from eventwire.store.writer import Outcome, Store, content_hash


class Ingest:
    """Pre-check, write and syndicated copies for one run over one store."""

    def __init__(self, store: Store, clean: bool = True) -> None:
        self.store = store
        self.check = Precheck.at(store.path, clean=clean, recode=store.recode)
        self.outcomes: Counter[str] = Counter()
        self.copies_recorded = 0
        self._closed = False

    def __enter__(self) -> Ingest:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def skip(self, article: Article) -> bool:
        """True (and counted) when the input need not be parsed: unchanged or a copy."""
        decision = self.check.decide(article)
        if decision == "new":
            return False
        self.outcomes["unchanged" if decision == "unchanged" else "copies"] += 1
        return True

    def write(self, article: Article) -> Outcome:
        """Store one extracted article; an unchanged one under a new id or url is kept as
        a syndicated copy, recorded by `finish`."""
        outcome = self.store.write(article)
        self.outcomes[outcome] += 1
        if outcome == "unchanged":
            self.check.copies.append(Copy.of(article, content_hash(article)))
        return outcome

    def finish(self) -> int:
        """Flush the store, record the syndicated copies seen; how many were new."""
        self.store.flush()
        copies, self.check.copies = self.check.copies, []
        self.copies_recorded += record_copies_at(self.store.path, copies)
        return self.copies_recorded

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.check.close()
