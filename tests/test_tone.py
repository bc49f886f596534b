"""The tone scorer: framing mechanisms, actor focus, user terms and the public API."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import monitor.tone
from monitor.models import ToneScore
from monitor.tone import DEFAULT_ALIASES, build_scorer
from monitor.tone.actors import ActorFocus
from monitor.tone.lexicon import builtin_background, builtin_terms
from monitor.tone.text import MAX_SENTENCE_WORDS, normalise, split_sentences


def tone(text: str, **kwargs: object) -> float:
    """Tone of ``text`` from a scorer built with ``kwargs``."""
    return build_scorer(**kwargs).score(text).tone  # type: ignore[arg-type]


def cues_of(result: ToneScore, phrase_part: str) -> set[str]:
    """Cue names on evidence whose phrase contains ``phrase_part``."""
    return {
        cue
        for ev in result.evidence
        if phrase_part in ev.phrase
        for cue in ev.cue.split(",")
        if cue
    }


def test_public_names() -> None:
    """The package exports exactly the names the pipeline relies on."""
    assert set(monitor.tone.__all__) == {
        "DEFAULT_ALIASES",
        "LexiconScorer",
        "ToneScorer",
        "build_scorer",
        "round4",
        "speaker_names",
    }


def test_action_sign() -> None:
    """Cooperative acts score above zero and hostile acts below zero."""
    assert tone("Vietnam and Japan signed a trade agreement on Monday.") > 0.3
    assert tone("Troops shelled the border town, killing four civilians.") < -0.3


def test_negation_flips_and_discounts() -> None:
    """A negated sanction is no longer confrontation and is marked 'negated'."""
    scorer = build_scorer()
    plain = scorer.score("The ministry imposed sanctions on the neighbouring state.")
    negated = scorer.score("The ministry did not impose sanctions on the neighbouring state.")
    assert plain.tone < 0 < negated.tone + 0.01
    assert "negated" in cues_of(negated, "sanction")


def test_negated_engagement_turns_negative() -> None:
    """Refusing to meet is confrontation even though 'meet' is cooperative."""
    result = build_scorer().score("The delegation refused to meet the mediators.")
    assert result.tone < 0
    assert "negated" in cues_of(result, "meet")


def test_reversed_actions() -> None:
    """Lifting sanctions is engagement; halting talks is confrontation."""
    assert tone("The council lifted sanctions on the island nation.") > 0.2
    halted = build_scorer().score("The two capitals halted talks on the fishing dispute.")
    assert halted.tone < -0.2
    assert "reversed" in cues_of(halted, "talks")


def test_contrast_discounts_what_is_set_against() -> None:
    """Confrontation named in contrast weighs far less than the same words stated plainly."""
    scorer = build_scorer()
    contrasted = scorer.score("The visit stands in contrast to the old sanctions and threats.")
    plain = scorer.score("The government announced sanctions and threats.")
    assert contrasted.tone > 0
    assert plain.tone < 0
    assert "contrast" in cues_of(contrasted, "sanctions")


def test_past_is_discounted() -> None:
    """A recalled past act moves the score less than the same act reported as news."""
    scorer = build_scorer()
    now = scorer.score("The two governments imposed tariffs on each other's steel.")
    then = scorer.score("In 2018 the two governments imposed tariffs on each other's steel.")
    assert now.tone < then.tone < 0
    assert "past" in cues_of(then, "tariff")


def test_hedges_and_intent_grade_below_action() -> None:
    """'could impose' and 'threatened to impose' are milder than 'imposed'."""
    scorer = build_scorer()
    done = scorer.score("Canada imposed sanctions on the regime.").tone
    could = scorer.score("Canada could impose sanctions on the regime.")
    threat = scorer.score("Canada threatened to impose sanctions on the regime.").tone
    assert done < threat < 0
    assert done < could.tone < 0
    assert "hedged" in cues_of(could, "sanction")


def test_reported_speech_is_discounted() -> None:
    """Hearsay ('reportedly', 'according to') weighs less than a stated act."""
    scorer = build_scorer()
    stated = scorer.score("Militiamen attacked the aid convoy near the border.")
    hearsay = scorer.score("Militiamen reportedly attacked the aid convoy near the border.")
    attacked = next(ev for ev in hearsay.evidence if "attack" in ev.phrase)
    stated_attack = next(ev for ev in stated.evidence if "attack" in ev.phrase)
    assert abs(attacked.weight) < abs(stated_attack.weight)
    assert "reported" in attacked.cue


def test_demand_is_not_the_act() -> None:
    """Demanding a release is pressure, not the release itself."""
    result = build_scorer().score("Officials demanded the release of the detained crew.")
    assert result.tone < 0
    assert "requested" in cues_of(result, "release")


def test_object_of_an_act_is_damped() -> None:
    """In 'attacked the peacekeepers' the attack carries the sign, not its target."""
    result = build_scorer().score("Gunmen attacked the peacekeepers near the airport.")
    assert result.tone < -0.3
    assert "object" in cues_of(result, "peacekeepers")


def test_circumstance_is_damped() -> None:
    """What follows 'after' or 'amid' sets the scene and weighs less than the main act."""
    result = build_scorer().score("The rebels released the hostages after months of fighting.")
    assert result.tone > 0
    assert "circumstance" in cues_of(result, "fighting")


def test_boilerplate_is_not_scored() -> None:
    """Subscribe prompts and CMS shortcodes add no evidence and do not change the score."""
    body = "Both sides pledged deeper cooperation and regular dialogue."
    furniture = '\n\n[adinserter block="8"]\n\nSubscribe to our Telegram channel today!'
    scorer = build_scorer()
    clean_score = scorer.score(body)
    noisy = scorer.score(body + furniture)
    assert noisy.tone == clean_score.tone
    assert all("Subscribe" not in ev.sentence for ev in noisy.evidence)
    only = scorer.score("Subscribe to our newsletter. Follow us on Telegram!")
    assert only.evidence == ()
    assert only.label == "neutral"


def test_normalise_makes_quotes_and_dashes_plain() -> None:
    """Curly quotes, dashes and non-breaking spaces become plain; other characters stay."""
    text = (
        "\u201cWe\u2019ll talk\u201d \u2014 the \u2018envoy\u2019 said, "
        "2019\u20132020.\u00a0Caf\u00e9 \u25aa"
    )
    # The spaced em dash becomes " - " between its own spaces, then a clause mark.
    assert normalise(text) == "\"We'll talk\"  ;  the 'envoy' said, 2019-2020. Caf\u00e9 \u25aa"
    assert normalise("no change - here") == "no change ; here"


def test_scores_repeat_once_tokens_are_known() -> None:
    """A scorer gives a text the same score the first time (every token new) and after."""
    text = (
        "Kenya\u2019s envoy said the talks with Uganda, held in 2019, were "
        "\u201cconstructive\u201d; sanctions were not lifted."
    )
    scorer = build_scorer()
    first = scorer.score(text)
    assert first.evidence
    assert scorer.score(text) == first
    assert build_scorer().score(text) == first


def test_empty_text_is_neutral() -> None:
    """Empty or term-free text is neutral with no evidence."""
    for text in ("", "   ", "The report runs to forty pages and three annexes."):
        result = build_scorer().score(text)
        assert result.label == "neutral"
        assert result.tone == 0.0
        assert result.evidence == ()


def test_ranges_and_evidence_order() -> None:
    """Tone stays in [-1, 1], confidence in [0, 1], evidence by |weight| descending."""
    texts = [
        "Rebels killed twelve soldiers and seized the airport.",
        "The envoy praised the ceasefire and pledged aid for reconstruction.",
        "Officials met, disagreed, and agreed to meet again.",
    ]
    scorer = build_scorer()
    for text in texts:
        result = scorer.score(text, title="War and peace")
        assert -1.0 <= result.tone <= 1.0
        assert 0.0 <= result.confidence <= 1.0
        weights = [abs(ev.weight) for ev in result.evidence]
        assert weights == sorted(weights, reverse=True)


def test_one_sentence_reads_net_over_gross_plus_prior() -> None:
    """Alone, a sentence's tone is the net of its terms over their gross plus the prior."""
    scorer = build_scorer()
    result = scorer.score("The envoy praised the ceasefire but condemned the shelling of Gaza.")
    net = sum(ev.weight for ev in result.evidence)
    gross = sum(abs(ev.weight) for ev in result.evidence)
    assert len(result.evidence) >= 2
    assert result.tone == pytest.approx(net / (gross + scorer.params.prior), abs=1e-3)


