"""The lifecycle: new, escalated, updated (sparingly), resolved; never twice for the same article."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alerting.lifecycle import SituationState, alert_id, expire

GATE = "border_crossing/crossing:red-gate"
NORTH = "displacement_admin1/admin1:ZZ.04"


def statuses(events) -> list[tuple[str, str, str]]:
    return [(e.rule, e.status, e.severity) for e in events]


def gate_story(wire, name, people, hours, **kw):
    return wire.article(name, [wire.figure(people, "gate", category="cross_border", term="stranded", **kw)],
                        at=wire.at(hours))


def test_nothing_below_the_lowest_threshold_then_new_when_first_crossed(wire, table):
    assert table.feed(gate_story(wire, "few", 600, 0)) == []
    (event,) = [e for e in table.feed(gate_story(wire, "more", (None, 6000), 1)) if e.rule == "border_crossing"]
    assert (event.status, event.severity) == ("new", "medium")
    assert event.place.crossing_id == "red-gate" and event.place.kind == "crossing"
    assert (event.figure.min, event.figure.max, event.figure.estimate) == (None, 6000, 6000)
    assert event.figure.category == "cross_border" and event.sources_count == 1
    assert event.window_start == wire.at(0), "the window starts at the oldest report counted"
    assert event.window_end == wire.at(1) + timedelta(days=7)
    assert event.alert_id == alert_id(GATE, wire.at(0))
    assert event.event_id == f"{event.alert_id}:new:medium"
    evidence, context = event.evidence
    assert (evidence.counted, context.counted, context.quantity_text) == (True, False, "600-600")
    assert evidence.sentence and evidence.url == "https://news.example/more" and evidence.provider == "Wire A"
    assert evidence.reported_by == "the relief agency" and evidence.place_name == "Red Gate crossing"
    assert "medium (new): up to 6,000 people, Red Gate crossing" in event.summary


def test_escalation_when_the_figure_reaches_a_higher_level(wire, table):
    first = [e for e in table.feed(gate_story(wire, "a", 6000, 0)) if e.rule == "border_crossing"]
    second = [e for e in table.feed(gate_story(wire, "b", 26000, 5)) if e.rule == "border_crossing"]
    assert statuses(first + second) == [("border_crossing", "new", "medium"), ("border_crossing", "escalated", "high")]
    assert first[0].alert_id == second[0].alert_id and first[0].event_id != second[0].event_id


def test_the_same_figure_from_other_outlets_is_merged_not_summed(wire, table):
    events = []
    for n in range(4):
        events += table.feed(gate_story(wire, f"outlet-{n}", 6000, n))
    crossing = [e for e in events if e.rule == "border_crossing"]
    assert statuses(crossing) == [("border_crossing", "new", "medium")], "4 x 6,000 is not 24,000"
    state = table.state(GATE)
    assert state.alert.people == 6000 and len(state.reports) == 4
    table.feed(gate_story(wire, "confirms", 6000, 5))
    assert table.state(GATE).alert is not None


def test_updated_only_when_the_estimate_grows_by_half_at_the_same_level(wire, table):
    table.feed(gate_story(wire, "a", 6000, 0))
    assert [e for e in table.feed(gate_story(wire, "b", 8000, 1)) if e.rule == "border_crossing"] == []
    (update,) = [e for e in table.feed(gate_story(wire, "c", 9500, 2)) if e.rule == "border_crossing"]
    assert (update.status, update.severity, update.figure.estimate) == ("updated", "medium", 9500)
    assert update.event_id.endswith(":updated:medium:9500")


def test_resolved_when_the_window_passes_without_a_report(wire, table):
    table.feed(gate_story(wire, "a", 6000, 0))
    assert table.tick(wire.at(24 * 7 - 1)) == []
    resolved = [e for e in table.tick(wire.at(24 * 7)) if e.rule == "border_crossing"]
    assert statuses(resolved) == [("border_crossing", "resolved", "medium")]
    assert resolved[0].event_id.endswith(":resolved:medium") and resolved[0].evidence
    assert [e for e in table.tick(wire.at(24 * 30)) if e.rule == "border_crossing"] == []
    assert table.state(GATE).alert is None and table.state(GATE).previous_alert_id == resolved[0].alert_id


def test_a_redelivered_article_raises_nothing(wire, table):
    story = gate_story(wire, "a", 6000, 0)
    assert table.feed(story)
    before = table.state(GATE)
    assert table.feed(story) == []
    assert table.feed(story, now=wire.at(30)) == []
    assert table.state(GATE) == before


def test_re_ingesting_an_article_after_its_alert_resolved_opens_nothing(wire, table):
    story = gate_story(wire, "a", 6000, 0)
    table.feed(story)
    table.tick(wire.at(24 * 8))
    again = story.model_copy(update={"article": story.article.model_copy(update={"received_at": wire.at(24 * 9)})})
    assert table.feed(again) == []


def test_a_report_after_a_quiet_window_resolves_the_old_alert_and_links_the_new_one(wire, table):
    (old,) = [e for e in table.feed(gate_story(wire, "a", 6000, 0)) if e.rule == "border_crossing"]
    events = [e for e in table.feed(gate_story(wire, "b", 2000, 24 * 10)) if e.rule == "border_crossing"]
    assert statuses(events) == [("border_crossing", "resolved", "medium"), ("border_crossing", "new", "low")]
    assert events[1].alert_id != old.alert_id and events[1].previous_alert_id == old.alert_id
    assert events[1].figure.estimate == 2000, "the old episode's figures do not carry over"


def test_a_report_older_than_the_window_is_not_counted(wire, table):
    table.feed(gate_story(wire, "now", 600, 24 * 10))
    assert table.feed(gate_story(wire, "old-news", 9000, 0)) == []
    assert [r.people for r in table.state(GATE).reports] == [600]


def test_additive_reports_add_up_to_an_escalation(wire, table):
    story = wire.article("towns", [wire.figure(4000, "millbrook")], at=wire.at(0))
    assert table.feed(story) == []
    more = wire.article("more", [wire.figure(3000, "millbrook", additive=True)], at=wire.at(2))
    (event,) = table.feed(more)
    assert (event.rule, event.status, event.severity, event.figure.estimate) == (
        "displacement_admin1", "new", "medium", 7000)
    assert event.sources_count == 2 and {e.article_id for e in event.evidence} == {story.article_id, more.article_id}
    assert all(e.counted for e in event.evidence)


def test_evidence_lists_what_the_estimate_stands_on_then_the_context(wire, table):
    towns = wire.article("towns", [wire.figure(5000, "millbrook"), wire.figure(4000, "ashford")], at=wire.at(0))
    area = wire.article("area", [wire.figure(30000, "north", sentence="Thirty thousand fled the governorate.")],
                        at=wire.at(1))
    table.feed(towns)
    (event,) = table.feed(area)
    assert event.figure.estimate == 30000 and event.sources_count == 1
    assert [(e.place_name, e.counted) for e in event.evidence] == [
        ("North Governorate", True), ("Millbrook", False), ("Ashford", False)]


def test_stocks_populations_projections_and_tolls_raise_nothing(wire, table):
    story = wire.article("context", [
        wire.figure(2_400_000, "yyy", category="stock", term="refugee"),
        wire.figure(400_000, "north", category="projected", term="displaced"),
        wire.figure(1_800_000, "millbrook", category="stock", term="sheltered"),
        wire.figure(190_000, "north", category="fatalities", term="killed"),
        wire.figure(300_000, "north", cumulative=True),
    ])
    assert table.feed(story) == [] and table.data == {}


def test_a_mixed_day_of_wire_copy(wire, table):
    """A story shaped like the project's seed scenario, in invented words and places."""
    day = wire.article("day", [
        wire.figure((None, 20000), "gate", category="cross_border", term="stranded"),
        wire.figure((5000, 10000), "millbrook", additive=True),
        wire.figure(10000, "ashford", additive=True),
        wire.figure(40000, "north", role="from", term="forced_to_flee"),
        wire.figure(2_400_000, "yyy", category="stock", term="refugee"),
        wire.figure(190_000, "north", category="fatalities", term="killed"),
    ])
    events = {e.rule: e for e in table.feed(day)}
    assert statuses(events.values()) == [("border_crossing", "new", "high"), ("displacement_admin1", "new", "high"),
                                         ("cross_border_flow", "new", "medium")]
    assert events["border_crossing"].figure.max == 20000
    assert events["displacement_admin1"].figure.estimate == 40000
    assert events["displacement_admin1"].place.admin1_code == "ZZ.04"
    assert all(e.figure.estimate not in (2_400_000, 190_000) for e in events.values())
    assert table.feed(day) == [] and table.feed(day, now=wire.at(48)) == []


