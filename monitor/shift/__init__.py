"""Shift stage: decide from a watch's scored stories when its rhetoric moved.

``Detector`` (in ``detector``) is one watch's state, advanced one story at a
time; ``evaluate`` is the same decisions as a pure function of a whole
history. ``stats`` holds the statistics and the near-duplicate check,
``calibrate`` estimates a watch's false-alarm rate by block resampling of its
own stories and finds the decision levels that meet a target.
"""

from __future__ import annotations

from monitor.shift.calibrate import TARGET as CALIBRATION_TARGET
from monitor.shift.calibrate import Calibration, calibrate, rule_key
from monitor.shift.detector import (
    DETECTED,
    LATE_TOLERANCE_S,
    METHOD,
    RESOLVED,
    Detector,
    WatchStatus,
    evaluate,
    history_hours,
)
from monitor.shift.stats import (
    DUPLICATE_SIMILARITY,
    DUPLICATE_SPAN_S,
    CopyIndex,
    fingerprint,
    similarity,
)

__all__ = [
    "CALIBRATION_TARGET",
    "DETECTED",
    "DUPLICATE_SIMILARITY",
    "DUPLICATE_SPAN_S",
    "LATE_TOLERANCE_S",
    "METHOD",
    "RESOLVED",
    "Calibration",
    "CopyIndex",
    "Detector",
    "WatchStatus",
    "calibrate",
    "evaluate",
    "fingerprint",
    "history_hours",
    "rule_key",
    "similarity",
]