def test_each_sentence_is_one_statement() -> None:
    """A sentence packed with charged words does not outweigh three that engage."""
    charged = (
        "Beijing accused Washington of bullying, condemned its sanctions as illegal and "
        "threatened countermeasures."
    )
    engaged = (
        "China welcomed the visit. The two sides praised each other. "
        "Both leaders pledged cooperation."
    )
    assert tone(charged) < -0.5
    # Its seven charged terms weigh more than the five terms of engagement together.
    assert tone(f"{charged} {engaged}") > 0.2
    assert tone(engaged) > tone(f"{charged} {engaged}")


def test_sentences_that_agree_make_the_tone_surer() -> None:
    """Each further sentence that says the same adds to the certainty, as evidence does."""
    one = "China and the United States agreed to resume talks."
    three = one + " The two sides praised the progress. Both welcomed the new exchanges."
    assert 0.0 < tone(one) < tone(three) <= 1.0
    # Certainty combines as independent evidence: it nears 1 and never passes it.
    surer = [tone(" ".join([one] * n)) for n in (1, 2, 4)]
    assert surer == sorted(surer) and len(set(surer)) == 3 and surer[-1] <= 1.0


TALKS = (
    "U.S. and Chinese negotiators met in Geneva for a second day of talks. "
    "Washington and Beijing agreed to resume regular dialogue and to cooperate on "
    "climate finance. Both delegations praised the constructive tone."
)
WAR = (
    "\n\nMeanwhile in Sudan, fighting raged around Khartoum. Militias shelled "
    "residential districts, killing dozens, and rebels attacked a hospital."
)


