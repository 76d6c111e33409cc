"""Step 3, features: the evidence that ranks one candidate of a mention against the others."""

from __future__ import annotations

import math

from geocode.gazetteer import ALTERNATE, LOOSE, PRIMARY, Candidate
from geocode.normalize import fold
from geocode.resolve.context import Context
from geocode.resolve.words import W_POPULATION


def candidate_score(ctx: Context, c: Candidate, hint: str | None, mention_start: int, spelled: str = "") -> float:
    score = ctx.prior(c, mention_start)
    if spelled and fold(c.name) == spelled:
        score += 0.5  # spelled exactly as GeoNames' name, not just the same key ("Nord" is not "Noord")
    score += {PRIMARY: 1.0, ALTERNATE: 0.0, LOOSE: -1.5}[c.tier]
    if c.curated:
        score += 1.5 + (1.0 - {PRIMARY: 0, ALTERNATE: 0, LOOSE: 1.0}[c.tier])
    score += W_POPULATION * math.log(max(c.population, 100))
    if c.kind == "country":
        # ("Niger state" is Nigeria's, whatever the country of that name)
        score += -3.0 if c.tier > ALTERNATE or hint in ("admin1", "region") else 3.0
    elif c.kind == "admin1":
        score += 3.0 if hint == "admin1" else 1.5 if hint == "region" else -2.0
    elif c.kind == "region":
        score += 3.0 if hint == "region" else 1.5 if hint == "admin1" else -2.5
    elif hint in ("admin1", "region"):
        score -= 1.0
    if hint == "crossing":
        score += 3.0 if c.kind == "crossing" else 0.0
    elif hint == "camp":
        score += 3.0 if c.kind == "camp" else 0.0
    elif hint in ("city", "village") and c.kind in ("city", "village"):
        score += 0.5
    distance = ctx.nearest_km(c, mention_start)
    if distance is not None:
        score += 2.0 if distance < 30 else 1.2 if distance < 100 else 0.5 if distance < 300 else 0.0
    if ctx.in_named_admin1(c, mention_start):
        score += 1.5
    return score
