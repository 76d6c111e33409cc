"""The words resolution reads around names: kinds of places, directions, cue phrases, and the
thresholds of the country evidence. Patterns only; the steps that use them live in the other modules."""

from __future__ import annotations

import re

# Shared with ner, which marks the names the tagger missed by the same words.
from wirewatch.places.cues import (ADMIN1_PLURALS, ADMIN_AFTER, ADMIN_NOUNS, NOT_PLACES,  # noqa: F401
                                   ORG_BEFORE, PERSON_AFTER)

# CUED: a name the words "the city of" mark as a place, whatever the tagger called it.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "CROSSING", "CAMP", "VILLAGE", "PLACE", "BORDER", "CUED"})

# Spans whose words are never places, even when they contain a place name ("Linda Tom").
BLOCKING_LABELS = frozenset({"PERSON"})

# Labels the small model gives places it does not know; see `misread_places`.
MISREAD_LABELS = frozenset({"PERSON", "ORG", "NORP"})

# How specific a kind is, for picking among the places of one sentence.
SPECIFICITY = {"crossing": 5, "camp": 5, "village": 5, "city": 5, "region": 4, "admin1": 3, "border": 2, "country": 1}

# Words around a name that say what kind of place it is.
# Words for first-level areas, and for the second level ("region" places: districts, counties).
# Countries differ (a Kenyan county is first-level, a US one second), so each only leans.
ADMIN1_WORDS = frozenset({"province", "governorate", "state", "region", "oblast", "prefecture", "department",
                          "division", "provinces", "governorates", "countryside", "states", "regions"})

ADMIN2_WORDS = frozenset({"district", "districts", "county", "counties", "territory", "municipality", "cercle",
                          "commune", "township", "subdistrict", "tehsil", "taluka", "lga", "regency"})

ADMIN_WORDS = ADMIN1_WORDS | ADMIN2_WORDS

CITY_WORDS = frozenset({"city", "town", "towns", "cities", "capital"})

VILLAGE_WORDS = frozenset({"village", "villages", "hamlet"})

CAMP_WORDS = frozenset({"camp", "camps", "settlement", "poc", "site", "sites"})

CROSSING_WORDS = frozenset({"crossing", "gate", "checkpoint", "bridge", "post"})

BORDER_WORDS = frozenset({"border", "frontier", "borders", "boundary", "borderline"})

DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                        "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                        "southeastern", "southwestern", "rural", "greater", "upper", "lower", "outer", "inner"})

LEADING = frozenset({"the", "of", "in", "at", "near", "to", "from"})

# Country names two states share. Wire copy's "Congo" is mostly the Democratic Republic ("eastern
# Congo"); the article's other places decide, and the first code wins a tie.
SHARED_COUNTRY_NAMES = {"congo": ("COD", "COG")}

# Continents and world regions: GeoNames has villages called "Africa" and a Turkmen province "Balkan".
WORLD_REGIONS = frozenset({
    "africa", "europe", "asia", "oceania", "americas", "the americas", "north america", "south america",
    "latin america", "central america", "middle east", "near east", "far east", "balkans", "balkan", "western balkans",
    "sahel", "horn of africa", "west africa", "east africa", "north africa", "southern africa", "central africa",
    "sub saharan africa", "southeast asia", "south asia", "central asia", "east asia", "mediterranean",
    "eastern europe", "western europe", "central europe", "european union", "eu", "maghreb", "levant",
})

# Words for an area that say nothing of its level ("Macina area", "Butig municipality", "Tahiti island").
AREA_WORDS = frozenset({"area", "areas", "zone", "locality", "island", "islands", "atoll", "neighbourhood",
                        "neighborhood"})

PLACE_WORDS = ADMIN_WORDS | CITY_WORDS | VILLAGE_WORDS | CAMP_WORDS | CROSSING_WORDS | AREA_WORDS

