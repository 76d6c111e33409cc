"""Regions GeoNames has no area for, made of the first-level areas whose names share them.

"Darfur", "Kivu" and "Kordofan" are no admin1 of their own, but each is the shared part of the
names of several admin1 areas of one country (North, South, West, Central and East Darfur; North
and South Kivu); "Lanao" and "Negros" of second-level ones (Lanao del Norte and del Sur, Negros
Oriental and Occidental). Such a name is the region those areas make up: a place of kind "region" in that
country, with no admin1 code (it spans several), at the centre of their points. One province
named by a compass direction and the name stands for the region too ("Northern Mindanao":
Mindanao). Such a region is a candidate beside the index's places of the name, and the name of
last resort when there are none. Islands that ISO 3166-2 lists are in `units.py`.
"""

from __future__ import annotations


from geocode.gazetteer import PRIMARY, Candidate, Gazetteer
from geocode.normalize import fold
from geocode.resolve.context import Context
from geocode.resolve.model import Mention, Resolved
from geocode.resolve.names import name_variants
from geocode.resolve.words import LEADING, PLACE_WORDS

# How sure a region read from its members' names is: the name is the region's, but where in it
# the figure lies is not said.
REGION_CONFIDENCE = 0.6


# One admin1 area named by a compass direction and a region's name stands for the whole region
# when nothing else has that name: "Mindanao" (Northern Mindanao), "Luzon" (Central Luzon), "Sinai"
# (North Sinai). Not "upper" or "lower" ("Upper Nile" is no name for the river), nor generic words.
_SINGLE_PART_DIRECTIONS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                                     "western"})
_NOT_A_REGION_ALONE = frozenset({"area", "coast", "islands", "borders", "territory", "territories", "frontiers",
                                 "plateau", "grand", "nord", "and western"})


def region_of_parts(gaz: Gazetteer, ctx: Context, mention: Mention) -> Resolved | None:
    """The region a name shares with two or more admin1 areas of one country, or with one named by
    a compass direction, when the article is about that country or names none; else None."""
    name = region_name(mention.text)
    for variant in name_variants(mention.text):
        if not gaz.lookup_part(variant):
            continue
        region = part_region(gaz, variant, name)
        if region is None or ctx.has_countries(mention.start) and not ctx.supports(region, mention.start):
            return None  # (the article is about other countries)
        return Resolved(region, REGION_CONFIDENCE)
    return None


def region_name(text: str) -> str:
    """The words of a mention that name the region: "Mindanao island" -> "Mindanao"."""
    return " ".join(w for w in text.split() if fold(w) not in PLACE_WORDS | LEADING) or text


def part_region(gaz: Gazetteer, variant: str, name: str | None = None) -> Candidate | None:
    """The region of kind "region" that the admin1 areas sharing the name make up, at the centre of
    their points and with their population; None when they are in several countries, or when
    one alone shares it without a compass direction."""
    parts = gaz.lookup_part(variant)
    members = {c.admin1: c for c in parts if c.kind == "admin1" and c.admin1}
    if not members:
        # Second-level areas, where a province is split by a direction ("Lanao del Norte", "Negros
        # Oriental"): the region they make up, never one alone.
        members = {c.key: c for c in parts if c.kind == "region"}
        if len(members) < 2:
            return None
    countries = {c.country for c in members.values()}
    if len(countries) != 1 or len(members) == 1 and not _directed(next(iter(members.values())).name, variant):
        return None
    code = countries.pop()
    name = name or variant
    points = [(c.lat, c.lon) for c in members.values() if c.lat is not None and c.lon is not None]
    return Candidate(key=f"part:{code}:{fold(name)}", kind="region", name=name, country=code, admin1=None,
                     lat=sum(p[0] for p in points) / len(points) if points else None,
                     lon=sum(p[1] for p in points) / len(points) if points else None,
                     population=sum(c.population for c in members.values()), tier=PRIMARY)


def _directed(name: str, variant: str) -> bool:
    """'Northern Mindanao' for 'Mindanao': a compass direction and the name, nothing else."""
    words = fold(name).replace("-", " ").split()
    rest = words[1:] if words[:1] and words[0] in _SINGLE_PART_DIRECTIONS else \
        words[:-1] if words[-1:] and words[-1] in _SINGLE_PART_DIRECTIONS else None
    return rest is not None and " ".join(rest) == fold(variant) and fold(variant) not in _NOT_A_REGION_ALONE
