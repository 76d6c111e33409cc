"""The rules file: shipped defaults load, and every mistake is reported with its line."""

from __future__ import annotations

from datetime import timedelta

import pytest

from alerting.rules import RulesError, load_rules, parse_rules

GOOD = """\
version: 1
rules:
  - name: gate_watch
    group_by: crossing
    categories: [cross_border]
    window: 36h
    thresholds: {low: 100, high: 900}
"""


def error_for(text: str) -> str:
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "custom.yaml")
    return str(caught.value)


def test_shipped_rules_cover_crossings_admin1_and_destination_countries():
    rules = load_rules()
    by_group = {rule.group_by: rule for rule in rules.rules}
    assert set(by_group) == {"crossing", "admin1", "destination_country"}
    crossing = by_group["crossing"]
    assert set(crossing.place_kinds) == {"crossing", "border"}
    assert crossing.thresholds == {"low": 1000, "medium": 5000, "high": 20000, "critical": 50000}
    assert crossing.window == timedelta(days=7)
    assert by_group["admin1"].thresholds["medium"] == 5000  # HDX Signals' floor for conflict displacement
    for rule in rules.rules:
        assert set(rule.categories) <= {"displacement", "cross_border"}


def test_a_user_file_replaces_the_defaults(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    rules = load_rules(path)
    assert [r.name for r in rules.rules] == ["gate_watch"]
    only = rules.rules[0]
    assert only.window == timedelta(hours=36)
    assert only.place_kinds == ("crossing", "border"), "place kinds default from group_by"
    assert only.severity(99) is None and only.severity(100) == "low" and only.severity(5000) == "high"


def test_thresholds_out_of_order_name_their_line():
    message = error_for(GOOD.replace("{low: 100, high: 900}", "{low: 100, high: 50}"))
    assert "custom.yaml:7:" in message and "high (50) must be above low (100)" in message


def test_a_stock_category_is_refused_on_its_line():
    message = error_for(GOOD.replace("[cross_border]", "[cross_border, stock]"))
    assert "custom.yaml:5: rules[0].categories:" in message and "stock can never feed a movement rule" in message


def test_a_projected_category_is_refused_on_its_line():
    # A forecast ("could be displaced") is for analysts; an alert must never fire on it.
    message = error_for(GOOD.replace("[cross_border]", "[cross_border, projected]"))
    assert "custom.yaml:5: rules[0].categories:" in message and "projected can never feed a movement rule" in message


def test_an_unknown_key_is_refused_on_its_line():
    message = error_for(GOOD + "    threshold_high: 5\n")
    assert "custom.yaml:8: rules[0].threshold_high: Extra inputs are not permitted" in message


def test_a_bad_duration_and_a_missing_field_are_both_reported():
    message = error_for(GOOD.replace("window: 36h", "window: a fortnight").replace("    group_by: crossing\n", ""))
    assert "custom.yaml:5: rules[0].window: a duration like" in message
    assert "custom.yaml:3: rules[0].group_by: Field required" in message, "a missing field points at its rule"


def test_a_key_given_twice_is_refused_rather_than_silently_overwritten():
    message = error_for(GOOD + "    window: 2d\n")
    assert message.startswith("custom.yaml:8:") and "'window' appears twice" in message


def test_broken_yaml_names_the_line():
    assert error_for(GOOD.replace("    window: 36h", "   window: 36h")).startswith("custom.yaml:6: not valid YAML")


def test_duplicate_rule_names_and_an_empty_file_are_refused():
    assert "rule names must be unique: gate_watch" in error_for(GOOD + GOOD.split("rules:\n", 1)[1])
    assert "empty" in error_for("")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(RulesError, match="nowhere.yaml: cannot read"):
        load_rules(tmp_path / "nowhere.yaml")
