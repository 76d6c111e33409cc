"""Figures from invented wire copy: each hard case of real displacement reporting, once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ner.extraction import extract_articles
from ner_checks import bounds, only
from wirewatch.cli import to_article


# -- how many ---------------------------------------------------------------------------------------


def test_range(extract) -> None:
    ex = extract("Between 3,000 and 4,500 people were displaced by the floods in Kassala state.")
    fig = only(ex.figures, bounds=(3000, 4500))
    assert (fig.term, fig.unit, fig.category, fig.quantity.qualifier) == (
        "displaced", "person", "displacement", "range",
    )


def test_up_to_and_more_than(extract) -> None:
    ex = extract(
        "Up to 12,000 people were evacuated from coastal villages. More than 800 residents fled the town of Mirwah."
    )
    assert only(ex.figures, bounds=(None, 12000)).term == "evacuated"
    assert only(ex.figures, bounds=(800, None)).term == "forced_to_flee"


def test_about_is_an_exact_bound(extract) -> None:
    ex = extract("About 6,300 people were relocated to safer ground after the river burst its banks.")
    fig = only(ex.figures, bounds=(6300, 6300))
    assert (fig.term, fig.quantity.qualifier) == ("relocated", "approximate")


def test_vague_amounts(extract) -> None:
    ex = extract(
        "Tens of thousands of civilians have fled the shelling of the old city. "
        "Several thousand villagers were displaced in the hills. "
        "Hundreds of families sought refuge in schools and mosques. "
        "Thousands of people were evacuated overnight."
    )
    assert only(ex.figures, bounds=(10000, 99999)).term == "forced_to_flee"
    assert only(ex.figures, bounds=(1000, 9999), term="displaced").quantity.qualifier == "vague"
    assert only(ex.figures, bounds=(100, 999)).unit == "household"
    assert only(ex.figures, bounds=(1000, 9999), term="evacuated").category == "displacement"


def test_another_is_additive(extract) -> None:
    ex = extract("Another 2,500 people were displaced to the district capital on Sunday.")
    assert only(ex.figures, bounds=(2500, 2500)).additive is True


# -- who and what ----------------------------------------------------------------------------------


def test_families_are_households_and_the_bracket_restates_them(extract) -> None:
    ex = extract("Some 1,400 families (about 7,000 people) were displaced by the landslides.")
    assert only(ex.figures, bounds=(1400, 1400)).unit == "household"
    assert only(ex.figures, bounds=(7000, 7000)).unit == "person"
    assert {f.term for f in ex.figures} == {"displaced"}


def test_destroyed_homes_count_households(extract) -> None:
    ex = extract("The cyclone destroyed 2,150 homes and damaged another 4,000 in the delta.")
    assert only(ex.figures, bounds=(2150, 2150)).term == "destroyed_housing"
    damaged = only(ex.figures, bounds=(4000, 4000))
    assert (damaged.term, damaged.unit) == ("partially_destroyed_housing", "household")


def test_the_housing_noun_carries_over_an_adverb(extract) -> None:
    ex = extract("Some 900 houses were completely destroyed and 2,600 partially damaged by the quake.")
    damaged = only(ex.figures, bounds=(2600, 2600))
    assert (damaged.term, damaged.unit) == ("partially_destroyed_housing", "household")


def test_lost_their_homes_and_left_without_shelter_are_homeless(extract) -> None:
    ex = extract(
        "At least 650 families lost their homes in the blaze. The storm left 9,000 people without shelter."
    )
    assert only(ex.figures, bounds=(650, None)).term == "homeless"
    assert only(ex.figures, bounds=(9000, 9000)).term == "homeless"


def test_shelter_and_camp_terms(extract) -> None:
    ex = extract(
        "Roughly 950 people took shelter in two evacuation centres. "
        "A further 3,200 people are staying in relief camps on the outskirts."
    )
    assert only(ex.figures, bounds=(950, 950)).term == "sheltered"
    assert only(ex.figures, bounds=(3200, 3200)).term == "in_relief_camp"


def test_breakdown_in_an_aside_is_no_figure(extract) -> None:
    ex = extract("About 640 people, including 200 children and 45 older people, were evacuated from the island.")
    assert [bounds(f) for f in ex.figures] == [(640, 640)]


# -- what is not new movement ---------------------------------------------------------------------


def test_stock_is_never_displacement(extract) -> None:
    ex = extract(
        "The country already hosts about 910,000 refugees, and 35,000 more have fled across the border this month."
    )
    stock = only(ex.figures, bounds=(910_000, 910_000))
    assert (stock.category, stock.term) == ("stock", "refugee")
    assert only(ex.figures, bounds=(35000, 35000)).category == "cross_border"


def test_remaining_displaced_is_stock(extract) -> None:
    ex = extract("Nearly 4,000 people remain displaced two years after the earthquake.")
    assert only(ex.figures, bounds=(4000, 4000)).category == "stock"


def test_fatalities(extract) -> None:
    ex = extract(
        "The attack on the market killed 35 villagers, the governor said. "
        "Fighting near the dam cost 40 lives on Tuesday. "
        "More than 9,000 people have died since the war began."
    )
    for value in (35, 40):
        fig = only(ex.figures, bounds=(value, value))
        assert (fig.category, fig.term) == ("fatalities", "killed")
    assert only(ex.figures, bounds=(9000, None)).category == "fatalities"
    assert not [f for f in ex.figures if f.category in ("displacement", "cross_border")]


def test_populations_distances_money_and_proportions_are_no_figures(extract) -> None:
    ex = extract(
        "The town, home to 60,000 people, lies 12 kilometres from the front line. "
        "Donors pledged $40 million for families who fled. "
        "Nearly 40 percent of residents have fled, and the city of 2 million people is half empty."
    )
    assert ex.figures == []


def test_forecasts_of_a_coming_movement_are_projected(extract) -> None:
    ex = extract(
        "Aid agencies warned the offensive could force 200,000 people to flee. "
        "Up to 75,000 people could be displaced by the assault on the port, the agency said. "
        "About 18,000 residents are expected to be evacuated before the cyclone makes landfall. "
        "Officials plan to relocate 8,000 people next week. "
        "The agency estimates that between one and 1.2 million peoplecould become displaced as the siege tightens."
    )
    assert only(ex.figures, bounds=(200000, 200000)).term == "forced_to_flee"
    assert only(ex.figures, bounds=(None, 75000)).term == "displaced"
    assert only(ex.figures, bounds=(18000, 18000)).term == "evacuated"
    assert only(ex.figures, bounds=(8000, 8000)).term == "relocated"
    assert only(ex.figures, bounds=(1000000, 1200000)).term == "displaced"
    assert {f.category for f in ex.figures} == {"projected"}


@pytest.mark.parametrize(("text", "category"), [
    # Construction "a count that shares the verb before it" (`modality._modality`): the second
    # count of "A could be X-ed and B Y-ed" has no auxiliaries of its own.
    ("Some 60,000 people could be affected and 20,000 displaced by the storm in Orvani.", "projected"),
    ("Up to 9,000 homes may be damaged and 30,000 people evacuated as the cyclone nears.", "projected"),
    ("About 60,000 people were affected and 20,000 displaced by the storm in Orvani.", "displacement"),
    ("Officials said 500 were injured and 2,000 displaced in Orvani.", "displacement"),
])
def test_a_second_count_takes_the_modality_of_the_verb_it_shares(extract, text, category) -> None:
    assert [f.category for f in extract(text).figures if f.unit == "person"] == [category]


def test_a_second_count_under_a_condition_is_no_figure(extract) -> None:
    ex = extract("Up to 60,000 people could be affected and 20,000 displaced if the levee breaks, engineers warned.")
    assert ex.figures == []


def test_conditionals_negations_and_counterfactuals_are_no_figures(extract) -> None:
    ex = extract(
        "Up to 50,000 residents are expected to be displaced if the dam fails. "
        "If the embankment gives way, thousands could be forced to flee. "
        "About 5,000 people would have been displaced without the new levee. "
        "The works are not expected to displace more than 300 households. "
        "Some 2,000 people should be relocated before the rains, engineers said. "
        "More than 9,000 people are at risk of displacement along the coast. "
        "Authorities said 4,000 people need to be evacuated from the valley. "
        "The fighting could kill 6,000 people and destroy 3,000 homes."
    )
    assert ex.figures == []


def test_may_the_month_is_no_modal(extract) -> None:
    ex = extract("In May, 20,000 people fled the fighting in the valley.")
    assert only(ex.figures, bounds=(20000, 20000)).category == "displacement"


def test_an_uncertain_past_report_is_no_projection(extract) -> None:
    ex = extract("An estimated 60,000 people may have fled the shelling, the agency said.")
    assert only(ex.figures, bounds=(60000, 60000)).category == "displacement"


def test_a_modal_governing_another_verb_leaves_the_movement_real(extract) -> None:
    ex = extract(
        "The agency will assist 5,000 people displaced by the floods. "
        "The storm is expected to leave 30,000 people homeless."
    )
    assert only(ex.figures, bounds=(5000, 5000)).category == "displacement"
    assert only(ex.figures, bounds=(30000, 30000)).category == "projected"


def test_other_senses_of_displacement(extract) -> None:
    ex = extract(
        "The striker, 31, was treated for a hip displacement after falling 3 metres. "
        "The new model has an engine displacement of 1,600 cc. "
        "About 300 displaced workers lost their jobs when the plant closed."
    )
    assert ex.figures == []


def test_affected_and_injured_are_not_displaced(extract) -> None:
    ex = extract("The storm affected 1.3 million people and injured 240, while 18,000 were evacuated.")
    assert [bounds(f) for f in ex.figures] == [(18000, 18000)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Some 2,300 IDPs were recorded in 12 displacement sites in Orvani province.", [(2300, 2300)]),
    ("The 4,100 displaced families live in 35 displacement camps around Mirwah.", [(4100, 4100)]),
    ("Aid reached 9 displacement centres in the district last week.", []),
    ("Officials counted 18 displacement sites near the river, each holding families who fled.", []),
])
def test_a_count_of_displacement_sites_counts_no_people(extract, text, expected) -> None:
    # "N displacement sites": the noun names the sites; "N displaced" still counts people.
    assert [bounds(f) for f in extract(text).figures] == expected


def test_dates_and_years_are_not_counts(extract) -> None:
    ex = extract("Between 2 and 9 March 2031, some 1,700 people were displaced from Mirwah since 2029.")
    assert [bounds(f) for f in ex.figures] == [(1700, 1700)]


# -- where, when, who said it ------------------------------------------------------------------------


def test_driven_from_their_homes(extract) -> None:
    ex = extract(
        "The offensive has driven more than 14,000 people from their homes. "
        "Militias drove some 2,300 villagers out of their villages in the hills. "
        "The closure forced 800 workers out of their jobs."
    )
    assert only(ex.figures, bounds=(14000, None)).term == "forced_to_flee"
    assert only(ex.figures, bounds=(2300, 2300)).term == "forced_to_flee"
    assert [bounds(f) for f in ex.figures if f.quantity.min == 800] == []


def test_a_count_in_a_year_is_no_proportion(extract) -> None:
    ex = extract("The number of people displaced by the floods stood at about 52,000 in 2019.")
    assert only(ex.figures, bounds=(52000, 52000)).term == "displaced"


def test_refuge_in_a_neighbouring_country_is_cross_border(extract) -> None:
    ex = extract("Over 5,000 people sought refuge in neighbouring Tajikistan after the clashes.")
    assert only(ex.figures, bounds=(5000, None)).category == "cross_border"


def test_border_and_crossing_are_cross_border(extract) -> None:
    ex = extract("Up to 9,000 people gathered at the Qarsun border crossing on Friday, hoping to enter Turkey.")
    fig = only(ex.figures, bounds=(None, 9000))
    assert (fig.category, fig.term) == ("cross_border", "stranded")
    assert fig.place_mention.kind == "crossing"


def test_crossing_into_a_country(extract) -> None:
    ex = extract("More than 4,800 South Sudanese crossed into Uganda over the weekend.")
    fig = only(ex.figures, bounds=(4800, None))
    assert fig.category == "cross_border"


def test_displaced_to_a_town_is_displacement_with_its_place(extract) -> None:
    ex = extract("Another 3,000 people were displaced to the town of Mirwah, local officials said.")
    fig = only(ex.figures, bounds=(3000, 3000))
    assert fig.category == "displacement"
    assert (fig.place_mention.text, fig.place_mention.role) == ("Mirwah", "to")
    assert fig.reported_by == "local officials"


def test_his_country_resolves_to_the_speakers_country(extract) -> None:
    ex = extract(
        "Jordanian Interior Minister Samir Haddad said Thursday up to 25,000 people were heading to his country."
    )
    fig = only(ex.figures, bounds=(None, 25000))
    assert fig.category == "cross_border"
    assert (fig.place_mention.text, fig.place_mention.country, fig.place_mention.as_written) == (
        "Jordan",
        "JOR",
        "his country",
    )


def test_the_border_resolves_to_the_crossing_the_article_names(extract) -> None:
    ex = extract(
        "Thousands of people are stranded on the Turkish border after days of bombing. "
        "Aid workers at the Qarsun crossing said the gate stayed shut."
    )
    fig = only(ex.figures, bounds=(1000, 9999))
    assert fig.place_mention.kind == "crossing"
    assert fig.place_mention.as_written.endswith("Turkish border")
    assert fig.place_mention.country == "TUR"


def test_reported_by(extract) -> None:
    ex = extract(
        "According to OCHA, 2,700 people were displaced in the district. "
        "Some 900 families fled the valley, the Red Crescent said. "
        "UNHCR spokeswoman Mara Lind said 1,100 refugees had arrived. She said another 600 people crossed the border."
    )
    assert only(ex.figures, bounds=(2700, 2700)).reported_by == "OCHA"
    assert "Red Crescent" in only(ex.figures, bounds=(900, 900)).reported_by
    assert "Mara Lind" in only(ex.figures, bounds=(600, 600)).reported_by


def test_weekday_date_is_read_against_publication(extract) -> None:
    published = datetime(2031, 3, 7, 12, tzinfo=UTC)  # a Friday
    ex = extract("Some 5,000 people fled the town on Tuesday.", published=published)
    assert only(ex.figures, bounds=(5000, 5000)).date == "2031-03-04"


def test_cumulative(extract) -> None:
    ex = extract("So far this year 61,000 people have been displaced by the violence.")
    assert only(ex.figures, bounds=(61000, 61000)).cumulative is True


# -- one event, twice ------------------------------------------------------------------------------


def test_same_event_reported_twice_is_one_figure(extract) -> None:
    ex = extract(
        "Up to 15,000 people were stranded on the Turkish border on Monday. "
        "The ministry said up to 15,000 people had gathered at the Qarsun crossing."
    )
    fig = only(ex.figures, bounds=(None, 15000))
    assert len(fig.evidence) == 1
    assert "Qarsun" in fig.evidence[0].sentence
    assert fig.place_mention.kind == "crossing"


def test_another_of_the_same_size_is_a_second_event(extract) -> None:
    ex = extract("About 2,000 people were displaced on Monday. Another 2,000 people were displaced on Wednesday.")
    assert sorted(f.additive for f in ex.figures) == [False, True]


# -- offsets and datelines -------------------------------------------------------------------------


def test_spans_point_into_the_body(extract) -> None:
    headline = "Floods force 7,000 from homes"
    body = "Officials said about 7,000 people were evacuated from Mirwah on Sunday."
    ex = extract(body, headline=headline)
    fig = only(ex.figures, bounds=(7000, 7000))
    assert body[fig.span.start : fig.span.end] == fig.quantity.text == "about 7,000"
    assert body[fig.place_mention.start : fig.place_mention.end] == "Mirwah"
    assert fig.sentence in body
    for entity in ex.entities:
        assert body[entity.start : entity.end] == entity.text


def test_the_dateline_ingest_cut_is_never_a_place(nlp) -> None:
    # Ingest cuts "AMMAN (Reuters) -" from the body; ner reads what is left and keeps the dateline.
    article = to_article({"body": "AMMAN (Reuters) - More than 1,300 refugees arrived in Tellhaven refugee camp "
                                  "this week, officials said."})
    ex = extract_articles(nlp, [article])[0]
    assert (ex.article.dateline.place, ex.article.dateline.provider) == ("Amman", "Reuters")
    assert ex.article.body.startswith("More than 1,300")
    fig = only(ex.figures, bounds=(1300, None))
    assert fig.place_mention.text.startswith("Tellhaven")
    assert all(e.text != "AMMAN" for e in ex.entities)


# -- returns across a border ---------------------------------------------------------------------


def test_returnees_from_another_country_crossed_a_border(extract) -> None:
    ex = extract(
        "Some 12,000 returnees from Tajikistan arrived in the province last month, many of them deported. "
        "The total number of undocumented returnees from the Central African Republic this year now stands at about "
        "31,000."
    )
    fig = only(ex.figures, bounds=(12000, 12000))
    assert (fig.term, fig.category, fig.cumulative) == ("displaced", "cross_border", False)
    total = only(ex.figures, bounds=(31000, 31000))
    assert (total.term, total.category, total.cumulative) == ("displaced", "cross_border", True)


def test_returnees_to_their_villages_or_from_a_pilgrimage_are_no_figure(extract) -> None:
    ex = extract(
        "Around 4,000 returnees from the camps went back to their villages. "
        "The number of returnees from displacement sites rose to 8,000. "
        "About 300 returnees from Saudi Arabia tested positive after the pilgrimage."
    )
    assert ex.figures == []


# -- counts whose people are named by the next sentence ------------------------------------------


def test_a_verbless_count_takes_the_displaced_of_its_neighbour(extract) -> None:
    ex = extract(
        "about 6,500 in Mirwah, after renewed shelling on the eastern bank. "
        "IDPs in the district capital are sheltering in schools."
    )
    fig = only(ex.figures, bounds=(6500, 6500))
    assert (fig.term, fig.category, fig.unit) == ("displaced", "displacement", "person")


def test_a_verbless_count_without_displaced_neighbours_is_no_figure(extract) -> None:
    ex = extract("The hall was full. About 3,000 in Mirwah, and more outside. The concert ended late.")
    assert ex.figures == []


def test_a_total_of_people_moved_is_a_running_total_of_displacement_not_a_stock(extract) -> None:
    ex = extract("A total of 2,300 families have been relocated to evacuation centres in Albay province, officials said.")
    fig = only(ex.figures, bounds=(2300, 2300))
    assert (fig.category, fig.term, fig.cumulative) == ("displacement", "relocated", True)
