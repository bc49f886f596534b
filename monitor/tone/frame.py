"""Framing: how cues around a term scale or flip it within one sentence.

Cues are matched by the lexicon like terms; this module decides, for each
weighted term, which of them apply (negated, reversed, hedged, requested,
contrast, past, reported, circumstance, object, background) and by how much.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

from monitor.tone.lexicon import Entry
from monitor.tone.text import (
    CLAUSE_MARKS,
    EDGE,
    clause_tokens,
    clean,
    token_key,
    word_keys,
    word_set,
)
from monitor.tone.vocabulary import IS_RELATION, IS_WARNING


@dataclass(frozen=True, slots=True)
class Params:
    """Tunable numbers of the scorer (defaults hand-set; ``weights.json`` may refit them)."""

    negated_conflict: float = -0.25
    negated_engagement: float = -0.6
    reversed: float = -0.8
    hedged: float = 0.6
    intent: float = 0.25
    contrast: float = 0.3
    concessive: float = 0.5
    before_but: float = 0.7
    past: float = 0.5
    background: float = 0.35
    reported: float = 0.7
    requested: float = 0.35
    governed: float = 0.3
    later_clause: float = 0.7
    circumstance: float = 0.5
    # What a non-answer is about ("declined to comment on the visit", "I have
    # no information to offer on the talks"): only the matter spoken of.
    topic: float = 0.0
    prior: float = 0.6
    # Sentence structure (monitor.tone.stance): a sentence naming no party
    # speaks of principles, not relations; a redress asked of a party blames
    # it; help to a hostile party, own virtue as a foil and sarcasm accuse;
    # courtesies and pledges to everyone are formulas; violence with no named
    # perpetrator is narration.
    untargeted: float = 0.5
    # Most a sentence naming no party may weigh in all (sum of |contribution|).
    untargeted_cap: float = 0.5
    demand_on: float = 0.5
    complicity: float = 0.6
    contrast_self: float = 0.5
    rhetorical: float = 0.5
    formula: float = 0.5
    narration: float = 0.3
    # Evidence of a stance from cooperative words said in the speaker's own
    # voice to no party, or pledged to everyone (the tone keeps them in full).
    own_voice: float = 0.4
    # Positive terms beside a charged act (|contribution| >= charged) at a party.
    charged: float = 0.35
    mixed: float = 0.6
    # With a watch's actors: a passage naming only one of the pair, and a
    # journalist's question.
    one_party: float = 0.05
    question: float = 0.2
    title_weight: float = 1.5
    neutral_band: float = 0.12
    # Evidence (sum of strength x |factor| over terms) below this is too thin
    # to call a side: the text is neutral.
    neutral_evidence: float = 0.0
    max_evidence: int = 20

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> Params:
        """Params with the known keys of ``values`` overriding the defaults."""
        known: dict[str, float | int] = {
            k: v for k, v in values.items() if k in cls.__dataclass_fields__
        }
        if "max_evidence" in known:
            known["max_evidence"] = int(known["max_evidence"])
        return cls(**known)  # type: ignore[arg-type]


Match = tuple[int, int, Entry]
Term = tuple[Entry, str, float, list[str]]  # entry, surface phrase, factor, cues
YEAR = "<year>"
# "in 2001", "since 1998": a year after one of these words recalls a past time.
DATING = frozenset({"in", "since", "during", "until", "from", "by"})
# Verb forms that can govern an object though they end in neither -ed nor -ing.
_IRREGULAR_PASTS = frozenset(
    {"shot", "fought", "hit", "struck", "beat", "beaten", "met", "held", "gave", "sent"}
    | {"took", "cut", "threw", "led", "won", "froze", "broke", "overran", "stole"}
)
# Clause punctuation at a token's end, and quotes or brackets opening one.
_CLOSERS = frozenset(',;:!?")')
_OPENERS = frozenset('"(')
_LAST = itemgetter(-1)
_FIRST = itemgetter(0)
# Conjunctions end the reach of a negator or reverser: in "lifted sanctions and
# restored ties" the lifting does not undo the ties.
_CONJUNCTIONS = frozenset({"and", "or", "but", "while", "whereas"})
_NOT_EVEN = frozenset(
    (token_key(a), token_key(b))
    for a, b in (("not", "even"), ("never", "once"), ("not", "once"), ("never", "even"))
)
# "No longer" before a hostile state ends it ("no longer on a collision course").
_NO_LONGER = (token_key("no"), token_key("longer"))
_OR = frozenset({"or", "nor"})
_RELATIVES = frozenset({"which", "who", "whose"})
_TO_SPEAKER = clause_tokens(("my", "our", "us", "me"))
# Denials that tell an act was unprovoked ("without provocation", "absence of").
_WITHOUT = word_keys("without of")
_PROVOCATION = word_keys("provocation provocations provoked")
_AND_BUT = frozenset({"and", "but", "while", "whereas"})
# Denials that are nouns ("refusal to", "lack of"), and the verbs that end the noun
# phrase they head.
_NOMINAL_DENIALS = word_keys("refusal failure lack absence inability unwillingness reluctance")
_COPULAS = frozenset({"is", "was", "are", "were", "remains", "remain", "remained", "seems"})
# Possessives before a reverser make it a noun ("its end", "Moscow's resolve").
_OWNERS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Words after which a reverser is a noun ("the curbs", "a halt", "new curbs").
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "these", "those", "any", "new", "further", "fresh", "latest"}
)
# First keys of the predicates that tell a cooperation failed ("stalled", "collapsed",
# "broke down", "fell apart", "faltered", "deadlocked", "went off track", "ended
# without a deal").
_FAILING = frozenset(
    {"stall", "collaps", "brok", "fell", "falter", "deadlock", "went", "fail", "ended"}
    | {"sour", "fray", "deteriorat", "worsen", "fall", "ring", "proven", "prov", "turn"}
)
# Verbs that state what a nominal reverser's act does ("the lifting of sanctions helps
# trade"), and words after which a term is still inside the reverser's object.
_PREDICATES = word_set(
    "undermines threatens damages harms hurts helps boosts worsens complicates jeopardizes "
    "jeopardises endangers strengthens weakens improves"
)
_GOVERNING = frozenset({"the", "a", "an", "of", "to", "on", "in", "its", "their", "all", "and"})
# First keys of the acts that keep an agreement ("implemented", "honoured",
# "respected"): denied after their subject ("the accords were never implemented")
# they tell the agreement's breach.
_FULFILLING = frozenset(
    {"implement", "honour", "honor", "respect", "fulfil", "fulfill", "observ", "appli"}
    | {"ratifi", "compli", "abid", "enforc"}
)
# Words after which such a word is no predicate ("the stalled project", "after the deadlock").
_NOT_A_SUBJECT = frozenset(
    {"the", "a", "an", "its", "their", "this", "that", "these", "those", "after", "of", "on"}
    | {"in", "for", "from", "to", "over", "amid"}
)


# Words before what an act is aimed at ("hits back at US chip curbs"): a reverser after
# them is a noun in the act's object, not a verb ending the act.
_AIMED_AT = frozenset({"at", "against"})
# Forms of "end" that, before "in", tell an outcome ("the war ended in an armistice").
_ENDED = frozenset({"ended", "ends", "end", "ending"})
# Words that bring a sentence back from a recalled time to the present.
_NOW = frozenset({"now", "today", "currently", "nowadays"})
_FOLLOWING = (token_key("following"),)
# Adverbs that charge the act they stand before ("which X illegally occupies").
_CHARGING = frozenset(
    {"illegally", "unlawfully", "forcibly", "illegitimately", "brutally", "wrongfully"}
)
# Auxiliaries of a passive told as done ("was lifted", or announced: "will be lifted";
# not "must be lifted", asked for): the reverser after them undoes what stands before.
_PASSIVE = frozenset({"was", "were", "been", "is", "are", "being", "will be"})
# Verbs that settle a quarrel, whose "by" / "through" names the means.
_RESOLVING = frozenset(
    {"settle", "settled", "settles", "settling", "resolve", "resolved", "resolves", "resolving"}
)
_MEANS = frozenset({"by", "through", "via"})
_THAT_KEY = token_key("that")
# Verbs that call a party something ("views Tokyo as an adversary").
_REGARDING = frozenset(
    {"view", "views", "viewed", "see", "sees", "saw", "regard", "regards", "regarded"}
    | {"consider", "considers", "considered", "treat", "treats", "treated"}
)
_TRUTH = frozenset(token_key(w) for w in ("true", "untrue", "false", "truth", "wrong", "myth"))
# Verbs of telling and the pronouns after them whose "would" reports a "will".
_TELLING = frozenset(
    {"said", "says", "announced", "stated", "declared", "promised", "pledged", "vowed"}
    | {"confirmed", "added", "indicated", "insisted", "warned"}
)


def _told_of(toks: list[str], at: int) -> bool:
    """True when a verb of telling stands two to five words before the "would" at
    ``at``, in the same clause, with no condition between ("said Bangkok and Phnom Penh
    would ...")."""
    for j in range(at - 2, max(at - 6, 0) - 1, -1):
        word = toks[j]
        if word[-1] in CLAUSE_MARKS or word in ("if", "unless"):
            return False
        if word in _TELLING:
            return True
    return False


_WAIVING = frozenset({"waive", "waived", "waives", "waiving"})
# Easing what is hostile ends it ("ease tensions"); easing what is cooperative makes it
# easier ("to ease trade", "eases access for aid convoys").
_EASING = frozenset({"ease", "eased", "eases", "easing"})
# Words of time after a reverser that show it took no object: what follows is not undone.
_THEN = frozenset(
    {"after", "since", "following", "amid", "amidst", "when", "once", "yesterday", "today"}
    | {"last"}
)
# Circumstance words between a reverser and a term: its object ended before them.
# So do the verbs of what an act brought about ("the decision to cut output drew
# sharp criticism": the cut's object was the output).
_AFTER = frozenset({"after", "since", "following", "amid", "amidst", "when"}) | {
    "drew", "draws", "sparked", "sparks", "prompted", "prompts", "triggered", "triggers",
    "provoked", "provokes", "angered", "angers", "caused", "causes",
}  # fmt: skip
# Words after a reverser that show it governs no object ("eased after the call").
_NO_OBJECT = frozenset(
    {"after", "in", "on", "since", "following", "amid", "with", "last", "this", "yesterday"}
    | {"today", "somewhat", "slightly", "considerably", "markedly", "as", "when", "once"}
)
_PREPOSITIONS = frozenset({"of", "to", "on", "for", "with", "from", "against"})
# Before a reverser, words that ask for it rather than tell it ("must end").
_ASKED = frozenset({"be", "must", "should", "shall", "to", "ought", "need", "needs"})
# Verbs of taking place: denied after a cooperation, it did not happen.
_OCCURRING = frozenset(
    {"held", "resumed", "resume", "started", "begun", "began", "convened", "occurred"}
    | {"happen", "happened"}
)
_TAKE = frozenset({"take", "took", "taken"})  # "take place"
# Words that open a clause of their own: the predicate after them has another
# subject ("a commitment to ensure that such acts never happen again").
_CLAUSE_OPENERS = frozenset(
    {"that", "which", "who", "whom", "whose", "whether", "if", "because", "since", "when"}
)
# Prepositions after which an "and" joins their objects ("between X and Y").
_JOINING = frozenset({"between", "by", "for", "of", "with", "on", "among"})


# Quarrels whose topic follows "over" or "about" ("a dispute over tariffs").
_QUARRELS = word_keys(
    "dispute disputes row spat tension tensions quarrel friction standoff differences disagreement"
)
_ABOUT = frozenset({"over", "about"})
# Agreements and talks whose topic follows "on", "over" or "about".
_ACCORDS = word_keys(
    "agreement agreements deal deals accord accords talks negotiations dialogue consultations"
)
_ON_ABOUT = _ABOUT | {"on"}
# Heads of a compound whose first word only says which quarrel ("extradition fight").
_QUARREL_HEADS = _QUARRELS | word_keys("fight fights war wars battle feud crisis conflict")


def _head_of_quarrel(weighted: list[Match], start: int) -> bool:
    """True when the term at ``start`` is a quarrel noun ("fight", "dispute" ...)."""
    return any(
        t_start == start and len(t.stems) == 1 and t.stems[0] in _QUARREL_HEADS
        for t_start, _, t in weighted
    )


_NO_TOPICS: frozenset[int] = frozenset()


def _quarrel_topic(toks: list[str], weighted: list[Match], index: int) -> bool:
    """True when the term ``weighted[index]`` is the topic of the quarrel, or of the
    agreement or talks, named just before it: "their dispute over barley tariffs",
    "tensions over the sanctions", "an agreement on deportation flights", "talks on the
    war"."""
    start = weighted[index][0]
    before = weighted[index - 1]
    if not 0 < start - before[1] <= 3:
        return False
    head = before[2].stems[-1]
    if head in _QUARRELS:
        return toks[before[1]] in _ABOUT
    return head in _ACCORDS and toks[before[1]] in _ON_ABOUT


# What a party promised, told after what it did ("as it promised", "as they had agreed").
_PROMISED = word_keys("promised pledged agreed committed vowed undertook")
_AS_FILLERS = frozenset({"it", "they", "he", "she", "had", "has", "have", "was", "were"})


def _as_promised(toks: list[str], start: int) -> bool:
    """True when "as" opens the clause of the promise at ``start`` ("as it had pledged")."""
    for at in range(start - 1, max(start - 4, -1), -1):
        if toks[at] == "as":
            return True
        if toks[at] not in _AS_FILLERS:
            return False
    return False


# Verbs that say how a relation stands or where it went ("relations are ...", "ties
# remain ...", "relations have hit ...", "relations face ...").
_STANDING = clause_tokens(
    word_set(
        "are is remain remains remained have has had were was hit hits sank face faces faced "
        "facing stand stands stood become became look looks seem seems"
    )
)


def _spoken_of(toks: list[str], weighted: list[Match], result: list[Term], index: int) -> bool:
    """True when the relation noun ``weighted[index]`` is its clause's subject and a
    hostile term, as framed in ``result``, is said of it after its verb ("relations
    between X and Y are in crisis"): the verb within eight words ("between X and Y"
    may stand between), the term in the verb's clause."""
    end = weighted[index][1]
    for at in range(end, min(end + 8, len(toks))):
        tok = toks[at]
        if tok in _STANDING:
            return any(
                s > at and (term[0].weight or 0.0) * term[2] < 0 and open_clause(toks, at + 1, s)
                for (s, _, _), term in zip(weighted[index + 1 :], result[index + 1 :], strict=True)
            )
        if tok[-1] in CLAUSE_MARKS:
            return False
    return False


def open_clause(toks: list[str], a: int, b: int) -> bool:
    """True when no clause punctuation separates token ``a - 1`` from token ``b``.

    That is: no token of ``a - 1 .. b - 1`` ends in a clause mark and none of
    ``a .. b - 1`` opens a quote or parenthesis. Why sets over ``map``: the
    span can be a whole clause, and the test then runs in C, not per token
    in Python.
    """
    return _CLOSERS.isdisjoint(map(_LAST, toks[max(a - 1, 0) : b])) and _OPENERS.isdisjoint(
        map(_FIRST, toks[a:b])
    )


def _asked_past_aside(toks: list[str], a: int, b: int) -> bool:
    """True when the request ending at token ``a`` reaches token ``b`` past one aside.

    "calls on all States, in particular the nuclear-weapon States, to honour
    their pledges": the request's object, an aside between two commas, then
    "to" and the act asked for, in the same clause.
    """
    commas = [i for i in range(a, b) if toks[i].endswith(",")]
    if len(commas) != 2 or commas[1] + 1 >= b:
        return False
    after = commas[1] + 1
    return (
        toks[after].lower() == "to"
        and open_clause(toks, a, commas[0])
        and open_clause(toks, commas[0] + 2, commas[1])
        and open_clause(toks, after + 1, b)
    )


def _addressed_to(toks: list[str], c_end: int, start: int) -> int:
    """Where a request's reach starts: ``c_end``, or past the part of a long name of
    whom it asks beyond three words ("call on the Democratic People's Republic of
    Korea to …").

    Why: the name of the one asked is no part of what is asked; a long one ate the
    request's reach, so the second act asked of it ("… and to implement the
    resolutions") read as done. Addressees of up to three words ("the Lebanese
    leaders", "the international community") leave the reach as it was fitted.
    """
    for k in range(c_end + 4, min(start, c_end + 8)):
        if toks[k] == "to":
            return k - 3
    return c_end


def _joined_clause(toks: list[str], a: int, b: int) -> bool:
    """True when a clause joined by a conjunction after a clause mark ("…, and we …")
    starts in tokens ``a .. b - 1``."""
    return any(
        toks[i - 1][-1:] in _CLOSERS and toks[i].strip(EDGE).lower() in _CONJUNCTIONS
        for i in range(max(a, 1), b)
    )


def _joined(toks: list[str], a: int, b: int) -> bool:
    """True when a conjunction ("and", "or", "but" ...) lies in tokens ``a .. b - 1``."""
    # Why map: a generator expression costs a frame and a call per token.
    return not _CONJUNCTIONS.isdisjoint(map(str.strip, toks[a:b], repeat(EDGE)))


def _modifiers_joined(toks: list[str], weighted: list[Match], a: int, b: int) -> bool:
    """True when the "and" / "or" in tokens ``a .. b - 1`` joins words that modify the
    noun at ``b`` ("cut off climate and military talks"), not two acts ("lifted
    sanctions and restored ties"): one word between it and the noun, at most two
    before it, no clause mark, no verb form, and no act among them (a topic word
    may be one)."""
    at = next((i for i in range(a, b) if toks[i] in _OR or toks[i] == "and"), -1)
    if at < 0 or at - a > 2 or b - at != 2 or at == a:
        return False
    for i in (*range(a, at), *range(at + 1, b)):
        word = toks[i]
        if word[-1] in CLAUSE_MARKS or word.endswith(("ed", "ing")) or word in _CONJUNCTIONS:
            return False
    return all(term.background for t_start, _, term in weighted if a <= t_start < b)


# Auxiliaries and negators of a verb group ("has yet to be", "was never", "has not been").
_AUXILIARY = frozenset(
    {"has", "have", "had", "was", "were", "is", "are", "be", "been", "yet", "to", "not"}
    | {"never", "still", "so", "far"}
)


def _group_start(toks: list[str], at: int) -> int:
    """Where the verb group of the verb at ``at`` starts: "has yet to be implemented"
    is one predicate, as far from its subject as "was implemented"."""
    while at and toks[at - 1].strip(EDGE).lower() in _AUXILIARY:
        at -= 1
    return at


def _fails(toks: list[str], end: int, at: int, reach: int = 6) -> bool:
    """True when the failure predicate at ``at`` is told of the term ending at ``end``.

    It follows within ``reach`` words, in the same clause: no clause mark,
    "that", "which" ... or "and" between them ("the talks between X and Y
    stalled", "the accord signed by X and Y was never implemented": an "and"
    after "between", "by", "for" ... joins the objects of the preposition, not
    two clauses); and as a verb, not after a determiner or preposition ("the
    stalled project", "after the deadlock").
    """
    if at - end > reach or not open_clause(toks, end, at):
        return False
    if toks[at - 1].strip(EDGE).lower() in _NOT_A_SUBJECT:
        return False
    between = False
    for i in range(end, at):
        word = toks[i].strip(EDGE)
        if word in _JOINING:
            between = True
        elif word in _CLAUSE_OPENERS or (word in _CONJUNCTIONS and not (between and word == "and")):
            return False
    return True


def frame(
    toks: list[str],
    weighted: list[Match],
    cues: list[Match],
    relevance: float,
    p: Params,
    focus_cue: str = "actor-focus",
) -> list[Term]:
    """Each weighted match of a sentence as ``(entry, phrase, factor, cues)``.

    ``weighted`` are the sentence's term matches and ``cues`` its framing cue
    matches, both in order. ``factor`` multiplies the entry's weight: the
    sentence's relevance times every framing cue that applies; ``cues`` names
    them for the evidence, a relevance below 1 as ``focus_cue``.
    """
    several = len(weighted) > 1
    if not several and not cues:
        # One term and no cue: nothing frames it (the common case).
        start, end, entry = weighted[0]
        phrase = toks[start].strip(EDGE) if end - start == 1 else _phrase(toks, start, end)
        return [(entry, phrase, relevance, [focus_cue] if relevance < 1.0 else [])]
    # Topics of a quarrel or an agreement ("their dispute over barley tariffs", "an
    # agreement on deportation flights"): no act of their own.
    topics = (
        {i for i in range(1, len(weighted)) if _quarrel_topic(toks, weighted, i)}
        if several and not _ON_ABOUT.isdisjoint(toks)
        else _NO_TOPICS
    )
    has_act = False
    for i, (_, _, m) in enumerate(weighted):
        if not m.background and i not in topics:
            has_act = True
            break
    buts: list[int] = []
    has_past = flips = breaking = False
    first_cue = len(toks)
    if cues:
        first_cue = cues[0][0]
        for s, _, m in cues:
            if m.but:
                buts.append(s)
            if m.past:
                has_past = True
            if m.flip:
                flips = True
                if m.stems[0] in _BREAKING or (len(m.stems) > 1 and m.stems[-1] == _NONE_KEY):
                    breaking = True
    # The main event of a news sentence comes first; clauses after the
    # first one that holds a term ("..., officials said, after ...") add
    # circumstance. Position of that first term's clause end:
    first_break = -1
    # Acts that can govern a later term as their object (see _governed).
    governors: list[tuple[int, float, int]] = []
    if several:
        if p.later_clause != 1.0:
            for i in range(weighted[0][1] - 1, weighted[-1][0]):
                if toks[i][-1] in ",;:":
                    first_break = i
                    break
        for _, t_end, term in weighted:
            if term.background:
                continue
            # Only a verb governs an object; without a tagger, take inflected
            # verb forms ("shelled", "releasing") and common irregular pasts.
            head = toks[t_end - 1].strip(EDGE)
            if term.stems[0] in _RESUMING and _takes_up(toks, t_end, term):
                # "resumed its provocations": what is taken up again gives the sign
                # (see _resumed_hostility); it is not a mere object.
                continue
            if head[-2:] == "ed" or head[-3:] == "ing" or head in _IRREGULAR_PASTS:
                # Why eight for an apology: what it is for may stand after the party
                # apologised to ("apologised to President Jiang for the bombing").
                reach = 8 if term.flip == "spoiler" or term.stems[0] in _ATONING else 3
                governors.append((t_end, term.weight or 0.0, reach))
    absorbed: set[int] = set()
    result: list[Term] = []
    nouns: list[int] = []  # relation nouns ("relations", "ties") that may be a subject
    for index, (start, end, entry) in enumerate(weighted):
        weight = entry.weight
        assert weight is not None
        factor = relevance
        why: list[str] = []
        if entry.background and has_act:
            factor *= p.background
            why.append("background")
        if cues and (first_cue < start or has_past or buts):
            factor, absorb = _cues(
                p, toks, cues, buts, weighted, start, end, weight, factor, why,
                flips, has_past, bool(entry.kind & IS_WARNING),
            )  # fmt: skip
            if absorb >= 0:
                absorbed.add(absorb)
        if (
            governors
            and governors[0][0] <= start  # else no act precedes the term
            and "negated" not in why
            and "reversed" not in why
        ):
            act = _governed(toks, governors, start, weight)
            if act:
                # Why: in "shelled the refugee camp" or "released the hostages"
                # the act carries the sign; its object is only what was acted on,
                # and never outweighs it ("pressed Beijing on its support for ...").
                factor *= min(p.governed, _OBJECT_SHARE * abs(act / weight))
                why.append("object")
        if (
            index
            and (
                (weight < 0 and entry.stems[0] in _FAILING and "negated" not in why)
                or (weight > 0 and entry.stems[0] in _FULFILLING and "negated" in why)
            )
            and _undone(
                toks,
                weighted,
                result,
                index,
                _group_start(toks, start) if weight > 0 else start,
                absorbed,
                p,
                breach=weight > 0,
            )
        ):
            absorbed.add(index)
        if entry.kind & IS_RELATION and several and weight > 0:
            nouns.append(index)
        if (
            "reversed" in why
            and index + 1 < len(weighted)
            and weighted[index + 1][0] == end
            and (weighted[index + 1][2].weight or 0.0) * weight < 0
            and weighted[index + 1][2].stems[0] in _QUARREL_HEADS
            and len(weighted[index + 1][2].stems) == 1
            and toks[end - 1][-1] not in CLAUSE_MARKS
        ):
            # "ended a prolonged extradition fight": the reverser's object is the
            # fight; "extradition" only says which one (the head is undone instead).
            factor = 0.0
            why.append("topic")
        if index in topics and weight * factor < 0:
            # "resolved their dispute over barley tariffs": the tariffs are what the
            # dispute is about; the dispute (and what is done to it) carries the sign.
            factor = 0.0
            why.append("topic")
        if (
            weight > 0
            and index
            and entry.stems[0] in _PROMISED
            and "negated" not in why
            and _as_promised(toks, start)
            and any("negated" in earlier[3] for earlier in result)
        ):
            # "failed to disarm the militias as it promised": what was promised was
            # not done, so the promise told is one broken.
            factor = -factor
            why.append("breach")
        if 0 <= first_break < start:
            factor *= p.later_clause
        if relevance < 1.0:
            why.append(focus_cue)
        phrase = toks[start].strip(EDGE) if end - start == 1 else _phrase(toks, start, end)
        result.append((entry, phrase, factor, why))
    if flips:
        # Only a flipping cue (a negator, reverser or spoiler) breaks an accord.
        if several:
            _breached_under(toks, weighted, result, p)
        _passive_undoing(toks, weighted, cues, result, absorbed, p)
    if breaking and several:
        _broken_back(toks, weighted, cues, result, absorbed, p)
    for index in nouns:
        if _spoken_of(toks, weighted, result, index):
            # "Relations between X and Y are in crisis", "ties remain strained": the
            # relation is what the sentence speaks of; what it says of it gives the sign.
            entry, phrase, _, why = result[index]
            result[index] = (entry, phrase, 0.0, [*why, "subject"])
    taking = agreeing = truce = False
    for t_start, _, term in weighted:
        if term.stems[0] in _TAKING_UP_OR_LEAVING:
            taking = True
        elif term.stems[0] in _AGREEING:
            agreeing = True
        elif term.stems[0] in _TRUCES:
            truce = True
        # A harm told by a phrase ("hurt the feelings of ..."), not by a spoiler cue:
        # a cooperation as its subject did the harm, as with the cue (see
        # ``_passive_undoing``).
        if (
            term.stems[0] in _SPOIL_KEYS
            and t_start
            and (term.weight or 0.0) < 0
            and toks[t_start].strip(EDGE).lower() in _SPOILS
            and _agent_spoils(toks, weighted, t_start)
        ):
            upto = sum(1 for _, t_end, _ in weighted if t_end <= t_start)
            _undone(toks, weighted, result, upto, t_start, absorbed, p, drop=True)
    if taking:
        # A verb of taking up again or of leaving is among the terms.
        if several:
            _resumed_hostility(toks, weighted, result)
        _left_a_body(toks, weighted, result)
    if truce and several:
        _truce_in(toks, weighted, result)
    if agreeing and several:
        _agreed_hostility(toks, weighted, result)
    if several and toks[0].lower() in _CONDITIONS and toks[-1][-1:] != "?":
        _warned(toks, weighted, result, p)
    if absorbed:
        # A reverser always precedes the term it flips, so it is already in
        # ``result``, at its index in ``weighted``.
        result = [term for i, term in enumerate(result) if i not in absorbed]
    return result


# Words that open a sentence with its condition ("If X ...", "Should X ...", "Were X to
# ...", "In the event of ...", "In case ...").
_CONDITIONS = frozenset({"if", "should", "were", "in"})


def _warned(toks: list[str], weighted: list[Match], result: list[Term], p: Params) -> None:
    """Weigh nothing of what a warning's condition names as a good, and its threat as
    said.

    Why: "Were Washington to recognise Somaliland, Mogadishu would sever relations"
    read +0.11: the recognition weighed as a cooperation. Where a sentence opens with
    its condition and the main clause after the condition's comma holds a hostile act,
    the sentence warns; what the condition names is the act warned against, or the
    price of avoiding the threat, not a good the speaker grants; and the threat's
    "would" is how a warning is said, no doubt about it."""
    if toks[0].lower() == "in" and toks[1:3] not in (["the", "event"], ["case", "of"]):
        return
    comma = next((i for i in range(1, min(len(toks), 25)) if toks[i][-1] == ","), -1)
    if comma < 0:
        return
    if not any(
        t_start > comma and result[k][2] * (term.weight or 0.0) < 0 and not term.background
        for k, (t_start, _, term) in enumerate(weighted)
    ):
        return
    for k, (t_start, _, term) in enumerate(weighted):
        entry, phrase, factor, why = result[k]
        if t_start <= comma and factor * (term.weight or 0.0) > 0:
            result[k] = (entry, phrase, 0.0, [*why, "condition"])
        elif t_start > comma and factor * (term.weight or 0.0) < 0 and "hedged" in why:
            result[k] = (entry, phrase, factor / p.hedged, [c for c in why if c != "hedged"])


def _resumed_hostility(toks: list[str], weighted: list[Match], result: list[Term]) -> None:
    """Turn "resumed" / "returned to" against the hostile act it takes up again.

    Why: "Pyongyang resumed its provocations", "returned to its old provocations"
    read as cooperation (+0.12, +0.13): the verb's own weight is that of taking up
    talks again ("resumed talks", "returned to dialogue"). Its object, within three
    words in the same clause, decides: a hostile one turns the verb hostile too.
    """
    for k, (t_start, t_end, term) in enumerate(weighted[:-1]):
        entry, phrase, factor, why = result[k]
        if term.stems[0] not in _RESUMING or factor <= 0 or "negated" in why:
            continue
        if (t_start and toks[t_start - 1] in _DETERMINERS) or not _takes_up(toks, t_end, term):
            # A noun ("the return of weapons inspectors"), or no object.
            continue
        if _hostile_object(toks, weighted, result, k, t_end):
            result[k] = (entry, phrase, -factor, [*why, "object"])


def _hostile_object(
    toks: list[str], weighted: list[Match], result: list[Term], k: int, t_end: int
) -> bool:
    """True when the verb at ``weighted[k]`` (ending at ``t_end``) governs a hostile act:
    the first term after it that is no background word, within three words and in its
    clause, weighs toward confrontation as framed so far ("resumed its provocations",
    "agreed to impose tariffs"; not "agreed to lift the sanctions")."""
    for j in range(k + 1, len(weighted)):
        o_start, _, obj = weighted[j]
        if o_start - t_end > 3 or not open_clause(toks, t_end, o_start):
            return False
        if not obj.background:
            return result[j][2] * (obj.weight or 0.0) < 0
    return False


def _truce_in(toks: list[str], weighted: list[Match], result: list[Term]) -> None:
    """A truce's war is what the truce halts: "agreed to a truce in their trade war".

    Why: the war, read on its own, outweighed the truce (−0.10 for "China and the US
    agreed to a ceasefire in the trade war"). The hostile noun right after "truce in",
    "ceasefire in" or "truce to" (past a determiner or possessive) is undone, as after
    "an end to"; a verb after the place ("the ceasefire in Gaza collapsed") is not.
    """
    for k, (_, t_end, term) in enumerate(weighted[:-1]):
        if term.stems[0] not in _TRUCES or toks[t_end - 1][-1] in CLAUSE_MARKS:
            continue
        if t_end >= len(toks) or toks[t_end] not in ("in", "to", "on"):
            continue
        at = t_end + 1
        while at < len(toks) and toks[at] in _TRUCE_LINKS:
            at += 1
        o_start, _, obj = weighted[k + 1]
        entry, phrase, factor, why = result[k + 1]
        if o_start == at and factor * (obj.weight or 0.0) < 0:
            result[k + 1] = (entry, phrase, -factor * _TRUCE_UNDOES, [*why, "reversed"])


def _agreed_hostility(toks: list[str], weighted: list[Match], result: list[Term]) -> None:
    """Turn "agreed to" / "approved" against the hostile act agreed on.

    Why: "The EU agreed to impose tariffs on Chinese steel" read +0.66 and "the Senate
    approved new sanctions" +0.13: the verb's own weight is that of an accord reached.
    What it agrees to, the next act within three words in its clause, decides: a
    hostile one ("impose tariffs", "new sanctions") makes the decision hostile; one
    undone ("agreed to lift the sanctions", "to end the war") leaves it cooperative.
    """
    for k, (t_start, t_end, term) in enumerate(weighted[:-1]):
        entry, phrase, factor, why = result[k]
        if term.stems[0] not in _AGREEING or factor <= 0 or "negated" in why:
            continue
        if (t_start and toks[t_start - 1] in _DETERMINERS) or toks[t_end : t_end + 1] == ["that"]:
            # A noun ("the agreement to impose ..." is still the accord), or a view
            # agreed ("it is agreed that the escalation ..."), not an act decided.
            continue
        if _hostile_object(toks, weighted, result, k, t_end):
            result[k] = (entry, phrase, -factor, [*why, "object"])


def _takes_up(toks: list[str], t_end: int, term: Entry) -> bool:
    """True when the verb of taking up again ending at ``t_end`` has an object: "return"
    with "to", "resumed" with no clause mark or circumstance after it ("talks resumed
    after the deadlock" takes none)."""
    if t_end >= len(toks) or toks[t_end - 1][-1] in CLAUSE_MARKS:
        return False
    if term.stems[0] == _RETURN:
        return toks[t_end] == "to"
    return toks[t_end] not in _NO_OBJECT


def _left_a_body(toks: list[str], weighted: list[Match], result: list[Term]) -> None:
    """Turn a withdrawal from an organisation or bloc against it.

    Why: "withdrew from the World Health Organization", "its withdrawal from ECOWAS"
    read as cooperation (+0.33 to +0.46): a withdrawal's own weight is that of troops
    pulled back. Leaving a body one belonged to breaks with it. The withdrawal is
    *from* it ("withdrawal from", "pulled out of"), and the body is named within seven
    words, in its clause ("withdrew troops as the Council met" leaves nothing).
    """
    for k, (_, t_end, term) in enumerate(weighted):
        entry, phrase, factor, why = result[k]
        if term.stems[0] not in _LEAVING or factor <= 0:
            continue
        if toks[t_end - 1] not in ("from", "of") and toks[t_end : t_end + 1] != ["from"]:
            continue
        for i in range(t_end, min(t_end + 7, len(toks))):
            if toks[i] in _BODIES:
                result[k] = (entry, phrase, -factor, [*why, "reversed"])
                break
            if toks[i][-1] in CLAUSE_MARKS:
                break


# Withdrawals, and the bodies whose leaving breaks with them.
_LEAVING = word_keys("withdrawal withdrew withdraw pull")
_BODIES = clause_tokens(
    word_set(
        "organization organisation unesco who ecowas nato eu asean opec icc commonwealth "
        "council union court agency alliance bloc league community initiative"
    )
)


# Acts of atonement: the wrong they are for is what they govern.
_ATONING = frozenset({"apologis", "apologiz", "compensat", "remors", "contrit"})


# Verbs of taking up again ("resumed", "returned to"): their object gives their sign.
_RESUMING = word_keys("resume return")
# A halt in fighting, and what may stand between it and the fighting it halts.
_TRUCES = word_keys("truce ceasefire cease-fire armistice")
_TRUCE_LINKS = frozenset({"the", "a", "their", "its", "this", "that", "months-long", "long"})
# How much of a halted war's weight turns to the halt's side (as "an end to the war").
_TRUCE_UNDOES = 0.5
# Verbs of deciding on an act: what they decide gives their sign ("agreed to impose").
_AGREEING = word_keys(
    "agreed agree agrees approved approves approve decided voted authorised authorized"
)
_TAKING_UP_OR_LEAVING = _RESUMING | _LEAVING
_RETURN = token_key("return")
# What one "responds to" in kind: another party's coercion or charges. Other
# things responded to are met (a concern) or addressed (a crisis, abuse).
_RESPOND = token_key("respond")
_ANSWERED_IN_KIND = word_keys(
    "sanction sanctions tariff tariffs provocation provocations provocative countermeasure"
    " countermeasures curbs accusation accusations allegation allegations"
)


def _withheld(toks: list[str], weighted: list[Match], c_end: int, start: int) -> bool:
    """True when the hostile term at ``start`` is a condemnation withheld from a hostile
    act, or that act: "refused to condemn the invasion", "has not condemned the
    attacks" (not "did not condemn Bolivia's decision to hold talks")."""
    verb = next((i for i in range(c_end, start + 1) if toks[i].strip(EDGE) in _CONDEMN_WORDS), -1)
    if verb < 0:
        return False
    return any(
        verb < t_start <= verb + 4 and (term.weight or 0.0) < 0 and not term.background
        for t_start, _, term in weighted
    )


_CONDEMN_WORDS = frozenset(
    {"condemn", "condemned", "condemns", "condemning", "denounce", "denounced"}
    | {"denounces", "denouncing", "deplore", "deplored", "deplores", "criticise"}
    | {"criticised", "criticize", "criticized"}
)


def _breached_under(toks: list[str], weighted: list[Match], result: list[Term], p: Params) -> None:
    """Undo an accord named as what a breached commitment is held under.

    "failed to meet its commitments under the trade deal", "has not complied with
    its obligations under the nuclear deal", "violated the terms of the ceasefire
    agreement": the accord after "under" or "of" is what was broken, as the
    commitment or the terms before it are. ``result`` is ``frame``'s list, one
    entry per match of ``weighted`` (nothing absorbed yet).
    """
    for j in range(1, len(weighted)):
        start, _, entry = weighted[j]
        entry_b, phrase, factor, why = result[j]
        if (entry.weight or 0.0) <= 0 or factor <= 0 or "negated" in why or "reversed" in why:
            continue
        # The act before it, past any background word ("the nuclear deal").
        k = j - 1
        while k and weighted[k][2].background:
            k -= 1
        _, b_end, before = weighted[k]
        held = result[k]
        undone = ("negated" in held[3] or "reversed" in held[3]) and (before.weight or 0.0) > 0
        if not (undone or (before.flip == "spoiler" and (before.weight or 0.0) < 0)):
            continue
        if b_end == start and undone:
            # "the ceasefire agreement" after "violated": one accord, one fate.
            result[j] = (entry_b, phrase, factor * p.reversed, [*why, "reversed"])
            continue
        span = [t.strip(EDGE).lower() for t in toks[b_end:start]]
        link = next((i for i, t in enumerate(span) if t in ("under", "of")), -1)
        if (
            link < 0
            or link > 2
            or len(span) - link > 4
            # "its obligations under", "the terms of"; not "violations of human rights
            # and humanitarian law".
            or (span[link] == "of" and _HELD.isdisjoint(span[:link]))
            or "and" in span
            or "or" in span
            or any(t in _OWNERS or t in _DETERMINERS for t in span[link + 2 :])
            or not all(t in _OWNERS or t in _DETERMINERS or t in _HELD for t in span[:link])
            or not open_clause(toks, b_end, start)
        ):
            continue
        result[j] = (entry_b, phrase, factor * p.reversed, [*why, "reversed"])


def _broken_back(
    toks: list[str],
    weighted: list[Match],
    cues: list[Match],
    result: list[Term],
    absorbed: set[int],
    p: Params,
) -> None:
    """Undo the cooperation a later breach points back to ("signed the accord and then
    violated it", "made many promises and kept none of them").

    Why: the breach's object is a pronoun or "none", so the act it breaks is the
    one told before it in the sentence; counted as a cooperation, that act
    outweighed its own breach (+0.51 for "Moscow signed the accord and then
    violated it"). Each cooperation before the breach is reversed as a breach, and
    the breach itself, now told by them, is absorbed. The breaking verbs are all
    spoiler or reverser cues, so the cues found are searched, not every token.
    """
    at = -1
    for c_start, c_end, cue in cues:
        if c_start and (
            (cue.stems[0] in _BREAKING and c_end < len(toks) and toks[c_end] in _BACK)
            # "honoured none", "kept none of": a phrase, not the word "none" alone.
            or (len(cue.stems) > 1 and cue.stems[-1] == _NONE_KEY)
        ):
            at = c_start
            break
    if at < 0 or _denied(toks, cues, at):
        # "has never violated it": nothing was broken.
        return
    flipped = False
    for k, (t_start, _, term) in enumerate(weighted):
        if t_start >= at:
            if flipped and t_start == at:
                absorbed.add(k)
            break
        entry, phrase, factor, why = result[k]
        if (term.weight or 0.0) * factor <= 0 or term.background:
            continue
        if "negated" in why or "reversed" in why:
            continue
        result[k] = (entry, phrase, factor * p.reversed, [*why, "reversed", "breach"])
        flipped = True


# Keys of the verbs that break what was agreed, and the objects that point back to it
# ("kept none", "honoured none" are phrases of the vocabulary).
_BREAKING = word_keys("violated breached broke breaks ignored flouted disregarded abandoned")
_BREAKING |= word_keys("scrapped reneged")
_BACK = clause_tokens(("it", "them", "none", "both"))
_NONE_KEY = token_key("none")


# What a party is held to under an accord ("its obligations under", "the terms of").
_HELD = frozenset(
    {"terms", "provisions", "spirit", "letter", "obligations", "commitments", "pledges"}
    | {"clauses", "articles", "rules", "principles", "obligation", "commitment"}
)


def _passive_undoing(
    toks: list[str],
    weighted: list[Match],
    cues: list[Match],
    result: list[Term],
    absorbed: set[int],
    p: Params,
) -> None:
    """Undo a cooperation that a passive reverser follows ("the talks were called off").

    Also drop one denied to have taken place ("the talks did not take place").

    Why: a reverser flips what it governs, and in the passive that stands
    before it: "the visit was cancelled", "the talks between X and Y were
    postponed / suspended" tell the cooperation's undoing, read before as the
    cooperation itself; "the sanctions on X were lifted", and a hostile act
    that a reverser follows at once ("tensions between X and Y eased"), end a
    hostile act. A reverser that is also a term ("suspended") is absorbed, as
    with a failure told after its subject.
    """
    for c_start, c_end, cue in cues:
        if cue.flip == "negator" and c_start and _occurs(toks, c_end):
            # "the summit between X and Y did not take place": it did not happen.
            upto = sum(1 for _, t_end, _ in weighted if t_end <= c_start)
            if upto:
                _undone(toks, weighted, result, upto, c_start, absorbed, p, drop=True)
            continue
        if cue.flip == "spoiler" and c_start and _agent_spoils(toks, weighted, c_start):
            # "The visit by the Speaker to Taiwan undermined peace": the visit is
            # what did the harm, no cooperation; the spoiler is the act.
            upto = sum(1 for _, t_end, _ in weighted if t_end <= c_start)
            _undone(toks, weighted, result, upto, c_start, absorbed, p, drop=True)
            continue
        if cue.flip == "spoiler" and c_start and toks[c_start - 1] in _PASSIVE:
            # "The ceasefire was broken within hours", "the accord was violated": the
            # spoiler in the passive undoes what stands before it, as a reverser does.
            upto = sum(1 for _, t_end, _ in weighted if t_end <= c_start)
            own = next((i for i, m in enumerate(weighted) if m[0] == c_start), -1)
            if upto and _undone(toks, weighted, result, upto, c_start, absorbed, p) and own >= 0:
                absorbed.add(own)
            continue
        if cue.flip != "reverser" or not c_start:
            continue
        upto = 0
        own = -1
        for i, (t_start, t_end, _) in enumerate(weighted):
            if t_end <= c_start:
                upto = i + 1
            elif t_start == c_start:
                own = i
        if not upto or any(
            m.flip == "negator" and c_start - 2 <= n_end <= c_start for _, n_end, m in cues
        ):
            continue  # "with no end in sight", "were never lifted"
        prev = toks[c_start - 1]
        if prev in _OWNERS or prev.endswith(("'s", "s'")):
            continue  # "would only harden Moscow's resolve": a noun, no predicate
        if prev in _DETERMINERS or (
            # "Beijing protests Dutch curbs on chip exports": a hostile act in the
            # plural ("curbs", "freezes") is a noun, the object of what precedes it.
            own >= 0 and (weighted[own][2].weight or 0.0) < 0 and toks[c_end - 1].endswith("s")
        ):
            continue  # "protested the curbs on chip exports": a noun, no predicate
        if prev == "be" and c_start >= 2 and toks[c_start - 2] in ("will", "can", "could"):
            # Announced, as good as told: "the tariff will be lifted by June"; or shown
            # possible: "disputes can be settled in good faith".
            prev = "will be"
        # "Tensions eased", "hostilities have ceased": a reverser with no object
        # after a hostile act ends it. Not a cooperation ("the talks ended" may
        # have concluded them), and not asked for ("should now be lifted",
        # "must end").
        if (
            prev not in _PASSIVE
            and (
                prev in _ASKED
                or (weighted[upto - 1][2].weight or 0.0) >= 0
                or not _intransitive(toks, c_end)
                # "China hits back at US chip curbs": what an act is aimed at is its
                # object, a noun, not a verb that ends the act.
                or not _AIMED_AT.isdisjoint(toks[weighted[upto - 1][1] : c_start])
            )
        ):
            continue
        undone = _undone(toks, weighted, result, upto, c_start, absorbed, p, positive_only=False)
        if undone and own >= 0:
            absorbed.add(own)


def _agent_spoils(toks: list[str], weighted: list[Match], at: int) -> bool:
    """True when the spoiler verb at ``at`` has a cooperation as its subject: a finite
    verb ("undermined", "threatens") after a positive term, with no coordination or
    first person between them ("we welcome the accord and reject ..." is not one)."""
    verb = toks[at].strip(EDGE).lower()
    prev = at - 1
    if prev > 0 and toks[prev].endswith("ly"):
        prev -= 1  # "is being deliberately obstructed"
    if not (verb.endswith("ed") or verb in _SPOILS) or toks[prev].strip(EDGE).lower() in _PASSIVE:
        return False
    before = [m for m in weighted if m[1] <= at]
    if not before or (before[-1][2].weight or 0.0) <= 0:
        return False
    between = {t.strip(EDGE).lower() for t in toks[before[-1][1] : at]}
    return (
        _COORDINATING.isdisjoint(between)
        and FIRST_PERSON.isdisjoint(t.lower() for t in toks[:at])
        and not any(t[-1] in ",;:" for t in toks[before[-1][1] - 1 : at])
    )


_COORDINATING = frozenset({"and", "but", "or", "that", "which", "who"})
# Spoilers in the present with a subject (nouns such as "violations", "blocks" are not).
_SPOILS = frozenset({
    "undermines", "threatens", "jeopardises", "jeopardizes", "damages", "harms", "violates",
    "sabotages", "poisons", "derails", "obstructs", "hurt", "hurts",
})  # fmt: skip
_SPOIL_KEYS = frozenset(map(token_key, _SPOILS))
# The speaker in the first person (tokens: "US", the country, is "u.s").
FIRST_PERSON = frozenset({"we", "i", "our", "my", "us"})


def _own_comment(toks: list[str], after: int, at: int) -> bool:
    """True when the speaker's own comment on a report stands between ``after`` and ``at``:
    "X claims that ..., which is completely groundless" (a comment clause after a comma),
    or a new clause after a semicolon. What the report says is hearsay; the comment is not.
    """
    for j in range(max(after - 1, 0), min(at, len(toks) - 1)):
        if toks[j][-1] == ";" or (toks[j][-1] == "," and toks[j + 1] == "which"):
            return True
    return False


def _intransitive(toks: list[str], end: int) -> bool:
    """True when the reverser ending at ``end`` takes no object ("tensions eased.").

    Not one that ends in a preposition ("the cessation of, attacks ...").
    """
    if toks[end - 1].strip(EDGE) in _PREPOSITIONS:
        return False
    return end >= len(toks) or toks[end - 1][-1] in ",;:.!?" or toks[end] in _NO_OBJECT


def _occurs(toks: list[str], at: int) -> bool:
    """True when a verb of taking place follows ``at`` ("not take place", "never held")."""
    for i in range(at, min(at + 3, len(toks))):
        word = toks[i].strip(EDGE)
        if word in _TAKE:
            return i + 1 < len(toks) and toks[i + 1].strip(EDGE) == "place"
        if word in _OCCURRING or word[:8] == "material":
            return True
        if word not in ("yet", "been", "be", "to", "even"):
            return False
    return False


def _undone(
    toks: list[str],
    weighted: list[Match],
    result: list[Term],
    upto: int,
    at: int,
    absorbed: set[int],
    p: Params,
    *,
    breach: bool = False,
    positive_only: bool = True,
    drop: bool = False,
) -> bool:
    """Read the predicate at token ``at`` as undoing the cooperation told before it.

    Why: a failure told after its subject ("the talks between X and Y stalled",
    "the truce broke down"), a keeping denied after it ("the accord signed
    by X and Y was never implemented": a ``breach``) and a passive reversal
    ("the visit was cancelled") are one act each, the cooperation's undoing.
    Of the weighted terms before index ``upto``, the subject's first positive
    term (within eight words and the same clause, see :func:`_fails`) is
    flipped, and the rest of the subject is absorbed into it; the caller
    absorbs the predicate, so the act is counted once. A background subject of
    a cooperation ("relations collapsed") is left alone: the predicate is then
    the act; a hostile one ("tensions eased") is what is ended.
    ``positive_only=False`` (a passive reversal) also undoes a hostile act
    ("the sanctions on X were lifted"). ``drop``: the cooperation did not take
    place ("the summit did not take place"): the subject is absorbed whole,
    not flipped. Returns whether it found a subject.
    """
    head = -1
    # The sign undone: a cooperation, or (a passive reversal only) a hostile
    # act ("the sanctions were lifted").
    sign = 1.0
    if not positive_only and upto and (weighted[upto - 1][2].weight or 0.0) < 0:
        sign = -1.0
    for k in range(upto - 1, -1, -1):
        _, t_end, term = weighted[k]
        if term.background and sign > 0 and "reversed" in result[k][3]:
            # "The talks on a cessation of hostilities stalled": what the talks were
            # about stands inside their subject.
            continue
        if result[k][2] == 0.0 and "topic" in result[k][3]:
            # "The talks on sanctions collapsed": the topic stands inside the subject.
            continue
        if k in absorbed or (term.weight or 0.0) * sign <= 0 or not _fails(toks, t_end, at, 8):
            break
        before = result[k][3]
        if "negated" in before or "reversed" in before:
            break
        if not term.background or sign < 0:
            head = k
    if head < 0:
        return False
    if drop:
        absorbed.update(range(head, upto))
        return True
    entry, phrase, factor, why = result[head]
    cues = [*why, "reversed", "breach"] if breach else [*why, "reversed"]
    result[head] = (entry, phrase, factor * p.reversed, cues)
    absorbed.update(range(head + 1, upto))
    return True


def _phrase(toks: list[str], start: int, end: int) -> str:
    """The surface words of a multi-word match, without edge punctuation."""
    return " ".join([clean(t) for t in toks[start:end]])


def _cues(
    p: Params,
    toks: list[str],
    cues: list[Match],
    buts: list[int],
    weighted: list[Match],
    start: int,
    end: int,
    weight: float,
    factor: float,
    why: list[str],
    flips: bool,
    has_past: bool,
    warning: bool = False,
) -> tuple[float, int]:
    """``factor`` scaled by every cue that frames the term at ``start:end``.

    Appends cue names to ``why``. Also returns the index of a weighted term
    the caller must drop (a reverser whose own weight the flip replaces), or -1.
    ``flips`` / ``has_past``: whether any cue can flip a term / recalls the past;
    ``warning``: the term is a warning, which no hedge discounts.
    """
    absorb = -1
    ended = -1  # where "no longer" ended a hostile state: it frames no contrast then
    marvel = marvelled(toks) if toks[0] in _MARVELLERS else -1
    flip = _flip(toks, cues, weighted, start, weight) if flips else None
    if flip is None and flips and weight > 0 and toks[0] in _NO_ONE_DID:
        flip = _no_one_did(toks, cues, start)
    if flip is not None:
        c_start, role = flip
        if role == "reversed" and weight < 0:
            ended = c_start
        if role == "negated":
            factor *= p.negated_conflict if weight < 0 else p.negated_engagement
        else:
            factor *= p.reversed
        why.append(role)
        for i, (t_start, _, term) in enumerate(weighted):
            # Why: "lifted sanctions" is one act of easing; the reverser's
            # own (negative) weight must not cancel it.
            if t_start == c_start and ((term.weight or 0.0) < 0) != (weight * factor < 0):
                absorb = i
    for c_start, c_end, cue in cues:
        if c_end > start:
            break
        kind = cue.frame
        if not kind or c_start == ended:
            continue
        if kind == "hedge":
            if warning and cue.weight is None:
                # Why: "it would face the consequences" is how a warning is said;
                # its "would" promises, it does not doubt.
                continue
            if marvel >= 0 and c_start > marvel and toks[c_start] == "would":
                # "Nobody could have imagined that X and Y would be partners": it came to be.
                continue
            if c_start >= 2 and toks[c_start] == "would" and _told_of(toks, c_start):
                # Why: "Rome said it would work with Tripoli", "the minister said Bangkok
                # and Phnom Penh would jointly develop the border area": reported speech
                # puts a "will" into "would"; what was announced is no conjecture.
                continue
            if start - c_end <= 5 and "hedged" not in why and open_clause(toks, c_end, start):
                if (
                    (cue.weight or 0.0) > 0
                    and weight * factor < 0
                    and start - c_end <= 2
                    and not any(c_end <= m[0] < start for m in weighted)
                ):
                    # Why: readiness takes the sign of what it is ready for: "stands
                    # ready to impose sanctions" threatens them. The willing cue's own
                    # warmth goes; the act, only intended, stays hedged.
                    factor *= p.hedged
                    if absorb < 0:
                        absorb = next((i for i, m in enumerate(weighted) if m[0] == c_start), -1)
                else:
                    # Why: a weighted intent cue ("threatened to") already
                    # carries the event; what it governs is only intended.
                    factor *= p.intent if cue.weight is not None else p.hedged
                why.append("hedged")
        elif kind == "contrast":
            if (
                "contrast" not in why
                and not any(c_end <= b < start for b in buts)
                # "Rather than confrontation, X and Y chose dialogue": an opening
                # contrast phrase ends at its comma; the main clause is the point.
                and not (c_start <= 1 and not open_clause(toks, c_end, start))
                # "moved from confrontation to cooperation": what follows "to" is reached.
                and not (cue.stems[-1] == "from" and "to" in toks[c_end:start])
                # "Who better than Norway to help ...?": the question's answer, affirmed.
                and not (cue.stems == _THAN and affirming_question(toks))
            ):
                factor *= p.contrast
                why.append("contrast")
        elif kind == "concessive":
            if "contrast" not in why and open_clause(toks, c_end, start):
                factor *= p.concessive
                why.append("contrast")
        elif kind == "reported":
            if (
                "reported" not in why
                and not _own_comment(toks, c_end, start)
                and not _owned_claim(toks, c_start, cue)
                # "X claims ..., yet its actions say otherwise": the rebuttal is not hearsay.
                and not any(c_end <= b < start for b in buts)
            ):
                factor *= p.reported
                why.append("reported")
        elif kind == "topic":
            if start - c_end <= 8 and "topic" not in why and open_clause(toks, c_end, start):
                factor *= p.topic
                why.append("topic")
        elif kind == "request":
            if "requested" not in why and (
                (
                    start - _addressed_to(toks, c_end, start) <= 10
                    and open_clause(toks, c_end, start)
                )
                or (start - c_end <= 16 and _asked_past_aside(toks, c_end, start))
            ):
                # Why: a cooperative act asked for is not done (a wish), but a
                # hostile one asked for ("we call for sanctions against X") is
                # the confrontation itself, so only the former is discounted.
                if weight > 0 or "negated" in why or "reversed" in why:
                    factor *= p.requested
                why.append("requested")
        elif (
            "circumstance" not in why
            and open_clause(toks, c_end, start)
            # "following the talks", not "we have followed with admiration" (one stem).
            and not (cue.stems == _FOLLOWING and toks[c_start].strip(EDGE).lower() != "following")
            # "the Malvinas, which the United Kingdom illegally occupies": a clause
            # that charges its act is the charge, not the scene.
            and not (start and toks[start - 1].strip(EDGE).lower() in _CHARGING)
            # "Namibia, which is an important partner for my country": a relative
            # clause that tells the party's bond with the speaker is the speaker's word.
            and not (
                toks[c_start] in _RELATIVES and not _TO_SPEAKER.isdisjoint(toks[end : end + 4])
            )
            # "Anyone who tries to split Taiwan from China will pay a heavy price": the
            # warning is the main clause, after the relative clause that names whom it warns.
            and not (warning and toks[c_start] in _RELATIVES)
        ):
            factor *= p.circumstance
            why.append("circumstance")
    if buts and "contrast" not in why and buts[-1] >= end:
        factor *= p.before_but
        why.append("contrast")
    if has_past:
        for c_start, c_end, cue in cues:
            if marvel >= 0 and c_start < marvel < start:
                continue  # "imagined twenty years ago that ...": when it was imagined
            if cue.past and (
                # An opening time ("In 2015, the world came together ...") dates the
                # main clause past its comma, but not a clause joined after it ("ended
                # two decades of hostility, and we congratulate both leaders"), nor one
                # that says "now" ("Once bitter enemies, they are now partners").
                (
                    0 <= start - c_end <= 10
                    and not _joined_clause(toks, c_end, start)
                    and _NOW.isdisjoint(toks[c_end:start])
                )
                or (
                    0 <= c_start - end <= 4
                    and open_clause(toks, end, c_start)
                    # "remain strained over history": the quarrel's topic, no time;
                    # "resumed talks after years of silence": the time before the act.
                    and toks[c_start - 1] not in ("over", "about", "after")
                    and not any(end <= s < c_start and "contrast" in c.roles for s, _, c in cues)
                )
            ):
                factor *= p.past
                why.append("past")
                break
    return factor, absorb


# Owners before "claims" that make it a noun of title ("Pakistan's claims on Kashmir",
# "its territorial claims"), not hearsay.
_CLAIM_OWNERS = frozenset({"its", "their", "his", "her", "our", "territorial", "maritime"})


def _owned_claim(toks: list[str], at: int, cue: Entry) -> bool:
    """True when the cue at ``at`` is "claims" owned by someone: a claim to a thing."""
    if cue.stems != ("claim",) or not at:
        return False
    before = toks[at - 1]
    return before.endswith(("'s", "s'")) or before in _CLAIM_OWNERS


# Verbs that put a measure in place: denied, what they would impose is not imposed.
# Reversers that take "from" a list or a status ("removed Cuba from the list of ...").
_REMOVING = frozenset({token_key(w) for w in ("remove", "removed", "removing", "removes")})
_WH = frozenset({"why", "how"})
_LISTS = frozenset({"list", "lists", "blacklist", "blacklists"})
_URGING = frozenset(
    {"urge", "urged", "urges", "urging", "ask", "asked", "asks", "call", "called", "calls"}
    | {"demand", "demanded", "demands", "request", "requested", "requests"}
)
_IMPOSING = frozenset({"impose", "imposing", "levy", "levying", "slap", "introduce"})
_SPANS = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "year", "years"}
    | {"hours", "a", "one", "two", "three", "four", "six", "90", "30", "60"}
)


