"""Step 5, place the figure: ner's place mention first, then what the sentence says overrides it, then
fallbacks (a place of the sentence, before it, the article's country); and the output `Place`."""

from __future__ import annotations

from geocode.gazetteer import Gazetteer
from geocode.resolve.candidates import resolve
from geocode.resolve.context import Context
from geocode.resolve.model import ArticleText, Mention, Resolved
from geocode.resolve.names import hint_kind, looks_like_name, within
from geocode.resolve.points import point_of
from geocode.resolve.sentence import (container_of, entry_point, event_place, fled_from, from_before, from_sentence,
                                      heading_place, home_country, inside_the_country, is_countrywide, is_listed,
                                      list_head, mostly_in, opening_place, owned_by, part_of_country, scope_of,
                                      the_area_named, town_read_as_person, unknown_in_sentence)
from geocode.resolve.words import ROLES
from wirewatch.contracts import Figure, Place, Span


def place_figure(gaz: Gazetteer, doc: ArticleText, ctx: Context, figure: Figure,
                 resolved: list[tuple[Mention, Resolved]], evidence: dict | None = None) -> Figure:
    result: Resolved | None = None
    mention: Mention | None = None
    reason = None
    tried: tuple[str, Resolved] | None = None  # ner's mention and what it resolved to, for `evidence`
    pm = figure.place_mention
    if pm is not None and pm.role == "context":
        # ner fell back on a place named earlier; a place in the figure's own sentence is better.
        picked = from_sentence(gaz, doc, ctx, figure, resolved, exclude=None) \
            or unknown_in_sentence(gaz, doc, ctx, figure, resolved)
        if picked is not None:
            mention, result = picked
            pm = None
        elif is_countrywide(doc, figure):
            pm = None  # nor is a place of another sentence, when this one spans many
    if result is None and pm is not None:
        mention = Mention(pm.text, pm.start, pm.end, "MENTION", pm.role,
                          kind=hint_kind(getattr(pm, "kind", None)), country=getattr(pm, "country", None))
        same = [r for m, r in resolved if m.start == pm.start and m.end == pm.end and r.candidate is not None]
        # (ner naming the words as the figure's place is more than a scan of capitalised words found)
        result = same[0] if same else resolve(gaz, doc, ctx, mention)
        tried = (pm.text, result)
        if result.candidate is None:
            reason = result.reason
            result = None
    if result is not None and mention is not None and mention.role == "from" and figure.category == "cross_border":
        # "4,000 people from Aleppo crossed into Turkey", "fled Idlib toward the Turkish border": a
        # flow across a border is counted where it goes, as its alerts read it.
        heading = heading_place(gaz, doc, ctx, figure, mention, resolved)
        if heading is not None:
            mention, result = heading
    if result is not None and mention is not None and result.candidate.kind == "country" \
            and figure.category == "cross_border" and mention.role in ("to", "toward", "from"):
        # "crossed into Chad at Adre", "from Ukraine into Poland at Medyka": where they crossed
        # says more than either country.
        side = result.candidate.country
        entry = entry_point(gaz, doc, figure, resolved, into=side if mention.role != "from" else None,
                                  out_of=side if mention.role == "from" else None)
        if entry is not None:
            mention, result = entry
    if result is not None and mention is not None and result.candidate.kind in ("country", "admin1") \
            and mention.role not in ("to", "toward"):
        # "in Ethiopia's Somali region", "Cabo Delgado's Macomia district", "the US state of
        # Georgia": the place the area's name is the possessive of.
        owned = owned_by(doc, mention, result.candidate, resolved)
        if owned is not None:
            mention, result = owned
    if result is not None and mention is not None and mention.role in ("to", "toward") \
            and result.candidate.kind == "country" and figure.category == "displacement":
        # "500 people displaced in Rakhine state fled to Bangladesh": displacement is recorded where
        # it started, so a place of another country in the sentence wins over the destination.
        # (A cross-border flow keeps its destination: that is where its alerts count it.)
        origin = from_sentence(gaz, doc, ctx, figure, resolved, exclude=mention,
                                     keep=lambda c: c.country != result.candidate.country and c.kind != "border")
        if origin is not None:
            mention, result = origin
    frame = opening_place(doc, figure, resolved)
    if frame is not None and (result is None or not within(result.candidate, frame[1].candidate)
                              or mention is not None and is_listed(doc, mention)):
        # "In Pursat, 40 huts were flattened ..., while in Kampot, 25 ...": the place
        # a sentence opens with holds its figure; a later place counts only if it lies inside it,
        # and only alone: "In X district, 200 were evacuated from A and B" is about all of X's part.
        mention, result = frame
    if result is not None and mention is not None and mention.role in ("to", "toward") \
            and figure.category != "cross_border":
        # "Clashes around Kunduz uprooted 24,000 people, who went on to Kabul": the event's place, named
        # before the number with what happened there, is where the figure belongs.
        origin = event_place(doc, figure, resolved) or fled_from(doc, figure, mention, resolved)
        if origin is not None and not (origin[1].candidate.kind == "country"
                                       and within(result.candidate, origin[1].candidate)):
            # (a town in the country where fighting is said to be says more than the country)
            mention, result = origin
    origin = None
    if result is not None and result.candidate.kind == "country" and mention is not None \
            and mention.role == "from" and figure.term in ("refugee", "asylum_seeker"):
        # "hosts 1.4 million refugees, most of them from South Sudan": refugees are outside the
        # country they fled, so it is never where they are counted; another place, or none.
        origin, result, mention = result.candidate.country, None, None
        reason = "only the country the refugees came from is named"
    if result is not None and result.candidate is not None and result.candidate.kind == "country" \
            and mention is not None and mention.role == "from":
        # "Afghan returnees from Pakistan": people who return are counted at home, not where
        # they came back from.
        home = home_country(gaz, doc, figure, result.candidate.country)
        if home is not None:
            result = Resolved(home, 0.6)
            mention = Mention(home.name, figure.span.start, figure.span.end, "CONTEXT", "in")
    if result is not None and mention is not None and result.candidate.kind == "country" \
            and figure.category != "cross_border" and mention.role not in ("to", "toward"):
        # "Au Mali, 5 000 personnes ont été déplacées ... dans la région de Mopti": a place of the
        # sentence inside the country says where in it. (A flow across a border keeps the country
        # it went to.)
        inside = inside_the_country(doc, figure, result.candidate.country, resolved)
        if inside is not None:
            mention, result = inside
    part = part_of_country(gaz, doc, ctx, figure)
    mostly = mostly_in(doc, figure, resolved)
    if part is not None:
        mention, result = part
    elif mostly is not None:
        mention, result = mostly
    elif mention is not None and mention.role != "context":
        # "Flooding in A, B and C displaced 5,000": the list's first place, which reports name
        # first as the worst hit, rather than whichever member happens to be nearest the number.
        head = list_head(gaz, doc, mention, result, resolved)
        if head is not None:
            mention, result = head
    if result is None and mention is not None and mention.label == "MENTION" and mention.role != "context" \
            and looks_like_name(mention.text):
        # ner named a place the gazetteer lacks ("Ulang, in Upper Nile state"): another
        # place of the sentence is not it, but the area holding it is, and the words stay. (A
        # place ner only fell back on, named sentences before, is no such evidence.)
        held = container_of(gaz, doc, ctx, mention, figure, resolved)
        if held is not None:
            result = Resolved(held.candidate, min(held.confidence, 0.4))
    if result is None:
        picked = from_sentence(gaz, doc, ctx, figure, resolved, exclude=mention,
                               keep=lambda c: c.country != origin)
        if picked is not None:
            mention, result = picked
            if pm is not None:
                result = Resolved(result.candidate, max(0.3, result.confidence - 0.2))
            head = list_head(gaz, doc, mention, result, resolved)
            if head is not None:
                mention, result = head
    if result is None and pm is None:
        picked = unknown_in_sentence(gaz, doc, ctx, figure, resolved)
        if picked is not None:
            mention, result = picked
    if result is None:
        picked = the_area_named(doc, figure, resolved)
        if picked is not None:
            mention, result = picked
    if result is None and not is_countrywide(doc, figure):
        picked = from_before(doc, figure, resolved)
        if picked is not None:
            mention, result = picked
    if result is None:
        picked = town_read_as_person(gaz, doc, ctx, figure)
        if picked is not None:
            mention, result = picked
    if origin is not None and result is not None and result.candidate is not None \
            and result.candidate.country == origin:
        result, mention = None, None  # (a place the fallbacks found in the refugees' own country)
    if result is None and ctx.countries:
        code = ctx.main_country(exclude={origin} if origin else ())
        country = gaz.country(code) if code else None
        if country is not None:
            result = Resolved(country, 0.3)
            mention = scope_of(doc, country, figure)
    if result is None or result.candidate is None:
        if evidence is not None and tried is not None:
            evidence[figure.figure_id] = tried
        return figure.model_copy(update={"place": None,
                                         "unresolved_reason": reason or "no place in the sentence or the article"})
    role = mention.role if mention is not None else "in"
    place = to_place(gaz, result, mention, role=role)
    if pm is not None and mention is not None and mention.start == pm.start and mention.end == pm.end:
        # ner's words, with how it read them
        place = place.model_copy(update={"mention": pm.text, "mention_role": pm.role})
    if evidence is not None:
        evidence[figure.figure_id] = (mention.text if mention is not None else place.name, result)
    return figure.model_copy(update={"place": place, "unresolved_reason": None})


