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
from functools import lru_cache

from monitor.tone.parties import other_parties, state_names
from monitor.tone.text import token_key
from monitor.tone.vocabulary import diplomatic_terms, entry_kind, false_friends, vocabulary

# Action terms: what a party does or says to another (the event itself).
_ENGAGEMENT = """
0.9: humanitarian aid | food aid | emergency aid | relief aid | development aid | debt relief
0.9: peace agreement | peace accord | peace deal | peace treaty | sign peace
0.85: peaceful coexistence | mutual respect | mutual trust | reconciliation | reconcile
0.85: rapprochement | detente | normalise relation | normalize relation | restore relation
0.85: restore tie | restore diplomatic | resume talk | resume negotiation | resume dialogue
0.85: sign agreement | signed agreement | sign accord | signed accord | sign treaty | signed treaty
0.8: ceasefire | cease fire | cease-fire | truce | armistice | normalisation | normalization
0.8: reestablish | re-establish | mutually beneficial | mutual benefit | win-win | people-to-people
0.8: free trade agreement | trade agreement | memorandum of understanding | joint statement
0.75: aid | donate | donation | humanitarian assistance
0.75: cooperate | cooperation | co-operation | co-operate | collaborate | collaboration
0.75: partnership
0.7: agreement | accord | treaty | pact | breakthrough | consensus | reached agreement | agree on
0.7: praise | commend | hail | applaud | congratulate | goodwill | friendship | solidarity
0.7: peace talk | peace process | peace plan | peace initiative | peace conference | peace effort
0.7: de-escalate | de-escalation | defuse | ease tension | reduce tension | easing of tension
0.7: release | released | freed | set free | pardon | amnesty | repatriate | hand over
0.7: handed over | extradite | extradition | return refugee | reopen | reopened | restore
0.7: withdraw troop | withdrew troop | withdraw force | withdrew force | pull out troop
0.7: troop withdrawal | withdrawal of troop | withdrawal of force | pullout | pull back | disarm
0.65: grant | loan | funding | fund | financial support | financial assistance | relief supply
0.65: assist | assistance | support | supportive | backing | endorse | welcome | welcomed
0.6: voiced support | expressed support | express support | help | helped
0.6: agree to | agreed to | comply with | complied with | bow to | bowed to | yield to
0.6: agree | agreed | negotiate | negotiation | mediate | mediation | dialogue
0.6: reassure | pledge | vow | committed to | commit to | commitment | promise | guarantee
0.6: assurance | accept
0.6: send arm | sent arm | supply arm | supplied arm | arms supplies | military aid
0.6: joint military exercise | joint naval exercise | joint drill | joint patrol
0.6: joint exercise | joint venture | joint work | joint effort | coordinated effort | coordination
0.6: trilateral exercise | bilateral exercise | joint naval drill | joint naval drills
0.6: concede | concession | compromise | yield | back down | backed down | give in | gave in
0.6: lift sanction | lift embargo | ease sanction | ease restriction | end sanction | lift ban
0.55: invite | invitation | host | hosted | visit | state visit | exchange visit | welcome to
0.55: talks | talk | summit | consult | consultation | discuss | discussion | confer | conferred
0.55: engage | engagement | re-engage | reengage | renewed engagement | communication
0.55: provide | provided | supply | supplied | deliver | delivered | contribute | contribution
0.55: offer | offered | propose | proposal | initiative | willing to | ready to | readiness
0.5: comply | compliance | allow | allowed | permit | permitted | heed | respect | honour
0.5: harmony | friendly | cordial | warm | constructive | fruitful | productive | positive
0.5: ratify | ratification | approve | approval | recognize | recognise | recognition
0.5: reaffirm | reaffirmed | thank | appreciate | appreciation | gratitude | sympathy | condolence
0.45: meet | met | meeting | phone call | telephone call | telephone conversation | call between
0.35: delegation | conference | communique | declaration | roadmap | road map | trip
0.45: improve | improvement | strengthen | enhance | promote | facilitate | foster | boost
0.45: rebuild | reconstruction | capacity building | capacity-building | training | train
0.45: protect | protection | safeguard | rescue | relief effort | evacuate | evacuation
0.4: counter-terrorism | counterterrorism | anti-terrorism | exchange information
0.4: share information
0.4: encourage | encouragement | restraint | urge restraint | appeal for calm | call for calm
0.3: implement | implementation | establish | establishment | invest | investment | set up
0.3: exchange | exchanges | channel | open door | reach out | extend
0.3: appeal | appeal for | invite all | give | gave | airlift | airlifted | arrive | greet
0.6: pull out | pulled out | pull back | pulled back | stand down | stood down
0.6: apologise | apologize | apology | forgive | forgiveness | compensate | compensation
0.5: remorse | remorseful | contrition
0.6: reparation | lay down arm | laid down arm | hand in weapon | disband | demobilize
0.6: demobilise | demobilization | demobilisation | dismantle | retreat | reinstate
0.5: return | returned | step down | stepped down | resign | conflict prevention
0.45: food | medicine | medical supplies | shelter | tent | blanket | donor | relief convoy
0.2: early warning | prevention of
0.5: withdraw | withdrew | withdrawn | withdrawal | drop charge | dropped charge
0.6: hand back | handed back | cede | ceded | reach understanding | reached understanding
0.6: reach an understanding | reached an understanding | reaching an understanding
0.6: came to an understanding | come to an understanding | congratulatory | congratulations
0.45: telephoned | phoned | spoke by phone | held consultations
0.6: sign | signed | signing | broker | brokered | reunification | reunify | alliance | ally
0.45: deal | strike deal | struck deal | protocol | resume | resumed | assure | award
0.45: struck a deal | struck an agreement | struck a bargain | struck a compromise
0.45: deal struck | agreement struck | accord struck | bargain struck | compromise struck
0.5: express sympathy | honour | honor | rehabilitate | rehabilitation | normal relation
"""

