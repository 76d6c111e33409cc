"""Regions GeoNames has no area for, made of the first-level areas whose names share them.

"Darfur", "Kivu" and "Kordofan" are no admin1 of their own, but each is the shared part of the
names of several admin1 areas of one country (North, South, West, Central and East Darfur; North
and South Kivu). Such a name is the region those areas make up: a place of kind "region" in that
country, with no admin1 code (it spans several), at the centre of their points. Islands that
ISO 3166-2 lists are in `units.py`.
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


def region_of_parts(gaz: Gazetteer, ctx: Context, mention: Mention) -> Resolved | None:
    """The region a name shares with two or more admin1 areas of one country, when the article is
    about that country or names none; else None."""
    for variant in name_variants(mention.text):
        members = {c.admin1: c for c in gaz.lookup_part(variant) if c.kind == "admin1" and c.admin1}
        if not members:
            continue
        countries = {c.country for c in members.values()}
        if len(members) < 2 or len(countries) != 1:
            return None
        code = countries.pop()
        points = [(c.lat, c.lon) for c in members.values() if c.lat is not None and c.lon is not None]
        name = " ".join(w for w in mention.text.split() if fold(w) not in PLACE_WORDS | LEADING) or mention.text
        region = Candidate(key=f"part:{code}:{fold(name)}", kind="region", name=name, country=code, admin1=None,
                           lat=sum(p[0] for p in points) / len(points) if points else None,
                           lon=sum(p[1] for p in points) / len(points) if points else None,
                           population=sum(c.population for c in members.values()), tier=PRIMARY)
        if ctx.has_countries(mention.start) and not ctx.supports(region, mention.start):
            return None  # the article is about other countries
        return Resolved(region, REGION_CONFIDENCE)
    return None

