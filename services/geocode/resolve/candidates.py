"""Step 2, candidates: every gazetteer entry a mention's name may mean, read with the words around it
(kind hints, borders, repaired spellings); `resolve_all` resolves the article's mentions in two passes."""

from __future__ import annotations

import re
from dataclasses import replace

from geocode.borders import nearest_point
from geocode.gazetteer import Candidate, Gazetteer, distance_km
from geocode.normalize import fold, name_key
from geocode.resolve.choose import choose
from geocode.resolve.context import Context, country_code, read_candidate_countries, read_countries, read_list_countries
from geocode.resolve.model import ArticleText, Mention, Resolved
from geocode.resolve.names import bare_border, list_parts, name_variants, repaired_names, without_the, world_region
from geocode.resolve.regions import part_region, region_name, region_of_parts
from geocode.resolve.units import unit_candidates
from geocode.resolve.words import (ADMIN1_WORDS, ADMIN2_WORDS, BORDER_WORDS, CAMP_WORDS, CITY_WORDS, CROSSING_WORDS,
                                   DIRECTIONS, LEADING, LOST_VOWEL, SHARED_COUNTRY_NAMES, VILLAGE_WORDS)
from wirewatch.places.countries import country_of_demonym, country_of_name


def resolve_all(gaz: Gazetteer, doc: ArticleText, ctx: Context,
                listed: list[Mention]) -> list[tuple[Mention, Resolved]]:
    """Every mention of the article with what it resolved to. Countries are read first; a first pass
    finds anchors (places resolved with confidence), a second re-ranks every mention with distances
    to them. `listed` are names inside other spans that count only as members of a list."""
    read_countries(gaz, doc, ctx)
    read_list_countries(gaz, doc, ctx, listed)  # after read_countries, which starts the counts afresh
    ctx.names = {m.start: name_variants(m.text)[-1].casefold() for m in doc.mentions}
    read_candidate_countries(gaz, doc, ctx)
    first = [(m, resolve(gaz, doc, ctx, m)) for m in doc.mentions]
    anchors = [(m.start, r.candidate) for m, r in first
               if r.candidate is not None and r.confidence >= 0.5 and r.candidate.kind not in ("country", "border")]
    if anchors:
        ctx.anchors = anchors
        seen: set = set()
        for start, anchor in anchors:
            if anchor.country and anchor.key not in seen:
                seen.add(anchor.key)
                ctx.add_own(start, anchor.country, 0.5)
                ctx.placed[anchor.country] += 0.5
        ctx.resolutions.clear()
        first = [(m, resolve(gaz, doc, ctx, m)) for m in doc.mentions]
    return first


def resolve(gaz: Gazetteer, doc: ArticleText, ctx: Context, mention: Mention) -> Resolved:
    key = (mention.text, mention.start, mention.end, mention.label, mention.kind, mention.country, mention.role)
    if key not in ctx.resolutions:
        ctx.resolutions[key] = resolve_uncached(gaz, doc, ctx, mention)
    return ctx.resolutions[key]


def resolve_uncached(gaz: Gazetteer, doc: ArticleText, ctx: Context, mention: Mention) -> Resolved:
    if mention.kind == "country" and mention.country and gaz.country(mention.country) is not None:
        # ner's ruler named the country in the text's own language ("la Syrie", "Tchad").
        return Resolved(gaz.country(mention.country), 0.9)
    words = fold(mention.text).split()
    while words and words[0] in LEADING:
        words = words[1:]
    if not words:
        return Resolved(None, 0.0, "empty mention")
    if world_region(mention.text):
        return Resolved(None, 0.0, f"{mention.text!r} is a world region, wider than any place in the index")
    if all(w in DIRECTIONS for w in " ".join(words).replace("-", " ").split()):
        # "in the North", "the West's inability": a direction, unless the words call it a province
        # of a country the article is about ("Cameroon's South-West region").
        directed = resolve_name(gaz, doc, ctx, mention, words, "admin1") \
            if kind_hint(doc, mention, words) == "admin1" else Resolved(None, 0.0)
        if directed.candidate is None or not ctx.supports(directed.candidate, mention.start):
            return Resolved(None, 0.0, f"{mention.text!r} is a direction, not a place's name")
        return directed
    shared = SHARED_COUNTRY_NAMES.get(without_the(mention.text))
    if shared:
        code = max(shared, key=lambda c: (ctx.countries.get(c, 0.0), -shared.index(c)))
        return Resolved(gaz.country(code), 0.7)
    abbreviated = country_of_name(mention.text) if mention.text.replace(".", "").isupper() else None
    if abbreviated and gaz.country(abbreviated) is not None:
        # "US", "U.S.", "DRC": the index only knows such letters as the names of small towns.
        return Resolved(gaz.country(abbreviated), 0.8)
    if BORDER_WORDS & set(words):
        if CROSSING_WORDS & set(words):
            named = resolve_name(gaz, doc, ctx, mention, [w for w in words if w not in BORDER_WORDS], "crossing")
            if named.candidate is not None and named.candidate.kind == "crossing":
                return named
        return resolve_border(gaz, doc, ctx, mention, words)
    return resolve_name(gaz, doc, ctx, mention, words, mention.kind or kind_hint(doc, mention, words))


