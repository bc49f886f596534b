"""Scale benchmark: ``rhetoric-monitor poll`` on an empty database, 1,000 to 5,000 feeds.

Target (issue "Fast where it is still slow", item 1): one ``poll`` run takes time
linear in the number of feeds, so the time per feed stays flat as feeds grow.

* The feed server of ``bench/load.py`` runs as a separate process (its CPU is
  not counted): 20 entries per feed, 50 loopback ports.
* For each size, a fresh config (10 watches, the feeds split between them) and
  an empty database; ``rhetoric-monitor poll`` runs once as a whole process.
* Printed per size: wall time, seconds per 1,000 feeds, and that figure as a
  ratio to the smallest size's (1.00 is linear; the quadratic behaviour this
  replaced went 106 s → 609 s from 2,000 to 5,000 feeds, a ratio of 2.3).

Run from the project root (a figures table is printed; this is not a test)::

    .venv/bin/python bench/poll_scale.py                        # 1,000 2,000 5,000
    .venv/bin/python bench/poll_scale.py --sizes 500,1000,2000  # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import write_config  # type: ignore[import-not-found]  # noqa: E402

LOAD = Path(__file__).resolve().parent / "load.py"


def start_server(tmp: Path, feeds: int, ports: int) -> tuple[subprocess.Popen[bytes], list[int]]:
    """The load benchmark's feed server, and the ports it listens on."""
    server = subprocess.Popen(
        [sys.executable, str(LOAD), "--serve", "--feeds", str(feeds), "--interval", "3600",
         "--change", "0.001", "--ports", str(ports), "--t0", str(time.time()),
         "--ports-file", str(tmp / "ports.json"), "--log-file", str(tmp / "requests.json"),
         "--max-s", "7200"],
    )  # fmt: skip
    for _ in range(300):
        ports_file = tmp / "ports.json"
        if ports_file.exists() and ports_file.stat().st_size:
            return server, json.loads(ports_file.read_text())
        time.sleep(0.1)
    server.kill()
    raise SystemExit("the feed server did not start within 30 s")


def time_poll(cfg: Path, env: dict[str, str], timeout_s: float) -> tuple[float, str]:
    """Wall time of one ``rhetoric-monitor poll`` and the last line it printed."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "monitor", "poll", "--config", str(cfg)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout_s,
    )  # fmt: skip
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"poll failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return took, proc.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,2000,5000", help="feed counts, comma-separated")
    ap.add_argument("--watches", type=int, default=10)
    ap.add_argument("--ports", type=int, default=50)
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=3600.0, help="per poll run, seconds")
    a = ap.parse_args()
    sizes = sorted(int(s) for s in a.sizes.split(","))
    a.interval = 3600.0  # write_config reads these two from the namespace
    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-poll-scale-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    server, ports = start_server(tmp, max(sizes), a.ports)
    rows = []
    try:
        for n in sizes:
            urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/f/{i}.xml" for i in range(n)]
            cfg, db = tmp / f"poll-{n}.yaml", tmp / f"poll-{n}.db"
            write_config(cfg, db=db, urls=urls, watches=a.watches, a=a)
            took, last = time_poll(cfg, env, a.timeout)
            rows.append((n, took, last))
            print(f"{n:>6} feeds: {took:7.1f} s  ({last})", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    base = rows[0][1] / rows[0][0] * 1000
    print(f"\ncores: {os.cpu_count()}")
    print(f"{'feeds':>6} {'wall s':>8} {'s per 1k feeds':>15} {'ratio to first':>15}")
    for n, took, _ in rows:
        per = took / n * 1000
        print(f"{n:>6} {took:>8.1f} {per:>15.1f} {per / base:>15.2f}")
    print("linear: the ratio stays near 1.00 (quadratic growth doubles it by 2.5x the feeds)")


if __name__ == "__main__":
    main()
