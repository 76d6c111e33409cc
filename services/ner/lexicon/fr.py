"""French vocabulary of the figure readers: numbers, who is counted, the predicates of displacement in
French reporting usage and the terms they give (IDMC reporting terms), modality, stock, attribution.

French tables, not translations of the English ones: the words are those of French wire and
humanitarian copy (OCHA, HCR, OIM, AFP in French), and `ner.figures.constructions_fr` reads them
over the dependency parse of `fr_core_news_sm` (Universal Dependencies labels).
"""

from __future__ import annotations

import re

from ner.lexicon.words import word_start_regex

# -- numbers ------------------------------------------------------------------------------------------
UNITS_FR = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
}
SCALES_FR = {
    "mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
}
# "un millier", "une centaine", "une dizaine": about one unit of the noun.
ABOUT_ONE_FR = {"millier": 1_000, "centaine": 100, "dizaine": 10, "vingtaine": 20, "trentaine": 30,
                "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60}
# "des milliers", "plusieurs centaines", "quelques milliers": an order of magnitude.
PLURAL_SCALES_FR = {"milliers": 1_000, "centaines": 100, "dizaines": 10, "millions": 1_000_000}
VAGUE_OPENERS_FR = {"des", "plusieurs", "quelques", "de"}
QUALIFIERS_FR: dict[tuple[str, ...], str] = {
    ("plus", "de"): "at_least", ("au", "moins"): "at_least", ("pas", "moins", "de"): "at_least",
    ("plus", "d'"): "at_least", ("au-delà", "de"): "at_least", ("quelque",): "approximate",
    ("environ",): "approximate", ("près", "de"): "approximate", ("près", "d'"): "approximate",
    ("quelques",): "approximate", ("autour", "de"): "approximate", ("presque",): "approximate",
    ("approximativement",): "approximate", ("un", "peu", "plus", "de"): "at_least", ("jusqu'à",): "at_most",
    ("jusqu'",): "at_most", ("moins", "de"): "at_most", ("au", "plus"): "at_most", ("pas", "plus", "de"): "at_most",
    ("quasiment",): "approximate", ("approximativement",): "approximate", ("estimé", "à"): "approximate",
}
ADDITIVE_FR: set[tuple[str, ...]] = {("encore",), ("de", "nouveau"), ("autres",)}
RANGE_JOINERS_FR = {"à", "et", "-", "–", "—"}

# -- who is counted -------------------------------------------------------------------------------------
PERSON_LEMMAS_FR = {
    "personne", "habitant", "civil", "villageois", "individu", "enfant", "femme", "homme", "citoyen", "résident",
    "âme", "survivant", "victime", "membre", "agriculteur", "éleveur", "pêcheur", "ressortissant", "gens",
}
HOUSEHOLD_LEMMAS_FR = {"famille", "ménage", "foyer"}
HOUSING_LEMMAS_FR = {"maison", "case", "abri", "habitation", "logement", "bâtiment", "hutte", "tente", "domicile",
                     "concession", "immeuble", "appartement"}
# Nouns that are themselves a reporting term.
TERM_NOUNS_FR = {
    "déplacé": "displaced", "pdi": "displaced", "idp": "displaced", "réfugié": "refugee", "évacué": "evacuated",
    "sinistré": "homeless", "sans-abri": "homeless", "demandeur": "asylum_seeker", "rapatrié": None,
    "retourné": None,
}

# -- what happened to them ---------------------------------------------------------------------------------
MOVEMENT_TERMS_FR = {
    "déplacer": "displaced", "évacuer": "evacuated", "fuir": "forced_to_flee", "enfuir": "forced_to_flee",
    "quitter": "forced_to_flee", "abandonner": "forced_to_flee", "chasser": "forced_to_flee",
    "reloger": "relocated", "réinstaller": "relocated", "relocaliser": "relocated", "transférer": "relocated",
    "expulser": "evicted", "déguerpir": "evicted", "traverser": "displaced", "franchir": "displaced",
    "réfugier": "forced_to_flee", "déraciner": "displaced", "exiler": "forced_to_flee",
}
SHELTER_TERMS_FR = {"héberger": "sheltered", "abriter": "sheltered", "loger": "sheltered", "accueillir": "sheltered",
                    "installer": "sheltered"}
HOUSING_TERMS_FR = {
    "détruire": "destroyed_housing", "raser": "destroyed_housing", "incendier": "destroyed_housing",
    "brûler": "destroyed_housing", "effondrer": "destroyed_housing", "emporter": "destroyed_housing",
    "démolir": "destroyed_housing", "endommager": "partially_destroyed_housing", "inonder":
    "partially_destroyed_housing", "submerger": "partially_destroyed_housing", "fissurer": "partially_destroyed_housing",
}
PROCESS_NOUN_TERMS_FR = {
    "évacuation": "evacuated", "déplacement": "displaced", "destruction": "destroyed_housing",
    "relogement": "relocated", "relocalisation": "relocated", "exode": "forced_to_flee", "fuite": "forced_to_flee",
    "expulsion": "evicted", "arrivée": None,
}
ARRIVAL_LEMMAS_FR = {"arriver", "entrer", "rejoindre", "affluer", "gagner", "partir", "converger", "arrivée",
                     "afflux", "flux"}
# Verbs that make people move, with the movement in an infinitive after them: "contraint 5 000
# personnes à fuir", "ordonné l'évacuation".
CONTROL_LEMMAS_FR = {"contraindre", "forcer", "obliger", "pousser", "ordonner", "demander", "appeler", "inciter"}
STAY_LEMMAS_FR = {"vivre", "rester", "demeurer", "dormir", "passer", "trouver", "séjourner", "être"}
SHELTER_PLACE_LEMMAS_FR = {"site", "camp", "centre", "école", "église", "mosquée", "abri", "stade", "tente",
                           "bâtiment", "salle", "gymnase", "famille"}
CAMP_LEMMAS_FR = {"camp", "site"}
BORDER_LEMMAS_FR = {"frontière", "poste-frontière", "poste", "point"}
HOME_LEMMAS_FR = {"maison", "foyer", "domicile", "village", "localité", "terre", "ville", "quartier", "habitation"}
STRANDED_LEMMAS_FR = {"bloquer", "rassembler", "masser", "coincer", "attendre", "regrouper", "amasser"}

# -- modality, stock, roles -----------------------------------------------------------------------------------
PROJECTING_AUX_FR = {"pourrait", "pourraient", "devrait", "devraient", "pourra", "pourront", "risque", "risquent"}
PROJECTING_HEADS_FR = {"pouvoir", "devoir", "risquer", "menacer", "prévoir", "attendre", "craindre", "aller",
                       "risque", "risquent", "menace", "menacent"}
EXCLUDING_HEADS_FR = {"falloir", "vouloir", "souhaiter", "refuser", "empêcher", "éviter"}
CONDITION_MARKS_FR = {"si", "sinon"}
NEGATIONS_FR = {"pas", "jamais", "aucun", "aucune", "plus", "ni"}
STOCK_WORDS_FR = {"toujours", "encore", "actuellement", "déjà", "rester", "demeurer", "vivre", "accueillir"}
CUMULATIVE_WORDS_FR = {"au total", "en tout", "depuis", "jusqu'ici", "à ce jour", "cumulé"}
NEW_WORDS_FR = {"nouveau", "nouvelle", "nouveaux", "nouvelles", "récemment", "supplémentaire", "supplémentaires"}
ROLE_OF_FR = {
    "à": "in", "au": "in", "aux": "in", "dans": "in", "en": "in", "sur": "at", "vers": "toward", "de": "from",
    "du": "from", "des": "from", "depuis": "from", "chez": "in", "jusqu'à": "to", "près": "near", "autour": "near",
    "entre": "near", "pour": "to", "hors": "from",
}
# "les villages de la frontière": a kind of place inside the country, no border crossed.
BORDER_PLACE_NOUNS_FR = {"village", "ville", "zone", "région", "localité", "commune", "district", "département",
                         "secteur", "province", "hameau"}
ORIGIN_OBJECT_FR = {"fuir", "quitter", "abandonner"}
# Verbs of flight after which "à", "au", "en" name where people went: "ont fui au Cameroun", "se
# sont réfugiés à Kaya", "ont afflué à Goma".
FLIGHT_TO_VERBS_FR = {"fuir", "enfuir", "réfugier", "partir", "affluer", "converger", "replier"}
ORIGIN_VERBS_FR = {"fuir", "enfuir", "déplacer", "évacuer", "chasser", "expulser", "partir", "quitter", "venir",
                   "arriver", "exiler", "sortir", "rapatrier", "traverser", "franchir", "déraciner"}
DESTINATION_OBJECT_FR = {"rejoindre", "gagner", "traverser", "franchir"}
# A count of who was helped, not of who moved: "l'aide a atteint 4 000 réfugiés". (Counting them is
# how agencies report them: "l'OIM a recensé 12 000 déplacés" is a figure, as "registered" is.)
BLOCK_LEMMAS_FR = {"atteindre", "aider", "assister", "nourrir", "soigner", "vacciner", "secourir",
                   "blesser", "tuer", "retourner", "rentrer", "rapatrier"}
WEAK_PREDICATES_FR = {"arriver", "entrer", "rejoindre", "gagner", "traverser", "franchir", "passer", "rester",
                      "vivre", "être", "quitter", "installer", "accueillir", "attendre", "rassembler"}
# A near-miss: who is counted and the words of the sentence that make it no displacement.
NEAR_MISSES_FR = (
    ("passagers_ou_équipage", {"passager", "équipage", "marin"}, {"avion", "bateau", "ferry", "train", "bus",
                                                                   "navire", "vol", "aéroport"}),
    ("voyageurs_bloqués", {"voyageur", "touriste", "passager", "automobiliste", "routier"},
     {"aéroport", "port", "gare", "grève", "vol", "retard"}),
    ("élèves_qui_changent_d_école", {"élève", "étudiant", "enfant"}, {"école", "classe", "rentrée", "université"}),
    ("exercice_d_évacuation", set(), {"exercice", "simulation"}),
)

# -- attribution and dates ------------------------------------------------------------------------------------
REPORT_VERBS_FR = {
    "indiquer", "déclarer", "annoncer", "affirmer", "préciser", "ajouter", "rapporter", "estimer", "signaler",
    "dire", "expliquer", "confirmer", "souligner", "recenser", "dénombrer",
}
MONTHS_FR = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
WEEKDAYS_FR = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
# Days counted back from the day of publication.
DAYS_BACK_FR = {"hier": 1, "avant-hier": 2, "aujourd'hui": 0, "aujourd’hui": 0}

# The parse runs on French sentences with a number and one of these.
PARSE_STEMS_FR = (
    "déplac", "évacu", "evacu", "fui", "fuy", "fuite", "enfui", "réfugi", "refuge", "abri", "héberg", "camps",
    "des sites", "les sites", "relog", "réinstall", "expuls", "chassé", "quitté", "quitter", "abandonn", "détrui", "endommag", "inond",
    "emporté", "rasé", "incendi", "sinistr", "frontière", "exode", "arrivé", "pdi", "contrain", "forcé",
    "poussé", "accueill", "bloqu", "rassembl", "massé", "traversé", "franchi", "asile", "afflu", "sont partis",
    "perdu leur", "retrouvent sans", "évacuation", "destruction", "belle étoile", "plein air", "dehors", "effondr",
)
PARSE_HINT_FR = re.compile(word_start_regex(PARSE_STEMS_FR), re.IGNORECASE)
NUMBER_HINT_FR = re.compile(
    r"\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|quarante|cinquante|"
    r"soixante|cent|centaines?|mille|milliers?|millions?|dizaines?)\b",
    re.IGNORECASE,
)
