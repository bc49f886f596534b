"""Diplomatic structure: who says what about whom (issue 10), on sentences written here."""

from __future__ import annotations

from monitor.models import ToneScore
from monitor.tone import build_scorer
from monitor.tone.parties import joins_states
from monitor.tone.vocabulary import categories, vocabulary


def score(text: str, actors: tuple[str, ...] = ()) -> ToneScore:
    """The default scorer's (or a watch's) score of ``text``."""
    return build_scorer(actors=actors).score(text)


def assert_labels(*cases: tuple[str, str]) -> None:
    """Each ``(text, label)`` scores as that label (the text names the failing case)."""
    for text, label in cases:
        assert score(text).label == label, text


def cues(result: ToneScore) -> set[str]:
    """Every cue name that framed some term."""
    return {c for ev in result.evidence for c in ev.cue.split(",") if c}


def assert_term(label: str, phrase: str, text: str) -> None:
    """``text`` scores as ``label`` with ``phrase`` among the terms that moved it."""
    result = score(text)
    assert result.label == label, text
    assert phrase in {ev.phrase for ev in result.evidence}, text


def assert_read(label: str, cue: str, *texts: str, fired: bool = True) -> None:
    """Each of ``texts`` scores as ``label``, with ``cue`` among its cues (or not)."""
    for text in texts:
        result = score(text)
        assert result.label == label, text
        assert (cue in cues(result)) == fired, text


def test_demand_on_a_party_is_confrontation() -> None:
    """Asking a party to withdraw, lift or implement blames it; asking for talks does not."""
    for text in (
        "We call on Chile to withdraw its troops from the border villages.",
        "Bolivia must lift the blockade and implement the accord it signed.",
        "We urge the government of Peru to release the detained fishermen.",
        "It is high time that Chile abandoned its policy of confrontation.",
        "It is high time for Chile to lift the blockade of Bolivia.",
    ):
        result = score(text)
        assert result.tone < 0, text
        assert "demand-on" in cues(result), text
    talks = score("We urge Chile and Bolivia to resume dialogue and negotiations.")
    assert talks.tone > 0
    assert "demand-on" not in cues(talks)


