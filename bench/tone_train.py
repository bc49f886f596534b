"""Refit the magnitudes of the tone lexicon on keep-it-local and write weights.json.

Usage (from the repository root)::

    python bench/tone_train.py            # fit on all of keep-it-local, write the JSON
    python bench/tone_train.py --cv 5     # only report 5-fold cross-validated figures

What is fitted, and what is not:

* Only the *magnitude* of each hand-written lexicon term that occurs at least
  ``MIN_COUNT`` times and is not also a framing cue. Its sign (engagement or confrontation) and its
  framing (cues, background, actor focus) stay as written, because they
  encode how diplomatic language works rather than this corpus.
* Magnitudes are pulled toward the hand-set prior (L2, ``RIDGE``) and kept in
  [0.05, 1.0], so a term the data rarely sees keeps its written weight.
* Each term's *evidence strength* (how much one occurrence says that some
  act happened at all, whatever its sign; default ``|weight|``) is fitted by
  a logistic regression of "not neutral" on the summed strengths, kept
  within ``SPREAD`` of ``|prior weight|`` and pulled toward it
  (``EVIDENCE_RIDGE``).
* The neutral decision (a band on |tone| and a least amount of evidence,
  capped at 0.4) is chosen for macro-F1 on the training folds.

The data is keep-it-local (javierosorio/keep_it_local, MIT), read from
``../shared/eval/tone/keep-it-local.jsonl`` at run time. plover (CC BY-SA) is
never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tone_metrics import evaluate, macro_f1  # noqa: E402
from monitor.tone.lexicon import (  # noqa: E402
    build_index,
    builtin_background,
    builtin_cues,
    builtin_terms,
)
from monitor.tone.scorer import LexiconScorer, Params, combine  # noqa: E402
from monitor.tone.text import normalise, split_sentences, strip_boilerplate  # noqa: E402

MIN_COUNT = 4
RIDGE = 0.02
EPOCHS = 60
RATE = 0.05
SPREAD = 2.0  # a refitted magnitude stays within [prior / SPREAD, prior * SPREAD]
TARGET = {"engagement": 1.0, "neutral": 0.5, "confrontation": 0.0}
Occurrences = list[tuple[str, float, float, float, int]]
# (phrase, prior weight, factor, |factor| as evidence: lower for own-voice terms,
# the sentence it stands in)
# Entries that are also framing cues ("threatened to", "refused to") keep their
# written weight: their size relative to the act they govern is the grading
# of intent below action, which the data must not undo.
FIXED: set[str] = set()
# The evidence model (is there an act at all?): per-term strengths pulled
# toward |prior weight| with this L2, fitted for EVIDENCE_EPOCHS.
EVIDENCE_RIDGE = 0.01
EVIDENCE_EPOCHS = 30
# Candidate least-evidence thresholds for a non-neutral label (0 = off). The
# cap, 0.4, keeps one plain act of moderate weight ("expelled", "agreed to")
# an event: keep-it-local's UN prose alone would pick about 0.6, which calls
# many one-act news sentences neutral.
EVIDENCE_GRID = tuple(step / 20.0 for step in range(0, 9))
BAND_GRID = tuple(step / 100.0 for step in range(1, 21))


class Fitted(NamedTuple):
    """What :func:`fit` learns: term weights, neutral params, evidence strengths."""

    terms: dict[str, float]
    params: dict[str, float]
    evidence: dict[str, float]


def prior_scorer() -> LexiconScorer:
    """A scorer with the hand-written weights only (no weights.json)."""
    background = builtin_background()
    terms = {**background, **builtin_terms()}
    return LexiconScorer(build_index(terms, builtin_cues(), background), params=Params())


def occurrences(scorer: LexiconScorer, text: str) -> Occurrences:
    """Each weighted term occurrence of a text: its entry phrase, prior weight and factor."""
    out: Occurrences = []
    for at, (_, sentence) in enumerate(split_sentences(strip_boilerplate(normalise(text)))):
        for entry, _, factor, why in scorer.sentence_terms(sentence):
            assert entry.weight is not None
            if entry.roles:
                FIXED.add(entry.phrase)
            seen = abs(factor)
            if why and why[-1] == "own-voice":
                seen *= scorer.params.own_voice
            out.append((entry.phrase, entry.weight, factor, seen, at))
    return out


def tone_of(occ: Occurrences, weights: dict[str, float], prior: float) -> float:
    """The scorer's tone (no actor focus): its sentences' leans, combined as the scorer does.

    Each sentence reads net / (gross + prior) and is as sure as gross / (gross + prior);
    see ``LexiconScorer.score_parts``.
    """
    sums: dict[int, list[float]] = {}
    for phrase, w0, factor, _, at in occ:
        c = weights.get(phrase, w0) * factor
        both = sums.setdefault(at, [0.0, 0.0])
        both[0] += c
        both[1] += abs(c)
    return combine([(net, gross, 1.0) for net, gross in sums.values()], prior)


def evidence_of(occ: Occurrences, strengths: dict[str, float]) -> float:
    """The scorer's evidence sum: strength (default |prior weight|) times |factor|."""
    return sum(strengths.get(phrase, abs(w0)) * seen for phrase, w0, _, seen, _ in occ)


