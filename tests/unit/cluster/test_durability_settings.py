"""Replication, min.insync.replicas and partitions are settings, with defaults that follow the brokers."""

import pytest
from pydantic import ValidationError

from wirewatch.settings import Settings
from wirewatch.topics import ALERTING_SITUATIONS_STAGE, ARTICLES_RAW, all_topic_names, partition_counts
from wirewatch.wiring import topic_configs

CLUSTER = "127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094"


def test_one_broker_gets_one_replica_and_a_cluster_three_with_two_in_sync():
    single, cluster = Settings(broker="127.0.0.1:9092"), Settings(broker=CLUSTER)
    assert (single.topic_replication_factor, single.topic_min_insync_replicas) == (1, 1)
    assert (cluster.topic_replication_factor, cluster.topic_min_insync_replicas) == (3, 2)


def test_explicit_values_win_over_the_broker_count():
    # A Kubernetes bootstrap Service is one address in front of three brokers.
    settings = Settings(broker="kafka-bootstrap:9092", replication_factor=3, min_insync_replicas=2)
    assert (settings.topic_replication_factor, settings.topic_min_insync_replicas) == (3, 2)


def test_min_insync_above_the_replicas_is_refused():
    with pytest.raises(ValidationError, match="min.insync.replicas"):
        Settings(broker="127.0.0.1:9092", min_insync_replicas=2)


def test_partitions_per_stage_override_the_registry_and_alerting_follows_its_input():
    counts = partition_counts("ww", {"articles.raw": 6, "articles.enriched": 4})
    assert counts["articles.raw"] == 6 and counts[ALERTING_SITUATIONS_STAGE] == 4
    names = all_topic_names("ww", {"articles.raw": 6, "articles.enriched": 4})
    assert names[ARTICLES_RAW.name("ww")] == 6
    assert names["ww.alerting-situations-changelog"] == 4


def test_faust_internal_topics_are_pre_created_with_ours():
    names = all_topic_names("ww")
    assert {f"ww.{s}-__assignor-__leader" for s in ("ingest", "ner", "geocode", "alerting")} <= set(names)


def test_every_topic_carries_min_insync_and_the_changelog_is_compacted():
    settings = Settings(broker=CLUSTER, namespace="ww")
    assert topic_configs("ww.articles.raw.v1", settings) == {"min.insync.replicas": "2"}
    assert topic_configs("ww.alerting-situations-changelog", settings)["cleanup.policy"] == "compact"


def test_partitions_come_from_the_environment_as_json(monkeypatch):
    monkeypatch.setenv("WIREWATCH_PARTITIONS", '{"articles.raw": 8}')
    assert Settings().partitions == {"articles.raw": 8}