_CONFRONTATION = """
-0.95: massacre | genocide | ethnic cleansing | atrocity | atrocities | crime against humanity
-0.95: war crime | mass killing | slaughter | carnage | bloodshed | massacred
-0.9: kill | killed | killing | murder | bomb | bombing | bombed | airstrike | air strike
-0.9: shell | shelled | shelling | invade | invasion | assault | ambush | gun down | gunned down
-0.9: assassinate | assassinated | assassination | assassinations
-0.85: attack | attacked | open fire | opened fire | fire on | fired on | shoot | shot | stab
-0.85: exchanged fire | exchange fire | exchanging fire | exchange of fire | exchanges of fire
-0.85: fight | fought | fighting | clash | clashes | battle | firefight | offensive | storm
-0.85: torture | rape | execute | execution | behead | take hostage | kidnap | abduct | abduction
-0.8: wound | wounded | injure | injured | casualty | casualties | dead | died | death toll
-0.8: violations committed | abuses committed | crimes committed | atrocities committed
-0.8: destroy | destruction | raid | rocket | mortar | grenade | sniper | explode | explosion
-0.8: artillery | gunfire | drone strike | missile strike
-0.8: struck | drones hit | drone hit | missiles hit | missile hit | rockets hit
-0.8: crackdown | repression | persecution | persecute | occupy | blast | suicide bomber
-0.8: impose sanction | imposed sanction | trade sanction | economic sanction | sanction | embargo
-0.8: blockade | trade war | tariff war | cut tie | cut off tie | sever tie | sever relation
-0.8: sever diplomatic tie | sever diplomatic relation | sever all tie | sever its tie
-0.8: sever their tie | sever all diplomatic tie | sever diplomatic and trade tie
-0.8: break off relation | broke off relation | break off tie | broke off tie | declare war
-0.75: expel | expulsion | expelled | deport | deportation | recall ambassador | recall envoy
-0.75: seize | seized | seizure | confiscate | confiscation | arrest | detain
-0.75: riot | rioter | looting | loot | rampage | arson | clamp down | curfew | martial law
-0.7: threaten | threatened | ultimatum | retaliate | retaliation
-0.5: threaten to | threatened to | threatening to | vow to retaliate
-0.7: retaliatory | reprisal | revenge | aggression | hostile | hostility | sabotage
-0.7: jail | imprison | sentence to | sentenced to | sentenced | convict | round up
-0.7: mobilise | mobilize | mobilisation | mobilization | military buildup | troop buildup
-0.7: military posturing | posturing | mass troop | deploy troop | deployed troop | send troop
-0.65: military exercise | military drill | war game | drill | high alert | put on alert
-0.65: boycott | walk out | walked out | walkout | walk out of | blacklist | entity list
-0.65: ban | banned
-0.65: protest | protester | protestor | demonstrator | demonstrate | demonstration | rally against
-0.65: march against | strike | striker | sit-in | hunger strike | picket | block road
-0.65: close border | closed border | shut border | seal border | closure | shut down | shut
-0.6: condemn | condemnation | denounce | deplore | rebuke | slam | lash out | blast at | censure
-0.6: accuse | accusation | blame | allege | allegation | charge with | indict | indictment
-0.6: coerce | coercion | coercive | intimidate | intimidation | bully | bullying | pressure
-0.6: provocation | provocative | provoke | incite | incitement | belligerent | aggressive
-0.6: espionage | spy | spying | hack | hacking | cyberattack | interference | meddle | meddling
-0.6: interfere | interfered | stop interfering | stop meddling | internal affairs
-0.6: warship | warships | unsafe maneuver | unsafe manoeuvre | military maneuver
-0.7: impose tariff | imposed tariff | raise tariff | raised tariff | slap tariff | punitive tariff
-0.6: tariff | tariffs | export control | trade barrier | decouple | decoupling | trade curb
-0.6: renege | reneged | renege on | backtrack | go back on | went back on
-0.6: refuse to | refused to | reject | rejection | refuse | refusal | veto | vetoed | rebuff
-0.6: rule out | ruled out | turn down | turned down | dismiss | deny | denial | spurn | snub
-0.55: demand | demanded | insist | insisted | ultimatum to | press for | pressed for
-0.3: push for | pushed for | pushing for | push hard for | pushed hard for | pushing hard for
-0.3: call for | called for | ask | asked | request | requested
-0.8: siege | besiege | bombard | bombardment | overrun | capture | captured
-0.55: criticise | criticize | criticism | critic | complain | complaint | disapprove | oppose
-0.55: confront | confrontation | confrontational | standoff | stand-off | feud | rift | spat
-0.5: restrict | restriction | curb | crack down | suspend | suspension | halt | freeze asset
-0.5: warn | warning | deter | deterrence | hardline | hard-line | combative | antagonism
-0.15: warn of | warned of | warning of | warns of
-0.6: ordered out | order out | forced out | force out | forced to flee | evict | eviction | forced
-0.45: investigate | investigation | probe | inquiry | interrogate | surveillance | question
-0.85: blow up | blew up | blown up | shoot down | shot down | hijack | detonate | incursion
-0.85: skirmish | tear gas | torch
-0.8: rubber bullet | water cannon | beat | beaten | beating | set fire | burn down | lynch
-0.75: oust | ousted | overthrow | topple | annexation | punish | punishment | punitive
-0.65: disperse | dispersed | outlaw | censor | censorship | purge | infiltrate | intercept
-0.6: escalate | escalation | deteriorate | deterioration | worsen | regret | regretted
-0.55: inflame | inflamed | inflaming | exacerbate | exacerbated | exacerbating | aggravate
-0.55: aggravated | aggravating | stoke | stoked | stoking | stokes
-0.5: express concern | expressed concern | grave concern | deep concern | deeply concerned
-0.5: gravely concerned | insult | defy | defiance | exile | exiled | sue | lawsuit | mock
-0.45: hinder | hamper | impede | undermine | obstacle | setback | resist | resistance
-0.25: inspect | inspection | inspector
-0.7: all necessary measures | military action | use force | use of force | took to the streets
-0.6: close down | closed down | downgrade | downgraded | close embassy | closed embassy
-0.6: close its embassy | closed its embassy | closes its embassy | closing its embassy
-0.6: reservist | reservists | call up reservists | called up reservists
-0.5: unacceptable | voice concern | voiced concern | disappoint | disappointed
-0.6: collapse | collapsed | break down | broke down | stall | stalled | deadlock | impasse
-0.6: fail | failed | fails
-0.6: state of emergency | withdraw from talk | withdrew from talk | pull out of talk
-0.4: surrender | capitulate | capitulation | submission | subordination | concern over
-0.3: urge | urged | call on | called on | call upon | called upon | press | insist on
-0.2: must | high time | time has come for | it is time for
-0.3: de-risking | derisking | de-risk | compete | competition | disengagement | disagree
"""