def to_place(gaz: Gazetteer, result: Resolved, mention: Mention | None, role: str | None = None) -> Place:
    c = result.candidate
    assert c is not None
    if c.kind == "admin1":
        admin1 = c.name
    elif c.admin1:
        admin1 = gaz.admin1_name(c.admin1)
    else:
        admin1 = None
    mention_role = None
    if mention is not None:
        mention_role = role or mention.role if (role or mention.role) in ROLES else "in"
    lat, lon = point_of(gaz, c) or (None, None)
    return Place(
        name=c.name,
        kind=c.kind,
        country=c.country,
        admin1=admin1,
        admin1_code=c.admin1,
        lat=round(lat, 5) if lat is not None else None,
        lon=round(lon, 5) if lon is not None else None,
        geonames_id=c.geonames_id if c.geonames_id else None,
        crossing_id=c.crossing_id,
        countries=list(c.countries) if c.countries else None,
        confidence=round(min(max(result.confidence, 0.0), 1.0), 2),
        mention=mention.text if mention is not None else None,
        mention_span=Span(start=mention.start, end=mention.end) if mention is not None else None,
        mention_role=mention_role,
    )


def place_key(place: Place) -> tuple:
    return (place.kind, place.geonames_id, place.crossing_id, place.name, place.country)
