"""Every area a figure is placed at has a point: its own, else that of the area holding it."""

from geocode.gazetteer import Candidate, area_points
from geocode.resolve.points import point_of


def area(kind, country, admin1, lat=None, lon=None):
    return Candidate(key=f"t:{kind}:{admin1}", kind=kind, name="Somewhere", country=country, admin1=admin1,
                     lat=lat, lon=lon, population=0)


def test_a_place_with_a_point_keeps_it(gazetteer):
    assert point_of(gazetteer, area("region", "SYR", "SY.09", 36.2, 37.1)) == (36.2, 37.1)


def test_a_district_without_a_point_is_shown_at_its_province(gazetteer):
    points = area_points(gazetteer.path)
    province = next(code for kind, code in points if kind == "admin1" and code.startswith("DZ."))
    assert point_of(gazetteer, area("region", "DZA", province)) == points[("admin1", province)]


def test_an_area_without_a_point_or_province_point_is_shown_at_the_country(gazetteer):
    points = area_points(gazetteer.path)
    assert point_of(gazetteer, area("admin1", "DZA", "DZ.nowhere")) == points[("country", "DZA")]
    assert point_of(gazetteer, area("region", "DZA", None)) == points[("country", "DZA")]


def test_a_border_or_a_town_without_a_point_gets_none(gazetteer):
    assert point_of(gazetteer, area("border", "SYR", None)) is None
    assert point_of(gazetteer, area("city", "SYR", "SY.09")) is None
