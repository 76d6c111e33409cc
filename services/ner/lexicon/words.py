"""The word rules' vocabulary: who is counted, what happened to them, what blurs it.

Kept apart from the rules so that a reviewer can read the vocabulary in one place. Every entry is
a general English usage of wire and humanitarian copy, not a phrase of any one article.
"""

from __future__ import annotations

import re

# Who a number can count. Stems, because PDF copy glues words ("peoplehave").
PERSON_STEMS = ("people", "persons")
PERSON_NOUNS = {
    "person", "residents", "civilians", "villagers", "inhabitants", "individuals", "children", "women", "men",
    "citizens", "nationals", "migrants", "locals", "workers", "farmers", "herders", "pastoralists", "fishermen",
    "tourists", "pilgrims", "patients", "survivors", "victims", "others", "members", "students", "pupils",
    "infants", "babies", "girls", "boys", "adults", "elderly", "minors", "returnees", "evacuees", "passengers",
    "dwellers", "occupants", "tenants", "squatters", "displaced", "homeless", "souls", "protesters", "worshippers",
    "detainees", "prisoners",
}
COMBATANT_NOUNS = {
    "fighters", "rebels", "soldiers", "troops", "militants", "insurgents", "militiamen", "combatants", "jihadists",
    "gunmen", "policemen", "officers", "guards", "forces", "servicemen", "attackers", "members",
}
HOUSEHOLD_NOUNS = {"families", "households", "family", "household"}
HOUSING_NOUNS = {
    "houses", "homes", "dwellings", "buildings", "shelters", "huts", "structures", "apartments", "flats",
    "residences", "housing", "units", "home", "house", "tents", "viviendas",
}
# Nouns that are themselves the reporting term.
REFUGEE_NOUNS = {"refugees", "refugee"}
IDP_NOUNS = {"idps", "idp", "displacements"}
ASYLUM_NOUNS = {"asylum"}  # "asylum seekers", "asylum-seekers"

# Words a number may be followed by directly when no noun says who is counted: "35,000 were
# displaced", "3,000 fled north", "about 14,000 in Aburoc". Anything else after a number is a
# noun of something else (districts, kilometres, tonnes) and the number is not a headcount.
HEADLESS_OK = {
    "were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "fled", "flee", "fleeing", "remain",
    "remained", "remains", "moved", "took", "sought", "crossed", "returned", "died", "did", "lost", "will", "would",
    "could", "may", "might", "still", "also", "now", "already", "reportedly", "in", "from", "at", "to", "into",
    "across", "near", "on", "inside", "outside", "who", "that", "displaced", "evacuated", "relocated", "killed",
    "dead", "homeless", "injured", "missing", "more", "each", "alone", "of", "newly", "left", "arrived", "gathered",
    "stranded", "sheltering", ",", ")", "(", ";", ".", ":", "–", "—", "'", '"', "”", "’", "again", "so", "last",
    # "3,400 partially damaged": an adverb before the verb.
    "partially", "completely", "totally", "severely", "badly", "fully",
}

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
CURRENCY = {
    "$", "€", "£", "¥", "₹", "us$", "usd", "eur", "chf", "sh", "ksh", "rs", "inr", "gbp", "rmb", "yuan", "naira",
    "n", "aud", "cad",
}
CURRENCY_AFTER = {
    "dollars", "euros", "pounds", "yuan", "rupees", "francs", "shillings", "naira", "yen", "dinars", "riyals",
    "lira", "liras", "pesos", "usd", "eur", "chf",
}

