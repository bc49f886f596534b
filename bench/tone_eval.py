"""Evaluate the tone scorer on ../shared/eval/tone and time it against VADER.

Usage (from the repository root)::

    python bench/tone_eval.py                # accuracy on both sets + speed
    python bench/tone_eval.py --no-speed     # accuracy only
    python bench/tone_eval.py --no-speed --dev-only  # without the held-out fifth of ungd-dev
    python bench/tone_eval.py --shared PATH  # data folder elsewhere
    python bench/tone_eval.py --no-speed --instructions 3000  # + valgrind counts

Prints, per set: AUC (engagement vs confrontation), macro-F1 over the set's
labels, accuracy, Spearman against ``ordinal``; for ungd-dev also the
confrontation-vs-rest and engagement-vs-rest AUCs, on all rows, on the readable
four-fifths and on the held-out fifth (``--dev-only`` omits it), each twice: from
the text alone, and with the row's ``speaker`` (ISO3 code of the government
speaking) passed as the scorer's speaker hint; then whole-process throughput
of ``python -m monitor.cli.score --jsonl`` (saying whether the scorer runs compiled),
of a no-op JSONL pass-through and of a VADER script on the same
input (keep-it-local repeated ``--repeat`` times), with peak RSS of each.

keep-it-local figures are from k-fold cross-validation of the fitted weights
(``bench/tone_train.py``): each sentence is scored by weights fitted without
it. plover is evaluation-only (CC BY-SA) and was never used to fit anything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tone_metrics import Metrics, StanceMetrics, evaluate, evaluate_stance  # noqa: E402

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
# The floor issue 14 measures against: read each line, parse it, write it back.
NOOP_SCRIPT = """
import sys, orjson
out = sys.stdout.buffer
for line in open(sys.argv[1], "rb"):
    out.write(orjson.dumps(orjson.loads(line)) + b"\\n")
"""


def load(path: Path) -> list[dict[str, object]]:
    """Rows of one JSONL evaluation set."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def held_out(row_id: object) -> bool:
    """True for the fixed fifth of ``ungd-dev`` kept out of all tuning and error reading.

    Decided by a hash of the row id, so the split never depends on row order
    or on this program's random state.
    """
    digest = hashlib.sha256(str(row_id).encode("utf-8")).digest()
    return digest[0] % 5 == 0


def split_ungd(rows: Sequence[dict[str, object]]) -> tuple[list[dict[str, object]], ...]:
    """``(dev, held)``: the four-fifths that may be read, and the held-out fifth."""
    dev = [r for r in rows if not held_out(r["id"])]
    held = [r for r in rows if held_out(r["id"])]
    return dev, held


def stance_line(name: str, who: str, m: StanceMetrics) -> str:
    """One markdown row of the stance table."""
    return (
        f"| {name} | {who} | {m.eng_vs_conf:.3f} | {m.conf_vs_rest:.3f} | "
        f"{m.eng_vs_rest:.3f} | {m.macro_f1:.3f} | {m.accuracy:.3f} | {m.n} |"
    )


def ungd_report(rows: Sequence[dict[str, object]], vader: bool, *, show_held: bool = True) -> None:
    """The ungd-dev table: all rows, the readable four-fifths and the held-out fifth.

    Nothing is fitted on ungd-dev (the rules are hand-written), so every row is
    scored by the shipped scorer; the held-out fifth was never read while
    writing them, and is the honest estimate.
    """
    from monitor.tone import build_scorer

    scorer = build_scorer()
    # Two readings: the text alone, and with the row's ``speaker`` (the ISO3
    # code of the government speaking) passed as the speaker hint, as a feed
    # whose speaker is known would pass it.
    plain: dict[object, tuple[float, str]] = {}
    hinted: dict[object, tuple[float, str]] = {}
    for row in rows:
        res = scorer.score(str(row["text"]))
        plain[row["id"]] = (res.tone, res.label)
        res = scorer.score(str(row["text"]), speaker=str(row.get("speaker") or ""))
        hinted[row["id"]] = (res.tone, res.label)
    vs = dict(zip((r["id"] for r in rows), vader_scores(rows), strict=True)) if vader else {}
    dev, held = split_ungd(rows)
    print(
        "\n| set | scorer | AUC eng-vs-conf | AUC conf-vs-rest | AUC eng-vs-rest | macro-F1 "
        "| accuracy | n |"
    )
    print("|---|---|---|---|---|---|---|---|")
    # Why "all" only with the held-out fifth: its figure moves when a held-out row
    # moves, so printing it would show the held-out rows after all.
    parts = [("ungd-dev (dev 4/5)", dev)]
    if show_held:
        parts = [("ungd-dev (all)", list(rows)), *parts, ("ungd-dev (held-out 1/5)", held)]
    for name, part in parts:
        for who, preds in (("ours, text only", plain), ("ours + speaker hint", hinted)):
            ours = evaluate_stance(part, [preds[r["id"]] for r in part])
            print(stance_line(name, who, ours))
        if vader:
            print(
                stance_line(
                    name, "VADER compound", evaluate_stance(part, [vs[r["id"]] for r in part])
                )
            )


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