def test_actor_focus_ignores_unrelated_war() -> None:
    """With the watch's actors, an unrelated war paragraph barely moves a talks article."""
    focused = build_scorer(actors=["United States", "China"])
    talks = focused.score(TALKS)
    mixed = focused.score(TALKS + WAR)
    assert talks.label == mixed.label == "engagement"
    assert abs(talks.tone - mixed.tone) < 0.1
    unfocused = build_scorer()
    drift = abs(unfocused.score(TALKS).tone - unfocused.score(TALKS + WAR).tone)
    assert drift > abs(talks.tone - mixed.tone)
    assert "actor-focus" in cues_of(mixed, "shell")
    assert mixed.relevant_sentences < mixed.sentences


EXPO = [
    "China opened its import expo in Shanghai on Monday.",
    "China praised the cooperation of African exporters and welcomed their goods.",
    "Beijing signed purchase agreements with Kenya and Ethiopia.",
    "China pledged to deepen its partnership with its trading partners.",
    "Chinese officials hailed the expo as a great success for cooperation.",
    "China will further open its market, the ministry said.",
    "Its imports grew faster last year than those of the US and Japan.",
    "Exhibitors from Brazil arrived with coffee and soybeans.",
    "The fair runs for six days.",
    "China thanked the exhibitors and promised more cooperation.",
    "Beijing and Nairobi agreed to hold talks on a trade deal.",
    "Chinese firms signed deals with European suppliers.",
]


def test_text_without_paragraphs_is_read_in_passages() -> None:
    """A body that lost its breaks is not all about the U.S. for one passing mention."""
    focused = build_scorer(actors=["United States", "China"])
    flat = focused.score(" ".join(EXPO))
    # Read as paragraphs of two sentences, only the one naming the US is about the pair.
    parted = focused.score("\n\n".join(" ".join(EXPO[i : i + 2]) for i in range(0, 12, 2)))
    assert flat.relevant_sentences <= 5
    assert abs(flat.tone) < 0.3 and abs(parted.tone) < 0.3
    # A flattened story about the pair throughout is still read whole.
    talks = " ".join(
        [
            "China and the United States agreed to resume trade talks.",
            "Washington welcomed Beijing's offer to buy more soybeans.",
            "The two sides praised the progress of their dialogue.",
            "China said it hoped the US would lift the tariffs.",
            "U.S. officials said the talks with Chinese negotiators were constructive.",
            "Beijing and Washington will meet again next month.",
            "American farmers welcomed the news from China.",
        ]
    )
    whole = focused.score(talks)
    assert whole.relevant_sentences == whole.sentences and whole.tone > 0.5


