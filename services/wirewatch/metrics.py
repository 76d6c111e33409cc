"""Prometheus metrics shared by every service: one naming scheme, `wirewatch_*`, bounded labels.

Labels are service, topic, rule, severity and stage names: sets fixed by the code, never
article ids or free text. The one exception is `wirewatch_alert_figure`, labelled by place so the
situation dashboard can map it: it holds only alerts that are open (a resolved alert's series is
removed) and is capped at `ALERT_FIGURE_MAX_SERIES`.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from prometheus_client import Counter, Gauge, Histogram, start_http_server

if TYPE_CHECKING:  # faust is only needed by the caller of update_consumer_lag
    import faust

    from wirewatch.contracts import AlertEvent

log = logging.getLogger(__name__)

MESSAGES_CONSUMED = Counter("wirewatch_messages_consumed_total", "Messages read from a topic.", ["service", "topic"])
MESSAGES_PRODUCED = Counter("wirewatch_messages_produced_total", "Messages written to a topic.", ["service", "topic"])
MESSAGES_FAILED = Counter("wirewatch_messages_failed_total", "Messages that could not be processed.", ["service", "topic"])
DEAD_LETTERED = Counter("wirewatch_dead_lettered_total", "Messages sent to a dead-letter topic.", ["service", "topic"])
PROCESSING_SECONDS = Histogram(
    "wirewatch_processing_seconds", "Time to process one message (or one batch, per message).", ["service"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
END_TO_END_SECONDS = Histogram(
    "wirewatch_end_to_end_seconds", "From ingest's receipt of an article to the stage's output.", ["stage"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
)
MODEL_SECONDS = Histogram(
    "wirewatch_model_seconds", "spaCy time per article.", [],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
FIGURES_EXTRACTED = Counter("wirewatch_figures_extracted_total", "Figures read from articles.", ["category"])
ARTICLES_READ = Counter("wirewatch_ner_articles_read_total", "Articles NER read, by the language of their pipeline.",
                        ["language"])
ARTICLES_UNREAD = Counter("wirewatch_ner_articles_unread_total",
                          "Articles NER could not read: their language has no pipeline.", ["language"])
ARTICLES_INGESTED = Counter("wirewatch_articles_ingested_total", "Articles accepted by ingest.", ["channel", "outcome"])
ALERT_EVENTS = Counter("wirewatch_alert_events_total", "Alert lifecycle events emitted.", ["rule", "severity", "status"])
ACTIVE_ALERTS = Gauge("wirewatch_active_alerts", "Alerts currently open.", ["rule", "severity"])
WEBHOOK_DELIVERIES = Counter("wirewatch_webhook_deliveries_total",
                             "Alert event POSTs to the webhook, by outcome: delivered, retried, refused.", ["outcome"])
CONSUMER_LAG = Gauge(
    "wirewatch_consumer_lag",
    "Messages in the service's assigned partitions of a topic not yet committed by its consumer group.",
    ["service", "topic"],
)
ALERT_FIGURE = Gauge(
    "wirewatch_alert_figure",
    "Current figure of an open alert, by place (lat/lon as labels so a Geomap panel can place it).",
    ["rule", "place", "country", "lat", "lon"],
)

_served: set[int] = set()
_lock = threading.Lock()  # label sets are added and removed together, from any thread


def _remove(gauge: Gauge, *labels: str) -> None:
    try:
        gauge.remove(*labels)
    except KeyError:
        pass


def serve(service: str, host: str, port: int) -> None:
    """Serve /metrics for this process (idempotent: a faust restart of the app does not rebind)."""
    if port in _served:
        return
    start_http_server(port, addr=host)
    _served.add(port)
    log.info("%s metrics on http://%s:%d/metrics", service, host, port)


# --- consumer lag ---------------------------------------------------------------------------

# faust's own topics: table changelogs are read only while recovering and their offsets are never
# committed by the group (they would show as ever-growing lag), and the leader-election topic
# carries no work.
_IGNORED_TOPIC_SUFFIXES = ("-changelog", "-__assignor-__leader")
_lag_topics: dict[str, set[str]] = defaultdict(set)


def _committed_offsets(consumer: Any) -> dict:
    # faust keeps the group's committed offsets (seeded from the broker on assignment, then
    # updated on each commit) in a private mapping; the monitor only learns of commits made by
    # this process, so it is the fallback should the private name ever change.
    committed = getattr(consumer, "_committed_offset", None)
    if committed is None:
        committed = getattr(getattr(consumer.app, "monitor", None), "tp_committed_offsets", None) or {}
    return {tp: offset for tp, offset in list(committed.items()) if offset is not None}


async def update_consumer_lag(service: str, app: "faust.App") -> dict[str, int]:
    """Set `wirewatch_consumer_lag{service,topic}` from the broker's end offsets and the group's
    committed offsets, summed over the partitions assigned to this process. Returns the lags set.

    Call it periodically (see `watch_consumer_lag`); before the consumer has started or while it
    has no assignment it does nothing. Topics no longer assigned lose their series, so that after
    a rebalance only the instance that owns a partition reports it.
    """
    consumer = app.consumer
    try:
        assigned = {tp for tp in consumer.assignment() if not tp.topic.endswith(_IGNORED_TOPIC_SUFFIXES)}
    except Exception as exc:  # ConsumerNotStarted and the like: nothing to report yet
        log.debug("%s: no consumer lag yet: %s", service, exc)
        return {}
    lags: dict[str, int] = {}
    if assigned:
        # Ask the broker, not the fetcher's cached highwater: a paused or stuck consumer stops
        # fetching, and its cached highwater would freeze exactly when lag matters.
        ends = await consumer.highwaters(*assigned)
        committed = _committed_offsets(consumer)
        never_committed = [tp for tp in assigned if tp not in committed]
        # A group that never committed starts from the earliest offset (auto_offset_reset).
        earliest = await consumer.earliest_offsets(*never_committed) if never_committed else {}
        for tp in assigned:
            end = ends.get(tp)
            if end is None:
                continue
            start = committed.get(tp, earliest.get(tp, 0))
            lags[tp.topic] = lags.get(tp.topic, 0) + max(0, end - (start or 0))
    with _lock:
        for topic, lag in lags.items():
            CONSUMER_LAG.labels(service=service, topic=topic).set(lag)
        for gone in _lag_topics[service] - lags.keys():
            _remove(CONSUMER_LAG, service, gone)
        _lag_topics[service] = set(lags)
    return lags


def watch_consumer_lag(app: "faust.App", service: str, interval_s: float = 5.0) -> None:
    """Register a faust timer on `app` that calls `update_consumer_lag` every `interval_s`."""

    @app.timer(interval_s, on_leader=False, name=f"{service}.consumer_lag")
    async def _update_consumer_lag() -> None:
        try:
            await update_consumer_lag(service, app)
        except Exception:  # a metrics hiccup must never take the agent down
            log.warning("%s: consumer lag update failed", service, exc_info=True)


# --- open alerts by place -------------------------------------------------------------------

ALERT_FIGURE_MAX_SERIES = 1000
_alert_figures: dict[tuple[str, str, str], tuple[str, str, str, str, str]] = {}


def _coordinate(value: float | None) -> str:
    # Fixed precision keeps the label value stable for one place (no new series from float noise);
    # 4 decimals is ~11 m, finer than any gazetteer entry.
    return "" if value is None else f"{float(value):.4f}"


def set_alert_figure(rule: str, place: str, country: str | None, lat: float | None, lon: float | None,
                     value: float) -> bool:
    """Set the current figure of the open alert of `rule` at `place`. Call on every new, escalated
    or updated alert; call `clear_alert_figure` when it resolves. Returns False (and sets nothing)
    when the cap on series is reached."""
    key = (rule, place, country or "")
    labels = (rule, place, country or "", _coordinate(lat), _coordinate(lon))
    with _lock:
        previous = _alert_figures.get(key)
        if previous is None and len(_alert_figures) >= ALERT_FIGURE_MAX_SERIES:
            log.warning("wirewatch_alert_figure: %d open alerts, not adding %s/%s", len(_alert_figures), rule, place)
            return False
        if previous is not None and previous != labels:  # the place was re-geocoded: move the point
            _remove(ALERT_FIGURE, *previous)
        _alert_figures[key] = labels
        ALERT_FIGURE.labels(*labels).set(value)
    return True


def clear_alert_figure(rule: str, place: str, country: str | None = None) -> None:
    """Remove the series of an alert that resolved (no-op if there is none)."""
    with _lock:
        labels = _alert_figures.pop((rule, place, country or ""), None)
        if labels is not None:
            _remove(ALERT_FIGURE, *labels)


def track_alert_event(event: "AlertEvent") -> None:
    """Keep `wirewatch_alert_figure` in step with an emitted alert event: resolved clears it, any
    other status sets it to the figure's estimate, else its upper bound (lower when open-ended)."""
    place = event.place
    if event.status == "resolved":
        clear_alert_figure(event.rule, place.name, place.country)
        return
    value = event.figure.estimate  # the number the rule compared with its thresholds
    if value is None:
        value = event.figure.max if event.figure.max is not None else event.figure.min
    if value is not None:
        set_alert_figure(event.rule, place.name, place.country, place.lat, place.lon, value)
