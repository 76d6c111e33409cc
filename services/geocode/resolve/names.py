"""Plain string helpers over place names: spelling variants, lists, containment words."""

from __future__ import annotations

import functools
import re

from geocode.gazetteer import Candidate, distance_km
from geocode.normalize import fold
from geocode.resolve.words import (BORDER_WORDS, CROSSING_WORDS, DIRECTIONS, GLUED_AND, GLUED_PLACE_WORD, LEADING,
                                   LEADING_PLACE_WORD, LIST_GAP, LIST_GOES_ON, LIST_SEPARATOR, LOST_VOWEL,
                                   PART_SEPARATOR, PLACE_WORDS, SIBLING_WORDS, WORLD_REGIONS)
from wirewatch.contracts import Entity


# French names a place after the word for its kind: "la région de Diffa", "le territoire de Djugu",
# "province du Sanmatenga", "commune d'Arbinda".
FRENCH_AREA_OF = re.compile(
    r"^(?:la |le |l')?(?:r[ée]gion|province|d[ée]partement|commune|ville|territoire|district|pr[ée]fecture|"
    r"sous-pr[ée]fecture|cercle|localit[ée]|village|camp|site|zone|quartier|secteur|chefferie|arrondissement|"
    r"gouvernorat|wilaya)s? (?:de la |de l'|du |des |de |d')")


def name_variants(text: str, words: list[str] | None = None) -> list[str]:
    """The mention, then without place words ('Latakia province' -> 'latakia'), then without
    leading directions one at a time ('South West Bengal' -> 'west bengal' -> 'bengal'), then
    without any: tried in this order, first match wins."""
    if words is None:
        words = fold(text).split()
        while words and words[0] in LEADING:
            words = words[1:]
    texts = [text]
    french = FRENCH_AREA_OF.match(text.lower().replace("\u2019", "'"))
    if french:
        # "la région de Diffa", "province du Sanmatenga": the name after the word for its kind
        texts.append(text[french.end():])
        words = fold(texts[-1]).split()
    if re.search(r"['\u2019]s$", text):
        # "Cabo Delgado's" (the tagger took the possessive in)
        text = text[:-2]
        words = fold(text).split()
        texts.append(text)
    core = [w for w in words if w not in PLACE_WORDS]
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


def repaired_names(text: str) -> list[str]:
    """Spellings `text` may have had before PDF extraction damaged it; [] when it shows no damage."""
    if LOST_VOWEL.search(text):
        return [LOST_VOWEL.sub(vowel, text) for vowel in "aeiou"]
    glued = GLUED_PLACE_WORD.search(text)
    if glued:
        return [f"{text[:glued.start()]} {glued.group(1)}"]
    return []


def list_parts(text: str) -> list[str]:
    """The members of a span that lists places ("Bocaranga and Koui", "Bocarangaand  Koui": text
    from PDFs loses the space before "and"); [] when it is one name."""
    parts = [p for p in PART_SEPARATOR.split(GLUED_AND.sub(" and ", text)) if p]
    return parts if len(parts) > 1 else []


def list_gap(between: str) -> bool:
    return len(between) <= 60 and bool(LIST_GAP.fullmatch(between)) and bool(LIST_SEPARATOR.search(between))


def holds(between: str, after: str) -> bool:
    """Whether the words between a place and an area say the area holds it: "X district in Y",
    "X, in Y state", "X (Y prefecture)", "X, Y" -- but not "X and Y", "X to Y", "X near Y", nor a
    list ("X, Y and Z")."""
    if re.search(r"[.;:!?]|[A-Z0-9]", between):
        return False
    words = re.findall(r"[a-z]+", between.lower())
    if len(words) > 6 or SIBLING_WORDS & set(words):
        return False
    if "in" in words or "of" in words or "(" in between:
        return True
    if "," in between:
        # "Darfur, South Kordofan and Blue Nile" is a list, not Darfur in South Kordofan.
        rest = LEADING_PLACE_WORD.sub("", after, count=1)
        return not LIST_GOES_ON.match(rest) and not rest.startswith(",")
    return False


def within(place: Candidate | None, area: Candidate | None) -> bool:
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


def looks_like_name(text: str) -> bool:
    """A capitalised name of a place, not a phrase ("the area"), a world region or a scrap of markup."""
    return bool(re.match(r"(?:the\s+)?[A-Z][\w'\u2019-]*[a-z]", text)) and not BORDER_WORDS & set(fold(text).split()) \
        and not world_region(text)


def world_region(text: str) -> bool:
    return without_the(text) in WORLD_REGIONS


def without_the(text: str) -> str:
    words = fold(text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def bare_border(text: str) -> bool:
    words = set(fold(text).split())
    return bool(BORDER_WORDS & words) and not CROSSING_WORDS & words


def hint_kind(kind: str | None) -> str | None:
    return kind if kind in ("crossing", "camp", "admin1", "region", "city", "village", "country") else None


def span_names(e: Entity) -> list[tuple[str, int, int]]:
    """The capitalised names in an entity span, with their body offsets: "Sud and Nippes" -> Sud, Nippes."""
    return [(m.group(0), e.start + m.start(), e.start + m.end())
            for m in re.finditer(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*", e.text)]


@functools.lru_cache(maxsize=256)
def scope_pattern(names: tuple[str, ...]) -> re.Pattern:
    """A direction before one of a country's names: "southern Brazil", "north-east Nigeria"."""
    return re.compile(r"\b(?:(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?)\s+(?:"
                      + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