def test_only_sentences_about_the_relation_make_the_tone_surer() -> None:
    """A long speech that names the other party once is no surer than that sentence."""
    focused = build_scorer(actors=["United States", "China"])
    once = "China and the United States held talks on trade."
    others = [f"China welcomed the exporters of {c} and praised their goods." for c in EXPO_FROM]
    speech = focused.score("\n\n".join([*others, once]))
    alone = focused.score(once)
    assert speech.relevant_sentences == 1
    assert abs(speech.tone) <= abs(alone.tone) + 0.05


EXPO_FROM = ("Kenya", "Brazil", "Chile", "Peru", "Ghana", "Nepal", "Laos", "Fiji") * 3


def test_latin_america_is_not_the_united_states() -> None:
    """ "Latin America", "Inter-American", "the Washington Post" or "U.S. dollars" name no
    U.S. party.

    A region of states is a party of its own, as the General Debate speaks of it."""
    pair = build_scorer(actors=["United States", "China"])
    for text in (
        "China signed cooperation agreements with countries in Latin America.",
        "Trade between South America and China grew, and Beijing praised the cooperation.",
        "China and the Inter-American Development Bank signed a cooperation agreement.",
        "China praised its cooperation with Kenya, the Washington Post reported.",
        "China and Kenya praised their trade, worth 5 billion U.S. dollars last year.",
    ):
        result = pair.score(text)
        assert result.relevant_sentences == 0 and result.tone == 0.0, text
    # America itself still is.
    assert pair.score("China and America agreed to cooperate.").tone > 0.5
    praise = build_scorer().score("Brazil praised the cooperation of Latin America.")
    assert {ev.target for ev in praise.evidence} == {"Latin America"}
    assert build_scorer().score("Brazil praised America.").evidence[0].target == "America"


def test_a_name_counts_only_as_a_whole_word_in_its_own_place() -> None:
    """Where a watched actor's name stands, it names the actor: at the text's start,
    after a bracket or a quote, before a possessive. Inside a word, after a dot or a
    letter, as a region's part, a newspaper, a sea or a currency, it does not."""
    focus = ActorFocus(["United States", "China"])
    named = {
        "US officials arrived.": {0},
        "America's allies met.": {0},
        "(US) and (PRC) delegations": {0, 1},
        '"Beijing," she said, "and Washington."': {0, 1},
        "Xi met Biden": {0, 1},
        "Pan-American ties and Xi Jinping": {1},
        "Latin America, South American and North American trade": set(),
        "Inter-American bank": set(),
        "USB sticks from Xiamen": set(),
        "see www.US or x.China": set(),
        "the Washington Post and the South China Sea": set(),
        "US$ 5 billion and 3 U.S. dollars": set(),
        "Raducanu reaches the US Open final; Zheng won the China Open": set(),
        "Americana and Chinese-made": {1},
    }
    for text, actors in named.items():
        assert focus.which(text)[0] == actors, text
    assert focus.which("Japan and Kenya")[1] and not focus.which("US and China")[1]


def test_the_pair_named_as_one_is_the_watched_pair_in_their_passage() -> None:
    """ "The two presidents", "both sides", "bilateral ties" in a passage that names both
    watched actors are them: the sentence weighs fully. In a passage about another pair
    they are that pair, and the passage does not count."""
    focused = build_scorer(actors=["United States", "China"])
    them = (
        "Washington and Beijing held a summit on Monday. The two presidents agreed to "
        "resume dialogue and expand cooperation."
    )
    result = focused.score(them)
    agreed = [ev for ev in result.evidence if ev.phrase in ("agreed to", "resume dialogue")]
    assert agreed and all("actor-focus" not in ev.cue for ev in agreed)
    others = (
        "Russia and Ukraine held talks in Istanbul. The two presidents agreed to resume "
        "dialogue and expand cooperation."
    )
    assert focused.score(others).relevant_sentences == 0


