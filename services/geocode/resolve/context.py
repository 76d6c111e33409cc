"""The article's context: which countries it is about (names, nationality words, its address and
dateline, what its place names agree on) and the places already resolved, which later choices lean on."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from geocode.gazetteer import ALTERNATE, PRIMARY, Candidate, Gazetteer
from geocode.normalize import fold
from geocode.resolve.model import ArticleText, Mention, Resolved, cached_distance_km
from geocode.resolve.names import list_gap, name_variants, without_the
from geocode.resolve.words import (ACCEPT_OUTSIDE_POP, ACROSS_AFTER, ACROSS_BEFORE, ACTOR_AFTER, ADMIN1_PLURALS,
                                   CAME_FROM_BEFORE,
                                   ADMIN2_PLURALS, ADMIN_AFTER, ADMIN_NOUNS, ALPHA, IN_CONTEXT, IN_CONTEXT_IMPLICIT,
                                   REFUGEES_AFTER, REFUGEES_BEFORE, RELIEFWEB_COUNTRY, SHARED_COUNTRY_NAMES,
                                   VANITY_TLDS, VOTE_POPULATION_FLOOR, WORD)
from wirewatch.places.cues import in_org_name, overlaps
from wirewatch.places.countries import COUNTRIES, country_of_demonym, country_of_name
from wirewatch.places.countries_fr import country_of_demonym_fr, country_of_name_fr


LOWER_WORD = re.compile(r"\b[a-zàâçéèêëîïôûùüÿœ]+\b")


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
    # The neighbours of countries named as a border's far side ("near the border with Pakistan") or
    # as the nationality of refugees ("Nigerian refugees arrived in Diffa"): a place there is beside
    # that country, so in one of them.
    bordering: frozenset[str] = frozenset()
    # What each mention resolved to in this context; emptied when the anchors change.
    resolutions: dict[tuple, Resolved] = field(default_factory=dict)

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
        return math.log((max(self.weight(candidate, mention_start), 0.0) + ALPHA) / (self.total + ALPHA * (n + 1)))

    def has_countries(self, mention_start: int = -1) -> bool:
        own = self.own_votes.get(mention_start, {})
        return any(v - own.get(c, 0.0) >= self.threshold for c, v in self.countries.items())

    @property
    def threshold(self) -> float:
        return IN_CONTEXT if self.explicit else IN_CONTEXT_IMPLICIT

    def supports(self, candidate: Candidate, mention_start: int = -1) -> bool:
        return self.weight(candidate, mention_start) >= self.threshold or candidate.country in self.bordering

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
            d = cached_distance_km(candidate.lat, candidate.lon, anchor.lat, anchor.lon)
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

    def main_country(self, exclude: Iterable[str] = (), among: frozenset[str] | None = None) -> str | None:
        """The country the article is most about, from names, nationalities and resolved places
        (not from what ambiguous names merely could mean); None when nothing clearly leads.
        `among`: only these countries may be it."""
        def admissible(code: str, weight: float) -> bool:
            return code not in exclude and weight >= IN_CONTEXT and (among is None or code in among)

        firm = self.explicit + self.placed
        # Only when the text itself says nothing: the country the address names.
        ranked = firm.most_common() if firm else self.source.most_common(1)
        return next((code for code, weight in ranked if admissible(code, weight)), None)


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
        match = RELIEFWEB_COUNTRY.match(parts.path)
        if match:
            name = match.group("slug").replace("-", " ")
            code = country_of_name(name) or country_of_slug(name) or next(
                (c.country for c in gazetteer.lookup(name) if c.kind == "country" and c.tier == PRIMARY), None)
            if code:
                votes[code] += IN_CONTEXT
    tld = host.rsplit(".", 1)[-1]
    if len(tld) == 2 and tld not in VANITY_TLDS:
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
            votes[code] += IN_CONTEXT
            return votes
    if segments:
        towns = sorted((c for c in gazetteer.lookup(segments[0]) if c.tier == PRIMARY and c.kind == "city"),
                       key=lambda c: c.population, reverse=True)
        rival = next((c.population for c in towns[1:] if towns and c.country != towns[0].country), 0)
        if towns and towns[0].population >= max(ACCEPT_OUTSIDE_POP, 10 * rival):
            votes[towns[0].country] += IN_CONTEXT_IMPLICIT
    return votes


@functools.lru_cache(maxsize=1)
def slug_names() -> dict[str, str]:
    return {" ".join(w for w in fold(name).replace("-", " ").split() if w not in ("the", "of", "and")): c.iso3
            for c in COUNTRIES for name in c.names}


def country_of_slug(words: str) -> str | None:
    """ReliefWeb's slugs drop small words and put the long form last ("iran-islamic-republic-of")."""
    names = slug_names()
    words_left = [w for w in words.split() if w not in ("the", "of", "and")]
    for n in range(len(words_left), 0, -1):
        code = names.get(" ".join(words_left[:n]))
        if code:
            return code
    return None


