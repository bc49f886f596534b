"""The tone scorer on ../shared data: the seed article and the labelled evaluation sets."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from monitor.models import Evidence, ToneScore
from monitor.tone import LexiconScorer, build_scorer


def seed_score(shared_dir: Path) -> ToneScore:
    """The seed article scored for the United States–China watch, all evidence kept."""
    scorer = build_scorer(actors=["United States", "China"])
    assert isinstance(scorer, LexiconScorer)
    scorer.params = replace(scorer.params, max_evidence=10_000)
    text = (shared_dir / "seed" / "us-china-renewal.txt").read_text(encoding="utf-8")
    return scorer.score(text)


def find(result: ToneScore, phrase: str) -> list[Evidence]:
    """Evidence items whose phrase contains ``phrase``."""
    return [ev for ev in result.evidence if phrase in ev.phrase.lower()]


def test_seed_is_clearly_engagement(shared_dir: Path) -> None:
    """The seed article scores as engagement, led by acts of cooperation, not by formulas."""
    result = seed_score(shared_dir)
    assert result.label == "engagement"
    assert result.tone > 0.5
    top = {ev.phrase.lower() for ev in result.evidence[:12]}
    for phrase in ("welcomed", "visit", "cooperation"):
        assert phrase in top
    assert find(result, "dialogue")
    # Ritual formulas are shown, named as such, and weigh nothing.
    for phrase in ("mutual respect", "peaceful coexistence"):
        assert find(result, phrase)
        assert all(ev.weight == 0.0 and "formula" in ev.cue for ev in find(result, phrase))


def test_seed_contrast_negation_and_history_discounted(shared_dir: Path) -> None:
    """Confrontation named in contrast, negation or as history carries little weight."""
    result = seed_score(shared_dir)
    for phrase in ("trade sanctions", "military posturing"):
        (ev,) = find(result, phrase)
        assert "contrast" in ev.cue and abs(ev.weight) < 0.1
    (aggression,) = find(result, "aggression")
    assert "negated" in aggression.cue and aggression.weight >= 0
    (surrender,) = find(result, "surrender")
    assert "negated" in surrender.cue and surrender.weight >= 0
    for ev in find(result, "tariffs") + find(result, "decoupling"):
        assert abs(ev.weight) < 0.1
    confrontation = sum(ev.weight for ev in result.evidence if ev.weight < 0)
    engagement = sum(ev.weight for ev in result.evidence if ev.weight > 0)
    assert engagement > 4 * -confrontation


def test_seed_boilerplate_not_scored(shared_dir: Path) -> None:
    """The trailing subscribe prompt and ad shortcode produce no evidence."""
    result = seed_score(shared_dir)
    for ev in result.evidence:
        assert "Subscribe" not in ev.sentence
        assert "adinserter" not in ev.sentence


def _auc(rows: list[dict[str, object]], tones: list[float]) -> float:
    pos = [t for t, r in zip(tones, rows, strict=True) if r["label"] == "engagement"]
    neg = [t for t, r in zip(tones, rows, strict=True) if r["label"] == "confrontation"]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_plover_separates_engagement_from_confrontation(shared_dir: Path) -> None:
    """On held-out plover news sentences the scorer clearly beats VADER's AUC of 0.74."""
    path = shared_dir / "eval" / "tone" / "plover.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    scorer = build_scorer()
    tones = [scorer.score(str(r["text"])).tone for r in rows]
    assert _auc(rows, tones) > 0.85


def _pairs_auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_ungd_stance_toward_parties(shared_dir: Path) -> None:
    """On UN General Debate sentences the scorer tells stance from no stance, not only the side."""
    path = shared_dir / "eval" / "tone" / "ungd-dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    scorer = build_scorer()
    tones = {str(r["id"]): scorer.score(str(r["text"])).tone for r in rows}
    by = {
        label: [tones[str(r["id"])] for r in rows if r["label"] == label]
        for label in ("engagement", "neutral", "confrontation")
    }
    eng, neu, con = by["engagement"], by["neutral"], by["confrontation"]
    # Figures before issue 10 (VADER in brackets): 0.854 (0.824), 0.755 (0.712), 0.783 (0.775).
    assert _pairs_auc(eng, con) > 0.88
    assert _pairs_auc([-t for t in con], [-t for t in eng + neu]) > 0.80
    assert _pairs_auc(eng, neu + con) > 0.81


def test_readme_seed_figure_matches_score(shared_dir: Path) -> None:
    """The README's seed tone, label and leading phrases are what ``score`` prints."""
    import re

    from click.testing import CliRunner

    from monitor.cli.score import score

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    flat = " ".join(readme.split())
    claim = re.search(r"prints ([+-]\d\.\d\d), (\w+), led by ((?:\*[^*]+\*,? ?(?:and )?)+)", flat)
    assert claim is not None, "README no longer states the seed article's score"
    seed = shared_dir / "seed" / "us-china-renewal.txt"
    out = CliRunner().invoke(score, [str(seed), "--actors", "United States,China"]).stdout
    assert out.startswith(f"tone {claim.group(1)}  {claim.group(2)}")
    printed = [line.split()[1] for line in out.splitlines() if line.startswith("  ")]
    leading = list(dict.fromkeys(printed))
    named = re.findall(r"\*([^*]+)\*", claim.group(3))
    assert leading[: len(named)] == named