def resolve_name(gaz: Gazetteer, doc: ArticleText, ctx: Context, mention: Mention, words: list[str],
                 hint: str | None) -> Resolved:
    texts = name_variants(mention.text, words)
    candidates: dict = {}
    matched = texts[-1]
    # A name missing a letter is another name's key ("Choc’_" is not Choc, Saint Lucia).
    for text in texts if not LOST_VOWEL.search(mention.text) else ():
        # (and islands, "Java", "Sulawesi", unless the words call the name a settlement, "Java village",
        # or the article is about other countries: there a namesake is likelier)
        # (and regions named by their provinces' names, "Mindanao", "Darfur", on the same terms)
        part = part_region(gaz, text, region_name(mention.text))
        islands = [c for c in (*unit_candidates(gaz, text), *((part,) if part else ()))
                   if hint not in ("city", "village", "camp", "crossing")
                   and (ctx.supports(c, mention.start) or not ctx.has_countries(mention.start))]
        for c in (*gaz.lookup(text), *islands):
            if c.key not in candidates or c.tier < candidates[c.key].tier:
                candidates[c.key] = c
        if candidates:
            matched = text
            break
    if not candidates:
        # Text from PDFs: "Choc’_" lost its accented vowel, "Kouitown" its space. Every
        # repair that names a place competes, in the same context.
        for repaired in repaired_names(mention.text):
            hint = hint or kind_hint(doc, mention, fold(repaired).split())
            for text in name_variants(repaired):
                found = [c for c in gaz.lookup(text) if c.key not in candidates]
                for c in found:
                    candidates[c.key] = c
                if found:
                    if max(c.population for c in found) >= max(c.population for c in candidates.values()):
                        matched = text
                    break
    if not any(ctx.supports(c, mention.start) for c in candidates.values()) \
            and ctx.has_countries(mention.start):
        # A skeleton match is only believable next to places already found ("Tal Rafaat" by Azaz).
        for text in texts[-1:]:
            for c in gaz.lookup_loose(text):
                near = ctx.nearest_km(c, mention.start)
                # (a province's centre says little: its name among the country's few is enough)
                if ctx.supports(c, mention.start) and c.key not in candidates \
                        and (c.kind == "admin1" or near is not None and near <= 150):
                    candidates[c.key] = c
    if mention.label in ("MISREAD", "GROUP"):
        candidates = {k: c for k, c in candidates.items() if c.country == mention.country}
    if not candidates:
        # One span for a list ("Bocaranga and Koui", or "Bocarangaand Koui" from a PDF): its first
        # member that resolves stands for it, read in the same context.
        for part in list_parts(mention.text):
            sub = Mention(part, mention.start, mention.end, mention.label, mention.role, kind=mention.kind,
                          country=mention.country)
            words = fold(part).split()
            if not words:
                continue
            found = resolve_name(gaz, doc, ctx, sub, words, mention.kind or kind_hint(doc, mention, words))
            if found.candidate is not None:
                return found
        return region_of_parts(gaz, ctx, mention) or Resolved(None, 0.0, f"no gazetteer entry for {mention.text!r}")
    chosen = choose(ctx, mention, list(candidates.values()), hint, matched)
    if hint == "admin1" and chosen.candidate is not None and chosen.candidate.kind in ("city", "region"):
        # "Hodeidah governorate": GeoNames may give a spelling only to the town; the province
        # it names and is the seat of is meant.
        chosen = namesake_admin1(gaz, chosen)
    if mention.label == "GROUP" and chosen.candidate is not None:
        # Where a group is from is only a hint of where it fights.
        chosen = replace(chosen, confidence=min(chosen.confidence, 0.4))
    return chosen


