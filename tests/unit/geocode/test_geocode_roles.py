"""The roles ner's parse gives the places of a figure's clause (`Figure.place_mentions`): geocode
counts a figure where the roles say, not where the nearest name is. Sentences written for these
tests; "Qwertyville" stands for a village the gazetteer lacks."""

import pytest

from geocode.resolve import enrich
from geocode.resolve.model import Mention
from geocode.resolve.roles import context_only, role_of
from wirewatch.contracts import PlaceMention


def _span(body, text, role):
    at = body.index(text)
    return PlaceMention(text=text, start=at, end=at + len(text), role=role)


@pytest.fixture
def place_with_roles(gazetteer, make_article):
    """place_with_roles(body, entities, number, (role, words) of the figure's place, [(role, words)], category)."""

    def run(body, entities, number, own, clause, category="displacement", term="displaced"):
        extracted = make_article(body, entities, [(number, None)])
        figure = extracted.figures[0].model_copy(update={
            "place_mention": _span(body, own[1], own[0]),
            "place_mentions": [_span(body, words, role) for role, words in clause],
            "category": category,
            "term": term,
        })
        enriched = enrich(extracted.model_copy(update={"figures": [figure]}), gazetteer)
        return enriched.figures[0].place

    return run


def test_role_of_takes_the_innermost_phrase(make_article):
    body = "Some 500 people fled from their homes in Kalehe near the lake."
    figure = make_article(body, [], [("500", None)]).figures[0].model_copy(update={"place_mentions": [
        _span(body, "their homes in Kalehe near the lake", "from"), _span(body, "Kalehe", "in"),
        _span(body, "the lake", "near")]})
    at = body.index("Kalehe")
    assert role_of(figure, at, at + len("Kalehe")) == "in"
    assert context_only(figure, Mention("the lake", body.index("the lake"), body.index("the lake") + 8, "LOC"))
    assert role_of(figure, 0, 4) is None


@pytest.mark.parametrize("body,own,clause", [
    ("In Qwertyville, near the border with Uganda, 3,000 Congolese villagers fled their homes, "
     "Congolese officials said.", ("in", "Qwertyville"),
     [("in", "Qwertyville"), ("near", "the border with Uganda"), ("near", "Uganda")]),
    ("Congolese officials said 3,000 Congolese villagers fled Qwertyville, close to Uganda, on Sunday.",
     ("from", "Qwertyville"), [("from", "Qwertyville"), ("near", "Uganda")]),
    ("Near Uganda, 3,000 Congolese villagers were uprooted in Qwertyville, Congolese officials said.",
     ("in", "Qwertyville"), [("near", "Uganda"), ("in", "Qwertyville")]),
])
def test_a_place_named_as_context_does_not_lend_its_country(place_with_roles, body, own, clause):
    # The village is unknown, so the figure takes the country holding it: not the neighbour named
    # only as context.
    place = place_with_roles(body, [("Qwertyville", "GPE"), ("Uganda", "GPE"), ("Congolese", "NORP")], "3,000",
                             own, clause)
    assert place.country == "COD" and place.mention == "Qwertyville"


@pytest.mark.parametrize("body,number", [
    ("Into Uganda, 4,000 people crossed from Ituri over the weekend, the UN said.", "4,000"),
    ("Uganda received 4,000 people who crossed from Ituri over the weekend, the UN said.", "4,000"),
])
def test_a_cross_border_flow_goes_where_the_parse_says_it_went(place_with_roles, body, number):
    place = place_with_roles(body, [("Uganda", "GPE"), ("Ituri", "GPE")], number, ("from", "Ituri"),
                             [("to", "Uganda"), ("from", "Ituri")], category="cross_border")
    assert place.country == "UGA" and place.mention_role == "to"


@pytest.mark.parametrize("body,number", [
    ("Some 1,800 families reached Goma after fleeing Masisi, Congolese officials said.", "1,800"),
    ("Goma took in 1,800 families who had left Masisi, Congolese officials said.", "1,800"),
])
def test_new_displacement_is_counted_where_it_started(place_with_roles, body, number):
    place = place_with_roles(body, [("Goma", "GPE"), ("Masisi", "GPE"), ("Congolese", "NORP")], number,
                             ("to", "Goma"), [("to", "Goma"), ("from", "Masisi")])
    assert place.mention == "Masisi" and place.mention_role == "from"


def test_a_destination_beside_the_country_people_came_from_resolves(gazetteer, make_article):
    from geocode.resolve import enrich

    for body in ("Some 4,000 refugees arrived in Gambella from South Sudan's Upper Nile state.",
                 "About 2,500 refugees fleeing from South Sudan reached Gambella this week."):
        number = "4,000" if "4,000" in body else "2,500"
        extracted = make_article(body, [("Gambella", "GPE"), ("South Sudan", "GPE")], [(number, "Gambella")])
        place = enrich(extracted, gazetteer).figures[0].place
        assert place is not None and place.country == "ETH", place


