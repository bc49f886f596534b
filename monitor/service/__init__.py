"""Running as a service: the HTTP listener (health, readiness, Prometheus metrics),
systemd's ``sd_notify`` protocol, and log output (text or JSON, scrubbed of secrets).

The daemon wires these to its scheduler and store; nothing here knows the other
stages, so each part is tested on its own.
"""

from __future__ import annotations

from monitor.service.http import Check, HealthServer
from monitor.service.logs import LOG_FORMATS, configure_logging, set_secrets
from monitor.service.metrics import Metrics, StoreFigures
from monitor.service.sdnotify import SystemdNotifier

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