def test_government_organs_name_their_state_for_a_watch() -> None:
    """ "The Commerce Department" is the United States for a U.S.–China watch, so a
    paragraph on its export controls and Beijing's answer is about the relation; and a
    capital that "vows retaliation" threatens it."""
    focused = build_scorer(actors=["United States", "China"])
    text = (
        "The Commerce Department added 140 Chinese companies to its entity list. "
        "Beijing vowed retaliation and said it firmly opposed the move."
    )
    result = focused.score(text)
    assert result.relevant_sentences == 2 and result.label == "confrontation"
    assert any(ev.phrase == "vowed retaliation" for ev in result.evidence)


def test_watch_aliases_extend_defaults() -> None:
    """A watch alias makes sentences naming it count as about the actor."""
    text = "The Oval Office and the Politburo agreed to resume talks."
    plain = build_scorer(actors=["United States", "China"]).score(text)
    aliased = build_scorer(
        actors=["United States", "China"],
        aliases={"United States": ["Oval Office"], "China": ["Politburo"]},
    ).score(text)
    assert aliased.relevant_sentences == 1
    assert plain.relevant_sentences == 0
    assert "Washington" in DEFAULT_ALIASES["United States"]
    assert "Beijing" in DEFAULT_ALIASES["China"]


def test_officials_of_the_watched_pair_name_it() -> None:
    """Under the U.S.–China watch, a meeting of their ministers by name is about the
    relation (it weighed nothing: neither name was an alias); a minister of a third
    state is not."""
    focus = build_scorer(actors=["United States", "China"])
    met = focus.score("Blinken and Wang Yi met on the sidelines of the ASEAN meeting.")
    assert met.relevant_sentences == 1 and met.label == "engagement"
    other = focus.score("Blinken and Lammy met on the sidelines of the ASEAN meeting.")
    assert other.relevant_sentences == 0


def test_user_terms_add_and_reweight() -> None:
    """YAML terms add new phrases and override built-in weights without code changes."""
    text = "Brussels stepped up de-risking and added firms to the chip blacklist."
    base = build_scorer().score(text)
    tuned = build_scorer(terms={"de-risking": -0.9, "chip blacklist": -0.8}).score(text)
    assert tuned.tone < base.tone
    phrases = {ev.phrase for ev in tuned.evidence}
    assert "chip blacklist" in phrases
    praise = build_scorer(terms={"praise": 0.1}).score("The minister praised the deal with Canada.")
    assert max(ev.weight for ev in praise.evidence if "praise" in ev.phrase) == pytest.approx(0.1)
    named = build_scorer(terms={"tension": -0.8}).score("Envoys met amid rising tension.")
    assert "background" not in cues_of(named, "tension")


def test_fitted_weights_keep_signs() -> None:
    """Shipped fitted weights stay in [-1, 1] and never flip a hand-set sign."""
    path = monitor.tone.WEIGHTS_FILE
    if not path.is_file():
        pytest.skip("no fitted weights shipped")
    data = json.loads(path.read_text(encoding="utf-8"))
    written = {**builtin_background(), **builtin_terms()}
    for phrase, weight in data["terms"].items():
        assert -1.0 <= weight <= 1.0
        assert (weight > 0) == (written[phrase] > 0), phrase


