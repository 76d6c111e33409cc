"""deploy/grafana: provisioning and dashboards agree, and every panel's PromQL parses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from grafana_queries import DASHBOARDS, GRAFANA, METRIC_NAME, exposed_names, load, panels, provisioned_uid, queries

pytestmark = pytest.mark.unit

IDS = [path.name for path in DASHBOARDS]


def test_the_two_dashboards_are_there():
    assert {path.name for path in DASHBOARDS} == {"pipeline-health.json", "situation.json"}


def test_datasource_is_provisioned_where_compose_runs_prometheus():
    (source,) = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text())["datasources"]
    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"


def test_dashboard_provider_reads_the_folder_the_dashboards_are_mounted_in():
    (provider,) = yaml.safe_load((GRAFANA / "provisioning" / "dashboards" / "wirewatch.yml").read_text())["providers"]
    assert provider["type"] == "file" and provider["options"]["path"] == "/var/lib/grafana/dashboards"


@pytest.mark.parametrize("path", DASHBOARDS, ids=IDS)
def test_every_panel_uses_the_provisioned_datasource_and_has_queries(path):
    uid = provisioned_uid()
    dashboard = load(path)
    assert dashboard["uid"] and dashboard["title"]
    shown = panels(dashboard)
    assert shown
    for panel in shown:
        assert panel.get("datasource", {}).get("uid") == uid, f"{panel['title']}: datasource is not {uid!r}"
        assert panel.get("targets"), f"{panel['title']}: no queries"
        for target in panel["targets"]:
            assert target.get("expr", "").strip(), f"{panel['title']}/{target.get('refId')}: empty query"
            assert target.get("datasource", {}).get("uid") == uid, f"{panel['title']}/{target['refId']}"
    for variable in dashboard.get("templating", {}).get("list", []):
        if variable["type"] == "query":
            assert variable["datasource"]["uid"] == uid, f"variable {variable['name']}"


@pytest.mark.parametrize("path", DASHBOARDS, ids=IDS)
def test_panel_ids_and_titles_are_unique_and_panels_do_not_overlap(path):
    dashboard = load(path)
    every = dashboard["panels"] + [p for row in dashboard["panels"] for p in row.get("panels", [])]
    ids = [panel["id"] for panel in every]
    assert len(ids) == len(set(ids))
    titles = [panel["title"] for panel in every]
    assert len(titles) == len(set(titles)), "two panels with one title: failures would not say which"
    cells: dict[tuple[int, int], str] = {}
    for panel in every:
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= 24, panel["title"]
        for x in range(grid["x"], grid["x"] + grid["w"]):
            for y in range(grid["y"], grid["y"] + grid["h"]):
                assert (x, y) not in cells, f"{panel['title']} overlaps {cells[(x, y)]}"
                cells[(x, y)] = panel["title"]


@pytest.mark.parametrize("path", DASHBOARDS, ids=IDS)
def test_queries_only_use_metrics_that_exist(path):
    known = exposed_names()
    used = {name for query in queries(path) for name in METRIC_NAME.findall(query.expr)}
    assert used <= known, f"unknown metrics: {sorted(used - known)}"


def test_situation_map_places_open_alerts_by_their_lat_lon_labels():
    (geomap,) = [p for p in panels(load(GRAFANA / "dashboards" / "situation.json")) if p["type"] == "geomap"]
    (target,) = geomap["targets"]
    assert target["format"] == "table" and target["instant"]
    assert "wirewatch_alert_figure" in target["expr"] and re.search(r"\blat\b.*\blon\b", target["expr"])
    (layer,) = geomap["options"]["layers"]
    assert layer["location"] == {"mode": "coords", "latitude": "lat", "longitude": "lon"}
    converted = {c["targetField"]: c["destinationType"] for t in geomap["transformations"]
                 if t["id"] == "convertFieldType" for c in t["options"]["conversions"]}
    assert converted == {"lat": "number", "lon": "number"}, "label values are strings until converted"


def test_every_query_parses_as_promql(tmp_path):
    """promtool has no offline expression check, but it parses rule expressions: wrap each query in one."""
    promtool = shutil.which("promtool")
    if promtool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("promtool is missing: `make prometheus-tools` installs it")
        pytest.skip("promtool not installed (`make prometheus-tools`)")
    everything = [query for path in DASHBOARDS for query in queries(path)]
    rules = {"groups": [{"name": "dashboards", "rules": [
        {"record": f"dashboard_query_{i}", "expr": query.expr} for i, query in enumerate(everything)]}]}
    path = tmp_path / "dashboards.rules.yml"
    path.write_text(yaml.safe_dump(rules))
    result = subprocess.run([promtool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr + "\n" + "\n".join(
        f"{i}: {query}" for i, query in enumerate(everything))
