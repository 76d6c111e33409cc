"""The dashboards against Grafana's own schema: a Go program strictly unmarshals each with the
types of github.com/grafana/grafana-foundation-sdk (generated from Grafana's schemas; Grafana
itself cannot be installed here). Broken dashboards must fail it."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest

from grafana_queries import DASHBOARDS

pytestmark = pytest.mark.unit

CHECK = Path(__file__).parent / "grafana_schema" / "grafana-schema-check"
SITUATION = next(path for path in DASHBOARDS if path.name == "situation.json")


def run_check(*paths: Path) -> subprocess.CompletedProcess:
    if not CHECK.is_file():
        pytest.fail(f"{CHECK} is not built: run `make grafana-tools`", pytrace=False)
    return subprocess.run([str(CHECK), *map(str, paths)], capture_output=True, text=True, timeout=60)


def test_every_dashboard_matches_grafanas_schema():
    result = run_check(*DASHBOARDS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": valid") == len(DASHBOARDS)


def _geomap(dashboard: dict) -> dict:
    return next(panel for panel in dashboard["panels"] if panel["type"] == "geomap")


def _without_geomap_fields(board: dict) -> None:
    for key in ("view", "controls", "basemap", "layers"):
        del _geomap(board)["options"][key]


def _wrong_type(board: dict) -> None:
    board["panels"][0]["gridPos"]["h"] = "eight"


def _unknown_key(board: dict) -> None:
    _geomap(board)["options"]["view"]["zoomm"] = 3


def _unknown_query_field(board: dict) -> None:
    board["panels"][0]["targets"][0]["exprr"] = "up"


def _unchecked_panel_type(board: dict) -> None:
    board["panels"][0]["type"] = "piechart"


@pytest.mark.parametrize("breaks, expected", [
    (_without_geomap_fields, "options.layers: required field is missing from input"),
    (_wrong_type, "gridPos.h: json: cannot unmarshal string"),
    (_unknown_key, "options.view.MapViewConfig: unexpected field 'zoomm'"),
    (_unknown_query_field, "targets[0].Dataquery: unexpected field 'exprr'"),
    (_unchecked_panel_type, 'type "piechart" has no schema registered'),
], ids=["geomap-without-required-fields", "wrong-type", "unknown-key", "unknown-query-field", "unchecked-panel-type"])
def test_a_broken_dashboard_fails(tmp_path, breaks, expected):
    board = copy.deepcopy(json.loads(SITUATION.read_text()))
    breaks(board)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(board))
    result = run_check(SITUATION, path)
    assert result.returncode == 1, result.stdout
    assert f"{SITUATION}: valid" in result.stdout and f"{path}: INVALID" in result.stdout
    assert expected in result.stdout, result.stdout
