"""The webhook sink against a real HTTP receiver on 127.0.0.1: retries, backoff, commit after 2xx."""

from __future__ import annotations

import asyncio
import json
import socket

from aiohttp import ClientSession, web

from alerting.webhook import Record, WebhookSink, forward


class Receiver:
    """A local webhook receiver answering with scripted statuses (200 once the script runs out)."""

    def __init__(self, statuses=(), port: int = 0) -> None:
        self.statuses, self.port = list(statuses), port
        self.received: list[tuple[str, bytes]] = []
        self.log: list[str] = []
        self.runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append((request.headers.get("Idempotency-Key", ""), body))
        status = self.statuses.pop(0) if self.statuses else 200
        self.log.append(f"post {request.headers.get('Idempotency-Key')} -> {status}")
        return web.Response(status=status)

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/hook", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", self.port)
        await site.start()
        self.port = self.runner.addresses[0][1]
        return self.url

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()


def event(n: int) -> bytes:
    return json.dumps({"event_id": f"rule:abc:new:high-{n}", "status": "new"}).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_errors_are_retried_with_growing_backoff_until_accepted():
    async def scenario():
        receiver = Receiver(statuses=[503, 500, 429])
        url = await receiver.start()
        waits: list[float] = []

        async def sleep(seconds: float) -> None:
            waits.append(seconds)

        try:
            async with ClientSession() as session:
                sink = WebhookSink(url, session, initial_backoff_s=1.0, max_backoff_s=3.0, sleep=sleep)
                assert await sink.deliver(event(1), "ev-1") is True
        finally:
            await receiver.stop()
        return receiver, waits

    receiver, waits = asyncio.run(scenario())
    assert [key for key, _ in receiver.received] == ["ev-1"] * 4
    assert all(body == event(1) for _, body in receiver.received), "the same bytes every time"
    assert len(waits) == 3
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0 and 1.5 <= waits[2] <= 3.0, waits


def test_a_receiver_that_is_down_for_a_while_still_gets_the_event():
    async def scenario():
        receiver = Receiver(port=free_port())  # nothing listens there yet
        attempts = 0

        async def sleep(seconds: float) -> None:
            nonlocal attempts
            attempts += 1
            if attempts == 3:
                await receiver.start()

        try:
            async with ClientSession() as session:
                delivered = await WebhookSink(receiver.url, session, sleep=sleep).deliver(event(2), "ev-2")
        finally:
            await receiver.stop()
        return delivered, attempts, receiver

    delivered, attempts, receiver = asyncio.run(scenario())
    assert delivered and attempts == 3 and [k for k, _ in receiver.received] == ["ev-2"]


def test_a_refusal_is_not_retried():
    async def scenario():
        receiver = Receiver(statuses=[422])
        url = await receiver.start()
        try:
            async with ClientSession() as session:
                return await WebhookSink(url, session, sleep=lambda s: asyncio.sleep(0)).deliver(event(3), "ev-3"), receiver
        finally:
            await receiver.stop()

    delivered, receiver = asyncio.run(scenario())
    assert delivered is False and len(receiver.received) == 1


def test_each_event_is_committed_only_after_the_receiver_took_it():
    async def scenario():
        receiver = Receiver(statuses=[200, 503, 503, 200, 200])
        url = await receiver.start()

        async def records():
            for n in range(3):
                yield Record(partition=0, offset=n, value=event(n))

        async def commit(record: Record) -> None:
            receiver.log.append(f"commit {record.offset}")

        try:
            async with ClientSession() as session:
                sink = WebhookSink(url, session, sleep=lambda s: asyncio.sleep(0))
                await forward(records(), sink, commit)
        finally:
            await receiver.stop()
        return receiver.log

    key = "rule:abc:new:high-{}".format
    assert asyncio.run(scenario()) == [
        f"post {key(0)} -> 200", "commit 0",
        f"post {key(1)} -> 503", f"post {key(1)} -> 503", f"post {key(1)} -> 200", "commit 1",
        f"post {key(2)} -> 200", "commit 2",
    ]
