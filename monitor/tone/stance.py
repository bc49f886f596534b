"""Sentence structure of diplomatic stance: who a term is aimed at, and how.

:mod:`monitor.tone.frame` scales each term by the cues next to it. This
module reads the sentence as a whole, the way a diplomat's words are read:

* ``demand-on``: what a party is called on, urged or required to do
  ("X must withdraw", "we call on X to implement the accord") is not done,
  and asking for it blames the party, so a cooperative act that redresses
  ("withdraw", "lift", "comply", "implement", "release") turns against it.
  Calls for dialogue or aid keep their sign.
* ``breach``: a cooperative act denied by a breach or omission ("failed to
  honour", "has yet to fulfil", "violated the accord"); the framing module
  flips it, this module names the cue.
* ``complicity``: support given to a hostile party ("funds and arms the
  separatists", "backed by its patrons") is an accusation.
* ``contrast-self``: own virtue set against the other's vice ("we remain
  committed to dialogue, whereas X ...", "unlike X, we cooperated"): the
  virtue is a foil, so it counts against the other.
* ``rhetorical``: a question aimed at a party, or ironic confidence ("we
  trust X will notice its isolation"): cooperative words in it are sarcasm.
* ``formula``: protocol courtesies (congratulations on an election,
  assurances of cooperation to the chair) and ritual formulas ("win-win",
  "mutual respect") say nothing about a relation; pledges to everyone ("the
  international community", "all States") are principles, not relations.
* ``narration``: violence or condemnation with no named perpetrator ("we
  condemn terrorism", "the attack killed ten") is not confrontation between
  parties.
* ``untargeted``: any other sentence that names no party is discounted.
"""

from __future__ import annotations

from monitor.tone.frame import Match, Params, Term
from monitor.tone.text import clean, token_key


def _words(text: str) -> frozenset[str]:
    """The lexicon keys (light stems) of the words of ``text``."""
    return frozenset(token_key(w) for w in text.split())


# Acts that redress a wrong: asking a party for one implies it is at fault.
_REDRESS = _words(
    "withdraw withdrew withdrawn withdrawal lift lifting comply compliance implement "
    "implementation respect honour honor abide release free return cease stop end refrain "
    "dismantle disarm recognise recognize extradite extradition fulfil fulfill halt allow "
    "permit accept heed reverse restore reinstate pull apologise apologize compensate "
    "compensation reparation"
)
# Words that name a party one may be accused of helping.
_HOSTILE = _words(
    "separatist separatists terrorist terrorists terrorism militia militias rebel rebels "
    "insurgent insurgents extremist extremists mercenary mercenaries aggressor aggressors "
    "occupier occupiers invader invaders patron patrons sponsor sponsors proxy proxies "
    "puppet puppets henchmen junta putschists"
)
# Help that, given to a hostile party, is complicity.
_ABETTING = _words(
    "fund funds funded funding finance finances financed arm arms armed support supports "
    "supported back backs backed backing sponsor sponsored protect protected shelter "
    "sheltered harbour harbours harboured harbor supply supplied assist assisted equip "
    "equipped train trained help helped aid aided"
)
# Non-state or unnamed perpetrators and the acts narrated of them.
_NARRATION = _words(
    "terrorism terrorist terrorists terror extremism extremist extremists violence "
    "perpetrators perpetrator criminals crime crimes atrocity atrocities attack attacks "
    "gunmen bombing bombings piracy trafficking"
)
# Addressees of multilateral speech and protocol that are no party.
_GENERIC = tuple(
    tuple(token_key(w) for w in phrase.split())
    for phrase in (
        "international community", "all states", "member states", "united nations",
        "this organization", "our organization", "general assembly", "this assembly",
        "this session", "all countries", "all nations", "global partnership", "all peoples",
    )
)  # fmt: skip
_PROTOCOL = _words("election predecessor presidency outgoing chairmanship stewardship")
_POSSESSIVE = frozenset({"your", "his", "her", "their"})
_RITUAL = frozenset(
    tuple(token_key(w) for w in phrase.split())
    for phrase in (
        "win-win", "mutual respect", "mutually beneficial", "mutual benefit", "mutual trust",
        "peaceful coexistence", "people-to-people", "common prosperity", "shared future",
    )
)  # fmt: skip
_SELF = frozenset({"we", "our", "us", "my", "ourselves"})
_THEY = frozenset({"they", "their", "them", "its", "it"})
_CONTRAST = frozenset({"whereas", "while", "unlike", "but", "however", "yet"})
_DIALOGUE = _words(
    "dialogue talks talk negotiate negotiation negotiations reconcile reconciliation "
    "resume consultation consult discuss discussion meet meeting cooperate cooperation"
)
_IRONY = frozenset(
    tuple(token_key(w) for w in phrase.split()) for phrase in ("we trust", "we are sure", "surely")
)
_BREACH = _words("fail failed yet violate violated breach breached renege disregard flout ignore")


