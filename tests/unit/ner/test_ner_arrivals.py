"""Arrivals from abroad: refugees and peoples who arrive, enter or reach a place are a new
cross-border flow counted where they arrived; standing refugee populations stay stock."""

from __future__ import annotations

import pytest

from ner_checks import bounds, only


def test_refugees_arriving_are_a_cross_border_flow(extract) -> None:
    ex = extract("Over 2,300 refugees arrived in Kilis on Saturday, the governor's office said.")
    fig = only(ex.figures, bounds=(2300, None))
    assert (fig.term, fig.category) == ("refugee", "cross_border")
    assert (fig.place_mention.text, fig.place_mention.role) == ("Kilis", "in")


def test_refugees_pouring_into_a_town_are_a_cross_border_flow(extract) -> None:
    ex = extract("About 2,400 refugees poured into Kilis after the shelling, the governor said.")
    fig = only(ex.figures, bounds=(2400, 2400))
    assert (fig.term, fig.category, fig.place_mention.text) == ("refugee", "cross_border", "Kilis")


def test_a_group_word_between_number_and_refugees(extract) -> None:
    ex = extract(
        "Some 5,200 Rohingya refugees have arrived in Bangladesh since Tuesday. "
        "About 1,800 South Sudanese refugees arrived in northern Uganda this week, aid workers said."
    )
    for low, place in ((5200, "Bangladesh"), (1800, "Uganda")):
        fig = only(ex.figures, bounds=(low, low))
        assert (fig.term, fig.category, fig.place_mention.text) == ("refugee", "cross_border", place)


def test_a_group_name_counts_people_like_a_plural_demonym(extract) -> None:
    ex = extract("Nearly 3,500 Rohingya reached Bangladesh by boat on Thursday.")
    fig = only(ex.figures, bounds=(3500, 3500))
    assert (fig.term, fig.category, fig.place_mention.text) == ("refugee", "cross_border", "Bangladesh")


def test_the_place_of_arrival_wins_over_the_origin(extract) -> None:
    ex = extract("Some 2,700 refugees from South Sudan have arrived in Uganda since Monday.")
    fig = only(ex.figures, bounds=(2700, 2700))
    assert fig.category == "cross_border"
    assert (fig.place_mention.text, fig.place_mention.role) == ("Uganda", "in")


def test_the_origin_stays_when_no_place_of_arrival_is_named(extract) -> None:
    ex = extract("About 900 refugees from Burundi arrived on Sunday.")
    fig = only(ex.figures, bounds=(900, 900))
    assert fig.category == "cross_border"
    assert (fig.place_mention.text, fig.place_mention.role) == ("Burundi", "from")


def test_nationals_arrive_from_abroad_only_when_the_sentence_speaks_of_flight(extract) -> None:
    assert not extract("About 6,000 Britons arrived in Spain for the summer holidays.").figures
    ex = extract("About 1,200 Eritreans fleeing conscription arrived in Sudan last month.")
    fig = only(ex.figures, bounds=(1200, 1200))
    assert (fig.category, fig.place_mention.text) == ("cross_border", "Sudan")


def test_standing_refugee_populations_stay_stock(extract) -> None:
    ex = extract(
        "Uganda now hosts 1.4 million refugees. The camp is home to 85,000 refugees. "
        "There are 600,000 Congolese refugees in Tanzania. "
        "The number of refugees in the district reached 20,000 in June."
    )
    for value in (1_400_000, 85_000, 600_000, 20_000):
        fig = only(ex.figures, bounds=(value, value))
        assert (fig.term, fig.category) == ("refugee", "stock")


def test_aid_reaching_refugees_is_no_arrival(extract) -> None:
    ex = extract("Food aid reached 4,000 refugees in the camp on Monday.")
    assert not [f for f in ex.figures if bounds(f) == (4000, 4000)]


def test_a_forecast_arrival_is_projected(extract) -> None:
    ex = extract("Over 3,000 Afghan refugees are expected to arrive in Iran this week.")
    assert only(ex.figures, bounds=(3000, None)).category == "projected"


