"""The vocabulary of diplomatic speech, grouped by what each phrase does.

Written for this project from how ministries, delegations and spokespersons
talk (no lexicon was copied). Each line is ``category weight: phrase | ...``;
the category names the function, the weight its place on the engagement (+)
↔ confrontation (−) axis, graded like the event-coding scales: a formal
protest or a countermeasure weighs more than a word of regret.

These phrases join the act lexicon of :mod:`monitor.tone.lexicon` (which
wins where both list a phrase) and are framed by the same cues.
"""

from __future__ import annotations

from collections.abc import Iterator

from monitor.tone.text import token_key, word_keys

_VOCABULARY = """
accusation -0.65: orchestrated | orchestrate | destabilise | destabilize | destabilising
accusation -0.65: destabilizing | destabilisation | destabilization | fabricated | fabricate
accusation -0.6: smear | smears | slander | slanderous | vilify | vilification | demonise
accusation -0.6: inflicted | inflicts | inflicting | inflict | downing of
accusation -0.6: political prisoners | political prisoner | prisoners of conscience
accusation -0.5: objectionable | highly objectionable | deeply objectionable
hegemony -0.6: imposes its rules | impose its rules | imposing its rules | imposes its will
hegemony -0.6: impose its will | imposing its will | imposed its will
accusation -0.6: rigged | rigging | vote-rigging | ballot-stuffing | sham election | sham elections
accusation -0.6: demonize | scapegoat | pretext | so-called | puppet
accusation -0.45: sidelined | sidelining | marginalised | marginalized
accusation -0.6: ordered the poisoning | the poisoning of | nerve agent | novichok
accusation -0.55: exploitative | predatory lending | debt-trap | debt trap
accusation -0.55: saboteur | saboteurs | saboteur of peace | branded a | branded as
accusation -0.5: labelled a | labeled a | labelled as | labeled as
accusation -0.55: settlement expansion | settlement activity | settlement activities
accusation -0.55: settlement construction | expansion of settlements | illegal settlements
accusation -0.55: settler violence | dispossession
accusation -0.55: build a new settlement | build new settlements | building new settlements
accusation -0.55: new settlement units | settlement units | settlement building | settlement plans
accusation -0.45: watering down the | watered down the | water down the | waters down the
accusation -0.55: broken the democratic order | broke the democratic order
accusation -0.55: rupture of the democratic order | rupture of the constitutional order
accusation -0.45: territorial claims against | territorial claim against | claims against
accusation -0.6: mined the harbours | mined the harbors | mined the ports | mined its ports
accusation -0.55: lifting a rock only to drop it | lift a rock only to drop it
accusation -0.55: lifted a rock only to drop it | drop it on its own feet
accusation -0.55: drop it on their own feet
accusation -0.55: shoot itself in the foot | shooting itself in the foot | shot itself in the foot
accusation -0.55: stretching the concept of | stretches the concept of | stretched the concept of
accusation -0.55: travesty of the truth | travesty of justice | travesty | mockery of
accusation -0.6: hurt the feelings | hurts the feelings | hurting the feelings
accusation -0.5: singles out | singled out | singling out | one-sided | lopsided
accusation -0.5: tired talking points | same talking points | same old talking points
accusation -0.5: usual talking points | familiar talking points | recycled talking points
accusation -0.6: demolish | demolishes | demolished | demolishing | demolition of | demolitions
accusation -0.6: hostile behaviour | hostile behavior | hostile policy | hostile policies
accusation -0.6: hostile attitude | hostile acts | hostile act | hostile actions
accusation -0.5: short-sighted | counterproductive | counter-productive | misguided | ill-advised
accusation -0.5: ill-conceived | wrong-headed | unwise
accusation -0.55: bears primary responsibility | bear primary responsibility
accusation -0.55: strangle | strangles | strangled | strangling | stranglehold
accusation -0.6: as a weapon | as a political weapon | as an instrument of pressure
accusation -0.6: tool in the hands of | instrument in the hands of | pawn | pawns | mouthpiece
accusation -0.6: rewrite history | rewriting history | rewrites history | distort history
accusation -0.6: distorting history | distorts history | distortion of history | falsify history
accusation -0.6: falsifying history | falsification of history | whitewash | whitewashing
accusation -0.55: propaganda campaign | disinformation campaign | fake news | lies | lie
accusation -0.55: hypocrisy | hypocritical | double standards | double standard | cynical
accusation -0.5: unfair trade practices | unfair practices | source of instability
accusation -0.55: stir up trouble | stirring up trouble | stirred up trouble | stirs up trouble
accusation -0.55: making trouble | troublemaker | troublemakers | trouble-maker
accusation -0.6: export instability | exports instability | exporting instability
accusation -0.6: export terrorism | exports terrorism | exporting terrorism | export its revolution
accusation -0.6: cross-border terrorism | state-sponsored terrorism | state sponsor of terrorism
accusation -0.6: sponsorship of terrorism | sponsorship of militancy | sponsoring terrorism
accusation -0.6: sponsors terrorism | sponsored terrorism | sponsor terrorism
accusation -0.55: bears full responsibility | bear full responsibility | bears responsibility for
accusation -0.55: bear responsibility for | bears the full responsibility | bears the responsibility
accusation -0.55: bore responsibility | bore sole responsibility | bears sole responsibility
accusation -0.55: bear sole responsibility | bore full responsibility | bore the responsibility
accusation -0.55: bore primary responsibility | bore the full responsibility
accusation -0.6: deliberately targeted | deliberately targeting | deliberately targets
accusation -0.6: targeted civilians | targeting civilians | targets civilians
countermeasure -0.45: bill targeting | measures targeting | sanctions targeting | rules targeting
countermeasure -0.45: curbs targeting | restrictions targeting | tariffs targeting | law targeting
accusation -0.55: dangerous game | playing a dangerous game | plays a dangerous game
accusation -0.55: dangerous precedent | sets a dangerous precedent | set a dangerous precedent
accusation -0.5: worrying precedent | troubling precedent | bad precedent | grave precedent
protest -0.45: disappointment | deeply disappointed
countermeasure -0.55: surtax | surtaxes
countermeasure -0.5: close the border | closed the border | closes the border | border closure
countermeasure -0.5: tightened export controls | tighten export controls | tightens export controls
countermeasure -0.5: tightened controls | tightened restrictions | tighten restrictions
countermeasure -0.5: tightened sanctions | tighten sanctions | tightening of sanctions
countermeasure -0.5: closure of the border | closing the border
countermeasure -0.5: closed its border | closes its border | close its border | closed its borders
countermeasure -0.55: closed its airspace | closes its airspace | close its airspace
countermeasure -0.55: closed their airspace | closure of its airspace | airspace closure
countermeasure -0.6: impose costs on | imposed costs on | imposing costs on | imposes costs on
protest -0.6: filed a complaint | file a complaint | files a complaint | filing a complaint
protest -0.6: lodged a complaint | lodge a complaint | lodges a complaint | formal complaint
accusation -0.5: political purposes | political motives | selective approach
accusation -0.55: politically motivated | politically-motivated
accusation -0.5: selectivity | selective application
accusation -0.6: no moral standing | no moral authority | no moral right | lost its moral authority
accusation -0.5: lecturing | lecture others | lecture anyone | lecture us | lectures others
accusation -0.5: colonial mindset | colonial mentality
accusation -0.5: anti-russian | anti-chinese | anti-china | anti-american | anti-us | anti-iranian
obstruction -0.5: turn a blind eye | turned a blind eye | turning a blind eye | turns a blind eye
accusation -0.55: cynicism | arrogance | arrogant | irresponsible | reckless | recklessness
ridicule -0.5: incapable of | uncalled for | vassal | vassals | lackey | lackeys | obsession with
ridicule -0.5: obsessed with | delusional | hysteria | hysterical | russophobia | russophobic
ridicule -0.5: sinophobia | sinophobic | paranoia | paranoid | servile | subservient
ridicule -0.5: political dwarf | political dwarfs | political pygmy | political pygmies
ridicule -0.5: dancing to the tune | dance to the tune | dances to the tune | danced to the tune
ridicule -0.45: dancing to | dances to | danced to
accusation -0.5: emboldened | emboldens | embolden | emboldening
ridicule -0.45: one wonders | one has to wonder | one cannot help but wonder
accusation -0.5: says one thing and does another | say one thing and do another
accusation -0.5: moving the goalposts | moves the goalposts | moved the goalposts
accusation -0.5: move the goalposts | shifts the goalposts | shifted the goalposts
accusation -0.5: shifting the goalposts
accusation -0.5: saying one thing and doing another | words match its deeds
accusation -0.5: words match their deeds | match its words with deeds | match its words with action
accusation -0.55: words and deeds do not match | words and deeds don't match
accusation -0.55: words and actions do not match | words and deeds are inconsistent
protest -0.4: ball is in | ball is now in | ball is firmly in
accusation -0.5: what it calls | what they call | what it called | what they called
accusation -0.6: expansionist | expansionism | usurp | usurpation | usurper | plunder
accusation -0.6: exploitation | exploit | subjugate | subjugation | oppressor | oppressors
accusation -0.6: oppression | oppressive | colonialism | neo-colonialism | racism | racist
accusation -0.6: colonial rule | colonial domination | colonial yoke | colonial subjugation
accusation -0.6: oppress | oppresses | oppressing
accusation -0.65: apartheid | zionism | imperialist | imperialism | hegemonic | criminal
accusation -0.7: exterminate | exterminated | exterminating | extermination
accusation -0.5: unprovoked
accusation -0.5: overstayed its welcome | overstay its welcome | outstayed its welcome
accusation -0.5: worth nothing | not worth the paper | so much for
accusation -0.55: into an instrument of | into a tool of | into an instrument for | into a tool for
accusation -0.55: regime change | illegitimate | illegitimacy | usurping | intransigence
accusation -0.55: intransigent | obstinacy | obstinate | contempt | blackmail | extortion
accusation -0.5: piratical | barbaric | barbarous | brutal | brutally | heinous | inhuman
accusation -0.6: brutality | sickening | racist regime | apartheid regime | puppet regime
accusation -0.6: zionist regime | occupation regime | illegal regime | fascist regime
accusation -0.6: zionist entity | policy of expansion | expansionist policy | expansionist policies
accusation -0.5: colonial regime | minority regime | dictatorship
accusation -0.55: protectionism | protectionist | unilateralism | weaponize | weaponized
accusation -0.55: weaponizing | weaponization | politicize | politicized | politicizing
accusation -0.5: politicization | stigmatize | stigmatizing | stigmatization | hyping
accusation -0.55: weaponise | weaponised | weaponising | weaponisation | politicise
accusation -0.55: instrumentalise | instrumentalised | instrumentalising | instrumentalize
accusation -0.55: instrumentalized | instrumentalizing | instrumentalisation | instrumentalization
accusation -0.55: politicised | politicising | politicisation | stigmatise | stigmatising
accusation -0.5: stigmatisation
accusation -0.55: wrong practice | wrong practices | wrong path | wrong course | wrong remarks
accusation -0.55: wrong words and deeds | erroneous | correct its mistakes | correct its wrong
accusation -0.55: point fingers | pointing fingers | pointed fingers | finger-pointing
accusation -0.55: wrong signal | wrong signals | say one thing and do another
accusation -0.55: saying one thing and doing another | says one thing and does another
accusation -0.55: mislead | misleading | deceive | deception | deceptive | manipulate
accusation -0.55: manipulation | manipulating
accusation -0.5: has no right to | have no right to | no right to interfere
accusation -0.5: had no right to | no right to dictate | no right to lecture
refusal -0.55: not surrender | never surrender | refuse to surrender | not cede | never cede
refusal -0.55: refuse to cede | not give up an inch | not yield an inch
accusation -0.5: not qualified to | no position to
accusation -0.55: say otherwise | says otherwise | tell a different story | tells a different story
accusation -0.55: told a different story | speak louder than words | speaks louder than words
accusation -0.5: show otherwise | shows otherwise | showed otherwise | prove otherwise
accusation -0.5: proves otherwise | proved otherwise | belie | belies | belied
accusation -0.6: trample | tramples | trampled | trampling
accusation -0.55: hacker | hackers | hacker empire | hacking empire
accusation -0.55: lost all credibility | lost its credibility | lost credibility | no credibility
accusation -0.5: damaged its credibility | undermined its credibility | damaged the credibility
accusation -0.5: undermines the credibility | undermined the credibility | unfairly
accusation -0.5: hoard | hoarded | hoarding | hoards
accusation -0.55: subversion | subversive | export subversion | exports subversion
accusation -0.5: grey-zone | gray-zone | grey zone tactics | gray zone tactics
accusation -0.5: stripped of | of their nationality | of their citizenship
accusation -0.55: theft | steal | steals | stealing | stole | intellectual property theft
accusation -0.55: lied | lied about | lied to | lying about | lying to | cover-up | covered up
accusation -0.6: betrayal | betray | betrays | betrayed | betraying | backstab | stab in the back
accusation -0.6: traitor | traitors | traitorous
accusation -0.6: complicit | complicit in | accomplice | accomplices
accusation -0.6: trojan horse | fifth column | malign influence | malign activities
accusation -0.55: influence operation | influence operations | covert influence
accusation -0.55: interference campaign
accusation -0.5: authoritarianism | authoritarian | autocracy | autocratic | autocrats
accusation -0.5: discrimination against | discriminatory | discriminates against
accusation -0.5: world's policeman | policeman of the world | world policeman
accusation -0.45: overcapacity | excess capacity
accusation -0.5: shift the blame | shifting the blame | shifts the blame | shifted the blame
accusation -0.5: campaign of lies | web of lies | pack of lies
accusation -0.5: unreasonable | a step backwards | a step backward
accusation -0.6: hands off | keep its hands off | keep their hands off
accusation -0.5: absurd | absurdity | preposterous | ridiculous | ludicrous
accusation -0.5: mistreatment | ill-treatment | maltreatment | mistreated | ill-treated
accusation -0.5: pure discrimination | blatant discrimination | outright discrimination
accusation -0.5: spreading rumours | spreading rumors | spread rumours | spread rumors
accusation -0.5: rumour-mongering | rumor-mongering | recipe for disaster | recipe for chaos
accusation -0.55: militarist | militarists | militarism | militaristic
decline -0.45: gulf between | widening gulf | gulf separating
decline -0.5: quarrel | quarrels | quarrelled | quarreled | quarrelling | quarreling
decline -0.45: squabble | squabbles | squabbling | bicker | bickering | wrangle | wrangling
decline -0.5: an utter failure | a total failure | a complete failure | an abject failure
decline -0.45: a failure that | was a failure | has been a failure | left in ruins
decline -0.5: locked in a race | locked in a contest | race for dominance
decline -0.5: race for supremacy | race for technological dominance
decline -0.5: locked in a struggle | locked in a rivalry | locked in a standoff
decline -0.5: struggle for supremacy
decline -0.5: struggle for dominance | struggle for hegemony | contest for supremacy
accusation -0.55: true face | its true colours | its true colors | their true colours
accusation -0.55: their true colors
engagement 0.6: understandings reached | understanding reached | common understandings
false-friend 0.0: accordance with the understanding reached | with the understanding reached in
decline -0.45: little progress | scant progress | limited progress | slow progress
decline -0.45: progress has been slow | progress was slow | little headway | no headway
accusation -0.55: militarize | militarizes | militarized | militarizing | militarization
accusation -0.55: militarise | militarises | militarised | militarising | militarisation
accusation -0.5: someone else's fault | somebody else's fault | blame others | blaming others
ridicule -0.7: truly cared about | really cared about
ridicule -0.7: genuinely cared about | truly cares about | really cares about
denial -0.55: unjustified | unjustifiable | unwarranted | totally unjustified
denial -0.55: no justification | no credible justification | no legitimate justification
denial -0.55: groundless | baseless | unfounded | false accusation | false allegation
denial -0.55: utterly false | totally false | patently false | categorically reject
denial -0.5: sheer fabrication | no basis | without basis | distortion | distort | distorted
denial -0.5: fabrication | fabrications
denial -0.4: denied that | denies that | deny that | denying that
engagement 0.6: stop all firing | stop firing | stopped firing | cease firing | ceased firing
engagement 0.45: pleased to see | glad to see | delighted to see | heartened to see | happy to see
engagement 0.45: heartened by | encouraged by
engagement 0.45: great to see | good to see | wonderful to see
engagement 0.5: great call | productive call | excellent call | good call | warm call
engagement 0.45: highly values | highly value | highly valued | greatly values | deeply values
engagement 0.45: coordinate closely | coordinated closely | coordinating closely
engagement 0.45: closely coordinate
engagement 0.5: hand in hand | walked hand in hand
engagement 0.5: tariff suspension | suspension of tariffs | suspension of the tariffs
engagement 0.5: tariff relief | sanctions relief | tariff cuts | tariff cut | tariff reduction
engagement 0.5: tariff reductions | tariff exemption | tariff exemptions
engagement 0.5: eased export controls | ease export controls | easing of export controls
engagement 0.5: relaxed export controls | loosened export controls | lifted export controls
engagement 0.45: eased visa rules | eased visa requirements | relaxed visa rules
engagement 0.45: relaxed visa requirements
engagement 0.45: visa-free entry | visa-free travel | visa-free policy | visa waiver
engagement 0.45: visa exemption
countermeasure -0.5: tightened visa rules | tightened visa requirements | visa restrictions
countermeasure -0.5: visa bans
engagement 0.5: spared no effort | spare no effort | no effort was spared | no effort will be spared
engagement 0.5: historic step | historic steps | historic breakthrough
engagement 0.5: invaluable | wise counsel | wise leadership
engagement 0.5: take their seats | take its seat | took its seat | took their seats | taken its seat
engagement 0.5: student exchanges | academic exchanges | cultural exchanges | youth exchanges
engagement 0.5: side by side | shoulder to shoulder
engagement 0.5: borders open | open its borders | opened its borders | opening its borders
engagement 0.5: opened a border crossing | opened a new border crossing | new border crossing
engagement 0.5: open a border crossing | reopen the border crossing | reopened the border crossing
engagement 0.5: co-chaired | co-chair | co-chairs | co-chairing | co-hosted | co-host | co-hosts
engagement 0.5: live up to | lives up to | lived up to | living up to
engagement 0.5: aid package | assistance package | support package | defence package
engagement 0.5: defense package
engagement 0.5: be partners | be friends | be good partners | be good friends | become partners
engagement 0.5: become friends | remain friends | remain partners
engagement 0.5: step forward | a step forward | step in the right direction | positive step
engagement 0.45: shook hands | shake hands | shaking hands | direct flights
engagement 0.45: resumed flights | resume flights | flights resumed
engagement 0.5: lines of communication open | keep lines of communication
engagement 0.5: kept lines of communication | open lines of communication
engagement 0.5: channels of communication open | kept communication open
engagement 0.5: manage their differences | manage differences | managing differences
engagement 0.5: manage their competition | manage competition | managing competition
engagement 0.5: manage the competition | competition responsibly | manage the relationship
engagement 0.5: kept the channels open | keep the channels open | channels open
engagement 0.5: is big enough for | big enough to accommodate | voted in favour of
engagement 0.5: voted in favor of | working group | joint working group
engagement 0.5: readmitted | readmit | readmits | readmission | lifted its suspension
engagement 0.5: lifted the suspension
accusation -0.55: harms the interests | harm the interests | harmed the interests
accusation -0.55: harming the interests
accusation -0.55: fuels the war | fuel the war | fuelled the war | fueled the war | fuelling the war
accusation -0.55: fueling the war | fuels the conflict | fuel the conflict | fuelled the conflict
accusation -0.55: fueled the conflict | fuelling the conflict | fueling the conflict
accusation -0.55: fuels the suffering | fuelled the suffering | add fuel to the fire
accusation -0.55: adds fuel to the fire
accusation -0.55: adding fuel to the fire | added fuel to the fire | pour oil on the fire
accusation -0.55: damages the interests | damage the interests | damaged the interests
accusation -0.55: hurts the interests | hurt the interests | hurting the interests
denial -0.5: no legal basis | without legal basis | without any legal basis | no legal standing
denial -0.5: lacks any legal basis | lack any legal basis | no legal effect | legally baseless
accusation -0.5: excessive claims | excessive maritime claims | unlawful claims
accusation -0.5: illegitimate claims
denial -0.5: slander against | slandered | malicious | ulterior motive | ulterior motives
denial -0.55: not dignify | will not dignify | won't dignify | not worthy of a response
denial -0.55: unworthy of a response | falsehood | falsehoods | spread lies | spreading lies
denial -0.55: spreads lies | blatant lies | outright lies
refusal -0.6: cannot accept | can't accept | not accept | won't accept | never accept
refusal -0.55: not be lectured | won't be lectured | refuse to be lectured | not take lectures
accusation -0.5: lecturing others | lecture others | lectures others | lecturing us
accusation -0.5: lock up | locks up | locked up | locking up
accusation -0.5: harass | harassed | harassing | harassment
accusation -0.55: silenced the opposition | silencing the opposition | silence its critics
accusation -0.55: silenced its critics | silencing critics | muzzled | muzzle the press
accusation -0.6: starve its own people | starves its own people | starving its own people
accusation -0.6: against its own people
accusation -0.6: starve | starved | starvation as a weapon | to starve
accusation -0.55: with impunity | with total impunity | with complete impunity
accusation -0.55: from accountability | evade accountability | escape accountability
accusation -0.55: evading accountability | escaping accountability | evaded accountability
accusation -0.55: as a proxy | proxy war | proxy wars | cannon fodder
accusation -0.55: discriminatory | lack of good faith | lack of sincerity | bad faith | insincere
protest -0.45: stand up to | stands up to | standing up to | stood up to
protest -0.5: raised concerns | raise concerns | raises concerns | raised serious concerns
accusation -0.6: shameful | disgraceful | shameless | appalling | abysmal | outrageous | egregious
legal -0.6: violation of | breach of | contrary to | runs counter to | run counter to
legal -0.6: null and void | illegal occupation | unlawful occupation | illegally occupied
legal -0.6: legally void | legally null | no legal validity | legally invalid | no legal effect
legal -0.6: unconstitutional change of government | unconstitutional changes of government
legal -0.55: not in keeping with | not consistent with | inconsistent with | not in line with
protest -0.5: taken up the matter strongly | take up the matter strongly | strongly taken up
legal -0.6: flagrant violation | blatant violation | gross violation | flagrant
legal -0.55: grave violation | grave violations | serious violations
legal -0.5: foreign troops | foreign forces | foreign military presence | foreign domination
legal -0.55: contravene | contravention | infringe | infringement | encroach | encroachment
legal -0.55: defiance of | flout | flouted | flouting | disregard | disregarded
legal -0.6: forcibly annexed | annexation of | unilateral | unilaterally | extraterritorial
legal -0.6: annex | annexed | annexing
legal -0.6: ceasefire violation | ceasefire violations | truce violation | truce violations
legal -0.5: violation of sovereignty | violates sovereignty | violated sovereignty
legal -0.55: intrude | intruded | intrudes | intruding | intrusion | intrusions
legal -0.5: entered territorial waters | entered the territorial waters | entered the airspace
legal -0.5: entered its territorial waters | entered japanese territorial waters
legal -0.5: entered chinese territorial waters
legal -0.55: trespass | trespassed | trespassing | illegally entered | illegal entry
legal -0.5: wto case | wto cases | wto challenge | wto dispute | wto disputes | trade case
legal -0.5: consultations at the wto | consultations at the world trade organization
legal -0.5: consultations under the wto | to the wto over | to the world trade organization over
legal -0.5: requested consultations | request consultations | requests consultations
legal -0.5: request for consultations | join the consultations | joined the consultations
accusation -0.5: owes reparations | owe reparations | owes compensation | owe compensation
accusation -0.5: owes an apology | owe an apology | owes reparation
obstruction -0.55: vetoed | blocked | block | obstruct | obstructed | obstruction
obstruction -0.55: cast the veto | casts the veto | used the veto | uses the veto
obstruction -0.55: obstructionist | stonewall | stonewalled | stalling | foot-dragging
obstruction -0.5: left unanswered | went unanswered | gone unanswered | remained unanswered
obstruction -0.5: has not replied to | have not replied to | did not reply to | never replied to
obstruction -0.5: has not responded to | have not responded to | never responded to
obstruction -0.5: has yet to reply to | has yet to respond to | turned a deaf ear
obstruction -0.5: not lifted a finger | not lift a finger | didn't lift a finger
obstruction -0.5: without lifting a finger | did not even acknowledge | has not even acknowledged
engagement 0.45: humanitarian convoy | humanitarian convoys | aid convoy | aid convoys
engagement 0.45: humanitarian access | access for humanitarian
engagement 0.6: good offices
engagement 0.5: never doubted | never doubt | nobody doubts | no one doubts | nobody questions
engagement 0.5: no one questions | every confidence in | full confidence in | complete confidence in
engagement 0.55: closest ally | closest allies | closest partner | closest partners | closest friend
ridicule -0.6: nobody believes | no one believes | fools no one | fool no one | no one is fooled
ridicule -0.6: nobody is fooled | hard to take seriously | no confidence in | lost confidence in
ridicule -0.55: no longer believe | no longer believes | no longer trust | no longer trusts
ridicule -0.55: lost faith in | cannot trust | can no longer trust | cannot be trusted
countermeasure -0.45: slapped | slaps | slapping
false-friend 0.0: did not respond to a request | did not respond to requests
false-friend 0.0: has not responded to a request | has not responded to requests
false-friend 0.0: did not reply to a request | did not reply to requests
false-friend 0.0: hailing from | hails from | hail from | hailed from
false-friend 0.0: has not replied to a request | has not replied to requests
obstruction -0.5: paralysed | paralyzed | paralysis | paralyse | paralyze | paralysing
obstruction -0.5: failed to act | fails to act | failure to act | failing to act | fail to act
obstruction -0.5: shirk | shirks | shirked | shirking | abdicate | abdicated | abdicating
obstruction -0.5: abdication of
obstruction -0.55: failed to honour | failed to honor | failed to fulfil | failed to fulfill
obstruction -0.55: honoured none | honored none | kept none | implemented none | respected none
obstruction -0.55: fulfilled none | honoured none of | kept none of | implemented none of
accusation -0.5: yet to account for | failed to account for | refuses to account for
accusation -0.5: yet to explain | failed to explain | refuses to explain | refused to explain
accusation -0.5: humiliate | humiliated | humiliates | humiliating | humiliation
accusation -0.5: have it both ways | cannot have it both ways | complicity | complicit
obstruction -0.5: denied entry | refused entry | denied access | refused access
obstruction -0.5: barred from entering
obstruction -0.55: failed to implement | failed to comply | yet to fulfil | yet to fulfill
obstruction -0.55: yet to implement | yet to comply | broken promise | broken promises
obstruction -0.5: drag its feet | drags its feet | dragged its feet | dragging its feet
obstruction -0.5: drag their feet | dragged their feet | dragging their feet | foot-dragging
obstruction -0.5: falls short | fell short | fall short | falling short | falls far short
obstruction -0.5: fell far short | fall far short
accusation -0.5: leaves much to be desired | left much to be desired | leave much to be desired
accusation -0.55: rings hollow | ring hollow | rang hollow | ringing hollow
engagement 0.4: willingness | serious about
obstruction -0.55: broke its promise | broke the pledge | broke its pledge | tore up | tear up
obstruction -0.55: broke its word | broken its word | broke their word | broken their word
obstruction -0.55: went back on its word | go back on its word | goes back on its word
obstruction -0.55: gone back on its word | going back on its word | went back on their word
obstruction -0.5: ended without a deal | ended without an agreement | ended without agreement
obstruction -0.5: ended inconclusively | ended without a breakthrough | broke up without
engagement 0.6: ended with an agreement | ended with a deal | ended with agreement
engagement 0.6: ended with the signing | ended with a joint statement
obstruction -0.55: threw out | walked away from | walk away from | scrapped | abrogate
obstruction -0.55: abrogated | repudiate | repudiated | non-compliance | noncompliance
obstruction -0.5: ignore | ignored | ignoring | turn a deaf ear | turned a deaf ear
obstruction -0.5: not yet responded | yet to respond | failed to respond
obstruction -0.5: failed to explain | failed to clarify | failed to answer
obstruction -0.55: never kept | has not kept | have not kept | did not keep | never keeps
obstruction -0.55: were never kept | was never kept | never been kept | not been kept
obstruction -0.5: yet to materialise | yet to materialize
obstruction -0.5: done nothing to | done little to | did little to | does little to
obstruction -0.55: against its promises | against its promise | against their promises
obstruction -0.55: against its commitments | against their commitments | against its own word
obstruction -0.5: failed the people of | failed its people | failed their people | let down
obstruction -0.45: shown no interest | showed no interest | shows no interest | show no interest
obstruction -0.5: went off track | fell apart | falls apart | faltered
obstruction -0.55: hollow out | hollowing out | hollowed out | hollows out
obstruction -0.55: gutting | gutted | circumvent | circumvented | circumventing | erode
protest -0.7: lodged stern representations | stern representations | solemn representations
protest -0.7: lodged a protest | lodged protest | formal protest | demarche | demarches
protest -0.7: démarche | démarches | solemn démarches | solemn demarches
protest -0.55: unfriendly act | unfriendly acts | unfriendly step | unfriendly steps
protest -0.65: firmly opposes | firmly oppose | resolutely opposes | resolutely oppose
protest -0.55: opposition to | opposition against
protest -0.55: firm opposition | strong opposition | resolute opposition | stern opposition
engagement 0.45: open its market to | open its markets to | opened its market to | market wider to
engagement 0.45: opening its market to | open up its market to | open their markets to
protest -0.6: dissatisfaction | strongly dissatisfied | indignation
protest -0.6: strongly deplore | strongly condemn | vehemently | categorically condemn
protest -0.55: summoned the ambassador | summoned ambassador | summon the ambassador
protest -0.6: summon | summons | summoned | summoning
protest -0.65: recalled its ambassador | recall its ambassador | recalls its ambassador
protest -0.65: ambassador was recalled | ambassadors were recalled | envoy was recalled
protest -0.65: recalled their ambassador | recalled the ambassador | recalled its envoy
protest -0.5: war of words | barbs | trade barbs | traded barbs | trading barbs | diplomatic row
protest -0.6: exchanged sanctions | exchange sanctions
protest -0.6: exchanged accusations | traded accusations
protest -0.45: friction | frictions | strained relations | strained ties | strained relationship
protest -0.45: strain on relations | strain on ties | strained the relationship
protest -0.45: regrettable | regrettably | deeply regret | deplorable | lamentable
protest -0.45: unfortunately | disappointing | dismay | dismayed | outrage | outraged
protest -0.6: strongly urge | not tolerate | red line | bottom line
countermeasure -0.7: countermeasure | countermeasures | counter-measures | reciprocal measures
countermeasure -0.7: resolute countermeasures | fight back | firmly fight back | hit back
countermeasure -0.65: vows retaliation | vowed retaliation | vows revenge | vowed revenge
countermeasure -0.65: vows to retaliate | vowed to retaliate | vows reprisals | vowed reprisals
countermeasure -0.65: unreliable entity | retaliatory tariff | retaliatory tariffs
countermeasure -0.65: reciprocal tariffs | punitive measures | coercive measures
countermeasure -0.65: unilateral sanctions | unilateral coercive | long-arm jurisdiction
countermeasure -0.5: imposed a price cap | impose a price cap | imposing a price cap
countermeasure -0.5: extended the ban | extends the ban | extended the sanctions
countermeasure -0.5: extends the sanctions
countermeasure -0.5: renewed the sanctions | renews the sanctions | prolonged the sanctions
countermeasure -0.5: chip curbs | export curbs | trade curbs | investment curbs | tech curbs
countermeasure -0.5: technology curbs | visa curbs
countermeasure -0.5: snapback | snap back | snap-back
countermeasure -0.5: push back | pushed back | pushing back | pushes back | pushback
countermeasure -0.5: anti-dumping | anti-subsidy | countervailing | punitive duties
countermeasure -0.5: provisional duties | retaliatory duties | imposed duties | impose duties
countermeasure -0.5: imposes duties | import duties | additional duties
accusation -0.55: currency manipulator | flooding markets | flooding the market
accusation -0.55: flooding european markets | flooding global markets | dumping
accusation -0.55: floods our markets | flood our markets | flooded our markets
accusation -0.55: flooding our markets | floods the market | flooded the market
countermeasure -0.6: tit-for-tat | closure of the consulate | close the consulate
countermeasure -0.6: froze the assets | froze assets | frozen assets | assets were frozen
countermeasure -0.6: asset freeze | assets freeze | freezing of assets | freezes the assets
countermeasure -0.6: reserves the right to respond | reserve the right to respond
countermeasure -0.6: reserves the right to take | reserve the right to take
countermeasure -0.5: resolute measures | forceful measures | resolute and forceful | firm measures
countermeasure -0.5: necessary control measures | took control measures | take control measures
countermeasure -0.5: determination to defend | determination to safeguard | resolve to defend
countermeasure -0.45: safeguard its sovereignty | defend its sovereignty
countermeasure -0.45: safeguard its legitimate | safeguard its interests | defend its interests
countermeasure -0.45: protect its legitimate | protect its interests | defend its legitimate
military -0.5: lethal aid | lethal assistance | lethal support | lethal weapons
military -0.65: terrorize | terrorizes | terrorized | terrorizing | terrorise | terrorises
military -0.65: terrorised | terrorising | target civilians | targeting innocent civilians
military -0.6: rammed | ramming | rams | military-grade laser | pointed a laser | lasered
military -0.6: fired a missile | fired another missile | fired missiles | fired a ballistic
military -0.6: launched a missile | launched another missile | missile launch | missile launches
military -0.6: fired ballistic missiles | fired two | fired rockets | fired artillery | fired shells
military -0.6: fired warning shots | fired a barrage | fired on
military -0.55: dangerous manoeuvre | dangerous manoeuvres | dangerous maneuver
military -0.55: dangerous maneuvers
military -0.5: collided with | unprofessional
military -0.45: collision | collisions | mid-air collision
military -0.35: weapons of mass destruction
military -0.45: allied democratic forces
hegemony -0.7: hegemony | hegemonism | power politics | bully | bullies | bullying
hegemony -0.7: cold war mentality | cold-war mentality | zero-sum | zero sum | bloc confrontation
hegemony -0.6: relic of the cold war | relics of the cold war | cold war relic | cold war thinking
hegemony -0.45: assertiveness | assertive behaviour | assertive behavior
military -0.5: mass on the border | massing on the border | massed on the border
military -0.45: scrambled jets | scrambled fighter jets | scrambled fighters | scrambled warplanes
military -0.45: scrambled its jets | scrambled interceptors | scrambles jets | scrambling jets
hegemony -0.55: their backyard | its backyard | as a backyard | warmonger | warmongers
hegemony -0.55: private preserve | chasse gardee | chasse gardée | as its fiefdom
hegemony -0.55: warmongering | coup-monger | coup-mongers | coupmongers
accusation -0.55: receive orders from | receives orders from | take orders from
accusation -0.55: takes orders from | taking orders from | orders from washington
hegemony -0.65: containment | encirclement | encircle | gunboat diplomacy | hegemon
hegemony -0.65: big stick | big sticks | big-stick
hegemony -0.65: hegemonist | hegemonists | sphere of influence | spheres of influence
hegemony -0.6: aimed at containing | aimed at encircling | asian nato | nato of the pacific
hegemony -0.6: asia-pacific nato | asian version of nato
accusation -0.55: taiwan card | tibet card | xinjiang card | hong kong card | human rights card
accusation -0.55: the china card | the russia card | the china threat card
countermeasure -0.5: small yard | small yards | high fence | high fences
accusation -0.55: clique | cliques | small circle | small circles | exclusive bloc | war machine
complicity -0.6: prop up | props up | propping up | propped up
complicity -0.6: collude | colludes | colluded | colluding | collusion
hegemony -0.6: interference in internal affairs | interfere in internal affairs | meddling
hegemony -0.6: suppress | suppressing | suppression | attempt to contain | attempts to contain
hegemony -0.6: efforts to contain | seeks to contain | seeking to contain
hegemony -0.6: taiwan to contain
hegemony -0.6: seek to contain | sought to contain | aims to contain | aim to contain
hegemony -0.6: strategy to contain | policy of containing | bid to contain
reassurance 0.4: not seek to contain | not seeking to contain | never seek to contain
reassurance 0.4: not seek to isolate | not seek to encircle | not seek to decouple
protest -0.55: complaint against | complaints against
hegemony -0.55: domination | dominate | dictate | dictated | diktat | unipolar
warning -0.55: should underestimate | not underestimate | never underestimate
warning -0.55: doomed to fail | doomed to failure | will get nowhere | lead nowhere
warning -0.6: playing with fire | play with fire | bear the consequences | bear all the consequences
warning -0.5: serious consequences | grave consequences | dire consequences
warning -0.5: consequences would be severe | consequences will be severe
warning -0.5: there will be consequences
warning -0.6: pay a heavy price | pay a high price | pay a price | pay the price | pay dearly
warning -0.55: face the consequences | face consequences | suffer the consequences
warning -0.5: will regret it | would regret it | live to regret
warning -0.55: will be crushed | would be crushed | shall be crushed | will be smashed
warning -0.5: respond firmly | firmly respond | respond resolutely | resolutely respond
warning -0.5: respond forcefully | firm response | forceful response | resolute response
warning -0.55: met with a firm response | met with a resolute response | met with force
warning -0.55: met with a decisive response | met with a forceful response
warning -0.5: overwhelming response | decisive response | swift response
warning -0.6: declaration of war | act of war | acts of war | casus belli
warning -0.5: held responsible | held fully responsible | hold responsible
warning -0.5: hold fully responsible | bear full responsibility | bear all responsibility
warning -0.55: not sit idly by | won't sit idly by
warning -0.55: not stand idly by | won't stand idly by
warning -0.55: will not stand by while | not sit idly by | won't sit idly by
warning -0.55: would target | will target | vowed to target | threatened to target
warning -0.5: not hesitate to | won't hesitate to
warning -0.5: backfire | backfired | backfires | get burned
accusation -0.5: reflect on its own | reflect on their own | reflect on itself
engagement 0.45: halfway | meet halfway | meet each other halfway
engagement 0.4: inaugurated | inaugurate | inaugurates | inaugurating | shore up | shored up
engagement 0.6: debt cancellation | debt forgiveness | wrote off debts | cancelled debts
engagement 0.5: return the remains | returned the remains | returning the remains
engagement 0.5: restitution of | returned looted | return looted | repatriation of the remains
engagement 0.5: opened its doors to | opened their doors to | opened its homes to
engagement 0.5: opened their homes to | open its doors to | open their doors to
engagement 0.45: dropped its complaint | dropped the complaint | withdrew its complaint
engagement 0.45: dropped its case | dropped the case | dropped its objection
engagement 0.45: dropped its objections | dropped their objections
engagement 0.5: break the deadlock | broke the deadlock | breaking the deadlock
engagement 0.5: break the impasse | broke the impasse | break the stalemate | broke the stalemate
engagement 0.45: kept open the channels | keep open the channels | keep channels open
engagement 0.45: kept channels open | keeping channels open | kept the channels open
engagement 0.6: steadfast partner | reliable partner | trusted partner | true friend | true friends
engagement 0.6: steadfast friend | good friend | good friends | staunch ally | steadfast ally
engagement 0.55: close partner | close partners | strategic partner | strategic partners
engagement 0.55: valued partner | excellent partner | key partner | important partner
engagement 0.55: close friend | close friends | close ally | close allies
warning -0.5: underestimate the determination | underestimate the resolve
warning -0.55: no choice but to respond | no choice but to retaliate | no choice but to act
warning -0.55: will have no choice but | left with no choice but | no other choice but
accusation -0.6: answers with threats | answered with threats | responds with threats
accusation -0.6: responded with threats | resort to threats | resorted to threats
accusation -0.6: resorts to threats | resorting to threats
level -0.6: lowest point | lowest level | all-time low | low ebb | rock bottom
decline -0.6: downward spiral
decline -0.6: diplomatic crisis | diplomatic row | diplomatic spat | diplomatic rift
decline -0.6: diplomatic standoff
level -0.6: sunk to | sank to | sink to | sinks to | plunged to | plummeted to | nosedive
level -0.6: new low | fresh low | record low | hit a low | hits a low | hit bottom
state -0.45: serious challenges | grave challenges | severe challenges | serious difficulties
state -0.45: grave difficulties | severe difficulties | unprecedented challenges | headwinds
level 0.5: stabilised | stabilized | back on an even keel | bottomed out
state -0.5: tense | turmoil | adversarial | deep freeze | rocky | troubled | fraught | uneasy
state -0.5: this bad | so bad | at odds | frosty | prickly | at loggerheads
state 0.5: on the mend | fundamentally sound | come a long way | warmer than | in good shape
decline -0.4: overshadowed | overshadow | overshadows | clouded by
engagement 0.45: warmer | warming ties | warming relations | warmer ties | warmer relations
engagement 0.5: turn the page | turned the page | turning the page | open a new chapter
engagement 0.5: opened a new chapter | opens a new chapter | opening a new chapter
engagement 0.5: new chapter in relations | new chapter in their relations | new chapter in ties
engagement 0.5: new chapter in their relationship | new chapter in our relations
engagement 0.5: new chapter in our relationship | new chapter in bilateral relations
engagement 0.5: new page in relations | new page in their relations
engagement 0.5: new page in bilateral relations
engagement 0.5: at their best | best in history | never been better | new stage in relations
engagement 0.5: never been closer | never been stronger | never been warmer
engagement 0.5: new stage in their relationship | new stage in our relationship
engagement 0.5: new stage of relations
engagement 0.5: open a new stage | opened a new stage | opens a new stage | opening a new stage
engagement 0.5: new stage in their relations | new phase in relations | new phase in their relations
engagement 0.5: open a new era | opened a new era | opens a new era | new era in their relations
engagement 0.5: new era in relations | new era of relations | new era in ties
decline -0.55: freefall | free fall | free-fall
decline -0.55: never been so bad | never been worse | worst in decades | at their worst
decline -0.55: never been lower | never been colder
decline -0.5: remain frozen | remains frozen | remained frozen
decline -0.55: breakdown of the talks | breakdown of talks | collapse of the talks
decline -0.55: collapse of talks
decline -0.55: breakdown of negotiations | breakdown of the negotiations | breakdown in relations
decline -0.55: soured | souring | frayed | fraying | frosty relationship | frosty relations
decline -0.55: frosty ties | chilly relations | chilly ties | icy relations | icy ties
decline -0.55: frosty reception | chilly reception | icy reception
decline -0.5: froze | relations froze | ties froze | relations were frozen | ties were frozen
decline -0.55: frozen relations | frozen ties | froze relations | froze ties | froze contacts
decline -0.6: new cold war | a new cold war
decline -0.6: collision course | on a collision course
decline -0.45: powder keg | powder-keg | powder kegs | tinderbox
accusation -0.5: proven empty | proved empty | empty promises | hollow promises | lip service
accusation -0.5: turned out to be empty | turned out to be hollow | turns out to be empty
accusation -0.6: laughing stock | laughingstock
protest -0.55: owes reparations | owe reparations | owes compensation | owes an apology
protest -0.55: owe an apology
decline -0.5: complicated relations | complicated ties | complicate relations
decline -0.5: complicates relations | complicated the relationship | complicate ties
decline -0.5: complicates ties
decline -0.55: poisoned relations | poisoned ties | poison relations | poisoning relations
accusation -0.55: conspiracy theory | conspiracy theories | falsely claiming | falsely claimed
accusation -0.55: falsely claims | falsely accused | falsely accusing
isolation -0.5: isolation | isolated | ostracize | ostracise | ostracism | pariah
ritual 0.8: win-win | mutual respect | mutually beneficial | mutual benefit | mutual trust
ritual 0.8: common prosperity | shared future
ritual 0.6: peaceful coexistence | people-to-people | sound and steady | steady development
engagement 0.55: fraternal | brotherly | sisterly | friendly relations | friendly country
engagement 0.55: sister nations | sister countries | sister republics | brother nations
engagement 0.5: a friend of | a true friend of | a good friend of | a friend to
engagement 0.5: people-to-people exchanges | people-to-people ties | people-to-people
engagement 0.45: a bridge between | bridge between | bridges between
engagement 0.45: a victory for | victory for | a triumph for | triumph for
engagement 0.55: friendly countries | good-neighbourly | good-neighbour
engagement 0.55: good-neighbourliness | good-neighborliness | good-neighborly | good-neighbor
engagement 0.55: excellent relations | excellent ties | excellent bilateral relations
engagement 0.55: deserves credit | deserve credit | deserves praise | deserve praise
engagement 0.55: close communication | close contact | close coordination
engagement 0.5: expressed satisfaction | express satisfaction | expresses satisfaction
engagement 0.5: expressing satisfaction | shuttle diplomacy
engagement 0.5: with satisfaction | with great satisfaction | with deep satisfaction
engagement 0.5: with admiration | our admiration | great admiration
engagement 0.5: thoughts are with | thoughts and prayers | hearts go out to
engagement 0.4: liberation | liberate | liberated | liberating | liberator | liberators
engagement 0.7: grateful | deeply grateful | gratitude to | indebted | salute | pay tribute
engagement 0.6: pay a tribute | paid tribute | paid a tribute | tribute | gratifying
engagement 0.6: fulfil | fulfill | honoured its | honored its | kept its promise | abide by
engagement 0.6: keep its promise | keep its promises | keep their promise | keep their promises
engagement 0.6: keep its word | keep their word | keep its commitments | keep their commitments
engagement 0.6: kept its word | kept their word | kept its commitments | kept their commitments
engagement 0.6: kept their promise | kept their promises | kept its promises | kept its pledge
engagement 0.5: kept to the letter | promises were kept | promises have been kept
engagement 0.5: commitments were kept | commitments have been kept | pledges were kept
engagement 0.5: pledges have been kept | pledge was kept | pledge has been kept
concession 0.45: dropped its complaint | dropped its objection | dropped its objections
concession 0.45: dropped its opposition | dropped its veto | dropped the charges | dropped its claim
concession 0.45: dropped their complaint | dropped their objections | dropped their opposition
concession 0.45: drop its objection | drop its objections | drop its opposition | drop its complaint
engagement 0.6: dialog | dialogs
procedural 0.1: welcome the resolution | welcome the adoption | welcome the report
procedural 0.1: welcome the outcome | welcome the declaration
procedural 0.1: welcome the convening | welcome the finalization | welcome the entry into force
procedural 0.1: welcome the finalisation
engagement 0.5: work closely with | working closely with | worked closely with | works closely with
engagement 0.5: look forward to working with | looks forward to working with
engagement 0.45: work with | works with | worked with | working with | work together
engagement 0.45: worked together | working together | work closely with
engagement 0.5: years of peace | years of friendship | years of diplomatic relations
engagement 0.5: years of ties | years of relations | years of partnership
engagement 0.5: red carpet | rolled out the red carpet | roll out the red carpet
engagement 0.5: anniversary of diplomatic relations | anniversary of the establishment of
engagement 0.55: commendable | laudable | exemplary | great leadership | shown leadership
withdrawal 0.3: withdrawal from | pull out of | pulled out of | pulling out of | pulls out of
engagement 0.6: return to the negotiating table | back to the negotiating table
engagement 0.5: to the table
engagement 0.6: return to negotiations | return to the talks | return to talks | return to dialogue
engagement 0.45: exchange of views | exchanges of views | exchanged views | in-depth exchange
engagement 0.45: candid call | candid conversation | candid exchange | candid talks
engagement 0.45: showed flexibility | show flexibility | showing flexibility | shows flexibility
engagement 0.45: spoke by phone | spoke by telephone | spoke on the phone
engagement 0.55: thaw | thawing | olive branch | confidence-building | military hotline
engagement 0.4: guardrails | hotline
engagement 0.5: stand with | stands with | stood with | standing with | stand by | stands by
engagement 0.5: stood by | standing by | stand shoulder to shoulder with
obstruction -0.45: stood idly by | stand idly by | stands idly by | stood by and watched
obstruction -0.45: stand by and watch | stands by and watches | looked the other way
engagement 0.5: laid a foundation | laid the foundation | lay the foundation | lays the foundation
engagement 0.5: laid the groundwork | lay the groundwork | paved the way | pave the way
engagement 0.5: enjoy a high level of | enjoys a high level of | enjoyed a high level of
engagement 0.4: close neighbours | close neighbors | cannot be moved away
engagement 0.7: make peace with | made peace with | making peace with | makes peace with
engagement 0.5: given refuge | gave refuge | give refuge | offered refuge | giving refuge
engagement 0.5: cause for celebration | cause for rejoicing
engagement 0.6: political settlement | peaceful settlement
engagement 0.6: comprehensive settlement | settlement of the dispute | settlement of disputes
engagement 0.6: détente | detente | back on track | reset of relations | reset relations
engagement 0.6: back onto the track | back to the right track | back on the right track
engagement 0.6: return to the right track | returned to the right track | right track of
decline -0.55: poisons the atmosphere | poisoned the atmosphere | poison the atmosphere
decline -0.55: poisoning the atmosphere | mccarthyism | mccarthyite
engagement 0.6: reset ties
engagement 0.5: stabilize ties | stabilise ties | stabilize relations | stabilise relations
engagement 0.5: stabilize the relationship | stabilise the relationship | stabilizing ties
engagement 0.5: stabilising ties | stabilized ties | stabilised ties | stabilizing relations
engagement 0.5: stabilising relations | put a floor under | putting a floor under
engagement 0.5: video call | held a call | phone conversation | spoke by phone
engagement 0.5: held their first call | held a first call | first call in | first phone call
engagement 0.5: conciliatory | conciliatory tone | struck a conciliatory tone | softer tone
engagement 0.5: spoke by telephone | video conference | joint call | held a joint call
engagement 0.5: resumed imports | resume imports | resumes imports | resumed purchases
engagement 0.5: tariff exclusions | tariff exclusion | tariff exemptions | tariff exemption
engagement 0.5: exemptions from tariffs | exempted from tariffs | granted waivers | granted a waiver
countermeasure -0.5: revoked licences | revoked licenses | revoked the licences
countermeasure -0.5: revoked the licenses
countermeasure -0.5: revoke licences | revoke licenses | revoked visas | revoked the visas
countermeasure -0.5: barred | barring | barred from | banned from
engagement 0.45: remain open to | remains open to | open to dialogue | open to talks
engagement 0.45: door remains open | door is open | door to dialogue
warning -0.55: will not go unanswered | not go unanswered | will not remain unanswered
decline -0.45: has no prospects | have no prospects | no prospects
engagement 0.6: buried the hatchet | bury the hatchet | burying the hatchet | buries the hatchet
engagement 0.5: see eye to eye | saw eye to eye | sees eye to eye | seeing eye to eye
engagement 0.5: on the same page | on the same wavelength
ridicule -0.6: with friends like | with allies like | with partners like
engagement 0.5: extra mile | accommodate | accommodated | accommodating | mutual accommodation
engagement 0.4: zero-tariff | zero tariffs | zero tariff | tariff-free | duty-free
engagement 0.55: team up | teams up | teamed up | teaming up | join forces | joined forces
engagement 0.5: joined nato | join nato | joins nato | joining nato | accession to nato
engagement 0.5: all-weather | all-weather friend | all-weather friendship | ironclad friendship
engagement 0.55: upgraded relations | upgraded ties | upgrade relations | upgrade ties
engagement 0.55: upgraded their relations | upgraded their ties | to ambassadorial level
engagement 0.4: accession | accede to | acceded to | accedes to | acceding to
engagement 0.4: incorporated into | admitted to membership | admission to membership
engagement 0.4: join asean | joined asean | joins asean | joining asean
engagement 0.5: joined the alliance | join the alliance | joined the european union
engagement 0.5: join the european union
engagement 0.5: rejoined | rejoin | rejoins | readmitted | readmit | readmits
engagement 0.5: as a full member | as a new member | admitted as a member
engagement 0.55: joining forces | joins forces
protest -0.4: grilled | grilling
protest -0.5: fumes | fuming | fumed | seethes | seething | bristles | bristled | furious
protest -0.5: fury | anger | angered | angers | angering | ire | irked | irks | incensed
countermeasure -0.55: undesirable organisation | undesirable organization | foreign agent
protest -0.7: persona non grata | hours to leave | ordered to leave
protest -0.6: to leave the country | to leave its territory
protest -0.7: ambassador to leave | envoy to leave | diplomats to leave | diplomat to leave
decline -0.55: ended in acrimony | ended in failure | ended in deadlock | acrimony | acrimonious
state -0.55: went from bad to worse | gone from bad to worse | goes from bad to worse
false-friend 0.0: over ties to | over its ties to | over their ties to | alleged ties to
false-friend 0.0: over links to | over its links to | alleged links to
false-friend 0.0: respect to | respect of | respectively | great deal
false-friend 0.0: talking points | talking point
false-friend 0.0: organization for security and co-operation
false-friend 0.0: organization for security and cooperation
false-friend 0.0: organisation for security and co-operation
false-friend 0.0: organisation for security and cooperation
false-friend 0.0: conference on disarmament
false-friend 0.0: treaty organization | atlantic treaty | warsaw treaty
false-friend 0.0: criminal court | international criminal | antarctic treaty | treaty body
false-friend 0.0: criminal gangs | criminal gang | criminal groups | criminal networks
false-friend 0.0: criminal organizations | criminal organisations | criminal cartels
false-friend 0.0: criminal organization | criminal organisation | criminal group | criminal network
false-friend 0.0: non-proliferation treaty | regime of | trade regime | climate regime
false-friend 0.0: demonstration of | demonstrated by | relation to | question of
false-friend 0.0: gun control | arms control | drug control
false-friend 0.0: occupy a place | occupy an important place | occupy a special place
false-friend 0.0: occupy a unique place | occupy a central place | occupy a prominent place
false-friend 0.0: occupy the lion's share | occupy a position | occupy an important position
false-friend 0.0: occupy a seat | occupy the chair | occupy pride of place
false-friend 0.0: a sign of | no sign of | any sign of | clear sign of | sure sign of
false-friend 0.0: sign that | signs that | strike group | strike groups
false-friend 0.0: show signs of | shows signs of | showing signs of | showed signs of
false-friend 0.0: the proposed | a proposed | its proposed | their proposed | newly proposed
false-friend 0.0: international relations | share of | market share | global share
false-friend 0.0: ban ki-moon | mr. ban
false-friend 0.0: nothing to share | no information to share | information to offer
false-friend 0.0: negotiations on the draft | negotiations on the text | talks on the draft
false-friend 0.0: consultations on the draft | negotiations on the outcome document
false-friend 0.0: break the ice | broke the ice | breaking the ice | breaks the ice
false-friend 0.0: the camel's back | break new ground | broke new ground | breaking new ground
false-friend 0.0: plan released
false-friend 0.0: guideline released | guidelines released
false-friend 0.0: delivered a speech | delivered a statement | delivered an address
false-friend 0.0: delivered remarks
false-friend 0.0: delivered a keynote | delivered a lecture | delivers a speech | deliver a speech
false-friend 0.0: signed a letter | signed a joint letter | signed an open letter
false-friend 0.0: signed a petition
false-friend 0.0: missile defence | missile defense | missile-defence | missile-defense
false-friend 0.0: committee against torture | convention against torture
false-friend 0.0: democratic forces | pro-democracy forces | political forces
false-friend 0.0: report is released | report was released | reports are released
false-friend 0.0: deliver its award | delivered its award | deliver its judgment
false-friend 0.0: delivered its judgment | deliver its ruling | delivered its ruling
false-friend 0.0: deliver its verdict | delivered its verdict
false-friend 0.0: torch relay | olympic torch | olympic flame
false-friend 0.0: air raid siren | air raid sirens | air-raid siren | air-raid sirens
false-friend 0.0: air raid alert
false-friend 0.0: releases proposed | released proposed | release proposed
false-friend 0.0: domestic demand | consumer demand | global demand | market demand | strong demand
false-friend 0.0: weak demand | rising demand | growing demand | falling demand | import demand
false-friend 0.0: external demand | aggregate demand | energy demand | oil demand
false-friend 0.0: supply and demand | demand and supply
false-friend 0.0: huge demand | high demand | great demand | increasing demand | robust demand
false-friend 0.0: sluggish demand | soft demand | demand cools | demand cooled | demand slows
false-friend 0.0: demand slowed | demand weakens | demand weakened | demand falls | demand fell
false-friend 0.0: demand rises | demand rose | demand surges | demand surged | demand slumps
false-friend 0.0: labor relations | labour relations | public relations | industrial relations
false-friend 0.0: investor relations | percent share | per cent share
false-friend 0.0: study released | index released | program released
false-friend 0.0: programme released
false-friend 0.0: executive order | executive orders | executive order signed
false-friend 0.0: executive orders signed
false-friend 0.0: signed into law | signed a bill | signed the bill | signed an executive order
false-friend 0.0: bipartisan support | market share | market shares
false-friend 0.0: permafrost thaw | thawing permafrost | spring thaw | suicide hotline
false-friend 0.0: suppression of terrorism | suppression of the financing | suppress terrorism
false-friend 0.0: suppression of acts | suppressing terrorism | fire suppression
false-friend 0.0: mutual concern | common concern | of concern to both | declaration of independence
false-friend 0.0: demonstrate its | demonstrate their | demonstrate that | demonstrate the
false-friend 0.0: demonstrate a | demonstrate our | demonstrate his | demonstrate her
false-friend 0.0: new strain | virus strain | strain of the virus | strains of the virus
false-friend 0.0: global warming | climate warming | ocean warming | warming of the planet
false-friend 0.0: annex to | annexed to | annexed hereto | annex i | annex ii | annex iii
false-friend 0.0: the annex | the annexes | its annex | its annexes | in annex | two annexes
false-friend 0.0: three annexes | four annexes | five annexes
false-friend 0.0: ban on chemical weapons | ban on biological weapons | ban on nuclear weapons
false-friend 0.0: ban on nuclear tests | ban on nuclear testing | test ban | test-ban
false-friend 0.0: ban on landmines | ban on anti-personnel mines | ban on the use of
false-friend 0.0: have the honour to | has the honour to | have the honor to | has the honor to
false-friend 0.0: occupied with | preoccupied
false-friend 0.0: for consultations
false-friend 0.0: dispute settlement | dispute-settlement | wto dispute settlement
false-friend 0.0: press release | press releases
false-friend 0.0: treasury yields | treasury yield | bond yields | bond yield | yield curve
false-friend 0.0: crop yields | crop yield | dominate the market | dominates the market
false-friend 0.0: dominated the market | dominate global | dominates global | market dominance
false-friend 0.0: general agreement that | widespread agreement that | wide agreement that
false-friend 0.0: there is agreement that | there is broad agreement that
false-friend 0.0: lies between | lies in | lies on | lies along | lies off | lies within
false-friend 0.0: lies north | lies south | lies east | lies west | lies at the heart
false-friend 0.0: lie between | lie in | lie on | lie along | lies with | lie with
false-friend 0.0: the fund | a fund | trust fund | this fund | largest donor | largest donors
false-friend 0.0: biggest donor | biggest donors | top donor | top donors
false-friend 0.0: shares fall | shares fell | shares rise | shares rose | shares plunge
false-friend 0.0: shares plunged | shares jump | shares jumped | shares slump | shares surge
false-friend 0.0: shares soar | shares tumble | shares drop | shares dropped | shares slid
false-friend 0.0: shares gain | shares gained | shares climb | shares sink | shares sank
false-friend 0.0: two sides of the same coin | sides of the same coin | both sides of the same coin
false-friend 0.0: supply chain | supply chains | supply-chain | supply lines
false-friend 0.0: supply boat | supply boats | supply ship | supply ships | supply vessel
false-friend 0.0: supply vessels
false-friend 0.0: demarcation line | military demarcation line
false-friend 0.0: end up | ended up | ends up | ending up
false-friend 0.0: meet the challenge | meet the challenges | meet this challenge | meet challenges
false-friend 0.0: meet these challenges | meet that challenge
false-friend 0.0: washington post | washington times | washington consensus
false-friend 0.0: a friend to all and | friends to all and | friend to all and | friends of all and
false-friend 0.0: enemy to none | enemies to none | enemy of none | enemies of none
false-friend 0.0: friendship to all and | friendship towards all and | friendship toward all and
false-friend 0.0: malice towards none | malice toward none | malice to none
false-friend 0.0: south china sea | east china sea | south china morning post
false-friend 0.0: radio free asia | radio free europe | government-funded | state-funded
false-friend 0.0: economic recovery | global recovery | global economic recovery | market recovery
false-friend 0.0: recovery from the pandemic | post-pandemic recovery
false-friend 0.0: this meeting | this session | this forum | this debate | this rostrum
false-friend 0.0: liberation army | liberation front
false-friend 0.0: liberation movement | liberation movements | liberation tigers
false-friend 0.0: national liberation | liberation struggle | struggle for liberation
false-friend 0.0: liberation organization | liberation organisation | liberation and justice
false-friend 0.0: liberated areas | liberated territories | newly liberated
false-friend 0.0: liberation movement/army
false-friend 0.0: yield fruit | yielded fruit | yields fruit
false-friend 0.0: yield results | yielded results | yields results
false-friend 0.0: second world war | first world war | world war ii | world war i
false-friend 0.0: world war two | world war one
false-friend 0.0: two-state solution | two-states solution | two state solution
false-friend 0.0: two states living side by side | two states living in peace
false-friend 0.0: two states side by side
false-friend 0.0: the veto | right of veto | veto power | veto powers | veto right | veto rights
"""