# Background terms: states and topics rather than acts. They speak when a
# sentence names no act, and are damped (Params.background) when it does,
# because "agreed to end the war" is about the agreement, not the war.
_BACKGROUND = """
0.6: peace | peaceful | stability | stable | trust | goodwill
0.4: relation | relations | ties | bilateral | diplomatic | diplomacy | partner | mutual
0.4: joint | jointly | together | shared | common ground | common interest | humanitarian
0.4: progress | success | successful | benefit | opportunity | optimism | hope | development
0.3: trade | recovery | reform | dialogue process | contract | credit line
0.5: peacekeeping | peace keeping | peace-keeping | peacekeeper | peace-keeper | mediator
0.3: envoy | ambassador | aid worker | donor | volunteer | civilian | civilians
-0.8: war | warfare | hostilities | armed conflict | insurgency | uprising | coup | rebellion
-0.8: violence | violent | terrorism | terrorist | terror | massacre site | bloodshed
-0.7: militia | rebel | rebels | militant | insurgent | extremist | armed group | gunmen | gunman
-0.7: occupation | occupied | enemy | enemies | aggressor | hostage | death | deaths
-0.6: detention | imprisonment | custody | captivity | exile | besieged | prison
-0.6: conflict | tension | tensions | dispute | friction | strain | strained | row over | unrest
-0.6: crimes | abuse | violation | violate | breach | illegal | unlawful | illicit
-0.5: weapon | weapons | arms | armed | troops | military | army | soldier | nuclear | missile
-0.4: force | forces | police | tanks | warplanes | navy
-0.5: suspicion | distrust | mistrust | rivalry | rival | adversary | divide | divides | divided
-0.5: competitor | competitors | strategic competitor | systemic rival | adversaries
-0.45: crisis | instability | unstable | insecurity | trafficking | smuggling | piracy | pirate
-0.4: propaganda | disinformation | concern | concerned | alarm | alarmed | worry | worried
-0.35: fear | risk | danger | dangerous | threat | threats | sanctions regime | differences
-0.5: victim | victims | bodies | gun | guns | bullet | explosive | landmine | alert
-0.3: checkpoint | dissident | prisoner | prisoners | detainee | suspect | trial | emergency
"""

