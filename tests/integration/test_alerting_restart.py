"""The alerting worker against a real broker: killed with SIGKILL mid-stream and restarted, it
resumes from its table's changelog and the alerts topic ends with every expected event, once.

The articles are the test's own invented wire copy, already "enriched", fed straight into the
enriched topic (one partition, so their order is the order written here).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from alerting.lifecycle import SituationState, expire, observe
from alerting.rules import load_rules
from alerting.situations import situations_for
from brokers import free_port
from wirewatch.contracts import (Article, Dateline, EnrichedArticle, Figure, Place, Quantity,
                                 Span)
from wirewatch.settings import Settings
from wirewatch.topics import ALERTS, ARTICLES_ENRICHED
from wirewatch.wiring import ensure_topics_sync

PYTHON = Path(sys.executable).parent / "python"
# Long windows for the two ordinary rules so nothing resolves while the worker is down; a
# 20-second rule on a border section, fed only after the restart, puts resolution by the tick
# into the story without racing the replay of older reports.
RULES = """\
version: 1
rules:
  - name: border_crossing
    group_by: crossing
    categories: [cross_border, displacement]
    window: 1h
    thresholds: {low: 1000, medium: 5000, high: 20000, critical: 50000}
  - name: displacement_admin1
    group_by: admin1
    categories: [displacement]
    window: 1h
    thresholds: {medium: 5000, high: 20000, critical: 100000}
  - name: border_pulse
    group_by: crossing
    categories: [cross_border]
    place_kinds: [border]
    window: 20s
    thresholds: {low: 100}
    update_growth: null
"""
PULSE_WINDOW_S = 20
EAST = dict(admin1="East Province", admin1_code="QQ.02")
PLACES = {
    "gate": Place(name="Stone Bridge crossing", kind="crossing", country="QQQ", **EAST, lat=35.1, lon=40.2,
                  crossing_id="qqq-stone-bridge"),
    "harbour": Place(name="Harbourtown", kind="city", country="QQQ", **EAST, lat=35.3, lon=40.0,
                     geonames_id=9300001),
    "hill": Place(name="Hillcrest", kind="village", country="QQQ", **EAST, lat=35.2, lon=40.4,
                  geonames_id=9300002),
    "ridge": Place(name="the eastern ridge border", kind="border", country="QQQ", lat=35.5, lon=41.0),
    "east": Place(name="East Province", kind="admin1", country="QQQ", **EAST, lat=35.0, lon=40.5,
                  geonames_id=9300000),
}


def story(name: str, place: str, people: int, *, category: str = "displacement", additive: bool = False,
          published_days_ago: float = 0) -> EnrichedArticle:
    at = datetime.now(UTC)
    sentence = f"Relief workers said {'another ' if additive else ''}{people:,} people had reached {PLACES[place].name}."
    figure = Figure(figure_id="f0", quantity=Quantity(min=people, max=people, text=f"{people:,}"), unit="person",
                    term="stranded" if category == "cross_border" else "displaced", category=category,
                    additive=additive, sentence=sentence, span=Span(start=0, end=5), reported_by="a relief agency",
                    place=PLACES[place].model_copy(update={"mention": PLACES[place].name,
                                                           "mention_span": Span(start=0, end=5), "mention_role": "at"}))
    article_id = f"it-{name}"
    return EnrichedArticle(
        article_id=article_id,
        article=Article(article_id=article_id, headline=name, body=sentence, received_at=at,
                        published_at=at - timedelta(days=published_days_ago),
                        url=f"https://news.example/{name}", dateline=Dateline(text="EASTPORT -", provider="Test Wire")),
        figures=[figure], places=[PLACES[place]], model="test", enriched_at=at)


class Worker:
    def __init__(self, settings: Settings, rules_path: Path, cwd: Path) -> None:
        self.cwd, self.process = cwd, None
        self.env = dict(os.environ, WIREWATCH_BROKER=settings.broker, WIREWATCH_NAMESPACE=settings.namespace,
                        WIREWATCH_METRICS_PORT=str(free_port()), WIREWATCH_RULES_PATH=str(rules_path),
                        WIREWATCH_ALERT_TICK_S="1")
        self.runs = 0

    def start(self) -> None:
        self.runs += 1
        log = (self.cwd / f"alerting-{self.runs}.log").open("wb")
        self.process = subprocess.Popen([str(PYTHON), "-m", "alerting", "worker", "-l", "info"], cwd=self.cwd,
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no shutdown hook, no final commit, no flush
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def dump_tasks(self) -> None:
        """mode's worker logs every asyncio task's stack on SIGUSR1: what a stuck worker waits on."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGUSR1)
            time.sleep(2)

    def logs(self) -> str:
        return "\n".join(f"--- run {n} ---\n" + "\n".join(
            (self.cwd / f"alerting-{n}.log").read_text(errors="replace").splitlines()[-60:])
            for n in range(1, self.runs + 1))


