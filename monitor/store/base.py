"""Store plumbing: the SQLite connection, its write lock and bounded retries.

``StoreBase`` opens the file (WAL, busy timeout, foreign keys), applies the
migrations of ``monitor.store.schema`` and gives the stores built on it three
helpers: ``_run`` (run a read or a write under the lock, retrying a locked or
busy database and turning SQLite errors into ``StoreError``), ``_tx`` (one
transaction) and ``_rows`` (a query's rows as dicts).

The ``Store`` is one class assembled by plain single inheritance, one module
per part, so each method is found in exactly one place and mypy sees every
attribute without protocols or stubs: ``StoreBase`` (here) →
``monitor.store.events.EventStore`` (events, outbox, silences) →
``monitor.store.sqlite.Store`` (feeds, articles, scores). Use ``Store``; the other two
are its parts, not separate stores.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from monitor.errors import StoreError
from monitor.store.lean import sqlite_utils
from monitor.store.schema import migrations

# The store's logger, as before the split: ``store.retry`` comes from ``monitor.store.sqlite``.
log = logging.getLogger("monitor.store.sqlite")
T = TypeVar("T")


class StoreBase:
    """The connection and plumbing under ``Store`` (one connection, one write lock)."""

    def __init__(self, path: str | Path, *, retries: int = 5, retry_wait_s: float = 0.2) -> None:
        self.path = str(path)
        self._retries = retries
        self._retry_wait_s = retry_wait_s
        self._lock = threading.RLock()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=5.0)
            # No sqlite-utils plugins: whatever another package installed must not change
            # our connection, and finding them (an entry-point scan) costs each command
            # tens of milliseconds at start.
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            self.db.execute("PRAGMA busy_timeout = 5000")
            if self.path != ":memory:":
                self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            with self._lock:
                migrations.apply(self.db)
        except sqlite3.Error as exc:
            raise StoreError(
                f"store: cannot open database {self.path}: {exc} "
                "(check the path and that the directory is writable)"
            ) from exc

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self.db.close()

    # -- plumbing -------------------------------------------------------------

    def _run(self, what: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` under the lock, retrying a locked or busy database (bounded)."""
        for attempt in range(self._retries + 1):
            try:
                with self._lock:
                    return fn()
            except sqlite3.OperationalError as exc:
                transient = "locked" in str(exc) or "busy" in str(exc)
                if not transient or attempt == self._retries:
                    raise StoreError(f"store: {what} failed on {self.path}: {exc}") from exc
                log.warning("store.retry what=%s attempt=%d error=%s", what, attempt + 1, exc)
                time.sleep(self._retry_wait_s * (2**attempt))
            except sqlite3.Error as exc:
                raise StoreError(f"store: {what} failed on {self.path}: {exc}") from exc
        raise AssertionError("unreachable")

    @contextmanager
    def _tx(self) -> Iterator[sqlite_utils.Database]:
        with self.db.atomic():
            yield self.db

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.db.execute(sql, list(params))
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


__all__ = ["StoreBase"]
