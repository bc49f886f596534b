"""Read-only summaries of the store for operators: metrics figures, known names, a
write probe.

The functions take any ``StoreAPI`` and call its method of the same name
(``figures`` for ``store_figures``), so every caller works on both backends: the
SQLite bodies are methods of ``Store`` (``monitor.store.sqlite``), the PostgreSQL
ones of ``PostgresStore`` (``monitor.store.postgres``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.store.contract import StoreAPI

__all__ = [
    "find_delivery",
    "has_older",
    "known_names",
    "probe_writable",
    "store_figures",
]


def store_figures(store: StoreAPI, *, now: datetime) -> dict[str, Any]:
    """Figures for a metrics scrape (``StoreAPI.figures``)."""
    return store.figures(now=now)


def probe_writable(store: StoreAPI) -> None:
    """Raise ``StoreError`` unless the database takes a committed write."""
    store.probe_writable()


def known_names(store: StoreAPI, kind: str) -> set[str]:
    """Names of ``kind`` (``watch``, ``notifier``, ``charted``) the database has seen."""
    return store.known_names(kind)


def has_older(store: StoreAPI, *, watch: str | None, before: datetime) -> bool:
    """True when a scored article of ``watch`` (any watch: None) is older than ``before``."""
    return store.has_older(watch=watch, before=before)


def find_delivery(store: StoreAPI, delivery_id: str) -> dict[str, Any] | None:
    """One outbox row (without its body), or None."""
    return store.find_delivery(delivery_id)
