"""The lexicon scorer: terms of diplomatic action, weighed by how they are framed.

For each sentence the scorer finds lexicon terms and framing cues (matching
on light stems), lets :mod:`monitor.tone.frame` scale each term by its cues,
and weighs the sentence by how much it is about the watched actors. Each
sentence leans by the net of its contributions over their gross and is as sure
as its gross over gross plus a small prior, so thin evidence stays near
neutral; the article's tone is its sentences' certainty-weighted lean times
their combined certainty (:func:`combine`).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter

from monitor.models import Evidence, Label, ToneScore
from monitor.tone.actors import ActorFocus
from monitor.tone.frame import (
    DATING,
    FIRST_PERSON,
    YEAR,
    Match,
    Params,
    Term,
    frame,
    open_clause,
)
from monitor.tone.lexicon import Entry, phrase_stems
from monitor.tone.parties import (
    AUXILIARY,
    CAPITAL_KEYS,
    LOCATIVE,
    NAMED_AFTER,
    QUESTIONS,
    SPEAKING,
    TOPICAL,
    joins_states,
    speaker_names,
)
from monitor.tone.stance import (
    PAIRS,
    THANKS,
    asked_passive,
    backs_hostile,
    belied,
    mocks,
    professes,
    restructure,
    thanked,
)
from monitor.tone.stance import WORDS as STANCE_WORDS
from monitor.tone.text import (
    CLAUSE_MARKS,
    EDGE,
    STEMS,
    clause_tokens,
    compound_tail,
    normalise,
    split_sentences,
    stem,
    strip_boilerplate,
    token_key,
    tokens,
    transcript_turns,
    word_keys,
    word_set,
)
from monitor.tone.vocabulary import IS_CHARGE, IS_INTERSTATE, IS_STATE

__all__ = ["LexiconScorer", "Params"]

Item = tuple[str, float, str, str, str, str]  # phrase, weight, sentence, cue, speaker, target
Parts = tuple[float, Label, float, list[Item], int, int]


class _TokenKeys(dict[str, str]):
    """Raw token → its lexicon key, or "" when the lexicon uses no such key.

    Why a dictionary that fills itself: the scan looks up every token of a
    sentence with ``map(keys.__getitem__, tokens)``, all in C; only a token
    it has not seen calls back into Python, through ``__missing__``.
    """

    __slots__ = ("_vocab",)

    def __init__(self, vocab: frozenset[str]) -> None:
        super().__init__()
        self._vocab = vocab

    def __missing__(self, token: str) -> str:
        # token_key, inlined with its stem cache: this runs for every fresh
        # token of a batch.
        word = token.strip(EDGE)
        if len(word) == 4 and word.isdigit() and (word[0] == "1" or word[:2] == "20"):
            key = YEAR
        else:
            if word[-2:] == "'s":
                word = word[:-2]
            cached = STEMS.get(word)
            key = stem(word) if cached is None else cached
        if key not in self._vocab:
            # The tail stemmed on its own: "Sino-U.S" ends in "u.s", not the "u."
            # that stemming the whole word leaves.
            key = compound_tail(word) if "-" in key else ""
            if key not in self._vocab:
                key = ""
        if len(self) < 200_000:
            self[token] = key
        return key


class LexiconScorer:
    """Scores text on the engagement (+1) ↔ confrontation (−1) axis."""

    __slots__ = (
        "_call_on", "_firsts", "_focus", "_keys", "_needs", "_should", "_states", "_vocab",
        "_year", "params",
    )  # fmt: skip

    def __init__(
        self,
        index: Mapping[str, tuple[Entry, ...]],
        *,
        focus: ActorFocus | None = None,
        params: Params | None = None,
    ) -> None:
        self._focus = focus if focus is not None and focus.active else None
        self.params = params or Params()
        self._year = Entry.make((YEAR,), "in <year>", None, ("past",))
        # "X should stop ..." asks of X what "X must stop ..." does, with the
        # weight and evidence strength "must" has here.
        must = next((e for e in index.get("must", ()) if e.stems == ("must",)), None)
        self._should = (
            Entry.make(("should",), "should", must.weight, ("request",), strength=must.strength)
            if must is not None and must.weight is not None
            else _SHOULD
        )
        # "X needs to / has to stop ..." asks of X what "X must stop ..." does.
        self._needs = Entry.make(
            ("need", "to"), "needs to", self._should.weight, ("request",),
            strength=self._should.strength,
        )  # fmt: skip
        # "We appeal to X to cease ...", "X proposed that Y withdraw" call on Y as
        # "we call on Y to" does: the lexicon's own entry stands in for them.
        self._call_on = next(
            (e for e in index.get("call", ()) if e.stems == ("call", "on") and e.weight),
            None,
        )
        index = {**index, YEAR: (self._year,)}
        self._vocab = frozenset(
            {s for entries in index.values() for e in entries for s in e.stems}
            | STANCE_WORDS
            | LOCATIVE
            | TOPICAL
        )
        # first key → (its one-word entry, {second key: longer entries, longest
        # first}, the one-word entry's roles as bits: weighted 1, cue 2, year 4,
        # state 8, other party 16). Why bits: the scan tests them per hit.
        self._firsts: dict[str, tuple[Entry | None, dict[str, list[Entry]], int]] = {}
        for first, entries in index.items():
            single = next((e for e in entries if len(e.stems) == 1), None)
            longer: dict[str, list[Entry]] = {}
            for e in entries:
                if len(e.stems) > 1:
                    longer.setdefault(e.stems[1], []).append(e)
            roles = 0
            if single is not None:
                roles = (
                    (1 if single.weight is not None else 0)
                    | (4 if single is self._year else 2 if single.cue else 0)
                    | (8 if single.party == "state" else 16 if single.party else 0)
                )
            self._firsts[first] = (single, longer, roles)
        # The words a state's name begins with ("afghanistan", "burkina").
        self._states = frozenset(
            first for first, entries in index.items() if any(e.party == "state" for e in entries)
        )
        # Raw token → its key when the lexicon uses that key, else "": one
        # dictionary lookup per token on the hot path.
        self._keys = _TokenKeys(self._vocab)

    def _find(
        self, toks: list[str]
    ) -> tuple[list[Match], list[Match], list[Match], list[str], bool]:
        """Longest-first lexicon matches: ``(terms, cues, parties, keys, placed)``.

        ``terms`` are the matches with a weight, ``cues`` those that frame
        others (an entry can be both, e.g. "threatened to"), ``parties`` the
        names of parties (a state's name after "in", "across" ... is a place,
        not a party); all in order. ``keys`` are the tokens' keys ("" for a
        word no rule looks at). ``placed``: a state is named, but only as a place
        ("the crisis in Mali").
        """
        # In C but for the tokens never seen before (see _TokenKeys).
        keys = list(map(self._keys.__getitem__, toks))
        firsts = self._firsts
        # compress/map keep this scan over every token in C.
        hits = list(compress(range(len(keys)), map(firsts.__contains__, keys)))
        weighted: list[Match] = []
        cues: list[Match] = []
        parties: list[Match] = []
        placed = False
        if not hits:
            return weighted, cues, parties, keys, placed
        last = len(keys) - 1
        upto = 0
        for i in hits:
            single, longer, roles = firsts[keys[i]]
            if not roles and (i == last or keys[i + 1] not in longer):
                # Only the first word of phrases, and none of them goes on here
                # (most hits: "the", "in", "a" ...).
                continue
            if i < upto:
                continue
            # Why the punctuation check: a phrase never spans "sanctions, talks".
            if longer and i < last:
                candidates = longer.get(keys[i + 1])
                if (
                    candidates
                    and toks[i][-1] not in CLAUSE_MARKS
                    and toks[i + 1][0] not in CLAUSE_MARKS
                ):
                    for entry in candidates:
                        size = len(entry.stems)
                        if size == 2 or tuple(keys[i : i + size]) == entry.stems:
                            upto = i + size
                            match = (i, upto, entry)
                            if entry.weight is not None:
                                weighted.append(match)
                            if entry.cue:
                                cues.append(match)
                            if entry.party:
                                if _actor(entry.party, keys, i, upto, toks):
                                    parties.append(match)
                                elif entry.party == "state":
                                    placed = True
                            break
                    if upto > i:
                        continue
            if roles == 1:
                # A weighted word and nothing else (the common hit).
                weighted.append((i, i + 1, single))  # type: ignore[arg-type]
                continue
            if not roles:
                continue
            # A one-word match blocks nothing after it: ``upto`` stays.
            match = (i, i + 1, single)  # type: ignore[assignment]
            if roles & 1:
                weighted.append(match)
            if roles & 2:
                cues.append(match)
            elif roles & 4 and i > 0 and toks[i - 1].strip(EDGE) in DATING:
                # A year is a cue only when dated ("in 2001", "since 1998").
                cues.append(match)
            if (roles & 16 and not _regional(toks, keys, i, self._states)) or (
                roles & 8 and _actor("state", keys, i, i + 1, toks)
            ):
                parties.append(match)
            elif roles & 8:
                placed = True
        return weighted, cues, parties, keys, placed

    def sentence_evidence(self, sentence: str, relevance: float = 1.0) -> list[Evidence]:
        """Every weighted term of one sentence with its framed contribution."""
        return [
            Evidence(phrase, entry.weight * factor, sentence, ",".join(why))  # type: ignore[operator]
            for entry, phrase, factor, why in self.sentence_terms(sentence, relevance)
        ]

    def sentence_terms(self, sentence: str, relevance: float = 1.0) -> list[Term]:
        """``(entry, surface phrase, factor, cues)`` for each weighted term of a sentence.

        A term's contribution is ``entry.weight * factor``; ``factor`` holds the
        framing cues and the sentence's relevance. Fitting uses this directly.
        """
        return self._sentence(sentence, relevance)[0]

    def _sentence(
        self,
        sentence: str,
        relevance: float,
        own: frozenset[tuple[str, ...]] = frozenset(),
        asked: bool = False,
    ) -> tuple[list[Term], str, str]:
        """A sentence's framed terms, the party that speaks and the one it is aimed at.

        ``own``: the name stems of the party known to speak the text (a
        feed's or a row's speaker); where the sentence names it, it is the
        one speaking, not one spoken of. ``asked``: a journalist's question in
        a transcript, which asks and is no rhetorical question.
        """
        toks = tokens(sentence)
        weighted, cues, parties, keys, placed = self._find(toks)
        if weighted and weighted[-1][0] > 2 and toks[-1].rstrip(".\"'") in _ATTRIBUTING:
            # ", the envoy said.": who said it is named, not an act.
            tail = _attribution(toks)
            weighted = [m for m in weighted if m[0] < tail]
        if "ooperation" in sentence or "artnership" in sentence:
            words = sentence.split()
            weighted = [m for m in weighted if not _in_a_name(words, m[0], m[1])]
        if weighted and not _HAZARDS.isdisjoint(toks):
            weighted = _natural(toks, weighted)
        if weighted and "demand" in sentence and not _MARKET.isdisjoint(toks):
            # "Oil prices rose as traders weighed Chinese demand": what buyers want.
            weighted = [m for m in weighted if not _bought(toks, m)]
        if not _NOT_THE_ACT.isdisjoint(toks):
            # "China will release its trade figures on Friday": what is released is
            # published, no one set free; "bases to meet China challenge": a challenge
            # met is no meeting.
            weighted = [m for m in weighted if not _other_sense(toks, m)]
            # Nor is it a cue: "A statement released by Bolivia criticised Chile"
            # accepts nothing.
            cues = [c for c in cues if not _other_sense(toks, c)]
        if "rocket" in sentence and not _SPACE.isdisjoint(toks):
            # "an out-of-control Chinese rocket that could reenter the atmosphere": a
            # launcher, no weapon fired.
            weighted = [m for m in weighted if not _launcher(toks, m)]
        if "eaffirm" in sentence and len(weighted) > 1:
            weighted = _restated(toks, weighted)
        if weighted and not _REFLEXIVE.isdisjoint(toks):
            # Thanks name a helper other than the one whose people are helped.
            hop = THANKS.isdisjoint(keys)
            weighted = [m for m in weighted if not _self_served(toks, m, hop)]
        if not weighted:
            return [], "", ""
        if cues and ("upport" in sentence or "ndors" in sentence or "dvocat" in sentence):
            weighted, cues = _advocated(toks, weighted, cues)
        if cues and " than " in sentence:
            cues = [c for c in cues if not _counted(toks, c)]
        if "regime" in sentence:
            parties = _named_regimes(toks, sentence.split(), parties)
        speaker = target = ""
        speaker_match = None
        if parties and not own:
            if toks[0] in _AS and len(toks) > 4:
                # "As a small island developing State, Tuvalu faces ...": the state that
                # opens the sentence after its own description is the one speaking.
                own = _described_self(toks, parties)
            elif "y country" in sentence or "I represent" in sentence:
                # "Bhutan, my country, has ...", "The Government of Nepal, which I
                # represent, ...": the speaker names itself.
                own = _named_self(toks, parties)
        if parties:
            named_all = parties
            speaker_match, parties = _roles(toks, parties, weighted)
            if speaker_match is not None and (
                backs_hostile(toks, keys, speaker_match[1])
                or professes(keys, speaker_match[1])
                or (" were " in sentence and mocks(sentence))
            ):
                # Why: "Pakistan's continued support for cross-border terrorism" tells
                # Pakistan's complicity; its help to a hostile party is no stance it takes.
                # "Serbia's leadership speaks of stability while arming its proxies":
                # what it says is the pretence the sentence exposes, as is a
                # commitment that "would be touching if it were true".
                parties = sorted([speaker_match, *parties])
                speaker_match = None
            if parties and not _ASSAULTS.isdisjoint(keys):
                parties = _unattacked(toks, keys, parties, named_all)
            if len(parties) > 1 and not _CONDEMNING.isdisjoint(keys):
                parties = _co_condemners(toks, keys, parties)
            if own:
                # Why: when who speaks is known, its own name in the text is
                # self-description ("Kenya has always supported dialogue", said
                # by Kenya), and any other party, even one told as speaking
                # ("Uganda welcomed ..." in Kenya's statement), is spoken of.
                named = [speaker_match, *parties] if speaker_match is not None else parties
                # Not a compound of two states ("the Anglo-Irish agreement", said by
                # Ireland): that names the relation with the other.
                mine = [m for m in named if m[2].stems in own and not _joined(toks, m)]
                speaker_match = mine[0] if mine else None
                parties = sorted(m for m in named if m not in mine)
            words = sentence.split()
            if speaker_match is not None:
                speaker = _surface(words, speaker_match)
            if parties:
                target = _surface(words, parties[0])
        if parties and cues and "should" in keys:
            cues, weighted = _obliged(toks, cues, parties, weighted, self._should)
        if parties and "to" in toks and not _NEEDING_TO.isdisjoint(toks):
            cues, weighted = _needed(toks, cues, parties, weighted, self._needs)
        if parties and self._call_on is not None:
            if cues and not _CALLING.isdisjoint(keys):
                weighted = _appealed(toks, cues, parties, weighted, self._call_on)
            if not _PROPOSING.isdisjoint(toks):
                weighted, cues = _proposed(toks, parties, weighted, cues, self._call_on)
        # Why: diplomatic stance is aimed at a party. Without a watch's actors
        # (whose focus weighs sentences already), a sentence naming none is
        # discounted as it is framed; its structure decides the rest.
        gate = self._focus is None and not parties
        if gate and toks[0] in _POINTING and any(t[2].kind & IS_CHARGE for t in weighted):
            # Why: "They apply double standards", "This is nothing but a political smear":
            # a charge whose subject points at a party, or at its act, named before is
            # aimed at it, unnamed (the rubric's target "unnamed ..."), not said of no one.
            gate = False
        if gate:
            terms = frame(
                toks, weighted, cues, relevance * self.params.untargeted, self.params, "untargeted"
            )
        else:
            terms = frame(toks, weighted, cues, relevance, self.params)
        if " be " in sentence and ("must" in toks or "should" in toks):
            terms = asked_passive(toks, weighted, terms, self.params)
        terms = restructure(
            toks, keys, weighted, parties, terms, self.params, gate=gate,
            voiced=speaker_match is not None, asked=asked, sentence=sentence,
            placed=placed,
        )  # fmt: skip
        if parties and not THANKS.isdisjoint(keys):
            terms = thanked(toks, keys, weighted, parties, terms)
        if parties and "by" in toks and len(terms) > 1:
            terms = belied(toks, weighted, terms)
        if not _CHRONICLE.isdisjoint(toks) and _chronicled(toks, keys, terms, bool(parties)):
            terms = [(e, phrase, f, [*why, "chronicle"]) for e, phrase, f, why in terms]
        if len(parties) > 1 and "whereas" in toks and any("contrast-self" in t[3] for t in terms):
            # "Chile has respected the ruling, whereas Bolivia has rejected it": the
            # conduct set against the first party's is the second's, at which it is aimed.
            pivot = toks.index("whereas")
            after = [m for m in parties if m[0] > pivot]
            if after and any(m[1] <= pivot for m in parties):
                target = _surface(sentence.split(), after[0])
        return terms, speaker, target

    def score(self, text: str, *, title: str = "", speaker: str = "") -> ToneScore:
        """Tone, label, confidence and evidence of one article (title optional).

        ``speaker`` (an ISO3 code or a name, optional) is the party known to
        speak the text, e.g. the government whose ministry's feed it comes
        from: its own name in the text is self-description, not a target.
        """
        tone, label, confidence, items, sentences, relevant = self.score_parts(
            text, title=title, speaker=speaker
        )
        evidence = tuple(Evidence(*item) for item in items)
        return ToneScore(tone, label, confidence, evidence, sentences, relevant)

    def score_parts(self, text: str, *, title: str = "", speaker: str = "") -> Parts:
        """What :meth:`score` returns, as plain tuples (the batch CLI's fast path).

        Evidence items are ``(phrase, weight, sentence, cue, speaker, target)``, by |weight|
        descending, at most ``params.max_evidence`` of them.
        """
        p = self.params
        body = normalise(text or "")
        if "\n" in body or "[" in body:
            # Why only here: site furniture comes as lines of a page; a
            # one-line record is scored as given.
            body = strip_boilerplate(body)
        turns = transcript_turns(body) if "\n" in body else None
        # Who speaks each unit, and whether it is a journalist's question.
        labels: list[tuple[str, bool]] | None = None
        if turns is None:
            units = list(split_sentences(body))  # (paragraph, sentence)
        else:
            # Why: a press conference is a series of topics, each a question
            # and its answer; the topic is the passage that is, or is not,
            # about the watched relation.
            units, labels = [], []
            topic = -1
            for label, asked, text in turns:
                if asked or topic < 0:
                    topic += 1
                for _, sentence in split_sentences(text):
                    units.append((topic, sentence))
                    labels.append((label, asked))
        if title and title.strip():
            if labels is not None:
                labels.insert(0, ("", False))
            units.insert(0, (-1, " ".join(normalise(title).split())))
        if not units:
            return 0.0, "neutral", 0.0, [], 0, 0
        focus = self._focus
        own = _speaker_stems(speaker) if speaker else _NO_STEMS
        # Named on evidence whose sentence does not name its speaker.
        voice_name = _speaker_label(speaker) if speaker else ""
        # Each sentence's weight: its relevance to the actors, times the
        # title's weight for the title; None while every weight is 1.
        weights = None
        if focus is not None:
            # A known speaker that is one of the watched actors speaks in
            # every passage: its words about the other are about the relation.
            voice: set[int] = set()
            if speaker:
                voice = focus.which(" | ".join(n.title() for n in speaker_names(speaker)))[0]
            weights = self._relevances(units, labels, voice)
        relevant = len(units)
        if weights is not None:
            relevant = sum(1 for r in weights if r >= _RELEVANT)
            if relevant == 0:
                # Why: no passage is about the relation between the watched actors
                # (none names both, or one as the other's speaker), so the text says
                # nothing about it, whatever its mood, and its terms are not read.
                return 0.0, "neutral", 0.1, [], len(units), 0
        if units[0][0] == -1:
            if weights is None:
                weights = [1.0] * len(units)
            weights[0] *= p.title_weight
        items: list[Item] = []
        evidence = net = gross = 0.0
        read: list[tuple[float, float, float]] = []  # each sentence's (net, gross, weight)
        for i, (_, sentence) in enumerate(units):
            s_net = net
            s_gross = gross
            terms, said_by, target = self._sentence(
                sentence,
                1.0 if weights is None else weights[i],
                own,
                labels is not None and labels[i][1],
            )
            # One named party speaking to or of another: the relation itself.
            between = bool(said_by and target)
            if labels is not None and labels[i][0]:
                said_by = labels[i][0]
            elif voice_name and not said_by:
                said_by = voice_name
            for entry, phrase, factor, why in terms:
                weight = entry.weight * factor  # type: ignore[operator]
                net += weight
                gross += abs(weight)
                if why and (why[-1] in _ASIDE or "formula" in why or "thematic" in why):
                    # Why: self-description, cooperation pledged to everyone ("all
                    # nations", "the international community"), a state of affairs
                    # described and history told lean as their words do but take no
                    # stance toward a party.
                    evidence += entry.strength * abs(factor) * p.own_voice
                elif why and why[0] == "thanked":
                    # Why: "We thank Brazil for ..." is the rubric's engagement by
                    # itself; a thanks word's fitted strength is that of a news verb.
                    evidence += max(p.neutral_evidence, entry.strength * abs(factor))
                elif target and why and not _DECISIVE.isdisjoint(why):
                    # Why: a demand on a named party, its breach, its complicity or
                    # own virtue set against its conduct is a stance by its
                    # structure, however mild the words that carry it.
                    evidence += max(p.neutral_evidence, entry.strength * abs(factor))
                elif ((between or target) and not why) or (why and not _STRUCTURAL.isdisjoint(why)):
                    evidence += max(entry.strength, abs(entry.weight)) * abs(factor)  # type: ignore[arg-type]
                else:
                    evidence += entry.strength * abs(factor)
                cue = ",".join(why) if why else ""
                items.append((phrase, weight, sentence, cue, said_by, target))
            if gross > s_gross:
                read.append((net - s_net, gross - s_gross, 1.0 if weights is None else weights[i]))
        if len(read) == 1 and read[0][2] == 1.0:
            # One sentence said something: combine() gives net / (gross + prior).
            tone = read[0][0] / (read[0][1] + p.prior)
        else:
            tone = combine(read, p.prior)
        return self._summarise(items, net, gross, evidence, len(units), relevant, tone)

    def _relevances(
        self,
        units: list[tuple[int, str]],
        labels: list[tuple[str, bool]] | None,
        voice: set[int] | None = None,
    ) -> list[float]:
        """Each unit's weight for the watched relation.

        Sentences weigh by what they name (see ``ActorFocus.weight``), and the
        passage they stand in (paragraph, or question-and-answer topic) caps
        them: a passage naming both watched parties, or one of them as the
        speaker and the other in its words, is about the relation; one naming
        only one of them barely counts; third parties alone count nothing. A
        journalist's question weighs ``params.question``. ``voice``: the
        watched actors known to speak the whole text (a feed's speaker).
        """
        focus = self._focus
        assert focus is not None
        p = self.params
        # Each unit's watched actors, and whether it names others.
        hits: list[set[int]] = []
        other_hits: list[bool] = []
        named_in: list[tuple[int, bool]] = []  # each sentence's own mentions
        size: dict[int, int] = {}
        for i, (para, sentence) in enumerate(units):
            hit, other = focus.which(sentence)
            named_in.append((len(hit), other))
            if labels is not None:
                hit |= focus.which(labels[i][0])[0]
            if voice and hit:
                # The speaker's words about a watched party: about the relation.
                hit |= voice
            hits.append(hit)
            other_hits.append(other)
            size[para] = size.get(para, 0) + 1
        # Each unit's passage: its paragraph, or question-and-answer topic; in a paragraph
        # of more than _LONG_PASSAGE sentences, the sentences within _NEAR of it.
        # Why: text that lost its paragraph breaks (a feed's flattened body) is one
        # paragraph, and one "than that of the US" in forty sentences on China's
        # import expo made all of it a passage about the U.S.-China relation.
        passage: list[tuple[int, int]] = []
        start = 0
        for i, (para, _) in enumerate(units):
            if i and units[i - 1][0] != para:
                start = i
            end = start + size[para]
            if size[para] > _LONG_PASSAGE:
                passage.append((max(start, i - _NEAR), min(end, i + _NEAR + 1)))
            else:
                passage.append((start, end))
        spans = dict.fromkeys(passage)
        named: dict[tuple[int, int], set[int]] = {}
        others: dict[tuple[int, int], bool] = {}
        for span in spans:
            named[span] = set().union(*hits[span[0] : span[1]])
            others[span] = any(other_hits[span[0] : span[1]])
        pair = min(2, focus.count)
        if labels is None and pair == 2 and units:
            # Why: a story whose headline or lead names both watched parties goes on
            # to call them "the two sides", "both countries"; a later passage
            # that says so is about the relation, though it names neither.
            second = next((i for i, u in enumerate(units) if u[0] != units[0][0]), 0)
            lead = [named[passage[0]], named[passage[second]]]
            if any(len(hit) >= pair for hit in lead):
                every = set(range(focus.count))
                for i, (_, sentence) in enumerate(units):
                    if len(named[passage[i]]) < pair and focus.pairs(sentence):
                        named[passage[i]] = every
        out: list[float] = []
        last_para = -2
        previous: float | None = None
        for i, (para, sentence) in enumerate(units):
            if para != last_para:
                previous = None
            weight = focus.weight(sentence, previous, named_in[i])
            previous = weight
            last_para = para
            count = len(named[passage[i]])
            if count < pair:
                # Why: a passage that names one watched party (or none) is
                # not about the relation between them.
                cap = p.one_party if count else (0.0 if others[passage[i]] else p.one_party)
                weight = min(weight, cap)
            if labels is not None and labels[i][1]:
                weight *= p.question
            out.append(weight)
        return out

    def _summarise(
        self,
        items: list[Item],
        net: float,
        gross: float,
        evidence: float,
        sentences: int,
        relevant: int,
        tone: float,
    ) -> Parts:
        """Label and confidence of ``tone`` from the items' ``net`` and ``gross`` sums."""
        p = self.params
        if gross <= 0.0:
            # Formulas alone (weight 0) are still shown as what was read.
            return 0.0, "neutral", 0.2, items[: p.max_evidence], sentences, relevant
        tone = max(-1.0, min(1.0, tone))
        label: Label
        if evidence < p.neutral_evidence:
            # Why: one weak term ("meeting", "question") in a procedural
            # statement is not an act of engagement or confrontation. Each
            # term's evidence strength is |weight| unless refitted.
            label = "neutral"
        elif tone >= p.neutral_band:
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
        if len(items) > 1:
            items.sort(key=_magnitude, reverse=True)
            del items[p.max_evidence :]
        return round4(tone), label, round4(min(1.0, confidence)), items, sentences, relevant


_NO_STEMS: frozenset[tuple[str, ...]] = frozenset()
# A paragraph longer than this is read as text that lost its breaks: each sentence's
# passage is then the sentences within _NEAR of it.
_LONG_PASSAGE = 6
_NEAR = 1
_DECISIVE = frozenset(
    {"demand-on", "breach", "complicity", "backfire", "against", "contrast-self", "hypocrisy"}
    | {"rhetorical", "concern"}
)
_STRUCTURAL = _DECISIVE | {"negated", "reversed"}


def round4(x: float) -> float:
    """``round(x, 4)``, the same float, at a fraction of its cost.

    Why: ``round`` with digits goes through a decimal string (dtoa, printf, strtod),
    some 4,000 instructions, and every evidence weight, tone and confidence is
    rounded. Here ``x * 10000`` is within 1e-7 of its exact value below 1e9, so
    when it lies more than 1e-4 from a half-integer, its nearest integer ``k`` is
    the exact value's, and ``k / 10000`` (both exact, the division correctly
    rounded) is the float nearest ``k`` ten-thousandths, as ``round`` returns.
    Near a tie (0.03125 is one, rounded to even), at zero (whose sign ``round``
    keeps) and beyond 1e9 (or inf, nan), ``round`` itself decides.
    """
    y = x * 10000.0
    if -1e9 < y < 1e9:
        # The nearest integer, as a float: y + 0.5 is exact enough away from a tie,
        # and float floor division costs less than a call of round() or floor().
        k = (y + 0.5) // 1.0
        if k and -0.4999 < y - k < 0.4999:
            return k / 10000.0
    return round(x, 4)


def combine(sentences: Sequence[tuple[float, float, float]], prior: float) -> float:
    """An article's tone from its sentences' ``(net, gross, weight)`` of framed terms.

    Each sentence is one statement. It leans ``net / gross`` and is as sure as
    ``gross / (gross + prior)`` (one weak term: not very); alone, it reads
    ``net / (gross + prior)``. The article's lean is its sentences' leans
    averaged by certainty times ``weight`` (relevance to the watched actors,
    the title's extra weight), and its certainty grows with every sentence
    that says something about the watched relation (``weight`` at least 0.5), as
    independent evidence does: ``1 - prod(1 - min(1, weight) * sure)``. The tone is
    lean times certainty.

    Why not the net of all terms over their gross: a sentence that packs four
    charged words then outweighs three sentences of engagement, and a long
    article's many stances count no more than its most word-laden one.
    """
    lean = mass = 0.0
    doubt = 1.0
    for net, gross, weight in sentences:
        sure = gross / (gross + prior * weight)
        lean += weight * net / (gross + prior * weight)
        mass += weight * sure
        if weight >= _RELEVANT:
            doubt *= 1.0 - min(1.0, weight) * sure
    return lean / mass * (1.0 - doubt) if mass > 0.0 else 0.0


# A sentence at least this relevant to the watched actors is about their relation (the
# "relevant" count ``score`` prints). Only such sentences make the tone surer: a speech of
# 149 sentences that names the other party once is not made certain by the other 148.
_RELEVANT = 0.5


@lru_cache(maxsize=256)
def _speaker_stems(spec: str) -> frozenset[tuple[str, ...]]:
    """The name stems of the party ``spec`` names (see :func:`parties.speaker_names`)."""
    return frozenset(phrase_stems(name) for name in speaker_names(spec))


# Cooperation that is a word of a body's name ("the Shanghai Cooperation Organization",
# "Asia-Pacific Economic Cooperation", "the Economic Cooperation Institute").
_NAMED_ACTS = frozenset({"Cooperation", "Co-operation", "Partnership"})
_BODIES = frozenset(
    {
        *("Organization", "Organisation", "Council", "Forum", "Institute", "Zone", "Fund"),
        *("Foundation", "Agency", "Mechanism", "Mechanisms", "Centre", "Center", "Bureau"),
        *("Park", "Programme", "Program", "Committee", "Commission", "Association"),
        *("Office", "Department", "Ministry", "Bank", "Initiative"),
    }
)


def _in_a_name(words: list[str], start: int, end: int) -> bool:
    """True when the one-word term at ``start`` of ``words`` (as written) is a word of a
    capitalised name.

    Only *Cooperation* and *Partnership* are read so: the words of other names
    (a "Comprehensive Peace Agreement" signed) are acts as they stand. A title in
    title case (no word of four letters or more in lower case) names nothing by its
    capitals.
    """
    if end != start + 1 or len(words) <= start or words[start].strip(EDGE) not in _NAMED_ACTS:
        return False
    if not any(w[:1].islower() for w in words if len(w.strip(EDGE)) > 3):
        return False
    after = words[start + 1].strip(EDGE) if start + 1 < len(words) else ""
    if after in _BODIES:
        return True
    # "Economic Cooperation", "Shanghai Cooperation": a capitalised word before it
    # that does not open the sentence, ending no clause.
    before = words[start - 1] if start > 1 else ""
    return before[:1].isupper() and before[-1:] not in CLAUSE_MARKS


_RESTATING = "reaffirm"
# "reaffirms its / our / their ...": what follows is the speaker's own stance.
_OWN_STANCE = frozenset({"its", "our", "their", "his", "her", "my"})


def _restated(toks: list[str], weighted: list[Match]) -> list[Match]:
    """``weighted`` without a restating verb whose object is its own stance, a term.

    Why: "reaffirms its condemnation of X", "reaffirmed their commitment to Y" state
    one stance, restated: the stance restated carries the sign, and the verb
    counted beside it read a condemnation as half a welcome. The verb still counts
    where it restates a thing, not a stance ("we reaffirm the communique").
    """
    out = []
    for n, m in enumerate(weighted):
        if m[2].stems == (_RESTATING,) and n + 1 < len(weighted):
            after = weighted[n + 1][0]
            if after - m[1] <= 3 and toks[m[1]] in _OWN_STANCE and open_clause(toks, m[1], after):
                continue
        out.append(m)
    return out


@lru_cache(maxsize=256)
def _speaker_label(spec: str) -> str:
    """How evidence names the speaker ``spec`` ("KEN" → "Kenya")."""
    names = speaker_names(spec)
    return names[0].title() if names and spec.isupper() and len(spec) == 3 else spec.strip()


def _actor(kind: str, keys: list[str], start: int, end: int, toks: list[str]) -> bool:
    """True when a party name at ``start:end`` names an actor, not a place or topic.

    A state after "in", "across" ... is a place ("the violence in Syria"), but
    not in the possessive ("interfere in China's internal affairs"); a state
    before "situation", "question", "problem" ... names a topic ("the Syrian
    situation", "the Cyprus question").
    """
    if kind != "state" and toks[end - 1].strip(EDGE).lower() != "country":
        # Why "country": "that country" stands for a state, and "in that country" is a place.
        return True
    if (
        start > 1
        and toks[start - 1] in _COMPASS
        and keys[start - 2] in LOCATIVE
        and toks[end - 1][-2:] not in ("'s", "s'")
    ):
        # "in northern Burkina Faso", "across eastern Ukraine": a place.
        return False
    if start and keys[start - 1] in LOCATIVE and toks[end - 1][-2:] not in ("'s", "s'"):
        # "The regime in Pyongyang", "the authorities in Minsk": the government
        # seated there, not a place ("a change of government in X" is an event there).
        return (
            start > 1
            and toks[start - 1] == "in"
            and toks[start - 2].strip(EDGE).lower() in _SEATED
            and (start < 3 or toks[start - 3] != "of")
        )
    if (
        start > 1
        and toks[start - 1] == "the"
        and keys[start - 2] in LOCATIVE
        and all(k in CAPITAL_KEYS for k in keys[start:end])
    ):
        # "met at the Foreign Office", "talks in the Kremlin": the building.
        return False
    if start > 1 and keys[start - 1] == "of" and keys[start - 2] in QUESTIONS:
        # "the question of Cyprus", "the problem of Palestine": the topic, as in
        # "the Cyprus question".
        return False
    if keys[end - 1] in CAPITAL_KEYS and _named_after(toks, keys, end):
        # "the Paris Agreement", "the Helsinki Final Act": named after where it was made.
        return False
    return end >= len(keys) or keys[end] not in TOPICAL


def _named_after(toks: list[str], keys: list[str], end: int) -> bool:
    """True when what follows a seat of government at ``end`` is a thing named after
    it: a word of ``NAMED_AFTER`` next, or after one word no rule knows ("the
    Helsinki Final Act", "the Paris international conference")."""
    if end < len(toks) and toks[end - 1][-1] not in CLAUSE_MARKS:
        if toks[end].strip(EDGE) in NAMED_AFTER:
            return True
        return keys[end] == "" and end + 1 < len(toks) and toks[end + 1].strip(EDGE) in NAMED_AFTER
    return False


def _regional(toks: list[str], keys: list[str], at: int, states: frozenset[str]) -> bool:
    """True when the party word at ``at`` is a part of the state named after it
    ("western Afghanistan", "eastern Ukraine"), not the West. ``states``: the keys
    that begin a state's name."""
    return toks[at] in _COMPASS and at + 1 < len(keys) and keys[at + 1] in states


# Parts of a place, lower-case as written before its name ("in northern Mali").
_COMPASS = word_set(
    "northern southern eastern western central north-eastern north-western south-eastern "
    "south-western northeastern northwestern southeastern southwestern"
)
# First-person objects: a party's act "for our programme" or "to us" is toward the
# speaker, so the party is not the one speaking.
_TOWARD_US = frozenset({"our", "us", "my", "me"})
_SEATED = frozenset(
    {"regime", "government", "authorities", "junta", "leadership", "rulers", "administration"}
)


def _roles(
    toks: list[str], parties: list[Match], weighted: list[Match]
) -> tuple[Match | None, list[Match]]:
    """The party that speaks (if named) and the parties the stance can be aimed at.

    A party at the head of a clause that goes on to speak ("Kenya
    welcomes ...", "..., Uzbekistan is confident that ..."), a party whose own act is
    named ("Oman's commitment"), and one in "on behalf of the Government
    of ..." are the speaker. A party at the head whose conduct is told
    ("Israel has continued ...") is what the speaker's stance is about.
    A party named as a delegation ("the delegation of Oman") speaks.
    ``weighted``: the sentence's term matches ("X continues to occupy ..." tells
    X's conduct, "X continues to support ..." speaks).
    """
    speaker: Match | None = None
    out: list[Match] = []
    delegation = "delegation" in toks
    # "Encouraged by our experience, Bhutan has ...": the party after it speaks.
    opening = _we_opening(toks) if parties[0][0] > 2 else -1
    others = len(parties) > 1  # another party is named: "said" may speak of it
    before = -1  # where the party before this one ended
    for match in parties:
        start, end, entry = match
        possessive = toks[end - 1][-2:] in ("'s", "s'")
        # "Biden called Lula to congratulate him": a party after another one's verb in
        # the same clause is its object, however near the sentence's start.
        objected = before >= 0 and _after_verb(toks, before, start)
        before = end
        if entry.stems in PAIRS or (
            end == start + 1 and "-" in toks[start] and joins_states(toks[start])
        ):
            # Why: "both sides reaffirmed their commitment to ..." is the two parties'
            # joint word to each other, the relation itself, not one speaker's voice.
            out.append(match)
            continue
        if (
            _on_behalf(toks, start)
            or (
                (
                    (
                        possessive
                        and _says(toks, _past_office(toks, end), others)
                        # "Myanmar's military continues to bomb ...": its forces act.
                        and (end >= len(toks) or toks[end].strip(EDGE).lower() not in _FORCES)
                        # "concerns about the PRC's support for Russia": what is spoken of.
                        and not (start and toks[start - 1] in _ABOUT)
                        and not (
                            start > 1 and toks[start - 1] == "the" and toks[start - 2] in _ABOUT
                        )
                    )
                    or (
                        _heads_clause(toks, start)
                        and not objected
                        and _speaks_after_office(toks, end, weighted, others)
                        # "India stands by our people", "Japan supports our efforts":
                        # its stance is toward us, so it is the one spoken of.
                        and _TOWARD_US.isdisjoint(t.strip(EDGE) for t in toks[end : end + 6])
                    )
                )
                and not _addressed(toks, start)
                # "The World Bank's support for our programme": its act toward us.
                and not (
                    possessive
                    and not _TOWARD_US.isdisjoint(t.strip(EDGE) for t in toks[end : end + 8])
                )
            )
            or (delegation and _delegation(toks, start) and not _conduct(toks, end, weighted))
            or _passive_voice(toks, start, parties)
            or (speaker is None and opening > 0 and 0 < start - opening <= 2)
        ):
            speaker = speaker or match
            continue
        if _compared(toks, start):
            # "Like Costa Rica, my country abolished its army": a party named as a
            # likeness is no one the sentence speaks to or of.
            continue
        out.append(match)
    return speaker, out


# Prepositions that look like participles ("During our talks, X ...": X is not "we").
_ING_PREPOSITIONS = frozenset(
    {"during", "regarding", "concerning", "including", "following", "according", "pending"}
)


# Violence a party can suffer at unnamed or non-state hands (not the acts that only
# a state commits: occupation, invasion, shelling).
_ASSAULTS = word_keys(
    "attack attacks attacked bombing bombings bombed assault assaulted blast "
    "explosion massacre kidnapping kidnapped killing killings murder murdered "
    "assassination assassinated hostage-taking"
)
# Perpetrators that are no state: "gunmen attacked the Nigerian consulate".
_NON_STATE = word_keys(
    "gunmen gunman militants terrorists terrorist extremists insurgents attackers "
    "assailants bandits pirates bombers"
)
_UPON = frozenset({"on", "against", "upon", "of"})
_VICTIMS_TOLD = frozenset(
    {"innocent", "unarmed", "defenceless", "defenseless", "peaceful", "civilian", "many"}
)
# Nouns whose "of" names who did it ("the attack of Iraq on Iran"), not who suffered it.
_DONE_OF = word_keys("attack attacks assault")


def _unattacked(
    toks: list[str], keys: list[str], parties: list[Match], named: list[Match]
) -> list[Match]:
    """``parties`` without those named only as the ones an act of violence struck.

    Why: "we condemn the attack on Somalia's parliament", "gunmen attacked the
    Nigerian consulate" condemn or tell violence whose perpetrator is unnamed or
    no state; the state that suffered it is no one the stance is aimed at (the
    rubric reads such condemnation as neutral). A state that owns the act
    ("Russia's attack on Ukraine", "the Israeli attack on ...") or is named as
    doing it ("by Russia") stays a party, as the one who did it; ``named``: every
    party the sentence names, the speaker included.
    """
    ends = {end for _, end, _ in named}
    out: list[Match] = []
    for match in parties:
        at = match[0] - 1
        # "the massacres of innocent Palestinian civilians": words that tell who the
        # victims were may stand between.
        while at >= 1 and toks[at] in _VICTIMS_TOLD:
            at -= 1
        if at >= 0 and toks[at] == "the":
            at -= 1
        if at >= 1 and toks[at] in _UPON and toks[at - 1][-1] not in CLAUSE_MARKS:
            noun = at - 1
            if (
                keys[noun] in _ASSAULTS
                and not (toks[at] == "of" and keys[noun] in _DONE_OF)
                and noun not in ends
            ):
                continue
        if at >= 1 and keys[at] in _ASSAULTS and keys[at - 1] in _NON_STATE:
            continue
        out.append(match)
    return out


_AS = frozenset({"As", "as"})
# What a speaker calls itself before its name ("As a founding member, Thailand ...").
_IDENTITY = clause_tokens(
    word_set(
        "country state nation member island democracy republic kingdom neighbour neighbor "
        "partner signatory party contributor host founder people economy power"
    )
)


def _described_self(toks: list[str], parties: list[Match]) -> frozenset[tuple[str, ...]]:
    """The name stems of the party a sentence opens by describing ("As a small island
    developing State, Tuvalu faces ..."), or none: the description (up to its comma,
    within twelve words) names what a state is, and the party follows it."""
    if toks[1].lower() not in ("a", "an"):
        return _NO_STEMS
    for i in range(2, min(12, len(toks) - 1)):
        if toks[i][-1] == ",":
            if _IDENTITY.isdisjoint(w.lower() for w in toks[2 : i + 1]):
                return _NO_STEMS
            party = next((m for m in parties if m[0] in (i + 1, i + 2)), None)
            return frozenset({party[2].stems}) if party is not None else _NO_STEMS
    return _NO_STEMS


def _named_self(toks: list[str], parties: list[Match]) -> frozenset[tuple[str, ...]]:
    """The name stems of a party the speaker names as itself: "My country, Bhutan, ...",
    "Bhutan, my country, ...", "The Government of Nepal, which I represent, ..."."""
    for start, end, entry in parties:
        after = [t.strip(EDGE).lower() for t in toks[end : end + 3]]
        if (
            (toks[end - 1][-1] == "," and after[:2] in (["my", "country"], ["our", "country"]))
            or (after[:2] == ["which", "i"] and after[2:3] == ["represent"])
            or (
                start >= 2
                and toks[start - 1].lower() == "country,"
                and toks[start - 2].lower() in ("my", "our")
            )
        ):
            return frozenset({entry.stems})
    return _NO_STEMS


# Predicates that tell a past event as history: "the war lasted eight years", "fighting
# broke out in 1992", "the genocide claimed 800,000 lives".
_CHRONICLE = clause_tokens(word_set("lasted broke erupted began claimed signed concluded ended"))
_LIVES = clause_tokens(word_set("lives life"))
# What can end by itself in a chronicle ("the war ended in 1953").
_EVENTS = word_keys("war conflict crisis standoff fighting hostilities")
# Cues whose evidence of a stance counts little: the speaker about itself, history told.
_ASIDE = frozenset({"own-voice", "chronicle", "unaddressed"})


def _chronicled(toks: list[str], keys: list[str], terms: list[Term], targeted: bool) -> bool:
    """True when the sentence tells a past event as history, with no charge in it.

    "The Iran-Iraq war lasted eight years", "The Falklands war broke out in April
    1982", "The genocide claimed 800,000 lives": the rubric's narrative (neutral).
    "Lasted" tells it by itself; "broke out", "erupted", "began" with a year; "claimed"
    with lives. Not with an act only a state commits ("the occupation lasted 22 years"
    charges the occupier). With no party named, an accord that "was signed" or "was
    concluded" with a year is history too ("The Treaty of Westphalia was signed in 1648"),
    and so is what "ended after" a time, and a war that "ended" with a year.
    """
    if any(e.kind & IS_INTERSTATE for e, _, _, _ in terms):
        return False
    for i, tok in enumerate(toks):
        word = tok.strip(EDGE)
        if word == "lasted" or (
            word == "ended"
            and (
                # "The hostage crisis ended after eleven days": its length told, no
                # party's act.
                (not targeted and toks[i + 1 : i + 2] == ["after"])
                # "The Korean War ended in an armistice in 1953": a war's end dated,
                # whoever fought it.
                or (i > 0 and keys[i - 1] in _EVENTS and YEAR in keys)
            )
        ):
            return True
        if word == "claimed":
            if not _LIVES.isdisjoint(toks[i + 1 : i + 6]):
                return True
        elif (
            word in ("broke", "erupted", "began")
            and (word != "broke" or toks[i + 1 : i + 2] == ["out"])
        ) or (
            # "was signed in 1648", not "concluded in 1990 ... is a decisive step"
            word in ("signed", "concluded")
            and not targeted
            and i > 0
            and toks[i - 1] in ("was", "were")
        ):
            # A year is keyed as one by the scan ("in 1992").
            return YEAR in keys
    return False


# Natural hazards: what they kill or destroy is no party's act. Also as tokens
# that end a clause ("victims of the earthquake."), to be found by set lookup.
_HAZARDS = clause_tokens(
    word_set(
        "earthquake earthquakes quake flood floods flooding storm storms cyclone cyclones "
        "hurricane hurricanes typhoon typhoons tsunami drought droughts pandemic epidemic "
        "wildfire wildfires landslide landslides eruption heatwave famine covid-19 ebola "
        "disease diseases malaria cholera tuberculosis hiv/aids aids measles"
    )
)

# Judgements of conduct: said of what a party did ("the refusal to share data on the
# pandemic is unacceptable"), never of the harm a hazard does.
_JUDGED = clause_tokens(
    word_set(
        "unacceptable regrettable deplorable outrageous reprehensible irresponsible "
        "inexcusable unjustified unjustifiable shameful"
    )
)


def _natural(toks: list[str], weighted: list[Match]) -> list[Match]:
    """``weighted`` without the harm a natural hazard does.

    Why: "the earthquake killed 2,000 people", "Hurricane Maria destroyed our
    harbour" tell a disaster, not an act of one party against another
    (where the hazard must stand: :func:`_struck`).
    """
    return [
        m
        for m in weighted
        if (m[2].weight or 0.0) >= 0 or toks[m[0]] in _JUDGED or not _struck(toks, m[0], m[1])
    ]


# Possessives that turn an act back on its doer ("to support its farmers").
_REFLEXIVE = frozenset({"its", "their", "our", "his", "her"})
_TO_OWN = frozenset({"in", "for", "to", "of"})
_FIRST_PERSON = frozenset({"we", "i", "my", "our", "us"})
# Verbs that put money or means somewhere; their purpose says where.
_RESOURCING = frozenset(
    {"provide", "provides", "provided", "devote", "devotes", "devoted", "allocate"}
    | {"allocates", "allocated", "spend", "spends", "spent", "earmark", "earmarked"}
)
_LINKS = frozenset({"to", "of", "for", "the", "a", "an", "and", "or", "in", "on", "with", "from"})
# What a state, or a body, has of its own at home: help to it is policy, not a relation.
_DOMESTIC = clause_tokens(
    word_set(
        "citizen citizens people population populations nationals farmer farmers worker "
        "workers industry industries sector sectors economy economies company companies "
        "firms businesses exporters producers manufacturers agriculture families households "
        "consumers taxpayers veterans students youth children communities fishermen "
        "miners banks currency regions provinces villages towns cities hospitals schools "
        "growers traders importers entrepreneurs pensioners diaspora minorities home "
        "hometown constituency"
    )
)


def _self_served(toks: list[str], match: Match, hop: bool = True) -> bool:
    """True when the help at ``match`` goes to the doer's own people or sector.

    Why: "Japan will spend 40 billion yen to support its rice farmers", "the duty
    of every government to protect its citizens" tell a state's policy at home,
    not its stance toward another party; the rubric reads self-description as
    neutral. The possessive follows the act, and its noun is within four words
    ("its rice farmers", "their non-profit sector", "its own citizens"). Help to
    "its allies" or "their neighbours" is help to others and stays. ``hop``: an act
    may stand between ("progress in diversifying its economy"); not in thanks, where
    the one thanked helps the speaker's people ("for its help in evacuating our
    nationals").
    """
    _, end, entry = match
    if (entry.weight or 0.0) <= 0 or end >= len(toks) - 1:
        return False
    if toks[match[0]] in _RESOURCING:
        # "will provide $97.8 billion annually to support its agricultural sector":
        # the money's purpose, a few words on, is help at home.
        purpose = next(
            (i + 1 for i in range(end, min(end + 8, len(toks) - 2))
             if toks[i] == "to" or toks[i][-1] in CLAUSE_MARKS),
            0,
        )  # fmt: skip
        if purpose and toks[purpose - 1] == "to" and toks[purpose + 1] in _REFLEXIVE:
            end = purpose + 1
    if toks[end] not in _REFLEXIVE:
        # "progress in diversifying its economy", "support for its farmers": a
        # preposition, and the act done at home, may come first.
        at = end
        if toks[at] in _TO_OWN:
            at += 1
        if hop and at < len(toks) - 1 and toks[at].endswith("ing"):
            at += 1
        if at == end or at >= len(toks) - 1 or toks[at] not in _REFLEXIVE:
            return False
        end = at
    if toks[end] == "our" and _FIRST_PERSON.isdisjoint(
        map(str.lower, map(str.strip, toks[: match[0]], repeat(EDGE)))
    ):
        # "India stood by our people in our hour of need": another party helps the
        # speaker's people; only "we" (or "our government") helping them is policy.
        return False
    for tok in toks[end + 1 : end + 5]:
        if tok in _DOMESTIC:
            return True
        if tok[-1] in CLAUSE_MARKS or tok in _LINKS:
            # "extends its condolences to the families": the possessive's noun came.
            return False
    return False


def _struck(toks: list[str], start: int, end: int) -> bool:
    """True when a natural hazard does the harm at ``start:end``, in its clause.

    The hazard stands within three words before the harm ("the earthquake
    killed"), or after it, through "of", "from" or "by" ("the victims of the
    earthquake", "deaths from cholera", "destroyed by the floods").
    """
    for at in range(start - 1, max(start - 4, -1), -1):
        if toks[at] in _HAZARDS:
            return True
        if toks[at][-1] in CLAUSE_MARKS:
            break
    through = False
    for at in range(end - 1, min(end + 3, len(toks) - 1)):
        if toks[at][-1] in CLAUSE_MARKS:
            return False
        through = through or toks[at + 1] in _THROUGH
        # Not a gerund: "accused X of flooding markets" tells an act.
        if through and toks[at + 1] in _HAZARDS and "ing" not in toks[at + 1]:
            return True
    return False


_THROUGH = frozenset({"of", "from", "by"})
# Words of a market: beside them, "demand" is what buyers want, no party's claim.
_MARKET = clause_tokens(
    word_set(
        "price prices oil crude traders markets market consumer consumers supply supplies "
        "commodity commodities investors stocks shares barrel barrels sales"
    )
)


def _bought(toks: list[str], match: Match) -> bool:
    """True when the match is the noun "demand", not followed by "that" (a claim)."""
    start, end, entry = match
    return (
        entry.stems == ("demand",)
        and toks[start].strip(EDGE) in ("demand", "demands")
        and (end == len(toks) or toks[end] != "that")
        and (start == 0 or toks[start - 1] not in ("we", "they", "i", "to", "will", "must"))
    )


# What is released when it is published ("released its annual report"), not set free.
_PUBLICATIONS = clause_tokens(
    word_set(
        "figures data statistics report reports statement statements paper papers document "
        "documents results details findings estimates forecast forecasts film book album "
        "transcript transcripts readout readouts communique minutes survey list lists text "
        "information video videos footage sheet"
    )
)
# What is met when it is no one met ("to meet China challenge"). (Not demands, deadlines
# or standards: meeting them is compliance, and not meeting them a refusal.)
_GOALS = clause_tokens(word_set("challenge challenges"))
# "will be met with firm opposition": what is met with a response is received so.
_RECEIVED = frozenset({"be", "been", "being", "is", "are", "was", "were"})
# Subjects that point at a party or its act named before: a charge they open is aimed.
_POINTING = frozenset({"they", "he", "she", "this", "these"})
_NOT_THE_ACT = _PUBLICATIONS | _GOALS | {"met"}
_WHEN_DONE = frozenset({"recently", "newly", "just", "officially", "jointly", "publicly", "first"})
# Each verb's forms, and the objects that give it a sense other than the act.
_OBJECT_SENSES = (
    (frozenset({"release", "releases", "released", "releasing"}), _PUBLICATIONS),
    # (Not "meeting": "the meeting discussed the challenges" is a meeting held.)
    (frozenset({"meet", "meets", "met"}), _GOALS),
)


def _other_sense(toks: list[str], match: Match) -> bool:
    """True when the match is a verb whose object, within four words and its clause,
    gives it another sense than the act: something published after "release"
    ("released its trade figures"), a challenge after "meet" ("to meet China
    challenge"); "met with" after a form of "be" is a reception ("will be met with
    firm opposition"). A publication named just before "released" (past one adverb), or in
    the clause before "released by", is what was released as well."""
    start, end, _ = match
    if end - start != 1:
        return False
    verb = toks[start].strip(EDGE)
    if verb == "met" and start and toks[start - 1] in _RECEIVED and toks[end : end + 1] == ["with"]:
        # "Any attempt to interfere will be met with firm opposition": a reception.
        return True
    objects = next((o for forms, o in _OBJECT_SENSES if verb in forms), None)
    if objects is None:
        return False
    # "The 2018 Business Climate Survey recently released by the Chamber": the thing
    # published stands before the participle, or before one adverb and it.
    before = start - 1 if start and toks[start - 1] in _WHEN_DONE else start
    if verb == "released" and before and toks[before - 1].strip(EDGE) in objects:
        return True
    if verb == "released" and toks[end : end + 1] == ["by"]:
        # "The Research Report on China-U.S. Economic and Trade Relations released by
        # the Ministry": released by its author, a publication named within the clause.
        for at in range(start - 1, max(-1, start - 9), -1):
            if toks[at] in objects:  # "The report, released by ..." as well
                return True
            if toks[at][-1] in CLAUSE_MARKS:
                break
    for at in range(end, min(end + 4, len(toks))):
        if toks[at] in objects:
            return True
        if toks[at][-1] in CLAUSE_MARKS:
            return False
    return False


# Words of spaceflight: beside them a rocket is a launcher ("the rocket's debris").
_SPACE = clause_tokens(
    word_set(
        "space orbit orbital reentry re-entry reenter re-enter atmosphere booster "
        "debris satellite satellites spacecraft astronauts astronaut lunar moon mars "
        "spaceflight capsule"
    )
)


def _launcher(toks: list[str], match: Match) -> bool:
    """True when the match is the word "rocket" or "rockets" alone, not fired or hitting."""
    start, end, _ = match
    return end - start == 1 and toks[start].strip(EDGE).rstrip("s") == "rocket"


_CONDEMNING = word_keys(
    "condemn condemned condemns denounce denounced denounces deplore deplored deplores"
)
_JOINTLY = frozenset({"jointly", "together", "both", "strongly", "firmly", "also"})


def _co_condemners(toks: list[str], keys: list[str], parties: list[Match]) -> list[Match]:
    """``parties`` without two that head the sentence and condemn together.

    Why: "Kenya and Somalia jointly condemned the attack" is two speakers' one
    stance toward a third, not one of them aimed at the other.
    """
    first, second = parties[0], parties[1]
    if first[0] > 1 or (first[0] == 1 and toks[0].lower() != "the"):
        return parties
    if toks[first[1] : second[0]] not in (["and"], ["and", "the"]):
        return parties
    at = second[1]
    while at < len(toks) and toks[at] in _JOINTLY:
        at += 1
    if at < len(toks) and keys[at] in _CONDEMNING and toks[second[1] - 1][-1] not in CLAUSE_MARKS:
        return parties[2:]
    return parties


def _we_opening(toks: list[str]) -> int:
    """Where an opening participle said in the first person ends (its comma), else -1
    ("Encouraged by our experience, Bhutan has ...").

    Why: the opening participle's subject is the main clause's, so the party that
    heads the main clause is the one the speaker calls "we" there: the speaker,
    describing itself.
    """
    head = toks[0].strip(EDGE)
    if not (head[-2:] == "ed" or head[-3:] == "ing") or head in _ING_PREPOSITIONS:
        return -1
    for i, tok in enumerate(toks):
        if tok[-1] == ",":
            if i and not FIRST_PERSON.isdisjoint(t.strip(EDGE) for t in toks[: i + 1]):
                return i
            return -1
    return -1


def _joined(toks: list[str], match: Match) -> bool:
    """True when the party ``match`` is one word joining two states ("Anglo-Irish")."""
    start, end, _ = match
    return end == start + 1 and "-" in toks[start] and joins_states(toks[start])


def _attribution(toks: list[str]) -> int:
    """Where a closing attribution starts: ", the envoy said." (up to four words after
    the last comma, ending in a verb of saying); ``len(toks)`` when there is none."""
    for at in range(len(toks) - 2, max(len(toks) - 6, 0), -1):
        if toks[at - 1].endswith(","):
            return at
    return len(toks)


def _compared(toks: list[str], start: int) -> bool:
    """True when the party at ``start`` opens a likeness: "Like Costa Rica, ..." at the
    head of the sentence, or ", like the Government of Norway, ..." after a comma."""
    at = start
    while at and toks[at - 1].lower() in _GOVERNMENT_OF:
        at -= 1  # "like the Government of Norway"
    if not at or toks[at - 1].strip(EDGE).lower() != "like":
        return False
    return at == 1 or toks[at - 2].endswith(",")


_GOVERNMENT_OF = frozenset({"the", "government", "people", "republic", "state", "of"})


# Verbs of stance whose passive names the one who spoke: "condemned by Beijing".
_SAID_BY = frozenset({
    "condemned", "welcomed", "rejected", "praised", "accused", "criticised", "criticized",
    "denounced", "hailed", "commended", "applauded", "dismissed", "slammed", "protested",
    "opposed", "thanked", "congratulated", "lauded", "decried", "deplored",
})  # fmt: skip


def _passive_voice(toks: list[str], start: int, parties: Sequence[Match] = ()) -> bool:
    """True when the party at ``start`` is the agent of a verb of stance in the passive:
    "The tariffs were condemned by Beijing", "Washington was accused by Beijing of ..."
    (not of an act: "brokered by Qatar" tells what Qatar did)."""
    at = start - 1
    if at >= 0 and toks[at] == "the":
        at -= 1
    # Not "welcomed by both X and Y": two agents speak together, of the relation.
    if at >= 1 and toks[at] == "by" and toks[at - 1].strip(EDGE) in _SAID_BY:
        return True
    # But two who condemn together condemn a third: "the perpetrators stand condemned by
    # both the British and the Irish Governments".
    if "both" not in toks[max(0, start - 7) : start]:
        return False
    named = {i for m in parties for i in range(m[0], m[1])}
    at = start - 1
    while at > 1 and at >= start - 6 and toks[at] != "by":
        if toks[at] not in _AGENTS_BETWEEN and at not in named:
            return False
        at -= 1
    return (
        toks[at] == "by" and "both" in toks[at:start] and toks[at - 1].strip(EDGE) in _CONDEMNED_BY
    )


_AGENTS_BETWEEN = frozenset({"the", "both", "and", "governments", "government", "peoples"})
_CONDEMNED_BY = frozenset({
    "condemned", "denounced", "deplored", "decried", "criticised", "criticized", "rejected",
})  # fmt: skip


_NAME_EDGE = "\"'()[]{},;:!?*\u2026"
# Prepositions after which a party's act is what is spoken of, not the speaker's.
_ABOUT = frozenset({"about", "over", "regarding", "concerning", "against", "at"})
# A party's armed forces act; they do not speak for it.
_FORCES = frozenset(
    {"military", "army", "forces", "troops", "navy", "militia", "militias", "police", "soldiers"}
)


# Words that back a course of action not yet taken.
_ADVOCACY = frozenset(
    {"support", "supports", "supported", "supporting", "endorse", "endorses", "endorsed"}
    | {"endorsing", "advocate", "advocates", "advocated", "advocating"}
)
_ADVOCATED = Entry.make(("support",), "support", None, ("request",))
# Undoings of an act already taken: backing one asks whoever took it to undo it.
# (Not "the fight against", "combat", "prevent": those aim at a phenomenon.)
_UNDOING = frozenset(
    token_key(w)
    for w in (
        "lifting", "lift", "end", "ending", "removal", "cessation", "halt", "suspension",
        "repeal", "abolition", "dismantling", "easing", "withdrawal", "release",
    )
)  # fmt: skip


# "More than half a century", "fewer than 100": a count, not a comparison of acts; nor is
# "(nobody) worked harder than Norway to ...", which praises Norway.
_COUNTING = frozenset({"more", "less", "fewer", "over", "under", "no", "harder"})


def _counted(toks: list[str], cue: Match) -> bool:
    """True when the cue is the "than" of a count ("for more than half a century, Cuba
    has endured an unjust blockade"): it discounts nothing after it as a contrast."""
    at = cue[0]
    return cue[2].stems == ("than",) and at > 0 and toks[at - 1].lower() in _COUNTING


def _advocated(
    toks: list[str], weighted: list[Match], cues: list[Match]
) -> tuple[list[Match], list[Match]]:
    """``(weighted, cues)`` with support for undoing an act read as asking for it.

    Why: "we support the lifting of the embargo against Cuba", "Japan endorses
    an end to the occupation" ask that the embargo be lifted, as "we call for"
    does (the rubric's demand to lift an embargo is confrontation); read as
    support, the backing counted as engagement and the undoing as a second one.
    Support for what is not an undoing ("we support the peace process") stays
    support.
    """
    undoing = {start for start, _, e in (*cues, *weighted) if e.stems[0] in _UNDOING}
    if not undoing:
        return weighted, cues
    asks: list[Match] = []
    for match in weighted:
        start, end, _ = match
        # A token ending a clause ("support,") is no word of _ADVOCACY.
        if end - start != 1 or toks[start] not in _ADVOCACY:
            continue
        at = end
        if at < len(toks) and toks[at] == "for":
            at += 1
        if at < len(toks) and toks[at] in ("the", "an", "a"):
            at += 1
        if at in undoing:
            asks.append(match)
    if not asks:
        return weighted, cues
    kept = [m for m in weighted if m not in asks]
    return kept, sorted([*cues, *((s, e, _ADVOCATED) for s, e, _ in asks)], key=_START)


# "The U.S. side should stop ...": a party told what it should do is asked to.
_SHOULD = Entry.make(("should",), "should", None, ("request",))
_START = itemgetter(0)
_PARTY_NOUNS = frozenset({"side", "government", "authorities", "administration", "leaders"})


def _after_party(toks: list[str], parties: list[Match], at: int) -> bool:
    """True when the modal at ``at`` follows a named party (not the pair named as one),
    past words such as "side" or "government", in the same clause ("the US side should",
    "Pyongyang needs to")."""
    head = at
    while head > 0 and toks[head - 1].strip(EDGE).lower() in _PARTY_NOUNS:
        head -= 1
    return any(p_end == head and e.stems not in PAIRS for _, p_end, e in parties) and open_clause(
        toks, head, at
    )


def _obliged(
    toks: list[str],
    cues: list[Match],
    parties: list[Match],
    weighted: list[Match],
    should: Entry,
) -> tuple[list[Match], list[Match]]:
    """``(cues, weighted)`` with "should" after a named party read as a request of it.

    Why: in diplomatic speech "X should stop ...", "the X side should honour its
    commitments" state what X is called on to do, as "X must" does, and weigh as
    it does (``should`` carries the weight of "must"); "should" after anyone else
    ("we should", "it should be noted") stays a modal hedge.
    """
    out, terms = cues, weighted
    for i, (start, end, cue) in enumerate(cues):
        if cue.stems != ("should",) or cue.frame == "request":
            continue
        if _after_party(toks, parties, start):
            if out is cues:
                out, terms = list(cues), list(weighted)
            out[i] = (start, end, should)
            if should.weight is not None:
                insort(terms, (start, end, should), key=_START)
    return out, terms


_NEEDING_TO = frozenset({"needs", "need", "has", "have"})


def _needed(
    toks: list[str],
    cues: list[Match],
    parties: list[Match],
    weighted: list[Match],
    needs: Entry,
) -> tuple[list[Match], list[Match]]:
    """``(cues, weighted)`` with "needs to / has to" right after a named party read as
    a request of it, as "must" is.

    Why only after a party: "Pyongyang needs to stop its provocations", "the US side has
    to correct its mistakes" ask of the party; "the need to implement", "we need to
    act", "Member States need to report" (not a party) state a need. Read everywhere,
    the words moved 90 keep-it-local rows, most of them statements of need.
    """
    out, terms = cues, weighted
    for at in range(1, len(toks) - 1):
        if toks[at] not in _NEEDING_TO or toks[at + 1] != "to":
            continue
        if _after_party(toks, parties, at):
            if out is cues:
                out, terms = list(cues), list(weighted)
            insort(out, (at, at + 2, needs), key=_START)
            insort(terms, (at, at + 2, needs), key=_START)
    return out, terms


# The first stems of request cues that weigh only when a party is asked "to" act.
_CALLING = frozenset({"appeal", "advis"})


def _appealed(
    toks: list[str], cues: list[Match], parties: list[Match], weighted: list[Match], call: Entry
) -> list[Match]:
    """``weighted`` with "appeal to / advise X to <verb>" weighing as "call on X to".

    Why: the request cues "appeal to" and "advise" carry no weight of their own,
    since "appeal to many Muslims", "appealing to social forces" attract and ask
    nothing, and "the Team advised the Committee" reports; a party named after
    one that is then asked "to" do something is called on.
    """
    out = weighted
    for start, end, cue in cues:
        if cue.weight is not None or cue.stems[0] not in _CALLING:
            continue
        if cue.stems[0] == "appeal" and cue.stems[-1] != "to":
            continue
        for p_start, p_end, _ in parties:
            # "advise the US side to ...": the party's noun may stand between.
            if p_end < len(toks) and toks[p_end] in _PARTY_NOUNS:
                p_end += 1
            if end <= p_start <= end + 4 and p_end < len(toks) and toks[p_end] == "to":
                if open_clause(toks, end, p_end):
                    if out is weighted:
                        out = list(weighted)
                    insort(out, (start, end, call), key=_START)
                break
    return out


# A proposal that a party act asks it to ("X proposed to Y that it withdraw ...").
# ("suggest" is not one: "reports suggest that China will retaliate" asks nothing.)
_PROPOSING = frozenset({"propose", "proposed", "proposes"})
_PRONOUNS = frozenset({"it", "they"})


def _proposed(
    toks: list[str],
    parties: list[Match],
    weighted: list[Match],
    cues: list[Match],
    call: Entry,
) -> tuple[list[Match], list[Match]]:
    """``(weighted, cues)`` with "propose (to Y) that X <verb>" read as a request.

    Why: "Azerbaijan has proposed to Armenia that it withdraw its forces", "we propose
    that Israel halt the construction" ask a party to act, as "call on" does; read as
    an offer ("propose" +0.55), the demand turned into engagement. A proposal with no
    party after "that" ("it is proposed that a commission be established") stays one.
    """
    starts = {start: end for start, end, _ in parties}
    for i, tok in enumerate(toks):
        if tok not in _PROPOSING:
            continue
        j = i + 1
        if j < len(toks) and toks[j] == "to":  # "proposed to Armenia that ..."
            j += 1
            if toks[j : j + 1] == ["the"]:
                j += 1
            if j not in starts:
                continue
            j = starts[j]
            if j < len(toks) and toks[j] in _PARTY_NOUNS:
                j += 1
        if j >= len(toks) or toks[j] != "that":
            continue
        k = j + 1
        if toks[k : k + 1] == ["the"]:
            k += 1
        if k >= len(toks) or not (k in starts or toks[k] in _PRONOUNS):
            continue
        weighted = sorted([m for m in weighted if m[0] != i] + [(i, i + 1, call)], key=_START)
        cues = sorted([m for m in cues if m[0] != i] + [(i, i + 1, call)], key=_START)
        break
    return weighted, cues


_REGIME = Entry.make(("regim",), "regime", None, ("party",))


def _named_regimes(toks: list[str], words: list[str], parties: list[Match]) -> list[Match]:
    """``parties`` with "the Assad regime", "the Maduro regime" added: a capitalised name
    between "the" and "regime" that no party list knows names the government it leads."""
    out = parties
    if len(words) != len(toks):
        return out
    for i in range(1, len(toks)):
        if toks[i].strip(EDGE).removesuffix("'s") != "regime":
            continue
        name = words[i - 1].strip(EDGE)
        # "the Assad regime", not "the Chemical Weapons regime" (a treaty's).
        if (
            i < 2
            or words[i - 2].lower() != "the"
            or not (name[:1].isupper() and name[1:].islower())
        ):
            continue
        if any(start <= i - 1 < end or start <= i < end for start, end, _ in out):
            continue
        if out is parties:
            out = list(parties)
        insort(out, (i - 1, i + 1, _REGIME), key=_START)
    return out


def _surface(words: list[str], match: Match) -> str:
    """The words of a party's name as written ("Israel's" → "Israel")."""
    text = " ".join(w.strip(_NAME_EDGE) for w in words[match[0] : match[1]])
    if text.endswith("."):
        # "U.S." keeps its stop; "Chile." at a sentence end does not.
        text = text if "." in text[:-1] else text[:-1]
    return text[:-2] if text.endswith("'s") else text


# Words that open a subordinate clause: its subject ("each time X pledged
# dialogue", "when X signed") is told of, not the one speaking.
_SUBORDINATE = frozenset(
    {"when", "whenever", "if", "although", "though", "after", "before", "since", "because"}
    | {"unless", "until", "once", "time", "while", "whereas", "as"}
)


def _delegation(toks: list[str], start: int) -> bool:
    """True when the party at ``start`` is named as a delegation that speaks.

    "The delegation of Oman supports ...", "the cooperation of the delegation of
    Oman": the speaker. "We thank the delegation of Chile ...", "our gratitude
    to the delegation of Chile" name the one addressed.
    """
    for i in range(start - 1, max(-1, start - 7), -1):
        if toks[i] == "delegation":
            if toks[0] in _FIRST_PERSON and "from" in toks[max(0, i - 3) : i]:
                # "We have heard the same talking points from the delegation of Iran":
                # the speaker is "we"; what came from the delegation is spoken of.
                return False
            return _ADDRESSED.isdisjoint(t.strip(EDGE) for t in toks[max(0, i - 3) : i])
    return False


_FIRST_PERSON = frozenset({"we", "i"})


def _conduct(toks: list[str], after: int, weighted: list[Match]) -> bool:
    """True when the words after a delegation tell its conduct, not its speech: "the
    delegation of X has once again chosen to distort the facts" accuses X; "the
    delegation of X regrets / supports ..." speaks."""
    if _speaks(toks, after, weighted, True) or not _VIEWS.isdisjoint(toks[after : after + 3]):
        return False
    return any(after <= s < after + 8 and (e.weight or 0.0) <= -0.25 for s, _, e in weighted)


# Words after a delegation that give its view or state ("regrets", "notes", "is
# concerned"), not its conduct.
_VIEWS = frozenset({"regrets", "regretted", "regret", "notes", "noted", "is", "was"})
# Words before "the delegation of X" that address it rather than let it speak.
_ADDRESSED = frozenset(
    {"thank", "thanks", "commend", "congratulate", "welcome", "salute", "appreciate", "to"}
    | {"urge", "invite", "join", "with"}
    # "We call upon / on X to ...", "urged X to": asked, so not the one speaking.
    | {"upon", "on", "urges", "urged", "ask", "asks", "asked", "encourage", "encourages"}
)


# Verbs of the speaker's stance toward another's act ("we appreciate X's contribution").
_APPRAISING = _ADDRESSED | frozenset(
    {"appreciates", "appreciated", "welcomes", "welcomed", "commends", "commended", "value"}
    | {"values", "praise", "praises", "praised", "acknowledge", "acknowledges", "recognize"}
    | {"recognise", "recognizes", "recognises", "for"}
)


def _addressed(toks: list[str], start: int) -> bool:
    """True when the party at ``start`` is what the speaker appraises: "We appreciate
    Japan's contribution", "our thanks for Oman's efforts" (not "Oman's commitment
    to ...", which Oman says of itself), within the same phrase."""
    for i in range(start - 1, max(-1, start - 4), -1):
        tok = toks[i]
        word = tok.strip(EDGE).lower()
        if tok[-1] in ",;:" or word in ("my", "our"):
            # "For example, Burkina Faso attaches ...": another phrase; "to complement
            # my Administration's efforts": the speaker's own.
            return False
        if word in _APPRAISING:
            return True
    return False


# What may join two parties that head one clause together ("Kenya and Uganda welcome").
_JOINING = frozenset({"and", "or", "the", "of", "&"})


def _after_verb(toks: list[str], before: int, start: int) -> bool:
    """True when the words from ``before`` to ``start`` stay in one clause and are not
    only ones that join two parties ("and", "the"): a verb or more stands between."""
    between = toks[before:start]
    return (
        bool(between)
        and all(t[-1] not in ",;:" for t in toks[before - 1 : start])
        and any(t.strip(EDGE) not in _JOINING for t in between)
    )


def _heads_clause(toks: list[str], start: int) -> bool:
    """True when at most three words ("The State of") separate ``start`` from a clause start.

    Not when they open a subordinate clause ("Each time X pledged ...").
    """
    for i in range(start - 1, max(-1, start - 5), -1):
        tok = toks[i]
        if tok[-1] in ",;:":
            return True  # "At the same time, X welcomes ...": the main clause starts here
        word = tok.strip(EDGE)
        if word in _SUBORDINATE:
            return False
        if word == "that":
            return True
    return start <= 3


_CONTINUE = frozenset({"continues", "continue"})
_SAYING = frozenset({"said", "says", "told", "insisted", "insists", "argued", "argues"})
# Verbs that close an attribution (", the envoy said."): who said it, not what.
_ATTRIBUTING = _SAYING | {"added", "noted", "stressed", "wrote", "explained", "recalled"}
# What a state goes on doing as its own policy: "X continues to work / strive / call ...".
_OWN_POLICY = frozenset({
    "work", "strive", "believe", "call", "urge", "promote", "pursue", "support", "stand",
    "help", "contribute", "participate", "engage", "play", "do", "make", "seek", "advocate",
    "encourage", "attach", "place", "regard", "consider", "view", "hold", "maintain",
    "uphold", "fight", "combat", "oppose", "reject", "condemn", "insist",
})  # fmt: skip
# Negators that, before "accept", make a refusal ("will not accept").
_REFUSING = frozenset({"not", "never", "cannot", "can't", "won't"})
# "Thailand is thanked for ...", "Eritrea was urged to ...": a verb of stance in the
# passive tells of its subject. Not the participles that describe the subject's own
# stance ("Kenya is committed to", "is opposed to", "is pleased to").
_BE = frozenset({"is", "are", "was", "were", "been", "being"})
_PASSIVE_STANCE = frozenset(
    w for w in SPEAKING if w.endswith("ed") and w not in {"committed", "opposed", "pleased"}
)


# Offices between a party's possessive and its verb: "South Africa's foreign minister said".
_OFFICE = frozenset({
    "foreign", "minister", "ministry", "president", "prime", "premier", "spokesperson",
    "spokesman", "spokeswoman", "ambassador", "envoy", "government", "leader", "defence",
    "defense", "trade", "commerce", "finance", "secretary", "chief", "top", "diplomat",
    "embassy", "mission", "representative", "delegate", "deputy", "vice", "state",
    "official", "officials", "negotiator", "negotiators", "media", "leaders", "ministers",
    "diplomats",
})  # fmt: skip


def _on_behalf(toks: list[str], start: int) -> bool:
    """True when the party at ``start`` is the one a speaker speaks for: "On behalf of
    the Government of Chile, I ...", "I speak on behalf of Chile". Not an agent's
    principal in news ("charged with harassing dissidents on behalf of Beijing"): the
    formula opens the sentence or follows the first person."""
    if "behalf" not in toks[max(0, start - 6) : start]:
        return False
    at = start - 1 - toks[start - 1 :: -1].index("behalf")
    return at <= 2 or not FIRST_PERSON.isdisjoint(toks[:at])


def _speaks_after_office(toks: list[str], end: int, weighted: list[Match], others: bool) -> bool:
    """True when the words after a subject are a speech act, past any office words
    ("US officials said China ...", "the Chinese foreign ministry said the US ...").
    Past an office, only with another party named: "Chinese state media hailed the
    summit" tells what the state's outlet said of the relation, not its own stance."""
    # Not past a comma: in "Chile attacked Peru, officials said", Peru is not speaking.
    at = end if toks[end - 1].endswith(",") else _past_office(toks, end)
    return (at == end or others) and _speaks(toks, at, weighted, others)


def _past_office(toks: list[str], at: int) -> int:
    """The index after at most three office words at ``at`` (none: ``at``)."""
    end = at
    while end < min(at + 3, len(toks)) and toks[end].strip(EDGE) in _OFFICE:
        end += 1
    return end


def _says(toks: list[str], at: int, others: bool) -> bool:
    """True when one of the two words at ``at`` is a verb of stance, or of saying with
    ``others`` named ("Oman's delegation welcomes", "Chile's foreign minister said")."""
    return any(
        t.strip(EDGE) in SPEAKING or (others and t.strip(EDGE) in _SAYING)
        for t in toks[at : at + 2]
    )


_COMMITTING = frozenset({"committed", "commits", "commit"})
_REMAINING = frozenset({"remain", "remains", "remained"})
_TO_ITSELF = (["to"], ["itself"], ["themselves"], ["himself"], ["herself"])


def _speaks(toks: list[str], after: int, weighted: list[Match], others: bool) -> bool:
    """True when the words after a subject are a speech act ("has always condemned").

    A plain verb of saying ("China said the US sanctions are illegal") is one only when
    ``others``, another party, is named: "Syria says it will not accept any more
    refugees" tells Syria's own act, as news does.

    "continues (to / its)" is one unless a hostile act follows it: "X continues
    to support ..." describes the speaker, "X continues its occupation ..." and
    "X continues to build settlements in defiance of ..." are told of X.
    """
    for i in range(after, min(after + 4, len(toks))):
        word = toks[i].strip(EDGE)
        if word in _CONTINUE:
            act = i + 1
            while act < len(toks) and toks[act] in ("to", "its", "their"):
                act += 1
            if any(s == act and (e.weight or 0.0) < 0 for s, _, e in weighted):
                return False
            # "X continues to build settlements in defiance of ...": an act no
            # term weighs, which what follows it charges, is told of X; a policy
            # of its own ("continue to work with others to uproot racism") speaks.
            if act < len(toks) and toks[act].strip(EDGE) in _OWN_POLICY:
                # "X continues to hold talks", not "X continues to hold more than a
                # thousand political prisoners": a charge right after the verb tells of X
                # (not one in a purpose after it: "continue to work with others to
                # uproot racism").
                stop = next(
                    (j for j in range(act + 1, act + 7) if toks[j : j + 1] == ["to"]), act + 7
                )
                return not any(
                    act < s < stop and (e.weight or 0.0) <= -0.5 and not e.background
                    for s, _, e in weighted
                )
            return (
                any(s == act for s, _, _ in weighted)
                or act >= len(toks)
                or not any(
                    s > act and (e.weight or 0.0) <= -0.25 and not e.background
                    for s, _, e in weighted
                )
            )
        if word in SPEAKING:
            if word in _NEEDING_TO and toks[i + 1 : i + 2] == ["to"]:
                # "Pyongyang needs to stop its provocations": what is asked of it, not
                # its own voice ("Haiti needs support" speaks of its need).
                return False
            if word in _COMMITTING and toks[i + 1 : i + 2] not in _TO_ITSELF:
                # "The army of Pakistan committed genocide": a crime committed is
                # conduct told of the party, not a commitment it speaks.
                return False
            if word in _REMAINING and any(
                i < s <= i + 2 and e.kind & IS_STATE for s, _, e in weighted
            ):
                # "Egypt and Ethiopia remain at odds": a state told of the pair,
                # not a stance one of them holds ("Egypt remains committed").
                return False
            return not (word in _PASSIVE_STANCE and i > after and toks[i - 1].strip(EDGE) in _BE)
        if word in _SAYING:
            return others
        if word in _REFUSING and toks[i + 1 : i + 2] == ["accept"]:
            # "Ghana cannot accept the decision of Togo": a refusal is Ghana's stance.
            return True
        if word not in AUXILIARY:
            return False
    return False


def _magnitude(item: Item) -> float:
    return abs(item[1])
