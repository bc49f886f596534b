"""Cluster benchmark: 1, 2 and 3 worker processes on one PostgreSQL, 100,000 loopback feeds.

Target (issue 15, item 6): poll throughput scales at least 2.5x from 1 to 3 workers
where the CPU allows; report jobs per second, tick latency and growth of the jobs table.

* A feed server runs as a separate process (``--serve``; its CPU is not counted):
  asyncio, keep-alive, ``--ports`` loopback ports, ``--entries`` short entries per feed
  built from a template (cheap to serve, so the server is not what is measured), ETag
  and 304, logging the time of every request.
* PostgreSQL: ``--dsn``, else a throwaway server started with ``tests/pgserver.py``.
* For each worker count, a fresh database and a cluster config (10 watches sharing the
  feeds, tick 1 s, an interval of a day so each feed is due once); the workers start,
  the first ``--warmup`` seconds are skipped, then ``--window`` seconds are measured:

  - polls per second: feed requests the server saw in the window (each one a ``poll``
    job run to its fetch);
  - articles scored per second (score rows written in the window: a ``score`` job per
    feed with new articles; each feed belongs to one watch), and the articles waiting
    unscored (the ``unscored`` table) at the start and end of the window;
  - tick latency: how long after its period each tick finished (log time minus the
    period's timestamp), p50 and max;
  - the jobs table: rows in ``procrastinate_jobs`` at the start and end of the window
    (finished jobs are deleted, so it holds the backlog, which ticks top up to
    ``cluster.claim_limit``, 2,000 by default, however many feeds are due);
  - worker CPU, as a share of the machine's cores.

Run from the project root (prints a table; this is not a test)::

    .venv/bin/python bench/cluster.py                               # 100,000 feeds
    .venv/bin/python bench/cluster.py --feeds 20000 --window 30     # quicker
    .venv/bin/python bench/cluster.py --baseline /tmp/before        # before → after
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bulk import pct, proc_cpu_s  # noqa: E402

from tests import pgserver  # noqa: E402

SENTENCES = (
    "The United States and China agreed to resume dialogue on trade.",
    "Beijing condemned new tariffs and vowed to retaliate against Washington.",
    "Officials of both countries pledged regular consultations.",
    "Washington added Chinese firms to its export blacklist.",
)


def serve(a: argparse.Namespace) -> None:
    """Serve ``/f/N.xml`` until SIGTERM, then write the request times as JSON."""
    import asyncio
    import contextlib
    from email.utils import formatdate

    log: list[float] = []
    published = formatdate(time.time() - 3600, usegmt=True)

    def render(i: int) -> bytes:
        items = "".join(
            f'<item><guid isPermaLink="false">f{i}-{j}</guid><title>Outlet {i} report {j}'
            f"</title><pubDate>{published}</pubDate><description>"
            f"{SENTENCES[(i + j) % 4]} {SENTENCES[(i * 7 + j) % 4]} Report {i}.{j}."
            "</description></item>"
            for j in range(a.entries)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Outlet {i}</title><link>http://o{i}.test/</link><description>b"
            f"</description>{items}</channel></rss>"
        ).encode()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                log.append(time.time())
                lines = head.decode("latin-1").split("\r\n")
                i = int(lines[0].split(" ")[1].rsplit("/", 1)[1].removesuffix(".xml"))
                etag = f'"{i}"'
                if any(x.lower() == f"if-none-match: {etag}" for x in lines[1:]):
                    writer.write(f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n\r\n".encode())
                else:
                    body = render(i)
                    writer.write(
                        f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: {etag}"
                        f"\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError, IndexError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(handle, "127.0.0.1", 0) for _ in range(a.ports)]
        ports = [s.sockets[0].getsockname()[1] for s in servers]
        Path(a.ports_file).write_text(json.dumps(ports))
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await asyncio.wait_for(stop.wait(), timeout=a.max_s)

    with contextlib.suppress(TimeoutError):
        asyncio.run(main())
    Path(a.log_file).write_text(json.dumps(log))


TICK = re.compile(
    r"^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[,.]\d+(?:[+-]\d\d:\d\d)?) .*cluster\.tick at=(\d+)"
)


def write_config(path: Path, urls: list[str], watches: int) -> None:
    per = len(urls) // watches
    lines = [
        "mode: cluster",
        "database_url: ${BENCH_PG_URL}",
        "cluster:",
        "  tick: 1s",
        "fetch:",
        "  timeout_s: 20",
        "defaults:",
        "  interval: 1d",
        "watches:",
    ]
    for w in range(watches):
        lines += [
            f"  - name: watch-{w}",
            "    actors: [United States, China]",
            "    feeds:",
            *[f"      - {u}" for u in urls[w * per : (w + 1) * per]],
        ]
    path.write_text("\n".join(lines) + "\n")


def sql(dsn: str, query: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        cur = conn.execute(query)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description else []


def counts(dsn: str) -> tuple[int, int, int]:
    """Rows in the job table, score rows, and articles waiting unscored."""
    row = sql(
        dsn, "select (select count(*) from procrastinate_jobs), (select count(*) from scores)"
    )
    # A --baseline tree from before scoring had its queue has no ``unscored`` table.
    queue = sql(dsn, "select to_regclass('unscored') is not null")[0][0]
    waiting = sql(dsn, "select count(*) from unscored")[0][0] if queue else 0
    return int(row[0][0]), int(row[0][1]), int(waiting)  # type: ignore[call-overload]


def tick_latencies(logs: list[Path], start: float, end: float) -> list[float]:
    """Seconds from each tick's period to the end of its run, for periods in the window."""
    from datetime import datetime

    out = []
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            m = TICK.match(line)
            if not m:
                continue
            at = int(m.group(2))
            # ISO-8601 with its offset (the worker's log format), or logging's default.
            done = datetime.fromisoformat(m.group(1).replace(",", ".")).timestamp()
            if start <= at <= end:
                out.append(done - at)
    return out