def test_state_round_trips_through_json(wire, table):
    table.feed(gate_story(wire, "a", 6000, 0))
    state = table.state(GATE)
    assert SituationState.loads(state.dumps()) == state
    assert expire(state, table.rules.get("border_crossing"), wire.at(1))[0] is state, "no change, same object"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=25))
def test_redeliveries_never_change_the_events(wire, make_table, order):
    """Replays of articles already seen, anywhere in the stream, leave the events unchanged."""
    plan = [(3000, "millbrook", False), (4000, "ashford", False), (3000, "millbrook", True),
            (9000, "north", False), (16000, "millbrook", False), (500, "ashford", True)]
    stories = [wire.article(f"s{n}", [wire.figure(people, place, additive=add)], at=wire.at(3 * n))
               for n, (people, place, add) in enumerate(plan)]
    clean, noisy = make_table(), make_table()
    for story in stories:
        clean.feed(story)
    delivered = 0
    for step in order:
        if step >= delivered:  # the partition moves on, in order, up to this article
            for story in stories[delivered:step + 1]:
                noisy.feed(story)
            delivered = max(delivered, step + 1)
        else:  # a replay of something already seen
            noisy.feed(stories[step])
    for story in stories[delivered:]:
        noisy.feed(story)
    assert [e.event_id for e in noisy.events] == [e.event_id for e in clean.events]
    assert noisy.data == clean.data
