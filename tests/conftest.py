"""Shared fixtures: real loopback HTTP servers, a throwaway PostgreSQL, the ../shared folder."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pgserver
from tests.localserver import LocalServer

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A started local HTTP server on 127.0.0.1, stopped after the test."""
    srv = LocalServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared data folder; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared data folder not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def pg_admin_dsn() -> Iterator[str]:
    """A PostgreSQL server's DSN: ``RHETORIC_TEST_PG_DSN`` when set, else a throwaway server
    started here from PostgreSQL's binaries; skips when neither is there or psycopg is not
    installed (``pip install -e '.[test]'`` brings it)."""
    pytest.importorskip("psycopg", reason="psycopg not installed: pip install -e '.[test]'")
    dsn = os.environ.get("RHETORIC_TEST_PG_DSN")
    if dsn:
        yield dsn
        return
    bin_dir = pgserver.find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL binaries (initdb, pg_ctl) not found and RHETORIC_TEST_PG_DSN not set"
        )
    server = pgserver.PgServer(pgserver.temp_root(), bin_dir)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def pg_dsn(pg_admin_dsn: str) -> Iterator[str]:
    """The DSN of a fresh, empty database on the test server, dropped after the test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_dsn, autocommit=True) as conn:
        conn.execute(f"create database {name}")
    try:
        yield pg_admin_dsn.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(pg_admin_dsn, autocommit=True) as conn:
            conn.execute(f"drop database if exists {name} with (force)")