# Framing cues, by role. "negator": the next few words are denied; "reverser":
# an act that undoes what follows ("lifted sanctions", "halted talks");
# "spoiler" undoes only cooperation ("rejected the peace plan"); "acceptor"
# undoes only conflict ("agreed to the demands"); "hedge": intent, modality or
# condition; "past": a recalled earlier time; "contrast": what follows is set
# against the main point; "concessive": what follows (to the clause end) is
# conceded; "but": what precedes is outweighed; "reported": hearsay or
# allegation; "request": what follows is asked for, not done ("demanded the
# release"); "topic": what follows is only the matter a non-answer is about
# ("declined to comment on the visit"); "circumstance": what follows sets the scene for the main act
# ("after years of war"); "neutral": blocks a shorter, misleading match.
_CUES = """
negator: not | no | never | without | neither | nor | none | cannot | no longer | nothing
negator: don't | didn't | doesn't | won't | wouldn't | can't | couldn't | isn't | wasn't
negator: aren't | weren't | hasn't | haven't | hadn't | shouldn't | mustn't
negator: refuse to | refused to | fail to | failed to | decline to | declined to | lack of
negator: failed again to | failed once again to | fails again to
negator: not true that | untrue that | is false that | no truth in the claim that
negator: unwilling to | reluctant to | absence of | instead of | rather than | misread as
negator: failure to | refusal to | reluctance to | unwillingness to | inability to | unable to
negator: not even | not seek | never seek | never seeks | not seeking | no intention of
negator: never once | not once | never even
negator: not true that | untrue that | not the case that | false to claim that
negator: wrong to say that | wrong to suggest that | wrong to claim that | a myth that
negator: denied that | denies that | deny that | denying that
negator: the slightest interest in | the least interest in | little interest in
negator: not a single one of | not a single | not one of
negator: no intention to | yet to be | yet to
negator: far from | hardly | does nothing to | did nothing to | do nothing to | done nothing to
negator: barely | scarcely
negator: done little to | did little to | does little to
negator: no willingness to | no desire to | no interest in | little willingness to
negator: little evidence that | no evidence that | little evidence of | little sign of
negator: little sign that | no indication that | no indication of
negator: no sign of | no signs of | no sign that
negator: turned its back on | turns its back on | turn its back on | turned their backs on
reverser: lift | lifted | ease | eased | end | ended | ending | ends | remove | scrap | relax
reverser: waive | roll back | rolled back | lower | cut | reduce | halt | stop | stopped
reverser: suspend | cease | withdraw | withdrew | break off | broke off | call off | called off
reverser: cancel | cancelled | canceled | abandon | resolve | settle | avert | prevent | avoid
reverser: counter | combat
reverser: fight against | tackle | anti | freeze | froze | lifting of | easing of | end to
reverser: removal of | cessation of | put an end | postpone | delay | shelve | defer
reverser: suspension of | heal | heals | healed | overcome | overcame | overcoming | overcomes
reverser: abolish | abolished | abolishes | abolishing | abolition of
reverser: shorten | shortened | curb | curbing | curbed
reverser: waver | wavered | wavering | falter | faltered | faltering | shake | shaken
reverser: revoke | revoked | revokes | revoking | rescind | rescinded | rescinds | rescinding
reverser: annul | annulled | annuls | annulling
reverser: pause in | a pause in | pause on | moratorium on
reverser: withstood | withstand | withstands | withstanding | weathered
reverser: exempt | exempted | exempts | exempting | exemption from | exemptions from
reverser: turn the page on | turned the page on | turning the page on | turns the page on
reverser: smoothed over | smooth over | smoothing over | smooths over
reverser: ironed out | iron out | ironing out | irons out
reverser: eliminate | eliminating | elimination of | eradicate | eradicating | eradication of
reverser: prohibit | prohibits | prohibited | prohibiting | prohibition of
reverser: saved from | rescued from | freed from | delivered from | saves from
reverser: victory over | victory against | victories over | triumph over | triumphed over
spoiler: reject | refuse | rebuff | turn down | turned down | rule out | ruled out | veto
spoiler: block | obstruct | undermine | violate | breach | derail | sabotage | jeopardize
spoiler: jeopardise | threaten | boycott | oppose | deny | dismiss | spurn | walk out of
spoiler: for all its talk of | for all their talk of | for all the talk of
spoiler: declined | declines
spoiler: damage | damaged | damages | damaging | harm | harmed | harms | harming
spoiler: poison | poisoned | poisons | poisoning | squander | squandered | squanders | squandering
spoiler: hurt | hurts | hurting
spoiler: break | breaks | broke | broken | breaking
spoiler: cannot accept | can't accept | not accept | won't accept | never accept
spoiler: renege | reneged | renege on | reneged on | go back on | went back on | backtrack on
spoiler: suspend its participation in | suspended its participation in
spoiler: suspends its participation in | suspend participation in | suspended participation in
spoiler: suspension of its participation in | end its participation in
spoiler: ended its participation in | suspended their participation in
acceptor: accept | agree to | agreed to | comply with | complied with | bow to | bowed to
acceptor: yield to | give in to | gave in to | heed | meet demand | met demand | respond to
acceptor: release | released | freed | set free | lift | pardon | pardoned
acceptor: thaw | thawed | thawing | thaws
hedge: could | may | might | would | should | if | possible | possibly | potential
hedge: potentially | likely | consider | considering | plan to | plans to | planning to
hedge: intend to | threaten to | threatened to | vow to | vowed to | seek to | aim to
hedge: prepared to | ready to | willing to | expected to | hope to | want to | wants to
hedge: so that | so as to | with a view to | in order to | in order that
hedge: before any
past: in the past | years of | decades of | history | historical | historically | earlier
past: previously | previous | once | ago | last few years | in recent years
past: during his time | during her time | at the time | back then | legacy
past: shift from | era of | period of | days of
contrast: in contrast to | in contrast with | stand in contrast | contrast to | unlike
contrast: as opposed to | shift away from | away from | departure from | no longer
contrast: move beyond | moving beyond | rather than | instead of | marks a shift from | than
contrast: moved from | move from | moving from | moves from | shifted from
contrast: road from | journey from | way from | went from | gone from | evolved from
contrast: transformed from | turned from | transition from
concessive: despite | in spite of | notwithstanding | although | though | even as | while
concessive: even though | even if | whereas
concessive: whatever their differences | whatever its differences
but: but | however | yet | nevertheless | nonetheless
reported: reportedly | allegedly | alleged | claimed | claims | rumour | rumor | unconfirmed
reported: according to | purportedly | supposedly | said to have | accused of | accusing
request: demand | demanded | urge | urged | call for | called for | call on | called on
request: call upon | called upon | appeal for | appealed for | ask | asked | press for
request: pressed for | insist on | insisted on | request | requested | must | ultimatum to
request: push for | pushed for | pushing for | push hard for | pushed hard for | pushing hard for
request: favour of | favor of | wish to see | wishes to see | appeal to | only if
request: appealed to | expect | expects | ought to | obliged to | high time | time has come for
request: it is time for | trust that | trusts that
request: would do well to | would be well advised to | strongly urge | strongly urges
request: strongly urged
request: would be welcome if | would be helpful if | would be good if | it would help if
request: advise | advised | advises | would like | unless | incumbent upon | incumbent on
topic: comment on | commented on | comments on | comment about | no comment on
topic: information to offer on | information to share on | information to release on
topic: refer you to | asked about | speculate on | speculate about | not aware of
topic: please refer to | refer to the competent | refer to the relevant | refer questions on
topic: refer questions about | refer all questions on | refer all questions about
topic: declined to say | declines to say | refused to say | would not say | did not say
topic: declined to confirm | declined to specify | would not confirm | did not confirm
topic: open debate on | debate on | debates on | briefing on | thematic debate on
topic: over the question of | on the question of
topic: speak about | spoke about | speaks about | speaking about
circumstance: after | following | amid | amidst | because of | due to | in the wake of
circumstance: in response to | in retaliation for | fleeing | fled | as a result of | during
circumstance: which | who | whose | where | on the eve of | ahead of
circumstance: at the height of | at the peak of | before the talks | before the meeting
circumstance: before the summit | before the negotiations
circumstance: since the establishment of | since the normalization of | since the normalisation of
circumstance: since the founding of | since the signing of
circumstance: since the war | since the end of | since the start of | since the outbreak of
circumstance: since the beginning of
neutral: not only | not just | no doubt | whether or not | once again | once more | no one
neutral: no shortage of | no lack of | follow up | follow through | in force | into force
neutral: released in due course | be released in due course | details of the visit
neutral: details of the trip
neutral: as well as | at least | peace and security | international peace | no matter | at once
neutral: free trade | free election | free of | free from | free and fair | free movement
neutral: free press | never forget | not forget
neutral: never fails to | never fail to | never failed to | never tires of | never tire of
neutral: never tired of | never ceases to | never cease to | never ceased to
neutral: never hesitates to | never hesitated to | never misses a chance to
neutral: never misses an opportunity to | never missed an opportunity to
neutral: did not hesitate to | didn't hesitate to | has not hesitated to | not content with
neutral: no question that | no question but that | goes without saying
neutral: largest trading partner | biggest trading partner | top trading partner
neutral: talk of a | talk of an
neutral: struck down | struck off | struck out
neutral: could not hide | cannot hide | can't hide | could not conceal | cannot conceal
neutral: gave birth to | give birth to | gives birth to | given birth to
neutral: go together | goes together | go hand in hand | goes hand in hand | went hand in hand
neutral: on the sidelines | on the sideline | the sidelines of | sidelines of
neutral: humanitarian crisis | humanitarian crises | humanitarian situation
neutral: fight poverty | fight disease | fight diseases | fight infectious diseases
neutral: fight hunger | fight corruption | fight the pandemic | fight climate change
neutral: fight terrorism | fight drugs | fight crime | fight drug trafficking | fight extremism
neutral: fight transnational crime | fight organized crime | fight organised crime | fight piracy
neutral: fight money laundering | fight human trafficking | fight trafficking | fight smuggling
neutral: fight cybercrime | fight illegal fishing | fight illegal mining | fight the scourge
neutral: fight malaria | fight epidemics | fight the epidemic | fight the virus | fight inflation
neutral: fight racism | fight discrimination | fight impunity | fight desertification
neutral: diplomatic network | diplomatic corps | diplomatic service | diplomatic passport
neutral: never forgotten | not be forgotten | never be forgotten
neutral: failed state | failed states | sanctions committee | sanctions committees
neutral: passes without | pass without | goes by without | went by without
neutral: free of nuclear weapons | free from nuclear weapons | nuclear-weapon-free
neutral: invite the representative | invite the representatives | invited the representative
neutral: invited the representatives | invite the observer | invited the observer
neutral: no amount of
neutral: nothing but | nothing less than | nothing short of
neutral: never doubted | never doubt | never doubts | do not doubt | did not doubt
neutral: asked for the floor | took the floor | take the floor | takes the floor
neutral: point of order | points of order | right of reply
neutral: special envoy for | special envoys for | special representative for
neutral: together account for | together accounted for | together make up
neutral: together they account | together they accounted | together they make up | taken together
neutral: free speech | free zone | tax free | duty free | free-trade | free market
neutral: amnesty international | engage in | engaged in | engaging in | red cross
neutral: think tank | think tanks | think-tank | think-tanks
neutral: at the request of | at its request | at their request
neutral: would like to | would also like to | should like to | should also like to
neutral: reaffirm that | reaffirm its conviction | reaffirm our conviction | reaffirm its belief
neutral: reaffirm our belief | reaffirm its position | reaffirm our position | reiterate that
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon or cue entry: its stemmed tokens, weight and cue roles."""

    stems: tuple[str, ...]
    phrase: str
    weight: float | None
    roles: frozenset[str]
    background: bool = False
    # How much evidence of *some* act (either sign) one occurrence brings:
    # |weight| unless refitted; the neutral decision sums it.
    strength: float = 0.0
    # Precomputed from ``roles`` for the scorer's hot loop: the role that can
    # deny or undo a following term, and the role that scales one.
    flip: str = ""
    frame: str = ""
    # Also precomputed: takes part in framing (has roles other than only
    # "neutral", which merely blocks a shorter match), "but", "past".
    cue: bool = False
    but: bool = False
    past: bool = False
    # Names a party: "state" (a state's name, which can also be a place) or
    # "other" (a regime, bloc, organisation ...); "" for everything else.
    party: str = ""
    # Roles in a sentence's structure (``monitor.tone.vocabulary.IS_*`` bits).
    kind: int = 0

    @classmethod
    def make(
        cls,
        stems: tuple[str, ...],
        phrase: str,
        weight: float | None,
        roles: Iterable[str],
        background: bool = False,
        strength: float | None = None,
    ) -> Entry:
        """An entry with ``flip`` and ``frame`` derived from ``roles``.

        ``strength`` defaults to ``|weight|`` (0 for a cue without weight).
        """
        role_set = frozenset(roles)
        flip = next((r for r in _FLIP_ROLES if r in role_set), "")
        frame = next((r for r in _FRAME_ROLES if r in role_set), "")
        if strength is None:
            strength = abs(weight) if weight is not None else 0.0
        cue = bool(role_set - _NOT_CUES)
        party = "state" if "state" in role_set else "other" if "party" in role_set else ""
        return cls(
            stems, phrase, weight, role_set, background, strength, flip, frame,
            cue, "but" in role_set, "past" in role_set, party, entry_kind(stems),
        )  # fmt: skip