def _duration(toks: list[str], at: int, end: int) -> int:
    """How many tokens from ``at`` (before ``end``) are a duration: "for three months",
    "temporarily", "indefinitely"."""
    if at < end and toks[at].strip(EDGE) in ("temporarily", "indefinitely"):
        return 1
    if at + 2 < end and toks[at] == "for" and toks[at + 2].strip(EDGE) in _SPANS:
        return 3 if toks[at + 1].strip(EDGE) in _SPANS or toks[at + 1].isdigit() else 0
    return 0


def _flip(
    toks: list[str],
    cues: list[Match],
    weighted: list[Match],
    start: int,
    weight: float,
) -> tuple[int, str] | None:
    """The nearest cue within three words that denies or undoes the term at ``start``."""
    for c_start, c_end, cue in reversed(cues):
        if c_end > start:
            continue
        # Why longer for a phrase that spoils ("has yet to fulfil a single one of its
        # commitments", "runs counter to the spirit of the agreement"): its object is
        # a noun phrase, often a long one; a one-word cue reaches three words.
        reach = 6 if cue.flip == "spoiler" and len(cue.stems) > 1 else 3
        # Why: a denial runs through a list joined by "or" / "nor" ("we do not seek
        # conflict or a new Cold War"): neither is sought.
        listed = cue.flip == "negator" and not _OR.isdisjoint(toks[c_end:start])
        if listed:
            reach = 7
        # "It is not true that X and Y are at odds": the whole clause is denied, its
        # parties' "and" included.
        untrue = (
            cue.flip == "negator"
            and cue.stems[-1] == _THAT_KEY
            and not _TRUTH.isdisjoint(cue.stems)
        )
        if untrue:
            reach = 12
        elif cue.flip == "negator" and c_end < start <= c_end + 8 and toks[c_end] in _REGARDING:
            # "Seoul no longer views Tokyo as an adversary", "does not consider Caracas
            # a reliable partner": the denied verb reaches what it calls the party.
            reach = start - c_end
        elif (
            cue.flip == "negator"
            and c_start == 0
            and len(cue.stems) > 1
            and start <= c_end + 14
            and toks[start - 1] in _PASSIVE_AUX
        ):
            # "Not a single one of the pledges Moscow made in Minsk has been honoured":
            # the denied subject denies its predicate, past its own long name.
            reach = start - c_end
        if cue.flip in ("reverser", "negator"):
            # "will suspend for three months additional tariffs": a duration between
            # the act and its object does not count toward the reach.
            reach += _duration(toks, c_end, start)
        if (
            cue.flip == "reverser"
            and reach < start - c_end <= reach + 2
            and _modifiers_joined(toks, weighted, c_end, start)
        ):
            # "cut off climate and military talks": the joined words modify its object.
            reach = start - c_end
        if start - c_end > reach and cue.flip == "negator" and weight < 0:
            # "agreed not to impose new additional tariffs": a denied imposition
            # reaches what it would impose.
            c_end = next(
                (k + 1 for k in range(c_end, min(start, c_end + reach))
                 if toks[k].strip(EDGE) in _IMPOSING),
                c_end,
            )  # fmt: skip
        if start - c_end > reach and cue.flip == "negator" and weight > 0:
            # Why: a denial reaches the object of the verb it denies ("not living up
            # to its commitments"): counted from the end of that verb, when it is a
            # term of the same sign within the cue's own reach.
            c_end = max(
                (t_end for t_start, t_end, term in weighted
                 if c_end <= t_start <= c_end + reach and t_end <= start
                 and (term.weight or 0.0) * weight > 0
                 # Not past a comma: in "Far from isolating Cuba, the summit
                 # welcomed it back" the summit is no object of the denial.
                 and open_clause(toks, c_end, t_start)),
                default=c_end,
            )  # fmt: skip
        if (
            cue.flip == "reverser"
            and cue.stems[0] in _REMOVING
            and "from" in toks[c_end:start]
            and start - toks.index("from", c_end, start) <= 7
            and not _LISTS.isdisjoint(map(str.strip, toks[c_end : start + 3], repeat(EDGE)))
            # Not a removal asked for ("urged the US to remove refrigerators from the
            # tariff list"): a request's own reach decides it.
            and _URGING.isdisjoint(toks[max(c_start - 6, 0) : c_start])
        ):
            # "the decision to remove the Institute of Forensic Science from the entity
            # list", "removed Cuba from the list of state sponsors of terrorism": what it
            # is removed from is undone, past the object's long name. Only a list: a
            # party removed "from the preferential tariffs framework" loses a benefit.
            reach = start - c_end
        if start - c_end > reach or not open_clause(toks, c_end, start):
            return None
        if cue.flip == "negator" and not _WH.isdisjoint(toks[c_end:start]):
            # "has yet to explain why it detained the researcher": what the question
            # asks about happened; only the answer is denied.
            return None
        if cue.stems[0] in _NOMINAL_DENIALS and not _COPULAS.isdisjoint(toks[c_end:start]):
            # "The junta's refusal to hold elections is unacceptable": what follows
            # the verb judges the refusal; it is not refused.
            return None
        if (
            not untrue
            and _joined(toks, c_end, start)
            and not (cue.flip == "reverser" and _modifiers_joined(toks, weighted, c_end, start))
            and not (
                listed
                and _CONJUNCTIONS.isdisjoint(
                    w for w in map(str.strip, toks[c_end:start], repeat(EDGE)) if w not in _OR
                )
            )
        ):
            return None
        # An act of the other sign in between ends the cue's reach ("combat
        # terrorism, comply with ..." does not undo "comply"); a topic word does
        # not ("withdrawal from the nuclear deal").
        for t_start, t_end, term in weighted:
            if (
                c_end <= t_start < start
                and (term.weight or 0.0) * weight < 0
                and not term.background
                # "ending a prolonged extradition fight": a word right before the term
                # modifies it; it is no act of its own.
                and not (
                    t_end == start and cue.flip == "reverser" and _head_of_quarrel(weighted, start)
                )
            ):
                return None
        flip = cue.flip
        if (
            flip == "reverser"
            and toks[c_end - 1].strip(EDGE).lower() in _ENDED
            and toks[c_end : c_end + 1] in (["in"], ["with"])
        ):
            # "The war ended in an armistice", "the summit ended with both sides
            # trading accusations": what follows is its outcome, not something ended.
            return None
        if flip == "reverser" and weight > 0 and toks[c_end - 1].strip(EDGE).lower() in _WAIVING:
            # "China waived interest-free loans owed by seventeen countries": what is
            # waived is owed; waiving a loan forgives it, it undoes no cooperation.
            return None
        if flip == "reverser" and weight > 0 and toks[c_end - 1].strip(EDGE).lower() in _EASING:
            # "opened a border crossing to ease trade" (-0.19): what is eased is
            # made easier, not undone.
            return None
        if (
            flip == "reverser"
            and c_end < len(toks)
            and toks[c_end] in _MEANS
            and toks[c_end - 1].strip(EDGE).lower() in _RESOLVING
        ):
            # "disputes settled by negotiations": what follows is the means, not
            # something undone (what stands before, "the dispute was settled by the
            # Court", still is). A denial before it still reaches ("cannot be resolved
            # by military means").
            continue
        if flip == "negator":
            if c_start == 0 and _never_so(toks):
                # "Never has the partnership between Lisbon and Luanda been so strong",
                # "Never have relations been better": an inverted "never" with a degree
                # says "as never before"; it denies nothing.
                return None
            if _outdone(toks, c_end, start) or _doubly_denied(toks, c_start):
                # "No country has done more than Norway to support the peace process";
                # "There is not a single issue on which Brasilia and Buenos Aires cannot
                # find common ground": the denials affirm.
                return None
            if weight < 0 and (cue.stems in _NOT_EVEN or _withheld(toks, weighted, c_end, start)):
                # Why: "has not even condemned the hostage-taking" reproaches an
                # omission; the condemnation it misses is not turned into praise.
                # So does "refused to condemn the invasion", and the invasion it
                # names stays what it was.
                return None
            if (
                weight < 0
                and cue.stems[-1] in _WITHOUT
                and any(
                    c_end <= t_start <= start and term.stems[0] in _PROVOCATION
                    for t_start, _, term in weighted
                )
            ):
                # "X invoked self-defence in the absence of any prior provocation or
                # attack", "struck without provocation": the act was unprovoked, a
                # charge against whoever did it; no hostility is denied.
                return None
            if weight < 0 and cue.stems == _NO_LONGER:
                # Why: "the two countries are no longer on a collision course": the
                # hostile state is over, as when tensions ease.
                return c_start, "reversed"
            if (
                _no_reason(toks, c_start)
                or (c_start < 5 and affirming_question(toks))
                or (toks[0] == "without" and _but_for(toks))
            ):
                # Why: "there is no reason why X and Y cannot be partners" and
                # "why would we not welcome ...?" deny the denial: they can, we do.
                return None
            return c_start, "negated"
        if (
            flip == "reverser"
            and c_end < len(toks)
            and toks[c_end - 1][-1] not in ",;:"
            and toks[c_end] in _THEN
            # "ended last year's dispute": "last" opens the object, dated.
            and not (c_end + 1 < len(toks) and toks[c_end + 1].endswith(("'s", "\u2019s")))
        ):
            # "Relations froze after the arrest", "tensions eased after the call": the
            # reverser takes no object, so what follows it is not undone. (Not "in" or
            # "on": "a cut in tariffs", "a freeze on settlements" take theirs so.)
            return None
        if (
            flip == "reverser"
            and any(t_start == start and term.stems[0] in _FAILING for t_start, _, term in weighted)
            and any(c_end <= t_start < start for t_start, _, _ in weighted)
        ):
            # "The talks on a cessation of hostilities stalled": the reverser's object
            # came first; the failing predicate after it tells of the subject.
            return None
        if (
            flip == "reverser"
            and cue.stems[-1] == "of"
            and c_end < start
            and toks[start - 1] not in _GOVERNING
            and (toks[start].rstrip(".,;:") in _PREDICATES or toks[start].endswith("ed"))
        ):
            # "Russia's suspension of New START undermines the arms control
            # architecture": the nominal reverser's object came first; the verb after
            # it is the sentence's predicate, not undone.
            return None
        if flip == "reverser" and not _AFTER.isdisjoint(toks[c_end:start]):
            # "The African Union suspended Gabon after the coup": the reverser's
            # object ended before "after"; the coup it follows is not undone.
            return None
        if flip == "spoiler" and weight < 0 and _denied(toks, cues, c_start):
            # Why: in "has not ruled out new sanctions" or "did not block the strikes"
            # the denial is the verb's: what it governs stands as told (a threat kept
            # open), and the negator before the verb does not reach past it.
            return None
        if (
            flip == "acceptor"
            and weight < 0
            and cue.stems[0] in _AGREEING
            and start == c_end
            and not toks[start].endswith("s")
        ):
            # "agreed to impose tariffs": the act agreed on is done, not given in to
            # (as "agreed to the demands" gives in).
            return None
        if (
            flip == "acceptor"
            and weight < 0
            and cue.stems[0] == _RESPOND
            and any(
                t_start == start and term.stems[0] in _ANSWERED_IN_KIND
                for t_start, _, term in weighted
            )
        ):
            # "We will respond to the American sanctions": retaliation, not yielding
            # (as "responded to their concerns" meets them, "respond to the crisis"
            # addresses it).
            return None
        if (
            flip == "reverser"
            or (flip == "spoiler" and weight > 0)
            or (flip == "acceptor" and weight < 0)
        ):
            if _denied(toks, cues, c_start):
                # Why: in "has never stopped its attacks", "refused to lift
                # its sanctions" or "did not reject the talks" the undoing did
                # not happen: the term keeps its own sign.
                return None
            if weight < 0 and _designation(weighted, start):
                # Why: "the elimination of the imperialist intervention", "an end
                # to the racist regime" ask a party, named by its charge, to go:
                # the charge stands.
                return None
            return c_start, "reversed"
    return None