def _has(keys: list[str], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(tuple(keys[i : i + n]) == seq for i in range(len(keys) - n + 1))


def restructure(
    toks: list[str],
    weighted: list[Match],
    parties: list[Match],
    terms: list[Term],
    p: Params,
    *,
    gate: bool,
) -> list[Term]:
    """``terms`` of one sentence with sentence-level structure applied.

    ``weighted`` are the term matches (in order; ``terms`` is ``frame``'s
    output for them, a reverser it absorbed being dropped), ``parties`` the
    party names the stance may be aimed at. ``gate``: discount sentences that
    name no party (off when a watch's actor focus already weighs sentences).
    """
    keys = [token_key(t) for t in toks]
    starts = _starts(weighted, terms)
    targeted = bool(parties)
    question = toks[-1].endswith("?") or toks[-1].endswith('?"')
    # "on your election", "your predecessor", "the outgoing President".
    protocol = any(
        k in _PROTOCOL and (k != "election" or (i and keys[i - 1] in _POSSESSIVE))
        for i, k in enumerate(keys)
    )
    generic = not targeted and any(_has(keys, g) for g in _GENERIC)
    narrated = not targeted and any(k in _NARRATION for k in keys)
    # Where a contrast marker splits own virtue from the other's conduct.
    pivot = -1
    for i, tok in enumerate(toks):
        if clean(tok) in _CONTRAST and i > 0:
            pivot = i
            break
    self_side = ""
    if pivot < 0 and clean(toks[0]) in ("unlike", "whereas", "while"):
        # "Unlike X, we cooperated": the foil is the opening clause.
        comma = next((i for i, t in enumerate(toks) if t.endswith(",")), -1)
        after = {clean(t) for t in toks[comma + 1 :]} if comma > 0 else set()
        if comma > 0 and after & _SELF and any(m[0] <= comma for m in parties):
            pivot, self_side = comma, "after"
    if pivot >= 0 and not self_side:
        before = {clean(t) for t in toks[:pivot]}
        after = {clean(t) for t in toks[pivot + 1 :]}
        party_after = any(m[0] > pivot for m in parties)
        if before & _SELF and (party_after or after & _THEY):
            self_side = "before"
    # Ironic confidence: "we trust X will notice its isolation".
    irony = (
        targeted
        and any(_has(keys, s) for s in _IRONY)
        and any((e.weight or 0.0) < 0 for _, _, e in weighted)
    )
    # A redress asked for ("must lift the blockade") makes the whole request
    # a demand on the party: what else is asked ("and implement the accord")
    # is asked of a party at fault too.
    demanded = any(
        "requested" in why
        and (e.weight or 0.0) * f > 0
        and (e.stems[0] in _REDRESS or (e.weight or 0.0) < 0)
        for e, _, f, why in terms
    )
    ritual = any(e.stems in _RITUAL for e, _, _, _ in terms)
    # A charged act against a named party decides a mixed sentence: support
    # for its victims said in the same breath is the setting of the charge.
    charged = targeted and any(
        not e.background and (e.weight or 0.0) * f <= -p.charged for e, _, f, _ in terms
    )
    out: list[Term] = []
    for (entry, phrase, factor, why), start in zip(terms, starts, strict=True):
        weight = entry.weight or 0.0
        why = list(why)
        if entry.stems in _RITUAL or (ritual and entry.background and weight > 0):
            # Why zero: these stand in rebuttals as in praise; they carry no
            # information about where the relation stands.
            out.append((entry, phrase, 0.0, [*why, "formula"]))
            continue
        signed = weight * factor
        if "requested" in why and signed > 0 and demanded and entry.stems[0] not in _DIALOGUE:
            factor = -factor / p.requested * p.demand_on
            why.append("demand-on")
            signed = weight * factor
        flipped = "negated" in why or "reversed" in why
        if flipped and weight > 0 > signed and any(k in _BREACH for k in keys[start - 4 : start]):
            why.append("breach")
        if signed > 0 and entry.stems[0] in _ABETTING and _aimed_at_hostile(keys, start):
            factor = -factor * p.complicity
            why.append("complicity")
            signed = weight * factor
        if signed > 0 and self_side:
            on_self = start < pivot if self_side == "before" else start > pivot
            if on_self:
                factor = -factor * p.contrast_self
                why.append("contrast-self")
                signed = weight * factor
        if signed > 0 and (irony or (question and targeted)):
            factor = -factor * p.rhetorical
            why.append("rhetorical")
            signed = weight * factor
        if signed > 0 and charged and p.mixed != 1.0:
            factor *= p.mixed
            why.append("mixed")
        if signed > 0 and protocol:
            # Why zero: a courtesy to the chair is owed whoever holds it.
            factor = 0.0
            why.append("formula")
        elif gate and not targeted:
            if generic and signed > 0:
                factor *= p.formula
                why.append("formula")
            elif narrated and signed < 0:
                factor *= p.narration
                why.append("narration")
            else:
                factor *= p.untargeted
                why.append("untargeted")
        out.append((entry, phrase, factor, why))
    return out


def _aimed_at_hostile(keys: list[str], start: int) -> bool:
    """True when a hostile party follows the term closely ("arms the separatists")."""
    return any(k in _HOSTILE for k in keys[start + 1 : start + 5])


def _starts(weighted: list[Match], terms: list[Term]) -> list[int]:
    """Token position of each framed term (``frame`` may have dropped some matches)."""
    out: list[int] = []
    j = 0
    for entry, _, _, _ in terms:
        while j < len(weighted) and weighted[j][2] is not entry:
            j += 1
        out.append(weighted[j][0] if j < len(weighted) else 0)
        j += 1
    return out
