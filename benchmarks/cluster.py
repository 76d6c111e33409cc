"""The four services with several workers each on a local 3-node cluster, from the benchmark process.

Shared by the `cluster` benchmark stage (benchmarks/run_cluster.py) and the fault run
(benchmarks/chaos.py): a fresh namespace, `workers` instances of every service in one consumer
group each, a reader of the output topics, and a client that posts articles to the ingest
instances in turn and, like a load balancer, tries the next one when an instance does not answer.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from benchmarks.kafkaio import Watcher, wait_group
from benchmarks.stack import CpuMeter, Service, Stack

SERVICES = ("ingest", "ner", "geocode", "alerting")
# Creating a fresh namespace's topics on a 3-broker cluster just started, and starting the watcher
# on them, has hung once in a while (no error, no progress, for as long as it was left): each try
# gets this long, in a new namespace, this many times.
SETUP_TIMEOUT_S = 90
SETUP_ATTEMPTS = 3
CONSUMERS = ("ner", "geocode", "alerting")
POST_RETRY_S = 120.0


class ClusterPipeline:
    def __init__(self, stack: Stack, workers: int, *, prefix: str = "cluster", env: dict | None = None) -> None:
        assert stack.broker is not None, "start the broker first"
        self.stack, self.workers, self.env = stack, workers, env or {}
        self.broker = stack.broker.bootstrap
        self.prefix = prefix
        self.namespace = f"{prefix}-{uuid.uuid4().hex[:6]}"
        self.watcher: Watcher | None = None
        self.instances: dict[str, Service] = {}
        self.alert_values: list[tuple[float, dict]] = []
        self._next = 0

    async def __aenter__(self) -> "ClusterPipeline":
        import aiohttp

        from wirewatch.settings import Settings
        from wirewatch.topics import ALERTS, ARTICLES_ENRICHED, SERVICE_INPUT
        from wirewatch.wiring import ensure_topics

        async def topics_and_watcher() -> None:
            ns = self.namespace
            await ensure_topics(Settings(broker=self.broker, namespace=ns))
            self.enriched, self.alerts = ARTICLES_ENRICHED.name(ns), ALERTS.name(ns)
            self.dead_letter_topics = [spec.dead_letter_name(ns) for spec in SERVICE_INPUT.values()]
            self.watcher = Watcher(self.broker, [self.enriched, self.alerts, *self.dead_letter_topics],
                                   on_value={self.alerts: self._on_alert})
            await self.watcher.start()

        for attempt in range(1, SETUP_ATTEMPTS + 1):
            try:
                await asyncio.wait_for(topics_and_watcher(), SETUP_TIMEOUT_S)
                break
            except asyncio.TimeoutError:
                if getattr(self, "watcher", None) is not None:
                    try:
                        await asyncio.wait_for(self.watcher.stop(), 10)
                    except (asyncio.TimeoutError, Exception):
                        pass
                    self.watcher = None
                if attempt == SETUP_ATTEMPTS:
                    raise
                self.namespace = f"{self.prefix}-{uuid.uuid4().hex[:6]}"
        try:
            for service in SERVICES:
                for number in range(1, self.workers + 1):
                    label = f"{service}-{number}"
                    self.instances[label] = self.stack.start(service, self.namespace, label=label, env=self.env)
            await asyncio.to_thread(self.stack.wait_ready, list(self.instances.values()), 300)
            await self.wait_groups()
            self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64),
                                                 timeout=aiohttp.ClientTimeout(total=30))
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        if getattr(self, "session", None) is not None:
            await self.session.close()
        self.stack.stop_all(list(self.instances.values()))
        if self.watcher is not None:
            await self.watcher.stop()

    def _on_alert(self, value: bytes, seen: float) -> None:
        try:
            self.alert_values.append((seen, json.loads(value)))
        except ValueError:
            pass

    async def wait_groups(self, timeout_s: float = 180) -> None:
        for service in CONSUMERS:
            await wait_group(self.broker, f"{self.namespace}.{service}", self.workers, timeout_s)

    # --- instances ----------------------------------------------------------------------------

    def kill(self, label: str) -> None:
        """kill -9: no goodbye to the group, no last commit, no flush."""
        service = self.instances[label]
        service.process.kill()
        service.process.wait()

    async def restart(self, label: str) -> None:
        old = self.instances[label]
        if old in self.stack.services:
            self.stack.services.remove(old)
        # The same ports: the client's list of ingest URLs stays right.
        env = {**self.env, "WIREWATCH_METRICS_PORT": str(old.metrics_port), "WIREWATCH_HTTP_PORT": str(old.http_port)}
        service, _, _ = label.rpartition("-")
        self.instances[label] = new = self.stack.start(service, self.namespace, label=label, env=env)
        await asyncio.to_thread(self.stack.wait_ready, [new], 300)

    # --- the client ---------------------------------------------------------------------------

    @property
    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{s.http_port}" for label, s in sorted(self.instances.items())
                if label.startswith("ingest-")]

    async def post(self, record: dict) -> dict:
        """POST one article, to the next ingest instance; on no answer or a 5xx, the one after,
        until POST_RETRY_S. Returns the answer with the send time and the attempts it took."""
        body = json.dumps(record).encode()
        sent, attempts, deadline = time.time(), 0, time.monotonic() + POST_RETRY_S
        answer: dict = {}
        status = None
        while time.monotonic() < deadline:
            urls = self.urls
            url = urls[self._next % len(urls)]
            self._next += 1
            attempts += 1
            try:
                async with self.session.post(f"{url}/articles", data=body,
                                             headers={"Content-Type": "application/json"}) as response:
                    status = response.status
                    answer = await response.json(content_type=None)
                if status < 500:
                    break
            except Exception as exc:  # noqa: BLE001 - an instance down is what this retries
                answer, status = {"error": str(exc)}, None
            await asyncio.sleep(0.2)
        return {"id": record["id"], "sent": sent, "status": status, "attempts": attempts,
                "article_id": answer.get("article_id") if isinstance(answer, dict) else None,
                "duplicate": bool(answer.get("duplicate")) if isinstance(answer, dict) else False}

    # --- what came out ------------------------------------------------------------------------

    def enriched_ids(self) -> dict[str, float]:
        return dict(self.watcher.first_seen[self.enriched])

    def dead_letters(self) -> int:
        return sum(len(self.watcher.first_seen[t]) for t in self.dead_letter_topics)

    async def settle(self, *, quiet_s: float = 5.0, timeout_s: float = 120.0) -> bool:
        """Until alerting has read everything (no lag on its inputs) and no alert event came for
        `quiet_s`: the decisions are complete."""
        from wirewatch.topics import ALERTING_SITUATIONS_STAGE

        topics = [self.enriched, f"{self.namespace}.{ALERTING_SITUATIONS_STAGE}.v1"]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            last_alert = max((seen for seen, _ in self.alert_values), default=0.0)
            if await group_lag(self.broker, f"{self.namespace}.alerting", topics) == 0 and time.time() - last_alert >= quiet_s:
                return True
            await asyncio.sleep(1.0)
        return False


async def group_lag(broker: str, group: str, topics: list[str]) -> int:
    """Messages of `topics` the group has not committed yet (a partition never committed counts whole)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    consumer = AIOKafkaConsumer(bootstrap_servers=broker, group_id=None, enable_auto_commit=False)
    await admin.start()
    await consumer.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
        described = await admin.describe_topics(topics)
        partitions = [TopicPartition(d["topic"], p["partition"]) for d in described for p in d["partitions"]]
        ends = await consumer.end_offsets(partitions)
        starts = await consumer.beginning_offsets(partitions)
    finally:
        await consumer.stop()
        await admin.close()
    lag = 0
    for tp in partitions:
        meta = committed.get(tp)
        position = meta.offset if meta is not None and meta.offset is not None and meta.offset >= 0 else starts[tp]
        lag += max(0, ends[tp] - position)
    return lag