def fit_evidence(data: Sequence[tuple[Occurrences, str]], seed: int = 1) -> dict[str, float]:
    """Per-term evidence strengths: logistic regression of "not neutral" on the evidence sum.

    P(engagement or confrontation) = sigmoid(bias + sum of strength * |factor|);
    strengths stay >= 0 and are pulled toward |prior weight|. The bias is
    not kept: the neutral threshold is chosen afterwards for macro-F1.
    """
    strengths: dict[str, float] = {}
    bias = -0.5
    order = list(range(len(data)))
    rng = random.Random(seed)
    for epoch in range(EVIDENCE_EPOCHS):
        rng.shuffle(order)
        rate = RATE / (1.0 + epoch / 10.0)
        for i in order:
            occ, label = data[i]
            z = bias + evidence_of(occ, strengths)
            prob = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = prob - (label != "neutral")
            bias -= rate * err
            for phrase, w0, _, seen, _ in occ:
                v = strengths.get(phrase, abs(w0))
                v -= rate * (err * seen + EVIDENCE_RIDGE * (v - abs(w0)))
                strengths[phrase] = min(abs(w0) * SPREAD, max(abs(w0) / SPREAD, v))
    return strengths


def fit(data: Sequence[tuple[Occurrences, str]], prior: float, seed: int = 0) -> Fitted:
    """Fitted magnitudes (sign kept), evidence strengths and the neutral decision.

    The neutral decision is two numbers chosen together for macro-F1: the
    band on |tone| and the least evidence (sum of strength x |factor|) a
    text needs to be called engagement or confrontation at all.
    """
    counts: Counter[str] = Counter(p for occ, _ in data for p, _, _, _, _ in occ)
    w0 = {p: w for occ, _ in data for p, w, _, _, _ in occ}
    free = {p for p, n in counts.items() if n >= MIN_COUNT and p not in FIXED}
    weights = {p: w0[p] for p in free}
    scale, bias = 4.0, 0.0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        rate = RATE / (1.0 + epoch / 20.0)
        for i in order:
            occ, label = data[i]
            if not occ:
                continue
            net = gross = 0.0
            for phrase, wp, factor, _, _ in occ:
                c = weights.get(phrase, wp) * factor
                net += c
                gross += abs(c)
            denom = gross + prior
            tone = net / denom
            z = scale * tone + bias
            prob = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = prob - TARGET[label]  # d(cross-entropy)/dz
            scale -= rate * err * tone * 0.1
            bias -= rate * err * 0.1
            for phrase, _, factor, _, _ in occ:
                if phrase not in weights:
                    continue
                w = weights[phrase]
                sign = 1.0 if w * factor >= 0 else -1.0
                d_tone = factor / denom - net * sign * factor / (denom * denom)
                grad = err * scale * d_tone + RIDGE * (w - w0[phrase])
                new = w - rate * grad
                lo, hi = _bounds(w0[phrase])
                weights[phrase] = min(hi, max(lo, new))
    strengths = fit_evidence(data)
    scored = [(tone_of(occ, weights, prior), evidence_of(occ, strengths)) for occ, _ in data]
    gold = [label for _, label in data]
    labels = sorted(set(gold))
    best = (-1.0, 0.12, 0.0)
    for evidence in EVIDENCE_GRID:
        for band in BAND_GRID:
            pred = [_label(t, band, e, evidence) for t, e in scored]
            f1 = macro_f1(gold, pred, labels)
            if f1 > best[0]:
                best = (f1, band, evidence)
    changed = {p: round(w, 3) for p, w in weights.items() if abs(w - w0[p]) >= 0.005}
    moved = {
        p: round(v, 3) for p, v in strengths.items() if abs(v - abs(weights.get(p, w0[p]))) >= 0.005
    }
    return Fitted(changed, {"neutral_band": best[1], "neutral_evidence": best[2]}, moved)


