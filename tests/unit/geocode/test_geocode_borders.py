"""Points on land borders (`geocode.borders`): a figure placed at "the border" is shown where that
border is, nearest the article's places. Coordinates here are made up for the tests."""

from __future__ import annotations

from geocode.borders import border_points, nearest_point, pair_key

NEIGHBOURS = {"AAA": frozenset({"BBB"}), "BBB": frozenset({"AAA", "CCC"}), "CCC": frozenset({"BBB"}),
              "DDD": frozenset()}


def test_near_places_across_a_border_make_points_on_it():
    # AAA and BBB meet at longitude 10; a pair 11 km apart straddles it at two latitudes.
    places = [("AAA", 5.0, 9.95), ("BBB", 5.0, 10.05), ("AAA", 7.0, 9.95), ("BBB", 7.0, 10.05),
              ("AAA", 5.0, 8.0), ("BBB", 5.0, 12.0)]
    points = [(lat, lon) for border, lat, lon in border_points(places, NEIGHBOURS) if border == "AAA|BBB"]
    assert sorted(points) == [(5.0, 10.0), (7.0, 10.0)]


def test_one_point_per_cell_the_closest_pair():
    places = [("AAA", 5.1, 10.45), ("BBB", 5.1, 10.55), ("AAA", 5.2, 10.4), ("BBB", 5.2, 10.6)]
    assert border_points(places, NEIGHBOURS) == [("AAA|BBB", 5.1, 10.5)]


def test_a_border_nobody_lives_near_gets_the_midpoint_of_its_closest_places():
    places = [("BBB", 20.0, 30.0), ("CCC", 20.0, 33.0), ("CCC", 25.0, 40.0)]
    assert border_points(places, NEIGHBOURS) == [("BBB|CCC", 20.0, 31.5)]


def test_places_of_countries_that_share_no_land_border_make_no_point():
    assert border_points([("AAA", 5.0, 9.95), ("CCC", 5.0, 10.05), ("DDD", 5.0, 10.0)], NEIGHBOURS) == []


def test_the_point_nearest_the_articles_places():
    points = [(5.0, 10.0), (7.0, 10.0), (9.0, 10.0)]
    assert nearest_point(points, [(8.8, 11.0)]) == (9.0, 10.0)
    assert nearest_point(points, []) == (5.0, 10.0)
    assert nearest_point([], [(1.0, 1.0)]) is None
    assert pair_key("TUR", "SYR") == "SYR|TUR"


def test_the_built_index_has_points_on_the_borders_people_cross(gazetteer):
    for border in ("SYR|TUR", "BGD|MMR", "COD|UGA", "SDN|TCD", "COL|VEN"):
        assert gazetteer.border_points(border), border
    assert set(gazetteer.border_points("SYR|TUR")) <= set(gazetteer.border_points("SYR"))


def test_a_border_figure_has_a_point_on_that_border(gazetteer, make_article):
    from geocode.resolve import enrich

    body = "Syrian officials said 5,000 people were stranded at the Turkish border near Azaz."
    extracted = make_article(body, [("Syrian", "NORP"), ("Turkish", "NORP"), ("Azaz", "GPE")],
                             [("5,000", "the Turkish border")])
    place = enrich(extracted, gazetteer).figures[0].place
    assert place is not None and place.lat is not None and place.lon is not None
    if place.kind == "border":
        # nearest the article's place: within a day's walk of Azaz, not at Turkey's other borders
        assert abs(place.lat - 36.59) < 0.6 and abs(place.lon - 37.05) < 0.8, place


def test_a_border_joins_the_articles_country_only_when_the_two_touch(gazetteer, make_article):
    from geocode.resolve import enrich

    # Afghans who reached Turkey's border: Afghanistan and Turkey share none, so it is Turkey's.
    for body in ("Afghan officials said 3,000 Afghans were stranded at the Turkish border after a long trek.",
                 "Some 3,000 people from Afghanistan gathered at the Turkish border, Afghan media said."):
        tagged = [(w, label) for w, label in (("Afghan", "NORP"), ("Afghans", "NORP"), ("Afghanistan", "GPE"),
                                               ("Turkish", "NORP")) if w in body]
        place = enrich(make_article(body, tagged, [("3,000", "the Turkish border")]), gazetteer).figures[0].place
        assert place is not None and place.kind == "border" and place.country == "TUR", place
        assert place.name == "Turkey border" and place.lat is not None, place
    # Syrians at the same border: the two touch, so it is the border between them.
    body = "Syrian officials said 3,000 Syrians were stranded at the Turkish border after a long trek."
    tagged = [("Syrian", "NORP"), ("Syrians", "NORP"), ("Turkish", "NORP")]
    place = enrich(make_article(body, tagged, [("3,000", "the Turkish border")]), gazetteer).figures[0].place
    assert place is not None and set(place.countries or ()) == {"SYR", "TUR"} and place.lat is not None, place