def bytecode_env(cache: Path) -> dict[str, str]:
    """The environment of a timed command: bytecode cached in ``cache``.

    Why: an installed package runs from compiled bytecode, and VADER's does
    (pip compiled it). Where the caller's environment sets
    ``PYTHONDONTWRITEBYTECODE`` (as this workplace's does), our editable
    install would otherwise compile every module of ours again at each start,
    about 0.1 s that no user pays twice. The first round fills the cache.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def run_timed(
    cmd: list[str], stdout_path: Path, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (with its children) and peak RSS (MB) of one process."""
    with stdout_path.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, cwd=ROOT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} exited {code}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def speed(rows: Sequence[dict[str, object]], repeat: int, rounds: int) -> None:
    """Whole-process throughput of ``score --jsonl`` vs VADER on the same file.

    The commands run in turn ``rounds`` times and each keeps its best round,
    so a burst of load from other processes does not decide the ratio.
    """
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "input.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for r in range(repeat):
                for row in rows:
                    rec = {"id": f"{row['id']}-{r}", "text": row["text"]}
                    fh.write(json.dumps(rec) + "\n")
        n = len(rows) * repeat
        runs: list[tuple[str, list[str]]] = [
            ("score --jsonl --workers 1", ["-m", "monitor.cli.score", "--jsonl", "--workers", "1"]),
            ("score --jsonl (default workers)", ["-m", "monitor.cli.score", "--jsonl"]),
        ]
        runs.append(("no-op JSONL pass-through", ["-c", NOOP_SCRIPT]))
        if have_vader():
            runs.append(("VADER 3.3.2 compound", ["-c", VADER_SCRIPT]))
        else:
            print("VADER not installed (pip install -e '.[bench]'): no speed comparison")
        results: dict[str, tuple[float, float, float]] = {}
        env = bytecode_env(Path(tmp) / "pycache")
        for _, args in runs:
            # Fills the bytecode cache; not timed.
            run_timed([sys.executable, *args, os.devnull], Path(tmp) / "warm.jsonl", env)
        for _ in range(rounds):
            for name, args in runs:
                out = Path(tmp) / "out.jsonl"
                wall, cpu, rss = run_timed([sys.executable, *args, str(src)], out, env)
                with out.open(encoding="utf-8") as fh:
                    lines = sum(1 for _ in fh)
                if lines != n:
                    raise SystemExit(f"bench: {name} wrote {lines} lines for {n} inputs")
                best = results.get(name, (wall, cpu, rss))
                results[name] = (min(wall, best[0]), min(cpu, best[1]), max(rss, best[2]))
        print(
            f"\nthroughput on {n} sentences (keep-it-local x{repeat}), whole process, best of "
            f"{rounds} alternating rounds, {os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.1f}, scorer build: {scorer_build()}:"
        )
        print(
            "| command | wall s | sentences/s | CPU s | peak RSS MB | vs VADER (wall) "
            "| vs VADER (CPU) | x no-op (wall) |"
        )
        print("|---|---|---|---|---|---|---|---|")
        vader = results.get("VADER 3.3.2 compound")
        noop = results["no-op JSONL pass-through"]
        for name, (wall, cpu, rss) in results.items():
            ratio_wall = f"{vader[0] / wall:.2f}x" if vader else "-"
            ratio_cpu = f"{vader[1] / cpu:.2f}x" if vader else "-"
            print(
                f"| {name} | {wall:.2f} | {n / wall:,.0f} | {cpu:.2f} | {rss:.0f} | "
                f"{ratio_wall} | {ratio_cpu} | {wall / noop[0]:.1f}x |"
            )


