"""Running as a service: the HTTP listener (health, readiness, Prometheus metrics),
systemd's ``sd_notify`` protocol, and log output (text or JSON, scrubbed of secrets).

The daemon wires these to its scheduler and store; nothing here knows the other
stages, so each part is tested on its own. The listener, the metrics and the systemd
notifier are loaded when first named: every command sets up logging from here, and
only the daemon serves HTTP (``http.server`` and ``prometheus-client`` are about
0.015 CPU-s of start-up that ``poll`` and the operator commands skip).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from monitor.service.logs import LOG_FORMATS, configure_logging, set_secrets

if TYPE_CHECKING:
    from monitor.service.http import Check, HealthServer
    from monitor.service.metrics import Metrics, StoreFigures
    from monitor.service.sdnotify import SystemdNotifier

#: Names loaded on first use, and their modules.
_ON_DEMAND = {
    "Check": "http",
    "HealthServer": "http",
    "Metrics": "metrics",
    "StoreFigures": "metrics",
    "SystemdNotifier": "sdnotify",
}


def __getattr__(name: str) -> object:
    module = _ON_DEMAND.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"monitor.service.{module}"), name)


__all__ = [
    "LOG_FORMATS",
    "Check",
    "HealthServer",
    "Metrics",
    "StoreFigures",
    "SystemdNotifier",
    "configure_logging",
    "set_secrets",
]
