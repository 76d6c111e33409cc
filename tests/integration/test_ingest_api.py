"""The ingest service as a process against the real broker: articles posted over HTTP and
dropped as files come out on `<ns>.articles.raw.v1` once per story; refusals on the DLQ; the
de-duplication index survives a restart (rebuilt from the topic)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

import brokers
from wirewatch.contracts import Article, DeadLetter
from wirewatch.settings import Settings
from wirewatch.topics import ARTICLES_RAW, INGEST
from wirewatch.wiring import topic_partitions

STORY = (
    "MARROW (AFP) - Floodwater from a burst dam forced about 6,000 people from their homes in the Marrow valley "
    "on Sunday, the regional civil protection office said.\n\nRescue crews used boats to reach families trapped on "
    "rooftops, and two schools in the town of Pellin were turned into shelters for those who fled.\n\n"
    "Officials said the water level was still rising and warned residents of low-lying villages downstream to "
    "leave while the roads remained open."
)
SECOND = (
    "Fighting around the hill town of Oster has emptied at least a dozen villages this week, with local leaders "
    "saying around 1,500 households had walked to camps near the provincial capital to escape the shelling."
)
TOKEN = "integration-token"
START_TIMEOUT_S = 90


def _command() -> list[str]:
    # `python -m ingest` once the entry point exists; the same call without it otherwise.
    if importlib.util.find_spec("ingest.__main__") is not None:
        return [sys.executable, "-m", "ingest", "worker", "-l", "info"]
    return [sys.executable, "-c", "from ingest.app import app; app.main()", "worker", "-l", "info"]


class IngestProcess:
    def __init__(self, broker: str, namespace: str, workdir: Path, drop_dir: Path) -> None:
        self.port = brokers.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "ingest.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
        env.update(WIREWATCH_BROKER=broker, WIREWATCH_NAMESPACE=namespace, WIREWATCH_HTTP_PORT=str(self.port),
                   WIREWATCH_METRICS_PORT=str(brokers.free_port()), WIREWATCH_API_TOKEN=TOKEN,
                   WIREWATCH_DROP_DIR=str(drop_dir), WIREWATCH_MAX_BODY_BYTES="100000")
        self.env, self.workdir = env, workdir
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(_command(), cwd=self.workdir, env=self.env, stdout=log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"ingest exited with {self.process.returncode}:\n{self.log()}")
            if self.request("GET", "/healthz")[0] == 200:
                return
            time.sleep(0.5)
        pytest.fail(f"ingest not healthy after {START_TIMEOUT_S} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def request(self, method: str, path: str, data: bytes | None = None, content_type: str | None = None,
                token: str | None = TOKEN) -> tuple[int | None, dict]:
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")
        except (urllib.error.URLError, OSError):
            return None, {}

    def post(self, data: bytes, content_type: str = "application/json", token: str | None = TOKEN):
        return self.request("POST", "/articles", data, content_type, token)


async def _read_all(broker: str, topic: str, expect: int, timeout_s: float = 30) -> list:
    partitions = await topic_partitions(Settings(broker=broker), topic)
    consumer = AIOKafkaConsumer(bootstrap_servers=broker, group_id=None, enable_auto_commit=False)
    await consumer.start()
    records = []
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        deadline = time.monotonic() + timeout_s
        # Read until the expected count and then a quiet second, to catch any extra message.
        quiet_since = None
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            fresh = [record for part in batch.values() for record in part]
            records.extend(fresh)
            if len(records) >= expect:
                quiet_since = quiet_since or time.monotonic()
                if fresh:
                    quiet_since = time.monotonic()
                if time.monotonic() - quiet_since > 1.0:
                    break
    finally:
        await consumer.stop()
    return records


def read_topic(broker: str, topic: str, expect: int) -> list:
    return asyncio.run(_read_all(broker, topic, expect))


@pytest.fixture
def service(kafka_broker, namespace, tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    process = IngestProcess(kafka_broker, namespace, tmp_path, drop)
    process.start()
    yield process
    process.stop()


def test_articles_published_once_per_story_and_refusals_explained(service, kafka_broker, namespace):
    ours = json.dumps({"id": "it-1", "body": STORY, "headline": "Dam burst", "provider": "AFP",
                       "published_at": "2025-05-04T09:00:00+02:00"}).encode()
    status, first = service.post(ours)
    assert status == 202 and first["duplicate"] is False

    web = ("<html><body><nav>Menu</nav>" + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n"))
           + "<p>You must be logged in to post a comment</p></body></html>")
    ninjs = json.dumps({"uri": "urn:example:it:2", "type": "text", "body_html": web, "headline": "Dam burst"}).encode()
    same = (202, {"article_id": first["article_id"], "duplicate": True})
    assert service.post(ninjs, "application/ninjs+json") == same
    assert service.post(("Dam burst\n" + STORY).encode(), "text/plain") == same
    newsml = (f"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/' guid='urn:example:it:3'><itemMeta>"
              f"<provider literal='Example Wire'/></itemMeta><contentMeta><headline>Oster</headline></contentMeta>"
              f"<contentSet><inlineData contenttype='text/plain'>{SECOND}</inlineData></contentSet></newsItem>")
    status, second = service.post(newsml.encode(), "application/vnd.iptc.g2.newsitem+xml")
    assert status == 202 and second["duplicate"] is False

    # Refusals: each a 4xx with a reason, and the service still answers afterwards.
    assert service.post(ours, token=None)[0] == 401
    assert service.post(b"{not json")[0] == 400
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><newsItem>&b;</newsItem>'
    status, body = service.post(bomb, "application/xml")
    assert status == 400 and "DOCTYPE" in body["error"]
    assert service.post(b"x" * 200_000, "text/plain")[0] == 413
    assert service.post(b"\xff\xfe", "text/plain")[0] == 400
    assert service.request("GET", "/healthz")[0] == 200

    # The drop folder: one good file, one with a refused line.
    (service.workdir / "drop" / "good.jsonl.part").write_bytes(
        json.dumps({"id": "it-4", "body": "Landslides in Pellin left 300 families homeless, officials said."}).encode())
    os.replace(service.workdir / "drop" / "good.jsonl.part", service.workdir / "drop" / "good.jsonl")
    (service.workdir / "drop" / "bad.jsonl").write_bytes(b'{"id": "it-5"}\n')
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not ((service.workdir / "drop" / "done" / "good.jsonl").exists()
                                               and (service.workdir / "drop" / "failed" / "bad.jsonl").exists()):
        time.sleep(0.5)
    assert (service.workdir / "drop" / "done" / "good.jsonl").exists(), service.log()
    assert (service.workdir / "drop" / "failed" / "bad.jsonl").exists(), service.log()

    records = read_topic(kafka_broker, ARTICLES_RAW.name(namespace), expect=3)
    articles = [Article.model_validate_json(r.value) for r in records]
    assert [r.key.decode() for r in records] == [a.article_id for a in articles]
    assert len(articles) == 3 and len({a.article_id for a in articles}) == 3
    by_id = {a.article_id: a for a in articles}
    dam = by_id[first["article_id"]]
    assert dam.dateline.place == "Marrow" and dam.dateline.provider == "AFP" and dam.body.startswith("Floodwater")
    assert dam.published_at.isoformat() == "2025-05-04T07:00:00+00:00" and dam.language == "en"
    assert by_id[second["article_id"]].sources[0].provider == "Example Wire"

    dead = read_topic(kafka_broker, INGEST.dead_letter_name(namespace), expect=1)
    letters = [DeadLetter.model_validate_json(r.value) for r in dead]
    assert len(letters) == 1 and "body: Field required" in letters[0].reason and letters[0].service == "ingest"


def test_the_index_is_rebuilt_from_the_topic_after_a_restart(service, kafka_broker, namespace):
    body = json.dumps({"id": "r-1", "body": STORY}).encode()
    status, first = service.post(body)
    assert status == 202 and not first["duplicate"]
    service.stop()
    service.start()
    assert service.request("GET", "/healthz")[1]["indexed"] == 1
    copy = json.dumps({"id": "r-2", "body": STORY.replace("MARROW (AFP) - ", "MARROW, May 4 (AFP) - ")}).encode()
    assert service.post(copy) == (202, {"article_id": first["article_id"], "duplicate": True})
    assert len(read_topic(kafka_broker, ARTICLES_RAW.name(namespace), expect=1)) == 1