def test_internally_displaced_people_arriving_are_displacement_where_they_arrived(extract) -> None:
    ex = extract("Some 9,500 IDPs arrived in Baidoa during the reporting period, aid agencies said.")
    fig = only(ex.figures, bounds=(9500, 9500))
    assert (fig.term, fig.category, fig.place_mention.text) == ("displaced", "displacement", "Baidoa")


# Construction "an influx of N" (`modality._arrival_noun_before`): a noun of people coming in before
# "of <count>" makes the count a new flow; new refugees just crossed. Hosted refugees stay stock.
@pytest.mark.parametrize("sentence,category", [
    ("An influx of 5,400 refugees has been recorded at the camp since Monday.", "cross_border"),
    ("The arrival of some 1,900 refugees has stretched the town's clinics.", "cross_border"),
    ("Officials reported a fresh wave of 3,200 asylum seekers this week.", "cross_border"),
    ("Aid workers counted 2,700 new refugees this week.", "cross_border"),
    ("The inflow of about 4,100 IDPs has doubled the size of the site.", "displacement"),
    ("The camp has hosted 5,400 refugees for a decade.", "stock"),
    ("The town is home to some 1,900 refugees.", "stock"),
    ("The camp has taken in 2,700 new refugees since Monday.", "cross_border"),
    ("The site now holds 3,000 new IDPs.", "displacement"),
    ("The site now holds 3,000 IDPs.", "stock"),
])
def test_people_coming_in_are_a_flow_and_hosted_people_a_stock(extract, sentence: str, category: str) -> None:
    figures = extract(sentence).figures
    assert len(figures) == 1, figures
    assert figures[0].category == category


@pytest.mark.parametrize(("sentence", "low", "place"), [
    ("Officials registered 2,600 new arrivals at the Tellmoor camps this month.", 2600, "Tellmoor"),
    ("Over 1,500 new arrivals were recorded in Orvani last week after attacks on nearby villages.", 1500, "Orvani"),
    ("The camp in Mirwah took in 840 new arrivals fleeing the fighting.", 840, "Mirwah"),
    ("Aid workers counted some 3,100 fresh arrivals in Kessa, most of them fleeing the floods.", 3100, "Kessa"),
])
def test_new_arrivals_where_people_flee_are_a_new_flow(extract, sentence: str, low: int, place: str) -> None:
    # "N new arrivals", the agencies' word for people who came to a camp or a town.
    figures = extract(sentence).figures
    assert [f.quantity.min for f in figures] == [low], figures
    fig = figures[0]
    assert fig.unit == "person" and fig.category in ("displacement", "cross_border"), fig
    assert fig.place_mention is not None and fig.place_mention.text.startswith(place), fig.place_mention


@pytest.mark.parametrize("sentence", [
    "A further 2,300 people arrived in the camp this week.",
    "About 600 people arrived at the displacement site outside Kessa on Monday.",
    "Some 1,400 villagers have arrived in camps near Mirwah since the raids.",
    "Nearly 900 residents arrived at the reception site in Tellmoor overnight.",
])
def test_people_arriving_at_a_camp_are_displaced_where_they_arrived(extract, sentence: str) -> None:
    # Construction "people arriving at a camp" (`candidates._arrives_at_a_camp`), whoever the noun names.
    figures = extract(sentence).figures
    assert [(f.term, f.category) for f in figures] == [("displaced", "displacement")], figures


@pytest.mark.parametrize("sentence", [
    # visitors, shoppers and students
    "The zoo in Mirwah welcomed 3 new arrivals this spring.",
    "The store unveiled 200 new arrivals for the autumn season.",
    "The country recorded 2 million tourist arrivals last year.",
    "The hotel in Kessa counted 300 arrivals over the holiday weekend.",
    "The university enrolled 4,000 new arrivals from abroad this year.",
    # other camps, or a town for another reason
    "About 300 tourists arrived at the camp site near the lake.",
    "Some 500 recruits arrived at the army camp for training.",
    "About 200 children arrived at the summer camp near Mirwah.",
    "More than 2,000 people arrived in Mirwah on Monday for the festival.",
])
def test_arrivals_of_visitors_or_at_other_camps_are_no_figure(extract, sentence: str) -> None:
    assert extract(sentence).figures == []
