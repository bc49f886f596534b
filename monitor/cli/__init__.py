"""The command line: ``rhetoric-monitor`` and its commands (``main``), each importing
the stages it needs only when it runs."""

from __future__ import annotations

from monitor.cli.main import main

__all__ = ["main"]
