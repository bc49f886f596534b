"""Search benchmark: ``rhetoric-monitor search`` on a 1-million-article database.

Target (issue "Fast where it is still slow", item 5): ranked full-text search for a
common term answers in under 100 ms on 1M articles, as a command.

* The database is ``bench/scale.py``'s (the real schema and FTS triggers, filled
  with synthetic articles); it is built when missing (about 4 minutes) and reused.
* For each term, in one process: the number of matches, ``Store.search`` with the
  default depth (the newest 20,000 matches ranked) and with ``depth=None`` (every
  match ranked, as before), median of ``--repeat`` warm runs. The ratio is
  default ÷ every-match.
* The whole command (``python -m monitor search TERM --db ...``: start-up, imports,
  query, output) is timed beside ``python -c pass`` on the same machine.

Run from the project root (prints a figures table; this is not a test)::

    .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --terms tariffs,geneva --repeat 9
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import build_db  # type: ignore[import-not-found]  # noqa: E402

from monitor.store import Store  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = "/tmp/rhetoric-bench/pycache"


def median_ms(fn: object, repeat: int) -> float:
    """Median wall time of ``fn()`` in milliseconds, after one warm-up call."""
    assert callable(fn)
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(args: list[str], repeat: int) -> float:
    def run() -> None:
        subprocess.run(args, cwd=ROOT, env=ENV, check=True, capture_output=True, timeout=120)

    return median_ms(run, repeat)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/rhetoric-bench"))
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--terms", default="geneva,tariffs,talks,said")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    a.dir.mkdir(parents=True, exist_ok=True)
    db = a.dir / f"history-{a.articles}.db"
    built = build_db(db, a.articles)
    if built is not None:
        print(f"built {db} in {built:.0f} s", flush=True)
    store = Store(db)
    rows = []
    for term in a.terms.split(","):
        query = f'"{term}"'
        (found,) = store.db.execute(
            "select count(*) from articles_fts where articles_fts match ?", [query]
        ).fetchone()
        default = median_ms(lambda q=query: store.search(q), a.repeat)
        full = median_ms(lambda q=query: store.search(q, depth=None), a.repeat)
        rows.append((term, found, default, full))
        print(f"{term}: {found:,} matches, {default:.0f} ms, every match {full:.0f} ms", flush=True)
    store.close()
    common = max(rows, key=lambda r: r[1] if r[1] < a.articles // 2 else -1)[0]
    command = [sys.executable, "-m", "monitor", "search", common, "--db", str(db)]
    whole = process_ms(command, a.repeat)
    bare = process_ms([sys.executable, "-c", "pass"], a.repeat)

    print(f"\ncores: {os.cpu_count()}  articles: {a.articles:,}")
    head = f"{'term':10} {'matches':>10} {'share':>6} {'search ms':>10} {'every-match ms':>15}"
    print(head + " ratio")
    for term, found, default, full in rows:
        print(
            f"{term:10} {found:>10,} {found / a.articles:>6.0%} {default:>10.1f}"
            f" {full:>15.1f} {default / full:>5.2f}"
        )
    print(f"whole command 'search {common}': {whole:.0f} ms; bare python start-up: {bare:.0f} ms")
    print("target: under 100 ms for a common term (search ms column)")


if __name__ == "__main__":
    main()
