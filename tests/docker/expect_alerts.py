"""Exit 0 when the alert events in FILE (JSON lines) hold every expected situation, given as
`border_crossing:<part of the crossing's name>` or `admin1:<admin1 name>`, and every alert has
coordinates and evidence and feeds on movement only (never a stock or a death toll)."""

from __future__ import annotations

import json
import sys


def main(path: str, expected: list[str]) -> int:
    alerts = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    problems = []
    for item in expected:
        kind, _, name = item.partition(":")
        if kind == "border_crossing":
            found = [a for a in alerts if a["place"]["kind"] == "crossing" and name.lower() in a["place"]["name"].lower()]
        else:
            found = [a for a in alerts if a["place"]["kind"] == "admin1" and a["place"]["name"].lower() == name.lower()]
        if not found:
            problems.append(f"no {kind} alert for {name}")
    for alert in alerts:
        place = alert["place"]
        if place["lat"] is None or place["lon"] is None:
            problems.append(f"{place['name']}: no coordinates")
        if not alert["evidence"] or alert["figure"]["category"] not in ("displacement", "cross_border"):
            problems.append(f"{place['name']}: no evidence or a figure that is not movement")
    print(f"{len(alerts)} alert events; expected {', '.join(expected)}: {'; '.join(problems) or 'all there'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
