"""The parse's share of a sentence's figures: places with roles for every figure, and a figure
for each count only a construction reads (`reading`)."""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.tokens import Doc, Span

from ner.lexicon import (
    HISTORY_YEARS,
)
from ner.places import RANK, PlaceIndex
from ner.figures.reading import Reading, near_miss, part_of_group, qualified_count, read_sentence
from ner.figures.grammar import ENGLISH, Grammar
from ner.quantities import QuantityMatch, Word
from ner.figures.triggers import MOVE, Trigger
from ner.figures.building import _clause_stop, _date, _mention, _place
from ner.figures.merge import Found
from wirewatch.contracts import Quantity, Span as BodySpan


def read_parsed(
    parsed: Doc,
    words: list[Word],
    sent: Span,
    word_figures: list[Found],
    body_offset: int,
    published: datetime | None,
    places: PlaceIndex,
    sent_ents,
    source: str | None,
    g: Grammar = ENGLISH,
) -> list[Found]:
    """The sentence's figures: those of the word rules, each given its clause's places from the parse,
    and a figure for each count that only a construction reads."""
    if _historical(words, published):
        return []
    spans = {(words[q.first].start, words[q.last - 1].end): q for q in g.find_quantities(words)}
    count_spans = list(spans)
    readings = read_sentence(parsed, sent.start_char, count_spans, g)
    taken = {item.figure["span"].start + body_offset for item in word_figures}
    out = []
    for item in word_figures:
        start = item.figure["span"].start + body_offset
        span = (start, item.figure["span"].end + body_offset)
        if near_miss(parsed, sent.start_char, span, g):
            continue
        reading = next((r for (s, e), r in readings.items() if s <= start < e), None)
        if reading is None and _read_as_another_count(parsed, sent.start_char, span, count_spans, readings,
                                                      item.figure["term"], g):
            continue
        out.append(item)
        if reading is not None:
            mentions = _role_mentions(reading, places, sent, body_offset)
            item.figure["place_mentions"] = mentions
            if item.figure["category"] == "cross_border" and _border_as_context(reading, item.figure["term"], mentions):
                item.figure["category"] = "displacement"
            destination = _out_of_a_country(mentions)
            if destination is not None and item.figure["category"] == "displacement":
                item.figure["category"] = "cross_border"
                item.figure["place_mention"] = destination
                continue
            best = _best_mention(mentions, item.figure["category"])
            own = item.figure["place_mention"]
            if best is not None and best.role in ("in", "at") and (own is None or own.role in ("near", "context")):
                item.figure["place_mention"] = best  # "In A, near the border with B, N were evacuated": A
    for (start, end), reading in readings.items():
        q = spans[(start, end)]
        if any(start <= s < end for s in taken) or words[q.core].start in taken:
            continue
        if near_miss(parsed, sent.start_char, (start, end), g):
            continue
        out.append(_from_reading(reading, q, words, sent, body_offset, published, places, sent_ents, source))
    return sorted(out, key=lambda item: item.figure["span"].start)


def _historical(words: list[Word], published: datetime | None) -> bool:
    """The sentence dates its events generations back: "In 1948, 700,000 people fled"."""
    now = (published or datetime.now(UTC)).year
    for k, w in enumerate(words[1:], start=1):
        if len(w.text) == 4 and w.text.isdigit() and words[k - 1].low in ("in", "during", "of", "en", "pendant", "de"):
            year = int(w.text)
            if 1800 <= year <= now - HISTORY_YEARS:
                return True
    return False


def _out_of_a_country(mentions: list):
    """Construction "out of a country": a whole country is the origin and somewhere else the
    destination ("displaced from Iran into Orvani province", "fled from Mali to the camp at Kessala").
    Leaving a country is crossing a border, so the figure is a cross-border flow, counted where it
    went. The destination, or None when the clause names no such pair."""
    origins = {m.country for m in mentions if m.role == "from" and m.kind == "country" and m.country}
    if not origins:
        return None
    return next((m for m in mentions if m.role in ("to", "toward") and m.country not in origins), None)


