"""Statistics and near-duplicate sketches for the shift detector, in pure Python.

* ``cusum``: Page's cumulative-sum test (Page 1954) on tones standardised by a
  baseline, with each story's contribution clipped so that no single article
  can carry the statistic past the decision level.
* ``trimmed_mean``: the 20 % trimmed mean used for the means an alert reports.
* ``fingerprint`` / ``similarity`` / ``distinct_stories``: bottom-k min-hash
  sketches of word 4-shingles (Broder 1997) that estimate how much two texts
  overlap, and the syndication filter built on them.

Nothing here imports numpy or scipy, so the daemon keeps its small dependency set.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from monitor.models import Sample

#: Proportion cut from each tail for trimmed means (20 % keeps most of the
#: efficiency of the mean on normal data and drops a stray extreme article).
TRIM = 0.2

#: Smallest baseline standard deviation credited. A scorer that gives many
#: articles exactly 0.0 would otherwise make a tiny move look enormous.
SD_FLOOR = 0.1

#: Largest standardised contribution of one story to the CUSUM.
CLIP = 3.0

#: Estimated Jaccard similarity above which two articles are one story.
DUPLICATE_SIMILARITY = 0.5
#: Wire copies appear within days of each other; older look-alikes are news again.
DUPLICATE_SPAN = timedelta(hours=72)

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


def distinct_stories(ordered: Sequence[Sample]) -> list[Sample]:
    """The first copy of each story in ``ordered`` (oldest first); later near-duplicates go.

    A near-duplicate (a syndicated copy) is a sample whose sketch has an
    estimated Jaccard similarity of at least ``DUPLICATE_SIMILARITY`` with a
    kept story of the last ``DUPLICATE_SPAN``; a repeated key is dropped too.
    """
    kept: list[Sample] = []
    sketches: list[frozenset[int]] = []
    # Sketch value -> positions in ``kept``: only stories sharing a value can
    # be copies, so a busy watch is not compared pair by pair.
    index: dict[int, list[int]] = {}
    oldest = 0
    seen_keys: set[str] = set()
    for sample in ordered:
        if sample.key in seen_keys:
            continue
        seen_keys.add(sample.key)
        # Copies are compared only with the stories of the last DUPLICATE_SPAN.
        while oldest < len(kept) and sample.at - kept[oldest].at > DUPLICATE_SPAN:
            oldest += 1
        sketch = frozenset(sample.fingerprint)
        if sketch:
            candidates: set[int] = set()
            for v in sketch:
                posting = index.get(v)
                if posting and posting[-1] >= oldest:
                    # Positions are appended in order: skip the aged-out ones.
                    candidates.update(posting[bisect.bisect_left(posting, oldest) :])
            if any(_is_copy(sample, sketch, kept[i], sketches[i]) for i in sorted(candidates)):
                continue
        for v in sketch:
            index.setdefault(v, []).append(len(kept))
        kept.append(sample)
        sketches.append(sketch)
    return kept


def _is_copy(
    sample: Sample, sketch: frozenset[int], other: Sample, other_sketch: frozenset[int]
) -> bool:
    """True when ``sample`` nearly duplicates the kept story ``other``."""
    # An estimated similarity of s needs at least s * k shared sketch values:
    # a cheap set test before the estimator.
    shared = len(sketch & other_sketch)
    if shared < DUPLICATE_SIMILARITY * min(len(sketch), len(other_sketch)):
        return False
    return similarity(sample.fingerprint, other.fingerprint) >= DUPLICATE_SIMILARITY
