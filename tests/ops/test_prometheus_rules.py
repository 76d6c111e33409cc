"""deploy/prometheus: both configs and the rules are valid, and the rules' unit tests pass (promtool)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from grafana_queries import METRIC_NAME, exposed_names
from wirewatch.settings import METRICS_PORTS

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = ROOT / "deploy" / "prometheus"
CONFIGS = {"local": PROMETHEUS / "prometheus.yml", "compose": PROMETHEUS / "prometheus.compose.yml"}
RULES = sorted((PROMETHEUS / "rules").glob("*.rules.yml"))
RULE_TESTS = sorted((PROMETHEUS / "rules").glob("*_test.yml"))


@pytest.fixture(scope="module")
def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("promtool is missing: `make prometheus-tools` installs it")
        pytest.skip("promtool not installed (`make prometheus-tools`)")
    return path


def run(*args: str, cwd: Path = PROMETHEUS) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_config_is_valid(promtool, name):
    result = run(promtool, "check", "config", CONFIGS[name].name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(RULES)} rule files found" in result.stdout, "a config does not load every rule file"


def test_rules_are_valid(promtool):
    assert RULES, "no rule files"
    result = run(promtool, "check", "rules", *(str(path) for path in RULES))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("test_file", RULE_TESTS, ids=lambda path: path.name)
def test_rule_unit_tests_pass(promtool, test_file):
    result = run(promtool, "test", "rules", test_file.name, cwd=test_file.parent)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_rule_has_a_unit_test():
    alerts = {rule["alert"] for path in RULES for group in yaml.safe_load(path.read_text())["groups"]
              for rule in group["rules"] if "alert" in rule}
    tested = {case["alertname"] for path in RULE_TESTS for test in yaml.safe_load(path.read_text())["tests"]
              for case in test.get("alert_rule_test", [])}
    assert alerts, "no alert rules"
    assert alerts <= tested, f"alerts without a promtool test: {sorted(alerts - tested)}"


def test_local_and_compose_configs_scrape_the_same_services_on_their_ports():
    local, compose = (yaml.safe_load(CONFIGS[name].read_text()) for name in ("local", "compose"))
    assert local["rule_files"] == compose["rule_files"]
    assert local["global"] == compose["global"]

    def targets(config):
        return {job["job_name"]: [t for sc in job["static_configs"] for t in sc["targets"]]
                for job in config["scrape_configs"]}

    local_targets, compose_targets = targets(local), targets(compose)
    assert local_targets.keys() == compose_targets.keys()
    for service, port in METRICS_PORTS.items():
        assert local_targets[service] == [f"127.0.0.1:{port}"]
        assert compose_targets[service] == [f"{service}:{port}"]


def test_rules_only_use_metrics_that_exist():
    known = exposed_names()
    used = {name for path in RULES for name in METRIC_NAME.findall(path.read_text())}
    assert used and used <= known, f"unknown metrics in the rules: {sorted(used - known)}"
