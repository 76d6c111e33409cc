"""The metrics added for the dashboards: consumer lag from a faust consumer, open alerts by place."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from faust.types import TP
from prometheus_client import REGISTRY

from wirewatch import metrics
from wirewatch.contracts import AlertEvent

pytestmark = pytest.mark.unit


def sample(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


def figure_series() -> list[dict]:
    return [s.labels for family in metrics.ALERT_FIGURE.collect() for s in family.samples]


@pytest.fixture(autouse=True)
def clean_alert_figures():
    for rule, place, country in list(metrics._alert_figures):
        metrics.clear_alert_figure(rule, place, country)
    yield
    for rule, place, country in list(metrics._alert_figures):
        metrics.clear_alert_figure(rule, place, country)


def test_an_open_alert_is_one_series_with_its_coordinates_and_resolving_removes_it():
    metrics.set_alert_figure("cross_border_surge", "Bab al-Hawa", "SYR", 36.2333333, 36.65, 15000)
    labels = dict(rule="cross_border_surge", place="Bab al-Hawa", country="SYR", lat="36.2333", lon="36.6500")
    assert sample("wirewatch_alert_figure", **labels) == 15000

    metrics.set_alert_figure("cross_border_surge", "Bab al-Hawa", "SYR", 36.2333333, 36.65, 20000)
    assert sample("wirewatch_alert_figure", **labels) == 20000
    assert len(figure_series()) == 1

    metrics.clear_alert_figure("cross_border_surge", "Bab al-Hawa", "SYR")
    assert figure_series() == []
    metrics.clear_alert_figure("cross_border_surge", "Bab al-Hawa", "SYR")  # twice is harmless


def test_a_regeocoded_place_moves_its_point_instead_of_leaving_the_old_one():
    metrics.set_alert_figure("r", "Tripoli", "LBN", 34.43, 35.84, 100)
    metrics.set_alert_figure("r", "Tripoli", "LBN", 34.44, 35.85, 120)
    assert [(s["lat"], s["lon"]) for s in figure_series()] == [("34.4400", "35.8500")]


def test_same_place_name_in_two_countries_is_two_alerts():
    metrics.set_alert_figure("r", "Tripoli", "LBN", 34.43, 35.84, 100)
    metrics.set_alert_figure("r", "Tripoli", "LBY", 32.89, 13.19, 200)
    metrics.clear_alert_figure("r", "Tripoli", "LBN")
    assert [s["country"] for s in figure_series()] == ["LBY"]


def test_series_are_capped(monkeypatch):
    monkeypatch.setattr(metrics, "ALERT_FIGURE_MAX_SERIES", 2)
    assert metrics.set_alert_figure("r", "a", None, None, None, 1)
    assert metrics.set_alert_figure("r", "b", None, 1.0, 2.0, 1)
    assert not metrics.set_alert_figure("r", "c", None, 1.0, 2.0, 1)
    assert metrics.set_alert_figure("r", "a", None, None, None, 5), "an alert already open can still be updated"
    assert sorted(s["place"] for s in figure_series()) == ["a", "b"]


def alert_event(status: str, minimum: int | None, maximum: int | None) -> AlertEvent:
    now = datetime.now(UTC)
    return AlertEvent.model_validate(dict(
        alert_id="a1", event_id=f"a1-{status}", rule="displacement_spike", severity="high", status=status,
        place=dict(name="Aleppo", country="SYR", lat=36.2, lon=37.16, kind="admin1"),
        figure=dict(min=minimum, max=maximum, category="displacement"), sources_count=2,
        window_start=now, window_end=now, emitted_at=now, evidence=[]))


def test_track_alert_event_follows_the_alert_lifecycle():
    labels = dict(rule="displacement_spike", place="Aleppo", country="SYR", lat="36.2000", lon="37.1600")
    metrics.track_alert_event(alert_event("new", 5000, 8000))
    assert sample("wirewatch_alert_figure", **labels) == 8000
    metrics.track_alert_event(alert_event("escalated", 12000, None))
    assert sample("wirewatch_alert_figure", **labels) == 12000
    metrics.track_alert_event(alert_event("resolved", 12000, None))
    assert figure_series() == []


class FakeConsumer:
    """The part of faust's Consumer that update_consumer_lag reads."""

    def __init__(self, assigned, ends, committed, earliest=None, started=True):
        self._assigned, self._ends, self._earliest, self._started = assigned, ends, earliest or {}, started
        self._committed_offset = committed
        self.app = SimpleNamespace(monitor=None)

    def assignment(self):
        if not self._started:
            raise RuntimeError("Consumer thread not yet started")
        return set(self._assigned)

    async def highwaters(self, *tps):
        return {tp: self._ends[tp] for tp in tps}

    async def earliest_offsets(self, *tps):
        return {tp: self._earliest.get(tp, 0) for tp in tps}


RAW = "ns.articles.raw.v1"


def test_consumer_lag_is_end_minus_committed_summed_over_assigned_partitions():
    p0, p1 = TP(RAW, 0), TP(RAW, 1)
    changelog, leader = TP("ns.ner-seen-changelog", 0), TP("ns.ner-__assignor-__leader", 0)
    consumer = FakeConsumer([p0, p1, changelog, leader], {p0: 10, p1: 7, changelog: 99, leader: 3},
                            {p0: 4, changelog: 0}, earliest={p1: 2})
    lags = asyncio.run(metrics.update_consumer_lag("ner", SimpleNamespace(consumer=consumer)))
    # p1 never committed: the group starts from its earliest offset
    assert lags == {RAW: (10 - 4) + (7 - 2)}
    assert sample("wirewatch_consumer_lag", service="ner", topic=RAW) == 11
    assert sample("wirewatch_consumer_lag", service="ner", topic="ns.ner-seen-changelog") is None
    assert sample("wirewatch_consumer_lag", service="ner", topic="ns.ner-__assignor-__leader") is None


def test_consumer_lag_of_a_topic_no_longer_assigned_is_removed():
    p0 = TP("ns.articles.extracted.v1", 0)
    app = SimpleNamespace(consumer=FakeConsumer([p0], {p0: 5}, {p0: 5}))
    asyncio.run(metrics.update_consumer_lag("geocode", app))
    assert sample("wirewatch_consumer_lag", service="geocode", topic=p0.topic) == 0
    app.consumer = FakeConsumer([], {}, {})
    asyncio.run(metrics.update_consumer_lag("geocode", app))
    assert sample("wirewatch_consumer_lag", service="geocode", topic=p0.topic) is None


def test_consumer_lag_before_the_consumer_starts_is_nothing():
    app = SimpleNamespace(consumer=FakeConsumer([], {}, {}, started=False))
    assert asyncio.run(metrics.update_consumer_lag("alerting", app)) == {}


def test_faust_consumer_still_keeps_committed_offsets_where_update_consumer_lag_reads_them():
    import inspect

    from faust.transport.consumer import Consumer

    assert "self._committed_offset" in inspect.getsource(Consumer.__init__)
