"""PostgreSQL store plumbing: the connection, migrations, bounded retries, transactions.

``PostgresBase`` is to ``PostgresStore`` what ``StoreBase`` is to ``Store``: it
opens one psycopg 3 connection (autocommit; writes go in explicit
transactions), applies ``monitor.store.pg_schema.MIGRATIONS``, and gives the
parts built on it ``_run`` (a read or a write under the lock, retrying a lost
connection, a serialisation failure or a deadlock, and turning database errors
into ``StoreError``), ``_tx`` (one transaction) and ``_rows`` (rows as dicts).

psycopg is imported here only, and only in cluster mode: the local install does
not need it (``pip install 'rhetoric-monitor[cluster]'`` brings it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from monitor.errors import StoreError
from monitor.store.codec import redact_dsn
from monitor.store.pg_schema import MIGRATIONS

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - exercised on a local-only install
    psycopg = None  # type: ignore[assignment]

log = logging.getLogger("monitor.store.postgres")
T = TypeVar("T")


class PostgresBase:
    """The connection and plumbing under ``PostgresStore`` (one connection, one lock)."""

    def __init__(
        self,
        dsn: str,
        *,
        retries: int = 5,
        retry_wait_s: float = 0.2,
        connect_timeout_s: float = 10.0,
    ) -> None:
        if psycopg is None:
            raise StoreError(
                f"store: {redact_dsn(dsn)} is a PostgreSQL URL, but psycopg is not installed "
                "(install the cluster extra: pip install 'rhetoric-monitor[cluster]')"
            )
        self.dsn = dsn
        self.path = redact_dsn(dsn)  # what messages name, as ``Store.path`` does
        self._retries = retries
        self._retry_wait_s = retry_wait_s
        self._connect_timeout_s = connect_timeout_s
        self._lock = threading.RLock()
        self._conn: psycopg.Connection[dict[str, Any]] | None = None
        self._run("apply migrations", self._migrate)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- plumbing -------------------------------------------------------------

    @property
    def conn(self) -> psycopg.Connection[dict[str, Any]]:
        """The open connection (opened on first use and after a loss)."""
        if self._conn is None or self._conn.closed:
            try:
                self._conn = psycopg.connect(
                    self.dsn,
                    autocommit=True,
                    row_factory=dict_row,
                    connect_timeout=max(1, int(self._connect_timeout_s)),
                    application_name="rhetoric-monitor",
                )
            except psycopg.Error as exc:
                raise _Lost(str(exc)) from exc
        return self._conn

    def _run(self, what: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` under the lock, retrying transient failures (bounded)."""
        for attempt in range(self._retries + 1):
            try:
                with self._lock:
                    return fn()
            except (
                _Lost,
                psycopg.OperationalError,
                pg_errors.SerializationFailure,
                pg_errors.DeadlockDetected,
            ) as exc:
                if attempt == self._retries:
                    raise StoreError(
                        f"store: {what} failed on {self.path}: {_one_line(exc)} "
                        "(check that PostgreSQL is running and reachable)"
                    ) from exc
                log.warning(
                    "store.retry what=%s attempt=%d error=%s", what, attempt + 1, _one_line(exc)
                )
                if self._conn is not None and self._conn.closed:
                    self._conn = None
                time.sleep(self._retry_wait_s * (2**attempt))
            except psycopg.Error as exc:
                raise StoreError(f"store: {what} failed on {self.path}: {_one_line(exc)}") from exc
        raise AssertionError("unreachable")

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        conn = self.conn
        with conn.transaction():
            yield conn

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.conn.execute(sql, list(params)).fetchall()

    def _migrate(self) -> None:
        conn = self.conn
        try:
            conn.execute(
                "create table if not exists rhetoric_migrations"
                " (name text primary key, applied_at timestamptz not null default now())"
            )
        except psycopg.Error:
            # Two processes creating it at once: the loser fails on the catalog's unique
            # key ("type ... already exists"). The table is there, as wanted.
            row = conn.execute("select to_regclass('rhetoric_migrations') as t").fetchone()
            if not row or row["t"] is None:
                raise
        with conn.transaction():
            # Several workers may start together: the first applies, the others wait here
            # and then find nothing pending.
            conn.execute("lock table rhetoric_migrations in exclusive mode")
            done = {r["name"] for r in conn.execute("select name from rhetoric_migrations")}
            for name, statements in MIGRATIONS:
                if name in done:
                    continue
                for sql in statements:
                    conn.execute(sql)
                conn.execute("insert into rhetoric_migrations (name) values (%s)", [name])
                log.info("store.migrated name=%s", name)

    def ensure_schema(self, *, probe: str, sql: str) -> bool:
        """Apply another package's schema ``sql`` once, unless table ``probe`` exists.

        For the task queue's tables (cluster mode): applied under the same lock as the
        migrations, so workers starting together apply it once. True when applied now.
        """

        def write() -> bool:
            conn = self.conn
            with conn.transaction():
                conn.execute("lock table rhetoric_migrations in exclusive mode")
                row = conn.execute("select to_regclass(%s) as t", [probe]).fetchone()
                if row and row["t"] is not None:
                    return False
                conn.execute(sql.encode())
                log.info("store.schema_applied probe=%s", probe)
                return True

        return self._run(f"apply the schema of {probe}", write)

    def applied_migrations(self) -> list[str]:
        """Names of the applied migrations, sorted."""
        return [
            r["name"]
            for r in self._run(
                "read migrations",
                lambda: self._rows("select name from rhetoric_migrations order by name"),
            )
        ]


class _Lost(Exception):
    """The connection could not be (re)opened: retried like a lost connection."""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


__all__ = ["PostgresBase"]
