"""Actor names and aliases, and how much each sentence is about a watched relationship."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

_DEFAULTS: dict[str, tuple[str, ...]] = {
    "United States": (
        "U.S.", "US", "USA", "U.S.A.", "America", "American", "Americans", "Washington",
        "the White House", "White House", "State Department", "Pentagon", "Biden", "Trump",
        "Commerce Department", "Department of Commerce", "Treasury Department", "USTR",
        "Capitol Hill",
        # Who speaks for the United States to China (2020s): secretaries, envoys and
        # advisers by the names news copy uses.
        "Blinken", "Rubio", "Yellen", "Bessent", "Raimondo", "Lutnick", "Katherine Tai",
        "Jamieson Greer", "Jake Sullivan", "Lloyd Austin", "Hegseth", "John Kerry",
        "Kurt Campbell", "Wendy Sherman", "Pelosi", "Kamala Harris", "Vance",
    ),
    "China": (
        "Beijing", "PRC", "People's Republic of China", "Chinese", "Xi", "Xi Jinping",
        "Zhongnanhai", "MOFCOM", "Sino",
        # Who speaks for China to the United States: its premier, vice-premiers,
        # ministers, envoys and the foreign ministry's spokespersons.
        "Wang Yi", "Li Qiang", "Li Keqiang", "He Lifeng", "Liu He", "Qin Gang", "Dong Jun",
        "Wei Fenghe", "Wang Wentao", "Yang Jiechi", "Xie Feng", "Xie Zhenhua", "Han Zheng",
        "Mao Ning", "Lin Jian", "Wang Wenbin", "Hua Chunying", "Zhao Lijian", "Guo Jiakun",
    ),
    "Russia": ("Russian", "Russians", "Moscow", "Kremlin", "Putin", "Russian Federation"),
    "Ukraine": ("Ukrainian", "Ukrainians", "Kyiv", "Kiev", "Zelensky", "Zelenskyy"),
    "European Union": ("EU", "E.U.", "Brussels", "European Commission"),
    "United Kingdom": ("UK", "U.K.", "Britain", "British", "London", "Downing Street"),
    "France": ("French", "Paris", "Elysee", "Macron"),
    "Germany": ("German", "Berlin", "Bundestag"),
    "Japan": ("Japanese", "Tokyo"),
    "South Korea": ("Seoul", "South Korean", "Republic of Korea"),
    "North Korea": ("Pyongyang", "DPRK", "North Korean", "Kim Jong Un"),
    "Taiwan": ("Taipei", "Taiwanese"),
    "India": ("Indian", "New Delhi", "Delhi", "Modi"),
    "Pakistan": ("Pakistani", "Islamabad"),
    "Iran": ("Iranian", "Tehran", "Islamic Republic"),
    "Israel": ("Israeli", "Israelis", "Jerusalem", "Netanyahu", "IDF"),
    "Palestine": ("Palestinian", "Palestinians", "Gaza", "West Bank", "Ramallah", "Hamas"),
    "Saudi Arabia": ("Saudi", "Riyadh"),
    "Turkey": ("Turkish", "Ankara", "Erdogan", "Türkiye"),
    "Syria": ("Syrian", "Damascus"),
    "Iraq": ("Iraqi", "Baghdad"),
    "Afghanistan": ("Afghan", "Kabul", "Taliban"),
    "Egypt": ("Egyptian", "Cairo"),
    "Sudan": ("Sudanese", "Khartoum", "Darfur"),
    "Ethiopia": ("Ethiopian", "Addis Ababa"),
    "Yemen": ("Yemeni", "Sanaa", "Houthi", "Houthis"),
    "Libya": ("Libyan", "Tripoli"),
    "Lebanon": ("Lebanese", "Beirut", "Hezbollah"),
    "Vietnam": ("Vietnamese", "Hanoi"),
    "Philippines": ("Philippine", "Filipino", "Manila"),
    "Australia": ("Australian", "Canberra"),
    "Canada": ("Canadian", "Ottawa"),
    "Mexico": ("Mexican", "Mexico City"),
    "Brazil": ("Brazilian", "Brasilia"),
    "Venezuela": ("Venezuelan", "Caracas"),
    "Cuba": ("Cuban", "Havana"),
    "Myanmar": ("Burma", "Burmese", "Naypyidaw"),
    "Serbia": ("Serbian", "Belgrade"),
    "Kosovo": ("Pristina",),
    "Nigeria": ("Nigerian", "Abuja"),
    "Somalia": ("Somali", "Mogadishu"),
}  # fmt: skip

DEFAULT_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(_DEFAULTS)


# A continent's part is no state: "Latin America", "South American", "Central America".
# (Read after a name's first letter, as every check at a name's start is: see _pattern.)
_REGIONS = "".join(
    rf"(?<!{word}[ -].)" for word in ("Latin", "South", "Central", "North", "Inter", "Pan")
)
# Nor is a newspaper or a doctrine named after a capital: "The Washington Post reported".
_NOT_THE_CAPITAL = r"(?! Post\b| Times\b| Consensus\b)"
# Nor a sea, a newspaper or a tournament named after a state: "the South China Sea", "the
# China Open".
_NOT_THE_STATE = r"(?! Sea\b| Morning Post\b| Open\b)"
# Nor a currency or a tournament: "270 billion U.S. dollars", "US$ 50 million" (trade news
# counts in it), "the US Open".
_NOT_THE_CURRENCY = r"(?! ?\$|[ -][Dd]ollars?\b| Open\b)"
_CURRENCY_NAMES = frozenset({"U.S.", "US", "USA", "U.S.A."})


def _pattern(names: Sequence[str]) -> re.Pattern[str]:
    # Why case-sensitive: "US" is the country, "us" is a pronoun; proper names
    # are capitalised in news copy. Longest first so "Xi Jinping" beats "Xi".
    # Why each name's first letter comes before the check that no word or dot precedes
    # it ("(?<![\w.].)", one character further back): a pattern that opens with a
    # choice of literal letters lets the regex engine skip to the positions holding one
    # of them, where one that opens with a look-behind tries every name at every
    # position. Same matches, about 3.5x faster on news copy; this search was most of
    # the cost of an article that names neither watched actor.
    alternatives = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    body = "|".join(
        re.escape(n[0])
        + r"(?<![\w.].)"
        + (_REGIONS if n.startswith("America") else "")
        + re.escape(n[1:])
        + (_NOT_THE_CAPITAL if n == "Washington" else "")
        + (_NOT_THE_STATE if n == "China" else "")
        + (_NOT_THE_CURRENCY if n in _CURRENCY_NAMES else "")
        for n in alternatives
    )
    return re.compile(rf"(?:{body})(?!\w)")


def resolve_aliases(
    actors: Sequence[str], aliases: Mapping[str, Sequence[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """Each actor's names: itself, the defaults for it and the watch's extra aliases.

    An actor given by an alias ("US") finds its default entry ("United States").
    The watch's aliases extend the defaults rather than replace them.
    """
    extra = dict(aliases or {})
    resolved: dict[str, tuple[str, ...]] = {}
    for actor in actors:
        key = actor.strip()
        if not key:
            continue
        base = DEFAULT_ALIASES.get(key)
        if base is None:
            for name, names in DEFAULT_ALIASES.items():
                if key in names or key.lower() == name.lower():
                    base = (name, *names)
                    break
        listed = [key, *(base or ()), *extra.get(key, ())]
        resolved[key] = tuple(dict.fromkeys(listed))
    return resolved


# The pair spoken of as one ("the two presidents", "both sides", "bilateral ties"): in
# a passage that names both watched actors, these are them.
_PAIR = re.compile(
    r"\b[Nn]either side\b|\b[Ee]ach side\b"
    r"|\b(?:[Tt]he two|[Bb]oth) (?:sides|countries|presidents|leaders|heads of state|"
    r"governments|nations|militaries|delegations|ministers|foreign ministers|economies|"
    r"capitals)\b"
    r"|\b[Bb]ilateral (?:relations|ties|relationship)\b"
)


class ActorFocus:
    """Weighs sentences by how much they are about the watched actors."""

    __slots__ = ("_actors", "_others", "relevant_weight")

    def __init__(
        self,
        actors: Sequence[str],
        aliases: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        resolved = resolve_aliases(actors, aliases)
        self._actors = tuple(_pattern(names) for names in resolved.values())
        watched = {n for names in resolved.values() for n in names}
        other_names = [
            n for name, names in DEFAULT_ALIASES.items() for n in (name, *names) if n not in watched
        ]
        self._others = _pattern(other_names)
        self.relevant_weight = 1.0

    @property
    def active(self) -> bool:
        """True when the watch names at least one actor."""
        return bool(self._actors)

    def mentions(self, sentence: str) -> tuple[int, bool]:
        """How many watched actors the sentence names, and whether it names others."""
        count = sum(1 for pattern in self._actors if pattern.search(sentence))
        return count, self._others.search(sentence) is not None

    @property
    def count(self) -> int:
        """How many actors the watch names."""
        return len(self._actors)

    def which(self, text: str) -> tuple[set[int], bool]:
        """Indices of the watched actors ``text`` names, and whether it names others."""
        hit = {i for i, pattern in enumerate(self._actors) if pattern.search(text)}
        return hit, self._others.search(text) is not None

    def pairs(self, sentence: str) -> bool:
        """True when the sentence names a pair as one ("the two sides", "both countries")."""
        return _PAIR.search(sentence) is not None

    def weight(
        self, sentence: str, previous: float | None, named: tuple[int, bool] | None = None
    ) -> float:
        """Relevance of one sentence in [0, 1]; ``previous`` is the prior sentence's;
        ``named``: its ``mentions`` when the caller has them already.

        Both (all) actors named: 1. One of two named: 0.7. Only other countries
        named: 0. The pair named as one ("the two sides", "bilateral ties"): 1 (the
        passage, which must name both, caps it). No country named: it continues the
        previous sentence of its paragraph (slightly decayed), else 0.3. The pair named
        as one counts before other countries named beside it.
        """
        count, others = self.mentions(sentence) if named is None else named
        if count:
            if count >= min(2, len(self._actors)):
                return 1.0
            return 0.7
        if _PAIR.search(sentence):
            # "Neither side budged on Taiwan": the pair, whoever else is named.
            return 1.0
        if others:
            return 0.0
        if previous is not None:
            return previous * 0.8
        return 0.3
