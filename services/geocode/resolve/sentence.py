"""What a figure's own sentence says about its place: the place it opens with, where people crossed or
went, the origin, the event's place, a list's head, the area an unknown name lies in."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from geocode.gazetteer import PRIMARY, Candidate, Gazetteer, distance_km
from geocode.normalize import fold
from geocode.resolve.candidates import resolve
from geocode.resolve.context import Context, codes_in, part_country
from geocode.resolve.model import ArticleText, Mention, Resolved
from geocode.resolve.names import holds, list_gap, looks_like_name, scope_pattern, within
from geocode.resolve.roles import clause_place, context_only, role_of
from geocode.resolve.words import (BORDER_PHRASE, CLAUSE_BREAK, COUNTRYWIDE, CROSSING_TOWN_KM, ENTRY_BEFORE,
                                   EVENT_BEFORE, FRAME_GAP, FROM_BEFORE, HEADING_BEFORE, IN_DIRECTION, LISTED_BEFORE,
                                   LIST_GOES_ON, LOCATED_BEFORE, MOSTLY_IN, OPENS_WITH, OWNS, PERSON_AFTER,
                                   PERSON_BEFORE, PLACE_LABELS, PLACE_WORDS, POSSESSIVE, RESPECTIVELY, RETURN,
                                   SAME_PEOPLE, SPECIFICITY, THE_AREA, WORD)
from wirewatch.contracts import Figure
from wirewatch.places.countries import country_names


def sentence_bounds(doc: ArticleText, figure: Figure) -> tuple[int, int]:
    return find_sentence(doc.body, figure.sentence, figure.span.start, figure.span.end)


# Every rule asks; a figure's sentence is found in the body once.
@functools.lru_cache(maxsize=1024)
def find_sentence(body: str, sentence: str, span_start: int, span_end: int) -> tuple[int, int]:
    start = body.rfind(sentence, 0, span_end + len(sentence)) if sentence else -1
    if start < 0 or not (start <= span_start <= start + len(sentence)):
        start = body.rfind(sentence[:40], max(0, span_start - len(sentence)), span_start + 1) if sentence else -1
    if start < 0:
        return max(0, span_start - 200), span_end + 200
    return start, start + len(sentence)


def from_sentence(gaz: Gazetteer, doc: ArticleText, ctx: Context, figure: Figure, resolved, exclude: Mention | None,
                  keep=lambda c: True):
    lo, hi = sentence_bounds(doc, figure)
    options = []
    for m, r in resolved:
        if r.candidate is None or not (lo <= m.start < hi) or (exclude and m.start == exclude.start):
            continue
        if not keep(r.candidate):
            continue
        options.append((SPECIFICITY.get(r.candidate.kind, 0), m.start >= figure.span.end,
                        -abs(m.start - figure.span.start), m, r))
    # Borders named in the sentence without an entity ("stranded on the Turkish border").
    for m, r in borders_named(gaz, doc, ctx, lo, hi, "at"):
        if r.candidate is not None and keep(r.candidate):
            options.append((min(SPECIFICITY.get(r.candidate.kind, 0), 5), m.start >= figure.span.end,
                            -abs(m.start - figure.span.start), m, r))
    # A place the parse gives only as context ("near the border with B") yields to any other.
    options = [o for o in options if not context_only(figure, o[3])] or options
    if not options:
        return None
    # The figure's own clause first ("In Cagayan, 60,000 were evacuated, while 25,000 were moved
    # in Isabela"); then the most specific; then a place after the number ("... at the border,
    # another 10,000 were displaced to Afrin"); then the nearest ("stranded on the Turkish border
    # after fleeing an offensive near Aleppo" is about the border).
    clause_lo, clause_hi = clause_bounds(doc, figure, lo, hi)
    own = [o for o in options if clause_lo <= o[3].start < clause_hi]
    best = max(own or options, key=lambda o: o[:3])
    return best[3], best[4]


def clause_bounds(doc: ArticleText, figure: Figure, lo: int, hi: int) -> tuple[int, int]:
    """The stretch of the sentence between the clause breaks around the figure's number."""
    before = [m.end() for m in CLAUSE_BREAK.finditer(doc.body, lo, figure.span.start)]
    after = CLAUSE_BREAK.search(doc.body, figure.span.end, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def borders_named(gaz: Gazetteer, doc: ArticleText, ctx: Context, lo: int, hi: int, role: str) -> list[tuple[Mention,
                  Resolved]]:
    """Borders the text names in [lo, hi) without an entity ("stranded on the Turkish border")."""
    found = []
    for match in BORDER_PHRASE.finditer(doc.body, lo, hi):
        m = Mention(match.group(0), match.start(), match.end(), "BORDER", role)
        found.append((m, resolve(gaz, doc, ctx, m)))
    return found


def list_head(gaz: Gazetteer, doc: ArticleText, mention: Mention, result: Resolved | None, resolved):
    """The first resolved member of a list of places ending at `mention` ("A, B and C"), or None
    when the mention is in no list or already heads it, or the list is read "respectively"."""
    if RESPECTIVELY.match(doc.body, mention.end):
        return None  # "12,000 and 8,000 in Sindh and Punjab respectively": ner paired them
    ordered = sorted(resolved, key=lambda mr: mr[0].start)
    chain: list[tuple[Mention, Resolved]] = []
    tail_start = mention.start
    for m, r in reversed(ordered):
        if m.end > tail_start:
            continue
        if not list_gap(doc.body[m.end:tail_start]):
            break
        if gaz.lookup(doc.body[m.start:mention.end]):
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


def opening_place(doc: ArticleText, figure: Figure, resolved):
    """The place a sentence opens with ("In Orvani district, nearly 200 people ..."), when no other
    place comes between it and the figure's number."""
    lo, _ = sentence_bounds(doc, figure)
    before = [(m, r) for m, r in resolved if lo <= m.start and m.end <= figure.span.start]
    if not before:
        return None
    m, r = min(before, key=lambda mr: mr[0].start)
    if context_only(figure, m):
        return None  # "Near the border with B, 2,000 ... in A": the sentence opens with context
    if r.candidate is None or r.candidate.kind == "border" or len(before) > 1 and any(
            o.start >= m.end for o, _ in before):
        return None
    if not OPENS_WITH.fullmatch(doc.body[lo:m.start]):
        return None
    if not FRAME_GAP.fullmatch(doc.body[m.end:figure.span.start]):
        return None
    return m, r


def unknown_in_sentence(gaz: Gazetteer, doc: ArticleText, ctx: Context, figure: Figure, resolved):
    """A name of the figure's own sentence the gazetteer lacks ("in the Pacific Coast region",
    "on Mo'orea atoll") says more than a place of another sentence: it keeps its words, with its
    area or country."""
    lo, hi = sentence_bounds(doc, figure)
    # A scanned name counts only with a place word after it ("Mo'orea atoll"): "of Responsibility" is none.
    unknown = [m for m, r in resolved if r.candidate is None and lo <= m.start < hi and looks_like_name(m.text)
               and (m.label in PLACE_LABELS or m.label == "SCAN"
                    and fold(doc.body[m.end:m.end + 20]).split()[:1] and
                    fold(doc.body[m.end:m.end + 20]).split()[0] in PLACE_WORDS)]
    if not unknown:
        return None
    nearest = min(unknown, key=lambda m: abs(m.start - figure.span.start))
    held = container_of(gaz, doc, ctx, nearest, figure, resolved)
    if held is None:
        return None
    return nearest, Resolved(held.candidate, min(held.confidence, 0.3))


def town_read_as_person(gaz: Gazetteer, doc: ArticleText, ctx: Context, figure: Figure):
    """Last resort for a figure with no place at all: a one-word PERSON span of its sentence that
    is the name of a sizeable town in one country only ("Kutkai was hosting 50 displaced people"):
    the small model reads unfamiliar towns as people. Low confidence: it may still be a person."""
    lo, hi = sentence_bounds(doc, figure)
    for start, end in doc.blocked:
        text = doc.body[start:end]
        if not (lo <= start < hi) or " " in text or len(text) < 4 or not text[:1].isupper() or text.isupper():
            continue
        towns = [c for c in gaz.lookup(text) if c.tier == PRIMARY]
        if len({c.country for c in towns}) != 1 or any(c.kind not in ("city", "region") for c in towns):
            continue
        if ctx.countries and not ctx.supports(towns[0]):
            continue
        if PERSON_AFTER.match(doc.body, end) or PERSON_BEFORE.search(doc.body[max(0, start - 20):start]):
            continue  # "Obama said", "President Obama": a person after all
        best = max(towns, key=lambda c: (c.kind == "city", c.population))
        if best.kind == "city" and best.population >= 20_000 and fold(best.name) == fold(text):
            return Mention(text, start, end, "PERSON", "in"), Resolved(best, 0.3)
    return None


def home_country(gaz: Gazetteer, doc: ArticleText, figure: Figure, left: str) -> Candidate | None:
    """For a figure of returnees, the other country its sentence names (by name or nationality)."""
    lo, hi = sentence_bounds(doc, figure)
    sentence = doc.body[lo:hi]
    if not RETURN.search(sentence):
        return None
    codes = []
    for match in WORD.finditer(sentence):
        codes += [c for c in codes_in(gaz, match.group(0).replace("\u2019", "'").split()) if c != left]
    return gaz.country(codes[0]) if len(set(codes)) == 1 else None


def mostly_in(doc: ArticleText, figure: Figure, resolved):
    """A place of the figure's sentence, after the number, that the words before it say holds most
    of the people ("with the majority in Nigeria")."""
    _, hi = sentence_bounds(doc, figure)
    if SAME_PEOPLE.match(doc.body, hi):
        stop = doc.body.find(". ", hi)
        hi = stop if 0 <= stop - hi <= 300 else hi
    for m, r in sorted(resolved, key=lambda mr: mr[0].start):
        if r.candidate is None or not (figure.span.end <= m.start < hi) or r.candidate.kind == "border":
            continue
        if MOSTLY_IN.search(doc.body[max(figure.span.end, m.start - 50):m.start]):
            return m, r
    return None


def inside_the_country(doc: ArticleText, figure: Figure, country: str, resolved):
    """'Au Mali, 5 000 personnes ont été déplacées ... dans la région de Mopti': a place of the
    figure's sentence inside the country the figure was placed at, which the words before it locate
    something in or ner reads as where people left, says more than the country (the containing unit
    first, then the place in it)."""
    lo, hi = sentence_bounds(doc, figure)
    options = []
    for m, r in resolved:
        c = r.candidate
        if c is None or not (lo <= m.start < hi) or c.country != country or c.kind in ("country", "border"):
            continue
        if context_only(figure, m) or role_of(figure, m.start, m.end) in ("to", "toward"):
            continue
        # ... or that ner's parse names as where the people left ("Au Mali, 5 000 personnes ont fui
        # Djibo": displacement is counted where it started)
        if LOCATED_BEFORE.search(doc.body, max(lo, m.start - 45), m.start) or role_of(figure, m.start, m.end) == "from":
            options.append((SPECIFICITY.get(c.kind, 0), -abs(m.start - figure.span.start), m, r))
    if not options:
        return None
    best = max(options, key=lambda o: o[:2])
    return best[2], best[3]


def event_place(doc: ArticleText, figure: Figure, resolved):
    """The first place before the number that the sentence says something happened in."""
    lo, _ = sentence_bounds(doc, figure)
    for m, r in sorted(resolved, key=lambda mr: mr[0].start):
        if r.candidate is None or not (lo <= m.start < figure.span.start) or r.candidate.kind == "border":
            continue
        if EVENT_BEFORE.search(doc.body[max(lo, m.start - 80):m.start]):
            return m, r
    return None


def entry_point(gaz: Gazetteer, doc: ArticleText, figure: Figure, resolved, into: str | None, out_of: str | None):
    """The place of the figure's sentence where people crossed into `into` or out of `out_of`
    ("at Adre", "through Cucuta"), as the curated crossing there when there is one. A crossing's
    `country` is the side people leave from; the mention's role is "to"."""
    lo, hi = sentence_bounds(doc, figure)
    known = into or out_of
    for m, r in sorted(resolved, key=lambda mr: mr[0].start):
        c = r.candidate
        if c is None or not (lo <= m.start < hi) or c.kind in ("country", "border"):
            continue
        if not ENTRY_BEFORE.search(doc.body, max(lo, m.start - 40), m.start):
            continue
        if c.kind != "crossing":
            if into is not None and c.country != into:
                continue  # a town of the country they went to, or its crossing
            c = crossing_at(gaz, c, known) or c
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


def heading_place(gaz: Gazetteer, doc: ArticleText, ctx: Context, figure: Figure, origin: Mention, resolved):
    """Where people went: the destination the parse gives the figure's clause ("from A into B"), else
    the place after `origin` in the figure's sentence that the words say people went into or toward."""
    destination = clause_place(figure, resolved, ("to", "toward"), exclude=origin)
    if destination is not None:
        return destination
    _, hi = sentence_bounds(doc, figure)
    options = [(m, r) for m, r in resolved if r.candidate is not None and origin.end <= m.start < hi]
    options += borders_named(gaz, doc, ctx, origin.end, hi, "toward")
    for m, r in sorted(options, key=lambda mr: mr[0].start):
        if r.candidate is not None and HEADING_BEFORE.search(doc.body, max(origin.end, m.start - 30), m.start):
            return Mention(m.text, m.start, m.end, m.label, "to"), r
    return None


def owned_by(doc: ArticleText, mention: Mention, area: Candidate, resolved):
    """The resolved place inside `area` named right after "<area>'s" or "<area> state of"."""
    owns = POSSESSIVE.match(doc.body, mention.end) or OWNS.match(doc.body, mention.end)
    if owns is None and not re.search(r"['\u2019]s$", mention.text):
        return None
    after = owns.end() if owns is not None else mention.end
    for m, r in resolved:
        if r.candidate is not None and r.candidate.key != area.key and within(r.candidate, area) \
                and after <= m.start <= after + 1:
            return m, r
    return None


def crossing_at(gaz: Gazetteer, town: Candidate, country: str) -> Candidate | None:
    """A curated crossing of `country`'s border within a few kilometres of `town`."""
    if town.lat is None:
        return None
    near = [(distance_km(x.lat, x.lon, town.lat, town.lon), x) for x in gaz.crossings()
            if country in x.countries and x.lat is not None]
    near = [(d, x) for d, x in near if d <= CROSSING_TOWN_KM]
    return min(near, key=lambda dx: dx[0])[1] if near else None


def is_listed(doc: ArticleText, mention: Mention) -> bool:
    """Whether the mention is one of several names listed together ("from A and B areas")."""
    before = doc.body[max(0, mention.start - 40):mention.start]
    return LIST_GOES_ON.match(doc.body, mention.end) is not None or LISTED_BEFORE.search(before) is not None


def scope_of(doc: ArticleText, country: Candidate, figure: Figure) -> Mention:
    """The words a figure placed only by the article's main country is given: how the body names
    the part of the country it is about ("southern Brazil", "south China"), else the country's name
    (with the figure's own span)."""
    names = {country.name, *country_names(country.country)}
    match = scope_pattern(tuple(sorted(names, key=len, reverse=True))).search(doc.body)
    if match:
        return Mention(match.group(0), match.start(), match.end(), "CONTEXT", "context")
    return Mention(country.name, figure.span.start, figure.span.end, "CONTEXT", "context")


def part_of_country(gaz: Gazetteer, doc: ArticleText, ctx: Context, figure: Figure):
    """'403,000 people in the south': a figure said to be in a part of the article's main country
    named only by its direction is that country's, in the article's words for the part."""
    if not IN_DIRECTION.match(doc.body, figure.span.end):
        return None
    code = ctx.main_country()
    country = gaz.country(code) if code else None
    if country is None:
        return None
    return scope_of(doc, country, figure), Resolved(country, 0.5)


def fled_from(doc: ArticleText, figure: Figure, destination: Mention, resolved):
    """'1,200 families fled from Ras al-Ain to Tal Tamer': the place people left, which is where
    displacement is recorded: the origin the parse gives the figure's clause, else a place the words
    of the sentence say people fled from."""
    origin = clause_place(figure, resolved, ("from",), exclude=destination)
    if origin is not None:
        return origin
    lo, hi = sentence_bounds(doc, figure)
    for m, r in sorted(resolved, key=lambda mr: mr[0].start):
        if r.candidate is None or not (lo <= m.start < hi) or m.start == destination.start \
                or r.candidate.kind == "border":
            continue
        if FROM_BEFORE.search(doc.body, max(lo, m.start - 25), m.start):
            return Mention(m.text, m.start, m.end, m.label, "from"), r
    return None


def the_area_named(doc: ArticleText, figure: Figure, resolved):
    """'floods across the state displaced 400,000': the area of that kind the article named last
    before the figure ("Assam")."""
    lo, hi = sentence_bounds(doc, figure)
    match = THE_AREA.search(doc.body, lo, hi)
    if match is None:
        return None
    kinds = ("region",) if match.group("kind").lower() in ("district", "county") else ("admin1",)
    before = [(m, r) for m, r in resolved if r.candidate is not None and r.candidate.kind in kinds
              and m.end <= figure.span.start]
    if not before:
        return None
    m, r = max(before, key=lambda mr: mr[0].start)
    return m, Resolved(r.candidate, round(r.confidence * 0.8, 2))


def is_countrywide(doc: ArticleText, figure: Figure) -> bool:
    """Whether the figure's sentence says it spans many provinces ("storms slammed eight
    provinces, leaving hundreds of houses destroyed"): then no one place of another sentence is
    its place."""
    lo, hi = sentence_bounds(doc, figure)
    return COUNTRYWIDE.search(doc.body, lo, hi) is not None


def from_before(doc: ArticleText, figure: Figure, resolved):
    lo = max(0, figure.span.start - 400)
    paragraph = doc.body.rfind("\n\n", 0, figure.span.start)
    lo = max(lo, paragraph)
    before = [(m, r) for m, r in resolved if r.candidate is not None and lo <= m.start < figure.span.start
              and r.candidate.kind != "country"]
    if before:
        m, r = max(before, key=lambda mr: mr[0].start)
        return m, Resolved(r.candidate, round(r.confidence * 0.6, 2))
    # Summaries often give the figure first and the place in the next sentence ("13,000 were
    # displaced on 3 March. Most fled operations in western Mosul").
    hi = figure.span.end + 300
    paragraph_end = doc.body.find("\n\n", figure.span.end)
    hi = min(hi, paragraph_end) if paragraph_end >= 0 else hi
    after = [(m, r) for m, r in resolved if r.candidate is not None and figure.span.end <= m.start < hi
             and r.candidate.kind != "country"]
    if after:
        m, r = min(after, key=lambda mr: mr[0].start)
        return m, Resolved(r.candidate, round(r.confidence * 0.5, 2))
    return None


def container_of(gaz: Gazetteer, doc: ArticleText, ctx: Context, mention: Mention, figure: Figure,
                 resolved) -> Resolved | None:
    """The admin area or country holding an unresolved mention, from the sentence's words.

    "Bulilima district in Matabeleland South", "Ulang, in Upper Nile state", "Kessala
    (Haut-Katanga)": an area named right after it with only place words and "in"/","/"(" between.
    Otherwise its country: the one ner read with the words, the one every place resolved in the
    sentence is in, or the article's main country."""
    lo, hi = sentence_bounds(doc, figure)
    for m, r in sorted(resolved, key=lambda mr: mr[0].start):
        if r.candidate is None or m.start < mention.end or m.start - mention.end > 80:
            continue
        if r.candidate.kind not in ("admin1", "region", "country"):
            continue
        between = doc.body[mention.end:m.start]
        if holds(between, doc.body[m.end:m.end + 40]):
            return r
        break  # the nearest resolved place after the words decides
    code = mention.country
    part = part_country(gaz, mention.text)
    if code is None and part and (part in ctx.countries or not ctx.countries):
        code = part
    if code is None:
        # (not a place named only as context: "X, near the border with Uganda" is not in Uganda)
        codes = {r.candidate.country for m, r in resolved
                 if r.candidate is not None and lo <= m.start < hi and r.candidate.kind != "border"
                 and not context_only(figure, m)}
        codes.discard(None)
        if len(codes) == 1:
            code = codes.pop()
            # The province an armed group of the sentence is named after is the nearest thing to
            # an area the text gives ("camp X ... fighting with the Karen National Union").
            groups = [r for m, r in resolved if m.label == "GROUP" and lo <= m.start < hi
                      and r.candidate is not None and r.candidate.country == code]
            if len(groups) == 1:
                return Resolved(groups[0].candidate, 0.3)
    code = code or ctx.main_country() or part
    country = gaz.country(code) if code else None
    return Resolved(country, 0.3) if country is not None else None
