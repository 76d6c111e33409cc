"""The pipeline on a 3-broker KRaft cluster with 2 workers per service: every topic carries 3
replicas and min.insync.replicas 2, and the seed articles raise the same alerts as on one broker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from brokers import answers

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # benchmarks/ is not a package the virtualenv installs

from benchmarks.stack import free_port_runs  # noqa: E402

KAFKA_SH = ROOT / "deploy" / "kafka" / "kafka.sh"
BIN = Path(sys.executable).parent
SAMPLES = ROOT / "samples" / "articles.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
SERVICES = ("ingest", "ner", "geocode", "alerting")
WORKERS = 2


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    port, controller_port = free_port_runs(3)
    env = dict(os.environ, KAFKA_NODES="3", KAFKA_PORT=str(port), KAFKA_CONTROLLER_PORT=str(controller_port),
               KAFKA_DATA_DIR=str(tmp_path_factory.mktemp("cluster")), KAFKA_START_TIMEOUT="120")
    started = subprocess.run([str(KAFKA_SH), "start"], env=env, capture_output=True, text=True, timeout=420)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        yield ",".join(f"127.0.0.1:{port + i}" for i in range(3))
    finally:
        subprocess.run([str(KAFKA_SH), "stop"], env=env, capture_output=True, timeout=120)


class Workers:
    """WORKERS processes of each service in one consumer group per service, on the cluster."""

    def __init__(self, broker: str, logs: Path) -> None:
        from brokers import free_port

        self.broker, self.logs = broker, logs
        self.namespace = f"e2e-cluster-{os.urandom(4).hex()}"
        self.http_ports = [free_port() for _ in range(WORKERS)]
        self.processes: dict[str, subprocess.Popen] = {}
        self.checks: list[str] = []
        for service in SERVICES:
            for number in range(WORKERS):
                label, metrics_port = f"{service}-{number + 1}", free_port()
                env = self.env(WIREWATCH_METRICS_PORT=str(metrics_port), WIREWATCH_HTTP_PORT=str(self.http_ports[number]),
                               WIREWATCH_DATA_DIR=str(logs / label))
                with (logs / f"{label}.log").open("ab") as out:
                    self.processes[label] = subprocess.Popen([str(BIN / "python"), "-m", service, "worker", "-l", "info"],
                                                             cwd=logs, env=env, stdout=out, stderr=subprocess.STDOUT)
                self.checks.append(f"http://127.0.0.1:{metrics_port}/metrics")
        self.checks += [f"http://127.0.0.1:{port}/healthz" for port in self.http_ports]

    def env(self, **extra: str) -> dict[str, str]:
        return dict(os.environ, WIREWATCH_BROKER=self.broker, WIREWATCH_NAMESPACE=self.namespace, **extra)

    def wait_ready(self, timeout_s: float = 240) -> None:
        deadline, pending = time.monotonic() + timeout_s, set(self.checks)
        while pending and time.monotonic() < deadline:
            for label, process in self.processes.items():
                assert process.poll() is None, f"{label} exited:\n{(self.logs / f'{label}.log').read_text()[-3000:]}"
            pending = {url for url in pending if not answers(url)}
            time.sleep(0.5)
        assert not pending, f"not ready after {timeout_s}s: {sorted(pending)}"

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        # `wirewatch ingest` posts to the first instance's API.
        return subprocess.run([str(BIN / "wirewatch"), *args], env=self.env(WIREWATCH_HTTP_PORT=str(self.http_ports[0])),
                              capture_output=True, text=True,
                              timeout=180, cwd=self.logs)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def workers(cluster, tmp_path_factory):
    stack = Workers(cluster, tmp_path_factory.mktemp("cluster-workers"))
    # A topic of three replicas can be created only once all three brokers have registered with the
    # controllers, which may come a few seconds after their ports open: try again until it can.
    deadline = time.monotonic() + 90
    created = stack.cli("topics", "create")
    while created.returncode != 0 and time.monotonic() < deadline:
        time.sleep(2)
        created = stack.cli("topics", "create")
    try:
        assert created.returncode == 0, created.stdout + created.stderr
        stack.wait_ready()
        yield stack
    finally:
        stack.stop()


def test_every_topic_has_three_replicas_and_two_in_sync_internal_ones_included(workers):
    result = workers.cli("topics", "--json")
    assert result.returncode == 0, result.stderr
    topics = json.loads(result.stdout)
    names = {t["topic"] for t in topics}
    assert f"{workers.namespace}.alerting-situations-changelog" in names
    assert f"{workers.namespace}.ner-__assignor-__leader" in names and "__consumer_offsets" in names
    for topic in topics:
        assert (topic["replication_factor"], topic["min_insync_replicas"]) == (3, 2), topic


def _ingest(cli, paths: list[str]) -> None:
    result = cli("ingest", *paths)
    assert result.returncode == 0, result.stdout + result.stderr


def _alerts(cli) -> list[dict]:
    result = cli("alerts", "--json", "--timeout", "3")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _situations(alerts: list[dict]) -> dict[tuple, str]:
    """(rule, place, country) -> the highest severity reached: what the alerts decided, whatever
    the order in which two workers happened to read the articles."""
    order = ["low", "medium", "high", "critical"]
    highest: dict[tuple, str] = {}
    for alert in alerts:
        key = (alert["rule"], alert["place"]["name"], alert["place"].get("country"))
        if key not in highest or order.index(alert["severity"]) > order.index(highest[key]):
            highest[key] = alert["severity"]
    return highest


def _settled(cli, timeout_s: float = 180) -> list[dict]:
    """The alerts once two readings 10 s apart agree (and there are some)."""
    deadline, previous = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        alerts = _alerts(cli)
        if alerts and previous is not None and _situations(alerts) == _situations(previous):
            return alerts
        previous = alerts
        time.sleep(10)
    raise AssertionError(f"alerts never settled: {json.dumps(previous, indent=1)[:3000]}")


@pytest.mark.skipif(not SEEDS.is_dir() and os.environ.get("CI") != "true", reason="../shared/seeds not beside the repo")
def test_the_seeds_raise_the_same_alerts_on_three_brokers_as_on_one(workers, pipeline):
    files = [str(SAMPLES), *sorted(str(p) for p in SEEDS.glob("*.txt"))]
    _ingest(workers.cli, files)
    _ingest(pipeline.cli, files)
    on_cluster, on_one = _settled(workers.cli), _settled(pipeline.cli)
    assert _situations(on_cluster) == _situations(on_one)
    assert any(a["place"]["kind"] == "crossing" and "salama" in a["place"]["name"].lower() for a in on_cluster)