def scorer_build() -> str:
    """Which tone scorer ``python -m monitor.cli.score`` runs here (compiled or sources)."""
    done = subprocess.run(
        [sys.executable, "-c", "from monitor.tone import build_kind; print(build_kind())"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def instructions(rows: Sequence[dict[str, object]], sample: int) -> None:
    """Per-sentence CPU instructions (valgrind callgrind) of ours vs VADER.

    Instruction counts do not depend on what else the machine is running, so
    this ratio is stable where wall-clock ratios on a shared machine are not.
    Each command runs on ``sample`` sentences and on an empty file; the
    difference divided by ``sample`` is the per-sentence cost, the empty run
    is the start-up cost.
    """
    if shutil.which("valgrind") is None:
        print("\nvalgrind not found: no instruction counts")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src, empty = Path(tmp) / "sample.jsonl", Path(tmp) / "empty.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for row in rows[:sample]:
                fh.write(json.dumps({"id": row["id"], "text": row["text"]}) + "\n")
        empty.write_text("")
        runs = [
            ("score --jsonl --workers 1", ["-m", "monitor.cli.score", "--jsonl", "--workers", "1"])
        ]
        if have_vader():
            runs.append(("VADER 3.3.2 compound", ["-c", VADER_SCRIPT]))
        counts: dict[str, tuple[float, float]] = {}
        env = bytecode_env(Path(tmp) / "pycache")
        for name, args in runs:
            run_timed([sys.executable, *args, str(empty)], Path(tmp) / "warm.jsonl", env)
            full, base = (
                _callgrind([sys.executable, *args, str(path)], env) for path in (src, empty)
            )
            counts[name] = ((full - base) / sample, base)
        print(f"\ninstructions (valgrind callgrind, {sample} sentences):")
        print("| command | per sentence | start-up | whole process, 59,790 sentences |")
        print("|---|---|---|---|")
        for name, (per, base) in counts.items():
            total = base + per * 59_790
            print(f"| {name} | {per / 1e3:,.0f} k | {base / 1e6:,.0f} M | {total / 1e9:.1f} G |")
        if len(counts) == 2:
            (ours, ob), (vader, vb) = counts.values()
            ratio = (vb + vader * 59_790) / (ob + ours * 59_790)
            print(f"VADER / ours, whole process: {ratio:.2f}x")


def _callgrind(cmd: list[str], env: dict[str, str]) -> float:
    """Instructions executed by ``cmd`` under valgrind's callgrind tool."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise SystemExit("bench: no instruction count in valgrind output")
    return float(match.group(1))


def row_line(name: str, who: str, m: Metrics) -> str:
    """One markdown table row."""
    return (
        f"| {name} | {who} | {m.auc:.3f} | {m.macro_f1:.3f} | {m.accuracy:.3f} | "
        f"{m.spearman:.3f} | {m.n} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print the evaluation table (and the speed comparison unless --no-speed)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3, help="alternating speed rounds")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument(
        "--dev-only",
        action="store_true",
        help="omit the held-out fifth of ungd-dev (while working on the scorer)",
    )
    ap.add_argument(
        "--instructions",
        type=int,
        default=0,
        metavar="N",
        help="also count CPU instructions on N sentences with valgrind (slow)",
    )
    args = ap.parse_args(argv)
    tone_dir = args.shared / "eval" / "tone"
    if not tone_dir.is_dir():
        raise SystemExit(f"bench: {tone_dir} not found (pass --shared PATH)")
    from bench.tone_train import cross_validated
    from monitor.tone import build_scorer

    scorer = build_scorer()
    vader = have_vader()
    if not vader:
        print(
            "note: vaderSentiment not installed (pip install -e '.[bench]'); "
            "VADER rows and speed comparison skipped"
        )
    print("| set | scorer | AUC eng-vs-conf | macro-F1 | accuracy | Spearman vs ordinal | n |")
    print("|---|---|---|---|---|---|---|")
    sets = {
        "plover": load(tone_dir / "plover.jsonl"),
        "keep-it-local": load(tone_dir / "keep-it-local.jsonl"),
    }
    for name, rows in sets.items():
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
    ungd = tone_dir / "ungd-dev.jsonl"
    if ungd.is_file():
        ungd_report(load(ungd), vader, show_held=not args.dev_only)
    else:
        print(f"\n{ungd} not found: no ungd-dev figures")
    if not args.no_speed:
        speed(sets["keep-it-local"], args.repeat, args.rounds)
    if args.instructions:
        instructions(sets["keep-it-local"], args.instructions)


if __name__ == "__main__":
    main()
