"""Scale benchmark: ``history`` on a 1-million-article database, ``replay`` of 100,000 articles.

Targets (DESIGN.md): ``history`` answers in under 200 ms on a database of
1 million articles; ``replay`` of 100,000 articles takes under a minute.

* The database is created by ``monitor.store.sqlite.Store`` (the real schema,
  migrations and FTS triggers), then filled with synthetic articles (one score
  each, 10 watches, 20 sources, spread over the last 365 days) by
  ``executemany``; it is kept in ``--dir`` and reused when it exists.
* ``history --since 30d`` is timed as a whole process (``rhetoric-monitor
  history``, Python start-up and imports included) and in-process (open the
  store, query articles and events, close), median of ``--repeat`` runs.
* The replay stream is synthetic (written here): 100,000 short articles from
  5 sources, about 50 a day (about 5.5 years), whose warmth drifts so the
  detector has shifts to find; ``rhetoric-monitor replay`` is timed on it.

Run from the project root (a figures table is printed; this is not a test)::

    .venv/bin/python bench/scale.py                  # both parts
    .venv/bin/python bench/scale.py --skip-replay    # history only
    .venv/bin/python bench/scale.py --replay-articles 20000 --skip-history
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _bulk import article_text, bulk_history  # noqa: E402

WATCHES = [f"watch-{i}" for i in range(10)]
# An installed package has compiled bytecode; this checkout runs with
# PYTHONDONTWRITEBYTECODE, so commands would recompile monitor/ on every start.
# Cache bytecode outside the repository so timings match an installed daemon.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = "/tmp/rhetoric-bench/pycache"
SOURCES = [f"outlet{i}" for i in range(20)]


def build_db(path: Path, articles: int) -> float | None:
    """Build the big database unless it already exists; returns build seconds."""
    if path.exists():
        return None
    end = datetime.now(UTC)
    return bulk_history(
        path, watches=WATCHES, sources=SOURCES, start=end - timedelta(days=365), end=end,
        count=articles,
    )  # fmt: skip


def time_history_process(db: Path, repeat: int) -> tuple[float, int]:
    """Median wall seconds of the whole ``history`` command, and its output lines."""
    times, lines = [], 0
    cmd_warm = [sys.executable, "-m", "monitor", "--version"]
    subprocess.run(cmd_warm, cwd=ROOT, env=ENV, capture_output=True, timeout=120)
    cmd = [sys.executable, "-m", "monitor", "history", "--db", str(db), "--since", "30d"]
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
        times.append(time.perf_counter() - t0)
        if out.returncode != 0:
            raise SystemExit(f"history failed: {out.stderr}")
        lines = len(out.stdout.splitlines())
    return statistics.median(times), lines


def time_python_startup(repeat: int) -> float:
    """Median wall seconds of a bare ``python -c pass`` (the floor of any command)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=ENV, check=True, timeout=60)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def time_history_inprocess(db: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of (open + history + events + close) and of the history query alone."""
    from monitor.store import Store

    total, query = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        store = Store(db)
        start = datetime.now(UTC) - timedelta(days=30)
        t1 = time.perf_counter()
        rows = store.history(watch=None, since=start, limit=200)
        t2 = time.perf_counter()
        store.events(watch=None, since=start)
        store.close()
        total.append(time.perf_counter() - t0)
        query.append(t2 - t1)
        assert len(rows) == 200
    return statistics.median(total), statistics.median(query)


def write_stream(path: Path, articles: int, per_day: float = 50.0) -> None:
    """A synthetic replay stream: ``articles`` records, 5 sources, ``per_day`` a day."""
    rng = random.Random(7)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    sources = [f"Outlet {c}" for c in "ABCDE"]
    step = 86400.0 / per_day
    with path.open("w", encoding="utf-8") as out:
        for i in range(articles):
            at = start + timedelta(seconds=i * step + rng.random() * step * 0.5)
            day = i / per_day
            # Warmth drifts slowly with a few sharp turns, so shifts happen.
            warmth = 0.5 + 0.35 * math.sin(day / 45.0) * (1 if (day // 120) % 2 else -1)
            record = {
                "id": f"r{i}",
                "published": at.isoformat(),
                "source": sources[i % len(sources)],
                "title": f"Relations update {i}",
                "text": article_text(rng, warmth),
            }
            out.write(json.dumps(record) + "\n")


def time_replay(stream: Path, workers: int | None = None) -> tuple[float, float, int]:
    """Wall and CPU seconds of the whole ``replay`` command (its scoring processes
    included), and the events it printed."""
    cmd = [sys.executable, "-m", "monitor", "replay", str(stream)]
    if workers is not None:
        cmd[4:4] = ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=3600)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"replay failed: {out.stderr[-2000:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return took, cpu, len(out.stdout.splitlines())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/rhetoric-bench"))
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--replay-articles", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-history", action="store_true")
    ap.add_argument("--skip-replay", action="store_true")
    ap.add_argument("--workers", type=int, help="replay's --workers (default: its own)")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str]] = []
    print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}", flush=True)

    if not args.skip_history:
        db = args.dir / f"history-{args.articles}.db"
        built = build_db(db, args.articles)
        if built is not None:
            rows.append((f"build {args.articles:,}-article db", f"{built:.1f} s", ""))
        size = db.stat().st_size / 1e6
        rows.append(("db size", f"{size:.0f} MB", ""))
        floor = time_python_startup(args.repeat)
        whole, lines = time_history_process(db, args.repeat)
        total, query = time_history_inprocess(db, args.repeat)
        ok = "PASS" if whole < 0.2 else "MISS"
        rows.append(("history --since 30d, whole process", f"{whole * 1000:.0f} ms", ok))
        rows.append(("  of which bare python start-up", f"{floor * 1000:.0f} ms", ""))
        rows.append(("history in-process (open+query+close)", f"{total * 1000:.1f} ms",
                     "PASS" if total < 0.2 else "MISS"))  # fmt: skip
        rows.append(("  history query alone", f"{query * 1000:.1f} ms", ""))
        rows.append(("  output lines", str(lines), ""))

    if not args.skip_replay:
        stream = args.dir / f"replay-{args.replay_articles}.jsonl"
        if not stream.exists():
            write_stream(stream, args.replay_articles)
        took, cpu, events = time_replay(stream, args.workers)
        ok = "PASS" if took < 60 * args.replay_articles / 100_000 else "MISS"
        rows.append((f"replay {args.replay_articles:,} articles", f"{took:.1f} s", ok))
        rows.append(("  CPU, scoring processes included", f"{cpu:.1f} s", ""))
        rows.append(("  projected to 100,000 (linear)",
                     f"{took * 100_000 / args.replay_articles:.0f} s", ""))  # fmt: skip
        rows.append(("  articles per second", f"{args.replay_articles / took:,.0f}", ""))
        rows.append(("  events printed", str(events), ""))

    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':{width}}  {'value':>12}  target")
    for name, value, verdict in rows:
        print(f"{name:{width}}  {value:>12}  {verdict}")


if __name__ == "__main__":
    main()
