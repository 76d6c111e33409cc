"""Displacement figures of an article, in the order the work is done:

    candidates  sentences with a number and a displacement cue (`parse.is_candidate`), and in them
                the counts that are headcounts: no date, year, money, label or code; who is counted
                (`candidates`)
    parse       the model's tagger and parser, once, on the candidate sentences only (`parse`)
    match       a count is a figure when it fills a role of a displacement predicate: the named
                constructions of `constructions`, read from the parse by `reading`; the word rules
                (`predicates`, `triggers`) read what the words around a count say, and a count that
                only a construction reads is added to theirs (`parsed`)
    modality    forecast -> "projected", conditional, negation, obligation, risk -> no figure;
    category    deaths -> fatalities, hosting and standing populations -> stock, a border or a
                country as destination -> cross_border, otherwise displacement (`modality`, and
                `reading` for the constructions)
    places      every place of the figure's own clause with its role from the parse (in/at, from,
                to/toward, near); the figure's own place by role: a flow across a border where it
                went, new displacement where it happened (`parsed`, `building`)
    merge       one event reported twice in an article is one figure with two pieces of evidence
                (`merge`)

Every figure names the rule that read it (`Figure.rule`: a construction's name, or `words:<kind>`
for the word rules); `wirewatch enrich --explain` prints it. A verbless sentence that opens on a
count somewhere ("About 900 in the next village.") counts displaced people when the sentence
before or after is about them.
"""

from __future__ import annotations

import bisect
from datetime import datetime

from spacy.tokens import Doc, Span

from ner.lexicon import (
    DISPLACED_HINT, ELLIPSIS, NUMBER_HINT, SPEAKER_HINTS, TRIGGER_HINT,
)
from ner.attribution import Speakers, reported_by, reported_by_fr
from ner.dates import find_dates_fr
from ner.figures.grammar import ENGLISH, Grammar
from ner.places import PlaceIndex
from ner.quantities import split_words
from ner.figures.triggers import STATE, Trigger
from ner.figures.building import _figure

from ner.figures.merge import Found, _merge
from ner.figures.parse import sentences
from ner.figures.parsed import read_parsed
from ner.figures.predicates import _candidates
from wirewatch.contracts import Figure


def extract_figures(
    doc: Doc,
    body_offset: int,
    article_id: str,
    published: datetime | None,
    places: PlaceIndex,
    parses: dict[int, Doc] | None = None,
    grammar: Grammar = ENGLISH,
) -> list[Figure]:
    """Every displacement-relevant figure in `doc`; offsets are made relative to the body. `parses`:
    the parsed candidate sentences by start offset (`ner.figures.parse`); a count the word rules leave is
    read by the constructions (`ner.figures.reading`), and every figure takes its clause's places from them."""
    parses = parses or {}
    ents = [(e.start_char, e.end_char, e.label_, places.text[e.start_char : e.end_char]) for e in places.ents]
    ent_starts = [e[0] for e in ents]
    if not grammar.word_rules:
        found = _read_parses_only(doc, body_offset, published, places, parses, grammar, ents, ent_starts)
        return _merge(found, article_id, grammar.code)
    speakers = Speakers()
    found: list[Found] = []
    full = places.text
    sents = sentences(doc)
    figure_words = _figure_sentences(doc, body_offset, full)
    # A sentence the constructions read may have no word of a word rule ("shifted to relief camps").
    readable = [has or sent.start_char in parses for has, sent in zip(figure_words, sents)]
    if not any(readable):
        return []
    # Who speaks is followed from sentence to sentence only as far as the last one with a figure.
    last = max(i for i, has in enumerate(readable) if has)
    for i, sent in enumerate(sents[: last + 1]):
        if sent.end_char <= body_offset:
            continue
        text = full[sent.start_char : sent.end_char]
        has_figure_words = readable[i]
        word_rules = figure_words[i]
        elliptical = has_figure_words and ELLIPSIS.match(text) is not None and _displaced_nearby(sents, i, full)
        lowered = text.lower()
        has_speaker = "(" in text or any(verb in lowered for verb in SPEAKER_HINTS)
        if not has_figure_words and not has_speaker:
            continue
        words = split_words(text, sent.start_char)
        sent_ents = _sentence_entities(ents, ent_starts, sent)
        source = reported_by(text, words, sent_ents, speakers) if has_speaker else None
        if not has_figure_words:
            continue
        floor = sent.start_char
        first_found = len(found)
        for cand in _candidates(words) if word_rules else ():
            if (
                elliptical
                and cand.head.kind is None
                and cand.trigger is None
                and not any(w.text[:1].isalnum() for w in words[: cand.q.first])  # the opening count only
            ):
                cand.trigger = Trigger("displaced", STATE, cand.q.core, cand.q.last)
            fig = _figure(cand, words, sent, body_offset, published, places, sent_ents, source, floor)
            if fig is not None:
                found.append(fig)
                # A place named before an earlier figure of the sentence is that figure's, not the next one's.
                floor = fig.figure_end
        parsed = parses.get(sent.start_char)
        if parsed is not None:
            found[first_found:] = read_parsed(
                parsed, words, sent, found[first_found:], body_offset, published, places, sent_ents, source
            )
    return _merge(found, article_id, grammar.code)


