"""Step 4, choose: the best-ranked candidate, or none when it would be a guess (outside the article's
countries, or a name with no country to check it against)."""

from __future__ import annotations

from dataclasses import replace

from geocode.gazetteer import ALTERNATE, LOOSE, PRIMARY, Candidate
from geocode.normalize import fold
from geocode.resolve.context import Context
from geocode.resolve.features import candidate_score, score_parts
from geocode.resolve.model import Mention, Ranked, Resolved
from geocode.resolve.words import ACCEPT_OUTSIDE_POP, PLACE_WORDS

# With no country named, a bare name means a city this big over a clearly smaller namesake
# (Hyderabad, Tripoli, Cordoba); a town of 100,000 may still be another country's town of 30,000.
MAJOR_CITY_POP = 500_000
# How many of a mention's best candidates its resolution keeps as evidence.
RANKING_SHOWN = 3

# "Split" evidence: the best place of another country scores within this margin of the best. 0.5
# is what spelling the name exactly as GeoNames does is worth, or a population ratio of e (2.7
# times) in `prominence`; less than either is no reason to prefer one country over the other.
# Unresolved beats wrong, but only then: a split mention stays unresolved (with both places in
# its reason) whether or not the article names their countries, and a mention whose best place
# clears the margin is resolved even when a smaller namesake exists elsewhere ("a city of
# millions": no country named, nothing pointing away from it).
SPLIT_MARGIN = 0.5
# How sure a choice inside the article's countries is, by how its name matched; a name that ner
# marked only by a preposition (`cued_places` cue "preposition", label SCAN: a capitalised word
# after "in") is less sure by SCAN_PENALTY.
CONFIDENCE = {PRIMARY: 0.85, ALTERNATE: 0.75, LOOSE: 0.55}
SCAN_PENALTY = 0.1
# A name matched as well inside the article's countries as a bigger place's name abroad.
INSIDE_CONFIDENCE = {PRIMARY: 0.75, ALTERNATE: 0.65, LOOSE: 0.45}


def choose(ctx: Context, mention: Mention, candidates: list[Candidate], hint: str | None,
           matched: str = "") -> Resolved:
    """The best candidate of a mention by the features' scores, or none with the reason; either way
    with the top of the ranking as its evidence."""
    words = fold(matched).split()
    spelled = " ".join(words[1:] if words[:1] == ["the"] else words)
    scored = sorted(((candidate_score(ctx, c, hint, mention.start, spelled, mention.role), c) for c in candidates),
                    key=lambda sc: sc[0], reverse=True)
    result = _decide(ctx, mention, candidates, hint, matched, spelled, scored)
    ranking = tuple(Ranked(c, s, tuple(score_parts(ctx, c, hint, mention.start, spelled, mention.role)))
                    for s, c in scored[:RANKING_SHOWN])
    return replace(result, ranking=ranking)


