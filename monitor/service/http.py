"""The opt-in HTTP listener: ``/healthz``, ``/readyz`` and ``/metrics``.

* ``/healthz`` answers 200 while the process runs (liveness);
* ``/readyz`` answers 200 when every readiness check passes, else 503; the body is
  JSON naming each check, whether it passed and why;
* ``/metrics`` is the Prometheus exposition of ``Metrics``.

Plain ``http.server`` on its own threads, so a slow scrape or a stuck client never
holds a poll back. Anything else answers 404; only GET and HEAD are served.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from monitor.errors import MonitorError
from monitor.service.metrics import Metrics

__all__ = ["Check", "HealthServer"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Check:
    """One readiness check: passed or not, and why."""

    ok: bool
    detail: str


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class HealthServer:
    """Serves health, readiness and metrics on ``address`` until ``stop``."""

    def __init__(
        self,
        address: tuple[str, int],
        *,
        metrics: Metrics,
        readiness: Callable[[], Mapping[str, Check]],
    ) -> None:
        self.metrics = metrics
        self.readiness = readiness
        self.started = time.monotonic()
        handler = self._handler()
        if ":" in address[0]:
            import socket

            class _Server6(_Server):
                address_family = socket.AF_INET6

            server_cls: type[_Server] = _Server6
        else:
            server_cls = _Server
        try:
            self.server = server_cls(address, handler)
        except OSError as exc:
            raise MonitorError(
                f"http: cannot listen on {address[0]}:{address[1]}: {exc.strerror or exc} "
                "(is another process on that port? change http.listen)"
            ) from exc
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port (useful when ``address`` asked for port 0)."""
        return int(self.server.server_address[1])

    def start(self) -> None:
        """Serve on a background thread."""
        self._thread = threading.Thread(
            target=self.server.serve_forever, name="http", kwargs={"poll_interval": 0.2}
        )
        self._thread.daemon = True
        self._thread.start()
        host, port = self.server.server_address[:2]
        log.info("http.listening host=%s port=%d paths=/healthz,/readyz,/metrics", host, port)

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join(timeout=2)
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "rhetoric-monitor"

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                try:
                    if path == "/healthz":
                        uptime = round(time.monotonic() - outer.started, 1)
                        self._send(200, _json({"status": "ok", "uptime_s": uptime}), "json")
                    elif path == "/readyz":
                        checks = outer.readiness()
                        ready = all(c.ok for c in checks.values())
                        body = {
                            "status": "ready" if ready else "not ready",
                            "checks": {
                                k: {"ok": c.ok, "detail": c.detail} for k, c in checks.items()
                            },
                        }
                        self._send(200 if ready else 503, _json(body), "json")
                    elif path == "/metrics":
                        text, ctype = outer.metrics.render()
                        self._send(200, text, ctype)
                    else:
                        self._send(404, b"not found: try /healthz, /readyz or /metrics\n", "text")
                except Exception as exc:  # the listener answers; the daemon carries on
                    log.exception("http.error path=%s", path)
                    self._send(500, f"error: {type(exc).__name__}\n".encode(), "text")

            def do_HEAD(self) -> None:
                self.do_GET()

            def _send(self, code: int, body: bytes, ctype: str) -> None:
                ctype = {"json": "application/json", "text": "text/plain; charset=utf-8"}.get(
                    ctype, ctype
                )
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # scrapes every few seconds would drown the journal

        return Handler


def _json(obj: object) -> bytes:
    return (json.dumps(obj, indent=1) + "\n").encode()