def run_one(
    a: argparse.Namespace,
    admin_dsn: str,
    urls: list[str],
    workers: int,
    tmp: Path,
    root: Path = ROOT,
    label: str = "now",
) -> dict[str, float]:
    """One measured window with ``workers`` worker processes running ``root``'s code."""
    name = f"bench_{workers}_{uuid.uuid4().hex[:6]}"
    sql(admin_dsn, f"create database {name}")
    dsn = admin_dsn.rsplit("/", 1)[0] + "/" + name
    cfg = tmp / f"cluster-{label}-{workers}.yaml"
    write_config(cfg, urls, a.watches)
    env = {**os.environ, "BENCH_PG_URL": dsn, "PYTHONUNBUFFERED": "1"}
    procs: list[subprocess.Popen[bytes]] = []
    logs = [tmp / f"{label}-w{workers}-{i}.log" for i in range(workers)]
    try:
        for i, log in enumerate(logs):
            cmd = [sys.executable, "-m", "monitor", "worker", "--config", str(cfg)]
            cmd += ["--concurrency", str(a.concurrency), "--name", f"bench-{i}"]
            with log.open("wb") as out:
                procs.append(
                    subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
                )
        # The warm-up counts from when the first worker has applied the queue's schema.
        for _ in range(1200):
            if sql(dsn, "select to_regclass('procrastinate_jobs')")[0][0] is not None:
                break
            if any(p.poll() is not None for p in procs):
                break
            time.sleep(0.1)
        time.sleep(a.warmup)
        for p in procs:
            if p.poll() is not None:
                raise SystemExit(f"a worker exited early: see {tmp}")
        start = time.time()
        cpu0 = sum(proc_cpu_s(p.pid) for p in procs)
        jobs0, scores0, waiting0 = counts(dsn)
        time.sleep(a.window)
        end = time.time()
        cpu1 = sum(proc_cpu_s(p.pid) for p in procs)
        jobs1, scores1, waiting1 = counts(dsn)
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)
        sql(admin_dsn, f"drop database if exists {name} with (force)")
    latencies = tick_latencies(logs, start, end)
    return {
        "start": start,
        "end": end,
        "cpu": (cpu1 - cpu0) / (end - start) / (os.cpu_count() or 1) * 100,
        "jobs0": jobs0,
        "jobs1": jobs1,
        "scored": (scores1 - scores0) / (end - start),
        "waiting0": waiting0,
        "waiting1": waiting1,
        "tick_p50": pct(latencies, 0.5),
        "tick_max": max(latencies, default=0.0),
        "ticks": len(latencies),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=100_000)
    ap.add_argument("--workers", default="1,2,3", help="worker counts to run, in order")
    ap.add_argument("--concurrency", type=int, default=4, help="jobs at once per worker")
    ap.add_argument("--warmup", type=float, default=20.0)
    ap.add_argument("--window", type=float, default=60.0)
    ap.add_argument("--watches", type=int, default=10)
    ap.add_argument("--ports", type=int, default=50)
    ap.add_argument("--entries", type=int, default=5, help="entries per feed")
    ap.add_argument("--dsn", help="a PostgreSQL server (admin DSN); default: a throwaway one")
    ap.add_argument(
        "--baseline",
        type=Path,
        help="also run another source tree's workers (say, an earlier commit), interleaved",
    )
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--ports-file", help=argparse.SUPPRESS)
    ap.add_argument("--log-file", help=argparse.SUPPRESS)
    ap.add_argument("--max-s", type=float, default=3600.0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve:
        serve(a)
        return
    counts = [int(x) for x in a.workers.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-cluster-bench-"))
    print(f"cores: {os.cpu_count()}  feeds: {a.feeds:,}  dir: {tmp}", flush=True)

    server_pg = None
    admin = a.dsn
    if admin is None:
        bin_dir = pgserver.find_bin_dir()
        if bin_dir is None:
            raise SystemExit("no PostgreSQL: pass --dsn or install PostgreSQL's binaries")
        server_pg = pgserver.PgServer(pgserver.temp_root(), bin_dir)
        admin = server_pg.start()
    total = len(counts) * (2 if a.baseline else 1) * (a.warmup + a.window + 90) + 120
    feeds = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--ports", str(a.ports), "--entries",
         str(a.entries), "--ports-file", str(tmp / "ports.json"), "--log-file",
         str(tmp / "requests.json"), "--max-s", str(total)],
    )  # fmt: skip
    results: dict[tuple[str, int], dict[str, float]] = {}
    trees = [("now", ROOT)] + ([("baseline", a.baseline.resolve())] if a.baseline else [])
    try:
        for _ in range(100):
            if (tmp / "ports.json").exists() and (tmp / "ports.json").stat().st_size:
                break
            time.sleep(0.1)
        ports = json.loads((tmp / "ports.json").read_text())
        for n in counts:
            urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/f/{i}.xml" for i in range(a.feeds)]
            for label, root in trees:  # interleaved: the same load for both trees
                results[(label, n)] = run_one(a, admin, urls, n, tmp, root, label)
                print(f"{n} worker(s), {label}: done", flush=True)
    finally:
        feeds.send_signal(signal.SIGTERM)
        feeds.wait(timeout=120)
        if server_pg is not None:
            server_pg.stop()

    log = json.loads((tmp / "requests.json").read_text())
    base: dict[str, float] = {}
    print()
    print(
        "| code | workers | polls/s | vs 1 worker | articles scored/s | waiting unscored"
        " start → end | tick latency p50 / max | jobs rows start → end"
        " | worker CPU (% of machine) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for (label, n), r in sorted(results.items()):
        polls = sum(1 for t in log if r["start"] <= t <= r["end"])
        rate = polls / (r["end"] - r["start"])
        base.setdefault(label, rate)
        print(
            f"| {label} | {n} | {rate:.1f} | {rate / base[label]:.2f}x | {r['scored']:.1f} | "
            f"{int(r['waiting0']):,} → {int(r['waiting1']):,} | {r['tick_p50']:.2f} s / "
            f"{r['tick_max']:.2f} s ({int(r['ticks'])} ticks) | {int(r['jobs0']):,} → "
            f"{int(r['jobs1']):,} | {r['cpu']:.0f} % |"
        )


if __name__ == "__main__":
    main()
