"""The pipeline on a secure 3-node KRaft cluster (kafka.sh KAFKA_SECURE=1): TLS and SCRAM on the
client listener, StandardAuthorizer with the ACLs of wirewatch.acls, each service as its own user
creating no topic. Clients without credentials get nothing, principals get only what the table
gives them, and the seeds still raise the alerts they raise on the plain stack."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import (ClusterAuthorizationFailedError, GroupAuthorizationFailedError, KafkaConnectionError,
                             KafkaError, TopicAuthorizationFailedError)

from wirewatch.acls import USERS, apply
from wirewatch.kafka_client import client_options, ssl_context
from wirewatch.settings import Settings
from wirewatch.topics import ALERTS, ARTICLES_EXTRACTED, ARTICLES_RAW
from wirewatch.wiring import ensure_topics

from test_pipeline import SAMPLES, SEEDS, admin1_alert, crossing_alert

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # benchmarks/ is not a package the virtualenv installs

from benchmarks.stack import free_port_runs  # noqa: E402


def _e2e_conftest():
    # Every conftest.py is a module named `conftest` to pytest: import this folder's by its path.
    spec = importlib.util.spec_from_file_location("e2e_conftest", Path(__file__).with_name("conftest.py"))
    module = sys.modules["e2e_conftest"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_processes = _e2e_conftest()
SERVICES, Pipeline, free_ports = _processes.SERVICES, _processes.Pipeline, _processes.free_ports

KAFKA_SH = ROOT / "deploy" / "kafka" / "kafka.sh"
NODES = 3
TIMEOUT_S = 20


@dataclass
class SecureCluster:
    bootstrap: str
    secrets: Path
    namespace: str = field(default_factory=lambda: f"e2e-secure-{os.urandom(4).hex()}")

    def credentials(self, user: str) -> dict[str, str]:
        """The WIREWATCH_* variables of `user`, as the secure stack writes them to .run/secure/."""
        return {"WIREWATCH_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "WIREWATCH_KAFKA_USER": user,
                "WIREWATCH_KAFKA_PASSWORD": (self.secrets / f"{user}.password").read_text().strip(),
                "WIREWATCH_KAFKA_CA_FILE": str(self.secrets / "ca.crt")}

    def settings(self, user: str | None, **overrides) -> Settings:
        """Settings of `user` (None: no credentials at all) against this cluster."""
        values = {"broker": self.bootstrap, "namespace": self.namespace}
        if user:
            values.update({key.removeprefix("WIREWATCH_").lower(): value
                           for key, value in self.credentials(user).items()})
        return Settings(**{**values, **overrides})


@pytest.fixture(scope="module")
def secure_cluster(tmp_path_factory):
    port, controller_port = free_port_runs(NODES)
    data = tmp_path_factory.mktemp("secure-cluster")
    env = dict(os.environ, KAFKA_NODES=str(NODES), KAFKA_SECURE="1", KAFKA_SCRAM_USERS=" ".join(USERS),
               KAFKA_PORT=str(port), KAFKA_CONTROLLER_PORT=str(controller_port), KAFKA_DATA_DIR=str(data),
               KAFKA_START_TIMEOUT="120")
    started = subprocess.run([str(KAFKA_SH), "start"], env=env, capture_output=True, text=True, timeout=420)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        cluster = SecureCluster(",".join(f"127.0.0.1:{port + i}" for i in range(NODES)), data / "secure")
        # As the admin, the only principal that may: the topics, then the ACLs. Topics of three
        # replicas can be placed only once all three brokers have registered: try again until then.
        admin, deadline = cluster.settings("admin"), time.monotonic() + 90
        while True:
            try:
                asyncio.run(ensure_topics(admin))
                break
            except KafkaError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(2)
        asyncio.run(apply(admin))
        yield cluster
    finally:
        subprocess.run([str(KAFKA_SH), "stop"], env=env, capture_output=True, timeout=120)


@dataclass
class SecurePipeline(Pipeline):
    credentials: dict[str, dict[str, str]] = field(default_factory=dict)

    def env(self, service: str | None = None) -> dict[str, str]:
        env = super().env(service)
        if service:
            env.update(self.credentials[service], WIREWATCH_CREATE_TOPICS="false")
        return env


@pytest.fixture(scope="module")
def secure_pipeline(secure_cluster, tmp_path_factory):
    logs = tmp_path_factory.mktemp("secure-pipeline")
    # The CLI runs in `logs`, where it finds the admin's client settings as `make start SECURE=1`
    # leaves them: no credentials in its environment, no flags.
    (logs / ".run" / "secure").mkdir(parents=True)
    (logs / ".run" / "secure" / "client.env").write_text(
        "".join(f"{key}={value}\n" for key, value in secure_cluster.credentials("admin").items()))
    *metrics_ports, http_port = free_ports(len(SERVICES) + 1)
    stack = SecurePipeline(broker=secure_cluster.bootstrap, namespace=secure_cluster.namespace, logs=logs,
                           metrics_ports=dict(zip(SERVICES, metrics_ports)), http_port=http_port,
                           credentials={service: secure_cluster.credentials(service) for service in SERVICES})
    for service in SERVICES:
        stack.start(service)
    try:
        stack.wait_ready(timeout_s=180)
        yield stack
    finally:
        # All at once: each worker spends seconds leaving its group, in parallel.
        for process in stack.processes.values():
            process.terminate()
        for service in list(stack.processes):
            stack.stop(service)


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, TIMEOUT_S))


async def _bootstrap(settings: Settings, **overrides) -> None:
    admin = AIOKafkaAdminClient(**{**client_options(settings), **overrides}, request_timeout_ms=5000)
    try:
        await admin.start()
        await admin.list_topics()
    finally:
        await admin.close()


async def _produce(settings: Settings, topic: str, **options) -> None:
    producer = AIOKafkaProducer(**client_options(settings), **options)
    try:
        await producer.start()
        await producer.send_and_wait(topic, b'{"forged": true}')
    finally:
        await producer.stop()


async def _join(settings: Settings, topic: str, group: str) -> None:
    consumer = AIOKafkaConsumer(topic, **client_options(settings), group_id=group, enable_auto_commit=False)
    try:
        await consumer.start()
        await consumer.getmany(timeout_ms=5000)
    finally:
        await consumer.stop()


async def _topic_error(settings: Settings, topic: str) -> int:
    """The error code a principal's metadata request gets for `topic`: 0, or 29 when it may not
    even describe it (Read and Write both imply Describe, so it can do neither)."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return described["error_code"]


