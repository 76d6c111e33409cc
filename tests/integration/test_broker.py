"""The test broker itself: reachable, topics created as the registry says, messages round-trip."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from wirewatch.topics import ARTICLES_RAW, all_topic_names
from wirewatch.wiring import ensure_topics

TIMEOUT_S = 30


async def _partition_counts(broker: str, names: list[str]) -> dict[str, int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    await admin.start()
    try:
        described = await admin.describe_topics(names)
    finally:
        await admin.close()
    return {topic["topic"]: len(topic["partitions"]) for topic in described if topic["error_code"] == 0}


def test_broker_answers(kafka_broker):
    async def cluster():
        admin = AIOKafkaAdminClient(bootstrap_servers=kafka_broker)
        await admin.start()
        try:
            return await admin.describe_cluster()
        finally:
            await admin.close()

    described = asyncio.run(asyncio.wait_for(cluster(), TIMEOUT_S))
    port = int(kafka_broker.rsplit(":", 1)[1])
    assert [(b["host"], b["port"]) for b in described["brokers"]] == [("127.0.0.1", port)]


def test_ensure_topics_creates_every_topic_with_its_partitions(broker_settings):
    wanted = all_topic_names(broker_settings.namespace)

    asyncio.run(asyncio.wait_for(ensure_topics(broker_settings), TIMEOUT_S))
    # A second run finds them all and must not fail: every service start calls it.
    asyncio.run(asyncio.wait_for(ensure_topics(broker_settings), TIMEOUT_S))

    counts = asyncio.run(_partition_counts(broker_settings.broker, sorted(wanted)))
    assert counts == wanted
    assert counts[ARTICLES_RAW.name(broker_settings.namespace)] == ARTICLES_RAW.partitions


def test_produced_message_is_consumed(broker_settings):
    topic = ARTICLES_RAW.name(broker_settings.namespace)

    async def round_trip():
        await ensure_topics(broker_settings)
        producer = AIOKafkaProducer(bootstrap_servers=broker_settings.broker, acks="all")
        await producer.start()
        try:
            sent = await producer.send_and_wait(topic, value=b'{"hello": "kafka"}', key=b"article-1")
        finally:
            await producer.stop()
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=broker_settings.broker,
                                    group_id=f"{broker_settings.namespace}.reader", auto_offset_reset="earliest")
        await consumer.start()
        try:
            return sent, await consumer.getone()
        finally:
            await consumer.stop()

    sent, received = asyncio.run(asyncio.wait_for(round_trip(), TIMEOUT_S))
    assert (received.key, received.value) == (b"article-1", b'{"hello": "kafka"}')
    assert (received.partition, received.offset) == (sent.partition, sent.offset)
