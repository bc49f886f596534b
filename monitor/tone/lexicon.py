"""The project's own lexicon of diplomatic action and its framing cues.

Weights are graded after the event-coding literature's ordering (CAMEO /
Goldstein, PLOVER): material cooperation > verbal cooperation > consultation >
neutral statement > disapproval > threat > coercion > violence. The words, the
cue lists and every number here were written for this project.

Each line of a table is ``weight: phrase | phrase | ...``. Phrases are stemmed
with :func:`monitor.tone.text.stem`, so one base form covers its inflections;
irregular forms ("met", "held", "fought") are listed explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from monitor.tone.text import TOKEN, stem

_ENGAGEMENT = """
0.85: humanitarian aid | food aid | emergency aid | relief aid | development aid | debt relief
0.85: peace agreement | peace accord | peace deal | peace treaty | peaceful coexistence
0.85: mutual respect | mutual trust | reconciliation | reconcile | rapprochement | detente
0.8: sign agreement | signed agreement | sign accord | signed accord | sign treaty | signed treaty
0.8: ceasefire | cease fire | cease-fire | truce | armistice | normalisation | normalization
0.8: normalise relation | normalize relation | restore relation | restore tie | resume talk
0.8: reestablish | re-establish | mutually beneficial | mutual benefit | win-win | people-to-people
0.75: free trade agreement | trade agreement | memorandum of understanding | joint statement
0.7: aid | donate | donation | humanitarian assistance | peacekeeping | peace keeping | peacekeeper
0.7: cooperate | cooperation | co-operation | co-operate | collaborate | collaboration | partnership
0.7: agreement | accord | treaty | pact | breakthrough | consensus | reached agreement
0.7: praise | commend | hail | applaud | congratulate | goodwill | friendship | solidarity
0.7: peace talk | peace process | peace | peaceful | de-escalate | de-escalation | defuse
0.7: ease tension | reduce tension | easing of tension | lower tension | calm tension
0.65: grant | loan | funding | fund | financial support | financial assistance | relief
0.65: assist | assistance | support | supportive | backing | endorse | welcome
0.6: agree | agreed | negotiate | negotiation | mediate | mediation | mediator | dialogue
0.6: reassure | pledge | vow | commit | commitment | promise | guarantee | assurance
0.6: release | released | freed | pardon | amnesty | repatriate | hand over | handed over
0.6: withdraw troop | withdrew troop | withdraw force | withdrew force | pull out troop
0.6: troop withdrawal | withdrawal of troop | withdrawal of force | pullout | disarm
0.6: joint exercise | joint venture | joint work | joint effort | coordinated effort | coordination
0.55: invite | invitation | welcomed | host | hosted | visit | state visit | exchange visit
0.55: talks | talk | summit | consult | consultation | discuss | discussion | confer
0.55: engage | engagement | re-engage | reengage | renewed engagement | communication
0.5: compromise | concession | concede | yield | accept | accepted | comply | compliance
0.5: harmony | friendly | cordial | warm | constructive | fruitful | productive | positive
0.5: stability | stable | stabilise | stabilize | security cooperation | trust | respect
0.5: ratify | ratification | approve | approval | recognize | recognise | recognition
0.5: offer | offered | propose | proposal | initiative | invite to | willing to | ready to
0.45: meet | met | meeting | phone call | telephone | call between | envoy | ambassador
0.45: improve | improvement | strengthen | enhance | promote | facilitate | foster | boost
0.45: rebuild | reconstruction | recovery | development | capacity building | training
0.4: protect | protection | safeguard | humanitarian | relief effort | rescue | refugee return
0.4: joint | jointly | together | mutual | shared | common ground | common interest | partner
0.4: progress | success | successful | benefit | benefits | opportunity | optimism | hope
0.35: restraint | calm | urge restraint | appeal for calm | encourage | encouragement
0.35: exchange | exchanges | channel | diplomatic | diplomacy | ties | bilateral | relation
0.4: counter-terrorism | counterterrorism | anti-terrorism
0.3: implement | implementation | establish | establishment | invest | investment | trade
0.3: thank | appreciate | appreciation | gratitude | reaffirm | reiterate support
0.25: urge | call on | call upon | appeal | request | ask | invite all
"""

_CONFRONTATION = """
-0.95: massacre | genocide | ethnic cleansing | atrocity | atrocities | crime against humanity
-0.95: war crime | mass killing | slaughter | carnage | bloodshed
-0.9: kill | killed | killing | murder | bomb | bombing | bombed | airstrike | air strike
-0.9: shell | shelled | shelling | invade | invasion | assault | ambush | massacred
-0.85: attack | attacked | open fire | opened fire | gunfire | gunmen | gunman | shoot | shot
-0.85: fight | fought | fighting | clash | clashes | battle | combat | offensive | firefight
-0.85: war | warfare | hostilities | armed conflict | insurgency | uprising | coup | rebellion
-0.85: torture | rape | execute | execution | behead | hostage | kidnap | abduct | abduction
-0.8: wound | wounded | injure | injured | casualty | casualties | dead | death | died
-0.8: violence | violent | terrorism | terrorist | terror | suicide bomber | explosion | blast
-0.8: destroy | destruction | raid | rocket | missile strike | mortar | grenade | sniper
-0.8: crackdown | repression | persecution | persecute | occupation | occupy | occupied
-0.75: impose sanction | imposed sanction | trade sanction | economic sanction | sanction | sanctions | embargo | blockade
-0.75: trade war | tariff war | cut tie | cut off tie | sever tie | sever relation
-0.75: expel | expulsion | expelled | deport | deportation | recall ambassador
-0.75: seize | seized | seizure | confiscate | confiscation | arrest | detain | detention
-0.75: riot | rioter | looting | loot | mob | unrest | rampage | arson | militia | rebel
-0.7: threaten to | threatened to | threaten | threat | threatened | ultimatum | warn of war | declare war | retaliate
-0.7: retaliation | retaliatory | reprisal | revenge | aggression | aggressor | hostile
-0.7: hostility | enemy | enemies | militant | insurgent | extremist | armed group
-0.7: jail | imprison | imprisonment | sentence to | prison | crimes | abuse | violation
-0.65: mobilise | mobilize | mobilisation | mobilization | military buildup | troop buildup
-0.65: military posturing | posturing | mass troop | deploy troop | warship | warplane
-0.65: military exercise | military drill | war game | drill | high alert | state of alert
-0.65: boycott | walk out | walked out | walkout | blacklist | entity list | ban | banned
-0.65: protest | protester | protestor | demonstrator | demonstration | march against
-0.6: condemn | condemnation | denounce | deplore | rebuke | slam | lash out | blast at
-0.6: accuse | accusation | blame | allege | allegation | charge with | indict | indictment
-0.6: confrontation | confrontational | conflict | standoff | stand-off | tension | tensions
-0.6: dispute | feud | rift | row over | spat | quarrel | friction | strain | strained
-0.6: coerce | coercion | coercive | intimidate | intimidation | bully | bullying | pressure
-0.6: provocation | provocative | provoke | incite | incitement | belligerent | aggressive
-0.6: espionage | spy | spying | hack | hacking | cyberattack | sabotage | interference
-0.6: tariff | tariffs | export control | trade barrier | decouple | decoupling | trade curb
-0.55: refuse to | refused to | reject | rejection | refuse | refusal | veto | vetoed | deny | denial | dismiss
-0.55: demand | demanded | insist | insisted | ultimatum to | press for | calls for release
-0.55: criticise | criticize | criticism | critic | complain | complaint | disapprove | oppose
-0.5: restrict | restriction | curb | crack down | suspend | suspension | halt | freeze asset
-0.5: suspicion | distrust | mistrust | rivalry | rival | adversary | hardline | hard-line
-0.5: combative | antagonism | antagonistic | confront | warn | warning | deterrence | deter
-0.5: weapon | weapons | arms | armed | troops | military | army | soldier | nuclear | missile
-0.45: crisis | instability | unstable | insecurity | threaten stability | illegal | illicit
-0.45: trafficking | smuggling | smuggle | piracy | pirate | propaganda | disinformation
-0.4: investigate | investigation | probe | inquiry | interrogate | surveillance
-0.4: concern | concerned | alarm | alarmed | worry | worried | fear | risk | danger
-0.35: de-risking | derisking | de-risk | competition | compete | divide | divides | divided
-0.4: surrender | capitulate | capitulation | submission | subordination
-0.3: disengagement | disagreement | difference | differences | pressure on | isolation
"""

# Framing cues, by role. "negator": the next few words are denied; "reverser":
# an action that undoes what follows ("lifted sanctions", "halted talks");
# "hedge": intent, modality or condition; "past": a recalled earlier time;
# "contrast": what follows is set against the main point; "concessive": what
# follows (to the clause end) is conceded; "but": what precedes is outweighed;
# "reported": hearsay or allegation; "neutral": blocks a shorter match.
_CUES = """
negator: not | no | never | without | neither | nor | none | cannot | no longer | nothing
negator: refuse to | refused to | fail to | failed to | decline to | declined to | lack of
negator: unwilling to | reluctant to | absence of | instead of | rather than | misread as
reverser: lift | lifted | ease | eased | end | ended | remove | drop | dropped | scrap | relax
reverser: waive | roll back | rolled back | lower | cut | reduce | halt | stop | stopped
reverser: suspend | cease | withdraw | withdrew | break off | broke off | call off | called off
reverser: cancel | abandon | resolve | settle | avert | prevent | avoid | counter | combat
reverser: fight against | tackle | anti | counter-terrorism | counterterrorism
reverser: freeze | froze | lifting of | easing of | end to | removal of | cessation of
hedge: could | may | might | would | should | if | unless | possible | possibly | potential
hedge: potentially | likely | consider | considering | plan to | plans to | planning to
hedge: intend to | threaten to | threatened to | vow to | vowed to | seek to | aim to
hedge: prepared to | ready to | willing to | expected to | hope to | want to | wants to
past: in the past | years of | decades of | history | historical | historically | earlier
past: previously | previous | used to | once | ago | last few years | in recent years
past: during his time | during her time | at the time | back then | legacy | recalled
past: shift from | era of | period of | the days of
contrast: in contrast to | in contrast with | stand in contrast | contrast to | unlike
contrast: as opposed to | shift away from | away from | departure from | no longer
contrast: move beyond | moving beyond | rather than | instead of | marks a shift from | than
concessive: despite | in spite of | notwithstanding | although | though | even as | while
concessive: even though | even if | whereas
but: but | however | yet | nevertheless | nonetheless
reported: reportedly | allegedly | alleged | claimed | claims | rumour | rumor | unconfirmed
reported: according to | purportedly | supposedly | said to have | accused of | accusing
neutral: not only | not just | no doubt | whether or not | in order to | once again | no one
neutral: as well as | at least | peace and security | international peace
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon or cue entry: its stemmed tokens, weight and cue roles."""

    stems: tuple[str, ...]
    phrase: str
    weight: float | None
    roles: frozenset[str]


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stemmed word tokens of a phrase, as the scorer sees text."""
    return tuple(stem(tok) for tok in TOKEN.findall(phrase.lower()) if tok[0].isalnum())


