"""Fixtures shared by every test tier, and the tier markers applied by folder.

A test asks for `kafka_broker` only if it needs Kafka; one broker serves the whole session, and
each test isolates itself with a fresh `namespace` (every topic and consumer group carries it).
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import brokers
from wirewatch.settings import Settings

TESTS_DIR = Path(__file__).resolve().parent
TIERS = ("unit", "contract", "integration", "e2e")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The folder is the tier, so `pytest -m unit` works without decorating every test.
    for item in items:
        try:
            tier = item.path.resolve().relative_to(TESTS_DIR).parts[0]
        except (ValueError, IndexError):
            continue
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bootstrap servers ("127.0.0.1:19092") of a real Kafka broker started for this session.

    A broker that cannot start fails the tests that need it, and never skips them: a skipped
    integration tier looks green while testing nothing.
    """
    port, controller_port, note = brokers.choose_ports()
    if note:
        warnings.warn(note, stacklevel=1)
    broker = brokers.LocalBroker(tmp_path_factory.mktemp("kafka"), port, controller_port)
    try:
        broker.start()
        failure = None
    except brokers.BrokerError as exc:
        failure = str(exc)
    if failure is not None:
        # Outside the except block, so the report shows the script's output once, unchained.
        hint = "" if _on_ci() else "\n(Kafka needs Java 17+; `make setup` fetches its jars with Maven)"
        pytest.fail(f"test Kafka broker did not start: {failure}{hint}", pytrace=False)
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@pytest.fixture
def namespace() -> str:
    """A topic namespace no other test uses: topics are `<namespace>.<stage>.v1`."""
    return f"t-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def settings_for() -> Callable[..., Settings]:
    """Build Settings for a namespace and broker; ports are free ones, so tests can run beside `make start`."""

    def build(namespace: str, broker: str, **overrides) -> Settings:
        values = dict(namespace=namespace, broker=broker, metrics_port=brokers.free_port(),
                      http_port=brokers.free_port())
        values.update(overrides)
        return Settings(**values)

    return build


@pytest.fixture
def broker_settings(settings_for: Callable[..., Settings], namespace: str, kafka_broker: str) -> Settings:
    """Settings for this test's namespace on the session's broker."""
    return settings_for(namespace, kafka_broker)
