"""`wirewatch alerts` (and so `make run`) speaks to a person: one readable line per event."""

from __future__ import annotations

import json

from wirewatch.alertlines import format_alert, format_line

EVENT = {
    "alert_id": "a1", "event_id": "e1", "rule": "admin1_displacement", "severity": "high", "status": "escalated",
    "place": {"name": "Varnia", "kind": "admin1", "country": "XVA", "lat": 1.5, "lon": 2.5},
    "figure": {"min": 10000, "max": 12000, "unit": "person", "category": "displacement", "estimate": 12000},
    "sources_count": 3, "window_start": "2026-12-07T06:00:00Z", "window_end": "2026-12-07T12:00:00Z",
    "emitted_at": "2026-12-07T08:14:03.512+00:00",
    "evidence": [{"article_id": "x", "sentence": "Fighting has forced more than 12,000 people\nto flee Varnia."},
                 {"article_id": "y", "sentence": "A second sentence."}],
}


def test_one_line_with_every_part():
    line = format_alert(EVENT)
    assert "\n" not in line
    assert line.startswith("2026-12-07 08:14:03Z  ESCALATED  high      admin1_displacement")
    assert "Varnia (admin1, XVA)" in line and "~12,000 people" in line and "3 sources" in line
    assert line.endswith('"Fighting has forced more than 12,000 people to flee Varnia."')


def test_without_an_estimate_the_reported_range_and_a_long_sentence_is_cut():
    event = {**EVENT, "figure": {"min": None, "max": 15000, "unit": "household", "category": "cross_border"},
             "sources_count": 1, "place": {"name": "Chad", "kind": "country", "country": "TCD"},
             "evidence": [{"article_id": "x", "sentence": "word " * 100}]}
    line = format_alert(event)
    assert "Chad (TCD)" in line and "up to 15,000 households" in line and "1 source " in line
    assert line.endswith('…"') and len(line) < 300


def test_what_is_not_an_alert_event_is_printed_as_it_came():
    assert format_line("{not json") == "{not json"
    assert format_line('{"other": 1}') == '{"other": 1}'
    assert format_line(json.dumps(EVENT)) == format_alert(EVENT)
