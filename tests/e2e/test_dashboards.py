"""Every Grafana panel shows data: a real Prometheus scrapes the running pipeline, loads the
rules from deploy/prometheus, and answers each dashboard query after sample articles went through.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

from brokers import free_port

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"
SERVICES = ("ingest", "ner", "geocode", "alerting")
SAMPLES = ROOT / "samples" / "articles.jsonl"


def _load_grafana_queries():
    # tests/ops is not on sys.path when only the e2e tier runs; one module either way.
    if "grafana_queries" not in sys.modules:
        spec = importlib.util.spec_from_file_location("grafana_queries", ROOT / "tests" / "ops" / "grafana_queries.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["grafana_queries"] = module
        spec.loader.exec_module(module)
    return sys.modules["grafana_queries"]


grafana_queries = _load_grafana_queries()


def prometheus_config(metrics_ports: dict[str, int], own_port: int) -> dict:
    """deploy/prometheus/prometheus.yml with the test's ports, a 1 s cadence, and the same rule files."""
    config = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    config["global"].update(scrape_interval="1s", evaluation_interval="1s", scrape_timeout="1s")
    config["rule_files"] = [str(PROMETHEUS_DIR / pattern) for pattern in config["rule_files"]]
    for job in config["scrape_configs"]:
        port = metrics_ports.get(job["job_name"], own_port if job["job_name"] == "prometheus" else None)
        assert port is not None, f"no port for scrape job {job['job_name']}"
        job["static_configs"] = [{"targets": [f"127.0.0.1:{port}"]}]
    assert {job["job_name"] for job in config["scrape_configs"]} >= set(SERVICES)
    return config


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


class Prometheus:
    def __init__(self, url: str):
        self.url = url

    def get(self, path: str, **params: str) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}{path}{query}", timeout=10) as response:
            body = json.load(response)
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> list[dict]:
        return self.get("/api/v1/query", query=expr)["result"]


@pytest.fixture(scope="module")
def prometheus(pipeline, tmp_path_factory):
    binary = shutil.which("prometheus")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("prometheus is missing: `make prometheus-tools` installs it")
        pytest.skip("prometheus not installed (`make prometheus-tools`)")
    workdir = tmp_path_factory.mktemp("prometheus")
    port = free_port()
    config = workdir / "prometheus.yml"
    config.write_text(yaml.safe_dump(prometheus_config(pipeline.metrics_ports, port)))
    log = (workdir / "prometheus.log").open("wb")
    process = subprocess.Popen(
        [binary, f"--config.file={config}", f"--storage.tsdb.path={workdir / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not answers(f"{url}/-/ready"):
            assert process.poll() is None, (workdir / "prometheus.log").read_text()
            assert time.monotonic() < deadline, "prometheus not ready after 30 s"
            time.sleep(0.2)
        yield Prometheus(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def traffic(pipeline, prometheus):
    """Sample articles through the pipeline, plus one bad message so the error panels have data."""
    from aiokafka import AIOKafkaProducer

    pipeline.ingest([str(SAMPLES)])

    async def produce():
        producer = AIOKafkaProducer(bootstrap_servers=pipeline.broker)
        await producer.start()
        try:
            await producer.send_and_wait(f"{pipeline.namespace}.articles.raw.v1", b"{not json", key=b"dashboards")
        finally:
            await producer.stop()

    asyncio.run(produce())
    # Wait for the first alert but do not fail here: the panels that lack data say more than
    # test_pipeline.py's failures would.
    deadline = time.monotonic() + 120
    while not pipeline.alerts(timeout_s=2) and time.monotonic() < deadline:
        time.sleep(1)


def test_prometheus_scrapes_every_service(prometheus):
    deadline = time.monotonic() + 30
    while True:
        health = {t["labels"]["job"]: t["health"] for t in prometheus.get("/api/v1/targets")["activeTargets"]}
        if all(health.get(service) == "up" for service in SERVICES) or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert {service: health.get(service) for service in SERVICES} == {service: "up" for service in SERVICES}


def test_every_rule_from_deploy_prometheus_loads_and_evaluates_without_error(prometheus, traffic):
    expected = {group["name"]: len(group["rules"])
                for path in sorted((PROMETHEUS_DIR / "rules").glob("*.rules.yml"))
                for group in yaml.safe_load(path.read_text())["groups"]}
    time.sleep(3)  # a few evaluations over the traffic
    groups = prometheus.get("/api/v1/rules")["groups"]
    assert {group["name"]: len(group["rules"]) for group in groups} == expected
    broken = {rule["name"]: rule.get("lastError") for group in groups for rule in group["rules"]
              if rule.get("health") != "ok"}
    assert not broken, broken


@pytest.mark.parametrize("path", grafana_queries.DASHBOARDS, ids=lambda path: path.name)
def test_every_dashboard_query_returns_data(prometheus, traffic, path):
    pending = {str(query): query for query in grafana_queries.queries(path)}
    assert pending
    # Rates need two scrapes of a counter after it moved, and consumer lag is sampled every few
    # seconds: poll until every query has data rather than sleeping a guess.
    deadline = time.monotonic() + 90
    while pending and time.monotonic() < deadline:
        for name, query in list(pending.items()):
            if prometheus.query(query.expr):
                del pending[name]
        if pending:
            time.sleep(2)
    assert not pending, "panels with no data:\n" + "\n".join(
        f"  {name}:\n    {query.expr}" for name, query in pending.items())
