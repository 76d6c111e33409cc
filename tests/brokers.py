"""A real Apache Kafka broker for the tests, run through the same script as local development.

The test broker is separate from the one `make start` runs: its own ports and a throwaway data
directory, so tests never see (or damage) a developer's local data.
"""

from __future__ import annotations

import os
import socket
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
KAFKA_SH = REPO_ROOT / "deploy" / "kafka" / "kafka.sh"

DEFAULT_PORT = 19092
# Room for a first start on a busy two-core machine: fetching is done by `make setup`, but a JVM
# that shares its cores with other test processes can take well over the script's usual 60 s.
START_TIMEOUT_S = 120


class BrokerError(RuntimeError):
    pass


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the OS may hand it out again later; good enough here)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    """A service's HTTP endpoint (health, metrics) answers without a server error."""
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status < 500
    except OSError:
        return False


def choose_ports() -> tuple[int, int, str | None]:
    """The broker and controller ports for this test session, and a note if they are not the usual.

    19092/19093 unless WIREWATCH_TEST_KAFKA_PORT says otherwise. If those are taken (another test
    session on the same machine, or a leftover broker), free ports are used instead: the script
    would otherwise treat the busy port as "already running" and the tests would share, and
    later lose, someone else's broker.
    """
    port = int(os.environ.get("WIREWATCH_TEST_KAFKA_PORT", DEFAULT_PORT))
    controller = port + 1
    if port_is_free(port) and port_is_free(controller):
        return port, controller, None
    fallback, fallback_controller = free_port(), free_port()
    note = (f"127.0.0.1:{port} or :{controller} is taken; the test broker uses "
            f"{fallback}/{fallback_controller} instead")
    return fallback, fallback_controller, note


@dataclass
class LocalBroker:
    data_dir: Path
    port: int
    controller_port: int

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "server.log"

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "KAFKA_PORT": str(self.port),
            "KAFKA_CONTROLLER_PORT": str(self.controller_port),
            "KAFKA_DATA_DIR": str(self.data_dir),
            "KAFKA_START_TIMEOUT": str(START_TIMEOUT_S),
        }

    def _run(self, command: str, timeout_s: float) -> subprocess.CompletedProcess:
        return subprocess.run([str(KAFKA_SH), command], env=self._env(), cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=timeout_s, check=False)

    def start(self) -> None:
        try:
            # A fetch may happen here when `make setup` was skipped; Maven needs time for that.
            result = self._run("start", timeout_s=START_TIMEOUT_S + 300)
        except subprocess.TimeoutExpired as exc:
            self.stop()
            raise BrokerError(f"kafka.sh start hung; log: {self.log_file}") from exc
        except OSError as exc:
            raise BrokerError(f"cannot run {KAFKA_SH}: {exc}") from exc
        if result.returncode != 0:
            raise BrokerError(
                f"kafka.sh start failed (exit {result.returncode}) for {self.bootstrap}, data in {self.data_dir}\n"
                f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
            )

    def stop(self) -> None:
        self._run("stop", timeout_s=60)

    def is_running(self) -> bool:
        return self._run("status", timeout_s=30).returncode == 0
