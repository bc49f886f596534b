"""``rhetoric-monitor score``: tone of one article, or of a JSONL batch.

Kept free of the daemon's heavy imports (httpx, APScheduler, trafilatura,
feedparser, sqlite-utils, pydantic) so batch scoring starts fast.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import chain, islice
from typing import TextIO, cast

import click
import orjson

from monitor.models import ToneScore
from monitor.tone import (
    DEFAULT_ALIASES,
    LexiconScorer,
    ToneScorer,
    build_scorer,
    round4,
    speaker_names,
)

_CHUNK = 2000
_WORKER_SCORER: ToneScorer | None = None
_WORKER_SPEAKER = ""
# How text that orjson refused is encoded: as the output stream would encode it.
_WORKER_ERRORS = "strict"
_SPEAKER_HELP = (
    "a speaker is a state's ISO 3166 alpha-3 code or name (KEN, Kenya, United States), "
    "or a bloc the scorer knows (European Union)"
)
# phrase → the start of its evidence object, up to its weight
_HEADS: dict[str, str] = {}


def _evidence(items: Iterable[tuple[str, float, str, str, str, str]]) -> list[dict[str, object]]:
    """The evidence items as the JSON objects of the output contract."""
    out: list[dict[str, object]] = []
    for phrase, weight, sentence, cue, speaker, target in items:
        # round4: round(weight, 4) without its decimal string (the same float).
        item: dict[str, object] = {"phrase": phrase, "weight": round4(weight), "cue": cue}
        if speaker:
            item["speaker"] = speaker
        if target:
            item["target"] = target
        item["sentence"] = sentence
        out.append(item)
    return out


def _dumps(record: dict[str, object]) -> bytes:
    """One output object as a UTF-8 JSON line (no newline).

    Why orjson: serialising the evidence was a fifth of a batch's time in the
    standard library (or in hand-assembled strings); orjson does it in C. An
    id it cannot encode (an integer beyond 64 bits) goes through ``json``.
    Why bytes: a batch writes them to the binary stream under stdout as they
    are; decoding them to text only to encode it again was 5 % of a batch.
    """
    try:
        return orjson.dumps(record)
    except orjson.JSONEncodeError:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        try:
            return text.encode("utf-8", _WORKER_ERRORS)
        except UnicodeEncodeError:
            # A lone surrogate (an id such as "\ud800" in the input): written as the
            # JSON escape it came in as, so the line stays valid and the batch goes on.
            return json.dumps(record, separators=(",", ":")).encode("ascii")


def _loads(line: str) -> object:
    """One input line parsed as ``json.loads`` would, by orjson when it can.

    Anything orjson refuses (invalid JSON, trailing data, NaN, integers beyond
    64 bits) goes through ``json.loads``, so values and error messages read
    exactly as the standard library's.
    """
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)
    if isinstance(data, dict) and isinstance(data.get("id"), float):
        # orjson reads an integer beyond 64 bits as a float, silently: read the line
        # again so such an id comes back exactly as it was sent.
        return json.loads(line)
    return data


def _error(rid: object, message: str) -> tuple[bytes, bool]:
    return _dumps({"id": rid, "error": message}), True


def score_line(
    scorer: ToneScorer, line: str, lineno: int, default_speaker: str = ""
) -> tuple[str, bool]:
    """One JSONL output line (no newline) for one input line, and whether it failed.

    A line's ``speaker`` (ISO3 code or name of who says the text) overrides
    ``default_speaker`` (``score --speaker``).

    """
    data, failed = _score_line(scorer, line, lineno, default_speaker)
    return data.decode("utf-8", _WORKER_ERRORS), failed


def _score_line(
    scorer: ToneScorer, line: str, lineno: int, default_speaker: str = ""
) -> tuple[bytes, bool]:
    """:func:`score_line` as UTF-8 bytes, as a batch writes them."""
    if not line or line.isspace():
        return _error(None, f"line {lineno}: empty line")
    try:
        record = _loads(line)
    except ValueError as exc:
        return _error(None, f"line {lineno}: not valid JSON ({exc.args[0]})")
    if not isinstance(record, dict):
        return _error(None, f"line {lineno}: expected a JSON object")
    rid = record.get("id")
    if "text" not in record:
        return _error(rid, f'line {lineno}: missing \'text\' (each line needs {{"id", "text"}})')
    text = record.get("text")
    title = record.get("title")
    speaker = record.get("speaker")
    text = "" if text is None else text
    title = "" if title is None else title
    speaker = default_speaker if speaker is None else speaker
    if not isinstance(text, str) or not isinstance(title, str) or not isinstance(speaker, str):
        return _error(rid, f"line {lineno}: 'text', 'title' and 'speaker' must be strings")
    if speaker and not speaker_names(speaker):
        return _error(rid, f"line {lineno}: unknown speaker {speaker!r} ({_SPEAKER_HELP})")
    if isinstance(scorer, LexiconScorer):
        tone, label, confidence, items, _, _ = scorer.score_parts(
            text, title=title, speaker=speaker
        )
    else:
        result = scorer.score(text, title=title, speaker=speaker)
        tone, label, confidence = result.tone, result.label, result.confidence
        items = [
            (e.phrase, e.weight, e.sentence, e.cue, e.speaker, e.target) for e in result.evidence
        ]
    record = {
        "id": rid,
        "tone": tone,
        "label": label,
        "confidence": confidence,
        "evidence": _evidence(items),
    }
    return _dumps(record), False


def _score_chunk(chunk: tuple[int, list[str]]) -> tuple[bytes, int]:
    """Score a numbered chunk of lines (in a worker, with the forked scorer) as UTF-8."""
    first, lines = chunk
    scorer = _WORKER_SCORER
    assert scorer is not None
    out: list[bytes] = []
    bad = 0
    for offset, line in enumerate(lines):
        data, failed = _score_line(scorer, line, first + offset, _WORKER_SPEAKER)
        out.append(data)
        bad += failed
    out.append(b"")
    return b"\n".join(out), bad


def _writer(out: TextIO) -> Callable[[bytes], object]:
    """How a batch writes a chunk's UTF-8 bytes to ``out``.

    Straight to the binary buffer under it where that gives the same bytes
    (a UTF-8 stream that does not translate newlines; the chunks encode what
    orjson refused with the stream's error handler), else decoded and
    written as text.
    """
    global _WORKER_ERRORS
    buffer = getattr(out, "buffer", None)
    encoding = str(getattr(out, "encoding", "") or "").lower().replace("_", "-")
    errors = getattr(out, "errors", None)
    if (
        buffer is not None
        and encoding in ("utf-8", "utf8")
        and errors in ("strict", "surrogateescape")
        and os.linesep == "\n"
    ):
        _WORKER_ERRORS = str(errors)
        out.flush()
        return cast(Callable[[bytes], object], buffer.write)
    _WORKER_ERRORS = "strict"
    return lambda data: out.write(data.decode())


def _chunks(stream: TextIO) -> Iterator[tuple[int, list[str]]]:
    lineno = 1
    while True:
        lines = list(islice(stream, _CHUNK))
        if not lines:
            return
        yield lineno, lines
        lineno += len(lines)


def run_jsonl(
    scorer: ToneScorer, stream: TextIO, out: TextIO, *, workers: int = 1, speaker: str = ""
) -> int:
    """Score every line of ``stream`` onto ``out`` in order; return how many failed.

    ``speaker``: who says each text whose line names no ``speaker`` of its own.

    With ``workers`` > 1 (0: ``auto_workers()``) and more than one chunk of
    input, chunks are scored by forked worker processes (where fork exists);
    output keeps input order.
    """
    global _WORKER_SCORER, _WORKER_SPEAKER
    _WORKER_SCORER = scorer
    _WORKER_SPEAKER = speaker
    chunks = _chunks(stream)
    head = list(islice(chunks, 2))
    bad = 0
    write = _writer(out)
    if workers == 0:
        # Decided only for a batch of several chunks: a short one never pays for it.
        workers = auto_workers() if len(head) > 1 else 1
    if workers > 1 and len(head) > 1:
        # Imported here: it costs tens of milliseconds of startup that a short
        # batch never needs.
        import multiprocessing as mp

        if "fork" in mp.get_all_start_methods():
            with mp.get_context("fork").Pool(workers) as pool:
                for data, failed in pool.imap(_score_chunk, chain(head, chunks)):
                    write(data)
                    bad += failed
            return bad
    for chunk in chain(head, chunks):
        data, failed = _score_chunk(chunk)
        write(data)
        bad += failed
    return bad


def auto_workers() -> int:
    """Worker processes for a batch: the CPUs idle right now, 1 to 4.

    Why load-aware: forking workers onto CPUs that other processes keep busy
    makes a batch slower, not faster. Where ``/proc/stat`` exists the idle
    CPUs are measured over 50 ms; the load average lags by a minute, so right
    after other work it would still count CPUs that have gone idle as busy.
    """
    cpus = os.cpu_count() or 1
    busy = _busy_cpus(cpus)
    if busy is None:
        try:
            busy = os.getloadavg()[0]
        except OSError:
            busy = 0.0
    return max(1, min(4, cpus, int(cpus - busy + 0.5)))


def _busy_cpus(cpus: int, sample_s: float = 0.05) -> float | None:
    """CPUs in use over the next ``sample_s`` (from ``/proc/stat``); None where unknown."""

    def times() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [int(v) for v in fh.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
        return sum(fields), idle

    try:
        total0, idle0 = times()
        time.sleep(sample_s)
        total1, idle1 = times()
    except (OSError, ValueError, IndexError):
        return None
    total = total1 - total0
    if total <= 0:
        return None
    return cpus * (1.0 - (idle1 - idle0) / total)


def _sign(value: float) -> str:
    return f"{value:+.2f}"


# Cues that read a sentence's structure, most telling first.
_STRUCTURE = (
    "demand-on", "breach", "complicity", "backfire", "against", "contrast-self", "hypocrisy",
    "concern", "rhetorical",
    "negated", "reversed", "formula", "narration", "thematic", "chronicle", "own-voice",
    "mixed", "untargeted",
)  # fmt: skip


def deciding(result: ToneScore) -> str:
    """One line naming the cue that decided the score and the party it is aimed at.

    The deciding term is the evidence item of the tone's sign with the largest
    weight, or one read by a structural cue (demand-on, breach ...) that weighs
    at least half as much; its cue is the most telling structural cue on it,
    else its first cue, else "act" (the term itself, unframed).
    """
    sign = 1.0 if result.tone >= 0 else -1.0
    same = [ev for ev in result.evidence if ev.weight * sign > 0] or list(result.evidence)
    top = max(same, key=lambda ev: abs(ev.weight))
    framed = [ev for ev in same if any(c in _STRUCTURE for c in ev.cue.split(","))]
    if framed:
        best = max(framed, key=lambda ev: abs(ev.weight))
        if abs(best.weight) >= 0.5 * abs(top.weight):
            top = best
    cues = top.cue.split(",") if top.cue else []
    cue = next((c for c in _STRUCTURE if c in cues), cues[0] if cues else "act")
    aimed = f", aimed at {top.target}" if top.target else ""
    said = f", said by {top.speaker}" if top.speaker else ""
    return f"decided by: {cue} ({top.phrase} {_sign(top.weight)}){aimed}{said}"


def render(result: ToneScore, *, actors: list[str], explain: bool, prior: float = 0.6) -> str:
    """Human-readable report of one article's score."""
    about = f", {result.relevant_sentences} about {' / '.join(actors)}" if actors else ""
    lines = [
        f"tone {_sign(result.tone)}  {result.label}  (confidence {result.confidence:.2f})",
        f"sentences scored: {result.sentences}{about}",
    ]
    shown = result.evidence if explain else result.evidence[:5]
    if not shown:
        lines.append("no engagement or confrontation terms found")
    else:
        lines.append("terms that moved the score:" if explain else "top evidence:")
    for ev in shown:
        cue = f" [{ev.cue}]" if ev.cue else ""
        who = ""
        if ev.target:
            who += f"  at {ev.target}"
        if ev.speaker:
            who += f"  (said by {ev.speaker})"
        lines.append(f"  {_sign(ev.weight)}  {ev.phrase}{cue}{who}")
        if explain:
            lines.append(f"         in: {ev.sentence}")
    if explain and result.evidence:
        said = {ev.sentence for ev in result.evidence}
        if len(said) == 1 and not actors:
            net = sum(ev.weight for ev in result.evidence)
            gross = sum(abs(ev.weight) for ev in result.evidence)
            formula = (
                f"tone = net / (gross + prior) = {net:+.2f} / ({gross:.2f} + {prior:.2f})"
                f" = {_sign(result.tone)}; the prior keeps thin evidence near 0."
            )
        else:
            formula = (
                f"tone {_sign(result.tone)}: each sentence leans net / gross and is as sure "
                f"as gross / (gross + prior), prior {prior:.2f}; the article's lean is their "
                "leans averaged by certainty (and by relevance to the actors), times the "
                "certainty of all of them together (each sentence that says something adds to it)."
            )
        lines += [
            deciding(result),
            formula,
            "cues: negated/reversed flip a term; hedged, requested, contrast, past, "
            "reported, circumstance, object and background shrink it; subject (a relation "
            "that is what the sentence speaks of) and condition (a good named in a "
            "warning's condition) weigh nothing; actor-focus "
            "down-weights sentences not about the actors. Structure: demand-on (a "
            "redress asked of a party), breach, complicity, backfire, against, contrast-self, "
            "hypocrisy, concern, rhetorical turn cooperative words against a party; formula, "
            "narration, thematic, chronicle, procedure, untargeted and mixed discount what is "
            "not a "
            "stance toward a party; own-voice (the speaker about itself, to no party) counts "
            "little as "
            "evidence of a stance; thanked (thanks to a named party) is one by itself.",
        ]
    return "\n".join(lines)


@click.command("score")
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option(
    "--jsonl", is_flag=True, help='One {"id","text","title"?,"speaker"?} object per line.'
)
@click.option("--actors", default="", help="Comma-separated actors, e.g. 'United States,China'.")
@click.option("--explain", is_flag=True, help="Show every term that fired, its cue and weight.")
@click.option(
    "--speaker",
    default="",
    help="Who says the text: a state's ISO3 code or name (KEN, Kenya). Its own name in the "
    "text is then self-description. In --jsonl, a line's 'speaker' overrides it.",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=0,
    help="Processes for --jsonl batches (0 = one per idle CPU, at most 4; 1 = none).",
)
def score(
    file: TextIO, jsonl: bool, actors: str, explain: bool, speaker: str, workers: int
) -> None:
    """Score FILE (or stdin) for engagement (+1) vs confrontation (-1).

    With --jsonl, each input line gets exactly one output line
    {"id","tone","label","confidence","evidence"}, in order; a malformed line
    gets {"id","error"} instead and the batch carries on (exit status 0, a
    count on stderr).
    """
    names = [a.strip() for a in actors.split(",") if a.strip()]
    known = {n.casefold() for k, v in DEFAULT_ALIASES.items() for n in (k, *v)}
    unknown = [n for n in names if n.casefold() not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown actor(s) {', '.join(map(repr, unknown))}: --actors takes the countries "
            f"and blocs of the built-in table ({', '.join(DEFAULT_ALIASES)}); a watch in the "
            "config can name any actor, with its aliases",
            param_hint="--actors",
        )
    speaker = speaker.strip()
    if speaker and not speaker_names(speaker):
        raise click.BadParameter(
            f"unknown speaker {speaker!r}: {_SPEAKER_HELP}", param_hint="--speaker"
        )
    scorer = build_scorer(actors=names)
    if jsonl:
        bad = run_jsonl(scorer, file, sys.stdout, workers=workers, speaker=speaker)
        if bad:
            click.echo(f"score: {bad} line(s) could not be scored (see 'error')", err=True)
        return
    prior = 0.6
    if isinstance(scorer, LexiconScorer):
        prior = scorer.params.prior
        if explain:
            # Why: --explain lists every term, so its sum matches the tone.
            scorer.params = replace(scorer.params, max_evidence=1_000_000)
    result = scorer.score(file.read(), speaker=speaker)
    click.echo(render(result, actors=names, explain=explain, prior=prior))


if __name__ == "__main__":
    score()