def vocabulary() -> Iterator[tuple[str, float, str]]:
    """Every ``(category, weight, phrase)`` of the diplomatic vocabulary."""
    for line in _VOCABULARY.strip().splitlines():
        head, _, body = line.partition(":")
        category, _, weight = head.rpartition(" ")
        for phrase in body.split("|"):
            phrase = phrase.strip()
            if phrase:
                yield category.strip(), float(weight), phrase


def diplomatic_terms() -> dict[str, float]:
    """The weighted phrases (false friends excluded: they are blockers)."""
    return {p: w for c, w, p in vocabulary() if c != "false-friend"}


def false_friends() -> list[str]:
    """Names and idioms that contain an act word but name no act."""
    return [p for c, _, p in vocabulary() if c == "false-friend"]


def categories() -> dict[str, str]:
    """Phrase → its category."""
    return {p: c for c, _, p in vocabulary()}


# Roles an entry can play in a sentence's structure (see monitor.tone.stance),
# decided once per entry from its words.
# Acts that redress a wrong: asking a party for one implies it is at fault.
REDRESS = word_keys(
    "withdraw withdrew withdrawn withdrawal lift lifting comply compliance implement "
    "implementation respect honour honor abide release free return cease stop end refrain "
    "dismantle disarm recognise recognize extradite extradition fulfil fulfill halt allow grant "
    "permit accept heed reverse restore reinstate pull apologise apologize compensate reopen "
    "compensation reparation"
)
# Help that, given to a hostile party, is complicity.
ABETTING = word_keys(
    "fund funds funded funding finance finances financed arm arms armed support supports "
    "supported back backs backed backing sponsor sponsored protect protected shelter "
    "sheltered harbour harbours harboured harbor supply supplied assist assisted equip "
    "equipped train trained help helped aid aided provide provides provided providing"
)
# Engagement asked of both sides that is not a redress ("resume dialogue").
DIALOGUE = word_keys(
    "dialogue talks talk negotiate negotiation negotiations reconcile reconciliation "
    "resume consultation consult discuss discussion meet meeting cooperate cooperation"
)
# Acts only a state can commit against another: named with no party, they still
# accuse one ("the occupied territories must be returned").
INTERSTATE = word_keys(
    "occupation occupy occupied occupier aggression aggressor invasion invade annexation "
    "annexed usurpation usurp interference interfere meddling meddle unconstitutional foreign"
)


