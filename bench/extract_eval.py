"""Extraction benchmark: our ``extract_main_text`` on the ScrapingHub article set.

Metric (as described in ../shared/README.md): text → ``\\w+`` tokens → 4-token
shingles counted as multisets; per document TP/FP/FN normalised to sum 1;
precision and recall averaged over documents; F1 is the harmonic mean of the
two averages. A page we cannot extract counts as an empty prediction.

Usage::

    python bench/extract_eval.py [--shared ../shared] [--published NAME ...]

``--published trafilatura`` also scores a published extractor's stored output
with the same code, as a check that the metric matches the reference figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles of ``text``."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def doc_scores(truth: str, pred: str) -> tuple[float, float]:
    """Precision and recall of one document (normalised TP/FP/FN)."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    if total == 0:  # both empty: nothing to find and nothing wrong
        return 1.0, 1.0
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    precision = tp_n / (tp_n + fp_n) if tp_n + fp_n else 0.0
    recall = tp_n / (tp_n + fn_n) if tp_n + fn_n else 0.0
    return precision, recall


def evaluate(truth: Mapping[str, str], predict: Callable[[str], str]) -> dict[str, float]:
    """Average precision/recall over documents and the F1 of those averages."""
    precisions: list[float] = []
    recalls: list[float] = []
    for doc_id, gold in truth.items():
        p, r = doc_scores(gold, predict(doc_id))
        precisions.append(p)
        recalls.append(r)
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "n": float(len(truth))}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per extractor."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared"
    ap.add_argument("--shared", type=Path, default=default)
    ap.add_argument("--published", nargs="*", default=[])
    args = ap.parse_args(argv)
    root: Path = args.shared / "eval" / "extraction"
    if not root.is_dir():
        print(f"extract_eval: {root} not found (pass --shared)", file=sys.stderr)
        return 2
    gt = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {k: v["articleBody"] for k, v in gt.items()}
    urls = {k: v.get("url") for k, v in gt.items()}

    from monitor.errors import ExtractError
    from monitor.parse import extract_main_text, strip_boilerplate

    def ours(doc_id: str) -> str:
        html = gzip.decompress((root / "html" / f"{doc_id}.html.gz").read_bytes())
        try:
            return extract_main_text(html, url=urls.get(doc_id))
        except ExtractError:
            return ""

    texts: dict[str, str] = {}

    def timed(doc_id: str) -> str:
        texts[doc_id] = ours(doc_id)
        return texts[doc_id]

    start = time.perf_counter()
    result = evaluate(truth, timed)
    elapsed = time.perf_counter() - start
    print(
        f"ours (extract_main_text): F1 {result['f1']:.3f}  precision {result['precision']:.3f}  "
        f"recall {result['recall']:.3f}  docs {int(result['n'])}  time {elapsed:.2f} s"
    )
    stripped = evaluate(truth, lambda d: strip_boilerplate(texts[d]))
    print(
        f"ours + strip_boilerplate: F1 {stripped['f1']:.3f}  "
        f"precision {stripped['precision']:.3f}  recall {stripped['recall']:.3f}"
    )
    for name in args.published:
        stored = json.loads((root / "output" / f"{name}.json").read_text(encoding="utf-8"))
        records: dict[str, dict[str, str]] = stored.get("output", stored)  # {"output": {id: ...}}

        def published(doc_id: str, records: dict[str, dict[str, str]] = records) -> str:
            return (records.get(doc_id) or {}).get("articleBody") or ""

        res = evaluate(truth, published)
        print(
            f"published {name}: F1 {res['f1']:.3f}  precision {res['precision']:.3f}  "
            f"recall {res['recall']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
