"""Counts of one group said two ways. Every sentence here was written for this file.

Construction "a part of a group" (`ner.figures.reading._antecedent`, `part_of_group`, and the
relative-clause guard in `_reading`): in "N people, M of whom fled" the movement is the part's (M),
and the group (N) is a figure only when a verb of its own moves it. French ("dont M ont fui"):
`test_ner_french.py`.

Construction "a count that qualifies another" (`reading.qualified_count`): in "N people from M
families were evacuated" M says who the N are; the figure is N alone."""

from __future__ import annotations

import pytest

# (sentence, the part's count, the group's count): only the part moved.
PART_MOVED = [
    ("The floods affected over 90,000 people, 15,000 of whom were displaced.", 15000, 90000),
    ("The storm hit 7,000 families, about 2,000 of which were evacuated.", 2000, 7000),
    ("Some 800 houses were hit by the quake, 250 of which were destroyed.", 250, 800),
    ("The region is home to 60,000 residents, 4,000 of whom fled this week.", 4000, 60000),
]

# The group moved, and the part is said of it afterwards: both stay figures.
GROUP_MOVED = [
    ("The floods displaced 90,000 people, 15,000 of whom are sheltering in schools.", 90000),
    ("Troops evacuated 5,000 residents, 1,200 of whom were taken to camps.", 5000),
]


@pytest.mark.parametrize("sentence,part,group", PART_MOVED)
def test_only_the_part_of_a_group_moved(extract, sentence: str, part: int, group: int) -> None:
    counts = {f.quantity.max or f.quantity.min for f in extract(sentence).figures}
    assert part in counts and group not in counts, counts


@pytest.mark.parametrize("sentence,group", GROUP_MOVED)
def test_a_group_moved_by_its_own_verb_stays_a_figure(extract, sentence: str, group: int) -> None:
    counts = {f.quantity.max or f.quantity.min for f in extract(sentence).figures}
    assert group in counts, counts


QUALIFIED = [
    ("Some 2,150 persons from 540 families have been evacuated.", 2150, 540),
    ("About 1,700 people from 380 households were relocated to the school.", 1700, 380),
    ("Nearly 4,600 residents of 1,050 homes were evacuated overnight.", 4600, 1050),
    ("Troops evacuated 950 people from 210 houses near the river.", 950, 210),
]


@pytest.mark.parametrize("sentence,count,qualifier", QUALIFIED)
def test_a_count_that_says_who_another_count_is_is_no_figure(extract, sentence: str, count: int,
                                                             qualifier: int) -> None:
    counts = {f.quantity.max or f.quantity.min for f in extract(sentence).figures}
    assert count in counts and qualifier not in counts, counts


def test_two_groups_each_with_its_verb_stay_two_figures(extract) -> None:
    counts = {f.quantity.max or f.quantity.min
              for f in extract("Some 2,150 people were evacuated and 540 families were relocated.").figures}
    assert counts == {2150, 540}
