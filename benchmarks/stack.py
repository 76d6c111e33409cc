"""What the benchmarks run against: a Kafka broker of their own, service processes, /proc readings.

The broker is started by deploy/kafka/kafka.sh (as `make start` does) on ports nobody uses, with
a throwaway data directory, so a benchmark never shares or damages another broker. Services
are started the way tests/e2e/conftest.py starts them: `python -m <service> worker`, configured
only by WIREWATCH_* variables. Everything started here is stopped by `Stack.close`, which the
runner calls in a `finally`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KAFKA_SH = ROOT / "deploy" / "kafka" / "kafka.sh"
PREFERRED_PORTS = (29092, 29093)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str, timeout: float = 1.0) -> int | None:
    """The HTTP status `url` answers with, None if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


# --- /proc ------------------------------------------------------------------------------------

def peak_rss_mb(pid: int) -> float | None:
    """VmHWM: the most resident memory the process has had."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def thread_cpu_seconds(pid: int) -> dict[int, float]:
    """CPU time of each thread of a process so far, by thread id."""
    out = {}
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(task.name)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return out


class ThreadMeter:
    """The busiest thread of a process against all its others, in cores, over an interval: for
    the NER worker, the model thread against the event loop and the Kafka client's threads."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.started = time.monotonic()
        self.before = thread_cpu_seconds(pid)

    def read(self) -> dict:
        elapsed = time.monotonic() - self.started
        after = thread_cpu_seconds(self.pid)
        used = sorted((after[t] - self.before.get(t, 0.0) for t in after), reverse=True)
        if not used or elapsed <= 0:
            return {}
        return {"busiest_thread_cores": round(used[0] / elapsed, 2),
                "other_threads_cores": round(sum(used[1:]) / elapsed, 2), "threads": len(used)}


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, summed over cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS


