"""Synthetic articles for ``rhetoric-monitor demo``, written for this project.

Four invented outlets report on U.S.–China relations over 24 simulated days.
For the first twelve days the coverage is mostly about talks, visits and
agreements; then it turns to tariffs, sanctions and military posturing. Each
article is a headline and three or four sentences drawn from the pools below
with a fixed seed, so every run of the demo is the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

OUTLETS = ("Harbor Ledger", "Capital Wire", "Meridian Post", "Eastbound Times")

ENGAGEMENT_TITLES = (
    "U.S. and China agree to resume high-level economic dialogue",
    "Beijing welcomes American trade delegation for talks",
    "Washington and Beijing sign climate cooperation pact",
    "Xi and U.S. president hold constructive phone call",
    "China and U.S. expand student exchanges",
    "Envoys praise progress as U.S.-China talks continue",
    "U.S. and China set up joint working group on fentanyl",
    "Chinese vice premier invites U.S. commerce secretary to visit",
)
ENGAGEMENT = (
    "Officials from the United States and China agreed to meet again next month.",
    "Beijing said it welcomed the visit and hoped for deeper cooperation with Washington.",
    "Both sides described the talks as candid, constructive and productive.",
    "The two governments signed an agreement to share data on climate emissions.",
    "China's foreign ministry said mutual respect and dialogue would guide the relationship.",
    "The U.S. delegation praised Chinese officials for their openness during the meetings.",
    "Washington and Beijing pledged to reopen military communication channels.",
    "The two presidents committed to regular consultations on trade and security.",
    "China agreed to ease restrictions on American farm imports as a goodwill gesture.",
    "The U.S. embassy in Beijing announced an expansion of student and cultural exchanges.",
    "Negotiators said they had reached a consensus on a framework for further talks.",
    "Both countries expressed support for joint efforts against drug trafficking.",
)
CONFRONTATION_TITLES = (
    "U.S. imposes sweeping tariffs on Chinese electronics",
    "China vows retaliation after new U.S. sanctions",
    "Beijing accuses Washington of bullying as trade war escalates",
    "Chinese warships shadow U.S. destroyer in Taiwan Strait",
    "U.S. adds Chinese chipmakers to export blacklist",
    "China expels American journalists amid diplomatic row",
    "Washington condemns Beijing over military drills near Taiwan",
    "U.S.-China talks collapse as both sides trade threats",
)
CONFRONTATION = (
    "The United States imposed new tariffs on Chinese goods worth billions of dollars.",
    "Beijing condemned the sanctions and vowed to retaliate against American companies.",
    "China accused Washington of bullying and of trying to contain its rise.",
    "The Pentagon said Chinese warships had carried out unsafe maneuvers near a U.S. destroyer.",
    "Washington added dozens of Chinese firms to its export blacklist.",
    "China's foreign ministry told the United States to stop interfering in its internal affairs.",
    "Beijing suspended cooperation with Washington on climate and drug enforcement.",
    "The U.S. secretary of state denounced China's military drills as provocative.",
    "Chinese officials rejected the U.S. demands and cancelled the planned talks.",
    "Beijing expelled several American diplomats in a tit-for-tat response.",
    "The two sides traded accusations of espionage and cyberattacks.",
    "China threatened countermeasures if Washington went ahead with the arms sale to Taiwan.",
)
NEUTRAL = (
    "Markets in Shanghai and New York were little changed on the day.",
    "The announcement came during a regular press briefing in the capital.",
    "Analysts said the details would be published later in the week.",
    "The meeting took place at a government guesthouse.",
)


@dataclass(frozen=True, slots=True)
class DemoArticle:
    """One synthetic article and when it appears on its outlet's feed."""

    guid: str
    outlet: str
    title: str
    text: str
    published: datetime


def demo_articles(start: datetime, *, days: int = 24, per_day: float = 2.6) -> list[DemoArticle]:
    """The demo stream: engagement for the first half, confrontation for the second."""
    rng = random.Random(20261128)
    count = int(days * per_day)
    out: list[DemoArticle] = []
    for i in range(count):
        at = start + timedelta(days=days * i / count, minutes=rng.randint(0, 120))
        turned = at - start >= timedelta(days=days / 2)
        # 85 % of articles carry the phase's tone; the rest push the other way.
        engaged = (rng.random() < 0.15) if turned else (rng.random() < 0.85)
        titles, pool = (
            (ENGAGEMENT_TITLES, ENGAGEMENT) if engaged else (CONFRONTATION_TITLES, CONFRONTATION)
        )
        sentences = [*rng.sample(pool, 3), rng.choice(NEUTRAL)]
        rng.shuffle(sentences)
        outlet = OUTLETS[i % len(OUTLETS)]
        out.append(
            DemoArticle(
                guid=f"demo-{i:03d}",
                outlet=outlet,
                title=rng.choice(titles),
                text=" ".join(sentences),
                published=at,
            )
        )
    return out
