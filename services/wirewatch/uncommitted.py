"""Replay the partitions faust would silently skip after a restart: those never committed.

Measured with faust-streaming 0.15.3, aiokafka 0.14, mode 0.7.1: when partitions are assigned,
faust resumes the stream partitions, seeks them to their committed offsets, and then resumes
flow control, and `FlowControlEvent.resume()` empties every stream queue. A partition with a
committed offset is sought back and fetched again. One without a committed offset (none, or 0:
aiokafka's `seek_to_committed` skips both) keeps its fetch position past the emptied messages,
and they are never processed: a worker killed before its first commit in a partition loses,
on restart, what it had not finished there (seen in about one restart in ten in
`tests/integration/test_alerting_restart.py`).

`ReplayUncommitted` is a faust sensor: when a rebalance has ended (after that flow-control
resume), it seeks every assigned partition of the given topics that has no positive committed
offset back to its earliest offset. The replay is safe because processing is idempotent
(situations remember article ids; event ids are deterministic), and it is what
`auto_offset_reset=earliest` promised for a partition the group never committed.
"""

from __future__ import annotations

import asyncio
import logging

import faust
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from wirewatch.kafka_client import client_options
from wirewatch.settings import Settings

log = logging.getLogger(__name__)


class ReplayUncommitted(faust.Sensor):
    def __init__(self, settings: Settings, group: str) -> None:
        super().__init__()
        self.settings, self.group = settings, group
        self._tasks: set[asyncio.Task] = set()

    def on_rebalance_end(self, app: faust.App, state: dict) -> None:
        task = asyncio.ensure_future(self.replay(app))
        self._tasks.add(task)  # a reference, or the loop may collect the task mid-way
        task.add_done_callback(self._tasks.discard)

    async def replay(self, app: faust.App) -> None:
        try:
            # Every input the service consumes; table changelogs are read by faust's recovery.
            assigned = [tp for tp in app.consumer.assignment() if not tp.topic.endswith("-changelog")]
            if not assigned:
                return
            committed = await committed_offsets(self.settings, self.group)
            uncommitted = [tp for tp in assigned if not committed.get((tp.topic, tp.partition))]
            if not uncommitted:
                return
            earliest = await app.consumer.earliest_offsets(*uncommitted)
            # In the consumer's own thread, as faust's table recovery seeks: `consumer.seek` from
            # this loop changed aiokafka's fetcher under the consumer thread's feet, and a worker
            # joining a busy group crashed (KeyError in the fetcher's `fetched_records`).
            await app.consumer.seek_wait({tp: earliest[tp] for tp in uncommitted})
            log.info("replaying never-committed partitions from their start: %s",
                     ", ".join(f"{tp.topic}[{tp.partition}]@{earliest[tp]}" for tp in uncommitted))
        except Exception:  # never take the worker down; the next rebalance tries again
            log.exception("could not replay never-committed partitions")


async def committed_offsets(settings: Settings, group: str) -> dict[tuple[str, int], int]:
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    return {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items()
            if isinstance(tp, TopicPartition) and meta is not None and meta.offset is not None and meta.offset >= 0}
