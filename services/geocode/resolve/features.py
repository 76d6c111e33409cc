"""Step 3, features: the evidence that ranks one candidate of a mention against the others.

A candidate's score is the weighted sum of the features in `FEATURES`, each named, with its weight
and the reason for it. Scores are in log-odds-like units: only differences between candidates of
the same mention matter (`choose` compares the best with the runner-up). The weights are written
by hand, each with its reason, not fitted.

`score_parts` gives every feature's contribution, for `wirewatch enrich --explain` and the tests.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from geocode.gazetteer import ALTERNATE, LOOSE, PRIMARY, Candidate
from geocode.normalize import fold
from geocode.resolve.context import Context


@dataclass(frozen=True)
class Asked:
    """What a feature reads: one candidate, the mention's kind hint ("province" -> admin1), where the
    mention starts (a mention never vouches for itself), and the mention as matched."""

    candidate: Candidate
    hint: str | None
    mention_start: int
    spelled: str
    ctx: Context
    role: str | None = None  # the mention's role in a figure's clause (ner's parse), when known


@dataclass(frozen=True)
class Feature:
    name: str
    weight: float
    why: str
    value: Callable[[Asked], float]


# How well the name matched: GeoNames' own name, one of its alternate names, or only a skeleton
# of consonants ("Tal Rafaat" for "Tall Rif'at").
NAME_MATCH = {PRIMARY: 1.0, ALTERNATE: 0.0, LOOSE: -1.5}

# Whether a candidate's kind fits the words around the mention (`candidates.kind_hint`): the word
# "province" asks for an admin1, "district" for a second-level area ("region"), "the town of" for a
# city. A kind the words ask for gains 3, a neighbouring level half of that; a province or district
# the words do not ask for loses, since a bare name in wire copy is mostly a town.
_AREA_FIT = {  # (candidate kind, hint) -> value; other hints: the `None` row
    ("admin1", "admin1"): 3.0, ("admin1", "region"): 1.5, ("admin1", None): -2.0,
    ("region", "region"): 3.0, ("region", "admin1"): 1.5, ("region", None): -2.5,
}
_POINT_FIT = {"crossing": 3.0, "camp": 3.0}  # hint -> value when the candidate is of that kind


def kind_fit(kind: str, tier: int, hint: str | None) -> float:
    """How well a candidate of `kind` fits the words' `hint` (see `_AREA_FIT`)."""
    if kind == "country":
        # ("Niger state" is Nigeria's, whatever the country of that name)
        return -3.0 if tier > ALTERNATE or hint in ("admin1", "region") else 3.0
    if kind in ("admin1", "region"):
        return _AREA_FIT.get((kind, hint), _AREA_FIT[(kind, None)])
    if hint in ("admin1", "region"):
        return -1.0  # a town where the words name an area
    if hint in _POINT_FIT:
        return _POINT_FIT[hint] if kind == hint else 0.0
    return 0.5 if hint in ("city", "village") and kind in ("city", "village") else 0.0


# A destination of movement ("crossed into Georgia", "fled to Niger") is more often a country, a
# crossing or a camp than a town or province of the same name; the other roles say nothing of kind.
_DESTINATION_KINDS = frozenset({"country", "crossing", "camp", "border"})


def role_fit(kind: str, role: str | None) -> float:
    return 1.0 if role in ("to", "toward") and kind in _DESTINATION_KINDS else 0.0


def near_band(km: float | None) -> float:
    """Closeness to the article's other resolved places, in bands: a town's neighbours are within a
    day's walk (30 km), its district's within 100 km, its province's within 300 km."""
    if km is None:
        return 0.0
    return 2.0 if km < 30 else 1.2 if km < 100 else 0.5 if km < 300 else 0.0


FEATURES: tuple[Feature, ...] = (
    Feature("article_countries", 1.0,
            "log share of the article's attention that the candidate's country has: country names and "
            "nationality words, its address and dateline, what its other place names agree on",
            lambda a: a.ctx.prior(a.candidate, a.mention_start)),
    Feature("spelled_exactly", 0.5,
            "spelled as GeoNames spells it, not only the same folded key (\"Nord\" is not \"Noord\")",
            lambda a: 1.0 if a.spelled and fold(a.candidate.name) == a.spelled else 0.0),
    Feature("name_match", 1.0,
            "the place's own name beats an alternate name, which beats a consonant skeleton",
            lambda a: NAME_MATCH[a.candidate.tier]),
    Feature("curated", 1.0,
            "a crossing or camp of the curated file is named on purpose in wire copy; less so by a skeleton",
            lambda a: (2.5 if a.candidate.tier <= ALTERNATE else 1.5) if a.candidate.curated else 0.0),
    Feature("prominence", 0.5,
            "per e-fold of population (hamlets count as 100): a city of a million is what a bare name "
            "means unless the article points elsewhere",
            lambda a: math.log(max(a.candidate.population, 100))),
    Feature("kind_fits_words", 1.0,
            "the kind the words around the mention ask for: province, district, town, crossing, camp",
            lambda a: kind_fit(a.candidate.kind, a.candidate.tier, a.hint)),
    Feature("kind_fits_role", 0.5,
            "a destination (role to/toward) is more often a country, crossing or camp than a namesake "
            "town or province",
            lambda a: role_fit(a.candidate.kind, a.role)),
    Feature("near_other_places", 1.0,
            "distance to the nearest place resolved from another mention of the article",
            lambda a: near_band(a.ctx.nearest_km(a.candidate, a.mention_start))),
    Feature("in_named_admin1", 1.5,
            "lies in a province the article names: surer than distance, which a province's seat gives "
            "only roughly",
            lambda a: 1.0 if a.ctx.in_named_admin1(a.candidate, a.mention_start) else 0.0),
)


def score_parts(ctx: Context, c: Candidate, hint: str | None, mention_start: int, spelled: str = "",
                role: str | None = None) -> list[tuple[str, float]]:
    """Each feature's contribution (weight times value) to the candidate's score, in table order."""
    asked = Asked(c, hint, mention_start, spelled, ctx, role)
    return [(f.name, f.weight * f.value(asked)) for f in FEATURES]


def candidate_score(ctx: Context, c: Candidate, hint: str | None, mention_start: int, spelled: str = "",
                    role: str | None = None) -> float:
    """The sum of `score_parts`, in the same order (every candidate of every mention is scored)."""
    asked = Asked(c, hint, mention_start, spelled, ctx, role)
    score = 0.0
    for feature in FEATURES:
        score += feature.weight * feature.value(asked)
    return score