# --- nobody without credentials ----------------------------------------------------------------

def test_a_plaintext_client_gets_nothing(secure_cluster):
    with pytest.raises(KafkaConnectionError):
        run(_bootstrap(secure_cluster.settings(None)))


def test_a_tls_client_without_sasl_credentials_gets_nothing(secure_cluster):
    tls_only = secure_cluster.settings(None, kafka_security_protocol="SSL",
                                       kafka_ca_file=secure_cluster.secrets / "ca.crt")
    with pytest.raises(KafkaConnectionError):
        run(_bootstrap(tls_only))


def test_a_wrong_password_gets_nothing(secure_cluster):
    with pytest.raises(KafkaError):
        run(_bootstrap(secure_cluster.settings("ner", kafka_password="not-the-password")))


def test_a_client_that_does_not_trust_the_cluster_ca_does_not_connect(secure_cluster):
    # The system's CAs, not the cluster's: the brokers' certificate is refused.
    with pytest.raises(KafkaConnectionError):
        run(_bootstrap(secure_cluster.settings("ner", kafka_ca_file=None)))
    assert ssl_context(secure_cluster.settings("ner")).verify_mode.name == "CERT_REQUIRED"


# --- each principal only what its ACLs give ----------------------------------------------------

def test_ner_writes_its_output_but_cannot_write_alerts(secure_cluster):
    ner = secure_cluster.settings("ner")
    run(_produce(ner, ARTICLES_EXTRACTED.name(secure_cluster.namespace), acks="all", enable_idempotence=True))
    with pytest.raises(TopicAuthorizationFailedError):
        run(_produce(ner, ALERTS.name(secure_cluster.namespace), acks="all", enable_idempotence=True))


