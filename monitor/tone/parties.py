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

from functools import lru_cache

from monitor.tone.actors import DEFAULT_ALIASES
from monitor.tone.text import word_keys, word_set

# States: the common short name, and the adjective or people where it differs
# in form. A name used after "in", "across", "throughout" ... is a place.
_STATES = """
afghanistan afghan | albania albanian | algeria algerian | andorra andorran | angola angolan
antigua antiguan | argentina argentine argentinian | armenia armenian | australia australian
austria austrian | azerbaijan azerbaijani | bahamas bahamian | bahrain bahraini
bangladesh bangladeshi
barbados barbadian | belarus belarusian | belgium belgian | belize belizean | benin beninese
bhutan bhutanese | bolivia bolivian
bosnia bosnian | botswana motswana batswana | brazil brazilian | brunei bruneian
bulgaria bulgarian | burkina faso burkinabe burkinabè
burundi burundian | cambodia cambodian kampuchea kampuchean | cameroon cameroonian
canada canadian | cape verde cape verdean
chad chadian | chile chilean | china chinese | colombia colombian | comoros comorian
congo congolese
costa rica costa rican | croatia croatian | cuba cuban | cyprus cypriot | czech czechoslovakia
denmark danish | djibouti djiboutian | dominica | dominican republic dominican
ecuador ecuadorian ecuadorean | egypt egyptian
el salvador salvadoran salvadorean | eritrea eritrean | estonia estonian | eswatini swaziland
ethiopia ethiopian
fiji fijian | finland finnish | france french | gabon gabonese | gambia gambian
georgia georgian | germany german
ghana ghanaian | greece greek | grenada grenadian | guatemala guatemalan | guinea guinean
guyana guyanese | haiti haitian
honduras honduran | hungary hungarian | iceland icelandic | india indian | indonesia indonesian
iran iranian
iraq iraqi | ireland irish | israel israeli | italy italian | jamaica jamaican | japan japanese
jordan jordanian | kazakhstan kazakh kazakhstani | kenya kenyan | kiribati | kosovo kosovar
kuwait kuwaiti
kyrgyzstan kyrgyz | laos lao | latvia latvian | lebanon lebanese | lesotho | liberia liberian
libya libyan | liechtenstein | lithuania lithuanian | luxembourg | madagascar malagasy
malawi malawian
malaysia malaysian | maldives maldivian | mali malian | malta maltese | mauritania mauritanian
mauritius mauritian | mexico mexican
micronesia micronesian | moldova moldovan | monaco | mongolia mongolian
montenegro montenegrin | morocco moroccan
mozambique mozambican | myanmar burma burmese | namibia namibian | nauru | nepal nepalese
netherlands dutch
new zealand | nicaragua nicaraguan | niger nigerien | nigeria nigerian
north korea north korean | norway norwegian
oman omani | pakistan pakistani | palau | palestine palestinian | panama panamanian
papua new guinea papua new guinean
paraguay paraguayan | peru peruvian | philippines philippine | poland polish | portugal portuguese
qatar qatari | romania romanian | russia russian | rwanda rwandan | samoa samoan | san marino
saudi arabia saudi | senegal senegalese | serbia serbian | seychelles
sierra leone sierra leonean | singapore singaporean
slovakia slovak | slovenia slovenian | solomon islands | somalia somali
south africa south african | south korea south korean
south sudan south sudanese | soviet ussr | spain spanish | sri lanka sri lankan
sudan sudanese | suriname surinamese | sweden swedish
switzerland swiss | syria syrian | taiwan | tajikistan tajik | tanzania tanzanian
thailand thai
timor-leste | togo togolese | tonga tongan | trinidad trinidadian | tunisia tunisian
turkey turkish türkiye
turkmenistan | tuvalu | uganda ugandan | ukraine ukrainian | united arab emirates emirati
united kingdom britain british | united states america american u.s | uruguay uruguayan
uzbekistan uzbek | vanuatu | venezuela venezuelan | viet nam vietnam vietnamese | yemen yemeni
yugoslavia yugoslav | zambia zambian | zimbabwe zimbabwean rhodesia rhodesian | dprk | prc
usa | uk | pretoria
korea korean | zaire | ceylon | timor
central african republic | ivory coast ivorian côte d'ivoire | guinea-bissau
equatorial guinea | saint kitts | saint lucia | saint vincent | marshall islands
sao tome | holy see vatican | north macedonia macedonia macedonian | gdr
"""