# Subjects that deny the whole predicate ("Neither X nor Y has shown any interest in ...").
_NO_ONE_DID = frozenset({"neither", "none", "nobody", "no"})


def _no_one_did(toks: list[str], cues: list[Match], start: int) -> tuple[int, str] | None:
    """A cooperative term in the predicate of a denied subject: "Neither X nor its allies
    have shown any interest in a negotiated settlement", "None of the parties attended the
    talks". The sentence's opening negator reaches its first clause (at most 14 words).
    Not a hostile term: "No solution can result from the subjugation of X" denies no
    subjugation."""
    if start > 14 or not open_clause(toks, 1, start) or _outdone(toks, 1, start):
        # "No country has done more than Norway to support the peace process": praise.
        return None
    opened = False
    for c_start, _, cue in cues:
        if c_start >= start or (c_start > 0 and not opened):
            break
        if c_start == 0 and cue.flip == "negator":
            opened = True
        elif cue.flip in ("spoiler", "reverser"):
            # "Neither Seoul nor Tokyo wants the dispute to derail their cooperation":
            # what is denied is the derailing; the cooperation stands.
            return None
    return (0, "negated") if opened else None


def _denied(toks: list[str], cues: list[Match], at: int) -> bool:
    """True when the flip cue nearest before the cue at ``at`` is a negator within two
    words of it ("not" denies "ceased" in "has not ceased its violations", not the
    violations). Not across "and" or "but": in "kept none and broke the truce" the
    breaking is told, not denied."""
    last: Match | None = None
    for match in cues:
        if match[0] >= at:
            break
        if match[2].flip:
            last = match
    if last is not None and last[0] == 0 and last[2].stems in _NOT_EVEN and at - last[1] <= 5:
        # "Not even the war could break the friendship": the subject is denied, and
        # with it the whole predicate.
        return open_clause(toks, last[1], at)
    return (
        last is not None
        and last[2].flip == "negator"
        and (
            at - last[1] <= 2
            # "Neither Seoul nor Tokyo wants the dispute to derail their cooperation":
            # what no one wants is denied.
            or (at - last[1] <= 9 and not _WANTING.isdisjoint(toks[last[1] : at]))
        )
        and open_clause(toks, last[1], at)
        and _AND_BUT.isdisjoint(toks[last[1] : at])
    )


