"""The estimate: one honest number for a situation from many overlapping news reports.

News repeats itself: ten outlets carrying OCHA's "up to 20,000" are one figure with ten
sources, not 200,000 people. The rule, applied to the reports still inside the rule's window:

1. Per place, the **base figure** is the number reported by the most independent articles
   in the latest news cycle (reports published within 24 hours of the place's newest one);
   ties go to the most recent report, then the larger number. Other numbers are not added;
   figures from an earlier cycle describe an earlier moment of a moving situation and are
   superseded, so "6,000" from two outlets on Monday gives way to "26,000" on Wednesday.
2. **Additive** reports ("another 10,000") add to the base when they are not older than the
   base's latest report (an older increment is taken as already inside a newer total). The
   same increment carried by several articles within a day counts once.
3. Across places: figures counted at distinct towns, camps or crossings are different people
   and are summed. A figure for the whole area (the admin1 or country itself) or for a place
   people fled from ("fled the towns of X and Y") already covers those towns, so it is
   compared, not added: the estimate is the larger of the biggest such figure and the sum.

`sources` counts the distinct articles behind the figures that make up the estimate. Times
here are when a report was published (received, when the article has no date).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from alerting.situations import Report

NEWS_CYCLE = timedelta(hours=24)
SAME_INCREMENT = timedelta(hours=24)
MAX_EVIDENCE = 20


@dataclass(frozen=True)
class Claim:
    """One number at one place and the reports that gave it."""

    people: int
    min: int | None
    max: int | None
    reports: tuple[Report, ...]

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(r.article_id for r in self.reports)


@dataclass(frozen=True)
class PlaceEstimate:
    place_key: str
    place_name: str
    umbrella: bool
    base: Claim | None
    increments: tuple[Claim, ...] = ()

    @property
    def claims(self) -> tuple[Claim, ...]:
        return ((self.base,) if self.base else ()) + self.increments

    @property
    def people(self) -> int:
        return sum(c.people for c in self.claims)


@dataclass(frozen=True)
class Estimate:
    people: int
    min: int | None
    max: int | None
    places: tuple[PlaceEstimate, ...] = field(default=())

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(r for p in self.places for c in p.claims for r in c.reports)

    @property
    def sources(self) -> int:
        return len({r.article_id for r in self.reports})

    def evidence(self, limit: int = MAX_EVIDENCE) -> list[Report]:
        """Supporting reports, newest first, one per article sentence."""
        seen: set[tuple[str, str]] = set()
        chosen = []
        for report in newest_first(self.reports):
            if (report.article_id, report.sentence) in seen:
                continue
            seen.add((report.article_id, report.sentence))
            chosen.append(report)
        return chosen[:limit]


EMPTY = Estimate(people=0, min=None, max=None)


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Newest report first; within one moment, in the order the articles told them."""
    return sorted(sorted(reports, key=lambda r: (r.article_id, r.figure_id)), key=lambda r: r.recency, reverse=True)


def estimate(reports: Iterable[Report]) -> Estimate:
    by_place: dict[tuple[str, bool], list[Report]] = defaultdict(list)
    for report in reports:
        by_place[(report.place_key, report.umbrella)].append(report)
    places = [place_estimate(group) for _, group in sorted(by_place.items())]
    located = [p for p in places if not p.umbrella and p.people > 0]
    areas = [p for p in places if p.umbrella and p.people > 0]
    located_total = sum(p.people for p in located)
    widest = max(areas, key=lambda p: (p.people, p.place_key), default=None)
    chosen = [widest] if widest is not None and widest.people > located_total else located
    if not chosen:
        return EMPTY
    claims = [c for p in chosen for c in p.claims]
    return Estimate(
        people=sum(c.people for c in claims),
        min=_total(c.min for c in claims),
        max=_total(c.max for c in claims),
        places=tuple(chosen),
    )


def place_estimate(reports: Sequence[Report]) -> PlaceEstimate:
    first = reports[0]
    base = best_supported([r for r in reports if not r.additive])
    since = max(r.recency for r in base.reports) if base else None
    increments = _increments([r for r in reports if r.additive and (since is None or r.recency >= since)])
    return PlaceEstimate(first.place_key, first.place_name, first.umbrella, base, increments)


def best_supported(reports: Sequence[Report]) -> Claim | None:
    """The number most independent articles gave in the latest news cycle; ties: the most recent, then the larger."""
    if not reports:
        return None
    newest = max(r.recency for r in reports)
    by_number: dict[int, list[Report]] = defaultdict(list)
    for report in (r for r in reports if r.recency > newest - NEWS_CYCLE):
        by_number[report.people].append(report)

    def support(item: tuple[int, list[Report]]):
        people, group = item
        return (len({r.article_id for r in group}), max(r.recency for r in group), people)

    people, group = max(by_number.items(), key=support)
    return _claim(people, group)


def _increments(reports: Sequence[Report]) -> tuple[Claim, ...]:
    clusters: list[list[Report]] = []
    for report in sorted(reports, key=lambda r: (r.recency, r.article_id, r.figure_id)):
        same = next((c for c in clusters if c[0].people == report.people
                     and report.recency - c[0].recency <= SAME_INCREMENT
                     and report.article_id not in {r.article_id for r in c}), None)
        if same is None:
            clusters.append([report])
        else:
            same.append(report)
    return tuple(_claim(c[0].people, c) for c in clusters)


def _claim(people: int, group: Sequence[Report]) -> Claim:
    latest = max(group, key=lambda r: (r.recency, r.article_id, r.figure_id))
    return Claim(people=people, min=latest.min, max=latest.max, reports=tuple(group))


def _total(values: Iterable[int | None]) -> int | None:
    values = list(values)
    return None if not values or any(v is None for v in values) else sum(values)
