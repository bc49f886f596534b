"""Statistics and near-duplicate sketches for the shift detector, in pure Python.

* ``cusum``: Page's cumulative-sum test (Page 1954) on tones standardised by a
  baseline, with each story's contribution clipped so that no single article
  can carry the statistic past the decision level.
* ``trimmed_mean``: the 20 % trimmed mean used for the means an alert reports.
* ``fingerprint`` / ``similarity``: bottom-k min-hash sketches of word
  4-shingles (Broder 1997) that estimate how much two texts overlap.

Nothing here imports numpy or scipy, so the daemon keeps its small dependency set.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Proportion cut from each tail for trimmed means (20 % keeps most of the
#: efficiency of the mean on normal data and drops a stray extreme article).
TRIM = 0.2

#: Smallest baseline standard deviation credited. A scorer that gives many
#: articles exactly 0.0 would otherwise make a tiny move look enormous.
SD_FLOOR = 0.1

#: Largest standardised contribution of one story to the CUSUM.
CLIP = 3.0

SKETCH_SIZE = 32
SHINGLE_WORDS = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Run:
    """The CUSUM at the last story and where its current run began."""

    statistic: float
    start: int


def trimmed_mean(values: Sequence[float], trim: float = TRIM) -> float:
    """Mean after dropping ``floor(trim * n)`` values from each end."""
    ordered = sorted(values)
    g = int(trim * len(ordered))
    kept = ordered[g : len(ordered) - g]
    return sum(kept) / len(kept)


def location_scale(values: Sequence[float]) -> tuple[float, float]:
    """Mean and standard deviation (floored at ``SD_FLOOR``) of a baseline."""
    n = len(values)
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / max(n - 1, 1)
    return mean, max(math.sqrt(var), SD_FLOOR)


def cusum(values: Sequence[float], *, mean: float, scale: float, sign: int, drift: float) -> Run:
    """One-sided CUSUM of ``values`` toward ``sign`` (+1 up, -1 down).

    Each value becomes ``z = sign * (v - mean) / scale``, clipped to
    ``[-CLIP, CLIP]``; the statistic is ``S = max(0, S + z - drift)`` from 0.
    ``Run.start`` is the index of the first value after the statistic was last
    zero, the usual estimate of where a change began.
    """
    s = 0.0
    start = 0
    for i, v in enumerate(values):
        z = max(-CLIP, min(CLIP, sign * (v - mean) / scale))
        s += z - drift
        if s <= 0.0:
            s = 0.0
            start = i + 1
    return Run(s, start)


def fingerprint(text: str) -> tuple[int, ...]:
    """Bottom-k min-hash sketch of the text's word 4-shingles (sorted, at most 32 values).

    Values are 63-bit so they fit a SQLite INTEGER; the hash is BLAKE2b, so
    sketches are stable across processes and Python versions.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return ()
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        }
    hashes = {
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") >> 1
        for s in shingles
    }
    return tuple(sorted(hashes)[:SKETCH_SIZE])


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two ``fingerprint`` sketches (0 when either is empty)."""
    if not a or not b:
        return 0.0
    k = min(len(a), len(b))
    set_a, set_b = set(a), set(b)
    # Bottom-k estimator: of the k smallest hashes of the union, the share
    # found in both sketches estimates |A ∩ B| / |A ∪ B|.
    lowest = sorted(set_a | set_b)[:k]
    return sum(1 for h in lowest if h in set_a and h in set_b) / k