WORD = re.compile(r"[A-Z][A-Za-z\u00C0-\u024F'\u2019]+(?:[ -][A-Z][A-Za-z\u00C0-\u024F'\u2019]+){0,3}")

# "Fighting in the city of X displaced 24,000 people who fled to Y": the words just before a place
# that make it where the event happened, so a destination later in the sentence is not the figure's.
EVENT_BEFORE = re.compile(
    r"\b(?:fighting|clashes|violence|attacks?|offensive|conflict|hostilities|shelling|bombing|bombardment"
    r"|air ?strikes?|floods?|flooding|earthquake|landslides?|mudslides?|storms?|cyclone|typhoon|hurricane"
    r"|eruption|wildfires?|unrest|military\s+operations?)"
    r"\s+(?:\w+\s+){0,2}?(?:in|at|near|around|across|on)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$",
    re.IGNORECASE,
)

# "... in Cameroon, Chad and Nigeria, with the majority in Nigeria": the sentence itself says where
# most of the figure is.
MOSTLY_IN = re.compile(
    r"\b(?:(?:the\s+)?(?:vast\s+|great\s+)?majority(?:\s+of\s+(?:them|those\s+\w+|the\s+\w+))?"
    r"|most\s+of\s+(?:them|those\s+\w+|the\s+\w+)|mainly|mostly|largely|predominantly|primarily)"
    r"(?:\s+(?:are|were|is|was|remain|remained|have\s+been|had\s+been|\w+ed))?"
    r"\s+in\s+(?:the\s+)?(?:[a-z]+\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)

# A sentence that opens with its place: "In Orvani district, ...", "Also in Pursat, ...".
OPENS_WITH = re.compile(r"\s*(?:(?:also|and|but|meanwhile|elsewhere|separately),?\s+)?in\s+(?:the\s+)?"
                         r"(?:[a-z-]+\s+){0,3}", re.IGNORECASE)

FRAME_GAP = re.compile(r"(?:\s+(?:" + "|".join(sorted(PLACE_WORDS)) + r"))?(?:\s+(?:alone|only|itself))?"
                        r"\s*(?:,[^,.;:()]{0,60})?")

# "fled from", "were displaced from" (not "people from X", which may say only where they were born)
# A place the words before it locate something in: "in Mopti", "dans la région de Mopti", "à Alep",
# with no clause break between the preposition and the name.
LOCATED_BEFORE = re.compile(r"\b(?:in|at|inside|across|throughout|à|au|aux|dans|en)\b[^.,;:()]{0,35}$",
                            re.IGNORECASE)

FROM_BEFORE = re.compile(r"\b(?:fled|displaced|evacuated|escaped|uprooted|driven|moved|relocated)\s+"
                          r"from\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")

# "across the state", "throughout the province": the area of that kind the article is about.
THE_AREA = re.compile(r"\b(?:across|throughout|all\s+over|around|in)\s+the\s+(?:whole\s+|entire\s+)?"
                       r"(?P<kind>state|province|governorate|prefecture|district|county)\b(?!\s+of\b)", re.IGNORECASE)

# Where one clause of a sentence ends and another, about something else, begins.
CLAUSE_BREAK = re.compile(r",?\s+(?:while|whereas|but|although|though)\s+|;\s*")

# "crossed into Chad at Adre", "entered through the border town of Cucuta"
ENTRY_BEFORE = re.compile(r"\b(?:at|through|via)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}(?:of\s+)?$")

ACTOR_AFTER = re.compile(r"\s+(?:(?:armed|special|security|government|regular)\s+)?(?:forces|troops|army|military"
                          r"|soldiers|jets|warplanes|air\s+force|navy|air\s*strikes|strikes|shelling|drones|missiles"
                          r"|artillery|bombardment|offensive|invasion)\b", re.IGNORECASE)

# A country named as the far side of a border: "near the border with Pakistan", "border clashes with
# Tajikistan", "the frontier of Chad", "close to the Turkish border", "Uganda's border", "la
# frontière avec le Mali", "la frontière tchadienne". The place spoken of lies beside it.
ACROSS_BEFORE = re.compile(
    r"\b(?:(?:border|frontier|boundary)s?\s+(?:(?:clash(?:es)?|dispute|conflict|fighting|skirmish(?:es)?|tensions?"
    r"|war|violence)\s+)?(?:with|of)\s+(?:the\s+)?"
    r"|frontières?\s+(?:avec\s+(?:le\s+|la\s+|les\s+|l['\u2019]\s*)?|d['\u2019]\s*"
    r"|de\s+(?:la\s+|l['\u2019]\s*)?|du\s+|des\s+)?)$",
    re.IGNORECASE)
ACROSS_AFTER = re.compile(r"(?:'s|\u2019s)?\s+(?:border|frontier)s?\b", re.IGNORECASE)

# A nationality of people who fled abroad: "Nigerian refugees", "South Sudanese asylum seekers",
# "réfugiés nigérians". It names where they came from; where they are is beside it.
REFUGEES_AFTER = re.compile(r"\s+(?:refugees?|asylum[- ]seekers?|exiles?)\b", re.IGNORECASE)
REFUGEES_BEFORE = re.compile(r"\b(?:réfugiés?|réfugiées?|demandeurs?\s+d['\u2019]asile|exilés?)\s+$", re.IGNORECASE)

# A country people came from: "refugees arrived in Gambela from South Sudan", "fled from Syria",
# "des réfugiés venus du Nigeria". Where they are now is beside it.
CAME_FROM_BEFORE = re.compile(
    r"\b(?:fled|fleeing|flee|escaped|escaping|arrived|arriving|arrive|came|coming|crossed|crossing|refugees?"
    r"|returnees?|asylum[- ]seekers?|deported|expelled|fui|fuyant|arrivés?|arrivées?|venus?|venues?|réfugiés?)"
    r"\b[^.;:]{0,40}?\b(?:from\s+(?:the\s+)?|en\s+provenance\s+(?:du\s+|de\s+la\s+|de\s+l['\u2019]|d['\u2019]|des\s+)"
    r"|(?:du|de\s+la|de\s+l['\u2019]|d['\u2019]|des)\s*)$", re.IGNORECASE)

# "the Turkish border", "the border", "the Syria-Turkey frontier"
BORDER_PHRASE = re.compile(r"\b(?:the\s+)?(?:[A-Z][\w\-]+\s+){0,2}(?:border|frontier)s?\b")

HEADING_BEFORE = re.compile(r"\b(?:into|to|towards?|across)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")

# "403,000 people in the south", "2,000 families in the country's north-east"
IN_DIRECTION = re.compile(
    r"\s+(?:[a-z]+\s+){0,3}?in\s+the\s+(?:country's\s+)?(?:far\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern\s+(?:part|region)s?)?(?![\w-])(?!\s+of\b)")

POSSESSIVE = re.compile(r"['\u2019]s?\s")

OWNS = re.compile(r"\s+(?:state|province|region|governorate|department|district|county)\s+of\s+(?:the\s+)?")

# How far from a town its crossing may be for "at <town>" to mean the crossing.
CROSSING_TOWN_KM = 15

COUNTRYWIDE = re.compile(
    r"\b(?:(?:two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|\d+)\s+"
    r"(?:\w+\s+)?(?:provinces|states|regions|governorates|prefectures|departments|oblasts)"
    # "over 130 cities have been affected": too many towns for one province to hold them
    r"|(?:\d{2,}|dozens\s+of|hundreds\s+of)\s+(?:\w+\s+)?(?:cities|towns|municipalities|districts|counties)"
    r"|across\s+the\s+(?:country|nation)|nationwide|countrywide)\b", re.IGNORECASE)

RETURN = re.compile(r"\breturn(?:ees?|ed|ing|s)?\b", re.IGNORECASE)

PERSON_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Governor|Senator|General|Gen|Colonel|Col|Mayor"
                            r"|Chairman|Spokesman|Spokeswoman|spokesman|spokeswoman|Commander|Sheikh|King|Queen|Prince)"
                            r"\.?\s+$")