def _table(spec: str) -> Iterable[tuple[str, str]]:
    for line in spec.strip().splitlines():
        head, _, body = line.partition(":")
        for phrase in body.split("|"):
            phrase = phrase.strip()
            if phrase:
                yield head.strip(), phrase


def builtin_terms() -> dict[str, float]:
    """The built-in lexicon as ``phrase → weight`` (first listing of a phrase wins)."""
    terms: dict[str, float] = {}
    for head, phrase in (*_table(_ENGAGEMENT), *_table(_CONFRONTATION)):
        terms.setdefault(phrase, float(head))
    return terms


def builtin_cues() -> dict[str, set[str]]:
    """The built-in cue phrases as ``phrase → roles``."""
    cues: dict[str, set[str]] = {}
    for role, phrase in _table(_CUES):
        cues.setdefault(phrase, set()).add(role)
    return cues


def build_index(
    terms: Mapping[str, float], cues: Mapping[str, Iterable[str]]
) -> dict[str, tuple[Entry, ...]]:
    """Index entries by first stem, longest phrase first, merging terms and cues."""
    merged: dict[tuple[str, ...], tuple[str, float | None, set[str]]] = {}
    for phrase, roles in cues.items():
        key = phrase_stems(phrase)
        if key:
            merged[key] = (phrase, None, set(roles))
    for phrase, weight in terms.items():
        key = phrase_stems(phrase)
        if not key:
            continue
        _, _, roles = merged.get(key, (phrase, None, set()))
        merged[key] = (phrase, max(-1.0, min(1.0, float(weight))), roles)
    by_first: dict[str, list[Entry]] = {}
    for key, (phrase, weight, roles) in merged.items():
        by_first.setdefault(key[0], []).append(Entry(key, phrase, weight, frozenset(roles)))
    return {
        first: tuple(sorted(entries, key=lambda e: -len(e.stems)))
        for first, entries in by_first.items()
    }