async def under_replicated(broker: str, topics: list[str]) -> int:
    """Partitions of `topics` whose in-sync replicas are fewer than their replicas."""
    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return sum(1 for d in described for p in d["partitions"] if len(p["isr"]) < len(p["replicas"]))


async def partition_leader(broker: str, topic: str, partition: int = 0) -> int:
    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return next(p["leader"] for p in described["partitions"] if p["partition"] == partition)


async def saturate(pipe: ClusterPipeline, records: list[dict], warmup: list[dict], concurrency: int = 16) -> dict:
    """Everything posted at once: articles/s from the first POST until the last is enriched."""
    warm = {r["article_id"] for r in await asyncio.gather(*(pipe.post(r) for r in warmup)) if r["status"] == 202}
    if not await pipe.watcher.wait_for(pipe.enriched, warm, timeout_s=300):
        raise RuntimeError("warm-up articles never reached the enriched topic")
    queue, results = iter(records), []

    async def client() -> None:
        for record in queue:
            results.append(await pipe.post(record))

    pids = {label: service.pid for label, service in pipe.instances.items()}
    broker = pipe.stack.broker
    pids.update({f"kafka-{n}": broker.node_pid(n) for n in range(1, broker.nodes + 1) if broker.node_pid(n)})
    meter = CpuMeter(pids)
    started = time.time()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    accepted = {r["article_id"] for r in results if r["status"] == 202 and not r["duplicate"]}
    done = await pipe.watcher.wait_for(pipe.enriched, accepted, timeout_s=120 + len(records))
    seen = pipe.enriched_ids()
    finished = max((seen[i] for i in accepted if i in seen), default=time.time())
    elapsed = max(1e-9, finished - started)
    cpu = meter.read()
    by_role: dict[str, float] = {}
    for name, cores in cpu["cores_used"].items():
        role = name.split("-")[0]
        by_role[role] = round(by_role.get(role, 0.0) + cores, 2)
    return {"workers": pipe.workers, "articles": len(accepted), "all_enriched": done, "seconds": round(elapsed, 2),
            "articles_per_s": round(len(accepted) / elapsed, 2), "dead_letters": pipe.dead_letters(),
            # On a small machine the cores, not the workers, are the limit: this says who used them.
            "cores_by_role": by_role, "machine_cores_busy": cpu["machine_cores_busy"],
            "others_cores_busy": cpu["others_cores_busy"], "cpu": cpu}


def cluster_stage(records: list[dict], warmup: list[dict], *, keep_logs: bool = False) -> dict:
    """The whole pipeline on 3 brokers, saturated, with 1 and then 2 workers per service."""
    stack = Stack(keep_logs=keep_logs)
    try:
        stack.start_broker(3)

        async def measure(workers: int) -> dict:
            async with ClusterPipeline(stack, workers, prefix=f"bench-cluster{workers}") as pipe:
                return await saturate(pipe, records, warmup)

        runs = {f"workers_{n}": asyncio.run(measure(n)) for n in (1, 2)}
    finally:
        stack.close()
    one, two = runs["workers_1"]["articles_per_s"], runs["workers_2"]["articles_per_s"]
    return {"brokers": 3, **runs, "speedup_2_workers": round(two / one, 2) if one else None}