def read_countries(gaz: Gazetteer, doc: ArticleText, ctx: Context) -> None:
    """Count country names and nationality words in the headline and body (not in PERSON spans)."""
    counts: Counter = Counter()
    across: set[str] = set()
    for text, offset in ((doc.headline, None), (doc.body, 0)):
        for match in WORD.finditer(text):
            if offset is not None and overlaps(match.start(), match.end(), doc.blocked):
                continue
            # "Revolutionary Armed Forces of Colombia" says less than "Colombia", but not nothing;
            # "Russian forces advanced" names who attacks, often from elsewhere.
            weight = 0.5 if in_org_name(text, match.start()) else 0.3 if ACTOR_AFTER.match(text, match.end()) \
                else 1.0
            words = match.group(0).replace("\u2019", "'").split()
            if fold(words[-1]) in ADMIN_NOUNS:
                words = words[:-1]
                names_province = True
            else:
                names_province = ADMIN_AFTER.match(text, match.end()) is not None
            if names_province:
                # "Niger State", "the Somali region": the run's last name is a province's, not a
                # country's ("Ethiopia's Somali region" still names Ethiopia).
                words = words[:-1]
            codes = list(codes_in(gaz, words, doc.language))
            if ACROSS_BEFORE.search(text, max(0, match.start() - 30), match.start()) \
                    or ACROSS_AFTER.match(text, match.end()) or REFUGEES_AFTER.match(text, match.end()) \
                    or CAME_FROM_BEFORE.search(text, max(0, match.start() - 80), match.start()):
                across.update(codes)
            for code in codes:
                counts[code] += weight / (2 if len(codes) == 2 and tuple(codes) in SHARED_COUNTRY_NAMES.values()
                                          else 1)
    if doc.language == "fr":
        # French writes nationality words in lower case: "les réfugiés centrafricains".
        for text, offset in ((doc.headline, None), (doc.body, 0)):
            for match in LOWER_WORD.finditer(text):
                code = country_of_demonym_fr(match.group(0))
                if code and not (offset is not None and overlaps(match.start(), match.end(), doc.blocked)):
                    counts[code] += 1.0
                    if REFUGEES_BEFORE.search(text, max(0, match.start() - 30), match.start()):
                        across.add(code)
    ctx.countries = Counter(counts) + ctx.source
    ctx.explicit = Counter(counts)
    ctx.bordering = frozenset(n for code in across for n in gaz.neighbours(code))


def codes_in(gaz: Gazetteer, words: list[str], language: str | None = None) -> Iterable[str]:
    # Longest match first over the capitalised run: "South Sudanese", "Democratic Republic ...".
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            phrase = " ".join(words[i:j])
            phrase = re.sub(r"'s$", "", phrase)
            shared = SHARED_COUNTRY_NAMES.get(without_the(phrase))
            code = country_of_demonym(fold(phrase)) or (shared and shared[0]) or country_code(gaz, phrase)
            if not code and language == "fr":
                code = country_of_name_fr(phrase) or country_of_demonym_fr(phrase)  # "Tchad", "Syrie"
            if code:
                yield from shared if shared else (code,)
                i = j
                break
        else:
            i += 1


