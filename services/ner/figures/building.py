"""A word-rule figure as the contract wants it: quantity, term, unit, category, place, date, source."""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Span

from ner import dates
from ner.lexicon import (
    CUMULATIVE_MARKERS, MONTHS, WEEKDAYS,
)
from ner.lexicon.fr import DAYS_BACK_FR, MONTHS_FR, WEEKDAYS_FR
from ner.places import RANK, PlaceIndex, role_before, to_contract
from ner.quantities import QuantityMatch, Word
from ner.figures.triggers import BLOCK, HOST, STATE, Trigger
from ner.figures.candidates import Candidate, HOUSE, HOUSEHOLD, PLACE_REACH, TALLY, _arrives, _idps
from ner.figures.merge import Found
from ner.figures.modality import EXCLUDED, PROJECTED, _arrival, _category, _modality
from ner.figures.predicates import _clause_end
from wirewatch.contracts import Quantity, Span as BodySpan


def _clause_stop(words: list[Word], start: int, limit: int) -> int:
    for j in range(start, min(limit, len(words))):
        if _clause_end(words, j):
            return j
    return min(limit, len(words))


def _figure(
    cand: Candidate,
    words: list[Word],
    sent: Span,
    body_offset: int,
    published: datetime | None,
    places: PlaceIndex,
    sent_ents,
    source: str | None,
    floor: int,
) -> Found | None:
    t = cand.trigger
    q = cand.q
    noun_only = False
    if t is None:
        if cand.head.noun_term in ("refugee", "displaced", "asylum_seeker", "evacuated") and cand.head.kind is not None:
            t = Trigger(cand.head.noun_term, STATE, q.core, cand.head.end)
            noun_only = True
        else:
            return None
    if t.kind == BLOCK:
        return None
    modality = _modality(words, cand, t)
    if modality == EXCLUDED:
        return None
    n = len(words)
    term = t.term
    if t.kind == HOST:
        if cand.head.noun_term is None:
            if words[t.start].low == "home":
                return None  # "a city home to 2 million people": a population
            term = "sheltered"
        else:
            term = cand.head.noun_term
    last = max(q.last, t.end, cand.head.end)
    clause_end = _clause_stop(words, last, n)
    arrival = _arrival(words, cand, t, clause_end)
    if arrival and (_idps(cand.head) or not _arrives(words, cand.head)):
        # "9,500 IDPs arrived in Baidoa", "2,300 people arrived in the camp": displaced inside their
        # country, counted where they arrived.
        term, abroad = "displaced", 0
    else:
        abroad = arrival
    if abroad:
        # People who came from abroad: refugees (asylum seekers stay asylum seekers).
        term = "asylum_seeker" if cand.head.noun_term == "asylum_seeker" else "refugee"
    if term is None:
        return None
    category = (
        PROJECTED if modality == PROJECTED else _category(words, cand, t, clause_end, places, noun_only, abroad)
    )
    unit = "household" if cand.head.kind in (HOUSEHOLD, HOUSE) else "person"
    lo_word = max(0, min(q.first, t.start) - 4)
    hi_word = min(clause_end, max(q.last, t.end) + 3)
    context = {w.low for w in words[lo_word:hi_word]}
    cumulative = (
        t.kind == TALLY
        or words[t.start].low == "toll"
        or bool(context & CUMULATIVE_MARKERS - {"far", "date"})
        or any(_phrase(words, lo_word, hi_word, p) for p in (("so", "far"), ("to", "date"), ("in", "all")))
    )
    start_char = words[q.first].start
    end_char = words[q.last - 1].end
    quantity = Quantity(min=q.min, max=q.max, qualifier=q.qualifier, text=places.text[start_char:end_char])
    mention, rank = _place(words, q, t, clause_end, places, sent, body_offset, floor, arrival, cand.respective)
    sentence = places.text[sent.start_char : sent.end_char].strip()
    figure = {
        "quantity": quantity,
        "unit": unit,
        "term": term,
        "category": category,
        "additive": q.additive or cand.head.more,
        "cumulative": cumulative,
        "sentence": sentence,
        "span": BodySpan(start=start_char - body_offset, end=end_char - body_offset),
        "place_mention": mention,
        "date": _date(words, q, clause_end, sent_ents, published),
        "reported_by": source,
        "rule": f"words:{t.kind}" if not noun_only else "words:noun",
    }
    return Found(figure, rank, end_char)