# Seats of government that news and diplomats name for the government ("Madrid and
# Rabat agreed", "Beijing protested"): one group of names, any of them a state. Not
# first names, nor seats that mostly name a place ("Santiago", "Sofia", "Jerusalem"),
# nor those of the wars that reports of the Council tell ("Beirut", "Mogadishu").
_CAPITALS = """
washington beijing moscow kremlin tehran pyongyang kyiv kiev ankara damascus havana
caracas tel aviv riyadh seoul tokyo taipei new delhi islamabad kabul baghdad cairo
manila hanoi canberra ottawa jakarta bangkok brasilia tallinn vilnius riga belgrade
yerevan baku tbilisi dhaka athens berlin london warsaw budapest
paris rome madrid lisbon dublin vienna bern stockholm oslo helsinki copenhagen prague
bratislava bucharest zagreb ljubljana skopje tirana podgorica chisinau minsk astana
tashkent bishkek dushanbe ulaanbaatar kathmandu colombo naypyitaw phnom penh vientiane
kuala lumpur nairobi addis ababa kigali algiers rabat tunis abuja accra dakar amman doha
abu dhabi muscat manama nicosia valletta reykjavik bogota lima quito managua montevideo
khartoum harare pretoria asmara kinshasa kampala
white house downing street pentagon state department foreign office
"""
_STATES += _CAPITALS
# Words after a seat of government that make it the name of what was agreed or held
# there ("the Paris Agreement", "the Minsk agreements", "the Vilnius summit"), or of a
# place or body in the city ("the Doha area", "the Nairobi police"), not the government.
NAMED_AFTER = word_set(
    "agreement agreements accord accords summit summits process format declaration "
    "convention statute protocol round consensus communique communiqué act treaty "
    "principles club group framework conference conferences document memorandum police "
    "airport area municipality municipalities district port"
)
# Not "state": "state department" is one, and "the United States" names no seat.
CAPITAL_KEYS = word_keys(_CAPITALS) - word_keys("state")

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
super-power | super-powers
superpowers
nuclear powers | nuclear-weapon states | west | western
neighbour | neighbours | neighbor | neighbors | allies
certain countries | certain country | certain forces | certain politicians | certain individuals
some powers | certain powers | some major powers | certain major country | a certain power
certain great powers | some great powers | certain big powers | some big powers
certain major powers
external forces | outside forces | external powers | foreign powers | foreign forces
relevant country | relevant countries
that country | that government
patron | patrons | proxy | proxies | separatist | separatists | secessionist | rebels
houthis | houthi | taliban | unita | hamas | hezbollah | polisario | plo | anc | swapo
rapid support forces | m23
trump | biden | xi | xi jinping | putin | zelensky | zelenskyy | macron | modi | netanyahu | erdogan
kim jong un | blinken | rubio | wang yi | lavrov | scholz | merz | starmer | sunak | kishida
he lifeng | li qiang | li keqiang | qin gang | yang jiechi | mao ning | lin jian | guo jiakun
wang wenbin | hua chunying | zhao lijian | zakharova | peskov | yellen | bessent | raimondo
katherine tai | jake sullivan | kurt campbell | pelosi | lula | meloni
clinton | obama | bush | nixon | reagan | kissinger | jiang zemin | hu jintao | deng xiaoping
mao zedong | zhou enlai | gorbachev | yeltsin | medvedev | khrushchev | brezhnev
communist party | ccp | cpc | politburo
european union | eu | brussels | african union | oau | asean | nato | warsaw pact | arab league
palestinian authority
latin america | latin american | latin americans | south america | south american
central america | central american | central americans | north america | north american
the americas
league of arab states | caricom | ecowas | sadc | gulf cooperation council | mercosur
front-line states | frontline states | contadora group | caribbean community | pacific islands forum
shanghai cooperation organisation | shanghai cooperation organization | coup leaders | putschists
non-aligned | rio group | european community | g7 | g-7 | g20 | g-20 | aukus | brics
world bank | international monetary fund | imf | world trade organization | wto
north atlantic treaty organization | warsaw treaty organization | osce | csce
organization for security and co-operation in europe | commonwealth
organization for security and cooperation in europe
organisation for security and co-operation in europe
organisation for security and cooperation in europe
conference on security and co-operation in europe
conference on security and cooperation in europe
"""


# Words before a state's name that make it a place, not an actor ("the
# violence in Syria" names no perpetrator).
LOCATIVE = word_keys("in inside across throughout within at around near")
# Words after a state's name that make it a topic ("the Syrian situation",
# "the Cyprus problem", "the Korean peninsula").
TOPICAL = word_keys(
    "situation situations question problem issue crisis conflict peninsula territory region "
    "camps case"
)
# Nouns whose "of" makes the party after it a topic ("the question of Cyprus").
QUESTIONS = word_keys("question questions problem issue")


def _phrases(spec: str) -> list[str]:
    out: list[str] = []
    for line in spec.strip().splitlines():
        for part in line.split("|"):
            part = part.strip()
            if part:
                out.append(part)
    return out


# Names of more than one word: "north korea" is one name, not "north" and "korea".
_MULTI_TEXT = """burkina-faso cape-verde costa-rica dominican-republic el-salvador new-zealand
north-korea papua-new-guinea san-marino saudi-arabia sierra-leone solomon-islands
south-africa south-korea tel-aviv south-sudan sri-lanka united-arab-emirates viet-nam
united-kingdom united-states central-african-republic ivory-coast côte-d'ivoire
equatorial-guinea saint-kitts saint-lucia saint-vincent marshall-islands sao-tome
holy-see north-macedonia new-delhi white-house downing-street phnom-penh kuala-lumpur
state-department foreign-office
addis-ababa abu-dhabi
cape-verdean costa-rican sierra-leonean south-african south-korean south-sudanese sri-lankan
north-korean papua-new-guinean"""
_MULTI_NAMES = frozenset(w.replace("-", " ") for w in _MULTI_TEXT.split())


def _state_groups() -> list[list[str]]:
    """Each state's names (name, adjective, other names): one list per ``|`` group."""
    groups: list[list[str]] = []
    for group in _phrases(_STATES):
        words = group.split()
        names: list[str] = []
        i = 0
        while i < len(words):
            two = " ".join(words[i : i + 2])
            three = " ".join(words[i : i + 3])
            if three in _MULTI_NAMES:
                names.append(three)
                i += 3
            elif two in _MULTI_NAMES:
                names.append(two)
                i += 2
            else:
                names.append(words[i])
                i += 1
        groups.append(names)
    return groups


