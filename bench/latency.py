"""Latency benchmark: from an article appearing on a feed to its verified webhook.

Target (DESIGN.md): an article that appears on a feed reaches a verified
webhook within one poll interval plus 2 seconds when it completes a shift.

* A feed server on 127.0.0.1 (tests/localserver.py) serves ``--watches``
  independent watches of 3 feeds each. Every feed starts with 10 days of warm
  coverage (published in the past); then each watch reveals one hostile
  article every ``--interval + 3`` seconds, round-robin over its feeds, with
  a random phase per watch, until its shift is detected.
* A webhook receiver on 127.0.0.1 verifies every Standard Webhooks signature
  with the ``standardwebhooks`` library (an implementation independent of
  ours) and records the arrival time.
* The real daemon runs as ``python -m monitor run`` with ``--interval``
  (default 5 s), jitter 0 and the rule's ``persistence_hours: 0`` (the default
  6 h persistence would need 6 real hours).
* The article that completed each shift is the newest one of that watch
  stored by the poll that raised the event (``articles.stored_at`` equals the
  event's ``created_at``: both are that poll's clock); its latency is the
  webhook's arrival minus the moment it appeared on its feed (``poll->hook``
  is the part after the server first served it: poll, score, detect, send).

Run from the project root (prints a figures table; this is not a test)::

    .venv/bin/python bench/latency.py
    .venv/bin/python bench/latency.py --interval 10 --watches 8
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from standardwebhooks import Webhook  # noqa: E402

from tests.feeds import HOSTILE, SECRET, WARM, Item, rss  # noqa: E402
from tests.localserver import LocalServer, Request, Response  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--interval", type=float, default=5.0)
    ap.add_argument("--watches", type=int, default=6)
    ap.add_argument("--max-s", type=float, default=300.0, help="give up after this long")
    a = ap.parse_args()
    rng = random.Random(5)
    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-latency-"))
    server = LocalServer().start()
    lock = threading.Lock()
    visible: dict[str, list[Item]] = {}  # feed path -> items on it
    first_served: dict[str, float] = {}  # guid -> first time a response held it
    revealed_at: dict[str, float] = {}  # guid -> when it appeared on its feed
    pending: dict[int, list[tuple[str, Item]]] = {}  # watch -> hostile items to reveal
    arrivals: list[tuple[float, dict[str, object]]] = []
    bad = 0

    now = datetime.now(UTC)
    for w in range(a.watches):
        pending[w] = []
        for f in range(3):
            path = f"/w{w}/f{f}.xml"
            visible[path] = [
                Item(f"w{w}f{f}-warm{d}-{k}", f"Talks and visits {d}.{k} ({w}/{f})",
                     " ".join(rng.sample(WARM, 3)) + f" Item {w}.{f}.{d}.{k}.",
                     now - timedelta(days=10 - d, hours=8 * k), f"http://outlet.test/w{w}f{f}-warm{d}-{k}")
                for d in range(10) for k in range(3)
            ]  # fmt: skip

        def route(req: Request, path: str = "") -> Response:
            t = time.time()
            with lock:
                items = list(visible[req.path])
                for it in items:
                    first_served.setdefault(it.guid, t)
            return Response(200, rss(items[-20:][::-1]), {"Content-Type": "application/rss+xml"})

        for f in range(3):
            server.routes[f"/w{w}/f{f}.xml"] = route

    def hook(req: Request) -> Response:
        nonlocal bad
        t = time.time()
        try:
            Webhook(SECRET).verify(req.body, req.headers)
        except Exception:
            with lock:
                bad += 1
            return Response(401)
        with lock:
            arrivals.append((t, json.loads(req.body)))
        return Response(204)

    server.routes["/hook"] = hook
    cfg = tmp / "latency.yaml"
    watches = "".join(
        f"  - name: watch-{w}\n    actors: [United States, China]\n    feeds:\n"
        + "".join(f"      - {server.url(f'/w{w}/f{f}.xml')}\n" for f in range(3))
        for w in range(a.watches)
    )
    cfg.write_text(
        f"database: {tmp / 'latency.db'}\n"
        f"defaults:\n  interval: {a.interval}s\n  jitter: 0\n"
        "  rule:\n    persistence_hours: 0\n"
        f"notifiers:\n  hook:\n    url: {server.url('/hook')}\n"
        "    secret: ${LATENCY_SECRET}\n"
        f"watches:\n{watches}"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(LATENCY_SECRET=SECRET, PYTHONPYCACHEPREFIX="/tmp/rhetoric-bench/pycache")
    log = (tmp / "daemon.log").open("wb")
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run", "--config", str(cfg)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    reveal_every = a.interval + 3.0
    phase = {w: rng.uniform(0, reveal_every) for w in range(a.watches)}
    done: set[str] = set()
    revealed = 0
    try:
        time.sleep(a.interval * 2 + 2)  # first polls store the warm history
        t0 = time.monotonic()
        nxt = {w: t0 + phase[w] for w in range(a.watches)}
        count = {w: 0 for w in range(a.watches)}
        while time.monotonic() - t0 < a.max_s and len(done) < a.watches:
            with lock:
                done = {str(p["data"]["watch"]) for _, p in arrivals  # type: ignore[index]
                        if p["type"] == "rhetoric.shift.detected"}  # fmt: skip
            for w in range(a.watches):
                if f"watch-{w}" in done or time.monotonic() < nxt[w]:
                    continue
                k = count[w]
                path = f"/w{w}/f{k % 3}.xml"
                item = Item(f"w{w}-hostile{k}", f"Tariffs and threats {k} ({w})",
                            " ".join(rng.sample(HOSTILE, 3)) + f" Item {w}.{k}.",
                            datetime.now(UTC), f"http://outlet.test/w{w}-hostile{k}")  # fmt: skip
                with lock:
                    visible[path].append(item)
                    revealed_at[item.guid] = time.time()
                count[w] += 1
                revealed += 1
                nxt[w] += reveal_every
            time.sleep(0.05)
        time.sleep(1.0)
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(timeout=10)
        log.close()
        server.stop()

    conn = sqlite3.connect(tmp / "latency.db")
    latencies: list[tuple[str, float, float, str]] = []
    for t, payload in arrivals:
        if payload["type"] != "rhetoric.shift.detected":
            continue
        watch = str(payload["data"]["watch"])  # type: ignore[index]
        created = conn.execute(
            "select created_at from events where watch = ? and type = ? order by created_at",
            [watch, payload["type"]],
        ).fetchone()[0]
        row = conn.execute(
            "select a.url, a.stored_at from articles a join scores s on s.article_key = a.key"
            " where s.watch = ? and a.stored_at <= ? order by a.stored_at desc, a.published desc"
            " limit 1",
            [watch, created],
        ).fetchone()
        guid = str(row[0]).rsplit("/", 1)[1]  # the link ends with the guid
        latencies.append((watch, t - revealed_at[guid], t - first_served[guid], guid))
    target = a.interval + 2.0
    print(
        f"\ninterval {a.interval:.0f} s, {a.watches} watches, {revealed} hostile articles revealed"
    )
    print(f"{'watch':10} {'article':18} {'latency':>8} {'poll->hook':>10}  target {target:.0f} s")
    for watch, lat, tail, guid in sorted(latencies):
        ok = "PASS" if lat <= target else "MISS"
        print(f"{watch:10} {guid:18} {lat:7.2f}s {tail:9.2f}s  {ok}")
    worst = max((x[1] for x in latencies), default=float("nan"))
    verdict = "PASS" if latencies and worst <= target else "MISS"
    print(f"shifts detected: {len(latencies)}/{a.watches}  worst {worst:.2f} s  "
          f"bad signatures: {bad}  -> {verdict}")  # fmt: skip
    print(f"(daemon log and database in {tmp})")


if __name__ == "__main__":
    main()