_WANTING = frozenset({"want", "wants", "wanted", "wish", "wishes", "intend", "intends", "allow"})
_PASSIVE_AUX = frozenset({"been", "was", "were", "is", "are", "be"})
_MORE = frozenset({"more", "better", "greater", "harder"})
_RELATIVE = frozenset({"which", "whom", "where"})
_QUANTIFIED = frozenset({"no", "not", "hardly", "scarcely", "barely"})


def _never_so(toks: list[str]) -> bool:
    """True for "Never has/have/was ... so/more/better ...": an inverted "never" that
    opens the sentence and a word of degree after it."""
    return (
        len(toks) > 3
        and toks[0] == "never"
        and toks[1] in _INVERTED
        and not _DEGREE.isdisjoint(t.strip(EDGE) for t in toks[2:])
    )


_INVERTED = frozenset({"has", "have", "had", "was", "were", "is", "are", "did"})
_DEGREE = frozenset(
    {"so", "more", "better", "stronger", "closer", "greater", "warmer", "deeper", "higher"}
)


def _outdone(toks: list[str], c_end: int, start: int) -> bool:
    """True when "more than" lies between a negator and its term: "No country has done
    more than Norway to support ..." praises Norway."""
    if "than" not in toks[c_end:start]:
        return False
    return toks[toks.index("than", c_end, start) - 1] in _MORE


