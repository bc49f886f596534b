"""rhetoric-monitor: watch how parties talk about each other in the news."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
