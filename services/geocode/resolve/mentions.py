"""Step 1, mentions: the article's place-like names (tagged, cued by words, misread by the tagger)
and its dateline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geocode.gazetteer import ALTERNATE, PRIMARY, Gazetteer
from geocode.normalize import fold
from geocode.resolve.model import Mention
from geocode.resolve.names import in_org_name, list_parts, overlaps, span_names
from geocode.resolve.regions import part_region
from geocode.resolve.units import unit_candidates
from geocode.resolve.words import (ADMIN1_PLURALS, ADMIN_AFTER, ARABIC_PARTICLE, BLOCKING_LABELS, DATELINE,
                                   DIRECTIONS, GROUP_NAME, LIST_JOINT, LIST_MEMBER, MISREAD_LABELS, NOT_PLACES,
                                   PERSON_AFTER, PLACE_LABELS, PLACE_ONLY_BEFORE, SCAN_AFTER, SCAN_BEFORE,
                                   SCAN_KINDS_OF, SCAN_KIND_OF, SCAN_KIND_OF_FR)
from wirewatch.contracts import Entity, ExtractedArticle
from wirewatch.places.countries import country_of_demonym, country_of_name, currency_follows


def dateline_span(body: str) -> int:
    """End offset of a leading dateline ('Beirut (AFP) –'), or 0."""
    match = DATELINE.match(body[:120])
    if not match:
        return 0
    place = match.group("place").strip()
    # A dateline place is short and either ALL CAPS or followed by an agency in brackets.
    if match.group("agency") or (place.isupper() and len(place) > 2):
        return match.end()
    return 0


def scan_mentions(body: str, entities: Sequence[Entity], dateline_end: int = 0) -> list[Mention]:
    """Capitalised names the tagger left untagged but the words around them mark as places.

    "displaced to Chibok town", "fighting in Cerrito in Santander department", "the city of Avdiivka":
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
                                                                 or ADMIN_AFTER.match(body, e.end)))]
    slips = {(e.start, e.end) for e in entities if e.label == "PERSON" and len(e.text.split()) == 1}
    # ... and a PERSON after "fled from", "into", "at" is a place when it is one word or an Arabic name.
    slipped = slips | {(e.start, e.end) for e in entities if e.label == "PERSON" and ARABIC_PARTICLE.search(e.text)}
    found: dict[tuple[int, int], Mention] = {}
    places = [(e.start, e.end) for e in entities if e.label in PLACE_LABELS]
    for match in (*SCAN_KIND_OF.finditer(body, dateline_end), *SCAN_KIND_OF_FR.finditer(body, dateline_end)):
        start, end = match.span("name")
        if fold(match.group("name")).split()[0] in NOT_PLACES or overlaps(start, end, places):
            continue
        if in_org_name(body, start):
            continue
        found[(start, end)] = Mention(match.group("name"), start, end, "CUED")
    # "the provinces of Alpha, Beta Norte and Gamma": every member is one of those.
    for match in SCAN_KINDS_OF.finditer(body, dateline_end):
        kind = "admin1" if match.group("kinds").lower() in ADMIN1_PLURALS else "region"
        at = match.end()
        while True:
            member = LIST_MEMBER.match(body, at)
            if member is None:
                break
            start, end = member.span("name")
            if fold(member.group("name")).split()[0] not in NOT_PLACES and not overlaps(start, end, places):
                found[(start, end)] = Mention(member.group("name"), start, end, "CUED", kind=kind)
            at = end
            joint = LIST_JOINT.match(body, at)
            if joint is None:
                break
            at = joint.end()
    for pattern in (SCAN_BEFORE, SCAN_AFTER):
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
            if fold(name).split()[0] in NOT_PLACES:
                continue
            if overlaps(start, end, taken) and not (pattern is SCAN_AFTER and (start, end) in slips) \
                    and not holds_person(start, end, slips, taken) \
                    and not ((start, end) in slipped and PLACE_ONLY_BEFORE.search(body, max(0, start - 30), start)
                             and not PERSON_AFTER.match(body, end)):
                # ("crossed into Chad through Adre": a one-word PERSON after a word only places follow)
                continue
            if in_org_name(body, start):
                continue
            found.setdefault((start, end), Mention(name, start, end, "SCAN"))
    return list(found.values())