def _doubly_denied(toks: list[str], c_start: int) -> bool:
    """True when the negator at ``c_start`` stands in a relative clause whose head a
    denial quantifies: "there is not a single issue on which X and Y cannot agree",
    "hardly a sector in which they do not cooperate"."""
    for r in range(c_start - 1, max(c_start - 8, 0), -1):
        if toks[r] in _RELATIVE:
            return not _QUANTIFIED.isdisjoint(toks[max(r - 5, 0) : r])
    # "There is nothing Accra and Lomé cannot resolve through dialogue": the relative
    # pronoun left out after "nothing".
    return toks[c_start] in _CANNOT and "nothing" in toks[max(c_start - 7, 0) : c_start - 1]


_CANNOT = frozenset({"cannot", "can't", "not", "couldn't", "don't", "won't"})


# What share of its governing act's weight an object may weigh at most.
_OBJECT_SHARE = 0.5


def _governed(
    toks: list[str],
    governors: list[tuple[int, float, int]],
    start: int,
    weight: float,
) -> float:
    """The weight of an act of the other sign that governs the term from just
    before it, or 0.0 when none does.

    ``governors`` are the sentence's verb-headed acts as ``(end, weight, reach)``
    in order; a spoiler's object reaches eight words ("rejected an offer of
    direct talks"), other verbs' three.
    """
    for t_end, t_weight, reach in governors:
        if t_end > start:
            return 0.0
        if start - t_end > reach or t_weight * weight >= 0:
            continue
        if open_clause(toks, t_end, start) and not _joined(toks, t_end, start):
            return t_weight
    return 0.0


