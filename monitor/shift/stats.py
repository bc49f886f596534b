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
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

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

#: Up to this many undecided articles are compared pair by pair with the span
#: before each; more are matched through an index of sketch values.
PAIRWISE_BELOW = 8

SKETCH_SIZE = 32
_TWOS = itertools.repeat(2)  # endless: the exponent of each square in ``location_scale``
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
    # sum((v - mean) ** 2 for v in values) with the same operations in the same order,
    # through map: a baseline holds hundreds of stories and this runs for each.
    squares = map(operator.pow, map(operator.sub, values, itertools.repeat(mean)), _TWOS)
    var = sum(squares) / max(n - 1, 1)
    return mean, max(math.sqrt(var), SD_FLOOR)


def cusum(
    values: Sequence[float],
    *,
    mean: float,
    scale: float,
    sign: int,
    drift: float,
    after: Run = Run(0.0, 0),
    offset: int = 0,
) -> Run:
    """One-sided CUSUM of ``values`` toward ``sign`` (+1 up, -1 down).

    Each value becomes ``z = sign * (v - mean) / scale``, clipped to
    ``[-CLIP, CLIP]``; the statistic is ``S = max(0, S + z - drift)`` from 0.
    ``Run.start`` is the index of the first value after the statistic was last
    zero, the usual estimate of where a change began.

    To go on from the CUSUM of the first ``offset`` values of a longer series,
    pass its result as ``after`` and the rest as ``values``: the result is
    that of the whole series, the same operations in the same order.
    """
    s = after.statistic
    start = after.start
    for i, v in enumerate(values, offset):
        z = sign * (v - mean) / scale
        # max(-CLIP, min(CLIP, z)) spelled out (the calls cost more than the sum): the
        # same comparisons, so the same result even for a NaN.
        z = z if z < CLIP else CLIP
        z = z if z > -CLIP else -CLIP
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


class CopyMemo:
    """Which samples of one watch are copies, remembered across ``distinct_stories`` calls.

    A sample's verdict depends only on the samples of the ``DUPLICATE_SPAN``
    before it, so it stays valid until a sample enters or leaves that span;
    ``distinct_stories`` recomputes just those. A daemon or a replay keeps one
    per watch: each call then decides the new articles only, with the same
    result as a call without a memo.
    """

    def __init__(self) -> None:
        self.known: dict[str, datetime] = {}
        self.copy: dict[str, bool] = {}


def distinct_stories(
    ordered: Sequence[Sample], *, since: datetime | None = None, memo: CopyMemo | None = None
) -> list[Sample]:
    """The samples of ``ordered`` (oldest first) from ``since`` on that are no copies.

    A copy (a syndicated wire story) is a sample whose sketch has an estimated
    Jaccard similarity of at least ``DUPLICATE_SIMILARITY`` with any earlier
    sample of the last ``DUPLICATE_SPAN`` (copy or not, so the verdict does not
    depend on where ``ordered`` starts); a repeated key is dropped too. Samples
    before ``since`` serve only as earlier stories; pass ``since`` at least
    ``DUPLICATE_SPAN`` after the first sample for verdicts that hold whatever
    came before it.
    """
    unique: list[Sample] = []
    seen: set[str] = set()
    for sample in ordered:
        if sample.key not in seen:
            seen.add(sample.key)
            unique.append(sample)
    memo = memo if memo is not None else CopyMemo()
    known = memo.known
    memo.known = {s.key: s.at for s in unique}
    # Samples that entered or left since the last call unsettle the verdicts of the
    # DUPLICATE_SPAN after them.
    changed = [at for key, at in known.items() if memo.known.get(key) != at]  # left or moved
    changed += [s.at for s in unique if known.get(s.key) != s.at]  # entered or moved
    memo.copy = {k: v for k, v in memo.copy.items() if k in memo.known}

    times = [s.at for s in unique]
    first = 0 if since is None else bisect.bisect_left(times, since)
    todo = {i for i in range(first, len(unique)) if unique[i].key not in memo.copy}
    reach = first
    for at in sorted(changed):
        lo = max(reach, first, bisect.bisect_left(times, at))
        reach = max(reach, bisect.bisect_right(times, at + DUPLICATE_SPAN))
        todo.update(range(lo, reach))
    if todo:
        _decide_copies(unique, times, sorted(todo), memo)
    return [s for s in unique[first:] if not memo.copy[s.key]]


