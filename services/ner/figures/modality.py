"""Whether a reported movement is real, forecast or neither, and its category (word rules).

A forecast of a coming movement is kept as "projected"; conditionals, negations,
counterfactuals, obligations and forecast deaths or damage give no figure. Category: deaths ->
fatalities; hosting and standing populations -> stock; a border, a crossing or a country as
destination -> cross_border; otherwise displacement.
"""

from __future__ import annotations

from ner.lexicon import (
    ARRIVAL_NOUNS, ARRIVAL_VERBS, BORDER_CAUSE_NOUNS, BORDER_PLACE_NOUNS, BORDER_WORDS, CAUSATIVES, CONDITIONS,
    CROSS_BORDER_NOT_MOVEMENT, DESTINATION_WORDS, DETERMINERS, GLUED_MODALS, HYPOTHETICAL, HYPOTHETICAL_BEFORE_TO,
    MODALS, NEGATIONS, PASSIVE, PROJECTION_BEFORE_TO, PROJECTION_MODALS, PROJECTION_WORDS, STOCK_MARKERS,
)
from ner.places import PlaceIndex
from ner.quantities import Word
from ner.figures.triggers import FATAL, HOST, HOUSING, MOVE, STATE, Trigger, arrival_at
from ner.figures.candidates import ARRIVAL_REACH, Candidate, TALLY, _arrives, _country_end, _return_from_abroad
from ner.figures.predicates import _clause_end


PROJECTED, EXCLUDED = "projected", "excluded"


def _modality(words: list[Word], cand: Candidate, t: Trigger) -> str | None:
    """None for a reported movement; PROJECTED for a forecast of a coming one ("could be displaced",
    "are expected to flee"); EXCLUDED for the rest of what is not real: a conditional, a negation,
    a counterfactual ("would have fled"), an obligation or a wish, a population at risk."""
    lo = max(0, min(cand.q.first, t.start) - 3)
    hi = max(cand.q.last, t.end)
    if t.start > cand.q.first and not any(words[j].low in CAUSATIVES for j in range(lo, cand.q.first)):
        # A modal before the number rules another verb: "the agency will assist 5,000 people displaced".
        lo = cand.q.first
    if cand.q.first > 0 and words[cand.q.first - 1].low in ("and", "or") and t.start - cand.q.last <= 2 and not any(
            words[j].low in MODALS or words[j].low in PASSIVE or words[j].low in ("have", "has", "had")
            for j in range(cand.q.last, t.start)):
        # Construction "a count that shares the verb before it": "60,000 could be affected and 20,000
        # (people) displaced" -- the second clause has no auxiliaries of its own, so the first one's rule it.
        k = cand.q.first - 2
        while k > 0 and k > cand.q.first - 10 and not _clause_end(words, k - 1):
            k -= 1
        lo = min(lo, max(k, 0))
    forecast = negated = False
    for j in range(lo, hi):
        w = words[j]
        low = w.low
        nxt = words[j + 1].low if j + 1 < len(words) else ""
        if low == "may" and w.text == "May":
            continue  # the month: "In May, 20,000 fled"
        if low in NEGATIONS and not cand.q.first <= j < cand.q.last:  # "no fewer than" is a bound
            negated = True
        modal = low if low in MODALS else next((m for m in GLUED_MODALS if low.endswith(m)), None)
        if modal is not None:
            if nxt == "have":
                if modal == "would":
                    return EXCLUDED  # "would have been displaced": it did not happen
                continue  # "may have fled": an uncertain report of a real movement
            if modal not in PROJECTION_MODALS:
                return EXCLUDED  # "should", "must", "can": an obligation or an ability
            forecast = True
        elif low in HYPOTHETICAL_BEFORE_TO and nxt == "to":
            if low not in PROJECTION_BEFORE_TO:
                return EXCLUDED  # "ordered to leave", "need to be relocated"
            forecast = True
        elif low in HYPOTHETICAL:  # "at risk of displacement", "if", "a possible exodus"
            if low not in PROJECTION_WORDS:
                return EXCLUDED
            forecast = True
    for j in range(max(0, t.start - 2), t.start):
        if words[j].low in NEGATIONS:
            return EXCLUDED
    if not forecast:
        return None
    if negated:
        return EXCLUDED  # "are not expected to be displaced"
    # Only a coming movement is a projection; a forecast toll or forecast damage is no figure.
    if t.kind not in (MOVE, STATE):
        return EXCLUDED
    for j, w in enumerate(words):
        if w.low in CONDITIONS or (w.low in ("case", "event") and j > 0 and words[j - 1].low in ("in", "the")):
            return EXCLUDED
    return PROJECTED


def _category(
    words: list[Word],
    cand: Candidate,
    t: Trigger,
    sent_end_word: int,
    places: PlaceIndex,
    noun_only: bool,
    arrival: int = 0,
) -> str:
    if t.kind == FATAL:
        return "fatalities"
    if t.kind == TALLY and _is_return(words, t.end - 1):
        return "cross_border"
    if noun_only and cand.head.abroad:
        return "cross_border"
    if t.kind in (HOST, TALLY):
        return "stock"
    if t.kind == HOUSING:
        return "displacement"
    if arrival:
        return "cross_border"  # "4,000 refugees arrived in Kilis": a new flow from abroad, not who is hosted
    lo = max(0, min(cand.q.first, t.start) - 3)
    hi = max(cand.q.last, t.end)
    markers = {w.low for w in words[lo : hi + 1]}
    if noun_only and cand.head.noun_term in ("refugee", "asylum_seeker") and (
            cand.head.new or _arrival_noun_before(words, cand.q.first)):
        return "cross_border"  # "2,000 new refugees", "an influx of 6,000 refugees": they just crossed
    if noun_only and cand.head.noun_term == "displaced" and _arrival_noun_before(words, cand.q.first):
        return "displacement"
    if noun_only and cand.head.noun_term in ("refugee", "displaced", "asylum_seeker") and not cand.head.new:
        return "stock"
    if markers & STOCK_MARKERS and not cand.head.new:
        return "stock"
    if t.term == "in_relief_camp" and ({"living", "live", "residing", "staying"} & markers):
        return "stock"
    if _crosses_border(words, cand, t, sent_end_word, places):
        return "cross_border"
    return "displacement"


