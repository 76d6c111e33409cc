"""The whole pipeline as processes: broker, ingest, ner, geocode, alerting, for one test module."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from brokers import answers

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVICES = ("ingest", "ner", "geocode", "alerting")


def free_ports(count: int) -> list[int]:
    """Distinct free ports: the sockets stay open until all are chosen, so none is handed out twice."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass
class Pipeline:
    broker: str
    namespace: str
    logs: Path
    metrics_ports: dict[str, int] = field(default_factory=dict)
    http_port: int = 0
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def ingest_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def env(self, service: str | None = None) -> dict[str, str]:
        env = dict(os.environ, WIREWATCH_BROKER=self.broker, WIREWATCH_NAMESPACE=self.namespace,
                   WIREWATCH_HTTP_PORT=str(self.http_port), WIREWATCH_ALERT_TICK_S="1")
        if service:
            env["WIREWATCH_METRICS_PORT"] = str(self.metrics_ports[service])
        return env

    def start(self, service: str) -> None:
        log = (self.logs / f"{service}.log").open("ab")
        self.processes[service] = subprocess.Popen(
            [str(BIN / "python"), "-m", service, "worker", "-l", "info"],
            cwd=self.logs, env=self.env(service), stdout=log, stderr=subprocess.STDOUT)

    def stop(self, service: str, *, kill: bool = False) -> None:
        process = self.processes.pop(service, None)
        if process is None:
            return
        process.kill() if kill else process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def wait_ready(self, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        checks = {service: f"http://127.0.0.1:{port}/metrics" for service, port in self.metrics_ports.items()}
        checks["ingest API"] = f"{self.ingest_url}/healthz"
        pending = set(checks)
        while pending and time.monotonic() < deadline:
            for service, process in self.processes.items():
                if process.poll() is not None:
                    raise AssertionError(f"{service} exited:\n{self.log_tail(service)}")
            pending = {check for check in pending if not answers(checks[check])}
            time.sleep(0.5)
        if pending:
            raise AssertionError(f"not ready after {timeout_s}s: {sorted(pending)}\n"
                                 + "\n".join(self.log_tail(s) for s in SERVICES))

    def log_tail(self, service: str, lines: int = 40) -> str:
        path = self.logs / f"{service}.log"
        text = path.read_text(errors="replace").splitlines()[-lines:] if path.exists() else []
        return f"--- {service} ---\n" + "\n".join(text)

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "wirewatch"), *args], env=self.env(), capture_output=True, text=True,
                              timeout=timeout, cwd=self.logs)

    def ingest(self, paths: list[str]) -> list[dict]:
        result = self.cli("ingest", "--url", self.ingest_url, *paths)
        assert result.returncode == 0, result.stdout + result.stderr
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]

    def alerts(self, timeout_s: float = 5) -> list[dict]:
        result = self.cli("alerts", "--json", "--timeout", str(timeout_s))
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]

    def wait_for_alerts(self, predicate, timeout_s: float = 120) -> list[dict]:
        deadline = time.monotonic() + timeout_s
        alerts: list[dict] = []
        while time.monotonic() < deadline:
            alerts = self.alerts(timeout_s=2)
            if predicate(alerts):
                return alerts
            time.sleep(1)
        raise AssertionError(f"alerts never matched; got {json.dumps(alerts, indent=1)[:4000]}\n"
                             + "\n".join(self.log_tail(s) for s in SERVICES))


@pytest.fixture(scope="module")
def pipeline(kafka_broker, tmp_path_factory):
    namespace = f"e2e-{os.urandom(4).hex()}"
    logs = tmp_path_factory.mktemp("pipeline")
    *metrics_ports, http_port = free_ports(len(SERVICES) + 1)
    stack = Pipeline(broker=kafka_broker, namespace=namespace, logs=logs,
                     metrics_ports=dict(zip(SERVICES, metrics_ports)), http_port=http_port)
    created = stack.cli("topics", "create")
    assert created.returncode == 0, created.stderr
    for service in SERVICES:
        stack.start(service)
    try:
        stack.wait_ready()
        yield stack
    finally:
        for service in list(stack.processes):
            stack.stop(service)
