"""Writing articles onto a topic and timing what appears on others, from the benchmark process."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import UnknownTopicOrPartitionError

TOPIC_METADATA_WAIT_S = 30


class Watcher:
    """Reads topics from the beginning, without a consumer group, and notes when each key is first
    seen (wall clock, as the send times are). `on_value` sees values of the topics it names."""

    def __init__(self, broker: str, topics: list[str], on_value: dict[str, Callable[[bytes, float], None]] | None = None):
        self.broker = broker
        self.topics = topics
        self.on_value = on_value or {}
        self.first_seen: dict[str, dict[str, float]] = {t: {} for t in topics}
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task | None = None
        self._changed = asyncio.Event()

    async def start(self) -> None:
        # fetch_max_wait_ms: an idle fetch returns sooner, so a new record is noticed sooner.
        # metadata_max_age_ms: a topic created a moment ago may have no leader in the first
        # metadata; with the default the watcher then saw none of its records for 5 minutes (a
        # whole benchmark stage once reported 0 alerts that way).
        # A topic created a moment ago on a cluster may be missing from the first metadata a broker
        # answers with, and a consumer with no group then refuses to start: try again, briefly.
        deadline = time.monotonic() + TOPIC_METADATA_WAIT_S
        while True:
            self._consumer = AIOKafkaConsumer(*self.topics, bootstrap_servers=self.broker, group_id=None,
                                              auto_offset_reset="earliest", enable_auto_commit=False,
                                              fetch_max_wait_ms=50, max_partition_fetch_bytes=8 * 2**20,
                                              metadata_max_age_ms=1000)
            try:
                await self._consumer.start()
                break
            except UnknownTopicOrPartitionError:
                await self._consumer.stop()
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        assert self._consumer is not None
        while True:
            batches = await self._consumer.getmany(timeout_ms=200)
            now = time.time()
            for tp, records in batches.items():
                seen = self.first_seen[tp.topic]
                handler = self.on_value.get(tp.topic)
                for record in records:
                    key = record.key.decode() if record.key else ""
                    seen.setdefault(key, now)
                    if handler is not None:
                        handler(record.value, now)
            if batches:
                self._changed.set()

    async def wait_for(self, topic: str, keys: set[str], timeout_s: float) -> bool:
        """True once every key has been seen on `topic`; False at the timeout."""
        deadline = time.monotonic() + timeout_s
        while True:
            if keys.issubset(self.first_seen[topic]):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if self._task is not None and self._task.done():
                self._task.result()  # a dead reader is an error, not a timeout
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 1.0))
            except TimeoutError:
                pass

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
        if self._consumer is not None:
            await self._consumer.stop()


async def produce(broker: str, topic: str, messages: list[tuple[str, bytes]], *, partitions: int | None = None) -> None:
    """Send (key, value) messages and wait until the broker has all of them. `partitions`: spread
    them round-robin over that many partitions instead of by key (for a warm-up that must reach
    every worker)."""
    producer = AIOKafkaProducer(bootstrap_servers=broker, acks="all", linger_ms=5, max_request_size=8 * 2**20)
    await producer.start()
    try:
        pending = []
        for index, (key, value) in enumerate(messages):
            partition = index % partitions if partitions else None
            pending.append(await producer.send(topic, value=value, key=key.encode(), partition=partition))
        await asyncio.gather(*pending)
    finally:
        await producer.stop()


async def group_members(broker: str, group: str) -> tuple[str, int]:
    """(state, number of members) of a consumer group."""
    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    await admin.start()
    try:
        responses = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    for response in responses:
        for entry in response.groups:
            # (error_code, group_id, state, protocol_type, protocol, members[, authorized ops])
            return str(entry[2]), len(entry[5])
    return "Unknown", 0


async def wait_group(broker: str, group: str, members: int, timeout_s: float = 120) -> None:
    """Until the group is Stable with `members` members: no rebalance will pause the measurement."""
    deadline = time.monotonic() + timeout_s
    state, count = "Unknown", 0
    while time.monotonic() < deadline:
        state, count = await group_members(broker, group)
        if state == "Stable" and count == members:
            return
        await asyncio.sleep(0.5)
    raise TimeoutError(f"group {group}: {state} with {count} members, wanted Stable with {members}")


def alert_evidence_ids(value: bytes) -> list[str]:
    try:
        alert = json.loads(value)
    except ValueError:
        return []
    return [e.get("article_id") for e in alert.get("evidence", []) if e.get("article_id")]
