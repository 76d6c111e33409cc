"""Rebuilding the de-duplication index from the articles topic.

The topic is the record of what ingest published, so after a restart the index is read back
from it for the de-duplication window (`offsets_for_times`), and the API answers 503 until that
is done. With `follow=True` it keeps reading, which lets several ingest instances see each
other's articles; one instance needs only the catch-up.
"""

from __future__ import annotations

import asyncio
import logging
import time

from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError

from wirewatch.contracts import Article
from wirewatch.kafka_client import client_options
from wirewatch.settings import Settings
from wirewatch.topics import ARTICLES_RAW
from wirewatch.wiring import ensure_topics, topic_partitions

from ingest.pipeline import Ingestor

log = logging.getLogger(__name__)


async def replay(ingestor: Ingestor, settings: Settings, *, follow: bool = False, timeout_s: float = 60.0) -> int:
    """Index the articles published within the window; set `ingestor.ready`. Returns how many."""
    topic = ARTICLES_RAW.name(settings.namespace)
    consumer = AIOKafkaConsumer(**client_options(settings), group_id=None, enable_auto_commit=False,
                                auto_offset_reset="earliest", max_partition_fetch_bytes=4 * 1024 * 1024)
    await consumer.start()
    count = 0
    try:
        partitions = await topic_partitions(settings, topic, timeout_s=timeout_s)
        if not partitions:
            raise RuntimeError(f"topic {topic} is not available")
        consumer.assign(partitions)
        since_ms = int((time.time() - settings.dedup_window_hours * 3600) * 1000)
        starts = await consumer.offsets_for_times({tp: since_ms for tp in partitions})
        ends = await consumer.end_offsets(partitions)
        for tp in partitions:
            start = starts.get(tp)
            consumer.seek(tp, start.offset if start is not None else ends[tp])
        started = time.monotonic()
        while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
            batches = await consumer.getmany(timeout_ms=1000, max_records=1000)
            for records in batches.values():
                for record in records:
                    count += _remember(ingestor, record)
        ingestor.ready.set()
        log.info("de-duplication index rebuilt from %s: %d articles in %.1f s", topic, count,
                 time.monotonic() - started)
        while follow:
            batches = await consumer.getmany(timeout_ms=1000, max_records=1000)
            for records in batches.values():
                for record in records:
                    # Our own articles are indexed already; the key says so without parsing.
                    if record.key is not None and record.key.decode("utf-8", "replace") in ingestor.index:
                        continue
                    count += _remember(ingestor, record)
    finally:
        await consumer.stop()
    return count


def _remember(ingestor: Ingestor, record) -> int:
    try:
        article = Article.model_validate_json(record.value)
    except (ValidationError, ValueError, TypeError) as exc:
        log.warning("skipping unreadable article at %s[%d]@%d: %s", record.topic, record.partition, record.offset, exc)
        return 0
    ingestor.remember(article)
    return 1


async def replay_until_ready(ingestor: Ingestor, settings: Settings, *, follow: bool = False) -> None:
    """Keep trying while the broker is unreachable: the API stays 'starting' meanwhile."""
    delay = 1.0
    while True:
        try:
            if settings.create_topics:
                await ensure_topics(settings)
            await replay(ingestor, settings, follow=follow)
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("rebuilding the de-duplication index failed, retrying in %.0f s: %s", delay, exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
