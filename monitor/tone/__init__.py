"""Tone of diplomatic rhetoric: −1 confrontation … +1 engagement, with evidence.

``build_scorer`` returns a :class:`ToneScorer`; the rest of the project uses
nothing else from this package. The scorer is a lexicon of diplomatic action
(written for this project, graded after CAMEO/PLOVER) with framing cues and
actor focus; ``weights.json`` beside this file holds numbers fitted on the
MIT-licensed keep-it-local sentences (see ``bench/tone_train.py``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from monitor.models import ToneScore
from monitor.tone.actors import DEFAULT_ALIASES, ActorFocus
from monitor.tone.lexicon import (
    Entry,
    build_index,
    builtin_background,
    builtin_cues,
    builtin_terms,
    phrase_stems,
)
from monitor.tone.parties import speaker_names
from monitor.tone.scorer import LexiconScorer, Params, round4

__all__ = [
    "DEFAULT_ALIASES",
    "LexiconScorer",
    "ToneScorer",
    "build_scorer",
    "round4",
    "speaker_names",
]

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


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
