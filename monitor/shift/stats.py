"""Statistics and near-duplicate sketches for the shift detector, in pure Python.

* ``normal_score``: where a tone falls in a reference sample (its mid-rank),
  as a standard normal quantile. Against the baseline's own distribution, a
  story's score is close to N(0, 1) whatever the shape or spread of that
  distribution, and it is bounded, so no single article can carry a test.
* ``median``, ``trimmed_mean``, ``robust_scale``: levels and spread of a
  sorted sample (the 20 % trimmed mean is what an alert reports; the spread is
  the interquartile range scaled to a normal SD).
* ``fingerprint`` / ``similarity`` / ``CopyIndex``: bottom-k min-hash sketches
  of word 4-shingles (Broder 1997) that estimate how much two texts overlap,
  and the syndication filter built on them, one story at a time.

Nothing here imports numpy or scipy, so the daemon keeps its small dependency set.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections import Counter, deque
from collections.abc import Sequence
from statistics import NormalDist

#: Proportion cut from each tail for trimmed means (20 % keeps most of the
#: efficiency of the mean on normal data and drops a stray extreme article).
TRIM = 0.2

#: Smallest spread credited to a baseline (tone units). A scorer that gives many
#: articles exactly 0.0 would otherwise make a tiny move look enormous.
SCALE_FLOOR = 0.1

#: The interquartile range of a normal distribution, in SDs.
_IQR_PER_SD = 1.3489795003921634

#: Estimated Jaccard similarity above which two articles are one story.
DUPLICATE_SIMILARITY = 0.5
#: Wire copies appear within days of each other; older look-alikes are news again.
DUPLICATE_SPAN_S = 72 * 3600.0

SKETCH_SIZE = 32
SHINGLE_WORDS = 4
_WORD = re.compile(r"\w+")
_blake2b = hashlib.blake2b
_INV_CDF = NormalDist().inv_cdf


def normal_score(value: float, ordered: Sequence[float]) -> float:
    """The standard normal quantile of ``value``'s mid-rank in ``ordered`` (sorted).

    With ``n`` values, the share below is ``(below + ties / 2 + 1/2) / (n + 1)``,
    so the score lies within ±Φ⁻¹(1 − 1/(2n + 2)) (±2.0 for 20 values, ±2.6 for
    100, ±3.3 for 1,000). 0 for an empty sample.
    """
    n = len(ordered)
    if n == 0:
        return 0.0
    lo = bisect.bisect_left(ordered, value)
    hi = bisect.bisect_right(ordered, value, lo)
    return _INV_CDF((lo + (hi - lo) / 2 + 0.5) / (n + 1))


def median(ordered: Sequence[float]) -> float:
    """Median of a sorted, non-empty sample."""
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def trimmed_mean(values: Sequence[float], trim: float = TRIM) -> float:
    """Mean after dropping ``floor(trim * n)`` values from each end (0 when empty)."""
    ordered = sorted(values)
    g = int(trim * len(ordered))
    kept = ordered[g : len(ordered) - g]
    return sum(kept) / len(kept) if kept else 0.0


def robust_scale(ordered: Sequence[float]) -> float:
    """Interquartile range / 1.349 (a normal SD) of a sorted sample, at least ``SCALE_FLOOR``.

    A quarter of the sample can be replaced by anything before it moves far, so a
    burst of extreme articles in the baseline does not widen it.
    """
    n = len(ordered)
    if n < 4:
        return SCALE_FLOOR
    q1 = _quantile(ordered, 0.25)
    q3 = _quantile(ordered, 0.75)
    return max((q3 - q1) / _IQR_PER_SD, SCALE_FLOOR)


def _quantile(ordered: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile of a sorted sample."""
    pos = q * (len(ordered) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


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
        windows = (words[i:] for i in range(SHINGLE_WORDS))  # zip stops at the shortest
        shingles = set(map(" ".join, zip(*windows, strict=False)))
    # Big-endian digests sort as their integers do: only the smallest few are turned
    # into integers (the same sketch as converting all, a quarter faster). Values equal
    # after the shift are neighbours, and kept once.
    out: list[int] = []
    for digest in sorted({_blake2b(s.encode(), digest_size=8).digest() for s in shingles}):
        value = int.from_bytes(digest, "big") >> 1
        if not out or value != out[-1]:
            out.append(value)
            if len(out) == SKETCH_SIZE:
                break
    return tuple(out)


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


class CopyIndex:
    """The sketches of one watch's last ``DUPLICATE_SPAN_S``, to tell copies one story at a time.

    A story is a copy (a syndicated wire story) when its estimated Jaccard
    similarity with any story seen in the span before it is at least
    ``DUPLICATE_SIMILARITY`` (copy or not, so a copy of a copy is a copy). An
    inverted index from sketch value to story finds the candidates: a copy
    shares at least ``need`` values with its original, so by the pigeonhole
    principle it shares one of any ``size − need + 1`` of its values, and only
    the values with the shortest postings are probed. Stock phrases that many
    articles share therefore cost little.
    """

    def __init__(self) -> None:
        self._order: deque[tuple[float, int, tuple[int, ...]]] = deque()  # (time, id, sketch)
        # A value belongs to one sketch (an int) or to several (a list of ids, oldest
        # first): a 1,000-story-a-day watch holds ~100,000 values, almost all unique.
        self._postings: dict[int, int | list[int]] = {}
        self._sketch: dict[int, tuple[int, ...]] = {}
        self._sizes: Counter[int] = Counter()
        self._next = 0

    def __len__(self) -> int:
        return len(self._order)

    def _expire(self, now: float) -> None:
        while self._order and self._order[0][0] < now - DUPLICATE_SPAN_S:
            _, sid, sketch = self._order.popleft()
            for v in sketch:
                posting = self._postings[v]
                # Ids are appended in order, so the expired one is the first.
                if isinstance(posting, int) or len(posting) == 1:
                    del self._postings[v]
                else:
                    del posting[0]
            del self._sketch[sid]
            self._sizes[len(sketch)] -= 1
            if not self._sizes[len(sketch)]:
                del self._sizes[len(sketch)]

    def is_copy(self, sketch: Sequence[int], now: float) -> bool:
        """True when ``sketch`` nearly duplicates one seen in the span before ``now``; the
        sketch is remembered either way (times must not decrease between calls)."""
        self._expire(now)
        found = self._match(sketch)
        if sketch:
            sid = self._next
            self._next += 1
            values = tuple(sketch)
            self._order.append((now, sid, values))
            self._sketch[sid] = values
            self._sizes[len(values)] += 1
            postings = self._postings
            for v in values:
                had = postings.get(v)
                if had is None:
                    postings[v] = sid
                elif isinstance(had, int):
                    postings[v] = [had, sid]
                else:
                    had.append(sid)
        return found

    def _match(self, sketch: Sequence[int]) -> bool:
        if not sketch or not self._sketch:
            return False
        size = len(sketch)
        shortest = min(self._sizes)
        # The fewest shared values any pair with this sketch needs (see ``similarity``).
        need = max(1, math.ceil(DUPLICATE_SIMILARITY * min(size, shortest)))
        postings = self._postings

        def count(v: int) -> int:
            had = postings.get(v)
            return 0 if had is None else 1 if isinstance(had, int) else len(had)

        probe = sorted(sketch, key=count)[: size - need + 1]
        candidates: set[int] = set()
        for v in probe:
            had = postings.get(v)
            if isinstance(had, int):
                candidates.add(had)
            elif had is not None:
                candidates.update(had)
        if not candidates:
            return False
        mine = frozenset(sketch)
        for sid in sorted(candidates):
            other = self._sketch[sid]
            shared = len(mine.intersection(other))
            if shared < DUPLICATE_SIMILARITY * min(size, len(other)):
                continue
            if similarity(sketch, other) >= DUPLICATE_SIMILARITY:
                return True
        return False
