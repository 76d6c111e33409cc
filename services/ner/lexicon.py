"""The words the figure rules recognise: who is counted, what happened to them, what blurs it.

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


# Only ever asked whether a sentence contains any stem, so the prefix-factored form is equivalent;
# the lookahead on the first letters lets the engine skip most positions at once.
TRIGGER_HINT = re.compile(
    "(?=[" + "".join(sorted({stem[0] for stem in TRIGGER_STEMS})) + "])" + _trie_regex(TRIGGER_STEMS), re.IGNORECASE
)
NUMBER_HINT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|scores|lakh)",
    re.IGNORECASE,
)


# -- the parse-based constructions (`ner.figures.constructions`) --------------------------------------------
# Predicate lemmas and the IDMC reporting term each gives. A construction row says in which role a
# count fills the predicate; the term comes from here and from the counted noun, never from how far
# apart the words stand.
MOVEMENT_TERMS = {
    "displace": "displaced", "uproot": "displaced", "cross": "displaced",
    "evacuate": "evacuated",
    "relocate": "relocated", "resettle": "relocated", "transfer": "relocated", "move": "relocated",
    "shift": "relocated",
    "evict": "evicted", "expel": "evicted",
    "flee": "forced_to_flee", "escape": "forced_to_flee", "abandon": "forced_to_flee", "leave": "forced_to_flee",
    "force": "forced_to_flee", "drive": "forced_to_flee", "chase": "forced_to_flee", "push": "forced_to_flee",
    "head": "forced_to_flee", "pour": "forced_to_flee", "stream": "forced_to_flee", "trek": "forced_to_flee",
    "walk": "forced_to_flee", "surge": "forced_to_flee", "homeless": "homeless", "flush": "forced_to_flee",
}
SHELTER_TERMS = {
    "shelter": "sheltered", "house": "sheltered", "accommodate": "sheltered", "lodge": "sheltered",
    "camp": "in_relief_camp",
}
HOUSING_TERMS = {
    "destroy": "destroyed_housing", "raze": "destroyed_housing", "flatten": "destroyed_housing",
    "demolish": "destroyed_housing", "level": "destroyed_housing", "torch": "destroyed_housing",
    "burn": "destroyed_housing", "gut": "destroyed_housing", "collapse": "destroyed_housing",
    "wash": "destroyed_housing", "sweep": "destroyed_housing",
    "damage": "partially_destroyed_housing", "flood": "partially_destroyed_housing",
    "inundate": "partially_destroyed_housing", "submerge": "partially_destroyed_housing",
    "uninhabitable": "uninhabitable_housing",
}
# Nouns of a process whose "of N" is who or what it happened to: "the evacuation of 300 homes".
PROCESS_NOUN_TERMS = {
    "evacuation": "evacuated", "relocation": "relocated", "displacement": "displaced", "eviction": "evicted",
    "resettlement": "relocated", "destruction": "destroyed_housing", "exodus": "forced_to_flee",
    "flight": "forced_to_flee", "expulsion": "evicted",
}
# Arrivals: the term comes from who arrives (refugees -> refugee, IDPs -> displaced).
ARRIVAL_LEMMAS = {"arrive", "enter", "reach"}
# Verbs that make or tell someone move, with the movement in an infinitive after them: "told 1,200
# people to evacuate", "urged 40,000 residents to leave", "sent 10,000 people fleeing".
CONTROL_LEMMAS = {
    "tell", "order", "urge", "ask", "advise", "instruct", "force", "compel", "oblige", "drive", "push", "prompt",
    "cause", "lead", "send", "make", "help", "warn", "direct", "require",
}
# Where people stay once they have moved: "spent the night in evacuation centres", "live in camps".
SHELTER_PLACE_LEMMAS = {
    "shelter", "centre", "center", "camp", "school", "church", "mosque", "stadium", "tent", "hall", "site",
    "settlement", "gymnasium", "temple", "building", "facility",
}
STAY_LEMMAS = {"spend", "stay", "sleep", "live", "remain", "take", "seek", "find", "crowd", "squeeze", "pack"}
# What a count of a noun outside these sets counts is no displacement figure ("14 districts").
HOUSING_LEMMAS = {
    "house", "home", "dwelling", "building", "shelter", "hut", "structure", "apartment", "flat", "residence",
    "housing", "unit", "property", "shack", "homestead", "shanty",
}
HOUSEHOLD_LEMMAS = {"family", "household"}
PERSON_LEMMAS = {
    "people", "person", "resident", "civilian", "villager", "inhabitant", "individual", "child", "woman", "man",
    "citizen", "national", "local", "farmer", "herder", "pastoralist", "fisherman", "survivor", "victim",
    "other", "member", "infant", "baby", "girl", "boy", "adult", "minor", "dweller", "occupant", "tenant",
    "squatter", "soul", "villager", "resident", "islander", "worshipper", "patient",
}
# Nouns that are themselves a reporting term: "15,000 evacuees", "6,000 IDPs", "2,000 displaced".
TERM_NOUNS = {
    "evacuee": "evacuated", "idp": "displaced", "idps": "displaced", "displaced": "displaced",
    "refugee": "refugee", "returnee": None, "homeless": "homeless", "seeker": "asylum_seeker",
}
# Modality from the parse: auxiliaries and governing words that make a movement not (yet) real.
PROJECTING_AUX = {"could", "may", "might", "will", "would", "'ll", "shall"}
EXCLUDING_AUX = {"should", "must", "can", "ca", "cannot", "need"}
PROJECTING_HEADS = {
    "expect", "plan", "threaten", "set", "likely", "fear", "predict", "project", "forecast", "poise", "prepare",
    "go", "due", "anticipate", "estimate_to",
}
EXCLUDING_HEADS = {"need", "want", "hope", "refuse", "able", "try", "risk", "prevent", "avoid"}
CONDITION_MARKS = {"if", "unless", "lest", "whether"}
STOCK_ADVERBS = {"still", "already", "currently", "now", "remain"}
STOCK_LEMMAS = {"host", "remain", "live", "stay", "reside"}
CUMULATIVE_WORDS = {"so far", "to date", "in total", "in all", "since", "altogether", "overall", "total"}

# PDF extraction glues words: "displacedaround 3,000 people", "fledTikrit", "peoplecould". A token
# that starts with one of these words and goes on with a function word, or with a capital, is split
# in two before NER and the parse (`ner.pipeline.glued_words`); the text itself is not changed.
GLUED_HEADS = (
    "displaced", "evacuated", "relocated", "fled", "fleeing", "people", "persons", "families", "households",
    "homes", "houses", "refugees", "residents", "were", "have", "had", "from", "into", "about", "around",
)
GLUED_TAILS = {
    "around", "about", "some", "nearly", "almost", "more", "over", "up", "from", "to", "in", "into", "at", "were",
    "was", "have", "has", "had", "could", "would", "might", "may", "will", "fled", "displaced", "evacuated",
    "people", "persons", "families", "the", "their", "and", "after", "since", "across", "toward", "towards",
}

# Near-misses: counts of people who move, but not as displacement. (name, who is counted, words of
# the sentence that make it so.) A figure whose counted noun and sentence match a row is no figure.
NEAR_MISSES = (
    ("crew_or_passengers_leaving_a_vehicle", {"passenger", "crew", "crewman", "sailor", "crewmember"},
     {"ferry", "plane", "aircraft", "bus", "train", "ship", "vessel", "boat", "flight", "car", "cabin", "engine",
      "jet", "airliner", "coach", "tanker", "carriage"}),
    ("travellers_held_up", {"traveller", "traveler", "passenger", "tourist", "commuter", "motorist", "driver",
                            "trucker", "holidaymaker", "visitor"},
     {"airport", "port", "station", "terminal", "harbour", "harbor", "strike", "delay", "flight", "ferry",
      "runway", "airline"}),
    ("an_evacuation_drill", set(), {"drill", "rehearsal", "simulation"}),
    ("students_moving_schools", {"student", "pupil", "learner", "child", "teacher"},
     {"school", "class", "term", "university", "campus", "classroom", "college", "semester"}),
)
# A figure of a year this long before the report is history ("In 1948, 700,000 people fled").
HISTORY_YEARS = 25

# The parse runs only on sentences with a number and one of these: the cues of the constructions'
# predicates (movement, shelter, housing, homelessness). Deaths and borders alone, frequent in all
# conflict news, are left to the word rules.
PARSE_STEMS = (
    "displac", "evacu", "fled", "flee", "refug", "shelter", "camp", "relocat", "resettl", "evict", "expel",
    "uproot", "homeless", "exodus", "asylum", "idp", "crossed", "crossing into", "arriv", "strand", "streamed",
    "poured", "forced", "forcing", "driven", "drove", "destroy", "destruct", "damag", "razed", "flatten",
    "uninhabit", "abandon", "housing", "housed", "moved", "transferred", "escap", "lost their", "gathered", "torch",
    "chased", "left their", "left home", "have left", "has left", "heading", "headed", "to leave", "without",
    "burn", "washed", "swept", "sought", "taken to", "brought to", "bussed", "ferried", "transported",
)
PARSE_HINT = re.compile(_trie_regex(PARSE_STEMS), re.IGNORECASE)
