"""Shared helpers for the performance benchmarks (not a benchmark itself).

``bulk_history`` fills a database created by ``monitor.store.sqlite.Store`` (the real
schema, migrations, FTS triggers) with synthetic scored articles through
``executemany``: fast enough to build a million articles in minutes.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from monitor.store import Store, iso

# Synthetic sentences written for the benchmarks (not taken from any outlet).
WARM = (
    "The United States and China agreed to resume dialogue on trade and climate.",
    "Beijing welcomed the visit and both sides praised the constructive talks.",
    "Officials pledged deeper cooperation and regular consultations.",
    "Washington and Beijing signed an agreement on student exchanges.",
    "The two presidents held a friendly phone call and promised to meet soon.",
    "China said mutual respect would guide its relations with the United States.",
)
HOSTILE = (
    "The United States imposed new tariffs and sanctions on Chinese companies.",
    "Beijing condemned the move and vowed to retaliate against Washington.",
    "China accused the U.S. of bullying as warships shadowed each other.",
    "Washington added Chinese chipmakers to its export blacklist.",
    "Beijing expelled American diplomats in a tit-for-tat response.",
    "Chinese officials rejected U.S. demands and cancelled planned talks.",
)
NEUTRAL = (
    "Markets in Asia were mixed on the day.",
    "The ministry published its quarterly figures.",
    "Analysts expect the figures to be revised next month.",
    "The meeting is scheduled to run for two days.",
)


SUBJECTS = (
    "Officials in {city}",
    "A spokesperson for the ministry",
    "Senior diplomats",
    "The delegation from {city}",
    "Government sources",
    "Lawmakers meeting in {city}",
    "An adviser to the president",
    "Negotiators",
    "The embassy in {city}",
    "Analysts in {city}",
)
CITIES = (
    "Beijing",
    "Washington",
    "Shanghai",
    "Geneva",
    "Singapore",
    "Tokyo",
    "Jakarta",
    "Brussels",
    "Hanoi",
    "Seoul",
    "Manila",
    "Canberra",
    "Delhi",
    "Nairobi",
    "Lima",
    "Oslo",
)
TAILS = (
    "on {day}",
    "late on {day}",
    "in a statement on {day}",
    "after a meeting on {day}",
    "according to {n} people familiar with the matter",
    "in remarks to {n} reporters",
    "ahead of the summit in {city}",
    "during a visit to {city}",
    "for the {n}th time this year",
)
# Pseudo-words for each article's own background paragraph: real articles share
# stock phrases but few are near-copies, and the detector's duplicate test must see that.
_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vel", "no", "pri", "da", "go", "he")
VOCAB = tuple(a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s", "ta"))
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def article_text(rng: random.Random, warmth: float, n: int = 3) -> str:
    """``n`` sentences, each warm with probability ``warmth`` (else hostile), plus filler.

    Each sentence is framed by a random subject and circumstance, so articles
    share stock phrases (as news does) without being near-copies of each other.
    """

    def fill(template: str) -> str:
        return template.format(city=rng.choice(CITIES), day=rng.choice(DAYS),
                               n=rng.randint(2, 40))  # fmt: skip

    parts = []
    for _ in range(n):
        core = rng.choice(WARM if rng.random() < warmth else HOSTILE).rstrip(".")
        parts.append(f"{fill(rng.choice(SUBJECTS))} said {fill(rng.choice(TAILS))}: {core}.")
    parts.append(rng.choice(NEUTRAL))
    parts.append(" ".join(rng.choice(VOCAB) for _ in range(40)).capitalize() + ".")
    parts.append(f"Report {rng.getrandbits(40):x}.")
    return " ".join(parts)


def _rows(
    *,
    watches: Sequence[str],
    sources: Sequence[str],
    start: datetime,
    end: datetime,
    count: int,
    seed: int,
    prefix: str,
) -> Iterator[tuple[tuple[object, ...], list[tuple[object, ...]]]]:
    rng = random.Random(seed)
    span = (end - start).total_seconds()
    step = span / max(1, count)
    for i in range(count):
        at = start + timedelta(seconds=i * step + rng.random() * step)
        source = sources[i % len(sources)]
        title = f"Synthetic report {prefix}{i} on relations"
        text = article_text(rng, 0.6)
        key = f"{prefix}{i}"
        url = f"https://{source}.example/a/{i}"
        a_iso = iso(at)
        article = (key, f"https://{source}.example/rss", url, title, text, a_iso, source, "feed",
                   a_iso)  # fmt: skip
        tone = round(rng.uniform(-1, 1), 3)
        fp = json.dumps(sorted(rng.getrandbits(63) for _ in range(32)))
        watch = watches[i % len(watches)]
        evidence = '[{"phrase": "talks", "weight": 0.5, "cue": "talks"}]'
        score = (key, watch, a_iso, tone, "mixed", 0.6, source, title, url,
                 '["talks"]', evidence, fp)  # fmt: skip
        yield article, [score]


def bulk_history(
    db_path: Path,
    *,
    watches: Sequence[str],
    sources: Sequence[str],
    start: datetime,
    end: datetime,
    count: int,
    seed: int = 1,
    prefix: str = "bulk:",
    batch: int = 20_000,
) -> float:
    """Insert ``count`` articles (one score each, watches round-robin) between
    ``start`` and ``end``; returns the seconds it took."""
    Store(db_path).close()  # the real schema, migrations and FTS triggers
    t0 = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    art_sql = (
        "insert into articles (key, feed_url, url, title, text, published, source,"
        " extracted_from, stored_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    score_sql = (
        "insert into scores (article_key, watch, at, tone, label, confidence, source, title,"
        " url, phrases, evidence, fingerprint) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    arts: list[tuple[object, ...]] = []
    scores: list[tuple[object, ...]] = []

    def flush() -> None:
        with conn:
            conn.executemany(art_sql, arts)
            conn.executemany(score_sql, scores)
        arts.clear()
        scores.clear()

    for article, score_rows in _rows(
        watches=watches, sources=sources, start=start, end=end, count=count, seed=seed,
        prefix=prefix,
    ):  # fmt: skip
        arts.append(article)
        scores.extend(score_rows)
        if len(arts) >= batch:
            flush()
    flush()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - t0


def proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` (from /proc/<pid>/stat)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def proc_mem_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of ``pid`` in MB."""
    rss = hwm = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) / 1024
    return rss, hwm


def pct(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values`` by nearest rank (0.0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]
