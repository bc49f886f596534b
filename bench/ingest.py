"""Ingest benchmark: ``poll`` of 200 changed real feeds against httpx + feedparser alone.

Target (issue "Fast where it is still slow", item 2): a ``poll`` that takes in every
entry of 200 real feeds (an empty database, so every entry is new) costs at most
1.5x the floor: fetching the same 200 URLs with httpx and parsing them with
feedparser, and nothing else.

* The feeds are the real captures of ``../shared/feeds/real/`` (news and misc),
  served by a loopback HTTP server in a separate process, cycled to ``--feeds``
  URLs. Every URL is its own feed, so its entries are new articles (identity is
  feed + GUID).
* The floor: one process, the same URLs in the same order, one ``httpx.Client``,
  ``feedparser.parse`` on each body with its headers.
* The poll: ``rhetoric-monitor poll`` as a whole process, a fresh database each
  time, one U.S.–China watch holding every feed, no article pages fetched.
* Both are run ``--repeat`` times, interleaved; the best of each is reported and
  their ratio is the figure, by wall clock and by CPU time (the poll process's
  user + system time against the floor's own; the server's is in neither). On a
  machine shared with other work the CPU ratio is the steadier one.
* ``--profile`` also runs one poll in-process under cProfile and prints the share
  of the wall time spent in each step (fetch, feedparser, page text, tone,
  fingerprint, store, shift detection).
* ``--baseline DIR`` also runs the ``poll`` of another source tree (say, an earlier
  commit: ``git archive COMMIT | tar -x -C DIR``) in the same rounds, so a change is
  measured before and after in one run, against the same floor.

Run from the project root (prints a figures table; this is not a test)::

    .venv/bin/python bench/ingest.py
    .venv/bin/python bench/ingest.py --repeat 3 --profile
    .venv/bin/python bench/ingest.py --baseline /tmp/before     # before → after
"""

from __future__ import annotations

import argparse
import cProfile
import http.server
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "feeds" / "real"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def feed_files() -> list[Path]:
    files = sorted(
        p for d in ("news", "misc") for p in (SHARED / d).iterdir()
        if p.suffix in (".xml", ".rss", ".atom")
    )  # fmt: skip
    if not files:
        raise SystemExit(f"no feeds under {SHARED}: this benchmark reads ../shared")
    return files


def serve(port_file: Path, count: int) -> None:
    """Serve /f/<i>.xml as the i-th feed file (cycled) until killed."""
    bodies = [p.read_bytes() for p in feed_files()]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            try:
                i = int(self.path.rsplit("/", 1)[1].removesuffix(".xml"))
                body = bodies[i % len(bodies)]
            except (ValueError, IndexError):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_file.write_text(str(server.server_address[1]))
    server.serve_forever()