@pytest.mark.parametrize("body", [
    "Au Burkina Faso, plus de 5 000 personnes ont fui Djibo pour se réfugier plus au sud.",
    "In Burkina Faso, more than 5,000 people fled Djibo over the weekend.",
])
def test_a_place_people_left_inside_the_country_says_where_in_it(place_with_roles, body):
    country = "Burkina Faso"
    place = place_with_roles(body, [(country, "GPE"), ("Djibo", "GPE")], "5 000" if "5 000" in body else "5,000",
                             ("in", country), [("in", country), ("from", "Djibo")])
    assert place is not None and place.name == "Djibo" and place.country == "BFA", place


@pytest.mark.parametrize("body,entities,country", [
    ("The country now hosts over 1.4 million refugees, most of them from South Sudan.",
     [("South Sudan", "GPE")], None),
    ("Officials said 1.4 million refugees, most of them from South Sudan, live in camps in Uganda.",
     [("South Sudan", "GPE"), ("Uganda", "GPE")], "UGA"),
    ("The town shelters 1.4 million refugees from South Sudan, Kenyan officials said.",
     [("South Sudan", "GPE"), ("Kenyan", "NORP")], "KEN"),
])
def test_refugees_are_never_counted_in_the_country_they_came_from(place_with_roles, body, entities, country):
    place = place_with_roles(body, entities, "1.4 million", ("from", "South Sudan"), [("from", "South Sudan")],
                             category="stock", term="refugee")
    assert (place.country if place else None) == country, place


# "A place beside a border" (`geocode.resolve.context.read_countries`, `Context.bordering`): a
# country named only as a border's far side says the place is in one of its neighbours, so a
# province there is not "outside the article's countries".
@pytest.mark.parametrize("body,entities,province,country", [
    ("Some 3,000 people were displaced in Nangarhar, near the border with Pakistan, officials said.",
     [("Nangarhar", "GPE"), ("Pakistan", "GPE")], "Nangarhar", "AFG"),
    ("Some 3,000 people were displaced in Kunene, near the Angolan border, officials said.",
     [("Kunene", "GPE"), ("Angolan", "NORP")], "Kunene", "NAM"),
    ("Some 3,000 people were displaced in Tillaberi, close to the frontier of Mali, officials said.",
     [("Tillaberi", "GPE"), ("Mali", "GPE")], "Tillaberi", "NER"),
    ("Some 3,000 people were displaced in Hakkari, near Iraq's border, officials said.",
     [("Hakkari", "GPE"), ("Iraq", "GPE")], "Hakkari", "TUR"),
])
def test_a_place_beside_a_named_border_is_in_a_neighbouring_country(place_with_roles, body, entities, province,
                                                                    country):
    border = body[body.index(province) + len(province) + 2: body.index(", officials")]
    place = place_with_roles(body, entities, "3,000", ("in", province), [("in", province), ("near", border)])
    assert place is not None and place.country == country, place


@pytest.mark.parametrize("body,bordering", [
    ("Clashes near the border with Pakistan displaced 3,000 people.", True),
    ("Clashes near Pakistan's frontier displaced 3,000 people.", True),
    ("Clashes close to the Pakistani border displaced 3,000 people.", True),
    ("Affrontements près de la frontière avec le Pakistan : 3 000 personnes déplacées.", True),
    ("Pakistani officials said clashes displaced 3,000 people.", False),
    ("Clashes in Pakistan displaced 3,000 people near the border.", False),
    # ... or as where people came from: where they are is beside it (`words.CAME_FROM_BEFORE`)
    ("Some 3,000 refugees arrived in the valley from Pakistan this week.", True),
    ("About 3,000 people fleeing from Pakistan reached the camp.", True),
    ("Quelque 3 000 réfugiés venus du Pakistan sont arrivés dans la vallée.", True),
    ("Aid from Pakistan reached 3,000 people in the valley.", False),
    ("Border clashes with Pakistan displaced 3,000 people.", True),
    ("After a border dispute with Pakistan, 3,000 people left the valley.", True),
])
def test_only_a_country_named_as_a_borders_far_side_lends_its_neighbours(gazetteer, body, bordering):
    from geocode.resolve.context import Context, read_countries
    from geocode.resolve.model import ArticleText

    ctx = Context()
    read_countries(gazetteer, ArticleText(body, "", [], []), ctx)
    assert ("AFG" in ctx.bordering) is bordering
    assert ctx.explicit["PAK"] > 0  # named all the same