def may_hold_figures(doc: Doc, body_offset: int, parses: dict[int, Doc] | None, grammar: Grammar, text: str) -> bool:
    """Whether `extract_figures` can find anything in the doc: a parsed sentence, or a sentence of the
    body with the words of a word rule. Most wire articles have neither, and then their places need
    not be indexed."""
    if parses:
        return True
    return grammar.word_rules and any(_figure_sentences(doc, body_offset, text))


_FIGURE_SENTENCES = "wirewatch_figure_sentences"  # doc.user_data key


def _figure_sentences(doc: Doc, body_offset: int, text: str) -> list[bool]:
    """For each sentence, whether it is in the body and has the words of a word rule; once per doc."""
    flags = doc.user_data.get(_FIGURE_SENTENCES)
    if flags is None:
        sents = sentences(doc)
        flags = doc.user_data[_FIGURE_SENTENCES] = [
            sent.end_char > body_offset and _has_figure_words(sents, i, text) for i, sent in enumerate(sents)
        ]
    return flags


def _has_figure_words(sents: list[Span], i: int, text: str) -> bool:
    """A number and a trigger word, or an elliptical sentence beside one about displaced people."""
    sent = sents[i]
    start, end = sent.start_char, sent.end_char
    if NUMBER_HINT.search(text, start, end) is not None and TRIGGER_HINT.search(text, start, end) is not None:
        return True
    return ELLIPSIS.match(text, start, end) is not None and _displaced_nearby(sents, i, text)


def _sentence_entities(ents: list[tuple], ent_starts: list[int], sent: Span) -> list[tuple]:
    """The (start, end, label, text) entities inside the sentence; `ents` in text order."""
    lo = bisect.bisect_left(ent_starts, sent.start_char)
    hi = bisect.bisect_left(ent_starts, sent.end_char)
    return [e for e in ents[lo:hi] if e[1] <= sent.end_char]


def _read_parses_only(
    doc: Doc,
    body_offset: int,
    published: datetime | None,
    places: PlaceIndex,
    parses: dict[int, Doc],
    g: Grammar,
    ents: list[tuple],
    ent_starts: list[int],
) -> list[Found]:
    """A language without word rules: the figures the constructions read in each parsed sentence."""
    found: list[Found] = []
    for sent in sentences(doc):
        parsed = parses.get(sent.start_char)
        if parsed is None:
            continue
        text = places.text[sent.start_char : sent.end_char]
        words = split_words(text, sent.start_char)
        # The French model tags no dates: they come from the text (`ner.dates`).
        sent_ents = _sentence_entities(ents, ent_starts, sent) + find_dates_fr(text, sent.start_char)
        source = reported_by_fr(text)
        found.extend(read_parsed(parsed, words, sent, [], body_offset, published, places, sent_ents, source, g))
    return found


def _displaced_nearby(sents: list[Span], i: int, text: str) -> bool:
    """The sentence before or after talks about displaced people."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(sents) and DISPLACED_HINT.search(text, sents[j].start_char, sents[j].end_char):
            return True
    return False
