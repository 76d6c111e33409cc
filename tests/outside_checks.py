"""Wirewatch's contracts checked by implementations other than its own Python ones: ajv (npm, JSON
Schema 2020-12 with formats), AsyncAPI's own parser (npm) and kcat (librdkafka, Debian's package).
`make node-tools` and `make kafka-client-tools` install them; a missing tool fails the test that
needs it with the command that installs it, never skips it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_DIR = ROOT / "tests" / "contract" / "node"
SCHEMAS = ROOT / "schemas"


def _node() -> str:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "ajv").is_dir() \
            or not (NODE_DIR / "node_modules" / "@asyncapi" / "parser").is_dir():
        pytest.fail("node or the npm packages of tests/contract/node are missing: run `make node-tools`", pytrace=False)
    return node


def validate_messages(files: dict[str, Path] | list[tuple[str, Path]],
                      schema_dir: Path = SCHEMAS / "v1") -> subprocess.CompletedProcess:
    """ajv over JSON-lines files, each with its stage ('alerts' -> alerts.schema.json); exit 0 when all valid."""
    pairs = [f"{stage}={path}" for stage, path in (files.items() if isinstance(files, dict) else files)]
    return subprocess.run([_node(), str(NODE_DIR / "validate-messages.mjs"), str(schema_dir), *pairs],
                          capture_output=True, text=True, timeout=120)


def validate_asyncapi(path: Path = SCHEMAS / "asyncapi.yaml") -> subprocess.CompletedProcess:
    return subprocess.run([_node(), str(NODE_DIR / "validate-asyncapi.mjs"), str(path)],
                          capture_output=True, text=True, timeout=120)


def write_jsonl(path: Path, messages: list) -> Path:
    path.write_text("".join(json.dumps(message) + "\n" for message in messages))
    return path


def kcat() -> str:
    found = shutil.which("kcat") or shutil.which("kafkacat")
    if found is None:
        pytest.fail("kcat is missing: run `make kafka-client-tools` (Debian's kcat package)", pytrace=False)
    return found


def kcat_read(broker: str, topic: str, *, timeout_s: float = 60) -> list[str]:
    """Every message of a topic, from the beginning to its end, as kcat prints them (one per line)."""
    result = subprocess.run([kcat(), "-b", broker, "-t", topic, "-C", "-o", "beginning", "-e", "-q",
                             "-f", "%s\\n"], capture_output=True, text=True, timeout=timeout_s)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.strip()]
