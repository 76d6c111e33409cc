"""Quantity expressions read from words, without the model."""

from __future__ import annotations

import pytest

from ner.quantities import find_quantities, split_words


def read(text: str) -> list[tuple[int | None, int | None, str, bool]]:
    words = split_words(text)
    return [(q.min, q.max, q.qualifier, q.additive) for q in find_quantities(words)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("some 3,400 residents", (3400, 3400, "approximate", False)),
        ("up to 18,000 villagers", (None, 18000, "at_most", False)),
        ("as many as 900 families", (None, 900, "at_most", False)),
        ("more than 1,250 people", (1250, None, "at_least", False)),
        ("at least 75 civilians", (75, None, "at_least", False)),
        ("another 2,000 people", (2000, 2000, "exact", True)),
        ("a further 600 households", (600, 600, "exact", True)),
        ("about another 4,100 people", (4100, 4100, "approximate", True)),
        ("between 7,000 and 9,500 people", (7000, 9500, "range", False)),
        ("another 3,000 to 6,000 people", (3000, 6000, "range", True)),
        ("12,000-15,000 people", (12000, 15000, "range", False)),
        ("2 to 3 million people", (2_000_000, 3_000_000, "range", False)),
        ("1.2 million people", (1_200_000, 1_200_000, "exact", False)),
        ("2.6m people", (2_600_000, 2_600_000, "exact", False)),
        ("3.5 lakh people", (350_000, 350_000, "exact", False)),
        ("70 000 people", (70000, 70000, "exact", False)),
        ("twenty-five families", (25, 25, "exact", False)),
        ("half a million people", (500_000, 500_000, "exact", False)),
        ("tens of thousands of people", (10000, 99999, "vague", False)),
        ("hundreds of thousands of people", (100_000, 999_999, "vague", False)),
        ("several thousand people", (1000, 9999, "vague", False)),
        ("a few hundred people", (100, 999, "vague", False)),
        ("thousands of people", (1000, 9999, "vague", False)),
        ("hundreds of families", (100, 999, "vague", False)),
    ],
)
def test_reads_bounds_and_qualifier(text: str, expected: tuple) -> None:
    assert read(text)[0] == expected


def test_glued_pdf_words_keep_the_number() -> None:
    words = split_words("about 8,500people were moved")
    assert [w.text for w in words[:3]] == ["about", "8,500", "people"]
    assert read("about 8,500people were moved")[0][:2] == (8500, 8500)


def test_a_scale_word_glued_to_its_noun_keeps_its_scale() -> None:
    assert [w.text for w in split_words("1.4 millionpeople fled")] == ["1.4", "million", "people", "fled"]
    assert read("some 1.4 millionpeople fled")[0][:2] == (1_400_000, 1_400_000)
    assert [w.text for w in split_words("a millionaire and a thousandfold rise")][:2] == ["a", "millionaire"]


def test_two_quantities_in_one_sentence_do_not_merge() -> None:
    found = read("300 houses were destroyed and 1,100 damaged")
    assert [(lo, hi) for lo, hi, _, _ in found] == [(300, 300), (1100, 1100)]


def test_a_scale_word_alone_is_not_a_number() -> None:
    assert read("the m road and the k line") == []