# ISO 3166-1 alpha-3 codes of the states above (with the codes of states that
# spoke at the UN before 1992: SUN, YUG, CSK, DDR, YMD), each to the first name
# of its group; words after "+" are further names of the same state (its capital,
# an abbreviation). Used to resolve a text's known speaker ("score --speaker
# KEN", a feed's ``speaker:``) to the names it goes by in text.
_ISO3 = """
AFG afghanistan + kabul | ALB albania + tirana | DZA algeria + algiers | AND andorra
AGO angola + luanda | ATG antigua | ARG argentina + buenos aires | ARM armenia + yerevan
AUS australia + canberra | AUT austria + vienna | AZE azerbaijan + baku | BHS bahamas
BHR bahrain + manama | BGD bangladesh + dhaka | BRB barbados | BLR belarus + minsk
BEL belgium + brussels | BLZ belize | BEN benin | BTN bhutan | BOL bolivia | BIH bosnia
BWA botswana | BRA brazil + brasilia | BRN brunei | BGR bulgaria + sofia
BFA burkina faso | BDI burundi | KHM cambodia + phnom penh | CMR cameroon
CAN canada + ottawa | CPV cape verde | CAF central african republic | TCD chad
CHL chile + santiago | CHN china + beijing | COL colombia + bogota | COM comoros
COG congo + brazzaville | COD congo + kinshasa | CRI costa rica | CIV ivory coast
HRV croatia + zagreb | CUB cuba + havana | CYP cyprus + nicosia | CZE czech + prague
CSK czech + czechoslovakia prague | DNK denmark + copenhagen | DJI djibouti
DMA dominica | DOM dominican republic | ECU ecuador + quito | EGY egypt + cairo
SLV el salvador | GNQ equatorial guinea | ERI eritrea + asmara | EST estonia + tallinn
SWZ eswatini | ETH ethiopia + addis ababa | FJI fiji | FIN finland + helsinki
FRA france + paris | GAB gabon | GMB gambia | GEO georgia + tbilisi
DEU germany + berlin bonn | DDR gdr + german | GHA ghana + accra
GRC greece + athens | GRD grenada | GTM guatemala | GIN guinea + conakry
GNB guinea-bissau | GUY guyana | HTI haiti | HND honduras | HUN hungary + budapest
ISL iceland | IND india + new delhi | IDN indonesia + jakarta | IRN iran + tehran
IRQ iraq + baghdad | IRL ireland + dublin | ISR israel + jerusalem | ITA italy + rome
JAM jamaica | JPN japan + tokyo | JOR jordan + amman | KAZ kazakhstan + astana
KEN kenya + nairobi | KIR kiribati | KWT kuwait | KGZ kyrgyzstan + bishkek | LAO laos
LVA latvia + riga | LBN lebanon + beirut | LSO lesotho | LBR liberia + monrovia
LBY libya + tripoli | LIE liechtenstein | LTU lithuania + vilnius | LUX luxembourg
MDG madagascar | MWI malawi | MYS malaysia + kuala lumpur | MDV maldives | MLI mali
MLT malta | MHL marshall islands | MRT mauritania | MUS mauritius | MEX mexico
FSM micronesia | MDA moldova + chisinau | MCO monaco | MNG mongolia + ulaanbaatar
MNE montenegro | MAR morocco + rabat | MOZ mozambique + maputo | MMR myanmar + yangon
NAM namibia + windhoek | NRU nauru | NPL nepal + kathmandu | NLD netherlands + the hague
NZL new zealand + wellington | NIC nicaragua + managua | NER niger + niamey
NGA nigeria + abuja lagos | PRK north korea + dprk korea pyongyang | MKD north macedonia
NOR norway + oslo | OMN oman + muscat | PAK pakistan + islamabad | PLW palau
PSE palestine | PAN panama | PNG papua new guinea | PRY paraguay | PER peru + lima
PHL philippines + manila | POL poland + warsaw | PRT portugal + lisbon | QAT qatar + doha
KOR south korea + korea seoul | ROU romania + bucharest | RUS russia + moscow kremlin
RWA rwanda + kigali | KNA saint kitts | LCA saint lucia | VCT saint vincent | WSM samoa
SMR san marino | STP sao tome | SAU saudi arabia + riyadh | SEN senegal + dakar
SRB serbia + belgrade | SYC seychelles | SLE sierra leone | SGP singapore | SVK slovakia
SVN slovenia | SLB solomon islands | SOM somalia + mogadishu | ZAF south africa + pretoria
SSD south sudan + juba | ESP spain + madrid | LKA sri lanka + ceylon colombo
SDN sudan + khartoum | SUR suriname | SWE sweden + stockholm | CHE switzerland + bern
SYR syria + damascus | TJK tajikistan | TZA tanzania + dodoma | THA thailand + bangkok
TLS timor-leste + timor | TGO togo | TON tonga | TTO trinidad | TUN tunisia + tunis
TUR turkey + ankara | TKM turkmenistan | TUV tuvalu | UGA uganda + kampala
UKR ukraine + kyiv kiev | ARE united arab emirates + abu dhabi
GBR united kingdom + uk london | USA united states + usa washington | URY uruguay
UZB uzbekistan + tashkent | VUT vanuatu | VAT holy see | VEN venezuela + caracas
VNM viet nam + hanoi | YEM yemen + sanaa | YMD yemen + aden | YUG yugoslavia + belgrade
SUN soviet + ussr moscow kremlin | ZMB zambia + lusaka | ZWE zimbabwe + harare
TWN taiwan + taipei | XKX kosovo + pristina
"""


