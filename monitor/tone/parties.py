"""Words that name a party: who a stance can be aimed at, or who takes it.

The rubric of diplomatic rhetoric asks what a sentence says about an
identifiable *other* party (a state, government, regime, bloc, organisation or
armed movement that is party to a conflict). These lists let the scorer tell
"we condemn terrorism" (no party: a shared principle) from "we condemn the
regime's attacks" (a stance toward a party). They are written for this project
from general knowledge of state names and of how diplomats refer to each
other; matching is on the same light stems as the lexicon.
Self-reference ("my country", "our Government") and the generic addressees of
multilateral speech ("the international community", "all States") are not
listed: a pledge to them is protocol, not a relationship.
"""

from __future__ import annotations

from monitor.tone.text import token_key

# States: the common short name, and the adjective or people where it differs
# in form. A name used after "in", "across", "throughout" ... is a place.
_STATES = """
afghanistan afghan | albania albanian | algeria algerian | andorra | angola angolan
antigua | argentina argentine argentinian | armenia armenian | australia australian
austria austrian | azerbaijan azerbaijani | bahamas | bahrain bahraini | bangladesh
barbados | belarus belarusian | belgium belgian | belize | benin | bhutan | bolivia bolivian
bosnia bosnian | botswana | brazil brazilian | brunei | bulgaria bulgarian | burkina faso
burundi | cambodia cambodian kampuchea kampuchean | cameroon | canada canadian | cape verde
chad chadian | chile chilean | china chinese | colombia colombian | comoros | congo congolese
costa rica | croatia croatian | cuba cuban | cyprus cypriot | czech czechoslovakia
denmark danish | djibouti | dominica | dominican republic | ecuador | egypt egyptian
el salvador | eritrea eritrean | estonia estonian | eswatini swaziland | ethiopia ethiopian
fiji | finland finnish | france french | gabon | gambia | georgia georgian | germany german
ghana ghanaian | greece greek | grenada | guatemala guatemalan | guinea | guyana | haiti
honduras | hungary hungarian | iceland | india indian | indonesia indonesian | iran iranian
iraq iraqi | ireland irish | israel israeli | italy italian | jamaica | japan japanese
jordan jordanian | kazakhstan | kenya kenyan | kiribati | kosovo | kuwait kuwaiti
kyrgyzstan | laos lao | latvia latvian | lebanon lebanese | lesotho | liberia liberian
libya libyan | liechtenstein | lithuania lithuanian | luxembourg | madagascar | malawi
malaysia malaysian | maldives | mali malian | malta | mauritania | mauritius | mexico mexican
micronesia | moldova | monaco | mongolia mongolian | montenegro | morocco moroccan
mozambique | myanmar burma burmese | namibia namibian | nauru | nepal | netherlands dutch
new zealand | nicaragua nicaraguan | niger | nigeria nigerian | north korea | norway norwegian
oman | pakistan pakistani | palau | palestine palestinian | panama | papua new guinea
paraguay | peru peruvian | philippines philippine | poland polish | portugal portuguese
qatar | romania romanian | russia russian | rwanda rwandan | samoa | san marino
saudi arabia saudi | senegal | serbia serbian | seychelles | sierra leone | singapore
slovakia | slovenia | solomon islands | somalia somali | south africa | south korea
south sudan | soviet ussr | spain spanish | sri lanka | sudan sudanese | suriname | sweden
swedish | switzerland swiss | syria syrian | taiwan | tajikistan | tanzania | thailand thai
timor-leste | togo | tonga | trinidad | tunisia tunisian | turkey turkish türkiye
turkmenistan | tuvalu | uganda ugandan | ukraine ukrainian | united arab emirates
united kingdom britain british | united states america american u.s | uruguay
uzbekistan | vanuatu | venezuela venezuelan | viet nam vietnam vietnamese | yemen yemeni
yugoslavia yugoslav | zambia | zimbabwe rhodesia rhodesian | dprk | usa | uk | pretoria
korea korean | zaire | ceylon | timor
washington beijing moscow kremlin tehran pyongyang kyiv kiev ankara damascus havana
caracas tel aviv riyadh
"""

