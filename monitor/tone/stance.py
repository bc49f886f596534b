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
  flips it, this module names the cue. Also what an opening concession grants
  when the main clause tells a hostile act ("Despite repeated assurances, X
  has continued its incursions").
* ``complicity``: support given to a hostile party or to a party's hostile
  act ("funds and arms the separatists", "backed by its patrons", "support
  for X's war") is an accusation.
* ``contrast-self``: own virtue set against the other's vice ("we remain
  committed to dialogue, whereas X ...", "unlike X, we cooperated"): the
  virtue is a foil, so it counts against the other.
* ``hypocrisy``: a virtue a party professes against its own conduct ("X
  claims to support dialogue, yet it refuses every proposal", "X talks of
  peace while massing troops"): the professed words count against it.
* ``rhetorical``: a question aimed at a party, or ironic confidence ("we
  trust X will notice its isolation"): cooperative words in it are sarcasm.
* ``backfire``: pressure that drives others together ("X is pushing Y and Z
  closer together", "driving Y into the arms of Z"): the closeness is the
  others', and it is told as the cost of X's pressure, so it counts against X.
* ``against``: cooperation joined to act against a party ("a pact to counter
  China", "cooperate to contain US hegemony") counts against that party.
* ``formula``: protocol courtesies (congratulations on an election,
  assurances of cooperation to the chair) and ritual formulas ("win-win",
  "mutual respect") say nothing about a relation; pledges to everyone ("the
  international community", "all States") are principles, not relations.
* ``narration``: violence or condemnation with no named perpetrator ("we
  condemn terrorism", "the attack killed ten") is not confrontation between
  parties.
* ``own-voice``: a sentence in the speaker's own voice ("we", "my
  Government", "I", or a state named as the one speaking: "Kenya
  welcomes ...") that names no other party and no one by pronoun ("him",
  "them") describes the speaker, or states a principle or a pledge to no one
  in particular: its cooperative words are self-description, not engagement.
* ``implied``: a sentence naming no party that charges an act only a state
  can commit against another ("the occupied territories must be returned")
  accuses one all the same: it is not discounted as untargeted.
* ``addressed``: thanks or praise to someone the text names by a capitalised
  name or title that no party list knows ("we thank Mr. Bill Gates for ...")
  is aimed at them: not discounted as untargeted.
* ``untargeted``: any other sentence that names no party is discounted.
"""

from __future__ import annotations

import re
from itertools import compress, pairwise

from monitor.tone.frame import Match, Params, Term, affirming_question, wondering_question
from monitor.tone.lexicon import Entry
from monitor.tone.parties import PAIR_NAMES
from monitor.tone.text import CLAUSE_MARKS, EDGE, clause_tokens, token_key, word_keys
from monitor.tone.vocabulary import (
    INTERSTATE,
    IS_ABETTING,
    IS_BROKEN,
    IS_CHARGE,
    IS_DIALOGUE,
    IS_INTERSTATE,
    IS_LEVEL,
    IS_MEND,
    IS_REDRESS,
    IS_RITUAL,
    IS_SITUATION,
    IS_STATE,
    SITUATION,
)

# Words that name a party one may be accused of helping.
_HOSTILE = word_keys(
    "separatist separatists terrorist terrorists terrorism militia militias rebel rebels "
    "insurgent insurgents extremist extremists mercenary mercenaries aggressor aggressors "
    "occupier occupiers invader invaders patron patrons sponsor sponsors proxy proxies "
    "puppet puppets henchmen junta putschists coup coups putsch"
)
# Words that set help against the hostile party that follows ("the fight against
# terrorism", "efforts to combat the militias", "victims of the rebels").
_OPPOSING = word_keys(
    "against fight fighting combat combating combatting counter countering defeat defeating "
    "eradicate eradicating eliminate suppress struggle victims affected"
)
_HOSTILE_OR_OPPOSING = _HOSTILE | _OPPOSING
_SHOWN = frozenset(
    {"showed", "shows", "show", "shown", "demonstrated", "demonstrates", "demonstrate"}
    | {"proved", "proves", "prove", "displayed", "displays", "marked", "marks", "mark"}
    | {"celebrated", "celebrates", "expressed", "expresses", "honoured", "honored"}
)
# Help that, given to a hostile party, is complicity.
_BACKING = word_keys(
    "support supports supported supporting backing backs backed fund funds funding funded "
    "arms arming sponsors sponsoring sponsored harbours harbouring harbors harboring "
    "shelters sheltering finances financing"
)
# Hostile acts one may be accused of backing when a party owns them ("support for
# X's war"); alone ("support for war victims") they name no one helped.
_HOSTILE_ACTS = word_keys("war wars aggression invasion occupation annexation")
# Vices a party is encouraged in ("encouraged Pretoria in its intransigence").
_VICES = word_keys("intransigence defiance expansionism obstinacy belligerence")
_ENCOURAGE = word_keys("encourage encouraged encourages encouraging")
# Non-state or unnamed perpetrators and the acts narrated of them.
_NARRATION = word_keys(
    "terrorism terrorist terrorists terror extremism extremist extremists violence "
    "perpetrators perpetrator criminals crime crimes atrocity atrocities attack attacks "
    "gunmen bombing bombings piracy trafficking violation violations abuse abuses massacre "
    "massacres slaughter genocide"
)
# Addressees of multilateral speech and protocol that are no party.
_GENERIC = tuple(
    tuple(token_key(w) for w in phrase.split())
    for phrase in (
        "international community", "all states", "member states", "united nations",
        "this organization", "our organization", "general assembly", "this assembly",
        "this session", "all countries", "all nations", "global partnership", "all peoples",
        "humanity", "mankind", "humankind", "the world", "future generations",
        # Nations in general, as the subject of a principle ("cooperation among nations").
        "among nations", "between nations", "among states", "between states",
        "among peoples", "between peoples", "among countries", "between countries",
    )
)  # fmt: skip
_PROTOCOL = word_keys(
    "election predecessor presidency outgoing chairmanship stewardship greetings felicitations"
)
# Greetings are the chair's courtesy when conveyed to "you" ("allow me to convey to you
# the warm greetings of the people of Tonga"); sent to a named leader, they engage.
_GREETINGS = word_keys("greetings felicitations")
_YOU = token_key("you")
_FOR = token_key("for")
# The Secretary-General's leadership, dedication or wisdom in general is praised by custom
# (the rubric's protocol); his convening, report or mediation is a specific act, praised
# as such. Not "commitment": "the commitments made to the Special Representative of the
# Secretary-General" are the parties', not his.
_OFFICER = word_keys("secretary-general")
_LEADERSHIP = word_keys("leadership stewardship dedication devotion wisdom tireless")
_SPECIFIC_ACT = word_keys("convening convened convene report visit mediation")
# A pledge to the chair with no party named ("assure you / him of our full
# cooperation"): the courtesy every delegation owes whoever presides; not one to
# an official the sentence names by title ("welcomes the new High Commissioner
# ... and assures her of our support").
_ASSURE = word_keys("assure assures assured pledge pledges")
_CHAIR = word_keys("you him her")
_TITLED = word_keys(
    "commissioner envoy rapporteur representative secretary-general director-general "
    "coordinator mediator"
)
_POSSESSIVE = frozenset({"your", "his", "her", "their"})
_SELF = frozenset({"we", "our", "us", "my", "ourselves"})
_THEY = frozenset({"they", "their", "them", "its", "it"})
_CONTRAST = frozenset({"whereas", "while", "unlike", "but", "however", "yet"})
_IRONY = frozenset(
    tuple(token_key(w) for w in phrase.split())
    for phrase in ("we trust", "we are sure", "surely", "one wonders")
)
# A party's own notion of a virtue, mocked ("Pyongyang's idea of dialogue is a missile
# launch", "in Beijing's dictionary, consultation means ...").
_NOTION = word_keys("idea version notion definition dictionary")
_DICTIONARY = token_key("dictionary")
_MEANING = frozenset({"is", "means", "meant", "amounts", "involves", "looks"})
_BREACH = word_keys(
    "fail failed yet violate violated violation breach breached renege disregard flout "
    "ignore contrary defiance contravene contravention repudiate abrogate scrap scrapped tore "
    "threw"
)


_SELF_KEYS = word_keys("we our us my ourselves")
# Words that make "with Y" a joint act: "work with", "together with", "join hands with".
_JOINT = word_keys("work works working worked cooperate cooperates together jointly hands")
# A bond asserted with a party: "with which we have close links / ties / relations".
_BONDS = word_keys("links ties relations relationship friendship bonds partnership cooperation")
# What a level word ("record low") must be said of to tell a relation's decline.
_RELATIONAL = word_keys(
    "relation relations relationship ties tie dialogue trust contacts contact cooperation "
    "exchanges talks diplomacy confidence"
)
# The speaker's own voice ("us" is left out: in news it is often "US").
_VOICE = word_keys("we our ourselves my i me")
# A body or its members speaking at the head of a sentence ("The Council stressed the
# importance of ...", "Several members underlined ..."): a principle they state to no
# party is theirs, as "we" would state it.
_BODIES = word_keys("council assembly members delegations participants speakers ministers")
_STRESSING = word_keys(
    "stressed underlined underscored emphasized emphasised reaffirmed reiterated "
    "stresses underlines underscores emphasizes emphasises reaffirms reiterates"
)
# Words of concern or regret: said of a situation to no party, a sentiment.
_CONCERN = word_keys(
    "concern concerned regret regrettable regrettably deplore deplorable worried worry alarm "
    "alarmed dismay dismayed saddened sorrow grief anguish disappointed troubled disturbed"
)
# Pronouns that point at a party named earlier ("assure him", "urge them").
_POINTED = word_keys("he him his she her they them")
_CONDEMN = word_keys("condemn condemned condemns condemning condemnation")
# The pronouns as written: "here" and "hers" share the key of "her", "theme" that of "them".
_POINTED_WORDS = frozenset({"he", "him", "his", "she", "her", "they", "them"})
_THEY_KEYS = word_keys("they their them its it")
_CONTRAST_KEYS = word_keys("whereas while unlike but however yet")
_OPENING_FOIL = word_keys("unlike whereas while")
_UNLIKE = token_key("unlike")
_WHEREAS = token_key("whereas")
# Both parties at once, named as one ("the two sides should respect each other").
PAIRS = frozenset(tuple(token_key(w) for w in phrase.split()) for phrase in PAIR_NAMES)
_GENERIC_LAST = frozenset(g[-1] for g in _GENERIC)
# Last key → the phrases of _GENERIC that end with it (see _generic).
_GENERIC_ENDING: dict[str, tuple[tuple[str, ...], ...]] = {
    last: tuple(g for g in _GENERIC if g[-1] == last) for last in _GENERIC_LAST
}
# Whom an appeal may be made of without asking any party: "we call on the international
# community / all States / donors to support Haiti" asks help for Haiti, and blames no one
# (the rubric's appeal to donors with no fault implied). Read on the words as written.
_EVERYONE = tuple(
    tuple(phrase.split())
    for phrase in (
        "international community", "member states", "states", "donors", "donor community",
        "donor countries", "development partners", "partners", "countries", "nations",
        "governments", "world", "world community", "global community",
    )
)  # fmt: skip
_APPEALING = frozenset(
    {"call", "calls", "called", "calling", "urge", "urges", "urged", "urging", "appeal"}
    | {"appeals", "appealed", "appealing", "ask", "asks", "asked", "invite", "invites"}
    | {"invited", "encourage", "encourages", "encouraged", "request", "requests", "requested"}
)
# The heads of those phrases as tokens, to skip the scan in a sentence without one.
_EVERYONE_WORDS = clause_tokens(g[-1] for g in _EVERYONE)
_EVERYONE_OPENERS = frozenset(
    {"the", "all", "our", "its", "their", "entire", "whole", "wider", "broader"}
)
_IRONY_LAST = frozenset(g[-1] for g in _IRONY)
# A counterfactual that denies the virtue a sentence names ("would be touching if it
# were true").
_MOCKED = re.compile(
    r"\bif (?:only )?(?:it|this|that|they|he|she) were (?:true|sincere|genuine|real|honest)\b",
    re.IGNORECASE,
)


def mocks(sentence: str) -> bool:
    """True when the sentence denies what it names by a counterfactual: "X's
    commitment to non-proliferation would be touching if it were true". Callers on the
    hot path look for " were " first, which spares most sentences the call."""
    return _MOCKED.search(sentence) is not None


_IRONY_TEXT = tuple(f" {' '.join(g)} " for g in _IRONY)
_OFFICES = word_keys("presidency chairmanship")
# The offices of a body whose election is the chair's courtesy ("on his election as
# President of the seventy-eighth session"), not a state's.
_BODY_SEATS = word_keys("assembly session council committee conference commission")
# Nouns that announce the items of a speech's agenda ("three issues concern us most: ...").
_AGENDA = word_keys(
    "issue issues challenge challenges question questions priority priorities topic topics "
    "area areas matter matters problem problems theme themes"
)
_ITS = frozenset({"its", "their"})
_SIG_PROTOCOL, _SIG_GENERIC, _SIG_NARRATION, _SIG_IRONY, _SIG_CONTRAST, _SIG_SELF = (
    1,
    2,
    4,
    8,
    16,
    32,
)
_SIG_HOSTILE, _SIG_BREACH, _SIG_VOICE, _SIG_POINTED, _SIG_PUSH = 64, 128, 256, 512, 1024
_SIG_WISH, _SIG_HOSTILE_ACT, _SIG_INTERSTATE = 2048, 4096, 8192
_SIG_PROFESS, _SIG_CONCEDE, _SIG_APPRAISE, _SIG_COUNTER = 16384, 32768, 65536, 131072
_SIG_SCHEDULE, _SIG_DEEDS, _SIG_WARN, _SIG_BLOC = 262144, 524288, 1048576, 2097152
_SIG_STATIVE, _SIG_SITUATION, _SIG_BODY, _SIG_CONCERN = 4194304, 8388608, 1 << 24, 1 << 25
_SIG_ACCEDE, _SIG_DELIBERATE = 1 << 26, 1 << 27
# Passive verbs of an agenda ("will be discussed at the next session").
_DELIBERATE_FORMS = frozenset({"discussed", "considered", "examined", "debated", "reviewed"})
_DELIBERATE = word_keys(" ".join(_DELIBERATE_FORMS))
_PASSIVE_AUX = frozenset({"be", "been", "being", "is", "are", "was", "were"})
# Joining an instrument, and the instruments joined ("ratified the Convention").
_ACCEDE = word_keys(
    "sign signs signed signing signature ratify ratifies ratified ratifying ratification "
    "accede accedes acceded acceding accession adhere adheres adhered adherence"
)
_JOINED = word_keys(
    "treaty treaties convention conventions protocol protocols statute covenant agreement"
)
_PEACEMAKING = word_keys("peace ceasefire cease-fire truce armistice")
# A state of affairs that worsens ("the security situation has deteriorated").
_WORSENING = word_keys(
    "deteriorate deteriorates deteriorated deteriorating worsen worsens worsened worsening"
)
_STATE_NOUNS = word_keys("situation conditions")
# Verbs that describe how things stand ("climate change is a threat"), not what a party did.
_STATIVE = word_keys(
    "is are remains remain constitutes constitute poses pose represents represent "
    "face faces facing faced endure endures endured"
)
# Auxiliaries that open a plain yes/no question (not "isn't", "doesn't": those argue).
_ASKING = frozenset(
    {"is", "are", "was", "were", "will", "would", "can", "could", "should", "shall"}
    | {"does", "do", "did", "has", "have", "had", "may", "might"}
)
_DEMONSTRATIVE = frozenset({"it", "this", "that", "there", "these", "those"})
_DOUBTING = frozenset({"ever", "really", "seriously", "honestly", "truly"})
# Quantifiers that make an act a principle ("any interference", "all forms of").
_ANY = word_keys("any all every")
# Verbs of acting against a party ("a pact to counter China", "contain Beijing"): what
# is joined or launched to do it is cooperation against that party.
_COUNTER_FORMS = frozenset(
    {"counter", "countering", "contain", "containing", "confront", "confronting", "deter"}
    | {"deterring", "encircle", "encircling", "isolate", "isolating"}
)
_COUNTER = word_keys(" ".join(_COUNTER_FORMS)) | {"against"}
_DENYING = frozenset({"not", "never", "far", "instead", "rather", "nor", "without", "doesn't"})
_LEAGUES = frozenset({"alliance", "alliances", "coalition", "coalitions", "pact", "front", "bloc"})
# Where and when a gathering takes place: "the summit will be held in Addis Ababa",
# "Portugal will host the Ocean Conference". Said of one party or none, that is
# procedure (the rubric's neutral), not a meeting between parties. (Not "arrived in",
# "travel to": a capital after them is a place to the scanner, and the arrival a visit.)
_SCHEDULE = word_keys("held hold holds host hosts hosted hosting venue scheduled sidelines place")
# "The summit opened in Addis Ababa", "the meeting opens on Monday": a gathering's place
# and date too (not "we remain open to talks": the forms as written).
_OPENS = frozenset({"opened", "opens"})
_OPENED_WHEN = frozenset({"in", "on", "at", "today", "tomorrow", "yesterday"})
_OPEN_KEY = token_key("opened")
# The gatherings (and their logistics) a schedule tells of.
_GATHERINGS = _SCHEDULE | word_keys(
    "summit summits conference conferences meeting meetings session forum delegation "
    "dialogue round visit"
)
# Words of thanks and praise addressed to someone ("we thank Mr. Gates for ...").
_APPRAISE = word_keys(
    "thank thanks commend salute tribute appreciation gratitude grateful congratulate "
    "praise applaud welcome welcomes welcomed satisfaction admiration"
)
_WELCOMING = word_keys("welcome welcomes welcomed satisfaction")
# What a body produces, welcomed as such ("the adoption of", "the report of").
_OUTCOMES = frozenset(
    {"decision", "decisions", "adoption", "resolution", "resolutions", "report", "reports"}
    | {"outcome", "outcomes", "proclamation", "declaration", "recommendations"}
)
# Verbs of thanks whose object is the one thanked ("we thank Brazil for ...").
THANKS = word_keys("thank commend congratulate salute gratitude")
# Words that may stand between thanks and the party thanked ("the Government of", "our
# thanks go to the Kingdom of").
_TO_THANKED = word_keys(
    "the government people delegation president of to go goes kingdom republic also you"
)
# What one is thanked for, or congratulated on.
_FOR_ON = word_keys("for on")
_SUBORDINATORS = frozenset(
    {"when", "while", "whereas", "as", "after", "because", "although", "though", "unlike"}
)
# Capitalised words after thanks that name no one praised.
_NO_ONE = frozenset({"I", "Mr.", "Mrs.", "Ms.", "Madam", "Sir", "His", "Her", "Excellency"})
# Heads of the names of instruments and meetings: a capitalised name ending in one
# ("the Paris Agreement", "the Rome Statute") is a text or an event, no one praised.
_INSTRUMENTS = frozenset({
    "Agreement", "Agreements", "Accord", "Accords", "Convention", "Conventions", "Treaty",
    "Treaties", "Protocol", "Declaration", "Charter", "Agenda", "Statute", "Summit",
    "Conference", "Goals", "Framework", "Resolution", "Compact", "Programme", "Program",
    "Plan", "Strategy", "Initiative", "Pact",
})  # fmt: skip
# Verbs that profess a virtue ("X claims to support dialogue", "X talks of peace"):
# set against the party's conduct ("..., yet it refuses"), the virtue is a pretence.
_PROFESS = word_keys("claim claims claimed claiming profess professes professed pretend pretends")
_PROFESS_TALK = word_keys("talk talks talked talking speak speaks spoke speaking preach preaches")
# Verbs that profess what follows them directly ("X preaches democracy while ...").
_PREACH = word_keys("preach preaches preached preaching lecture lectures lecturing")
_PROFESS_OF = word_keys("of about")
# Words against deeds: "X has said it does not seek a new Cold War, but its actions tell
# a different story". A verb of saying professes only where the conduct set against it
# is named as such after the contrast (saying alone is what every report does).
_SAY = word_keys("say says said saying insist insists insisted pledge pledges pledged")
_DEEDS = word_keys(
    "actions action deeds deed conduct behaviour behavior practice practices reality"
)
# "... but its actions match its words": the deeds confirm what was said.
_MATCHING = word_keys("match matches matched matching consistent")
_PROFESS_PIVOT = word_keys("while yet but whereas")
_CONCEDING = word_keys("while whereas")
# Openers of a concession before the main clause ("Despite repeated assurances, X ...").
_CONCEDE = word_keys("despite notwithstanding although though spite whenever")
# "Each time / every time X pledged talks, it fired a missile": the pledge each act broke.
_EACH = word_keys("each every")
_TIME = token_key("time")
# Verbs of hope and expectation: "we hope that X will withdraw", "Chad wishes the
# United States to lift the embargo", "we expect X to comply" ask a change of X.
_WISH = word_keys(
    "hope hopes hoped hoping wish wishes wished expect expects expected want wants "
    "waiting await awaits awaiting"
)
# What turns the named party into the one the wish is about: "X will / would / to ...".
_WISH_MODAL = word_keys("will would shall should can could to must may might")
# Verbs of pressure that can drive others together.
_PUSH = word_keys("push pushed pushing pushes drive drives driving drove driven")
_WARN = word_keys("warn warned warns warning")
# What a threat promises: a response, retaliation, consequences, a price to pay.
_RETALIATE = word_keys(
    "response responses respond retaliate retaliation retaliatory countermeasures "
    "consequences price"
)
_PAY = word_keys("pay pays paid")
_PRICE_KEY = token_key("price")
_PROMISING = word_keys("will would shall")
# Blocs whose own gatherings ("the ASEAN summit", "a G20 meeting") one member hosts or
# attends, and what such a gathering is called.
_BLOC_KEYS = word_keys(
    "asean brics g20 g-20 g7 g-7 nato apec sco opec eu caricom ecowas sadc mercosur "
    "commonwealth quad"
)
_BLOC_GATHERINGS = word_keys("summit summits conference meeting meetings ministerial forum")
_BETWEEN_WORDS = word_keys("with between among bilateral")
_SIGNALS: dict[str, int] = {}
for _bit, _group in (
    (_SIG_PROTOCOL, _PROTOCOL),
    (_SIG_GENERIC, _GENERIC_LAST),
    (_SIG_NARRATION, _NARRATION),
    (_SIG_IRONY, _IRONY_LAST | _NOTION),
    (_SIG_CONTRAST, _CONTRAST_KEYS),
    (_SIG_SELF, _SELF_KEYS),
    (_SIG_HOSTILE, _HOSTILE),
    (_SIG_HOSTILE_ACT, _HOSTILE_ACTS | _VICES),
    (_SIG_INTERSTATE, INTERSTATE),
    (_SIG_BREACH, _BREACH),
    (_SIG_VOICE, _VOICE),
    (_SIG_POINTED, _POINTED),
    (_SIG_PUSH, _PUSH),
    (_SIG_WISH, _WISH),
    (_SIG_PROFESS, _PROFESS | _PROFESS_TALK | _PREACH),
    (_SIG_CONCEDE, _CONCEDE),
    (_SIG_APPRAISE, _APPRAISE),
    (_SIG_COUNTER, _COUNTER),
    (_SIG_SCHEDULE, _SCHEDULE),
    (_SIG_DEEDS, _DEEDS),
    (_SIG_WARN, _WARN),
    (_SIG_BLOC, _BLOC_KEYS),
    (_SIG_STATIVE, _STATIVE),
    (_SIG_SITUATION, SITUATION),
    (_SIG_BODY, _BODIES),
    (_SIG_CONCERN, _CONCERN),
    (_SIG_ACCEDE, _ACCEDE),
    (_SIG_DELIBERATE, _DELIBERATE),
):
    for _key in _group:
        _SIGNALS[_key] = _SIGNALS.get(_key, 0) | _bit
# Every key this module looks for: the scorer keeps them in its token keys.
WORDS = frozenset(
    _HOSTILE | _NARRATION | _PROTOCOL | _OFFICER | _LEADERSHIP | _SPECIFIC_ACT | _BREACH
    | _GATHERINGS
    | _POSSESSIVE | _SELF_KEYS | _THEY_KEYS | _CONTRAST_KEYS | _VOICE | _POINTED | _PUSH
    | _ASSURE | _CHAIR | _TITLED | _RELATIONAL | _BONDS | _JOINT | _WISH | _WISH_MODAL | INTERSTATE
    | _HOSTILE_ACTS | _VICES | _ENCOURAGE | _PROFESS | _PROFESS_TALK | _PROFESS_OF | _PROFESS_PIVOT
    | _PREACH | _SAY | _DEEDS | _MATCHING
    | _CONCEDE | _APPRAISE | _COUNTER | _ANY | THANKS | _TO_THANKED | _WARN | _RETALIATE | _PAY
    | _PROMISING | _BLOC_KEYS | _BLOC_GATHERINGS | _BETWEEN_WORDS | _STATIVE | _OPPOSING | _BACKING
    | _BODIES | _STRESSING | _NOTION | _CONDEMN | _WORSENING | _STATE_NOUNS | _DELIBERATE | _ACCEDE
    | {_OPEN_KEY} | _JOINED | _BODY_SEATS | _AGENDA
    | _PEACEMAKING
    | {k for g in (*_GENERIC, *_IRONY) for k in g}
)  # fmt: skip


def restructure(
    toks: list[str],
    keys: list[str],
    weighted: list[Match],
    parties: list[Match],
    terms: list[Term],
    p: Params,
    *,
    gate: bool,
    voiced: bool = False,
    asked: bool = False,
    sentence: str = "",
    placed: bool = False,
) -> list[Term]:
    """``terms`` of one sentence with sentence-level structure applied.

    ``keys`` are the tokens' lexicon keys ("" for a word neither the
    lexicon nor this module knows). ``weighted`` are the term matches (in
    order; ``terms`` is ``frame``'s
    output for them, a reverser it absorbed being dropped), ``parties`` the
    party names the stance may be aimed at. ``gate``: discount sentences that
    name no party (off when a watch's actor focus already weighs sentences).
    ``asked``: a journalist's question in a transcript (never rhetorical).
    ``sentence``: the sentence as written (its capitals name whom thanks go to).
    ``placed``: a state is named, but only as a place ("the crisis in Mali").
    """
    targeted = bool(parties)
    # Which structure words the sentence holds, as bits: one set
    # intersection instead of a scan per word list.
    found = 0
    for k in _SIGNALS.keys() & keys:
        found |= _SIGNALS[k]
    final = toks[-1]
    # A yes/no question about an event ("Is a thaw within reach?", "Will X and Y meet?")
    # asks; one about "it" or "this" ("Is it the truth that X ...?") or one that doubts
    # ("Will X ever ...?", "Does X really ...?"), a negative one
    # ("Isn't this hypocrisy?") or a wh-question ("How can X speak of peace ...?") may
    # be rhetoric.
    question = (final[-1] == "?" or final[-2:] == '?"') and not (
        toks[0].strip(EDGE) in _ASKING
        and len(toks) > 1
        and toks[1] not in _DEMONSTRATIVE
        and _DOUBTING.isdisjoint(toks)  # "Will X ever meet its obligations?" argues
    )
    if question and (affirming_question(toks) or wondering_question(toks)):
        # "Why would we not welcome ...?" welcomes; "Who could have imagined that X
        # and Y would sign ...?" marvels at it.
        question = False
    # "on your election", "your predecessor", "the outgoing President"; not the
    # chairmanship or presidency of a named party ("its able chairmanship of ASEAN"):
    # that is a state's work for others, which praise of it engages.
    protocol = (
        bool(found & _SIG_PROTOCOL)
        and any(
            k in _PROTOCOL
            and (k != "election" or (i and keys[i - 1] in _POSSESSIVE))
            # "Xi congratulated the new president of Vietnam on his election": a state's
            # leader (a party named before it), with no body's office in the sentence, is
            # congratulated as the state is: that engages it.
            and not (
                k == "election" and any(m[1] <= i for m in parties) and _BODY_SEATS.isdisjoint(keys)
            )
            and (k not in _GREETINGS or _YOU in keys)
            and not (keys[i + 1 : i + 2] == ["of"] and any(m[0] in (i + 2, i + 3) for m in parties))
            # "its successful G20 presidency": the bloc named before the office, as after it.
            # "the Egyptian presidency": the office of a state named before it.
            and not any(m[1] == i and (m[2].party == "other" or k in _OFFICES) for m in parties)
            # "commended Indonesia for its chairmanship": the office of the state just named.
            and not (k in _OFFICES and toks[i - 1] in _ITS and any(m[1] < i for m in parties))
            for i, k in enumerate(keys)
        )
    )
    if protocol and targeted and found & _SIG_SELF and not _BONDS.isdisjoint(keys):
        # "Your election is also recognition of Korea, a country with which we have close
        # links of cooperation": the tribute asserts a bilateral bond (the rubric's
        # engagement), so it is no mere courtesy.
        protocol = False
    elif (
        not protocol
        and not targeted  # "The Secretary-General commends Kenya for its leadership"
        and not _OFFICER.isdisjoint(keys)
        and not _LEADERSHIP.isdisjoint(keys)
        and _SPECIFIC_ACT.isdisjoint(keys)
    ):
        protocol = True
    if not protocol and not targeted and not _ASSURE.isdisjoint(keys) and _TITLED.isdisjoint(keys):
        protocol = any(
            k in _ASSURE and keys[i + 1 : i + 2] and keys[i + 1] in _CHAIR
            for i, k in enumerate(keys)
        )
    # "ASEAN will hold its summit in Vientiane": a gathering's place and date, with one
    # party or none (two, "Chile and Peru will meet in Lima", is a meeting between them).
    # The one party must come before the logistics: "Xi will travel to Washington",
    # "Scholz arrived in Beijing" tell a visit to a party.
    scheduled = (
        bool(found & _SIG_SCHEDULE)
        and len({m[2].stems for m in parties}) <= 1
        and not any(m[2].stems in PAIRS for m in parties)
        and all(m[0] < _first(keys, _SCHEDULE) for m in parties)
    )
    if not scheduled and targeted and found & _SIG_BLOC:
        scheduled = _bloc_gathering(keys, parties)
    if not scheduled and _OPEN_KEY in keys and len({m[2].stems for m in parties}) <= 1:
        scheduled = _opened_at(toks, parties)
    generic = narrated = irony = thematic = False
    if not targeted:
        if found & _SIG_GENERIC:
            generic = _generic(keys)
        narrated = bool(found & _SIG_NARRATION)
        # A state of affairs described ("Climate change is the greatest threat to our
        # survival"): a situation word under a stative verb, with no relation and no act
        # only a state commits, is the rubric's thematic description, no stance.
        thematic = (
            (
                found & (_SIG_STATIVE | _SIG_SITUATION) == _SIG_STATIVE | _SIG_SITUATION
                # "The humanitarian situation continues to deteriorate": a situation
                # that worsens is described as well as one that is.
                or (not _WORSENING.isdisjoint(keys) and not _STATE_NOUNS.isdisjoint(keys))
            )
            and not found & _SIG_INTERSTATE
            and _RELATIONAL.isdisjoint(keys)
        )
        if ":" in sentence and _agenda(toks, keys):
            # An agenda's items named are topics, not violence told.
            thematic, narrated = True, False
    elif found & _SIG_IRONY:
        # Ironic confidence: "we trust X will notice its isolation".
        joined = f" {' '.join(keys)} "
        irony = (
            any(g in joined for g in _IRONY_TEXT)
            and any((e.weight or 0.0) < 0 for _, _, e in weighted)
        ) or _mocked_notion(toks, keys, parties, weighted)
    if targeted and not irony and question and _who_is_to(toks, parties):
        # "Who is Washington to lecture others?": the party's standing denied.
        irony = True
    if targeted and not irony and " were " in sentence and mocks(sentence):
        # "X's commitment to non-proliferation would be touching if it were true":
        # the virtue named is denied by the sentence's own turn of phrase.
        irony = True
    if targeted and not irony and " see" in sentence and _wait_and_see(toks, parties):
        # "We will see whether X lives up to its words": the virtue is doubted, a
        # challenge to the party, not praise of it.
        irony = True
    # Where a contrast marker splits own virtue from the other's conduct.
    pivot = -1
    self_side = ""
    if found & _SIG_CONTRAST and (
        found & _SIG_SELF or (targeted and (keys[0] == _UNLIKE or _WHEREAS in keys))
    ):
        pivot, self_side = _foil(toks, keys, parties, weighted)
    elif found & _SIG_SELF and targeted and ";" in sentence:
        pivot, self_side = _juxtaposed(toks, keys, parties, weighted)
    if (
        not self_side
        and found & _SIG_SELF
        and targeted
        and not _MATCHED.isdisjoint(t.strip(EDGE).lower() for t in toks)
    ):
        pivot, self_side = _reciprocal(toks, keys, parties)
    # "X claims to support dialogue, yet it refuses ...": the professed virtue's span.
    deeds = bool(found & _SIG_DEEDS and found & _SIG_CONTRAST)
    professed = (
        _professed(toks, keys, parties, weighted, deeds)
        if targeted and (found & _SIG_PROFESS or deeds)
        else None
    )
    # "Despite repeated assurances, X has continued ...": where the concession ends.
    conceded = (
        _conceded(toks, keys, weighted)
        if targeted and (found & _SIG_CONCEDE or keys[1:2] == [_TIME])
        else -1
    )
    # A redress asked for ("must lift the blockade") makes the whole request
    # a demand on the party: what else is asked ("and implement the accord")
    # is asked of a party at fault too. A charged act against a named party
    # decides a mixed sentence: support for its victims said in the same
    # breath is the setting of the charge.
    demanded = ritual = charged = local = positive = False
    # "We call on the international community to support Haiti": an appeal made of
    # everyone asks nothing of the party it names, and blames no one.
    appealed = (
        targeted
        and not _EVERYONE_WORDS.isdisjoint(toks)
        and any(_asks(e) or (why and "requested" in why) for e, _, _, why in terms)
        and _appeal_to_everyone(toks)
    )
    if appealed:
        terms = [
            (e, phrase, 0.0, [*why, "appeal"])
            if _asks(e) and _everyone_asked(toks, at + len(e.stems))
            else (e, phrase, f, why)
            for (e, phrase, f, why), at in zip(terms, _starts(weighted, terms), strict=True)
        ]
    if targeted and not _EVERYONE_WORDS.isdisjoint(toks):
        terms = _to_everyone(toks, weighted, parties, terms, p)
    hostile = bool(found & (_SIG_HOSTILE | _SIG_HOSTILE_ACT))
    breach = bool(found & _SIG_BREACH)
    # An untargeted sentence's terms come already discounted by
    # ``p.untargeted`` (cue "untargeted"); a pledge to everyone or a narrated
    # act is relabelled, and its factor moved to ``p.formula`` / ``p.narration``.
    untargeted = gate and not targeted
    if untargeted and p.untargeted and found & _SIG_INTERSTATE and _implied(terms, weighted, keys):
        # Why: occupation, aggression or annexation can only be one state's act
        # against another; named with no party, it still accuses one (the
        # rubric's "implied" target), so the sentence is not a principle.
        terms, untargeted = _aimed(terms, p, "implied"), False
    elif untargeted and p.untargeted and found & _SIG_WARN and _threatens(keys):
        # Why: "X warned that any attack would be met with a decisive response" threatens
        # whoever would act (the rubric's warnings and threats, with an implied target).
        terms, untargeted = _aimed(terms, p, "implied"), False
    elif (
        untargeted and p.untargeted and found & _SIG_APPRAISE and not protocol and sentence
        and _praised(sentence.split(), keys)
    ):  # fmt: skip
        # Why: thanks to "Mr. Bill Gates" or "the Secretary-General" for an act are
        # aimed at them (the rubric's engagement), though no party list knows them.
        terms, untargeted = _aimed(terms, p, "addressed"), False
    elif (
        untargeted and p.untargeted and placed and found & _SIG_APPRAISE and not protocol
        and sum((e.weight or 0.0) * f for e, _, f, _ in terms) > 0
    ):  # fmt: skip
        # Why: welcoming what came to pass in a state ("we welcome the end of the
        # crisis in Mali") welcomes it for that state, named as the place it happened.
        terms, untargeted = _aimed(terms, p, "addressed"), False
    relabel = untargeted and (generic or narrated or thematic)
    # The speaker's own voice with no other party, named or pointed at.
    own = (
        untargeted
        and not (found & _SIG_POINTED and _points(toks))
        and (voiced or bool(found & _SIG_VOICE) or (bool(found & _SIG_BODY) and _body_voiced(keys)))
    )
    if (
        (own or generic)
        and found & _SIG_ACCEDE
        and not _JOINED.isdisjoint(keys)
        and _PEACEMAKING.isdisjoint(keys)
    ):
        # Why: signing, ratifying or acceding to an instrument with no other party named
        # ("My country has ratified the Paris Agreement", "we call on all States to sign
        # and ratify the Arms Trade Treaty") is one's own compliance, or an appeal to
        # everyone to join: the rubric's procedure, no stance toward a party. Not a peace
        # or ceasefire accord: that is made between parties, named or not.
        terms = [
            (e, phrase, 0.0, [*why, "procedure"]) if (e.weight or 0.0) * f > 0 or _asks(e)
            else (e, phrase, f, why)
            for e, phrase, f, why in terms
        ]  # fmt: skip
    if found & _SIG_DELIBERATE and len({m[2].stems for m in parties}) <= 1 and _deliberated(toks):
        # Why: "The proposal will be discussed at the next session" tells what is on an
        # agenda, with no two parties named who talk to each other: the rubric's
        # procedure, as a gathering's place and date is.
        terms = [
            (e, phrase, 0.0, [*why, "procedure"])
            if (e.weight or 0.0) * f > 0
            and (e.stems[0] in _DELIBERATE or not _GATHERINGS.isdisjoint(e.stems))
            else (e, phrase, f, why)
            for e, phrase, f, why in terms
        ]
    owned: set[int] = set()
    if targeted and p.background and found & _SIG_INTERSTATE:
        terms, owned = _owned(weighted, terms, parties, p)
    kinds: list[int] = []
    kinds_any = 0  # every kind bit of the sentence's terms
    requested = False  # some term is asked for
    even: set[int] = set()  # returns to talks asked of two parties
    for i, (e, _, f, why) in enumerate(terms):
        kind = e.kind
        kinds.append(kind)
        kinds_any |= kind
        w = e.weight or 0.0
        signed = w * f
        if why and "requested" in why:
            requested = True
        if kind:
            if kind & IS_RITUAL:
                ritual = True
            if signed > 0:
                # Why not untargeted: a redress asked of no one named ("calls upon all
                # parties to respect the camps") blames no party (the rubric's appeal
                # with no fault implied).
                if (
                    why
                    and kind & IS_REDRESS
                    and "requested" in why
                    and not untargeted
                    and not appealed
                ):
                    at = _starts(weighted, terms)[i]
                    if kind & (IS_DIALOGUE | IS_MEND) and not _one_asked(parties, at):
                        # "we urge X and Y to return to the table" (or "to the
                        # right track"): asked of two, it encourages them (below).
                        even.add(i)
                    elif _jointly(keys, parties, at):
                        # "X should work with Y to implement the consensus": asked
                        # together with the other, it blames neither.
                        even.add(i)
                    elif _two_asked(parties, at) and _mutual(keys, at):
                        # "We urge X and Y to respect each other's sovereignty": what
                        # two owe each other, asked of both, mends their relation.
                        even.add(i)
                        kinds[-1] |= IS_MEND
                    else:
                        demanded = True
                if hostile and kind & IS_ABETTING:
                    local = True
        if signed > 0:
            positive = True
            if hostile and e.stems[0] in _ENCOURAGE:
                local = True  # "encouraged X in its intransigence": complicity?
            if w < 0 and why and "requested" in why and not untargeted and not appealed:
                if (
                    "negated" in why
                    and targeted
                    and _two_asked(parties, _starts(weighted, terms)[i])
                ):
                    # "China and the US should be partners rather than rivals": no
                    # hostility asked of two parties blames neither ("X and Y should
                    # stop their propaganda" blames both).
                    even.add(i)
                else:
                    demanded = True
            elif (
                why
                and "requested" in why
                and not kind & (IS_DIALOGUE | IS_REDRESS)
                and targeted
                and _two_asked(parties, _starts(weighted, terms)[i])
            ):
                # "We advise both sides to exercise restraint and return to dialogue":
                # calm asked of two parties blames neither.
                even.add(i)
        elif breach and w > 0 and why and ("negated" in why or "reversed" in why):
            local = True  # a denied act: a breach?
        elif targeted and signed <= -p.charged and (not e.background or i in owned):
            charged = True
    if targeted and requested and not demanded and _encouraged(terms, kinds, even):
        # Why: "we urge X and Y to pursue dialogue", "we call on X to hold talks
        # with Y" encourage dialogue between parties (engagement), with no
        # fault implied: the request word is an encouragement, not a demand.
        terms = [
            (e, phrase, -f, [*why, "encouraged"]) if _asks(e) else (e, phrase, f, why)
            for e, phrase, f, why in terms
        ]
    # "Each time it pledged dialogue, it broke the pledge": where the promise is broken.
    broken = -1
    if positive and kinds_any & IS_BROKEN:
        broken = next(i for i, kind in enumerate(kinds) if kind & IS_BROKEN)
    # A journalist's question (``asked``) asks; only a speaker's question is rhetoric.
    rhetorical = irony or (question and targeted and not asked)
    # "pushing China and Russia closer together": where the pressure ends.
    pushed = _pushed(toks, keys, parties) if found & _SIG_PUSH and targeted else -1
    # "a pact to counter China": cooperation joined against a party.
    countered = bool(found & _SIG_COUNTER) and targeted and _countered(toks, keys, parties)
    # "we hope that X will withdraw": where the change hoped of a party starts.
    wished = _wished(toks, keys, parties) if found & _SIG_WISH and targeted else -1
    # "We are troubled by reports that Beijing is providing components to ...": where
    # the conduct a concern is about starts.
    worried = _worried(toks, keys, parties) if targeted and found & _SIG_CONCERN else -1
    charged = charged and positive and p.mixed != 1.0
    # "Births hit a record low": a level said of no relation and no pair of parties.
    unrelated = bool(kinds_any & IS_LEVEL) and _RELATIONAL.isdisjoint(keys)
    # A relation's state needs the relation named; a level, a pair of parties will do.
    # Or the two parties as the subject the state is said of ("X and Y are at odds").
    stateless = unrelated and bool(kinds_any & IS_STATE) and not _pair_subject(toks, parties)
    unrelated = unrelated and not _two_asked(parties, len(keys))
    special = (
        protocol or scheduled or ritual or demanded or rhetorical or charged
        or bool(self_side) or local or pushed >= 0 or wished >= 0 or broken > 0
        or professed is not None or conceded > 0 or countered or unrelated or stateless
        or worried >= 0
    )  # fmt: skip
    if not special:
        # The common case: only whether the sentence names a party applies.
        if not untargeted:
            if targeted and found & _SIG_SITUATION and _experiences(toks, parties):
                # "Haiti is facing a multidimensional crisis": the one party named
                # suffers the situation; no one's conduct is charged (the rubric's
                # concern about a situation). Its words keep their lean, not a stance.
                terms = [
                    (e, phrase, f, [*why, "thematic"])
                    if (e.weight or 0.0) * f < 0 and e.kind & IS_SITUATION
                    else (e, phrase, f, why)
                    for e, phrase, f, why in terms
                ]
            return terms
        if relabel:
            terms = [_relabel(term, p, generic, narrated, thematic) for term in terms]
            if narrated and not own:
                terms = _unaddressed(terms)
        if own:
            terms = _own_voiced(terms, _condemns_all(keys))
        return _capped(terms, p.untargeted_cap)
    starts = _starts(weighted, terms) if len(weighted) > 1 else [weighted[0][0]]
    out: list[Term] = []
    formula_end = -1  # where the last ritual formula ended ("win-win| cooperation")
    for index, ((entry, phrase, factor, why), start, kind) in enumerate(
        zip(terms, starts, kinds, strict=True)
    ):
        weight = entry.weight or 0.0
        why = list(why)
        if (
            professed is not None
            and start > professed[1]
            and "contrast" in why
            and keys[professed[1]] in _CONCEDING
            and p.concessive
        ):
            # "X preaches peace while massing troops": the conduct after "while" is
            # the point of the charge, not a concession beside it.
            factor /= p.concessive
            why.remove("contrast")
        if kind & IS_LEVEL and (unrelated or (stateless and kind & IS_STATE)):
            out.append((entry, phrase, 0.0, [*why, "level"]))
            continue
        if kind & IS_RITUAL:
            formula_end = start + len(entry.stems)
        if (
            kind & IS_RITUAL
            or (ritual and entry.background and weight > 0)
            or (start == formula_end and weight > 0)
        ):
            # Why zero: these stand in rebuttals as in praise; they carry no
            # information about where the relation stands.
            out.append((entry, phrase, 0.0, [*why, "formula"]))
            continue
        signed = weight * factor
        if irony and signed < 0 and "rhetorical" not in why:
            # Why: "we are sure X will notice that no one believes it", "who is X to
            # lecture others": the mockery is a stance by its form, however mild the
            # words it mocks with (the rubric's ridicule).
            why.append("rhetorical")
        if (
            demanded
            and signed > 0
            and "requested" in why
            # A return to talks asked of one party blames it for leaving them;
            # asked of two ("X and Y should return to the table"), it is even-handed.
            and (not kind & IS_DIALOGUE or (kind & IS_REDRESS and _one_asked(parties, start)))
        ):
            factor = -factor / p.requested * p.demand_on
            why.append("demand-on")
            signed = weight * factor
        if (
            wished >= 0
            and start > wished
            and signed > 0
            and not kind & IS_DIALOGUE
            and (kind & IS_REDRESS or weight < 0)
            and "demand-on" not in why
            and _open_span(toks, wished, start)
        ):
            # A redress hoped of a party, or the undoing of its wrong ("lift the
            # embargo"), asks a change of it: the rubric's call for change.
            factor = -factor * p.demand_on
            why.append("demand-on")
            signed = weight * factor
        if (
            weight > 0 > signed
            and ("negated" in why or "reversed" in why)
            and not _BREACH.isdisjoint(keys[max(0, start - 4) : start])
        ):
            why.append("breach")
        if signed > 0 and index < broken:
            # What was promised before the promise was broken is the breach.
            factor = factor * p.reversed
            why.append("breach")
            signed = weight * factor
        if signed > 0:
            # Cooperative words turned against a party, by the first structure that
            # reads them so (each scale in ``Params``).
            turn, scale = _turned_by(
                complicity=(bool(kind & IS_ABETTING) and _aimed_at_hostile(toks, keys, start))
                or (keys[start] in _ENCOURAGE and _in_vice(toks, keys, start)),
                # Own virtue set against the other's conduct.
                contrast_self=bool(self_side)
                and (start < pivot if self_side == "before" else start > pivot),
                # What was conceded before a hostile main clause is what it broke.
                conceded=start < conceded,
                # Cooperation to counter or contain a party is aimed against it: a pact
                # of others, or the party's rivals' initiative, tells the relation's rivalry.
                against=countered,
                backfire=pushed >= 0 and pushed < start <= pushed + 8,
                rhetorical=rhetorical,
                # A virtue professed against the party's own conduct is a pretence
                # (asked, it is rhetorical, above).
                hypocrisy=professed is not None and professed[0] <= start < professed[1],
                # A party's cooperation one is concerned about is conduct deplored.
                concern=0 <= worried < start,
                p=p,
            )
            if turn:
                factor = -factor * scale
                why.append(turn)
                signed = weight * factor
        if signed > 0 and charged:
            factor *= p.mixed
            why.append("mixed")
        if signed > 0 and protocol:
            # Why zero: a courtesy to the chair is owed whoever holds it.
            factor = 0.0
            why.append("formula")
            out.append((entry, phrase, factor, why))
        elif signed > 0 and scheduled and not _GATHERINGS.isdisjoint(entry.stems):
            # Why zero: where a summit is held tells no stance toward anyone.
            out.append((entry, phrase, 0.0, [*why, "procedure"]))
        elif relabel:
            out.append(_relabel((entry, phrase, factor, why), p, generic, narrated, thematic))
        else:
            out.append((entry, phrase, factor, why))
    if relabel and narrated and not own:
        out = _unaddressed(out)
    if own:
        out = _own_voiced(out, _condemns_all(keys))
    return _capped(out, p.untargeted_cap) if untargeted else out


def _who_is_to(toks: list[str], parties: list[Match]) -> bool:
    """True for "Who is / are <party> to <verb> ...?"."""
    if len(toks) < 4 or toks[0].lower() != "who" or toks[1] not in ("is", "are"):
        return False
    return any(m[0] in (2, 3) and toks[m[1] : m[1] + 1] == ["to"] for m in parties)


def _opened_at(toks: list[str], parties: list[Match]) -> bool:
    """True when a gathering opens at a place or time after any party named ("the ASEAN
    summit opened in Vientiane on Monday")."""
    for i, tok in enumerate(toks[:-1]):
        if tok.lower() in _OPENS and toks[i + 1].strip(EDGE).lower() in _OPENED_WHEN:
            return all(m[0] < i for m in parties) and not any(m[2].stems in PAIRS for m in parties)
    return False


def _deliberated(toks: list[str]) -> bool:
    """True when an agenda verb stands in the passive with no agent: "will be discussed",
    "was considered at length" (not "was discussed by the ministers")."""
    words = [t.strip(EDGE).lower() for t in toks]
    for i, w in enumerate(words[1:], 1):
        if w in _DELIBERATE_FORMS and words[i - 1] in _PASSIVE_AUX:
            return "by" not in words[i + 1 : i + 3]
    return False


def _points(toks: list[str]) -> bool:
    """True when a pronoun of ``_POINTED_WORDS`` stands in the sentence as written."""
    return any(t.strip(EDGE).lower() in _POINTED_WORDS for t in toks)


def _generic(keys: list[str]) -> bool:
    """True when the keys hold a phrase of ``_GENERIC`` ("international community").

    Why not a regular expression over the joined keys: its alternation was tried at
    every space of the sentence; here only the keys a phrase ends with are looked at,
    found in C.
    """
    for at in compress(range(len(keys)), map(_GENERIC_LAST.__contains__, keys)):
        for phrase in _GENERIC_ENDING[keys[at]]:
            size = len(phrase)
            if at + 1 >= size and tuple(keys[at + 1 - size : at + 1]) == phrase:
                return True
    return False


def _unaddressed(terms: list[Term]) -> list[Term]:
    """``terms`` of a narrated sentence with a demand made of no one marked ``unaddressed``.

    Why: "The attacks on civilians must stop", "Terrorism in all its forms must be
    condemned" demand an end to violence whose perpetrator is not named: the rubric's
    neutral (unnamed perpetrators), so their evidence of a stance counts as the own
    voice's. Only with the demand: violence told with no demand ("shelling killed
    twelve") stays narration. Acts only a state commits were aimed at their implied
    party before this (cue ``implied``).
    """
    if not any(_asks(e) for e, _, _, _ in terms):
        return terms
    return [
        (e, phrase, f, [*why, "unaddressed"]) if why and "narration" in why else (e, phrase, f, why)
        for e, phrase, f, why in terms
    ]


def _condemns_all(keys: list[str]) -> bool:
    """True when a condemnation is of every act of a kind ("we condemn all such acts",
    "add our voices to the condemnation of any attack"): a principle, aimed at no one."""
    if _CONDEMN.isdisjoint(keys):
        return False
    return any(
        k in _CONDEMN and not _ANY.isdisjoint(keys[i + 1 : i + 4]) for i, k in enumerate(keys)
    )


def _own_voiced(terms: list[Term], principle: bool = False) -> list[Term]:
    """``terms`` of a sentence in the speaker's own voice to no party (see :func:`_own_voice`).

    Why the concern: what a speaker is concerned about or regrets with no
    party named ("we are concerned about the deteriorating situation") is the
    situation itself, so its words are the concern's, not charges. ``principle``:
    the speaker condemns every act of a kind (:func:`_condemns_all`), which
    charges no party either.
    """
    concern = principle or any(
        e.stems[0] in _CONCERN or e.stems[-1] in _CONCERN for e, _, _, _ in terms
    )
    return [_own_voice(term, concern) for term in terms]


def _own_voice(term: Term, concern: bool = False) -> Term:
    """A term said in the speaker's own voice to no party: self-description or principle.

    Why: "we remain committed to cooperation", "my Government has promoted
    dialogue" describe the speaker or a principle; the rubric of stance
    between parties reads them as neutral, not as engagement with anyone.
    The same holds for condemnation with no named perpetrator said in the own
    voice ("we condemn terrorism in all its forms"): a shared principle; and
    for concern or regret about a situation ("to our great regret, the
    situation has become dangerous"), which the rubric reads as neutral.
    """
    entry, phrase, factor, why = term
    if (
        (entry.weight or 0.0) * factor <= 0
        and "narration" not in why
        and not concern
        and entry.stems[0] not in _CONCERN
        and entry.stems[-1] not in _CONCERN
    ):
        return term
    # The tone keeps the words' lean; the cue (always last) lowers only the
    # evidence that a stance is taken (``Params.own_voice``).
    return entry, phrase, factor, [*why, "own-voice"]


def _capped(terms: list[Term], cap: float) -> list[Term]:
    """``terms`` scaled so that their gross contribution is at most ``cap``.

    Why: a sentence that names no party speaks of principles however many
    cooperative words it strings together; damping each word alone lets a
    long pledge still read as strong engagement.
    """
    gross = 0.0
    for e, _, f, _ in terms:
        gross += abs((e.weight or 0.0) * f)
    if gross <= cap:
        return terms
    scale = cap / gross
    return [(e, ph, f * scale, why) for e, ph, f, why in terms]


def _owned(
    weighted: list[Match], terms: list[Term], parties: list[Match], p: Params
) -> tuple[list[Term], set[int]]:
    """``terms`` with a party's own interstate act read in full, and their indexes.

    Why: a topic word such as "occupation" is background ("the occupied
    territories"), but named as a party's act ("the Chilean occupation",
    "Israel's occupation") it charges that party. Not the party's forces or
    army ("Israeli troops"): they are actors, not acts.
    """
    ends = {end for _, end, _ in parties}
    hits = [
        i for i, (e, _, _, why) in enumerate(terms)
        if e.kind & IS_INTERSTATE and why and "background" in why and (e.weight or 0.0) < 0
    ]  # fmt: skip
    if not hits:
        return terms, set()
    starts = _starts(weighted, terms)
    owned = {i for i in hits if starts[i] in ends}
    if not owned:
        return terms, owned
    out = list(terms)
    for i in owned:
        e, phrase, f, why = out[i]
        out[i] = (e, phrase, f / p.background, [c for c in why if c != "background"])
    return out, owned


def _asks(e: Entry) -> bool:
    """True for a request word that weighs as a demand ("urge", "call on", "must")."""
    return "request" in e.roles and (e.weight or 0.0) < 0


def _everyone_asked(toks: list[str], end: int) -> bool:
    """True when the request word ending at ``end`` is made of everyone: "call on the
    international community to", "urge all States to", "appeal to donors to"."""
    words = [t.strip(EDGE).lower() for t in toks[end : end + 7]]
    if words[:1] in (["to"], ["on"], ["upon"]):  # "appeal to", "calls on" read as a verb
        words = words[1:]
    while words and words[0] in _EVERYONE_OPENERS:
        words = words[1:]
    # Not "the Governments of X and Y", "the States of the region": those are named.
    return any(
        tuple(words[: len(g)]) == g and words[len(g) : len(g) + 1] != ["of"] for g in _EVERYONE
    )


# Words that give what a term offers to someone: "a friend to", "cooperation with".
_TOWARD = frozenset({"to", "with", "toward", "towards", "among", "between"})
# Help given by someone: "Malawi requires the assistance of the international community"
# asks help of everyone, as an appeal to donors does (the rubric's neutral).
_FROM_GIVER = frozenset({"of", "from"})
_HELP = word_keys("assistance support help aid solidarity contribution contributions backing")


def _help_of_everyone(toks: list[str], end: int) -> bool:
    """True when the help word ending at ``end`` is given by everyone: "the assistance
    (and support) of the international community", "support from our partners"."""
    if toks[end] == "and" and end + 2 < len(toks) and token_key(toks[end + 1]) in _HELP:
        end += 2
    return toks[end] in _FROM_GIVER and _everyone_asked(toks, end + 1)


def _to_everyone(
    toks: list[str], weighted: list[Match], parties: list[Match], terms: list[Term], p: Params
) -> list[Term]:
    """``terms`` with cooperative words offered to everyone re-read as a formula.

    Why: "Mongolia's foreign policy is to be a friend to all nations", "Chile will
    cooperate with all countries" pledge goodwill to no one in particular (the
    rubric's pledges to "all States", "friends and partners"): the party named is the
    one pledging, not one spoken to. So is help asked of everyone ("Malawi requires the
    assistance of the international community"). Not when a party is named after the
    words ("cooperation with all countries, the US included").
    """
    last = parties[-1][0]
    starts = _starts(weighted, terms)
    # Where help asked of everyone was named: what it is asked for ("... of the
    # international community to rebuild") is the asker's own purpose.
    helped = [
        at
        for (entry, _, factor, _), at in zip(terms, starts, strict=True)
        if at > last
        and entry.stems[0] in _HELP
        and (entry.weight or 0.0) * factor > 0
        and at + len(entry.stems) < len(toks)
        and _help_of_everyone(toks, at + len(entry.stems))
    ]
    out: list[Term] = []
    for term, at in zip(terms, starts, strict=True):
        entry, phrase, factor, why = term
        end = at + len(entry.stems)
        if (
            at > last
            and (entry.weight or 0.0) * factor > 0
            and end < len(toks)
            and toks[end - 1][-1] not in CLAUSE_MARKS
            and (
                (
                    (toks[end - 1] in _TOWARD or toks[end] in _TOWARD)
                    and _everyone_asked(toks, end if toks[end - 1] in _TOWARD else end + 1)
                )
                or at in helped
                or any(
                    h < at <= h + 10 and CLAUSE_MARKS.isdisjoint(t[-1] for t in toks[h:at])
                    for h in helped
                )
            )
            and not _defined(toks, end)
        ):
            term = (entry, phrase, factor * p.formula, [*why, "formula"])
        out.append(term)
    return out


def _experiences(toks: list[str], parties: list[Match]) -> bool:
    """True when the sentence's one party is the subject of a verb of undergoing ("Haiti
    is facing ...", "Sudan remains mired in ...", "Lebanon continues to suffer ...")."""
    if len({m[2].stems for m in parties}) != 1 or parties[0][0] > 3:
        return False
    end = parties[0][1]
    for tok in toks[end : end + 4]:
        word = tok.strip(EDGE)
        if word in _UNDERGOING:
            return True
        if word not in _UNDERGOING_AUX:
            return False
    return False


_UNDERGOING = frozenset(
    {"facing", "faces", "face", "faced", "suffers", "suffer", "suffering", "suffered"}
    | {"endures", "endure", "enduring", "grapples", "grappling", "mired", "gripped"}
    | {"experiencing", "experiences", "confronted", "confronts", "confronting"}
)
_UNDERGOING_AUX = frozenset(
    {"is", "are", "was", "were", "has", "have", "been", "still", "now", "continues", "to"}
    | {"remains", "currently", "again"}
)


def _defined(toks: list[str], at: int) -> bool:
    """True when the addressees after ``at`` are singled out by a relative clause: "to
    the countries that have shared the burden" thanks the ones who did."""
    for i in range(at, min(at + 6, len(toks) - 1)):
        if toks[i] in _EVERYONE_WORDS:
            return toks[i + 1] in _RELATIVE
    return False


_RELATIVE = frozenset({"that", "which", "who", "whose"})


def _appeal_to_everyone(toks: list[str]) -> bool:
    """True when a verb of asking in the sentence asks everyone ("we appeal to donors
    to", "calls upon all States to"), see ``_everyone_asked``."""
    return any(t.lower() in _APPEALING and _everyone_asked(toks, i + 1) for i, t in enumerate(toks))


def _jointly(keys: list[str], parties: list[Match], at: int) -> bool:
    """True when what is asked at ``at`` is to be done together with a named party: "work
    with China to implement", "together with Y", "join hands with Y" (within six words)."""
    return any(
        at - 6 <= m[0] < at and m[0] > 1 and keys[m[0] - 1] == "with" and keys[m[0] - 2] in _JOINT
        for m in parties
    )


def _mutual(keys: list[str], at: int) -> bool:
    """True when the act at ``at`` is done to "each other" / "one another" (within six
    words either side: "grant each other's citizens visa-free travel"): asked of two
    parties, a redress they owe each other blames neither."""
    ahead = keys[max(0, at - 6) : at + 7]
    return any(a in ("each", "one") and b in ("other", "another") for a, b in pairwise(ahead))


def _encouraged(terms: list[Term], kinds: list[int], even: set[int]) -> bool:
    """True when a request asks for dialogue only: no redress and no hostile act.

    ``even`` holds the terms that are a return to talks (or to partnership, to the
    right track) asked of two parties, which blames neither of them.
    """
    asked = talks = False
    for i, ((e, _, f, why), kind) in enumerate(zip(terms, kinds, strict=True)):
        if _asks(e):
            if "negated" in why:
                return False
            asked = True
        elif why and "requested" in why:
            if i in even and not kind & (IS_DIALOGUE | IS_MEND):
                continue  # calm asked of two parties, beside the talks
            redress = kind & IS_REDRESS and i not in even
            if redress or (e.weight or 0.0) * f < 0 or not kind & (IS_DIALOGUE | IS_MEND):
                return False
            talks = True
    return asked and talks


def _implied(terms: list[Term], weighted: list[Match], keys: list[str]) -> bool:
    """True when a term charges an interstate act that no negation or reversal undoes,
    and not as a principle: "we reject any interference" charges no one."""
    charged = {
        id(e)
        for e, _, _, why in terms
        if e.kind & IS_INTERSTATE
        and (e.weight or 0.0) < 0
        and "negated" not in why
        and "reversed" not in why
    }
    return any(
        id(e) in charged and not (start and keys[start - 1] in _ANY) for start, _, e in weighted
    )


def _agenda(toks: list[str], keys: list[str]) -> bool:
    """True when a colon closes a clause that announces an agenda's items within six
    words of it ("Three issues concern us most: climate change, the threat of
    terrorism and debt"; "I will highlight two priorities: ..."): what follows is the
    list of the speech's topics, named, not a stance toward anyone."""
    for c, t in enumerate(toks):
        if t.endswith(":") and c:
            near = keys[max(0, c - 6) : c + 1]
            return not _AGENDA.isdisjoint(near)
    return False


def _relabel(term: Term, p: Params, generic: bool, narrated: bool, thematic: bool = False) -> Term:
    """An untargeted term re-read as a formula (a pledge to everyone), narration, or
    a situation described (``thematic``: its evidence of a stance counts as the own
    voice's does).

    Why every negative term of a thematic sentence, not only its situation words: in
    "Nuclear weapons pose the gravest threat to humanity" the weapons are the situation
    as much as the threat is; with the situation word alone discounted, "nuclear" still
    counted in full and the sentence read as confrontation.
    """
    entry, phrase, factor, why = term
    signed = (entry.weight or 0.0) * factor
    if generic and signed > 0:
        cue, scale = "formula", p.formula / p.untargeted if p.untargeted else 0.0
    elif narrated and signed < 0:
        cue, scale = "narration", p.narration / p.untargeted if p.untargeted else 0.0
    elif thematic and signed < 0:
        cue, scale = "thematic", 1.0
    else:
        return term
    return entry, phrase, factor * scale, [cue if c == "untargeted" else c for c in why]


# Doubt that waits for a party's deeds: "we will see whether X ...", "it remains to be
# seen if X ...".
_WAIT_AND_SEE = frozenset(
    tuple(phrase.split())
    for phrase in ("will see", "shall see", "to be seen", "wait and see", "we'll see")
)
_WHETHER = frozenset({"whether", "if", "how"})


def _wait_and_see(toks: list[str], parties: list[Match]) -> bool:
    """True when a party's conduct is awaited with doubt: "we will see how X lives up
    to its words", "it remains to be seen whether X will keep its promise". The
    party follows "whether", "if" or "how" within three words."""
    words = [t.strip(EDGE).lower() for t in toks]
    starts = {m[0] for m in parties}
    for i in range(1, len(words) - 1):
        if words[i] not in _WHETHER:
            continue
        if (
            tuple(words[max(i - 2, 0) : i]) in _WAIT_AND_SEE
            or tuple(words[max(i - 3, 0) : i]) in _WAIT_AND_SEE
        ):
            return any(i < s <= i + 3 for s in starts)
    return False


def _mocked_notion(
    toks: list[str], keys: list[str], parties: list[Match], weighted: list[Match]
) -> bool:
    """True when a party's own notion of a virtue is told as something else:
    "Pyongyang's idea of dialogue is a missile launch every other week", "in Beijing's
    dictionary, consultation means informing neighbours after the fact"."""
    ends = {m[1] for m in parties}
    for i, key in enumerate(keys):
        if (
            key in _NOTION
            and i in ends
            and toks[i - 1].endswith(("'s", "\u2019s"))
            and (key == _DICTIONARY or toks[i + 1 : i + 2] == ["of"])
        ):
            said = next((k for k in range(i + 2, len(toks)) if toks[k] in _MEANING), -1)
            # The virtue named before "is" / "means", and nothing good after it (not
            # "Seoul's idea of cooperation is a joint fund for the victims").
            return (
                said > 0
                and any(i < start < said and (e.weight or 0.0) > 0 for start, _, e in weighted)
                and not any(start > said and (e.weight or 0.0) > 0 for start, _, e in weighted)
            )
    return False


def _one_asked(parties: list[Match], start: int) -> bool:
    """True when one party, not a pair, is named before the term at ``start``.

    The parties named before what is asked are the ones asked ("we call on X to
    return to talks with Y" asks X alone).
    """
    asked = [m for m in parties if m[0] < start]
    return len(asked) == 1 and asked[0][2].stems not in PAIRS


def _pair_subject(toks: list[str], parties: list[Match]) -> bool:
    """True when two parties joined by "and" are the subject of a copula: "Jakarta and
    Canberra are at odds", "Ankara and Athens remain deeply suspicious"."""
    if len(parties) < 2:
        return False
    first, second = parties[0], parties[1]
    end = second[1]
    return (
        second[0] == first[1] + 1
        and toks[first[1]] == "and"
        and end < len(toks)
        and toks[end] in _COPULA_FORMS
    )


def _two_asked(parties: list[Match], start: int) -> bool:
    """True when two parties, or a pair named as one ("both sides"), are named before the
    term at ``start``: the ones asked."""
    asked = [m for m in parties if m[0] < start]
    return len(asked) > 1 or (len(asked) == 1 and asked[0][2].stems in PAIRS)


def _foil(
    toks: list[str], keys: list[str], parties: list[Match], weighted: list[Match]
) -> tuple[int, str]:
    """Where own virtue is set against a party's conduct: ``(pivot, self side)``.

    "We remain committed to dialogue, whereas X ..." → the self side is
    "before" the pivot; "Unlike X, we cooperated ..." and "Unlike X, Y has
    always honoured its obligations" → "after" the comma. ``(-1, "")`` when the
    sentence sets no such foil.
    """
    if keys[0] in _OPENING_FOIL:
        comma = next((i for i, t in enumerate(toks) if t.endswith(",")), -1)
        if (
            comma > 0
            and any(m[0] <= comma for m in parties)
            # "While we have differences with Beijing, we value the dialogue ...": the
            # opening clause is the speaker's own concession, no conduct of the other.
            and (keys[0] == _UNLIKE or _SELF_KEYS.isdisjoint(keys[1:3]))
            and (
                not _SELF_KEYS.isdisjoint(keys[comma + 1 :])
                # Only "unlike" sets a named party, not just the speaker, as the foil's
                # other side: "While X did not respond, both sides ..." is no foil.
                or (keys[0] == _UNLIKE and any(m[0] > comma for m in parties))
            )
        ):
            return comma, "after"
        if (
            comma > 0
            and keys[0] != _UNLIKE
            and not _SELF_KEYS.isdisjoint(keys[1:comma])
            and any(m[0] > comma for m in parties)
            and _hostile_after(weighted, comma)
        ):
            # "While we extend our hand in friendship, X answers with threats." (The
            # pivot follows the comma: the word that carries it is the clause's last.)
            return comma + 1, "before"
        return -1, ""
    pivot = next((i for i, k in enumerate(keys) if i and k in _CONTRAST_KEYS), -1)
    if pivot < 0:
        return -1, ""
    if _SELF_KEYS.isdisjoint(keys[:pivot]):
        # "Kenya has kept every promise, whereas Somalia has broken them all": one
        # party's conduct set against another's, as the speaker's own would be. Only
        # "whereas", which always sets two sides against each other ("while" and "but"
        # also join what goes together).
        if (
            keys[pivot] == _WHEREAS
            and any(m[1] <= pivot for m in parties)
            and any(m[0] > pivot for m in parties)
            and _hostile_after(weighted, pivot)
        ):
            return pivot, "before"
        return -1, ""
    if any(m[0] > pivot for m in parties) or not _THEY_KEYS.isdisjoint(keys[pivot + 1 :]):
        return pivot, "before"
    return -1, ""


def _turned_by(
    *,
    complicity: bool,
    contrast_self: bool,
    conceded: bool,
    against: bool,
    backfire: bool,
    rhetorical: bool,
    hypocrisy: bool,
    concern: bool,
    p: Params,
) -> tuple[str, float]:
    """The first structure, in order of precedence, that turns a cooperative term against
    a party: its cue and the scale of the turned weight; ``("", 0.0)`` for none."""
    for hit, cue, scale in (
        (complicity, "complicity", p.complicity),
        (contrast_self, "contrast-self", p.contrast_self),
        (conceded, "breach", p.contrast_self),
        (against, "against", p.complicity),
        (backfire, "backfire", p.complicity),
        (rhetorical, "rhetorical", p.rhetorical),
        (hypocrisy, "hypocrisy", p.contrast_self),
        (concern, "concern", p.contrast_self),
    ):
        if hit:
            return cue, scale
    return "", 0.0


_COPULA_FORMS = frozenset({"are", "were", "remain", "remained", "have", "had", "seem", "appear"})
_INVOLVED = frozenset({"all", "those", "parties", "states", "countries", "everyone"})


def _worried(toks: list[str], keys: list[str], parties: list[Match]) -> int:
    """Where the conduct of a party that a concern is about starts, or -1.

    "We are concerned that X is deepening its military cooperation with Y", "troubled
    by reports that Beijing is providing components to ...": a concern word, then
    "that" within five words, then a party named at once (the rubric's concern about
    a named party's conduct, confrontation). Not a concern about a situation.
    """
    starts = {m[0] for m in parties}
    for i, k in enumerate(keys):
        # Not "all concerned" / "the parties concerned" (those involved), nor others'
        # "security concerns that X says ...".
        if k not in _CONCERN or toks[i] == "concerns" or (i and toks[i - 1] in _INVOLVED):
            continue
        for j in range(i + 1, min(i + 6, len(toks) - 1)):
            if toks[j] == "that":
                at = j + 2 if toks[j + 1] == "the" else j + 1
                return j if at in starts else -1
    return -1


def _threatens(keys: list[str]) -> bool:
    """True when a warning promises retaliation after it: "warned that any attack would
    be met with a firm response", "warned of serious consequences", "would pay a heavy
    price". Not a response to something, consequences of something, or a price of it
    ("the consequences of climate change", "warned that prices would rise")."""
    warned = next(i for i, k in enumerate(keys) if k in _WARN)
    for i in range(warned + 1, len(keys)):
        k = keys[i]
        if k not in _RETALIATE:
            continue
        after = keys[i + 1] if i + 1 < len(keys) else ""
        if after in ("to", "of"):
            continue
        if k == _PRICE_KEY and _PAY.isdisjoint(keys[max(0, i - 3) : i]):
            continue
        between = keys[warned + 1 : i]
        # Promised ("would be met with a firm response", "will pay"), or warned of
        # ("warned of serious consequences"); not told ("when Governments respond").
        if not _PROMISING.isdisjoint(between) or ("of" in between and i - warned <= 4):
            return True
    return False


def _aimed(terms: list[Term], p: Params, cue: str) -> list[Term]:
    """An untargeted sentence's terms read as aimed at someone after all: the untargeted
    discount lifted, its cue renamed ``cue``."""
    return [
        (e, phrase, f / p.untargeted, [cue if c == "untargeted" else c for c in why])
        for e, phrase, f, why in terms
    ]


def thanked(
    toks: list[str],
    keys: list[str],
    weighted: list[Match],
    parties: list[Match],
    terms: list[Term],
) -> list[Term]:
    """``terms`` with thanks to a named party marked ``thanked``: "we thank Brazil for
    leading the mission", "we commend the Government of Chile for ...", "our thanks to
    Peru". Not thanks to a cause ("thanks mainly to the process of decolonization")."""
    starts = {m[0] for m in parties}
    out = terms
    positions = _starts(weighted, terms)
    for i, ((e, phrase, f, why), at) in enumerate(zip(terms, positions, strict=True)):
        # ("mixed": thanks beside a charged act, which may be what is thanked for.)
        if e.stems[0] not in THANKS or (e.weight or 0.0) * f <= 0 or (why and why != ["mixed"]):
            continue
        end = at + len(e.stems)
        j = end
        while j < min(end + 6, len(keys)) and j not in starts and keys[j] in _TO_THANKED:
            j += 1
        if j not in starts and j < len(toks) - 1 and toks[j].endswith(",") and j + 1 in starts:
            # "We thank the penholders, Ireland and Norway, for ...": the role named
            # first, the parties who hold it in apposition.
            j += 1
        if j in starts:
            if out is terms:
                out = list(terms)
            out[i] = (e, phrase, f, ["thanked"])
            # What the party is thanked for is praised, however it is worded ("we thank
            # Rwanda for deploying troops to help restore security").
            thanked_for = next(
                (k for k in range(j + 1, min(j + 8, len(keys))) if keys[k] in _FOR_ON), -1
            )
            if thanked_for > 0:
                span = [
                    k
                    for k in range(i + 1, len(out))
                    if positions[k] > thanked_for and _in_clause(toks, thanked_for, positions[k])
                ]
                # What is thanked for, before a clause of its own ("for its vaccines when
                # the rich countries hoarded them": the charge is aimed at others).
                upto = next(
                    (
                        n
                        for n in range(thanked_for + 1, min(thanked_for + 9, len(toks)))
                        if toks[n] in _SUBORDINATORS
                    ),
                    thanked_for + 9,
                )
                if any(
                    out[k][0].kind & IS_CHARGE
                    and (out[k][0].weight or 0.0) < 0
                    and positions[k] < upto
                    for k in span
                ):
                    # Why: "Thank you, Minsk, for reminding us what a rigged election looks
                    # like": no one is thanked in earnest for a charge; the thanks mock.
                    out[i] = (e, phrase, -f, ["rhetorical"])
                    continue
                for k in span:
                    term = out[k]
                    if (term[0].weight or 0.0) * term[2] < 0:
                        out[k] = (term[0], term[1], 0.0, [*term[3], "praised"])
    return out


def asked_passive(
    toks: list[str], weighted: list[Match], terms: list[Term], p: Params
) -> list[Term]:
    """``terms`` with a cooperative act that is the subject of "must be" / "should be"
    read as asked for (cue ``requested``), as one after "must" is.

    Why: "the full implementation of all such decisions must be ensured", "the
    sovereignty of Ukraine must be respected" ask for what they name; it is not done.
    The act stands within ten words before the modal, in its clause.
    """
    out = terms
    positions = _starts(weighted, terms)
    for m, tok in enumerate(toks[:-2]):
        if tok not in _PASSIVE_MODALS or toks[m + 1] != "be":
            continue
        for i, ((e, phrase, f, why), at) in enumerate(zip(out, positions, strict=True)):
            if (
                m - 10 <= at < m
                and (e.weight or 0.0) * f > 0
                and "requested" not in why
                and _in_clause(toks, at, m)
            ):
                if out is terms:
                    out = list(terms)
                out[i] = (e, phrase, f * p.requested, [*why, "requested"])
    return out


_PASSIVE_MODALS = frozenset({"must", "should"})


def belied(toks: list[str], weighted: list[Match], terms: list[Term]) -> list[Term]:
    """``terms`` with a virtue shown "by" a hostile act read as mockery (cue ``rhetorical``).

    Why: "Pyongyang has once again demonstrated its deep commitment to peace by firing
    two more missiles": the means named belies the virtue, which the sentence names
    only to deride. The act after "by ...ing" (within six words, in the clause) weighs
    against a party; the virtue stands within ten words before it. "Showed its goodwill
    by lifting the sanctions" lifts them: the act is no longer hostile once framed.
    """
    positions = _starts(weighted, terms)
    out = terms
    for b, tok in enumerate(toks[:-2]):
        if tok != "by" or not toks[b + 1].endswith("ing"):
            continue
        # The virtue is shown, proved or marked by the act ("demonstrated its commitment
        # ... by firing"), not a manner of speaking ("allow me to begin by reiterating").
        if _SHOWN.isdisjoint(toks[max(0, b - 12) : b]):
            continue
        # "by sending troops to fight the militias": force against a hostile party.
        if not _HOSTILE_OR_OPPOSING.isdisjoint(token_key(t) for t in toks[b + 1 : b + 11]):
            continue
        if not any(
            b < at <= b + 6
            and (e.weight or 0.0) <= -0.5
            and (e.weight or 0.0) * f < 0
            and _in_clause(toks, b, at)
            for (e, _, f, _), at in zip(terms, positions, strict=True)
        ):
            continue
        for i, ((e, phrase, f, why), at) in enumerate(zip(terms, positions, strict=True)):
            if b - 10 <= at < b and (e.weight or 0.0) * f > 0 and _in_clause(toks, at, b):
                if out is terms:
                    out = list(terms)
                out[i] = (e, phrase, -f, [*why, "rhetorical"])
    return out


def _praised(words: list[str], keys: list[str]) -> bool:
    """True when thanks or praise is addressed to someone the text names by a capitalised
    name or title ("we thank Mr. Bill Gates for ...", "commend the Secretary-General for
    convening ...", "pay tribute to Agostinho Neto"), though no party list knows them."""
    for i, k in enumerate(keys):
        if k not in _APPRAISE:
            continue
        j = i + 1
        while j < min(i + 6, len(words)):
            word = words[j].strip(EDGE)
            if word[:1].isupper() and word not in _NO_ONE:
                run = j
                while run < len(words) and words[run][:1].isupper():
                    run += 1
                # "We welcome the decision of the General Assembly to ...": a body's
                # outcome welcomed (the rubric's neutral), not its author thanked. An
                # officer's own act ("the Secretary-General's decision") is praised.
                back = j - 2 if words[j - 1] == "the" else j - 1
                authored = (
                    k in _WELCOMING
                    and back >= 1
                    and words[back] == "of"
                    and words[back - 1].lower() in _OUTCOMES
                )
                if words[run - 1].strip(EDGE) not in _INSTRUMENTS and not authored:
                    return True
                j = run - 1
            if words[j][-1] in ",;:":
                break
            j += 1
    return False


def _juxtaposed(
    toks: list[str], keys: list[str], parties: list[Match], weighted: list[Match]
) -> tuple[int, str]:
    """Own virtue and a party's conduct set side by side at a semicolon: ``(pivot, "before")``.

    "We have always chosen dialogue; the other side has chosen terror." The
    clause before the semicolon is the speaker's alone and leans cooperative;
    the one after names a party and leans hostile. ``(-1, "")`` otherwise.
    """
    cut = next((i + 1 for i, t in enumerate(toks) if t.endswith(";")), -1)
    if (
        cut <= 0
        or _SELF_KEYS.isdisjoint(keys[:cut])
        or any(m[0] < cut for m in parties)
        or not any(m[0] >= cut for m in parties)
    ):
        return -1, ""
    before = sum(m[2].weight or 0.0 for m in weighted if m[0] < cut)
    after = sum(m[2].weight or 0.0 for m in weighted if m[0] >= cut)
    return (cut, "before") if before > 0 > after else (-1, "")


# What a party is asked to match: "and we hope that X will do the same".
_MATCHED = frozenset({"same", "likewise", "suit", "reciprocate"})
_MATCH_ASKED = frozenset(
    tuple(phrase.split())
    for phrase in (
        "do the same", "do likewise", "follow suit", "to reciprocate", "will reciprocate",
        "would reciprocate",
    )
)  # fmt: skip


def _reciprocal(toks: list[str], keys: list[str], parties: list[Match]) -> tuple[int, str]:
    """Own act followed by a party asked to match it: ``(pivot, "before")``.

    "We have opened our border crossings, and we hope that X will do the same",
    "we released all prisoners and expect X to do likewise": the speaker's own good
    act is the measure the party has not met (the rubric's hope for change, aimed at
    it), and so is the hope or call that asks it. The clause that names the party must
    follow the speaker's own ("we") clause. ``(-1, "")`` when no party is asked to
    match an act the speaker told first.
    """
    words = [t.strip(EDGE).lower() for t in toks]
    for i in range(1, len(words)):
        if words[i] not in _MATCHED:
            continue
        if not any(tuple(words[i - n + 1 : i + 1]) in _MATCH_ASKED for n in (2, 3)):
            continue
        asked = [m for m in parties if i - 8 <= m[0] < i]
        if not asked:
            return -1, ""
        at = asked[-1][0]
        # The asking clause starts at the last "and", comma or semicolon before the party.
        pivot = next(
            (j + 1 for j in range(at - 1, 0, -1)
             if toks[j][-1] in ",;:" or words[j + 1 : j + 2] == ["and"]),
            -1,
        )  # fmt: skip
        if pivot <= 1 or _SELF_KEYS.isdisjoint(keys[:pivot]):
            return -1, ""
        if any(m[0] < pivot for m in parties):
            return -1, ""
        # The hope or the call itself ("we hope that", "expect X to") is part of the
        # measure set: the self side runs to the asked act's end.
        return i + 1, "before"
    return -1, ""


def _hostile_after(weighted: list[Match], at: int) -> bool:
    """True when the terms after token ``at`` tell a hostile act: they weigh toward
    confrontation on balance, and one of them is an act, not a background word or a
    mere "must"."""
    after = [m[2] for m in weighted if m[0] > at]
    return sum(e.weight or 0.0 for e in after) < 0 and any(
        (e.weight or 0.0) <= -0.25 and not e.background for e in after
    )


def _countered(toks: list[str], keys: list[str], parties: list[Match]) -> bool:
    """True when a verb of acting against a party has a party as its object ("to counter
    China", "contain Beijing's influence"): a party name starts one or two words after.
    The verb is matched as written, since its stem is shared ("contains China's
    proposals" holds them, it does not contain China)."""
    starts = {m[0] for m in parties}
    return any(
        (
            (k in _COUNTER and toks[i].strip(EDGE) in _COUNTER_FORMS)
            # "an alliance / a coalition against China": a league formed against it.
            or (k == "against" and i > 0 and toks[i - 1].strip(EDGE) in _LEAGUES)
        )
        and (i + 1 in starts or i + 2 in starts)
        # "does not seek to contain China", "far from isolating Cuba": denied, the
        # verb joins nothing against the party.
        and _DENYING.isdisjoint(t.strip(EDGE).lower() for t in toks[max(i - 4, 0) : i])
        for i, k in enumerate(keys)
    )


def _professed(
    toks: list[str],
    keys: list[str],
    parties: list[Match],
    weighted: list[Match],
    deeds: bool = False,
) -> tuple[int, int] | None:
    """The span of a virtue a party professes against its own conduct, or None.

    "X claims to support dialogue, yet it refuses every proposal", "X talks of
    peace while massing troops": a party names the profession ("claims",
    "talks of"), a contrast ("while", "yet", "but") follows, and a hostile act
    after it is the conduct. The cooperative words between are the pretence.
    ``deeds``: the sentence names conduct ("its actions", "its deeds") and a
    contrast; then "X says / has said ..., but its actions ..." professes too, and
    the conduct so named needs no hostile word ("... but its deeds show otherwise").
    """
    said = -1  # the first verb of saying, if no profession proper is found
    for i, k in enumerate(keys):
        after = keys[i + 1] if i + 1 < len(keys) else ""
        # The verb, not the noun: "claims to / that" ("Chile's claims to the islands"
        # are a title, not a pretence, and would need no contrast either way).
        if (
            (k in _PROFESS and after in ("to", "that"))
            or (k in _PROFESS_TALK and after in _PROFESS_OF)
            or k in _PREACH
        ):
            break
        if deeds and said < 0 and (k in _SAY or k in _PROFESS):
            said = i
    else:
        if said < 0:
            return None
        i = said
    if not any(m[1] <= i for m in parties):
        return None
    pivot = next((j for j in range(i + 2, len(keys)) if keys[j] in _PROFESS_PIVOT), -1)
    if pivot < 0:
        return None
    # The conduct named as such just after the contrast: "but its actions", "yet in
    # reality", "while its conduct"; and not confirming the words ("match them").
    named = (
        deeds
        and any(k in _DEEDS for k in keys[pivot + 1 : pivot + 4])
        and _MATCHING.isdisjoint(keys[pivot + 1 :])
    )
    if not named and (
        i == said
        or not (
            _hostile_after(weighted, pivot)
            # "... while arming its proxies": help to a hostile party is the conduct.
            or any(
                keys[j] in _BACKING and _aimed_at_hostile(toks, keys, j)
                for j in range(pivot + 1, len(keys))
            )
        )
    ):
        return None
    return i, pivot


def _conceded(toks: list[str], keys: list[str], weighted: list[Match]) -> int:
    """Where an opening concession ends (past its comma), when a hostile act follows it;
    else -1.

    "Despite repeated assurances, X has continued its incursions", "Although X
    signed the accord, it has violated it": the assurance or the signing is
    what the main clause's conduct broke. A friendly main clause ("Despite our
    differences, we value ...") concedes nothing of the kind.
    """
    if (
        keys[0] not in _CONCEDE
        and keys[:2] != ["in", "spite"]
        and not (keys[0] in _EACH and keys[1:2] == [_TIME])
    ):
        return -1
    comma = next((i for i, t in enumerate(toks) if t.endswith(",")), -1)
    if comma < 0 or not _hostile_after(weighted, comma):
        return -1
    return comma + 1  # the word that carries the comma is the concession's last


def _pushed(toks: list[str], keys: list[str], parties: list[Match]) -> int:
    """Where a verb of pressure drives named parties together, else -1.

    "X is pushing China and Russia closer together", "driving Y into the arms
    of Z": a pressure verb, not a request ("push for"), whose object is a
    named party. What follows it (up to eight words) is the others' closeness.
    """
    for i, k in enumerate(keys):
        if (
            k in _PUSH
            and toks[i + 1 : i + 2] != ["for"]
            and any(i < m[0] <= i + 3 for m in parties)
        ):
            return i
    return -1


def _wished(toks: list[str], keys: list[str], parties: list[Match]) -> int:
    """Where a change hoped of a named party starts ("hope that X will", "wishes X to"), else -1.

    A verb of hope or expectation, then a named party within five words (past
    "that the Government of"), then a modal or "to" within four words of the
    party's name: what follows is asked of that party. "We hope to see", "we wish
    to thank" name no party and are not caught.
    """
    for i, k in enumerate(keys):
        if k not in _WISH or toks[i + 1 : i + 2] == ["to"]:
            continue
        for start, end, _ in parties:
            if i < start <= i + 5:
                for j in range(end, min(end + 4, len(keys))):
                    if keys[j] in _WISH_MODAL:
                        return j
                # "We hope the United States respects WTO rules": the party's own
                # verb in the present, right after its name, is as asked as "will".
                verb = toks[end] if end < len(toks) else ""
                possessive = toks[end - 1][-1:] == "'"
                if verb.endswith("s") and not verb.endswith(("'s", "ss")) and not possessive:
                    return end - 1
                break
    return -1


def _in_clause(toks: list[str], a: int, b: int) -> bool:
    """True when tokens ``a`` .. ``b`` stand in one clause: no clause mark and no "but"."""
    return not any(toks[i][-1] in CLAUSE_MARKS or toks[i] == "but" for i in range(a, b))


def _open_span(toks: list[str], a: int, b: int) -> bool:
    """True when no sentence-internal stop (";", ":") lies between tokens ``a`` and ``b``."""
    return not any(toks[i][-1] in ";:" for i in range(a, b))


def professes(keys: list[str], at: int) -> bool:
    """True when the words at ``at`` (one of the next three) profess something that a
    contrast later sets against ("X's leadership speaks of stability while arming its
    proxies"): what the party says is then the pretence the sentence exposes, not the
    party's own stance (see ``_professed``)."""
    for j in range(at, min(at + 3, len(keys) - 1)):
        k, after = keys[j], keys[j + 1]
        if (
            (k in _PROFESS and after in ("to", "that"))
            or (k in _PROFESS_TALK and after in _PROFESS_OF)
            or k in _PREACH
        ):
            return not _PROFESS_PIVOT.isdisjoint(keys[j + 2 :])
    return False


def _body_voiced(keys: list[str]) -> bool:
    """True when a body or its members head the sentence and state something ("The
    Council stressed ...", "Several members underlined ...")."""
    for i in range(min(3, len(keys) - 1)):
        if keys[i] in _BODIES:
            return keys[i + 1] in _STRESSING
    return False


def backs_hostile(toks: list[str], keys: list[str], at: int) -> bool:
    """True when help told at ``at`` (one of its next three words) goes to a hostile
    party: "Pakistan's continued support for cross-border terrorism", "Iran arms the
    militias". Its giver is then accused of complicity, not speaking."""
    for j in range(at, min(at + 3, len(keys))):
        if keys[j] in _BACKING:
            return _aimed_at_hostile(toks, keys, j)
    return False


def _aimed_at_hostile(toks: list[str], keys: list[str], start: int) -> bool:
    """True when a hostile party, or a party's hostile act, follows the term closely.

    "arms the separatists", "support for X's war against Y".
    """
    for j in range(start + 1, min(start + 6, len(keys))):
        if keys[j] in _HOSTILE:
            # "supports the fight against terrorism", "the forces fighting the
            # terrorists": help against the hostile party, not to it.
            return _OPPOSING.isdisjoint(keys[start + 1 : j])
    if start + 2 < len(keys) and toks[start + 1] in _ITS and keys[start + 2] in _HOSTILE_ACTS:
        return True
    if any(
        keys[j] in _HOSTILE_ACTS and toks[j - 1][-2:] in ("'s", "s'")
        for j in range(start + 2, min(start + 5, len(keys)))
    ):
        return True
    return _prolongs(toks, keys, start)


def _prolongs(toks: list[str], keys: list[str], start: int) -> bool:
    """True when what the help at ``start`` does is keep a war going: "China's support
    for Russia's defense industrial base is prolonging the war", "the arms it sends
    sustain the conflict". In the help's clause, within ten words."""
    for j in range(start + 1, min(start + 10, len(keys) - 1)):
        if toks[j - 1][-1] in CLAUSE_MARKS:
            return False
        if keys[j] in _KEEPING_UP and not _WARFARE.isdisjoint(keys[j + 1 : j + 4]):
            return True
    return False


# Verbs that keep a war going, and the wars they keep going.
_KEEPING_UP = word_keys(
    "prolong prolongs prolonged prolonging fuel fuels fuelled fueled fuelling fueling sustain "
    "sustains sustained sustaining perpetuate perpetuates perpetuating enable enables enabling"
)
_WARFARE = _HOSTILE_ACTS | word_keys("conflict conflicts fighting bloodshed killing")


# "those who support its war": the act is a party's by its pronoun, right after the
# term (not "support Ukraine in its war of self-defence": the party supported is named).
_ITS = frozenset({"its", "their", "his", "her"})


def _in_vice(toks: list[str], keys: list[str], start: int) -> bool:
    """True when encouragement at ``start`` is of a party in its vice: "encouraged
    Pretoria in its intransigence" (not "we encourage the rebels to join the talks")."""
    return any(
        keys[j] in _VICES and toks[j - 1] in ("its", "their") and toks[j - 2] == "in"
        for j in range(start + 3, min(start + 6, len(keys)))
    )


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


def _bloc_gathering(keys: list[str], parties: list[Match]) -> bool:
    """True when the sentence tells a bloc's own gathering that one party hosts or
    attends: "The Philippines will host the ASEAN summit", "Xi to attend BRICS summit".

    Why: such a gathering is the bloc's calendar, no act toward a party (as a
    summit's place and date are). Not one held with or between parties ("talks
    with Biden at the APEC summit"), nor one that two parties attend.
    """
    at = next(
        (i for i, k in enumerate(keys[:-1]) if k in _BLOC_KEYS and keys[i + 1] in _BLOC_GATHERINGS),
        -1,
    )
    if at < 0 or not _BETWEEN_WORDS.isdisjoint(keys):
        return False
    members = {m[2].stems for m in parties if not m[0] <= at < m[1]}
    return len(members) <= 1 and not any(m in PAIRS for m in members)


def _first(keys: list[str], words: frozenset[str]) -> int:
    """The index of the first key in ``words`` (``len(keys)`` for none)."""
    return next((i for i, k in enumerate(keys) if k in words), len(keys))