_FLIP_ROLES = ("negator", "reverser", "spoiler", "acceptor")
_FRAME_ROLES = (
    "hedge", "contrast", "concessive", "reported", "request", "topic", "circumstance"
)  # fmt: skip
# Roles that do not frame a term: "neutral" only blocks a shorter match,
# "state" and "party" name who acts or is addressed.
_NOT_CUES = frozenset({"neutral", "state", "party"})


@lru_cache(maxsize=4096)
def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stemmed word tokens of a phrase, as the scorer sees text."""
    return tuple(k for k in (token_key(tok) for tok in phrase.lower().split()) if k)


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
    for phrase, weight in diplomatic_terms().items():
        terms.setdefault(phrase, weight)
    # Why: "the US and its allies" names parties; naming a party is not an act
    # of cooperation with it (a charged designation, "puppet regime", is an
    # accusation and keeps its weight).
    names = {phrase_stems(p) for p in (*state_names(), *other_parties())}
    return {p: w for p, w in terms.items() if w < 0 or phrase_stems(p) not in names}


def builtin_background() -> dict[str, float]:
    """Background (state/topic) terms as ``phrase → weight``."""
    terms: dict[str, float] = {}
    for head, phrase in _table(_BACKGROUND):
        terms.setdefault(phrase, float(head))
    return terms


def builtin_cues() -> dict[str, set[str]]:
    """The built-in cue phrases as ``phrase → roles``, party names included."""
    cues: dict[str, set[str]] = {}
    for role, phrase in _table(_CUES):
        cues.setdefault(phrase, set()).add(role)
    for phrase in state_names():
        cues.setdefault(phrase, set()).add("state")
    for phrase in other_parties():
        cues.setdefault(phrase, set()).add("party")
    for phrase in false_friends():
        cues.setdefault(phrase, set()).add("neutral")
    for category, _, phrase in vocabulary():
        # A breach or a legal violation undoes the cooperation it names
        # ("failed to honour the ceasefire", "in violation of the treaty"), and
        # so does leaving it ("withdrawal from the deal", "pulled out of the talks").
        if category in ("obstruction", "legal", "withdrawal"):
            cues.setdefault(phrase, set()).add("spoiler")
    return cues


def build_index(
    terms: Mapping[str, float],
    cues: Mapping[str, Iterable[str]],
    background: Iterable[str] = (),
    strengths: Mapping[str, float] | None = None,
) -> dict[str, tuple[Entry, ...]]:
    """Index entries by first stem, longest phrase first, merging terms and cues.

    ``background`` names the phrases of ``terms`` that are states or topics
    rather than acts; ``strengths`` maps phrases to a refitted evidence
    strength (default ``|weight|``).
    """
    strengths = strengths or {}
    merged: dict[tuple[str, ...], tuple[str, float | None, set[str]]] = {}
    for phrase, roles in cues.items():
        key = phrase_stems(phrase)
        if key:
            merged[key] = (phrase, None, set(roles))
    for phrase, value in terms.items():
        key = phrase_stems(phrase)
        if not key:
            continue
        _, _, roles = merged.get(key, (phrase, None, set()))
        merged[key] = (phrase, max(-1.0, min(1.0, float(value))), roles)
    quiet = {phrase_stems(p) for p in background}
    by_first: dict[str, list[Entry]] = {}
    for key, (phrase, weight, roles) in merged.items():
        strength = strengths.get(phrase) if weight is not None else None
        entry = Entry.make(key, phrase, weight, roles, key in quiet, strength)
        by_first.setdefault(key[0], []).append(entry)
    return {
        first: tuple(sorted(entries, key=lambda e: -len(e.stems)))
        for first, entries in by_first.items()
    }