def test_no_heavy_imports() -> None:
    """Importing the scorer and its CLI pulls in none of the daemon's heavy modules."""
    code = (
        "import sys, monitor.cli.score; "
        "heavy = {'httpx', 'apscheduler', 'trafilatura', 'feedparser', 'sqlite_utils', "
        "'pydantic'}; print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_rejection_reaches_its_object() -> None:
    """What a spoiler rejects, several words on, is what was refused, not offered."""
    result = build_scorer().score(
        "Pakistan rejected a fresh offer from Afghanistan for direct talks between the two."
    )
    assert result.label == "confrontation"
    assert "object" in cues_of(result, "talks")
    assert tone("The president reneged on his commitment to hold elections.") < 0


def test_obligation_is_a_request() -> None:
    """'must agree to a ceasefire' asks for the ceasefire; it has not happened."""
    result = build_scorer().score("The minister said the rebels must agree to a ceasefire.")
    assert "requested" in cues_of(result, "ceasefire")
    assert result.tone < tone("The rebels agreed to a ceasefire.")


def test_thin_evidence_is_neutral_but_one_plain_act_is_not() -> None:
    """A lone weak term is neutral; one clear act of either sign is not."""
    scorer = build_scorer()
    assert scorer.score("The meeting was called to order at 4.05 p.m.").label == "neutral"
    assert scorer.score("Russia expelled two diplomats.").label == "confrontation"
    assert scorer.score("Both sides agreed to a ceasefire.").label == "engagement"


def test_names_and_spellings_that_are_not_acts() -> None:
    """'Amnesty International' is no amnesty; 'cancelled' undoes like 'cancel'."""
    assert tone("Amnesty International accused the government of torture.") < 0
    assert tone("The court cancelled restrictions on the use of the language.") > 0


def test_sentences_split_at_stops_not_at_abbreviations() -> None:
    """Sentences end at . ! ? before a capital or a quote, never after U.S., Mr. or Sept."""
    text = (
        'U.S. officials met Mr. Li in Beijing. "We agreed," he said. Talks resume in '
        "Sept. 2024! Will they? Yes... Maybe (not). The end.\n\n"
        'Second para: he said: "We agree." Then talks began. Done'
    )
    assert list(split_sentences(text)) == [
        (0, "U.S. officials met Mr. Li in Beijing."),
        (0, '"We agreed," he said.'),
        (0, "Talks resume in Sept. 2024!"),
        (0, "Will they?"),
        (0, "Yes..."),
        (0, "Maybe (not)."),
        (0, "The end."),
        (1, 'Second para: he said: "We agree.'),
        (1, "Then talks began."),
        (1, "Done"),
    ]


def test_a_run_of_words_without_an_end_is_read_in_bounded_pieces() -> None:
    """A page that lost its punctuation was one sentence of 160,000 words, and its frame
    (terms against cues) took a minute and a half. A run of more than
    MAX_SENTENCE_WORDS words is read in pieces that end at a comma or a semicolon of
    their second half where there is one, and every word is still read once."""
    clause = "China and the United States agreed to resume talks on trade"
    run = ", ".join([clause] * 400)  # 4,400 words, one "sentence"
    pieces = [s for _, s in split_sentences(run)]
    assert len(pieces) > 1
    assert all(len(p.split()) <= MAX_SENTENCE_WORDS for p in pieces)
    assert all(p.endswith(",") for p in pieces[:-1])
    assert " ".join(pieces) == run
    # No comma to end at: pieces of exactly the bound, in a run that also ends a sentence.
    bare = " ".join(["talks"] * (2 * MAX_SENTENCE_WORDS + 5)) + ". Next."
    split = list(split_sentences(bare))
    assert [len(s.split()) for _, s in split] == [MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 5, 1]
    assert {para for para, _ in split} == {0}
    # A long sentence under the bound is one sentence still.
    long_one = " ".join(["talks"] * MAX_SENTENCE_WORDS) + "."
    assert list(split_sentences(long_one)) == [(0, long_one)]
    focused = build_scorer(actors=["United States", "China"]).score(run)
    assert focused.label == "engagement" and focused.sentences == len(pieces)


def test_text_about_one_actor_says_nothing_about_the_relation() -> None:
    """For a two-actor watch, a text that names only one of them is neutral (tone 0),
    whatever its mood, and its terms are not read; naming both makes it count."""
    watch = build_scorer(actors=["United States", "China"])
    alone = watch.score(
        "China expands imports to share development dividends with the world.\n\n"
        "Beijing pledged deeper cooperation and warmly welcomed foreign investors."
    )
    assert (alone.tone, alone.label, alone.relevant_sentences) == (0.0, "neutral", 0)
    assert alone.evidence == () and alone.sentences == 2 and alone.confidence <= 0.1
    both = watch.score("China and the United States pledged deeper cooperation on trade.")
    assert both.tone > 0.3 and both.label == "engagement" and both.relevant_sentences == 1
    # Without a watch's actors the same text is read for its own stance.
    assert build_scorer().score("Beijing pledged deeper cooperation.").tone > 0