def namesake_admin1(gaz: Gazetteer, chosen: Resolved) -> Resolved:
    town = chosen.candidate
    name = gaz.admin1_name(town.admin1) if town.admin1 else None
    if name is None or name_key(name) != name_key(town.name):  # ("Ḩamāh" is "Hama")
        return chosen
    for c in gaz.lookup(name):
        if c.kind == "admin1" and c.admin1 == town.admin1:
            return replace(chosen, candidate=c)
    return chosen


def kind_hint(doc: ArticleText, mention: Mention, words: list[str]) -> str | None:
    after = fold(doc.body[mention.end:mention.end + 30]).split()[:2]
    if after[1:] == ["of"]:
        after = []  # "the Niger state of Dosso": the word is about the name after "of"
    before = fold(doc.body[max(0, mention.start - 30):mention.start]).split()[-3:]
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


def resolve_border(gaz: Gazetteer, doc: ArticleText, ctx: Context, mention: Mention, words: list[str]) -> Resolved:
    """'the Turkish border' -> a crossing the article names on that border, else a border place."""
    named = {mention.country} if mention.country else set()
    raw = [w for w in re.split(r"[\s\-\u2013\u2014/]+", mention.text) if w]
    for word in raw:
        code = country_of_demonym(fold(word)) or (country_code(gaz, word) if word[:1].isupper() else None)
        if code:
            named.add(code)
    after = fold(doc.body[mention.end:mention.end + 40]).split()
    if after[:1] == ["with"] or after[:1] == ["into"]:
        tail = " ".join(doc.body[mention.end:mention.end + 40].split()[1:3])
        for n in (2, 1):
            code = country_code(gaz, " ".join(tail.split()[:n]))
            if code:
                named.add(code)
                break
    crossing = crossing_for(gaz, doc, ctx, named, mention)
    if crossing is not None:
        return crossing
    # The people are on the side of the article's main country; the border joins it to the named one,
    # so it is the main one among the countries that touch it ("the Turkish border" in a story about
    # Afghans is Turkey's border, not an Afghanistan-Turkey border that does not exist).
    touching = frozenset().union(*(gaz.neighbours(code) for code in named)) if named else None
    main = ctx.main_country(exclude=named, among=touching)
    pair = sorted(named | ({main} if main else set()))
    if not pair:
        return Resolved(None, 0.0, "a border, but the article names no country")
    country = main or pair[0]
    names = [country_name_of(gaz, c) for c in pair]
    name = ("\u2013".join(names) + " border") if len(names) > 1 else f"{names[0]} border"
    # Shown at the point of that border nearest the article's places (or its countries' points).
    near = [(a.lat, a.lon) for _, a in ctx.anchors if a.lat is not None] or [
        (c.lat, c.lon) for c in map(gaz.country, pair) if c is not None and c.lat is not None]
    point = nearest_point(gaz.border_points("|".join(pair)), near)
    border = Candidate(key=f"border:{'|'.join(pair)}", kind="border", name=name, country=country, admin1=None,
                       lat=point[0] if point else None, lon=point[1] if point else None, population=0,
                       countries=tuple(pair))
    return Resolved(border, 0.4)


def crossing_for(gaz: Gazetteer, doc: ArticleText, ctx: Context, named: set[str], mention: Mention) -> Resolved | None:
    def fits(c: Candidate) -> bool:
        return not named or bool(named & set(c.countries))

    # Named crossings only: a border mention never resolves through another border mention.
    named_mentions = [m for m in doc.mentions if m is not mention and not bare_border(m.text)]
    in_article = [(abs(m.start - mention.start), r.candidate) for m in named_mentions
                  for r in [resolve(gaz, doc, ctx, m)] if r.candidate is not None
                  and r.candidate.kind == "crossing" and fits(r.candidate)]
    if in_article:
        return Resolved(min(in_article, key=lambda dc: dc[0])[1], 0.7)
    anchors = [a for _, a in ctx.anchors if a.lat is not None]
    if not anchors:
        return None
    best = None
    for crossing in gaz.crossings():
        if not fits(crossing) or not any(c in ctx.countries for c in crossing.countries):
            continue
        d = min(distance_km(crossing.lat, crossing.lon, a.lat, a.lon) for a in anchors)
        if d <= 75 and (best is None or d < best[0]):
            best = (d, crossing)
    return Resolved(best[1], 0.5) if best else None


def country_name_of(gaz: Gazetteer, code: str) -> str:
    country = gaz.country(code)
    return country.name if country else code