def _decide(ctx: Context, mention: Mention, candidates: list[Candidate], hint: str | None, matched: str,
            spelled: str, scored: list[tuple[float, Candidate]]) -> Resolved:
    best_score, best = scored[0]
    in_context = ctx.supports(best, mention.start)
    has_countries = ctx.has_countries(mention.start)
    runner = next(((s, c) for s, c in scored[1:] if c.country != best.country), None)
    split = runner is not None and best_score - runner[0] < SPLIT_MARGIN

    if best.kind == "country" and best.tier <= ALTERNATE and hint not in ("admin1", "region"):
        return Resolved(best, 0.9 if best.tier == PRIMARY else 0.8)
    if best.curated and best.tier <= ALTERNATE:
        return Resolved(best, 0.9 if in_context or not has_countries else 0.6)
    if has_countries and not in_context:
        if best.tier == PRIMARY and best.population >= ACCEPT_OUTSIDE_POP and not split and mention.label != "SCAN":
            return Resolved(best, 0.5)
        inside = next((c for _, c in scored if ctx.supports(c, mention.start) and c.tier <= best.tier), None)
        if inside is not None and best.tier > PRIMARY:
            # A name matched as well inside the article's countries beats a bigger place across the
            # border that only some call so ("Ras al-Ain": the Syrian town, not Turkish Ceylanpınar).
            # (A bigger place of that very name, as Rome, is left to the rule above.)
            return Resolved(inside, INSIDE_CONFIDENCE[inside.tier])
        how = {PRIMARY: "name", ALTERNATE: "alternate name", LOOSE: "spelling"}[best.tier]
        return Resolved(None, 0.0, f"{mention.text!r} only matches outside the article's countries "
                                   f"({best.name}, {best.country}, by {how})")
    if not has_countries:
        # Nothing to check a name against: only a name spelled as GeoNames spells it, of a place
        # that clearly outranks every other place of that name.
        spelled_so = [c for c in candidates if c.tier == PRIMARY and fold(c.name) == spelled]
        if spelled_so and best not in spelled_so and not (
                best.kind == hint and any(c.country == best.country for c in spelled_so)):
            # ("Koui" the district of that name, not Kui Buri, which some call Koui; but "Raqqa
            # city" the city, though only the province is spelled so)
            return choose(ctx, mention, spelled_so, hint, matched)
        exact = bool(spelled) and fold(best.name) == spelled
        if not exact and hint is not None and hint == best.kind:
            # "Lainya County": the name as GeoNames spells it, plus the word for its kind.
            exact = fold(best.name) == " ".join(w for w in spelled.split() if w not in PLACE_WORDS)
        if best.kind == "region" and hint != "region" and mention.label == "SCAN":
            # 47,000 district names: a capitalised word after "from" is too often one by chance.
            return Resolved(None, 0.0, f"{mention.text!r} is ambiguous and the article names no country")
        same_kind = [c for c in candidates if c.kind == best.kind] if hint and best.kind == hint else candidates
        countries = {c.country for c in same_kind}
        # Only one country has a place spelled so ("Djugu territory": Benin's Djougou is another
        # spelling): with the margin cleared, that one is meant.
        spelled_countries = {c.country for c in spelled_so if c in same_kind}
        # Not split with a namesake abroad, and either a major city (a bare name in wire copy means
        # it) or a town ten times its namesake's size.
        dominant = not split and (best.population >= MAJOR_CITY_POP or best.population >= 10_000 and (
            runner is None or best.population >= 10 * max(runner[1].population, 1)))
        if best.tier == PRIMARY and exact and (len(countries) == 1 or (dominant and mention.label != "SCAN")
                                               or (len(spelled_countries) == 1 and not split)):
            return Resolved(best, 0.6 if mention.label != "SCAN" else 0.5)
        # Every place of that name is in one country and this one is well known ("Raqqa").
        if best.tier <= ALTERNATE and len(countries) == 1 and (best.kind == "admin1" or best.population >= 50_000):
            return Resolved(best, 0.5)
        if best.tier == ALTERNATE and best.population >= ACCEPT_OUTSIDE_POP and dominant:
            return Resolved(best, 0.5)
        if split:
            return Resolved(None, 0.0, split_reason(mention, best_score, best, *runner))
        return Resolved(None, 0.0, f"{mention.text!r} is ambiguous and the article names no country")
    if split and ctx.supports(runner[1], mention.start):
        # Both places are in countries the article is about, and neither clearly wins.
        return Resolved(None, 0.0, split_reason(mention, best_score, best, *runner))
    return Resolved(best, CONFIDENCE[best.tier] - (SCAN_PENALTY if mention.label == "SCAN" else 0.0))


def split_reason(mention: Mention, best_score: float, best: Candidate, runner_score: float, runner: Candidate) -> str:
    return (f"{mention.text!r} is split between {best.name} ({best.kind}, {best.country}) and {runner.name} "
            f"({runner.kind}, {runner.country}): {best_score - runner_score:.2f} apart, under the margin "
            f"{SPLIT_MARGIN}")
