"""``rhetoric-monitor score``: tone of one article, or of a JSONL batch.

Kept free of the daemon's heavy imports (httpx, APScheduler, trafilatura,
feedparser, sqlite-utils, pydantic) so batch scoring starts fast.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click

from monitor.models import Evidence, ToneScore
from monitor.tone import ToneScorer, build_scorer


def _evidence_json(ev: Evidence) -> dict[str, Any]:
    return {"phrase": ev.phrase, "weight": ev.weight, "cue": ev.cue, "sentence": ev.sentence}


def score_record(scorer: ToneScorer, line: str, lineno: int) -> dict[str, Any]:
    """The output object for one JSONL input line (an ``error`` field when it is bad)."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        return {"id": None, "error": f"line {lineno}: not valid JSON ({exc.args[0]})"}
    if not isinstance(record, dict):
        return {"id": None, "error": f"line {lineno}: expected a JSON object"}
    rid = record.get("id")
    text = record.get("text")
    title = record.get("title")
    if text is None:
        text = ""
    if title is None:
        title = ""
    if not isinstance(text, str) or not isinstance(title, str):
        return {"id": rid, "error": f"line {lineno}: 'text' and 'title' must be strings"}
    result = scorer.score(text, title=title)
    return {
        "id": rid,
        "tone": result.tone,
        "label": result.label,
        "confidence": result.confidence,
        "evidence": [_evidence_json(ev) for ev in result.evidence],
    }


def _run_jsonl(scorer: ToneScorer, stream: TextIO, out: TextIO) -> int:
    bad = 0
    dumps = json.dumps
    write = out.write
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            obj: dict[str, Any] = {"id": None, "error": f"line {lineno}: empty line"}
        else:
            obj = score_record(scorer, line, lineno)
        bad += "error" in obj
        write(dumps(obj, ensure_ascii=False))
        write("\n")
    return bad


def _sign(value: float) -> str:
    return f"{value:+.2f}"


def render(result: ToneScore, *, actors: list[str], explain: bool) -> str:
    """Human-readable report of one article's score."""
    lines = [
        f"tone {_sign(result.tone)}  {result.label}  (confidence {result.confidence:.2f})",
        f"sentences scored: {result.sentences}"
        + (
            f", {result.relevant_sentences} about {' / '.join(actors)}"
            if actors
            else ""
        ),
    ]
    shown = result.evidence if explain else result.evidence[:5]
    if not shown:
        lines.append("no engagement or confrontation terms found")
    else:
        lines.append("terms that moved the score:" if explain else "top evidence:")
    for ev in shown:
        cue = f" [{ev.cue}]" if ev.cue else ""
        lines.append(f"  {_sign(ev.weight)}  {ev.phrase}{cue}")
        if explain:
            lines.append(f"         in: {ev.sentence}")
    if explain and result.evidence:
        net = sum(ev.weight for ev in result.evidence)
        gross = sum(abs(ev.weight) for ev in result.evidence)
        lines.append(
            f"net {_sign(net)} over gross {gross:.2f} (listed terms; a prior keeps thin "
            "evidence near 0) gives the tone; cues scale a term: negated/reversed flip it, "
            "hedged, contrast, past and reported shrink it, actor-focus down-weights "
            "sentences not about the actors"
        )
    return "\n".join(lines)


@click.command("score")
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option("--jsonl", is_flag=True, help='One {"id","text","title"?} object per line.')
@click.option("--actors", default="", help="Comma-separated actors, e.g. 'United States,China'.")
@click.option("--explain", is_flag=True, help="Show every term that fired, its cue and weight.")
def score(file: TextIO, jsonl: bool, actors: str, explain: bool) -> None:
    """Score FILE (or stdin) for engagement (+1) vs confrontation (-1).

    With --jsonl, each input line gets exactly one output line
    {"id","tone","label","confidence","evidence"}, in order; a malformed line
    gets {"id", "error"} instead and the batch carries on (exit status 0, a
    count on stderr).
    """
    names = [a.strip() for a in actors.split(",") if a.strip()]
    scorer = build_scorer(actors=names)
    if jsonl:
        bad = _run_jsonl(scorer, file, sys.stdout)
        if bad:
            click.echo(f"score: {bad} line(s) could not be scored (see 'error')", err=True)
        return
    result = scorer.score(file.read())
    click.echo(render(result, actors=names, explain=explain))


if __name__ == "__main__":
    score()
