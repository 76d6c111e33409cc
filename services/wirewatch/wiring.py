"""Kafka and faust wiring shared by the four services.

A service's app module calls `make_app`, declares its topics with `topic`, and routes anything
it cannot process to its dead-letter topic with `send_dead_letter`. Messages are raw bytes on the
wire, validated with the pydantic contracts (faust cannot carry pydantic models as value types).
"""

from __future__ import annotations

import asyncio
import base64
import logging
from datetime import UTC, datetime

import faust
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import TopicAlreadyExistsError
from faust.transport.drivers.aiokafka import Producer as AiokafkaProducer
from pydantic import BaseModel, ValidationError

from wirewatch import metrics
from wirewatch.contracts import DeadLetter
from wirewatch.kafka_client import client_options, faust_credentials
from wirewatch.settings import Settings
from wirewatch.topics import SERVICE_INPUT, TopicSpec, all_topic_names, compacted_topic_names, partition_counts
from wirewatch.uncommitted import ReplayUncommitted

log = logging.getLogger(__name__)


class IdempotentProducer(AiokafkaProducer):
    """faust's aiokafka producer turns idempotence on only inside its transactions; ours always has
    it, so a send retried after a broker failover is written once (acks=all comes with it)."""

    def _settings_extra(self) -> dict:
        return {**super()._settings_extra(), "acks": "all", "enable_idempotence": True}


class App(faust.App):
    """faust.App whose producers are idempotent when the settings ask for it."""

    idempotent_producer = True

    def _new_transport(self):
        return self._with_producer(super()._new_transport())

    def _new_producer_transport(self):
        return self._with_producer(super()._new_producer_transport())

    def _with_producer(self, transport):
        if self.idempotent_producer:
            transport.Producer = IdempotentProducer
        return transport


def make_app(service: str, settings: Settings, **options) -> faust.App:
    """A faust app whose only configuration source is `settings` (env={} turns faust's off)."""
    datadir = (settings.data_dir / "faust" / f"{settings.namespace}.{service}").resolve()
    datadir.mkdir(parents=True, exist_ok=True)
    defaults = dict(
        broker=[f"kafka://{host}" for host in settings.broker.split(",")],
        broker_credentials=faust_credentials(settings),
        env={},
        value_serializer="raw",
        key_serializer="raw",
        store="memory://",
        datadir=str(datadir),
        web_enabled=False,
        # Changelogs, repartition and assignor topics faust declares get the same replicas as ours.
        topic_replication_factor=settings.topic_replication_factor,
        # Where only the admin may create topics, faust finds its internal topics pre-created
        # (all_topic_names) instead of asking for them and being refused.
        topic_allow_declare=settings.create_topics,
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=settings.heartbeat_interval_s,
        broker_rebalance_timeout=settings.rebalance_timeout_s,
        producer_acks=-1,
        processing_guarantee=settings.processing_guarantee,
        # An article is a few kB: the 16 kB default made a burst of sends wait for one small batch
        # after another to drain, one produce request each.
        producer_max_batch_size=256 * 1024,
    )
    defaults.update(options)
    # The app id is the consumer group id and the prefix of table changelog topics.
    app = App(f"{settings.namespace}.{service}", **defaults)
    app.idempotent_producer = settings.producer_idempotence

    @app.task(on_leader=False)
    async def _serve_metrics() -> None:
        metrics.serve(service, settings.metrics_host, settings.metrics_port_for(service))

    metrics.watch_consumer_lag(app, service)
    # faust skips the queued messages of never-committed partitions on restart; replay them.
    app.sensors.add(ReplayUncommitted(settings, app.conf.id))
    return app


def topic(app: faust.App, spec: TopicSpec, settings: Settings, *, dead_letter: bool = False) -> faust.TopicT:
    name = spec.dead_letter_name(settings.namespace) if dead_letter else spec.name(settings.namespace)
    partitions = 1 if dead_letter else partition_counts(settings.namespace, settings.partitions)[spec.stage]
    return app.topic(name, value_type=bytes, key_type=bytes, partitions=partitions)


def dead_letter_topic(app: faust.App, service: str, settings: Settings) -> faust.TopicT:
    return topic(app, SERVICE_INPUT[service], settings, dead_letter=True)


def encode(message: BaseModel) -> bytes:
    return message.model_dump_json().encode()


