"""Shift stage: decide from a watch's scored stories when its rhetoric moved.

``evaluate`` (in ``detector``) turns samples into detected and resolved events;
``windows`` builds the baseline and recent windows, ``stats`` holds the
statistics and the near-duplicate check, ``memo`` keeps work across calls.
"""

from __future__ import annotations

from monitor.shift.detector import (
    DETECTED,
    DUPLICATE_SIMILARITY,
    DUPLICATE_SPAN,
    METHOD,
    RESOLVED,
    evaluate,
    history_hours,
)
from monitor.shift.memo import ShiftMemo
from monitor.shift.stats import CopyMemo, fingerprint, similarity

__all__ = [
    "DETECTED",
    "DUPLICATE_SIMILARITY",
    "DUPLICATE_SPAN",
    "METHOD",
    "RESOLVED",
    "CopyMemo",
    "ShiftMemo",
    "evaluate",
    "fingerprint",
    "history_hours",
    "similarity",
]