def _arrival_noun_before(words: list[Word], first: int) -> bool:
    """Construction "an influx of N": a noun of people coming in governs the count."""
    return first >= 2 and words[first - 1].low == "of" and words[first - 2].low in ARRIVAL_NOUNS


def _arrival(words: list[Word], cand: Candidate, t: Trigger, clause_end: int) -> int:
    """For people arriving from abroad, the word index where the place they arrived at is named
    ("... have arrived in Uganda", "refugees poured into Kilis"); 0 for any other figure."""
    if t.kind != MOVE:
        return 0
    if t.term is None:  # the arrival verb itself (`arrival_at`)
        return t.end
    if not _arrives(words, cand.head):
        return 0
    # Refugees who flee or cross into a named place; "Syrians fled into Idlib" may be inside Syria.
    into = cand.head.noun_term in ("refugee", "asylum_seeker") and (
        t.term == "forced_to_flee" or words[t.start].low.startswith("cross")
    )
    n = len(words)
    for j in range(t.end, min(clause_end, cand.head.end + ARRIVAL_REACH + 3)):
        low = words[j].low
        if low in ARRIVAL_VERBS and arrival_at(words, j) is not None:
            return j + 1  # "2,000 Eritreans fleeing conscription arrived in Sudan"
        if into and low == "into" and j < t.end + 3:
            k = j + 2 if j + 1 < n and words[j + 1].low in ("the", "neighbouring", "neighboring") else j + 1
            if k < n and words[k].text[:1].isupper():
                return j
    return 0


def _is_return(words: list[Word], k: int) -> bool:
    return words[k].low == "returnees" and bool(_return_from_abroad(words, k + 1))


def _border_of_a_place_or_origin(words: list[Word], j: int) -> bool:
    """Construction "a border as the way out", in words: the border word at `j` names a kind of place
    inside the country ("border villages"), what drove people out ("after border clashes") or where
    the flow left from ("from the border", "out of the frontier zone"), so it crosses nothing."""
    nxt = words[j + 1].low if j + 1 < len(words) else ""
    # the noun after the border word and its singulars: "villages", "communities", "clashes"
    forms = {nxt, nxt[:-3] + "y" if nxt.endswith("ies") else nxt[:-1] if nxt.endswith("s") else nxt,
             nxt[:-2] if nxt.endswith("es") else nxt}
    if forms & (BORDER_PLACE_NOUNS | BORDER_CAUSE_NOUNS):
        return True
    k = j - 1
    while k >= 0 and words[k].low in DETERMINERS:
        k -= 1
    return k >= 0 and (words[k].low == "from" or (words[k].low == "of" and k > 0 and words[k - 1].low == "out"))


def _crosses_border(words: list[Word], cand: Candidate, t: Trigger, end: int, places: PlaceIndex) -> bool:
    lo = cand.q.first
    hi = min(end, max(cand.q.last, t.end) + 12)
    for j in range(lo, hi):
        low = words[j].low
        if _clause_end(words, j) and j > max(cand.q.last, t.end):
            hi = j
            break
        if low in BORDER_WORDS:
            if _border_of_a_place_or_origin(words, j):
                continue
            if j >= 2 and words[j - 1].text == "-" and words[j - 2].low == "cross":
                nxt = words[j + 1].low if j + 1 < len(words) else ""
                if nxt in CROSS_BORDER_NOT_MOVEMENT:
                    continue
            return True
        if low in ("crossed", "neighbouring", "neighboring") and (
            low == "crossed"
            or (j + 1 < len(words) and words[j + 1].low.startswith("countr"))
            or _country_end(words, j + 1)  # "sought refuge in neighbouring Uganda"
        ):
            return True
    if hi <= lo:
        return False
    for m in places.in_range(words[lo].start, words[hi - 1].end, possessives=True):
        if m.kind == "crossing":
            return True
        if m.kind == "country":
            window = places.text[max(0, m.start - 25) : m.start].lower().split()
            if window and (
                window[-1] in DESTINATION_WORDS
                or (
                    len(window) > 1
                    and window[-2] in DESTINATION_WORDS
                    and window[-1] in ("the", "neighbouring", "neighboring")
                )
            ):
                resolved = places.resolve(m, words[0].start)
                country = resolved.country or m.country
                if country and (not places.possessive(m) or _entered_from_abroad(places, m, country)):
                    return True
    return False


def _entered_from_abroad(places: PlaceIndex, m, country: str) -> bool:
    """ "fled to Bangladesh's Cox's Bazar" crosses into Bangladesh, but "fled to Ethiopia's Afar
    region" after fighting in "Ethiopia's Tigray" stays inside it: a place named by its country's
    possessive is abroad only when the country the text spoke of just before is another one."""
    return places.country_before(m.start, max(places.body_offset, m.start - 400)) != country