class CpuMeter:
    """CPU used by given processes and by the whole machine over an interval, in cores."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.started = time.monotonic()
        self.machine = machine_cpu()
        self.before = {name: cpu_seconds(pid) for name, pid in pids.items()}

    def read(self) -> dict:
        elapsed = time.monotonic() - self.started
        busy, total = machine_cpu()
        cores = {}
        for name, pid in self.pids.items():
            now, before = cpu_seconds(pid), self.before.get(name)
            if now is not None and before is not None and elapsed > 0:
                cores[name] = round((now - before) / elapsed, 2)
        ours = sum(cores.values())
        machine = (busy - self.machine[0]) / elapsed if elapsed > 0 else 0.0
        return {"seconds": round(elapsed, 2), "cores_used": cores,
                "machine_cores_busy": round(machine, 2),
                # What other programs on the machine took meanwhile (other helpers, the OS).
                "others_cores_busy": round(max(0.0, machine - ours), 2)}


def busy_processes(sample_s: float = 1.5, top: int = 6, exclude: set[int] | None = None) -> list[dict]:
    """The processes using the most CPU right now: what else is running while we measure."""
    def snapshot() -> dict[int, float]:
        out = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                seconds = cpu_seconds(int(entry.name))
                if seconds is not None:
                    out[int(entry.name)] = seconds
        return out

    exclude = exclude or set()
    first = snapshot()
    time.sleep(sample_s)
    second = snapshot()
    usage = sorted(((second[p] - first.get(p, second[p])) / sample_s, p) for p in second if p not in exclude)
    rows = []
    for share, pid in reversed(usage[-top:]):
        if share < 0.05:
            continue
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        rows.append({"pid": pid, "cores": round(share, 2), "command": _short(command)})
    return rows


def _short(command: str, limit: int = 90) -> str:
    # The java classpath makes broker command lines unreadable; the main class says enough.
    if command.startswith("java ") and " kafka.Kafka " in command:
        return "java kafka.Kafka " + command.split(" kafka.Kafka ", 1)[1][:60]
    return command if len(command) <= limit else command[:limit] + "..."


def machine_info() -> dict:
    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    return {"cores": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "load_before": [round(x, 2) for x in os.getloadavg()]}


# --- the broker and the services -------------------------------------------------------------

class Broker:
    """One KRaft node, or with `nodes=3` a cluster (kafka.sh KAFKA_NODES) on consecutive ports."""

    def __init__(self, data_dir: Path, nodes: int = 1) -> None:
        self.data_dir, self.nodes = data_dir, nodes
        if nodes == 1 and all(port_is_free(p) for p in PREFERRED_PORTS):
            self.port, self.controller_port = PREFERRED_PORTS
        elif nodes == 1:
            # Someone else's broker (another benchmark, a test session) has them: never share it.
            self.port, self.controller_port = free_port(), free_port()
        else:
            self.port, self.controller_port = free_port_runs(nodes)
        self.started = False

    @property
    def bootstrap(self) -> str:
        return ",".join(f"127.0.0.1:{self.port + i}" for i in range(self.nodes))

    def _run(self, *command: str, timeout: float) -> subprocess.CompletedProcess:
        env = dict(os.environ, KAFKA_PORT=str(self.port), KAFKA_CONTROLLER_PORT=str(self.controller_port),
                   KAFKA_DATA_DIR=str(self.data_dir), KAFKA_START_TIMEOUT="120", KAFKA_NODES=str(self.nodes))
        return subprocess.run([str(KAFKA_SH), *command], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def _checked(self, *command: str, timeout: float) -> None:
        result = self._run(*command, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"kafka.sh {' '.join(command)} failed on {self.bootstrap}:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        self.started = True
        self._checked("start", timeout=300)

    def stop(self) -> None:
        if self.started:
            self._run("stop", timeout=90)
            self.started = False

    def kill_node(self, node: int) -> None:
        self._checked("kill-node", str(node), timeout=30)

    def stop_node(self, node: int) -> None:
        self._checked("stop-node", str(node), timeout=90)

    def start_node(self, node: int) -> None:
        self._checked("start-node", str(node), timeout=300)

    def node_pid(self, node: int) -> int | None:
        folder = self.data_dir if self.nodes == 1 else self.data_dir / f"node-{node}"
        try:
            return int((folder / "kafka.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    @property
    def pid(self) -> int | None:
        return self.node_pid(1)


def free_port_runs(count: int) -> tuple[int, int]:
    """Two runs of `count` consecutive free ports (clients, controllers) for a local cluster."""
    for base in range(29192, 40000, 2 * count + 10):
        ports = [base + i for i in range(2 * count)]
        if all(port_is_free(p) for p in ports):
            return base, base + count
    raise RuntimeError(f"no {2 * count} consecutive free ports for a {count}-node cluster")


@dataclass
class Service:
    name: str
    process: subprocess.Popen
    metrics_port: int
    http_port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace").splitlines()[-lines:] if self.log.exists() else []
        return f"--- {self.name} ({self.log}) ---\n" + "\n".join(text)


@dataclass
class Stack:
    """The broker and every service process of one benchmark run, and a scratch directory."""

    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wirewatch-bench-")))
    keep_logs: bool = False
    broker: Broker | None = None
    services: list[Service] = field(default_factory=list)

    def start_broker(self, nodes: int = 1) -> str:
        self.broker = Broker(self.workdir / "kafka", nodes)
        self.broker.start()
        return self.broker.bootstrap

    def start(self, service: str, namespace: str, *, label: str | None = None, env: dict | None = None) -> Service:
        assert self.broker is not None, "start the broker first"
        label = label or service
        env = env or {}
        # Given ports (a restart on the same ones) or free ones.
        metrics_port = int(env.get("WIREWATCH_METRICS_PORT") or free_port())
        http_port = int(env.get("WIREWATCH_HTTP_PORT") or free_port())
        # Only our WIREWATCH_* values: a developer's environment must not change what is measured.
        variables = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
        variables.update(WIREWATCH_BROKER=self.broker.bootstrap, WIREWATCH_NAMESPACE=namespace,
                         WIREWATCH_METRICS_PORT=str(metrics_port), WIREWATCH_HTTP_PORT=str(http_port),
                         WIREWATCH_DATA_DIR=str(self.workdir / "data" / label))
        variables.update(env)
        log = self.workdir / f"{namespace}.{label}.log"
        with log.open("ab") as out:
            process = subprocess.Popen([sys.executable, "-m", service, "worker", "-l", "info"], cwd=self.workdir,
                                       env=variables, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        started = Service(label, process, metrics_port, http_port, log)
        self.services.append(started)
        return started

    def wait_ready(self, services: list[Service], timeout_s: float = 180) -> None:
        """Each service serves its metrics (ingest: /healthz says ok, its replay is done)."""
        deadline = time.monotonic() + timeout_s
        pending = list(services)
        while pending and time.monotonic() < deadline:
            for service in list(pending):
                if service.process.poll() is not None:
                    raise RuntimeError(f"{service.name} exited with {service.process.returncode}\n{service.log_tail()}")
                if answers(f"http://127.0.0.1:{service.metrics_port}/metrics") != 200:
                    continue
                if service.name == "ingest" and answers(f"http://127.0.0.1:{service.http_port}/healthz") != 200:
                    continue
                pending.remove(service)
            time.sleep(0.3)
        if pending:
            raise RuntimeError(f"not ready after {timeout_s}s: {[s.name for s in pending]}\n"
                               + "\n".join(s.log_tail() for s in pending))

    def stop(self, service: Service) -> None:
        if service in self.services:
            self.services.remove(service)
        if service.process.poll() is None:
            service.process.terminate()
        try:
            service.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait()

    def stop_all(self, services: list[Service] | None = None) -> None:
        services = list(self.services if services is None else services)
        # SIGTERM to all first: each faust worker takes seconds to leave its group, in parallel.
        for service in services:
            if service.process.poll() is None:
                service.process.terminate()
        for service in services:
            self.stop(service)

    def close(self) -> None:
        try:
            self.stop_all()
        finally:
            try:
                if self.broker is not None:
                    self.broker.stop()
            finally:
                if not self.keep_logs:
                    shutil.rmtree(self.workdir, ignore_errors=True)
