"""Robust two-sample statistics for the shift detector, in pure Python.

The detector compares a recent window of article tones with a baseline window.
Tones are bounded, often skewed and sometimes contain one wild article, so it
uses trimmed means and Yuen's version of Welch's t-test, which replaces means
by trimmed means and variances by winsorised variances (Yuen 1974; Wilcox,
*Introduction to Robust Estimation and Hypothesis Testing*). The effect size is
the Algina–Keselman–Penfield robust d, which is on the scale of Cohen's d for
normal data.

Everything here is a pure function of its arguments; nothing imports numpy or
scipy, so the daemon keeps its small dependency set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Proportion cut from each tail for trimmed means (20 % is the usual choice:
#: it keeps most of the efficiency of the mean under normality).
TRIM = 0.2

#: Smallest standard deviation a window is credited with. A scorer that gives
#: many articles exactly 0.0 would otherwise make a tiny move "significant".
SD_FLOOR = 0.05

#: Rescales the 20 %-winsorised SD so that the robust d matches Cohen's d on
#: normal data (Algina, Keselman & Penfield 2005).
AKP_SCALE = 0.642


@dataclass(frozen=True, slots=True)
class Comparison:
    """Recent window against baseline: trimmed means, Yuen's t and effect size."""

    recent_mean: float
    baseline_mean: float
    delta: float
    t: float
    df: float
    effect_size: float

    def p_toward(self, sign: int) -> float:
        """One-sided p-value for "the recent mean moved in direction ``sign``"."""
        return t_sf(self.t * sign, self.df)


def trimmed_mean(values: Sequence[float], trim: float = TRIM) -> float:
    """Mean after dropping ``floor(trim * n)`` values from each end."""
    ordered = sorted(values)
    g = int(trim * len(ordered))
    kept = ordered[g : len(ordered) - g]
    return sum(kept) / len(kept)


def winsorised_variance(values: Sequence[float], trim: float = TRIM) -> float:
    """Sample variance after pulling the ``floor(trim * n)`` tail values in on each side."""
    ordered = sorted(values)
    n = len(ordered)
    if n < 2:
        return 0.0
    g = int(trim * n)
    low, high = ordered[g], ordered[n - 1 - g]
    wins = [min(max(v, low), high) for v in ordered]
    mean = sum(wins) / n
    return sum((v - mean) ** 2 for v in wins) / (n - 1)


def compare(recent: Sequence[float], baseline: Sequence[float], trim: float = TRIM) -> Comparison:
    """Yuen–Welch comparison of two samples (each needs at least 3 values)."""
    parts = []
    for sample in (recent, baseline):
        n = len(sample)
        g = int(trim * n)
        h = n - 2 * g
        if h < 2:
            raise ValueError(f"compare: need at least 2 values left after trimming (got n={n})")
        var = max(winsorised_variance(sample, trim), SD_FLOOR**2)
        parts.append((trimmed_mean(sample, trim), var, (n - 1) * var / (h * (h - 1)), h))
    (m_r, var_r, d_r, h_r), (m_b, var_b, d_b, h_b) = parts
    delta = m_r - m_b
    t = delta / math.sqrt(d_r + d_b)
    df = (d_r + d_b) ** 2 / (d_r**2 / (h_r - 1) + d_b**2 / (h_b - 1))
    n_r, n_b = len(recent), len(baseline)
    pooled = ((n_r - 1) * var_r + (n_b - 1) * var_b) / (n_r + n_b - 2)
    effect = AKP_SCALE * delta / math.sqrt(pooled)
    return Comparison(m_r, m_b, delta, t, df, effect)


def t_sf(t: float, df: float) -> float:
    """Upper tail P(T > t) of Student's t distribution with ``df`` degrees of freedom."""
    if math.isinf(t):
        return 0.0 if t > 0 else 1.0
    tail = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return tail if t > 0 else 1.0 - tail


def betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    # The continued fraction converges fast only on this side of the mode;
    # on the other side use the symmetry I_x(a, b) = 1 - I_(1-x)(b, a).
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta, by the modified Lentz method."""
    tiny = 1e-300

    def guard(v: float) -> float:
        return tiny if abs(v) < tiny else v

    c = 1.0
    d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0))
    result = d
    for m in range(1, 300):
        # Even step of the fraction, then odd step.
        num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1.0 / guard(1.0 + num * d)
        c = guard(1.0 + num / c)
        result *= d * c
        num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 / guard(1.0 + num * d)
        c = guard(1.0 + num / c)
        step = d * c
        result *= step
        if abs(step - 1.0) < 1e-13:
            break
    return result