# A next sentence that goes on about the same people: "Most of those displaced are in ...".
SAME_PEOPLE = re.compile(r"\s*(?:Most|The\s+(?:vast\s+|great\s+)?majority)\s+of\s+(?:them|those|the)\b")

# Capitalised words that follow "in"/"of" without being places.
# The country prior (`Context.prior`), in log-odds-like units.
ALPHA = 0.1          # smoothing: an unmentioned country still has some prior
# A place outside the article's countries is believed only if this big and named by its own name.
ACCEPT_OUTSIDE_POP = 100_000
# A country is "the article's" from one explicit mention (1.0) or one name only it has (0.6);
# a name shared by three countries (0.2 each) is not enough on its own. When the article names
# no country at all, two names sharing one country ("Cerrito" and "Santander": Colombia) are.
IN_CONTEXT = 0.5
IN_CONTEXT_IMPLICIT = 0.3
# A place's size in a name's vote: hamlets without a population count as this many people.
VOTE_POPULATION_FLOOR = 5_000

# "the Karen National Union": armed groups named after the province
# they fight in. The province is a hint of where a figure is when its sentence names nothing better.
GROUP_NAME = re.compile(
    r"^(?:the\s+)?(?P<name>[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)??)\s+(?:[A-Z][\w'\u2019]+\s+)*?"
    r"(?:Army|Front|Union|Organi[sz]ation|Movement|Forces|Alliance|Militias?|Brigades?|Defen[cs]e\s+Forces?)$"
)