# Parties that are not named states: governments and their organs as the
# speech of diplomats designates them, blocs, regional organisations, armed
# movements party to a conflict, and the UN's own officers and organs when
# they act (criticising the Council or thanking the Secretary-General for a
# mediation is a stance toward them).
_OTHERS = """
racist regime | apartheid regime | minority regime | occupation regime | puppet regime
military regime | fascist regime | zionist regime | colonial regime | illegal regime
dictatorship | authorities | administration | junta
west bank | gaza | occupying power | occupying force | occupier | occupiers | invader
invaders | aggressor | aggressors | colonial power | colonialist | colonialists
imperialist | imperialists | imperialism | zionist | zionists | racists | superpower
superpowers
nuclear powers | nuclear-weapon states | west | western
both sides | two sides | both parties | two countries | two governments | two states
neighbour | neighbours | neighbor | neighbors | allies
patron | patrons | proxy | proxies | separatist | separatists | secessionist | rebels
houthis | houthi | taliban | unita | hamas | hezbollah | polisario | plo | anc | swapo
european union | african union | oau | asean | nato | warsaw pact | arab league
league of arab states | caricom | ecowas | sadc | gulf cooperation council | mercosur
non-aligned | rio group | european community
world bank | international monetary fund | imf | world trade organization | wto
"""


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _keys(text: str) -> frozenset[str]:
    """The lexicon keys (light stems) of the words of ``text``."""
    return frozenset(token_key(w) for w in _split(text))


# Words before a state's name that make it a place, not an actor ("the
# violence in Syria" names no perpetrator).
LOCATIVE = _keys("in inside across throughout within into at around near")
# Words after a state's name that make it a topic ("the Syrian situation",
# "the Cyprus problem", "the Korean peninsula").
TOPICAL = _keys(
    "situation situations question problem issue crisis conflict peninsula territory region "
    "camps case"
)


def _phrases(spec: str) -> list[str]:
    out: list[str] = []
    for line in spec.strip().splitlines():
        for part in line.split("|"):
            part = part.strip()
            if part:
                out.append(part)
    return out


def state_names() -> list[str]:
    """Names, adjectives and capitals of states (each a phrase of one or more words)."""
    names: list[str] = []
    for group in _phrases(_STATES):
        words = group.split()
        # A group is "name adjective ..."; multi-word names are listed alone.
        multi = {"burkina faso", "cape verde", "costa rica", "dominican republic", "el salvador"}
        multi |= {"new zealand", "north korea", "papua new guinea", "san marino", "saudi arabia"}
        multi |= {"sierra leone", "solomon islands", "south africa", "south korea", "tel aviv"}
        multi |= {"south sudan", "sri lanka", "united arab emirates", "viet nam", "united kingdom"}
        multi |= {"united states"}
        i = 0
        while i < len(words):
            two = " ".join(words[i : i + 2])
            three = " ".join(words[i : i + 3])
            if three in multi:
                names.append(three)
                i += 3
            elif two in multi:
                names.append(two)
                i += 2
            else:
                names.append(words[i])
                i += 1
    return names


def other_parties() -> list[str]:
    """Designations of parties that are not state names."""
    return _phrases(_OTHERS)


# Verbs of a speaker's own stance or self-description: a state named as their
# subject ("Kenya welcomes", "Bhutan has facilitated", "Oman's commitment") is
# the one speaking, not the one spoken of.
SPEAKING = _split(
    "welcomes welcomed reaffirms reaffirmed condemns condemned supports supported calls "
    "called urges urged hails hailed commends commended deplores deplored expresses "
    "expressed appeals appealed reiterates reiterated believes believed recognizes "
    "recognises endorses endorsed pledges pledged remains takes attaches wishes "
    "congratulates thanks salutes welcome reaffirm condemn support call urge hail commend "
    "deplore express appeal reiterate believe pledge remain take attach wish congratulate "
    "thank salute confident proud pleased committed contributes contribute needs "
    "continues continue stands stand firm steadfast commitment cooperation support "
    "contribution participation engagement efforts position view intends intend shares "
    "share"
)
# Words that may stand between a subject and its verb.
AUXILIARY = _split(
    "has have had is also always fully strongly firmly once again therefore will would "
    "continues to consistently actively resolutely"
)
