"""Resolve the places an article names, then give each figure its place.

    enrich(extracted, gazetteer) -> EnrichedArticle

A name alone is ambiguous ("Geneva": 15 places, "Kafin": a town in Armenia by an alternate name),
so every mention is read in the article's context:

1. The article's countries: country names and nationality words anywhere in it ("Syrians",
   "the Turkish border"), outside PERSON spans and the dateline -- inside organisation names
   ("Revolutionary Armed Forces of Colombia") at half weight; then what its place names agree on
   ("Rivera" + "Huila" -> Colombia; "Darfur", in no index, is the common part of North, South
   and West Darfur: Sudan).
2. Place-like mentions: GPE/LOC/FAC and the ruler's labels (never a PERSON span: "Linda Tom"),
   plus names the tagger missed that cue words mark as places ("displaced to Chibok town"; a
   one-word PERSON only when a place word follows: "in Rakhine state"), plus whole PERSON/ORG/NORP
   spans that can only be a province of one country ("Amhara") or, unless a PERSON, a sizeable
   town of one country ("Malakal" ORG).
   Candidates are scored by the share of the article's attention their country has, the
   distance to places already resolved in the article (never to the same name elsewhere), lying
   in a province the article names, primary over alternate names, kind hints around the words
   ("Latakia province" -> admin1, "Tsholotsho district" -> region, "the town of" -> city), then
   population. A first pass finds anchors; a second re-scores with distances to them.
3. A best candidate outside the article's countries is accepted only if it is a primary-name
   match of a large place (Geneva, Moscow); otherwise the mention stays unresolved with a
   reason, because a place on the wrong continent is worse than none. With no country to go
   on, only a name spelled as GeoNames spells it, of a place that outranks its namesakes.
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
   same paragraph); then the article's main country.

The dateline ("BEIRUT (AFP) -") is where the report was filed and is never an event place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from geocode.gazetteer import ALTERNATE, LOOSE, PRIMARY, Candidate, Gazetteer, distance_km
from geocode.normalize import fold
from wirewatch.contracts import EnrichedArticle, Entity, ExtractedArticle, Figure, Place, PlaceMention, Span
from wirewatch.places.countries import country_of_demonym

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "CROSSING", "CAMP", "VILLAGE", "PLACE", "BORDER"})
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
CAMP_WORDS = frozenset({"camp", "camps", "settlement"})
CROSSING_WORDS = frozenset({"crossing", "gate", "checkpoint", "bridge", "post"})
BORDER_WORDS = frozenset({"border", "frontier", "borders", "boundary", "borderline"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                        "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                        "southeastern", "southwestern", "rural", "greater", "upper", "lower", "outer", "inner"})
LEADING = frozenset({"the", "of", "in", "at", "near", "to", "from"})
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
    r"\b(?:in|at|to|from|near|of|into|toward|towards|across|around|outside|inside|reached|fled|left)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|northern|southern|eastern|western|central|north-?eastern|north-?western"
    r"|south-?eastern|south-?western)\s+)?(?P<name>" + _NAME + r")"
)
_SCAN_AFTER = re.compile(
    r"(?P<name>" + _NAME + r")\s+(?:town|city|village|villages|county|counties|province|state|governorate|department"
    r"|territory|district|sub[- ]?district|area|region|camp|municipality|prefecture|oblast|division|township)\b"
)
_ORG_BEFORE = re.compile(
    r"\b(?:State|Republic|Army|Front|Forces|Council|University|Bank|Party|Movement|Organi[sz]ation|Committee"
    r"|Commission|Agency|Office|Ministry|Church|Institute|Mission|Brigade|Brigades|Emirate)\s+(?:in|of|for)\s+(?:the\s+)?$"
)
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
            d = distance_km(candidate.lat, candidate.lon, anchor.lat, anchor.lon)
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
    mentions = [
        Mention(e.text, e.start, e.end, e.label)
        for e in extracted.entities
        if e.label in PLACE_LABELS and e.start >= dateline_end and not _overlaps(e.start, e.end, blocked)
        and any(ch.isupper() for ch in e.text)  # "let us in": a lower-case word is no place name
        and not _in_org_name(body, e.start)
    ]
    misread = misread_places(body, extracted.entities, gazetteer, dateline_end)
    mentions += misread
    mentions += [m for m in scan_mentions(body, extracted.entities, dateline_end)
                 if not _overlaps(m.start, m.end, [(a.start, a.end) for a in misread])]
    mentions.sort(key=lambda m: m.start)
    resolver = _Resolver(gazetteer, body, article.headline or "", dateline_end, blocked, mentions)
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
    taken = [(e.start, e.end) for e in entities
             if e.label != "ORG" and not (e.label == "NORP" and country_of_demonym(fold(e.text)) is None)]
    slips = {(e.start, e.end) for e in entities if e.label == "PERSON" and len(e.text.split()) == 1}
    found: dict[tuple[int, int], Mention] = {}
    for pattern in (_SCAN_BEFORE, _SCAN_AFTER):
        for match in pattern.finditer(body, dateline_end):
            start, end = match.span("name")
            name = match.group("name")
            if fold(name).split()[0] in _NOT_PLACES:
                continue
            if _overlaps(start, end, taken) and not (pattern is _SCAN_AFTER and (start, end) in slips):
                continue
            if _in_org_name(body, start):
                continue
            found.setdefault((start, end), Mention(name, start, end, "SCAN"))
    return list(found.values())


def misread_places(body: str, entities: Sequence[Entity], gazetteer: Gazetteer, dateline_end: int = 0) -> list[Mention]:
    """Places the tagger called a person, a group or an organisation ("Amhara" PERSON, "Valle del
    Cauca" ORG, "Malakal" ORG, "Aleppo" NORP). The whole span must be the primary name of places in
    one country only, and be a first-level area's name -- which a person's or a body's name rarely
    is -- or, for an organisation or group, a town of 20,000 or more. Persons are not read as towns:
    "Obama" is a Japanese town and "Jackson" an American one."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or e.start < dateline_end or e.text.isupper() or len(e.text) < 4:
            continue
        if not e.text[:1].isupper() or country_of_demonym(fold(e.text)) or _in_org_name(body, e.start):
            continue
        if fold(e.text) in DIRECTIONS or fold(e.text) in _NOT_PLACES:
            continue
        # A province's other names are few and English ("Amhara" for Amara); a town's are many.
        candidates = [c for c in gazetteer.lookup(e.text)
                      if c.tier == PRIMARY or (c.tier == ALTERNATE and c.kind == "admin1")]
        countries = {c.country for c in candidates}
        if len(countries) != 1 or any(c.kind == "country" for c in candidates):
            continue
        if any(c.kind == "admin1" for c in candidates) or (
                e.label != "PERSON" and any(c.kind == "city" and c.population >= 20_000 for c in candidates)):
            # The area or its namesake town, but in that country either way.
            found.append(Mention(e.text, e.start, e.end, "MISREAD", country=countries.pop()))
    return found


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
                 blocked: list[tuple[int, int]], mentions: list[Mention]) -> None:
        self.gaz = gazetteer
        self.body = body
        self.headline = headline
        self.dateline_end = dateline_end
        self.blocked = blocked
        self.mentions = mentions
        self.context = Context()
        self._cache: dict[tuple, Resolved] = {}

    # -- context --------------------------------------------------------------------------------

    def read_countries(self) -> None:
        """Count country names and nationality words in the headline and body (not in PERSON spans)."""
        counts: Counter = Counter()
        for text, offset in ((self.headline, None), (self.body, 0)):
            for match in _WORD.finditer(text):
                if offset is not None and (match.start() < self.dateline_end or _overlaps(match.start(), match.end(), self.blocked)):
                    continue
                # "Revolutionary Armed Forces of Colombia" says less than "Colombia", but not nothing.
                weight = 0.5 if _in_org_name(text, match.start()) else 1.0
                words = match.group(0).replace("\u2019", "'").split()
                for code in self._codes_in(words):
                    counts[code] += weight
        self.context.countries = Counter(counts)
        self.context.explicit = Counter(counts)

    def _codes_in(self, words: list[str]) -> Iterable[str]:
        # Longest match first over the capitalised run: "South Sudanese", "Democratic Republic ...".
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                phrase = " ".join(words[i:j])
                phrase = re.sub(r"'s$", "", phrase)
                code = country_of_demonym(fold(phrase)) or self._country_code(phrase)
                if code:
                    yield code
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
        (only Colombia) points at Colombia. Names with more than three countries say nothing."""
        for mention in self.mentions:
            codes = set()
            for text in _name_variants(mention.text):
                codes = {c.country for c in self.gaz.lookup(text) if c.tier == PRIMARY and c.country}
                if codes:
                    break
            if not codes and not self.gaz.lookup(mention.text):
                part = self._part_country(mention.text)
                codes = {part} if part else set()
            if 0 < len(codes) <= 3:
                for code in codes:
                    self.context.add_own(mention.start, code, 0.6 / len(codes))

    def resolve_all(self) -> list[tuple[Mention, Resolved]]:
        self.read_countries()
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
        key = (mention.text, mention.start, mention.end)
        if key not in self._cache:
            self._cache[key] = self._resolve(mention)
        return self._cache[key]

    def _resolve(self, mention: Mention) -> Resolved:
        words = fold(mention.text).split()
        while words and words[0] in LEADING:
            words = words[1:]
        if not words:
            return Resolved(None, 0.0, "empty mention")
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
        for text in texts:
            for c in self.gaz.lookup(text):
                if c.key not in candidates or c.tier < candidates[c.key].tier:
                    candidates[c.key] = c
            if candidates:
                matched = text
                break
        if not any(self.context.supports(c, mention.start) for c in candidates.values()) \
                and self.context.has_countries(mention.start):
            # A skeleton match is only believable next to places already found ("Tal Rafaat" by Azaz).
            for text in texts[-1:]:
                for c in self.gaz.lookup_loose(text):
                    near = self.context.nearest_km(c, mention.start)
                    if self.context.supports(c, mention.start) and c.key not in candidates \
                            and near is not None and near <= 150:
                        candidates[c.key] = c
        if mention.label == "MISREAD":
            candidates = {k: c for k, c in candidates.items() if c.country == mention.country}
        if not candidates:
            return Resolved(None, 0.0, f"no gazetteer entry for {mention.text!r}")
        return self._choose(mention, list(candidates.values()), hint, matched)

    def _kind_hint(self, mention: Mention, words: list[str]) -> str | None:
        after = fold(self.body[mention.end:mention.end + 30]).split()[:2]
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
            score += 3.0 if c.tier <= ALTERNATE else -3.0
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

        if best.kind == "country" and best.tier <= ALTERNATE:
            return Resolved(best, 0.9 if best.tier == PRIMARY else 0.8)
        if best.curated and best.tier <= ALTERNATE:
            return Resolved(best, 0.9 if in_context or not has_countries else 0.6)
        if has_countries and not in_context:
            if best.tier == PRIMARY and best.population >= _ACCEPT_OUTSIDE_POP and not close and mention.label != "SCAN":
                return Resolved(best, 0.5)
            how = {PRIMARY: "name", ALTERNATE: "alternate name", LOOSE: "spelling"}[best.tier]
            return Resolved(None, 0.0, f"{mention.text!r} only matches outside the article's countries "
                                       f"({best.name}, {best.country}, by {how})")
        if not has_countries:
            # Nothing to check a name against: only a name spelled as GeoNames spells it, of a place
            # that clearly outranks every other place of that name.
            exact = bool(spelled) and fold(best.name) == spelled
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
            picked = self._from_sentence(figure, resolved, exclude=None)
            if picked is not None:
                mention, result = picked
                pm = None
        if result is None and pm is not None and not (pm.start < self.dateline_end):
            mention = Mention(pm.text, pm.start, pm.end, "MENTION", pm.role,
                              kind=_hint_kind(getattr(pm, "kind", None)), country=getattr(pm, "country", None))
            same = [r for m, r in resolved if m.start == pm.start and m.end == pm.end]
            result = same[0] if same else self.resolve(mention)
            if result.candidate is None:
                reason = result.reason
                result = None
        if result is not None and mention is not None and mention.role in ("to", "toward") \
                and result.candidate.kind == "country" and figure.category in ("displacement", "cross_border"):
            # "500 people displaced in Rakhine state crossed into Bangladesh": a flow is recorded
            # where it started, so a place of another country in the sentence wins over the destination.
            origin = self._from_sentence(figure, resolved, exclude=mention,
                                         keep=lambda c: c.country != result.candidate.country and c.kind != "border")
            if origin is not None:
                mention, result = origin
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
        if result is None and pm is None:
            # A name of the figure's own sentence the gazetteer lacks ("in the Pacific Coast region")
            # says more than a place of another sentence: it keeps its words, with its area or country.
            lo, hi = self._sentence_bounds(figure)
            unknown = [m for m, r in resolved if r.candidate is None and lo <= m.start < hi and m.label in PLACE_LABELS
                       and _looks_like_name(m.text)]
            if unknown:
                nearest = min(unknown, key=lambda m: abs(m.start - figure.span.start))
                held = self._container(nearest, figure, resolved)
                if held is not None:
                    mention, result = nearest, Resolved(held.candidate, min(held.confidence, 0.3))
        if result is None:
            picked = self._from_before(figure, resolved)
            if picked is not None:
                mention, result = picked
        if result is None and self.context.countries:
            code = self.context.main_country()
            country = self.gaz.country(code) if code else None
            if country is not None:
                result = Resolved(country, 0.3)
                mention = Mention(country.name, figure.span.start, figure.span.end, "CONTEXT", "context")
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
        for match in re.finditer(r"\b(?:the\s+)?(?:[A-Z][\w\-]+\s+){0,2}(?:border|frontier)s?\b", self.body[lo:hi]):
            m = Mention(match.group(0), lo + match.start(), lo + match.end(), "BORDER", "at")
            r = self.resolve(m)
            if r.candidate is not None and keep(r.candidate):
                options.append((min(SPECIFICITY.get(r.candidate.kind, 0), 5), m.start >= figure.span.end,
                                -abs(m.start - figure.span.start), m, r))
        if not options:
            return None
        # Most specific first; then a place after the number ("... at the border, another 10,000
        # were displaced to Afrin"); then the nearest ("stranded on the Turkish border after
        # fleeing an offensive near Aleppo" is about the border).
        best = max(options, key=lambda o: o[:3])
        return best[3], best[4]

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


_SIBLING_WORDS = frozenset({"and", "or", "to", "into", "near", "from", "toward", "towards", "outside", "between"})
_LEADING_PLACE_WORD = re.compile(r"^\s*(?:(?:" + "|".join(sorted(_PLACE_WORDS)) + r")\b\s*)?")
_LIST_GOES_ON = re.compile(r"(?:,|\s*(?:and|or|&)\s)\s*[A-Z]")


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


def _looks_like_name(text: str) -> bool:
    """A capitalised name, not a phrase ("the area") or a scrap of markup."""
    return bool(re.match(r"(?:the\s+)?[A-Z][\w'\u2019-]*[a-z]", text)) and not BORDER_WORDS & set(fold(text).split())


def _bare_border(text: str) -> bool:
    words = set(fold(text).split())
    return bool(BORDER_WORDS & words) and not CROSSING_WORDS & words


def _hint_kind(kind: str | None) -> str | None:
    return kind if kind in ("crossing", "camp", "admin1", "region", "city", "village", "country") else None
