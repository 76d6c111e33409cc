"""A sentence whose figure only a construction reads: its predicate is a cue of the parse
(`lexicon.PARSE_STEMS`) but no word of the word rules (`lexicon.TRIGGER_STEMS`), so the word rules
never look at it and `figures.extract_figures` hands it to the parse alone. Every sentence here
was written for this file."""

from __future__ import annotations

import pytest

from ner_checks import bounds

READ_BY_CONSTRUCTIONS = [
    ("About 2,00,000 people have been shifted to safer places in the district.", 200000, "relocated"),
    ("Some 3,400 residents were shifted to higher ground overnight.", 3400, "relocated"),
    ("About 2,000 people have been transferred to safer places.", 2000, "relocated"),
    ("Officials transferred 650 families to a school building.", 650, "relocated"),
]

# Near-misses: the same verbs of things, money and staff.
NOTHING = [
    "The company shifted 3,000 jobs to its new plant.",
    "The bank transferred 2,000 dollars to the account.",
    "About 400 officers were transferred to other districts.",
]


@pytest.mark.parametrize("sentence,count,term", READ_BY_CONSTRUCTIONS)
def test_a_sentence_only_a_construction_reads_gives_its_figure(extract, sentence: str, count: int,
                                                               term: str) -> None:
    figures = extract(sentence).figures
    assert len(figures) == 1, figures
    assert count in bounds(figures[0]) and figures[0].term == term and figures[0].rule != "words"


@pytest.mark.parametrize("sentence", NOTHING)
def test_verbs_of_moving_things_give_nothing(extract, sentence: str) -> None:
    assert extract(sentence).figures == []
