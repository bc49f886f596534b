"""Metrics for the tone bench: AUC, macro-F1, accuracy, Spearman (no numpy needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Metrics:
    """Figures of one scorer on one labelled set."""

    auc: float
    macro_f1: float
    accuracy: float
    spearman: float
    n: int


def ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (1-based), ties sharing the mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mean = (i + j) / 2.0 + 1.0
        for k in range(i, j + 1):
            out[order[k]] = mean
        i = j + 1
    return out


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(random positive scores above random negative), ties counting half."""
    if not positive or not negative:
        return float("nan")
    r = ranks([*positive, *negative])
    rank_sum = sum(r[: len(positive)])
    n_pos = len(positive)
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * len(negative))


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman rank correlation (Pearson on average ranks)."""
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else 0.0


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    """Mean F1 over ``labels`` (a prediction outside them counts as wrong)."""
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label != p)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def evaluate(rows: Sequence[dict[str, object]], preds: Sequence[tuple[float, str]]) -> Metrics:
    """Metrics of ``preds`` (tone, label) against the rows' ``label`` and ``ordinal``."""
    gold = [str(r["label"]) for r in rows]
    tones = [t for t, _ in preds]
    labels = sorted(set(gold))
    pos = [t for t, g in zip(tones, gold, strict=True) if g == "engagement"]
    neg = [t for t, g in zip(tones, gold, strict=True) if g == "confrontation"]
    pred_labels = [lab for _, lab in preds]
    correct = sum(1 for g, p in zip(gold, pred_labels, strict=True) if g == p)
    ordinal = [float(r["ordinal"]) for r in rows]  # type: ignore[arg-type]
    return Metrics(
        auc=auc(pos, neg),
        macro_f1=macro_f1(gold, pred_labels, labels),
        accuracy=correct / len(rows),
        spearman=spearman(tones, ordinal),
        n=len(rows),
    )


@dataclass(frozen=True, slots=True)
class StanceMetrics:
    """Figures on a three-way stance set (engagement / neutral / confrontation)."""

    eng_vs_conf: float
    conf_vs_rest: float
    eng_vs_rest: float
    macro_f1: float
    accuracy: float
    n: int


def evaluate_stance(
    rows: Sequence[dict[str, object]], preds: Sequence[tuple[float, str]]
) -> StanceMetrics:
    """AUCs of each side against the other and against the rest, and macro-F1.

    Confrontation-vs-rest ranks by ``-tone`` (lower tone = more confrontational).
    """
    gold = [str(r["label"]) for r in rows]
    tones = [t for t, _ in preds]
    eng = [t for t, g in zip(tones, gold, strict=True) if g == "engagement"]
    con = [t for t, g in zip(tones, gold, strict=True) if g == "confrontation"]
    not_eng = [t for t, g in zip(tones, gold, strict=True) if g != "engagement"]
    not_con = [-t for t, g in zip(tones, gold, strict=True) if g != "confrontation"]
    pred_labels = [lab for _, lab in preds]
    correct = sum(1 for g, p in zip(gold, pred_labels, strict=True) if g == p)
    return StanceMetrics(
        eng_vs_conf=auc(eng, con),
        conf_vs_rest=auc([-t for t in con], not_con),
        eng_vs_rest=auc(eng, not_eng),
        macro_f1=macro_f1(gold, pred_labels, sorted(set(gold))),
        accuracy=correct / len(rows),
        n=len(rows),
    )
