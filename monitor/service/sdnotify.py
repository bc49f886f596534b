"""systemd's readiness and watchdog protocol (``sd_notify``), in a few lines of Python.

With ``Type=notify`` systemd passes a unix datagram socket in ``NOTIFY_SOCKET``
(a path, or an abstract name written ``@name``) and waits for ``READY=1``; with
``WatchdogSec=`` it also sets ``WATCHDOG_USEC`` and restarts the service when
``WATCHDOG=1`` stops arriving for that long. Each message is one datagram of
``KEY=value`` lines. Outside systemd (no ``NOTIFY_SOCKET``) every call does nothing.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

__all__ = ["SystemdNotifier"]

log = logging.getLogger(__name__)


class SystemdNotifier:
    """Sends ``sd_notify`` messages to the socket named in the environment, if any."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        address = env.get("NOTIFY_SOCKET", "")
        if address.startswith("@"):
            address = "\0" + address[1:]  # an abstract socket
        self.address = address
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        # WATCHDOG_PID names the process meant to ping: not us when it is another one.
        mine = not pid or pid == str(os.getpid())
        self.watchdog_s: float | None = (
            int(usec) / 1e6 if usec.isdigit() and int(usec) > 0 and mine else None
        )
        self._sock: socket.socket | None = None
        self._failed = False

    @property
    def enabled(self) -> bool:
        """True when systemd (or a test) listens on ``NOTIFY_SOCKET``."""
        return bool(self.address)

    def notify(self, **fields: str | int) -> bool:
        """Send ``KEY=value`` lines (``notify(READY=1, STATUS="polling 5 feeds")``).

        Returns False when there is no socket or the send failed; a failure is
        logged once and never raised: the service runs on without its supervisor.
        """
        if not self.address:
            return False
        message = "\n".join(f"{k}={v}" for k, v in fields.items()).encode()
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._sock.setblocking(False)
            self._sock.sendto(message, self.address)
        except OSError as exc:
            if not self._failed:
                log.warning("systemd.notify_failed socket=%s error=%s", self.address, exc)
                self._failed = True
            return False
        return True

    def ready(self, status: str) -> bool:
        """``READY=1`` with a status line (shown by ``systemctl status``)."""
        return self.notify(READY=1, STATUS=status)

    def watchdog(self) -> bool:
        """``WATCHDOG=1``: the service is alive and making progress."""
        return self.notify(WATCHDOG=1)

    def stopping(self) -> bool:
        """``STOPPING=1``: shutting down."""
        return self.notify(STOPPING=1, STATUS="stopping")

    def close(self) -> None:
        """Close the socket."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