def floor(urls: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds to GET and feedparse every URL, and the entries found."""
    import feedparser
    import httpx

    start, cpu = time.perf_counter(), time.process_time()
    entries = 0
    with httpx.Client(timeout=30) as client:
        for url in urls:
            r = client.get(url)
            parsed = feedparser.parse(r.content, response_headers=dict(r.headers))
            entries += len(parsed.entries)
    return time.perf_counter() - start, time.process_time() - cpu, entries


def write_config(path: Path, db: Path, urls: list[str]) -> None:
    lines = [
        f"database: {db}",
        "defaults:",
        "  interval: 1h",
        "  fetch_article: false",
        "watches:",
        "  - name: us-china",
        "    actors: [United States, China]",
        "    feeds:",
        *[f"      - {u}" for u in urls],
    ]
    path.write_text("\n".join(lines) + "\n")


def poll(tmp: Path, urls: list[str], n: int, root: Path = ROOT) -> tuple[float, float, int]:
    """Wall and CPU seconds of one whole-process ``poll`` (the ``monitor`` package of
    ``root``) on an empty database, and the articles it stored."""
    db, cfg = tmp / f"ingest-{root.name}-{n}.db", tmp / f"ingest-{root.name}-{n}.yaml"
    write_config(cfg, db, urls)
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "monitor", "poll", "--config", str(cfg)],
        cwd=root, env=ENV, check=True, capture_output=True, timeout=1800,
    )  # fmt: skip
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    import sqlite3

    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("select count(*) from articles").fetchone()
    return took, cpu, stored


#: Each step's entry points (file suffix, function name): their cumulative time is the
#: step's. They do not nest in one another, so the shares add up to at most 100 %.
STEPS = (
    ("fetch", (("monitor/fetch/client.py", "fetch_feed"),)),
    ("feedparser", (("monitor/parse/feed.py", "parse_document"),)),
    ("page text", (("monitor/parse/extract.py", "build_article"),)),
    ("tone", (("monitor/tone/scorer.py", "score"),)),
    ("fingerprint", (("monitor/shift/stats.py", "fingerprint"),)),
    ("store", (("monitor/store/sqlite.py", "save_articles"),
               ("monitor/store/sqlite.py", "save_feed_state"),
               ("monitor/store/sqlite.py", "unseen"))),
    ("shift detection", (("monitor/pipeline.py", "check_watch"),)),
    ("start-up, config, outbox", (("monitor/cli/main.py", "poll"),)),
)  # fmt: skip


def profile(tmp: Path, urls: list[str]) -> None:
    """One poll in-process under cProfile: the share of its time in each step."""
    from click.testing import CliRunner

    from monitor.cli import main

    db, cfg = tmp / "ingest-profile.db", tmp / "ingest-profile.yaml"
    write_config(cfg, db, urls)
    prof = cProfile.Profile()
    prof.enable()
    CliRunner().invoke(main, ["poll", "--config", str(cfg)], catch_exceptions=False)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    cum: dict[str, float] = {}
    for name, entries in STEPS:
        cum[name] = sum(
            ct for (file, _, func), (_, _, _, ct, _) in stats.items()
            if any(file.endswith(f) and func == fn for f, fn in entries)
        )  # fmt: skip
    total = cum.pop("start-up, config, outbox")
    cum["rest of poll (config, outbox, loop)"] = total - sum(cum.values())
    print(f"\nin-process poll under cProfile: {total:.1f} s (profiling slows it)")
    for name, t in cum.items():
        print(f"  {name:36} {t:6.1f} s {t / total:6.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--baseline", type=Path, help="also time the poll of this source tree")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve:
        serve(Path(a.serve), a.feeds)
        return
    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-ingest-"))
    ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    port_file = tmp / "port"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port_file)])
    try:
        for _ in range(300):
            if port_file.exists() and port_file.read_text():
                break
            time.sleep(0.1)
        port = int(port_file.read_text())
        urls = [f"http://127.0.0.1:{port}/f/{i}.xml" for i in range(a.feeds)]
        floors, polls, floor_cpu, poll_cpu = [], [], [], []
        base_wall: list[float] = []
        base_cpu: list[float] = []
        for n in range(a.repeat):
            f, fc, entries = floor(urls)
            p, pc, stored = poll(tmp, urls, n)
            floors.append(f)
            polls.append(p)
            floor_cpu.append(fc)
            poll_cpu.append(pc)
            print(f"run {n + 1}: floor {f:.2f} s ({fc:.2f} CPU-s, {entries} entries), "
                  f"poll {p:.2f} s ({pc:.2f} CPU-s, {stored} articles), "
                  f"ratio {p / f:.2f} wall, {pc / fc:.2f} CPU", flush=True)  # fmt: skip
            if a.baseline is not None:
                b, bc, b_stored = poll(tmp, urls, n, root=a.baseline.resolve())
                base_wall.append(b)
                base_cpu.append(bc)
                print(f"       baseline poll {b:.2f} s ({bc:.2f} CPU-s, {b_stored} articles), "
                      f"ratio {b / f:.2f} wall, {bc / fc:.2f} CPU", flush=True)  # fmt: skip
        if a.profile:
            profile(tmp, urls)
    finally:
        server.kill()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    best_f, best_p = min(floors), min(polls)
    print(f"\ncores: {os.cpu_count()}  feeds: {a.feeds}  entries: {entries}  stored: {stored}")
    print(f"floor (httpx + feedparser): {best_f:.2f} s   poll: {best_p:.2f} s")
    print(f"poll / floor: {best_p / best_f:.2f} by wall clock  (target <= 1.5)")
    best_fc, best_pc = min(floor_cpu), min(poll_cpu)
    print(f"poll / floor: {best_pc / best_fc:.2f} by CPU time ({best_pc:.2f} / {best_fc:.2f} s;"
          " steadier on a shared machine)")  # fmt: skip
    print(f"above the floor: {(best_p - best_f) / max(1, stored) * 1000:.2f} ms per article")
    if base_cpu:
        print(f"baseline ({a.baseline}): {min(base_wall) / best_f:.2f} by wall clock, "
              f"{min(base_cpu) / best_fc:.2f} by CPU time ({min(base_cpu):.2f} s)"
              f" -> now {best_pc / best_fc:.2f}")  # fmt: skip
    print(json.dumps({"floor_s": best_f, "poll_s": best_p, "ratio": best_p / best_f,
                      "cpu_ratio": best_pc / best_fc}))  # fmt: skip


if __name__ == "__main__":
    main()
