"""One readable line per alert event, for a person watching `make run` or `wirewatch alerts`:

    2026-12-07 08:14:03Z  NEW        medium    border_crossing      Bab al-Hawa (crossing, SYR)  ~15,000 people
      2 sources  "As many as 15,000 people were waiting at the Bab al-Hawa crossing on Monday."

(one line; wrapped here). Scripts read the raw events with `wirewatch alerts --json`.
"""

from __future__ import annotations

import json

EVIDENCE_CHARS = 160


def _time(value: str | None) -> str:
    """ISO 8601 UTC as '2026-12-07 08:14:03Z' (seconds are enough for a person)."""
    if not value:
        return "-"
    text = value.replace("T", " ")
    for suffix in ("+00:00", "Z"):
        text = text.removesuffix(suffix)
    return text.split(".", 1)[0] + "Z"


def _place(place: dict) -> str:
    name = place.get("name") or "?"
    kind = place.get("kind")
    country = place.get("country")
    where = ", ".join(part for part in (kind if kind != "country" else None, country) if part)
    return f"{name} ({where})" if where else name


def _estimate(figure: dict) -> str:
    """The number the rule compared with its thresholds; else the figure's range as reported."""
    unit = "households" if figure.get("unit") == "household" else "people"
    estimate, low, high = figure.get("estimate"), figure.get("min"), figure.get("max")
    if estimate is not None:
        return f"~{estimate:,} {unit}"
    if low is not None and high is not None and low != high:
        return f"{low:,}-{high:,} {unit}"
    if high is not None:
        return f"up to {high:,} {unit}" if low is None else f"{high:,} {unit}"
    if low is not None:
        return f"at least {low:,} {unit}"
    return f"? {unit}"


def _sentence(evidence: list) -> str:
    sentence = " ".join(str(evidence[0].get("sentence") or "").split()) if evidence else ""
    if len(sentence) > EVIDENCE_CHARS:
        sentence = sentence[:EVIDENCE_CHARS - 1].rstrip() + "…"
    return f'"{sentence}"' if sentence else "(no evidence)"


def format_alert(event: dict) -> str:
    """time, status, severity, rule, place with its country, estimate, sources, first evidence sentence."""
    sources = event.get("sources_count") or 0
    return "  ".join([
        _time(event.get("emitted_at")),
        f"{str(event.get('status', '?')).upper():<9}",
        f"{event.get('severity', '?'):<8}",
        f"{event.get('rule', '?'):<19}",
        _place(event.get("place") or {}),
        _estimate(event.get("figure") or {}),
        f"{sources} source{'s' if sources != 1 else ''}",
        _sentence(event.get("evidence") or []),
    ])


def format_line(raw: str) -> str:
    """A message of the alerts topic as a readable line; anything that is not an alert event as it came."""
    try:
        event = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(event, dict) or "rule" not in event:
        return raw
    return format_alert(event)
