"""Names the tagger missed that the words around them mark as places (`ExtractedArticle.cued_places`).

"displaced to Chibok town", "fighting in Cerrito in Santander department", "the city of Avdiivka",
"the provinces of Alpha, Beta Norte and Gamma": a word for the kind of place, or a preposition
places follow. Ner reads them once, so geocode resolves names and never scans the text itself.
A name after a kind word is a sure cue (`kind_word`); one after a preposition alone is not
(`preposition`), and geocode resolves it by stricter rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ner.lexicon.place_cues import (ARABIC_PARTICLE, KIND_OF_NAME, KIND_OF_NAME_FR, KINDS_OF_LIST, LIST_JOINT,
                                    LIST_MEMBER, NAME_AFTER_PREPOSITION, NAME_BEFORE_KIND_WORD, PLACE_ONLY_BEFORE)
from wirewatch.contracts import Entity, PlaceMention
from wirewatch.places.countries import country_of_demonym, fold
from wirewatch.places.cues import ADMIN1_PLURALS, ADMIN_AFTER, NOT_PLACES, PERSON_AFTER, in_org_name, overlaps

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "CROSSING"})
_WORD = re.compile(r"[^\W_]+")


def cued_places(body: str, entities: Sequence[Entity]) -> list[PlaceMention]:
    """The body's cued place names, in body order. Spans the tagger labelled (other than an
    organisation, or a group word that is not a nationality, as "Aleppo" sometimes is) are left to it."""
    # The small model often tags places as ORG ("displaced to Chibok town") and sometimes as
    # PERSON ("in northern Rakhine state"): an ORG never hides a cued name, a one-word PERSON
    # only yields to a following place word, which a person's name does not take.
    # ("the Somali region": a nationality word before a place word names a province)
    taken = [(e.start, e.end) for e in entities
             if e.label != "ORG" and not (e.label == "NORP" and (country_of_demonym(e.text) is None
                                                                 or ADMIN_AFTER.match(body, e.end)))]
    slips = {(e.start, e.end) for e in entities if e.label == "PERSON" and len(e.text.split()) == 1}
    # ... and a PERSON after "fled from", "into", "at" is a place when it is one word or an Arabic name.
    slipped = slips | {(e.start, e.end) for e in entities if e.label == "PERSON" and ARABIC_PARTICLE.search(e.text)}
    places = [(e.start, e.end) for e in entities if e.label in PLACE_LABELS]
    found: dict[tuple[int, int], PlaceMention] = {}
    for match in (*KIND_OF_NAME.finditer(body), *KIND_OF_NAME_FR.finditer(body)):
        start, end = match.span("name")
        if _not_a_place(match.group("name")) or overlaps(start, end, places) or in_org_name(body, start):
            continue
        found[(start, end)] = _mention(match.group("name"), start, end, "kind_word")
    for match in KINDS_OF_LIST.finditer(body):
        kind = "admin1" if match.group("kinds").lower() in ADMIN1_PLURALS else "region"
        for start, end, name in _list_members(body, match.end()):
            if not _not_a_place(name) and not overlaps(start, end, places):
                found[(start, end)] = _mention(name, start, end, "kind_word", kind)
    for pattern in (NAME_AFTER_PREPOSITION, NAME_BEFORE_KIND_WORD):
        for match in pattern.finditer(body):
            start, end = match.span("name")
            name = match.group("name")
            possessive = re.search(r"['\u2019]s\s+", name)
            if possessive:
                # "Kerala's Idukki district": the place word belongs to the name after the possessive.
                start += possessive.end()
                name = name[possessive.end():]
                if not name[:1].isupper():
                    continue
            if _not_a_place(name):
                continue
            if overlaps(start, end, taken) and not (pattern is NAME_BEFORE_KIND_WORD and (start, end) in slips) \
                    and not _holds_person(start, end, slips, taken) \
                    and not ((start, end) in slipped and PLACE_ONLY_BEFORE.search(body, max(0, start - 30), start)
                             and not PERSON_AFTER.match(body, end)):
                # ("crossed into Chad through Adre": a one-word PERSON after a word only places follow)
                continue
            if in_org_name(body, start):
                continue
            found.setdefault((start, end), _mention(name, start, end, "preposition"))
    return sorted(found.values(), key=lambda m: (m.start, m.end))


def _list_members(body: str, at: int) -> list[tuple[int, int, str]]:
    """The names listed from `at` on: "Alpha, Beta Norte and Gamma"."""
    members = []
    while (member := LIST_MEMBER.match(body, at)) is not None:
        start, end = member.span("name")
        members.append((start, end, member.group("name")))
        joint = LIST_JOINT.match(body, end)
        if joint is None:
            break
        at = joint.end()
    return members


def _mention(name: str, start: int, end: int, cue: str, kind: str | None = None) -> PlaceMention:
    return PlaceMention(text=name, start=start, end=end, role="context", kind=kind, cue=cue)


def _not_a_place(name: str) -> bool:
    first = _WORD.match(fold(name))
    return first is not None and first.group(0) in NOT_PLACES


def _holds_person(start: int, end: int, persons: set[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    """Whether a cued name overlaps only a shorter one-word PERSON span inside it: "in Kampong
    Speu" with "Speu" read as a person."""
    inside = [(s, e) for s, e in taken if s < end and start < e]
    return bool(inside) and all(span in persons and start <= span[0] and span[1] <= end and span != (start, end)
                                for span in inside)