def _designation(weighted: list[Match], start: int) -> bool:
    """True when the term at ``start`` is a party named by a charge ("the imperialists",
    "the occupation regime"): a designation, not an act that can be undone."""
    return any(t_start == start and term.party == "other" for t_start, _, term in weighted)


def _no_reason(toks: list[str], start: int) -> bool:
    """True when "no reason why / that" ends at most eight words before ``start``, in
    the same clause: the negator at ``start`` is itself denied."""
    for i in range(max(0, start - 10), start - 2):
        if (
            toks[i].lower() == "no"
            and toks[i + 1].lower() == "reason"
            and toks[i + 2].strip(EDGE).lower() in ("why", "that")
        ):
            return open_clause(toks, i + 1, start)
    return False


def _but_for(toks: list[str]) -> bool:
    """True when a sentence that opens with "without" says what would not have been
    ("Without Qatar's help, the hostages would not have been freed"): the help is
    credited, and neither denial stands."""
    return any(
        toks[i] in _COUNTERFACTUAL and toks[i + 1] in ("not", "never") and toks[i + 2] == "have"
        for i in range(2, len(toks) - 2)
    ) or any(w in ("wouldn't", "couldn't") for w in toks)


_COUNTERFACTUAL = frozenset({"would", "could", "might"})


