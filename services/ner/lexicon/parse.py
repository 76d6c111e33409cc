"""The parse-based constructions' vocabulary: predicate lemmas and the terms they give, the nouns
of who is counted, and the words of modality, stock and near-misses (see `ner.figures.constructions`)."""

from __future__ import annotations

import re

from ner.lexicon.words import word_start_regex


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
STOCK_LEMMAS = {"host", "hold", "remain", "live", "stay", "reside"}
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
    "displac", "evacu", "fled", "flee", "refug", "shelter", "camps", " camp ", " camp,", " camp.", "relocat", "resettl", "evict", "expel",
    "uproot", "homeless", "exodus", "asylum", "idp", "crossed", "crossing into", "arriv", "strand", "streamed",
    "poured", "forced", "forcing", "driven", "drove", "destroy", "destruct", "damag", "razed", "flatten",
    "uninhabit", "abandon", "housing", "housed", "moved", "shifted", "transferred", "escap", "lost their", "gathered",
    "torch",
    "chased", "pushed", "left their", "left the", "left home", "have left", "has left", "heading", "headed", "to leave",
    "without",
    "burn", "washed", "swept", "sought", "taken to", "brought to", "bussed", "ferried", "transported",
    "in the open", "open sky", "open air", "outdoors", "tents",
)
PARSE_HINT = re.compile(word_start_regex(PARSE_STEMS, GLUED_HEADS), re.IGNORECASE)


CAMP_LEMMAS = {"camp", "settlement", "site"}
# The object of these verbs is where people came from ("fled Kessala"), or where they went.
ORIGIN_OBJECT = {"flee", "escape", "leave", "abandon", "desert", "quit"}
DESTINATION_OBJECT = {"enter", "reach", "cross"}
PLACE_ROLE_EXTRA = {"out": "from", "away": "from", "along": "near", "close": "near", "towards": "toward"}
# Adverbs whose "to" phrase is only where something lies, not where anyone went: "fled their homes
# close to the border", "next to the camp". The parser hangs them on the verb as advmod or advcl.
NEAR_ADVERBS = {"close", "near", "next", "closer", "nearer"}
RETURN_LEMMAS = {"return", "repatriate", "deport", "go"}
# Verbs of moving about that say nothing of displacement unless the noun says who moved.
WEAK_PREDICATES = {
    "move", "head", "pour", "stream", "trek", "walk", "surge", "cross", "arrive", "enter", "reach", "take", "bring",
    "bus", "buss", "ferry", "transport", "carry", "spend", "stay", "sleep", "live", "remain", "gather", "wait",
    "queue", "camp", "crowd", "squeeze", "pack", "transfer", "shift", "send", "leave",
}
NEW_WORDS = {"newly", "new", "fresh", "recently", "another", "further", "more"}
# Verbs whose object is who was moved: "displaced 3,000 people", "evacuated 1,500 residents".
TRANSITIVE_MOVING = ["displace", "uproot", "evacuate", "relocate", "resettle", "evict", "expel"]
# Passives that say people were moved: "were evacuated", "have been relocated", "were sheltered".
PASSIVE_MOVING = TRANSITIVE_MOVING + ["move", "transfer", "shift", "shelter", "house", "accommodate", "lodge"]
# Verbs whose subject is who moved: "3,000 people fled", "2,000 crossed into Chad".
INTRANSITIVE_MOVING = ["flee", "escape", "evacuate", "relocate", "move"]
# Verbs of a crowd on the move, which need a direction: "streamed into the town", "headed for the border".
HEADING = ["head", "pour", "stream", "trek", "walk", "surge"]
# Verbs that move people only with a direction: "forced out 2,000", "drove 30,000 from their villages".
DRIVING = ["force", "drive", "chase", "push", "move", "transfer", "shift", "send"]
DIRECTION_WORDS = ["out", "away", "from", "off", "into", "to", "toward", "towards", "across"]
HOME_LEMMAS = ["home", "house", "village", "land", "town", "city", "neighbourhood", "neighborhood", "area", "farm",
               "community", "settlement"]
# A border word modifying one of these names a kind of place inside the country ("border villages",
# "frontier districts"), not a border crossed.
BORDER_PLACE_NOUNS = {
    "village", "town", "area", "district", "zone", "region", "community", "city", "province", "county",
    "settlement", "locality", "hamlet",
}
# "after border clashes with X": a border word naming what drove people out, not where they went.
BORDER_CAUSE_NOUNS = {
    "clash", "dispute", "conflict", "fighting", "skirmish", "tension", "war", "violence", "battle", "shelling",
    "incident", "attack", "row", "standoff", "raid",
}
BORDER_LEMMAS = ["border", "frontier", "crossing", "checkpoint", "gate"]
# Verbs that carry people somewhere: "bussed to evacuation centres", "taken to relief camps".
CONVEYING = ["take", "bring", "bus", "buss", "ferry", "transport", "truck", "airlift", "carry", "move", "shift", "transfer"]
# Verbs that count or keep people in a camp or shelter ("counted 2,000 people in camps"); not
# "aid reached 4,000 refugees in the camp".
COUNTING_IN = [
    "count", "register", "record", "house", "accommodate", "shelter", "be", "place", "put", "settle", "keep",
    "lodge", "stay", "live", "remain", "sleep", "number", "total", "list",
]
