"""``score`` command: the JSONL contract, error lines, human output and a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli.score import _busy_cpus, auto_workers, score
from monitor.tone import build_scorer

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], stdin: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of the command run in-process."""
    result = CliRunner().invoke(score, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_one_line_out_per_line_in() -> None:
    """Every input line yields one output object, in order, with the contract's fields."""
    lines = [
        {"id": "a", "text": "The two ministers signed a border agreement."},
        {"id": 7, "text": ""},
        {"id": "c", "text": "", "title": "Army shells rebel town"},
        {"id": "d", "text": "Troops opened fire on protesters.", "title": None},
    ]
    code, out, _ = run(["--jsonl"], "".join(json.dumps(x) + "\n" for x in lines))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", 7, "c", "d"]
    for row in rows:
        assert set(row) == {"id", "tone", "label", "confidence", "evidence"}
        assert -1.0 <= row["tone"] <= 1.0
        assert row["label"] in {"engagement", "confrontation", "neutral"}
    assert rows[0]["label"] == "engagement"
    assert rows[1]["label"] == "neutral" and rows[1]["evidence"] == []
    assert rows[2]["tone"] < 0
    assert {"phrase", "weight", "cue", "sentence"} <= set(rows[3]["evidence"][0])


def test_jsonl_bad_lines_become_error_lines() -> None:
    """Malformed, blank and mistyped lines get an 'error' line; the batch carries on."""
    stdin = "\n".join(
        [
            '{"id": "ok", "text": "Leaders praised the ceasefire."}',
            "{not json",
            "",
            '["a", "list"]',
            '{"id": "n", "text": 42}',
            '{"id": "last", "text": "Police arrested the organisers."}',
        ]
    )
    code, out, err = run(["--jsonl"], stdin + "\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(rows) == 6
    assert [("error" in r) for r in rows] == [False, True, True, True, True, False]
    assert rows[1]["error"].startswith("line 2:")
    assert rows[4]["id"] == "n"
    assert rows[5]["id"] == "last" and rows[5]["tone"] < 0
    assert "4 line(s)" in err


def test_jsonl_lines_parse_exactly_as_json_loads() -> None:
    """Surrounding space is allowed, trailing data is an error, as with ``json.loads``."""
    lines = [
        '  {"id": "sp", "text": "Talks with Iran resumed."}  ',
        '{"id": "tail", "text": "Talks with Iran resumed."} {"id": 2}',
        '{"id": "cut", "text": "Talks',
        '{"id": 7, "text": "Talks with Iran resumed.", "title": null}',
    ]
    code, out, err = run(["--jsonl", "--workers", "1"], "\n".join(lines) + "\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and "2 line(s)" in err
    assert rows[0]["id"] == "sp" and rows[0]["label"] == "engagement"
    for row, line, lineno in ((rows[1], lines[1], 2), (rows[2], lines[2], 3)):
        with pytest.raises(ValueError) as exc:
            json.loads(line + "\n")  # as read from the stream
        assert row["error"] == f"line {lineno}: not valid JSON ({exc.value.args[0]})"
    assert rows[3]["id"] == 7 and rows[3]["tone"] > 0


def test_jsonl_ids_come_back_exactly_as_sent() -> None:
    """An integer id beyond 64 bits comes back as that integer (not a float), and an id
    holding a lone surrogate comes back as its JSON escape; the batch goes on."""
    big = 123456789012345678901234567890
    stdin = (
        json.dumps({"id": big, "text": "Talks with Iran resumed."})
        + "\n"
        + '{"id": "\\ud800", "text": "Talks with Iran resumed."}\n'
        + json.dumps({"id": 1.5, "text": "Talks with Iran resumed."})
        + "\n"
    )
    code, out, _ = run(["--jsonl", "--workers", "1"], stdin)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 3
    assert rows[0]["id"] == big and isinstance(rows[0]["id"], int)
    assert rows[1]["id"] == "\ud800" and rows[1]["label"] == "engagement"
    assert rows[2]["id"] == 1.5


def test_human_output_and_explain() -> None:
    """Plain mode prints tone and label; --explain lists terms, cues and the arithmetic."""
    text = "Beijing did not threaten Washington. Both sides agreed to resume talks."
    code, out, _ = run(["--actors", "United States,China"], text)
    assert code == 0
    assert "engagement" in out.splitlines()[0]
    assert "about United States / China" in out
    code, out, _ = run(["--explain"], text)
    assert code == 0
    assert "[negated]" in out
    assert "each sentence leans net / gross" in out
    assert "in: Beijing did not threaten Washington." in out
    code, out, _ = run(["--explain"], "Beijing did not threaten Washington.")
    assert code == 0
    assert "tone = net / (gross + prior)" in out


def test_seed_article_cli(shared_dir: Path) -> None:
    """The motivating article reads as engagement from the command line."""
    seed = shared_dir / "seed" / "us-china-renewal.txt"
    code, out, _ = run([str(seed), "--actors", "United States,China"], "")
    assert code == 0
    assert out.startswith("tone +")
    assert "engagement" in out.splitlines()[0]


def _process(args: list[str], stdin: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli.score", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout


def test_subprocess_workers_keep_order() -> None:
    """A real process with worker processes gives the same lines, in order, as one process."""
    texts = [
        "The envoys met and agreed on a prisoner exchange.",
        "Artillery pounded the city and soldiers seized the port.",
        "The committee will publish its report next week.",
    ]
    stdin = "".join(json.dumps({"id": f"r{i}", "text": texts[i % 3]}) + "\n" for i in range(4500))
    single = _process(["--jsonl", "--workers", "1"], stdin)
    pooled = _process(["--jsonl", "--workers", "2"], stdin)
    assert pooled == single
    ids = [json.loads(line)["id"] for line in pooled.splitlines()]
    assert ids == [f"r{i}" for i in range(4500)]


def test_default_workers_follow_the_cpus_idle_now() -> None:
    """The default batch uses the CPUs measured idle now (1 to 4): on Linux a 50 ms
    sample of /proc/stat, not the minute-long load average, which still counts CPUs
    that finished other work moments ago; a batch with the default matches one process."""
    cpus = os.cpu_count() or 1
    if Path("/proc/stat").exists():
        busy = _busy_cpus(cpus)
        assert busy is not None and -0.01 <= busy <= cpus + 0.01
    assert 1 <= auto_workers() <= min(4, cpus)
    stdin = "".join(
        json.dumps({"id": f"r{i}", "text": "Talks resumed."}) + "\n" for i in range(4100)
    )
    assert _process(["--jsonl"], stdin) == _process(["--jsonl", "--workers", "1"], stdin)


def test_jsonl_matches_library_score() -> None:
    """The batch fast path reports exactly what ToneScorer.score returns."""
    text = (
        "The envoy praised the truce. Militias later shelled the airport, "
        "and officials could impose a curfew."
    )
    code, out, _ = run(["--jsonl"], json.dumps({"id": "x", "text": text}) + "\n")
    row = json.loads(out)
    expected = build_scorer().score(text)
    assert code == 0
    assert row["tone"] == expected.tone
    assert row["label"] == expected.label
    assert row["confidence"] == expected.confidence
    assert [e["phrase"] for e in row["evidence"]] == [e.phrase for e in expected.evidence]
    assert [e["cue"] for e in row["evidence"]] == [e.cue for e in expected.evidence]


def test_speaker_option_and_jsonl_field() -> None:
    """--speaker applies to every line; a line's own 'speaker' overrides it; unknown ones fail."""
    text = "Dialogue and cooperation have brought lasting peace and progress to Kenya."
    lines = [
        {"id": "plain", "text": text},
        {"id": "own", "text": text, "speaker": "KEN"},
        {"id": "other", "text": text, "speaker": "Uganda"},
        {"id": "bad", "text": text, "speaker": "Atlantis"},
        {"id": "typed", "text": text, "speaker": 404},
    ]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    code, out, err = run(["--jsonl"], stdin)
    assert code == 0
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert rows["plain"]["label"] == "engagement"
    assert rows["own"]["label"] == "neutral"
    assert rows["own"]["evidence"][0]["speaker"] == "Kenya"
    assert rows["other"]["label"] == "engagement"
    assert rows["other"]["evidence"][0]["target"] == "Kenya"
    assert "unknown speaker 'Atlantis'" in rows["bad"]["error"]
    assert "must be strings" in rows["typed"]["error"]
    assert "2 line(s)" in err
    # --speaker is the default for lines that name none.
    _, out, _ = run(["--jsonl", "--speaker", "KEN"], stdin)
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert rows["plain"]["label"] == "neutral"
    assert rows["other"]["label"] == "engagement"
    code, out, _ = run(["--speaker", "KEN", "--explain"], text)
    assert code == 0 and "own-voice" in out and "said by Kenya" in out
    code, _, err = run(["--speaker", "Atlantis"], text)
    assert code == 2 and "unknown speaker" in err