def _decide_copies(
    unique: Sequence[Sample], times: Sequence[datetime], todo: Sequence[int], memo: CopyMemo
) -> None:
    """Record in ``memo`` whether each of ``unique[i]`` for ``i`` in ``todo`` is a copy."""
    if len(todo) <= PAIRWISE_BELOW:
        # A few new articles (the usual case between two runs): compare each with the
        # span before it directly, instead of indexing that whole span.
        for i in todo:
            sample = unique[i]
            start = bisect.bisect_left(times, sample.at - DUPLICATE_SPAN)
            memo.copy[sample.key] = copies_earlier(sample, unique[start:i])
        return
    # Prefix filtering (as in similarity joins): order every sketch by one global
    # order, rarest values first. Two sketches sharing at least t values share a value
    # among the first len - t + 1 of each, so only those prefixes are indexed and
    # probed; stock phrases that many articles share sort last and are left out.
    lo = bisect.bisect_left(times, unique[todo[0]].at - DUPLICATE_SPAN)
    window = range(lo, todo[-1] + 1)
    freq = Counter(v for i in window for v in unique[i].fingerprint)
    shortest = min((len(unique[i].fingerprint) for i in window if unique[i].fingerprint), default=0)
    index: dict[int, list[int]] = {}
    pending = set(todo)
    oldest = lo
    for i in window:
        sample = unique[i]
        size = len(sample.fingerprint)
        # The fewest shared values any pair with this sample needs (see ``_is_copy``).
        need = math.ceil(DUPLICATE_SIMILARITY * min(size, shortest))
        prefix = sorted(sample.fingerprint, key=lambda v: (freq[v], v))[: size - need + 1]
        if i in pending:
            while sample.at - unique[oldest].at > DUPLICATE_SPAN:
                oldest += 1
            candidates: set[int] = set()
            for v in prefix:
                posting = index.get(v)
                if posting and posting[-1] >= oldest:
                    # Positions are appended in order: skip the aged-out ones.
                    candidates.update(posting[bisect.bisect_left(posting, oldest) :])
            sketch = frozenset(sample.fingerprint)
            memo.copy[sample.key] = any(
                _is_copy(sample, len(sketch.intersection(unique[j].fingerprint)), unique[j])
                for j in sorted(candidates)
            )
        for v in prefix:
            index.setdefault(v, []).append(i)


def copies_earlier(sample: Sample, earlier: Sequence[Sample]) -> bool:
    """True when ``sample`` nearly duplicates any of ``earlier`` (its span, compared one by one)."""
    sketch = frozenset(sample.fingerprint)
    if not sketch:
        return False
    size = len(sample.fingerprint)
    for other in earlier:
        # ``_is_copy`` inlined: this runs for every article of the span before a new one,
        # and most fail the cheap count at once.
        shared = len(sketch.intersection(other.fingerprint))
        if shared < DUPLICATE_SIMILARITY * min(size, len(other.fingerprint)):
            continue
        if similarity(sample.fingerprint, other.fingerprint) >= DUPLICATE_SIMILARITY:
            return True
    return False


def _is_copy(sample: Sample, shared: int, other: Sample) -> bool:
    """True when ``sample`` nearly duplicates the earlier ``other`` (``shared`` sketch values)."""
    # An estimated similarity of s needs at least s * k shared sketch values (sketches
    # hold distinct values): a cheap count before the estimator.
    if shared < DUPLICATE_SIMILARITY * min(len(sample.fingerprint), len(other.fingerprint)):
        return False
    return similarity(sample.fingerprint, other.fingerprint) >= DUPLICATE_SIMILARITY
