"""Idle benchmark: the daemon's resident memory with thousands of unchanged feeds.

Target (issue "Fast where it is still slow", item 6): with 5,000 feeds configured,
the daemon's RSS 30 s after start stays under 120 MB.

* A loopback server (a separate process) answers every feed with the same small
  RSS document and an ETag; a conditional GET gets ``304 Not Modified``. So the
  daemon does what it does on a quiet day: one conditional GET per feed per
  interval, nothing new.
* The real daemon runs as ``python -m monitor run`` with ``--feeds`` feeds in 10
  watches, a 5-minute interval (its first polls spread over the first interval).
* Its ``VmRSS`` and ``VmHWM`` (peak) are read from ``/proc`` at 30 s, and for
  reference the bare interpreter's with the daemon's modules imported.

Run from the project root (prints a figures table; this is not a test)::

    .venv/bin/python bench/idle.py                 # 5,000 feeds
    .venv/bin/python bench/idle.py --feeds 2000
"""

from __future__ import annotations

import argparse
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bulk import proc_mem_mb  # type: ignore[import-not-found]  # noqa: E402

BODY = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>'
    b"<item><guid>q-1</guid><title>Talks continue</title><description>Officials met."
    b"</description><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>"
)
ETAG = '"quiet-1"'


def serve(port_file: Path) -> None:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_file.write_text(str(server.server_address[1]))
    server.serve_forever()


def write_config(path: Path, db: Path, urls: list[str], watches: int) -> None:
    per = len(urls) // watches
    lines = [f"database: {db}", "defaults:", "  interval: 5m", "watches:"]
    for w in range(watches):
        lines += [
            f"  - name: watch-{w}",
            "    actors: [United States, China]",
            "    feeds:",
            *[f"      - {u}" for u in urls[w * per : (w + 1) * per]],
        ]
    path.write_text("\n".join(lines) + "\n")


def imports_only_mb(env: dict[str, str]) -> float:
    code = (
        "import monitor.daemon, monitor.cli, resource; "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=5000)
    ap.add_argument("--after", type=float, default=30.0, help="seconds after start")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve:
        serve(Path(a.serve))
        return
    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-idle-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    port_file = tmp / "port"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port_file)])
    daemon = None
    try:
        for _ in range(300):
            if port_file.exists() and port_file.read_text():
                break
            time.sleep(0.1)
        port = int(port_file.read_text())
        cfg = tmp / "idle.yaml"
        urls = [f"http://127.0.0.1:{port}/f/{i}.xml" for i in range(a.feeds)]
        write_config(cfg, tmp / "idle.db", urls, 10)
        base = imports_only_mb(env)
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(cfg)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(a.after)
        if daemon.poll() is not None:
            raise SystemExit("the daemon exited early")
        rss, hwm = proc_mem_mb(daemon.pid)
    finally:
        if daemon is not None and daemon.poll() is None:
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(timeout=30)
            except subprocess.TimeoutExpired:
                daemon.kill()
        server.kill()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"cores: {os.cpu_count()}  feeds: {a.feeds}")
    print(f"daemon RSS {a.after:.0f} s after start: {rss:.0f} MB (peak {hwm:.0f} MB)")
    print(f"the daemon's modules imported, nothing running: {base:.0f} MB")
    print(f"RSS / target 120 MB: {rss / 120:.2f}")


if __name__ == "__main__":
    main()