def state_names() -> list[str]:
    """Names, adjectives and capitals of states (each a phrase of one or more words)."""
    return [name for group in _state_groups() for name in group]


# The pair named as one ("both sides", "the two countries"): a party to the scanner,
# and the relation itself to the structure rules (``stance.PAIRS``).
PAIR_NAMES = (
    "both sides", "two sides", "both parties", "two parties", "two countries", "two governments",
    "two states", "two leaders", "both leaders", "both countries", "both governments",
    "both nations", "two nations", "both capitals", "two capitals", "cross-strait", "inter-korean",
    "two superpowers", "two super-powers", "two powers", "both powers", "two great powers",
    "two economies", "both economies",
    "two ministers", "both ministers", "two foreign ministers", "two presidents",
    "both presidents", "two heads of state", "two delegations", "both delegations",
    "between our peoples", "between our countries", "between our nations",
    "two defence ministers", "two defense ministers",
    "our two peoples", "our two navies", "our two armies", "our two militaries",
    "our two armed forces", "our two coast guards",
)  # fmt: skip
# Not "two peoples" or "both militaries": names are matched by stem, and "two people",
# "both military" are no pair; after "our" they are ("our two peoples").


def other_parties() -> list[str]:
    """Designations of parties that are not state names."""
    return [*_phrases(_OTHERS), *PAIR_NAMES]