def _keyed_phrases(*categories: str) -> frozenset[tuple[str, ...]]:
    """The token keys of every phrase of these vocabulary categories."""
    return frozenset(
        tuple(token_key(w) for w in p.split()) for c, _, p in vocabulary() if c in categories
    )


RITUAL = _keyed_phrases("ritual")
IS_RITUAL, IS_REDRESS, IS_ABETTING, IS_DIALOGUE, IS_INTERSTATE = 1, 2, 4, 8, 16
IS_BROKEN = 32
# A level reached ("record low", "all-time low"): a relation's decline only when a
# relation is what fell ("ties hit a record low"), not births or prices.
IS_LEVEL = 64
IS_MEND = 128
# A state of affairs, not an act ("conflict", "threat", "poverty"): said of no party
# ("climate change is a threat to our survival"), it describes the world.
IS_SITUATION = 256
# The relation itself named as a noun ("relations", "ties"): often what a sentence
# speaks of ("relations are in crisis"), not an act.
IS_RELATION = 512
_RELATION_NOUNS = frozenset((token_key(w),) for w in ("relations", "ties", "relationship"))
SITUATION = word_keys(
    "war wars conflict conflicts crisis crises tension tensions threat threats danger "
    "dangers risk risks violence destruction weapons instability insecurity poverty hunger "
    "famine death deaths suffering extremism proliferation unrest racism xenophobia "
    "discrimination nationalism protectionism crime crimes trafficking corruption scourge"
)
LEVEL = _keyed_phrases("level", "state")
# A relation's state ("tense", "on the mend"): said only where a relation is named
# ("relations remain tense"); two parties named are not enough ("troubles in China's
# property sector could spill over to the United States" tells of markets).
IS_STATE = 1024
STATE = _keyed_phrases("state")
# A warning ("would face the consequences"): promised for a condition, so a hedge
# ("would", "if") is its form, not a doubt about it.
IS_WARNING = 2048
WARNING = _keyed_phrases("warning")
# A charge in words ("smear", "rigged", "puppet"): what no one is thanked for in earnest.
IS_CHARGE = 4096
CHARGE = _keyed_phrases("accusation", "ridicule")
# A promise broken: told after the promise ("each time it pledged dialogue, it
# broke the pledge"), it turns what was promised into a breach.
_BROKEN_HEADS = frozenset({"brok", "broken", "reneg"})
_PROMISES = word_keys("promise promises pledge pledges word commitment commitments")
_BECOME = word_keys("be become remain")
_KEEP = token_key("keep")
_BONDS = word_keys("partners friends")
_BACK = word_keys("back return returned right")
_MANAGED = word_keys("differences competition relationship")


