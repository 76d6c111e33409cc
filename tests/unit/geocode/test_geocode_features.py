"""The ranking features and the "split" margin, one by one. Places and sentences are made up for
these tests (synthetic candidates) or written here in several wordings."""

import math
from collections import Counter

import pytest

from geocode.gazetteer import ALTERNATE, LOOSE, PRIMARY, Candidate
from geocode.resolve import enrich
from geocode.resolve.choose import SPLIT_MARGIN, choose
from geocode.resolve.context import Context
from geocode.resolve.features import FEATURES, candidate_score, score_parts
from geocode.resolve.model import Mention


def place(key, kind="city", country="AAA", population=10_000, tier=PRIMARY, admin1=None, lat=10.0, lon=10.0,
          name="Testville", crossing_id=None):
    return Candidate(key=key, kind=kind, name=name, country=country, admin1=admin1, lat=lat, lon=lon,
                     population=population, tier=tier, crossing_id=crossing_id)


def part(ctx, candidate, name, hint=None, start=0, spelled="", role=None):
    return dict(score_parts(ctx, candidate, hint, start, spelled, role))[name]


def test_every_feature_has_a_name_a_weight_and_a_reason():
    names = [f.name for f in FEATURES]
    assert len(names) == len(set(names))
    assert all(f.weight > 0 and len(f.why) > 20 for f in FEATURES)
    # the evidence the ranking is asked to weigh
    assert {"name_match", "prominence", "article_countries", "in_named_admin1", "near_other_places",
            "kind_fits_words", "kind_fits_role"} <= set(names)


def test_score_is_the_sum_of_its_parts():
    ctx = Context(countries=Counter({"AAA": 1.0}))
    c = place(1, population=250_000)
    assert candidate_score(ctx, c, "city", 0, "testville") == pytest.approx(
        sum(v for _, v in score_parts(ctx, c, "city", 0, "testville")))


def test_name_match_orders_own_name_alternate_and_skeleton():
    ctx = Context()
    own, other, skeleton = (part(ctx, place(1, tier=t), "name_match") for t in (PRIMARY, ALTERNATE, LOOSE))
    assert own > other > skeleton


def test_exact_spelling_counts_only_when_the_letters_agree():
    ctx = Context()
    assert part(ctx, place(1, name="Noordburg"), "spelled_exactly", spelled="noordburg") > 0
    assert part(ctx, place(1, name="Noordburg"), "spelled_exactly", spelled="nordburg") == 0
    assert part(ctx, place(1, name="Noordburg"), "spelled_exactly", spelled="") == 0


@pytest.mark.parametrize("small,big", [(0, 5_000), (2_000, 40_000), (80_000, 1_500_000)])
def test_prominence_grows_with_population(small, big):
    ctx = Context()
    assert part(ctx, place(1, population=big), "prominence") > part(ctx, place(1, population=small), "prominence")


def test_prominence_puts_a_city_of_millions_above_a_village_of_the_same_name():
    ctx = Context()
    capital = place(1, country="AAA", population=3_000_000)
    hamlet = place(2, country="BBB", population=300)
    assert candidate_score(ctx, capital, None, 0) - candidate_score(ctx, hamlet, None, 0) > SPLIT_MARGIN


@pytest.mark.parametrize("hint,fits,misfits", [
    ("admin1", "admin1", "city"),     # "X province", "the governorate of X"
    ("region", "region", "city"),     # "X district", "X county"
    (None, "city", "admin1"),         # a bare name is mostly a town
    (None, "city", "region"),
    ("crossing", "crossing", "city"),  # "the X crossing"
    ("camp", "camp", "city"),          # "X camp"
    ("city", "city", "region"),        # "the town of X"
])
def test_kind_that_fits_the_words_wins(hint, fits, misfits):
    ctx = Context()
    assert part(ctx, place(1, kind=fits), "kind_fits_words", hint=hint) > \
        part(ctx, place(2, kind=misfits), "kind_fits_words", hint=hint)


