"""The event ids already on the alerts topic, so a replayed input never publishes an event twice.

The worker publishes an event, waits for the broker's ack, then writes the situation's state. A
crash between the two replays the input after restart and recomputes the same event (same
deterministic event_id); this set, read back from the alerts topic after every partition
assignment, is what lets the worker recognise it and stay silent.
"""

from __future__ import annotations

import asyncio
import json
import logging

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from wirewatch.kafka_client import client_options
from wirewatch.settings import Settings
from wirewatch.wiring import topic_partitions

log = logging.getLogger(__name__)

# Replays only reach back to the last committed offset, seconds ago; a generous tail suffices.
TAIL_MESSAGES = 50_000
READ_TIMEOUT_S = 30.0


class PublishedEvents:
    def __init__(self, settings: Settings, topic: str, tail: int = TAIL_MESSAGES) -> None:
        self.settings, self.topic, self.tail = settings, topic, tail
        self._ids: set[str] = set()
        self._generation, self._read_generation = 1, 0

    def invalidate(self) -> None:
        """After a rebalance another worker may have published for the partitions we now own."""
        self._generation += 1

    async def contains(self, event_id: str) -> bool:
        failures = 0
        while self._read_generation != self._generation:
            generation = self._generation
            log.info("reading the event ids on %s", self.topic)
            try:
                ids = await asyncio.wait_for(read_event_ids(self.settings, self.topic, self.tail), READ_TIMEOUT_S)
            except (asyncio.TimeoutError, KafkaError) as exc:
                # Publishing blind could repeat an event; waiting holds alerts back but loses none.
                failures += 1
                delay = min(30.0, 2.0 ** failures)
                log.warning("cannot read %s (%r); retrying in %.0fs", self.topic, exc, delay)
                await asyncio.sleep(delay)
                continue
            self._ids |= ids
            self._read_generation = generation
            log.info("alerts topic %s holds %d event ids", self.topic, len(ids))
        return event_id in self._ids

    def add(self, event_id: str) -> None:
        self._ids.add(event_id)


async def read_event_ids(settings: Settings, topic: str, tail: int = TAIL_MESSAGES) -> set[str]:
    tps = await topic_partitions(settings, topic)
    if not tps:
        return set()
    consumer = AIOKafkaConsumer(**client_options(settings), enable_auto_commit=False, group_id=None)
    await consumer.start()
    try:
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        starts = await consumer.beginning_offsets(tps)
        for tp in tps:
            consumer.seek(tp, max(starts[tp], ends[tp] - tail))
        ids: set[str] = set()
        remaining = {tp for tp in tps if ends[tp] > max(starts[tp], ends[tp] - tail)}
        while remaining:
            batches = await consumer.getmany(*remaining, timeout_ms=1000)
            for tp, messages in batches.items():
                for message in messages:
                    try:
                        ids.add(json.loads(message.value)["event_id"])
                    except (ValueError, KeyError, TypeError):
                        continue
            remaining = {tp for tp in remaining if await consumer.position(tp) < ends[tp]}
        return ids
    finally:
        await consumer.stop()