def country_code(gaz: Gazetteer, text: str) -> str | None:
    for c in gaz.lookup(text):
        if c.kind == "country" and c.tier <= ALTERNATE:
            return c.country
    return None


def read_candidate_countries(gaz: Gazetteer, doc: ArticleText, ctx: Context) -> None:
    """Countries the article's place names agree on: 'Cerrito' (many countries) next to 'Santander'
    (only Colombia) points at Colombia. Names with more than three countries say nothing; a name
    shared by a city and a village abroad ("Pokrovsk": 60,000 in Ukraine, 10,000 in Russia) votes
    mostly for the city's country."""
    for mention in doc.mentions:
        sizes: dict[str, int] = {}
        for text in name_variants(mention.text):
            # (and a province's English name: "North Kivu" is Nord-Kivu's alternate name)
            for c in gaz.lookup(text):
                if c.country and (c.tier == PRIMARY or c.kind == "admin1" and c.tier == ALTERNATE):
                    sizes[c.country] = max(sizes.get(c.country, 0), c.population, VOTE_POPULATION_FLOOR)
            if sizes:
                break
        if not sizes and not gaz.lookup(mention.text):
            part = part_country(gaz, mention.text)
            sizes = {part: 1} if part else {}
        if 0 < len(sizes) <= 3:
            total = sum(sizes.values())
            for code, size in sizes.items():
                ctx.add_own(mention.start, code, 0.6 * size / total)


def read_list_countries(gaz: Gazetteer, doc: ArticleText, ctx: Context, listed: list[Mention]) -> None:
    """A list of names that are all first-level areas of one country ("Grand'Anse, Sud and Nippes",
    each also a place elsewhere) is in that country: every member votes for it."""
    members = sorted(doc.mentions + listed, key=lambda m: m.start)
    chains: list[list[Mention]] = []
    for m in members:
        if chains and chains[-1][-1].end <= m.start and list_gap(doc.body[chains[-1][-1].end:m.start]):
            chains[-1].append(m)
        else:
            chains.append([m])
    for chain in chains:
        if len(chain) < 2:
            continue
        # "Kidal, Gao and Timbuktu regions": the word after a list says what each member is.
        after = fold(doc.body[chain[-1].end:chain[-1].end + 20]).split()[:1]
        kind = "admin1" if set(after) & ADMIN1_PLURALS else "region" if set(after) & ADMIN2_PLURALS else None
        common: set[str] | None = None
        for m in chain:
            codes = {c.country for text in name_variants(m.text) for c in gaz.lookup(text)
                     if c.tier == PRIMARY or (c.kind == "admin1" and c.tier == ALTERNATE)}
            common = codes if common is None else common & codes
        if not common or len(common) != 1:
            continue
        code = common.pop()
        for m in chain:
            if m.label == "LISTED" and not any(c.kind == "admin1" and c.country == code
                                               for c in gaz.lookup(m.text)):
                continue  # a name inside a person's or body's span is a place only as a province
            ctx.add_own(m.start, code, 0.6)
            if kind and m.kind is None:
                m.kind = kind
            if m.label == "LISTED":
                doc.mentions.append(m)
    doc.mentions.sort(key=lambda m: m.start)


def part_country(gaz: Gazetteer, text: str) -> str | None:
    """The one country whose admin1 names are this name plus a direction ("Darfur": Sudan)."""
    for variant in name_variants(text):
        codes = {c.country for c in gaz.lookup_part(variant)}
        if codes:
            return codes.pop() if len(codes) == 1 else None
    return None