async def produce(bootstrap: str, topic: str, articles: list[EnrichedArticle]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for enriched in articles:
            await producer.send_and_wait(topic, enriched.model_dump_json().encode(),
                                         key=enriched.article_id.encode(), partition=0)
    finally:
        await producer.stop()


async def read_all(bootstrap: str, topic: str) -> list[dict]:
    """Every message on the topic, read without a consumer group (nothing committed, nothing skipped)."""
    tps = [TopicPartition(topic, p) for p in range(ALERTS.partitions)]
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    await consumer.start()
    try:
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        events = []
        remaining = [tp for tp in tps if ends[tp] > 0]
        while remaining:
            for messages in (await consumer.getmany(*remaining, timeout_ms=1000)).values():
                events += [json.loads(m.value) for m in messages]
            remaining = [tp for tp in remaining if await consumer.position(tp) < ends[tp]]
        return events
    finally:
        await consumer.stop()


def wait_for(read, predicate, timeout_s: float, worker: Worker, what: str) -> list[dict]:
    deadline = time.monotonic() + timeout_s
    events: list[dict] = []
    while time.monotonic() < deadline:
        assert worker.process.poll() is None, f"the worker exited\n{worker.logs()}"
        events = read()
        if predicate(events):
            return events
        time.sleep(0.5)
    logs = worker.logs()
    worker.dump_tasks()
    raise AssertionError(f"{what}: not within {timeout_s}s; got {[e['event_id'] for e in events]}\n{logs}\n"
                         f"(task stacks at the end of the logs in {worker.cwd})")


def expected_events(fed: list[EnrichedArticle], rules_path: Path) -> Counter:
    """The same articles through the plain functions in one process that never crashes."""
    rules = load_rules(rules_path)
    states: dict[str, SituationState] = {}
    ids: list[str] = []
    for enriched in fed:
        for observation in situations_for(enriched, rules):
            states[observation.key], events = observe(states.get(observation.key), observation,
                                                      rules.get(observation.rule), datetime.now(UTC))
            ids += [e.event_id for e in events]
    for state in states.values():  # only the short rule has had time to go quiet
        if state.rule == "border_pulse":
            ids += [e.event_id for e in expire(state, rules.get(state.rule), datetime.now(UTC))[1]]
    return Counter(ids)


def test_kill_9_mid_stream_then_restart_loses_and_repeats_nothing(kafka_broker, namespace, tmp_path):
    settings = Settings(namespace=namespace, broker=kafka_broker)
    ensure_topics_sync(settings)
    rules_path = tmp_path / "rules.yaml"
    rules_path.write_text(RULES)
    enriched_topic, alerts_topic = ARTICLES_ENRICHED.name(namespace), ALERTS.name(namespace)
    read = lambda: asyncio.run(read_all(kafka_broker, alerts_topic))  # noqa: E731
    worker = Worker(settings, rules_path, tmp_path)

    # Stories published two days ago, received now: gate-3 below is a later news cycle.
    first = [story("gate-1", "gate", 6000, category="cross_border", published_days_ago=2),  # crossing: new medium
             story("harbour-1", "harbour", 4000, published_days_ago=2),    # admin1: 4,000, below medium
             story("hill-1", "hill", 3000, additive=True, published_days_ago=2),  # admin1: 7,000 -> new medium
             story("gate-2", "gate", 6000, category="cross_border", published_days_ago=2)]  # same figure, 2nd outlet
    worker.start()
    try:
        asyncio.run(produce(kafka_broker, enriched_topic, first))
        wait_for(read, lambda events: len(events) >= 1, 120, worker, "first alert event")
        worker.kill()  # while the rest of the first batch may still be in flight

        redelivered = first[0]
        re_ingested = first[3].model_copy(update={"article": first[3].article.model_copy(
            update={"received_at": datetime.now(UTC)})})
        second = [redelivered, re_ingested,
                  story("gate-3", "gate", 26000, category="cross_border"),  # crossing: escalated high
                  story("east-1", "east", 30000),                          # admin1: escalated high
                  story("ridge-1", "ridge", 500, category="cross_border")]  # pulse: new low, resolved 20 s on
        # written while the worker is down: a backlog in partitions it may never have committed
        asyncio.run(produce(kafka_broker, enriched_topic, second))
        worker.start()
        fed = first + second
        time.sleep(PULSE_WINDOW_S + 2)
        expected = expected_events(fed, rules_path)
        wait_for(read, lambda events: Counter(e["event_id"] for e in events) >= expected, 120, worker,
                 "every expected event")
        time.sleep(5)  # room for a late duplicate to show up
        events = read()
    finally:
        worker.stop()

    seen = Counter(e["event_id"] for e in events)
    assert seen == expected, f"repeated or unexpected: {seen - expected}; missing: {expected - seen}"
    assert all(count == 1 for count in seen.values())
    outline = Counter((e["rule"], e["status"], e["severity"]) for e in events)
    assert outline[("border_crossing", "new", "medium")] == 1
    assert outline[("border_crossing", "escalated", "high")] == 1
    assert outline[("displacement_admin1", "new", "medium")] == 1
    assert outline[("displacement_admin1", "escalated", "high")] == 1
    assert outline[("border_pulse", "new", "low")] == 1 and outline[("border_pulse", "resolved", "low")] == 1
    assert len(events) == 6
    gate = next(e for e in events if e["rule"] == "border_crossing" and e["status"] == "new")
    assert gate["sources_count"] >= 1 and gate["evidence"][0]["url"].startswith("https://news.example/")


def test_an_event_published_just_before_a_crash_is_not_published_again(kafka_broker, namespace, tmp_path):
    """The crash window between an event's ack and its state write: the alerts topic already holds
    the event, the table does not know it; the replayed article must not publish it twice."""
    settings = Settings(namespace=namespace, broker=kafka_broker)
    ensure_topics_sync(settings)
    rules_path = tmp_path / "rules.yaml"
    rules_path.write_text(RULES)
    enriched_topic, alerts_topic = ARTICLES_ENRICHED.name(namespace), ALERTS.name(namespace)
    gate = story("gate-1", "gate", 6000, category="cross_border")
    rules = load_rules(rules_path)
    (observation,) = [o for o in situations_for(gate, rules) if o.rule == "border_crossing"]
    _, (already,) = observe(None, observation, rules.get("border_crossing"), datetime.now(UTC))

    async def publish_it() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=kafka_broker, acks="all")
        await producer.start()
        try:
            await producer.send_and_wait(alerts_topic, already.model_dump_json().encode(),
                                         key=already.alert_id.encode())
        finally:
            await producer.stop()

    asyncio.run(publish_it())
    worker = Worker(settings, rules_path, tmp_path)
    worker.start()
    try:
        marker = story("harbour-1", "harbour", 9000)  # a marker: its event proves the gate was processed
        asyncio.run(produce(kafka_broker, enriched_topic, [gate, marker]))
        events = wait_for(lambda: asyncio.run(read_all(kafka_broker, alerts_topic)),
                          lambda events: any(e["rule"] == "displacement_admin1" for e in events), 120, worker,
                          "the marker's alert")
        time.sleep(3)
        events = asyncio.run(read_all(kafka_broker, alerts_topic))
    finally:
        worker.stop()
    assert [e["event_id"] for e in events].count(already.event_id) == 1, worker.logs()

