"""Reading each watch's detector state and calibration, the same on both backends.

The two stores differ here only in their parameter mark (``?`` for SQLite, ``%s``
for psycopg), which each names as ``MARK``; the rows are decoded once, here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

T = TypeVar("T")


class WatchStateReads:
    """``detector_state(s)`` and ``calibration(s)`` for a store with ``_run`` and ``_rows``."""

    MARK: ClassVar[str]

    if TYPE_CHECKING:  # provided by the store this is mixed into (after it in the MRO)

        def _run(self, what: str, fn: Callable[[], T]) -> T: ...

        def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    def detector_state(self, watch: str) -> dict[str, Any] | None:
        """The saved detector state of ``watch`` (scalars and status decoded), or None."""
        sql = f"select * from detector_state where watch = {self.MARK}"
        rows = self._run("read detector state", lambda: self._rows(sql, [watch]))
        if not rows:
            return None
        row = rows[0]
        row["scalars"] = json.loads(row["scalars"] or "null")
        row["status"] = json.loads(row["status"] or "null")
        return row

    def detector_states(self) -> list[dict[str, Any]]:
        """Every watch's saved status (no scalars), by watch name."""
        sql = (
            "select watch, rule_hash, last_row, saved_at, status from detector_state order by watch"
        )
        rows = self._run("read detector states", lambda: self._rows(sql))
        for row in rows:
            row["status"] = json.loads(row["status"] or "null")
        return rows

    def calibration(self, watch: str) -> dict[str, Any] | None:
        """The latest calibration of ``watch`` (result decoded), or None."""
        sql = f"select * from calibrations where watch = {self.MARK}"
        rows = self._run("read calibration", lambda: self._rows(sql, [watch]))
        return _calibration(rows[0]) if rows else None

    def calibrations(self) -> list[dict[str, Any]]:
        """Every watch's latest calibration, by watch name."""
        sql = "select * from calibrations order by watch"
        return [_calibration(r) for r in self._run("read calibrations", lambda: self._rows(sql))]


def _calibration(row: dict[str, Any]) -> dict[str, Any]:
    row["result"] = json.loads(row["result"])
    row["applied"] = bool(row["applied"])
    return row