def _phrase(words: list[Word], lo: int, hi: int, phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    if not size:
        return hi + 1 > lo
    first, n = phrase[0], len(words)
    for j in range(lo, hi - size + 1):
        # The tuple is only built where the first word already matches.
        if j < n and words[j].low == first and tuple(w.low for w in words[j : j + size]) == phrase:
            return True
    return False


def _place(
    words: list[Word],
    q: QuantityMatch,
    t: Trigger,
    clause_end: int,
    places: PlaceIndex,
    sent: Span,
    body_offset: int,
    floor: int,
    arrival: int = 0,
    respective: tuple[int, int, int, int] | None = None,
):
    """The figure's place mention and how specific it is. `floor`: where this figure's clause starts;
    `arrival`: for people arriving from abroad, where the words naming the place of arrival start;
    `respective`: the figure's position in a list of counts whose places follow "respectively"."""
    if respective is not None:
        pos, size, lo, hi = respective
        listed = places.listed(words[lo].start, words[hi].start) if lo < hi else []
        if len(listed) == size:
            m = listed[pos]
            return _mention(m, role_before(places.text, m.start, sent.start_char), places, sent, body_offset)
    start = words[q.last - 1].end
    # A place far down the clause is rarely the figure's: look a few words past the number and trigger.
    reach = min(clause_end, max(q.last, t.end, arrival) + PLACE_REACH, len(words))
    stop = words[reach - 1].end if reach > 0 else sent.end_char
    after = [m for m in places.in_range(start, stop)]
    if arrival and arrival < len(words):
        # "6,000 refugees from South Sudan arrived in Uganda": the place of arrival, where the flow is
        # seen, rather than the origin; the role is read from the arrival on ("entered Iran" -> in).
        lo = words[arrival].start
        for m in after:
            if m.start >= lo and (role := role_before(places.text, m.start, lo)) != "from":
                return _mention(m, role, places, sent, body_offset)
    if after:
        m = after[0]
        role = role_before(places.text, m.start, sent.start_char)
    else:
        before = [m for m in places.in_range(floor, words[q.first].start)]
        if before:
            m = before[-1]
            role = role_before(places.text, m.start, sent.start_char)
        else:
            m = places.last_before(sent.start_char)
            role = "context"
            if m is None:
                return None, 0
    return _mention(m, role, places, sent, body_offset)


def _mention(m, role: str, places: PlaceIndex, sent: Span, body_offset: int):
    resolved = places.resolve(m, sent.start_char)
    if resolved.as_written and resolved.text == resolved.as_written:
        resolved = m
    return to_contract(resolved, role, body_offset), RANK.get(resolved.kind, 3) - (2 if role == "context" else 0)


def _date(words: list[Word], q: QuantityMatch, clause_end: int, sent_ents, published: datetime | None) -> str | None:
    lo = words[q.first].start
    hi = words[clause_end - 1].end if clause_end > 0 else lo
    best = None
    for start, _end, label, text in sent_ents:
        if label != "DATE" or not _is_calendar(text):
            continue
        inside = lo <= start < hi
        distance = 0 if inside else min(abs(start - lo), abs(start - hi))
        if best is None or (inside, -distance) > best[0]:
            best = ((inside, -distance), text)
    if best is None:
        return None
    return dates.normalise(best[1], published)


CALENDAR_WORDS_FR = set(MONTHS_FR) | set(WEEKDAYS_FR) | set(DAYS_BACK_FR)


def _is_calendar(text: str) -> bool:
    low = text.lower()
    tokens = set(low.replace(",", " ").replace(".", " ").split())
    return bool(tokens & (MONTHS | WEEKDAYS | CALENDAR_WORDS_FR | {"yesterday", "today", "tonight"})) or any(
        tok.isdigit() and len(tok) == 4 for tok in tokens
    )
