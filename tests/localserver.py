"""A real HTTP server on 127.0.0.1 for tests, with programmable routes.

Each route maps a path to a handler ``(request) -> Response``; every request
is recorded so tests can assert on what the client sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Response:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Response]


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up early (size-cap and timeout tests) is expected, not an error."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class LocalServer:
    """Threaded HTTP server bound to an ephemeral loopback port."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Small responses must not wait ~40 ms for Nagle + delayed ACK.
            disable_nagle_algorithm = True

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                req = Request(
                    self.command,
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                with server._lock:
                    server.requests.append(req)
                path = self.path.split("?", 1)[0]
                route = server.routes.get(path) or server.routes.get(self.path)
                resp = route(req) if route else Response(404, b"not found")
                self.send_response(resp.status)
                for key, value in resp.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(resp.body)

            do_GET = _handle
            do_POST = _handle
            do_HEAD = _handle

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def hits(self, path: str) -> list[Request]:
        """Requests received for ``path``."""
        with self._lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]


class DripServer:
    """Raw-socket HTTP server on 127.0.0.1 that answers 200 and then sends its
    body one byte per ``interval_s``: the slow-loris case a client must cut off.
    """

    def __init__(
        self,
        *,
        interval_s: float = 1.0,
        length: int = 100_000,
        drip_headers: bool = False,
        content_length: bool = True,
    ) -> None:
        import socket

        self.interval_s = interval_s
        self.length = length
        self.drip_headers = drip_headers
        self.content_length = content_length
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> DripServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: object) -> None:
        import socket

        assert isinstance(conn, socket.socket)
        with conn:
            conn.settimeout(1.0)
            try:
                conn.recv(65536)
                # Without Content-Length the body is close-delimited (RFC 9112 §6.3).
                length = f"Content-Length: {self.length}\r\n" if self.content_length else ""
                head = (
                    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                    f"{length}Connection: close\r\n\r\n"
                )
                if self.drip_headers:  # slow-loris in the status line and headers
                    for byte in head.encode():
                        if self._stop.wait(self.interval_s):
                            return
                        conn.sendall(bytes([byte]))
                else:
                    conn.sendall(head.encode())
                for _ in range(self.length):  # bounded by the declared length
                    if self._stop.wait(self.interval_s):
                        return
                    conn.sendall(b" ")
            except OSError:
                return