def holds_person(start: int, end: int, persons: set[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    """Whether a cued name overlaps only a shorter one-word PERSON span inside it: "in Kampong
    Speu" with "Speu" read as a person."""
    inside = [(s, e) for s, e in taken if s < end and start < e]
    return bool(inside) and all(span in persons and start <= span[0] and span[1] <= end and span != (start, end)
                                for span in inside)


def misread_places(body: str, entities: Sequence[Entity], gazetteer: Gazetteer, dateline_end: int = 0) -> list[Mention]:
    """Places the tagger called a person, a group or an organisation ("Amhara" PERSON, "Norte de
    Santander" ORG, "Malakal" ORG, "Aleppo" NORP). The whole span must be the primary name of places in
    one country only, and be a first-level area's name -- which a person's or a body's name rarely
    is -- or, for an organisation or group, a town of 20,000 or more. Persons are not read as towns:
    "Obama" is a Japanese town and "Jackson" an American one."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or e.start < dateline_end or in_org_name(body, e.start):
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


def listed_parts(entities: Sequence[Entity], dateline_end: int, mentions: Sequence[Mention]) -> list[Mention]:
    """The names in a person/organisation span that lists them ("Sud and Nippes" ORG), label LISTED:
    places only if they turn out to be members of a list of one country's provinces."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or e.start < dateline_end or not list_parts(e.text):
            continue
        for text, start, end in span_names(e):
            if not overlaps(start, end, [(m.start, m.end) for m in mentions]):
                found.append(Mention(text, start, end, "LISTED"))
    return found


def group_places(entities: Sequence[Entity], gazetteer: Gazetteer, dateline_end: int = 0) -> list[Mention]:
    """The first-level area an armed group is named after, when only one country has an area of
    that name (label GROUP)."""
    found = []
    for e in entities:
        if e.label not in MISREAD_LABELS or e.start < dateline_end:
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


def article_mentions(extracted: ExtractedArticle, gazetteer: Gazetteer,
                     dateline_end: int) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The article's place-like mentions in body order, and the PERSON spans whose words are no place."""
    body = extracted.article.body
    blocked = [(e.start, e.end) for e in extracted.entities if e.label in BLOCKING_LABELS]
    # "Simon Bingo, a Juba filmmaker ... Bingo says": a person's surname alone is still the person.
    surnames = {e.text.split()[-1] for e in extracted.entities if e.label in BLOCKING_LABELS and " " in e.text}
    mentions = [
        Mention(e.text, e.start, e.end, e.label)
        for e in extracted.entities
        if e.label in PLACE_LABELS and e.start >= dateline_end and not overlaps(e.start, e.end, blocked)
        and (e.text not in surnames or country_of_name(e.text))
        and any(ch.isupper() for ch in e.text)  # "let us in": a lower-case word is no place name
        and not in_org_name(body, e.start)
        and not currency_follows(body, e.end)  # "U.S. dollars"
    ]
    misread = misread_places(body, extracted.entities, gazetteer, dateline_end)
    misread += group_places(extracted.entities, gazetteer, dateline_end)
    mentions += misread
    mentions += [m for m in scan_mentions(body, extracted.entities, dateline_end)
                 if not overlaps(m.start, m.end, [(a.start, a.end) for a in misread])]
    mentions.sort(key=lambda m: m.start)
    # A person's span read as a place after all, here or by ner as a figure's place ("crossed into
    # Chad"), also counts as the country it names.
    places_after_all = {(m.start, m.end) for m in misread} | {
        (f.place_mention.start, f.place_mention.end) for f in extracted.figures if f.place_mention is not None}
    blocked = [span for span in blocked if span not in places_after_all]
    return mentions, blocked