def test_a_country_named_as_a_province_loses():
    # "Niger state" names a province of another country, not the country Niger.
    ctx = Context()
    assert part(ctx, place(1, kind="country"), "kind_fits_words", hint="admin1") < 0
    assert part(ctx, place(1, kind="country"), "kind_fits_words", hint=None) > 0


@pytest.mark.parametrize("role,fits", [("to", True), ("toward", True), ("in", False), ("from", False),
                                       ("near", False), (None, False)])
def test_a_destination_fits_a_country_a_crossing_or_a_camp(role, fits):
    # "crossed into Georgia", "fled toward the Adre crossing", "taken to Zaatari camp"
    ctx = Context()
    for kind in ("country", "crossing", "camp"):
        gain = part(ctx, place(1, kind=kind), "kind_fits_role", role=role) - \
            part(ctx, place(2, kind="city"), "kind_fits_role", role=role)
        assert (gain > 0) == fits


def test_article_countries_favour_the_country_the_article_names():
    ctx = Context(countries=Counter({"AAA": 2.0, "BBB": 0.3}))
    assert part(ctx, place(1, country="AAA"), "article_countries") > part(ctx, place(2, country="BBB"),
                                                                          "article_countries")
    assert part(ctx, place(2, country="BBB"), "article_countries") > part(ctx, place(3, country="CCC"),
                                                                          "article_countries")


def test_a_mention_does_not_vouch_for_its_own_country():
    # The only vote for AAA came from this very mention's name: it must not count for it.
    ctx = Context()
    ctx.add_own(40, "AAA", 0.6)
    assert part(ctx, place(1, country="AAA"), "article_countries", start=40) == \
        part(ctx, place(2, country="BBB"), "article_countries", start=40)
    assert part(ctx, place(1, country="AAA"), "article_countries", start=90) > \
        part(ctx, place(2, country="BBB"), "article_countries", start=90)


@pytest.mark.parametrize("km_north,expected", [(0.1, 2.0), (0.5, 1.2), (2.0, 0.5), (5.0, 0.0)])
def test_nearness_to_the_article_s_other_places_in_bands(km_north, expected):
    # one degree of latitude is about 111 km
    anchor = place(9, lat=10.0, lon=10.0)
    ctx = Context(anchors=[(500, anchor)])
    c = place(1, lat=10.0 + km_north, lon=10.0)
    assert part(ctx, c, "near_other_places", start=0) == pytest.approx(expected)
    assert part(ctx, c, "near_other_places", start=500) == 0.0  # never anchored by itself


def test_lying_in_a_province_the_article_names():
    province = place(9, kind="admin1", admin1="AAA.07")
    ctx = Context(anchors=[(200, province)])
    inside = place(1, admin1="AAA.07", lat=None, lon=None)
    elsewhere = place(2, admin1="AAA.03", lat=None, lon=None)
    assert part(ctx, inside, "in_named_admin1") > 0
    assert part(ctx, elsewhere, "in_named_admin1") == 0


def _split_pair(gap):
    """Two towns of one name in two countries the article both names, `gap` apart in score."""
    ctx = Context(countries=Counter({"AAA": 1.0, "BBB": 1.0}), explicit=Counter({"AAA": 1.0, "BBB": 1.0}))
    a = place(1, country="AAA", population=10_000)
    # prominence is 0.5 per e-fold of population: B is smaller by as many e-folds as the gap asks
    b = place(2, country="BBB", population=round(10_000 * math.exp(-2 * gap)))
    return ctx, a, b


@pytest.mark.parametrize("gap", [0.05, 0.3, 0.45])
def test_split_evidence_leaves_the_mention_unresolved(gap):
    ctx, a, b = _split_pair(gap)
    split = choose(ctx, Mention("Testville", 0, 9, "GPE"), [a, b], None, "testville")
    assert split.candidate is None and "split between" in split.reason and f"margin {SPLIT_MARGIN}" in split.reason
    assert {r.candidate.key for r in split.ranking} == {1, 2}  # both kept as evidence


