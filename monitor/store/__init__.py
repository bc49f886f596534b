"""Store stage: feeds, articles, scores, events and the outbox, behind one interface.

``StoreAPI`` (in ``contract``) is the interface the pipeline, notify, the
runners and the CLI use. ``Store`` (in ``sqlite``) implements it on one SQLite
file, the default; ``PostgresStore`` (in ``postgres``, cluster mode, needs the
``cluster`` extra) on a shared PostgreSQL database. ``open_store`` picks one from
a path or URL. ``schema``/``pg_schema`` hold the migrations and ``codec`` turns
timestamps and shift events into JSON and back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from monitor.store.codec import (
    STORED_EVIDENCE,
    event_from_dict,
    event_to_dict,
    iso,
    jsonable,
    parse_iso,
    redact_dsn,
)
from monitor.store.contract import StoreAPI
from monitor.store.figures import (
    find_delivery,
    has_older,
    known_names,
    probe_writable,
    store_figures,
)
from monitor.store.schema import migrations
from monitor.store.sqlite import SEARCH_DEPTH, SearchHits, Store, utcnow

if TYPE_CHECKING:
    from monitor.store.postgres import PostgresStore


def __getattr__(name: str) -> object:
    # ``PostgresStore`` on demand: importing it loads psycopg, which local mode lacks.
    if name == "PostgresStore":
        from monitor.store.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_postgres_url(target: str | Path) -> bool:
    """True when ``target`` names a PostgreSQL database (``postgresql://`` or ``postgres://``)."""
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path) -> StoreAPI:
    """The store at ``target``: a PostgreSQL URL opens ``PostgresStore``, anything else a
    SQLite file (``Store``)."""
    if is_postgres_url(target):
        return open_postgres(str(target))
    return Store(target)


def open_postgres(dsn: str) -> PostgresStore:
    """The PostgreSQL store at ``dsn`` (migrations applied); ``StoreError`` without psycopg."""
    # Imported here: the local install has no psycopg, and SQLite users pay nothing.
    from monitor.store.postgres import PostgresStore

    return PostgresStore(dsn)


__all__ = [
    "SEARCH_DEPTH",
    "STORED_EVIDENCE",
    "PostgresStore",
    "SearchHits",
    "Store",
    "StoreAPI",
    "event_from_dict",
    "event_to_dict",
    "find_delivery",
    "has_older",
    "is_postgres_url",
    "iso",
    "jsonable",
    "known_names",
    "migrations",
    "open_postgres",
    "open_store",
    "parse_iso",
    "probe_writable",
    "redact_dsn",
    "store_figures",
    "utcnow",
]
