"""Construction "a part of a group" (`ner.figures.reading._antecedent`, `part_of_group`, and the
relative-clause guard in `_reading`): in "N people, M of whom fled" the movement is the part's (M),
and the group (N) is a figure only when a verb of its own moves it. French ("dont M ont fui"):
`test_ner_french.py`. Every sentence here was written for this file."""

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
