"""How fast any CUSUM could announce the benchmark's shifts: the information bound.

``bench/detect_eval.py`` measures the detector's median delay on streams whose
engagement share goes 0.7 → 0.3 → 0.7. How much one article says about such a
change is fixed by the scorer and the stream, not by the detector: it is the
shift of an article's normal score (its place in the baseline, in standard
deviations) after the change. This script

1. measures that shift on the benchmark's own shift streams (``--sentences``
   picks the tuning or the held-out part): the mean normal score, toward the
   change, of the stories of the first ``recent_hours`` after it, scored against
   the baseline the detector holds at that story;
2. simulates the best sequential test for a known shift of that size, Page's
   CUSUM with reference δ/2 on independent normal scores (optimal in Lorden's
   sense), with its level set so that two one-sided tests together raise the
   target's false alarms per 1,000 stories on stationary scores, and no
   evidence rule or warm-up around it;
3. prints the median delay it reaches in stories, and in days at five stories
   a day, with the detector's own figure beside it;
4. for the slow decline (the same change spread over ``DRIFT_DAYS``), simulates an
   oracle that knows the decline's onset and slope: the likelihood ratio of the
   ramp against no change, summed from the onset, with its level set so that on
   stationary scores it crosses within the four weeks no more often than the
   target's false alarms over those stories (one test, not one per possible
   onset: generous to the oracle), and prints the share of declines it reports
   within four weeks.

A detector that does more than this with the same stories would be using
information the stories do not hold. Run from the project root::

    .venv/bin/python bench/detect_bound.py
    .venv/bin/python bench/detect_bound.py --sentences held-out
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import detect_eval as de  # a sibling script, not a package

from monitor.models import Rule
from monitor.shift import Detector
from monitor.shift.stats import normal_score


def measured_shift(part: str, streams: int) -> tuple[float, float, int]:
    """Mean and SD of the post-change normal scores (toward the change), and their count."""
    rule = Rule()
    window = rule.recent_hours / 24
    scores: list[float] = []
    for i in range(streams):
        seed = 10_000 + i
        share, days, _, _ = de._stream_spec("shift", seed)
        samples = de.build_stream(share, days=days, seed=seed, part=part)
        det = Detector(rule, "bound")
        for sample in samples:
            before = det.n
            det.step(sample)
            if det.n == before or not det.watching:
                continue
            day = (sample.at - de.T0).total_seconds() / 86_400
            for change, sign in ((de.SEGMENT_DAYS, -1), (2 * de.SEGMENT_DAYS, 1)):
                if change <= day < change + window:
                    # The baseline the story was judged against (it holds no story of the
                    # new level yet: those are still in the recent window).
                    scores.append(sign * normal_score(det._tones[-1], det._base))
    return statistics.mean(scores), statistics.pstdev(scores), len(scores)


def _alarms(h: float, k: float, steps: int, rng: random.Random) -> int:
    """Alarms of two one-sided CUSUMs (restarted after each) on ``steps`` N(0, 1) scores."""
    up = down = 0.0
    alarms = 0
    gauss = rng.gauss
    for _ in range(steps):
        x = gauss(0.0, 1.0)
        up = max(0.0, up + x - k)
        down = max(0.0, down - x - k)
        if up >= h or down >= h:
            alarms += 1
            up = down = 0.0
    return alarms


def level_for(target: float, k: float, steps: int, seed: int) -> float:
    """The CUSUM level at which the two sides raise ``target`` alarms per 1,000 scores."""
    lo, hi = 1.0, 15.0
    for _ in range(10):
        h = (lo + hi) / 2
        rate = 1000 * _alarms(h, k, steps, random.Random(seed)) / steps
        lo, hi = (h, hi) if rate > target else (lo, h)
    return hi


def delays(h: float, k: float, delta: float, sd: float, runs: int, seed: int) -> list[int]:
    """Stories until the one-sided CUSUM toward a shift of ``delta`` passes ``h``."""
    rng = random.Random(seed)
    out: list[int] = []
    for _ in range(runs):
        s, n = 0.0, 0
        while s < h:
            n += 1
            s = max(0.0, s + rng.gauss(delta, sd) - k)
        out.append(n)
    return out


def ramp_caught(
    delta: float, sd: float, target: float, days: float, runs: int, seed: int
) -> tuple[float, float]:
    """(level, share caught): the known-onset, known-slope oracle on a slow decline.

    The decline moves the mean score by ``delta`` over ``de.DRIFT_DAYS``; the oracle
    sums ``mu_i * x_i - mu_i**2 / 2`` from the onset for ``days`` days of stories.
    Its level is the quantile of the sum's running maximum on stationary scores that
    ``target`` false alarms per 1,000 stories allow over those stories.
    """
    n = int(days * de.PER_DAY)
    slope = delta / (de.DRIFT_DAYS * de.PER_DAY)
    mus = [slope * (i + 1) for i in range(n)]
    rng = random.Random(seed)

    def peak(shifted: bool) -> float:
        total, top = 0.0, float("-inf")
        for mu in mus:
            x = rng.gauss(mu if shifted else 0.0, sd)
            total += mu * x - mu * mu / 2
            top = max(top, total)
        return top

    null = sorted(peak(False) for _ in range(runs))
    allowed = min(1.0, target * n / 1000)
    level = null[min(runs - 1, int((1 - allowed) * runs))]
    caught = sum(1 for _ in range(runs) if peak(True) >= level)
    return level, caught / runs


def main(argv: Sequence[str] | None = None) -> int:
    """Print the measured shift and the delay the best CUSUM reaches with it."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sentences", choices=["tuning", "held-out"], default="tuning")
    ap.add_argument("--streams", type=int, default=24, help="shift streams to measure on")
    ap.add_argument("--target", type=float, default=0.5, help="false alarms per 1,000 stories")
    ap.add_argument("--steps", type=int, default=400_000, help="null scores per level tried")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    delta, sd, count = measured_shift(args.sentences, args.streams)
    print(f"sentences: {args.sentences}")
    print(f"  post-change normal score toward the change: mean {delta:.3f}, SD {sd:.3f} "
          f"({count} stories)")  # fmt: skip
    head = ("target FA/1k", "k", "level h", "median delay", "days at 5/d")
    print("  {:>12}  {:>5}  {:>7}  {:>12}  {:>11}".format(*head))
    for target in sorted({args.target, 1.0, 2.0}):
        for k in (delta / 2, 0.5):
            h = level_for(target, k, args.steps, args.seed)
            median = statistics.median(delays(h, k, delta, sd, 4000, args.seed))
            print(f"  {target:>12g}  {k:>5.2f}  {h:>7.2f}  {median:>9.1f} st  "
                  f"{median / de.PER_DAY:>9.2f} d")  # fmt: skip
    level, share = ramp_caught(delta, sd, args.target, 28.0, 20_000, args.seed)
    print(f"  slow decline ({de.DRIFT_DAYS:g} days), oracle knowing onset and slope, "
          f"level {level:.2f}: reports {share:.0%} within 28 days "
          f"(all of 12: {share**12:.1%})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