_OTHER_SET = frozenset(other_parties())


# Verbs of a speaker's own stance or self-description: a state named as their
# subject ("Kenya welcomes", "Bhutan has facilitated", "Oman's commitment") is
# the one speaking, not the one spoken of.
SPEAKING = word_set(
    "welcomes welcomed reaffirms reaffirmed condemns condemned supports supported calls "
    "called urges urged hails hailed commends commended deplores deplored expresses "
    "expressed appeals appealed reiterates reiterated believes believed recognizes "
    "recognises endorses endorsed pledges pledged remains takes attaches wishes "
    "congratulates thanks salutes welcome reaffirm condemn support call urge hail commend "
    "deplore express appeal reiterate believe pledge remain take attach wish congratulate "
    "thank salute confident proud pleased committed contributes contribute needs "
    "continues continue stands stand firm steadfast commitment cooperation support "
    "contribution participation engagement efforts position view intends intend shares "
    "share rejects rejected reject opposes opposed oppose protests protested accuses accused "
    "slams slammed warns warned thanked praises praised criticizes criticized criticises "
    "criticised blames blamed denounces denounced rebuked lambasted dismissed decried "
    "applauded congratulated demanded demands advises advised proposes proposed"
)
# Words that may stand between a subject and its verb.
AUXILIARY = word_set(
    "has have had is also always fully strongly firmly once again therefore will would "
    "continues to consistently actively resolutely does do did"
)


@lru_cache(maxsize=1)
def _speaker_table() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Name or ISO3 code (lower case) → (code, every name of that state)."""
    groups = _state_groups()
    by_code: dict[str, tuple[str, ...]] = {}
    for entry in _phrases(_ISO3):
        code, _, rest = entry.partition(" ")
        lead, _, extra = rest.partition("+")
        lead = lead.strip()
        group = next(g for g in groups if lead in g)
        by_code[code] = tuple(dict.fromkeys([*group, *extra.split()]))
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    for code, names in by_code.items():
        table[code.lower()] = (code, names)
    for code, names in by_code.items():
        for name in names:
            table.setdefault(name, (code, names))
    return table


# Combining forms of state names in compounds ("Sino-US", "Anglo-Irish").
_COMBINING = frozenset({"sino", "anglo", "franco", "russo", "indo"})


def joins_states(token: str) -> bool:
    """True for a compound that joins two states ("China-US", "Sino-Japanese",
    "Anglo-Irish"): the pair named as one, not one state."""
    word = token.strip(".,;:!?\"'()[]").lower()
    head, dash, tail = word.rpartition("-")
    if not dash or not head or not tail:
        return False
    table = _speaker_table()
    if word in table or word.replace("-", " ") in table or tail.rstrip(".") not in table:
        return False  # "Guinea-Bissau", "Timor-Leste" are one state; "Indo-Pacific" none
    head = head.rpartition("-")[2]
    return head in _COMBINING or head in table


def speaker_names(spec: str) -> tuple[str, ...]:
    """The names in text of the party ``spec`` (an ISO3 code or a name), () if unknown.

    "KEN", "Kenya", "Kenyan" and "Nairobi" all give Kenya's names; an alias of
    the actor table ("U.S.", "PRC") finds its state; a bloc or organisation
    the party table knows ("European Union", "EU", "ASEAN") gives its own name.
    Why: a feed or a row that knows who speaks lets the scorer read a text
    naming only the speaker's own state as self-description.
    """
    key = " ".join(spec.strip().lower().split())
    if not key:
        return ()
    table = _speaker_table()
    found = table.get(key)
    if found is None:
        for actor, aliases in DEFAULT_ALIASES.items():
            if key == actor.lower() or key in (a.lower() for a in aliases):
                canonical = actor.lower()
                found = table.get(canonical)
                if found is None and canonical in _OTHER_SET:
                    return (canonical, *(a.lower() for a in aliases))
                break
    if found is not None:
        return found[1]
    return (key,) if key in _OTHER_SET else ()
