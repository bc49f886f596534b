"""Cluster mode: Procrastinate workers on one PostgreSQL, the pipeline unchanged.

A runner, like ``monitor.daemon``: ``Runtime`` (in ``runtime``) holds a worker's
config, scorers and stores and does each job's work with the same pipeline and
outbox calls as the daemon; ``build_app``/``run_worker`` (in ``app``) put them on
Procrastinate's queues. Needs the ``cluster`` extra (procrastinate, psycopg).
See docs/cluster.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.cluster.runtime import QUEUES, PollOutcome, Runtime, ScoreOutcome, utc_now

if TYPE_CHECKING:
    from monitor.cluster.app import build_app, run_worker

__all__ = ["QUEUES", "PollOutcome", "Runtime", "ScoreOutcome", "build_app", "run_worker", "utc_now"]


def __getattr__(name: str) -> object:
    # The Procrastinate side on demand: ``check`` and the tests of ``Runtime`` need no queue.
    if name in ("build_app", "run_worker"):
        from monitor.cluster import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