def test_breach_and_omission_turn_cooperation_against_the_party() -> None:
    """A broken or unhonoured commitment is confrontation; a kept one is engagement."""
    broken = score("Once again Bolivia failed to honour the ceasefire agreement with Chile.")
    assert broken.tone < 0
    kept = score("Bolivia honoured the ceasefire agreement with Chile.")
    assert kept.tone > 0
    violated = score("The Peruvian army violated the truce and threw out the accord.")
    assert violated.tone < 0
    # A promise broken after it was told turns what was promised into the breach.
    for text in (
        "Each time Chile pledged dialogue with Bolivia, it broke the pledge.",
        "Chile promised to withdraw its troops from Bolivia, but broke its promise.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert all(ev.weight < 0 for ev in result.evidence) and "breach" in cues(result), text
    assert score("Chile kept its promise to Bolivia and withdrew its troops.").tone > 0.3


def test_complicity_is_an_accusation() -> None:
    """Help given to separatists or by patrons accuses; help to a neighbour is cooperation."""
    accused = score("Bolivia funds and arms the separatists in our eastern provinces.")
    assert accused.tone < 0 and "complicity" in cues(accused)
    helped = score("Bolivia funds and supports the reconstruction of schools in Chile.")
    assert helped.tone > 0 and "complicity" not in cues(helped)
    # Support for a party's war is complicity; support for war victims is not.
    backing = score("Bolivia's support for Chile's war has serious consequences for us.")
    assert backing.label == "confrontation" and "complicity" in cues(backing)
    victims = score("We pledge our support for war victims in Chile.")
    assert "complicity" not in cues(victims) and victims.tone > 0
    # Providing lethal aid to separatists is complicity; humanitarian aid to a state is
    # help; asking a state not to provide lethal aid blames it.
    lethal = score("Bolivia provided lethal aid to the separatists.")
    assert lethal.label == "confrontation" and "complicity" in cues(lethal)
    assert score("Bolivia provided humanitarian aid to Chile.").label == "engagement"
    asked = score("We call on Bolivia to refrain from providing lethal aid to Chile.")
    assert asked.label == "confrontation"


def test_own_virtue_against_the_others_vice() -> None:
    """'We remain committed to diplomacy, whereas X ...' speaks against X."""
    foil = score(
        "We remain committed to diplomacy and cooperation, whereas Bolivia keeps "
        "shelling our towns."
    )
    assert foil.tone < -0.3 and "contrast-self" in cues(foil)
    unlike = score("Unlike the Bolivian regime, we cooperated with the inspectors.")
    assert unlike.tone < 0 and "contrast-self" in cues(unlike)
    shared = score("We and Bolivia remain committed to diplomacy and cooperation.")
    assert shared.tone > 0.3 and "contrast-self" not in cues(shared)
    # The foil may open the sentence: own virtue in the "while" clause, the party's
    # conduct in the main clause; a main clause with no hostile act sets no foil.
    opening = score("While we extend our hand in friendship, Bolivia answers with threats.")
    assert opening.label == "confrontation" and "contrast-self" in cues(opening)
    welcome = score("While we welcome the progress, we must remember that Bolivia is large.")
    assert "contrast-self" not in cues(welcome) and welcome.tone > 0


def test_a_professed_virtue_against_the_partys_conduct_is_a_pretence() -> None:
    """ "X claims to support dialogue, yet it refuses every proposal", "X talks of peace
    while massing troops": the professed virtue counts against X (cue ``hypocrisy``).
    A profession with no hostile act after a contrast is read as before."""
    for text in (
        "Bolivia claims to support dialogue, yet it refuses every proposal we put forward.",
        "Bolivia talks of peace while massing troops on our border.",
    ):
        result = score(text)
        assert result.label == "confrontation" and "hypocrisy" in cues(result), text
    sincere = score("Bolivia talks of peace and signed the accord with Chile.")
    assert sincere.label == "engagement" and "hypocrisy" not in cues(sincere)
    claimed = score("Bolivia claims that the talks with Chile went well.")
    assert "hypocrisy" not in cues(claimed)


def test_what_an_opening_concession_grants_the_main_clause_breaks() -> None:
    """ "Despite repeated assurances, X has continued its incursions": the assurances are
    what the conduct broke (cue ``breach``); "Despite our differences, we value our
    friendship with X" concedes nothing against X. Warnings: "no choice but to respond"."""
    broke = score("Despite repeated assurances, Bolivia has continued its incursions.")
    assert broke.label == "confrontation" and "breach" in cues(broke)
    assert all(ev.weight < 0 for ev in broke.evidence)
    kept = score("Despite our differences, we value our friendship with Bolivia.")
    assert kept.label == "engagement" and "breach" not in cues(kept)
    warned = score("If Bolivia continues down this path, we will have no choice but to respond.")
    assert warned.label == "confrontation"


def test_rhetorical_question_and_irony() -> None:
    """A question aimed at a party and ironic confidence read as criticism."""
    question = score("How can Bolivia speak of cooperation while it blockades our ports?")
    assert question.tone < 0 and "rhetorical" in cues(question)
    irony = score("We trust Bolivia will soon notice its isolation.")
    assert irony.tone < 0
    sincere = score("We are confident that Bolivia and Chile will deepen their cooperation.")
    assert sincere.tone > 0 and "rhetorical" not in cues(sincere)
    # A headline's yes/no question about an event asks; one about "it" argues.
    asked = score("Is a Bolivia-Chile thaw finally within reach?")
    assert asked.tone > 0 and "rhetorical" not in cues(asked)
    argued = score("Is it the truth that Bolivia signed the accord with Chile in good faith?")
    assert "rhetorical" in cues(argued)
    assert "rhetorical" in cues(score("Does Chile really want peace with Bolivia?"))
    assert score("Chile and Bolivia are on a collision course.").label == "confrontation"


def test_narration_of_unattributed_violence_is_not_a_relation() -> None:
    """Condemning terrorism by no one in particular weighs little; condemning a state does not."""
    narrated = score("We condemn terrorism and the attacks that killed civilians last month.")
    named = score("We condemn Bolivia's attacks that killed civilians in Chile last month.")
    assert abs(narrated.tone) < abs(named.tone)
    assert "narration" in cues(narrated)
    assert named.tone < -0.5


def test_formulas_and_protocol_weigh_nothing_much() -> None:
    """Protocol courtesies and ritual formulas stay near zero; a named partner does not."""
    courtesy = score(
        "I congratulate you on your election to the presidency and assure you of "
        "my delegation's full cooperation."
    )
    assert abs(courtesy.tone) < 0.15 and "formula" in cues(courtesy)
    ritual = score(
        "Relations must rest on mutual respect, peaceful coexistence and win-win results. "
        "Mutually beneficial ties and mutual trust serve common prosperity and a shared future."
    )
    assert abs(ritual.tone) <= 0.15
    watched = score(
        "Relations between China and the United States rest on mutual respect, peaceful "
        "coexistence and win-win cooperation. Both value mutual benefit, mutual trust and "
        "common prosperity for a shared future.",
        ("United States", "China"),
    )
    assert abs(watched.tone) <= 0.15
    partner = score("We thank Chile for its generous aid to our flood victims.")
    assert partner.tone > 0.3


def test_ritual_formulas_do_not_lift_a_rebuttal() -> None:
    """A rebuttal wrapped in win-win words still reads as confrontation."""
    rebuttal = score(
        "We firmly oppose the groundless accusations of Bolivia. "
        "We have always stood for mutual respect and win-win cooperation."
    )
    assert rebuttal.tone < -0.2


def test_names_and_idioms_are_not_acts() -> None:
    """'Organization for Security and Co-operation', 'with respect to', 'a great deal': no act."""
    for text in (
        "The Organization for Security and Co-operation in Europe met in Vienna.",
        "With respect to the budget of Chile, a great deal remains unclear.",
    ):
        result = score(text)
        phrases = {ev.phrase for ev in result.evidence}
        assert not phrases & {"co-operation", "respect", "deal"}, text


def test_diplomatic_vocabulary_is_scored_by_function() -> None:
    """Protest, denial, legal and hegemony wording is confrontation aimed at the named party."""
    for text in (
        "China lodged stern representations with Bolivia over its statement.",
        "The claims by Bolivia are groundless and a sheer fabrication.",
        "Bolivia's decree is null and void and in violation of the treaty.",
        "We reject the Cold War mentality and bullying of Bolivia.",
    ):
        assert score(text).tone < -0.2, text
    cats = {c for c, _, _ in vocabulary()}
    assert {"accusation", "denial", "legal", "obstruction", "protest"} <= cats
    assert {"countermeasure", "hegemony", "ritual", "false-friend"} <= cats
    assert categories()["null and void"] == "legal"
    assert all(-1.0 <= w <= 1.0 for _, w, _ in vocabulary())


def test_readout_and_protest_formulas() -> None:
    """Readout and protest formulas: démarches, an unfriendly act, reserving the right to
    respond, back onto the track, recalling an ambassador "for consultations", freezing
    assets; the PRC and "the two leaders" are parties; a state that rejects or opposes
    speaks, and the party it rejects is the target."""
    protest = score("China has lodged solemn démarches with the Japanese side.")
    assert protest.label == "confrontation"
    warned = score("Russia regards the expulsion of its diplomats by Bolivia as an unfriendly act.")
    assert any(ev.phrase == "unfriendly act" for ev in warned.evidence)
    assert score("Chile reserves the right to respond to Bolivia.").tone < -0.3
    track = score("We hope Chile will bring relations with Bolivia back onto the track.")
    assert track.label == "engagement"
    prc = score("The Secretary raised concerns about the PRC's coercive actions.")
    assert {ev.target for ev in prc.evidence} == {"PRC"}
    leaders = score("The two leaders had a candid and in-depth exchange of views.")
    assert leaders.label == "engagement" and leaders.evidence[0].target == "two leaders"
    recalled = score("Chile recalled its ambassador from Bolivia for consultations.")
    assert recalled.label == "confrontation"
    assert all(ev.phrase != "consultations" for ev in recalled.evidence)
    assert score("Bolivia froze the assets of Chilean state companies.").tone < -0.3
    assert score("We look forward to working closely with Chile.").label == "engagement"
    praised = score("Chile has shown great leadership in the fight against climate change.")
    assert praised.label == "engagement"
    exchanged = score("Bolivia and Chile exchanged sanctions last year.")
    assert exchanged.label == "confrontation"
    assert score("Bolivia and Chile exchanged prisoners.").label == "engagement"
    shared = score("Bolivia and Chile exchange threat intelligence.")
    assert all(not ev.phrase.startswith("exchange threat") for ev in shared.evidence)
    rejected = score("India strongly rejects the remarks made by the Chinese side.")
    assert {(ev.speaker, ev.target) for ev in rejected.evidence} == {("India", "Chinese")}


def test_both_sides_speaking_is_the_relation_not_one_voice() -> None:
    """ "Both sides reaffirmed their commitment ..." is the two parties' joint word to each
    other: engagement aimed at the pair, not a speaker's self-description (which a single
    state's reaffirmation of a principle stays), and the pair's mutual accusations are
    confrontation."""
    both = score("Both sides reaffirmed their commitment to managing differences responsibly.")
    assert both.label == "engagement"
    assert {(ev.speaker, ev.target) for ev in both.evidence} == {("", "Both sides")}
    leaders = score("The two leaders expressed their readiness to deepen cooperation.")
    assert leaders.label == "engagement"
    assert score("Both sides accused each other of violating the ceasefire.").tone < -0.3
    one = score("Kenya reaffirmed its commitment to the principles of the Charter.")
    assert one.label == "neutral" and one.evidence[0].speaker == "Kenya"


def test_a_delegation_addressed_is_no_speaker_and_rebuttals() -> None:
    """ "We thank the delegation of Chile ..." thanks Chile (its delegation does not speak
    there, as it does in "The delegation of Chile supports ..."); "I will not dignify the
    allegations of X with a response" is a rebuttal."""
    thanked = score("We thank the delegation of Chile for its constructive engagement.")
    assert thanked.label == "engagement"
    assert {(ev.speaker, ev.target) for ev in thanked.evidence} == {("", "Chile")}
    speaking = score("The delegation of Chile supports the proposal of Bolivia.")
    assert {(ev.speaker, ev.target) for ev in speaking.evidence} == {("Chile", "Bolivia")}
    rebuttal = score("I will not dignify the allegations of Chile with a response.")
    assert rebuttal.label == "confrontation"


def test_welcoming_a_text_is_procedure_and_capitals_are_parties() -> None:
    """The rubric's procedural outputs: welcoming a resolution, a report or the adoption of
    a convention is procedure (a demand beside it decides); a capital named as an actor
    (Seoul, Tokyo, New Delhi) is a party, and "new" alone is none; ceasefire violations
    breach the ceasefire."""
    welcomed = score(
        "The Palestinian Authority welcomed the resolution and called on Israel to comply."
    )
    assert welcomed.label == "confrontation"
    assert {(ev.speaker, ev.target) for ev in welcomed.evidence} == {
        ("Palestinian Authority", "Israel")
    }
    adopted = score("Kenya welcomes the adoption of the convention on desertification.")
    assert adopted.label == "neutral"
    assert score("We welcome the decision of Chile to reopen its embassy.").label == "engagement"
    capitals = score("Seoul and Tokyo agreed to restore the intelligence-sharing pact.")
    assert capitals.label == "engagement" and capitals.evidence[0].target == "Seoul"
    protest = score("New Delhi protested to Islamabad over the ceasefire violations.")
    assert {(ev.speaker, ev.target) for ev in protest.evidence} == {("New Delhi", "Islamabad")}
    assert all(ev.weight < 0 for ev in protest.evidence)  # "ceasefire violations" too
    house = score("The White House said the talks with Bolivia were productive.")
    # Said of another party, the White House is the one speaking (see the fuel test).
    assert {(ev.speaker, ev.target) for ev in house.evidence} == {("White House", "Bolivia")}
    painted = score("Bolivia painted the house white before the talks.")
    assert all(ev.target != "White House" for ev in painted.evidence)
    fresh = score("The new government of Bolivia met Chile's envoy.")
    assert all(ev.target != "new" for ev in fresh.evidence)


def test_summit_groupings_are_parties() -> None:
    """The G7, the G20, BRICS and AUKUS act and are spoken of as parties."""
    concern = score("The G7 expressed serious concern over Bolivia's economic coercion.")
    assert concern.tone < -0.3
    assert any(ev.speaker == "G7" for ev in concern.evidence)
    accused = score("Bolivia accused the G20 of double standards.")
    assert accused.tone < -0.3 and all(ev.target for ev in accused.evidence)


def test_alliances_and_security_organisations_are_parties() -> None:
    """NATO, the OSCE and the Commonwealth, by their full names too, are parties: praise of
    them is engagement, not a principle said to no one."""
    for text, party in (
        ("We welcome the steps taken by the Organization for Security and Cooperation "
         "in Europe to monitor the ceasefire.", "Organization for Security and Cooperation"),
        ("We commend the North Atlantic Treaty Organization for its support.",
         "North Atlantic Treaty Organization"),
        ("We thank the Commonwealth for its assistance.", "Commonwealth"),
    ):  # fmt: skip
        result = score(text)
        assert result.label == "engagement", text
        assert any(ev.target.startswith(party) for ev in result.evidence), text
    assert score("Bolivia condemns NATO's bombing of Chile.").tone < -0.3


def test_disarmament_bans_and_letter_formulas_are_no_acts() -> None:
    """A ban on chemical weapons or on nuclear tests is disarmament, not a sanction on a
    party; "I have the honour to transmit" opens a letter, it honours no one."""
    for text in (
        "A general ban on chemical weapons was proposed by Bolivia and Chile.",
        "Bolivia and Chile signed the comprehensive test-ban treaty.",
    ):
        result = score(text)
        assert all(ev.phrase != "ban" for ev in result.evidence), text
        assert result.tone > 0.2, text
    assert score("Bolivia imposed a ban on Chilean imports.").tone < -0.3
    letter = score("I have the honour to transmit the letter of the Foreign Minister of Bolivia.")
    assert all(not ev.phrase.startswith("honour") for ev in letter.evidence)
    hosted = score("Bolivia had the honour of hosting the talks with Chile.")
    assert any(ev.phrase == "honour" for ev in hosted.evidence)


def test_a_partys_own_occupation_charges_it() -> None:
    """ "The Chilean occupation" is Chile's act, read in full (not as the topic word of "the
    occupied territories"): solidarity with its victims beside it is the rubric's charged
    condemnation, confrontation."""
    result = score(
        "We salute the courage of the Bolivian people in their struggle against the "
        "Chilean occupation."
    )
    assert result.label == "confrontation"
    (occupation,) = [ev for ev in result.evidence if ev.phrase == "occupation"]
    assert "background" not in occupation.cue
    topic = score("We discussed the situation in the occupied territories with Chile.")
    assert topic.label == "engagement"


def test_an_interstate_act_named_with_no_party_accuses_one() -> None:
    """Occupation, aggression and annexation are one state's acts against another: with no
    party named, the sentence still accuses (cue ``implied``), unlike violence by no one
    named, which is narration; "occupied with" is being busy."""
    for text in (
        "The occupied territories in the east must be returned to their people.",
        "Our region has suffered decades of occupation and aggression.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert "implied" in cues(result) and "untargeted" not in cues(result), text
    principle = score("We condemn violence in all its forms.")
    assert "implied" not in cues(principle) and principle.label != "confrontation"
    busy = score("The staff were occupied with the preparations for the summit.")
    assert "implied" not in cues(busy)
    assert all(not ev.phrase.startswith("occup") for ev in busy.evidence)


def test_a_hostile_act_asked_for_is_the_confrontation() -> None:
    """ "We call for sanctions against X", "we must complete the isolation of X": asking for
    a hostile act against a party confronts it, at the act's full weight (only a
    cooperative act asked for is a mere wish), and outweighs support for its people."""
    sanctions = score("We call for sanctions against Chile.")
    (asked,) = [ev for ev in sanctions.evidence if ev.phrase == "sanctions"]
    plain = score("Bolivia's sanctions against Chile are in force.")
    (imposed,) = [ev for ev in plain.evidence if ev.phrase == "sanctions"]
    assert asked.weight == imposed.weight and "requested" in asked.cue
    isolation = score(
        "We must complete the isolation of Chile and apply the necessary pressure "
        "in support of its people."
    )
    assert isolation.label == "confrontation"
    dialogue = score("We call on Chile to hold talks with Bolivia.")
    (talks,) = [ev for ev in dialogue.evidence if ev.phrase == "talks"]
    assert 0 < talks.weight < 0.5 and "requested" in talks.cue


def test_urging_parties_to_talk_encourages_them() -> None:
    """ "We urge X and Y to pursue dialogue" encourages dialogue between parties (the
    rubric's engagement): the request word is no demand there (cue ``encouraged``). A
    redress asked in the same breath ("to lift the blockade and hold talks") is still a
    demand on the party, and so is a return to talks asked of one party; asked of two,
    a return to the table blames neither and encourages both."""
    assert_read(
        "engagement",
        "encouraged",
        "We urge Bolivia and Chile to pursue dialogue.",
        "We call on Chile to hold talks with Bolivia.",
        "We urge both sides to return to the negotiating table.",
        "We urge Bolivia and Chile to return to the negotiating table.",
    )
    assert_read(
        "confrontation",
        "encouraged",
        "We urge Chile to lift the blockade and hold talks with Bolivia.",
        "Chile must drop these steps and return to dialogue with Bolivia.",
        "We urge Chile to return to the negotiating table with Bolivia.",
        fired=False,
    )


def test_evidence_names_speaker_and_target() -> None:
    """Evidence records who speaks and toward whom, where the sentence says."""
    result = score("Chile strongly condemns the aggression of Bolivia against its neighbours.")
    (top,) = result.evidence[:1]
    assert top.speaker == "Chile"
    assert top.target == "Bolivia"


def _transcript(watched: str, others: str) -> str:
    topics = {
        "Japan": (
            "Q: Japan plans to release treated water next month. What is your comment?\n"
            "A: Japan should {v} its neighbours on this matter."
        ),
        "Philippines": (
            "Q: The Philippines held drills near the shoal. Your response?\n"
            "A: The Philippines and Vietnam {v2} in the South China Sea."
        ),
        "Russia": (
            "Q: Russia and Ukraine exchanged prisoners yesterday.\n"
            "A: Russia and Ukraine {v2} on the front line."
        ),
        "India": (
            "Q: India's foreign minister spoke about the border.\n"
            "A: India and Pakistan {v2} on the border question."
        ),
        "EU": ("Q: The EU summit ends today.\nA: The EU and Turkey {v2} over migration."),
        "Iran": (
            "Q: Iran says talks with the IAEA will continue.\n"
            "A: Iran and the European Union {v2} on the nuclear file."
        ),
        "Canada": (
            "Q: Canada announced new measures against Mexico.\n"
            "A: Canada and Mexico {v2} over steel."
        ),
    }
    good = {"v": "consult with", "v2": "signed a cooperation agreement and praised each other"}
    bad = {"v": "stop threatening", "v2": "clashed and traded accusations and sanctions"}
    fill = good if others == "good" else bad
    parts = ["Spokesperson: Good afternoon. I have no announcements today."]
    parts.append(
        "Q: The United States and China held talks in Geneva this week. What is your comment?"
    )
    if watched == "good":
        parts.append(
            "A: China welcomes the constructive talks with the United States and is ready to "
            "deepen cooperation and expand exchanges with the U.S. side."
        )
    else:
        parts.append(
            "A: China firmly opposes the new U.S. tariffs and sanctions. The United States "
            "must stop its bullying, or China will take resolute countermeasures."
        )
    for i, text in enumerate(topics.values()):
        parts.append(text.format(**fill))
        if i == 3:
            parts.append("Q: Thank you. One more on the weather?\nA: I have no information.")
    return "\n".join(parts)


def test_press_conference_reads_the_watched_pair_only() -> None:
    """In an eight-topic transcript only the U.S.-China topic moves the U.S.-China tone."""
    pair = ("United States", "China")
    # The watched topic on its own reads clearly one way or the other.
    topic_up = score("\n".join(_transcript("good", "good").split("\n")[1:3]), pair)
    topic_down = score("\n".join(_transcript("bad", "good").split("\n")[1:3]), pair)
    assert topic_up.tone > 0.4 and topic_down.tone < -0.4
    up = score(_transcript("good", "good"), pair)
    down = score(_transcript("bad", "good"), pair)
    assert up.tone > 0 > down.tone
    for watched in ("good", "bad"):
        a = score(_transcript(watched, "good"), pair).tone
        b = score(_transcript(watched, "bad"), pair).tone
        assert abs(a - b) < 0.1
    speakers = {ev.speaker for ev in down.evidence}
    assert "Spokesperson" not in speakers  # the answers are "A:", the speaker is unnamed


def test_questions_weigh_little() -> None:
    """A journalist's hostile question does not make the government's answer hostile."""
    text = (
        "Q: Is China not furious at the U.S. sanctions and the threats from Washington?\n"
        "A: China and the United States will keep talking and cooperating.\n"
        "Q: And on trade between China and the United States?\n"
        "A: China welcomes more trade and dialogue with the United States."
    )
    result = score(text, ("United States", "China"))
    assert result.tone > 0.3


def test_a_journalists_question_asks_and_is_no_rhetoric() -> None:
    """ "Q: Will the Chinese and US presidents meet at the summit?" asks: its words keep
    their sign (weighed little), unlike a speaker's rhetorical question to a party."""
    text = (
        "Q: Will the Chinese and US presidents meet at the summit?\n"
        "A: We will release information in due course.\n"
        "Q: Any comment on the weather?\n"
        "A: No."
    )
    result = score(text, ("United States", "China"))
    asked = [ev for ev in result.evidence if ev.speaker == "Q"]
    assert asked and all(ev.weight > 0 and "rhetorical" not in ev.cue for ev in asked)
    speech = score("Will Chile ever meet its obligations toward Bolivia?")
    assert "rhetorical" in cues(speech)


def test_explain_names_the_deciding_cue_and_its_target() -> None:
    """``score --explain`` says which cue decided and at whom it is aimed."""
    from click.testing import CliRunner

    from monitor.cli.score import score as score_command

    text = "We call on Bolivia to withdraw its troops from the border villages."
    result = CliRunner().invoke(score_command, ["--explain"], input=text)
    assert result.exit_code == 0
    assert "decided by: demand-on" in result.stdout
    assert "aimed at Bolivia" in result.stdout
    praise = CliRunner().invoke(
        score_command, ["--explain"], input="We warmly thank Chile for its generous aid."
    )
    assert "decided by: demand-on" not in praise.stdout
    assert "aimed at Chile" in praise.stdout


def test_jsonl_evidence_carries_speaker_and_target() -> None:
    """Batch evidence objects name the speaker and target when the text does."""
    import json

    from click.testing import CliRunner

    from monitor.cli.score import score as score_command

    line = json.dumps(
        {"id": 1, "text": "Chile strongly condemns the aggression of Bolivia against its people."}
    )
    result = CliRunner().invoke(score_command, ["--jsonl", "--workers", "1"], input=line + "\n")
    (row,) = [json.loads(x) for x in result.stdout.splitlines()]
    top = row["evidence"][0]
    assert top["speaker"] == "Chile" and top["target"] == "Bolivia"
    bare = CliRunner().invoke(
        score_command, ["--jsonl", "--workers", "1"], input='{"id": 2, "text": "Talks resumed."}\n'
    )
    (plain,) = [json.loads(x) for x in bare.stdout.splitlines()]
    assert all("target" not in ev and "speaker" not in ev for ev in plain["evidence"])


def test_transcript_speaker_labels_are_recorded() -> None:
    """A labelled answer's evidence names its speaker; the reporter's question weighs little."""
    text = (
        "Reporter: Will China retaliate against the new U.S. tariffs?\n"
        "Spokesperson Mao Ning: China firmly opposes the U.S. tariffs and will take "
        "resolute countermeasures against the United States.\n"
        "Reporter: And on climate talks between China and the United States?\n"
        "Spokesperson Mao Ning: China welcomes dialogue with the United States on climate."
    )
    result = score(text, ("United States", "China"))
    answers = [ev for ev in result.evidence if ev.speaker == "Spokesperson Mao Ning"]
    assert answers and all("?" not in ev.sentence for ev in answers)
    asked = [ev for ev in result.evidence if ev.speaker == "Reporter"]
    assert all(abs(ev.weight) < 0.25 for ev in asked)
    assert result.tone < 0


def test_news_agencies_ask_and_the_spokesperson_answers() -> None:
    """Journalists labelled by their outlet ("Reuters:", "AFP:") ask when their turn ends
    with a question mark, so each question opens a topic: a topic about a third party
    barely counts, and the questions weigh little. The label that speaks most is the
    answerer, whose question is rhetorical and stays an answer."""
    from monitor.tone.text import transcript_turns

    text = (
        "Reuters: The US added 30 Chinese firms to its entity list. What is your response?\n"
        "Mao Ning: China firmly opposes the US abuse of export controls.\n"
        "AFP: Manila said a Chinese vessel fired a water cannon at its boat. Any comment?\n"
        "Mao Ning: The Philippine vessel intruded into the waters without permission.\n"
        "Bloomberg: Will the two sides meet next week?\n"
        "Mao Ning: China and the US maintain communication. Isn't that what the world expects?"
    )
    turns = transcript_turns(text)
    assert turns is not None
    assert [asked for _, asked, _ in turns] == [True, False, True, False, True, False]
    result = score(text, ("United States", "China"))
    assert all(abs(ev.weight) < 0.05 for ev in result.evidence if ev.phrase == "water cannon")
    assert all(abs(ev.weight) < 0.25 for ev in result.evidence if ev.speaker == "Reuters")
    assert result.tone < 0


def test_own_voice_to_no_party_is_self_description() -> None:
    """'We remain committed to cooperation' describes the speaker: neutral, its lean kept.

    Said of a named party, or of one pointed at by a pronoun, the same words
    are engagement.
    """
    for text in (
        "We remain firmly committed to cooperation, dialogue and lasting peace.",
        "My Government has promoted reconciliation and development throughout its term.",
        "I am proud that our country supports cooperation and friendly relations.",
        # A state named as the one speaking is the own voice in the third person.
        "Chile welcomes the adoption of the convention on desertification.",
    ):
        result = score(text)
        assert result.label == "neutral", text
        assert result.tone > 0, text  # the words still lean to engagement
        assert "own-voice" in cues(result), text
    for text in (
        "We remain firmly committed to cooperation and dialogue with Bolivia.",
        "We thank him warmly for his mediation and support.",
        "Chile welcomes the peace agreement that Bolivia and Peru signed last week.",
        "Bolivia has promoted reconciliation and dialogue with its neighbours.",
    ):
        result = score(text)
        assert result.label == "engagement", text
        assert "own-voice" not in cues(result), text
    # Only cooperative words are self-description: blame in the own voice stays.
    blame = score("We condemn the shelling of our towns and the killing of civilians.")
    assert blame.label == "confrontation"
    assert all("own-voice" not in ev.cue for ev in blame.evidence if ev.weight < 0)


def test_own_voice_condemnation_of_no_one_is_a_principle() -> None:
    """'We condemn terrorism in all its forms' names no perpetrator: neutral."""
    principle = score("We condemn terrorism and violent extremism in all their forms.")
    assert principle.label == "neutral"
    assert principle.tone < 0
    named = score("We condemn the Bolivian army's shelling of our border towns.")
    assert named.label == "confrontation"


def test_occupying_a_place_is_an_idiom_not_occupation() -> None:
    """'Occupies a unique place' is no occupation; occupying villages is."""
    idiom = score("Chile occupies a unique place in the history of our region.")
    assert idiom.tone >= 0
    assert all(ev.weight >= 0 for ev in idiom.evidence)
    seized = score("Bolivia occupies the border villages of Chile.")
    assert seized.tone < 0


def test_a_purpose_clause_states_an_aim_not_an_act() -> None:
    """What a sentence does 'so that' something happens has not happened yet."""
    aim = score("Chile released the prisoners so that reconciliation with Bolivia begins.")
    aimed = [ev for ev in aim.evidence if ev.phrase == "reconciliation"]
    assert aimed and "hedged" in aimed[0].cue
    done = score("Chile and Bolivia completed their reconciliation last year.")
    plain = [ev for ev in done.evidence if ev.phrase == "reconciliation"]
    assert plain and "hedged" not in plain[0].cue


def test_pressure_that_drives_others_together_backfires() -> None:
    """'X is pushing Y and Z closer together' is about rivalry, not friendship."""
    for text in (
        "Washington and its allies are pushing China and Russia closer together.",
        "Their sanctions keep driving Bolivia into the arms of Peru.",
    ):
        result = score(text)
        assert result.tone <= 0, text
    backfire = score("Washington and its allies are pushing China and Russia closer together.")
    assert "backfire" in cues(backfire)
    brought = score("Brazil is bringing Chile and Bolivia closer together.")
    assert brought.tone > 0 and "backfire" not in cues(brought)
    asked = score("Chile is pushing for closer cooperation with Bolivia on trade.")
    assert "backfire" not in cues(asked)


def test_performative_courtesy_is_not_a_hedge() -> None:
    """'We would like to thank X' thanks X; 'X could sign' has not signed."""
    thanks = score("We would like to thank Chile for its generous support.")
    thank = [ev for ev in thanks.evidence if ev.phrase == "thank"]
    assert thank and "hedged" not in thank[0].cue
    maybe = score("Chile could sign the accord with Bolivia next month.")
    assert any("hedged" in ev.cue for ev in maybe.evidence)


def test_reaffirming_a_position_is_a_frame_not_an_act() -> None:
    """What is reaffirmed decides: a demand on a party, or support for it."""
    demand = score(
        "Chile reaffirms its conviction that peace will come only if Bolivia withdraws its troops."
    )
    assert demand.tone < 0
    assert all(ev.phrase != "reaffirms" for ev in demand.evidence)
    support = score("Chile reaffirms its support for the people and Government of Bolivia.")
    assert support.tone > 0


def test_own_concern_about_a_situation_is_neutral() -> None:
    """Regret about a situation blames no one; regret about a party's act does."""
    situation = score("To our great regret, the drought in the region has become a deep concern.")
    assert situation.label == "neutral"
    conduct = score("We deeply regret that Bolivia has closed its border with Chile again.")
    assert conduct.label == "confrontation"


def test_speaker_hint_reads_the_own_state_as_self_description() -> None:
    """Said by Kenya, a sentence naming only Kenya describes the speaker: neutral."""
    scorer = build_scorer()
    text = "Dialogue and cooperation have brought lasting peace and progress to Kenya."
    plain = scorer.score(text)
    own = scorer.score(text, speaker="KEN")
    assert plain.label == "engagement"
    assert own.label == "neutral"
    assert "own-voice" in cues(own)
    assert {ev.speaker for ev in own.evidence} == {"Kenya"}
    assert {ev.target for ev in own.evidence} == {""}
    # The name, the adjective and the code all resolve to the same state.
    assert scorer.score(text, speaker="Kenya") == own
    adjective = "The Kenyan people have chosen dialogue and cooperation with all their strength."
    assert scorer.score(adjective, speaker="kenya").label == "neutral"


def test_speaker_hint_keeps_the_stance_toward_another_party() -> None:
    """Said by someone else, or about another party, the sentence keeps its stance."""
    scorer = build_scorer()
    text = "Dialogue and cooperation have brought lasting peace and progress to Kenya."
    other = scorer.score(text, speaker="UGA")
    assert other.label == "engagement"
    assert {ev.target for ev in other.evidence} == {"Kenya"}
    # A party told as acting in the speaker's statement is spoken of, not speaking.
    welcomed = scorer.score(
        "Uganda welcomed the agreement with Kenya and pledged cooperation.", speaker="KEN"
    )
    assert welcomed.label == "engagement"
    assert {(ev.speaker, ev.target) for ev in welcomed.evidence} == {("Kenya", "Uganda")}
    # A grievance against another party stays a confrontation, with or without the hint.
    invaded = "The invasion of Kenya by its neighbour violated every principle of the Charter."
    for speaker in ("", "KEN"):
        assert scorer.score(invaded, speaker=speaker).label == "confrontation", speaker


def test_speaker_table_covers_states_and_blocs() -> None:
    """ISO3 codes (also of states that spoke before 1992) and aliases resolve; others do not."""
    from monitor.tone.parties import _ISO3, speaker_names, state_names

    states = set(state_names())
    codes = [part.split()[0] for part in _ISO3.replace("\n", " | ").split("|") if part.strip()]
    assert len(codes) >= 195
    for code in codes:
        names = speaker_names(code)
        assert names and states & set(names), code
    assert "soviet" in speaker_names("SUN")
    assert "yugoslavia" in speaker_names("yug")
    assert speaker_names("U.S.") == speaker_names("USA")
    assert "european union" in speaker_names("EU")
    assert speaker_names("Atlantis") == ()
    assert speaker_names("  ") == ()


def test_speaker_hint_with_a_watch_counts_its_words_about_the_other() -> None:
    """A feed that speaks for one watched party: its passage about the other is the relation."""
    scorer = build_scorer(actors=("United States", "China"))
    text = (
        "The United States must lift its illegal sanctions and stop its bullying.\n\n"
        "The spokesperson also welcomed the new cooperation agreement with Japan.\n\n"
        "Growth in the region was strong this year."
    )
    plain = scorer.score(text)
    hinted = scorer.score(text, speaker="CHN")
    assert hinted.tone < plain.tone - 0.2
    assert hinted.tone < -0.3
    # Said by a third state, the passage still names only one of the watched pair.
    assert abs(scorer.score(text, speaker="JPN").tone - plain.tone) < 1e-9


def test_a_change_hoped_of_a_party_is_a_demand_on_it() -> None:
    """Hoping or wishing that a named party will redress something blames it (rubric: a call)."""
    for text in (
        "We hope that Chile will withdraw its troops from the border villages.",
        "Paraguay wishes Bolivia to lift the blockade of the river ports without delay.",
        "We sincerely hoped the Government of Peru would release the detained fishermen.",
        "We want Ecuador to end the occupation of the disputed islands.",
    ):
        result = score(text)
        assert result.tone < 0, text
        assert "demand-on" in cues(result), text


def test_a_hope_for_talks_or_for_oneself_is_no_demand() -> None:
    """A hope for dialogue, a hope with no party as its subject, or a courtesy stays cooperative."""
    for text in (
        "We hope that Chile and Bolivia will resume dialogue and negotiations.",
        "We hope to see Chile and Peru sign the fisheries agreement soon.",
        "We wish to thank Japan for lifting the restrictions on our exports.",
        "Chile withdrew its troops from the border villages, as it had promised.",
    ):
        result = score(text)
        assert result.tone > 0, text
        assert "demand-on" not in cues(result), text


def test_violations_and_massacres_by_no_one_named_are_narration() -> None:
    """Abuses, massacres and violations with no named perpetrator are narrated; named, charged."""
    for text in (
        "The world mourned the massacre of villagers in the northern valleys last spring.",
        "Our delegation strongly condemns the grave violations of human rights in the camps.",
    ):
        result = score(text)
        assert "narration" in cues(result), text
        assert result.label == "neutral", text
    named = score("Our delegation strongly condemns the massacre of villagers by Bolivia's army.")
    assert named.label == "confrontation"
    assert "narration" not in cues(named)


def test_us_in_capitals_is_the_country_not_the_pronoun() -> None:
    """ "The US" names a party; lower-cased it would read as the speaker's own "us"."""
    text = (
        "The US and China agreed to expand their climate cooperation, "
        "but Beijing did not move on its coal targets."
    )
    agreed = score(text)
    assert agreed.tone > 0 and "contrast-self" not in cues(agreed)
    assert any(ev.target in ("US", "China") for ev in agreed.evidence)
    # The pronoun keeps its role: own virtue against the other's conduct.
    ours = score("We kept talking with all of us at the table, whereas Bolivia walked out.")
    assert ours.tone < 0 and "contrast-self" in cues(ours)
    # Possessive and compound forms name the country too; "USA" and "USSR" stay as they are.
    for form in ("The US's envoy attended the talks.", "US-China talks resumed in Geneva."):
        result = score(form)
        assert result.tone > 0 and result.evidence[0].target.startswith("US"), form
    # The US's envoy who praises speaks for it.
    assert score("The US's envoy praised the agreement.").evidence[0].speaker == "US"
    assert score("The USSR signed the accord with Finland.").evidence[0].target == "USSR"
    # The currency is no party.
    assert all(ev.target == "" for ev in score("He received US $50 million in aid.").evidence)


def test_news_idioms_name_no_act() -> None:
    """Stock shares, "a sign of" and "pushing back" are read for what they mean in news."""
    assert score("The drone maker's shares plunged after the fraud claim.").evidence == ()
    assert score("Bolivia's shares rose on the news from Chile.").evidence == ()
    hint = score("The delay might be a sign of fatigue in Bolivia.")
    assert all(ev.phrase != "sign" for ev in hint.evidence)
    showing = score("Relations between Bolivia and Chile show signs of strain.")
    assert all(not ev.phrase.startswith("sign") for ev in showing.evidence)
    resisted = score("Chile urged Bolivia to do more. Bolivia is pushing back.")
    assert resisted.tone < 0 and resisted.evidence[0].phrase == "pushing back"
    # News reports: "a proposed list" and "a statement released by" are no proposal or release.
    listed = score("Chile published a proposed list of tariffs on goods from Bolivia.")
    assert listed.tone < 0 and all(ev.phrase != "proposed" for ev in listed.evidence)
    said = score("A statement released by Bolivia criticised Chile.")
    assert said.tone < 0 and all(ev.phrase != "released" for ev in said.evidence)
    for text in (
        "Bolivia and Chile have kept in touch. We will release information in due course.",
        "Bolivia released a report on its talks with Chile.",
    ):
        assert all(not ev.phrase.startswith("release") for ev in score(text).evidence), text
    assert any(ev.phrase == "released" for ev in score("Chile released Bolivia's envoy.").evidence)
    # Economic demand, domestic signatures and bipartisan support are no act between parties.
    market = score("Domestic demand for soybeans rose in Bolivia and Chile.")
    assert all(ev.phrase != "demand" for ev in market.evidence)
    huge = score("Bolivia and Chile see huge demand for lithium and better labour relations.")
    assert all(ev.phrase not in ("demand", "relations") for ev in huge.evidence)
    assert all(
        ev.phrase != "share"
        for ev in score("Chile's 40 percent share of Bolivia's market").evidence
    )
    assert score("Bolivia's president signed an executive order on Chile's airlines.").tone <= 0
    assert score("The bill on Chile passed Bolivia's congress with bipartisan support.").tone <= 0
    assert score("Bolivia demanded that Chile lift the tariffs.").tone < 0
    # The acts the idioms resemble keep their reading.
    assert score("Bolivia released the detained fishermen from Chile.").tone > 0.3
    assert score("Chile proposed talks with Bolivia.").tone > 0.3
    assert score("Bolivia signed the agreement with Chile.").tone > 0.3
    assert score("Bolivia and Chile share information on the border.").tone > 0
    assert score("Chile welcomed the signing of the accord with Bolivia.").tone > 0.3


def test_failure_refusal_and_safeguarding_interests() -> None:
    """ "Failure to" and "refusal to" negate the act like "failed to"; "safeguard its
    legitimate interests" is the countermeasure formula; market share is no sharing."""
    refused = score("Chile's refusal to cooperate with Bolivia stalled the talks.")
    assert refused.tone < 0 and "negated" in cues(refused)
    failed = score("Bolivia criticised Chile's failure to provide the data.")
    assert failed.tone < 0
    formula = score(
        "Bolivia will take measures to safeguard its legitimate interests against Chile."
    )
    assert formula.tone < 0
    assert score("Bolivia lost market share to Chile.").evidence == ()
    # Protecting people keeps its reading.
    assert score("Bolivia will protect the refugees from Chile.").tone > 0


def test_trade_war_rhetoric_is_scored() -> None:
    """The charges of trade disputes (protectionism, unilateralism, weaponising and
    politicising) accuse; a thaw, an olive branch and a hotline are engagement."""
    for text in (
        "Bolivia accused Chile of protectionism and unilateralism.",
        "Chile is weaponizing trade and politicizing the pandemic against Bolivia.",
        "Bolivia ordered the closure of the consulate of Chile, a tit-for-tat move.",
    ):
        assert score(text).tone < -0.3, text
    for text in (
        "The thaw between Bolivia and Chile continued this week.",
        "Bolivia extended an olive branch to Chile.",
        "Bolivia and Chile restored their military hotline.",
    ):
        assert score(text).tone > 0.3, text
    # The thaw of the climate pages is no thaw between parties.
    assert all(ev.phrase != "thaw" for ev in score("Permafrost thaw worries Bolivia.").evidence)


def test_a_party_said_to_have_lost_its_credibility_is_delegitimised() -> None:
    """ "X has lost all credibility as a mediator", "X has no credibility on ..." deny a
    party standing (the mediator it is said to have been no longer counts for it)."""
    lost = score("Chile has lost all credibility as a mediator.")
    assert lost.label == "confrontation" and lost.evidence[0].phrase == "lost all credibility"
    assert score("Bolivia has no credibility on human rights.").label == "confrontation"
    assert score("Chile has acted as a credible mediator between the parties.").tone > 0.2


def test_the_chairmanship_of_a_named_party_is_no_protocol() -> None:
    """Thanks for the chairmanship "of this session" are protocol; praise of a state's
    chairmanship of a named organisation ("of ASEAN") engages the state."""
    chair = score("We commend Indonesia for its able chairmanship of ASEAN.")
    assert chair.label == "engagement" and "formula" not in chair.evidence[0].cue
    session = score("We thank Indonesia for its able chairmanship of this session.")
    assert session.label == "neutral" and "formula" in session.evidence[0].cue


def test_standing_with_a_party_is_solidarity_and_standing_idly_by_is_not() -> None:
    """ "We stand with X", "X has always stood by the Y people" are solidarity; "stood
    idly by", "stood by and watched" blame inaction."""
    assert score("We stand with Bolivia.").label == "engagement"
    assert score("Chile has always stood by the Bolivian people.").label == "engagement"
    idle = score("The world stood idly by while Chile blockaded Bolivia.")
    assert idle.label == "confrontation" and idle.evidence[0].weight < 0
    watched = score("Chile stood by and watched as Bolivia was invaded.")
    assert all(ev.weight < 0 for ev in watched.evidence)


def test_a_party_whose_act_the_speaker_appraises_does_not_speak() -> None:
    """ "Oman's commitment to ..." is Oman speaking of itself, but in "We appreciate
    Japan's contribution" or "We welcome Chile's commitment" the speaker appraises the
    party's act: it is the target, and the sentence engages it."""
    appraised = score("We appreciate Bolivia's long-standing contribution to our development.")
    assert appraised.label == "engagement"
    assert {(ev.speaker, ev.target) for ev in appraised.evidence} == {("", "Bolivia")}
    welcomed = score("We welcome Chile's commitment to dialogue.")
    assert welcomed.label == "engagement" and welcomed.evidence[0].target == "Chile"
    own = score("Chile's commitment to the principles of the Charter is unwavering.")
    assert own.label == "neutral" and own.evidence[0].speaker == "Chile"
    example = score("For example, Chile attaches importance to regional cooperation.")
    assert example.evidence[0].speaker == "Chile"


def test_headline_idioms_of_joint_work_and_grilling() -> None:
    """Headline idioms: parties that "team up" or "join forces" cooperate; lawmakers who
    "grill" a party's firm press it, and the "ties to X" they grill it over are the
    charge, not the party's good relations (which "values its ties to X" still are)."""
    assert score("Bolivian and Chilean scientists team up to study glaciers.").tone > 0.3
    assert score("Bolivia and Chile join forces to map the border.").label == "engagement"
    grilled = score("Bolivian lawmakers grill the firm's chief over ties to Chile.")
    assert grilled.label == "confrontation"
    assert all(ev.phrase != "ties" for ev in grilled.evidence)
    assert score("Bolivia values its ties to Chile.").label == "engagement"
    assert score("Bolivia fumes as Chile hosts a foreign missile system.").tone < -0.2
    # Capitals name their governments in headlines.
    hanoi = score("Hanoi and Manila agreed to manage their maritime differences.")
    assert hanoi.label == "engagement" and hanoi.evidence[0].target == "Hanoi"


def test_thanks_to_someone_named_is_aimed_at_them() -> None:
    """Thanks or praise to someone the text names but no party list knows ("Mr. Bill
    Gates", "the Secretary-General for convening the summit") is aimed at them (cue
    ``addressed``), not said to no one; courtesies to the chair stay protocol, and thanks
    to no one named stay untargeted."""
    gates = score("We therefore thank Mr. Bill Gates for assistance given to our clinics.")
    assert gates.label == "engagement" and "addressed" in cues(gates)
    convened = score("We commend the Secretary-General for convening the summit on oceans.")
    assert convened.label == "engagement"
    chair = score("We congratulate you, Sir, on your election to the presidency.")
    assert chair.label == "neutral"
    nobody = score("We thank all those who contributed to the success of the conference.")
    assert "addressed" not in cues(nobody)
    # A Secretary-General's name is no ban.
    named = score("I commend Secretary-General Ban Ki-moon and thank Mr. Ban for his report.")
    assert all(ev.weight > 0 for ev in named.evidence)


def test_cooperation_to_counter_a_party_is_aimed_against_it() -> None:
    """ "UK, US and Australia launch pact to counter China", "cooperate to contain US
    hegemony": the pact is aimed against the party countered (cue ``against``);
    cooperation in countering drug trafficking or terrorism names no party and stays."""
    pact = score("Chile, Peru and Ecuador launch pact to counter Bolivia.")
    assert pact.label == "confrontation" and "against" in cues(pact)
    contain = score("Chile and Peru signed a defence pact to contain Bolivia.")
    assert contain.label == "confrontation"
    drugs = score("Chile and Bolivia agreed to cooperate in countering drug trafficking.")
    assert drugs.label == "engagement" and "against" not in cues(drugs)
    # A report that contains a party's proposals holds them; it does not contain the party.
    held = score("The report contains Chile's proposals for cooperation with Bolivia.")
    assert held.label == "engagement" and "against" not in cues(held)


def test_relations_that_sour_or_are_complicated() -> None:
    """News of a relation that worsens: "relations have soured", "a frosty relationship",
    "has complicated relations between X and Y"; and disinformation ("conspiracy
    theories falsely claiming ..."), promoted or not, is an accusation."""
    for text in (
        "Relations between Chile and Bolivia have soured.",
        "Chile's frosty relationship with Bolivia shows no sign of thawing.",
        "The legal saga has complicated relations between Chile and Bolivia.",
        "Bolivia's new effort to promote conspiracy theories falsely claiming Chile lied.",
    ):
        assert score(text).label == "confrontation", text
    assert score("Relations between Chile and Bolivia have improved.").label == "engagement"
    # Relations that froze after an arrest: the freeze is the news, not an arrest undone.
    froze = score("Relations between Chile and Bolivia froze after the arrest of a diplomat.")
    assert froze.label == "confrontation"
    # A reverser's object after "in" is still undone: a cut in tariffs lowers them.
    assert score("Chile announced a cut in tariffs on Bolivian goods.").label == "engagement"
    # Ridicule; and "international relations", a "share of" exports, name no relation.
    assert score("Bolivia's accusation makes itself a laughing stock.").tone < -0.3
    assert not score("He studies International Relations at a Chilean institute.").evidence
    assert not score("Chile's share of world exports grew to 13 percent.").evidence
    assert score("We share the view of Chile on this matter.").label == "engagement"


def test_understatement_and_idioms_of_diplomatic_criticism() -> None:
    """Criticism by understatement: "hardly conducive", "does nothing to build trust",
    "shown no willingness to", "little evidence that X is serious", "falls far short",
    "leaves much to be desired", "drags its feet"; each turns against the party, and the
    plain statement it denies reads as engagement."""
    for text in (
        "Such remarks are hardly conducive to improving relations with Bolivia.",
        "Chile's latest move does nothing to build trust with Bolivia.",
        "Chile has shown no willingness to engage in dialogue with Bolivia.",
        "We see little evidence that Chile is serious about peace with Bolivia.",
        "Chile's proposal to Bolivia falls far short of what is needed.",
        "Bolivia's attitude toward Chile leaves much to be desired.",
        "Chile continues to drag its feet on the agreement with Bolivia.",
    ):
        assert score(text).tone < -0.1, text
    willing = score("Chile has shown a genuine willingness to engage with Bolivia.")
    assert willing.label == "engagement"
    # Idioms of rapprochement.
    assert score("Chile and Bolivia see eye to eye on regional integration.").tone > 0.3
    assert score("Chile went the extra mile to accommodate Bolivia's concerns.").tone > 0.2
    assert score("Chile and Bolivia buried the hatchet.").tone > 0.2
    # A call between ministers is contact; trade resumed after a ban is its end.
    call = score("The defence ministers of Chile and Bolivia held a video call.")
    assert call.label == "engagement"
    resumed = score("Chile resumed imports of Bolivian beef after a two-year ban.")
    assert resumed.label == "engagement"


def test_the_speakers_comment_on_a_claim_is_no_hearsay() -> None:
    """ "X claims that ..., which is completely groundless": the claim is hearsay, the
    comment after ", which" is the speaker's own and weighs in full."""
    rebutted = score(
        "Chile claims that Bolivia is engaged in unfair trade practices, which is completely "
        "groundless."
    )
    assert rebutted.label == "confrontation"
    groundless = [ev for ev in rebutted.evidence if ev.phrase == "groundless"]
    assert groundless and "reported" not in groundless[0].cue
    hearsay = score("Chile reportedly accused Bolivia of groundless claims.")
    assert all("reported" in ev.cue for ev in hearsay.evidence if ev.phrase == "groundless")


def test_an_open_door_and_an_answer_promised() -> None:
    """ "We remain open to a conversation with X", "the door to dialogue remains open" are
    engagement; "X's measures will not go unanswered" warns."""
    assert score("We remain open to a conversation with Chile.").label == "engagement"
    assert score("The door to dialogue with Chile remains open.").label == "engagement"
    warned = score("Chile's measures against us will not go unanswered.")
    assert warned.label == "confrontation"
    assert any(ev.phrase == "will not go unanswered" for ev in warned.evidence)


def test_security_council_delegitimisation() -> None:
    """The Council chamber's idioms of delegitimisation: a meeting convened "for purely
    political purposes", a "selective approach" to law, "no moral standing to lecture",
    a "colonial mindset", "anti-Bolivian propaganda"; procedure stays neutral."""
    for text in (
        "Today's meeting was convened by our Chilean colleagues for purely political purposes.",
        "Our Chilean colleagues have demonstrated their selective approach to international law.",
        "The Chilean delegation has no moral standing to lecture anyone on human rights.",
        "The Chilean delegation's remarks reflect a colonial mindset.",
    ):
        assert score(text).label == "confrontation", text
    assert score("I now give the floor to the representative of Chile.").label == "neutral"
    # A spokesperson's "stirring up trouble".
    stirring = score("Chile should stop making provocations and stirring up trouble.")
    assert stirring.label == "confrontation"
    assert score("The Chilean regime continues to export instability.").label == "confrontation"
    for text in (
        "Chile bears full responsibility for the consequences of its actions.",
        "Chile is playing a dangerous game with regional security.",
        "We cannot but express our deep disappointment at Chile's decision.",
        "Such actions by Chile are not in keeping with the agreements with Bolivia.",
        "We have taken up the matter strongly with the Chilean side.",
    ):
        assert score(text).label == "confrontation", text
    assert score("The results are consistent with our expectations.").label == "neutral"
    expelled = score("The Chilean ambassador was declared persona non grata by Bolivia.")
    assert expelled.label == "confrontation"
    acrimony = score("The talks between Chile and Bolivia ended in acrimony.")
    assert acrimony.label == "confrontation"
    declined = score("Chile declined Bolivia's offer of talks.")
    assert declined.label == "confrontation" and "reversed" in cues(declined)
    assert not score("Exports declined in March.").evidence


def test_a_structural_reading_is_full_evidence_of_a_stance() -> None:
    """A term's evidence strength is fitted on local news, where "trust" or "talks" are
    weak signs; read through a structure (negated, reversed, a breach, a demand ...) the
    same term is a stance toward the party, full evidence for a label."""
    assert score("Chile's latest move does nothing to build trust with Bolivia.").label == (
        "confrontation"
    )
    absent = score("Chile did not attend the talks with Bolivia.")
    assert absent.label == "confrontation"
    assert score("Chile attended the talks with Bolivia.").label == "engagement"


def test_a_party_that_accuses_warns_or_thanks_speaks() -> None:
    """News verbs of stance: "X accused Y", "X slammed Y's decision", "X warned Y",
    "X thanked Y", "X praised Y's decision": X speaks and Y is the one aimed at."""
    for text, pair in (
        ("Bolivia accused Chile of hypocrisy.", ("Bolivia", "Chile")),
        ("Bolivia slammed the Chilean decision as bullying.", ("Bolivia", "Chilean")),
        ("Bolivia warned Chile against further escalation.", ("Bolivia", "Chile")),
        ("Bolivia thanked Chile for its support.", ("Bolivia", "Chile")),
        ("Bolivia praised Chile's decision.", ("Bolivia", "Chile")),
    ):
        result = score(text)
        assert {(ev.speaker, ev.target) for ev in result.evidence} == {pair}, text


def test_transitions_and_empty_promises() -> None:
    """An opening contrast phrase ends at its comma ("Rather than confrontation, X and Y
    chose dialogue"); "moved from confrontation to cooperation" reaches what follows
    "to"; promises that "proved empty" and a party that "turned its back on dialogue"
    are confrontation."""
    chose = score("Rather than confrontation, Chile and Bolivia chose the path of dialogue.")
    assert chose.label == "engagement"
    assert all("contrast" not in ev.cue for ev in chose.evidence if ev.phrase == "dialogue")
    moved = score("Chile and Bolivia have moved from confrontation to cooperation.")
    assert moved.label == "engagement"
    for text in (
        "Chile's promises of cooperation with Bolivia have proven empty.",
        "Chile has turned its back on dialogue with Bolivia.",
    ):
        assert score(text).label == "confrontation", text


def test_a_denied_subject_denies_the_cooperation_of_its_predicate() -> None:
    """ "Neither X nor its allies have shown any interest in a negotiated settlement",
    "None of the parties attended the talks": the cooperation did not happen. A hostile
    term is not denied so ("No solution can result from the subjugation of X"), and an
    interjection ("No, X and Y will cooperate") denies nothing."""
    for text in (
        "Neither Chile nor its allies have shown any interest in a negotiated settlement.",
        "None of the parties attended the talks between Chile and Bolivia.",
    ):
        result = score(text)
        assert result.label == "confrontation" and "negated" in cues(result), text
    subjugation = score("No solution can result from Chile's subjugation of Bolivia.")
    assert subjugation.tone < 0
    assert score("No, Chile and Bolivia will cooperate.").label == "engagement"


def test_a_coup_charges_its_leaders_and_a_principle_charges_no_one() -> None:
    """ "The AU condemns the unconstitutional change of government in X" charges the coup's
    leaders (the rubric's implied party); "we reject any interference" states a principle
    and stays discounted as said to no one."""
    coup = score("The Union condemns the unconstitutional change of government in Chile.")
    assert coup.label == "confrontation" and "implied" in cues(coup)
    principle = score("We reject any interference in the internal affairs of states.")
    assert "implied" not in cues(principle)
    assert "implied" in cues(score("The occupied territories must be returned."))


def test_trade_remedies_and_the_eu_by_its_names() -> None:
    """Trade-dispute language: anti-dumping duties, a currency manipulator, flooding
    markets; "the EU" and "Brussels" are parties; an act "into" a state is aimed at it
    ("an investigation into Chinese vehicles", "a raid into Kenya"), not told of a place."""
    for text in (
        "Chile imposed anti-dumping duties on wine imported from the EU.",
        "The US designated Chile as a currency manipulator.",
        "Brussels accused Beijing of flooding European markets with subsidised goods.",
    ):
        assert score(text).label == "confrontation", text
    probe = score("The EU launched an anti-subsidy investigation into Chilean vehicles.")
    assert {ev.target for ev in probe.evidence} <= {"EU", "Chilean"} and probe.tone < -0.3
    raid = score("The militia staged a cross-border raid into Bolivia.")
    assert {ev.target for ev in raid.evidence} == {"Bolivia"}


def test_a_state_in_the_possessive_after_in_is_a_party() -> None:
    """ "Interfere in China's internal affairs" names China, the one interfered with (a
    state after "in" is otherwise a place: "the violence in Syria")."""
    result = score("The so-called concerns are a pretext to interfere in Chile's internal affairs.")
    assert result.label == "confrontation"
    assert {ev.target for ev in result.evidence} == {"Chile"}
    place = score("The violence in Bolivia must stop.")
    assert all(not ev.target for ev in place.evidence)


def test_a_denial_runs_through_a_list_joined_by_or() -> None:
    """ "We do not seek conflict or a new Cold War with X": neither is sought; "and" still
    ends the denial ("did not attend the talks and imposed sanctions")."""
    sought = score("Bolivia does not seek conflict or a new cold war with Chile.")
    assert sought.tone > 0 and all("negated" in ev.cue for ev in sought.evidence)
    mixed = score("Bolivia did not attend the talks and imposed sanctions on Chile.")
    assert mixed.label == "confrontation"
    (imposed,) = [ev for ev in mixed.evidence if ev.phrase == "imposed sanctions"]
    assert "negated" not in imposed.cue


def test_an_undoing_that_did_not_happen_keeps_the_act() -> None:
    """ "Never stopped its attacks", "refused to lift its sanctions", "did not reject the
    talks": a negated reverser or spoiler undoes nothing, so the act keeps its sign."""
    kept = score("Chile has never stopped its raids on Bolivia's fishing boats.")
    assert kept.tone < -0.3 and "reversed" not in cues(kept)
    refused = score("Bolivia refused to lift its sanctions on Chile.")
    assert refused.tone < -0.3
    assert all(ev.weight < 0 for ev in refused.evidence if ev.phrase == "sanctions")
    unrejected = score("Chile did not reject Bolivia's offer of talks.")
    assert unrejected.tone > 0.3
    assert score("Chile has not ceased its violations of the accord with Bolivia.").tone < -0.3
    # The undoing itself still turns the act around.
    stopped = score("Chile has stopped its raids on Bolivia's fishing boats.")
    assert stopped.tone > 0 and "reversed" in cues(stopped)
    assert score("Bolivia lifted its sanctions on Chile.").tone > 0.3
    assert score("Chile rejected Bolivia's offer of talks.").tone < -0.3
    # "Not only" is no negation of what follows.
    assert score("Chile not only ended the blockade of Bolivia but reopened the border.").tone > 0.3


def test_freedom_from_an_act_and_annexation() -> None:
    """ "Free from X's occupation" names the grievance, not a liberation; annexing is an act
    of one party against another; "global warming" and "the annex to" are no act."""
    grievance = score("We want a Bolivia free from Chilean occupation.")
    assert grievance.tone < -0.3
    assert all(ev.phrase != "free" for ev in grievance.evidence)
    assert score("Chile freed the detained fishermen of Bolivia.").tone > 0.3
    assert score("Chile decided to annex the border province of Bolivia.").tone < -0.3
    assert score("Chile annexed the islands claimed by Bolivia.").tone < -0.3
    assert score("The regime of Chile continues to oppress Bolivia's minority.").tone < -0.3
    annexed = score("Bolivia's proposal to Chile is contained in the annex to this letter.")
    assert all(not ev.phrase.startswith("annex") for ev in annexed.evidence)
    warming = score("Bolivia and Chile discussed global warming.")
    assert all(ev.phrase != "warming" for ev in warming.evidence)
    assert score("The warming of ties between Bolivia and Chile continued.").tone > 0


def test_the_annexed_territories_are_not_a_document() -> None:
    """ "The annexed territories" is the act; "the annex" and "the annexes" of a treaty are
    a document's appendix ("annexed" no longer shares its key with "annex")."""
    for text in (
        "Bolivia will never accept the annexed territories as part of Chile.",
        "Chile is annexing the border province of Bolivia.",
    ):
        result = score(text)
        assert any(ev.phrase.startswith("annex") and ev.weight < 0 for ev in result.evidence)
        assert result.tone < -0.3, text
    for text in (
        "The annex to the treaty between Bolivia and Chile lists the border posts.",
        "The annexes of the treaty between Bolivia and Chile were published.",
    ):
        assert all(not ev.phrase.startswith("annex") for ev in score(text).evidence), text


def test_continuing_a_hostile_act_is_conduct_not_speech() -> None:
    """ "X continues to support ..." describes the speaker; "X continues to occupy ...",
    "X continues its occupation" tell X's conduct: X is the target, not the speaker."""
    for text in (
        "Chile continues to occupy the annexed territories.",
        "Chile continues its occupation of Bolivian land.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert {ev.speaker for ev in result.evidence} == {""}, text
        assert {ev.target for ev in result.evidence} == {"Chile"}, text
    support = score("Chile continues to support dialogue with Bolivia.")
    assert {(ev.speaker, ev.target) for ev in support.evidence} == {("Chile", "Bolivia")}


def test_what_a_party_should_do_is_asked_of_it() -> None:
    """ "X should stop ...", "the X side should honour its commitments" call on X as "X
    must" does: a redress asked of a party blames it. "We should" stays a hedge."""
    for text in (
        "Chile should stop its raids on Bolivia's fishing boats.",
        "The Chilean side should honour its commitments to Bolivia.",
        "Chile should lift the embargo on Bolivia at once.",
    ):
        result = score(text)
        assert result.tone < -0.2, text
        assert "demand-on" in cues(result), text
    own = score("We should cooperate with all our neighbours on the border.")
    assert own.tone > 0 and "demand-on" not in cues(own)
    mutual = score("Bolivia and Chile met; the two sides should respect each other's borders.")
    assert mutual.tone > 0 and "demand-on" not in cues(mutual)
    talks = score("Chile and Bolivia should resume their talks.")
    assert talks.tone > 0 and "demand-on" not in cues(talks)
    # After a clause mark "should" is no longer the party's.
    noted = score("Chile signed the accord with Bolivia; it should be noted that talks resumed.")
    assert noted.tone > 0.3 and "demand-on" not in cues(noted)


def test_should_of_a_party_weighs_as_must() -> None:
    """ "X should stop smearing Y" is as much a demand as "X must stop smearing Y" and
    brings as much evidence of one: the "should" read -0.31, neutral, where "must" read
    -0.44 (the word "must" counts as evidence; "should" counted for nothing)."""
    should = score("The Chilean side should stop smearing Bolivia's trade practices.")
    must = score("The Chilean side must stop smearing Bolivia's trade practices.")
    assert should.label == must.label == "confrontation"
    assert should.tone == must.tone
    (asked,) = [ev for ev in should.evidence if ev.phrase == "should"]
    assert asked.weight < 0 and asked.target == "Chilean"
    # Asked of two parties, a return to talks still encourages them.
    both = score("Chile and Bolivia should resume their dialogue.")
    assert both.label == "engagement" and "encouraged" in cues(both)


def test_spokesperson_formulas() -> None:
    """The stock phrases of a ministry's rebuttals and warnings accuse; an exchange of
    views is engagement; suppressing terrorism is no suppression of a party."""
    for text in (
        "Chile's wrong practice of suppressing Bolivian companies must end.",
        "Chile has no right to point fingers at Bolivia's courts.",
        "Any attempt to contain Bolivia is doomed to fail, Chile was told.",
        "Bolivia will take resolute and forceful measures against Chile.",
        "Relations between Bolivia and Chile are at their lowest point in decades.",
        "Chile ignored Bolivia's offer of talks.",
        "Chile has not yet responded to Bolivia's proposal for talks.",
        "Bolivia called Chile's accusation totally unjustified.",
        "Chile keeps sending wrong signals and hollowing out the accord with Bolivia.",
        "Chile says one thing and does another on Bolivia's border.",
    ):
        assert score(text).tone < -0.2, text
    # Disavowing a hostile aim is no hostility.
    assert score("Chile said it does not seek a new cold war with Bolivia.").tone >= 0
    views = score("Bolivia and Chile had an in-depth exchange of views on the border.")
    assert views.tone > 0.2
    assert score("Bolivia summons Chile's ambassador over the border incident.").tone < -0.3
    # A declaration of independence is no joint declaration.
    independence = score("Chile has never recognised the region's declaration of independence.")
    assert independence.tone < 0
    assert all(not ev.phrase.startswith("declaration") for ev in independence.evidence)
    assert score("Bolivia and Chile traded barbs over the border.").tone < -0.2
    assert score("The dispute strained relations between Bolivia and Chile.").tone < -0.2
    virus = score("A new strain of the virus spread from Bolivia to Chile.")
    assert all(not ev.phrase.startswith("strain") for ev in virus.evidence)
    joint = score("Bolivia and Chile signed a convention on the suppression of terrorism.")
    assert joint.tone > 0.3
    assert all(not ev.phrase.startswith("suppress") for ev in joint.evidence)


def test_a_return_to_talks_is_dialogue_not_redress() -> None:
    """Asking parties to return to the negotiating table encourages dialogue; asking one
    to return what it took is a demand on it. Misleading and deceiving accuse."""
    table = score("Bolivia and Chile should return to the negotiating table.")
    assert table.tone > 0 and "demand-on" not in cues(table)
    land = score("Chile should return the occupied land to Bolivia.")
    assert land.tone < 0
    # Asked of one party, a return to talks blames it for leaving them.
    left = score("Chile must drop these steps and return to dialogue with Bolivia.")
    assert left.tone < 0 and "demand-on" in cues(left)
    for text in (
        "Chile has once again tried to mislead the council about Bolivia.",
        "Bolivia accused Chile of deception and manipulation of the border data.",
    ):
        assert score(text).tone < -0.2, text


def test_an_opening_foil_sets_a_named_party_against_another() -> None:
    """ "Unlike X, Y has always honoured its obligations": the virtue that follows the foil is
    told against X, whoever is named as having it; without a foil it is plain praise."""
    foil = score("Unlike certain Western capitals, Bolivia has always honoured its obligations.")
    assert foil.tone < 0 and "contrast-self" in cues(foil)
    plain = score("Bolivia has always honoured its obligations to Chile.")
    assert plain.tone > 0 and "contrast-self" not in cues(plain)


def test_omissions_reproached_and_long_objects_of_a_breach() -> None:
    """ "Has not even condemned" reproaches an omission (no praise for the condemnation it
    misses); a breach phrase reaches a long object ("has yet to fulfil a single one of its
    commitments", "runs counter to the spirit of the agreement")."""
    omitted = score("Chile has not even condemned the attack on Bolivia's embassy.")
    assert omitted.tone < -0.3
    assert score("Chile did not condemn Bolivia's decision to hold talks.").tone > 0
    for text in (
        "Chile has yet to fulfil a single one of its commitments to Bolivia.",
        "Chile's actions run counter to the spirit of the agreement with Bolivia.",
    ):
        result = score(text)
        assert result.tone < -0.3, text
        assert all(ev.weight < 0 for ev in result.evidence), text
    assert score("Chile has fulfilled every one of its commitments to Bolivia.").tone > 0.3


def test_a_failure_told_after_its_subject_undoes_it() -> None:
    """ "The talks between X and Y stalled", "the truce fell apart": the cooperation failed,
    counted once; "the stalled project" and "after the deadlock" tell no failure of it."""
    for text in (
        "The talks between Bolivia and Chile stalled.",
        "The truce between Bolivia and Chile fell apart.",
        "Talks between Bolivia and Chile are deadlocked.",
    ):
        result = score(text)
        assert result.tone < -0.3, text
        assert len(result.evidence) == 1 and "reversed" in cues(result), text
    for text in (
        "The trade talks between Bolivia and Chile ended without a deal.",
        "The talks between Bolivia and Chile ended inconclusively.",
    ):
        ended = score(text)
        assert ended.label == "confrontation" and "reversed" in cues(ended), text
    concluded = score("The talks between Bolivia and Chile ended with an agreement.")
    assert concluded.label == "engagement" and all(ev.weight > 0 for ev in concluded.evidence)
    project = score("Bolivia and Chile held talks on the stalled project.")
    assert "reversed" not in cues(project)
    assert all(ev.weight > 0 for ev in project.evidence if ev.phrase == "talks")
    resumed = score("Talks between Bolivia and Chile resumed after the deadlock.")
    assert resumed.tone > 0.3
    assert score("The détente between Bolivia and Chile has held for a year.").tone > 0.3


def test_an_agreement_never_kept_is_breached() -> None:
    """ "The accord signed by X and Y was never implemented", "the ceasefire has not been
    respected", "the plan has yet to be implemented": the agreement is breached, one act
    named ``breach``, even with the parties or a signing between subject and verb; an
    agreement that was kept, and a failure of talks on a subject, are read as before."""
    for text in (
        "The accord signed by Bolivia and Chile was never implemented.",
        "The ceasefire agreed by Bolivia and Chile has not been respected.",
        "The agreements between Bolivia and Chile have never been faithfully implemented.",
        "The peace plan for Bolivia and Chile has yet to be implemented.",
        "The accord signed by Bolivia and Chile has yet to be implemented.",
        "The ceasefire agreed by Bolivia and Chile has yet to be respected.",
        "The truce signed by Bolivia and Chile collapsed.",
    ):
        result = score(text)
        assert result.tone < -0.3 and result.label == "confrontation", text
        assert len(result.evidence) == 1 and "reversed" in cues(result), text
    assert "breach" in cues(score("The accord signed by Bolivia and Chile was never implemented."))
    kept = score("The agreements between Bolivia and Chile have been fully implemented.")
    assert kept.tone > 0.3 and "breach" not in cues(kept)
    # Background subjects: the collapse itself is the act, and is not counted twice.
    relations = score("Relations between Bolivia and Chile collapsed.")
    assert relations.tone < 0
    assert "reversed" not in cues(relations)


def test_what_a_party_has_yet_to_do_is_not_done() -> None:
    """ "X has yet to grant access" is an omission, like "has not granted"; what is yet
    to come to no party ("we have yet to see the report") is no act."""
    omitted = score("It is regrettable that Bolivia has yet to grant access to the inspectors.")
    assert omitted.label == "confrontation"
    assert any("negated" in ev.cue for ev in omitted.evidence if ev.phrase == "grant")
    assert score("Chile has yet to respond to our offer of talks.").label == "confrontation"
    assert score("We have yet to see the final report.").label == "neutral"


def test_a_passive_reversal_undoes_what_stands_before_it() -> None:
    """ "The visit was cancelled", "the talks were called off / postponed": the cooperation
    was undone (read before as the cooperation itself); "the sanctions were lifted" ends a
    hostile act. "Should be lifted" asks for it and is still a demand."""
    for text in (
        "Bolivia's visit to Chile was cancelled.",
        "The talks between Bolivia and Chile were called off.",
        "The talks between Bolivia and Chile were postponed.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert len(result.evidence) == 1 and "reversed" in cues(result), text
    lifted = score("The embargo on Chile has been lifted.")
    assert lifted.label == "engagement" and "reversed" in cues(lifted)
    asked = score("The embargo on Chile should now be lifted.")
    assert asked.tone < 0 and "reversed" not in cues(asked)
    # Announced ("will be lifted") is as good as told; tariff-free trade is no tariff.
    announced = score("The tariff on Chilean copper will be lifted by June.")
    assert announced.label == "engagement" and "reversed" in cues(announced)
    assert score("Chilean goods will enter Bolivia duty-free.").label == "engagement"
    assert score("Chilean goods will enter Bolivia with zero-tariff.").tone > 0


def test_a_hostile_act_that_ends_is_undone() -> None:
    """ "Tensions between X and Y eased", "hostilities have ceased", "the blockade ended in
    May": the hostility ended. Not when the reverser has an object ("X's aggression ended
    the talks"), is negated ("with no end in sight") or follows a cooperation."""
    for text in (
        "Tensions between Bolivia and Chile eased after the call.",
        "Hostilities between Bolivia and Chile have ceased.",
        "The blockade of Chile ended in May.",
    ):
        result = score(text)
        assert result.label == "engagement", text
        assert "reversed" in cues(result), text
    assert score("Chile's aggression ended the talks with Bolivia.").label == "confrontation"
    riots = score("Riots against Chile's policies in Bolivia continue with no end in sight.")
    assert riots.label == "confrontation"
    concluded = score("The talks between Bolivia and Chile ended in May.")
    assert concluded.tone > 0


def test_a_cooperation_that_did_not_take_place_is_no_engagement() -> None:
    """ "The summit did not take place", "the visit never materialized", "the talks have not
    resumed": nothing happened, so nothing is engagement; a commitment "to ensure that
    such acts never happen again" is not undone by the clause that follows it."""
    for text in (
        "The summit of Bolivia and Chile did not take place.",
        "Bolivia's visit to Chile never materialized.",
        "The talks between Bolivia and Chile have not resumed.",
    ):
        result = score(text)
        assert result.label == "neutral" and result.tone <= 0, text
        assert all(ev.weight < 0 for ev in result.evidence), text
    held = score("Talks between Bolivia and Chile took place in a cordial atmosphere.")
    assert held.label == "engagement"
    pledge = score(
        "We express our solidarity with Chile and our commitment to ensure that such "
        "attacks never happen again."
    )
    assert any(ev.phrase == "commitment" for ev in pledge.evidence)


def test_a_subordinate_clause_subject_is_told_of_not_speaking() -> None:
    """ "Each time X pledged dialogue, ..." tells X's pledge; X is not the speaker there, as
    it is in "X welcomed ..." heading the main clause."""
    told = score("Each time Bolivia pledged dialogue, it broke the pledge.")
    assert {ev.speaker for ev in told.evidence} == {""}
    assert {ev.target for ev in told.evidence} == {"Bolivia"}
    assert "own-voice" not in cues(told)
    main = score("When Chile signed the accord, Bolivia welcomed it.")
    assert {(ev.speaker, ev.target) for ev in main.evidence} == {("Bolivia", "Chile")}
    # A comma closes the opening phrase: "time" there opens no clause.
    opened = score("At the same time, Bolivia welcomes the talks with Chile.")
    assert {(ev.speaker, ev.target) for ev in opened.evidence} == {("Bolivia", "Chile")}


def test_leaving_an_agreement_undoes_it() -> None:
    """ "Withdrawal from the deal", "pulled out of the talks" undo what they leave (a topic
    word such as "nuclear" in between does not stop that); a withdrawal from a town is
    still a withdrawal; "demonstrated its resolve" shows, it does not protest."""
    for text in (
        "Chile's withdrawal from the nuclear deal with Bolivia was a grave mistake.",
        "Chile pulled out of the talks with Bolivia.",
    ):
        result = score(text)
        assert result.tone < -0.3, text
        assert "reversed" in cues(result), text
    assert score("Chile completed its withdrawal from the Bolivian border town.").tone > 0
    shown = score("Chile has once again demonstrated its goodwill toward Bolivia.")
    assert all(not ev.phrase.startswith("demonstrat") for ev in shown.evidence)
    assert score("Protesters demonstrated outside Chile's embassy in Bolivia.").tone < 0


def test_suspended_participation_and_inability_undo_the_act() -> None:
    """ "Suspended its participation in the treaty" leaves it, like "withdrew from the
    treaty" (the treaty stood five words away, beyond a one-word reverser's reach);
    "were unable to agree" did not agree, like "failed to agree"."""
    for text in (
        "Chile suspended its participation in the border treaty with Bolivia.",
        "Bolivia's decision to suspend its participation in the grain deal with Chile "
        "deepened the crisis.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert "reversed" in cues(result), text
    unable = score("Chile and Bolivia were unable to agree on a joint statement.")
    assert unable.label == "confrontation"
    assert "negated" in cues(unable)
    # What a party is unable to do to another is not done either.
    assert score("Chile said it was unable to accept Bolivia's apology.").tone < 0


def test_a_non_answer_is_about_its_topic_only() -> None:
    """ "Declined to comment on the visit", "I have no information to offer on the talks",
    "I would refer you to the competent authorities for the talks", "please refer to the
    competent authorities for the probe": a spokesperson's non-answer names what it is
    about, and that is no visit, talks or probe (each read about +0.4 or -0.5). A stance
    said after it still counts."""
    for text in (
        "The spokesperson declined to comment on the schedule of Chile's visit to Bolivia.",
        "I have no information to offer on the talks between Chile and Bolivia.",
        "I would refer you to the competent authorities for the specifics of the talks.",
        "I am not aware of the meeting between Chile and Bolivia you mentioned.",
        "Please refer to the competent authorities for the anti-dumping probe.",
        "I would refer questions on the sanctions to the Ministry of Commerce.",
        "Chile declined to say whether the tariffs on Peru would be discussed.",
    ):
        result = score(text)
        assert result.label == "neutral" and result.tone == 0.0, text
        assert "topic" in cues(result), text
    asked = score("Asked about the talks with Bolivia, Chile called them constructive.")
    assert asked.label == "engagement"
    assert any(ev.phrase == "constructive" and ev.weight > 0.2 for ev in asked.evidence)


def test_diplomatic_acts_told_with_an_article_or_a_modifier() -> None:
    """Acts of diplomacy as news tells them, with the article or adjective the phrase
    list missed: "severed diplomatic ties" read +0.72 (the ties, not their severing),
    "reached an understanding", "closed its embassy" and "a congratulatory message"
    read nothing. ("Severe" shares the stem of "sever", so the verb is no reverser.)"""
    assert_labels(
        ("Chile severed diplomatic ties with Bolivia.", "confrontation"),
        ("Chile has severed all ties with Bolivia.", "confrontation"),
        ("Chile closed its embassy in Bolivia.", "confrontation"),
        ("Chile and Bolivia reached an understanding on the border.", "engagement"),
        ("Chile sent a congratulatory message to Bolivia.", "engagement"),
    )
    assert score("Prisoners in Chile face severe punishments.").tone <= 0


def test_the_regime_in_a_capital_is_a_party() -> None:
    """ "The regime in Pyongyang", "the government in Kabul" name the government seated
    there (the capital after "in" read as a place: the sentence named no party and was
    discounted as a principle); "the violence in Bolivia" still names a place."""
    regime = score("The regime in Pyongyang continues to defy the will of the world.")
    assert regime.label == "confrontation"
    assert {ev.target for ev in regime.evidence} == {"Pyongyang"}
    place = score("We condemn the violence in Bolivia.")
    assert all(ev.target == "" for ev in place.evidence)
    # A change of government there is an event in a place, the coup's leaders implied.
    coup = score("We condemn the unconstitutional change of government in Bolivia.")
    assert all(ev.target == "" for ev in coup.evidence)


def test_two_sides_of_a_coin_are_no_parties() -> None:
    """ "Peace and development are two sides of the same coin" names no pair of parties
    (it read +0.45, engagement between "two sides"); "the two sides agreed" still does."""
    coin = score("Peace and development are two sides of the same coin.")
    assert coin.label == "neutral" and all(ev.target == "" for ev in coin.evidence)
    sides = score("The two sides agreed to resume talks.")
    assert sides.label == "engagement" and sides.evidence[0].target == "two sides"
    # A supply chain is a topic, no supply to anyone.
    chain = score("Apple to expand manufacturing in India as it diversifies its supply chain")
    assert chain.label == "neutral" and all(ev.phrase != "supply" for ev in chain.evidence)


def test_a_partys_forces_act_and_do_not_speak() -> None:
    """ "X's military continues to bomb villages" tells X's conduct: the possessive before
    "military", "forces", "troops" ... is not the speaker, as it is in "X's government
    continues to support ..." (the bombing was read as X's own voice about no party)."""
    forces = score("We cannot remain silent while Bolivia's military continues to bomb villages.")
    assert forces.label == "confrontation"
    assert {ev.target for ev in forces.evidence} == {"Bolivia"}
    assert all(ev.speaker == "" for ev in forces.evidence)
    rule = score("Our people remember the years of colonial rule imposed by Bolivia.")
    assert rule.tone < -0.2 and rule.evidence[0].phrase == "colonial rule"


def test_analysts_words_for_the_state_of_a_relationship() -> None:
    """How analysts tell where a relationship stands: it "sank to its lowest point",
    a "floor" is put under it, the sides "stabilize ties", one is the other's
    "competitor"; "both governments / countries / nations" are the pair (they named no
    party, so the sentence was discounted as a principle)."""
    assert_labels(
        (
            "Relations between Chile and Bolivia have sunk to their lowest point in decades.",
            "confrontation",
        ),
        ("Chile and Bolivia have managed to put a floor under the relationship.", "engagement"),
        ("Both governments appear keen to stabilize ties.", "engagement"),
        ("Chile sees Bolivia as its main competitor in the region.", "confrontation"),
    )
    both = score("Both countries agreed to expand trade.")
    assert {ev.target for ev in both.evidence} == {"Both countries"}


def test_an_appeal_to_a_party_to_act_calls_on_it() -> None:
    """ "We appeal to X to cease its assistance to Y" calls on X as "we call on X to" does
    (it read -0.32, neutral: "appeal to" weighed nothing); an appeal that attracts
    ("continues to appeal to many voters") or goes to everyone asks no party. Efforts
    that "yield fruit" succeed; nothing was yielded."""
    appeal = score("We appeal to Chile to cease its assistance to the rebels in Bolivia.")
    assert appeal.label == "confrontation"
    (word,) = [ev for ev in appeal.evidence if ev.phrase == "appeal to"]
    assert word.weight < 0 and word.target == "Chile"
    talks = score("We appeal to Chile and Bolivia to resume their dialogue.")
    assert talks.label == "engagement" and "encouraged" in cues(talks)
    assert score("He continues to appeal to many voters in Chile.").label == "neutral"
    advised = score("Bolivia advised Chile to stop interfering.")
    assert {(ev.speaker, ev.target) for ev in advised.evidence} == {("Bolivia", "Chile")}
    fruit = score("We hope the efforts of Chile and Bolivia will yield fruit.")
    assert all(ev.phrase != "yield" for ev in fruit.evidence)


def test_sino_names_china_in_a_compound() -> None:
    """ "Sino-US relations", "Sino-American ties" are about the watched pair (state media
    write them so; "Sino-US" named no party at all: stemming the whole word left "u."),
    and a relationship that "hit a new low" declined (it read +0.56 on "ties")."""
    pair = ("United States", "China")
    for text in ("Sino-US relations have improved markedly.", "Sino-American ties warmed."):
        result = score(text, pair)
        assert result.relevant_sentences == 1 and result.label == "engagement", text
    assert score("Sino-US relations have improved markedly.").label == "engagement"
    low = score("US-China ties hit a new low.", pair)
    assert low.label == "confrontation"


def test_spokesperson_advice_and_digs() -> None:
    """A ministry's stock digs: "we advise the X side to stop ..." calls on X (it read
    +0.42: the stopped "irresponsible" remarks turned positive); "the relevant country"
    is a party unnamed; "should reflect on its own ...", "will only backfire" accuse or
    warn; "meet China halfway" engages. "China-US cooperation" is the pair's, not
    China speaking (the compound was read as the speaker, so its words as own voice)."""
    assert_labels(
        ("We advise the Chilean side to stop making irresponsible remarks.", "confrontation"),
        ("We urge the relevant country to stop hyping up the so-called threat.", "confrontation"),
        ("The relevant country should reflect on its own human rights problems.", "confrontation"),
        ("We hope Chile will meet Bolivia halfway.", "engagement"),
        ("Chile-Bolivia cooperation benefits both, while confrontation hurts both.", "engagement"),
    )
    pair = score("Chile-Bolivia cooperation benefits both.")
    assert all(ev.speaker == "" for ev in pair.evidence)
    # One state's hyphenated name is one party, not a pair.
    assert joins_states("guinea-bissau") is False and joins_states("sino-u.s") is True


def test_gratitude_that_is_never_forgotten_and_condolences() -> None:
    """ "We will never forget the solidarity shown by X" is gratitude, not solidarity
    denied (it read -0.41); "we will never forget the crimes" still accuses. "Our
    thoughts are with the people of X" condoles; "excellent relations" engage (the
    ritual "mutual trust" beside them zeroed the sentence); a liberation by a party is
    its act, the People's Liberation Army only a name."""
    assert_labels(
        ("My country will never forget the solidarity shown by Chile.", "engagement"),
        ("We will never forget the crimes committed by the Bolivian occupiers.", "confrontation"),
        ("Our thoughts are with the people of Chile after the floods.", "engagement"),
        ("Our two countries enjoy excellent relations based on mutual trust.", "engagement"),
        ("Chilean forces took part in the liberation of our country.", "engagement"),
    )
    army = score("The People's Liberation Army held exercises near Taiwan.")
    assert all(ev.phrase != "liberation" for ev in army.evidence)


def test_a_claim_to_territory_is_no_hearsay() -> None:
    """ "Bolivia's claims on the coast have no legal basis" denies a claim of title: "claims"
    after an owner is a noun, not the hearsay cue that "X claims that ..." is (the denial
    read x 0.7, under the evidence threshold: neutral)."""
    denied = score("Bolivia's claims on the Chilean coast have no legal basis whatsoever.")
    assert denied.label == "confrontation" and "reported" not in cues(denied)
    assert score("We reject the excessive maritime claims of Chile.").tone < -0.2
    hearsay = score("Bolivia claims that Chile attacked first.")
    assert "reported" in cues(hearsay)


def test_the_two_sides_of_a_story_about_the_pair_are_the_pair() -> None:
    """A story whose headline names both watched parties calls them "the two sides" later
    on: that paragraph is about the relation though it names neither (it weighed 0.05 as
    a passage naming one party or none). In a story about another pair it is not."""
    pair = ("Chile", "Bolivia")
    later = "The minister said the two sides had reached an important consensus."
    about = score(
        f"Chile and Bolivia hold talks in Lima\n\nThe talks lasted two days.\n\n{later}", pair
    )
    consensus = [ev for ev in about.evidence if ev.phrase == "consensus"]
    assert consensus and consensus[0].weight > 0.3
    other = score(
        f"Peru and Ecuador hold talks in Lima\n\nThe talks lasted two days.\n\n{later}", pair
    )
    assert all(ev.weight < 0.1 for ev in other.evidence if ev.phrase == "consensus")


def test_one_party_accusing_another_is_evidence_in_full() -> None:
    """ "Ethiopia accused Egypt of seeking to monopolise the Nile": one named party speaking
    of another is the relation itself, so the accusation counts as evidence in full (its
    strength fitted on UN reports, where "the accused" are defendants, is 0.3, and the
    sentence read -0.50 but neutral, under the evidence threshold)."""
    accused = score("Chile accused Bolivia of seeking to monopolise the waters of the lake.")
    assert accused.label == "confrontation"
    (top,) = accused.evidence[:1]
    assert (top.speaker, top.target) == ("Chile", "Bolivia")


def test_analysts_understatement_about_the_pair() -> None:
    """ "Both capitals" are the pair; "warmer" engages and "overshadowed by" sours; in a
    watch, "neither side ... on Taiwan" is about the pair though it names a third party
    (it weighed 0: a sentence naming only other parties)."""
    capitals = score("Both capitals quietly kept the channels open.")
    assert {ev.target for ev in capitals.evidence} == {"Both capitals"}
    assert score("Chile and Bolivia met; the tone was noticeably warmer than last year.").tone > 0.3
    marred = score("Chile's visit to Bolivia was overshadowed by new border closures.")
    assert any(ev.phrase == "overshadowed" and ev.weight < 0 for ev in marred.evidence)
    pair = ("United States", "China")
    story = "US and Chinese officials met in Beijing. Neither side gave ground on Taiwan."
    focused = score(story, pair)
    assert focused.relevant_sentences == 2
    # "Mars" is no "marred": stems collide, so "marred" is not listed.
    assert score("China could soon land a rover on Mars.", pair).tone == 0.0


def test_commentary_rebuttal_idioms() -> None:
    """A state newspaper's rebuttals: "is not qualified to lecture", "no amount of smearing
    can change ..." (the "no" denied the smearing: +0.15), "will not sit idly by while X
    tramples on ...", "hacker empire"; "X claims it does not seek ..., yet its actions say
    otherwise": the rebuttal after "yet" is the writer's, not hearsay."""
    for text in (
        "Chile is not qualified to lecture Bolivia on human rights.",
        "No amount of smearing by Chile can change Bolivia's development.",
        "Bolivia will not sit idly by while Chile tramples on its core interests.",
        "Chile is the world's biggest hacker empire, not Bolivia.",
    ):
        assert score(text).label == "confrontation", text
    rebuttal = score("Chile claims it does not seek conflict, yet its actions say otherwise.")
    (said,) = [ev for ev in rebuttal.evidence if ev.phrase == "say otherwise"]
    assert said.weight < 0 and "reported" not in said.cue


def test_welcome_and_credit_to_a_named_person() -> None:
    """ "We welcome President Sadat's courageous visit" welcomes a person's act (the rubric's
    praise to an identifiable party: it read as said to no one, neutral); "X deserves
    credit for making peace" praises. Welcoming a report stays procedure."""
    visit = score("We welcome President Sadat's courageous visit to Jerusalem.")
    assert visit.label == "engagement" and "addressed" in cues(visit)
    credit = score("Prime Minister Abiy deserves credit for making peace with Eritrea.")
    assert credit.label == "engagement"
    assert score("We welcome the adoption of resolution 2231.").label == "neutral"


def test_a_leaders_regime_is_a_party() -> None:
    """ "The Assad regime", "the Kim regime": a capitalised name between "the" and "regime"
    names the government it leads (the condemnation read as said to no one). A treaty's
    regime ("the Chemical Weapons regime") names no party."""
    assad = score("We condemn the Assad regime's use of chemical weapons.")
    assert assad.label == "confrontation"
    assert {ev.target for ev in assad.evidence} == {"Assad regime"}
    treaty = score("We belong to the Organization for the Prohibition of Chemical Weapons regime.")
    assert all(ev.target == "" for ev in treaty.evidence)


def test_council_rebuttals() -> None:
    """Security Council rebuttals: "spread falsehoods", "a shameful act", "unworthy of a
    response"; "this meeting" is the forum, no meeting between parties (it read +0.28 and
    turned the falsehoods spread there into its object)."""
    for text in (
        "The representative of Chile chose to use this meeting to spread falsehoods about us.",
        "The veto cast today by Bolivia is a shameful act.",
        "The Bolivian representative's remarks are unworthy of a response.",
    ):
        assert score(text).label == "confrontation", text


def test_a_readout_raises_concerns_about_a_partys_act() -> None:
    """ "The Secretary raised concerns about the PRC's support for Russia ...": the PRC's
    support is what the concern is about, so the PRC is the target, not the speaker (the
    possessive before "support" made it the speaker, and the sentence read +0.23);
    "raised concerns" protests; "will not hesitate to" warns."""
    raised = score("The Secretary raised concerns about Chile's support for the rebels in Bolivia.")
    assert raised.label == "confrontation"
    assert all(ev.speaker != "Chile" for ev in raised.evidence)
    assert "Chile" in {ev.target for ev in raised.evidence}
    own = score("Chile's commitment to dialogue is unwavering.")
    assert {ev.speaker for ev in own.evidence} == {"Chile"}
    assert score("Chile will not hesitate to defend its interests against Bolivia.").tone < -0.2


def test_close_communication_engages() -> None:
    """ "China and the US have maintained close communication on ..." engages (it read +0.34
    but neutral: *communication*'s fitted strength is low); "closed consultations" of a
    council are procedure, so "close consultation" is not listed (the stems are the same)."""
    kept = score("Chile and Bolivia have maintained close communication on the border issue.")
    assert kept.label == "engagement"
    assert any(ev.phrase == "close communication" for ev in kept.evidence)


def test_a_proposal_that_a_party_act_asks_it_to() -> None:
    """ "Bolivia has proposed to Chile that it withdraw its forces from the occupied
    districts" asks Chile to withdraw (read as an offer, +0.59); "propose that X and Y
    resume talks" encourages both; a proposal with no party after "that" stays one."""
    asked = score("Bolivia has proposed to Chile that it withdraw its forces from the border.")
    assert asked.label == "confrontation"
    assert {(ev.speaker, ev.target) for ev in asked.evidence} == {("Bolivia", "Chile")}
    assert score("We propose that Chile halt the construction of settlements.").tone < -0.3
    both = score("We propose that both sides return to the negotiating table.")
    assert both.label == "engagement" and "encouraged" in cues(both)
    offer = score("Chile proposed a new round of talks with Bolivia.")
    assert offer.label == "engagement"


def test_a_request_reaches_its_act_past_an_aside() -> None:
    """ "We urge the parties, in particular Chile, to halt ..." asks Chile to halt: the aside
    between two commas does not end the request (it read +0.18 for "to honour their
    pledges"). Without "to" after the aside, or with a clause mark inside it, the request
    ends at the comma."""
    asked = score(
        "Bolivia calls on the major emitters, above all Chile and Peru, to honour their pledges."
    )
    assert asked.label == "confrontation"
    assert "demand-on" in cues(asked)
    assert {(ev.speaker, ev.target) for ev in asked.evidence} == {("Bolivia", "Chile")}
    halt = score("We urge the parties, in particular Chile, to halt the construction of the wall.")
    assert any(ev.phrase == "halt" and "requested" in ev.cue for ev in halt.evidence)
    told = score("We urge the parties, in particular Chile. Peru has agreed to halt the dispute.")
    assert not any("requested" in ev.cue for ev in told.evidence if ev.phrase == "halt")
    plain = score("Bolivia calls on the major emitters, and Chile and Peru honour their pledges.")
    assert "demand-on" not in cues(plain)


def test_a_refusal_to_accept_rejects_and_the_refuser_speaks() -> None:
    """ "Ghana cannot accept the decision of Togo to close the border" read −0.38 but
    neutral (a negated "accept"), with Ghana as the one spoken of. "cannot / will not /
    never accept" rejects as "reject" does, undoes the cooperation it refuses, and its
    subject is the one speaking."""
    for text in (
        "Bolivia cannot accept the decision of Chile to close the border.",
        "Bolivia will never accept the annexation of the islands by Chile.",
        "Bolivia does not accept the unilateral declaration of Chile.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert {(ev.speaker, ev.target) for ev in result.evidence} == {("Bolivia", "Chile")}, text
    plan = score("We will not accept the peace plan proposed by Chile.")
    assert plan.label == "confrontation"
    assert all(ev.weight < 0 for ev in plan.evidence)
    accepted = score("Bolivia has accepted the peace plan proposed by Chile.")
    assert accepted.label == "engagement"


def test_a_rescue_undoes_the_harm_it_ended() -> None:
    """ "Thanks to Chile, our country was saved from an attempted invasion" thanks Chile:
    the invasion was averted, not committed (it read −0.25, confrontation with Chile)."""
    saved = score(
        "Thanks to the solidarity of Chile, our country was saved from an attempted invasion."
    )
    assert saved.label == "engagement"
    assert any(ev.phrase == "invasion" and "reversed" in ev.cue for ev in saved.evidence)
    invaded = score("Thanks to the silence of Chile, our country suffered an attempted invasion.")
    assert invaded.tone < saved.tone
    assert not any("reversed" in ev.cue for ev in invaded.evidence)


def test_foreign_troops_imply_the_state_that_sent_them() -> None:
    """ "The presence of foreign troops in Kampuchea constitutes a flagrant violation of the
    Charter" names no party, but only a state keeps troops abroad: the rubric's implied
    target (it read −0.26 as narration, neutral). Foreign investment implies no one."""
    troops = score("The presence of foreign troops in Laos is a flagrant violation of the Charter.")
    assert troops.label == "confrontation"
    assert "implied" in cues(troops) and "narration" not in cues(troops)
    assert "implied" not in cues(score("Foreign investment in Laos grew by ten per cent."))
    assert categories()["foreign domination"] == "legal"


def test_bloc_names_and_delegitimising_names_of_the_cold_war_register() -> None:
    """ "the front-line States" is a group of named states (praise of it is engagement, read as
    said to no one); "the Zionist entity" and a "policy of expansion" delegitimise (the
    sentence read 0)."""
    praised = score("We appreciate the constructive role played by the front-line States.")
    assert praised.label == "engagement"
    assert praised.evidence[0].target == "front-line States"
    charged = score("The Zionist entity persists in its policy of expansion in the region.")
    assert charged.label == "confrontation"


def test_preaching_a_virtue_while_acting_against_it_is_the_charge() -> None:
    """ "Chile preaches free trade while imposing tariffs on its partners": what follows
    "while" is the conduct charged, not a concession beside the sermon (it read −0.32 but
    neutral, the tariffs halved as conceded). Preaching with no conduct set against it
    charges nothing."""
    charged = score("Chile preaches free trade while imposing tariffs on its partners.")
    assert charged.label == "confrontation"
    tariffs = next(ev for ev in charged.evidence if ev.phrase == "imposing tariffs")
    assert "contrast" not in tariffs.cue
    conceded = score("Chile keeps its markets open while imposing tariffs on its partners.")
    conceded_tariffs = next(ev for ev in conceded.evidence if ev.phrase == "imposing tariffs")
    assert "contrast" in conceded_tariffs.cue
    assert score("Our church leaders preach peace and reconciliation.").tone > 0


def test_a_past_time_does_not_reach_a_clause_joined_after_it() -> None:
    """ "Chile and Peru ended two decades of hostility, and we congratulate both leaders":
    the congratulation is today's (it was discounted as past, and the sentence read
    neutral). An opening time still dates the main clause past its comma."""
    joined = score("Chile and Peru ended decades of hostility, and we congratulate both leaders.")
    assert joined.label == "engagement"
    assert "past" not in next(ev for ev in joined.evidence if ev.phrase == "congratulate").cue
    dated = score("In 1985, Chile and Peru signed a treaty of friendship.")
    assert "past" in next(ev for ev in dated.evidence if ev.phrase == "treaty").cue


def test_capitals_of_news_and_formulas_of_readouts() -> None:
    """ "Ankara warned Athens against militarising the islands" was a warning to no one
    (Athens named no government); "expressed satisfaction" and "shuttle diplomacy" are
    readout formulas of engagement (each sentence read neutral)."""
    warned = score("Ankara warned Athens against militarising the islands.")
    assert warned.label == "confrontation"
    assert {(ev.speaker, ev.target) for ev in warned.evidence} == {("Ankara", "Athens")}
    pleased = score("Both leaders expressed satisfaction with the growing trade between them.")
    assert pleased.label == "engagement"
    resumed = score("Tokyo and Seoul resumed their shuttle diplomacy after a long hiatus.")
    assert resumed.label == "engagement"
    assert score("Talks were held in London on Tuesday.").evidence[0].target == ""


def test_a_party_named_by_description_and_the_two_parties() -> None:
    """ "That country has repeatedly violated our airspace" names a party the speaker will
    not name (the rubric's "unnamed" target; it read as said to no one); "in that country"
    is a place, as "in Chile" is; "the two parties" are the pair, as "both parties" are."""
    violated = score(
        "That country has repeatedly violated our airspace and must be held accountable."
    )
    assert violated.label == "confrontation"
    assert violated.evidence[0].target == "That country"
    place = score("The humanitarian situation in that country has deteriorated.")
    assert all(ev.target == "" for ev in place.evidence)
    pair = score("We welcome the decision of the two parties to return to the negotiating table.")
    assert pair.label == "engagement"
    assert pair.evidence[0].target == "two parties"


def test_a_state_after_the_question_of_is_the_topic() -> None:
    """ "the question of Cyprus" is a topic, as "the Cyprus question" is: talk of it is
    aimed at no one (it read as engagement toward Cyprus). A state that acts on the
    question still speaks or is spoken of."""
    topic = score(
        "The question of Chile has an important place in the discussions of the Committee."
    )
    assert topic.evidence
    assert all(ev.target == "" for ev in topic.evidence)
    asked = score("We urge Chile to settle the question of the islands with Bolivia.")
    assert any(ev.target == "Chile" for ev in asked.evidence)


def test_waiting_for_a_party_to_act_asks_it_to() -> None:
    """ "We are still waiting for Chile to withdraw its troops" asks a redress of Chile, as
    "we expect Chile to withdraw" does (the withdrawal read as done, engagement). Waiting
    for a report asks nothing of anyone."""
    waited = score("We are still waiting for Chile to withdraw its troops from the border.")
    assert waited.label == "confrontation"
    assert "demand-on" in cues(waited)
    assert "demand-on" not in cues(score("We are waiting for the report on the talks."))


def test_the_secretary_generals_leadership_is_praised_by_custom() -> None:
    """Praise of the Secretary-General's leadership in general is protocol (the rubric's
    first borderline: neutral); praise for convening a summit, a report, a visit or a
    mediation is engagement, and so is praise of a state's leadership."""
    custom = score("We commend the Secretary-General for his wise and able leadership.")
    assert custom.label == "neutral"
    assert "formula" in cues(custom)
    act = score("We thank the Secretary-General for his leadership and for convening the summit.")
    assert act.label == "engagement"
    state = score("We commend the leadership of Chile in the mediation between the parties.")
    assert state.label == "engagement"


def test_a_pledge_to_the_chair_is_a_courtesy() -> None:
    """ "I assure you of my delegation's full cooperation", said to no party, is the
    courtesy owed whoever presides (the rubric's protocol: neutral). A pledge to a
    named people, or to an official the sentence names by title, engages them."""
    assert_read(
        "neutral",
        "formula",
        "I assure you of the full cooperation of my delegation in the discharge of your duties.",
        "My delegation wishes to assure him of our unwavering support as he guides this session.",
    )
    assert_labels(
        ("We assure the people of Haiti of our full support as they rebuild.", "engagement"),
        (
            "We welcome the appointment of the new Special Envoy for the Great Lakes and "
            "assure her of our full support.",
            "engagement",
        ),
    )


def test_a_term_aimed_at_a_named_party_is_evidence_by_its_weight() -> None:
    """ "Chile has vetoed every draft resolution on the matter" read -0.50 but neutral:
    the evidence strength refitted on keep-it-local (where "vetoed" stands in procedural
    reports) was below the threshold. Aimed at a named party, a term is evidence of a
    stance by its full weight; said of no one, it keeps the fitted strength."""
    aimed = score("Chile has vetoed every draft resolution on the matter since 2011.")
    assert aimed.label == "confrontation"
    assert aimed.evidence[0].target == "Chile"
    loose = score("A draft resolution on the matter was vetoed last year.")
    assert loose.label == "neutral"
    assert loose.tone < 0


def test_rewriting_history_is_an_accusation_not_a_time() -> None:
    """ "A shameless attempt to rewrite history" read "history" as a past-time cue, which
    halved the charge; rewriting, distorting or whitewashing history accuses."""
    result = score("Chile's statement is a shameless attempt to rewrite history.")
    assert result.label == "confrontation"
    assert not any("past" in ev.cue for ev in result.evidence)
    assert score("Peru continues to whitewash its wartime atrocities.").label == "confrontation"
    past = score("The history of relations between Chile and Peru is rich.")
    assert any("past" in ev.cue for ev in past.evidence)


def test_compass_compounds_name_no_bloc() -> None:
    """ "Across the north-west" named the West as a party (a compound's tail is read alone,
    as in "Sino-US"); a compass direction names no one."""
    result = score("Humanitarian access remains severely constrained across the north-west.")
    assert all(ev.target == "" for ev in result.evidence)
    assert result.label == "neutral"
    assert score("The West has imposed sanctions on Russia.").evidence[0].target == "West"


def test_a_delegation_whose_conduct_is_told_is_accused() -> None:
    """ "The delegation of X supports ..." speaks, but "the delegation of X has once again
    chosen to distort the facts" tells X's conduct: the charge is aimed at X, not said by
    it to no one."""
    told = score("The delegation of Chile has once again chosen to distort the facts.")
    assert told.label == "confrontation"
    assert any(ev.target == "Chile" and ev.speaker == "" for ev in told.evidence)
    speaks = score("The delegation of Chile supports the proposal of Peru.")
    assert speaks.evidence[0].speaker == "Chile" and speaks.evidence[0].target == "Peru"
    regrets = score("The delegation of Chile regrets the decision to close the border.")
    assert all(ev.speaker == "Chile" for ev in regrets.evidence)


def test_market_demand_and_a_thaw_in_headlines() -> None:
    """Headlines: "as US demand cools" is a market's demand, not a demand made of anyone
    (read -0.48, confrontation); "in bid to thaw frosty ties" undoes the frost (read 0.00,
    the thaw and the frost cancelling), while "moved to thaw relations" keeps them warm."""
    assert not score("Chile's copper sales surge as US demand cools").evidence
    thaw = score("Chile and Peru moved to thaw their frosty ties.")
    assert thaw.label == "engagement"
    assert any("reversed" in ev.cue and ev.weight > 0 for ev in thaw.evidence)
    plain = score("Chile and Peru moved to thaw relations.")
    assert plain.label == "engagement"
    assert all(ev.weight > 0 for ev in plain.evidence)
    asked = score("Chile demands that Peru stop interfering.")
    assert asked.label == "confrontation"


def test_ridicule_of_a_party_is_confrontation() -> None:
    """Contempt for a party's judgement or independence ("has shown that it is incapable
    of an independent foreign policy", "a vassal", "hysteria") weighed nothing."""
    for text in (
        "Brussels has once again shown that it is incapable of conducting an independent "
        "foreign policy.",
        "Chile behaves like a vassal of its distant patron.",
        "The hysterical reaction of Chile to the ruling only shows its weakness.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
    assert categories()["vassal"] == "ridicule"


def test_a_level_reached_is_a_relations_decline_only_when_a_relation_fell() -> None:
    """ "Births hit a record low" read -0.50, confrontation toward the state named. A level
    word tells a relation's decline only when a relation is what fell, or a pair is named."""
    births = score("Chile's population falls for a second year as births hit a record low.")
    assert births.label == "neutral"
    assert "level" in cues(births)
    assert score("The peso fell to a record low against the dollar.").label == "neutral"
    assert_read(
        "confrontation",
        "level",
        "Relations between Chile and Peru have hit a record low.",
        "Chile and Peru have plunged to a new low.",
        "Trust between the two governments sank to its lowest point in decades.",
        "After the incident, the two countries plunged to a new low.",
        fired=False,
    )


def test_cross_strait_and_inter_korean_name_a_pair() -> None:
    """ "Cross-Strait relations", "the inter-Korean summit" and "the two super-Powers" are
    the relation between two parties, as "both sides" is; welcoming their improvement read
    as said to no one ("super-Powers", hyphenated, named no party at all)."""
    welcome = score("Chile welcomes the recent improvement in cross-Strait relations.")
    assert welcome.label == "engagement"
    assert any(ev.target == "cross-Strait" for ev in welcome.evidence)
    assert score("Cross-Strait tensions have risen sharply.").label == "confrontation"
    assert score("The inter-Korean summit produced a joint declaration.").label == "engagement"
    summit = score("We welcome the summit between the two super-Powers.")
    assert summit.label == "engagement"
    assert summit.evidence[0].target == "two super-Powers"
    assert score("The super-Powers must halt the arms race.").evidence[0].target == "super-Powers"


def test_a_tribute_that_asserts_a_bond_engages() -> None:
    """The rubric's first borderline: a tribute to the President's country is protocol,
    unless the sentence also asserts a bilateral bond with that country."""
    bond = score(
        "Your election is also recognition of Chile, a country with which we have close "
        "links of cooperation and friendship."
    )
    assert bond.label == "engagement"
    assert "formula" not in cues(bond)
    courtesy = score("Your election is a tribute to Chile and to its people.")
    assert courtesy.label == "neutral"
    assert "formula" in cues(courtesy)


def test_own_virtue_against_artillery_and_time_for_a_party_to_stop() -> None:
    """Structure in phrasing of my own: the other's vice in a contrast with own virtue may
    be an act of war ("answered each proposal with artillery" weighed nothing), and "it is
    time for X to stop hiding behind its veto" asks a redress of X (the veto it would stop
    read as praise). Both directions."""
    assert_labels(
        (
            "While we have opened every door to dialogue, Chile has answered each proposal "
            "with artillery.",
            "confrontation",
        ),
        ("While differences remain, Chile and Peru have kept talking all year.", "engagement"),
        ("It is time for Chile to stop hiding behind its veto.", "confrontation"),
        ("It is time for Chile and Peru to sit down at the negotiating table.", "engagement"),
    )
    assert "demand-on" in cues(score("It is time for Chile to stop hiding behind its veto."))


def test_anger_drawn_and_labels_of_exclusion() -> None:
    """ "Drew fury from Beijing" and "labelled the foundation an undesirable organisation"
    are a party's anger and a legal countermeasure; the words weighed nothing."""
    assert_labels(
        ("Chile's decision drew fury from Peru, which downgraded ties.", "confrontation"),
        ("Chile labelled the Peruvian foundation an undesirable organisation.", "confrontation"),
        ("A Chilean senator called Peru's human rights record appalling.", "confrontation"),
    )
    assert categories()["undesirable organisation"] == "countermeasure"


def test_a_redress_asked_jointly_or_calm_asked_of_two_blames_no_one() -> None:
    """ "X should work with Y to implement the consensus" asks a joint act (it read as a
    demand on X, -0.57); "X should implement the consensus" alone still demands. Restraint
    asked of both sides beside a return to talks encourages them; asked of one with the
    talks, it does not."""
    joint = score("Chile should work with Peru to implement the consensus of the two leaders.")
    assert joint.label == "engagement"
    assert "demand-on" not in cues(joint)
    alone = score("Chile should implement the consensus of the two leaders.")
    assert alone.label == "confrontation"
    assert "demand-on" in cues(alone)
    both = score("We advise both sides to exercise restraint and return to dialogue.")
    assert both.label == "engagement"
    assert "encouraged" in cues(both)
    assert "encouraged" not in cues(score("We urge Chile to show restraint and resume talks."))
    assert score("If Chile insists on going its own way, Peru will respond firmly.").tone < -0.3


def test_cliques_propping_up_and_curbing_a_wrong() -> None:
    """ "A clique aimed at containing Peru" and "propping up Peru's war machine" accuse
    (they weighed nothing, or read the supplies as help); "teaming up with Peru to curb
    trafficking" curbs a wrong (it read -0.25: the curb as a restriction)."""
    assert_labels(
        ("The new pact is a clique aimed at containing Peru.", "confrontation"),
        ("Chile is propping up Peru's war machine by supplying dual-use goods.", "confrontation"),
        ("Chile is teaming up with Peru to curb drug trafficking.", "engagement"),
        ("Chile imposed new curbs on imports from Peru.", "confrontation"),
    )


def test_a_steadfast_partner_is_praise() -> None:
    """ "ASEAN has been a steadfast partner in our transition" read +0.36 but neutral: a
    plain "partner" is thin evidence; a steadfast, reliable or true one is praise."""
    assert_labels(
        ("Chile has been a steadfast partner in our transition.", "engagement"),
        ("Peru and Chile are good friends and reliable partners.", "engagement"),
    )


def test_a_partys_act_toward_us_is_spoken_of() -> None:
    """ "Chile's support has been decisive for our programme": Chile's act toward the
    speaker (it read as Chile speaking of itself, neutral); "Chile's commitment to peace is
    well known" without a first-person object stays Chile's own voice."""
    toward = score("Chile's support has been decisive for our rural electrification programme.")
    assert toward.label == "engagement"
    assert toward.evidence[0].target == "Chile"
    own = score("Chile's commitment to peace is well known.")
    assert own.evidence[0].speaker == "Chile"


def test_economic_statecraft_exclusions_waivers_and_revoked_licences() -> None:
    """Trade measures in news phrasing of my own: tariff exclusions and waivers ease, and
    revoked licences and investors barred from a market restrict (each weighed nothing or
    read as the tariff alone)."""
    assert_labels(
        ("Chile extended tariff exclusions on hundreds of Peruvian products.", "engagement"),
        ("Chile barred its investors from putting money into Peruvian firms.", "confrontation"),
        ("Chile revoked licences for its firms to sell chips to Peru.", "confrontation"),
    )


def test_british_spellings_of_listed_words() -> None:
    """ "Politicising", "weaponising" and "stigmatising" weighed nothing where "-izing"
    accused; the OSCE spelt "Organisation" is the organisation, not an act of security
    cooperation."""
    assert_labels(
        ("Chile should stop politicising trade and technology issues.", "confrontation"),
        ("Chile keeps weaponising its water supply against Peru.", "confrontation"),
    )
    osce = score("The Organisation for Security and Co-operation in Europe sent observers.")
    assert not [ev for ev in osce.evidence if ev.weight]
    named = score("We thank the Organisation for Security and Co-operation in Europe.")
    assert named.evidence[0].target == "Organisation for Security and Co-operation in Europe"


def test_intrusion_trade_cases_and_once_more() -> None:
    """Right-of-reply, trade-dispute and coast-guard lines of my own: an intrusion into
    waters or airspace violates them; a case taken to the WTO is a legal challenge (its
    dispute settlement is an institution's name); "once more" is "again", not a past time
    (it halved the charge)."""
    assert_labels(
        ("Chilean coast guard vessels intruded into Peru's territorial waters.", "confrontation"),
        ("Peru took Chile to the WTO over its duties on fruit.", "confrontation"),
        ("Chile launched a WTO case against Peru over copper quotas.", "confrontation"),
        ("Chile and Peru settled their WTO dispute over fruit duties.", "engagement"),
        ("The delegate of Chile has chosen to mislead this Assembly once more.", "confrontation"),
        ("The WTO dispute settlement mechanism must be restored.", "neutral"),
    )
    assert_term(
        "confrontation",
        "necessary control measures",
        "The coast guard said it took necessary control measures against Peruvian boats.",
    )


def test_parliament_and_state_media_lines() -> None:
    """Parliamentary and state-media lines of my own: standing up to a party opposes it;
    "we will not be lectured by" refuses; ridicule names ("political dwarf") and a powder
    keg one party made accuse it; a bond that withstood a storm is kept; "the two
    foreign ministers" and "between our peoples" name the pair (each read neutral)."""
    assert_labels(
        ("Ministers were too timid in standing up to the government of Chile.", "confrontation"),
        ("Peru will not be lectured by a government that locks up its critics.", "confrontation"),
        ("The Chilean commentary branded Peru's president a political dwarf.", "confrontation"),
        ("It is Chile, not Peru, that turned the border into a powder keg.", "confrontation"),
        ("The friendship between our peoples has withstood every storm.", "engagement"),
        ("The two foreign ministers met in a candid and friendly atmosphere.", "engagement"),
    )
    pair = score("The two foreign ministers met in a candid and friendly atmosphere.")
    assert pair.evidence[0].target == "two foreign ministers"


def test_discrimination_bad_faith_and_elimination() -> None:
    """Ministry lines of my own: a measure called discriminatory, or a lack of good
    faith, accuses the party that took it (both weighed nothing); eliminating or
    prohibiting a wrong undoes it, as a curb does, so a law against discrimination
    is not a charge and an agreement to eliminate tariffs engages."""
    assert_labels(
        ("Peru called Chile's new visa rules discriminatory.", "confrontation"),
        ("Chile's decision shows a lack of good faith toward Peruvian investors.", "confrontation"),
        ("Chile and Peru agreed to eliminate tariffs on each other's goods.", "engagement"),
        ("The new law prohibits discriminatory practices in hiring.", "neutral"),
    )
    undone = score("The new law prohibits discriminatory practices in hiring.")
    assert "reversed" in cues(undone)


def test_a_party_named_by_its_charge_is_not_undone() -> None:
    """An end asked for a party named by a charge ("the imperialists", "the occupation
    regime") keeps the charge: it asks that party to go. The elimination of a wrong no
    party is named for still undoes it (see the test above)."""
    for text in (
        "The elimination of the imperialist intervention is essential for peace.",
        "An end to the occupation regime is the only way to peace.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert "reversed" not in cues(result), text


def test_bonds_hoped_for_and_denied_denials() -> None:
    """Leaders' lines of my own: a bond asked of two parties ("should be partners and
    friends") hopes for the relation, as a return to talks does; "there is no reason why
    X and Y cannot be partners" denies the denial; harming a party's interests accuses;
    a ceasefire told as "agreed to stop all firing" engages (each read neutral or worse)."""
    assert_labels(
        ("Chile and Peru should be partners and friends.", "engagement"),
        ("There is no reason why Chile and Peru cannot be partners.", "engagement"),
        (
            "Peru said the Chilean move seriously harms the interests of Peruvian firms.",
            "confrontation",
        ),
        ("Chile and Peru agreed to stop all firing along the border.", "engagement"),
    )
    assert_read("engagement", "encouraged", "Chile and Peru should be partners and friends.")
    assert_read(
        "confrontation",
        "demand-on",
        "Chile should be a responsible partner and stop dumping steel.",
    )


def test_questions_that_ask_why_not_and_veiled_doubt() -> None:
    """Rhetoric of my own: a question that asks why not ("why would we not welcome ...?")
    affirms, while one that asks why a party has not acted reproaches it; "one wonders
    whether", "says one thing and does another", "the ball is in X's court" and "what
    it calls" doubt or press a party (each read neutral or the other way)."""
    assert_labels(
        (
            "Why would we not welcome a neighbour that has chosen the path of dialogue?",
            "engagement",
        ),
        ("Why shouldn't Chile and Peru cooperate on fisheries?", "engagement"),
        ("Why has Chile not apologised for its crimes?", "confrontation"),
        ("One wonders whether Chile has ever read the rules it claims to uphold.", "confrontation"),
        ("Chile says one thing and does another.", "confrontation"),
        ("Our door remains open, but the ball is in Chile's court.", "confrontation"),
    )
    welcomed = score("Why would we not welcome a neighbour that has chosen the path of dialogue?")
    assert not cues(welcomed) & {"negated", "rhetorical"}


def test_a_party_that_continues_an_act_a_charge_follows() -> None:
    """ "X continues to build settlements in defiance of the resolution" tells X's conduct
    (X read as the speaker, the charge aimed at no one); "X continues to work with others
    to uproot racism" is still X's own policy, said by X."""
    told = score("Chile continues to build settlements in defiance of the resolution.")
    assert told.label == "confrontation"
    assert told.evidence[0].target == "Chile"
    own = score("Chile will continue to work with others to uproot racism and intolerance.")
    assert own.label != "confrontation"
    assert own.evidence[0].speaker == "Chile"


def test_a_relation_set_back_on_track() -> None:
    """Press lines of my own: a return to the right track asked of two parties hopes for
    the relation, as a return to talks does; asked of one, it blames that party for
    leaving it. Poisoning the atmosphere and McCarthyism charge. Names are matched by
    stem, so "two people" is no pair."""
    assert_read(
        "engagement",
        "encouraged",
        "Chile and Peru should return to the right track of sound and stable development.",
        "Chile and Peru should get relations back on track.",
    )
    assert_read(
        "confrontation",
        "demand-on",
        "We urge Chile to return to the right track.",
        "We hope Chile will stop its wrong practices and return to the right track.",
    )
    assert_labels(
        ("Chile's bill is a product of McCarthyism that poisons the atmosphere.", "confrontation"),
    )
    killed = score("Two people were killed in the blast near the border.")
    assert all(not ev.target for ev in killed.evidence)


def test_fuel_on_the_fire_and_who_said_it() -> None:
    """Communiqué and news lines of my own: fuelling a war or adding fuel to the fire
    accuses (it weighed nothing). A party that "said" something of another party is the
    one speaking ("Chile said the Peruvian sanctions are illegal" recorded Chile as the
    target); one that said something of no one tells its own act, as news does."""
    assert_labels(
        (
            "Chile's transfer of drones to Bolivia fuels the suffering of Peruvians.",
            "confrontation",
        ),
        ("Peru said the Chilean decision only adds fuel to the fire.", "confrontation"),
    )
    said = score("Chile said the Peruvian sanctions are illegal.")
    assert (said.evidence[0].speaker, said.evidence[0].target) == ("Chile", "Peruvian")
    alone = score("Chile says it will not accept any more refugees.")
    assert alone.label == "confrontation"
    assert alone.evidence[0].target == "Chile"


def test_offices_speak_for_their_state_and_refusals_to_cede() -> None:
    """Lines of my own from the Global South: a state's office between its name and the
    verb ("Chile's foreign minister said ...") speaks for it; "had no right to dictate"
    denies a party's standing; "will not surrender / cede ... to X" refuses X (the
    negated surrender read as a concession, +0.19)."""
    minister = score("Chile's foreign minister said Peru had no right to dictate our trade policy.")
    assert minister.label == "confrontation"
    assert {(ev.speaker, ev.target) for ev in minister.evidence} == {("Chile", "Peru")}
    assert_labels(
        ("Chile will not surrender a single inch of its territory to Peru.", "confrontation"),
        ("Peru will never cede its fishing rights to Chile.", "confrontation"),
    )


def test_incidents_at_sea() -> None:
    """A press-conference document of my own: ramming, a military-grade laser and a
    dangerous manoeuvre are hostile acts, and a supply boat is a kind of boat, not a
    supply of arms to a party (the ramming read +0.33, engagement)."""
    for text in (
        "Peru said a Chilean vessel rammed its supply boat near the disputed shoal.",
        "A Chilean vessel pointed a military-grade laser at the Peruvian crew.",
        "Chilean ships collided with a Peruvian vessel during a dangerous manoeuvre.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert result.evidence[0].target.startswith("Chile"), text


def test_quoted_warnings_and_steps_forward() -> None:
    """Quote-first news lines of my own: "will not stand by while X floods our markets"
    warns X (the negated "stand by" read as withheld support); a meeting called "a step
    forward" engages (only the meeting weighed)."""
    assert_labels(
        (
            '"Peru will not stand by while Chile floods our markets," the minister said.',
            "confrontation",
        ),
        ("Officials of Chile and Peru called the meeting a step forward.", "engagement"),
    )


def test_handshakes_and_flights() -> None:
    """Cross-strait and Korean lines of my own: leaders who shook hands, and flights
    resumed between two sides, engage (the resumption alone read below the line)."""
    assert_labels(
        ("The two sides resumed direct flights between more cities.", "engagement"),
        ("The presidents of Chile and Peru shook hands at the border.", "engagement"),
    )


def test_void_decisions_and_targeted_threats() -> None:
    """Middle East lines of my own: a decision called legally void is rejected, and a
    vow to target a party's ships threatens it (both weighed nothing)."""
    assert_labels(
        ("Peru said Chile's decision to trigger the mechanism was legally void.", "confrontation"),
        ("The rebels said they would target any Chilean ship in the strait.", "confrontation"),
    )


def test_a_reverser_after_a_possessive_is_a_noun() -> None:
    """ "The new sanctions would only harden Moscow's resolve": *resolve* after a
    possessive is a noun, not the sanctions resolved (it read +0.35, engagement). The
    passive reversal itself stands ("the sanctions on Chile were lifted")."""
    resolve = score("The new sanctions on Chile would only harden Santiago's resolve.")
    assert resolve.label == "confrontation"
    assert "reversed" not in cues(resolve)
    assert_read("engagement", "reversed", "The sanctions on Chile were lifted.")


def test_repression_proxies_and_veiled_powers() -> None:
    """Lines of my own that read neutral: silencing the opposition and a war by proxy
    accuse; "some powers", like "certain countries", is a party left unnamed; silencing
    the guns is no repression."""
    assert_labels(
        ("The Chilean government has silenced the opposition.", "confrontation"),
        ("Chile is using Bolivia as a proxy to weaken Peru.", "confrontation"),
        (
            "Some powers continue to use unilateral coercive measures against small states.",
            "confrontation",
        ),
    )
    guns = score("The African Union's initiative to silence the guns deserves our support.")
    assert guns.label == "engagement"


def test_where_a_gathering_is_held_is_procedure() -> None:
    """Schedule lines of my own: where and when one party's gathering is held or hosted
    tells no stance (each read as engagement); a meeting between two parties, a visit to
    one, and thanks for hosting talks still engage."""
    assert_read(
        "neutral",
        "procedure",
        "The African Union summit will be held in Addis Ababa in February.",
        "Chile will host the second ocean conference next June.",
        "The summit will take place on the sidelines of the regional meeting in Lima.",
    )
    assert_labels(
        ("Chile and Peru will hold talks in Lima next week.", "engagement"),
        ("The president of Chile will travel to Lima next week for a state visit.", "engagement"),
        (
            "We commend Chile for hosting the talks that led to the release of the hostages.",
            "engagement",
        ),
    )


def test_communication_kept_open_and_relations_stabilised() -> None:
    """U.S.-China lines of my own: lines of communication kept open engage; relations
    that stabilised are a level reached, which tells the relation only when a relation
    or a pair is named (a currency stabilised is no stance)."""
    assert_labels(
        (
            "Despite the tensions, Chile and Peru kept their lines of communication open.",
            "engagement",
        ),
        ("Relations between Chile and Peru have stabilised.", "engagement"),
        ("The central bank of Chile stabilised the currency after the crisis.", "neutral"),
    )


def test_an_agent_acting_on_behalf_of_a_party() -> None:
    """ "Charged with harassing dissidents on behalf of Beijing" names an agent's
    principal, not the one speaking (it made Beijing the speaker of a sentence
    against its own nationals); "On behalf of the Government of X, I ..." still
    speaks for X."""
    agents = score(
        "Peru charged three Chilean nationals with harassing dissidents on behalf of Santiago."
    )
    assert agents.label == "confrontation"
    assert all(ev.speaker != "Santiago" for ev in agents.evidence)
    own = score("On behalf of the Government of Chile, I thank Peru for its hospitality.")
    assert {(ev.speaker, ev.target) for ev in own.evidence} == {("Chile", "Peru")}


def test_never_once_no_longer_and_no_shortage() -> None:
    """Negations of my own: "has never once condemned" reproaches an omission, as "has
    not even condemned" does (it read as praise); "no longer on a collision course"
    ends the hostile state (it read +0.07); "no shortage of goodwill" is plenty of it."""
    assert_labels(
        ("Chile has never once condemned Bolivia's invasion of Peru.", "confrontation"),
        ("Chile and Peru are no longer on a collision course.", "engagement"),
    )
    plenty = score("There was no shortage of goodwill between Chile and Peru.")
    assert "negated" not in cues(plenty)


def test_a_paralysed_council_is_blamed() -> None:
    """ "The use of the veto by one member has paralysed the Council on Chile": the
    paralysis blames those who cause it (the rubric's criticism of how a UN organ
    behaves); it weighed nothing."""
    assert_term(
        "confrontation",
        "paralysis",
        "The paralysis of the Council on Chile is a stain on our conscience.",
    )


def test_wonder_votes_and_working_groups() -> None:
    """Engagement lines of my own that read neutral: a question that marvels at what came
    to pass is no rhetoric against the parties; a vote for a party's resolution, a joint
    working group, channels kept open and "the planet is big enough for both" engage."""
    assert_labels(
        (
            "Who could have imagined, ten years ago, that Chile and Peru would sign"
            " a friendship declaration?",
            "engagement",
        ),
        ("My country voted in favour of the resolution submitted by Peru.", "engagement"),
        (
            "Chile and Peru resumed their climate working group after a two-year pause.",
            "engagement",
        ),
        ("Despite the rhetoric, both capitals quietly kept the channels open.", "engagement"),
        ("The planet is big enough for both countries to succeed.", "engagement"),
    )


def test_the_agent_of_a_passive_verb_of_stance_speaks() -> None:
    """ "Chile was accused by Peru of stoking tensions": the agent of a verb of stance in
    the passive is the one speaking (both parties read as targets); the agent of an act
    ("brokered by Peru") is not."""
    accused = score("Chile was accused by Peru of stoking tensions at the border.")
    assert {(ev.speaker, ev.target) for ev in accused.evidence} == {("Peru", "Chile")}
    brokered = score("The ceasefire was brokered by Peru and Bolivia.")
    assert all(not ev.speaker for ev in brokered.evidence)


def test_collusion_subservience_and_external_forces() -> None:
    """Beijing's stock lines of my own: colluding with a party is complicity (it weighed
    nothing: a sentence of it read by its topic word "forces" alone), dancing to another's
    tune ridicules, emboldening accuses, and "external forces" is a party left unnamed."""
    assert_labels(
        ("Chile should stop dancing to the tune of its northern neighbour.", "confrontation"),
        ("Peru has been emboldened by the backing of external forces.", "confrontation"),
    )
    assert_term(
        "confrontation", "colluding", "The Chilean authorities were colluding with external forces."
    )


def test_a_reverser_stops_at_after_and_readmission() -> None:
    """Sahel and African Union lines of my own: "suspended Gabon after the coup" suspends
    Gabon; the coup after "after" is not undone (it read as engagement, +0.16);
    readmitting a suspended member engages."""
    suspended = score("The African Union suspended Chile after the coup.")
    assert suspended.label == "confrontation"
    assert "reversed" not in cues(suspended)
    assert_labels(("The African Union readmitted Chile after the elections.", "engagement"))
    assert_read("engagement", "reversed", "Chile lifted the sanctions on Peru after the talks.")


def test_goalposts_duties_and_exemptions() -> None:
    """Trade lines of my own: moving the goalposts accuses; provisional or retaliatory
    duties restrict (they weighed nothing), and an exemption from duties undoes them."""
    assert_labels(
        ("Chile keeps moving the goalposts in the trade negotiations.", "confrontation"),
        ("Peru imposed provisional duties of up to 38 per cent on Chilean cars.", "confrontation"),
    )
    assert_read("engagement", "reversed", "Chile granted Peru an exemption from the import duties.")


def test_turning_the_page_on_a_dispute() -> None:
    """Latin American lines of my own: turning the page on a dispute or on hostility
    undoes it, as settling it does (the dispute read as the act, −0.05)."""
    assert_read(
        "engagement",
        "reversed",
        "The ruling allowed Chile and Bolivia to turn the page on the water dispute.",
        "Chile and Peru turned the page on decades of hostility.",
    )


def test_a_verb_of_stance_in_the_passive_tells_of_its_subject() -> None:
    """Geneva lines of my own: "X is thanked / was urged" tells of X (it read X as
    speaking, "is" taken for an auxiliary of its own stance); "X is committed to"
    still speaks."""
    thanked = score("Peru is thanked for its constructive engagement with the treaty bodies.")
    assert thanked.label == "engagement"
    assert {ev.target for ev in thanked.evidence} == {"Peru"}
    assert not any(ev.speaker for ev in thanked.evidence)
    assert_labels(("Bolivia was urged to free the detained journalists.", "confrontation"))
    committed = score("Chile is committed to dialogue with Peru.")
    assert {(ev.speaker, ev.target) for ev in committed.evidence} == {("Chile", "Peru")}


def test_access_granted_on_request_and_what_two_owe_each_other() -> None:
    """Granting access asked of one party is a redress (it read as a grant of money,
    +0.04); what two are asked to do for each other mends their relation (it read as a
    demand on both)."""
    assert_read(
        "confrontation",
        "demand-on",
        "We call on Bolivia to grant the inspectors unhindered access to the mine.",
        "We urge Chile to respect Peru's sovereignty.",
    )
    assert_read(
        "engagement",
        "encouraged",
        "We urge Chile and Peru to grant each other's citizens visa-free travel.",
        "We urge Chile and Peru to respect each other's sovereignty.",
    )
    assert_labels(("Japan will grant a loan of 500 million dollars to Peru.", "engagement"))


def test_an_instrument_named_after_thanks_is_no_one_praised() -> None:
    """ "We welcome the Escazú Agreement and its entry into force": the capitalised name
    is a text, not someone addressed (it read as praise addressed to someone, +0.62);
    its words weigh as aimed at no one."""
    treaty = score("We welcome the Escazú Agreement and its entry into force.")
    assert "addressed" not in cues(treaty)
    assert "untargeted" in cues(treaty)
    assert_read(
        "engagement",
        "addressed",
        "We commend the Secretary-General for convening the Ocean Conference in Lisbon.",
    )


def test_follow_up_take_place_and_talks_before_any() -> None:
    """ "follow up on" is no circumstance (its stem is "following"); a gathering that
    took place is procedure, like one held; talks "before any" can resume are a
    precondition, not a wish (the demand read +0.06)."""
    assert_read(
        "engagement",
        "circumstance",
        "The two foreign ministers will follow up on the consensus of their presidents.",
        fired=False,
    )
    assert_read("neutral", "procedure", "The Andean Community summit took place in Quito.")
    assert_read("engagement", "procedure", "Talks between Chile and Peru took place in Lima.",
                fired=False)  # fmt: skip
    assert_read(
        "confrontation",
        "hedged",
        "Chile said Peru must stop cross-border terrorism before any talks can resume.",
    )


def test_a_charge_in_a_relative_clause_and_a_denial_reaching_its_object() -> None:
    """ "..., which the United Kingdom illegally occupies" charges (the relative clause was
    scene-setting, × circumstance); "not living up to its commitments" denies the
    commitments too (they read +0.98 beside the denied verb)."""
    assert_read(
        "confrontation",
        "circumstance",
        "Argentina recalled its rights over the islands, which Chile illegally occupies.",
        fired=False,
    )
    living = score("Lima said Bolivia was not living up to its commitments under the deal.")
    assert living.label == "confrontation"
    assert all(ev.weight < 0 for ev in living.evidence if ev.phrase == "commitments")


def test_officials_speak_for_their_state() -> None:
    """ "Peruvian officials said Chile ...": an office between a state's name and a verb
    of saying speaks for the state (Peru was read as the target); past an office, only
    with another party named."""
    said = score("Peruvian officials said Chile was arming the rebels.")
    assert {(ev.speaker, ev.target) for ev in said.evidence} == {("Peruvian", "Chile")}
    hailed = score("Chilean state media hailed the summit as a fresh start.")
    assert hailed.label == "engagement"
    assert not any(ev.speaker for ev in hailed.evidence)


def test_precedents_pawns_weapons_and_aid_packages() -> None:
    """Vocabulary from lines of my own: a dangerous precedent, a pawn or a tool in
    another's hands, something used as a weapon by unnamed great powers accuse; an aid
    package engages."""
    assert_labels(
        ("The Chilean decision sets a dangerous precedent for the region, Lima said.",
         "confrontation"),
        ("Peru has become a pawn of foreign interests, La Paz said.", "confrontation"),
        ("Certain great Powers use debt as a weapon against the small nations.",
         "confrontation"),
        ("Peru thanked Chile for its new defence package.", "engagement"),
    )  # fmt: skip


def test_damage_to_a_relation_undoes_it() -> None:
    """Press-conference lines of my own: a move that damaged, harmed or poisoned the
    relations undoes them (the relations read as engagement, +0.55); damage to a
    building is no stance."""
    assert_read(
        "confrontation",
        "reversed",
        "Chile's wrong move has severely damaged Chile-Peru relations.",
        "The incident harmed the trust between the two countries.",
    )
    assert_labels(("The earthquake damaged the embassy building.", "neutral"))


def test_an_act_aimed_at_a_curb_and_curbs_as_measures() -> None:
    """Headlines of my own: "hits back at Chilean curbs" aims the act at the curbs, a
    noun (the act was read as ended by them, +0.48); chip and export curbs restrict,
    and easing them engages."""
    assert_read("confrontation", "reversed", "Peru hits back at Chilean curbs.", fired=False)
    assert_labels(
        ("Peru hits back at Chilean chip curbs with a probe into a Chilean firm.",
         "confrontation"),
        ("Chile eases export curbs on Peru.", "engagement"),
    )  # fmt: skip


def test_council_votes_and_legal_terms() -> None:
    """Security Council lines of my own: a text that singles out a party, or is
    one-sided, accuses; "in force" is no use of force (it read −0.20 for "remains in
    force"); co-chairing a conference together engages; a named armed movement's grave
    violations accuse it (the "Support" of its name read as support, +0.10)."""
    assert_labels(
        ("Chile presented a one-sided resolution that singles out Peru.", "confrontation"),
        ("Resolution 2231 remains in force until October 2025.", "neutral"),
        ("Peru and Norway co-chaired the conference on the two-State solution.", "engagement"),
        ("The Rapid Support Forces continue to commit grave violations against civilians.",
         "confrontation"),
        ("We thank Chile for keeping its borders open to those fleeing the war.", "engagement"),
    )  # fmt: skip


def test_demonyms_of_states_name_them() -> None:
    """ "The South African Government", "the Sri Lankan Government": a state's adjective
    names it as its name does (about sixty were missing, so such sentences named no
    party and were discounted as aimed at no one)."""
    for text, party in (
        ("The South African Government rejected the plan of Chile.", "South African"),
        ("The Sri Lankan Government welcomed the talks.", "Sri Lankan"),
        ("The Senegalese authorities protested to Chile.", "Senegalese"),
    ):
        result = score(text)
        assert "untargeted" not in cues(result), text
        assert party in {ev.target for ev in result.evidence} | {
            ev.speaker for ev in result.evidence
        }, text


def test_statistics_networks_and_warnings() -> None:
    """Lines of my own: a largest trading partner and a diplomatic network are
    statistics (they read as partnership, +0.46, +0.57), a humanitarian crisis a
    situation, no aid (+0.27); working side by side engages;
    fighting poverty or disease is no fighting; no one should underestimate a party's
    resolve warns; demolishing homes accuses; promises yet to materialise are unkept."""
    assert_labels(
        ("Chile is the largest trading partner of more than forty countries.", "neutral"),
        ("Peru has the second-largest diplomatic network in the region.", "neutral"),
        ("Peru faces one of the worst humanitarian crises in the world.", "neutral"),
        ("Chilean and Peruvian doctors have worked side by side to fight infectious diseases.",
         "engagement"),
        ("No one should underestimate the determination of the Peruvian people.",
         "confrontation"),
        ("The occupying Power continues to demolish homes in the old city.", "confrontation"),
        ("Lima's promises of market access have yet to materialise.", "confrontation"),
    )  # fmt: skip


def test_encouraged_in_its_vice_and_no_interest_shown() -> None:
    """1980s General Debate lines of my own: encouraging a party in its intransigence or
    defiance is complicity (it read as encouragement, +0.40); encouraging one toward
    talks is not; having shown no interest in a conference obstructs it."""
    assert_read(
        "confrontation",
        "complicity",
        "Western countries encouraged Chile in its defiance of the Council.",
    )
    assert_read(
        "engagement",
        "complicity",
        "We encourage the rebels to join the peace process.",
        fired=False,
    )
    assert_labels(
        ("Certain Powers have shown no interest in the success of the Conference.",
         "confrontation"),
    )  # fmt: skip


def test_thanks_to_a_named_party_is_a_stance() -> None:
    """General Debate lines of my own: "We thank Brazil for leading the mission" is
    engagement by itself (it read +0.30 but neutral, a thanks word weighing as little
    as a news verb); thanks to a cause are not aimed at a party."""
    assert_read(
        "engagement",
        "thanked",
        "We thank Peru for leading the peacekeeping mission in Haiti.",
        "We commend the Government of Chile for its hospitality.",
    )
    cause = score("Thanks mainly to the process of decolonization, Chile became a member.")
    assert "thanked" not in cues(cause)


def test_seats_taken_idioms_and_peoples_failed() -> None:
    """General Debate lines of my own: being pleased to see two states take their
    seats welcomes them; growth and equity that *go together*, or a dissolution that
    *gave birth to* new states, are idioms, no cooperation; the Council *failed the
    people of* a state, or a party *let down* its partners, reproaches."""
    assert_labels(
        ("We are pleased to see Chile and Peru take their seats among us.", "engagement"),
        ("Chile's experience shows that growth and equity can go together.", "neutral"),
        ("The dissolution of the federation gave birth to five independent States.", "neutral"),
        ("Chile has let down its partners in Mercosur.", "confrontation"),
    )


def test_a_likeness_and_a_wish_of_a_party() -> None:
    """General Debate lines of my own: "Like Costa Rica, my country abolished its army"
    names a likeness, no one spoken of (the army read as charged at it, −0.45); "we
    would like Chile to withdraw" asks a redress of it (+0.37 as a hedged withdrawal)."""
    like = score("Like Peru, my country abolished its army decades ago.")
    assert like.label == "neutral"
    assert not any(ev.target for ev in like.evidence)
    assert_read("confrontation", "demand-on", "We would like Chile to withdraw its troops.")
    assert_labels(("I would like to thank Chile for its support.", "engagement"))


def test_a_closing_attribution_is_who_said_it() -> None:
    """News lines of my own: in ", the envoy said." the envoy is who said it, not an act
    of diplomacy (it read +0.34 and outweighed the charge); a party before the comma
    of "…, officials said" is not the one speaking; squandering a peace undoes it."""
    squandered = score("Chile's leaders have squandered the peace dividend, the envoy said.")
    assert squandered.tone < 0
    assert "envoy" not in {ev.phrase for ev in squandered.evidence}
    attacked = score("Chile attacked Peru, officials said.")
    assert attacked.label == "confrontation"
    assert not any(ev.speaker for ev in attacked.evidence)


def test_welcoming_what_came_to_pass_in_a_state() -> None:
    """ "We welcome the end of the crisis in Mali": a state named only as the place it
    happened is welcomed for it (it read as the speaker's own voice to no one, +0.45,
    neutral); concern about a situation there stays the rubric's neutral."""
    assert_read(
        "engagement",
        "addressed",
        "We welcome the end of the crisis in Chile.",
        "We welcome the elections held in Peru.",
    )
    assert_labels(("We are concerned about the situation in Peru.", "neutral"))


def test_joint_condemnation_and_a_compound_with_the_speaker() -> None:
    """ "The perpetrators stand condemned by both the Chilean and the Peruvian
    Governments": two who condemn together speak, of a third (the first was read as
    the target, −0.74); a compound of the speaker's state and another (*the
    Peruvian-Chilean agreement*, said by Chile: its tail read as Chile alone, the
    speaker's own voice, +0.26, neutral) names the relation."""
    joint = score(
        "The perpetrators of this atrocity stand condemned by both the Chilean and the "
        "Peruvian Governments."
    )
    assert joint.label == "neutral"
    assert not any(ev.target for ev in joint.evidence)
    compound = build_scorer().score(
        "I believe that the Peruvian-Chilean agreement plays a crucial role.", speaker="CHL"
    )
    assert compound.label == "engagement"
    assert {ev.target for ev in compound.evidence} == {"Peruvian-Chilean"}


def test_judgements_of_a_party_policy_and_blame_for_a_breakdown() -> None:
    """Lines of my own: a party's approach called short-sighted, counterproductive or
    misguided is criticised (it read nothing); bearing primary responsibility for the
    breakdown of talks blames (the talks read +0.54); hostile behaviour accuses; wise
    counsel that was invaluable praises."""
    assert_labels(
        ("Lima's approach to the region is short-sighted and counterproductive.",
         "confrontation"),
        ("The decision of the Chilean Government is misguided and ill-advised.",
         "confrontation"),
        ("Chile bears primary responsibility for the breakdown of the talks.", "confrontation"),
        ("The talks failed owing to the hostile behaviour of the Peruvian authorities.",
         "confrontation"),
        ("The wise counsel of the Chilean Government was invaluable to the peace process.",
         "engagement"),
    )  # fmt: skip


def test_a_cooperation_that_did_the_harm_is_none() -> None:
    """Beijing's stock lines, of my own: "The visit by the Speaker to Peru seriously
    undermined peace across the strait" — the visit did the harm, so it is no
    engagement (it read +0.53 beside the spoiler, +0.03 in all); "we welcome the accord
    and reject any attempt to undermine it" keeps its welcome."""
    visit = score(
        "The visit by the Chilean Speaker to Peru seriously undermined peace and stability "
        "across the border."
    )
    assert visit.label == "confrontation"
    assert "visit" not in {ev.phrase for ev in visit.evidence}
    kept = score("We welcome the accord of Chile and Peru and reject any attempt to undermine it.")
    assert "accord" in {ev.phrase for ev in kept.evidence}
    # A harm told by a phrase: the visit that "hurt the feelings" of a people (+0.60).
    hurt = score(
        "The visit of Chilean ministers to the shrine hurt the feelings of the Peruvian people."
    )
    assert hurt.label == "confrontation"
    assert "visit" not in {ev.phrase for ev in hurt.evidence}


def test_denials_of_a_whole_clause_and_negative_polarity() -> None:
    """Negation lines of my own: "It is not true that Chile has respected the
    ceasefire" denies the respect (it read +0.63); "never shown the slightest interest
    in a negotiated solution" and "not a single one of its commitments has been
    honoured" deny what follows (+0.59, +0.71); "spared no effort" is effort, not a
    denial."""
    assert_read(
        "confrontation",
        "negated",
        "It is not true that Chile has respected the ceasefire.",
        "Chile has never shown the slightest interest in a negotiated solution.",
        "Not a single one of Peru's commitments has been honoured.",
    )
    assert_labels(("Chile spared no effort to make the talks with Peru succeed.", "engagement"))


def test_the_secretary_general_praising_a_party_leadership() -> None:
    """ "The Secretary-General commends Kenya for its leadership of the mission" is
    praise of Kenya (it was read as the courtesy owed to the Secretary-General's own
    leadership, weight 0); thanks for his leadership stay protocol."""
    assert_read(
        "engagement",
        "formula",
        "The Secretary-General commends Chile for its leadership of the mission in Haiti.",
        fired=False,
    )
    assert_read("neutral", "formula", "We thank the Secretary-General for his leadership.")


def test_leaders_by_name_are_parties() -> None:
    """Lines of my own on the 2025 Ukraine talks: a head of government or foreign
    minister named alone is a party ("Trump accused Zelensky of prolonging the war" read
    as aimed at no one, −0.37, neutral), who speaks and who is spoken of."""
    accused = score("Trump accused Zelensky of prolonging the war.")
    assert accused.label == "confrontation"
    assert {(ev.speaker, ev.target) for ev in accused.evidence} == {("Trump", "Zelensky")}
    assert_labels(("Putin and Modi signed a defence pact.", "engagement"))


def test_sidelined_and_the_sidelines_of_a_meeting() -> None:
    """A party sidelined in talks about it is excluded (it read +0.02 on the talks); a
    meeting on the sidelines of another is no such thing (the stem is shared), and a
    closing "…, the minister added." is an attribution."""
    assert_labels(
        ("Peru is being sidelined in talks that will decide its own security.",
         "confrontation"),
        ("The summit will be held on the sidelines of the General Assembly.", "neutral"),
    )  # fmt: skip
    added = score("The talks with Chile were productive, the minister added.")
    assert "minister" not in {ev.phrase for ev in added.evidence}
    assert added.label == "engagement"


def test_relations_at_their_worst_and_frozen() -> None:
    """Lines of my own on the state of relations: *never been so bad* and *remain
    frozen* are declines (the relations read +0.55 alone); a statement called a travesty
    of the truth is rejected; a ban or sanctions extended go on (*extended* read as
    an extended hand, +0.01)."""
    assert_labels(
        ("Our relations with Peru have never been so bad.", "confrontation"),
        ("Relations between Chile and Bolivia remain frozen.", "confrontation"),
        ("The statement just made by the Peruvian delegate is a travesty of the truth.",
         "confrontation"),
        ("Chile extended the ban on Peruvian imports for six months.", "confrontation"),
    )  # fmt: skip


def test_what_a_war_ended_in_and_hand_in_hand() -> None:
    """Korean lines of my own: "ended in an armistice" tells the outcome, which is not
    ended (the armistice read −0.64 as reversed); leaders crossing a line hand in hand
    engage (nothing read)."""
    ended = score("The war between Chile and Peru ended in a ceasefire.")
    assert all(
        "reversed" not in ev.cue.split(",") for ev in ended.evidence if ev.phrase == "ceasefire"
    )
    assert ended.label == "engagement"
    assert_labels(
        ("The presidents of Chile and Peru crossed the border hand in hand.", "engagement"),
        ("Peace and development go hand in hand.", "neutral"),
    )


def test_satisfaction_admiration_and_what_followed() -> None:
    """General Debate lines of my own: noting with satisfaction a party's entry, or
    having followed with admiration a transition in a state, welcomes it (nothing read;
    "followed" was read as the circumstance word "following")."""
    assert_labels(
        ("We note with great satisfaction the entry of Peru into the Organization.",
         "engagement"),
        ("We have followed with admiration the peaceful transition in Chile.", "engagement"),
    )  # fmt: skip
    assert_read(
        "engagement", "circumstance", "Following the talks, Chile and Peru signed an accord."
    )


def test_keeping_a_promise_asked_of_a_party_blames_it() -> None:
    """ "We urge the US to keep its promise" asks a redress, like "honour the accord"; a
    promise kept is engagement, and asked of both sides it blames neither."""
    asked = score("We urge Chile to keep its promise on the border crossings.")
    assert asked.tone < 0 and "demand-on" in cues(asked)
    assert score("Chile kept its promise to reopen the border crossings.").tone > 0.3
    both = score("Both sides should keep their promises and resume talks.")
    assert both.tone > 0 and "demand-on" not in cues(both)


def test_talks_that_only_date_the_act_are_scene() -> None:
    """ "Before the talks start" dates what is done; the talks are not the act."""
    pressed = score("Chile intends to put more pressure on Bolivia before the talks start in Lima.")
    assert pressed.tone < 0
    assert all("talks" not in ev.phrase for ev in pressed.evidence)
    held = score("Chile and Bolivia held talks before the summit in Lima.")
    assert held.tone > 0.3


def test_cooperation_in_a_bodys_name_is_no_act() -> None:
    """ "The Shanghai Cooperation Organization" or "Asia-Pacific Economic Cooperation" name
    a body; cooperation agreed, deepened or signed is still an act, in a title too."""
    for text in (
        "The Shanghai Cooperation Organization held its summit in Astana.",
        "The Forum on China-Africa Cooperation opened in Beijing on Monday.",
        "A researcher at the Economic Cooperation Institute said Chile should prepare.",
    ):
        assert all(ev.phrase != "cooperation" for ev in score(text).evidence), text
    assert score("Chile and Bolivia agreed to deepen their cooperation.").tone > 0.5
    assert score("Cooperation between Chile and Bolivia has grown.").tone > 0.5
    title = score("Chile Signs Cooperation Deal With Bolivia")
    assert any(ev.phrase == "cooperation" for ev in title.evidence)


def test_a_change_hoped_in_the_present_is_asked() -> None:
    """ "We hope the United States respects WTO rules" asks as "will respect" does."""
    for text in (
        "We hope that Chile lifts the blockade of Bolivia.",
        "We hope Chile respects the rulings of the court.",
    ):
        result = score(text)
        assert result.tone < 0 and "demand-on" in cues(result), text
    talks = score("We hope Chile and Bolivia resume talks.")
    assert talks.tone > 0 and "demand-on" not in cues(talks)


def test_a_document_released_is_no_release() -> None:
    """A white paper or a tariff list released is no act of engagement; detainees are."""
    assert all(
        ev.phrase != "released"
        for ev in score("Chile released a white paper on its trade with Bolivia.").evidence
    )
    assert score("Chile released a list of Bolivian goods subject to tariffs.").tone < 0
    assert score("Chile released the two Bolivian fishermen.").tone > 0.3


def test_consultations_requested_at_the_wto_are_litigation() -> None:
    """Requesting or joining consultations is the first step of a WTO dispute; holding
    consultations with a party is still engagement."""
    for text in (
        "Chile requested consultations with Bolivia at the WTO over the steel duties.",
        "Peru notified the Dispute Settlement Body that it wishes to join the consultations.",
    ):
        assert score(text).tone < 0, text
    assert score("Chile and Bolivia held consultations on trade.").tone > 0.3


def test_a_league_formed_against_a_party_is_no_engagement() -> None:
    """ "An alliance against China" joins parties against one: no engagement with it."""
    against = score("Biden wants the West to form an alliance against China.")
    assert against.tone < 0 and "against" in cues(against)
    assert score("Chile and Bolivia formed an alliance.").tone > 0.2


def test_idioms_of_end_and_meet_and_what_inflames() -> None:
    """ "End up", "meet the challenge" are no ending and no meeting; what inflames,
    stokes or exacerbates tensions escalates."""
    assert score("Chile's tariffs could end up inflaming tensions with Bolivia.").tone < 0
    assert score("Chile's decision stokes up tensions with Bolivia.").tone < -0.3
    challenge = score("Chile and Bolivia must work together to meet the challenges of drought.")
    assert all(ev.phrase != "meet" for ev in challenge.evidence)


def test_the_south_china_sea_is_no_party() -> None:
    """A sea named after a state does not name it: for a watch, or as a target."""
    pair = build_scorer(actors=["United States", "China"])
    sea = pair.score("Indonesia and the US are building a training centre by the South China Sea.")
    assert sea.relevant_sentences == 0
    assert pair.score("The US and China held talks on the South China Sea.").tone > 0.3


def test_a_broadcaster_named_free_frees_no_one() -> None:
    """ "Radio Free Asia", "government-funded" are a name and a description, not acts."""
    text = "An anchor for the government-funded Radio Free Asia reported on Chile's arrests."
    assert all(ev.phrase not in ("free", "funded") for ev in score(text).evidence)
    assert score("Chile freed the two Bolivian fishermen.").tone > 0.3


def test_a_truce_on_tariffs_reads_as_one() -> None:
    """Suspending, pausing or forgoing a tariff eases; a duration between the act and
    its object does not hide the object."""
    for text in (
        "Chile will suspend for three months the additional tariffs on Bolivian vehicles.",
        "Chile and Bolivia agreed not to impose new additional tariffs.",
        "A pause in raising tariff barriers is good news for Chile and Bolivia.",
        "When the tariff suspension takes effect, Bolivian car sales in Chile may rebound.",
    ):
        assert score(text).tone > 0.2, text
    assert score("Chile suspended the talks with Bolivia for three months.").tone < 0


def test_an_economys_recovery_is_no_act() -> None:
    """ "The global economic recovery" is the economy's, not a party's act of help."""
    text = "Chile and Bolivia have each taken turns powering the global economic recovery."
    assert all(ev.phrase != "recovery" for ev in score(text).evidence)


def test_signs_that_and_strike_groups_are_no_acts() -> None:
    """ "Signs that …" signs nothing and a carrier "strike group" strikes no one; the
    signing of an agreement is still an act."""
    signs = score("There are signs that Chile and Bolivia will resume talks.")
    assert all(ev.phrase != "signs" for ev in signs.evidence)
    group = score("A Chilean carrier strike group sailed near Bolivia's coast.")
    assert all(ev.phrase != "strike" for ev in group.evidence)
    assert score("Chile and Bolivia witnessed the signing of the agreement.").tone > 0.4


def test_a_stance_restated_counts_once_with_its_sign() -> None:
    """ "Reaffirms its condemnation" restates a condemnation: the verb adds no welcome
    beside it; "reaffirm the communique" still affirms the thing it names."""
    restated = score("Chile reaffirms its condemnation of Bolivia's occupation of the islands.")
    assert all(ev.phrase != "reaffirms" for ev in restated.evidence)
    assert restated.tone < -0.6
    assert score("We reaffirm the communique signed with Bolivia.").tone > 0.3
    assert score("Chile reaffirmed its commitment to dialogue with Bolivia.").tone > 0.4


def test_opposition_to_a_party_s_act_is_a_protest() -> None:
    """ "Strong opposition to X's sales" protests as "opposes" does; the opposition
    as a party at home is no protest."""
    assert score("Chile expressed strong opposition to Bolivia's arms sales.").tone < -0.4
    leader = score("The opposition leader met the Bolivian ambassador in Santiago.")
    assert all(ev.phrase != "opposition" for ev in leader.evidence)


def test_an_opening_said_as_we_makes_the_party_after_it_the_speaker() -> None:
    """ "Encouraged by our experience, Bolivia has …": the participle's subject is the
    main clause's, so Bolivia is the "we" speaking of itself, not a party spoken of."""
    own = score("Encouraged by our positive national experience, Bolivia has promoted dialogue.")
    assert own.label == "neutral"
    assert {ev.speaker for ev in own.evidence} == {"Bolivia"}
    # Another party named beside it is still the one spoken to or of.
    toward = score("Encouraged by our talks with Chile, Bolivia has proposed a joint commission.")
    assert toward.label == "engagement" and toward.evidence[0].target == "Chile"
    # Without "we" in the opening, Bolivia is told as acting, as before.
    assert score("Encouraged by the talks, Bolivia has promoted dialogue.").label == "engagement"
    # "During" is a preposition, not a participle.
    during = score("During our talks, Bolivia has promoted dialogue.")
    assert {ev.speaker for ev in during.evidence} == {""}


def test_a_victory_over_a_hostile_act_ends_it() -> None:
    """A tribute to a people "upon their victory over foreign aggression" praises them;
    the aggression overcome is no charge beside it. A victory over a party in a war
    is still the war."""
    tribute = score("We pay tribute to the people of Chile upon their victory over aggression.")
    assert tribute.label == "engagement" and tribute.tone > 0.5
    assert score("Chile claimed victory over Bolivia in the border war.").tone < -0.2


def test_a_long_name_asked_does_not_eat_what_is_asked() -> None:
    """The second act asked of a party with a long name is asked too; an act done "at
    the request of" a government is done with its consent, not asked of anyone."""
    asked = score(
        "We call on the Democratic People's Republic of Korea to stop the shelling and "
        "to implement the ceasefire."
    )
    assert asked.label == "confrontation"
    assert all("demand-on" in ev.cue for ev in asked.evidence if ev.phrase == "implement")
    consent = score(
        "Chile deployed engineers at the request of the Government of Bolivia to help "
        "rebuild the bridges."
    )
    assert consent.label == "engagement"
    assert all("demand-on" not in ev.cue for ev in consent.evidence)


def test_a_redress_asked_of_no_one_named_blames_no_one() -> None:
    """Asked of a named party, respecting or implementing blames it; asked of "all
    parties" or "Member States", no one is at fault (the rubric's appeal to all)."""
    for text in (
        "The Council calls on all parties to respect the truce in the valley.",
        "Calls upon Member States to implement the new accord on river fisheries.",
        "We urge all sides to honour the commitments made at the peace conference.",
    ):
        result = score(text)
        assert result.tone > -0.1, text
        assert result.label != "confrontation", text
        assert "demand-on" not in cues(result), text
    assert_read(
        "confrontation",
        "demand-on",
        "The Council calls on Serbia to respect the truce in the valley.",
        "We urge Bolivia to honour the commitments made at the peace conference.",
    )


def test_backing_the_undoing_of_an_act_asks_for_it() -> None:
    """Support for lifting an embargo or withdrawing troops asks the party that
    imposed or sent them to undo it (a demand); welcoming it done, or support for a
    process or a fight against a phenomenon, stays engagement."""
    assert_read(
        "confrontation",
        "requested",
        "We support the lifting of the embargo against Cuba.",
        "Our delegation supported the withdrawal of foreign troops from Afghanistan.",
    )
    assert_labels(
        ("We welcome the lifting of the embargo against Cuba.", "engagement"),
        ("We support the peace process between Chile and Peru.", "engagement"),
        (
            "Peru reiterates its support for the fight against drug trafficking from Chile.",
            "engagement",
        ),
    )


_KEPT_OPEN = ("sanctions", "use of force", "export controls")


def test_a_threat_kept_open_is_no_denial_of_it() -> None:
    """A threat "not ruled out" keeps the sanctions as an option; the
    denial is the verb's and does not reach past it. Denied rejection of talks still
    leaves the talks standing, and ruling talks out still refuses them."""
    for text in (
        "Washington has not ruled out new sanctions on Beijing.",
        "Beijing refused to rule out the use of force against Taipei.",
        "Tokyo did not rule out further export controls on chips bound for Seoul.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        kept = [e for e in result.evidence if e.phrase in _KEPT_OPEN]
        assert kept and all(e.weight < 0 for e in kept), text
    assert_labels(
        ("China did not reject the Brazilian proposal for talks.", "engagement"),
        ("The minister ruled out talks with Pyongyang.", "confrontation"),
    )


def test_an_appeal_to_everyone_asks_nothing_of_the_party_it_helps() -> None:
    """A call on the international community, all States or donors to help a named
    state blames no one (the rubric's appeal to donors); the same call made of that
    state's adversary is a demand on it."""
    for text in (
        "We call on the international community to support Haiti.",
        "We urge all Member States to contribute generously to the reconstruction of Gaza.",
        "We urge donors to honour their pledges to Somalia.",
    ):
        result = score(text)
        assert result.label != "confrontation", text
        assert result.tone > 0, text
        assert "appeal" in cues(result), text
        assert "demand-on" not in cues(result), text
    # "appeal to" weighs nothing by itself; what it asks of donors is still no demand.
    asked = score("We appeal to donors to honour their pledges to Somalia.")
    assert asked.tone > 0
    assert "demand-on" not in cues(asked)
    assert_read(
        "confrontation",
        "demand-on",
        "We call on Ethiopia to withdraw its troops from Somalia.",
        "We urge Serbia to honour its pledges to Kosovo.",
    )
    # The Governments named after "of" are asked by name.
    assert "appeal" not in cues(
        score("We urge the Governments of Chad and Sudan to withdraw their troops.")
    )


def test_words_set_against_deeds_are_a_pretence() -> None:
    """Words against deeds ("X says ..., but its actions tell a different story"): what
    X says is held against it (hypocrisy); deeds that match the words confirm them."""
    assert_read(
        "confrontation",
        "hypocrisy",
        "The Brazilian side has repeatedly said it does not seek a new Cold War, "
        "but its actions tell a different story.",
        "Peru says it supports dialogue, but its deeds show otherwise.",
        "Tokyo talks of peace and cooperation, but its actions speak louder than words.",
        # A report's "said" before the profession proper does not stand in for it.
        "The minister said Tokyo talks of peace while its ships keep intruding into our waters.",
    )
    assert_read(
        "engagement",
        "hypocrisy",
        "Chile says it wants stable relations with Peru, but its actions have matched its words.",
        "Chile says it wants stable relations with Peru, and its actions match its words.",
        fired=False,
    )


def test_the_than_of_a_count_is_no_contrast() -> None:
    """A count ("more than half a century", "fewer than 100") is no comparison: the act
    after its "than" is not discounted as a contrast; "rather than sanctions" still is."""
    counted = score(
        "For more than half a century, Chile has endured an unjust economic blockade "
        "imposed by Peru."
    )
    assert counted.label == "confrontation"
    (blockade,) = [e for e in counted.evidence if e.phrase == "blockade"]
    assert "contrast" not in blockade.cue
    compared = score("Chile prefers dialogue with Peru rather than sanctions against it.")
    assert compared.label == "engagement"
    assert all("contrast" in e.cue for e in compared.evidence if e.phrase == "sanctions")


def test_omissions_broken_promises_and_a_reception_met_with() -> None:
    """Lines of my own: having done nothing to act reproaches an omission (it read as a
    pledge kept, +0.20); acting against one's promises breaks them (+0.33); an act "met
    with a firm response" is threatened, not met (+0.18); ordering an envoy to leave the
    country expels him (+0.20); a politically motivated act is an accusation. Doing
    little to ease tensions eases nothing; a meeting is still a meeting."""
    assert_labels(
        ("Despite its pledges, Peru has done nothing to bring the perpetrators to justice.",
         "confrontation"),
        ("Chile has done nothing to implement the agreement it signed.", "confrontation"),
        ("The sanctions did little to ease tensions between Chile and Peru.", "confrontation"),
        ("Bolivia expanded its fleet against its promises to Chile.", "confrontation"),
        ("Any attempt by Peru to change the status quo by force will be met with a firm "
         "response.", "confrontation"),
        ("Peru's junta has ordered the Chilean ambassador to leave the country within "
         "72 hours.", "confrontation"),
        ("Peru's charges against the Chilean consul are politically motivated.",
         "confrontation"),
        ("There is no justification for the attack on the Chilean embassy in Lima.",
         "confrontation"),
        ("The Bolivian minister met with her Chilean counterpart in La Paz.", "engagement"),
    )  # fmt: skip


def test_the_state_an_unnamed_hand_strikes_is_no_target() -> None:
    """Lines of my own: condemning an attack on a state's parliament, embassy or consulate
    by terrorists or an unnamed hand is the rubric's neutral condemnation, not a stance
    against the state struck (it read as confrontation aimed at it, -0.72); the state
    that owns or does the attack stays the target."""
    for text in (
        "Chile strongly condemns the attack on Peru's parliament by the Shining Path.",
        "We condemn the terrorist attack against Bolivia's consulate in Arica.",
        "Gunmen attacked the Chilean consulate in Tacna.",
        "The bombing of the Peruvian embassy was claimed by an armed group.",
    ):
        result = score(text)
        assert all(not e.target for e in result.evidence), text
    for text, target in (
        ("We condemn Chile's attack on Peru.", "Chile"),
        ("We condemn the attack on Peru by Chile.", "Chile"),
        ("We condemn the Chilean attack on Peru.", "Chilean"),
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert {e.target for e in result.evidence} == {target}, text


def test_two_states_that_condemn_together_aim_at_neither() -> None:
    """ "Chile and Peru jointly condemned the attack" is one stance of two speakers (it
    read as aimed at Chile); "Chile condemned Peru's tariffs" still aims at Peru."""
    joint = score("Chile and Peru jointly condemned the terrorist attack on the hotel in Lima.")
    assert all(not e.target for e in joint.evidence)
    assert {e.target for e in score("Chile condemned Peru's new tariffs.").evidence} == {"Peru"}


def test_a_part_of_a_state_is_a_place_and_a_disaster_no_act() -> None:
    """ "In northern Peru", "in western Bolivia" are places like "in Peru" (the West was
    read as a party in "western Bolivia"); the harm an earthquake or a hurricane does is no
    one's act (-0.62, confrontation); the West and an act in a region stay."""
    for text in (
        "Unidentified gunmen killed twelve villagers in northern Peru on Sunday.",
        "The earthquake killed more than 2,000 people in western Bolivia.",
    ):
        assert all(not e.target for e in score(text).evidence), text
    assert_labels(
        ("The earthquake killed more than 2,000 people in western Bolivia.", "neutral"),
        ("Hurricane Maria destroyed ninety per cent of our infrastructure.", "neutral"),
        ("Floods have killed forty people in southern Chile.", "neutral"),
    )
    west = score("The western powers imposed sanctions on Bolivia.")
    assert west.label == "confrontation" and west.evidence[0].target == "western"
    assert score("Chile's offensive in northern Peru killed forty soldiers.").label == (
        "confrontation"
    )


def test_cooperation_pledged_to_everyone_takes_no_stance() -> None:
    """Cooperation asked of or pledged to everyone ("all nations", "the international
    community", "a global partnership") is the rubric's principle, not engagement with
    anyone: it read +0.25 to +0.45, engagement. The same words with a named partner stay
    engagement."""
    assert_read(
        "neutral",
        "formula",
        "Closer cooperation among all nations is the only way to meet the challenge of "
        "climate change.",
        "A renewed global partnership should bring Governments, business and civil society "
        "together for development.",
        "Every Member State must contribute to a strengthened partnership for peace and "
        "development.",
        "The international community should join hands and deepen cooperation on food security.",
    )
    assert_labels(
        ("We stand ready to work with Kenya to bring the pandemic under control.", "engagement"),
        ("Germany and France have deepened their cooperation on food security.", "engagement"),
        ("We welcome the partnership between the African Union and the European Union.",
         "engagement"),
    )  # fmt: skip


def test_concern_about_a_situation_and_a_disease_blame_no_one() -> None:
    """Concern with no party named is about the situation: its words are the concern's
    ("deteriorating" read -0.45, confrontation); a disease kills as a flood does; welcoming
    a treaty "for humanity" is a principle. Concern about a named party's conduct stays
    confrontation."""
    assert_labels(
        ("We are deeply concerned about the deteriorating humanitarian situation in the "
         "region.", "neutral"),
        ("Malaria still kills more than 600,000 people every year, most of them children in "
         "Africa.", "neutral"),
        ("The entry into force of the Treaty on the Prohibition of Nuclear Weapons is a "
         "milestone for humanity.", "neutral"),
        ("We are deeply concerned that Eritrea continues to detain journalists without trial.",
         "confrontation"),
        ("We regret that Eritrea has not yet ratified the Convention despite its promises.",
         "confrontation"),
        ("Government troops killed more than sixty people in the north.", "confrontation"),
    )  # fmt: skip


def test_a_word_broken_is_a_breach() -> None:
    """ "Broken its word", "went back on its word" are breaches (both read 0.00, neutral);
    a word never gone back on is no charge."""
    assert_labels(
        ("The US has repeatedly broken its word on the one-China principle.", "confrontation"),
        ("The government went back on its word and raised tariffs again.", "confrontation"),
    )
    assert score("China has never gone back on its word.").label != "confrontation"


def test_harm_from_a_hazard_named_after_it_is_no_act() -> None:
    """ "The victims of the earthquake." and "destroyed by the floods" name the hazard after
    the harm (the first read -0.19, confrontation); harm "by the army" stays an act."""
    assert_labels(
        ("The Assembly observed a minute of silence in memory of the victims of the "
         "earthquake.", "neutral"),
        ("Hundreds of homes were destroyed by the floods last week.", "neutral"),
        ("Villages destroyed by the army in the north were never rebuilt.", "confrontation"),
    )  # fmt: skip


def test_a_stance_carried_by_structure_alone_is_taken() -> None:
    """A demand on a named party, its breach or a rhetorical charge decide a sentence even
    when the words that carry it are mild ("yet to recognise" read -0.33, neutral); "it
    would be welcome if X stopped ..." asks X to change (+0.65, engagement)."""
    assert_read(
        "confrontation",
        "demand-on",
        "It would be welcome if Belgrade stopped denying the genocide.",
        "It would be helpful if Washington lifted the sanctions on our banks.",
    )
    assert_read(
        "confrontation", "breach", "Serbia has yet to recognise the independence of Kosovo."
    )
    assert_labels(
        ("How long will the Security Council allow Israel to act with impunity?", "confrontation"),
        ("Instead of engaging in dialogue, Baku chose to starve the people of Nagorno-Karabakh.",
         "confrontation"),
        ("Negotiations on the draft resolution will continue next week.", "neutral"),
        ("It would be welcome if Serbia and Kosovo resumed their dialogue soon.", "engagement"),
    )  # fmt: skip


def test_own_virtue_beside_a_party_s_conduct_at_a_semicolon() -> None:
    """ "We chose dialogue; X chose terror" sets own virtue against X as "whereas" does
    (+0.23, engagement); two clauses that both lean cooperative stay engagement."""
    assert_read(
        "confrontation",
        "contrast-self",
        "We have always chosen dialogue; the Pakistani side has chosen terror.",
        "We have offered talks many times; Belgrade answered with threats.",
    )
    assert_labels(
        ("We support dialogue; China supports it too.", "engagement"),
        ("Our country remains committed to peace; we thank Norway for its mediation.",
         "engagement"),
    )  # fmt: skip


def test_a_truce_broken_is_undone() -> None:
    """ "Broke the truce" undoes the truce (+0.57, engagement), also after "kept none and"
    (a denial does not reach across "and"); "broke the ice", "broke new ground" and
    breaking a deadlock are no breach."""
    assert_labels(
        ("Moscow broke the truce.", "confrontation"),
        ("We kept every promise; Moscow kept none and broke the truce.", "confrontation"),
        ("The rebels broke the ceasefire within hours of signing it.", "confrontation"),
        ("The two leaders broke the ice with a warm handshake.", "engagement"),
        ("The talks broke new ground in their cooperation on energy.", "engagement"),
        ("The agreement helped break the deadlock.", "engagement"),
    )


def test_what_a_refusal_is_called_is_not_refused() -> None:
    """After "refusal to ..." or "lack of ...", the verb "is" ends what is denied: "the
    junta's refusal to hold elections is unacceptable" read +0.29 (the judgement denied).
    A denial with no such verb still reaches its object."""
    assert_labels(
        ("The junta's refusal to hold elections is unacceptable.", "confrontation"),
        ("The lack of progress in the talks is deeply regrettable.", "confrontation"),
        ("Minsk continues to instrumentalise migrants against its neighbours.", "confrontation"),
    )
    assert score("Tehran's refusal to cooperate with the inspectors").tone < 0


def test_an_object_never_outweighs_the_act_that_governs_it() -> None:
    """ "pressed Beijing on its support for ..." read +0.03 (engagement): the support, only
    what was pressed on, outweighed the pressing. Acts still carry their own sign."""
    pressed = score(
        "The Deputy Secretary pressed Beijing on its support for Russia's defense industrial base."
    )
    assert pressed.tone < 0
    assert pressed.label != "engagement"
    assert "object" in cues(pressed)
    assert score("The rebels released the hostages.").tone > 0
    assert score("The army shelled the refugee camp.").tone < 0


def test_a_hostile_act_in_the_plural_is_a_noun_not_its_end() -> None:
    """ "China protested the Dutch curbs on chip exports" read +0.57 (engagement): "curbs"
    was read as ending the protest, as "tensions eased" ends the tension."""
    assert_labels(
        ("China protested the Dutch curbs on chip exports.", "confrontation"),
        ("Beijing protests Dutch curbs on chip equipment exports", "confrontation"),
        ("Tokyo condemned the new curbs on seafood imports.", "confrontation"),
        ("Tensions between the two countries eased.", "engagement"),
        ("Hostilities between Israel and Hamas ceased.", "engagement"),
    )


def test_market_demand_is_no_claim_on_a_party() -> None:
    """ "Oil prices edge higher as traders weigh Chinese demand" read -0.48
    (confrontation): beside the words of a market, "demand" is what buyers want."""
    market = score("Oil prices edge higher as traders weigh Chinese demand")
    assert market.label == "neutral"
    assert "demand" not in {ev.phrase for ev in market.evidence}
    assert_labels(
        ("We demand that Russia lift its oil embargo.", "confrontation"),
        ("China rejected the US demand that it cut oil exports to Iran.", "confrontation"),
    )


def test_a_bloc_s_own_gathering_is_its_calendar() -> None:
    """ "The Philippines will host the ASEAN summit" read +0.55, "Xi to attend BRICS summit
    in Johannesburg" +0.42 (engagement): one member hosting or attending its bloc's
    gathering is procedure. Talks with another party there, or two parties, are not."""
    for text in (
        "The Philippines will host the ASEAN summit.",
        "Xi to attend BRICS summit in Johannesburg",
        "President Lula will attend the G20 summit in New Delhi.",
    ):
        result = score(text)
        assert result.label == "neutral", text
        assert "procedure" in cues(result), text
    assert_labels(
        ("Biden will hold talks with Xi at the APEC summit.", "engagement"),
        ("Biden and Xi will meet on the sidelines of the G20 summit.", "engagement"),
        ("NATO summit welcomes Finland as its newest member.", "engagement"),
    )


def test_seats_of_government_speak_for_it_unless_something_is_named_after_them() -> None:
    """ "Madrid and Rabat" named no party (read as an untargeted formula); "the Paris
    Agreement", "the Helsinki Final Act", "the Vilnius summit" name what was agreed or
    held there, not the government."""
    relation = score(
        "Madrid and Rabat announced a new stage in their relationship based on mutual trust."
    )
    assert relation.label == "engagement"
    assert {"Madrid", "Rabat"} & {ev.target for ev in relation.evidence}
    accused = score("Oslo accused Stockholm of breaking the fishing agreement.")
    assert accused.label == "confrontation"
    assert accused.evidence[0].target in ("Oslo", "Stockholm")
    for text in (
        "We remain committed to the Paris Agreement.",
        "We reaffirm the principles of the Helsinki Final Act.",
        "The Vilnius summit opened on Tuesday.",
    ):
        assert not any(ev.target for ev in score(text).evidence), text


def test_a_warning_of_retaliation_threatens_whoever_would_act() -> None:
    """ "Iran's foreign minister warned that any attack ... would be met with a decisive
    response" read as the speaker's own voice (neutral): a threat aims at an implied
    party. A warning of a response to something, or of a situation, threatens no one."""
    for text in (
        "Iran's foreign minister warned that any attack on its nuclear facilities would be "
        "met with a decisive response.",
        "The minister warned that those who play with fire would pay a heavy price.",
        "The government warned of serious consequences if the missiles were delivered.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert "implied" in cues(result), text
    for text in (
        "The report warned that the response to the crisis was too slow.",
        "Scientists warned of the consequences of climate change.",
    ):
        assert "implied" not in cues(score(text)), text


def test_where_a_relation_stands_is_said_in_set_phrases() -> None:
    """ "relations were at their best in history" (neutral), "a new stage in their
    relationship" (no term) tell a relation at a high; "a new chapter of violence" is no
    new chapter in relations."""
    assert_labels(
        ("Speaking after the meeting, Lavrov said relations with Beijing were at their best "
         "in history.", "engagement"),
        ("Hanoi and Washington turned the page on the war.", "engagement"),
        ("Relations between Ottawa and New Delhi are in freefall.", "confrontation"),
    )  # fmt: skip
    assert score("The conflict has entered a new chapter of violence.").label != "engagement"


def test_an_accord_held_under_a_broken_commitment_is_broken_too() -> None:
    """ "Moscow violated the terms of the ceasefire agreement" read +0.38 and "Iran has not
    complied with its obligations under the nuclear deal" +0.02 (engagement): the accord
    after "the terms of" or "obligations under" is what was broken. Kept, it is kept."""
    for text in (
        "Moscow violated the terms of the ceasefire agreement.",
        "Iran has not complied with its obligations under the nuclear deal.",
        "The trade envoy said Beijing had failed to meet its purchase commitments under the "
        "Phase One deal.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert all(ev.weight < 0 for ev in result.evidence if ev.phrase in ("deal", "agreement"))
    assert_labels(
        ("China honoured its commitments under the trade deal.", "engagement"),
        ("Both sides respected the terms of the ceasefire agreement.", "engagement"),
    )
    humane = score("The army committed gross violations of human rights and humanitarian law.")
    (law,) = [ev for ev in humane.evidence if ev.phrase == "humanitarian"]
    assert law.weight > 0  # coordinated with what was violated, not held under it


def test_a_formal_complaint_against_a_party_is_a_protest() -> None:
    """ "China filed a complaint with the WTO against US chip subsidies" read -0.32
    (neutral, too weak): a complaint filed or lodged is a formal protest."""
    assert_term(
        "confrontation",
        "filed a complaint",
        "China filed a complaint with the WTO against US chip subsidies.",
    )
    assert_term(
        "confrontation",
        "lodged a complaint",
        "Baku lodged a complaint with the Council against Yerevan.",
    )


def test_a_communique_s_costs_complicity_and_a_bloc_s_presidency() -> None:
    """ "We will continue to impose costs on Russia and those who support its war" read
    +0.24 (engagement): imposing costs is a countermeasure, and support for "its war" is
    complicity. "Its successful G20 presidency" is a state's work for a bloc, which
    praise of it engages (read 0.0 as a courtesy to the chair); the Assembly's presidency
    stays protocol."""
    costs = score("We will continue to impose costs on Russia and those who support its war.")
    assert costs.label == "confrontation"
    assert "complicity" in cues(costs)
    assert_labels(
        ("We support Ukraine in its war of self-defence.", "engagement"),
        ("We congratulate Brazil on its successful G20 presidency.", "engagement"),
        ("We thank Japan for its leadership as the G7 Presidency.", "engagement"),
        ("We congratulate you, Sir, on your election to the presidency.", "neutral"),
    )


def test_a_spoiler_in_the_passive_undoes_its_subject() -> None:
    """ "The ceasefire was broken within hours" read +0.26 (engagement): in the passive,
    a spoiler undoes the cooperation before it, as "the visit was cancelled" does. A
    cooperation kept in the passive stays engagement."""
    assert_labels(
        ("The ceasefire was broken within hours.", "confrontation"),
        ("The accord was violated by the rebels.", "confrontation"),
        ("The agreement is being undermined.", "confrontation"),
        ("The ceasefire was respected.", "engagement"),
    )
    violated = score("The accord was violated by the rebels.")
    assert [ev.phrase for ev in violated.evidence].count("violated") <= 1


def test_a_condemnation_withheld_from_a_hostile_act_is_reproached() -> None:
    """ "Beijing refused to condemn the invasion" read +0.45 (engagement): the refusal
    turned both the condemnation and the invasion into praise. Withheld from a hostile
    act, a condemnation is an omission reproached, as "has not even condemned" is;
    withheld from a benign act it is not."""
    for text in (
        "Beijing refused to condemn the invasion.",
        "China has not condemned the invasion.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert all(ev.weight < 0 for ev in result.evidence), text
    assert score("Chile did not condemn Bolivia's decision to hold talks.").tone > 0


def test_an_ambassador_ordered_to_leave_is_expelled() -> None:
    """ "Niger's junta ordered the French ambassador to leave" read +0.20 (no term)."""
    assert_term(
        "confrontation",
        "ambassador to leave",
        "Niger's junta ordered the French ambassador to leave.",
    )
    assert score("The ambassador to Lebanon will leave next month.").label != "confrontation"


def test_no_hostility_asked_of_two_parties_blames_neither() -> None:
    """ "China and the US should be partners rather than rivals" read -0.43 as a demand
    on China: the rivalry denied in what two parties are asked blames neither. Asked
    to stop a hostile act, both are blamed; one party asked not to act is a demand."""
    assert_labels(
        ("China and the US should be partners rather than rivals.", "engagement"),
        ("India and Pakistan should stop their hostile propaganda.", "confrontation"),
        ("Washington should not interfere in Beijing's internal affairs.", "confrontation"),
    )


def test_idioms_of_a_self_defeating_policy() -> None:
    """ "Lifting a rock only to drop it on its own feet", "shoot itself in the foot" and
    "stretching the concept of national security" accuse (read 0.0, no term)."""
    assert_labels(
        ("The US move is like lifting a rock only to drop it on its own feet.", "confrontation"),
        ("With these sanctions Brussels will only shoot itself in the foot.", "confrontation"),
        ("The US keeps stretching the concept of national security.", "confrontation"),
    )


def test_the_sidelines_of_a_summit_sideline_no_one() -> None:
    """ "agreed on the sidelines of the G20 summit": after "agreed on" took "on", "the
    sidelines" matched "sidelined" (-0.45, an accusation) in a truce sentence."""
    result = score(
        "Xi Jinping and his United States counterpart, Donald Trump, agreed on the "
        "sidelines of the G20 summit to halt new tariffs."
    )
    assert result.label == "engagement"
    assert all(ev.weight > 0 for ev in result.evidence)
    assert score("The opposition leader has been sidelined by Moscow.").tone < 0


def test_accusations_of_a_legislature_and_the_organs_they_name() -> None:
    """Hearings and floor speeches on China accuse in words the lexicon lacked (theft,
    lied, betrayal, complicit, a Trojan horse, influence operations, authoritarianism,
    overcapacity) and name organs (the CCP, the Pentagon) that were no party: each of
    these read 0.0 or neutral. Calm mentions of the same organs stay neutral."""
    assert_labels(
        ("Beijing is stealing American intellectual property on an industrial scale.",
         "confrontation"),
        ("The CCP lied to the world about the outbreak.", "confrontation"),
        ("The new rules are a betrayal of Beijing's promises to Hong Kong.", "confrontation"),
        ("By arming Moscow, Tehran has become complicit in the war.", "confrontation"),
        ("The app is a Trojan horse for the Chinese government.", "confrontation"),
        ("Confucius Institutes are part of Beijing's influence operations.", "confrontation"),
        ("China is exporting digital authoritarianism to its neighbours.", "confrontation"),
        ("Moscow accused the Pentagon of running laboratories near its borders.",
         "confrontation"),
        ("Russia highly values the balanced position of Brazil.", "engagement"),
        ("Beijing and Moscow will coordinate closely in the Security Council.", "engagement"),
        ("The Pentagon said the exercise would begin on Monday.", "neutral"),
        ("The Communist Party of Vietnam opened its congress in Hanoi.", "neutral"),
    )  # fmt: skip


def test_commentary_think_tanks_barely_and_relics() -> None:
    """Analysis of a relation: "think tanks" are no armour (read -0.40), "barely talk"
    denies the talking (+0.30), "relics of the Cold War" disparages (read +0.14)."""
    assert_labels(
        ("Think tanks in both countries have published dozens of reports.", "neutral"),
        ("Russian tanks crossed into Ukraine at dawn.", "confrontation"),
        ("Beijing views Washington's alliances in Asia as relics of the Cold War.",
         "confrontation"),
    )  # fmt: skip
    assert score("The two militaries barely talk to each other.").tone < 0
    assert score("The two militaries talk to each other.").tone > 0


def test_a_judgement_near_a_hazard_judges_conduct() -> None:
    """ "The PRC's refusal to share data on the origins of the pandemic is unacceptable"
    read -0.38, neutral: the pandemic two words before "unacceptable" took the judgement
    for harm a hazard does. What a hazard does stays no party's act."""
    assert_labels(
        ("The PRC's refusal to share data on the origins of the pandemic is unacceptable.",
         "confrontation"),
        ("The earthquake killed two thousand people.", "neutral"),
    )  # fmt: skip


def test_a_suspension_of_hostile_measures_eases() -> None:
    """ "agreed to extend the suspension of the additional tariffs" read -0.30: the
    suspension was a hostile act of its own. Suspending cooperation still confronts, and
    talks about a cessation of hostilities that stall still fail."""
    assert_labels(
        ("The two sides agreed to extend the suspension of the additional tariffs.",
         "engagement"),
        ("China announced the suspension of talks with the US on climate.", "confrontation"),
        ("Russia's suspension of the grain deal drew condemnation.", "confrontation"),
    )  # fmt: skip
    assert score("The talks on a cessation of hostilities stalled.").tone < 0
    assert score("The talks on a suspension of hostilities collapsed.").tone < 0


def test_help_that_keeps_a_war_going_is_complicity() -> None:
    """ "China's support for Russia's defense industrial base is prolonging the war" read
    +0.34: the support was counted as cooperation with Russia."""
    result = score(
        "China's support for Russia's defense industrial base is prolonging the war in Ukraine."
    )
    assert result.label == "confrontation"
    assert "complicity" in cues(result)
    assert_labels(
        ("Iran's arms supplies to the Houthis are fuelling the conflict in Yemen.",
         "confrontation"),
        ("International support for Ukraine is sustaining its economy.", "engagement"),
    )  # fmt: skip


def test_a_released_readout_frees_no_one() -> None:
    """ "The White House released a readout of the call" read +0.54, engagement, as if
    someone had been set free."""
    assert_labels(
        ("The White House released a readout of the call.", "neutral"),
        ("Beijing released two detained Americans.", "engagement"),
    )


def test_a_reverser_reaches_a_noun_with_joined_modifiers() -> None:
    """ "China cut off climate and military talks with the US" read +0.57: the "and"
    between two words that modify "talks" ended the cut's reach. Two acts joined by
    "and" still stand apart."""
    assert score("China cut off climate and military talks with the US.").tone < 0
    assert_labels(
        ("The US lifted visa and travel restrictions on Chinese students.", "engagement"),
        ("Washington lifted sanctions and restored ties with Havana.", "engagement"),
    )


def test_sarcasm_and_counterfactuals_of_a_spokesperson() -> None:
    """Rhetorical lines read 16 of 30 on first reading. "We trust that London will
    notice ..." read +0.62 (trust between parties), "Without Qatar's help, the hostages
    would not have been freed" -0.54 (help denied), "even the oldest wounds can heal"
    -0.41, "If the US truly cared about human rights, ..." 0.0."""
    assert (
        score(
            "We trust that London will eventually notice the consequences of its own decisions."
        ).tone
        <= 0
    )
    assert_labels(
        ("We trust that the Chinese side will honour its commitments.", "confrontation"),
        ("We trust the United States as a partner.", "engagement"),
        ("Without Qatar's help, the hostages would not have been freed.", "engagement"),
        ("Without China's support, the agreement could never have been reached.",
         "engagement"),
        ("Russia attacked without warning.", "confrontation"),
        ("Ethiopia and Eritrea have shown that even the oldest wounds can heal.",
         "engagement"),
        ("If the US truly cared about human rights, it would start at home.",
         "confrontation"),
        ("Who gave Washington the right to militarize the region?", "confrontation"),
    )  # fmt: skip


def test_a_council_meeting_record() -> None:
    """Summaries of Council meetings: an agenda item is a topic ("an open debate on
    children and armed conflict" read -0.25, confrontation), "bore sole responsibility"
    blames, and "deliberately targeted" accuses (both read 0.0)."""
    assert_labels(
        ("The Council will hold an open debate on children and armed conflict next month.",
         "neutral"),
        ("The Israeli representative said Hamas bore sole responsibility for the suffering.",
         "confrontation"),
        ("The representative of Ukraine said that Russia had deliberately targeted the "
         "country's energy grid.", "confrontation"),
    )  # fmt: skip


def test_a_speech_delivered_and_a_price_cap_imposed() -> None:
    """ "Xi delivered a speech at the opening ceremony" read +0.36, engagement, as if
    aid had been delivered; "The G7 imposed a price cap on Russian oil" read 0.0."""
    assert_labels(
        ("Xi delivered a speech at the opening ceremony of the forum.", "neutral"),
        ("Japan delivered aid to the Philippines.", "engagement"),
        ("The G7 imposed a price cap on Russian oil.", "confrontation"),
    )


def test_a_breach_that_points_back_undoes_the_cooperation() -> None:
    """ "Moscow signed the accord and then violated it" read +0.51, engagement: the
    signing and the accord outweighed their own breach. So did "signed every ceasefire
    ... and honoured none" and "made many promises and kept none of them"."""
    result = score("Moscow signed the accord and then violated it.")
    assert result.label == "confrontation"
    assert "breach" in cues(result)
    assert_labels(
        ("Moscow signed the ceasefire but broke it within hours.", "confrontation"),
        ("Moscow has signed every ceasefire put before it and honoured none.",
         "confrontation"),
        ("The junta made many promises and kept none of them.", "confrontation"),
        ("Both sides signed the accord and have respected it ever since.", "engagement"),
        ("The treaty was ratified in 1992, and Washington has never violated it.",
         "engagement"),
    )  # fmt: skip


def test_promises_that_turn_out_empty_and_a_fate_unaccounted_for() -> None:
    """ "Each promise of withdrawal made by the occupying forces has turned out to be
    empty" read +0.48; "Minsk has yet to account for the fate of the disappeared" 0.0."""
    assert_labels(
        ("Each promise of withdrawal made by the occupying forces has turned out to be "
         "empty.", "confrontation"),
        ("Minsk has yet to account for the fate of the disappeared.", "confrontation"),
        ("Moscow's offer of talks was turned down by Kyiv.", "confrontation"),
    )  # fmt: skip


def test_reports_from_the_negotiating_room() -> None:
    """Wire copy on talks and on coalitions. Each of these read on the wrong side or at
    0.0: a walkout from a session, "little progress", demands called "unreasonable and a
    step backwards", a letter signed to criticise, a "missile defence" exercise, the cut
    whose criticism followed, and talks that collapsed over a question of guarantees."""
    assert_labels(
        ("The Iranian side walked out of the session after the draft was circulated.",
         "confrontation"),
        ("Washington said Tehran's latest demands were unreasonable and a step backwards.",
         "confrontation"),
        ("Twenty-two countries signed a letter criticising Beijing's treatment of the "
         "Uyghurs.", "confrontation"),
        ("Seoul and Tokyo joined Washington in a trilateral exercise on missile defence.",
         "engagement"),
        ("The OPEC+ decision to cut output drew sharp criticism from Washington.",
         "confrontation"),
        ("Beijing halted the talks.", "confrontation"),
        ("Japan and Australia signed a defence pact.", "engagement"),
    )  # fmt: skip
    assert (
        score(
            "Negotiators made little progress on the key issues, according to people familiar "
            "with the talks."
        ).tone
        < 0
    )
    assert score("The negotiations collapsed over the question of security guarantees.").tone < 0


def test_a_seat_of_office_after_at_the_is_a_building() -> None:
    """ "The ministers met for three hours at the Foreign Office" named the Foreign Office
    as the party met; the office, like the Pentagon, still speaks for its government."""
    result = score("The ministers met for three hours at the Foreign Office.")
    assert all(ev.target != "Foreign Office" for ev in result.evidence)
    assert score("Moscow accused the Pentagon of running laboratories near its borders.").label == (
        "confrontation"
    )


def test_the_words_of_officials_posts_and_ministry_briefings() -> None:
    """Short posts and a ministry's briefings: "Hands off Venezuela!", "absurd",
    "mistreatment", "pure discrimination" read 0.0; "Great to see Armenia and Azerbaijan
    taking steps toward lasting peace" +0.33, neutral."""
    assert_labels(
        ("Hands off Venezuela!", "confrontation"),
        ("The remarks made by the Canadian Prime Minister are absurd.", "confrontation"),
        ("Canberra's decision to exclude Huawei is pure discrimination.", "confrontation"),
        ("We have raised the mistreatment of Indian students with the Chinese side.",
         "confrontation"),
        ("Great to see Armenia and Azerbaijan taking steps toward lasting peace.",
         "engagement"),
        ("Racial discrimination remains widespread in the labour market.", "neutral"),
    )  # fmt: skip


def test_what_a_party_takes_up_again_gives_the_sign() -> None:
    """ "Pyongyang resumed its provocations" read +0.12 and "returned to its old
    provocations" +0.13: the object rule let "resumed" outweigh what was resumed."""
    assert_labels(
        ("Pyongyang resumed its provocations.", "confrontation"),
        ("The agreement was welcomed at first, but Pyongyang soon returned to its old "
         "provocations.", "confrontation"),
        ("Russia resumed shelling of Kharkiv.", "confrontation"),
        ("The two sides resumed talks.", "engagement"),
        ("Pyongyang returned to dialogue.", "engagement"),
    )  # fmt: skip
    # "the return of" is a noun: the inspectors come back, nothing hostile is resumed.
    assert score("Iraq said it would allow the return of U.N. weapons inspectors.").tone > -0.1


def test_concessions_and_contrasts_of_commentary() -> None:
    """Sentences built on a concession or a contrast read 16 of 30 on first reading:
    "For all its talk of partnership, Beijing continues to pressure its neighbours"
    +0.58; "the summit ... ended with both sides trading accusations" +0.56 ("ended"
    undid the accusations); "could not hide the gulf" denied the gulf; "Not even the
    war could break the friendship" broke it; "now" did not end a recalled time."""
    assert_labels(
        ("For all its talk of partnership, Beijing continues to pressure its neighbours.",
         "confrontation"),
        ("The summit, billed as a new beginning, ended with both sides trading accusations.",
         "confrontation"),
        ("The smiles in Beijing could not hide the gulf between the two sides on Ukraine.",
         "confrontation"),
        ("Not even the war could break the friendship between the Polish and Ukrainian "
         "peoples.", "engagement"),
        ("Unlike a decade ago, India and China now hold regular border talks.",
         "engagement"),
        ("Moscow and Kyiv ended their talks.", "confrontation"),
    )  # fmt: skip


def test_other_years_of_the_pair() -> None:
    """Lines from 1996-2019 of the U.S.-China relation: past leaders were no parties
    ("Hu Jintao and Bush held talks" read untargeted), an apology was outweighed by the
    wrong it was for (-0.33), and an Olympic torch relay burned (-0.41)."""
    assert_labels(
        ("President Clinton apologised to President Jiang for the embassy bombing.",
         "engagement"),
        ("Tokyo apologised to Seoul for its colonial rule.", "engagement"),
        ("Beijing demanded that Washington apologise for the bombing.", "confrontation"),
        ("Hu Jintao and Bush held talks on the sidelines of the APEC summit in Shanghai.",
         "engagement"),
        ("The Olympic torch relay began in Greece in March 2008.", "neutral"),
    )  # fmt: skip


def test_strikes_of_a_war_told_in_the_news() -> None:
    """ "Russian drones struck Odesa overnight" and "Ukraine's drones hit an oil refinery"
    read 0.0; "Air raid sirens sounded across Ukraine" -0.45, as a raid. A deal struck
    (before or after the verb: "the agreement struck at Munich") and a law struck down
    keep their own sense."""
    assert_labels(
        ("Russian drones struck Odesa overnight, damaging port infrastructure.",
         "confrontation"),
        ("Ukraine's drones hit an oil refinery deep inside Russia.", "confrontation"),
        ("Air raid sirens sounded across Ukraine for the third night in a row.", "neutral"),
        ("The two sides struck a deal on grain exports.", "engagement"),
        ("The deal struck in Geneva cut tariffs.", "engagement"),
        ("The ruling struck down the law.", "neutral"),
        ("An earthquake struck central Turkey.", "neutral"),
    )  # fmt: skip


def test_words_of_a_state_paper_editorial() -> None:
    """Editorial lines read 0.0: rumours spread, "militarist ghosts", "dancing to
    Washington's tune", "a recipe for disaster"."""
    assert_labels(
        ("Some Western media outlets have been spreading rumours about Xinjiang.",
         "confrontation"),
        ("Tokyo's militarist ghosts are haunting the region again.", "confrontation"),
        ("Canberra has been dancing to Washington's tune for too long.", "confrontation"),
        ("NATO's expansion into the Asia-Pacific is a recipe for disaster.",
         "confrontation"),
    )  # fmt: skip


def test_a_strong_urging_still_asks() -> None:
    """ "Japan strongly urges China to release the detained Japanese national" read
    +0.08, engagement: the phrase "strongly urge" took the words of the request, so the
    release was read as done, not asked of China. Urged on both sides, dialogue is
    encouraged."""
    result = score("Japan strongly urges China to release the detained Japanese national.")
    assert result.label == "confrontation"
    assert "demand-on" in cues(result)
    assert_labels(("We strongly urge both sides to resume dialogue.", "engagement"))


def test_leaving_a_body_breaks_with_it() -> None:
    """ "The US withdrew from the World Health Organization" read +0.46 and "its
    withdrawal from ECOWAS" +0.33: a withdrawal weighed as troops pulled back. Troops
    withdrawn still count as easing."""
    for text in (
        "The US withdrew from the World Health Organization.",
        "Mali announced its withdrawal from ECOWAS.",
        "Britain's withdrawal from the EU took effect in January.",
    ):
        assert score(text).tone < 0, text
    assert_labels(
        ("The EU welcomed the withdrawal of Russian troops.", "engagement"),
        ("Russia withdrew troops as the Security Council met.", "engagement"),
        ("The Special Rapporteur was denied entry to Myanmar.", "confrontation"),
    )


def test_a_principle_among_nations_names_no_party() -> None:
    """ "Cooperation among nations is the only answer …" read +0.45, engagement: the
    rubric's general principle addressed to no one. Nations in general are no party;
    two nations that cooperate are."""
    for text in (
        "Cooperation among nations is the only answer to challenges that know no borders.",
        "Friendship among peoples is the surest foundation of peace.",
    ):
        result = score(text)
        assert result.label == "neutral", text
        assert "formula" in cues(result), text
    assert_labels(
        ("Cooperation between the two nations has deepened since the summit.", "engagement"),
    )


def test_a_state_of_the_world_is_no_stance() -> None:
    """ "Climate change is the greatest threat to our survival" read −0.35,
    confrontation: a state of affairs described, of no party (the rubric's thematic
    description). Said of a named party, of a relation or of an act only a state
    commits, it stays a charge."""
    for text in (
        "Climate change is the greatest threat to our survival.",
        "The conflict in Sudan is the worst humanitarian crisis in the world.",
        "Poverty remains the greatest threat to stability in our region.",
    ):
        result = score(text)
        assert result.label == "neutral", text
        assert "thematic" in cues(result), text
    assert_labels(
        ("Russia's war is a threat to the whole of Europe.", "confrontation"),
        ("The occupation remains the main obstacle to peace.", "confrontation"),
        ("Tensions between the two countries are a threat to the region.", "confrontation"),
    )


def test_a_relation_in_trouble_is_what_is_spoken_of() -> None:
    """ "Relations between Washington and Beijing are in crisis" read +0.32 and "Ties
    between Tokyo and Seoul remain strained" +0.08, engagement: the noun *relations*
    weighed as an act of engagement. As the subject of what is said of it, the relation
    weighs nothing and what is said gives the sign; *since the establishment of
    diplomatic ties* dates, and *the most serious challenges* said of a relation tell
    its state."""
    for text in (
        "Relations between Washington and Beijing are in crisis.",
        "Ties between Tokyo and Seoul remain strained.",
        "China-US relations are facing the most serious challenges since the "
        "establishment of diplomatic ties.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
    assert "subject" in cues(score("Ties between Tokyo and Seoul remain strained."))
    assert_labels(
        ("Relations between the two countries are excellent.", "engagement"),
        ("The two leaders agreed to restore relations despite tensions.", "engagement"),
        ("Since the signing of the peace accord, the two countries have cooperated closely.",
         "engagement"),
    )  # fmt: skip


def test_the_words_for_where_a_relation_stands() -> None:
    """Lines on where a relation stands read the noun alone: "Relations between Paris
    and Algiers are once again in turmoil" +0.55, "… is on the mend" 0.0. Said of no
    relation, the words tell nothing ("the weather remained tense" is no stance);
    *speak about* a relation only names the topic, and what happened *since the war*
    dates the change."""
    assert_labels(
        ("Relations between Paris and Algiers are once again in turmoil.", "confrontation"),
        ("Relations between Belgrade and Pristina remain tense.", "confrontation"),
        ("The relationship between Beijing and Canberra remains in the deep freeze.",
         "confrontation"),
        ("Relations between Moscow and Washington have rarely been this bad.", "confrontation"),
        ("Ties have been frosty since the ambassador was recalled.", "confrontation"),
        ("The relationship between Seoul and Tokyo is on the mend.", "engagement"),
        ("Relations between Washington and Hanoi have come a long way since the war.",
         "engagement"),
        ("The minister is expected to speak about relations with China on Tuesday.", "neutral"),
        ("The markets remained tense ahead of the central bank's decision.", "neutral"),
    )  # fmt: skip


def test_greetings_conveyed_to_the_chair_are_a_courtesy() -> None:
    """ "Mr. President, allow me to convey to you the warm greetings of the people of
    Tonga" read +0.64, engagement toward Tonga: the courtesy every delegation opens
    with (the rubric's protocol). Greetings sent to a named leader still engage."""
    for text in (
        "Mr. President, allow me to convey to you the warm greetings of the people of Tonga.",
        "I bring you greetings from the people of Kenya.",
    ):
        result = score(text)
        assert result.label == "neutral", text
        assert "formula" in cues(result), text
    assert_labels(
        ("President Xi sent warm greetings to President Biden on the new year.", "engagement"),
    )


def test_african_seats_of_government_and_the_forms_of_ending() -> None:
    """ "We call on Khartoum to allow humanitarian access" read −0.11, neutral: Khartoum
    named no party. "Grateful to NATO for ending the siege" read −0.21: *ending* did
    not undo the siege as *ended* does. *The Committee against Torture* is a body's
    name and a tribunal *delivers its award* as procedure."""
    assert_labels(
        ("We call on Khartoum to allow humanitarian access to Darfur without further delay.",
         "confrontation"),
        ("Harare has expelled the British ambassador.", "confrontation"),
        ("Bosnia and Herzegovina is grateful to NATO for ending the siege of Sarajevo.",
         "engagement"),
        ("NATO is ending the siege of Sarajevo.", "engagement"),
        ("My country has submitted its fourth periodic report to the Committee against "
         "Torture.", "neutral"),
        ("The arbitration tribunal will deliver its award next year.", "neutral"),
        ("The talks were held in Khartoum.", "neutral"),
    )  # fmt: skip


def test_a_promise_told_after_what_was_not_done_is_broken() -> None:
    """ "The Sudanese Government has failed to disarm the Janjaweed as it promised" read
    +0.02, engagement: the promise weighed as one made. Told after a failure ("as it
    promised", "as it had pledged"), it is the promise broken; after a deed done, kept."""
    for text in (
        "The Sudanese Government has failed to disarm the Janjaweed as it promised.",
        "Russia has not withdrawn its troops as it had pledged.",
    ):
        result = score(text)
        assert result.label == "confrontation", text
        assert "breach" in cues(result), text
    assert_labels(
        ("Russia withdrew its troops as it promised.", "engagement"),
        ("Iran did not release the prisoners as agreed.", "confrontation"),
    )


def test_words_of_the_cold_war_in_asia() -> None:
    """Cold War lines on Asia read 0.0 or the wrong way: "The hegemonists are seeking
    to expand their sphere of influence", "The Indian Peace-Keeping Force has overstayed
    its welcome on our soil" (+0.57, the welcome), "ASEAN ... sought a political
    settlement". Settlements in the plural (built on land) stay unweighted."""
    assert_labels(
        ("The hegemonists are seeking to expand their sphere of influence in South-East "
         "Asia.", "confrontation"),
        ("The Indian Peace-Keeping Force has overstayed its welcome on our soil.",
         "confrontation"),
        ("The ASEAN countries have consistently sought a political settlement of the "
         "Kampuchean problem.", "engagement"),
        ("The regime's soldiers exterminated whole villages in Cambodia.", "confrontation"),
    )  # fmt: skip
    assert score("The settlements are home to some 700,000 people.").label == "neutral"


def test_closing_the_border_is_a_countermeasure() -> None:
    """ "While Venezuela has always chosen dialogue, the Government of Colombia has chosen
    to close the border" read +0.33, engagement: the border closed weighed nothing, so
    the speaker's own dialogue carried. Reopened, the border engages."""
    assert_labels(
        ("Colombia closed the border with Venezuela.", "confrontation"),
        ("While Venezuela has always chosen dialogue, the Government of Colombia has chosen "
         "to close the border.", "confrontation"),
        ("Colombia reopened the border with Venezuela.", "engagement"),
    )  # fmt: skip


def test_words_of_warnings_cards_and_new_stages() -> None:
    """Lines of my own read 0.0 or the wrong way: "Should Beijing supply weapons to
    Russia, the consequences would be severe" (+0.13), "Any attempt to separate Taiwan
    from China will be crushed", "Playing the Taiwan card will get Washington nowhere",
    "... sees the new alliance as a NATO of the Pacific aimed at containing it" (+0.33,
    the alliance), "Spain and Morocco have opened a new stage in their relations" (0.0).
    A collision avoided is not one."""
    assert_labels(
        ("Should Beijing supply weapons to Russia, the consequences would be severe.",
         "confrontation"),
        ("Any attempt to separate Taiwan from China will be crushed.", "confrontation"),
        ("Playing the Taiwan card will get Washington nowhere.", "confrontation"),
        ("Beijing sees the new alliance as a NATO of the Pacific aimed at containing it.",
         "confrontation"),
        ("Spain and Morocco have opened a new stage in their relations based on mutual trust.",
         "engagement"),
        ("A Chinese fighter jet's collision with a US surveillance plane killed the pilot.",
         "confrontation"),
    )  # fmt: skip
    assert score("Both governments want to avoid a collision.").tone > 0


def test_thanks_that_go_to_a_party_and_weapons_given_up() -> None:
    """ "Our thanks go to the Kingdom of Morocco for hosting the Conference" read +0.30,
    neutral: the thanks did not reach Morocco through "go to the Kingdom of". "We
    welcome the decision of Libya to abandon its programmes of weapons of mass
    destruction" read −0.02: *destruction* weighed as an act of Libya's. "A cause for
    celebration" engages; turning a body "into an instrument of" a policy accuses."""
    result = score(
        "Our thanks go to the Kingdom of Morocco for hosting the Conference of the Parties "
        "in Marrakech."
    )
    assert result.label == "engagement" and "thanked" in cues(result)
    assert_labels(
        ("We welcome the decision of Libya to abandon its programmes of weapons of mass "
         "destruction.", "engagement"),
        ("The accession of Montenegro to our Organization is a cause for celebration.",
         "engagement"),
        ("Washington has turned the Security Council into an instrument of its foreign "
         "policy.", "confrontation"),
    )  # fmt: skip
    assert "thanked" not in cues(score("Our thanks go to all who made this session possible."))


def test_differences_overcome_are_undone() -> None:
    """ "Qatar and the Gulf States have overcome their differences at Al-Ula" read −0.23,
    confrontation: the differences weighed as they stood."""
    assert_labels(
        ("Qatar and the Gulf States have overcome their differences at Al-Ula.",
         "engagement"),
        ("Qatar and the Gulf States have failed to overcome their differences.",
         "confrontation"),
    )  # fmt: skip


def test_a_denial_denies_what_it_governs_and_foundations_are_laid() -> None:
    """ "China's foreign ministry denied that it had provided lethal aid to Moscow,
    calling the claims groundless" read +0.05, engagement: the aid read as given. A
    denial denies what follows it and answers a charge. "Her meetings had laid a
    foundation for stability" engages; a report released every year is no release."""
    result = score(
        "China's foreign ministry denied that it had provided lethal aid to Moscow, "
        'calling the claims "groundless".'
    )
    assert result.label == "confrontation"
    assert "negated" in cues(result)
    assert_labels(
        ("US Treasury Secretary said her meetings in Guangzhou had laid a foundation for "
         "stability.", "engagement"),
        ("The report is released every year by the Pentagon.", "neutral"),
    )  # fmt: skip


def test_shielding_a_party_from_accountability_accuses() -> None:
    """ "China and Russia have shielded Pyongyang from accountability in this Council"
    read 0.0: no word of it weighed. Accountability called for, for no one named, stays
    the rubric's neutral."""
    assert_labels(
        ("China and Russia have shielded Pyongyang from accountability in this Council.",
         "confrontation"),
        ("Moscow has helped Minsk evade accountability for the crackdown.", "confrontation"),
        ("Those responsible must not escape accountability.", "neutral"),
    )  # fmt: skip


def test_a_bond_enjoyed_between_two_parties() -> None:
    """ "China and Hungary enjoy a high level of political mutual trust" read 0.0 (the
    ritual formula weighs nothing) and "China and South Korea are close neighbours that
    cannot be moved away" 0.0: both assert a bond between the two."""
    assert_labels(
        ("China and Hungary enjoy a high level of political mutual trust.", "engagement"),
        ("China and South Korea are close neighbours that cannot be moved away.",
         "engagement"),
        ("We urge the US to stop undermining mutual trust.", "confrontation"),
    )  # fmt: skip


def test_history_told_as_history_is_no_stance() -> None:
    """ "The Falklands war broke out in April 1982" read −0.27 and "The Iran-Iraq war
    lasted eight years" −0.43, confrontation: events told as narrative are the rubric's
    neutral (cue ``chronicle``). Told with a charge ("an unprovoked aggression"), or of
    an act only a state commits, history still accuses; making peace engages."""
    for text in (
        "The Falklands war broke out in April 1982.",
        "The Iran-Iraq war lasted eight years.",
        "The Rwandan genocide claimed eight hundred thousand lives in one hundred days.",
    ):
        result = score(text)
        assert result.label == "neutral", text
        assert "chronicle" in cues(result), text
    assert_labels(
        ("In 1956 Britain, France and Israel launched an unprovoked aggression against "
         "Egypt.", "confrontation"),
        ("The occupation of our territory lasted twenty-two years.", "confrontation"),
        ("Egypt was the first Arab country to make peace with Israel.", "engagement"),
        ("Fighting broke out between Armenian and Azerbaijani forces on Tuesday.",
         "confrontation"),
    )  # fmt: skip


def test_what_a_party_is_thanked_for_is_praised() -> None:
    """ "We thank Rwanda for deploying troops to help restore security in Cabo Delgado"
    read 0.0, neutral: the troops deployed weighed as a hostile act, and the thanks as
    mixed with it. What a named party is thanked for is praised (cue ``praised``), in
    the clause of the thanks only."""
    result = score("We thank Rwanda for deploying troops to help restore security in Cabo Delgado.")
    assert result.label == "engagement"
    assert "thanked" in cues(result) and "praised" in cues(result)
    assert_labels(
        ("We thank Brazil for its support, but we condemn the killing of our soldiers by "
         "the militia.", "confrontation"),
        ("We condemn Rwanda for deploying troops in the Congo.", "confrontation"),
    )  # fmt: skip


def test_a_question_of_who_does_better_affirms_and_sarcasm_in_words() -> None:
    """ "Is there a better example of good-neighbourliness than the friendship between
    Chile and Argentina?" read −0.15 and "What better proof of our friendship with
    Portugal than ...?" −0.39: read as rhetoric against the party, they praise it.
    "So much for the promises of a rules-based order", "With friends like these, who
    needs enemies?" and "the word of the Kremlin is worth nothing" scoff."""
    for text in (
        "Is there a better example of good-neighbourliness than the friendship between "
        "Chile and Argentina?",
        "What better proof of our friendship with Portugal than the thousands of families "
        "we share?",
        "Who better than Norway to facilitate talks between the parties?",
    ):
        assert score(text).tone > 0, text
    assert_labels(
        ("So much for the promises of a rules-based order.", "confrontation"),
        ("Evidently, the word of the Kremlin is worth nothing.", "confrontation"),
        ("What better proof of our friendship with Portugal than the thousands of families "
         "we share?", "engagement"),
    )  # fmt: skip
    assert score("With friends like these, who needs enemies?").tone < 0


def test_what_a_quarrel_is_about_is_its_topic() -> None:
    """ "Australia and China resolved their dispute over barley tariffs" read −0.33,
    confrontation: the tariffs weighed as imposed, and made the resolved dispute a
    background word. What a dispute, row or tension is *over* is its topic (cue
    ``topic``): the quarrel, and what is done to it, carries the sign."""
    result = score("Australia and China resolved their dispute over barley tariffs.")
    assert result.label == "engagement" and "topic" in cues(result)
    assert_labels(
        ("Tensions over the sanctions are rising between Moscow and Brussels.",
         "confrontation"),
        ("Canada imposed a one hundred per cent surtax on Chinese electric vehicles.",
         "confrontation"),
        ("China imposed tariffs over the dispute.", "confrontation"),
    )  # fmt: skip


def test_joining_an_alliance_engages_it() -> None:
    """ "Finland and Sweden formally joined NATO" read 0.0: no word of it weighed."""
    assert_labels(
        ("Finland and Sweden formally joined NATO.", "engagement"),
        ("Moscow warned that Finland's accession to NATO would be met with countermeasures.",
         "confrontation"),
    )  # fmt: skip


def test_the_predicate_after_a_nominal_reverser_is_not_undone() -> None:
    """ "Russia's suspension of New START undermines the entire arms control
    architecture" read +0.38, engagement: *suspension of* undid *undermines*, the
    sentence's verb after its object. The verb after a nominal reverser's object stands
    as told, whatever its sign; what the reverser governs is still undone."""
    assert_labels(
        ("Russia's suspension of New START undermines the entire arms control "
         "architecture.", "confrontation"),
        ("The lifting of sanctions helped trade between the two countries.", "engagement"),
        ("The suspension of military exercises eased tensions.", "engagement"),
        ("The cessation of hostilities was welcomed by both sides.", "engagement"),
        ("The Security Council's failure to act on Gaza has gravely damaged its "
         "credibility.", "confrontation"),
    )  # fmt: skip


def test_assassination_and_subversion() -> None:
    """ "The Pinochet regime's agents assassinated Orlando Letelier in Washington" read
    0.0 and "Cuba continues to export subversion to the countries of the hemisphere"
    0.0: neither word weighed."""
    assert_labels(
        ("The Pinochet regime's agents assassinated Orlando Letelier in Washington.",
         "confrontation"),
        ("Cuba continues to export subversion to the countries of the hemisphere.",
         "confrontation"),
    )  # fmt: skip


def test_words_of_human_rights_statements() -> None:
    """Lines of a human rights council read the wrong way: "More than two thirds of
    countries have abolished the death penalty" (−0.29: the death penalty as it stood),
    "Lithuania and Poland have given refuge to Belarusian democratic forces" (−0.34:
    forces as troops), "Nicaragua stripped hundreds of opponents of their nationality"
    (0.0). The Allied Democratic Forces are an armed group."""
    assert score("More than two thirds of countries have abolished the death penalty.").tone > 0
    assert_labels(
        ("Lithuania and Poland have given refuge to Belarusian democratic forces.",
         "engagement"),
        ("Nicaragua stripped hundreds of opponents of their nationality.", "confrontation"),
        ("The Allied Democratic Forces attacked a village near Beni.", "confrontation"),
    )  # fmt: skip


def test_entering_anothers_territorial_waters_intrudes() -> None:
    """ "China's coast guard entered Japanese territorial waters near the Senkaku Islands
    for the fortieth day" read 0.0: no word of it weighed."""
    assert_labels(
        ("China's coast guard entered Japanese territorial waters near the Senkaku Islands "
         "for the fortieth day.", "confrontation"),
        ("Russian bombers entered the airspace of Japan twice this week.", "confrontation"),
    )  # fmt: skip


def test_a_quarrel_ended_is_ended_whatever_it_was_about() -> None:
    """ "Meng Wanzhou returned home, ending a prolonged extradition fight" read the
    extradition as undone and the fight as it stood (a 2021 backtest story went +0.01 →
    −0.39 when *ending* became a reverser): the fight is the reverser's object and
    *extradition* only says which fight."""
    assert_labels(
        ("Canada ended a prolonged extradition fight.", "engagement"),
        ("The two sides ended a bitter trade war.", "engagement"),
    )  # fmt: skip
    result = score("Canada ended the extradition fight.")
    assert "topic" in cues(result)


def test_a_relations_state_needs_the_relation_named() -> None:
    """ "Troubles in China's vast real estate sector could spill over to the United
    States" read −0.50 in a 2021 backtest story: *troubled* was a level word, which two
    parties named were enough to make a relation's. A relation's state (*tense*,
    *troubled*, *on the mend*, *serious challenges* ...) needs the relation named."""
    assert_labels(
        ("Troubles in China's vast real estate sector could spill over to the United "
         "States.", "neutral"),
        ("Relations between Belgrade and Pristina remain tense.", "confrontation"),
        ("Ties between Washington and Beijing remain troubled.", "confrontation"),
    )  # fmt: skip


def test_a_state_that_opens_by_describing_itself_speaks() -> None:
    """ "As a small island developing State, Tuvalu faces an existential threat from
    sea-level rise" read −0.52, confrontation aimed at Tuvalu: the state a sentence
    opens by describing (*As a ... country / State / member / contributor ...,*) is the
    one speaking (self-description, the rubric's neutral). Not after "As a result", and
    not a party named elsewhere."""
    for text in (
        "As a small island developing State, Tuvalu faces an existential threat from "
        "sea-level rise.",
        "As a major troop contributor, Bangladesh supports the reform of peacekeeping.",
    ):
        assert score(text).label == "neutral", text
    assert_labels(
        ("As a close friend of Kenya, we welcome its leadership in Haiti.", "engagement"),
        ("As a result, Russia has cut gas supplies to Europe.", "confrontation"),
        ("As a neighbour, Russia must stop threatening Georgia.", "confrontation"),
    )  # fmt: skip


def test_a_state_the_speaker_calls_its_own_speaks() -> None:
    """ "Bhutan, my country, has always supported multilateral cooperation" read +0.73
    and "The Government of Nepal, which I represent, remains committed to peace and
    cooperation" +0.75, engagement aimed at Bhutan and Nepal: the speaker names itself,
    as the speaker hint would tell. A party the speaker thanks or visited stays one."""
    for text in (
        "Bhutan, my country, has always supported multilateral cooperation.",
        "The Government of Nepal, which I represent, remains committed to peace and cooperation.",
        "My country, Bhutan, has always supported the peaceful settlement of disputes.",
    ):
        assert score(text).label == "neutral", text
    assert_labels(
        ("We thank Japan, which has helped my country more than any other.", "engagement"),
        ("Nepal, which I visited last year, has made great progress with India.",
         "engagement"),
    )  # fmt: skip


def test_fire_exchanged_is_no_exchange() -> None:
    """ "Cambodia and Thailand exchanged fire along their disputed border" read +0.29,
    engagement: *exchanged* weighed as an exchange of visits or views."""
    assert_labels(
        ("Cambodia and Thailand exchanged fire along their disputed border.",
         "confrontation"),
        ("Cambodia and Thailand exchanged views on border demarcation.", "engagement"),
    )  # fmt: skip


def test_a_candid_call_and_grey_zone_tactics() -> None:
    """ "The presidents spoke for two hours in what both sides described as a candid
    call" and "China's grey-zone tactics are wearing down Taiwan's coast guard" read
    0.0: no word of either weighed."""
    assert_labels(
        ("The presidents spoke for two hours in what both sides described as a candid "
         "call.", "engagement"),
        ("China's grey-zone tactics are wearing down Taiwan's coast guard.",
         "confrontation"),
    )  # fmt: skip


def test_what_an_agreement_is_on_is_its_topic() -> None:
    """ "Colombia and the United States reached an agreement on deportation flights"
    read −0.31, confrontation: the deportation weighed as an act beside the agreement.
    What an agreement, deal or talks are *on* is their topic; a topic stays inside the
    subject of a failure ("the talks on sanctions collapsed"). "A diplomatic crisis"
    is no act of diplomacy."""
    assert_labels(
        ("Colombia and the United States reached an agreement on deportation flights "
         "within hours.", "engagement"),
        ("Russia and Ukraine held talks on the war.", "engagement"),
        ("Argentina's president called Spain's prime minister's wife corrupt, triggering a "
         "diplomatic crisis.", "confrontation"),
    )  # fmt: skip
    assert score("The talks on sanctions collapsed.").tone < -0.2


def test_flexibility_shown_engages() -> None:
    """ "Both Cypriot leaders showed flexibility during the talks in Crans-Montana" read
    +0.37 but neutral: the talks alone, as a time."""
    assert_labels(
        (
            "Both Cypriot leaders showed flexibility during the talks in Crans-Montana.",
            "engagement",
        ),
    )


def test_readiness_takes_the_sign_of_what_it_is_ready_for() -> None:
    """ "Washington stands ready to impose sanctions on Caracas" read +0.26, engagement:
    *ready to* weighed as willingness to cooperate. Ready for a hostile act, it threatens
    it; ready for a cooperative one, it offers it."""
    assert_labels(
        ("Washington stands ready to impose sanctions on Caracas.", "confrontation"),
        ("Should the talks fail, the United States stands ready to impose further tariffs "
         "on Chinese goods.", "confrontation"),
        ("Washington stands ready to resume talks with Caracas.", "engagement"),
        ("France is ready to contribute troops to a peacekeeping force in Liberia.",
         "engagement"),
    )  # fmt: skip


def test_talks_that_failed_are_no_engagement() -> None:
    """ "The talks between Iran and the E3 failed" read +0.54, engagement: *failed* was
    weighed only in *failed to*. A failed state is a description, no failure of talks."""
    assert_labels(
        ("The talks between Iran and the E3 failed.", "confrontation"),
        ("The negotiations between Egypt and Ethiopia failed again in April.",
         "confrontation"),
    )  # fmt: skip
    assert score("A failed state can become a haven for smugglers.").tone > -0.2


def test_unless_asks_its_subject() -> None:
    """ "Unless Iran returns to full compliance, the E3 will trigger the snapback
    mechanism" read +0.56, engagement: the compliance hedged like an *if*. What must
    happen to avert a consequence is asked of whoever must do it."""
    assert_read(
        "confrontation", "demand-on",
        "Unless Iran returns to full compliance, the E3 will trigger the snapback mechanism.",
        "Unless Pyongyang halts its missile tests, the talks cannot resume.",
    )  # fmt: skip
    assert_labels(
        ("Unless the international community acts now, the famine will spread.", "neutral"),
    )


def test_a_warning_is_said_with_would() -> None:
    """ "Should Pyongyang conduct a seventh nuclear test, it would face an overwhelming
    response" read −0.20, neutral: the response unscored, and a warning's *would*
    discounted as a doubt."""
    assert_labels(
        ("Should Pyongyang conduct a seventh nuclear test, it would face an overwhelming "
         "response.", "confrontation"),
        ("Any incursion by Caracas would meet a swift response from Georgetown.",
         "confrontation"),
    )  # fmt: skip


def test_the_councils_invitation_to_a_seat_is_procedure() -> None:
    """ "In accordance with rule 37 …, I invite the representative of Armenia to
    participate" read +0.59, engagement: the chair's procedural invitation weighed as an
    invitation to visit."""
    assert_labels(
        ("In accordance with rule 37 of the provisional rules of procedure, I invite the "
         "representative of Armenia to participate.", "neutral"),
        ("The President invited the representatives of Israel and Lebanon to take seats at "
         "the Council table.", "neutral"),
        ("The President of Kazakhstan invited the Chinese leader to visit Astana.",
         "engagement"),
    )  # fmt: skip


def test_help_against_a_hostile_party_is_no_complicity() -> None:
    """ "Kenya supports the fight against terrorism" read as complicity (support
    turned negative); and "Pakistan supports cross-border terrorism" read −0.33,
    neutral: Pakistan taken as the one speaking, its help to terrorism as its own
    stance. Help given against a hostile party is no help to it; help given to one
    accuses the giver."""
    result = score("Kenya supports the fight against terrorism.")
    assert "complicity" not in cues(result) and result.tone > 0
    assert_labels(
        ("Pakistan supports cross-border terrorism.", "confrontation"),
        ("Pakistan's continued support for cross-border terrorism remains the main "
         "obstacle to normal relations.", "confrontation"),
        ("Colombia supports the peace process with the rebels.", "engagement"),
    )  # fmt: skip
    assert score("Pakistan supports cross-border terrorism.").evidence[0].target == "Pakistan"


def test_a_body_stating_a_principle_speaks_to_no_party() -> None:
    """ "Several members stressed the importance of protecting civilians in armed
    conflict" read +0.35, engagement, where "We stress ..." read neutral: a body or its
    members stating a principle to no party speak as "we" would. "The sanctions
    committee" is a body, no sanction."""
    assert_labels(
        ("Several members stressed the importance of protecting civilians in armed "
         "conflict.", "neutral"),
        ("The Council underlined the importance of dialogue.", "neutral"),
        ("The sanctions committee will submit its report within 90 days.", "neutral"),
        ("The Council stressed the importance of the dialogue between Serbia and Kosovo.",
         "engagement"),
    )  # fmt: skip


def test_a_profession_set_against_conduct_is_no_speech() -> None:
    """ "Serbia's leadership speaks of stability while arming its proxies in the north of
    Kosovo" read +0.15, engagement: Serbia taken as the one speaking, and arming (a
    background word) not seen as conduct. Help to a hostile party after the contrast is
    the conduct the profession is set against."""
    assert_read(
        "confrontation", "hypocrisy",
        "Serbia's leadership speaks of stability while arming its proxies in the north of "
        "Kosovo.",
        "Iran talks of peace while funding the militias.",
    )  # fmt: skip
    assert_labels(("Kenya speaks of peace and dialogue with Somalia.", "engagement"))


def test_a_virtue_denied_by_a_counterfactual() -> None:
    """ "Tehran's commitment to non-proliferation would be touching if it were true"
    read +0.45: the commitment taken at its word."""
    assert_labels(
        ("Tehran's commitment to non-proliferation would be touching if it were true.",
         "confrontation"),
        ("Moscow's respect for the sovereignty of its neighbours would be admirable if it "
         "were sincere.", "confrontation"),
    )  # fmt: skip


def test_a_quarrel_settled_by_someone_is_settled() -> None:
    """ "The dispute between Indonesia and Malaysia was settled by the court" read
    −0.60, confrontation: *settled by* was blocked whole so that "settled by
    negotiations" would not undo the negotiations; now only what follows *by* is spared.
    "Disputes can be settled in good faith" shows them settled."""
    assert_labels(
        ("The dispute between Indonesia and Malaysia was settled by the court.",
         "engagement"),
        ("Indonesia and Malaysia have shown that maritime disputes can be settled in good "
         "faith.", "engagement"),
        ("The dispute was resolved through dialogue between Chile and Peru.", "engagement"),
    )  # fmt: skip


def test_a_warnings_condition_grants_nothing() -> None:
    """ "Were Washington to recognise Somaliland, Mogadishu would sever relations" read
    +0.11, engagement: the recognition weighed as a good. A sentence that opens with
    its condition and threatens in its main clause warns; what the condition names is
    what it warns against. An offer (a good for a good) keeps both."""
    assert_labels(
        ("Were Washington to recognise Somaliland, Mogadishu would sever relations.",
         "confrontation"),
        ("If Belgrade recognises Kosovo, Moscow would cut its gas supplies to Serbia.",
         "confrontation"),
        ("If both sides show goodwill, a framework agreement can be reached this year.",
         "engagement"),
        ("If the talks succeed, the sanctions on Minsk will be lifted.", "engagement"),
    )  # fmt: skip


def test_a_road_from_enmity_to_partnership() -> None:
    """ "Vietnam and the United States have travelled a long road from enemies to
    partners" read −0.30, confrontation: the enemies weighed as now. What a relation
    went from is left behind; "from bad to worse" is a decline."""
    assert_labels(
        ("Vietnam and the United States have travelled a long road from enemies to "
         "partners.", "engagement"),
        ("Relations between Rwanda and Uganda went from bad to worse.", "confrontation"),
    )  # fmt: skip


def test_support_for_a_coup_is_complicity() -> None:
    """ "The United States supported the coup that overthrew our elected government in
    1954" read +0.28, engagement: a coup was no hostile thing one can be accused of
    backing."""
    assert_read(
        "confrontation", "complicity",
        "The United States supported the coup that overthrew our elected government in "
        "1954.",
    )  # fmt: skip
    assert score("We stand with the victims of the coup in Niger.").tone > 0


def test_an_accord_signed_long_ago_is_history() -> None:
    """ "The Treaty of Westphalia was signed in 1648" read +0.45, engagement: years
    before 1900 were not keyed as years, and an accord signed with no party named was
    not history told."""
    assert_labels(
        ("The Treaty of Westphalia was signed in 1648.", "neutral"),
        ("The Treaty of Tordesillas was concluded in 1494.", "neutral"),
        ("Peru and Ecuador signed a peace agreement in 1998.", "engagement"),
    )


def test_held_responsible_is_a_warning() -> None:
    """ "Tokyo will be held fully responsible if the discharge harms the marine
    environment" read 0.0: no word of it weighed; "a declaration of war" weighed its
    *declaration* as a statement of goodwill."""
    assert_labels(
        ("Tokyo will be held fully responsible if the discharge harms the marine "
         "environment.", "confrontation"),
    )  # fmt: skip
    assert score("Seoul said the drills by Pyongyang were an act of war.").tone < -0.3


def test_a_strain_over_history_is_present() -> None:
    """ "Ties between Japan and South Korea remain strained over history" read −0.29,
    neutral: "over history" after the strain dated it as past; it is the strain's
    topic. (Making *strained* a relation's state, for "The migration crisis has
    strained our public services", was taken back: the noun shares its key, and "major
    economic sources of strain" between Washington and Beijing then weighed nothing.)"""
    assert_labels(
        ("Relations between Delhi and Ottawa are strained.", "confrontation"),
        ("Ties between Japan and South Korea remain strained over history.",
         "confrontation"),
    )  # fmt: skip


def test_what_ended_after_a_time_is_history() -> None:
    """ "The hostage crisis ended after eleven days" read +0.35, engagement: the crisis
    ended weighed as a peace made, where no party is named."""
    assert_labels(
        ("The hostage crisis ended after eleven days.", "neutral"),
        ("The war between Ethiopia and Eritrea ended after two years.", "engagement"),
    )


def test_concern_about_a_partys_cooperation_deplores_it() -> None:
    """ "We are troubled by reports that Beijing is providing components to Russia's
    defence industrial base" read +0.33: the help weighed as a good. A concern about
    what a named party does is the rubric's confrontation, whatever the act's words;
    "all concerned" are those involved, no concern."""
    assert_read(
        "confrontation", "concern",
        "We are troubled by reports that Beijing is providing components to Russia's "
        "defence industrial base.",
        "We are concerned that Minsk is deepening its military cooperation with Moscow.",
    )  # fmt: skip
    assert_labels(
        ("We are troubled by the situation in the Sahel.", "neutral"),
        ("All concerned must ensure that Kosovo and Serbia keep talking.", "engagement"),
    )  # fmt: skip


def test_membership_regained_and_talks_resumed_after_silence() -> None:
    """ "The Shanghai Cooperation Organisation admitted Iran as a full member" read 0.0,
    and "Chile and Bolivia resumed consular talks after years of silence" +0.43 but
    neutral: *years of* after the talks dated them as past."""
    assert_labels(
        ("The Shanghai Cooperation Organisation admitted Iran as a full member.",
         "engagement"),
        ("Chile and Bolivia resumed consular talks after years of silence.", "engagement"),
        ("The OAS Permanent Council declared that the Nicaraguan government had broken "
         "the democratic order.", "confrontation"),
    )  # fmt: skip


def test_analysts_words_for_rivalry_and_its_limits() -> None:
    """Lines of analysis on the U.S.–China relation read neutral: "Washington and
    Beijing are locked in a race for technological dominance" (0.0), "the two powers
    have kept open the channels that matter most" (+0.05; "the two powers" no pair)."""
    assert_labels(
        ("Washington and Beijing are locked in a race for technological dominance.",
         "confrontation"),
        ("Despite their rivalry, the two powers have kept open the channels that matter "
         "most.", "engagement"),
        ("The decoupling of the two economies is accelerating as each side erects new "
         "barriers.", "confrontation"),
        ("China's assertiveness in the South China Sea has driven its neighbours closer "
         "to the United States.", "confrontation"),
    )  # fmt: skip


def test_regional_bodies_and_coup_leaders_are_parties() -> None:
    """ "We are grateful for the solidarity of our brothers in the Caribbean Community"
    read +0.45 but neutral (no party named), "The coup leaders in Niamey must release
    President Bazoum" −0.12 (a demand on no one): the rubric counts regional
    organisations and coup leaders as parties. Breaking a deadlock read as a spoiler
    (−0.14, confrontation)."""
    assert_labels(
        ("We are grateful for the solidarity of our brothers in the Caribbean Community.",
         "engagement"),
        ("The coup leaders in Niamey must release President Bazoum without delay.",
         "confrontation"),
        ("My country supports the efforts of the Secretary-General's Personal Envoy to "
         "break the deadlock in Western Sahara.", "engagement"),
    )  # fmt: skip


def test_settlements_remorse_and_open_doors() -> None:
    """ "Israel's settlement expansion is a deliberate policy of dispossession" read
    0.0; "The Japanese emperor expressed deep remorse for the war" −0.43 (the war, not
    the remorse, weighed); "Poland has opened its homes to millions of Ukrainian
    refugees" 0.0."""
    assert_labels(
        ("Israel's settlement expansion is a deliberate policy of dispossession.",
         "confrontation"),
        ("The Japanese emperor expressed deep remorse for the war in his address.",
         "engagement"),
        ("Poland has opened its homes to millions of Ukrainian refugees.", "engagement"),
        ("Egypt and Israel reached a settlement of the dispute over Taba.", "engagement"),
    )  # fmt: skip


def test_labels_failures_and_restitution() -> None:
    """ "Taiwan's president was labelled a separatist and a saboteur of peace by Beijing"
    read +0.33; "Mali's government called the French operation a failure that left the
    country in ruins" 0.0; returning looted artefacts or remains was no act."""
    assert_labels(
        ("Taiwan's president was labelled a separatist and a saboteur of peace by "
         "Beijing.", "confrontation"),
        ("Mali's government called the French operation a failure that left the country "
         "in ruins.", "confrontation"),
        ("Germany returned looted bronzes to Nigeria.", "engagement"),
    )  # fmt: skip


def test_economic_statecraft_words() -> None:
    """ "China waived interest-free loans owed by seventeen African countries" read
    −0.64 (waiving undid the loans); "Italy withdrew from the Belt and Road Initiative,
    disappointing Beijing" +0.40 (an initiative is a body one leaves, named six words
    after the withdrawal); "Tanzania's president called the Bagamoyo port deal
    exploitative" +0.40."""
    assert_labels(
        ("China waived interest-free loans owed by seventeen African countries.",
         "engagement"),
        ("Italy withdrew from the Belt and Road Initiative, disappointing Beijing.",
         "confrontation"),
        ("Indonesia and China inaugurated Southeast Asia's first high-speed railway.",
         "engagement"),
        ("Western officials accuse Beijing of debt-trap diplomacy in Africa.",
         "confrontation"),
    )  # fmt: skip
    assert score("Tanzania's president called the Bagamoyo port deal exploitative.").tone < 0.1
    assert score("Washington waived the sanctions on Caracas.").tone > 0.2


def test_words_of_latin_american_rhetoric() -> None:
    """From speeches in the style of Latin American leaders: "Peru and Ecuador are
    today sister nations united by peace" read +0.33 but neutral, "Mexico has always
    been a friend of the Central American peoples" 0.0, "The coup-mongers of the
    Venezuelan opposition receive orders from Washington" 0.0."""
    assert_labels(
        ("Peru and Ecuador are today sister nations united by peace.", "engagement"),
        ("Mexico has always been a friend of the Central American peoples.",
         "engagement"),
        ("The coup-mongers of the Venezuelan opposition receive orders from Washington.",
         "confrontation"),
    )  # fmt: skip


def test_reported_will_and_working_with() -> None:
    """ "Rome said it would work with Tripoli to stabilise Libya" read 0.0: *work with*
    was no term, and reported speech's "would" (a "will" told after "said it") was
    discounted as a conjecture. "Lima and Quito celebrated twenty-five years of peace"
    read +0.20, neutral: *years of* dated the peace as past."""
    assert_labels(
        ("Rome said it would work with Tripoli to stabilise Libya.", "engagement"),
        ("Lima and Quito celebrated twenty-five years of peace.", "engagement"),
    )
    said = score("Japan said it would provide emergency aid to Türkiye.").tone
    conjectured = score("If asked, Japan would provide emergency aid to Türkiye.").tone
    assert said > conjectured > 0


def test_denials_and_idioms_of_degree() -> None:
    """From a batch of negations and idioms (19 of 30 first): "It is no exaggeration to
    say that India and Japan have never been closer" read 0.0; "Hardly a week passes
    without a new provocation from Pyongyang" +0.29 (*without* undid the provocation);
    "There is no doubt that Moscow ordered the poisoning" 0.0; "Jakarta and Canberra
    are at odds" weighed nothing (a relation's state needed the relation named, though
    the two parties are its subject); "It is not true that ..." reached no further than
    three words."""
    assert_labels(
        ("It is no exaggeration to say that India and Japan have never been closer.",
         "engagement"),
        ("Hardly a week passes without a new provocation from Pyongyang.",
         "confrontation"),
        ("There is no doubt that Moscow ordered the poisoning.", "confrontation"),
        ("Jakarta and Canberra are at odds over the submarines.", "confrontation"),
        ("It is not true that Washington wants dialogue with Havana.", "confrontation"),
    )  # fmt: skip
    assert score("It is not true that Jakarta and Canberra are at odds.").tone > 0


def test_promises_never_kept() -> None:
    """ "Pyongyang has never kept its promises" read −0.38 but neutral (a negated
    engagement's evidence under the threshold); "The promises made by Pyongyang were
    never kept" +0.33, engagement."""
    assert_labels(
        ("Pyongyang has never kept its promises.", "confrontation"),
        ("The promises made by Pyongyang were never kept.", "confrontation"),
        ("Moscow did not keep its word.", "confrontation"),
    )


def test_a_victory_for_a_party() -> None:
    """ "The independence of Namibia is a victory for the international community and
    for SWAPO" read 0.0: only *victory over* (a reverser) was known."""
    assert_labels(
        ("The independence of Namibia is a victory for the international community and "
         "for SWAPO.", "engagement"),
    )  # fmt: skip
    assert score("We welcome the victory over apartheid in South Africa.").tone > 0.3


def test_words_of_state_media_commentary() -> None:
    """From lines in the style of state-media commentary: "Some US politicians are
    addicted to playing the China card" and "build small yards with high fences
    against China" read 0.0; "people-to-people exchanges are the foundation of the
    relationship" and "Madrid is a bridge between Europe and China" 0.0."""
    assert_labels(
        ("Some US politicians are addicted to playing the China card in election season.",
         "confrontation"),
        ("Washington's Indo-Pacific strategy aims to build small yards with high fences "
         "against China.", "confrontation"),
        ("Chinese and American people-to-people exchanges are the foundation of the "
         "relationship.", "engagement"),
        ("Spain's prime minister said Madrid is a bridge between Europe and China.",
         "engagement"),
    )  # fmt: skip


def test_a_reopening_asked_and_a_zone_free_of_weapons() -> None:
    """ "The Taliban should reopen the schools to girls without further delay" read
    +0.04, engagement: *reopen* was no redress, so asking it of a party was no demand.
    "We call for a world free of nuclear weapons" read −0.29, confrontation: the weapons
    weighed as called for."""
    assert_read(
        "confrontation", "demand-on",
        "The Taliban should reopen the schools to girls without further delay.",
    )  # fmt: skip
    assert_labels(("We call for a world free of nuclear weapons.", "neutral"))


def test_explain_names_a_concern() -> None:
    """``score --explain`` names the new structural cue that decided a sentence."""
    from monitor.cli.score import deciding

    line = deciding(
        score("We are concerned that Minsk is deepening its military cooperation with Moscow.")
    )
    assert line.startswith("decided by: concern") and "Minsk" in line


def test_our_two_forces_and_peoples_are_the_pair() -> None:
    """ "Our two navies conducted a joint search-and-rescue exercise" read +0.20 but
    neutral (no party, so the speaker's own voice); *two peoples* is no pair by stem
    ("two people"), but after *our* it is."""
    assert_labels(
        ("Our two armies held a joint exercise in the mountains last month.", "engagement"),
        ("Our two peoples have shared a deep friendship for centuries.", "engagement"),
    )


def test_a_war_that_ended_in_a_dated_year_is_history() -> None:
    """ "The Korean War ended in an armistice in 1953, not a peace treaty" read +0.26,
    engagement: the armistice counted as an act of the parties today."""
    assert_labels(
        ("The Iran-Iraq war ended in a ceasefire in 1988.", "neutral"),
        ("The Chaco War ended with a truce in 1935.", "neutral"),
    )
    # Not a party's act of ending: that stays read.
    assert score("Washington and Hanoi ended their hostility in 1995.").tone > 0.2


def test_an_old_quarrel_put_behind_is_undone() -> None:
    """ "Ottawa and Delhi have turned the page on last year's dispute" read −0.60: *last*
    was taken for a time after the reverser ("froze last week"), not its object's
    first word. *Smoothed over*, *ironed out* undo as well."""
    assert_labels(
        ("Rabat and Madrid have ended last year's diplomatic row.", "engagement"),
        ("Lima and Quito have smoothed over their differences.", "engagement"),
        ("The two delegations ironed out their remaining disputes.", "engagement"),
        ("Manila and Hanoi are on the same page on the code of conduct.", "engagement"),
    )
    assert_labels(("Relations between Rabat and Madrid froze last year.", "confrontation"))


def test_a_claim_called_wrong_and_praise_with_nothing_but() -> None:
    """ "It would be wrong to say that relations with Beijing have deteriorated" read
    −0.49 (only *not true that* denied a whole clause); "We have nothing but praise for
    Norway's mediation" −0.11 (*nothing* negated the mediation)."""
    assert score("It would be wrong to say that ties with Jakarta have soured.").tone > 0.0
    assert_labels(("We have nothing but admiration for Ghana's mediation.", "engagement"))


def test_no_longer_called_an_adversary() -> None:
    """ "Seoul no longer views Tokyo as an adversary" read −0.20: the denial reached
    three words, not the complement after *as*."""
    assert_labels(("Hanoi no longer regards Washington as an enemy.", "engagement"))
    assert score("Bogota does not regard Caracas as a reliable partner.").tone < -0.2


def test_a_partys_own_notion_of_a_virtue_mocked() -> None:
    """ "Pyongyang's idea of dialogue is a missile launch every other week" read +0.23,
    engagement; "in Beijing's dictionary, consultation means informing neighbours after
    the fact" +0.62. A notion told as something good stays praise."""
    assert_read(
        "confrontation", "rhetorical",
        "Tehran's idea of cooperation with the inspectors is a camera switched off.",
        "In Ankara's dictionary, dialogue means a list of demands.",
    )  # fmt: skip
    assert_labels(("Jakarta's idea of partnership with Canberra is a joint patrol.", "engagement"))


def test_affirming_comparisons_and_doubts_told_as_wonder() -> None:
    """ "Could there be a clearer sign of trust than Vietnam opening its ports to the US
    Navy?" read −0.39 (only *better* made such a question affirm); "Who better than Norway
    to help bring the parties to the table?" +0.12, neutral (*than* discounted the answer);
    "One wonders whether Tehran has read the agreement it signed" +0.09."""
    assert_labels(
        ("Could there be a stronger sign of friendship than Chile sending its firefighters "
         "to Portugal?", "engagement"),
        ("Who better than Qatar to help bring the two sides to the table?", "engagement"),
        ("One wonders whether Minsk has read the treaty it ratified.", "confrontation"),
        ("With friends like Tehran, Damascus hardly needs enemies.", "confrontation"),
    )  # fmt: skip


def test_titles_statistics_and_the_floor_are_procedure() -> None:
    """ "The Council heard a briefing by the Special Envoy for Yemen" read +0.45 (the envoy
    as a visit to Yemen); "Germany and France together account for nearly half of the euro
    area's output" +0.51 (*together*); "asked for the floor" −0.10 (a request)."""
    assert_labels(
        ("The Special Envoy for Libya briefed the Council on Tuesday.", "neutral"),
        ("Japan and Korea together account for a fifth of the region's trade.", "neutral"),
        ("The representative of Peru asked for the floor on a point of order.", "neutral"),
        ("Canberra sent a special envoy to Honiara for talks.", "engagement"),
    )


def test_removed_from_a_list_and_a_question_left_unanswered() -> None:
    """ "China welcomed the US decision to remove the Institute of Forensic Science from
    the entity list" read −0.03: the removal reached three words, not past the name to
    what it is removed from. "The US has yet to explain why it detained the Chinese
    researcher" +0.23: the denial of the answer reached the detention."""
    assert_labels(
        ("Canberra welcomed the decision by Washington to remove the Chinese port operator "
         "from the entity list.", "engagement"),
        ("The US removed Cuba from the list of state sponsors of terrorism.", "engagement"),
        ("Moscow has yet to explain why it expelled the Estonian consul.", "confrontation"),
    )  # fmt: skip
    # Not what is no list: removed from a preferential tariff scheme, a party loses.
    assert score("Tokyo removed Hanoi from its preferential tariffs framework.").tone < 0.0


def test_words_of_legislatures() -> None:
    """From lines in the style of parliamentary debate: "the Prime Minister had been
    humiliated by Ankara" and "must stop rolling out the red carpet for Beijing" read
    0.0 and −0.25 (neutral); "celebrating fifty years of ties with Mexico" +0.38, neutral."""
    assert_labels(
        ("The opposition said the minister had been humiliated by Moscow.", "confrontation"),
        ("Lima rolled out the red carpet for the Korean president.", "engagement"),
        ("The Senate marked thirty years of ties with Vietnam.", "engagement"),
    )


def test_a_region_treated_as_a_private_preserve() -> None:
    """ "For decades, Paris treated the CFA franc zone as its private preserve" read 0.0."""
    assert_labels(
        ("Washington long treated Central America as its private preserve.", "confrontation"),
        ("Moscow still treats the Caucasus as its fiefdom.", "confrontation"),
    )


def test_denials_that_affirm() -> None:
    """Double denials and a denied derailing: "Neither Seoul nor Tokyo wants the dispute
    over the islets to derail their security cooperation" read −0.52; "No country has
    done more than Norway to support the peace process in Colombia" −0.50; "There is not
    a single issue on which Brasilia and Buenos Aires cannot find common ground" −0.17."""
    assert_labels(
        ("Neither Delhi nor Dhaka wants the border incident to derail their trade talks.",
         "engagement"),
        ("No government has done more than Qatar to support the talks on Gaza.", "engagement"),
        ("There is no question on which Lisbon and Madrid cannot reach an agreement.",
         "engagement"),
    )  # fmt: skip
    # The plain denials stay denials.
    assert_labels(
        ("Neither Delhi nor Dhaka attended the trade talks.", "confrontation"),
        ("Lisbon and Madrid cannot reach an agreement.", "confrontation"),
    )


def test_a_denied_subject_reaches_its_predicate() -> None:
    """ "Not a single one of the pledges Moscow made in Minsk has been honoured" read
    +0.24: the opening denial reached three words; "Israel has shown no sign of halting
    settlement construction" +0.42 (*no sign of* was no negator, so the halting stood)."""
    assert_labels(
        ("Not a single one of the promises Minsk made to the OSCE has been honoured.",
         "confrontation"),
        ("Not one of the commitments Baku gave in Moscow was implemented.", "confrontation"),
        ("Belgrade has shown no sign of halting its shelling of the villages.",
         "confrontation"),
        ("Seoul and Tokyo no longer see each other through the lens of rivalry.",
         "engagement"),
    )  # fmt: skip


def test_complicity_named_and_both_ways() -> None:
    """ "Hanoi's silence on the ship seizure is not neutrality but complicity" and "Tehran
    cannot have it both ways" had no term for the charge."""
    assert_labels(
        ("The militias operate with the complicity of the Sudanese army.", "confrontation"),
        ("Caracas cannot have it both ways.", "confrontation"),
    )


def test_what_a_spokesperson_says_two_parties_would_do() -> None:
    """ "The Thai foreign minister said Bangkok and Phnom Penh would jointly develop the
    border area" read +0.44 but neutral (the reported *would* a hedge: only a pronoun after
    *said* was read as reported speech); "According to the Egyptian presidency, ..." 0.0
    (*presidency* taken for the courtesy to the Assembly's President)."""
    assert_labels(
        ("The spokesperson said Hanoi and Vientiane would jointly build the new railway.",
         "engagement"),
        ("According to the Kenyan presidency, Ruto and Museveni agreed to reopen the border.",
         "engagement"),
        ("The state newspaper called the Ukrainian president a traitor.", "confrontation"),
    )  # fmt: skip
    assert_labels(("If the talks fail, Hanoi and Vientiane would lose a great deal.", "neutral"))


def test_help_to_ones_own_people_is_policy_at_home() -> None:
    """ "Japan will spend 40 billion yen to support its rice farmers" read +0.51 as
    engagement toward Japan: the help goes to the doer's own farmers. Help to "its
    allies" is help to others, and a possessive with its own noun ("its condolences to
    the families") is no object of the act."""
    assert_labels(
        ("Indonesia will set aside two billion dollars to support its palm oil growers "
         "and its fishermen.", "neutral"),
        ("Every state has a duty to protect its citizens.", "neutral"),
        ("Australia pledged to support its Pacific neighbours after the cyclone.",
         "engagement"),
        ("Berlin will help its partners in Vilnius to secure their power grid.",
         "engagement"),
    )  # fmt: skip


def test_goodwill_pledged_to_all_nations() -> None:
    """ "Mongolia's foreign policy is to be a friend to all nations and an adversary to
    none" read +0.25 as engagement toward Mongolia, the one pledging. Thanks to the
    countries a relative clause singles out, and goodwill to a party named after the
    pledge, stay engagement."""
    result = score("Uruguay seeks to be a partner to all nations, large and small.")
    assert result.label == "neutral"
    assert "formula" in cues(result)
    assert_labels(
        ("Kenya is grateful to the countries that have opened their markets to its "
         "farmers.", "engagement"),
        ("Fiji wishes to be a friend to all nations, and above all to New Zealand.",
         "engagement"),
    )  # fmt: skip


def test_a_states_own_chairmanship_is_its_work_not_protocol() -> None:
    """ "ASEAN leaders commended Indonesia for its chairmanship and its efforts on the
    Myanmar crisis" read −0.12 (the chairmanship taken for the courtesy to the
    Assembly's chair, ASEAN taken as the one praised). The courtesy to the chair
    stays a formula."""
    result = score("EU foreign ministers thanked Lisbon for its presidency and its work on "
                   "the migration pact.")  # fmt: skip
    assert result.label == "engagement"
    assert {(ev.speaker, ev.target) for ev in result.evidence} == {("EU", "Lisbon")}
    assert_labels(
        ("Allow me to congratulate you, Madam President, on your election to the "
         "presidency of this session.", "neutral"),
    )  # fmt: skip


def test_steadfastness_and_close_partners() -> None:
    """ "Seoul has never wavered in its support for Kyiv" read −0.38 (the support taken
    as negated); "Nothing can shake the friendship between the peoples of Cuba and
    Vietnam" −0.41; "We have no doubt that Ghana will be an excellent partner" neutral
    (a bare "partner" too weak to call a side). Wavering told of a party is a retreat."""
    assert_labels(
        ("Prague has never wavered in its support for Chisinau.", "engagement"),
        ("No crisis has shaken the friendship between Laos and Cambodia.", "engagement"),
        ("Lusaka began to waver in its support for the Harare talks.", "confrontation"),
        ("Nepal regards Bangladesh as a valued partner.", "engagement"),
        ("Ecuador and Peru have become close allies.", "engagement"),
        ("Athens and Ankara quarrelled again over the islands.", "confrontation"),
    )  # fmt: skip


def test_what_no_one_imagined_came_to_pass() -> None:
    """ "Nobody could have imagined twenty years ago that Hanoi and Washington would be
    strategic partners" read +0.14 but neutral: its "would" was taken for a hedge and
    "twenty years ago" for the time of the partnership."""
    result = score("No one could have imagined thirty years ago that Riga and Moscow's "
                   "old rival Warsaw would become close partners.")  # fmt: skip
    assert result.label == "engagement"
    assert not {"hedged", "past"} & cues(result)
    assert_labels(
        ("Thirty years ago, Riga and Warsaw would not have called each other partners.",
         "neutral"),
    )  # fmt: skip


def test_virtue_shown_by_a_hostile_act_and_thanks_for_a_charge_mock() -> None:
    """ "Pyongyang has once again demonstrated its deep commitment to peace by firing two
    more missiles" read +0.43, "Thank you, Minsk, for reminding us what a rigged election
    looks like" neutral. A virtue shown by a hostile act, and thanks for what the speaker
    calls a charge, deride. Thanks for help given while others did wrong, and a virtue
    shown by force against a hostile party or by lifting a measure, stay engagement."""
    result = score("Baku proved its attachment to dialogue by shelling Armenian villages "
                   "the next morning.")  # fmt: skip
    assert result.label == "confrontation"
    assert "rhetorical" in cues(result)
    assert_labels(
        ("Thank you, Caracas, for showing the world what a sham election is.",
         "confrontation"),
        ("We thank Cuba for its doctors when others smeared the vaccine effort.",
         "engagement"),
        ("Seoul showed its goodwill by lifting the sanctions on Pyongyang's ships.",
         "engagement"),
        ("Accra demonstrated its commitment to peace by hosting the talks between the "
         "Sudanese parties.", "engagement"),
    )  # fmt: skip


def test_what_a_party_never_fails_to_do() -> None:
    """ "Budapest never tires of blocking EU aid to Ukraine" read +0.41 (the blocking
    negated); "Damascus's reforms exist mainly in its press releases" +0.39 (a release
    read as a prisoner's). "Never fails to" affirms what follows."""
    assert_labels(
        ("Valletta never fails to support Tunis at the Council.", "engagement"),
        ("Ankara never tires of threatening Athens.", "confrontation"),
        ("The ministry's press release gave the time of the minister's flight.", "neutral"),
        ("The opposition accused Baku of rigging the vote.", "confrontation"),
    )  # fmt: skip


def test_progress_at_home_and_acts_inflicted() -> None:
    """ "Nigeria has made significant progress in diversifying its economy" read +0.51
    (progress at home taken as engagement toward Nigeria); "The Khmer Rouge regime
    inflicted unspeakable suffering on the Cambodian people" 0.0; "Algeria closed its
    airspace to Moroccan aircraft" 0.0. Help a party gives to another's nationals, told
    in thanks, stays engagement."""
    assert_labels(
        ("Kenya has made remarkable progress in modernising its agriculture.", "neutral"),
        ("The EU pledged fresh support for its dairy farmers.", "neutral"),
        ("Tokyo thanked Manila for its help in evacuating its citizens from Khartoum.",
         "engagement"),
        ("The junta inflicted terrible losses on the Karen villages.", "confrontation"),
        ("Pakistan closed its airspace to Indian airlines.", "confrontation"),
    )  # fmt: skip


def test_geography_rankings_and_home_visits_are_no_acts() -> None:
    """ "Mongolia lies between China and Russia" read −0.48 (a lie told); "Japan and
    Germany were the two largest donors to the fund last year" +0.52; "Australia's prime
    minister will visit his home state of Queensland" +0.60. Lies told, and funding
    given to a party, stay what they are; terrorising civilians had no term."""
    assert_labels(
        ("Laos lies between Thailand and Vietnam.", "neutral"),
        ("Denmark and Finland were the two largest donors to the fund.", "neutral"),
        ("Chile's president will visit her home town of Punta Arenas.", "neutral"),
        ("Tehran's state television spread lies about Baku.", "confrontation"),
        ("Minsk's riot police spent the night terrorising the residents of Grodno.",
         "confrontation"),
    )  # fmt: skip


def test_offers_left_unanswered() -> None:
    """ "Minsk has not replied to Warsaw's proposal for a border meeting" read −0.36 but
    neutral, "Belgrade has so far left unanswered Pristina's call for direct talks" +0.47.
    A request for comment that went unanswered is the reporter's, and no stance."""
    assert_labels(
        ("Asmara has not responded to Addis Ababa's offer of talks.", "confrontation"),
        ("Managua left unanswered San José's proposal for a joint commission.",
         "confrontation"),
        ("The Chinese embassy did not respond to a request for comment on the visit.",
         "neutral"),
    )  # fmt: skip


def test_what_must_be_done_is_asked_for() -> None:
    """ "At the same time, the full implementation of all such decisions must be
    ensured" read +0.19, "an agreement must be reached on a new climate regime" +0.16:
    the act named before "must be" was read as done. Asked of no party, it is a
    principle; asked of a party's commitments, a demand; asked for a relation, a hope."""
    result = score("The full application of the guidelines must be guaranteed.")
    assert result.label == "neutral"
    assert "requested" in cues(result)
    assert_labels(
        ("Armenia's commitments under the ceasefire must be honoured in full.",
         "confrontation"),
        ("Cooperation between Kenya and Uganda should be deepened.", "engagement"),
        ("There is general agreement that the rules of procedure are out of date.",
         "neutral"),
    )  # fmt: skip


def test_a_bodys_decision_welcomed_is_no_praise_of_it() -> None:
    """ "We welcome the decision of the General Assembly to proclaim an international day
    of forests" read +0.62 (the Assembly taken as someone praised). Welcoming a body's
    resolution or decision is the rubric's neutral; thanks to an officer for an act of
    his own stay engagement."""
    assert_labels(
        ("We welcome the adoption of the Human Rights Council's resolution on the right "
         "to a healthy environment.", "neutral"),
        ("My delegation welcomes the decision of the World Health Assembly to hold the "
         "session in May.", "neutral"),
        ("We thank the Secretary-General for his personal mediation in the Black Sea.",
         "engagement"),
    )  # fmt: skip


def test_markets_and_bills_in_headlines() -> None:
    """ "US Treasury yields rise as investors weigh China data" read +0.50 (a yield taken
    for a concession), "Chinese firms dominate global solar panel market" −0.48 (market
    share taken for domination of a party), "US Senate passes bill targeting Chinese
    biotech firms" 0.0. Giving in to a party stays a concession."""
    assert_labels(
        ("Japanese bond yields climb as traders weigh Korean data", "neutral"),
        ("Korean shipyards dominate the market for gas carriers", "neutral"),
        ("Indian parliament passes bill targeting Chinese apps", "confrontation"),
        ("Manila yields to Beijing's demand over the shoal", "engagement"),
    )  # fmt: skip


def test_denials_that_affirm_and_idioms_of_neglect() -> None:
    """Read on the code before: "Doha did not hesitate to offer its good offices" −0.26
    (the warning "not hesitate to"); "Never has the partnership between Lisbon and
    Luanda been so strong" −0.50; "There is nothing Accra and Lomé cannot resolve
    through dialogue" −0.37; "Nobody worked harder than Norway to bring the two sides to
    the table" neutral; "Not content with annexing Crimea, Moscow now claims four more
    regions" +0.20; "Islamabad has not lifted a finger against the militants" +0.10;
    "Managua did not even acknowledge the Costa Rican note" 0.0; "The junta will not
    permit any humanitarian convoys to enter Rakhine" neutral. A warning not to
    hesitate, and an inverted "never" with no degree, still deny."""
    assert_labels(
        ("Muscat did not hesitate to lend its good offices to Tehran and Riyadh.",
         "engagement"),
        ("Never has the partnership between Quito and Lima been so close.", "engagement"),
        ("There is nothing Dakar and Banjul cannot settle through dialogue.", "engagement"),
        ("Nobody worked harder than Qatar to bring Kabul and Washington to the table.",
         "engagement"),
        ("Not content with occupying the islands, Tehran now claims the seabed around "
         "them.", "confrontation"),
        ("Kabul has not lifted a finger against the militants on its soil.",
         "confrontation"),
        ("Caracas did not even acknowledge Georgetown's note.", "confrontation"),
        ("Khartoum will not permit aid convoys to reach Darfur.", "confrontation"),
        ("Ankara will not hesitate to respond to any provocation by Athens.",
         "confrontation"),
    )  # fmt: skip


def test_own_concession_is_no_foil_and_a_charge_after_continues() -> None:
    """ "While we have differences with Beijing, we value the dialogue we have built over
    fifty years" read −0.28 (own virtue taken as a foil to Beijing's conduct); "Although
    we welcome the prisoner release, Minsk continues to hold more than a thousand
    political prisoners" +0.25 (Minsk taken as speaking: "continues to hold" read as a
    policy of its own); "Brussels speaks of partnership yet imposes its rules on African
    farmers" +0.54. The other's conduct before the comma stays a foil."""
    assert_labels(
        ("While we have our disagreements with Ankara, we cherish the partnership we have "
         "built.", "engagement"),
        ("Baku continues to hold dozens of Armenian prisoners of conscience.",
         "confrontation"),
        ("Tokyo speaks of partnership yet imposes its will on Seoul's exporters.",
         "confrontation"),
        ("While Caracas jails its critics, we have always chosen dialogue.",
         "confrontation"),
        ("Ghana will continue to work with Togo to stamp out smuggling.", "engagement"),
    )  # fmt: skip


def test_a_party_that_suffers_a_situation_is_not_charged() -> None:
    """ "Haiti is facing a multidimensional crisis of unprecedented severity" read −0.28
    as confrontation toward Haiti: the one party named suffers the crisis; the rubric
    reads concern about a situation as neutral. A party charged with causing it, or a
    second party named as its cause, is confrontation; "objectionable references" had
    no term."""
    result = score("Ecuador is facing a grave security crisis.")
    assert result.label == "neutral"
    assert "thematic" in cues(result)
    assert [ev.target for ev in result.evidence] == ["Ecuador"]
    assert_labels(
        ("Moldova faces an energy crisis engineered by Moscow.", "confrontation"),
        ("Delhi called Islamabad's remarks on Kashmir objectionable.", "confrontation"),
    )  # fmt: skip


def test_belief_and_disbelief_in_a_party() -> None:
    """ "No one is fooled by Tehran's talk of peaceful intentions" read +0.57, "We have
    every confidence in Kenya's leadership of the multinational mission" 0.0, "Nobody
    questions Norway's good faith as a mediator" −0.06. Disbelief in a party's word
    ridicules it; confidence in it engages. "There is no question that" asserts: its
    "question" is no query."""
    assert_labels(
        ("No one is fooled by Belgrade's talk of restraint.", "confrontation"),
        ("We have every confidence in Rwanda's troops in Cabo Delgado.", "engagement"),
        ("Nobody questions Switzerland's impartiality as a host.", "engagement"),
        ("Minsk's claim to be neutral is hard to take seriously.", "confrontation"),
    )  # fmt: skip


def test_another_party_helping_us_and_a_crime_committed() -> None:
    """ "India stood by our people in our hour of need" read as own policy (our people
    helped by us), "Japan continues to support our development efforts" named Japan as
    the one speaking, and "the army of Pakistan committed genocide" took "committed" for
    a commitment Pakistan speaks. Help from another party to us engages it; a crime
    committed is conduct told of the party. Our own help to our people stays policy."""
    result = score("Brazil stood by our people in our darkest hour.")
    assert result.label == "engagement"
    assert [ev.target for ev in result.evidence] == ["Brazil"]
    assert_labels(
        ("Norway continues to support our reconstruction programme.", "engagement"),
        ("The militia of Serbia committed atrocities against our villages.",
         "confrontation"),
        ("Ghana remains committed to dialogue with Togo.", "engagement"),
        ("Our government committed funds to rebuild our schools.", "neutral"),
    )  # fmt: skip


def test_promises_kept_objections_dropped_and_a_pair_that_remains_at_odds() -> None:
    """ "Turkey has kept its word on the grain corridor" had no term (only "keep its
    word" did), "Chile dropped its complaint against Peru" read the complaint as
    confrontation, "Ethiopia and Egypt remain at loggerheads" took Egypt for the one
    speaking ("remain" as in "remains committed") and "failed to act" and "shirk" were
    unscored. A kept promise and a dropped objection are engagement; a pair that
    remains at odds is confrontation; being kept in captivity is no promise kept."""
    assert_labels(
        ("Peru has kept its word on the fisheries accord.", "engagement"),
        ("Canada dropped its objections to Ukraine's accession.", "engagement"),
        ("Sudan and Chad remain at odds over the border.", "confrontation"),
        ("Serbia continues to shirk its obligations under the accord.", "confrontation"),
        ("The United States failed to act on its promise to lift the embargo.",
         "confrontation"),
        ("The refugees were kept in a camp near the border.", "neutral"),
    )  # fmt: skip


def test_a_denial_stops_at_its_comma_and_a_denied_containment_reassures() -> None:
    """ "Far from isolating Cuba, the summit welcomed it back into the fold" read −0.58:
    the denial of "isolating" reached "summit" past the comma, and "isolating Cuba" made
    the welcome cooperation joined against Cuba. "The United States does not seek to
    contain China" had no term, "filed a WTO complaint against China" and "We no longer
    believe Pyongyang's assurances" were too weak to count and "slapped" had no term."""
    assert_labels(
        ("Far from isolating Havana, the summit welcomed it back into the fold.",
         "engagement"),
        ("Far from easing tensions, Minsk's drills have raised them.", "confrontation"),
        ("Japan does not seek to contain China.", "engagement"),
        ("The new strategy aims to contain China in the Pacific.", "confrontation"),
        ("Ottawa filed a WTO complaint against Beijing over canola.", "confrontation"),
        ("We no longer believe Tehran's assurances.", "confrontation"),
        ("Washington slapped new export controls on Chinese chipmakers.",
         "confrontation"),
    )  # fmt: skip


def test_money_for_home_and_help_asked_of_everyone_are_no_relation() -> None:
    """ "The United States will provide an average of $97.8 billion annually to support
    its agricultural sector" read +0.45 as engagement: the money's purpose, help at home,
    came a few words after "provide". "Malawi requires the assistance of the
    international community" read +0.62: help asked of everyone, as an appeal to donors
    is (the rubric's neutral). Money for another party, and help from a named one, stay
    engagement."""
    assert_labels(
        ("Canada will provide four billion dollars a year to support its dairy farmers.",
         "neutral"),
        ("Fiji requires the assistance of the international community to rebuild after "
         "the cyclone.", "neutral"),
        ("Canada will provide four billion dollars to help Ukraine rebuild.",
         "engagement"),
        ("We welcome the assistance of Norway after the cyclone.", "engagement"),
    )  # fmt: skip
    result = score("Fiji seeks the support and assistance of its development partners.")
    assert "formula" in cues(result)


def test_a_party_asked_to_match_our_own_act() -> None:
    """ "We will welcome the commission to Kashmir, and we hope that X will do the same"
    read +0.64 as engagement toward X: the speaker's own good act is the measure the
    party is asked to meet (the rubric's hope for change, aimed at it). Others asked to
    follow a named party's lead, with no party of ours to measure, stay as they were."""
    result = score("We have reopened our border crossings, and we hope that Baku will do "
                   "the same.")  # fmt: skip
    assert result.label == "confrontation"
    assert "contrast-self" in cues(result)
    assert_labels(
        ("We released all prisoners of war and expect Yerevan to do likewise.",
         "confrontation"),
        ("Our troops have withdrawn; we call on Moscow to follow suit.", "confrontation"),
        ("We welcome Norway's pledge and hope other donors will follow suit.",
         "engagement"),
        ("Chile ratified the treaty last year, and Peru will do the same next month.",
         "engagement"),
    )  # fmt: skip


def test_an_act_without_provocation_is_charged() -> None:
    """ "Israel invoked the doctrine of self-defence, in the absence of any prior
    provocations or attacks" read +0.45: the provocations and attacks, denied, read as
    hostility ruled out. An act done without provocation is charged to its doer; a
    provocation we rule out for ourselves is still a denial."""
    assert_labels(
        ("Minsk forced the airliner down without any provocation.", "confrontation"),
        ("Tehran seized the tanker in the absence of any prior provocation or attack.",
         "confrontation"),
        ("We will never resort to provocation against Seoul.", "neutral"),
    )  # fmt: skip


def test_what_is_agreed_gives_the_agreement_its_sign_and_a_truce_halts_its_war() -> None:
    """ "The EU agreed to impose tariffs on Chinese steel" read +0.66 (the imposing
    reversed, as if given in to), "the Senate approved new sanctions on Russia" +0.13,
    and "China and the US agreed to a ceasefire in the trade war" −0.10 (the war
    outweighed the truce). A decision takes the sign of the act decided; a truce halts
    the war it is in; a ceasefire that collapses is still a breach."""
    assert_labels(
        ("Brussels agreed to impose duties on Chinese electric cars.", "confrontation"),
        ("The Diet approved new sanctions on Pyongyang.", "confrontation"),
        ("Tokyo and Seoul agreed to lift their export curbs.", "engagement"),
        ("Ottawa and Beijing agreed to a truce in their canola dispute.", "engagement"),
        ("The two sides agreed to a ceasefire in the tariff war.", "engagement"),
        ("The ceasefire between Baku and Yerevan collapsed.", "confrontation"),
    )  # fmt: skip


def test_a_party_awaited_with_doubt_and_a_conciliatory_tone() -> None:
    """ "We will see how the US lives up to its words" read +0.45 as praise; it doubts the
    party's word (a challenge, like ironic confidence). "The two presidents struck a
    conciliatory tone" read −0.41 ("struck" as a strike) and "held their first call in a
    year" had no term. Seeing a party at a summit is no doubt."""
    result = score("We will see whether Ankara lives up to its words.")
    assert result.label == "confrontation"
    assert "rhetorical" in cues(result)
    assert_labels(
        ("It remains to be seen whether Caracas will keep its promise.", "confrontation"),
        ("We will see Norway's minister at the summit.", "engagement"),
        ("Lula and Milei struck a conciliatory tone at their meeting.", "engagement"),
        ("The defence chiefs of India and China held their first call in a year.",
         "engagement"),
    )  # fmt: skip


def test_a_people_named_among_the_victims_is_not_the_target() -> None:
    """ "... demanding that the massacres of innocent Palestinian civilians be
    investigated" read −0.43 as confrontation toward the victims' state: words that
    tell who the victims were ("innocent", "unarmed") hid that the state was named
    only as the one struck, whose attacker is unnamed (the rubric's neutral). A
    named attacker is still charged."""
    assert_labels(
        ("We condemn the massacres of innocent Congolese villagers.", "neutral"),
        ("We condemn the shelling of unarmed Armenian civilians by Azerbaijan.",
         "confrontation"),
    )  # fmt: skip


def test_a_relative_clause_that_binds_a_party_to_us_and_an_accession_hoped_for() -> None:
    """ "... a colleague from Namibia, which is an important partner for my country" read
    +0.31 as neutral (a "which" clause taken for the scene), and "We hope that Cuba will
    soon be incorporated into this regime" +0.27 (no term for joining). A relative clause
    that tells the party's bond with the speaker is the speaker's own word; a state's
    accession hoped for or welcomed engages it. A "which" clause of mere scene stays."""
    assert_labels(
        ("I am glad to greet the delegate of Ghana, which is a close partner of my "
         "country.", "engagement"),
        ("We remember Cuba, which has always stood by us.", "engagement"),
        ("We hope that Bhutan will soon accede to the convention.", "engagement"),
        ("We welcome the accession of Timor-Leste to ASEAN.", "engagement"),
    )  # fmt: skip
    result = score("The talks, which resumed after the war, ended without result.")
    assert "circumstance" in cues(result)


def test_interference_implied_a_party_called_upon_and_an_all_weather_friend() -> None:
    """ "This is yet another attempt to interfere in our internal affairs" read as
    neutral: interfering, like interference, can only be one state's act against
    another (the rubric's implied target). "We call upon Pakistan to take credible action
    against terrorists on its soil" took Pakistan for the one speaking ("to take" as in
    "takes note"). "An all-weather strategic cooperative partnership" read −0.57: the
    unknown compound fell back on "weather", a reverser ("weathered the storm")."""
    assert_labels(
        ("The statement is yet another attempt to interfere in our internal affairs.",
         "confrontation"),
        ("We call upon Kabul to take verifiable action against the militants on its "
         "soil.", "confrontation"),
        ("Islamabad and Beijing enjoy an all-weather strategic partnership.",
         "engagement"),
        ("Details of the visit will be released in due course.", "neutral"),
    )  # fmt: skip


def test_missiles_fired_and_relations_upgraded() -> None:
    """ "Rather than negotiate, Pyongyang fired another missile" read −0.36 as neutral
    ("fired" had no term, "missile" only a topic's) and "the two capitals upgraded them to
    ambassadorial level" had no term."""
    assert_labels(
        ("Rather than negotiate, Pyongyang fired another missile.", "confrontation"),
        ("Pyongyang fired two ballistic missiles into the sea.", "confrontation"),
        ("Riyadh and Tehran upgraded their ties to ambassadorial level.", "engagement"),
    )  # fmt: skip


def test_competition_managed_is_a_hope_for_the_relation() -> None:
    """ "China and the US vowed to manage their competition responsibly" read −0.23
    (the competition a rivalry) and "the two sides must manage their competition" −0.03:
    managing competition, like managing differences, is asked of two parties as a hope
    for the relation."""
    assert_labels(
        ("Delhi and Beijing must manage their competition responsibly.", "engagement"),
        ("Canberra and Beijing agreed to manage the relationship with care.",
         "engagement"),
    )  # fmt: skip


def test_foreign_powers_are_a_party() -> None:
    """ "Foreign powers continue to plunder the resources of the Sahel" read −0.33 as
    neutral: "foreign powers", like "external powers", designates the parties charged."""
    assert_labels(
        ("Foreign powers continue to plunder the riches of our continent.", "confrontation"),
        ("Foreign forces must leave Libya without delay.", "confrontation"),
    )  # fmt: skip


def test_brands_hailing_from_a_country_are_not_hailed() -> None:
    """ "more than 10,000 of those brands hailing from the United States" read as praise
    (*hail*, +0.49): where something hails from is its origin."""
    result = score("More than 10,000 of the brands on sale hailed from Japan and Korea.")
    assert result.label == "neutral"
    assert_labels(("Seoul hailed the agreement with Tokyo.", "engagement"))


def test_joining_a_treaty_with_no_party_is_procedure() -> None:
    """Signing or ratifying an instrument in the own voice, or everyone asked to, read
    as engagement ("I was proud to sign the climate agreement on behalf of my country"
    +0.45, "We call on all States to sign and ratify the Arms Trade Treaty" +0.18): the
    rubric's own compliance and appeal to accede, no stance. Signed with a party named,
    or a peace accord, it stays an agreement between parties."""
    result = score("We call on all States to sign and ratify the Arms Trade Treaty.")
    assert "procedure" in cues(result)
    assert_labels(
        ("I was proud to sign the climate agreement on behalf of my country, which "
         "intends to ratify it soon.", "neutral"),
        ("We call on all States to sign and ratify the Arms Trade Treaty.", "neutral"),
        ("We signed a trade agreement with Vietnam last month.", "engagement"),
        ("China and the United States signed a climate agreement in Beijing.",
         "engagement"),
        ("Kenya and Ethiopia ratified the border agreement they concluded in May.",
         "engagement"),
    )  # fmt: skip


def test_the_world_wars_and_the_two_state_solution_are_names() -> None:
    """ "The number of refugees has reached its highest level since the Second World
    War" read −0.27 (the war a time marker, rubric 7) and "We support a two-State
    solution, with the two States living side by side" +0.62 as engagement with "two
    States" (a settlement stated in the abstract, rubric 4). A war to come, and two
    states that act, still count."""
    assert_labels(
        ("The number of refugees has reached its highest level since the Second World "
         "War.", "neutral"),
        ("We support a two-State solution, with the two States living side by side in "
         "peace and security.", "neutral"),
        ("We continue to believe in two States living side by side in peace and "
         "security.", "neutral"),
        ("The two States signed a peace treaty in 1994 and have lived side by side since.",
         "engagement"),
        ("Israel's settlements are destroying the prospects of a two-State solution.",
         "confrontation"),
    )  # fmt: skip
    assert score("A new world war would destroy us all.").tone < 0


def test_the_veto_as_an_institution_is_no_obstruction() -> None:
    """ "The veto should be abolished or at least restricted" read −0.39 as
    confrontation: the veto as an institution to reform is the rubric's reform position
    (neutral). Cast or used by a party, it still obstructs."""
    assert_labels(
        ("The veto should be abolished or at least restricted.", "neutral"),
        ("The right of veto is a privilege that no longer reflects the world of today.",
         "neutral"),
        ("Russia vetoed the draft resolution on Syria.", "confrontation"),
        ("The United States cast the veto to shield its ally from accountability.",
         "confrontation"),
        ("Moscow's use of its veto has paralysed the Council.", "confrontation"),
        ("China and Russia used the veto to block action on Syria.", "confrontation"),
    )  # fmt: skip


def test_the_secretary_generals_dedication_is_praised_by_custom() -> None:
    """ "We commend the Secretary-General for his dedication to the Organization" read
    +0.55 as engagement: his dedication, devotion, wisdom or tireless work in general,
    like his leadership, is the rubric's protocol; a specific act of his is praised."""
    assert_labels(
        ("We commend the Secretary-General for his dedication to the Organization.",
         "neutral"),
        ("I pay tribute to the Secretary-General for his tireless efforts and wise "
         "stewardship.", "neutral"),
        ("We commend the Secretary-General for convening the summit on refugees.",
         "engagement"),
        ("We thank the Secretary-General for his report on the protection of civilians.",
         "engagement"),
    )  # fmt: skip


def test_every_word_of_a_state_of_affairs_describes_it() -> None:
    """ "Nuclear weapons pose the gravest threat to humanity" read −0.45 as
    confrontation: only the situation word ("threat") was discounted as thematic, and
    "nuclear" counted in full. An act only a state commits, or a party named, still
    charges."""
    assert "thematic" in cues(score("Nuclear weapons pose the gravest threat to humanity."))
    assert_labels(
        ("Nuclear weapons pose the gravest threat to humanity.", "neutral"),
        ("Drug trafficking and organized crime remain a serious threat to the stability of "
         "our region.", "neutral"),
        ("The occupation remains the main threat to peace in the region.", "confrontation"),
        ("North Korea's missile launches pose a grave threat to regional peace.",
         "confrontation"),
    )  # fmt: skip


def test_here_and_theme_point_at_no_one() -> None:
    """ "Here in Fiji, we have committed ourselves to reconciliation among all our
    communities" read +0.27 as engagement: "here" has the key of "her", so the sentence
    seemed to point at a party and lost its own voice. A pronoun as written still does."""
    assert_labels(
        ("Here in Fiji, we have committed ourselves to reconciliation among all our "
         "communities.", "neutral"),
        ("Here, we have committed ourselves to reconciliation.", "neutral"),
    )  # fmt: skip
    assert "own-voice" in cues(score("Here, we have committed ourselves to reconciliation."))
    assert "own-voice" not in cues(score("We assured her that we are committed to reconciliation."))


def test_condemning_every_act_of_a_kind_is_a_principle() -> None:
    """ "We add our voices to the condemnation of all such acts" read −0.45 as
    confrontation: a condemnation of all or any acts of a kind, in the own voice with no
    party, is a principle (the rubric's unnamed perpetrator). With the party named it
    charges it."""
    assert_labels(
        ("We add our voices to the condemnation of all such acts.", "neutral"),
        ("My Government condemns any attack on humanitarian workers.", "neutral"),
        ("We condemn every form of discrimination and intolerance.", "neutral"),
        ("We condemn all of Russia's attacks on Ukrainian cities.", "confrontation"),
        ("We condemn all such provocations by Pyongyang.", "confrontation"),
    )  # fmt: skip


def test_what_will_be_discussed_is_an_agenda() -> None:
    """ "The question of Taiwan will be discussed at the next session of the committee"
    read +0.29 as engagement and "The proposal from Lima will be discussed at the
    ministerial meeting" +0.64: an agenda verb in the passive, with no two parties who
    talk to each other, is the rubric's procedure. Discussed by two parties, or between
    them, it is dialogue."""
    assert "procedure" in cues(
        score("The question of Taiwan will be discussed at the next session of the committee.")
    )
    assert_labels(
        ("The question of Taiwan will be discussed at the next session of the committee.",
         "neutral"),
        ("The proposal from Lima will be discussed at the ministerial meeting in June.",
         "neutral"),
        ("The border issue was discussed by the foreign ministers of India and China.",
         "engagement"),
        ("India and China discussed the border issue in a friendly atmosphere.",
         "engagement"),
    )  # fmt: skip


def test_a_gathering_that_opens_somewhere_is_procedure() -> None:
    """ "The African Union summit opened in Addis Ababa on Sunday" read +0.42 as
    engagement: where and when a gathering opens, like where it is held, is procedure.
    Talks two parties open, or a summit they open together, are still engagement."""
    assert_labels(
        ("The African Union summit opened in Addis Ababa on Sunday.", "neutral"),
        ("The ASEAN foreign ministers' meeting opens in Vientiane tomorrow.", "neutral"),
        ("China and Japan opened talks on a fisheries agreement.", "engagement"),
        ("The two leaders opened the summit with a warm handshake.", "engagement"),
    )  # fmt: skip


def test_a_party_that_needs_to_act_is_asked_to() -> None:
    """ "Pyongyang needs to stop its provocations and return to talks" read +0.45 with
    Pyongyang as the one speaking ("needs" as in "Haiti needs support"), and "Turkey
    needs to end its illegal occupation" +0.44: right after a named party, "needs to"
    and "has to" ask of it what "must" asks. A need stated by anyone else is none."""
    assert_labels(
        ("Pyongyang needs to stop its provocations and return to talks.", "confrontation"),
        ("Turkey needs to end its illegal occupation of northern Cyprus.", "confrontation"),
        ("The US side needs to correct its mistakes and stop interfering in China's "
         "internal affairs.", "confrontation"),
        ("Tehran has to return to full compliance with the nuclear deal.", "confrontation"),
        ("Both sides need to return to dialogue.", "engagement"),
        ("We need to stop the spread of misinformation.", "neutral"),
        ("My country needs to diversify its economy.", "neutral"),
    )  # fmt: skip


def test_each_time_a_pledge_was_followed_by_a_hostile_act() -> None:
    """ "Each time Pyongyang pledged to negotiate, it fired another missile" read +0.16
    as engagement: what a party pledged each time before a hostile act is what the act
    broke, as after "despite". A friendly main clause concedes nothing."""
    assert "breach" in cues(
        score("Each time Pyongyang pledged to negotiate, it fired another missile.")
    )
    assert_labels(
        ("Each time Pyongyang pledged to negotiate, it fired another missile.",
         "confrontation"),
        ("Every time Moscow agreed to a ceasefire, its forces resumed the shelling within "
         "hours.", "confrontation"),
        ("Each time the two leaders met, they found new areas of cooperation.", "engagement"),
        ("Every time we visit Hanoi, we are reminded of the depth of our friendship.",
         "engagement"),
    )  # fmt: skip


def test_mockery_is_a_stance_by_its_form() -> None:
    """ "Who is Washington to lecture others on human rights?" (−0.29) and "We are sure
    Tokyo will eventually notice that no one believes its version of history" (−0.33)
    read as neutral: mild words, too little evidence. Ironic confidence and a party's
    standing denied are ridicule by their form (cue `rhetorical`); a plain question
    about who did something is none."""
    mocked = score("Who is Washington to lecture others on human rights?")
    assert "rhetorical" in cues(mocked)
    assert_labels(
        ("Who is Washington to lecture others on human rights?", "confrontation"),
        ("We are sure Tokyo will eventually notice that no one believes its version of "
         "history.", "confrontation"),
        ("Who is responsible for the delays in the programme?", "neutral"),
    )  # fmt: skip


def test_parties_thanked_in_apposition_to_their_role() -> None:
    """ "We thank the penholders, Ireland and Norway, for their tireless work" read +0.30
    as neutral: the parties named after their role and a comma were not taken as the
    ones thanked (the rubric's thanks to named states: engagement)."""
    result = score("We thank the co-facilitators, Ireland and Jamaica, for their efforts.")
    assert "thanked" in cues(result)
    assert_labels(
        ("We thank the penholders, Ireland and Norway, for their tireless work on this "
         "resolution.", "engagement"),
        ("We thank the co-facilitators, Ireland and Jamaica, for their efforts.",
         "engagement"),
    )  # fmt: skip


def test_a_situation_that_worsens_is_described() -> None:
    """ "The humanitarian situation in the Sahel continues to deteriorate" read −0.45 as
    confrontation: a situation (or conditions) that deteriorates or worsens, with no party,
    is the rubric's thematic description, as one that is or remains. A relation that
    deteriorates, or a situation a named party worsens, is not."""
    assert_labels(
        ("The humanitarian situation in the Sahel continues to deteriorate.", "neutral"),
        ("The security situation has deteriorated sharply in recent months.", "neutral"),
        ("Relations between Algiers and Rabat have deteriorated sharply.", "confrontation"),
        ("The situation on the border has deteriorated because of Ethiopia's military "
         "build-up.", "confrontation"),
    )  # fmt: skip


def test_a_demand_on_no_one_to_end_unattributed_violence() -> None:
    """ "The attacks on civilians in the region must stop" (−0.33) and "Those responsible
    for the massacre must be held accountable" (−0.38) read as confrontation: violence
    whose perpetrator is not named, with its end demanded of no one, is the rubric's
    neutral (cue `unaddressed`). Demanded of a named party, or an act only a state
    commits, it is a charge."""
    assert "unaddressed" in cues(score("The attacks on civilians in the region must stop."))
    assert_labels(
        ("The attacks on civilians in the region must stop.", "neutral"),
        ("Those responsible for the massacre must be held accountable.", "neutral"),
        ("Terrorism in all its forms and manifestations must be condemned.", "neutral"),
        ("Russia must stop its attacks on civilians.", "confrontation"),
        ("The occupation must end.", "confrontation"),
    )  # fmt: skip


def test_easing_what_is_cooperative_makes_it_easier() -> None:
    """ "Kenya and Ethiopia opened a new border crossing to ease trade" read −0.19: the
    reverser "ease" undid the trade. Easing something cooperative makes it easier; easing
    something hostile still ends it, and other reversers still undo cooperation."""
    assert_labels(
        ("Kenya and Ethiopia opened a new border crossing to ease trade.", "engagement"),
        ("The agreement eases access for aid convoys to Tigray.", "engagement"),
        ("Beijing and Tokyo eased tensions over the islands.", "engagement"),
        ("Washington eased sanctions on Caracas.", "engagement"),
        ("Moscow ended its cooperation with the agency.", "confrontation"),
        ("Ankara suspended trade with Israel.", "confrontation"),
    )  # fmt: skip


def test_congratulations_to_a_state_s_leader_engage_the_state() -> None:
    """ "Xi congratulated the new president of Vietnam on his election" read 0.0 as the
    chair's courtesy. Congratulations on the election of a state's leader (the state
    named before it) engage that state; on the election to a body's office ("President
    of the seventy-eighth session", "this Assembly") they are still protocol."""
    assert_labels(
        ("Xi congratulated the new president of Vietnam on his election.", "engagement"),
        ("The Prime Minister congratulated the people of Chile on the election of their "
         "new President.", "engagement"),
        ("We congratulate Ambassador Francis of Trinidad and Tobago on his election as "
         "President of the seventy-eighth session.", "neutral"),
        ("I congratulate you, Mr. President, on your election to preside over this "
         "Assembly.", "neutral"),
    )  # fmt: skip


def test_shows_of_force_and_border_crossings() -> None:
    """ "Japan scrambled fighter jets as Russian bombers flew near its airspace" read 0.0
    and "Kenya and Ethiopia opened a new border crossing" 0.0: scrambling jets answers a
    show of force; opening a crossing between two states is material cooperation, as
    closing one is a countermeasure."""
    assert_labels(
        ("Japan scrambled fighter jets as Russian bombers flew near its airspace.",
         "confrontation"),
        ("Kenya and Ethiopia opened a new border crossing.", "engagement"),
        ("Pakistan closed the border with Afghanistan.", "confrontation"),
    )  # fmt: skip


def test_one_party_s_conduct_set_against_another_s_by_whereas() -> None:
    """ "Chile has always respected the ruling of the Court, whereas Bolivia has rejected
    it" read the respect as Chile's cooperation: set against another party's hostile
    conduct by "whereas", one party's virtue is the foil of a charge against the other,
    as the speaker's own is (cue `contrast-self`, aimed at the party after "whereas").
    Two parties' conduct that is not hostile stays as it reads."""
    chile = score("Chile has always respected the ruling of the Court, whereas Bolivia has "
                  "rejected it.")  # fmt: skip
    assert chile.label == "confrontation"
    assert "contrast-self" in cues(chile)
    assert {ev.target for ev in chile.evidence} == {"Bolivia"}
    assert_labels(
        ("Japan welcomed the agreement, whereas Korea praised it even more warmly.",
         "engagement"),
        ("Kenya signed the accord, while Somalia also welcomed it.", "engagement"),
    )  # fmt: skip


def test_what_is_released_when_it_is_published() -> None:
    """ "China will release its trade figures on Friday" read +0.56 as engagement:
    "release" is the act of setting someone free. Released figures, a statement or a
    readout are published; released citizens, hostages or a journalist are freed."""
    assert_labels(
        ("China will release its trade figures on Friday.", "neutral"),
        ("The White House released a readout of the call.", "neutral"),
        ("The 2018 Business Climate Survey recently released by the American Chamber of "
         "Commerce shows that most members plan to expand.", "neutral"),
        ("Hostages released by the rebels returned home.", "engagement"),
        ("The Annual Report on Foreign Investment in Kenya released by the Ministry shows "
         "a surplus.", "neutral"),
        ("The report said Iran released two hostages.", "engagement"),
        ("Iran released two French citizens held since 2022.", "engagement"),
        ("Russia released the journalist in a prisoner swap.", "engagement"),
    )  # fmt: skip


def test_criminal_gangs_are_no_charge_and_good_neighbourliness_engages() -> None:
    """ "The Government of Ecuador has launched a new strategy to dismantle criminal
    gangs in our prisons" read −0.37: "criminal" is the charge of a criminal regime, and
    a gang, network or cartel is no party charged. "In a spirit of good-neighbourliness"
    was not read at all (only "good-neighbourly")."""
    assert score("The Government of Ecuador has launched a new strategy to dismantle "
                 "criminal gangs in our prisons.").label != "confrontation"  # fmt: skip
    assert_labels(
        ("The criminal regime in Damascus has gassed its own people.", "confrontation"),
        ("Kyiv accused Moscow of criminal acts against civilians.", "confrontation"),
        ("The two countries settled their border questions in a spirit of "
         "good-neighbourliness.", "engagement"),
    )  # fmt: skip


def test_an_agenda_s_items_named_after_a_colon_are_topics() -> None:
    """ "Three issues concern us most: climate change, the threat of terrorism and the
    debt burden of developing countries" read −0.43 as confrontation: a clause that
    announces issues, priorities or problems and a colon name the speech's topics, a
    state of affairs (cue `thematic`). A party charged in the list is still charged."""
    agenda = score("Three issues concern us most: climate change, the threat of terrorism "
                   "and the debt burden of developing countries.")  # fmt: skip
    assert agenda.label == "neutral" and "thematic" in cues(agenda)
    assert_labels(
        ("I will highlight two priorities: the fight against poverty and the prevention "
         "of conflict.", "neutral"),
        ("Two problems stand out: Russia's aggression against Ukraine and its nuclear "
         "threats.", "confrontation"),
        ("Terrorism, piracy and trafficking threaten the region.", "confrontation"),
    )  # fmt: skip


def test_tightened_controls_and_sanctions_escalate() -> None:
    """ "Washington tightened export controls on advanced chips to China" read −0.34,
    neutral (the controls alone, with too little evidence): tightening controls,
    restrictions or sanctions on a party is a countermeasure of its own. Easing or
    lifting them still reads as engagement."""
    assert_labels(
        ("Washington tightened export controls on advanced chips to China.", "confrontation"),
        ("The EU tightened sanctions on Iran.", "confrontation"),
        ("Washington eased export controls on chips to China.", "engagement"),
    )  # fmt: skip


def test_launch_rockets_and_challenges_met_are_no_acts() -> None:
    """From 2021 U.S.-China headlines: "Pentagon tracking out-of-control Chinese rocket
    that could reenter Earth's atmosphere" read −0.88 (a rocket fired), "US to build up
    bases in Guam and Australia to meet China challenge" +0.32 (a meeting). Beside words
    of spaceflight a rocket is a launcher; a challenge met is no one met. Rockets fired,
    and ministers who meet, are still read."""
    assert_labels(
        ("Pentagon tracking out-of-control Chinese rocket that could reenter Earth's "
         "atmosphere.", "neutral"),
        ("The US will build up bases in Guam and Australia to meet China challenge.",
         "neutral"),
        ("Hamas fired rockets at Israeli towns near Gaza.", "confrontation"),
        ("Rockets hit the airport in Erbil.", "confrontation"),
        ("Blinken met Wang Yi in Munich.", "engagement"),
    )  # fmt: skip
    held = score("The ministers of Chile and Peru held a meeting on the challenges of the border.")
    assert "meeting" in {ev.phrase for ev in held.evidence}


def test_talking_points_heard_from_a_delegation_are_its_own() -> None:
    """ "We have heard today the same tired talking points from the delegation of Iran"
    read +0.42 as engagement said by Iran: "talking" was dialogue, and the delegation
    named after "from" was taken as the speaker. Tired talking points dismiss what a
    party says; what "we" heard from a delegation is spoken of. A delegation that speaks
    for itself is still the speaker."""
    heard = score("We have heard today the same tired talking points from the delegation "
                  "of Iran.")  # fmt: skip
    assert heard.label == "confrontation"
    assert {ev.target for ev in heard.evidence} == {"Iran"}
    assert_labels(
        ("The talking points for the meeting were agreed in advance.", "neutral"),
        ("We, the delegation of Oman, support the draft resolution.", "neutral"),
    )  # fmt: skip


def test_words_and_deeds_that_do_not_match() -> None:
    """ "Washington's words and deeds do not match" was not read at all: the ministries'
    formula for a party whose conduct belies what it says. Words and deeds that match,
    asked of a party, are still a demand."""
    assert_labels(
        ("Washington's words and deeds do not match.", "confrontation"),
        ("Tokyo's words and actions do not match.", "confrontation"),
    )  # fmt: skip
    assert score("China is ready to work with the U.S. to implement the common "
                 "understandings.").label == "engagement"  # fmt: skip


def test_sanctions_responded_to_are_answered_in_kind() -> None:
    """ "We will respond to the American sanctions in a way that the United States will
    feel" read +0.35 as engagement: "respond to" was taken as giving in, like "agreed
    to the demands". A party's coercion or charges responded to are answered in kind;
    concerns responded to are met, and a crisis responded to is addressed."""
    answered = score("We will respond to the American sanctions in a way that the "
                     "United States will feel.")  # fmt: skip
    assert answered.label == "confrontation"
    assert "reversed" not in cues(answered)
    assert_labels(
        ("The government responded to the concerns of Japan.", "engagement"),
        ("Ottawa will respond to the new tariffs imposed by Washington.", "confrontation"),
    )  # fmt: skip
    assert score("The agency responded quickly to the humanitarian crisis.").tone >= 0


def test_readout_and_commentary_formulas() -> None:
    """Formulas of readouts and commentary that read as nothing: understandings
    reached (a readout's agreement), a party's true face shown (its unmasking), powers
    locked in a struggle for supremacy, visa rules eased or tightened. A Council's
    procedure "in accordance with the understanding reached" agrees nothing."""
    assert_labels(
        ("Both presidents instructed their teams to follow up on the understandings "
         "reached in San Francisco.", "engagement"),
        ("The Americans have once again shown their true face.", "confrontation"),
        ("The two powers are locked in a struggle for technological supremacy.",
         "confrontation"),
        ("Beijing eased visa rules for American business travellers.", "engagement"),
        ("Moscow tightened visa rules for British diplomats.", "confrontation"),
        ("Beijing lifted visa restrictions on American journalists.", "engagement"),
        ("The Council resumed its consideration of the item in accordance with the "
         "understanding reached in its prior consultations.", "neutral"),
        ("The two teams were locked in a struggle for the title.", "neutral"),
    )  # fmt: skip


def test_a_fight_against_a_common_ill_is_no_fight_between_parties() -> None:
    """ "The two countries agreed to fight terrorism together" read -0.46 as
    confrontation: "fight" weighed as combat, and the agreement took its sign from what
    was agreed. Fighting terrorism, drugs or crime is a common cause, and "together they
    account for" a sum, not cooperation. Fighting between parties, or a party's vow to
    fight, is still confrontation."""
    assert_labels(
        ("The two countries agreed to fight terrorism together.", "engagement"),
        ("China said it had done more than any country to fight drugs.", "neutral"),
        ("Panama will fight drug trafficking along its border.", "neutral"),
        ("China and the United States are the two largest emitters. Together they "
         "account for about 40 percent of global emissions.", "neutral"),
        ("China will fight to the end if the United States insists on escalating.",
         "confrontation"),
        ("Fighting broke out between Armenian and Azerbaijani forces.", "confrontation"),
    )  # fmt: skip


def test_met_with_a_response_is_no_meeting() -> None:
    """ "Any attempt to interfere in Hong Kong affairs will be met with firm opposition"
    read +0.02: "met" counted as a meeting (+0.64) against the interference. What is
    met with a response after a form of "be" is received so; a party that met with
    another still met it. Opening a market to another's firms was not read at all."""
    assert_labels(
        ("Any attempt to interfere in Hong Kong affairs will be met with firm "
         "opposition.", "confrontation"),
        ("Blinken met with Wang Yi in Munich.", "engagement"),
        ("Premier Li said China would open its market wider to American companies.",
         "engagement"),
    )  # fmt: skip
    heard = score("The proposal was met with polite interest in Tokyo.")
    assert "met" not in {ev.phrase for ev in heard.evidence}


def test_friend_to_all_is_a_formula_of_foreign_policy() -> None:
    """ "A friend to all and an enemy to none", "friendship to all and malice towards
    none": a state's description of its own foreign policy, no friendship with a party
    and no enmity. A friend of a named state is still one."""
    assert_labels(
        ("Micronesia's foreign policy is to be a friend to all and an enemy to none.",
         "neutral"),
        ("Bangladesh's foreign policy rests on friendship to all and malice towards none.",
         "neutral"),
        ("Bangladesh will always be a true friend of Bhutan.", "engagement"),
    )  # fmt: skip


def test_warnings_of_a_price_to_pay_and_whom_they_warn() -> None:
    """ "Anyone who tries to split Taiwan from China will pay a heavy price" read 0.0:
    the price to pay was not in the vocabulary, and a warning after the relative clause
    that names whom it warns ("anyone who ...", "those who ...") was discounted as that
    clause's scene. Suffering told of civilians is no warning to them."""
    assert_labels(
        ("Anyone who tries to split Taiwan from China will pay a heavy price.",
         "confrontation"),
        ("Any country that interferes will face the consequences.", "confrontation"),
        ("If Washington insists on this course, it will regret it.", "confrontation"),
        ("Those who play with fire will get burned.", "confrontation"),
    )  # fmt: skip
    suffered = score("Civilians have paid a heavy price for the war.")
    assert "pay a heavy price" not in {ev.phrase for ev in suffered.evidence}


def test_a_charge_whose_subject_points_at_a_party_is_aimed() -> None:
    """ "This is a typical case of double standards", "They apply double standards" read
    neutral: a charge said of no one named. A charge whose subject points at a party or
    its act named before ("they", "this", "these") is aimed at it, unnamed, as the
    rubric's targets "unnamed ..." are. A charge of no one is still said of no one."""
    assert_labels(
        ("This is a typical case of double standards.", "confrontation"),
        ("They apply double standards.", "confrontation"),
        ("These are lies.", "confrontation"),
    )  # fmt: skip
    general = score("Double standards weaken the credibility of any institution.")
    assert any("untargeted" in ev.cue for ev in general.evidence)


def test_a_party_after_another_ones_verb_is_its_object() -> None:
    """ "Biden called Lula to congratulate him on his election" read neutral: Lula, near
    the sentence's start and before "to congratulate", was taken for a second speaker
    and dropped, so the congratulation was aimed at no one and read as the chair's
    courtesy. A party after another party's verb in the same clause is its object."""
    called = score("Biden called Lula to congratulate him on his election.")
    assert called.label == "engagement"
    assert {(ev.speaker, ev.target) for ev in called.evidence} == {("Biden", "Lula")}
    assert score("Kenya and Uganda welcome the agreement.").label == "engagement"
