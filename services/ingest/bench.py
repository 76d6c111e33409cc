"""Benchmark of the ingest API against a running broker: articles accepted and published per
second, and response times (p50, p99).

    python -m ingest.bench --broker 127.0.0.1:29092 [--articles 20000] [--concurrency 64] [--batch 1]

Starts the ingest service as a process in a fresh namespace (or uses `--url` of a running one),
posts invented articles from a separate process (aiohttp, `--concurrency` requests in flight),
and counts what reached `<ns>.articles.raw.v1`. A 202 is only sent once the broker has the
article, so accepted/s is also published/s; the topic count checks it. With `--batch N` the
articles go N to a request as JSON lines (response times are then per batch). Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import aiohttp
import uvloop
from aiokafka import AIOKafkaConsumer

from wirewatch.settings import Settings
from wirewatch.topics import ARTICLES_RAW
from wirewatch.wiring import topic_partitions

_SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "ven", "sor", "dal", "ith", "mar", "pel", "os", "ter", "an", "bri", "que"]
_COMMON = ("the of and to in a said that for on was with as by at from people were have been who their after more "
           "than had displaced fled homes village town district camp families aid officials agency").split()


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def make_article(rng: random.Random, vocabulary: list[str], index: int) -> bytes:
    """An invented article of about 2.5 kB, different enough from every other to be published."""
    place = rng.choice(vocabulary).upper()
    paragraphs = []
    for _ in range(5):
        words = [rng.choice(_COMMON) if rng.random() < 0.45 else rng.choice(vocabulary)
                 for _ in range(rng.randint(60, 80))]
        words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 90)},{rng.randint(100, 999)}")
        paragraphs.append(" ".join(words).capitalize() + ".")
    body = f"{place} (AFP) - " + "\n\n".join(paragraphs)
    return json.dumps({"id": f"bench-{index}", "headline": " ".join(rng.sample(vocabulary, 6)), "body": body,
                       "provider": "AFP", "published_at": "2025-05-02T08:00:00Z"}).encode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_service(broker: str, namespace: str, workdir: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    env.update(WIREWATCH_BROKER=broker, WIREWATCH_NAMESPACE=namespace, WIREWATCH_HTTP_PORT=str(port),
               WIREWATCH_METRICS_PORT=str(_free_port()))
    log = open(os.path.join(workdir, "ingest.log"), "ab")
    process = subprocess.Popen([sys.executable, "-m", "ingest", "worker", "-l", "info"],
                               cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


async def wait_healthy(url: str, process: subprocess.Popen | None = None, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise TimeoutError(f"the service exited with {process.returncode}")
            try:
                async with session.get(f"{url}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.5)
    raise TimeoutError(f"{url} not healthy after {timeout_s} s")


async def post_all(url: str, bodies: list[bytes], concurrency: int,
                   batch: int = 1) -> tuple[list[float], dict[int, int], float]:
    """POST every body, `concurrency` requests in flight; `batch` > 1 sends JSON lines batches of
    that many articles, and the statuses are then those of each article."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    content_type = "application/json" if batch == 1 else "application/x-ndjson"
    queue = iter(bodies if batch == 1 else [b"\n".join(bodies[i:i + batch]) for i in range(0, len(bodies), batch)])
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def worker() -> None:
            for body in queue:
                started = time.perf_counter()
                async with session.post(f"{url}/articles", data=body,
                                        headers={"Content-Type": content_type}) as response:
                    answer = await response.read()
                latencies.append(time.perf_counter() - started)
                if batch == 1 or response.status not in (202, 207):
                    statuses[response.status] = statuses.get(response.status, 0) + 1
                    continue
                for item in json.loads(answer)["items"]:
                    statuses[item["status"]] = statuses.get(item["status"], 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, statuses, time.perf_counter() - started


async def count_published(broker: str, topic: str) -> int:
    partitions = await topic_partitions(Settings(broker=broker), topic)
    consumer = AIOKafkaConsumer(bootstrap_servers=broker, group_id=None)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(partitions)
        starts = await consumer.beginning_offsets(partitions)
    finally:
        await consumer.stop()
    return sum(ends[tp] - starts[tp] for tp in partitions)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux), to tell the service's cost from the machine's load."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def run(broker: str, articles: int, concurrency: int, duplicates: float, url: str | None,
              namespace: str | None, seed: int = 7, batch: int = 1) -> dict:
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    unique = [make_article(rng, vocabulary, i) for i in range(articles)]
    # Repeats of already-sent articles, as when dozens of outlets carry one story.
    repeats = [rng.choice(unique[: max(1, i)]) for i in range(int(articles * duplicates))]
    bodies = unique + repeats
    rng.shuffle(repeats)
    namespace = namespace or f"bench-{uuid.uuid4().hex[:8]}"
    process = None
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as workdir:
        try:
            if url is None:
                process, url = start_service(broker, namespace, workdir)
            try:
                await wait_healthy(url, process)
            except TimeoutError:
                with open(os.path.join(workdir, "ingest.log"), errors="replace") as log:
                    sys.stderr.write(log.read()[-4000:])
                raise
            # Warm-up on separate articles: connection setup and first-call costs are not the steady state.
            warm_rng = random.Random(seed + 1)
            warm = [make_article(warm_rng, vocabulary, -i) for i in range(1, 201)]
            await post_all(url, warm, concurrency)
            cpu_before = cpu_seconds(process.pid) if process else None
            latencies, statuses, elapsed = await post_all(url, bodies, concurrency, batch)
            cpu_after = cpu_seconds(process.pid) if process else None
            published = await count_published(broker, ARTICLES_RAW.name(namespace)) - len(warm)
        finally:
            if process is not None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
    accepted = statuses.get(202, 0)
    return {
        "articles_sent": len(bodies),
        "unique_articles": len(unique),
        "concurrency": concurrency,
        "articles_per_request": batch,
        "seconds": round(elapsed, 2),
        "accepted_per_s": round(accepted / elapsed, 1),
        "published": published,
        "published_per_s": round(published / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "max_ms": round(max(latencies) * 1000, 2),
        "service_cpu_ms_per_article": round((cpu_after - cpu_before) * 1000 / len(bodies), 3)
        if cpu_before is not None and cpu_after is not None else None,
        "load_average": os.getloadavg()[0],
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "namespace": namespace,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--broker", default=os.environ.get("WIREWATCH_BROKER", "127.0.0.1:29092"))
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--duplicates", type=float, default=0.0, help="share of repeated articles to add (0..1)")
    parser.add_argument("--url", help="benchmark a running service instead of starting one (its namespace too)")
    parser.add_argument("--namespace", help="namespace of the running service given with --url")
    parser.add_argument("--batch", type=int, default=1, help="articles per request (> 1: JSON lines batches)")
    parser.add_argument("--out", help="also write the result to this JSON file")
    args = parser.parse_args(argv)
    if args.url and not args.namespace:
        parser.error("--url needs --namespace to count what was published")
    # The load generator shares the machine with the service: the cheaper it is, the less it takes from it.
    result = uvloop.run(run(args.broker, args.articles, args.concurrency, args.duplicates, args.url, args.namespace,
                             batch=max(1, args.batch)))
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w") as out:
            out.write(text + "\n")
    return result


if __name__ == "__main__":
    main()
