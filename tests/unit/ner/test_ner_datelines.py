"""Datelines are split into place and provider; ordinary openings are left alone."""

from __future__ import annotations

import pytest

from ner.datelines import parse_dateline


@pytest.mark.parametrize(
    ("body", "place", "provider", "rest"),
    [
        ("NAIROBI (AFP) - Heavy rain has...", "Nairobi", "AFP", "Heavy rain has..."),
        ("Kampala (Reuters) – Officials said...", "Kampala", "Reuters", "Officials said..."),
        ("DHAKA, Sept. 14 (Xinhua) -- Floods have...", "Dhaka", "Xinhua", "Floods have..."),
        ("GOMA: Fighting resumed...", "Goma", None, "Fighting resumed..."),
        ("PORT-AU-PRINCE - Aid arrived...", "Port-Au-Prince", None, "Aid arrived..."),
    ],
)
def test_datelines(body: str, place: str, provider: str | None, rest: str) -> None:
    dateline, cut = parse_dateline(body)
    assert dateline is not None
    assert (dateline.place, dateline.provider) == (place, provider)
    assert body[cut:] == rest
    assert body.startswith(dateline.text)


@pytest.mark.parametrize(
    "body",
    [
        "Heavy rain - the worst in years - flooded the valley.", "UPDATE: the road is closed.",
        "Mirwah was quiet on Monday.", "Aid workers said: we need more tents.",
    ],
)
def test_not_datelines(body: str) -> None:
    assert parse_dateline(body) == (None, 0)
