"""Tone of diplomatic rhetoric: −1 confrontation … +1 engagement, with evidence.

``build_scorer`` returns a :class:`ToneScorer`; the rest of the project uses
nothing else from this package. The scorer is a lexicon of diplomatic action
(written for this project, graded after CAMEO/PLOVER) with framing cues and
actor focus; ``weights.json`` beside this file holds numbers fitted on the
MIT-licensed keep-it-local sentences (see ``bench/tone_train.py``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Protocol

# The modules setup.py compiles with mypyc (all of the package but this file).
COMPILED = ("text", "lexicon", "actors", "parties", "vocabulary", "frame", "stance", "scorer")
_HERE = Path(__file__).resolve().parent


def stale_builds(here: Path) -> list[str]:
    """The compiled modules under ``here`` that are older than their sources."""
    stale = []
    for name in COMPILED:
        source = here / f"{name}.py"
        for suffix in EXTENSION_SUFFIXES:
            built = here / f"{name}{suffix}"
            if built.exists():
                if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
                    stale.append(name)
                break
    return stale


class _Sources(MetaPathFinder):
    """Loads the scorer's modules from their ``.py`` files, past a compiled build."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != __name__ or name not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{name}.py")


# Why: Python prefers an extension module to a source file of the same name, so after an
# edit the old build would run silently. In a source tree (an editable install), any
# source newer than its build makes the whole scorer load from sources (all or none:
# compiled modules call each other directly). RHETORIC_MONITOR_PURE=1 asks for the same.
_PURE = bool(os.environ.get("RHETORIC_MONITOR_PURE")) or (
    (_HERE.parent.parent / "pyproject.toml").is_file() and bool(stale_builds(_HERE))
)
if _PURE:
    sys.meta_path.insert(0, _Sources())

from monitor.models import ToneScore  # noqa: E402
from monitor.tone.actors import DEFAULT_ALIASES, ActorFocus  # noqa: E402
from monitor.tone.lexicon import (  # noqa: E402
    Entry,
    build_index,
    builtin_background,
    builtin_cues,
    builtin_terms,
    phrase_stems,
)
from monitor.tone.parties import speaker_names  # noqa: E402
from monitor.tone.scorer import LexiconScorer, Params, round4  # noqa: E402

__all__ = [
    "DEFAULT_ALIASES",
    "LexiconScorer",
    "ToneScorer",
    "build_scorer",
    "round4",
    "speaker_names",
]

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


def build_kind() -> str:
    """Which scorer runs: "compiled" (mypyc) or "sources" (and why, when a build is
    there but not used)."""
    from monitor.tone import scorer

    origin = (scorer.__spec__.origin or "") if scorer.__spec__ else ""
    if origin.endswith(tuple(EXTENSION_SUFFIXES)):
        return "compiled"
    if _PURE and os.environ.get("RHETORIC_MONITOR_PURE"):
        return "sources (RHETORIC_MONITOR_PURE)"
    if _PURE:
        return "sources (the compiled build is older than them)"
    return "sources"


class ToneScorer(Protocol):
    """Anything that scores one article's text (and optional title)."""

    def score(self, text: str, *, title: str = "", speaker: str = "") -> ToneScore:
        """Tone, label, confidence and evidence of one text (``speaker``: who says it)."""
        ...


@lru_cache(maxsize=1)
def _fitted() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Fitted term weights, params and evidence strengths from ``weights.json``."""
    try:
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, {}, {}
    terms = {str(k): float(v) for k, v in data.get("terms", {}).items()}
    params = {str(k): float(v) for k, v in data.get("params", {}).items()}
    strengths = {str(k): float(v) for k, v in data.get("evidence", {}).items()}
    return terms, params, strengths


@lru_cache(maxsize=32)
def _index(extra: tuple[tuple[str, float], ...]) -> Mapping[str, tuple[Entry, ...]]:
    background = builtin_background()
    terms = {**background, **builtin_terms()}
    fitted_terms, _, fitted_strengths = _fitted()
    terms.update(fitted_terms)
    for phrase, weight in extra:
        terms[phrase.lower()] = weight
    # A term the watch names is an act it cares about, never background, and
    # its evidence strength is its own weight, not one fitted for the built-in.
    named = {phrase_stems(phrase) for phrase, _ in extra}
    quiet = [b for b in background if phrase_stems(b) not in named]
    strengths = {p: v for p, v in fitted_strengths.items() if phrase_stems(p) not in named}
    return build_index(terms, builtin_cues(), quiet, strengths)


def build_scorer(
    *,
    actors: Sequence[str] = (),
    aliases: Mapping[str, Sequence[str]] | None = None,
    terms: Mapping[str, float] | None = None,
) -> ToneScorer:
    """A scorer for one watch.

    ``actors`` focus the score on sentences about them (aliases from
    :data:`DEFAULT_ALIASES`, extended by ``aliases``); ``terms`` maps phrases
    to weights in [-1, 1] that add to or override the built-in lexicon.
    """
    extra = tuple(sorted((str(k), float(v)) for k, v in (terms or {}).items()))
    focus = ActorFocus(actors, aliases) if actors else None
    return LexiconScorer(_index(extra), focus=focus, params=Params.from_mapping(_fitted()[1]))
