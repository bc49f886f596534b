"""Load benchmark: the real daemon polling 2,000 local feeds.

Target (DESIGN.md): 2,000 feeds of ~20 entries each, polled every 5 minutes,
on 2 cores: poll lag p95 under 30 s, CPU under 50 %, resident memory under
250 MB (idle daemon under 120 MB).

* A feed server runs as a separate process (its CPU is not counted): asyncio,
  HTTP/1.1 keep-alive, ``--ports`` listening ports on 127.0.0.1 (each port is
  a "host", so the per-host connection limit applies as with real sites),
  2,000 distinct feed paths of 20 entries each with stable ETag and
  Last-Modified (a conditional GET gets 304). Each feed gains one entry every
  ``interval / change`` seconds on average (``--change`` of the feeds change
  per interval), at a random phase. It records the time of every request.
* The database can be seeded with ``--seed-days`` of history (scored
  articles for every watch at the same article rate), so the detector works
  on a steady-state window, not an empty one.
* The real daemon runs as ``python -m monitor run --config ...``; its CPU
  (``/proc/<pid>/stat``) and memory (``VmRSS``, ``VmHWM``) are sampled every
  second.
* Poll lag: with jitter 0, APScheduler fires feed *f* at ``s_f + n·interval``
  (it computes each run from the previous *scheduled* time, so lateness does
  not accumulate). ``s_f`` is unknown (first runs are spread), so it is
  estimated as the earliest ``t_n - n·interval`` over the run, and lag is
  ``t_n - n·interval - s_f`` at the server (an under-estimate only when every
  poll of a feed is late by the same amount). The first cycle (cold: every
  entry is new) is reported separately from the steady cycles.

The run is time-compressed: ``--interval`` (default 60 s) instead of 300 s,
so the daemon does 5x the work per second of the real target. CPU is reported
as measured and scaled to a 300 s interval: idle CPU + (measured - idle) x
interval / 300. Lag and memory are reported as measured (both are pessimistic
under compression).

Run from the project root (prints a figures table; this is not a test)::

    .venv/bin/python bench/load.py                         # 60 s interval, 4 cycles
    .venv/bin/python bench/load.py --interval 300 --cycles 2  # the real interval
    .venv/bin/python bench/load.py --no-detect   # shift detection stubbed out
    # issue 11's case: one watch of 1,000 stories a day (174 of the 2,000 feeds) after 10 days
    .venv/bin/python bench/load.py --watches 1 --quiet-feeds 1826 --seed-days 10 --cycles 2
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import itertools
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import formatdate
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _bulk import article_text, bulk_history, pct, proc_cpu_s, proc_mem_mb  # noqa: E402

# -- the feed server (run as a separate process: ``load.py --serve``) ---------------


class FeedModel:
    """Deterministic content of every feed at any time."""

    def __init__(self, feeds: int, interval: float, change: float, t0: float) -> None:
        self.period = interval / change  # seconds between new entries of one feed
        self.t0 = t0
        rng = random.Random(42)
        self.phase = [rng.uniform(0, self.period) for _ in range(feeds)]
        self.cache: dict[int, tuple[int, bytes, str, str]] = {}

    def version(self, i: int, now: float) -> int:
        return int((now - self.t0 + self.phase[i]) // self.period) + 1000

    def render(self, i: int, now: float) -> tuple[bytes, str, str]:
        v = self.version(i, now)
        hit = self.cache.get(i)
        if hit and hit[0] == v:
            return hit[1], hit[2], hit[3]
        base = self.t0 - self.phase[i]
        parts = [
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
            f"<title>Outlet {i}</title><link>http://outlet{i}.test/</link>",
            "<description>load</description>",
        ]
        for j in range(v, v - 20, -1):
            rng = random.Random(i * 1_000_003 + j)
            published = base + (j - 1000) * self.period
            text = article_text(rng, 0.6 if (j // 50) % 2 else 0.4)
            parts.append(
                f'<item><guid isPermaLink="false">o{i}-e{j}</guid>'
                f"<title>Outlet {i} report {j} on relations</title>"
                f"<link>http://outlet{i}.test/a/{j}</link>"
                f"<pubDate>{formatdate(published, usegmt=True)}</pubDate>"
                f"<description>{escape(text)}</description></item>"
            )
        parts.append("</channel></rss>")
        body = "".join(parts).encode()
        etag = '"' + hashlib.blake2b(f"{i}-{v}".encode(), digest_size=8).hexdigest() + '"'
        lastmod = formatdate(base + (v - 1000) * self.period, usegmt=True)
        self.cache[i] = (v, body, etag, lastmod)
        return body, etag, lastmod


def serve(args: argparse.Namespace) -> None:
    """Serve the feeds until SIGTERM, then write the request log as JSON."""
    model = FeedModel(args.feeds, args.interval, args.change, args.t0)
    log: list[tuple[float, int, int]] = []  # (time, feed, status)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                now = time.time()
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                inm = ""
                for line in lines[1:]:
                    if line[:14].lower() == "if-none-match:":
                        inm = line[14:].strip()
                try:
                    i = int(path.rsplit("/", 1)[1].removesuffix(".xml"))
                    body, etag, lastmod = model.render(i, now)
                except (ValueError, IndexError):
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                    await writer.drain()
                    continue
                if inm == etag:
                    log.append((now, i, 304))
                    writer.write(
                        f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n"
                        f"Last-Modified: {lastmod}\r\n\r\n".encode()
                    )
                else:
                    log.append((now, i, 200))
                    writer.write(
                        f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                        f"ETag: {etag}\r\nLast-Modified: {lastmod}\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(handle, "127.0.0.1", 0) for _ in range(args.ports)]
        ports = [s.sockets[0].getsockname()[1] for s in servers]
        Path(args.ports_file).write_text(json.dumps(ports))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        await asyncio.wait_for(stop.wait(), timeout=args.max_s)

    with contextlib.suppress(TimeoutError):
        asyncio.run(main())
    Path(args.log_file).write_text(json.dumps(log))


# -- the benchmark ---------------------------------------------------------------------


def write_config(
    path: Path, *, db: Path, urls: list[str], watches: int, a: argparse.Namespace
) -> None:
    # --quiet-feeds: the last feeds belong to a watch whose keyword no article holds, so
    # they are polled and stored but scored for no watch (a watch that matches a subset).
    busy, quiet = urls[: len(urls) - a.quiet_feeds], urls[len(urls) - a.quiet_feeds :]
    per = len(busy) // watches
    lines = [
        f"database: {db}",
        "fetch:",
        f"  workers: {a.workers}",
        "  timeout_s: 20",
        "defaults:",
        f"  interval: {a.interval}s",
        "  jitter: 0",
        "watches:",
    ]
    for w in range(watches):
        lines += [
            f"  - name: watch-{w}",
            "    actors: [United States, China]",
            "    feeds:",
            *[f"      - {u}" for u in busy[w * per : (w + 1) * per]],
        ]
    if quiet:
        lines += [
            "  - name: quiet",
            "    actors: [United States, China]",
            "    match: [zzqx-no-article-says-this]",
            "    feeds:",
            *[f"      - {u}" for u in quiet],
        ]
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=2000)
    ap.add_argument("--interval", type=float, default=60.0)
    ap.add_argument("--cycles", type=int, default=4, help="cycles measured after the first")
    ap.add_argument(
        "--change", type=float, default=0.02, help="share of feeds with a new entry per interval"
    )
    ap.add_argument("--watches", type=int, default=10)
    ap.add_argument("--ports", type=int, default=50)
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--seed-days", type=float, default=0.0)
    ap.add_argument(
        "--quiet-feeds", type=int, default=0,
        help="feeds polled and stored but matched by no watch (the rest feed the watches)",
    )  # fmt: skip
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument(
        "--cold", action="store_true", help="skip the prewarm: the daemon meets every entry new"
    )
    ap.add_argument(
        "--no-detect",
        action="store_true",
        help="run the daemon with shift detection stubbed out (isolates the rest of the pipeline)",
    )
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--t0", type=float, default=0.0, help=argparse.SUPPRESS)
    ap.add_argument("--ports-file", help=argparse.SUPPRESS)
    ap.add_argument("--log-file", help=argparse.SUPPRESS)
    ap.add_argument("--max-s", type=float, default=3600.0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve:
        serve(a)
        return

    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-load-"))
    db, cfg, dlog = tmp / "load.db", tmp / "load.yaml", tmp / "daemon.log"
    watch_names = [f"watch-{w}" for w in range(a.watches)]
    rows: list[tuple[str, str, str]] = []
    print(f"cores: {os.cpu_count()}  dir: {tmp}", flush=True)

    # Steady-state history: the same article rate as the feeds produce
    # (feeds x change per interval of 300 s in real time), over --seed-days.
    if a.seed_days > 0:
        per_day = (a.feeds - a.quiet_feeds) * a.change * 86400 / 300
        count = int(per_day * a.seed_days)
        end = datetime.now(UTC)
        took = bulk_history(
            db, watches=watch_names, sources=[f"outlet{i}" for i in range(50)],
            start=end - timedelta(days=a.seed_days), end=end, count=count,
        )  # fmt: skip
        rows.append(("seeded history", f"{count:,} art.", f"{per_day:,.0f}/day, {took:.0f} s"))
        print(f"seeded {count:,} articles in {took:.0f} s", flush=True)

    t0 = time.time()
    total_s = a.interval * (a.cycles + 1) + 10
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--feeds", str(a.feeds), "--interval",
         str(a.interval), "--change", str(a.change), "--ports", str(a.ports), "--t0", str(t0),
         "--ports-file", str(tmp / "ports.json"), "--log-file", str(tmp / "requests.json"),
         "--max-s", str(total_s + 120)],
    )  # fmt: skip
    daemon: subprocess.Popen[bytes] | None = None
    samples: list[tuple[float, float, float, float]] = []  # (time, cpu_s, rss, hwm)
    try:
        for _ in range(100):
            if (tmp / "ports.json").exists() and (tmp / "ports.json").stat().st_size:
                break
            time.sleep(0.1)
        ports = json.loads((tmp / "ports.json").read_text())
        urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/f/{i}.xml" for i in range(a.feeds)]
        write_config(cfg, db=db, urls=urls, watches=a.watches, a=a)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = "/tmp/rhetoric-bench/pycache"
        if not a.cold:
            took = prewarm(cfg)
            rows.append(("prewarm (first cycle, no detection)", f"{took:.0f} s", "in-process"))
            print(f"prewarmed in {took:.0f} s", flush=True)
        cmd = [sys.executable, "-m", "monitor", "run", "--config", str(cfg)]
        if a.no_detect:
            cmd = [sys.executable, "-c", NO_DETECT_RUN, str(cfg)]
        with dlog.open("wb") as out:
            start = time.time()
            daemon = subprocess.Popen(
                cmd,
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            end = start + total_s
            while time.time() < end and daemon.poll() is None:
                now = time.time()
                rss, hwm = proc_mem_mb(daemon.pid)
                samples.append((now, proc_cpu_s(daemon.pid), rss, hwm))
                time.sleep(1.0)
            if daemon.poll() is not None:
                raise SystemExit(f"daemon exited early: see {dlog}")
            rss, hwm = proc_mem_mb(daemon.pid)
            daemon.send_signal(signal.SIGTERM)
            code = daemon.wait(timeout=30)
    finally:
        if daemon is not None and daemon.poll() is None:
            daemon.kill()
            daemon.wait(timeout=10)
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)

    log = json.loads((tmp / "requests.json").read_text())
    started_at = _log_time(dlog, "daemon.started") or start
    # Per feed request times, in order.
    per_feed: dict[int, list[float]] = {}
    statuses = {200: 0, 304: 0}
    for t, i, status in log:
        if t < start:
            continue  # the prewarm's requests
        per_feed.setdefault(i, []).append(t)
        statuses[status] = statuses.get(status, 0) + 1
    first_lag, steady_lag, missed = [], [], 0
    warm_end = started_at + a.interval  # scheduled times after this are "steady"
    # First runs fall in [start, start + spread] (monitor.daemon.FIRST_RUN_GAP_S).
    spread = min(a.interval, max(5.0, a.feeds * 0.1))
    for times in per_feed.values():
        s = min(min(t - n * a.interval for n, t in enumerate(times)), started_at + spread)
        for n, t in enumerate(times):
            lag = t - n * a.interval - s
            (first_lag if s + n * a.interval < warm_end else steady_lag).append(lag)
        # A poll skipped by max_instances shows as a gap of two intervals.
        missed += sum(1 for x, y in itertools.pairwise(times) if y - x > 1.5 * a.interval)
    polled_all = max(times[0] for times in per_feed.values()) - started_at if per_feed else 0.0

    # CPU: the steady window is after the first cycle ends.
    steady = [x for x in samples if x[0] >= started_at + a.interval + 5]
    cpu_all = (samples[-1][1] - samples[0][1]) / (samples[-1][0] - samples[0][0]) * 100
    cpu_steady = (
        (steady[-1][1] - steady[0][1]) / (steady[-1][0] - steady[0][0]) * 100
        if len(steady) > 2
        else float("nan")
    )
    # The first reading once the daemon says it started (a reading taken before the
    # interpreter has mapped anything says 0 MB, which is no measurement).
    idle_rss = next((x[2] for x in samples if x[0] >= started_at and x[2] > 0), 0.0)
    scale = a.interval / 300.0
    idle_cpu = _idle_cpu(a, cfg, env)
    cpu_scaled = idle_cpu + (cpu_steady - idle_cpu) * scale

    def lags(v: list[float], digits: int) -> str:
        return (
            f"{pct(v, 0.5):.{digits}f}/{pct(v, 0.95):.{digits}f}/{max(v, default=0):.{digits}f} s"
        )

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    # Polls the schedule asked for in the measured time vs polls the server saw.
    last = samples[-1][0]
    starts = {i: min(min(t - n * a.interval for n, t in enumerate(ts)), started_at + spread)
              for i, ts in per_feed.items()}  # fmt: skip
    expected = sum(
        max(0, math.floor((last - starts.get(i, started_at + spread)) / a.interval) + 1)
        for i in range(a.feeds)
    )
    done = sum(len(t) for t in per_feed.values()) / max(1, expected)
    rows += [
        ("polls done / polls due", f"{done:.0%}", ""),
        ("feeds (quiet) / watches / ports",
         f"{a.feeds} ({a.quiet_feeds})/{a.watches}/{a.ports}",
         f"interval {a.interval:.0f} s, {a.cycles + 1} cycles"),
        ("requests 200 / 304", f"{statuses.get(200, 0)}/{statuses.get(304, 0)}", ""),
        ("first poll of every feed done after", f"{polled_all:.1f} s", ""),
        ("poll lag p50 / p95 / max, first cycle", lags(first_lag, 1), ""),
        ("poll lag p50 / p95 / max, steady", lags(steady_lag, 2),
         verdict(pct(steady_lag, .95) < 30)),
        ("polls skipped (gap > 1.5 intervals)", str(missed), ""),
        ("CPU whole run (% of one core)", f"{cpu_all:.1f} %", ""),
        ("CPU steady, measured (% of one core)", f"{cpu_steady:.1f} %",
         f"at {a.interval:.0f} s interval"),
        ("CPU idle daemon (no feeds due)", f"{idle_cpu:.1f} %", ""),
        ("CPU steady scaled to 300 s", f"{cpu_scaled:.1f} %",
         verdict(cpu_scaled < 50) if done > 0.9 else "n/a: saturated, work left undone"),
        ("RSS after start-up (config, jobs)", f"{idle_rss:.0f} MB" if idle_rss else "n/a",
         verdict(idle_rss < 120) if idle_rss else "no reading after daemon.started"),
        ("RSS at the end", f"{rss:.0f} MB", ""),
        ("RSS peak (VmHWM)", f"{hwm:.0f} MB", verdict(hwm < 250)),
        ("daemon exit code on SIGTERM", str(code), ""),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':{width}}  {'value':>18}  note")
    for name, value, note in rows:
        print(f"{name:{width}}  {value:>18}  {note}")
    if not a.keep:
        for p in (db, tmp / "load.db-wal", tmp / "load.db-shm"):
            p.unlink(missing_ok=True)
    print(f"(daemon log and request log in {tmp})")


NO_DETECT_RUN = (
    "import sys; from monitor import pipeline, scheduler; "
    "pipeline.check_watch = scheduler.check_watch = lambda *a, **k: []; "
    "from monitor.cli.main import main; main(['run', '--config', sys.argv[1]])"
)


def prewarm(cfg: Path) -> float:
    """Store every feed's current entries and ETag in-process, as a first cycle would,
    but without shift detection; returns seconds. The daemon then starts as after a
    restart: most polls are 304 and new entries arrive at the configured rate."""
    from monitor import pipeline
    from monitor.config import load_config
    from monitor.fetch import Fetcher
    from monitor.pipeline import wall_clock
    from monitor.store import Store

    t0 = time.perf_counter()
    config = load_config(cfg)
    store = Store(config.database)
    scorers = pipeline.build_scorers(config)
    real_check = pipeline.check_watch
    pipeline.check_watch = lambda *args, **kw: []  # type: ignore[assignment]
    try:
        with Fetcher(timeout_s=20, per_host=64) as fetcher:
            for feed in config.feeds():
                pipeline.poll_feed(
                    feed, config=config, store=store, fetcher=fetcher, scorers=scorers,
                    clock=wall_clock,
                )  # fmt: skip
        # As after a restart past the interval: every feed is due at its first run.
        store.db.execute("update feeds set next_attempt_at = null")
        store.db.conn.commit()
    finally:
        pipeline.check_watch = real_check  # type: ignore[assignment]
        store.close()
    return time.perf_counter() - t0


def _log_time(path: Path, event: str) -> float | None:
    """Wall time of the first log line holding ``event``: the daemon's text lines open
    with an ISO 8601 time and its offset (``2026-12-02T16:54:46.144+00:00``)."""
    for line in path.read_text(errors="replace").splitlines():
        if event in line:
            try:
                return datetime.fromisoformat(line.split(" ", 1)[0]).timestamp()
            except ValueError:
                return None
    return None


def _idle_cpu(a: argparse.Namespace, cfg: Path, env: dict[str, str]) -> float:
    """CPU % of the daemon with the same feeds configured but none due for an hour.

    The feed server is gone by then, so the first runs fail fast (connection
    refused) and back off; what remains is the scheduler, the outbox and the
    config-reload jobs: the daemon's floor.
    """
    idle_cfg = cfg.with_name("idle.yaml")
    text = cfg.read_text().replace(f"interval: {a.interval}s", "interval: 1h")
    db = cfg.with_name("idle.db")
    idle_cfg.write_text(text.replace(str(cfg.with_name("load.db")), str(db)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run", "--config", str(idle_cfg)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        time.sleep(15)  # start-up and the spread first runs (all fail fast: server is gone)
        c0, t0 = proc_cpu_s(proc.pid), time.time()
        time.sleep(20)
        return (proc_cpu_s(proc.pid) - c0) / (time.time() - t0) * 100
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
