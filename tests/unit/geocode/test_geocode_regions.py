"""Islands, island groups and regions GeoNames has no area for. Sentences written for these tests."""

import pytest

from geocode.resolve import enrich
from geocode.resolve.units import island_units


def placed(gazetteer, make_article, body, name, number):
    return enrich(make_article(body, [(name, "GPE")], [(number, name)]), gazetteer).figures[0]


def test_island_units_come_with_their_english_names():
    units = island_units()
    assert {"java", "jawa", "sulawesi", "sumatra", "kalimantan"} <= set(units)
    assert units["java"] is units["jawa"] and units["java"].iso2 == "ID" and len(units["java"].members) >= 3


@pytest.mark.parametrize("body,name,number", [
    ("Landslides on Java displaced 3,000 villagers, Indonesian disaster officials said.", "Java", "3,000"),
    ("Landslides on Java displaced 3,000 villagers.", "Java", "3,000"),
    ("About 1,100 families on Java were evacuated as the volcano rumbled.", "Java", "1,100"),
    ("Floods on Sulawesi forced 2,500 people into shelters, Indonesian officials said.", "Sulawesi", "2,500"),
    ("Heavy rain across Sumatra displaced 1,300 families.", "Sumatra", "1,300"),
    ("Floods in Kalimantan displaced 3,400 people, officials in Jakarta said.", "Kalimantan", "3,400"),
])
def test_an_island_is_the_island_not_a_namesake_village(gazetteer, make_article, body, name, number):
    # GeoNames knows a village called Java in Georgia; the island has no row of its own.
    place = placed(gazetteer, make_article, body, name, number).place
    assert place.country == "IDN" and place.kind == "region" and place.name == name
    assert place.lat is not None and -11 < place.lat < 6 and 95 < place.lon < 125


@pytest.mark.parametrize("body", [
    "Some 2,000 people fled Java village in South Ossetia, Georgian officials said.",
    "Some 2,000 people fled Java in South Ossetia, Georgian officials said.",
])
def test_the_namesake_village_where_the_words_or_the_article_say_so(gazetteer, make_article, body):
    place = placed(gazetteer, make_article, body, "Java", "2,000").place
    assert place.country == "GEO" and place.kind == "village"


@pytest.mark.parametrize("body,name,number,country", [
    ("Clashes in Kivu forced 6,000 people to flee last week.", "Kivu", "6,000", "COD"),
    ("About 4,000 people fled fighting in Kordofan, Sudanese officials said.", "Kordofan", "4,000", "SDN"),
    ("Renewed raids across Darfur uprooted 7,500 villagers, aid groups said.", "Darfur", "7,500", "SDN"),
    # one province named by a compass direction and the region's name stands for the region
    ("Clashes on Mindanao displaced 5,200 people this week.", "Mindanao", "5,200", "PHL"),
    ("The typhoon forced 90,000 people into shelters across Luzon.", "Luzon", "90,000", "PHL"),
    ("Raids in Sinai displaced 1,400 families, officials said.", "Sinai", "1,400", "EGY"),
    # second-level provinces split by a direction, in Spanish words ("del Norte", "Oriental")
    ("In Maguindanao, 4,500 families fled their homes after clashes.", "Maguindanao", "4,500", "PHL"),
    ("The floods displaced 3,000 families in Lanao this week.", "Lanao", "3,000", "PHL"),
    ("Some 12,000 people were evacuated across Negros as the volcano rumbled.", "Negros", "12,000", "PHL"),
])
def test_a_region_named_by_the_provinces_that_share_its_name(gazetteer, make_article, body, name, number, country):
    place = placed(gazetteer, make_article, body, name, number).place
    assert place.kind == "region" and place.country == country and place.name == name and place.lat is not None


def test_a_shared_name_of_another_country_s_provinces_is_no_region_here(gazetteer, make_article):
    body = "Floods in Kordofan displaced 4,000 people, Brazilian officials said."
    figure = placed(gazetteer, make_article, body, "Kordofan", "4,000")
    assert figure.place is None or figure.place.kind != "region"


@pytest.mark.parametrize("body,name,number", [
    # "Upper Nile" is no name for the river; "Western Area" none for an area.
    ("Some 2,000 people camped along the Nile after the clashes.", "Nile", "2,000"),
    ("Some 2,000 people were displaced in the Area, officials said.", "Area", "2,000"),
    # one second-level area alone is no region, even with a direction in its name
    ("Some 2,000 people were displaced in Parganas, officials said.", "Parganas", "2,000"),
])
def test_a_province_without_a_compass_direction_names_no_region(gazetteer, make_article, body, name, number):
    place = placed(gazetteer, make_article, body, name, number).place
    assert place is None or place.kind != "region" or place.name != name


def test_an_island_the_tagger_calls_an_organisation_is_a_place(gazetteer, make_article):
    body = "More than 4,100 people were displaced on Mindanao by the fighting."
    figure = enrich(make_article(body, [("Mindanao", "ORG")], [("4,100", None)]), gazetteer).figures[0]
    assert figure.place is not None and (figure.place.country, figure.place.kind) == ("PHL", "region")


def test_a_region_keeps_the_words_of_its_name_not_a_place_word(gazetteer, make_article):
    body = "Fighting on Mindanao island displaced 3,300 people this week."
    place = placed(gazetteer, make_article, body, "Mindanao island", "3,300").place
    assert (place.name, place.country, place.kind) == ("Mindanao", "PHL", "region")
