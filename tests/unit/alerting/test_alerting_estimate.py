"""The estimate: merged across outlets, never summed; additive phrasing adds; areas cover towns."""

from __future__ import annotations

from alerting.estimate import estimate
from alerting.situations import situations_for

SIDES = {"red-gate": ("ZZZ", "YYY")}


def reports(rules, *articles, rule="displacement_admin1"):
    return [r for a in articles for o in situations_for(a, rules, SIDES) if o.rule == rule for r in o.reports]


def test_the_same_figure_from_three_outlets_is_one_figure_with_three_sources(wire, rules):
    stories = [wire.article(f"outlet-{n}", [wire.figure(8000, "millbrook")], provider=f"Wire {n}", at=wire.at(n))
               for n in range(3)]
    result = estimate(reports(rules, *stories))
    assert result.people == 8000 and result.sources == 3


def test_the_figure_most_outlets_give_wins_over_a_newer_lone_one(wire, rules):
    older = [wire.article(f"a{n}", [wire.figure(8000, "millbrook")], at=wire.at(n)) for n in range(2)]
    lone = wire.article("lone", [wire.figure(15000, "millbrook")], at=wire.at(5))
    result = estimate(reports(rules, *older, lone))
    assert (result.people, result.sources) == (8000, 2)
    assert {e.article_id for e in result.evidence()} == {a.article_id for a in older}


def test_a_later_news_cycle_supersedes_an_earlier_figure(wire, rules):
    monday = [wire.article(f"mon-{n}", [wire.figure(8000, "millbrook")], at=wire.at(n)) for n in range(2)]
    wednesday = wire.article("wed", [wire.figure(15000, "millbrook")], at=wire.at(48))
    result = estimate(reports(rules, *monday, wednesday))
    assert (result.people, result.sources) == (15000, 1)
    assert estimate(reports(rules, wednesday, *monday)).people == 15000, "order of arrival does not matter"


def test_a_tie_goes_to_the_most_recent_report(wire, rules):
    first = wire.article("first", [wire.figure(8000, "millbrook")], at=wire.at(0))
    later = wire.article("later", [wire.figure(11000, "millbrook")], at=wire.at(3))
    assert estimate(reports(rules, first, later)).people == 11000
    assert estimate(reports(rules, later, first)).people == 11000, "order of arrival does not matter"


def test_additive_reports_add_to_the_base_and_count_once_across_outlets(wire, rules):
    base = wire.article("base", [wire.figure(6000, "millbrook")], at=wire.at(0))
    more = [wire.article(f"more-{n}", [wire.figure(3000, "millbrook", additive=True)], at=wire.at(2 + n))
            for n in range(2)]
    next_week = wire.article("more-later", [wire.figure(3000, "millbrook", additive=True)], at=wire.at(60))
    assert estimate(reports(rules, base, *more)).people == 9000, "two outlets, one increment"
    result = estimate(reports(rules, base, *more, next_week))
    assert result.people == 12000 and result.sources == 4, "a new increment two days later adds again"


def test_an_increment_older_than_the_latest_total_is_taken_as_included(wire, rules):
    more = wire.article("more", [wire.figure(3000, "millbrook", additive=True)], at=wire.at(0))
    total = wire.article("total", [wire.figure(9500, "millbrook")], at=wire.at(4))
    assert estimate(reports(rules, more, total)).people == 9500


def test_figures_at_different_towns_add_up(wire, rules):
    story = wire.article("towns", [wire.figure((5000, 7000), "millbrook"), wire.figure(4000, "ashford")])
    result = estimate(reports(rules, story))
    assert (result.people, result.min, result.max) == (9000, 9000, 11000)


def test_a_figure_for_the_whole_area_covers_its_towns_rather_than_adding(wire, rules):
    towns = wire.article("towns", [wire.figure(5000, "millbrook"), wire.figure(4000, "ashford")])
    area = wire.article("area", [wire.figure(30000, "north")])
    assert estimate(reports(rules, towns, area)).people == 30000
    small_area = wire.article("small-area", [wire.figure(7000, "north")])
    assert estimate(reports(rules, towns, small_area)).people == 9000, "the towns' sum when it is larger"


def test_up_to_keeps_its_bound_and_a_range_counts_its_lower_end(wire, rules):
    gate = wire.article("gate", [wire.figure((None, 20000), "gate", category="cross_border")])
    result = estimate(reports(rules, gate, rule="border_crossing"))
    assert (result.people, result.min, result.max) == (20000, None, 20000)
