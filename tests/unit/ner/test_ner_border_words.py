"""Construction "a border as the way out" (`ner.figures.reading._category`, `clause_places._border_crossed`,
`ner.figures.modality._crosses_border`): a border word makes a flow cross-border when it is where
the people went or what they crossed, not when it names where they left from or qualifies another
place ("border villages", "frontier districts") or what drove them out ("border clashes").

Construction "a border as context" (`ner.figures.clause_places._near_to`, `ner.figures.parsed._border_as_context`):
a border named only as where things lie ("close to the border with B", "near the frontier") leaves
the flow inside the country, counted at the place the clause names with "in"; people gathered or
stranded near a border are still at it. Every sentence here was written for this file."""

from __future__ import annotations

import pytest

# The border is where they came from, or a word for a kind of place: the flow stays in the country.
INSIDE = [
    "Troops moved some 2,300 residents out of the border villages on Friday.",
    "About 1,800 families were evacuated from border areas after the shelling.",
    "Some 4,000 people fled the frontier districts for the provincial capital.",
    "Nearly 900 villagers were relocated from the border zone to camps further inland.",
    "Some 1,200 residents fled border communities near Kessala this week.",
    # the border word names what drove them out (`lexicon.BORDER_CAUSE_NOUNS`)
    "Nearly 2,000 people fled their homes in Tellmoor after border clashes with Orvania.",
    "Border fighting with Orvania displaced some 5,000 residents of Tellmoor.",
    "About 3,000 villagers were evacuated from Tellmoor after a border dispute flared.",
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


# The border only says where the place lies: a flow inside the country, at the "in" place if any.
CONTEXT = [
    ("About 6,000 people were displaced in Kunar province, close to the border with Pakistan.", "Kunar province"),
    ("Some 2,500 families fled their homes in Orvani district near the border with Kessalia.", "Orvani district"),
    ("Nearly 900 residents were evacuated in Tillaberi region, next to the frontier with Mali.", "Tillaberi region"),
    ("In Kayin state, near the Thai border, some 3,000 villagers were uprooted this week.", "Kayin state"),
    ("Some 1,400 villagers fled their homes close to the Turkish border.", None),
    ("More than 700 people were displaced near Pakistan's border in Kunar province.", "Kunar province"),
]

# Near-misses: gathered or stranded near the border is at it; fleeing to it or across it crosses.
STILL_ACROSS = [
    "Up to 12,000 people have gathered near the border crossing with Orvania.",
    "Some 3,000 people are stranded close to the frontier with Kessalia.",
    "About 1,100 villagers fled to the border with Pakistan.",
    "Some 2,200 people fled across the border near the town of Orvani.",
]


@pytest.mark.parametrize("sentence,place", CONTEXT)
def test_a_border_named_as_context_keeps_the_flow_inside(extract, sentence: str, place: str | None) -> None:
    figures = extract(sentence).figures
    assert len(figures) == 1, figures
    assert figures[0].category == "displacement"
    roles = {(m.text, m.role) for m in figures[0].place_mentions}
    assert any(role == "near" and ("border" in text.lower() or "frontier" in text.lower())
               for text, role in roles), roles
    if place is not None:
        assert figures[0].place_mention is not None and figures[0].place_mention.text in place, figures[0].place_mention


@pytest.mark.parametrize("sentence", STILL_ACROSS)
def test_a_border_where_people_are_or_went_stays_cross_border(extract, sentence: str) -> None:
    figures = extract(sentence).figures
    assert len(figures) == 1, figures
    assert figures[0].category == "cross_border"
