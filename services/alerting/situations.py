"""Routing: which situations an enriched article's figures speak about.

A situation is one rule applied to one place key ("border_crossing/crossing:bab-al-salama",
"displacement_admin1/admin1:SY.09"). Each figure becomes a `Report`, the plain record a
situation keeps; the reports of one article for one situation travel together as an
`Observation`, so that the article is counted once however many of its sentences repeat the figure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from alerting.rules import Rule, RuleSet
from wirewatch.contracts import AlertPlace, Category, EnrichedArticle, Figure, Place, Term, Unit

# Mention roles that name an area the people left or are around, not where they were counted.
_AREA_ROLES = frozenset({"from", "near", "context"})
# Terms that count people where they were received; with "in"/"at" the place is their destination.
_RECEIVED_TERMS = frozenset({"refugee", "asylum_seeker", "sheltered", "in_relief_camp"})


class Report(BaseModel):
    """One figure from one article, as a situation remembers it (JSON-serialisable)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    article_id: str
    figure_id: str
    place_key: str
    place_name: str
    umbrella: bool
    people: int
    min: int | None
    max: int | None
    unit: Unit
    category: Category
    term: Term
    additive: bool
    reported_at: datetime
    published_at: datetime | None = None
    sentence: str
    quantity_text: str
    provider: str | None = None
    url: str | None = None
    reported_by: str | None = None

    @property
    def recency(self) -> datetime:
        return self.published_at or self.reported_at