# Country pages of ReliefWeb, where much humanitarian reporting is published: /report/<country>/...
RELIEFWEB_COUNTRY = re.compile(r"^/(?:report|map|updates)/(?P<slug>[a-z-]+)/")

# Two-letter domains that sites use for their letters, not their country.
VANITY_TLDS = frozenset({"io", "tv", "me", "fm", "ai", "ly", "cc", "ws", "co", "to", "la", "gg", "am", "nu", "tk",
                          "sh", "ac", "eu", "un", "int"})

ROLES = frozenset({"at", "to", "from", "in", "toward", "near", "context"})

# What a PDF's lossy re-encoding leaves of an accented vowel ("Choc’_" for Chocó, "R’_o" for Río).
LOST_VOWEL = re.compile(r"[’']_")

# A place word glued to the name before it ("Kouitown").
GLUED_PLACE_WORD = re.compile(r"(?<=[a-z]{3})(town|city|village|district|camp)$")

ADMIN2_PLURALS = frozenset({"districts", "counties", "territories", "municipalities", "communes", "townships"})

# What may stand between two members of a list of places: separators, and names the index lacks
# ("Afar,Amhara", "Sud and Nippes", "Dire Dawa, Oromia", "Somali and the Southern ...").
LIST_GAP = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|&|\bthe\b|[A-Z][\w'\u2019-]*)\s*)+")

LIST_SEPARATOR = re.compile(r",|\band\b|\bor\b|&")

GLUED_AND = re.compile(r"(?<=[a-z]{3})and\s+(?=[A-Z])")

PART_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:and|or|&)\s+")

SIBLING_WORDS = frozenset({"and", "or", "to", "into", "near", "from", "toward", "towards", "outside", "between"})

LEADING_PLACE_WORD = re.compile(r"^\s*(?:(?:" + "|".join(sorted(PLACE_WORDS)) + r")\b\s*)?")

LIST_GOES_ON = re.compile(r"(?:,|\s*(?:and|or|&)\s)\s*[A-Z]")

RESPECTIVELY = re.compile(r"(?:\s*(?:,|and|&)?\s*[A-Z][\w'\u2019-]*)*\s*,?\s+respectively\b")

LISTED_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*[a-z](?:\s*,\s*(?:and\s+)?|\s+(?:and|or|&)\s+)$")
