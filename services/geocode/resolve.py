"""Resolve the places an article names, then give each figure its place.

    enrich(extracted, gazetteer) -> EnrichedArticle

A name alone is ambiguous ("Geneva": 15 places, "Kafin": a town in Armenia by an alternate name),
so every mention is read in the article's context:

1. The article's countries: country names and nationality words anywhere in it ("Syrians",
   "the Turkish border"), outside PERSON spans and the dateline -- inside organisation names
   ("Revolutionary Armed Forces of Colombia") at half weight, before "forces"/"strikes"
   ("Russian forces advanced") at less, "Congo" half for each Congo; the address it was
   published at (ReliefWeb's country page; weakly, a national domain) and the country it was
   filed in ("MAIDUGURI, Nigeria (Reuters)"; weakly, "KABUL"); then what its place names agree
   on, each weighted by the size of its places ("Rivera" + "Huila" -> Colombia; "Pokrovsk":
   mostly Ukraine's city, a little Russia's village; "Darfur", in no index, is the common part
   of North, South and West Darfur: Sudan), and what the members of a list agree on
   ("Grand'Anse, Sud and Nippes": each also a place elsewhere, together only Haiti's provinces).
2. Place-like mentions: GPE/LOC/FAC and the ruler's labels (never a PERSON span: "Linda Tom"),
   plus names the tagger missed that cue words mark as places ("displaced to Chibok town"; a
   one-word PERSON only when a place word follows: "in Rakhine state"), plus whole PERSON/ORG/NORP
   spans that can only be a province of one country ("Amhara") or, unless a PERSON, a sizeable
   town of one country ("Malakal" ORG), each name of a span that lists them ("Sud and Nippes"
   ORG), the province an armed group is named after ("Kachin Independence Army", a weak hint),
   and any name after "the city/district/... of" whatever its label ("the city of Kunduz"), each
   member of "the provinces of A, B and C". Never continents and world regions ("Africa", "the
   Balkans"), nor a person's surname repeated alone ("Simon Bingo ... Bingo says"). Names that
   PDF extraction damaged are read by their repairs ("Choc\u2019_" -> Chocó, "Kouitown" -> Koui).
   Candidates are scored by the share of the article's attention their country has, the
   distance to places already resolved in the article (never to the same name elsewhere), lying
   in a province the article names, primary over alternate names, kind hints around the words
   ("Latakia province" -> admin1, "Tsholotsho district" -> region, "the town of" -> city), then
   population. A first pass finds anchors; a second re-scores with distances to them.
3. A best candidate outside the article's countries is accepted only if it is a primary-name
   match of a large place (Geneva, Moscow); a candidate inside them matched by as good a name
   wins over one known abroad only by an alternate name ("Ras al-Ain": the Syrian town, not
   Turkish Ceylanpınar, also called so); otherwise the mention stays unresolved with a reason,
   because a place on the wrong continent is worse than none. With no country to go on, only a
   name spelled as GeoNames spells it, of a place that outranks its namesakes.
4. "the border"/"the Turkish border"/"the frontier" -> a curated crossing the article names (or
   one near its places) on that country's border; failing that, a `border` place without
   coordinates.
5. Each figure takes the place of its `place_mention` (from ner). When ner named a place the
   gazetteer lacks, the figure gets the area holding it ("Nasir, in Upper Nile state" -> Upper
   Nile) or else its country, and keeps ner's words as `mention`: another place of the sentence
   would be a different place. Without a mention, or when ner only fell back on context, the
   best place in its sentence (most specific, then after the number, then nearest); a movement
   "to" a country is recorded where it started if the sentence says; then an unknown name of
   its sentence, held as above; then the place named just before it (or just after, in the
   same paragraph); then a one-word PERSON of its sentence that can only be a sizeable town
   ("Laukkai was hosting ..."); then the article's main country.
   A figure whose sentence spans many provinces or towns ("slammed eight provinces", "over 130
   cities") takes no place of another sentence, and a country-level figure keeps the article's
   words for the part it is about ("southern Brazil"); "across the state" is the state the
   article named last.
   Within the sentence, what its words say overrides: the place it opens with ("In Banteay
   Meanchey, 31 houses ..., while in Battambang, ...") unless ner's place lies inside it alone
   (not one of "A and B"); where people crossed ("into Chad at Adre": the crossing there);
   "Ethiopia's Somali region" over Ethiopia; the place of the event over a later destination
   ("Clashes around Kunduz uprooted 24,000 people, who went on to Kabul"; "fled from A to B" is A);
   home over the country returnees came back from; where "the majority" is (in this or a next
   sentence about the same people); and a list's first member ("flooding in Afar, Amhara, ...
   and Oromia"), which reports name first as the worst hit.

The dateline ("BEIRUT (AFP) -") is where the report was filed and is never an event place; its
country only leans the reading of the article's names.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from geocode.gazetteer import ALTERNATE, LOOSE, PRIMARY, Candidate, Gazetteer, distance_km

# Ranking asks for the same candidate-to-anchor distances again and again.
_distance_km = functools.lru_cache(maxsize=1 << 16)(distance_km)
from geocode.normalize import fold, name_key
from wirewatch.contracts import EnrichedArticle, Entity, ExtractedArticle, Figure, Place, Span
from wirewatch.places.countries import (COUNTRIES, country_names, country_of_demonym, country_of_name,
                                         currency_follows)

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
_PLACE_WORDS = ADMIN_WORDS | CITY_WORDS | VILLAGE_WORDS | CAMP_WORDS | CROSSING_WORDS | AREA_WORDS

# "BEIRUT (AFP) -", "Beirut (AFP) –", "HAIKOU, Dec. 15 (Xinhua) --", "KABUL — "
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z\u00C0-\u024F.'\- ]{1,40}?)\s*(?:,[^()\n]{0,40}?)?\s*"
    r"(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\)\s*)?(?:--|[-\u2013\u2014])\s+"
)
_WORD = re.compile(r"[A-Z][A-Za-z\u00C0-\u024F'\u2019]+(?:[ -][A-Z][A-Za-z\u00C0-\u024F'\u2019]+){0,3}")

_NAME = r"[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*(?:\s(?:(?:al|el|de|del|la|le)[\s-])?[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*){0,2}"
_SCAN_BEFORE = re.compile(
    r"\b(?:in|at|to|from|near|of|into|toward|towards|across|around|outside|inside|reached|fled|flee|fleeing|left"
    r"|through|via|In|At|From|Near)"
    r"\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|northern|southern|eastern|western|central|north-?eastern|north-?western"
    r"|south-?eastern|south-?western)\s+)?(?P<name>" + _NAME + r")"
)
_SCAN_AFTER = re.compile(
    r"(?P<name>" + _NAME + r")\s+(?:town|city|village|villages|county|counties|province|state|governorate|department"
    r"|island|atoll|provinces|states|governorates|departments|districts|regions|prefectures|territories"
    r"|territory|district|sub[- ]?district|area|region|camp|municipality|prefecture|oblast|division|township)\b"
)
# "the northern city of Kunduz": the words name a place whatever label the tagger gave it (the
# small model calls many towns a PERSON), so this cue overrides every label but a place's own.
_SCAN_KIND_OF = re.compile(
    r"\b(?:town|city|village|district|province|governorate|county|municipality|territory|region|prefecture|state)"
    r"\s+of\s+(?P<name>" + _NAME + r")"
)
_SCAN_KINDS_OF = re.compile(
    r"\b(?P<kinds>provinces|states|regions|departments|governorates|prefectures|districts|counties)\s+of\s+(?=[A-Z])",
    re.IGNORECASE)
_LIST_MEMBER = re.compile(r"(?:the\s+)?(?P<name>[A-Z][\w'\u2019-]*(?:\s(?:(?:de|del|la|el)\s)?[A-Z][\w'\u2019-]*){0,3})")
_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_ORG_BEFORE = re.compile(
    r"\b(?:State|Republic|Army|Front|Forces|Council|University|Bank|Party|Movement|Organi[sz]ation|Committee"
    r"|Commission|Agency|Office|Ministry|Church|Institute|Mission|Brigade|Brigades|Emirate)\s+(?:in|of|for)\s+(?:the\s+)?$"
)
# "Fighting in the city of X displaced 24,000 people who fled to Y": the words just before a place
# that make it where the event happened, so a destination later in the sentence is not the figure's.
_EVENT_BEFORE = re.compile(
    r"\b(?:fighting|clashes|violence|attacks?|offensive|conflict|hostilities|shelling|bombing|bombardment"
    r"|air ?strikes?|floods?|flooding|earthquake|landslides?|mudslides?|storms?|cyclone|typhoon|hurricane"
    r"|eruption|wildfires?|unrest|military\s+operations?)"
    r"\s+(?:\w+\s+){0,2}?(?:in|at|near|around|across|on)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "... in Cameroon, Chad and Nigeria, with the majority in Nigeria": the sentence itself says where
# most of the figure is.
_MOSTLY_IN = re.compile(
    r"\b(?:(?:the\s+)?(?:vast\s+|great\s+)?majority(?:\s+of\s+(?:them|those\s+\w+|the\s+\w+))?"
    r"|most\s+of\s+(?:them|those\s+\w+|the\s+\w+)|mainly|mostly|largely|predominantly|primarily)"
    r"(?:\s+(?:are|were|is|was|remain|remained|have\s+been|had\s+been|\w+ed))?"
    r"\s+in\s+(?:the\s+)?(?:[a-z]+\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# A sentence that opens with its place: "In Janjgir district, ...", "Also in Mindanao, ...".
_OPENS_WITH = re.compile(r"\s*(?:(?:also|and|but|meanwhile|elsewhere|separately),?\s+)?in\s+(?:the\s+)?"
                         r"(?:[a-z-]+\s+){0,3}", re.IGNORECASE)
_FRAME_GAP = re.compile(r"(?:\s+(?:" + "|".join(sorted(_PLACE_WORDS)) + r"))?(?:\s+(?:alone|only|itself))?"
                        r"\s*(?:,[^,.;:()]{0,60})?")
# "fled from", "were displaced from" (not "people from X", which may say only where they were born)
_FROM_BEFORE = re.compile(r"\b(?:fled|displaced|evacuated|escaped|uprooted|driven|moved|relocated)\s+"
                          r"from\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")
# "across the state", "throughout the province": the area of that kind the article is about.
_THE_AREA = re.compile(r"\b(?:across|throughout|all\s+over|around|in)\s+the\s+(?:whole\s+|entire\s+)?"
                       r"(?P<kind>state|province|governorate|prefecture|district|county)\b(?!\s+of\b)", re.IGNORECASE)
# Where one clause of a sentence ends and another, about something else, begins.
_CLAUSE_BREAK = re.compile(r",?\s+(?:while|whereas|but|although|though)\s+|;\s*")
# "crossed into Chad at Adre", "entered through the border town of Cucuta"
_ENTRY_BEFORE = re.compile(r"\b(?:at|through|via)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}(?:of\s+)?$")
_ACTOR_AFTER = re.compile(r"\s+(?:(?:armed|special|security|government|regular)\s+)?(?:forces|troops|army|military"
                          r"|soldiers|jets|warplanes|air\s+force|navy|air\s*strikes|strikes|shelling|drones|missiles"
                          r"|artillery|bombardment|offensive|invasion)\b", re.IGNORECASE)
_ADMIN_NOUNS = frozenset({"region", "state", "province", "zone", "governorate"})
_ADMIN_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(_ADMIN_NOUNS)) + r")\b(?!\s+of\b)", re.IGNORECASE)
# "the Turkish border", "the border", "the Syria-Turkey frontier"
_BORDER_PHRASE = re.compile(r"\b(?:the\s+)?(?:[A-Z][\w\-]+\s+){0,2}(?:border|frontier)s?\b")
_HEADING_BEFORE = re.compile(r"\b(?:into|to|towards?|across)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")
# "403,000 people in the south", "2,000 families in the country's north-east"
_IN_DIRECTION = re.compile(
    r"\s+(?:[a-z]+\s+){0,3}?in\s+the\s+(?:country's\s+)?(?:far\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern\s+(?:part|region)s?)?(?![\w-])(?!\s+of\b)")
_POSSESSIVE = re.compile(r"['\u2019]s?\s")
_OWNS = re.compile(r"\s+(?:state|province|region|governorate|department|district|county)\s+of\s+(?:the\s+)?")
# How far from a town its crossing may be for "at <town>" to mean the crossing.
_CROSSING_TOWN_KM = 15
_COUNTRYWIDE = re.compile(
    r"\b(?:(?:two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|\d+)\s+"
    r"(?:\w+\s+)?(?:provinces|states|regions|governorates|prefectures|departments|oblasts)"
    # "over 130 cities have been affected": too many towns for one province to hold them
    r"|(?:\d{2,}|dozens\s+of|hundreds\s+of)\s+(?:\w+\s+)?(?:cities|towns|municipalities|districts|counties)"
    r"|across\s+the\s+(?:country|nation)|nationwide|countrywide)\b", re.IGNORECASE)
_RETURN = re.compile(r"\breturn(?:ees?|ed|ing|s)?\b", re.IGNORECASE)
# Words that people are rarely named after ("through Adre", "in Dhemaji"); unlike "to" or "from"
# ("according to Smith").
_PLACE_ONLY_BEFORE = re.compile(r"\b(?:into|through|via|at|in|near|toward|towards"
                                r"|(?:fled|displaced|evacuated|escaped|moved|relocated|returned)\s+(?:from|to))"
                                r"\s+(?:the\s+)?$")
# Arabic names the small model reads as a person's ("Ras al-Ain", "Deir ez-Zor").
_ARABIC_PARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|az|ash|at|ez|es|ed|an|ul)-", re.IGNORECASE)
# Words next to a name that make it a person's.
_PERSON_AFTER = re.compile(r"(?:'s)?\s+(?:said|says|told|added|announced|stated|warned|explained|noted|urged|called"
                           r"|asked|wrote|tweeted|insisted|argued|claimed|denied|confirmed|declared|who)\b")
_PERSON_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Governor|Senator|General|Gen|Colonel|Col|Mayor"
                            r"|Chairman|Spokesman|Spokeswoman|spokesman|spokeswoman|Commander|Sheikh|King|Queen|Prince)"
                            r"\.?\s+$")
# A next sentence that goes on about the same people: "Most of those displaced are in ...".
_SAME_PEOPLE = re.compile(r"\s*(?:Most|The\s+(?:vast\s+|great\s+)?majority)\s+of\s+(?:them|those|the)\b")
# Capitalised words that follow "in"/"of" without being places.
_NOT_PLACES = frozenset("""
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday the this that these those a an his her their its our
islamic islamist government ministry office state united nations international national red crescent
cross army forces council commission committee agency organization organisation office bureau
world human humanitarian emergency coordination affairs relief development
""".split())

# Scoring weights, in log-odds-like units.
_ALPHA = 0.1          # smoothing: an unmentioned country still has some prior
_W_POPULATION = 0.5   # per e-fold of population
_ACCEPT_OUTSIDE_POP = 100_000
# A country is "the article's" from one explicit mention (1.0) or one name only it has (0.6);
# a name shared by three countries (0.2 each) is not enough on its own. When the article names
# no country at all, two names sharing one country ("Rivera" and "Huila": Colombia) are.
# A place's size in a name's vote: hamlets without a population count as this many people.
_VOTE_POPULATION_FLOOR = 5_000
_IN_CONTEXT = 0.5
_IN_CONTEXT_IMPLICIT = 0.3


@dataclass
class Context:
    """What the article says about where it is: country weights and resolved anchor places."""

    countries: Counter = field(default_factory=Counter)
    anchors: list[tuple[int, Candidate]] = field(default_factory=list)  # (mention start, place)
    # Each mention's own vote from its name's countries: a name never vouches for itself.
    own_votes: dict[int, dict[str, float]] = field(default_factory=dict)
    explicit: Counter = field(default_factory=Counter)  # country names and nationality words
    placed: Counter = field(default_factory=Counter)    # countries of places resolved in a first pass
    source: Counter = field(default_factory=Counter)    # what the article's address says (see `source_countries`)
    names: dict[int, str] = field(default_factory=dict)  # mention start -> name without place words

    def add_own(self, mention_start: int, code: str, weight: float) -> None:
        own = self.own_votes.setdefault(mention_start, {})
        own[code] = own.get(code, 0.0) + weight
        self.countries[code] += weight

    @property
    def total(self) -> float:
        return sum(self.countries.values())

    def weight(self, candidate: Candidate, mention_start: int = -1) -> float:
        codes = candidate.countries or ((candidate.country,) if candidate.country else ())
        own = self.own_votes.get(mention_start, {})
        return max((self.countries.get(c, 0.0) - own.get(c, 0.0) for c in codes), default=0.0)

    def prior(self, candidate: Candidate, mention_start: int = -1) -> float:
        n = len(self.countries)
        return math.log((max(self.weight(candidate, mention_start), 0.0) + _ALPHA) / (self.total + _ALPHA * (n + 1)))

    def has_countries(self, mention_start: int = -1) -> bool:
        own = self.own_votes.get(mention_start, {})
        return any(v - own.get(c, 0.0) >= self.threshold for c, v in self.countries.items())

    @property
    def threshold(self) -> float:
        return _IN_CONTEXT if self.explicit else _IN_CONTEXT_IMPLICIT

    def supports(self, candidate: Candidate, mention_start: int = -1) -> bool:
        return self.weight(candidate, mention_start) >= self.threshold

    def nearest_km(self, candidate: Candidate, mention_start: int = -1) -> float | None:
        """Distance to the nearest place resolved from another mention (a mention never anchors itself)."""
        if candidate.lat is None:
            return None
        best = None
        own_name = self.names.get(mention_start)
        for start, anchor in self.anchors:
            # Nor does its own name elsewhere in the article: a first guess would confirm itself.
            if anchor.lat is None or start == mention_start or (own_name and self.names.get(start) == own_name):
                continue
            d = _distance_km(candidate.lat, candidate.lon, anchor.lat, anchor.lon)
            best = d if best is None or d < best else best
        return best

    def in_named_admin1(self, candidate: Candidate, mention_start: int = -1) -> bool:
        """Whether the place lies in a first-level area the article names ("Yongshan" after "Yunnan
        Province"): a surer sign than distance, which an admin1's seat gives only roughly."""
        if not candidate.admin1 or candidate.kind in ("admin1", "country"):
            return False
        own_name = self.names.get(mention_start)
        return any(a.kind == "admin1" and a.admin1 == candidate.admin1 and start != mention_start
                   and not (own_name and self.names.get(start) == own_name) for start, a in self.anchors)

    def main_country(self, exclude: Iterable[str] = ()) -> str | None:
        """The country the article is most about, from names, nationalities and resolved places
        (not from what ambiguous names merely could mean); None when nothing clearly leads."""
        firm = self.explicit + self.placed
        for code, weight in firm.most_common():
            if code not in exclude and weight >= _IN_CONTEXT:
                return code
        # Only when the text itself says nothing: the country the address names.
        if not firm:
            for code, weight in self.source.most_common(1):
                if code not in exclude and weight >= _IN_CONTEXT:
                    return code
        return None


@dataclass
class Resolved:
    candidate: Candidate | None
    confidence: float
    reason: str | None = None
    country: str | None = None  # set for border places without a candidate
    name: str | None = None


@dataclass
class Mention:
    text: str
    start: int
    end: int
    label: str
    role: str = "in"
    kind: str | None = None      # what ner says the words are ("crossing", "border", "country")
    country: str | None = None   # the country ner read with them ("the Turkish border" -> TUR)


# ---------------------------------------------------------------------------------------------


def enrich(extracted: ExtractedArticle, gazetteer: Gazetteer) -> EnrichedArticle:
    """Set each figure's `place` (or `unresolved_reason`) and list every place resolved in the article."""
    article = extracted.article
    body = article.body
    dateline_end = dateline_span(body)
    blocked = [(e.start, e.end) for e in extracted.entities if e.label in BLOCKING_LABELS]
    # "Simon Bingo, a Juba filmmaker ... Bingo says": a person's surname alone is still the person.
    surnames = {e.text.split()[-1] for e in extracted.entities if e.label in BLOCKING_LABELS and " " in e.text}
    mentions = [
        Mention(e.text, e.start, e.end, e.label)
        for e in extracted.entities
        if e.label in PLACE_LABELS and e.start >= dateline_end and not _overlaps(e.start, e.end, blocked)
        and (e.text not in surnames or country_of_name(e.text))
        and any(ch.isupper() for ch in e.text)  # "let us in": a lower-case word is no place name
        and not _in_org_name(body, e.start)
        and not currency_follows(body, e.end)  # "U.S. dollars"
    ]
    misread = misread_places(body, extracted.entities, gazetteer, dateline_end)
    misread += group_places(extracted.entities, gazetteer, dateline_end)
    mentions += misread
    mentions += [m for m in scan_mentions(body, extracted.entities, dateline_end)
                 if not _overlaps(m.start, m.end, [(a.start, a.end) for a in misread])]
    mentions.sort(key=lambda m: m.start)
    # A person's span read as a place after all, here or by ner as a figure's place ("crossed into
    # Chad"), also counts as the country it names.
    places_after_all = {(m.start, m.end) for m in misread} | {
        (f.place_mention.start, f.place_mention.end) for f in extracted.figures if f.place_mention is not None}
    blocked = [span for span in blocked if span not in places_after_all]
    filed = article.dateline.place if article.dateline is not None else body[:dateline_end]
    resolver = _Resolver(gazetteer, body, article.headline or "", dateline_end, blocked, mentions,
                         source=source_countries(article.url, gazetteer) + filed_in(filed, gazetteer))
    resolver.listed = listed_parts(extracted.entities, dateline_end, mentions)
    resolved = resolver.resolve_all()

    places: dict[tuple, Place] = {}
    for mention, result in resolved:
        if result.candidate is not None:
            place = resolver.to_place(result, mention)
            places.setdefault(_place_key(place), place)

    figures = [resolver.place_figure(figure, resolved) for figure in extracted.figures]
    for figure in figures:
        if figure.place is not None:
            places.setdefault(_place_key(figure.place), figure.place)

    return EnrichedArticle(
        article_id=article.article_id,
        source_id=article.source_id,
        article=article,
        entities=extracted.entities,
        figures=figures,
        places=list(places.values()),
        model=extracted.model,
        enriched_at=datetime.now(UTC),
    )


def scan_mentions(body: str, entities: Sequence[Entity], dateline_end: int = 0) -> list[Mention]:
    """Capitalised names the tagger left untagged but the words around them mark as places.

    "displaced to Chibok town", "fighting in Rivera in Huila department", "the city of Avdiivka":
    a preposition before or a place word after. Spans the tagger labelled (other than a NORP that
    is not a nationality, as "Aleppo" sometimes is) are left to it. Scanned mentions are resolved
    with stricter rules than tagged ones (label SCAN).
    """
    # The small model often tags places as ORG ("displaced to Chibok town") and sometimes as
    # PERSON ("in northern Rakhine state"): an ORG never hides a cued name, a one-word PERSON
    # only yields to a following place word, which a person's name does not take.
    # ("the Somali region": a nationality word before a place word names a province)
    taken = [(e.start, e.end) for e in entities
             if e.label != "ORG" and not (e.label == "NORP" and (country_of_demonym(fold(e.text)) is None
                                                                 or _ADMIN_AFTER.match(body, e.end)))]
    slips = {(e.start, e.end) for e in entities if e.label == "PERSON" and len(e.text.split()) == 1}
    # ... and a PERSON after "fled from", "into", "at" is a place when it is one word or an Arabic name.
    slipped = slips | {(e.start, e.end) for e in entities if e.label == "PERSON" and _ARABIC_PARTICLE.search(e.text)}
    found: dict[tuple[int, int], Mention] = {}
    places = [(e.start, e.end) for e in entities if e.label in PLACE_LABELS]
    for match in _SCAN_KIND_OF.finditer(body, dateline_end):
        start, end = match.span("name")
        if fold(match.group("name")).split()[0] in _NOT_PLACES or _overlaps(start, end, places):
            continue
        if _in_org_name(body, start):
            continue
        found[(start, end)] = Mention(match.group("name"), start, end, "CUED")
    # "the provinces of Alpha, Beta Norte and Gamma": every member is one of those.
    for match in _SCAN_KINDS_OF.finditer(body, dateline_end):
        kind = "admin1" if match.group("kinds").lower() in _ADMIN1_PLURALS else "region"
        at = match.end()
        while True:
            member = _LIST_MEMBER.match(body, at)
            if member is None:
                break
            start, end = member.span("name")
            if fold(member.group("name")).split()[0] not in _NOT_PLACES and not _overlaps(start, end, places):
                found[(start, end)] = Mention(member.group("name"), start, end, "CUED", kind=kind)
            at = end
            joint = _LIST_JOINT.match(body, at)
            if joint is None:
                break
            at = joint.end()
    for pattern in (_SCAN_BEFORE, _SCAN_AFTER):
        for match in pattern.finditer(body, dateline_end):
            start, end = match.span("name")
            name = match.group("name")
            possessive = re.search(r"['\u2019]s\s+", name)
            if possessive:
                # "Kerala's Idukki district": the place word belongs to the name after the possessive.
                start += possessive.end()
                name = name[possessive.end():]
                if not name[:1].isupper():
                    continue
            if fold(name).split()[0] in _NOT_PLACES:
                continue
            if _overlaps(start, end, taken) and not (pattern is _SCAN_AFTER and (start, end) in slips) \
                    and not _holds_person(start, end, slips, taken) \
                    and not ((start, end) in slipped and _PLACE_ONLY_BEFORE.search(body, max(0, start - 30), start)
                             and not _PERSON_AFTER.match(body, end)):
                # ("crossed into Chad through Adre": a one-word PERSON after a word only places follow)
                continue
            if _in_org_name(body, start):
                continue
            found.setdefault((start, end), Mention(name, start, end, "SCAN"))
    return list(found.values())


def _holds_person(start: int, end: int, persons: set[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    """Whether a cued name overlaps only a shorter one-word PERSON span inside it: "in Banteay
    Meanchey" with "Meanchey" read as a person."""
    inside = [(s, e) for s, e in taken if s < end and start < e]
    return bool(inside) and all(span in persons and start <= span[0] and span[1] <= end and span != (start, end)
                                for span in inside)


def misread_places(body: str, entities: Sequence[Entity], gazetteer: Gazetteer, dateline_end: int = 0) -> list[Mention]:
    """Places the tagger called a person, a group or an organisation ("Amhara" PERSON, "Valle del
    Cauca" ORG, "Malakal" ORG, "Aleppo" NORP). The whole span must be the primary name of places in
    one country only, and be a first-level area's name -- which a person's or a body's name rarely
    is -- or, for an organisation or group, a town of 20,000 or more. Persons are not read as towns:
    "Obama" is a Japanese town and "Jackson" an American one."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or e.start < dateline_end or _in_org_name(body, e.start):
            continue
        # The tagger joins listed names into one span ("Sud and Nippes" ORG): each is tried alone.
        spans = _span_names(e) if _list_parts(e.text) else [(e.text, e.start, e.end)]
        for text, start, end in spans:
            mention = _misread(text, start, end, e.label, gazetteer)
            if mention is not None:
                found.append(mention)
    return found


def _misread(text: str, start: int, end: int, label: str, gazetteer: Gazetteer) -> Mention | None:
    if text.isupper() or len(text) < 4 or not text[:1].isupper() or country_of_demonym(fold(text)):
        return None
    if fold(text) in DIRECTIONS or fold(text) in _NOT_PLACES:
        return None
    found = gazetteer.lookup(text)
    curated = [c for c in found if c.curated and c.tier <= ALTERNATE]
    if len(curated) == 1:
        # A crossing or camp of the curated file ("at Medyka" PERSON): named on purpose, rarely a person.
        return Mention(text, start, end, "MISREAD", country=curated[0].country)
    # A province's other names are few and English ("Amhara" for Amara); a town's are many.
    candidates = [c for c in found if c.tier == PRIMARY or (c.tier == ALTERNATE and c.kind == "admin1")]
    countries = {c.country for c in candidates}
    if len(countries) != 1 or any(c.kind == "country" for c in candidates):
        return None
    if any(c.kind == "admin1" for c in candidates) or (
            label != "PERSON" and any(c.kind == "city" and c.population >= 20_000 for c in candidates)):
        # The area or its namesake town, but in that country either way.
        return Mention(text, start, end, "MISREAD", country=countries.pop())
    return None


# "the Kachin Independence Army", "Karen National Union": armed groups named after the province
# they fight in. The province is a hint of where a figure is when its sentence names nothing better.
_GROUP_NAME = re.compile(
    r"^(?:the\s+)?(?P<name>[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)??)\s+(?:[A-Z][\w'\u2019]+\s+)*?"
    r"(?:Army|Front|Union|Organi[sz]ation|Movement|Forces|Alliance|Militias?|Brigades?|Defen[cs]e\s+Forces?)$"
)


def listed_parts(entities: Sequence[Entity], dateline_end: int, mentions: Sequence[Mention]) -> list[Mention]:
    """The names in a person/organisation span that lists them ("Sud and Nippes" ORG), label LISTED:
    places only if they turn out to be members of a list of one country's provinces."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or e.start < dateline_end or not _list_parts(e.text):
            continue
        for text, start, end in _span_names(e):
            if not _overlaps(start, end, [(m.start, m.end) for m in mentions]):
                found.append(Mention(text, start, end, "LISTED"))
    return found


def _span_names(e: Entity) -> list[tuple[str, int, int]]:
    """The capitalised names in an entity span, with their body offsets: "Sud and Nippes" -> Sud, Nippes."""
    return [(m.group(0), e.start + m.start(), e.start + m.end())
            for m in re.finditer(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*", e.text)]


def group_places(entities: Sequence[Entity], gazetteer: Gazetteer, dateline_end: int = 0) -> list[Mention]:
    """The first-level area an armed group is named after, when only one country has an area of
    that name (label GROUP)."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or e.start < dateline_end:
            continue
        match = _GROUP_NAME.match(e.text)
        if match is None:
            continue
        name = match.group("name")
        if fold(name) in DIRECTIONS or fold(name) in _NOT_PLACES or country_of_demonym(fold(name)):
            continue
        areas = [c for c in gazetteer.lookup(name) if c.tier == PRIMARY and c.kind == "admin1"]
        if len({c.country for c in areas}) == 1:
            start = e.start + match.start("name")
            found.append(Mention(name, start, start + len(name), "GROUP", kind="admin1", country=areas[0].country))
    return found


# Country pages of ReliefWeb, where much humanitarian reporting is published: /report/<country>/...
_RELIEFWEB_COUNTRY = re.compile(r"^/(?:report|map|updates)/(?P<slug>[a-z-]+)/")
# Two-letter domains that sites use for their letters, not their country.
_VANITY_TLDS = frozenset({"io", "tv", "me", "fm", "ai", "ly", "cc", "ws", "co", "to", "la", "gg", "am", "nu", "tk",
                          "sh", "ac", "eu", "un", "int"})


def source_countries(url: str | None, gazetteer: Gazetteer) -> Counter:
    """Weak votes from an article's address: ReliefWeb's country in the path (0.5: the site's editors
    filed it there) and the country-code domain of the outlet (0.2, only a leaning: local papers
    mostly report home, but international outlets have national domains too)."""
    votes: Counter = Counter()
    if not url:
        return votes
    try:
        parts = urlsplit(url)
    except ValueError:
        return votes
    host = (parts.hostname or "").lower()
    if host.endswith("reliefweb.int"):
        match = _RELIEFWEB_COUNTRY.match(parts.path)
        if match:
            name = match.group("slug").replace("-", " ")
            code = country_of_name(name) or _country_of_slug(name) or next(
                (c.country for c in gazetteer.lookup(name) if c.kind == "country" and c.tier == PRIMARY), None)
            if code:
                votes[code] += _IN_CONTEXT
    tld = host.rsplit(".", 1)[-1]
    if len(tld) == 2 and tld not in _VANITY_TLDS:
        code = gazetteer.iso3_of("GB" if tld == "uk" else tld)
        if code:
            votes[code] += 0.2  # below what puts a country in context on its own
    return votes


def filed_in(dateline: str | None, gazetteer: Gazetteer) -> Counter:
    """A vote for the country a report was filed in: "MAIDUGURI, Nigeria" names it (0.5); a large
    city of one country alone ("KABUL") implies it (0.3). Reports are mostly filed from the country
    they are about, but not always ("BEIRUT" for Syria), so it is never a place of the figures."""
    votes: Counter = Counter()
    segments = [s.strip() for s in re.split(r"[,(]", dateline or "") if s.strip()]
    for segment in segments[1:]:
        code = country_of_name(segment)
        if code:
            votes[code] += _IN_CONTEXT
            return votes
    if segments:
        towns = sorted((c for c in gazetteer.lookup(segments[0]) if c.tier == PRIMARY and c.kind == "city"),
                       key=lambda c: c.population, reverse=True)
        rival = next((c.population for c in towns[1:] if towns and c.country != towns[0].country), 0)
        if towns and towns[0].population >= max(_ACCEPT_OUTSIDE_POP, 10 * rival):
            votes[towns[0].country] += _IN_CONTEXT_IMPLICIT
    return votes


@functools.lru_cache(maxsize=1)
def _slug_names() -> dict[str, str]:
    return {" ".join(w for w in fold(name).replace("-", " ").split() if w not in ("the", "of", "and")): c.iso3
            for c in COUNTRIES for name in c.names}


@functools.lru_cache(maxsize=256)
def _scope_pattern(names: tuple[str, ...]) -> re.Pattern:
    """A direction before one of a country's names: "southern Brazil", "north-east Nigeria"."""
    return re.compile(r"\b(?:(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?)\s+(?:"
                      + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)


def _country_of_slug(words: str) -> str | None:
    """ReliefWeb's slugs drop small words and put the long form last ("iran-islamic-republic-of")."""
    names = _slug_names()
    words_left = [w for w in words.split() if w not in ("the", "of", "and")]
    for n in range(len(words_left), 0, -1):
        code = names.get(" ".join(words_left[:n]))
        if code:
            return code
    return None


def dateline_span(body: str) -> int:
    """End offset of a leading dateline ('Beirut (AFP) –'), or 0."""
    match = _DATELINE.match(body[:120])
    if not match:
        return 0
    place = match.group("place").strip()
    # A dateline place is short and either ALL CAPS or followed by an agency in brackets.
    if match.group("agency") or (place.isupper() and len(place) > 2):
        return match.end()
    return 0


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _place_key(place: Place) -> tuple:
    return (place.kind, place.geonames_id, place.crossing_id, place.name, place.country)


# ---------------------------------------------------------------------------------------------


class _Resolver:
    def __init__(self, gazetteer: Gazetteer, body: str, headline: str, dateline_end: int,
                 blocked: list[tuple[int, int]], mentions: list[Mention], source: Counter | None = None) -> None:
        self.gaz = gazetteer
        self.body = body
        self.headline = headline
        self.dateline_end = dateline_end
        self.blocked = blocked
        self.mentions = mentions
        self.context = Context()
        self.source = source or Counter()
        self.listed: list[Mention] = []  # names inside other spans that only count as list members
        self._cache: dict[tuple, Resolved] = {}
        self._bounds: dict[str, tuple[int, int]] = {}  # figure id -> its sentence in the body

    # -- context --------------------------------------------------------------------------------

    def read_countries(self) -> None:
        """Count country names and nationality words in the headline and body (not in PERSON spans)."""
        counts: Counter = Counter()
        for text, offset in ((self.headline, None), (self.body, 0)):
            for match in _WORD.finditer(text):
                if offset is not None and (match.start() < self.dateline_end or _overlaps(match.start(), match.end(), self.blocked)):
                    continue
                # "Revolutionary Armed Forces of Colombia" says less than "Colombia", but not nothing;
                # "Russian forces advanced" names who attacks, often from elsewhere.
                weight = 0.5 if _in_org_name(text, match.start()) else 0.3 if _ACTOR_AFTER.match(text, match.end()) \
                    else 1.0
                words = match.group(0).replace("\u2019", "'").split()
                if fold(words[-1]) in _ADMIN_NOUNS:
                    words = words[:-1]
                    names_province = True
                else:
                    names_province = _ADMIN_AFTER.match(text, match.end()) is not None
                if names_province:
                    # "Niger State", "the Somali region": the run's last name is a province's, not a
                    # country's ("Ethiopia's Somali region" still names Ethiopia).
                    words = words[:-1]
                codes = list(self._codes_in(words))
                for code in codes:
                    counts[code] += weight / (2 if len(codes) == 2 and tuple(codes) in SHARED_COUNTRY_NAMES.values()
                                              else 1)
        self.context.countries = Counter(counts) + self.source
        self.context.explicit = Counter(counts)
        self.context.source = Counter(self.source)

    def _codes_in(self, words: list[str]) -> Iterable[str]:
        # Longest match first over the capitalised run: "South Sudanese", "Democratic Republic ...".
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                phrase = " ".join(words[i:j])
                phrase = re.sub(r"'s$", "", phrase)
                shared = SHARED_COUNTRY_NAMES.get(_without_the(phrase))
                code = country_of_demonym(fold(phrase)) or (shared and shared[0]) or self._country_code(phrase)
                if code:
                    yield from shared if shared else (code,)
                    i = j
                    break
            else:
                i += 1

    def _country_code(self, text: str) -> str | None:
        for c in self.gaz.lookup(text):
            if c.kind == "country" and c.tier <= ALTERNATE:
                return c.country
        return None

    # -- mentions -------------------------------------------------------------------------------

    def read_candidate_countries(self) -> None:
        """Countries the article's place names agree on: 'Rivera' (many countries) next to 'Huila'
        (only Colombia) points at Colombia. Names with more than three countries say nothing; a name
        shared by a city and a village abroad ("Pokrovsk": 60,000 in Ukraine, 10,000 in Russia) votes
        mostly for the city's country."""
        for mention in self.mentions:
            sizes: dict[str, int] = {}
            for text in _name_variants(mention.text):
                # (and a province's English name: "North Kivu" is Nord-Kivu's alternate name)
                for c in self.gaz.lookup(text):
                    if c.country and (c.tier == PRIMARY or c.kind == "admin1" and c.tier == ALTERNATE):
                        sizes[c.country] = max(sizes.get(c.country, 0), c.population, _VOTE_POPULATION_FLOOR)
                if sizes:
                    break
            if not sizes and not self.gaz.lookup(mention.text):
                part = self._part_country(mention.text)
                sizes = {part: 1} if part else {}
            if 0 < len(sizes) <= 3:
                total = sum(sizes.values())
                for code, size in sizes.items():
                    self.context.add_own(mention.start, code, 0.6 * size / total)

    def read_list_countries(self) -> None:
        """A list of names that are all first-level areas of one country ("Grand'Anse, Sud and Nippes",
        each also a place elsewhere) is in that country: every member votes for it."""
        members = sorted(self.mentions + self.listed, key=lambda m: m.start)
        chains: list[list[Mention]] = []
        for m in members:
            if chains and chains[-1][-1].end <= m.start and _list_gap(self.body[chains[-1][-1].end:m.start]):
                chains[-1].append(m)
            else:
                chains.append([m])
        for chain in chains:
            if len(chain) < 2:
                continue
            # "Kidal, Gao and Timbuktu regions": the word after a list says what each member is.
            after = fold(self.body[chain[-1].end:chain[-1].end + 20]).split()[:1]
            kind = "admin1" if set(after) & _ADMIN1_PLURALS else "region" if set(after) & _ADMIN2_PLURALS else None
            common: set[str] | None = None
            for m in chain:
                codes = {c.country for text in _name_variants(m.text) for c in self.gaz.lookup(text)
                         if c.tier == PRIMARY or (c.kind == "admin1" and c.tier == ALTERNATE)}
                common = codes if common is None else common & codes
            if not common or len(common) != 1:
                continue
            code = common.pop()
            for m in chain:
                if m.label == "LISTED" and not any(c.kind == "admin1" and c.country == code
                                                   for c in self.gaz.lookup(m.text)):
                    continue  # a name inside a person's or body's span is a place only as a province
                self.context.add_own(m.start, code, 0.6)
                if kind and m.kind is None:
                    m.kind = kind
                if m.label == "LISTED":
                    self.mentions.append(m)
        self.mentions.sort(key=lambda m: m.start)

    def resolve_all(self) -> list[tuple[Mention, Resolved]]:
        self.read_countries()
        self.read_list_countries()  # after read_countries, which starts the counts afresh
        self.context.names = {m.start: _name_variants(m.text)[-1].casefold() for m in self.mentions}
        self.read_candidate_countries()
        first = [(m, self.resolve(m)) for m in self.mentions]
        self.resolved = first
        anchors = [(m.start, r.candidate) for m, r in first
                   if r.candidate is not None and r.confidence >= 0.5 and r.candidate.kind not in ("country", "border")]
        if anchors:
            self.context.anchors = anchors
            seen: set = set()
            for start, anchor in anchors:
                if anchor.country and anchor.key not in seen:
                    seen.add(anchor.key)
                    self.context.add_own(start, anchor.country, 0.5)
                    self.context.placed[anchor.country] += 0.5
            self._cache.clear()
            first = [(m, self.resolve(m)) for m in self.mentions]
        self.resolved = first
        return first

    def resolve(self, mention: Mention) -> Resolved:
        key = (mention.text, mention.start, mention.end, mention.label, mention.kind, mention.country)
        if key not in self._cache:
            self._cache[key] = self._resolve(mention)
        return self._cache[key]

    def _resolve(self, mention: Mention) -> Resolved:
        words = fold(mention.text).split()
        while words and words[0] in LEADING:
            words = words[1:]
        if not words:
            return Resolved(None, 0.0, "empty mention")
        if _world_region(mention.text):
            return Resolved(None, 0.0, f"{mention.text!r} is a world region, wider than any place in the index")
        if all(w in DIRECTIONS for w in " ".join(words).replace("-", " ").split()):
            # "in the North", "the West's inability": a direction, unless the words call it a province
            # of a country the article is about ("Cameroon's North-West region").
            directed = self._resolve_name(mention, words, "admin1") \
                if self._kind_hint(mention, words) == "admin1" else Resolved(None, 0.0)
            if directed.candidate is None or not self.context.supports(directed.candidate, mention.start):
                return Resolved(None, 0.0, f"{mention.text!r} is a direction, not a place's name")
            return directed
        shared = SHARED_COUNTRY_NAMES.get(_without_the(mention.text))
        if shared:
            code = max(shared, key=lambda c: (self.context.countries.get(c, 0.0), -shared.index(c)))
            return Resolved(self.gaz.country(code), 0.7)
        abbreviated = country_of_name(mention.text) if mention.text.replace(".", "").isupper() else None
        if abbreviated and self.gaz.country(abbreviated) is not None:
            # "US", "U.S.", "DRC": the index only knows such letters as the names of small towns.
            return Resolved(self.gaz.country(abbreviated), 0.8)
        if BORDER_WORDS & set(words):
            if CROSSING_WORDS & set(words):
                named = self._resolve_name(mention, [w for w in words if w not in BORDER_WORDS], "crossing")
                if named.candidate is not None and named.candidate.kind == "crossing":
                    return named
            return self._resolve_border(mention, words)
        return self._resolve_name(mention, words, mention.kind or self._kind_hint(mention, words))

    def _resolve_name(self, mention: Mention, words: list[str], hint: str | None) -> Resolved:
        texts = _name_variants(mention.text, words)
        candidates: dict = {}
        matched = texts[-1]
        # A name missing a letter is another name's key ("Choc’_" is not Choc, Saint Lucia).
        for text in texts if not _LOST_VOWEL.search(mention.text) else ():
            for c in self.gaz.lookup(text):
                if c.key not in candidates or c.tier < candidates[c.key].tier:
                    candidates[c.key] = c
            if candidates:
                matched = text
                break
        if not candidates:
            # Text from PDFs: "Choc’_" lost its accented vowel, "Kouitown" its space. Every
            # repair that names a place competes, in the same context.
            for repaired in _repaired_names(mention.text):
                hint = hint or self._kind_hint(mention, fold(repaired).split())
                for text in _name_variants(repaired):
                    found = [c for c in self.gaz.lookup(text) if c.key not in candidates]
                    for c in found:
                        candidates[c.key] = c
                    if found:
                        if max(c.population for c in found) >= max(c.population for c in candidates.values()):
                            matched = text
                        break
        if not any(self.context.supports(c, mention.start) for c in candidates.values()) \
                and self.context.has_countries(mention.start):
            # A skeleton match is only believable next to places already found ("Tal Rafaat" by Azaz).
            for text in texts[-1:]:
                for c in self.gaz.lookup_loose(text):
                    near = self.context.nearest_km(c, mention.start)
                    # (a province's centre says little: its name among the country's few is enough)
                    if self.context.supports(c, mention.start) and c.key not in candidates \
                            and (c.kind == "admin1" or near is not None and near <= 150):
                        candidates[c.key] = c
        if mention.label in ("MISREAD", "GROUP"):
            candidates = {k: c for k, c in candidates.items() if c.country == mention.country}
        if not candidates:
            # One span for a list ("Bocaranga and Koui", or "Bocarangaand Koui" from a PDF): its first
            # member that resolves stands for it, read in the same context.
            for part in _list_parts(mention.text):
                sub = Mention(part, mention.start, mention.end, mention.label, mention.role, kind=mention.kind,
                              country=mention.country)
                words = fold(part).split()
                if not words:
                    continue
                found = self._resolve_name(sub, words, mention.kind or self._kind_hint(mention, words))
                if found.candidate is not None:
                    return found
            return Resolved(None, 0.0, f"no gazetteer entry for {mention.text!r}")
        chosen = self._choose(mention, list(candidates.values()), hint, matched)
        if hint == "admin1" and chosen.candidate is not None and chosen.candidate.kind in ("city", "region"):
            # "Hodeidah governorate": GeoNames may give a spelling only to the town; the province
            # it names and is the seat of is meant.
            chosen = self._namesake_admin1(chosen)
        if mention.label == "GROUP" and chosen.candidate is not None:
            # Where a group is from is only a hint of where it fights.
            chosen = Resolved(chosen.candidate, min(chosen.confidence, 0.4))
        return chosen

    def _namesake_admin1(self, chosen: Resolved) -> Resolved:
        town = chosen.candidate
        name = self.gaz.admin1_name(town.admin1) if town.admin1 else None
        if name is None or name_key(name) != name_key(town.name):  # ("Ḩamāh" is "Hama")
            return chosen
        for c in self.gaz.lookup(name):
            if c.kind == "admin1" and c.admin1 == town.admin1:
                return Resolved(c, chosen.confidence, chosen.reason)
        return chosen

    def _kind_hint(self, mention: Mention, words: list[str]) -> str | None:
        after = fold(self.body[mention.end:mention.end + 30]).split()[:2]
        if after[1:] == ["of"]:
            after = []  # "the Niger state of Dosso": the word is about the name after "of"
        before = fold(self.body[max(0, mention.start - 30):mention.start]).split()[-3:]
        around = set(words) | set(after[:1]) | set(before[-2:])
        if "border" in after[:2] and "crossing" in after[:2] or CROSSING_WORDS & (set(words) | set(after[:1])):
            return "crossing"
        if CAMP_WORDS & (set(words) | set(after[:1])):
            return "camp"
        named = set(words) | set(after[:1])
        if before[-2:-1] and before[-1:] == ["of"]:
            named.add(before[-2])  # "the district of X"
        if ADMIN2_WORDS & named:
            return "region"
        if ADMIN1_WORDS & named:
            return "admin1"
        if VILLAGE_WORDS & around:
            return "village"
        if CITY_WORDS & around:
            return "city"
        return None

    def _score(self, c: Candidate, hint: str | None, mention_start: int, spelled: str = "") -> float:
        ctx = self.context
        score = ctx.prior(c, mention_start)
        if spelled and fold(c.name) == spelled:
            score += 0.5  # spelled exactly as GeoNames' name, not just the same key ("Nord" is not "Noord")
        score += {PRIMARY: 1.0, ALTERNATE: 0.0, LOOSE: -1.5}[c.tier]
        if c.curated:
            score += 1.5 + (1.0 - {PRIMARY: 0, ALTERNATE: 0, LOOSE: 1.0}[c.tier])
        score += _W_POPULATION * math.log(max(c.population, 100))
        if c.kind == "country":
            # ("Niger state" is Nigeria's, whatever the country of that name)
            score += -3.0 if c.tier > ALTERNATE or hint in ("admin1", "region") else 3.0
        elif c.kind == "admin1":
            score += 3.0 if hint == "admin1" else 1.5 if hint == "region" else -2.0
        elif c.kind == "region":
            score += 3.0 if hint == "region" else 1.5 if hint == "admin1" else -2.5
        elif hint in ("admin1", "region"):
            score -= 1.0
        if hint == "crossing":
            score += 3.0 if c.kind == "crossing" else 0.0
        elif hint == "camp":
            score += 3.0 if c.kind == "camp" else 0.0
        elif hint in ("city", "village") and c.kind in ("city", "village"):
            score += 0.5
        distance = ctx.nearest_km(c, mention_start)
        if distance is not None:
            score += 2.0 if distance < 30 else 1.2 if distance < 100 else 0.5 if distance < 300 else 0.0
        if ctx.in_named_admin1(c, mention_start):
            score += 1.5
        return score

    def _choose(self, mention: Mention, candidates: list[Candidate], hint: str | None, matched: str = "") -> Resolved:
        words = fold(matched).split()
        spelled = " ".join(words[1:] if words[:1] == ["the"] else words)
        scored = sorted(((self._score(c, hint, mention.start, spelled), c) for c in candidates),
                        key=lambda sc: sc[0], reverse=True)
        best_score, best = scored[0]
        ctx = self.context
        in_context = ctx.supports(best, mention.start)
        has_countries = ctx.has_countries(mention.start)
        runner = next(((s, c) for s, c in scored[1:] if c.country != best.country), None)
        close = runner is not None and best_score - runner[0] < 0.5

        if best.kind == "country" and best.tier <= ALTERNATE and hint not in ("admin1", "region"):
            return Resolved(best, 0.9 if best.tier == PRIMARY else 0.8)
        if best.curated and best.tier <= ALTERNATE:
            return Resolved(best, 0.9 if in_context or not has_countries else 0.6)
        if has_countries and not in_context:
            if best.tier == PRIMARY and best.population >= _ACCEPT_OUTSIDE_POP and not close and mention.label != "SCAN":
                return Resolved(best, 0.5)
            inside = next((c for _, c in scored if ctx.supports(c, mention.start) and c.tier <= best.tier), None)
            if inside is not None and best.tier > PRIMARY:
                # A name matched as well inside the article's countries beats a bigger place across the
                # border that only some call so ("Ras al-Ain": the Syrian town, not Turkish Ceylanpınar).
                # (A bigger place of that very name, as Rome, is left to the rule above.)
                return Resolved(inside, {PRIMARY: 0.75, ALTERNATE: 0.65, LOOSE: 0.45}[inside.tier])
            how = {PRIMARY: "name", ALTERNATE: "alternate name", LOOSE: "spelling"}[best.tier]
            return Resolved(None, 0.0, f"{mention.text!r} only matches outside the article's countries "
                                       f"({best.name}, {best.country}, by {how})")
        if not has_countries:
            # Nothing to check a name against: only a name spelled as GeoNames spells it, of a place
            # that clearly outranks every other place of that name.
            spelled_so = [c for c in candidates if c.tier == PRIMARY and fold(c.name) == spelled]
            if spelled_so and best not in spelled_so and not (
                    best.kind == hint and any(c.country == best.country for c in spelled_so)):
                # ("Koui" the district of that name, not Kui Buri, which some call Koui; but "Raqqa
                # city" the city, though only the province is spelled so)
                return self._choose(mention, spelled_so, hint, matched)
            exact = bool(spelled) and fold(best.name) == spelled
            if not exact and hint is not None and hint == best.kind:
                # "Lainya County": the name as GeoNames spells it, plus the word for its kind.
                exact = fold(best.name) == " ".join(w for w in spelled.split() if w not in _PLACE_WORDS)
            if best.kind == "region" and hint != "region" and mention.label == "SCAN":
                # 47,000 district names: a capitalised word after "from" is too often one by chance.
                return Resolved(None, 0.0, f"{mention.text!r} is ambiguous and the article names no country")
            same_kind = [c for c in candidates if c.kind == best.kind] if hint and best.kind == hint else candidates
            countries = {c.country for c in same_kind}
            dominant = runner is None or (best.population >= 10 * max(runner[1].population, 1) and best.population >= 10_000)
            if best.tier == PRIMARY and exact and (len(countries) == 1 or (dominant and mention.label != "SCAN")):
                return Resolved(best, 0.6 if mention.label != "SCAN" else 0.5)
            # Every place of that name is in one country and this one is well known ("Raqqa").
            if best.tier <= ALTERNATE and len(countries) == 1 and (best.kind == "admin1" or best.population >= 50_000):
                return Resolved(best, 0.5)
            if best.tier == ALTERNATE and best.population >= _ACCEPT_OUTSIDE_POP and dominant:
                return Resolved(best, 0.5)
            return Resolved(None, 0.0, f"{mention.text!r} is ambiguous and the article names no country")
        confidence = {PRIMARY: 0.85, ALTERNATE: 0.75, LOOSE: 0.55}[best.tier] - (0.1 if mention.label == "SCAN" else 0.0)
        if close and runner is not None and ctx.supports(runner[1], mention.start):
            confidence -= 0.2
        return Resolved(best, confidence)

    # -- borders --------------------------------------------------------------------------------

    def _resolve_border(self, mention: Mention, words: list[str]) -> Resolved:
        """'the Turkish border' -> a crossing the article names on that border, else a border place."""
        named = {mention.country} if mention.country else set()
        raw = [w for w in re.split(r"[\s\-\u2013\u2014/]+", mention.text) if w]
        for word in raw:
            code = country_of_demonym(fold(word)) or (self._country_code(word) if word[:1].isupper() else None)
            if code:
                named.add(code)
        after = fold(self.body[mention.end:mention.end + 40]).split()
        if after[:1] == ["with"] or after[:1] == ["into"]:
            tail = " ".join(self.body[mention.end:mention.end + 40].split()[1:3])
            for n in (2, 1):
                code = self._country_code(" ".join(tail.split()[:n]))
                if code:
                    named.add(code)
                    break
        crossing = self._crossing_for(named, mention)
        if crossing is not None:
            return crossing
        # The people are on the side of the article's main country; the border joins it to the named one.
        main = self.context.main_country(exclude=named)
        pair = sorted(named | ({main} if main else set()))
        if not pair:
            return Resolved(None, 0.0, "a border, but the article names no country")
        country = main or pair[0]
        names = [self._country_name(c) for c in pair]
        name = ("\u2013".join(names) + " border") if len(names) > 1 else f"{names[0]} border"
        border = Candidate(key=f"border:{'|'.join(pair)}", kind="border", name=name, country=country, admin1=None,
                           lat=None, lon=None, population=0, countries=tuple(pair))
        return Resolved(border, 0.4)

    def _crossing_for(self, named: set[str], mention: Mention) -> Resolved | None:
        def fits(c: Candidate) -> bool:
            return not named or bool(named & set(c.countries))

        # Named crossings only: a border mention never resolves through another border mention.
        named_mentions = [m for m in self.mentions if m is not mention and not _bare_border(m.text)]
        in_article = [(abs(m.start - mention.start), r.candidate) for m in named_mentions
                      for r in [self.resolve(m)] if r.candidate is not None
                      and r.candidate.kind == "crossing" and fits(r.candidate)]
        if in_article:
            return Resolved(min(in_article, key=lambda dc: dc[0])[1], 0.7)
        anchors = [a for _, a in self.context.anchors if a.lat is not None]
        if not anchors:
            return None
        best = None
        for crossing in self.gaz.crossings():
            if not fits(crossing) or not any(c in self.context.countries for c in crossing.countries):
                continue
            d = min(distance_km(crossing.lat, crossing.lon, a.lat, a.lon) for a in anchors)
            if d <= 75 and (best is None or d < best[0]):
                best = (d, crossing)
        return Resolved(best[1], 0.5) if best else None

    def _country_name(self, code: str) -> str:
        country = self.gaz.country(code)
        return country.name if country else code

    # -- figures --------------------------------------------------------------------------------

    def place_figure(self, figure: Figure, resolved: list[tuple[Mention, Resolved]]) -> Figure:
        result: Resolved | None = None
        mention: Mention | None = None
        reason = None
        pm = figure.place_mention
        if pm is not None and pm.role == "context":
            # ner fell back on a place named earlier; a place in the figure's own sentence is better.
            picked = self._from_sentence(figure, resolved, exclude=None) or self._unknown_in_sentence(figure, resolved)
            if picked is not None:
                mention, result = picked
                pm = None
            elif self._countrywide(figure):
                pm = None  # nor is a place of another sentence, when this one spans many
        if result is None and pm is not None and not (pm.start < self.dateline_end):
            mention = Mention(pm.text, pm.start, pm.end, "MENTION", pm.role,
                              kind=_hint_kind(getattr(pm, "kind", None)), country=getattr(pm, "country", None))
            same = [r for m, r in resolved if m.start == pm.start and m.end == pm.end and r.candidate is not None]
            # (ner naming the words as the figure's place is more than a scan of capitalised words found)
            result = same[0] if same else self.resolve(mention)
            if result.candidate is None:
                reason = result.reason
                result = None
        if result is not None and mention is not None and mention.role == "from" and figure.category == "cross_border":
            # "4,000 people from Aleppo crossed into Turkey", "fled Idlib toward the Turkish border": a
            # flow across a border is counted where it goes, as its alerts read it.
            heading = self._heading(figure, mention, resolved)
            if heading is not None:
                mention, result = heading
        if result is not None and mention is not None and result.candidate.kind == "country" \
                and figure.category == "cross_border" and mention.role in ("to", "toward", "from"):
            # "crossed into Chad at Adre", "from Ukraine into Poland at Medyka": where they crossed
            # says more than either country.
            side = result.candidate.country
            entry = self._entry_point(figure, resolved, into=side if mention.role != "from" else None,
                                      out_of=side if mention.role == "from" else None)
            if entry is not None:
                mention, result = entry
        if result is not None and mention is not None and result.candidate.kind in ("country", "admin1") \
                and mention.role not in ("to", "toward"):
            # "in Ethiopia's Somali region", "Cabo Delgado's Macomia district", "the US state of
            # Georgia": the place the area's name is the possessive of.
            owned = self._owned_by(mention, result.candidate, resolved)
            if owned is not None:
                mention, result = owned
        if result is not None and mention is not None and mention.role in ("to", "toward") \
                and result.candidate.kind == "country" and figure.category == "displacement":
            # "500 people displaced in Rakhine state fled to Bangladesh": displacement is recorded where
            # it started, so a place of another country in the sentence wins over the destination.
            # (A cross-border flow keeps its destination: that is where its alerts count it.)
            origin = self._from_sentence(figure, resolved, exclude=mention,
                                         keep=lambda c: c.country != result.candidate.country and c.kind != "border")
            if origin is not None:
                mention, result = origin
        frame = self._frame(figure, resolved)
        if frame is not None and (result is None or not _within(result.candidate, frame[1].candidate)
                                  or mention is not None and self._listed(mention)):
            # "In Banteay Meanchey, 31 houses were destroyed ..., while in Battambang, 36 ...": the place
            # a sentence opens with holds its figure; a later place counts only if it lies inside it,
            # and only alone: "In X district, 200 were evacuated from A and B" is about all of X's part.
            mention, result = frame
        if result is not None and mention is not None and mention.role in ("to", "toward") \
                and figure.category != "cross_border":
            # "Clashes around Kunduz uprooted 24,000 people, who went on to Kabul": the event's place, named
            # before the number with what happened there, is where the figure belongs.
            origin = self._event_place(figure, resolved) or self._fled_from(figure, mention, resolved)
            if origin is not None and not (origin[1].candidate.kind == "country"
                                           and _within(result.candidate, origin[1].candidate)):
                # (a town in the country where fighting is said to be says more than the country)
                mention, result = origin
        if result is not None and result.candidate is not None and result.candidate.kind == "country" \
                and mention is not None and mention.role == "from":
            # "Afghan returnees from Pakistan": people who return are counted at home, not where
            # they came back from.
            home = self._home_country(figure, result.candidate.country)
            if home is not None:
                result = Resolved(home, 0.6)
                mention = Mention(home.name, figure.span.start, figure.span.end, "CONTEXT", "in")
        part = self._part_of_country(figure)
        mostly = self._mostly_in(figure, resolved)
        if part is not None:
            mention, result = part
        elif mostly is not None:
            mention, result = mostly
        elif mention is not None and mention.role != "context":
            # "Flooding in A, B and C displaced 5,000": the list's first place, which reports name
            # first as the worst hit, rather than whichever member happens to be nearest the number.
            head = self._list_head(mention, result, resolved)
            if head is not None:
                mention, result = head
        if result is None and mention is not None and mention.label == "MENTION" and mention.role != "context" \
                and _looks_like_name(mention.text):
            # ner named a place the gazetteer lacks ("Nasir, in Upper Nile state", "Bakala"): another
            # place of the sentence is not it, but the area holding it is, and the words stay. (A
            # place ner only fell back on, named sentences before, is no such evidence.)
            held = self._container(mention, figure, resolved)
            if held is not None:
                result = Resolved(held.candidate, min(held.confidence, 0.4))
        if result is None:
            picked = self._from_sentence(figure, resolved, exclude=mention)
            if picked is not None:
                mention, result = picked
                if pm is not None:
                    result = Resolved(result.candidate, max(0.3, result.confidence - 0.2))
                head = self._list_head(mention, result, resolved)
                if head is not None:
                    mention, result = head
        if result is None and pm is None:
            picked = self._unknown_in_sentence(figure, resolved)
            if picked is not None:
                mention, result = picked
        if result is None:
            picked = self._the_area_named(figure, resolved)
            if picked is not None:
                mention, result = picked
        if result is None and not self._countrywide(figure):
            picked = self._from_before(figure, resolved)
            if picked is not None:
                mention, result = picked
        if result is None:
            picked = self._town_read_as_person(figure)
            if picked is not None:
                mention, result = picked
        if result is None and self.context.countries:
            code = self.context.main_country()
            country = self.gaz.country(code) if code else None
            if country is not None:
                result = Resolved(country, 0.3)
                mention = self._scope_of(country, figure)
        if result is None or result.candidate is None:
            return figure.model_copy(update={"place": None,
                                             "unresolved_reason": reason or "no place in the sentence or the article"})
        role = mention.role if mention is not None else "in"
        place = self.to_place(result, mention, role=role)
        if pm is not None and mention is not None and mention.start == pm.start and mention.end == pm.end:
            # ner's words, with how it read them
            place = place.model_copy(update={"mention": pm.text, "mention_role": pm.role})
        return figure.model_copy(update={"place": place, "unresolved_reason": None})

    def _container(self, mention: Mention, figure: Figure, resolved) -> Resolved | None:
        """The admin area or country holding an unresolved mention, from the sentence's words.

        "Tsholotsho district in Matabeleland North", "Nasir, in Upper Nile state", "Mitwaba
        (Haut-Katanga)": an area named right after it with only place words and "in"/","/"(" between.
        Otherwise its country: the one ner read with the words, the one every place resolved in the
        sentence is in, or the article's main country."""
        lo, hi = self._sentence_bounds(figure)
        for m, r in sorted(resolved, key=lambda mr: mr[0].start):
            if r.candidate is None or m.start < mention.end or m.start - mention.end > 80:
                continue
            if r.candidate.kind not in ("admin1", "region", "country"):
                continue
            between = self.body[mention.end:m.start]
            if _holds(between, self.body[m.end:m.end + 40]):
                return r
            break  # the nearest resolved place after the words decides
        code = mention.country
        part = self._part_country(mention.text)
        if code is None and part and (part in self.context.countries or not self.context.countries):
            code = part
        if code is None:
            codes = {r.candidate.country for m, r in resolved
                     if r.candidate is not None and lo <= m.start < hi and r.candidate.kind != "border"}
            codes.discard(None)
            if len(codes) == 1:
                code = codes.pop()
                # The province an armed group of the sentence is named after is the nearest thing to
                # an area the text gives ("camp X ... fighting with the Kachin Independence Army").
                groups = [r for m, r in resolved if m.label == "GROUP" and lo <= m.start < hi
                          and r.candidate is not None and r.candidate.country == code]
                if len(groups) == 1:
                    return Resolved(groups[0].candidate, 0.3)
        code = code or self.context.main_country() or part
        country = self.gaz.country(code) if code else None
        return Resolved(country, 0.3) if country is not None else None

    def _part_country(self, text: str) -> str | None:
        """The one country whose admin1 names are this name plus a direction ("Darfur": Sudan)."""
        for variant in _name_variants(text):
            codes = {c.country for c in self.gaz.lookup_part(variant)}
            if codes:
                return codes.pop() if len(codes) == 1 else None
        return None

    def _sentence_bounds(self, figure: Figure) -> tuple[int, int]:
        # Every rule asks; a figure's sentence is found in the body once.
        bounds = self._bounds.get(figure.figure_id)
        if bounds is None:
            bounds = self._bounds[figure.figure_id] = self._find_sentence(figure)
        return bounds

    def _find_sentence(self, figure: Figure) -> tuple[int, int]:
        sentence = figure.sentence
        start = self.body.rfind(sentence, 0, figure.span.end + len(sentence)) if sentence else -1
        if start < 0 or not (start <= figure.span.start <= start + len(sentence)):
            start = self.body.rfind(sentence[:40], max(0, figure.span.start - len(sentence)), figure.span.start + 1) if sentence else -1
        if start < 0:
            return max(0, figure.span.start - 200), figure.span.end + 200
        return start, start + len(sentence)

    def _from_sentence(self, figure: Figure, resolved, exclude: Mention | None, keep=lambda c: True):
        lo, hi = self._sentence_bounds(figure)
        options = []
        for m, r in resolved:
            if r.candidate is None or not (lo <= m.start < hi) or (exclude and m.start == exclude.start):
                continue
            if not keep(r.candidate):
                continue
            options.append((SPECIFICITY.get(r.candidate.kind, 0), m.start >= figure.span.end,
                            -abs(m.start - figure.span.start), m, r))
        # Borders named in the sentence without an entity ("stranded on the Turkish border").
        for m, r in self._borders(lo, hi, "at"):
            if r.candidate is not None and keep(r.candidate):
                options.append((min(SPECIFICITY.get(r.candidate.kind, 0), 5), m.start >= figure.span.end,
                                -abs(m.start - figure.span.start), m, r))
        if not options:
            return None
        # The figure's own clause first ("In Cagayan, 60,000 were evacuated, while 25,000 were moved
        # in Isabela"); then the most specific; then a place after the number ("... at the border,
        # another 10,000 were displaced to Afrin"); then the nearest ("stranded on the Turkish border
        # after fleeing an offensive near Aleppo" is about the border).
        clause_lo, clause_hi = self._clause_bounds(figure, lo, hi)
        own = [o for o in options if clause_lo <= o[3].start < clause_hi]
        best = max(own or options, key=lambda o: o[:3])
        return best[3], best[4]

    def _clause_bounds(self, figure: Figure, lo: int, hi: int) -> tuple[int, int]:
        """The stretch of the sentence between the clause breaks around the figure's number."""
        before = [m.end() for m in _CLAUSE_BREAK.finditer(self.body, lo, figure.span.start)]
        after = _CLAUSE_BREAK.search(self.body, figure.span.end, hi)
        return (before[-1] if before else lo), (after.start() if after else hi)

    def _borders(self, lo: int, hi: int, role: str) -> list[tuple[Mention, Resolved]]:
        """Borders the text names in [lo, hi) without an entity ("stranded on the Turkish border")."""
        found = []
        for match in _BORDER_PHRASE.finditer(self.body, lo, hi):
            m = Mention(match.group(0), match.start(), match.end(), "BORDER", role)
            found.append((m, self.resolve(m)))
        return found

    def _list_head(self, mention: Mention, result: Resolved | None, resolved):
        """The first resolved member of a list of places ending at `mention` ("A, B and C"), or None
        when the mention is in no list or already heads it, or the list is read "respectively"."""
        if _RESPECTIVELY.match(self.body, mention.end):
            return None  # "12,000 and 8,000 in Sindh and Punjab respectively": ner paired them
        ordered = sorted(resolved, key=lambda mr: mr[0].start)
        chain: list[tuple[Mention, Resolved]] = []
        tail_start = mention.start
        for m, r in reversed(ordered):
            if m.end > tail_start:
                continue
            if not _list_gap(self.body[m.end:tail_start]):
                break
            if self.gaz.lookup(self.body[m.start:mention.end]):
                return None  # "Jammu and Kashmir", "Trinidad and Tobago": one name, not a list
            chain.append((m, r))
            tail_start = m.start
        if not chain:
            return None
        tail_kind = result.candidate.kind if result is not None and result.candidate is not None else None
        for m, r in reversed(chain):
            c = r.candidate
            if c is None or c.kind == "border" or (c.kind == "country" and tail_kind not in (None, "country")):
                continue
            if tail_kind not in (None, "country") and c.country != result.candidate.country:
                continue  # a list of provinces is of one country; a list of countries is not
            return m, r
        return None

    def _frame(self, figure: Figure, resolved):
        """The place a sentence opens with ("In Janjgir district, nearly 200 people ..."), when no other
        place comes between it and the figure's number."""
        lo, _ = self._sentence_bounds(figure)
        before = [(m, r) for m, r in resolved if lo <= m.start and m.end <= figure.span.start]
        if not before:
            return None
        m, r = min(before, key=lambda mr: mr[0].start)
        if r.candidate is None or r.candidate.kind == "border" or len(before) > 1 and any(
                o.start >= m.end for o, _ in before):
            return None
        if not _OPENS_WITH.fullmatch(self.body[lo:m.start]):
            return None
        if not _FRAME_GAP.fullmatch(self.body[m.end:figure.span.start]):
            return None
        return m, r

    def _unknown_in_sentence(self, figure: Figure, resolved):
        """A name of the figure's own sentence the gazetteer lacks ("in the Pacific Coast region",
        "on Mo'orea atoll") says more than a place of another sentence: it keeps its words, with its
        area or country."""
        lo, hi = self._sentence_bounds(figure)
        # A scanned name counts only with a place word after it ("Mo'orea atoll"): "of Responsibility" is none.
        unknown = [m for m, r in resolved if r.candidate is None and lo <= m.start < hi and _looks_like_name(m.text)
                   and (m.label in PLACE_LABELS or m.label == "SCAN"
                        and fold(self.body[m.end:m.end + 20]).split()[:1] and
                        fold(self.body[m.end:m.end + 20]).split()[0] in _PLACE_WORDS)]
        if not unknown:
            return None
        nearest = min(unknown, key=lambda m: abs(m.start - figure.span.start))
        held = self._container(nearest, figure, resolved)
        if held is None:
            return None
        return nearest, Resolved(held.candidate, min(held.confidence, 0.3))

    def _town_read_as_person(self, figure: Figure):
        """Last resort for a figure with no place at all: a one-word PERSON span of its sentence that
        is the name of a sizeable town in one country only ("Laukkai was hosting 50 displaced people"):
        the small model reads unfamiliar towns as people. Low confidence: it may still be a person."""
        lo, hi = self._sentence_bounds(figure)
        for start, end in self.blocked:
            text = self.body[start:end]
            if not (lo <= start < hi) or " " in text or len(text) < 4 or not text[:1].isupper() or text.isupper():
                continue
            towns = [c for c in self.gaz.lookup(text) if c.tier == PRIMARY]
            if len({c.country for c in towns}) != 1 or any(c.kind not in ("city", "region") for c in towns):
                continue
            if self.context.countries and not self.context.supports(towns[0]):
                continue
            if _PERSON_AFTER.match(self.body, end) or _PERSON_BEFORE.search(self.body[max(0, start - 20):start]):
                continue  # "Obama said", "President Obama": a person after all
            best = max(towns, key=lambda c: (c.kind == "city", c.population))
            if best.kind == "city" and best.population >= 20_000 and fold(best.name) == fold(text):
                return Mention(text, start, end, "PERSON", "in"), Resolved(best, 0.3)
        return None

    def _home_country(self, figure: Figure, left: str) -> Candidate | None:
        """For a figure of returnees, the other country its sentence names (by name or nationality)."""
        lo, hi = self._sentence_bounds(figure)
        sentence = self.body[lo:hi]
        if not _RETURN.search(sentence):
            return None
        codes = []
        for match in _WORD.finditer(sentence):
            codes += [c for c in self._codes_in(match.group(0).replace("\u2019", "'").split()) if c != left]
        return self.gaz.country(codes[0]) if len(set(codes)) == 1 else None

    def _mostly_in(self, figure: Figure, resolved):
        """A place of the figure's sentence, after the number, that the words before it say holds most
        of the people ("with the majority in Nigeria")."""
        _, hi = self._sentence_bounds(figure)
        if _SAME_PEOPLE.match(self.body, hi):
            stop = self.body.find(". ", hi)
            hi = stop if 0 <= stop - hi <= 300 else hi
        for m, r in sorted(resolved, key=lambda mr: mr[0].start):
            if r.candidate is None or not (figure.span.end <= m.start < hi) or r.candidate.kind == "border":
                continue
            if _MOSTLY_IN.search(self.body[max(figure.span.end, m.start - 50):m.start]):
                return m, r
        return None

    def _event_place(self, figure: Figure, resolved):
        """The first place before the number that the sentence says something happened in."""
        lo, _ = self._sentence_bounds(figure)
        for m, r in sorted(resolved, key=lambda mr: mr[0].start):
            if r.candidate is None or not (lo <= m.start < figure.span.start) or r.candidate.kind == "border":
                continue
            if _EVENT_BEFORE.search(self.body[max(lo, m.start - 80):m.start]):
                return m, r
        return None

    def _entry_point(self, figure: Figure, resolved, into: str | None, out_of: str | None):
        """The place of the figure's sentence where people crossed into `into` or out of `out_of`
        ("at Adre", "through Cucuta"), as the curated crossing there when there is one. A crossing's
        `country` is the side people leave from; the mention's role is "to"."""
        lo, hi = self._sentence_bounds(figure)
        known = into or out_of
        for m, r in sorted(resolved, key=lambda mr: mr[0].start):
            c = r.candidate
            if c is None or not (lo <= m.start < hi) or c.kind in ("country", "border"):
                continue
            if not _ENTRY_BEFORE.search(self.body, max(lo, m.start - 40), m.start):
                continue
            if c.kind != "crossing":
                if into is not None and c.country != into:
                    continue  # a town of the country they went to, or its crossing
                c = self._crossing_at(c, known) or c
                if c.kind != "crossing" and into is None:
                    continue  # a town "at" which people leaving a country were is no entry point
            if c.kind == "crossing":
                if known not in c.countries:
                    continue
                leaving = out_of or next(iter(side for side in c.countries if side != into), None)
                if leaving is not None and leaving != c.country:
                    c = replace(c, country=leaving, admin1=None)
            return Mention(m.text, m.start, m.end, m.label, "to"), Resolved(c, r.confidence)
        return None

    def _heading(self, figure: Figure, origin: Mention, resolved):
        """The place after `origin` in the figure's sentence that people went into or toward."""
        _, hi = self._sentence_bounds(figure)
        options = [(m, r) for m, r in resolved if r.candidate is not None and origin.end <= m.start < hi]
        options += self._borders(origin.end, hi, "toward")
        for m, r in sorted(options, key=lambda mr: mr[0].start):
            if r.candidate is not None and _HEADING_BEFORE.search(self.body, max(origin.end, m.start - 30), m.start):
                return Mention(m.text, m.start, m.end, m.label, "to"), r
        return None

    def _owned_by(self, mention: Mention, area: Candidate, resolved):
        """The resolved place inside `area` named right after "<area>'s" or "<area> state of"."""
        owns = _POSSESSIVE.match(self.body, mention.end) or _OWNS.match(self.body, mention.end)
        if owns is None and not re.search(r"['\u2019]s$", mention.text):
            return None
        after = owns.end() if owns is not None else mention.end
        for m, r in resolved:
            if r.candidate is not None and r.candidate.key != area.key and _within(r.candidate, area) \
                    and after <= m.start <= after + 1:
                return m, r
        return None

    def _crossing_at(self, town: Candidate, country: str) -> Candidate | None:
        """A curated crossing of `country`'s border within a few kilometres of `town`."""
        if town.lat is None:
            return None
        near = [(distance_km(x.lat, x.lon, town.lat, town.lon), x) for x in self.gaz.crossings()
                if country in x.countries and x.lat is not None]
        near = [(d, x) for d, x in near if d <= _CROSSING_TOWN_KM]
        return min(near, key=lambda dx: dx[0])[1] if near else None

    def _listed(self, mention: Mention) -> bool:
        """Whether the mention is one of several names listed together ("from A and B areas")."""
        before = self.body[max(0, mention.start - 40):mention.start]
        return _LIST_GOES_ON.match(self.body, mention.end) is not None or _LISTED_BEFORE.search(before) is not None

    def _scope_of(self, country: Candidate, figure: Figure) -> Mention:
        """The words a figure placed only by the article's main country is given: how the body names
        the part of the country it is about ("southern Brazil", "south China"), else the country's name
        (with the figure's own span)."""
        names = {country.name, *country_names(country.country)}
        match = _scope_pattern(tuple(sorted(names, key=len, reverse=True))).search(self.body, self.dateline_end)
        if match:
            return Mention(match.group(0), match.start(), match.end(), "CONTEXT", "context")
        return Mention(country.name, figure.span.start, figure.span.end, "CONTEXT", "context")

    def _part_of_country(self, figure: Figure):
        """'403,000 people in the south': a figure said to be in a part of the article's main country
        named only by its direction is that country's, in the article's words for the part."""
        if not _IN_DIRECTION.match(self.body, figure.span.end):
            return None
        code = self.context.main_country()
        country = self.gaz.country(code) if code else None
        if country is None:
            return None
        return self._scope_of(country, figure), Resolved(country, 0.5)

    def _fled_from(self, figure: Figure, destination: Mention, resolved):
        """'1,200 families fled from Ras al-Ain to Tal Tamer': the place people left, which is where
        displacement is recorded, named with "from" in the figure's sentence."""
        lo, hi = self._sentence_bounds(figure)
        for m, r in sorted(resolved, key=lambda mr: mr[0].start):
            if r.candidate is None or not (lo <= m.start < hi) or m.start == destination.start \
                    or r.candidate.kind == "border":
                continue
            if _FROM_BEFORE.search(self.body, max(lo, m.start - 25), m.start):
                return Mention(m.text, m.start, m.end, m.label, "from"), r
        return None

    def _the_area_named(self, figure: Figure, resolved):
        """'floods across the state displaced 400,000': the area of that kind the article named last
        before the figure ("Assam")."""
        lo, hi = self._sentence_bounds(figure)
        match = _THE_AREA.search(self.body, lo, hi)
        if match is None:
            return None
        kinds = ("region",) if match.group("kind").lower() in ("district", "county") else ("admin1",)
        before = [(m, r) for m, r in resolved if r.candidate is not None and r.candidate.kind in kinds
                  and m.end <= figure.span.start]
        if not before:
            return None
        m, r = max(before, key=lambda mr: mr[0].start)
        return m, Resolved(r.candidate, round(r.confidence * 0.8, 2))

    def _countrywide(self, figure: Figure) -> bool:
        """Whether the figure's sentence says it spans many provinces ("storms slammed eight
        provinces, leaving hundreds of houses destroyed"): then no one place of another sentence is
        its place."""
        lo, hi = self._sentence_bounds(figure)
        return _COUNTRYWIDE.search(self.body, lo, hi) is not None

    def _from_before(self, figure: Figure, resolved):
        lo = max(0, figure.span.start - 400)
        paragraph = self.body.rfind("\n\n", 0, figure.span.start)
        lo = max(lo, paragraph)
        before = [(m, r) for m, r in resolved if r.candidate is not None and lo <= m.start < figure.span.start
                  and r.candidate.kind != "country"]
        if before:
            m, r = max(before, key=lambda mr: mr[0].start)
            return m, Resolved(r.candidate, round(r.confidence * 0.6, 2))
        # Summaries often give the figure first and the place in the next sentence ("13,000 were
        # displaced on 3 March. Most fled operations in western Mosul").
        hi = figure.span.end + 300
        paragraph_end = self.body.find("\n\n", figure.span.end)
        hi = min(hi, paragraph_end) if paragraph_end >= 0 else hi
        after = [(m, r) for m, r in resolved if r.candidate is not None and figure.span.end <= m.start < hi
                 and r.candidate.kind != "country"]
        if after:
            m, r = min(after, key=lambda mr: mr[0].start)
            return m, Resolved(r.candidate, round(r.confidence * 0.5, 2))
        return None

    # -- output ---------------------------------------------------------------------------------

    def to_place(self, result: Resolved, mention: Mention | None, role: str | None = None) -> Place:
        c = result.candidate
        assert c is not None
        if c.kind == "admin1":
            admin1 = c.name
        elif c.admin1:
            admin1 = self.gaz.admin1_name(c.admin1)
        else:
            admin1 = None
        mention_role = None
        if mention is not None:
            mention_role = role or mention.role if (role or mention.role) in _ROLES else "in"
        return Place(
            name=c.name,
            kind=c.kind,
            country=c.country,
            admin1=admin1,
            admin1_code=c.admin1,
            lat=round(c.lat, 5) if c.lat is not None else None,
            lon=round(c.lon, 5) if c.lon is not None else None,
            geonames_id=c.geonames_id if c.geonames_id else None,
            crossing_id=c.crossing_id,
            countries=list(c.countries) if c.countries else None,
            confidence=round(min(max(result.confidence, 0.0), 1.0), 2),
            mention=mention.text if mention is not None else None,
            mention_span=Span(start=mention.start, end=mention.end) if mention is not None else None,
            mention_role=mention_role,
        )


_ROLES = frozenset({"at", "to", "from", "in", "toward", "near", "context"})


def _in_org_name(body: str, start: int) -> bool:
    """'Islamic State in Iraq', 'University of Aleppo': the place is part of a name, not a place."""
    return _ORG_BEFORE.search(body[max(0, start - 40):start]) is not None


def _name_variants(text: str, words: list[str] | None = None) -> list[str]:
    """The mention, then without place words ('Latakia province' -> 'latakia'), then without
    leading directions one at a time ('South West Bengal' -> 'west bengal' -> 'bengal'), then
    without any: tried in this order, first match wins."""
    if words is None:
        words = fold(text).split()
        while words and words[0] in LEADING:
            words = words[1:]
    texts = [text]
    if re.search(r"['\u2019]s$", text):
        # "Cabo Delgado's" (the tagger took the possessive in)
        text = text[:-2]
        words = fold(text).split()
        texts.append(text)
    core = [w for w in words if w not in _PLACE_WORDS]
    if core and core != words:
        texts.append(" ".join(core))
    head = core
    while len(head) > 1 and head[0] in DIRECTIONS:
        head = head[1:]
        texts.append(" ".join(head))
    undirected = [w for w in core if w not in DIRECTIONS]
    if undirected and " ".join(undirected) not in texts[1:] and undirected != core:
        texts.append(" ".join(undirected))
    return texts


# What a PDF's lossy re-encoding leaves of an accented vowel ("Choc’_" for Chocó, "R’_o" for Río).
_LOST_VOWEL = re.compile(r"[’']_")
# A place word glued to the name before it ("Kouitown").
_GLUED_PLACE_WORD = re.compile(r"(?<=[a-z]{3})(town|city|village|district|camp)$")


def _repaired_names(text: str) -> list[str]:
    """Spellings `text` may have had before PDF extraction damaged it; [] when it shows no damage."""
    if _LOST_VOWEL.search(text):
        return [_LOST_VOWEL.sub(vowel, text) for vowel in "aeiou"]
    glued = _GLUED_PLACE_WORD.search(text)
    if glued:
        return [f"{text[:glued.start()]} {glued.group(1)}"]
    return []


_ADMIN1_PLURALS = frozenset({"provinces", "governorates", "states", "regions", "departments", "prefectures", "oblasts"})
_ADMIN2_PLURALS = frozenset({"districts", "counties", "territories", "municipalities", "communes", "townships"})
# What may stand between two members of a list of places: separators, and names the index lacks
# ("Afar,Amhara", "Sud and Nippes", "Dire Dawa, Hareri, Oromia", "Somali and the Southern ...").
_LIST_GAP = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|&|\bthe\b|[A-Z][\w'\u2019-]*)\s*)+")
_LIST_SEPARATOR = re.compile(r",|\band\b|\bor\b|&")


_GLUED_AND = re.compile(r"(?<=[a-z]{3})and\s+(?=[A-Z])")
_PART_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:and|or|&)\s+")


def _list_parts(text: str) -> list[str]:
    """The members of a span that lists places ("Bocaranga and Koui", "Bocarangaand  Koui": text
    from PDFs loses the space before "and"); [] when it is one name."""
    parts = [p for p in _PART_SEPARATOR.split(_GLUED_AND.sub(" and ", text)) if p]
    return parts if len(parts) > 1 else []


def _list_gap(between: str) -> bool:
    return len(between) <= 60 and bool(_LIST_GAP.fullmatch(between)) and bool(_LIST_SEPARATOR.search(between))


_SIBLING_WORDS = frozenset({"and", "or", "to", "into", "near", "from", "toward", "towards", "outside", "between"})
_LEADING_PLACE_WORD = re.compile(r"^\s*(?:(?:" + "|".join(sorted(_PLACE_WORDS)) + r")\b\s*)?")
_LIST_GOES_ON = re.compile(r"(?:,|\s*(?:and|or|&)\s)\s*[A-Z]")
_RESPECTIVELY = re.compile(r"(?:\s*(?:,|and|&)?\s*[A-Z][\w'\u2019-]*)*\s*,?\s+respectively\b")
_LISTED_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*[a-z](?:\s*,\s*(?:and\s+)?|\s+(?:and|or|&)\s+)$")


def _holds(between: str, after: str) -> bool:
    """Whether the words between a place and an area say the area holds it: "X district in Y",
    "X, in Y state", "X (Y prefecture)", "X, Y" -- but not "X and Y", "X to Y", "X near Y", nor a
    list ("X, Y and Z")."""
    if re.search(r"[.;:!?]|[A-Z0-9]", between):
        return False
    words = re.findall(r"[a-z]+", between.lower())
    if len(words) > 6 or _SIBLING_WORDS & set(words):
        return False
    if "in" in words or "of" in words or "(" in between:
        return True
    if "," in between:
        # "Darfur, South Kordofan and Blue Nile" is a list, not Darfur in South Kordofan.
        rest = _LEADING_PLACE_WORD.sub("", after, count=1)
        return not _LIST_GOES_ON.match(rest) and not rest.startswith(",")
    return False


def _within(place: Candidate | None, area: Candidate | None) -> bool:
    """Whether a place lies inside an area, as far as the index says (same admin1; near a town)."""
    if place is None or area is None or place.country != area.country:
        return False
    if place.key == area.key or area.kind == "country":
        return True
    if area.admin1 is None or place.admin1 != area.admin1:
        return False
    if area.kind in ("admin1", "region") or place.lat is None or area.lat is None:
        return True
    return distance_km(place.lat, place.lon, area.lat, area.lon) <= 50


def _looks_like_name(text: str) -> bool:
    """A capitalised name of a place, not a phrase ("the area"), a world region or a scrap of markup."""
    return bool(re.match(r"(?:the\s+)?[A-Z][\w'\u2019-]*[a-z]", text)) and not BORDER_WORDS & set(fold(text).split()) \
        and not _world_region(text)


def _world_region(text: str) -> bool:
    return _without_the(text) in WORLD_REGIONS


def _without_the(text: str) -> str:
    words = fold(text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _bare_border(text: str) -> bool:
    words = set(fold(text).split())
    return bool(BORDER_WORDS & words) and not CROSSING_WORDS & words


def _hint_kind(kind: str | None) -> str | None:
    return kind if kind in ("crossing", "camp", "admin1", "region", "city", "village", "country") else None
