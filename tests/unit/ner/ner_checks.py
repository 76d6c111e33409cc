"""Assertions shared by the NER tests."""

from __future__ import annotations


def bounds(figure) -> tuple[int | None, int | None]:
    return figure.quantity.min, figure.quantity.max


def only(figures, **want):
    """The one figure whose fields equal `want` (quantity bounds as `bounds=(min, max)`)."""
    hits = [f for f in figures if all((bounds(f) if k == "bounds" else getattr(f, k)) == v for k, v in want.items())]
    assert len(hits) == 1, f"expected one figure with {want}, got {[(bounds(f), f.term, f.category) for f in figures]}"
    return hits[0]
