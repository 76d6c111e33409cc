"""Webhook sink: POST every alert event to `Settings.webhook_url`, losing none while it is down.

It is its own consumer of the alerts topic (group `<ns>.alerting-webhook`), separate from the
worker that produces them, and it commits an event's offset only after the receiver answered
2xx. Until then it retries with exponential backoff (capped, with jitter), for as long as it
takes; after a restart it resumes from the last committed event. Delivery is therefore
at-least-once: each POST carries `Idempotency-Key: <event_id>` for the receiver to drop repeats.

A 4xx other than 408/429 means the receiver refuses this very event (retrying cannot help); it
is logged, counted, and skipped so that it does not block every later alert. It stays on the
alerts topic for a replay.

The alerting worker runs the sink when WIREWATCH_WEBHOOK_URL is set; `python -m alerting.webhook`
runs it alone.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import aiohttp

from wirewatch import metrics
from wirewatch.kafka_client import client_options
from wirewatch.settings import Settings
from wirewatch.topics import ALERTS

log = logging.getLogger(__name__)
RETRY_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True)
class Record:
    """One alerts-topic message, as far as the sink cares."""

    partition: int
    offset: int
    value: bytes


class WebhookSink:
    def __init__(self, url: str, session: aiohttp.ClientSession, *, timeout_s: float = 10.0,
                 initial_backoff_s: float = 0.5, max_backoff_s: float = 60.0,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.url, self.session, self.timeout = url, session, aiohttp.ClientTimeout(total=timeout_s)
        self.initial_backoff_s, self.max_backoff_s, self.sleep = initial_backoff_s, max_backoff_s, sleep

    async def deliver(self, body: bytes, event_id: str) -> bool:
        """True once the receiver took it (2xx); False if it refused it for good. Retries otherwise."""
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self.session.post(self.url, data=body, timeout=self.timeout, headers={
                        "Content-Type": "application/json", "Idempotency-Key": event_id}) as response:
                    status = response.status
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                problem = f"{exc.__class__.__name__}: {exc}"
            else:
                if 200 <= status < 300:
                    metrics.WEBHOOK_DELIVERIES.labels(outcome="delivered").inc()
                    return True
                if 400 <= status < 500 and status not in RETRY_STATUSES:
                    metrics.WEBHOOK_DELIVERIES.labels(outcome="refused").inc()
                    log.error("webhook refused %s with HTTP %d; skipped (it stays on the alerts topic)", event_id, status)
                    return False
                problem = f"HTTP {status}"
            metrics.WEBHOOK_DELIVERIES.labels(outcome="retried").inc()
            delay = self.backoff(attempt)
            log.warning("webhook delivery of %s failed (%s), attempt %d; retrying in %.1fs", event_id, problem,
                        attempt, delay)
            await self.sleep(delay)

    def backoff(self, attempt: int) -> float:
        # Jitter spreads the retries of several sinks hitting one recovering receiver.
        ceiling = min(self.max_backoff_s, self.initial_backoff_s * 2 ** (attempt - 1))
        return ceiling * random.uniform(0.5, 1.0)


async def forward(records: AsyncIterator[Record], sink: WebhookSink,
                  commit: Callable[[Record], Awaitable[None]]) -> None:
    """Deliver each record, then commit it: a record is committed only once it was handled."""
    async for record in records:
        try:
            event_id = str(json.loads(record.value)["event_id"])
        except (ValueError, KeyError, TypeError):
            log.error("not an alert event at offset %d; skipped", record.offset)
        else:
            await sink.deliver(record.value, event_id)
        await commit(record)


async def run(settings: Settings) -> None:
    from aiokafka import AIOKafkaConsumer, TopicPartition

    assert settings.webhook_url, "WIREWATCH_WEBHOOK_URL is not set"
    topic_name = ALERTS.name(settings.namespace)
    # Its group id starts with alerting's app id: the ACLs give alerting its groups by that prefix.
    consumer = AIOKafkaConsumer(topic_name, **client_options(settings),
                                group_id=f"{settings.namespace}.alerting-webhook", enable_auto_commit=False,
                                auto_offset_reset="earliest")

    async def records() -> AsyncIterator[Record]:
        async for message in consumer:
            yield Record(message.partition, message.offset, message.value)

    async def commit(record: Record) -> None:
        await consumer.commit({TopicPartition(topic_name, record.partition): record.offset + 1})

    await consumer.start()
    try:
        async with aiohttp.ClientSession() as session:
            log.info("webhook sink: %s -> %s", topic_name, settings.webhook_url)
            await forward(records(), WebhookSink(settings.webhook_url, session), commit)
    finally:
        await consumer.stop()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(run(Settings()))
