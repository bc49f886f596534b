"""Evaluate the tone scorer on ../shared/eval/tone and time it against VADER.

Usage (from the repository root)::

    python bench/tone_eval.py                # accuracy on both sets + speed
    python bench/tone_eval.py --no-speed     # accuracy only
    python bench/tone_eval.py --shared PATH  # data folder elsewhere

Prints, per set: AUC (engagement vs confrontation), macro-F1 over the set's
labels, accuracy, Spearman against ``ordinal``; then whole-process throughput
of ``python -m monitor.tone.cli --jsonl`` and of a VADER script on the same
input (keep-it-local repeated ``--repeat`` times), with peak RSS of each.

keep-it-local figures are from k-fold cross-validation of the fitted weights
(``bench/tone_train.py``): each sentence is scored by weights fitted without
it. plover is evaluation-only (CC BY-SA) and was never used to fit anything.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tone_metrics import Metrics, evaluate  # noqa: E402

VADER_SCRIPT = """
import json, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
sia = SentimentIntensityAnalyzer()
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    rec = json.loads(line)
    c = sia.polarity_scores(rec["text"])["compound"]
    label = "engagement" if c >= 0.05 else "confrontation" if c <= -0.05 else "neutral"
    out.write(json.dumps({"id": rec["id"], "tone": c, "label": label}) + "\\n")
"""


def load(path: Path) -> list[dict[str, object]]:
    """Rows of one JSONL evaluation set."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def have_vader() -> bool:
    """True when the bench-only VADER dependency is importable."""
    try:
        import vaderSentiment.vaderSentiment  # noqa: F401
    except ImportError:
        return False
    return True


def vader_scores(rows: Sequence[dict[str, object]]) -> list[tuple[float, str]]:
    """VADER compound and its conventional ±0.05 label for each row."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    out: list[tuple[float, str]] = []
    for row in rows:
        c = float(sia.polarity_scores(str(row["text"]))["compound"])
        out.append((c, "engagement" if c >= 0.05 else "confrontation" if c <= -0.05 else "neutral"))
    return out


def run_timed(cmd: list[str], stdout_path: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    with stdout_path.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024.0


def speed(rows: Sequence[dict[str, object]], repeat: int) -> None:
    """Whole-process throughput of ``score --jsonl`` vs VADER on the same file."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "input.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for r in range(repeat):
                for row in rows:
                    rec = {"id": f"{row['id']}-{r}", "text": row["text"]}
                    fh.write(json.dumps(rec) + "\n")
        n = len(rows) * repeat
        ours_s, ours_mb = run_timed(
            [sys.executable, "-m", "monitor.tone.cli", "--jsonl", str(src)], Path(tmp) / "o"
        )
        lines = sum(1 for _ in (Path(tmp) / "o").open())
        print(f"\nthroughput on {n} sentences (keep-it-local x{repeat}), whole process:")
        print(f"  rhetoric-monitor score --jsonl: {ours_s:6.2f} s  {n / ours_s:8.0f} sent/s"
              f"  peak RSS {ours_mb:5.1f} MB  ({lines} output lines)")
        if not have_vader():
            print("  VADER: not installed (pip install -e '.[bench]'); no comparison")
            return
        v_s, v_mb = run_timed([sys.executable, "-c", VADER_SCRIPT, str(src)], Path(tmp) / "v")
        print(f"  VADER 3.3.2 compound:           {v_s:6.2f} s  {n / v_s:8.0f} sent/s"
              f"  peak RSS {v_mb:5.1f} MB")
        print(f"  speed-up: {v_s / ours_s:.1f}x")


def row_line(name: str, who: str, m: Metrics) -> str:
    """One markdown table row."""
    return (f"| {name} | {who} | {m.auc:.3f} | {m.macro_f1:.3f} | {m.accuracy:.3f} | "
            f"{m.spearman:.3f} | {m.n} |")


def main(argv: Sequence[str] | None = None) -> None:
    """Print the evaluation table (and the speed comparison unless --no-speed)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    tone_dir = args.shared / "eval" / "tone"
    if not tone_dir.is_dir():
        raise SystemExit(f"bench: {tone_dir} not found (pass --shared PATH)")
    from bench.tone_train import cross_validated
    from monitor.tone import build_scorer

    scorer = build_scorer()
    vader = have_vader()
    if not vader:
        print("note: vaderSentiment not installed (pip install -e '.[bench]'); "
              "VADER rows and speed comparison skipped")
    print("| set | scorer | AUC eng-vs-conf | macro-F1 | accuracy | Spearman vs ordinal | n |")
    print("|---|---|---|---|---|---|---|")
    sets = {"plover": load(tone_dir / "plover.jsonl"),
            "keep-it-local": load(tone_dir / "keep-it-local.jsonl")}
    for name, rows in sets.items():
        predict: Callable[[], list[tuple[float, str]]]
        if name == "keep-it-local":
            who = f"ours ({args.folds}-fold CV)"
            preds = cross_validated(rows, folds=args.folds)
        else:
            who = "ours"
            preds = []
            for row in rows:
                res = scorer.score(str(row["text"]))
                preds.append((res.tone, res.label))
        print(row_line(name, who, evaluate(rows, preds)))
        if vader:
            print(row_line(name, "VADER compound", evaluate(rows, vader_scores(rows))))
    if not args.no_speed:
        speed(sets["keep-it-local"], args.repeat)


if __name__ == "__main__":
    main()
