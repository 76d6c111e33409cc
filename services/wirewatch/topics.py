"""The topic registry: every Kafka topic wirewatch reads or writes, with its contract.

Names follow `<namespace>.<domain>.<stage>.v<version>`; the dead-letter topic beside an input is
the input's name plus `.dlq`. The namespace defaults to `wirewatch`; tests use a fresh one each
so that they never read each other's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from wirewatch.contracts import AlertEvent, Article, DeadLetter, EnrichedArticle, ExtractedArticle


@dataclass(frozen=True)
class TopicSpec:
    stage: str
    model: type[BaseModel]
    description: str
    key: str
    producer: str
    consumers: tuple[str, ...]
    partitions: int = 2
    compacted: bool = False

    def name(self, namespace: str) -> str:
        return f"{namespace}.{self.stage}.v1"

    def dead_letter_name(self, namespace: str) -> str:
        return f"{self.name(namespace)}.dlq"


ARTICLES_RAW = TopicSpec(
    stage="articles.raw",
    model=Article,
    description="Clean, de-duplicated articles from ingest.",
    key="article_id",
    producer="ingest",
    consumers=("ner",),
)
ARTICLES_EXTRACTED = TopicSpec(
    stage="articles.extracted",
    model=ExtractedArticle,
    description="Articles with spaCy entities and displacement figures (places not yet resolved).",
    key="article.article_id",
    producer="ner",
    consumers=("geocode",),
)
ARTICLES_ENRICHED = TopicSpec(
    stage="articles.enriched",
    model=EnrichedArticle,
    description="Articles with figures placed on the map: what downstream systems subscribe to.",
    key="article_id",
    producer="geocode",
    consumers=("alerting",),
)
ALERTS = TopicSpec(
    stage="alerts",
    model=AlertEvent,
    description="Alert lifecycle events (new, escalated, updated, resolved) with their evidence.",
    key="alert_id",
    producer="alerting",
    consumers=(),
    partitions=1,
)
# Ingest's input is HTTP, feeds and files; what fails after acceptance lands here.
INGEST = TopicSpec(
    stage="ingest",
    model=Article,
    description="(no topic of its own: the name anchors ingest's dead-letter topic)",
    key="article_id",
    producer="ingest",
    consumers=(),
)

PIPELINE = (ARTICLES_RAW, ARTICLES_EXTRACTED, ARTICLES_ENRICHED, ALERTS)
# The input each service reads; its dead-letter topic sits beside it.
SERVICE_INPUT = {"ingest": INGEST, "ner": ARTICLES_RAW, "geocode": ARTICLES_EXTRACTED, "alerting": ARTICLES_ENRICHED}
DEAD_LETTER_MODEL = DeadLetter


# Alerting's internal topics: observations re-keyed by situation, and the changelog of its
# `situations` table (faust names it `<app id>-<table>-changelog`). Both are pre-created: a faust
# worker that declares and subscribes in one go can miss a topic the broker has not yet announced,
# and then never consumes it.
ALERTING_SITUATIONS_STAGE = "alerting.situations"
ALERTING_TABLE = "situations"


# faust's leader assignor declares `<app id>-__assignor-__leader` in every app; pre-created with the
# same replication as ours, or it lives on a single broker.
SERVICES = ("ingest", "ner", "geocode", "alerting")


def partition_counts(namespace: str, overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    """Partitions per topic stage: the registry's, or the deployment's (Settings.partitions)."""
    overrides = overrides or {}
    counts = {spec.stage: overrides.get(spec.stage, spec.partitions) for spec in PIPELINE}
    # Alerting's re-keyed topic and table follow its input: one table partition per input partition.
    counts[ALERTING_SITUATIONS_STAGE] = overrides.get(ALERTING_SITUATIONS_STAGE, counts[ARTICLES_ENRICHED.stage])
    return counts


def internal_topic_names(namespace: str, overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    situations = partition_counts(namespace, overrides)[ALERTING_SITUATIONS_STAGE]
    names = {
        f"{namespace}.{ALERTING_SITUATIONS_STAGE}.v1": situations,
        f"{namespace}.alerting-{ALERTING_TABLE}-changelog": situations,
    }
    names.update({f"{namespace}.{service}-__assignor-__leader": 1 for service in SERVICES})
    return names


def compacted_topic_names(namespace: str) -> set[str]:
    return {f"{namespace}.alerting-{ALERTING_TABLE}-changelog"}


def all_topic_names(namespace: str, overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    """Every topic to pre-create, with its partition count."""
    counts = partition_counts(namespace, overrides)
    names = {spec.name(namespace): counts[spec.stage] for spec in PIPELINE}
    for spec in SERVICE_INPUT.values():
        names[spec.dead_letter_name(namespace)] = 1
    names.update(internal_topic_names(namespace, overrides))
    return names
