"""End to end: articles in through the ingest API, alerts out of the alerts topic."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
# Numbers in the seeds that are not movements: a refugee stock, a city's population, death tolls.
FORBIDDEN = {2_500_000, 2_000_000, 260_000, 120, 60, 5, 25}


def crossing_alert(alerts: list[dict], name_part: str) -> dict | None:
    return next((a for a in alerts if a["place"]["kind"] == "crossing"
                 and name_part.lower() in a["place"]["name"].lower()), None)


def admin1_alert(alerts: list[dict], admin1_name: str) -> dict | None:
    return next((a for a in alerts if a["figure"]["category"] == "displacement"
                 and a["place"]["kind"] == "admin1" and a["place"]["name"].lower() == admin1_name.lower()), None)


def test_sample_articles_raise_a_border_crossing_alert_with_evidence(pipeline):
    responses = pipeline.ingest([str(SAMPLES)])
    assert len(responses) == 5 and all("article_id" in r for r in responses)
    assert any(r["duplicate"] for r in responses), "the republished sample is a duplicate"

    alerts = pipeline.wait_for_alerts(lambda alerts: crossing_alert(alerts, "Hawa") is not None)
    alert = crossing_alert(alerts, "Hawa")
    assert alert["place"]["country"] == "SYR"
    assert alert["figure"]["max"] >= 15_000
    assert alert["evidence"] and all(e["article_id"] and e["sentence"] for e in alert["evidence"])


@pytest.mark.skipif(not SEEDS.is_dir() and os.environ.get("CI") != "true", reason="../shared/seeds not beside the repo")
def test_seed_articles_raise_the_expected_alerts_and_nothing_from_stocks_or_tolls(pipeline):
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert seeds, f"no seed articles in {SEEDS}"
    pipeline.ingest(seeds)

    def expected(alerts):
        return crossing_alert(alerts, "Salama") is not None and admin1_alert(alerts, "Aleppo") is not None

    alerts = pipeline.wait_for_alerts(expected)
    for alert in alerts:
        figure = alert["figure"]
        assert figure["category"] in ("displacement", "cross_border")
        assert figure["max"] not in FORBIDDEN and figure["min"] not in FORBIDDEN, alert
        assert alert["evidence"], alert

    before = {a["event_id"] for a in pipeline.alerts()}
    again = pipeline.ingest(seeds)
    assert all(r["duplicate"] for r in again)
    assert {a["event_id"] for a in pipeline.alerts(timeout_s=8)} == before, "re-ingesting raised new events"


def test_bad_message_on_an_input_topic_lands_in_its_dead_letter_topic(pipeline):
    from aiokafka import AIOKafkaProducer

    async def produce():
        producer = AIOKafkaProducer(bootstrap_servers=pipeline.broker)
        await producer.start()
        try:
            await producer.send_and_wait(f"{pipeline.namespace}.articles.raw.v1", b"{not json", key=b"bad-1")
            await producer.send_and_wait(f"{pipeline.namespace}.articles.extracted.v1", b'{"article": 1}', key=b"bad-2")
        finally:
            await producer.stop()

    asyncio.run(produce())
    letters: list[dict] = []
    for _ in range(30):
        result = pipeline.cli("dead-letters", "--timeout", "2")
        letters = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
        if {l["key"] for l in letters} >= {"bad-1", "bad-2"}:
            break
    by_key = {l["key"]: l for l in letters}
    assert by_key["bad-1"]["service"] == "ner" and base64.b64decode(by_key["bad-1"]["original"]) == b"{not json"
    assert by_key["bad-2"]["service"] == "geocode" and by_key["bad-2"]["reason"]
    assert all(process.poll() is None for process in pipeline.processes.values()), "a service died on bad input"


def _read_topic(broker: str, topic: str) -> list[tuple[bytes | None, bytes]]:
    """Every message of a topic up to its current end, read with aiokafka (key, value)."""
    from aiokafka import AIOKafkaConsumer

    async def read():
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=broker, enable_auto_commit=False,
                                    auto_offset_reset="earliest")
        await consumer.start()
        try:
            for _ in range(100):  # without a group, every partition is assigned once metadata is in
                if consumer.assignment():
                    break
                await asyncio.sleep(0.1)
            partitions = sorted(consumer.assignment())
            ends = await consumer.end_offsets(partitions)
            messages = []

            async def behind() -> bool:
                return any([await consumer.position(tp) < ends[tp] for tp in partitions])

            deadline = asyncio.get_running_loop().time() + 60
            while await behind():
                assert asyncio.get_running_loop().time() < deadline, f"{topic}: end not reached in 60 s"
                for records in (await consumer.getmany(timeout_ms=1000)).values():
                    messages.extend((record.key, record.value) for record in records)
            return messages
        finally:
            await consumer.stop()

    return asyncio.run(read())


def test_every_message_on_every_topic_validates_with_ajv(pipeline, tmp_path):
    """Whatever the run so far published (samples, seeds, dead letters), checked by ajv against
    schemas/v1: an implementation of JSON Schema that is not the Python one beside the generator."""
    from outside_checks import validate_messages
    from wirewatch.topics import PIPELINE, SERVICE_INPUT

    pipeline.ingest([str(SAMPLES)])
    pipeline.wait_for_alerts(lambda alerts: crossing_alert(alerts, "Hawa") is not None)
    topics = {spec.name(pipeline.namespace): spec.stage for spec in PIPELINE}
    topics.update({spec.dead_letter_name(pipeline.namespace): "dead-letter" for spec in SERVICE_INPUT.values()})
    files, counts = [], {}
    for topic, stage in topics.items():
        # Keys 'bad-*' are the garbage the dead-letter test wrote itself; the pipeline published the rest.
        values = [value for key, value in _read_topic(pipeline.broker, topic) if not (key or b"").startswith(b"bad-")]
        counts[topic] = len(values)
        if values:
            path = tmp_path / f"{topic}.jsonl"
            path.write_bytes(b"".join(value + b"\n" for value in values))
            files.append((stage, path))
    for stage in ("articles.raw", "articles.extracted", "articles.enriched", "alerts"):
        assert stage in dict(files), f"nothing on the {stage} topic: {counts}"
    result = validate_messages(files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" valid (") == len(files)


def test_kcat_reads_the_alerts_topic_and_every_line_validates(pipeline, tmp_path):
    """A Kafka client that is not Python's (kcat, on librdkafka) reads the alerts as a subscriber
    would: one JSON event per line, each valid against the schema, the same events as ours."""
    from outside_checks import kcat_read, validate_messages

    pipeline.ingest([str(SAMPLES)])
    ours = pipeline.wait_for_alerts(lambda alerts: crossing_alert(alerts, "Hawa") is not None)
    lines = kcat_read(pipeline.broker, f"{pipeline.namespace}.alerts.v1")
    assert {json.loads(line)["event_id"] for line in lines} >= {alert["event_id"] for alert in ours}
    path = tmp_path / "alerts-kcat.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = validate_messages({"alerts": path})
    assert result.returncode == 0 and f"alerts: {len(lines)} of {len(lines)} valid" in result.stdout, result.stdout


def test_alerts_command_prints_one_readable_line_per_event(pipeline):
    pipeline.ingest([str(SAMPLES)])
    events = pipeline.wait_for_alerts(lambda alerts: crossing_alert(alerts, "Hawa") is not None)
    result = pipeline.cli("alerts", "--timeout", "3")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode == 0 and len(lines) >= len(events), result.stdout + result.stderr
    # Other alerts (the flow into Turkey) may quote the same sentence: take the crossing's own line.
    hawa = next(line for line in lines if "border_crossing" in line and "Hawa" in line)
    assert "(crossing, SYR)" in hawa and " source" in hawa and hawa.endswith('"'), hawa
    assert not any(line.startswith("{") for line in lines)


def test_every_alert_has_a_point_on_the_map(pipeline):
    """A figure in Sukkur alerts on Sindh, which the article never names: the alert still has coordinates."""
    pipeline.ingest([str(SAMPLES)])
    alerts = pipeline.wait_for_alerts(lambda alerts: admin1_alert(alerts, "Sindh") is not None)
    assert admin1_alert(alerts, "Sindh")["place"]["country"] == "PAK"
    missing = [alert["place"] for alert in alerts if alert["place"]["lat"] is None or alert["place"]["lon"] is None]
    assert not missing, missing


FRENCH_TWIN = {
    "id": "twin-fr", "headline": "Affluence au poste-frontière",
    "body": "N'DJAMENA, 4 mai (AFP) - Jusqu'à 12 000 personnes se sont rassemblées au poste-frontière d'Adré "
            "après une nouvelle vague de combats de l'autre côté de la frontière, selon le HCR. Les familles "
            "attendent depuis plusieurs jours sans eau ni abri, a indiqué une responsable humanitaire.",
}
ENGLISH_TWIN = {
    "id": "twin-en", "headline": "Crowds at the frontier",
    "body": "N'DJAMENA, May 4 (AFP) - As many as 12,000 people have gathered at the Adré crossing after a new "
            "wave of fighting on the other side of the frontier, the UNHCR said. Families have been waiting for "
            "several days without water or shelter, an aid official said.",
}


def test_a_french_article_raises_the_same_border_alert_as_its_english_twin(pipeline, tmp_path):
    french, english = tmp_path / "fr.jsonl", tmp_path / "en.jsonl"
    french.write_text(json.dumps(FRENCH_TWIN, ensure_ascii=False) + "\n", encoding="utf-8")
    english.write_text(json.dumps(ENGLISH_TWIN, ensure_ascii=False) + "\n", encoding="utf-8")

    pipeline.ingest([str(french)])
    alerts = pipeline.wait_for_alerts(lambda alerts: crossing_alert(alerts, "Adr") is not None)
    alert = crossing_alert(alerts, "Adr")
    assert (alert["rule"], alert["place"]["country"] in ("TCD", "SDN")) == ("border_crossing", True)
    assert alert["figure"]["max"] == 12_000 and alert["figure"]["category"] == "cross_border"
    assert any("Adré" in e["sentence"] and "personnes" in e["sentence"] for e in alert["evidence"])

    # The English twin is the same report: it joins that alert instead of raising another.
    pipeline.ingest([str(english)])
    time.sleep(5)
    adre = {a["alert_id"] for a in pipeline.alerts() if a["place"]["kind"] == "crossing" and "adr" in a["place"]["name"].lower()}
    assert adre == {alert["alert_id"]}
