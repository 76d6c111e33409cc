"""Step 1, mentions: the article's place-like names as ner sent them (tagged, or cued by the words
around them: `ExtractedArticle.cued_places`), and the tagger's persons and bodies whose names are
those of places (misread). Nothing here reads the text for names."""

from __future__ import annotations

from collections.abc import Sequence

from geocode.gazetteer import ALTERNATE, PRIMARY, Gazetteer
from geocode.normalize import fold
from geocode.resolve.model import Mention
from geocode.resolve.names import list_parts, span_names
from geocode.resolve.regions import part_region
from geocode.resolve.units import unit_candidates
from geocode.resolve.words import (BLOCKING_LABELS, DIRECTIONS, GROUP_NAME, MISREAD_LABELS, NOT_PLACES,
                                   PLACE_LABELS)
from wirewatch.contracts import Entity, ExtractedArticle
from wirewatch.places.countries import country_of_demonym, country_of_name, currency_follows
from wirewatch.places.cues import in_org_name, overlaps

# A cued name's label: sure after a word for its kind, less so after a preposition alone.
CUE_LABELS = {"kind_word": "CUED", "preposition": "SCAN"}


def misread_places(body: str, entities: Sequence[Entity], gazetteer: Gazetteer) -> list[Mention]:
    """Places the tagger called a person, a group or an organisation ("Amhara" PERSON, "Norte de
    Santander" ORG, "Malakal" ORG, "Aleppo" NORP). The whole span must be the primary name of places in
    one country only, and be a first-level area's name -- which a person's or a body's name rarely
    is -- or, for an organisation or group, a town of 20,000 or more. Persons are not read as towns:
    "Obama" is a Japanese town and "Jackson" an American one."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or in_org_name(body, e.start):
            continue
        # The tagger joins listed names into one span ("Sud and Nippes" ORG): each is tried alone.
        spans = span_names(e) if list_parts(e.text) else [(e.text, e.start, e.end)]
        for text, start, end in spans:
            mention = misread_one(text, start, end, e.label, gazetteer)
            if mention is not None:
                found.append(mention)
    return found


def misread_one(text: str, start: int, end: int, label: str, gazetteer: Gazetteer) -> Mention | None:
    if text.isupper() or len(text) < 4 or not text[:1].isupper() or country_of_demonym(fold(text)):
        return None
    if fold(text) in DIRECTIONS or fold(text) in NOT_PLACES:
        return None
    found = gazetteer.lookup(text)
    if not found and label != "PERSON":
        # An island or a region the index has no place for ("Mindanao" ORG): a body is rarely named so.
        regions = [*unit_candidates(gazetteer, text), *filter(None, [part_region(gazetteer, text)])]
        if len({c.country for c in regions}) == 1:
            return Mention(text, start, end, "MISREAD", country=regions[0].country)
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


def listed_parts(entities: Sequence[Entity], mentions: Sequence[Mention]) -> list[Mention]:
    """The names in a person/organisation span that lists them ("Sud and Nippes" ORG), label LISTED:
    places only if they turn out to be members of a list of one country's provinces."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or not list_parts(e.text):
            continue
        for text, start, end in span_names(e):
            if not overlaps(start, end, [(m.start, m.end) for m in mentions]):
                found.append(Mention(text, start, end, "LISTED"))
    return found


def group_places(entities: Sequence[Entity], gazetteer: Gazetteer) -> list[Mention]:
    """The first-level area an armed group is named after, when only one country has an area of
    that name (label GROUP)."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS:
            continue
        match = GROUP_NAME.match(e.text)
        if match is None:
            continue
        name = match.group("name")
        if fold(name) in DIRECTIONS or fold(name) in NOT_PLACES or country_of_demonym(fold(name)):
            continue
        areas = [c for c in gazetteer.lookup(name) if c.tier == PRIMARY and c.kind == "admin1"]
        if len({c.country for c in areas}) == 1:
            start = e.start + match.start("name")
            found.append(Mention(name, start, start + len(name), "GROUP", kind="admin1", country=areas[0].country))
    return found


def article_mentions(extracted: ExtractedArticle, gazetteer: Gazetteer) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The article's place-like mentions in body order, and the PERSON spans whose words are no place."""
    body = extracted.article.body
    blocked = [(e.start, e.end) for e in extracted.entities if e.label in BLOCKING_LABELS]
    # "Simon Bingo, a Juba filmmaker ... Bingo says": a person's surname alone is still the person.
    surnames = {e.text.split()[-1] for e in extracted.entities if e.label in BLOCKING_LABELS and " " in e.text}
    mentions = [
        Mention(e.text, e.start, e.end, e.label)
        for e in extracted.entities
        if e.label in PLACE_LABELS and not overlaps(e.start, e.end, blocked)
        and (e.text not in surnames or country_of_name(e.text))
        and any(ch.isupper() for ch in e.text)  # "let us in": a lower-case word is no place name
        and not in_org_name(body, e.start)
        and not currency_follows(body, e.end)  # "U.S. dollars"
    ]
    misread = misread_places(body, extracted.entities, gazetteer)
    misread += group_places(extracted.entities, gazetteer)
    mentions += misread
    mentions += [Mention(m.text, m.start, m.end, CUE_LABELS[m.cue or "preposition"], kind=m.kind)
                 for m in extracted.cued_places
                 if not overlaps(m.start, m.end, [(a.start, a.end) for a in misread])]
    mentions.sort(key=lambda m: m.start)
    # A person's span read as a place after all, here or by ner as a figure's place ("crossed into
    # Chad"), also counts as the country it names.
    places_after_all = {(m.start, m.end) for m in misread} | {
        (f.place_mention.start, f.place_mention.end) for f in extracted.figures if f.place_mention is not None}
    blocked = [span for span in blocked if span not in places_after_all]
    return mentions, blocked
