"""Helpers for tests that run the real daemon: processes, growing feeds, a verifying receiver.

Everything here is real: `python -m monitor run` subprocesses, loopback HTTP
servers, SQLite files read with the standard library.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from standardwebhooks import Webhook

from tests.feeds import SECRET, Item, rss
from tests.localserver import Request, Response

ROOT = Path(__file__).resolve().parent.parent


def wait_for(cond: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    """Poll ``cond`` every 50 ms until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


class DaemonProcess:
    """A `python -m monitor run` subprocess whose output a thread copies to ``log``.

    Output goes through a pipe (not straight to a file) so that a test can put
    resource limits on the daemon's file writes without breaking its logging.
    """

    def __init__(
        self,
        config: Path,
        log: Path,
        *,
        env: dict[str, str] | None = None,
        verbose: bool = False,
    ) -> None:
        self.log = log
        full_env = {
            **os.environ,
            "TEST_WEBHOOK_SECRET": SECRET,
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        cmd = [sys.executable, "-m", "monitor", "run", "--config", str(config)]
        if verbose:
            cmd.append("-v")
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self._out = log.open("ab")
        self._copier = threading.Thread(target=self._copy, daemon=True)
        self._copier.start()

    def _copy(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._out.write(line)
            self._out.flush()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_started(self, timeout: float = 20.0) -> None:
        """Wait for ``daemon.started``; fail at once, with the log, if the process died."""

        def up() -> bool:
            if "daemon.started" in self.text():
                return True
            if not self.alive():
                raise AssertionError(
                    f"daemon exited {self.proc.returncode}:\n{self.text()[-3000:]}"
                )
            return False

        wait_for(up, timeout=timeout, what="daemon.started")

    def _finish(self) -> None:
        self._copier.join(timeout=5)
        if not self._out.closed:
            self._out.close()

    def kill(self) -> None:
        """SIGKILL (no clean-up of any kind) and reap."""
        if self.alive():
            self.proc.kill()
        self.proc.wait(timeout=10)
        self._finish()

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM; returns the exit code."""
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=timeout)
        self._finish()
        return code


@dataclass
class GrowingFeed:
    """An RSS route whose items appear one at a time, with ETag / 304 support.

    ``served`` holds every GUID sent in a 200 answer.
    """

    items: list[Item]
    title: str
    start: float = field(default_factory=time.monotonic)
    first: int = 3
    every_s: float = 0.8
    served: set[str] = field(default_factory=set)
    on_response: Callable[[GrowingFeed, int], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def visible(self) -> int:
        """How many items the feed shows now."""
        grown = int((time.monotonic() - self.start) / self.every_s)
        return min(len(self.items), self.first + grown)

    def complete(self) -> bool:
        return self.visible() == len(self.items)

    def __call__(self, req: Request) -> Response:
        n = self.visible()
        etag = f'"v{n}"'
        if req.headers.get("if-none-match") == etag:
            if self.on_response is not None:
                self.on_response(self, 304)
            return Response(304, b"", {"ETag": etag})
        shown = self.items[:n]
        with self.lock:
            self.served.update(it.guid for it in shown)
        if self.on_response is not None:
            self.on_response(self, 200)
        return Response(
            200, rss(shown, title=self.title), {"Content-Type": "application/rss+xml", "ETag": etag}
        )


class Receiver:
    """Webhook route: verifies each Standard Webhooks signature, records id and payload."""

    def __init__(self, secret: str = SECRET) -> None:
        self.webhook = Webhook(secret)
        self.got: list[tuple[str, dict[str, Any]]] = []
        self.bad: list[str] = []
        self.before: Callable[[Request], None] | None = None
        self.lock = threading.Lock()

    def __call__(self, req: Request) -> Response:
        try:
            payload = self.webhook.verify(req.body, req.headers)
        except Exception as exc:
            with self.lock:
                self.bad.append(f"{type(exc).__name__}: {exc}")
            return Response(400)
        with self.lock:
            self.got.append((req.headers["webhook-id"], payload))
        if self.before is not None:
            self.before(req)
        return Response(204)

    def ids(self) -> set[str]:
        with self.lock:
            return {i for i, _ in self.got}


def db_rows(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` from the SQLite file ``db`` (a short-lived read connection)."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def db_count(db: Path, sql: str) -> int:
    """The single integer ``sql`` returns; 0 when the database or table is not there yet."""
    if not db.exists():
        return 0
    try:
        return int(db_rows(db, sql)[0][0])
    except sqlite3.OperationalError:
        return 0


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` of ``db`` (``ok`` when healthy)."""
    return "; ".join(str(r[0]) for r in db_rows(db, "PRAGMA integrity_check"))


def config_yaml(
    *,
    db: Path,
    watches: dict[str, list[str]],
    hooks: dict[str, str],
    interval: str = "0.3s",
    extra: str = "",
) -> str:
    """A complete config: one watch per entry of ``watches``, one notifier per hook."""
    out = [f"database: {db}", "defaults:", f"  interval: {interval}", "  jitter: 0"]
    if extra:
        out.append(extra.rstrip("\n"))
    if hooks:
        out.append("notifiers:")
        for name, url in hooks.items():
            out += [f"  {name}:", f"    url: {url}", "    secret: ${TEST_WEBHOOK_SECRET}"]
    out.append("watches:")
    for name, feeds in watches.items():
        out += [f"  - name: {name}", "    actors: [United States, China]", "    feeds:"]
        out += [f"      - {f}" for f in feeds]
    return "\n".join(out) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step (as editors that save via a temp file do)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def canonical(payload: dict[str, Any]) -> str:
    """A payload as comparable text."""
    return json.dumps(payload, sort_keys=True)


def started_daemons() -> Iterator[list[DaemonProcess]]:
    """Fixture body: the daemons a test starts; all are killed at teardown."""
    procs: list[DaemonProcess] = []
    yield procs
    for p in procs:
        p.kill()


def feed_key(url: str, guid: str) -> str:
    """The article key the parser gives an entry with a GUID."""
    return f"{url}\x1fguid:{guid}"
