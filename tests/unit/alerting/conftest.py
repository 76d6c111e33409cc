"""Builders for enriched articles with invented wire copy (never text from real articles)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from alerting.lifecycle import SituationState, expire, observe
from alerting.rules import RuleSet, load_rules
from alerting.situations import situations_for
from wirewatch.contracts import (Article, Dateline, EnrichedArticle, Figure, Place,
                                 Quantity, Source, Span)

T0 = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)

# An invented country and governorate keep the tests off real places and real figures.
NORTH = dict(admin1="North Governorate", admin1_code="ZZ.04")
PLACES = {
    "gate": Place(name="Red Gate crossing", kind="crossing", country="ZZZ", **NORTH, lat=36.9, lon=37.1,
                  crossing_id="red-gate"),
    "border": Place(name="the northern border", kind="border", country="YYY", lat=37.0, lon=37.0),
    "millbrook": Place(name="Millbrook", kind="city", country="ZZZ", **NORTH, lat=36.6, lon=37.0,
                       geonames_id=9100001),
    "ashford": Place(name="Ashford", kind="city", country="ZZZ", **NORTH, lat=36.5, lon=36.9,
                     geonames_id=9100002),
    "north": Place(name="North Governorate", kind="admin1", country="ZZZ", **NORTH, lat=36.4, lon=37.2,
                   geonames_id=9100000),
    "yyy": Place(name="Yonderland", kind="country", country="YYY", lat=39.0, lon=35.0, geonames_id=9200000),
}


def quantity(low: int | None, high: int | None, text: str | None = None) -> Quantity:
    qualifier = "at_most" if low is None else ("exact" if low == high else "range")
    return Quantity(min=low, max=high, qualifier=qualifier, text=text or f"{low or ''}-{high or ''}")


def figure(people: int | tuple[int | None, int | None], place: str | None, *, category: str = "displacement",
           term: str = "displaced", additive: bool = False, cumulative: bool = False, unit: str = "person",
           role: str = "in", sentence: str | None = None, reported_by: str | None = "the relief agency",
           n: int = 0) -> Figure:
    low, high = people if isinstance(people, tuple) else (people, people)
    where = PLACES[place].model_copy(update={"mention": PLACES[place].name, "mention_span": Span(start=0, end=5), "mention_role": role}) if place else None
    text = sentence or f"Some {high or low} people were {term} near {where.name if where else 'somewhere'}."
    return Figure(figure_id=f"f{n}", quantity=quantity(low, high), unit=unit, term=term, category=category,
                  additive=additive, cumulative=cumulative, sentence=text, span=Span(start=0, end=4),
                  place=where, reported_by=reported_by)


def article(name: str, figures: list[Figure], *, at: datetime = T0, provider: str = "Wire A",
            places: list[str] = ()) -> EnrichedArticle:
    article_id = hashlib.sha256(name.encode()).hexdigest()[:16]
    figures = [f.model_copy(update={"figure_id": f"f{i}"}) for i, f in enumerate(figures)]
    body = " ".join(f.sentence for f in figures) or "Nothing happened."
    return EnrichedArticle(
        article_id=article_id,
        article=Article(article_id=article_id, headline=name, body=body, received_at=at, published_at=at,
                        url=f"https://news.example/{name}", dateline=Dateline(text="CITY (X) -", provider=provider),
                        sources=[Source(provider=provider, url=f"https://news.example/{name}")]),
        figures=figures,
        places=[PLACES[p] for p in places],
        model="test",
        enriched_at=at,
    )


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules()


@pytest.fixture
def wire() -> SimpleNamespace:
    """The builders, for tests: wire.article(...), wire.figure(...), wire.at(hours after T0)."""
    return SimpleNamespace(article=article, figure=figure, T0=T0, at=lambda hours: T0 + timedelta(hours=hours))


class Table:
    """The app's table and routing in memory: states stored as the JSON bytes faust would keep."""

    def __init__(self, rules: RuleSet, sides: dict[str, tuple[str, ...]] | None = None) -> None:
        self.rules, self.sides = rules, sides if sides is not None else {"red-gate": ("ZZZ", "YYY")}
        self.data: dict[str, bytes] = {}
        self.events: list = []

    def feed(self, *articles: EnrichedArticle, now: datetime | None = None) -> list:
        emitted = []
        for enriched in articles:
            for observation in situations_for(enriched, self.rules, self.sides):
                state = SituationState.loads(self.data.get(observation.key))
                state, events = observe(state, observation, self.rules.get(observation.rule),
                                        now or enriched.article.received_at)
                self.data[observation.key] = state.dumps()
                emitted += events
        self.events += emitted
        return emitted

    def tick(self, now: datetime) -> list:
        emitted = []
        for key, value in sorted(self.data.items()):
            state = SituationState.loads(value)
            state, events = expire(state, self.rules.get(state.rule), now)
            self.data[key] = state.dumps()
            emitted += events
        self.events += emitted
        return emitted

    def state(self, key: str):
        return SituationState.loads(self.data[key])


@pytest.fixture
def table(rules: RuleSet) -> Table:
    return Table(rules)


@pytest.fixture
def make_table(rules: RuleSet):
    return lambda: Table(rules)