@pytest.mark.parametrize("gap", [0.55, 1.0, 3.0])
def test_evidence_beyond_the_margin_resolves(gap):
    ctx, a, b = _split_pair(gap)
    clear = choose(ctx, Mention("Testville", 0, 9, "GPE"), [a, b], None, "testville")
    assert clear.candidate.key == 1 and clear.confidence >= 0.8


def test_the_margin_is_between_the_best_and_the_best_of_another_country():
    ctx, a, b = _split_pair(0.1)
    same_country = place(3, country="AAA", population=9_000)
    clear = choose(Context(countries=Counter({"AAA": 1.0}), explicit=Counter({"AAA": 1.0})),
                   Mention("Testville", 0, 9, "GPE"), [a, same_country], None, "testville")
    assert clear.candidate.key == 1 and clear.confidence >= 0.8


@pytest.mark.parametrize("body,kind", [
    ("Shelling in Homs province forced 3,200 people from their villages, Syrian monitors said.", "admin1"),
    ("About 1,400 families left the province of Homs last week, a Syrian aid group reported.", "admin1"),
    ("Syrian officials said 2,600 residents of Homs governorate had been moved to shelters.", "admin1"),
    ("Some 900 people fled the city of Homs overnight, Syrian activists said.", "city"),
    ("Syrian activists said 1,100 people fled Homs after the strikes.", "city"),
])
def test_the_words_around_a_name_choose_between_a_province_and_its_seat(gazetteer, make_article, body, kind):
    # Homs is both a governorate and its seat; the wording says which is meant.
    number = next(w for w in body.split() if w[0].isdigit())
    enriched = enrich(make_article(body, [("Homs", "GPE")], [(number, "Homs")]), gazetteer)
    assert enriched.figures[0].place.kind == kind
    assert enriched.figures[0].place.country == "SYR"


@pytest.mark.parametrize("body,number", [
    ("Heavy rain forced 5,000 people from their homes in Lagos, emergency officials said.", "5,000 people"),
    ("Floods displaced 7,300 people in Lagos on Monday.", "7,300 people"),
    ("In Lagos, 2,200 residents were moved to higher ground as the lagoon rose.", "2,200 residents"),
])
def test_a_large_city_needs_no_country_named(gazetteer, make_article, body, number):
    # Nothing in these sentences names Nigeria; the city of millions is what the name means.
    enriched = enrich(make_article(body, [("Lagos", "GPE")], [(number, "Lagos")]), gazetteer)
    place_ = enriched.figures[0].place
    assert place_.country == "NGA" and place_.kind == "city"


@pytest.mark.parametrize("body,number,kind", [
    ("Shelling in Homs province forced 3,200 people from their villages, Syrian monitors said.", "3,200", "admin1"),
    ("Some 900 people fled the city of Homs overnight, Syrian activists said.", "900", "city"),
])
def test_every_resolved_place_carries_its_ranked_candidates(gazetteer, make_article, body, number, kind):
    from geocode.resolve.explain import candidates_line, evidence_lines

    evidence = {}
    enriched = enrich(make_article(body, [("Homs", "GPE")], [(number, "Homs")]), gazetteer, evidence)
    words, result = evidence[enriched.figures[0].figure_id]
    assert words == "Homs" and result.candidate.kind == kind
    assert result.ranking[0].candidate == result.candidate
    assert [r.score for r in result.ranking] == sorted((r.score for r in result.ranking), reverse=True)
    assert len(result.ranking) >= 2  # the governorate and its seat compete
    line = candidates_line(words, result)
    assert line.startswith(f"Homs -> Homs ({kind}, SYR)") and "kind_fits_words" in line
    assert evidence_lines(enriched, gazetteer)[enriched.figures[0].figure_id] == line


def test_an_unresolved_mention_shows_why_and_what_was_close(gazetteer, make_article):
    from geocode.resolve.explain import candidates_line

    evidence = {}
    body = "Syrian government troops took Kafin on Tuesday, and 3,000 residents fled Kafin for nearby farms."
    enriched = enrich(make_article(body, [("Kafin", "GPE")], [("3,000 residents", "Kafin")]), gazetteer, evidence)
    figure = enriched.figures[0]
    assert figure.place is None
    line = candidates_line(*evidence[figure.figure_id])
    # "Kafin" is only an alternate name of Kapan, Armenia: shown, with its score, and not taken
    assert line.startswith("Kafin -> none (") and "Kapan city ARM" in line


