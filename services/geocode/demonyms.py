"""Nationality adjectives and nouns -> ISO 3166-1 alpha-3, for reading an article's countries.

"Syrians were stranded on the Turkish border" names two countries without naming either. No
registry package we can use ships demonyms, so the common ones are listed here; plural nouns
("Syrians") are found by dropping the final s. Ambiguous words (Congolese, Guinean, Korean,
Sudanese before 2011, ...) map to the country wire copy on displacement most often means.
"""

from __future__ import annotations

DEMONYMS: dict[str, str] = {
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "angolan": "AGO", "argentine": "ARG",
    "argentinian": "ARG", "armenian": "ARM", "australian": "AUS", "austrian": "AUT", "azerbaijani": "AZE",
    "azeri": "AZE", "bahraini": "BHR", "bangladeshi": "BGD", "belarusian": "BLR", "belgian": "BEL",
    "beninese": "BEN", "bhutanese": "BTN", "bolivian": "BOL", "bosnian": "BIH", "brazilian": "BRA",
    "british": "GBR", "bulgarian": "BGR", "burkinabe": "BFA", "burmese": "MMR", "burundian": "BDI",
    "cambodian": "KHM", "cameroonian": "CMR", "canadian": "CAN", "centrafrican": "CAF", "chadian": "TCD",
    "chilean": "CHL", "chinese": "CHN", "colombian": "COL", "congolese": "COD", "costa rican": "CRI",
    "croatian": "HRV", "cuban": "CUB", "cypriot": "CYP", "czech": "CZE", "danish": "DNK",
    "djiboutian": "DJI", "dominican": "DOM", "dutch": "NLD", "ecuadorian": "ECU", "egyptian": "EGY",
    "emirati": "ARE", "eritrean": "ERI", "estonian": "EST", "ethiopian": "ETH", "fijian": "FJI",
    "filipino": "PHL", "finnish": "FIN", "french": "FRA", "gabonese": "GAB", "gambian": "GMB",
    "georgian": "GEO", "german": "DEU", "ghanaian": "GHA", "greek": "GRC", "guatemalan": "GTM",
    "guinean": "GIN", "haitian": "HTI", "honduran": "HND", "hungarian": "HUN", "indian": "IND",
    "indonesian": "IDN", "iranian": "IRN", "iraqi": "IRQ", "irish": "IRL", "israeli": "ISR",
    "italian": "ITA", "ivorian": "CIV", "jamaican": "JAM", "japanese": "JPN", "jordanian": "JOR",
    "kazakh": "KAZ", "kenyan": "KEN", "kosovar": "XKX", "kuwaiti": "KWT", "kyrgyz": "KGZ",
    "lao": "LAO", "laotian": "LAO", "latvian": "LVA", "lebanese": "LBN", "liberian": "LBR",
    "libyan": "LBY", "lithuanian": "LTU", "macedonian": "MKD", "malagasy": "MDG", "malawian": "MWI",
    "malaysian": "MYS", "malian": "MLI", "mauritanian": "MRT", "mexican": "MEX", "moldovan": "MDA",
    "mongolian": "MNG", "montenegrin": "MNE", "moroccan": "MAR", "mozambican": "MOZ", "namibian": "NAM",
    "nepalese": "NPL", "nepali": "NPL", "nicaraguan": "NIC", "nigerian": "NGA", "nigerien": "NER",
    "north korean": "PRK", "norwegian": "NOR", "omani": "OMN", "pakistani": "PAK", "palestinian": "PSE",
    "panamanian": "PAN", "papuan": "PNG", "paraguayan": "PRY", "peruvian": "PER", "philippine": "PHL",
    "polish": "POL", "portuguese": "PRT", "qatari": "QAT", "romanian": "ROU", "russian": "RUS",
    "rwandan": "RWA", "salvadoran": "SLV", "saudi": "SAU", "senegalese": "SEN", "serbian": "SRB",
    "sierra leonean": "SLE", "slovak": "SVK", "slovenian": "SVN", "somali": "SOM", "somalian": "SOM",
    "south african": "ZAF", "south korean": "KOR", "south sudanese": "SSD", "spanish": "ESP",
    "sri lankan": "LKA", "sudanese": "SDN", "swedish": "SWE", "swiss": "CHE", "syrian": "SYR",
    "taiwanese": "TWN", "tajik": "TJK", "tanzanian": "TZA", "thai": "THA", "togolese": "TGO",
    "tunisian": "TUN", "turkish": "TUR", "turk": "TUR", "turkmen": "TKM", "ugandan": "UGA",
    "ukrainian": "UKR", "uruguayan": "URY", "uzbek": "UZB", "venezuelan": "VEN", "vietnamese": "VNM",
    "yemeni": "YEM", "zambian": "ZMB", "zimbabwean": "ZWE",
    "american": "USA",
    "central african": "CAF", "botswanan": "BWA", "batswana": "BWA", "motswana": "BWA",
    "spaniard": "ESP", "briton": "GBR", "bissau guinean": "GNB", "croat": "HRV",
    "basotho": "LSO", "new zealander": "NZL", "papua new guinean": "PNG",
    "solomon islander": "SLB", "salvadorian": "SLV", "salvadorean": "SLV", "serb": "SRB", "slovene": "SVN",
    "swede": "SWE", "swazi": "SWZ", "timorese": "TLS", "ni vanuatu": "VUT", "yemenite": "YEM",
    "puerto rican": "PRI", "sahrawi": "ESH", "comorian": "COM", "mauritian": "MUS", "cape verdean": "CPV",
    "equatorial guinean": "GNQ", "guyanese": "GUY", "surinamese": "SUR", "belizean": "BLZ",
    "maldivian": "MDV", "bruneian": "BRN", "samoan": "WSM", "tongan": "TON", "maltese": "MLT",
    "icelandic": "ISL", "ecuadorean": "ECU", "seychellois": "SYC", "barbadian": "BRB",
    "trinidadian": "TTO", "bahamian": "BHS", "kosovan": "XKX",
}


def demonym_country(word: str) -> str | None:
    """Alpha-3 for a folded nationality word or plural noun ('syrian', 'syrians'), else None."""
    code = DEMONYMS.get(word)
    if code is None and word.endswith("s"):
        code = DEMONYMS.get(word[:-1])
    return code
