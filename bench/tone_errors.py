"""Print the scorer's worst mistakes on the readable four-fifths of ungd-dev.

Usage (from the repository root)::

    python bench/tone_errors.py [--label neutral] [--top 30]

Rows of the held-out fifth (``bench.tone_eval.held_out``) are never printed:
they stay unread so that their figure remains an honest estimate.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tone_eval import load, split_ungd  # noqa: E402
from monitor.tone import build_scorer  # noqa: E402

# How far each label's rows sit from where they belong: engagement wants a
# high tone, confrontation a low one, neutral zero.
_MISS = {
    "engagement": lambda t: 1.0 - t,
    "confrontation": lambda t: 1.0 + t,
    "neutral": abs,
}


def main(argv: Sequence[str] | None = None) -> None:
    """List the dev rows of one label (or all) that the scorer places worst."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--label", choices=sorted(_MISS), default=None)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)
    dev, _ = split_ungd(load(args.shared / "eval" / "tone" / "ungd-dev.jsonl"))
    scorer = build_scorer()
    scored = []
    for row in dev:
        label = str(row["label"])
        if args.label and label != args.label:
            continue
        res = scorer.score(str(row["text"]))
        scored.append((_MISS[label](res.tone), res, row))
    scored.sort(key=lambda item: -item[0])
    for _, res, row in scored[: max(0, args.top)]:
        terms = ", ".join(
            f"{e.phrase}{'[' + e.cue + ']' if e.cue else ''} {e.weight:+.2f}" for e in res.evidence
        )
        print(
            f"{row['id']} gold={row['label']} target={row['target']!r} "
            f"-> {res.tone:+.2f} {res.label}"
        )
        print(f"   {row['text']}")
        print(f"   {terms}")


if __name__ == "__main__":
    main()