def describe_error(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text if len(text) <= 2000 else text[:2000] + "..."


def dead_letter(service: str, original: bytes, exc: BaseException, *, topic_name: str | None = None,
                partition: int | None = None, offset: int | None = None, key: bytes | None = None) -> DeadLetter:
    return DeadLetter(
        service=service,
        topic=topic_name,
        partition=partition,
        offset=offset,
        key=key.decode("utf-8", "replace") if key else None,
        original=base64.b64encode(original or b"").decode("ascii"),
        reason=describe_error(exc),
        error_type=exc.__class__.__name__,
        failed_at=datetime.now(UTC),
    )


async def send_dead_letter(dlq: faust.TopicT, service: str, event, exc: BaseException) -> None:
    """Route a consumed event that failed to the service's dead-letter topic, with the reason."""
    message = event.message
    letter = dead_letter(service, event.value, exc, topic_name=message.topic, partition=message.partition,
                         offset=message.offset, key=event.key)
    log.warning("dead-lettered %s[%s]@%s: %s", message.topic, message.partition, message.offset, letter.reason)
    metrics.DEAD_LETTERED.labels(service=service, topic=message.topic).inc()
    await dlq.send(key=event.key, value=encode(letter))


async def decode(event, model: type[BaseModel], dlq: faust.TopicT, service: str):
    """The event's value as `model`, or None after dead-lettering it with the validation error."""
    metrics.MESSAGES_CONSUMED.labels(service=service, topic=event.message.topic).inc()
    try:
        return model.model_validate_json(event.value)
    except ValidationError as exc:
        metrics.MESSAGES_FAILED.labels(service=service, topic=event.message.topic).inc()
        await send_dead_letter(dlq, service, event, exc)
        return None


async def publish(out: faust.TopicT, service: str, key: str, message: BaseModel) -> None:
    await out.send(key=key.encode(), value=encode(message))
    metrics.MESSAGES_PRODUCED.labels(service=service, topic=out.get_topic_name()).inc()


async def ensure_topics(settings: Settings, *, timeout_s: float = 30.0) -> None:
    """Pre-create every topic with its intended partition count (never rely on auto-creation)."""
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=int(timeout_s * 1000))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [NewTopic(name, num_partitions=parts, replication_factor=settings.topic_replication_factor,
                           topic_configs=topic_configs(name, settings))
                  for name, parts in all_topic_names(settings.namespace, settings.partitions).items()
                  if name not in existing]
        if wanted:
            try:
                await admin.create_topics(wanted)
            except TopicAlreadyExistsError:
                pass
    finally:
        await admin.close()


# The broker's own topics that decide durability too: committed offsets and transactions.
BROKER_INTERNAL_TOPICS = ("__consumer_offsets", "__transaction_state")


def topic_configs(name: str, settings: Settings) -> dict[str, str]:
    configs = {"min.insync.replicas": str(settings.topic_min_insync_replicas)}
    if name in compacted_topic_names(settings.namespace):
        configs["cleanup.policy"] = "compact"
    return configs


async def describe_topics(settings: Settings, *, timeout_s: float = 30.0) -> list[dict]:
    """What the brokers report for each of our topics: partitions, replicas, in-sync replicas,
    leaders and the configs that decide durability. Topics missing on the broker have `missing`."""
    names = list(all_topic_names(settings.namespace, settings.partitions)) + list(BROKER_INTERNAL_TOPICS)
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=int(timeout_s * 1000))
    await admin.start()
    try:
        described = {d["topic"]: d for d in await admin.describe_topics(names)}
        present = [name for name in names if not described.get(name, {}).get("error_code")]
        configs = {}
        if present:
            resources = [ConfigResource(ConfigResourceType.TOPIC, name) for name in present]
            for response in await admin.describe_configs(resources):
                for resource in response.resources:
                    # (error_code, error_message, type, name, [(key, value, read_only, ...)])
                    configs[resource[3]] = {entry[0]: entry[1] for entry in resource[4]}
    finally:
        await admin.close()
    report = []
    for name in names:
        if name not in present:
            if name not in BROKER_INTERNAL_TOPICS:  # created by the broker on first use
                report.append({"topic": name, "missing": True})
            continue
        partitions = sorted(described[name]["partitions"], key=lambda p: p["partition"])
        report.append({
            "topic": name,
            "partitions": len(partitions),
            "replication_factor": min(len(p["replicas"]) for p in partitions),
            "min_insync_replicas": int(configs[name].get("min.insync.replicas", 0)),
            "in_sync": min(len(p["isr"]) for p in partitions),
            "leaders": sorted({p["leader"] for p in partitions}),
            "cleanup_policy": configs[name].get("cleanup.policy"),
        })
    return report


async def topic_partitions(settings: Settings, topic: str, *, timeout_s: float = 30.0) -> list[TopicPartition]:
    """A topic's partitions, [] when the broker does not have it (or will not say). Asked of the
    admin client: a consumer without a subscription has no metadata for the topic."""
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=int(timeout_s * 1000))
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if described["error_code"]:
        return []
    return [TopicPartition(topic, number) for number in sorted(p["partition"] for p in described["partitions"])]


def ensure_topics_sync(settings: Settings) -> None:
    asyncio.run(ensure_topics(settings))


def run_worker(app: faust.App, settings: Settings, *, web: bool = False) -> None:
    """`python -m <service> [worker -l info]`: faust's worker command, with its web server only where
    the service serves HTTP (faust's `worker` turns the web server on regardless of `web_enabled`).
    Topics are created first, so a service started on its own finds every topic it reads (unless
    the settings leave that to the admin)."""
    import sys

    args = sys.argv[1:] or ["worker", "-l", "info"]
    if args[0] == "worker":
        if not web and "--without-web" not in args:
            args.insert(1, "--without-web")
        if settings.create_topics:
            ensure_topics_sync(settings)
        if settings.event_loop == "uvloop":
            # Set before faust first asks for its loop (faust's own --loop option comes too late).
            import uvloop

            asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    sys.argv[1:] = args
    app.main()
