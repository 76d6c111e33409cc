"""Several counts under one verb: a bare number after "and" that goes on a figure's pattern, numbers
that share one noun ("8,000 and 5,000 people"), "respectively"; and the neighbours of those rules:
a country's possessive as a destination abroad, and people forced to shelter."""

from __future__ import annotations

from ner_checks import bounds, only


def test_a_bare_count_after_and_continues_the_figure_before_it(extract) -> None:
    ex = extract("Gunmen displaced 4,200 people in Bunia and 2,600 in Djugu, a local official said.")
    first = only(ex.figures, bounds=(4200, 4200))
    second = only(ex.figures, bounds=(2600, 2600))
    for fig, place in ((first, "Bunia"), (second, "Djugu")):
        assert (fig.unit, fig.term, fig.category) == ("person", "displaced", "displacement")
        assert (fig.place_mention.text, fig.place_mention.role) == (place, "in")


def test_another_count_after_and_with_its_own_destination(extract) -> None:
    ex = extract("About 1,800 residents fled to Goma on Sunday and another 900 to Bukavu.")
    fig = only(ex.figures, bounds=(900, 900))
    assert (fig.term, fig.category, fig.additive) == ("forced_to_flee", "displacement", True)
    assert (fig.place_mention.text, fig.place_mention.role) == ("Bukavu", "to")
    assert only(ex.figures, bounds=(1800, 1800)).place_mention.text == "Goma"


def test_a_list_of_counts_and_a_passive_verb(extract) -> None:
    ex = extract("Officials said 700 families were evacuated from Bunia, 450 from Djugu and 300 from Mahagi.")
    for low, place in ((700, "Bunia"), (450, "Djugu"), (300, "Mahagi")):
        fig = only(ex.figures, bounds=(low, low))
        assert (fig.unit, fig.term, fig.place_mention.text) == ("household", "evacuated", place)


def test_a_continued_count_keeps_the_kind_of_the_first(extract) -> None:
    ex = extract("The attacks killed 45 people in Bunia and 30 in Djugu, the army said.")
    assert only(ex.figures, bounds=(30, 30)).category == "fatalities"
    ex = extract("The storm destroyed 600 houses in Bunia and 250 in Djugu.")
    fig = only(ex.figures, bounds=(250, 250))
    assert (fig.unit, fig.term) == ("household", "destroyed_housing")


def test_a_count_after_and_with_a_verb_or_noun_of_its_own_is_not_continued(extract) -> None:
    ex = extract("The clashes displaced 3,400 people in Bunia and injured 800 in Djugu.")
    assert not [f for f in ex.figures if bounds(f) == (800, 800)]
    ex = extract("The floods displaced 3,400 people in Bunia and 900 cattle in Djugu.")
    assert not [f for f in ex.figures if bounds(f) == (900, 900)]
    ex = extract("The floods affected 3,400 people in Bunia and 900 in Djugu.")
    assert not ex.figures


def test_a_breakdown_without_a_place_of_its_own_is_not_continued(extract) -> None:
    ex = extract("The raids displaced 5,500 people, 3,100 in Bunia and 2,400 in Djugu.")
    assert [bounds(f) for f in ex.figures] == [(5500, 5500)]


def test_a_forecast_continued_stays_a_forecast(extract) -> None:
    ex = extract("The cyclone could displace 20,000 people in Bunia and 15,000 in Djugu.")
    assert only(ex.figures, bounds=(15000, 15000)).category == "projected"
    ex = extract("Some 3,000 people were not displaced in Bunia and 1,000 in Djugu.")
    assert not ex.figures


def test_numbers_sharing_one_noun_and_verb(extract) -> None:
    ex = extract("Monsoon rains displaced 14,000 and 9,500 people in Assam, the state agency said.")
    for low in (14_000, 9_500):
        fig = only(ex.figures, bounds=(low, low))
        assert (fig.unit, fig.term, fig.category) == ("person", "displaced", "displacement")
        assert fig.place_mention.text == "Assam"
    ex = extract("Some 6,000 and 4,000 families were evacuated in Assam.")
    for low in (6_000, 4_000):
        assert only(ex.figures, bounds=(low, low)).unit == "household"


def test_respectively_gives_each_number_its_place(extract) -> None:
    ex = extract("The floods displaced 14,000 and 9,500 people in Assam and Bihar respectively.")
    assert only(ex.figures, bounds=(14_000, 14_000)).place_mention.text == "Assam"
    assert only(ex.figures, bounds=(9_500, 9_500)).place_mention.text == "Bihar"
    ex = extract("About 5,000, 3,000 and 1,200 people were evacuated from Assam, Bihar and Odisha, respectively.")
    for low, place in ((5_000, "Assam"), (3_000, "Bihar"), (1_200, "Odisha")):
        fig = only(ex.figures, bounds=(low, low))
        assert (fig.term, fig.place_mention.text, fig.place_mention.role) == ("evacuated", place, "from")


def test_numbers_sharing_a_noun_of_something_else_are_no_figures(extract) -> None:
    ex = extract("The floods destroyed 14,000 and 9,500 hectares of rice in Assam and Bihar, displacing farmers.")
    assert not ex.figures
    ex = extract("Floods displaced 2,000 families and 9,000 people in Assam.")
    assert not [f for f in ex.figures if bounds(f) == (9000, 9000)]


def test_a_countrys_possessive_as_destination_is_abroad(extract) -> None:
    ex = extract("Nearly 8,000 Rohingya have fled to Bangladesh's Teknaf area since the weekend.")
    fig = only(ex.figures, bounds=(8000, 8000))
    assert fig.category == "cross_border"
    assert (fig.place_mention.text, fig.place_mention.role) == ("Teknaf", "to")


def test_a_countrys_possessive_inside_the_country_just_spoken_of_is_not_abroad(extract) -> None:
    ex = extract(
        "Fighting in Ethiopia's Tigray region intensified on Monday. "
        "About 6,000 people fled to Ethiopia's Afar region, officials said."
    )
    assert only(ex.figures, bounds=(6000, 6000)).category == "displacement"


def test_forced_to_shelter_is_displacement(extract) -> None:
    ex = extract("Shelling in Malakal forced 9,000 people to shelter at the UN compound.")
    fig = only(ex.figures, bounds=(9000, 9000))
    assert (fig.term, fig.category) == ("sheltered", "displacement")
    ex = extract("The fighting forced tens of thousands of residents to shelter in schools.")
    assert only(ex.figures, bounds=(10_000, 99_999)).term == "sheltered"


def test_sheltering_in_place_or_a_forecast_shelter(extract) -> None:
    assert not extract("Authorities told 300,000 residents to shelter in place as the storm hit.").figures
    assert not extract("Police forced 300,000 residents to shelter indoors during the curfew.").figures
    assert not extract("The agency has money to shelter 9,000 people this winter.").figures
    ex = extract("Renewed fighting could force 9,000 people to shelter at the UN compound.")
    assert only(ex.figures, bounds=(9000, 9000)).category == "projected"


def test_a_count_in_a_year_is_no_second_figure(extract) -> None:
    ex = extract("Clashes displaced 4,000 people in Kalehe and 2,000 in 2019, officials said.")
    assert [f.quantity.min for f in ex.figures] == [4000]
