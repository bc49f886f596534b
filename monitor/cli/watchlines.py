"""One line per watch on its shift detector, for ``status``, ``history`` and ``report``."""

from __future__ import annotations

from typing import Any


def detector_lines(states: list[dict[str, Any]], calibrations: list[dict[str, Any]]) -> list[str]:
    """One line per watch: where its detector stands (warming up, not enough data,
    watching) and, when it was calibrated, the estimate and whether it is in force."""
    cal = {c["watch"]: c for c in calibrations}
    out = []
    for st in states:
        status = st.get("status") or {}
        line = f"watch {st['watch']}: {status.get('line', 'no verdict yet')}"
        decision = status.get("decision")
        if decision is not None:
            line += f"; decision {decision:g}/{status.get('drift_decision', 0):g}"
        out.append(line)
        c = cal.pop(st["watch"], None)
        if c is not None:
            out.append(f"  {_calibration_line(c, status.get('rule_key'))}")
    for name, c in sorted(cal.items()):
        out.append(f"watch {name}: no detector state yet")
        out.append(f"  {_calibration_line(c, None)}")
    return out


def _calibration_line(c: dict[str, Any], current_key: str | None) -> str:
    from monitor.shift import Calibration

    result = Calibration.from_dict(c["result"])
    if current_key is not None and c["rule_key"] != current_key:
        state = "stale: the rule changed since"
    elif c["applied"]:
        state = "applied"
    else:
        state = "not applied"
    return f"calibrated {str(c['saved_at'])[:16]} ({state}): {result.describe()}"
