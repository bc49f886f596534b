"""Shared fixtures: real loopback HTTP servers and the ../shared data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