@pytest.mark.parametrize("body,name,number,country", [
    ("Heavy rain forced 5,000 people from their homes in Hyderabad on Monday.", "Hyderabad", "5,000", "IND"),
    ("Floods displaced 3,200 residents of Tripoli overnight, officials said.", "Tripoli", "3,200", "LBY"),
    ("About 2,000 people were evacuated in Cordoba as the river rose.", "Cordoba", "2,000", "ARG"),
    ("The storm drove 1,700 people out of Tripoli, emergency services said.", "Tripoli", "1,700", "LBY"),
])
def test_a_major_city_beats_its_smaller_namesakes_when_nothing_points_away(gazetteer, make_article, body, name,
                                                                           number, country):
    enriched = enrich(make_article(body, [(name, "GPE")], [(number, name)]), gazetteer)
    assert enriched.figures[0].place.country == country


@pytest.mark.parametrize("body", [
    "Lebanese officials said floods displaced 3,200 residents of Tripoli overnight.",
    "Floods displaced 3,200 residents of Tripoli overnight, Lebanon's civil defence said.",
])
def test_the_article_s_country_still_outweighs_size(gazetteer, make_article, body):
    enriched = enrich(make_article(body, [("Tripoli", "GPE")], [("3,200", "Tripoli")]), gazetteer)
    assert enriched.figures[0].place.country == "LBN"


@pytest.mark.parametrize("body,number", [
    ("Some 1,200 families were moved to shelters in Valencia after the storm.", "1,200"),
    ("After the storm, 900 people in Valencia spent the night in sports halls.", "900"),
])
def test_two_cities_of_a_size_with_no_country_named_are_split(gazetteer, make_article, body, number):
    # Valencia in Venezuela and Valencia in Spain are within the margin of each other.
    figure = enrich(make_article(body, [("Valencia", "GPE")], [(number, "Valencia")]), gazetteer).figures[0]
    assert figure.place is None and "split between" in figure.unresolved_reason


def test_enrich_explain_prints_the_candidates_with_their_scores(gazetteer, make_article):
    from geocode.resolve.explain import candidates_line
    from wirewatch.cli import explain

    body = "Shelling in Homs province forced 3,200 people from their villages, Syrian monitors said."
    evidence = {}
    enriched = enrich(make_article(body, [("Homs", "GPE")], [("3,200", "Homs")]), gazetteer, evidence)
    lines = {figure_id: candidates_line(*found) for figure_id, found in evidence.items()}
    line = explain(enriched, lines)
    assert "\tcandidates=Homs -> Homs (admin1, SYR)" in line and "Homs city SYR" in line
    assert "candidates=" not in explain(enriched)


@pytest.mark.parametrize("label", ["GPE", "SCAN"])
def test_with_no_country_named_the_one_country_spelling_the_name_so_wins_past_the_margin(label):
    # "Testville district": a district of that spelling in one country, and another country's town
    # only its spelling key matches ("Testvil"). No country named; the margin decides.
    ctx = Context()
    district = place(1, kind="region", country="AAA", population=80_000)
    other = place(2, kind="city", country="BBB", population=95_000, name="Testvil")
    other_area = place(3, kind="region", country="BBB", population=0, name="Commune of Testvil", tier=ALTERNATE)
    chosen = choose(ctx, Mention("Testville", 0, 9, label), [district, other, other_area], "region", "Testville")
    assert chosen.candidate is not None and chosen.candidate.key == 1, chosen.reason
    # ... but not when two countries spell it so and nothing else tells them apart
    twin = place(4, kind="region", country="BBB", population=80_000)
    tied = choose(ctx, Mention("Testville", 0, 9, label), [district, twin], "region", "Testville")
    assert tied.candidate is None