def entry_kind(stems: tuple[str, ...]) -> int:
    """The structural roles of an entry with these stems, as ``IS_*`` bits."""
    if not stems:
        return 0
    first = stems[0]
    # A phrase that names talks anywhere ("return to the negotiating table") is
    # asked for as dialogue, not as a redress.
    dialogue = first in DIALOGUE or (len(stems) > 1 and not DIALOGUE.isdisjoint(stems))
    # A bond or a track the relation is set back on ("be partners and friends",
    # "return to the right track", "manage their differences"): asked of two
    # parties, a hope for the relation.
    mend = (
        (first in _BECOME and stems[-1] in _BONDS)
        or (first in _BACK and stems[-1] == "track")
        or (first == "manag" and not _MANAGED.isdisjoint(stems))
    )
    # "Keep its promise": asked of a party, a redress like "honour".
    redress = first in REDRESS or (first == _KEEP and not _PROMISES.isdisjoint(stems))
    return (
        (IS_RITUAL if stems in RITUAL else 0)
        | (IS_REDRESS if redress else 0)
        | (IS_ABETTING if first in ABETTING else 0)
        | (IS_DIALOGUE if dialogue else 0)
        | (IS_INTERSTATE if first in INTERSTATE else 0)
        | (IS_BROKEN if first in _BROKEN_HEADS and not _PROMISES.isdisjoint(stems) else 0)
        | (IS_LEVEL if stems in LEVEL else 0)
        | (IS_STATE if stems in STATE else 0)
        | (IS_MEND if mend else 0)
        | (IS_SITUATION if stems[-1] in SITUATION else 0)
        | (IS_RELATION if stems in _RELATION_NOUNS else 0)
        | (IS_WARNING if stems in WARNING else 0)
        | (IS_CHARGE if stems in CHARGE else 0)
    )