def test_ner_cannot_read_alerts_nor_describe_or_join_the_alerting_group(secure_cluster):
    ner, namespace = secure_cluster.settings("ner"), secure_cluster.namespace
    alerts, alerting_group = ALERTS.name(namespace), f"{namespace}.alerting"
    assert run(_topic_error(ner, alerts)) == TopicAuthorizationFailedError.errno
    assert run(_topic_error(ner, ARTICLES_RAW.name(namespace))) == 0

    async def describe_group() -> None:
        admin = AIOKafkaAdminClient(**client_options(ner))
        await admin.start()
        try:
            await admin.describe_consumer_groups([alerting_group])
        finally:
            await admin.close()

    async def read_group_offsets() -> None:
        admin = AIOKafkaAdminClient(**client_options(ner))
        await admin.start()
        try:
            await admin.list_consumer_group_offsets(alerting_group)
        finally:
            await admin.close()

    with pytest.raises(GroupAuthorizationFailedError):
        run(describe_group())
    with pytest.raises(GroupAuthorizationFailedError):
        run(read_group_offsets())
    with pytest.raises(GroupAuthorizationFailedError):
        run(_join(ner, ARTICLES_RAW.name(namespace), alerting_group))


def test_the_subscriber_reads_alerts_but_cannot_forge_an_article(secure_cluster):
    subscriber, namespace = secure_cluster.settings("subscriber"), secure_cluster.namespace
    raw = ARTICLES_RAW.name(namespace)
    assert run(_topic_error(subscriber, ALERTS.name(namespace))) == 0
    assert run(_topic_error(subscriber, raw)) == TopicAuthorizationFailedError.errno
    with pytest.raises(TopicAuthorizationFailedError):
        run(_produce(subscriber, raw))
    # An idempotent producer is turned away earlier: it may write no topic at all.
    with pytest.raises(ClusterAuthorizationFailedError):
        run(_produce(subscriber, raw, enable_idempotence=True))


def test_no_service_may_create_a_topic(secure_cluster):
    async def create() -> int:
        admin = AIOKafkaAdminClient(**client_options(secure_cluster.settings("ner")))
        await admin.start()
        try:
            response = await admin.create_topics([NewTopic(f"{secure_cluster.namespace}.ner-new", 1, 1)])
        finally:
            await admin.close()
        return response.topic_errors[0][1]

    assert run(create()) == TopicAuthorizationFailedError.errno


# --- the pipeline, each service as its own user ------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir() and os.environ.get("CI") != "true", reason="../shared/seeds not beside the repo")
def test_the_seeds_raise_the_same_alerts_on_the_secure_cluster(secure_pipeline):
    """The border alert and the governorate alert the plain pipeline raises (test_pipeline), read
    back by `wirewatch alerts` with only the client settings file the secure stack writes."""
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    responses = secure_pipeline.ingest([str(SAMPLES), *seeds])
    assert all("article_id" in r for r in responses)
    alerts = secure_pipeline.wait_for_alerts(
        lambda alerts: crossing_alert(alerts, "Salama") is not None and admin1_alert(alerts, "Aleppo") is not None,
        timeout_s=150)
    assert crossing_alert(alerts, "Salama")["place"]["country"] == "SYR"
    assert crossing_alert(alerts, "Hawa") is not None


def test_the_topics_command_reports_every_topic_through_the_client_settings_file(secure_pipeline):
    result = secure_pipeline.cli("topics")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{secure_pipeline.namespace}.alerting-situations-changelog" in result.stdout
