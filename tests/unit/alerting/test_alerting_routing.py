"""Which situations a figure feeds, and which figures feed none."""

from __future__ import annotations

import pytest

from alerting.rules import parse_rules
from alerting.situations import destination_country, situations_for

SIDES = {"red-gate": ("ZZZ", "YYY")}


def keys(enriched, rules, sides=SIDES) -> dict[str, list[int]]:
    return {o.key: [r.people for r in o.reports] for o in situations_for(enriched, rules, sides)}


def test_a_figure_at_a_crossing_feeds_the_crossing_and_the_receiving_country(wire, rules):
    story = wire.article("gate", [wire.figure((None, 12000), "gate", category="cross_border", term="stranded")])
    assert keys(story, rules) == {
        "border_crossing/crossing:red-gate": [12000],
        "cross_border_flow/country:YYY": [12000],  # the crossing lies in ZZZ; people wait to enter YYY
    }
    assert keys(story, rules, sides={}) == {"border_crossing/crossing:red-gate": [12000]}, \
        "a crossing whose sides are unknown names no destination"


def test_a_border_section_counts_toward_its_own_country(wire, rules):
    story = wire.article("edge", [wire.figure(3000, "border", category="cross_border", term="stranded")])
    assert set(keys(story, rules)) == {"border_crossing/border:YYY:the-northern-border", "cross_border_flow/country:YYY"}


def test_figures_at_towns_and_at_the_admin1_itself_count_toward_the_admin1(wire, rules):
    story = wire.article("towns", [wire.figure(6000, "millbrook"), wire.figure(2000, "ashford", additive=True),
                                   wire.figure(9000, "north")], places=["north"])
    observations = situations_for(story, rules, SIDES)
    assert [o.key for o in observations] == ["displacement_admin1/admin1:ZZ.04"]
    observation = observations[0]
    assert [(r.place_name, r.people, r.umbrella) for r in observation.reports] == [
        ("Millbrook", 6000, False), ("Ashford", 2000, False), ("North Governorate", 9000, True)]
    assert observation.place.kind == "admin1" and observation.place.lat == 36.4, "the admin1's own place when known"
    assert observation.article_id == story.article_id


def test_a_place_people_fled_from_covers_its_area_rather_than_adding_to_it(wire, rules):
    story = wire.article("fled", [wire.figure(4000, "ashford", role="from")])
    (report,) = situations_for(story, rules, SIDES)[0].reports
    assert report.umbrella


@pytest.mark.parametrize("unwanted", [
    dict(people=2_400_000, place="yyy", category="stock", term="refugee"),
    dict(people=250_000, place="north", category="projected", term="displaced"),
    dict(people=60_000, place="gate", category="projected", term="forced_to_flee", role="toward"),
    dict(people=70_000, place="north", category="fatalities", term="killed"),
    dict(people=90_000, place="north", category="displacement", cumulative=True),
    dict(people=8000, place=None, category="displacement"),
    dict(people=900, place="millbrook", category="displacement", unit="household"),
])
def test_stocks_projections_tolls_running_totals_unplaced_and_household_figures_feed_nothing(wire, rules, unwanted):
    people = unwanted.pop("people")
    story = wire.article("noise", [wire.figure(people, unwanted.pop("place"), **unwanted)])
    assert situations_for(story, rules, SIDES) == []


def test_household_figures_count_when_the_rule_gives_a_household_size(wire):
    rules = parse_rules("""
rules:
  - {name: fam, group_by: admin1, categories: [displacement], window: 7d, thresholds: {low: 1}, household_size: 5}
""")
    story = wire.article("families", [wire.figure((900, 1000), "millbrook", unit="household")])
    (report,) = situations_for(story, rules)[0].reports
    assert (report.people, report.min, report.max, report.unit) == (4500, 4500, 5000, "person")


def test_people_leaving_a_place_name_no_destination(wire, rules):
    story = wire.article("exodus", [wire.figure(30000, "millbrook", category="cross_border", role="from"),
                                    wire.figure(20000, "yyy", category="cross_border", role="toward")],
                         places=["yyy"])
    flows = {o.key: o for o in situations_for(story, rules, SIDES) if o.rule == "cross_border_flow"}
    assert list(flows) == ["cross_border_flow/country:YYY"]
    assert flows["cross_border_flow/country:YYY"].place.name == "Yonderland"
    assert [r.people for r in flows["cross_border_flow/country:YYY"].reports] == [20000]


def test_destination_of_a_crossing_is_the_other_side(wire):
    gate = wire.figure(1, "gate").place
    assert destination_country(gate, "at", "stranded", SIDES) == "YYY"
    assert destination_country(gate, "at", "stranded", {"red-gate": ("ZZZ", "YYY", "XXX")}) is None, "no guess"
    carried = gate.model_copy(update={"countries": ["ZZZ", "XXX"]})
    assert destination_country(carried, "at", "stranded", SIDES) == "XXX", "the place's own sides come first"
    assert destination_country(carried.model_copy(update={"countries": None}), "at", "stranded", {}) is None


def test_a_town_is_a_destination_only_when_the_words_say_so(wire):
    town = wire.figure(1, "millbrook").place
    assert destination_country(town, "toward", "forced_to_flee", SIDES) == "ZZZ"
    assert destination_country(town, "in", "refugee", SIDES) == "ZZZ", "refugees counted where they were received"
    assert destination_country(town, "in", "forced_to_flee", SIDES) is None, "fighting in X made people flee: origin"
    assert destination_country(town, "from", "refugee", SIDES) is None


def test_an_area_the_article_did_not_name_still_gets_a_point(wire, rules):
    """Figures in a town alert on its admin1 (and across a crossing on a country) that the article
    never named: the point comes from the gazetteer's areas, so the map can show every alert."""
    points = {("admin1", "ZZ.04"): (36.4, 37.2), ("country", "YYY"): (39.0, 35.0)}
    town = wire.article("town", [wire.figure(6000, "millbrook")])
    (unnamed,) = situations_for(town, rules, SIDES)
    assert unnamed.place.name == "North Governorate" and unnamed.place.lat is None, "without the areas' points"
    (placed,) = situations_for(town, rules, SIDES, points)
    assert (placed.place.kind, placed.place.lat, placed.place.lon) == ("admin1", 36.4, 37.2)

    gate = wire.article("gate", [wire.figure((None, 12000), "gate", category="cross_border", term="stranded")])
    country = next(o for o in situations_for(gate, rules, SIDES, points) if o.key.endswith("country:YYY"))
    assert (country.place.kind, country.place.lat, country.place.lon) == ("country", 39.0, 35.0)
