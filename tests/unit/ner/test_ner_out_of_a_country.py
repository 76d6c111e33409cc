"""Construction "out of a country" (`ner.figures.parsed._out_of_a_country`): a whole country as the
origin and another place as the destination is a move across a border, counted where it went.
Every sentence here was written for this file."""

from __future__ import annotations

import pytest

LEAVING = [
    ("Some 2,500 families were forced from Pakistan into Nangarhar province this week.", "Nangarhar"),
    ("Nearly 900 people were displaced from Syria into Hatay after the shelling.", "Hatay"),
    ("About 4,000 people fled from Mali to Bassikounou in recent days.", "Bassikounou"),
    ("More than 1,300 villagers were driven from Myanmar into Cox's Bazar district.", "Cox's Bazar"),
]


@pytest.mark.parametrize("sentence, destination", LEAVING)
def test_a_flow_out_of_a_country_is_counted_where_it_went(extract, sentence: str, destination: str) -> None:
    figures = extract(sentence).figures
    assert len(figures) == 1
    figure = figures[0]
    assert figure.category == "cross_border"
    assert figure.place_mention is not None and figure.place_mention.text.startswith(destination)
    roles = {m.role for m in figure.place_mentions}
    assert {"from"} <= roles and roles & {"to", "toward"}


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # A town, not a country, as the origin: new displacement, counted where it started.
        ("About 3,000 people were displaced from Marivan to Sanandaj last week.", "Marivan"),
        ("Some 1,700 residents were evacuated from Kessala to the regional capital.", "Kessala"),
    ],
)
def test_a_flow_out_of_a_town_stays_where_it_started(extract, sentence: str, origin: str) -> None:
    figure = extract(sentence).figures[0]
    assert figure.category == "displacement"
    assert figure.place_mention is not None and figure.place_mention.text.startswith(origin)


def test_a_country_with_no_destination_changes_nothing(extract) -> None:
    figure = extract("About 5,000 people have fled from Sudan since the spring.").figures[0]
    assert figure.category == "displacement"