class Observation(BaseModel):
    """What one article says about one situation: the unit a situation's state advances by."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    key: str
    rule: str
    place: AlertPlace
    article_id: str
    reports: tuple[Report, ...]


def situations_for(
    enriched: EnrichedArticle, rules: RuleSet, crossing_sides: Mapping[str, tuple[str, ...]] | None = None,
    area_points: Mapping[tuple[str, str], tuple[float, float]] | None = None,
) -> list[Observation]:
    """Every (situation, reports) this article feeds, in a stable order.

    `crossing_sides` maps a crossing_id to the countries it joins (the curated crossings file),
    for places that do not carry `countries`; a crossing whose sides are unknown names no
    destination country and feeds only its own rule. `area_points` gives the point of an admin1
    area or country the article did not name itself (`geocode.gazetteer.area_points`).
    """
    grouped: dict[str, tuple[Rule, AlertPlace, list[Report]]] = {}
    for rule in rules.rules:
        for figure in enriched.figures:
            routed = _route(figure, rule, enriched, crossing_sides or {}, area_points or {})
            if routed is None:
                continue
            key, place, umbrella = routed
            report = _report(figure, enriched, umbrella, rule)
            if report is None:
                continue
            entry = grouped.setdefault(f"{rule.name}/{key}", (rule, place, []))
            entry[2].append(report)
    return [
        Observation(key=key, rule=rule.name, place=place, article_id=enriched.article_id, reports=tuple(reports))
        for key, (rule, place, reports) in grouped.items()
    ]


def _route(figure: Figure, rule: Rule, enriched: EnrichedArticle, crossing_sides: Mapping[str, tuple[str, ...]],
           area_points: Mapping[tuple[str, str], tuple[float, float]]) -> tuple[str, AlertPlace, bool] | None:
    place = figure.place
    if place is None or figure.cumulative or figure.category not in rule.categories:
        return None
    if place.kind not in (rule.place_kinds or ()):
        return None
    role = place.mention_role if place.mention_role else (figure.place_mention.role if figure.place_mention else "in")
    if rule.group_by == "crossing":
        if place.kind not in ("crossing", "border"):
            return None
        return place_key(place), _alert_place(place), False
    if rule.group_by == "admin1":
        code = place.admin1_code
        if not code:
            return None
        area = _area_place(enriched, "admin1", lambda p: p.admin1_code == code)
        if place.kind == "admin1":
            area = area or place
        umbrella = place.kind == "admin1" or role in _AREA_ROLES
        lat, lon = area_points.get(("admin1", code), (None, None))
        alert_place = _alert_place(area) if area else AlertPlace(
            name=place.admin1 or code, kind="admin1", country=place.country, admin1=place.admin1,
            admin1_code=code, lat=lat, lon=lon)
        return f"admin1:{code}", alert_place, umbrella
    country = destination_country(place, role, figure.term, crossing_sides)
    if not country:
        return None
    area = _area_place(enriched, "country", lambda p: p.country == country)
    lat, lon = area_points.get(("country", country), (None, None))
    alert_place = _alert_place(area) if area else AlertPlace(name=country, kind="country", country=country,
                                                             lat=lat, lon=lon)
    return f"country:{country}", alert_place, place.kind == "country"


def destination_country(place: Place, role: str, term: str,
                        crossing_sides: Mapping[str, tuple[str, ...]]) -> str | None:
    """The country people at `place` are heading into, or None when the words do not say.

    - A crossing: the other country it joins (`Place.countries`, else the curated file's row).
      `country` is the side where people wait to leave (Bab al-Salama is the Syrian side of
      Oncupinar); unknown sides give no destination rather than a guess.
    - A border section is named after the country being approached ("the Turkish border").
    - Any other place only when it is where people go ("heading to", "toward") or where they
      were received ("refugees in", "sheltered at"). "Fighting in X drove thousands to flee"
      names the origin, and an origin is never a destination.
    """
    if place.kind == "crossing":
        sides = place.countries or crossing_sides.get(place.crossing_id or "", ())
        others = [country for country in sides if country != place.country]
        return others[0] if len(others) == 1 else None
    if place.kind == "border" or role in ("to", "toward"):
        return place.country
    if role in ("in", "at") and term in _RECEIVED_TERMS:
        return place.country
    return None


def place_key(place: Place) -> str:
    """A stable identity for a place, from the most specific id it carries."""
    if place.crossing_id:
        return f"crossing:{place.crossing_id}"
    if place.geonames_id is not None:
        return f"{place.kind}:gn{place.geonames_id}"
    return f"{place.kind}:{place.country or 'XXX'}:{_slug(place.name)}"


def _report(figure: Figure, enriched: EnrichedArticle, umbrella: bool, rule: Rule) -> Report | None:
    place, quantity = figure.place, figure.quantity
    assert place is not None
    # The lowest number the text supports; "up to N" offers only N.
    people = quantity.min if quantity.min is not None else quantity.max
    low, high = quantity.min, quantity.max
    if people is None:
        return None
    if figure.unit == "household":
        if rule.household_size is None:
            return None
        people, low, high = (round(n * rule.household_size) if n is not None else None for n in (people, low, high))
    if people is None or people < 1:
        return None
    article = enriched.article
    return Report(
        article_id=enriched.article_id,
        figure_id=figure.figure_id,
        place_key=place_key(place),
        place_name=place.name,
        umbrella=umbrella,
        people=people,
        min=low,
        max=high,
        unit="person",
        category=figure.category,
        term=figure.term,
        additive=figure.additive,
        reported_at=article.received_at,
        published_at=article.published_at,
        sentence=figure.sentence,
        quantity_text=quantity.text,
        provider=_provider(enriched),
        url=article.url or next((s.url for s in article.sources if s.url), None),
        reported_by=figure.reported_by,
    )


def _provider(enriched: EnrichedArticle) -> str | None:
    article = enriched.article
    if article.dateline and article.dateline.provider:
        return article.dateline.provider
    return next((s.provider for s in article.sources if s.provider), None)


def _area_place(enriched: EnrichedArticle, kind: str, matches) -> Place | None:
    return next((p for p in enriched.places if p.kind == kind and matches(p)), None)


def _alert_place(place: Place) -> AlertPlace:
    return AlertPlace(name=place.name, country=place.country, lat=place.lat, lon=place.lon, kind=place.kind,
                      admin1=place.admin1, admin1_code=place.admin1_code, geonames_id=place.geonames_id, crossing_id=place.crossing_id)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "unnamed"
