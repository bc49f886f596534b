"""The lexicon scorer: terms of diplomatic action, weighed by how they are framed.

For each sentence the scorer finds lexicon terms and framing cues, then
adjusts each term by its cues (negated, reversed, hedged, contrast, past,
reported) and by how much the sentence is about the watched actors. The
article's tone is the net of all contributions over their gross plus a
small prior, so thin evidence stays near neutral.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from monitor.models import Evidence, Label, ToneScore
from monitor.tone.actors import ActorFocus
from monitor.tone.lexicon import Entry
from monitor.tone.text import (
    CLAUSE_BREAK,
    normalise,
    split_sentences,
    stem,
    strip_boilerplate,
    tokens,
)


@dataclass(frozen=True, slots=True)
class Params:
    """Tunable numbers of the scorer (defaults hand-set; see ``weights.json``)."""

    negated_conflict: float = -0.25
    negated_engagement: float = -0.6
    reversed: float = -0.8
    hedged: float = 0.6
    contrast: float = 0.3
    concessive: float = 0.5
    before_but: float = 0.7
    past: float = 0.5
    background: float = 0.35
    reported: float = 0.7
    prior: float = 0.6
    title_weight: float = 1.5
    neutral_band: float = 0.12
    max_evidence: int = 20

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> Params:
        """Params with the known keys of ``values`` overriding the defaults."""
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        if "max_evidence" in known:
            known["max_evidence"] = int(known["max_evidence"])
        return cls(**known)  # type: ignore[arg-type]


_Match = tuple[int, int, Entry]

# "in 2001", "since 1998": a dated clause recalls an earlier time. Every
# four-digit year token maps to the key YEAR, a past cue when one of these
# words precedes it.
YEAR = "<year>"
_DATING = frozenset({"in", "since", "during", "until", "from", "by"})
_CLAUSE_BREAK = frozenset(CLAUSE_BREAK)
# Conjunctions end the reach of a negator or reverser: in "lifted sanctions and
# restored ties" the lifting does not undo the ties.
_STOP = CLAUSE_BREAK | {"and", "or", "but", "while", "whereas"}


class LexiconScorer:
    """Scores text on the engagement (+1) ↔ confrontation (−1) axis."""

    __slots__ = ("_firsts", "_focus", "_index", "_keys", "_vocab", "_year", "params")

    def __init__(
        self,
        index: Mapping[str, tuple[Entry, ...]],
        *,
        focus: ActorFocus | None = None,
        params: Params | None = None,
    ) -> None:
        self._index = index
        year = Entry((YEAR,), "in <year>", None, frozenset({"past"}))
        self._year = year
        index = {**index, YEAR: (year,)}
        self._index = index
        # first key → (its one-word entry, {second key: longer entries, longest first})
        self._firsts: dict[str, tuple[Entry | None, dict[str, list[Entry]]]] = {}
        for first, entries in index.items():
            single = next((e for e in entries if len(e.stems) == 1), None)
            longer: dict[str, list[Entry]] = {}
            for e in entries:
                if len(e.stems) > 1:
                    longer.setdefault(e.stems[1], []).append(e)
            self._firsts[first] = (single, longer)
        self._vocab = frozenset(s for entries in index.values() for e in entries for s in e.stems)
        # Raw token → its stem when the lexicon uses that stem, else "": one
        # dictionary lookup per token on the hot path.
        self._keys: dict[str, str] = {}
        self._focus = focus if focus is not None and focus.active else None
        self.params = params or Params()

    def _key(self, token: str) -> str:
        if len(token) == 4 and token.isdigit() and token[:2] in ("19", "20"):
            return YEAR
        key = stem(token)
        if key not in self._vocab:
            key = ""
        if len(self._keys) < 100_000:
            self._keys[token] = key
        return key

    def _find(self, toks: list[str]) -> list[_Match]:
        """Longest-first lexicon and cue matches over one sentence's tokens."""
        get = self._keys.get
        keys = [k if (k := get(t)) is not None else self._key(t) for t in toks]
        firsts = self._firsts
        hits = [i for i, k in enumerate(keys) if k in firsts]
        found: list[_Match] = []
        if not hits:
            return found
        last = len(keys) - 1
        upto = 0
        for i in hits:
            if i < upto:
                continue
            single, longer = firsts[keys[i]]
            if longer and i < last:
                candidates = longer.get(keys[i + 1])
                if candidates:
                    for entry in candidates:
                        size = len(entry.stems)
                        if size == 2 or tuple(keys[i : i + size]) == entry.stems:
                            found.append((i, i + size, entry))
                            upto = i + size
                            break
                    if upto > i:
                        continue
            if single is not None:
                found.append((i, i + 1, single))
                upto = i + 1
        return found

    def sentence_evidence(self, sentence: str, relevance: float = 1.0) -> list[Evidence]:
        """Every weighted term of one sentence with its framed contribution."""
        toks = tokens(sentence)
        matches = self._find(toks)
        for match in matches:
            if match[2].weight is not None:
                return self._frame(toks, matches, sentence, relevance)
        return []

    def _frame(
        self, toks: list[str], matches: list[_Match], sentence: str, relevance: float
    ) -> list[Evidence]:
        p = self.params
        cues = [
            (s, e, m)
            for s, e, m in matches
            if m.roles and (m is not self._year or (s and toks[s - 1] in _DATING))
        ]
        weighted = [(s, e, m) for s, e, m in matches if m.weight is not None]
        has_act = any(not m.background for _, _, m in weighted)
        position = {s: i for i, (s, _, _) in enumerate(weighted)}
        buts = [s for s, _, m in cues if "but" in m.roles]
        absorbed: set[int] = set()
        out: list[tuple[float, list[str]]] = []
        for start, end, entry in weighted:
            weight = entry.weight
            assert weight is not None
            factor = 1.0
            why: list[str] = []
            if entry.background and has_act:
                factor *= p.background
                why.append("background")
            flip = self._flip(toks, cues, start, weight, weighted)
            if flip is not None:
                c_start, role = flip
                if role == "negated":
                    factor *= p.negated_conflict if weight < 0 else p.negated_engagement
                else:
                    factor *= p.reversed
                why.append(role)
                other = position.get(c_start)
                if other is not None:
                    own = weighted[other][2].weight or 0.0
                    # Why: "lifted sanctions" is one act of easing; the
                    # reverser's own (negative) weight must not cancel it.
                    if (own < 0) != (weight * factor < 0):
                        absorbed.add(other)
            for c_start, c_end, cue in cues if cues else ():
                if c_end > start:
                    break
                roles = cue.roles
                same_clause = _CLAUSE_BREAK.isdisjoint(toks[c_end:start])
                if "hedge" in roles and start - c_end <= 5 and same_clause:
                    if "hedged" not in why:
                        factor *= p.hedged
                        why.append("hedged")
                elif "contrast" in roles:
                    if "contrast" not in why and not any(c_end <= b < start for b in buts):
                        factor *= p.contrast
                        why.append("contrast")
                elif "concessive" in roles and same_clause:
                    if "contrast" not in why:
                        factor *= p.concessive
                        why.append("contrast")
                elif "reported" in roles and "reported" not in why:
                    factor *= p.reported
                    why.append("reported")
            if "contrast" not in why and any(b >= end for b in buts):
                factor *= p.before_but
                why.append("contrast")
            for c_start, c_end, cue in cues:
                if "past" in cue.roles and (
                    0 <= start - c_end <= 10
                    or (0 <= c_start - end <= 6 and _CLAUSE_BREAK.isdisjoint(toks[end:c_start]))
                ):
                    factor *= p.past
                    why.append("past")
                    break
            if relevance < 1.0:
                why.append("actor-focus")
            out.append((weight * factor * relevance, why))
        result: list[Evidence] = []
        for idx, (contribution, why) in enumerate(out):
            if idx in absorbed:
                continue
            start, end, _ = weighted[idx]
            phrase = " ".join(t for t in toks[start:end] if t[0].isalnum())
            result.append(Evidence(phrase, round(contribution, 4), sentence, ",".join(why)))
        return result

    @staticmethod
    def _flip(
        toks: list[str],
        cues: list[tuple[int, int, Entry]],
        start: int,
        weight: float,
        weighted: list[_Match],
    ) -> tuple[int, str] | None:
        """The nearest cue within three words that denies or undoes the term at ``start``."""
        for c_start, c_end, cue in reversed(cues):
            if c_end > start:
                continue
            if start - c_end > 3 or not _STOP.isdisjoint(toks[c_end:start]):
                return None
            # A term of the other sign in between ends the cue's reach
            # ("combat terrorism, comply with ..." does not undo "comply").
            for t_start, _, term in weighted:
                if c_end <= t_start < start and (term.weight or 0.0) * weight < 0:
                    return None
            roles = cue.roles
            if "negator" in roles:
                return c_start, "negated"
            if (
                "reverser" in roles
                or ("spoiler" in roles and weight > 0)
                or ("acceptor" in roles and weight < 0)
            ):
                return c_start, "reversed"
        return None

    def score(self, text: str, *, title: str = "") -> ToneScore:
        """Tone, label, confidence and evidence of one article (title optional)."""
        p = self.params
        focus = self._focus
        body = strip_boilerplate(normalise(text or ""))
        units: list[tuple[int, str, float]] = []
        if title and title.strip():
            units.append((-1, " ".join(normalise(title).split()), p.title_weight))
        units.extend((para, sent, 1.0) for para, sent in split_sentences(body))
        if not units:
            return ToneScore(0.0, "neutral", 0.0)
        relevances = self._relevances(units) if focus is not None else None
        relevant = len(units)
        if relevances is not None:
            relevant = sum(1 for r in relevances if r >= 0.5)
            if relevant == 0:
                # Why: an article that never names the watched actors is still
                # scored, but as a whole and with lower confidence.
                relevances = None
        evidence: list[Evidence] = []
        for i, (_, sentence, base) in enumerate(units):
            rel = relevances[i] if relevances is not None else 1.0
            evidence.extend(self.sentence_evidence(sentence, rel * base))
        return self._summarise(evidence, len(units), relevant, focus is not None)

    def _relevances(self, units: list[tuple[int, str, float]]) -> list[float]:
        focus = self._focus
        assert focus is not None
        out: list[float] = []
        last_para = -2
        previous: float | None = None
        for para, sentence, _ in units:
            if para != last_para:
                previous = None
            weight = focus.weight(sentence, previous)
            out.append(weight)
            previous = weight
            last_para = para
        return out

    def _summarise(
        self, evidence: list[Evidence], sentences: int, relevant: int, focused: bool
    ) -> ToneScore:
        p = self.params
        net = 0.0
        gross = 0.0
        for ev in evidence:
            net += ev.weight
            gross += abs(ev.weight)
        if gross <= 0.0:
            return ToneScore(0.0, "neutral", 0.2, (), sentences, relevant)
        tone = max(-1.0, min(1.0, net / (gross + p.prior)))
        label: Label
        if tone >= p.neutral_band:
            label = "engagement"
        elif tone <= -p.neutral_band:
            label = "confrontation"
        else:
            label = "neutral"
        strength = gross / (gross + 1.0)
        agreement = abs(net) / gross
        if label == "neutral":
            confidence = strength * (1.0 - agreement) * 0.8 + 0.1
        else:
            confidence = strength * (0.4 + 0.6 * agreement)
        if focused and relevant == 0:
            confidence *= 0.5
        evidence.sort(key=lambda ev: -abs(ev.weight))
        return ToneScore(
            round(tone, 4),
            label,
            round(min(1.0, confidence), 4),
            tuple(evidence[: p.max_evidence]),
            sentences,
            relevant,
        )
