"""Resolution in context. Sentences are written for these tests, not taken from any article."""

from geocode.gazetteer import distance_km
from geocode.resolve import dateline_span, enrich


def places_by_mention(enriched):
    return {p.mention: p for p in enriched.places if p.mention is not None}


def test_alternate_name_match_abroad_stays_unresolved(gazetteer, make_article):
    # "Kafin" is an alternate name of Kapan, Armenia; in a Syrian article that is no answer.
    body = ("Syrian government troops took Kafin on Tuesday, and 3,000 residents fled Kafin for "
            "villages to the west, a Syrian monitor said.")
    enriched = enrich(make_article(body, [("Kafin", "GPE")], [("3,000 residents", "Kafin")]), gazetteer)
    figure = enriched.figures[0]
    if figure.place is not None:
        assert figure.place.country == "SYR"
        assert figure.place.name != "Kapan"
    else:
        assert "outside the article's countries" in figure.unresolved_reason or "Kafin" in figure.unresolved_reason
    assert all(p.country != "ARM" for p in enriched.places)


def test_province_means_admin1(gazetteer, make_article):
    body = "Fighting in Latakia province forced 2,500 families from their homes, Syrian officials said."
    enriched = enrich(make_article(body, [("Latakia", "GPE")], [("2,500 families", "Latakia")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "admin1"
    assert place.admin1_code == "SY.02" and place.admin1 == "Latakia"
    assert place.country == "SYR"


def test_bare_name_means_the_city(gazetteer, make_article):
    body = "About 4,000 people fled Aleppo as shelling intensified, Syrian activists said."
    enriched = enrich(make_article(body, [("Aleppo", "GPE")], [("4,000 people", "Aleppo")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "city" and place.geonames_id == 170063
    assert place.admin1_code == "SY.09" and place.admin1 == "Aleppo"


def test_turkish_border_resolves_to_the_crossing_the_article_names(gazetteer, make_article):
    body = ("Thousands of Syrians waited on the Turkish border on Monday. Aid workers said 6,000 people had "
            "reached the Oncupinar crossing, and 9,000 more were stuck on the Turkish border.")
    enriched = enrich(make_article(body, [("Oncupinar", "CROSSING")],
                                   [("6,000 people", "Oncupinar"), ("9,000", "Turkish border")]), gazetteer)
    at_crossing, on_border = (f.place for f in enriched.figures)
    assert at_crossing.kind == "crossing" and at_crossing.crossing_id == "syr-tur-bab-al-salama"
    assert on_border.crossing_id == "syr-tur-bab-al-salama"
    assert on_border.mention == "Turkish border"
    assert set(on_border.countries) == {"SYR", "TUR"}


def test_border_without_a_named_crossing_is_a_border_place(gazetteer, make_article):
    body = "Some 7,000 Syrians are stranded at the Turkish border, a Syrian relief group said."
    enriched = enrich(make_article(body, [], [("7,000 Syrians", "Turkish border")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "border" and place.country == "SYR"
    assert set(place.countries) == {"SYR", "TUR"}
    assert place.lat is None


def test_geneva_is_switzerland_in_a_un_story(gazetteer, make_article):
    body = ("UN envoys met in Geneva on Wednesday. The United Nations said 12,000 Syrians had been displaced "
            "by the latest offensive, and talks in Geneva would resume next month.")
    enriched = enrich(make_article(body, [("Geneva", "GPE")], [("12,000 Syrians", None)]), gazetteer)
    geneva = places_by_mention(enriched)["Geneva"]
    assert geneva.country == "CHE" and geneva.geonames_id == 2660646


def test_person_spans_are_never_places(gazetteer, make_article):
    # The model sometimes tags a surname inside a PERSON span as a GPE; "Tom" would become a village.
    body = "A spokeswoman, Linda Tom, said 800 people had fled toward Kilis in Turkey."
    enriched = enrich(make_article(body, [("Linda Tom", "PERSON"), ("Tom", "GPE"), ("Kilis", "GPE"), ("Turkey", "GPE")],
                                   [("800 people", None)]), gazetteer)
    assert "Tom" not in places_by_mention(enriched)
    assert enriched.figures[0].place.name == "Kilis"


def test_country_mention_is_a_country_place(gazetteer, make_article):
    body = "More than 10,000 people have fled to Turkey in two days, Turkish officials said."
    enriched = enrich(make_article(body, [("Turkey", "GPE")], [("10,000 people", "Turkey")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "country" and place.country == "TUR" and place.name == "Turkey"
    # Coordinates are the capital's (Ankara) from GeoNames.
    assert distance_km(place.lat, place.lon, 39.92, 32.85) < 5


def test_dateline_is_not_the_event_place(gazetteer, make_article):
    body = "BEIRUT (AFP) - At least 5,000 people fled Azaz on Friday, a Syrian monitoring group said."
    assert dateline_span(body) > 0
    enriched = enrich(make_article(body, [("BEIRUT", "GPE"), ("Azaz", "GPE")], [("5,000 people", None)]), gazetteer)
    assert enriched.figures[0].place.name == "I‘zāz"
    assert "BEIRUT" not in places_by_mention(enriched)


def test_figure_without_mention_takes_the_sentence_place(gazetteer, make_article):
    body = ("Syrian rebels lost ground near Aleppo. Another 3,500 people were displaced to Afrin, "
            "a Kurdish-run town, the UN said.")
    enriched = enrich(make_article(body, [("Aleppo", "GPE"), ("Afrin", "GPE")], [("3,500 people", None)]), gazetteer)
    place = enriched.figures[0].place
    assert place.geonames_id == 174186  # Afrin, not Aleppo from the sentence before
    assert place.mention == "Afrin"


def test_enriched_article_carries_ids_and_every_place(gazetteer, make_article):
    body = "Syrian forces shelled Azaz and Kilis, and 2,000 people fled Azaz."
    enriched = enrich(make_article(body, [("Azaz", "GPE"), ("Kilis", "GPE")], [("2,000 people", "Azaz")]), gazetteer)
    assert enriched.article_id == "a1" and enriched.source_id == "s1"
    assert {p.name for p in enriched.places} >= {"I‘zāz", "Kilis"}
    assert all(p.country for p in enriched.places)


def test_unplaceable_figure_has_a_reason(gazetteer, make_article):
    body = "Officials said 900 people had left their homes."
    enriched = enrich(make_article(body, [], [("900 people", None)]), gazetteer)
    figure = enriched.figures[0]
    assert figure.place is None and figure.unresolved_reason


def test_border_crossing_phrase_and_two_border_mentions(gazetteer, make_article):
    body = ("Syrian families reached the Bab al-Salama border crossing on Sunday. Relief groups said 4,000 people "
            "were at the frontier, and the Turkish border stayed closed.")
    enriched = enrich(make_article(body, [("Bab al-Salama border crossing", "FAC"), ("frontier", "LOC"),
                                          ("Turkish border", "LOC")], [("4,000 people", "frontier")]), gazetteer)
    assert enriched.figures[0].place.crossing_id == "syr-tur-bab-al-salama"
    assert {p.crossing_id for p in enriched.places if p.kind == "crossing"} == {"syr-tur-bab-al-salama"}


def test_place_inside_an_organisation_name_is_not_a_place(gazetteer, make_article):
    body = ("Fighting between the army and the Islamic State in Iraq and the Levant displaced 5,500 people "
            "from villages around Raqqa, Syrian activists said.")
    enriched = enrich(make_article(body, [("Iraq", "GPE"), ("Raqqa", "GPE")], [("5,500 people", None)]), gazetteer)
    assert enriched.figures[0].place.country == "SYR"
    assert all(p.country != "IRQ" for p in enriched.places)


def test_cue_words_find_places_the_tagger_missed(gazetteer, make_article):
    # No entities at all: "to Chibok town" and "in Borno state" still say where.
    body = "A further 700 people were displaced to Chibok town after attacks in Borno state."
    enriched = enrich(make_article(body, [], [("700 people", None)]), gazetteer)
    place = enriched.figures[0].place
    assert place.name == "Chibok" and place.country == "NGA"


# -- names the gazetteer lacks, areas, misread labels -------------------------------------------


def test_unknown_place_takes_the_area_that_holds_it(gazetteer, make_article):
    body = "Clashes forced 3,000 people from Qaryat Nimr, in Upper Nile state, South Sudanese officials said."
    enriched = enrich(make_article(body, [("Qaryat Nimr", "GPE"), ("Upper Nile", "GPE")],
                                   [("3,000 people", "Qaryat Nimr")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "admin1" and place.name == "Upper Nile" and place.country == "SSD"
    assert place.mention == "Qaryat Nimr"  # the words stay, with the area they are in
    assert place.confidence <= 0.4


def test_unknown_place_in_a_list_takes_only_its_country(gazetteer, make_article):
    body = "Floods displaced 4,000 people in Qaryat Nimr, Jonglei and Unity, South Sudanese officials said."
    enriched = enrich(make_article(body, [("Qaryat Nimr", "GPE"), ("Jonglei", "GPE"), ("Unity", "GPE")],
                                   [("4,000 people", "Qaryat Nimr")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "country" and place.country == "SSD"
    assert place.mention == "Qaryat Nimr"


def test_unknown_place_is_not_the_town_it_fled_to(gazetteer, make_article):
    body = "Some 2,000 people fled from Qaryat Nimr to Malakal, South Sudanese officials said."
    enriched = enrich(make_article(body, [("Qaryat Nimr", "GPE"), ("Malakal", "GPE")],
                                   [("2,000 people", "Qaryat Nimr")]), gazetteer)
    place = enriched.figures[0].place
    assert place.name != "Malakal"
    assert place.kind == "country" and place.country == "SSD" and place.mention == "Qaryat Nimr"


def test_unknown_name_of_the_sentence_keeps_its_words(gazetteer, make_article):
    body = "Fighting displaced 3,500 people in the Pacific Coast region, Colombian officials said."
    enriched = enrich(make_article(body, [("the Pacific Coast", "LOC")], [("3,500 people", None)]), gazetteer)
    place = enriched.figures[0].place
    assert place.country == "COL" and place.kind == "country" and place.mention == "the Pacific Coast"


def test_common_part_of_province_names_gives_the_country(gazetteer, make_article):
    # No "Darfur" in any index, but North, South and West Darfur are all Sudanese.
    body = "Renewed fighting in Darfur displaced 9,000 people last month."
    enriched = enrich(make_article(body, [("Darfur", "GPE")], [("9,000 people", "Darfur")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "country" and place.country == "SDN" and place.mention == "Darfur"


def test_district_word_means_a_second_level_region(gazetteer, make_article):
    body = "Cattle raids displaced 1,500 people in Kaabong district, Ugandan officials said."
    enriched = enrich(make_article(body, [("Kaabong", "GPE")], [("1,500 people", "Kaabong district")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "region" and place.country == "UGA"
    assert place.admin1_code.startswith("UG.") and place.admin1


def test_area_words_choose_the_level_and_a_bare_name_is_the_town(gazetteer, make_article):
    kinds = {}
    for words in ("Kunduz", "Kunduz province", "Kunduz district"):
        body = f"About 3,000 people fled {words} after fighting, Afghan officials said."
        enriched = enrich(make_article(body, [("Kunduz", "GPE")], [("3,000 people", words)]), gazetteer)
        kinds[words] = (enriched.figures[0].place.kind, enriched.figures[0].place.country)
    assert kinds == {"Kunduz": ("city", "AFG"), "Kunduz province": ("admin1", "AFG"),
                     "Kunduz district": ("region", "AFG")}


def test_leading_directions_are_dropped_one_at_a_time(gazetteer, make_article):
    body = "Heavy rain in South West Bengal displaced 20,000 people, Indian officials said."
    enriched = enrich(make_article(body, [("South West Bengal", "LOC")],
                                   [("20,000 people", "South West Bengal")]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "admin1" and place.name == "West Bengal"


def test_province_tagged_as_a_person_is_a_place(gazetteer, make_article):
    body = "Flooding in Amhara displaced 6,000 people, the regional government said."
    enriched = enrich(make_article(body, [("Amhara", "PERSON")], [("6,000 people", None)]), gazetteer)
    place = enriched.figures[0].place
    assert place.kind == "admin1" and place.country == "ETH"


def test_town_tagged_as_an_organisation_is_a_place_but_a_person_is_not_a_town(gazetteer, make_article):
    body = "Some 5,000 people reached Malakal on Monday."
    enriched = enrich(make_article(body, [("Malakal", "ORG")], [("5,000 people", None)]), gazetteer)
    assert enriched.figures[0].place.name == "Malakal" and enriched.figures[0].place.country == "SSD"
    # "Obama" is a Japanese town, and a person.
    body = "Obama said 2,000 people had left their homes."
    enriched = enrich(make_article(body, [("Obama", "PERSON")], [("2,000 people", None)]), gazetteer)
    assert enriched.figures[0].place is None


def test_a_place_in_a_named_province_beats_its_namesake(gazetteer, make_article):
    # Two Yongshans in China; the article names Yunnan, and one name never vouches for itself.
    body = ("Landslides hit Yongshan County in Yunnan Province, China, on Sunday. Officials said "
            "1,400 people were evacuated from Yongshan.")
    enriched = enrich(make_article(body, [("Yongshan County", "GPE"), ("Yunnan Province", "GPE"), ("China", "GPE"),
                                          ("Yongshan", "GPE")], [("1,400 people", "Yongshan")]), gazetteer)
    place = enriched.figures[0].place
    assert place.admin1 == "Yunnan" and place.country == "CHN"


def test_country_inside_an_organisation_name_counts_for_context(gazetteer, make_article):
    body = "About 400 people fled Pital after an attack by the Revolutionary Armed Forces of Colombia."
    enriched = enrich(make_article(body, [("Pital", "GPE")], [("400 people", "Pital")]), gazetteer)
    assert enriched.figures[0].place.country == "COL"
