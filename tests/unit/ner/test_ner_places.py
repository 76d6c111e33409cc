"""Place mentions ner attaches to figures. Sentences are invented for these tests."""

from __future__ import annotations


def test_a_currency_is_no_place(extract):
    body = ("Floods hit Hunan province on Monday. The water forced 20,000 people to evacuate and caused "
            "losses of 50 million U.S. dollars, officials said.")
    ex = extract(body)
    figures = [f for f in ex.figures if f.quantity.max == 20000]
    assert figures
    for figure in figures:
        assert figure.place_mention is None or "U.S" not in figure.place_mention.text
