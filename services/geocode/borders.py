"""Points on land borders, for a figure placed at "the border" with no crossing named: built once
from GeoNames places (cities500) with the gazetteer, read by `resolve.candidates.resolve_border`.

Where two places of neighbouring countries lie within `NEAR_KM` of each other, the midpoint of
the pair is on or near their border. Of such midpoints each border keeps the closest pair per
`CELL_DEG` cell, so a long border gets a point every hundred kilometres or so, wherever people
live near it. A border no two such places straddle (deserts, high mountains) gets one point: the
midpoint of its two countries' closest pair of places, however far apart.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import numpy

from geocode.gazetteer import distance_km

# Two places this close across a border make a point of it; farther apart, their midpoint could
# lie well inside one country.
NEAR_KM = 25.0
# One point per cell of this size (degrees) on each border.
CELL_DEG = 1.0
_BUCKET_DEG = 0.25  # the grid places are binned in to find near pairs: under NEAR_KM at any latitude


def pair_key(a: str, b: str) -> str:
    """'SYR|TUR': a border by its two countries' ISO 3166-1 alpha-3 codes, in order."""
    return "|".join(sorted((a, b)))


def border_points(places: Iterable[tuple[str, float, float]],
                  neighbours: dict[str, frozenset[str]]) -> list[tuple[str, float, float]]:
    """(border, lat, lon) for every border of `neighbours` that near places straddle. `places`:
    (country ISO3, lat, lon) of each place."""
    buckets: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
    for country, lat, lon in places:
        if country in neighbours:
            buckets[(math.floor(lat / _BUCKET_DEG), math.floor(lon / _BUCKET_DEG))].append((country, lat, lon))
    # Only cells with two countries around them can hold a pair across a border.
    border_cells = []
    for (y, x), members in buckets.items():
        around = {c for dy in (-1, 0, 1) for dx in (-1, 0, 1) for c, _, _ in buckets.get((y + dy, x + dx), ())}
        if len(around) > 1:
            border_cells.append((y, x))
    best: dict[tuple[str, int, int], tuple[float, float, float]] = {}
    for y, x in border_cells:
        for country, lat, lon in buckets[(y, x)]:
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for other, olat, olon in buckets.get((y + dy, x + dx), ()):
                        if other <= country or other not in neighbours[country]:
                            continue  # (each pair once, and only across a land border)
                        d = distance_km(lat, lon, olat, olon)
                        if d > NEAR_KM:
                            continue
                        mid_lat, mid_lon = (lat + olat) / 2, (lon + olon) / 2
                        key = (pair_key(country, other), math.floor(mid_lat / CELL_DEG), math.floor(mid_lon / CELL_DEG))
                        if key not in best or d < best[key][0]:
                            best[key] = (d, round(mid_lat, 5), round(mid_lon, 5))
    found = {(pair, lat, lon) for (pair, _, _), (_, lat, lon) in best.items()}
    covered = {pair for pair, _, _ in found}
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for members in buckets.values():
        for country, lat, lon in members:
            by_country[country].append((lat, lon))
    for country, others in neighbours.items():
        for other in others:
            key = pair_key(country, other)
            if country < other and key not in covered and by_country[country] and by_country[other]:
                found.add((key, *_closest_midpoint(by_country[country], by_country[other])))
    return sorted(found)


def _closest_midpoint(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> tuple[float, float]:
    """The midpoint of the closest pair of points of `a` and `b` (equirectangular distance: only the
    order matters, and the pair is what counts)."""
    pa, pb = numpy.radians(numpy.array(a)), numpy.radians(numpy.array(b))
    best = (math.inf, 0, 0)
    for start in range(0, len(pa), 2048):  # in blocks: a big country has tens of thousands of places
        block = pa[start:start + 2048]
        dx = (block[:, None, 1] - pb[None, :, 1]) * numpy.cos((block[:, None, 0] + pb[None, :, 0]) / 2)
        dy = block[:, None, 0] - pb[None, :, 0]
        d = dx * dx + dy * dy
        i, j = numpy.unravel_index(numpy.argmin(d), d.shape)
        if d[i, j] < best[0]:
            best = (d[i, j], start + i, j)
    (lat1, lon1), (lat2, lon2) = a[best[1]], b[best[2]]
    return round((lat1 + lat2) / 2, 5), round((lon1 + lon2) / 2, 5)


def nearest_point(points: list[tuple[float, float]], to: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """Of a border's points, the one nearest any of `to`; the first without anything to go by."""
    if not points:
        return None
    targets = list(to)
    if not targets:
        return points[0]
    return min(points, key=lambda p: min(distance_km(p[0], p[1], t[0], t[1]) for t in targets))