# Words that make a reported movement not (yet) real. Those in the PROJECTION sets forecast a
# coming movement ("could be displaced", "expected to flee", "plans to evacuate"): the figure is kept
# with category "projected", which no alert reads. The others (an obligation, a wish, a risk, a
# scenario) are no figure at all.
MODALS = {"could", "would", "may", "might", "will", "shall", "can", "should", "must", "'ll", "cannot"}
PROJECTION_MODALS = {"could", "would", "may", "might", "will", "'ll"}
HYPOTHETICAL_BEFORE_TO = {
    "expected", "likely", "set", "due", "feared", "predicted", "projected", "forecast", "poised", "threatened",
    "threatens", "threaten", "plans", "planned", "plan", "prepared", "ready", "going", "need", "needs", "needed",
    "want", "wants", "hope", "hopes", "order", "ordered", "asked", "urged", "told", "advised", "able",
}
PROJECTION_BEFORE_TO = {
    "expected", "likely", "set", "due", "feared", "predicted", "projected", "forecast", "poised", "threatened",
    "threatens", "threaten", "plans", "planned", "plan", "going",
}
HYPOTHETICAL = {
    "if", "unless", "risk", "risks", "potentially", "potential", "possible", "possibly", "scenario", "contingency",
}
PROJECTION_WORDS = {"potentially", "possibly"}
# Anywhere in its sentence, these make a forecast a conditional ("if the dam breaks, thousands could
# flee") or a counterfactual ("without the levee, ..."): no figure.
CONDITIONS = {"if", "unless", "otherwise", "lest", "whether", "without", "hypothetical", "hypothetically"}
NEGATIONS = {"no", "not", "never", "n't", "without", "none", "nobody"}
STOCK_MARKERS = {
    "already", "still", "remain", "remained", "remains", "remaining", "currently", "living", "live", "lives",
    "residing", "reside", "hosts", "hosting", "host", "hosted", "protracted",
}
CUMULATIVE_MARKERS = {"total", "far", "date", "cumulative", "altogether", "overall", "since", "brings", "bringing"}
NEW_MARKERS = {"newly", "new", "fresh", "recently"}
# Nouns of people coming in, before "of <count>": "an influx of 6,000 refugees", "the arrival of
# 2,000 IDPs". Who they count arrived: a new flow, not who is hosted.
ARRIVAL_NOUNS = {"influx", "inflow", "arrival", "arrivals", "wave"}

# Refugees who arrive, enter or reach a place are a new cross-border flow ("4,000 refugees arrived in
# Kilis"); nationals ("2,000 Eritreans arrived in Sudan") only where the sentence speaks of flight,
# refuge, a border or a conflict: tourists and pilgrims arrive too.
ARRIVAL_VERBS = {
    "arrived", "arrive", "arrives", "arriving", "entered", "enter", "enters", "entering", "reached", "reach",
    "reaches", "reaching",
}
FLIGHT_CONTEXT = (
    "refug", "displac", "idp", "fled", "flee", "escap", "asylum", "border", "frontier", "persecut", "violence",
    "fighting", "conflict", "crackdown", "exodus", "war-", "offensive",
)
FLIGHT_WORDS = {"war", "wars", "clashes", "persecution"}

# Asides that list a breakdown of the count before them: their numbers are not new figures.
ASIDE_OPENERS = {
    "including", "mainly", "mostly", "among", "many", "most", "some", "of", "excluding", "plus", "half", "majority",
    "predominantly", "largely", "especially", "notably",
}

# A "cross-border" that is about fire, not people.
CROSS_BORDER_NOT_MOVEMENT = {
    "shelling", "attack", "attacks", "fire", "raid", "raids", "trade", "violence", "fighting", "strikes",
    "incursion", "incursions", "smuggling", "trafficking", "operations", "operation", "cooperation",
}

# Senses of "displace" that are not people forced from home.
OTHER_SENSES = {
    "hip", "knee", "shoulder", "joint", "joints", "fracture", "fractures", "bone", "bones", "disc", "vertebra",
    "engine", "engines", "cc", "litre", "liter", "litres", "cylinder", "tonnage", "tons", "tonnes", "ship",
    "vessel", "water", "air", "fluid", "jobs", "job", "layoffs", "closure", "closing", "shutdown", "automation",
    "pets", "dogs", "cats", "animals", "college", "plant", "students", "campus", "campuses", "employment", "retail",
    "economic", "technological", "mechanical", "jaw", "tooth", "teeth", "lens", "retina", "ligament", "organ",
}