def wondering_question(toks: list[str]) -> bool:
    """True for a question that marvels at what came to pass: "Who could have imagined,
    ten years ago, that Athens and Ankara would sign a friendship declaration?", "Who
    would have thought that ...?" It argues nothing against anyone."""
    if not toks or toks[-1][-1:] != "?" or len(toks) < 4 or toks[0].lower() != "who":
        return False
    return toks[1] in ("could", "would") and toks[2] == "have" and (toks[3].strip(EDGE) in _WONDER)


def marvelled(toks: list[str]) -> int:
    """Where the clause marvelled at starts (its "that"), or -1: "Nobody could have
    imagined twenty years ago that Hanoi and Washington would be strategic partners",
    "Who would have thought that ...?". Its "would" tells what came to pass, and a time
    before the "that" dates the imagining, not the act."""
    first = toks[0] if toks else ""
    if first not in _MARVELLERS or len(toks) < 6:
        return -1
    at = 1
    if first == "no":  # "No one could have imagined ..."
        if toks[1] != "one":
            return -1
        at = 2
    if toks[at] not in ("could", "would") or toks[at + 1] != "have":
        return -1
    if toks[at + 2].strip(EDGE) not in _WONDER:
        return -1
    for i in range(at + 3, min(at + 12, len(toks))):
        if toks[i] == "that":
            return i
    return -1


