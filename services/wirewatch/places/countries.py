"""Country names and demonyms, ISO 3166-1 alpha-3 keyed.

Shared by ner and geocode. The NER layer needs them for three things spaCy's model does not give: telling a country from
other places ("fled to Turkey" crosses a border, "fled to Azaz" does not), turning a demonym into
a country ("the Turkish border", "Syrians", a Turkish minister's "his country"), and country
patterns for the EntityRuler. Names the model already tags well are still listed: the table is
also the lookup that maps a tagged name to its code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# iso3 | name | other names (;) | demonyms, adjective first then plurals (;) | ambiguous
# "ambiguous" rows are looked up but not forced on the tagger: Chad, Jordan and Georgia are also
# given names or a US state, and a ruler pattern would override the model's better reading.
_TABLE = """
AFG|Afghanistan||Afghan;Afghans;Afghanis|
AGO|Angola||Angolan;Angolans|
ALB|Albania||Albanian;Albanians|
ARE|United Arab Emirates|UAE;the UAE;Emirates|Emirati;Emiratis|
ARG|Argentina||Argentine;Argentinian;Argentines;Argentinians|
ARM|Armenia||Armenian;Armenians|
AUS|Australia||Australian;Australians|
AUT|Austria||Austrian;Austrians|
AZE|Azerbaijan||Azerbaijani;Azeri;Azerbaijanis;Azeris|
BDI|Burundi||Burundian;Burundians|
BEL|Belgium||Belgian;Belgians|
BEN|Benin||Beninese|
BFA|Burkina Faso||Burkinabe;Burkinabè|
BGD|Bangladesh||Bangladeshi;Bangladeshis|
BGR|Bulgaria||Bulgarian;Bulgarians|
BHR|Bahrain||Bahraini;Bahrainis|
BHS|Bahamas|The Bahamas|Bahamian;Bahamians|
BIH|Bosnia and Herzegovina|Bosnia;Bosnia-Herzegovina|Bosnian;Bosnians|
BLR|Belarus||Belarusian;Belarusians|
BLZ|Belize||Belizean;Belizeans|
BOL|Bolivia||Bolivian;Bolivians|
BRA|Brazil||Brazilian;Brazilians|
BRB|Barbados||Barbadian;Barbadians|
BRN|Brunei|Brunei Darussalam|Bruneian;Bruneians|
BTN|Bhutan||Bhutanese|
BWA|Botswana||Botswanan;Batswana;Motswana|
CAF|Central African Republic|CAR;Central Africa|Central African;Central Africans;Centrafrican|
CAN|Canada||Canadian;Canadians|
CHE|Switzerland||Swiss|
CHL|Chile||Chilean;Chileans|
CHN|China|People's Republic of China|Chinese|
CIV|Côte d'Ivoire|Cote d'Ivoire;Ivory Coast|Ivorian;Ivorians|
CMR|Cameroon||Cameroonian;Cameroonians|
COD|Democratic Republic of the Congo|DR Congo;DRC;the DRC;Democratic Republic of Congo;Congo-Kinshasa|Congolese|
COG|Republic of the Congo|Congo-Brazzaville;Republic of Congo||
COL|Colombia||Colombian;Colombians|
COM|Comoros||Comorian;Comorians|
CPV|Cabo Verde|Cape Verde|Cape Verdean;Cape Verdeans|
CRI|Costa Rica||Costa Rican;Costa Ricans|
CUB|Cuba||Cuban;Cubans|
CYP|Cyprus||Cypriot;Cypriots|
CZE|Czech Republic|Czechia|Czech;Czechs|
DEU|Germany||German;Germans|
DJI|Djibouti||Djiboutian;Djiboutians|
DNK|Denmark||Danish;Danes|
DOM|Dominican Republic||Dominican;Dominicans|
DZA|Algeria||Algerian;Algerians|
ECU|Ecuador||Ecuadorian;Ecuadorians;Ecuadorean|
EGY|Egypt||Egyptian;Egyptians|
ERI|Eritrea||Eritrean;Eritreans|
ESH|Western Sahara||Sahrawi;Sahrawis|
ESP|Spain||Spanish;Spaniards;Spaniard;Spaniards|
EST|Estonia||Estonian;Estonians|
ETH|Ethiopia||Ethiopian;Ethiopians|
FIN|Finland||Finnish;Finns|
FJI|Fiji||Fijian;Fijians|
FRA|France||French|
GAB|Gabon||Gabonese|
GBR|United Kingdom|UK;the UK;Britain;Great Britain|British;Britons;Briton;Britons|
GEO|Georgia||Georgian;Georgians|ambiguous
GHA|Ghana||Ghanaian;Ghanaians|
GIN|Guinea|Guinea-Conakry|Guinean;Guineans|
GMB|Gambia|The Gambia|Gambian;Gambians|
GNB|Guinea-Bissau||Bissau-Guinean;Bissau-Guinean;Bissau-Guineans|
GNQ|Equatorial Guinea||Equatorial Guinean;Equatorial Guineans|
GRC|Greece||Greek;Greeks|
GTM|Guatemala||Guatemalan;Guatemalans|
GUY|Guyana||Guyanese|
HND|Honduras||Honduran;Hondurans|
HRV|Croatia||Croatian;Croats;Croatians;Croat;Croats|
HTI|Haiti||Haitian;Haitians|
HUN|Hungary||Hungarian;Hungarians|
IDN|Indonesia||Indonesian;Indonesians|
IND|India||Indian;Indians|
IRL|Ireland||Irish|
IRN|Iran|Islamic Republic of Iran|Iranian;Iranians|
IRQ|Iraq||Iraqi;Iraqis|
ISL|Iceland||Icelandic;Icelanders|
ISR|Israel||Israeli;Israelis|
ITA|Italy||Italian;Italians|
JAM|Jamaica||Jamaican;Jamaicans|
JOR|Jordan||Jordanian;Jordanians|ambiguous
JPN|Japan||Japanese|
KAZ|Kazakhstan||Kazakh;Kazakhs|
KEN|Kenya||Kenyan;Kenyans|
KGZ|Kyrgyzstan||Kyrgyz|
KHM|Cambodia||Cambodian;Cambodians|
KOR|South Korea|Republic of Korea|South Korean;South Koreans|
KWT|Kuwait||Kuwaiti;Kuwaitis|
LAO|Laos|Lao PDR|Laotian;Laotians;Lao|
LBN|Lebanon||Lebanese|
LBR|Liberia||Liberian;Liberians|
LBY|Libya||Libyan;Libyans|
LKA|Sri Lanka||Sri Lankan;Sri Lankans|
LSO|Lesotho||Basotho|
LTU|Lithuania||Lithuanian;Lithuanians|
LVA|Latvia||Latvian;Latvians|
MAR|Morocco||Moroccan;Moroccans|
MDA|Moldova||Moldovan;Moldovans|
MDG|Madagascar||Malagasy|
MDV|Maldives||Maldivian;Maldivians|
MEX|Mexico||Mexican;Mexicans|
MKD|North Macedonia|Macedonia|Macedonian;Macedonians|
MLI|Mali||Malian;Malians|
MLT|Malta||Maltese|
MMR|Myanmar|Burma|Myanmar;Burmese|
MNE|Montenegro||Montenegrin;Montenegrins|
MNG|Mongolia||Mongolian;Mongolians|
MOZ|Mozambique||Mozambican;Mozambicans|
MRT|Mauritania||Mauritanian;Mauritanians|
MUS|Mauritius||Mauritian;Mauritians|
MWI|Malawi||Malawian;Malawians|
MYS|Malaysia||Malaysian;Malaysians|
NAM|Namibia||Namibian;Namibians|
NER|Niger||Nigerien;Nigeriens|
NGA|Nigeria||Nigerian;Nigerians|
NIC|Nicaragua||Nicaraguan;Nicaraguans|
NLD|Netherlands|Holland;the Netherlands|Dutch|
NOR|Norway||Norwegian;Norwegians|
NPL|Nepal||Nepalese;Nepali;Nepalis|
NZL|New Zealand||New Zealander;New Zealanders|
OMN|Oman||Omani;Omanis|
PAK|Pakistan||Pakistani;Pakistanis|
PAN|Panama||Panamanian;Panamanians|
PER|Peru||Peruvian;Peruvians|
PHL|Philippines|the Philippines|Filipino;Philippine;Filipinos|
PNG|Papua New Guinea||Papua New Guinean;Papua New Guineans;Papuan;Papuans|
POL|Poland||Polish;Poles|
PRI|Puerto Rico||Puerto Rican;Puerto Ricans|
PRK|North Korea|Democratic People's Republic of Korea;DPRK|North Korean;North Koreans|
PRT|Portugal||Portuguese|
PRY|Paraguay||Paraguayan;Paraguayans|
PSE|Palestine|State of Palestine;occupied Palestinian territory;Gaza Strip;West Bank|Palestinian;Palestinians|
QAT|Qatar||Qatari;Qataris|
ROU|Romania||Romanian;Romanians|
RUS|Russia|Russian Federation|Russian;Russians|
RWA|Rwanda||Rwandan;Rwandans|
SAU|Saudi Arabia||Saudi;Saudis|
SDN|Sudan|the Sudan|Sudanese|
SEN|Senegal||Senegalese|
SLB|Solomon Islands||Solomon Islander;Solomon Islanders|
SLE|Sierra Leone||Sierra Leonean;Sierra Leoneans|
SLV|El Salvador||Salvadoran;Salvadorans;Salvadorian;Salvadorean;Salvadoreans|
SOM|Somalia||Somali;Somalis;Somalian;Somalians|
SRB|Serbia||Serbian;Serbs;Serbians;Serb;Serbs|
SSD|South Sudan||South Sudanese|
SUR|Suriname||Surinamese|
SVK|Slovakia||Slovak;Slovaks|
SVN|Slovenia||Slovenian;Slovenians;Slovenes;Slovene|
SWE|Sweden||Swedish;Swedes;Swede|
SWZ|Eswatini|Swaziland|Swazi;Swazis|
SYC|Seychelles||Seychellois|
SYR|Syria|Syrian Arab Republic|Syrian;Syrians|
TCD|Chad||Chadian;Chadians|ambiguous
TGO|Togo||Togolese|
THA|Thailand||Thai;Thais|
TJK|Tajikistan||Tajik;Tajiks|
TKM|Turkmenistan||Turkmen;Turkmens|
TLS|Timor-Leste|East Timor|Timorese|
TON|Tonga||Tongan;Tongans|
TTO|Trinidad and Tobago||Trinidadian;Trinidadians|
TUN|Tunisia||Tunisian;Tunisians|
TUR|Turkey|Türkiye;Turkiye|Turkish;Turks;Turk|
TWN|Taiwan||Taiwanese|
TZA|Tanzania|United Republic of Tanzania|Tanzanian;Tanzanians|
UGA|Uganda||Ugandan;Ugandans|
UKR|Ukraine||Ukrainian;Ukrainians|
URY|Uruguay||Uruguayan;Uruguayans|
USA|United States|United States of America;US;U.S.;USA;America|American;Americans|
UZB|Uzbekistan||Uzbek;Uzbeks|
VEN|Venezuela||Venezuelan;Venezuelans|
VNM|Vietnam|Viet Nam|Vietnamese|
VUT|Vanuatu||Ni-Vanuatu;Ni Vanuatu|
WSM|Samoa||Samoan;Samoans|
XKX|Kosovo||Kosovar;Kosovan;Kosovars;Kosovans|
YEM|Yemen||Yemeni;Yemenis;Yemenite;Yemenites|
ZAF|South Africa||South African;South Africans|
ZMB|Zambia||Zambian;Zambians|
ZWE|Zimbabwe||Zimbabwean;Zimbabweans|
"""

# Group names that are not demonyms of a state but tell the country the people come from.
_GROUPS = {"rohingya": "MMR", "kurds": "IRQ", "yazidis": "IRQ", "uighurs": "CHN", "uyghurs": "CHN"}


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    ambiguous: bool


def fold(text: str) -> str:
    """Lower case without accents, dotless i or curly apostrophes: how names are compared."""
    text = text.replace("ı", "i").replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _load() -> tuple[Country, ...]:
    rows = []
    for line in _TABLE.strip().splitlines():
        iso3, name, others, demonyms, flag = line.split("|")
        names = (name, *[n for n in others.split(";") if n])
        rows.append(Country(iso3, name, names, tuple(d for d in demonyms.split(";") if d), flag == "ambiguous"))
    return tuple(rows)


COUNTRIES: tuple[Country, ...] = _load()
BY_ISO3: dict[str, Country] = {c.iso3: c for c in COUNTRIES}
_BY_NAME: dict[str, str] = {}
_BY_DEMONYM: dict[str, str] = dict(_GROUPS)
for _c in COUNTRIES:
    for _n in _c.names:
        _BY_NAME[fold(_n)] = _c.iso3
        if fold(_n).startswith("the "):
            _BY_NAME[fold(_n)[4:]] = _c.iso3
    for _d in _c.demonyms:
        _BY_DEMONYM.setdefault(fold(_d).replace("-", " "), _c.iso3)


def country_of_name(text: str) -> str | None:
    """ISO3 if `text` names a country ("Turkey", "the DRC"), else None."""
    key = fold(text)
    return _BY_NAME.get(key) or _BY_NAME.get(key[4:] if key.startswith("the ") else key)


def country_of_demonym(text: str) -> str | None:
    """ISO3 for "Turkish", "Syrians", "Rohingya", "Ni-Vanuatu"; None otherwise."""
    key = fold(text).replace("-", " ")
    return _BY_DEMONYM.get(key) or (_BY_DEMONYM.get(key[:-1]) if key.endswith("s") else None)


def country_names(iso3: str) -> tuple[str, ...]:
    """Every name the table has for the country ("Democratic Republic of the Congo", "DR Congo", ...)."""
    return BY_ISO3[iso3].names if iso3 in BY_ISO3 else ()


def country_name(iso3: str) -> str:
    return BY_ISO3[iso3].name if iso3 in BY_ISO3 else iso3


# "50 million U.S. dollars", "Hong Kong dollars": a name before a currency is no place.
_CURRENCY_AFTER = re.compile(r"\s*(?:dollars?|yuan|rupees?|pesos?|pounds?|euros?)\b", re.IGNORECASE)


def currency_follows(text: str, end: int) -> bool:
    """Whether a currency word comes right after offset `end` of `text`."""
    return _CURRENCY_AFTER.match(text, end) is not None
