"""Construction "a border as the way out" (`ner.figures.reading._category`,
`ner.figures.modality._crosses_border`): a border word makes a flow cross-border when it is where
the people went or what they crossed, not when it names where they left from or qualifies another
place ("border villages", "frontier districts"). Every sentence here was written for this file."""

from __future__ import annotations

import pytest

# The border is where they came from, or a word for a kind of place: the flow stays in the country.
INSIDE = [
    "Troops moved some 2,300 residents out of the border villages on Friday.",
    "About 1,800 families were evacuated from border areas after the shelling.",
    "Some 4,000 people fled the frontier districts for the provincial capital.",
    "Nearly 900 villagers were relocated from the border zone to camps further inland.",
    "Some 1,200 residents fled border communities near Kessala this week.",
]

# The border is where they went, or what they crossed.
ACROSS = [
    "About 3,000 people crossed the border into Orvania overnight.",
    "Some 1,500 families fled across the border on Sunday.",
    "More than 2,000 people were forced across the frontier by the fighting.",
    "Nearly 700 people fled abroad after the coup.",
]


@pytest.mark.parametrize("sentence", INSIDE)
def test_a_border_of_origin_or_a_border_place_keeps_the_flow_inside(extract, sentence: str) -> None:
    figures = extract(sentence).figures
    assert len(figures) == 1, figures
    assert figures[0].category == "displacement"


@pytest.mark.parametrize("sentence", ACROSS)
def test_a_border_crossed_or_reached_makes_the_flow_cross_border(extract, sentence: str) -> None:
    figures = extract(sentence).figures
    assert len(figures) == 1, figures
    assert figures[0].category == "cross_border"