_MARVELLERS = frozenset({"who", "nobody", "no", "few"})


_WONDER = frozenset({"imagined", "thought", "believed", "predicted", "guessed", "dreamed"})


def affirming_question(toks: list[str]) -> bool:
    """True for a question that asks why not, and so affirms: "Why would we not welcome a
    neighbour that has chosen dialogue?", "Why shouldn't our two countries cooperate?",
    "How could we not support them?". A modal opens it, and its negator stands within
    its first five words."""
    if not toks or toks[-1][-1:] != "?":
        return False
    if not _BETTER.isdisjoint(toks[1:5]) and "than" in toks:
        # "Is there a better example of good-neighbourliness than X?", "What better proof
        # of our friendship than ...?", "Who better than Norway to facilitate the talks?"
        return toks[0].lower() in _BETTER_OPENERS
    if toks[0].lower() not in ("why", "how"):
        return False
    head = [t.lower().strip(EDGE) for t in toks[1:5]]
    # A modal asks why not; "why has X not apologised?" reproaches a failure.
    if not head or head[0] not in _WHY_NOT:
        return False
    return "not" in head or any(t.endswith("n't") for t in head)


_BETTER = frozenset({"better", "clearer", "greater", "stronger", "finer"})
_THAN = (token_key("than"),)
_BETTER_OPENERS = frozenset({"is", "what", "who", "could", "can", "where"})
_WHY_NOT = frozenset(
    {"would", "should", "could", "can", "not", "wouldn't", "shouldn't", "couldn't", "can't"}
)