def _bounds(prior: float) -> tuple[float, float]:
    """Allowed range of a refitted weight: same sign, within SPREAD of the prior."""
    low, high = sorted((prior / SPREAD, prior * SPREAD))
    return max(-1.0, low), min(1.0, high)


def _label(tone: float, band: float, evidence: float = 1.0, least: float = 0.0) -> str:
    if evidence < least:
        return "neutral"
    if tone >= band:
        return "engagement"
    if tone <= -band:
        return "confrontation"
    return "neutral"


def load_rows(shared: Path) -> list[dict[str, object]]:
    """keep-it-local rows from the shared data folder."""
    path = shared / "eval" / "tone" / "keep-it-local.jsonl"
    if not path.is_file():
        raise SystemExit(f"tone_train: {path} not found (pass --shared PATH)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cross_validated(
    rows: Sequence[dict[str, object]], *, folds: int = 5, seed: int = 13
) -> list[tuple[float, str]]:
    """(tone, label) per row, each from weights fitted on the other folds."""
    scorer = prior_scorer()
    prior = scorer.params.prior
    data = [(occurrences(scorer, str(r["text"])), str(r["label"])) for r in rows]
    fold_of = list(range(len(rows)))
    random.Random(seed).shuffle(fold_of)
    assignment = {idx: k % folds for k, idx in enumerate(fold_of)}
    preds: list[tuple[float, str]] = [(0.0, "neutral")] * len(rows)
    for k in range(folds):
        train = [data[i] for i in range(len(rows)) if assignment[i] != k]
        fitted = fit(train, prior)
        band, least = fitted.params["neutral_band"], fitted.params["neutral_evidence"]
        strengths = {**{p: abs(w) for p, w in fitted.terms.items()}, **fitted.evidence}
        for i in range(len(rows)):
            if assignment[i] == k:
                tone = tone_of(data[i][0], fitted.terms, prior)
                evidence = evidence_of(data[i][0], strengths)
                preds[i] = (tone, _label(tone, band, evidence, least))
    return preds


def main(argv: Sequence[str] | None = None) -> None:
    """Fit and write monitor/tone/weights.json, or report cross-validated figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cv", type=int, default=0, help="report k-fold CV figures only")
    ap.add_argument("--out", type=Path, default=ROOT / "monitor" / "tone" / "weights.json")
    args = ap.parse_args(argv)
    rows = load_rows(args.shared)
    if args.cv:
        m = evaluate(rows, cross_validated(rows, folds=args.cv))
        print(
            f"keep-it-local {args.cv}-fold CV: AUC {m.auc:.3f}  macro-F1 {m.macro_f1:.3f}  "
            f"accuracy {m.accuracy:.3f}  Spearman {m.spearman:.3f}"
        )
        return
    scorer = prior_scorer()
    data = [(occurrences(scorer, str(r["text"])), str(r["label"])) for r in rows]
    fitted = fit(data, scorer.params.prior)
    payload = {
        "about": "Magnitudes of monitor.tone lexicon terms refitted on keep-it-local "
        "(javierosorio/keep_it_local, MIT) by bench/tone_train.py; signs are hand-set.",
        "params": fitted.params,
        "terms": dict(sorted(fitted.terms.items())),
        "evidence": dict(sorted(fitted.evidence.items())),
    }
    args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out}: {len(fitted.terms)} refitted terms, "
        f"{len(fitted.evidence)} refitted evidence strengths, neutral decision {fitted.params}"
    )


if __name__ == "__main__":
    main()
