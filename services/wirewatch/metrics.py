"""Prometheus metrics shared by every service: one naming scheme, `wirewatch_*`, bounded labels.

Labels are service, topic, rule, severity and stage names: sets fixed by the code, never
article ids or free text.
"""

from __future__ import annotations

import logging

from prometheus_client import Counter, Gauge, Histogram, start_http_server

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
ARTICLES_INGESTED = Counter("wirewatch_articles_ingested_total", "Articles accepted by ingest.", ["channel", "outcome"])
ALERT_EVENTS = Counter("wirewatch_alert_events_total", "Alert lifecycle events emitted.", ["rule", "severity", "status"])
ACTIVE_ALERTS = Gauge("wirewatch_active_alerts", "Alerts currently open.", ["rule", "severity"])

_served: set[int] = set()


def serve(service: str, host: str, port: int) -> None:
    """Serve /metrics for this process (idempotent: a faust restart of the app does not rebind)."""
    if port in _served:
        return
    start_http_server(port, addr=host)
    _served.add(port)
    log.info("%s metrics on http://%s:%d/metrics", service, host, port)
