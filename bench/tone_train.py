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
* The neutral band is chosen for macro-F1 on the training folds.

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tone_metrics import evaluate, macro_f1  # noqa: E402
from monitor.tone.lexicon import (  # noqa: E402
    build_index,
    builtin_background,
    builtin_cues,
    builtin_terms,
)
from monitor.tone.scorer import LexiconScorer, Params  # noqa: E402
from monitor.tone.text import normalise, split_sentences, strip_boilerplate  # noqa: E402

MIN_COUNT = 4
RIDGE = 0.02
EPOCHS = 60
RATE = 0.05
SPREAD = 2.0  # a refitted magnitude stays within [prior / SPREAD, prior * SPREAD]
TARGET = {"engagement": 1.0, "neutral": 0.5, "confrontation": 0.0}
Occurrences = list[tuple[str, float, float]]  # (phrase, prior weight, factor)
# Entries that are also framing cues ("threatened to", "refused to") keep their
# written weight: their size relative to the act they govern is the grading
# of intent below action, which the data must not undo.
FIXED: set[str] = set()


def prior_scorer() -> LexiconScorer:
    """A scorer with the hand-written weights only (no weights.json)."""
    background = builtin_background()
    terms = {**background, **builtin_terms()}
    return LexiconScorer(build_index(terms, builtin_cues(), background), params=Params())


def occurrences(scorer: LexiconScorer, text: str) -> Occurrences:
    """Each weighted term occurrence of a text: its entry phrase, prior weight and factor."""
    out: Occurrences = []
    for _, sentence in split_sentences(strip_boilerplate(normalise(text))):
        for entry, _, factor, _ in scorer.sentence_terms(sentence):
            assert entry.weight is not None
            if entry.roles:
                FIXED.add(entry.phrase)
            out.append((entry.phrase, entry.weight, factor))
    return out


def tone_of(occ: Occurrences, weights: dict[str, float], prior: float) -> float:
    """The scorer's tone formula: net / (gross + prior)."""
    net = 0.0
    gross = 0.0
    for phrase, w0, factor in occ:
        c = weights.get(phrase, w0) * factor
        net += c
        gross += abs(c)
    return net / (gross + prior) if gross else 0.0


def fit(
    data: Sequence[tuple[Occurrences, str]], prior: float, seed: int = 0
) -> tuple[dict[str, float], float]:
    """Fitted magnitudes (sign kept) and the neutral band, from labelled occurrences."""
    counts: Counter[str] = Counter(p for occ, _ in data for p, _, _ in occ)
    w0 = {p: w for occ, _ in data for p, w, _ in occ}
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
            for phrase, wp, factor in occ:
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
            for phrase, _, factor in occ:
                if phrase not in weights:
                    continue
                w = weights[phrase]
                sign = 1.0 if w * factor >= 0 else -1.0
                d_tone = factor / denom - net * sign * factor / (denom * denom)
                grad = err * scale * d_tone + RIDGE * (w - w0[phrase])
                new = w - rate * grad
                lo, hi = _bounds(w0[phrase])
                weights[phrase] = min(hi, max(lo, new))
    tones = [tone_of(occ, weights, prior) for occ, _ in data]
    gold = [label for _, label in data]
    best = (-1.0, 0.12)
    for step in range(2, 41):
        band = step / 100.0
        pred = [_label(t, band) for t in tones]
        f1 = macro_f1(gold, pred, sorted(set(gold)))
        if f1 > best[0]:
            best = (f1, band)
    changed = {p: round(w, 3) for p, w in weights.items() if abs(w - w0[p]) >= 0.005}
    return changed, best[1]


def _bounds(prior: float) -> tuple[float, float]:
    """Allowed range of a refitted weight: same sign, within SPREAD of the prior."""
    low, high = sorted((prior / SPREAD, prior * SPREAD))
    return max(-1.0, low), min(1.0, high)


def _label(tone: float, band: float) -> str:
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
        weights, band = fit(train, prior)
        for i in range(len(rows)):
            if assignment[i] == k:
                tone = tone_of(data[i][0], weights, prior)
                preds[i] = (tone, _label(tone, band))
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
    weights, band = fit(data, scorer.params.prior)
    payload = {
        "about": "Magnitudes of monitor.tone lexicon terms refitted on keep-it-local "
        "(javierosorio/keep_it_local, MIT) by bench/tone_train.py; signs are hand-set.",
        "params": {"neutral_band": band},
        "terms": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} refitted terms, neutral band {band}")


if __name__ == "__main__":
    main()
