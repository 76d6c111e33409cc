"""The PromQL of the provisioned Grafana dashboards, made runnable outside Grafana, and the metric
names the services expose (to check dashboards and rules against).

Shared by tests/ops (offline checks) and tests/e2e/test_dashboards.py (against a live Prometheus).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from prometheus_client.metrics import MetricWrapperBase

from wirewatch import metrics

ROOT = Path(__file__).resolve().parents[2]
GRAFANA = ROOT / "deploy" / "grafana"
DASHBOARDS = sorted((GRAFANA / "dashboards").glob("*.json"))
DATASOURCES = GRAFANA / "provisioning" / "datasources" / "prometheus.yml"

# Grafana's built-in interval variables, at values a test's short run has data for.
BUILTINS = {"__rate_interval": "1m", "__interval": "15s", "__range": "5m", "__range_s": "300", "__interval_ms": "15000"}
# A raw metric name, not the middle of a recorded one (level:metric:operation).
METRIC_NAME = re.compile(r"(?<![:\w])wirewatch_[a-z0-9_]+(?![:\w])")
_VARIABLE = re.compile(r"\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)")


@dataclass(frozen=True)
class Query:
    dashboard: str
    panel_id: int
    panel: str
    ref: str
    expr: str
    instant: bool

    def __str__(self) -> str:
        return f"{self.dashboard} / {self.panel} / {self.ref}"


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def provisioned_uid() -> str:
    (source,) = yaml.safe_load(DATASOURCES.read_text())["datasources"]
    return source["uid"]


def panels(dashboard: dict) -> list[dict]:
    """Every panel that shows data (rows flattened, rows themselves left out)."""
    found = []
    for panel in dashboard.get("panels", []):
        if panel.get("type") == "row":
            found.extend(panels(panel))
        else:
            found.append(panel)
    return found


def substitute(expr: str, dashboard: dict) -> str:
    """Replace template variables the way Grafana does when 'All' is selected."""
    values = dict(BUILTINS)
    for var in dashboard.get("templating", {}).get("list", []):
        values[var["name"]] = var.get("allValue") or ".*"

    def value(match: re.Match) -> str:
        name = next(group for group in match.groups() if group)
        if name not in values:
            raise KeyError(f"unknown template variable ${name} in {expr!r}")
        return values[name]

    return _VARIABLE.sub(value, expr)


def queries(path: Path) -> list[Query]:
    dashboard = load(path)
    return [Query(path.stem, panel["id"], panel["title"], target["refId"], substitute(target["expr"], dashboard),
                  bool(target.get("instant")) and not target.get("range"))
            for panel in panels(dashboard) for target in panel.get("targets", []) if not target.get("hide")]


def exposed_names() -> set[str]:
    """Sample names the services can expose, from the collectors defined in wirewatch.metrics."""
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}
    names = set()
    for collector in vars(metrics).values():
        if isinstance(collector, MetricWrapperBase):
            for family in collector.describe():
                names.update(family.name + suffix for suffix in suffixes[family.type])
    return names