REPORT_VERBS = {
    "said", "says", "say", "told", "reported", "reports", "report", "estimated", "estimates", "estimate",
    "announced", "announces", "stated", "states", "added", "adds", "warned", "warns", "confirmed", "confirms",
    "noted", "notes", "recorded", "records", "counted", "tallied", "registered", "claimed", "claims", "according",
}
TITLE_WORDS = {
    "spokesman", "spokeswoman", "spokesperson", "director", "chief", "head", "minister", "prime", "president",
    "vice", "deputy", "official", "officials", "secretary", "general", "commissioner", "coordinator",
    "representative", "envoy", "governor", "mayor", "commander", "chairman", "leader", "foreign", "interior",
    "defence", "defense", "senior", "top", "regional", "country", "humanitarian", "emergency", "agency",
    "ambassador", "advisor", "adviser", "executive", "of", "for", "the", "'s", "district", "provincial", "local",
    "national", "state", "county", "police", "army", "military", "spokespeople", "authorities", "authority",
    "administrator", "mr", "mrs", "ms", "dr", ".",
}
PRONOUNS = {"he": "PERSON", "she": "PERSON", "it": "ORG", "they": "ORG"}

# Stems the whole sentence must contain for the figure rules to look at it at all.
TRIGGER_STEMS = (
    "displac", "evacu", "fled", "flee", "fleeing", "homeless", "refug", "shelter", "camp", "relocat", "evict",
    "asylum", "strand", "border", "frontier", "kill", "dead", "died", "death", "lives", "destroy", "damag",
    "collaps", "uproot", "exodus", "idp", "moved", "cross", "host", "accommodat", "housed", "uninhabitable",
    "perish", "drown", "bodies", "fatalit", "left", "head", "waiting", "gather", "mass", "resettl", "raz",
    "flatten", "washed", "burn", "torch", "level", "demolish", "centre", "center", "swept", "enter", "slain",
    "massacr", "escap", "trek", "pour", "stream", "driven", "forced", "returnee", "drove", "arriv", "reach",
    "lost their home", "forcing", "leave", "leaving", "destruct", "housing", "houses", "abandon", "expel", "evacuee",
    "chased",
)


