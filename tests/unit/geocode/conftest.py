"""Geocode fixtures: the built gazetteer (built into a temp dir when `make setup` has not run) and a
small helper that turns a sentence plus marked entities and figures into an ExtractedArticle."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pytest

from geocode.gazetteer import DEFAULT_PATH, Gazetteer, build
from ner.cued_places import cued_places
from wirewatch.contracts import Article, Entity, ExtractedArticle, Figure, PlaceMention, Quantity, Span


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory):
    if DEFAULT_PATH.exists():
        return DEFAULT_PATH
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build(path)
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path) -> Gazetteer:
    return Gazetteer(gazetteer_path)


def _find(body: str, text: str, occurrence: int = 0) -> int:
    starts = [m.start() for m in re.finditer(re.escape(text), body)]
    assert len(starts) > occurrence, f"{text!r} not in the test body"
    return starts[occurrence]


def _sentence(body: str, at: int) -> tuple[int, int]:
    start = max(body.rfind(". ", 0, at), body.rfind("\n", 0, at))
    start = 0 if start < 0 else start + (2 if body[start] == "." else 1)
    end = body.find(". ", at)
    return start, len(body) if end < 0 else end + 1


@pytest.fixture
def make_article() -> Callable[..., ExtractedArticle]:
    """make_article(body, entities=[(text, label)], figures=[(quantity text, place mention text or None)])."""

    def make(body: str, entities: Sequence[tuple[str, str]] = (),
             figures: Sequence[tuple[str, str | None]] = (), headline: str = "") -> ExtractedArticle:
        ents = []
        for text, label in entities:
            for match in re.finditer(re.escape(text), body):
                ents.append(Entity(text=text, label=label, start=match.start(), end=match.end()))
        figs = []
        for number, (quantity, mention) in enumerate(figures):
            at = _find(body, quantity)
            lo, hi = _sentence(body, at)
            place_mention = None
            if mention is not None:
                m_at = body.index(mention, lo)
                place_mention = PlaceMention(text=mention, start=m_at, end=m_at + len(mention), role="in")
            figs.append(Figure(figure_id=f"f{number}", quantity=Quantity(max=1000, qualifier="exact", text=quantity),
                               unit="person", term="displaced", category="displacement", sentence=body[lo:hi],
                               span=Span(start=at, end=at + len(quantity)), place_mention=place_mention))
        article = Article(article_id="a1", source_id="s1", headline=headline, body=body,
                          received_at=datetime(2024, 1, 1, tzinfo=UTC))
        # The names the tagger missed come marked by ner, as they would from the service.
        return ExtractedArticle(article=article, entities=ents, figures=figs, cued_places=cued_places(body, ents),
                                model="test",
                                extracted_at=datetime(2024, 1, 1, tzinfo=UTC))

    return make
