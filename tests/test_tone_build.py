"""The compiled tone scorer (setup.py, mypyc): found when fresh, passed over when stale,
and scoring exactly as its sources do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from monitor.cli.demo_articles import CONFRONTATION, ENGAGEMENT, NEUTRAL
from monitor.tone import COMPILED, stale_builds

ROOT = Path(__file__).resolve().parent.parent

# Scores every line of stdin as JSON, with the kind of build that scored it.
SCORE_LINES = """
import json, sys
from dataclasses import asdict
from monitor.tone import build_kind, build_scorer
scorer = build_scorer()
watch = build_scorer(actors=["United States", "China"])
out = []
for line in sys.stdin.read().split("\\n\\x1e\\n"):
    out.append([asdict(scorer.score(line)), asdict(watch.score(line))])
print(json.dumps({"kind": build_kind(), "scores": out}))
"""


def score_in_process(texts: list[str], *, pure: bool) -> dict[str, object]:
    """``texts`` scored by a fresh interpreter, from sources when ``pure``."""
    env = {k: v for k, v in os.environ.items() if k != "RHETORIC_MONITOR_PURE"}
    if pure:
        env["RHETORIC_MONITOR_PURE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", SCORE_LINES],
        input="\n\x1e\n".join(texts),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_source_newer_than_its_build_is_stale(tmp_path: Path) -> None:
    """An edit after the build is seen (mtime), and only for modules that were built."""
    suffix = EXTENSION_SUFFIXES[0]
    for name in ("frame", "stance"):
        (tmp_path / f"{name}.py").write_text("# source\n")
        (tmp_path / f"{name}{suffix}").write_bytes(b"built")
    (tmp_path / "text.py").write_text("# no build\n")
    os.utime(tmp_path / f"frame{suffix}", (1_000, 1_000))
    os.utime(tmp_path / "frame.py", (2_000, 2_000))
    os.utime(tmp_path / f"stance{suffix}", (3_000, 3_000))
    os.utime(tmp_path / "stance.py", (2_000, 2_000))
    assert stale_builds(tmp_path) == ["frame"]
    assert "frame" in COMPILED and "text" in COMPILED


def test_the_sources_are_loaded_when_asked() -> None:
    """RHETORIC_MONITOR_PURE=1 loads every scorer module from its ``.py`` file."""
    result = score_in_process(["Beijing and Washington resumed talks."], pure=True)
    assert result["kind"] == "sources (RHETORIC_MONITOR_PURE)"


def test_the_compiled_scorer_scores_as_its_sources() -> None:
    """Tone, label, confidence and every evidence item agree, with and without a watch."""
    texts = [*ENGAGEMENT, *CONFRONTATION, *NEUTRAL]
    texts += [
        "The United States must stop arming Taiwan, the spokesperson said.",
        "We welcome the resumption of direct flights between Beijing and Washington.",
        "It would be wrong to say that relations with Beijing have deteriorated.",
        "Pyongyang's idea of dialogue is a missile launch every other week.",
        "Q: Will the minister visit Washington?\nA: We have no information to offer.",
    ]
    compiled = score_in_process(texts, pure=False)
    if compiled["kind"] != "compiled":
        pytest.skip(
            f"no current compiled build ({compiled['kind']}): it is made by `pip install -e .`"
            " where a C compiler is at hand, and passed over after a source is edited"
        )
    pure = score_in_process(texts, pure=True)
    assert pure["kind"] != "compiled"
    assert compiled["scores"] == pure["scores"]
    assert len(texts) > 20


def test_setup_compiles_every_scorer_module_but_the_package() -> None:
    """setup.py's list of modules and ``COMPILED`` name the same files: every module of
    ``monitor/tone`` but ``__init__.py``."""
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    modules = {p.stem for p in (ROOT / "monitor" / "tone").glob("*.py")} - {"__init__"}
    assert set(COMPILED) == modules
    assert all(f'"{name}"' in setup for name in COMPILED)
