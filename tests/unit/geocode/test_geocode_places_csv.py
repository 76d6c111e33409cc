from pathlib import Path

import pytest

from geocode.gazetteer import Gazetteer, distance_km
from wirewatch.places import BUILTIN_CSV, PlacesFileError, load_places, load_places_csv

HEADER = "id,name,aliases,kind,lat,lon,countries,admin1,source\n"


def test_shipped_rows_are_complete():
    rows = load_places_csv(BUILTIN_CSV)
    assert len(rows) >= 20
    for row in rows:
        assert row.source, row.id
        if row.kind == "crossing":
            assert len(row.countries) == 2, row.id


def test_shipped_coordinates_sit_near_their_country(gazetteer):
    # A typo in a coordinate (a swapped sign, a dropped digit) lands far from any town of the row's country.
    for row in load_places_csv(BUILTIN_CSV):
        towns = gazetteer.lookup(row.name.split("–")[0].replace(" crossing", "").replace(" camp", ""))
        near = [c for c in towns if c.country in row.countries and c.lat is not None and not c.curated]
        if near:
            assert min(distance_km(row.lat, row.lon, c.lat, c.lon) for c in near) < 60, row.id


def test_bad_rows_name_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "x1,Somewhere,,camp,91,10,SYR,,a source\n", encoding="utf-8")
    with pytest.raises(PlacesFileError, match=r"bad.csv:2: lat/lon out of range"):
        load_places_csv(bad)
    bad.write_text(HEADER + "x1,Somewhere,,camp,1,10,SY,,a source\n", encoding="utf-8")
    with pytest.raises(PlacesFileError, match="alpha-3"):
        load_places_csv(bad)
    bad.write_text(HEADER + "x1,Somewhere,,camp,1,10,SYR,,\n", encoding="utf-8")
    with pytest.raises(PlacesFileError, match="source"):
        load_places_csv(bad)
    bad.write_text("id,name\nx1,Somewhere\n", encoding="utf-8")
    with pytest.raises(PlacesFileError, match="missing column"):
        load_places_csv(bad)


def test_extra_places_file_is_loaded_without_code_changes(tmp_path: Path, gazetteer_path, make_article):
    extra = tmp_path / "my-camps.csv"
    extra.write_text(HEADER + "test-qaryat-nur,Qaryat an-Nur camp,Qaryat al-Nur|Nur camp,camp,36.5,37.0,SYR,SY.09,"
                     "a test row\n", encoding="utf-8")
    assert [p.id for p in load_places([extra])][-1] == "test-qaryat-nur"
    gazetteer = Gazetteer(gazetteer_path, extra_places=[extra])
    found = gazetteer.lookup("Qaryat el-Nur")
    assert [c.crossing_id for c in found] == ["test-qaryat-nur"]

    from geocode.resolve import enrich

    body = "Syrian families fled to Qaryat al-Nur, where 1,200 people now shelter."
    enriched = enrich(make_article(body, [("Qaryat al-Nur", "FAC")], [("1,200 people", "Qaryat al-Nur")]), gazetteer)
    place = enriched.figures[0].place
    assert place is not None and place.kind == "camp" and place.crossing_id == "test-qaryat-nur"
    assert place.admin1_code == "SY.09"


def test_agencies_province_spellings_are_alternate_names_of_the_province(gazetteer):
    found = [c for c in gazetteer.lookup("Ninewa") if c.kind == "admin1"]
    assert len(found) == 1 and found[0].admin1 == "IQ.15" and found[0].country == "IRQ"
    assert len([c for c in gazetteer.lookup("Thi Qar") if c.kind == "admin1"]) == 1


def test_province_spellings_file_names_its_faults(tmp_path: Path):
    from wirewatch.places import load_admin1_aliases
    bad = tmp_path / "aliases.csv"
    bad.write_text("alias,admin1,source\nNinewa,IRQ-15,IOM\n", encoding="utf-8")
    with pytest.raises(PlacesFileError, match=r"aliases.csv:2"):
        load_admin1_aliases(bad)
    assert ("Ninewa", "IQ.15") in load_admin1_aliases()