def _trie_regex(words) -> str:
    """One alternation of `words` factored by common prefixes ("d(?:ea(?:d|th)|ied|...)"): the same
    strings match, but the regex engine tries a few branches at each position instead of every word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        if "" in node and len(node) == 1:
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A word that ends here may also go on: "fle(?:d|e(?:ing)?)"; the shorter one is enough to match.
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


def word_start_regex(stems, glued_heads=()) -> str:
    """A regex for any of `stems` at the start of a word, alone or after one of `glued_heads` (words
    PDF extraction glues to the next: "peopledisplaced"). A stem inside a word is another word: the
    French "emporté" (swept away) is not "remporté" (won), nor "forced" "reinforced". Stems that
    begin with a space carry their own boundary. The lookahead on first letters lets the engine skip
    most word starts at once."""
    words = [stem for stem in stems if stem[:1] != " "]
    spaced = [stem for stem in stems if stem[:1] == " "]
    firsts = sorted({c for w in [*words, *glued_heads] for c in (w[0].lower(), w[0].upper())})
    heads = f"(?:{_trie_regex(glued_heads)})?" if glued_heads else ""
    body = rf"\b(?=[{re.escape(''.join(firsts))}]){heads}{_trie_regex(words)}"
    return body + ("|" + _trie_regex(spaced) if spaced else "")


# Only ever asked whether a sentence contains any stem, so the prefix-factored form is equivalent;
# the lookahead on the first letters lets the engine skip most positions at once.
TRIGGER_HINT = re.compile(
    "(?=[" + "".join(sorted({stem[0] for stem in TRIGGER_STEMS})) + "])" + _trie_regex(TRIGGER_STEMS), re.IGNORECASE
)
NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
    "dozen", "scores", "lakh",
)
NUMBER_HINT = re.compile(r"\d|" + word_start_regex(NUMBER_WORDS), re.IGNORECASE)


# -- moved here from the word-rule modules --------------------------------------------------------

# Joiners of a list of numbers that share the noun after the last: "12,000, 8,000 and 3,000 people".
LIST_JOINERS = ([","], ["and"], [",", "and"])
# Where a count that continues another is, after "and": "and 5,000 in Masisi", "and another 2,000 to Uvira".
PLACE_PREPOSITIONS = {"in", "at", "to", "into", "from", "across", "near", "inside", "outside", "toward", "towards"}
# Verbs through which a modal before the number reaches the movement after it: "could force 200,000
# people to flee", "is expected to leave 3,000 homeless".
CAUSATIVES = {"force", "forcing", "leave", "leaving", "drive", "send", "push", "cause", "prompt", "make", "see"}
SHELTER_PLACES = {
    "school", "schools", "church", "churches", "mosque", "mosques", "shelter", "shelters", "centre", "centres",
    "center", "centers", "hotel", "hotels", "building", "buildings", "hall", "halls", "stadium", "stadiums",
    "tents", "tent", "temple", "temples", "gymnasium", "facilities", "premises", "sites", "site", "evacuation",
    "collective", "public",
}
CAMP_WORDS = {"camp", "camps", "settlement", "settlements", "camp-like"}
# Camps no one is displaced to: "a camp site", "the training camp", "an army camp".
LEISURE_CAMP_AFTER = {"site", "sites", "ground", "grounds", "fire", "fires"}
OTHER_CAMPS = {"training", "boot", "summer", "holiday", "army", "military", "base", "tourist", "football", "youth",
               "scout", "music", "mining", "work", "labour", "labor"}
DIRECTION = {
    "to", "toward", "towards", "into", "for", "across", "at", "on", "away", "out", "north", "south", "east", "west",
    "northwards", "southwards", "eastwards", "westwards", "abroad", "inland",
}
BLOCK_WORDS = {
    "affected", "injured", "wounded", "missing", "rescued", "arrested", "detained", "kidnapped", "abducted",
    "trapped", "besieged", "returned", "returning", "vaccinated", "treated", "hospitalised", "hospitalized",
    "marooned", "isolated", "employed", "need", "needing", "assisted", "reached", "benefited", "beneficiaries",
    "infected", "sick", "ill", "starving", "malnourished", "recruited", "sentenced", "convicted", "charged",
    "deported", "repatriated", "jailed", "hired", "enrolled", "attended", "voted", "watched", "visited", "received",
    "served", "fed", "helped", "supported", "targeted", "screened", "interviewed",
}
LIFE_TAKERS = {"cost", "costs", "costing", "claimed", "claim", "claims", "claiming", "lost", "took", "taken", "taking"}
HOME_WORDS = {
    "homes", "home", "houses", "villages", "village", "towns", "town", "city", "cities", "land", "lands", "areas",
    "neighbourhoods", "neighborhoods", "district", "districts",
}
OWN_HOMES = {"homes", "home", "houses", "villages", "lands"}
CENTRE_KINDS = {"evacuation", "collective", "reception", "transit", "relief", "temporary", "emergency"}
PASSIVE = {"was", "were", "be", "been", "being", "is", "are", "get", "got"}
# Verbs that make people do what the infinitive after them says: "forced 12,000 people to shelter".
COMPELLING = {
    "forced", "force", "forces", "forcing", "compelled", "compel", "compels", "compelling", "drove", "driven",
    "drive", "drives", "driving", "pushed", "push", "pushing", "prompted", "prompt", "prompting", "obliged",
}
# Staying put: "told to shelter in place", "to shelter indoors", "to shelter at home".
IN_PLACE = {"indoors", "inside", "home", "homes", "houses", "basements", "basement", "cellars"}
CLAUSE_BREAKERS = {";", ".", "!", "?", "while", "whereas", "but", "although", "though", "meanwhile"}
# Words that may stand between a governing verb and its number: "the evacuation of a further 45,000".
BEFORE_GAP = {"of", "the", "a", "an", "total", "number", "some", "further", "estimated"}
# Words between a number and its noun that do not stop the search for the noun.
NP_STOP = {
    "were", "was", "are", "is", "have", "has", "had", "been", "be", "will", "would", "could", "may", "might", "in",
    "from", "at", "to", "into", "across", "near", "on", "who", "that", "which", "and", "or", "but", "a", "an", "by",
    "with", "for", "as", "after", "before", "since", "during", "per", "than", "this", "these", "those", "its",
    "their", "his", "her", "each", "every", "said", "says", "fled", "flee", "remain", "remained", "moved", "took",
    "sought", "crossed", "also", "still", "now", "left", "died", "killed", "lost", "including", "did", "do",
    "percent", "cent", "out", "over", "under", "about", "around", "like", "year", "years", "days", "day", "months",
    "weeks", "hours",
}
LABEL_BEFORE = {
    "magnitude", "category", "level", "phase", "grade", "route", "highway", "article", "resolution", "chapter",
    "page", "section", "line", "flight", "platform", "gate", "room", "no", "number", "aged", "age", "ages", "tier",
    "stage", "class", "unit", "paragraph", "code", "version", "lot", "kilometre", "km", "mile", "mm", "cm", "am",
    "pm", "pages", "item", "score", "rank", "ranked", "ranking", "team", "ward", "district", "zone", "sector",
    "block", "plot", "numbers", "dated", "population", "populations", "i", "ii", "iii", "top", "fy",
}
DETERMINERS = {
    "the", "these", "those", "its", "their", "his", "her", "our", "all", "whose", "your", "my", "first", "last",
    "every", "each",
}
BORDER_WORDS = {"border", "borders", "frontier", "frontiers", "abroad"}
SPEAKER_HINTS = (
    "said", "told", "according", "report", "estimat", "says", "announc", "state", "confirm", "warn", "record",
)
PREPOSITIONS = {
    "following", "after", "before", "during", "since", "amid", "from", "by", "of", "in", "on", "for", "despite",
    "about", "over", "against", "with", "without", "to",
}
# PDF copy glues a modal to the word before it: "peoplecould".
GLUED_MODALS = ("could", "would", "might")
# "the death toll rose to 19", "the number of displaced people stands at 20,000".
LINK_BEFORE = {
    "to", "at", "reached", "reaches", "touched", "hit", "hits", "topped", "surpassed", "passed", "exceeded",
    "exceeds", "is", "was", "now",
}
TALLY_NOUNS = {
    "idps": "displaced", "displaced": "displaced", "refugees": "refugee", "asylum": "asylum_seeker",
    "evacuees": "evacuated", "homeless": "homeless", "evacuated": "evacuated",
}
# A verbless sentence that opens on a count somewhere ("About 9,000 in Kuma.", "Another 3,000 at
# Leru.") counts whoever a neighbouring sentence is about; only displaced people are taken.
ELLIPSIS = re.compile(
    r"\W*(?i:(?:about|some|around|approximately|nearly|almost|over|another|further|an estimated|up to|at least|"
    r"more than)\s+)*\d[\d,.]*(?i:\s+(?:million|thousand))?\s+(?i:more\s+)?(?i:in|at)\s+[A-Z]"
)
DISPLACED_HINT = re.compile(r"(?i:displaced|displacement)|\bIDPs?\b")
RETURN_CONTEXT = (
    "refug", "displac", "idp", "undocumented", "border", "fled", "flee", "deport", "expel", "conflict", "fighting",
    "violence", "war", "crackdown",
)
DESTINATION_WORDS = {"to", "into", "toward", "towards", "enter", "entering", "for", "reach", "reached", "reaching"}
