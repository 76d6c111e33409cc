"""docker-compose.yml is valid and runs what the project needs, checked without a Docker engine."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SERVICES = {"ingest": 9101, "ner": 9102, "geocode": 9103, "alerting": 9104}


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_docker_compose_accepts_the_file():
    tool = shutil.which("docker-compose")
    if tool is None:
        message = "docker-compose is not installed (`make compose-tools` installs it)"
        if _on_ci():
            pytest.fail(message)
        pytest.skip(message)
    # `config` resolves anchors, merges and variables and validates against the compose schema;
    # it needs no engine.
    result = subprocess.run([tool, "-f", str(COMPOSE_FILE), "config", "-q"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr or result.stdout


def test_every_service_is_there_with_a_healthcheck(compose):
    services = compose["services"]
    for name in ["kafka", "topics", *SERVICES, "prometheus", "grafana"]:
        assert name in services, f"no {name} service"
    for name in ["kafka", *SERVICES, "prometheus", "grafana"]:
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


def test_kafka_is_a_single_kraft_node(compose):
    kafka = compose["services"]["kafka"]
    assert kafka["image"] == "apache/kafka:4.1.1"
    env = kafka["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "PLAINTEXT://kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"]
    assert str(env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]) == "1"


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_services_run_from_the_one_image_after_kafka_and_topics(compose, service):
    spec = compose["services"][service]
    assert spec["build"] == "." and spec["image"] == "wirewatch:local"
    assert spec["environment"]["WIREWATCH_SERVICE"] == service
    assert spec["environment"]["WIREWATCH_BROKER"] == "kafka:9092"
    # Prometheus scrapes from another container, so metrics must listen beyond loopback.
    assert spec["environment"]["WIREWATCH_METRICS_HOST"] == "0.0.0.0"
    assert spec["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert spec["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert f":{SERVICES[service]}/metrics" in " ".join(spec["healthcheck"]["test"])


def test_ingest_api_is_reachable(compose):
    ingest = compose["services"]["ingest"]
    assert ingest["environment"]["WIREWATCH_HTTP_HOST"] == "0.0.0.0"
    assert "127.0.0.1:8080:8080" in ingest["ports"]
    assert "/healthz" in " ".join(ingest["healthcheck"]["test"])


def test_mounted_files_exist(compose):
    for name in ("prometheus", "grafana"):
        for volume in compose["services"][name]["volumes"]:
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"{name} mounts {source}, which is missing"


def test_prometheus_scrapes_the_compose_services(compose):
    mounted = next(v for v in compose["services"]["prometheus"]["volumes"] if v.endswith(":/etc/prometheus/prometheus.yml:ro"))
    config = yaml.safe_load((ROOT / mounted.split(":", 1)[0]).read_text())
    targets = {target for job in config["scrape_configs"] for sc in job["static_configs"] for target in sc["targets"]}
    assert {f"{service}:{port}" for service, port in SERVICES.items()} <= targets