def _read_as_another_count(parsed: Doc, base: int, span: tuple[int, int], spans: list[tuple[int, int]],
                           readings: dict, term: str, g: Grammar) -> bool:
    """The word rules gave this count a verb that the parse gives another count of the same people:
    the part of the group ("8,000 families, 3,000 of which were evacuated": 3,000), or the count the
    qualifier says who they are ("2,300 people from 600 families were evacuated": 2,300)."""
    part = part_of_group(parsed, base, span, spans, g)
    if part is not None and part in readings and readings[part].term == term:
        return True
    owner = qualified_count(parsed, base, span, spans, g)
    return owner is not None and owner in readings


def _into_a_country(mentions: list):
    """Construction "into a country": a whole country is where the flow went ("ont fui vers le
    Tchad", "fled into Uganda") and no place of that country is where it came from. The word rules
    read this in English; for a language read by the constructions alone it is read here. The
    destination, or None."""
    origins = {m.country for m in mentions if m.role == "from" and m.country}
    return next((m for m in mentions if m.role in ("to", "toward") and m.kind == "country" and m.country
                 and m.country not in origins), None)


def _border_as_context(reading: Reading, term: str, mentions: list) -> bool:
    """Construction "a border as context": the clause names a border or a country only as where
    things lie ("displaced in A, close to the border with B", "fled their homes near the frontier")
    and no destination, and the parse reads a flow inside the country. The word rules, which saw a
    border word near the count, then said cross-border. People gathered or stranded near a border
    are at it (the seeds' border crossing), so that reading stands."""
    if term == "stranded" or reading.category != "displacement":
        return False
    if any(m.role in ("to", "toward") for m in mentions):
        return False
    # A place inside a phrase is listed with that phrase's role too: near it is when any phrase
    # holding it is a "near" one ("in A near B's border").
    near = {(m.start, m.end) for m in mentions if m.role == "near"}
    bordering = [m for m in mentions if m.kind in ("border", "crossing", "country")]
    return bool(bordering) and all((m.start, m.end) in near for m in bordering)


def _best_mention(mentions: list, category: str):
    preference = ROLE_PREFERENCE.get(category, ROLE_PREFERENCE["default"])
    ranked = sorted(mentions, key=lambda m: preference.index(m.role) if m.role in preference else len(preference))
    return ranked[0] if ranked else None


def _role_mentions(reading: Reading, places: PlaceIndex, sent: Span, body_offset: int) -> list:
    mentions = []
    for start, end, role in reading.places:
        for m in places.in_range(start, end, possessives=True):
            mentions.append(_mention(m, role, places, sent, body_offset))
    return [m for m, _rank in mentions]


# Which role a figure is counted at: a flow across a border where it went, new displacement where it
# started (see services/alerting/README.md).
ROLE_PREFERENCE = {
    "cross_border": ("at", "to", "toward", "in", "from", "near"),
    "default": ("in", "at", "from", "to", "toward", "near"),
}


def _from_reading(
    reading: Reading,
    q: QuantityMatch,
    words: list[Word],
    sent: Span,
    body_offset: int,
    published: datetime | None,
    places: PlaceIndex,
    sent_ents,
    source: str | None,
) -> Found:
    start_char = words[q.first].start
    end_char = words[q.last - 1].end
    mentions = _role_mentions(reading, places, sent, body_offset)
    category = reading.category
    destination = (_out_of_a_country(mentions) or _into_a_country(mentions)) if category == "displacement" else None
    if destination is not None:
        category = "cross_border"
    best = destination or _best_mention(mentions, category)
    if best is not None:
        mention, rank = best, RANK.get(best.kind, 3)
    else:
        clause_end = _clause_stop(words, q.last, len(words))
        mention, rank = _place(
            words, q, Trigger(reading.term, MOVE, q.core, q.last), clause_end, places, sent, body_offset, sent.start_char
        )
    clause_end = _clause_stop(words, q.last, len(words))
    figure = {
        "quantity": Quantity(min=q.min, max=q.max, qualifier=q.qualifier, text=places.text[start_char:end_char]),
        "unit": reading.unit,
        "term": reading.term,
        "category": category,
        "additive": q.additive,
        "cumulative": reading.cumulative,
        "sentence": places.text[sent.start_char : sent.end_char].strip(),
        "span": BodySpan(start=start_char - body_offset, end=end_char - body_offset),
        "place_mention": mention,
        "place_mentions": mentions,
        "date": _date(words, q, clause_end, sent_ents, published),
        "reported_by": source,
        "rule": reading.rule,
    }
    return Found(figure, rank, end_char)
