"""The command line: ``rhetoric-monitor`` and its commands (``main``), each importing
the stages it needs only when it runs.

``main`` is imported on first use: ``python -m monitor.cli.score`` (the batch
scorer) then does not pay for every other command's imports at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monitor.cli.main import main

__all__ = ["main"]


def __getattr__(name: str) -> object:
    if name == "main":
        from monitor.cli.main import main

        # Importing the submodule bound ``main`` here to the module: rebind it.
        globals()["main"] = main
        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
