"""A point for every area a figure is placed at, so that a map can show it.

GeoNames gives most areas a point through the build (`geocode.gazetteer`: an admin1 or district
at its most populous town, a country at its capital). Where it gives none, the area is shown at
the point of the area holding it: a district at its province's point, a province or country
without one at the country's capital. A border section is shown at the point of that border
nearest the article's places (`geocode.borders`), set when it is resolved.
"""

from __future__ import annotations

import functools

from geocode.gazetteer import Candidate, Gazetteer, area_points


@functools.lru_cache(maxsize=4)
def _area_points(path: str) -> dict[tuple[str, str], tuple[float, float]]:
    return area_points(path)


def point_of(gaz: Gazetteer, c: Candidate) -> tuple[float, float] | None:
    """(lat, lon) of the place, else of the area holding it; None for a place the data has no point for."""
    if c.lat is not None and c.lon is not None:
        return c.lat, c.lon
    path = getattr(gaz, "path", None)
    if c.kind not in ("region", "admin1", "country") or path is None:
        return None
    points = _area_points(str(path))
    if c.kind == "region" and c.admin1 and ("admin1", c.admin1) in points:
        return points[("admin1", c.admin1)]
    return points.get(("country", c.country)) if c.country else None


def admin1_point(gaz: Gazetteer, code: str) -> tuple[float, float] | None:
    """The point of a first-level area by its GeoNames code, if it has one."""
    path = getattr(gaz, "path", None)
    return _area_points(str(path)).get(("admin1", code)) if path is not None else None
