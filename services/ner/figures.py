"""Displacement figures from a parsed article: rules over words, no parse tree needed.

For each number in a sentence that mentions a displacement word (`lexicon.TRIGGER_HINT`):

1. Reject what is not a headcount: dates, years, times, money, numbers glued to codes, and any
   number followed by a noun of something else ("14 districts", "5 kilometres", "63 per cent").
   Numbers after "the" refer back to something counted before ("the 4,000 villagers").
2. Find who is counted: a person, household or housing noun within a few words ("7,000 fami-lies",
   "25,000 mud-and-thatch homes", "tens of thousands of civilians"), or none ("35,000 were
   displaced"). A verbless sentence that opens on a count somewhere ("About 9,000 in Kuma.") counts
   displaced people when the sentence before or after is about them.
3. Find what happened to them (`triggers`): the nearest trigger after the number in its clause,
   unless a verb right before governs it ("displaced 24,000 people", "the evacuation of 45,000").
   A number between an aside's commas or brackets ("including 90 infants") is a breakdown and no
   figure; a number in brackets right after another ("5,300 families (32,000 people)") restates it.
   Numbers listed before one noun share it and its verb ("displaced 12,000 and 8,000 people"); a
   count after "and" or a comma with no verb of its own, followed like the count before it by where
   it happened, goes on that count's pattern ("displaced 3,000 people in Kalehe and 5,000 in Masisi").
4. A forecast of a coming movement ("could force 100,000 to flee", "expected to be displaced",
   "plans to evacuate") is kept with category "projected", which no alert rule reads. Conditionals
   ("if the dam fails"), negations, counterfactuals ("would have fled"), obligations ("must be
   relocated"), risks and forecast deaths or damage are no figure.
5. Category: deaths -> fatalities; hosting, refugee/IDP nouns without a movement verb, "remain",
   "already", "still" -> stock; a border, a crossing, a neighbouring country or a country as
   destination (also as a possessive, "to Bangladesh's Cox's Bazar", unless the text was just
   speaking of that country), and returnees from another country -> cross_border; otherwise
   displacement.
   Refugees, asylum seekers and peoples ("4,000 Rohingya") who arrive, enter, reach, flee or cross
   into a place are a flow from abroad: cross_border, term refugee (nationals such as "Eritreans"
   only where the sentence speaks of flight or conflict). IDPs who arrive somewhere ("9,500 IDPs
   arrived in Baidoa") are displacement there.
6. Place, date and source come from the same clause (see `places`, `dates`, `attribution`); for
   an arrival the place arrived at, the origin only when none is named; for a list of numbers
   followed by "respectively", the place in the same position of the list of places.
7. One event reported twice (same bounds and unit, compatible category and place, the later one
   not "another") is one Figure; the later sentence goes to `evidence`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from spacy.tokens import Doc, Span

from ner import dates
from ner.attribution import Speakers, reported_by
from wirewatch.places.countries import COUNTRIES, country_of_demonym, country_of_name, fold
from ner.lexicon import (
    ARRIVAL_VERBS, ASIDE_OPENERS, ASYLUM_NOUNS, COMBATANT_NOUNS, CONDITIONS, CROSS_BORDER_NOT_MOVEMENT,
    CUMULATIVE_MARKERS, CURRENCY, CURRENCY_AFTER, HISTORY_YEARS, FLIGHT_CONTEXT, FLIGHT_WORDS, HEADLESS_OK, HOUSEHOLD_NOUNS,
    HOUSING_NOUNS, HYPOTHETICAL, HYPOTHETICAL_BEFORE_TO, IDP_NOUNS, MODALS, MONTHS, NEGATIONS, NEW_MARKERS,
    NUMBER_HINT, PERSON_NOUNS, PERSON_STEMS, PROJECTION_BEFORE_TO, PROJECTION_MODALS, PROJECTION_WORDS,
    REFUGEE_NOUNS, STOCK_MARKERS, TRIGGER_HINT, WEEKDAYS,
)
from ner.places import RANK, PlaceIndex, role_before, to_contract
from ner.reading import Reading, near_miss, read_sentence
from ner.quantities import QuantityMatch, Word, find_quantities, split_words
from ner.triggers import BLOCK, FATAL, HOST, HOUSING, MOVE, STATE, Trigger, arrival_at, other_sense, trigger_at
from wirewatch.contracts import Evidence, Figure, Quantity, Span as BodySpan

PERSON, HOUSEHOLD, HOUSE, COMBATANT = "person", "household", "housing", "combatant"
TALLY = "tally"  # a running count: stock, cumulative
CLAUSE_BREAKERS = {";", ".", "!", "?", "while", "whereas", "but", "although", "though", "meanwhile"}
# Words that may stand between a governing verb and its number: "the evacuation of a further 45,000".
BEFORE_GAP = {"of", "the", "a", "an", "total", "number", "some", "further", "estimated"}
# Words between a number and its noun that do not stop the search for the noun.
NP_STOP = {
    "were", "was", "are", "is", "have", "has", "had", "been", "be", "will", "would", "could", "may", "might", "in",
    "from", "at", "to", "into", "across", "near", "on", "who", "that", "which", "and", "or", "but", "a", "an", "by",
    "with", "for", "as", "after", "before", "since", "during", "per", "than", "this", "these", "those", "its",
    "their", "his", "her", "each", "every", "said", "says", "fled", "flee", "remain", "remained", "moved", "took",
    "sought", "crossed", "also", "still", "now", "left", "died", "killed", "lost", "including", "did", "do",
    "percent", "cent", "out", "over", "under", "about", "around", "like", "year", "years", "days", "day", "months",
    "weeks", "hours",
}
LABEL_BEFORE = {
    "magnitude", "category", "level", "phase", "grade", "route", "highway", "article", "resolution", "chapter",
    "page", "section", "line", "flight", "platform", "gate", "room", "no", "number", "aged", "age", "ages", "tier",
    "stage", "class", "unit", "paragraph", "code", "version", "lot", "kilometre", "km", "mile", "mm", "cm", "am",
    "pm", "pages", "item", "score", "rank", "ranked", "ranking", "team", "ward", "district", "zone", "sector",
    "block", "plot", "numbers", "dated", "population", "populations", "i", "ii", "iii", "top", "fy",
}
DETERMINERS = {
    "the", "these", "those", "its", "their", "his", "her", "our", "all", "whose", "your", "my", "first", "last",
    "every", "each",
}
BORDER_WORDS = {"border", "borders", "frontier", "frontiers", "abroad"}
SPEAKER_HINTS = (
    "said", "told", "according", "report", "estimat", "says", "announc", "state", "confirm", "warn", "record",
)
PLACE_REACH = 10
PREPOSITIONS = {
    "following", "after", "before", "during", "since", "amid", "from", "by", "of", "in", "on", "for", "despite",
    "about", "over", "against", "with", "without", "to",
}
# PDF copy glues a modal to the word before it: "peoplecould".
GLUED_MODALS = ("could", "would", "might")
# "the death toll rose to 19", "the number of displaced people stands at 20,000".
LINK_BEFORE = {
    "to", "at", "reached", "reaches", "touched", "hit", "hits", "topped", "surpassed", "passed", "exceeded",
    "exceeds", "is", "was", "now",
}
TALLY_NOUNS = {
    "idps": "displaced", "displaced": "displaced", "refugees": "refugee", "asylum": "asylum_seeker",
    "evacuees": "evacuated", "homeless": "homeless", "evacuated": "evacuated",
}
# A verbless sentence that opens on a count somewhere ("About 9,000 in Kuma.", "Another 3,000 at
# Leru.") counts whoever a neighbouring sentence is about; only displaced people are taken.
ELLIPSIS = re.compile(
    r"\W*(?i:(?:about|some|around|approximately|nearly|almost|over|another|further|an estimated|up to|at least|"
    r"more than)\s+)*\d[\d,.]*(?i:\s+(?:million|thousand))?\s+(?i:more\s+)?(?i:in|at)\s+[A-Z]"
)
DISPLACED_HINT = re.compile(r"(?i:displaced|displacement)|\bIDPs?\b")
RETURN_CONTEXT = (
    "refug", "displac", "idp", "undocumented", "border", "fled", "flee", "deport", "expel", "conflict", "fighting",
    "violence", "war", "crackdown",
)
DESTINATION_WORDS = {"to", "into", "toward", "towards", "enter", "entering", "for", "reach", "reached", "reaching"}
# Demonyms of states: a nationality word that is none of these names a group ("Rohingya", "Kurds").
STATE_DEMONYMS = {fold(d).replace("-", " ") for c in COUNTRIES for d in c.demonyms}
# How far after who is counted an arrival verb may come: "refugees from the Central African Republic
# have arrived".
ARRIVAL_REACH = 9
# Who may stand after a nationality word that only qualifies it: "Rohingya refugees", "Sudanese homes".
QUALIFIED_NOUNS = REFUGEE_NOUNS | IDP_NOUNS | ASYLUM_NOUNS | HOUSEHOLD_NOUNS | HOUSING_NOUNS | {"evacuees"}


@dataclass(slots=True)
class Head:
    kind: str | None  # person, household, housing, combatant, or None (no noun)
    end: int  # word index after the noun phrase
    noun_term: str | None = None  # refugee, displaced (IDPs), asylum_seeker, evacuated
    more: bool = False  # "several thousand more refugees"
    new: bool = False  # "newly displaced"
    fatal: bool = False  # "120 lives"
    abroad: bool = False  # "returnees from Pakistan": people back across a border
    nation: bool = False  # counted by nationality: "4,000 Syrians", "4,000 Rohingya"
    group: bool = False  # by a group that is no state's demonym: "Rohingya", "Yazidis"


@dataclass(slots=True)
class Candidate:
    q: QuantityMatch
    head: Head
    index: int
    in_aside: bool = False
    apposition_of: int | None = None
    trigger: Trigger | None = None
    # "... in Sindh and Punjab respectively": (position in the list, list size, first word of the
    # places, the word "respectively").
    respective: tuple[int, int, int, int] | None = None


@dataclass
class Found:
    """A figure before it becomes a contract object, with what merging needs."""

    figure: dict
    rank: int  # how specific its place mention is
    figure_end: int  # doc offset where its quantity ends
    evidence: list[Evidence] = field(default_factory=list)


# -------------------------------------------------------------------------------------------------


def extract_figures(
    doc: Doc,
    body_offset: int,
    article_id: str,
    published: datetime | None,
    places: PlaceIndex,
    parses: dict[int, Doc] | None = None,
) -> list[Figure]:
    """Every displacement-relevant figure in `doc`; offsets are made relative to the body. `parses`:
    the parsed candidate sentences by start offset (`ner.parse`); a count the word rules leave is
    read by the constructions (`ner.reading`), and every figure takes its clause's places from them."""
    parses = parses or {}
    speakers = Speakers()
    found: list[Found] = []
    ents = [(e.start_char, e.end_char, e.label_, places.text[e.start_char : e.end_char]) for e in places.ents]
    ent_starts = [e[0] for e in ents]
    full = places.text
    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        if sent.end_char <= body_offset:
            continue
        text = full[sent.start_char : sent.end_char]
        elliptical = ELLIPSIS.match(text) is not None and _displaced_nearby(sents, i, full)
        has_figure_words = elliptical or (
            NUMBER_HINT.search(text) is not None and TRIGGER_HINT.search(text) is not None
        )
        lowered = text.lower()
        has_speaker = "(" in text or any(verb in lowered for verb in SPEAKER_HINTS)
        if not has_figure_words and not has_speaker:
            continue
        words = split_words(text, sent.start_char)
        lo = bisect.bisect_left(ent_starts, sent.start_char)
        hi = bisect.bisect_left(ent_starts, sent.end_char)
        sent_ents = [e for e in ents[lo:hi] if e[1] <= sent.end_char]
        source = reported_by(text, words, sent_ents, speakers) if has_speaker else None
        if not has_figure_words:
            continue
        floor = sent.start_char
        first_found = len(found)
        for cand in _candidates(words):
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
    return _merge(found, article_id)


def _displaced_nearby(sents: list[Span], i: int, text: str) -> bool:
    """The sentence before or after talks about displaced people."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(sents) and DISPLACED_HINT.search(text, sents[j].start_char, sents[j].end_char):
            return True
    return False


# -- candidates ------------------------------------------------------------------------------------


def _asides(words: list[Word]) -> set[int]:
    """Word indices inside brackets or breakdown asides (", including 90 infants,")."""
    inside: set[int] = set()
    n = len(words)
    stack: list[int] = []
    for i, w in enumerate(words):
        if w.text == "(":
            stack.append(i)
        elif w.text == ")" and stack:
            inside.update(range(stack.pop(), i + 1))
    for i, w in enumerate(words[:-1]):
        if w.text == "," and words[i + 1].low in ASIDE_OPENERS:
            nxt = words[i + 1].low
            if nxt == "of" and (i + 2 >= n or words[i + 2].low not in ("whom", "which", "them")):
                continue
            if nxt in ("many", "most", "some", "half", "majority") and not _aside_shape(words, i + 1):
                continue
            j = i + 1
            while j < n and words[j].text not in (",", ")", ";", "."):
                inside.add(j)
                j += 1
            inside.add(i)
    return inside


def _aside_shape(words: list[Word], i: int) -> bool:
    """ ", many of them children," / ", some carrying their belongings": asides, not new clauses."""
    nxt = words[i + 1].low if i + 1 < len(words) else ""
    return nxt in ("of", "carrying", "with", "in", "from", "women", "children", "families") or nxt.endswith("ing")


def _is_person_word(low: str) -> bool:
    return low.startswith(PERSON_STEMS) or low in PERSON_NOUNS


def _head(words: list[Word], q: QuantityMatch) -> Head | None:
    """Who the number counts, or Head(None) when no noun follows but the words allow a headcount;
    None when the number counts something else."""
    n = len(words)
    k = q.last
    more = new = displaced_mod = False
    steps = 0
    while k < n and steps < 6:
        w = words[k]
        low = w.low
        # PDF hyphenation: "fami-lies", "peo-ple".
        if k + 2 < n and words[k + 1].text == "-" and words[k + 2].start == words[k + 1].end:
            joined = low + words[k + 2].low
            if _is_person_word(joined) or joined in HOUSEHOLD_NOUNS or joined in HOUSING_NOUNS:
                low, k = joined, k + 2
        if low in ("displaced", "homeless") or "displac" in low and low != "displacements":
            if other_sense(words, k):
                return None
            displaced_mod = True
            k += 1
            steps += 1
            continue
        if low == "returnees" and (past := _return_from_abroad(words, k + 1)):
            return Head(PERSON, past, "displaced", more, new, abroad=True)
        if _is_person_word(low):
            return Head(PERSON, k + 1, "displaced" if displaced_mod else None, more, new)
        if low in HOUSEHOLD_NOUNS or low.startswith("household") or low.startswith("famil"):
            return Head(HOUSEHOLD, k + 1, "displaced" if displaced_mod else None, more, new)
        if low in HOUSING_NOUNS:
            return Head(HOUSE, k + 1, None, more, new)
        if low in REFUGEE_NOUNS:
            return Head(PERSON, k + 1, "refugee", more, new)
        if low in IDP_NOUNS:
            return Head(PERSON, k + 1, "displaced", more, new or low == "displacements")
        if low in ASYLUM_NOUNS and k + 1 < n:
            j = k + 2 if words[k + 1].text == "-" and k + 2 < n else k + 1
            if words[j].low.startswith("seeker"):
                return Head(PERSON, j + 1, "asylum_seeker", more, new)
        if low == "evacuees":
            return Head(PERSON, k + 1, "evacuated", more, new)
        if low == "lives":
            return Head(PERSON, k + 1, None, more, new, fatal=True)
        if low in COMBATANT_NOUNS:
            return Head(COMBATANT, k + 1, None, more, new)
        if w.text[:1].isupper() and country_of_demonym(w.text):
            group = _is_group(low)
            if low.endswith(("s", "ese")) or group:
                nxt = words[k + 1].low if k + 1 < n else ""
                if nxt in QUALIFIED_NOUNS or (_is_person_word(nxt) and nxt not in ("displaced", "homeless")):
                    k += 1  # "4,000 Rohingya refugees", "6,000 South Sudanese families": the noun says who
                    steps += 1
                    continue
                return Head(PERSON, k + 1, None, more, new, nation=True, group=group)
        if low in ("more", "additional", "extra"):
            more = True
        elif low in NEW_MARKERS:
            new = True
        elif low == "of":
            nxt = words[k + 1].low if k + 1 < n else ""
            if nxt in ("the", "them", "those", "whom", "these"):
                return _partitive(words, q, k + 1, more, new)
            if not (q.vague or steps > 0):
                return None
        elif w.text == "-" and steps > 0 and k + 1 < n and words[k + 1].text[:1].isalpha():
            k += 2  # "mud-and-thatch": the word after a hyphen belongs to the compound
            steps += 1
            continue
        elif not w.text[:1].isalpha() or low in NP_STOP:
            break
        k += 1
        steps += 1
    follower = words[q.last].low if q.last < n else ""
    if displaced_mod:
        return Head(None, q.last, None, more, new)
    if follower == "" or follower in HEADLESS_OK:
        if (
            follower in ("in", "out")
            and q.last + 1 < n
            and (
                words[q.last + 1].low in ("every", "of", "ten", "five", "three", "four")
                or (words[q.last + 1].text[:1].isdigit() and not _year(words[q.last + 1].text))
            )
        ):
            return None  # "one in every five", "nine out of ten": a proportion
        if follower == "of":
            return None
        return Head(None, q.last, None, more, new)
    if follower in ("more",) or (q.vague and follower in ("others",)):
        return Head(None, q.last + 1, None, True, new)
    return None


def _is_group(low: str) -> bool:
    """ "rohingya", "kurds": a people named as a group, not as the citizens of a state."""
    key = low.replace("-", " ")
    return key not in STATE_DEMONYMS and not (key.endswith("s") and key[:-1] in STATE_DEMONYMS)


def _idps(head: Head) -> bool:
    """Who is counted are internally displaced people ("IDPs", "displaced persons"), not returnees
    from abroad."""
    return head.kind == PERSON and head.noun_term == "displaced" and not head.abroad


def _arrives(words: list[Word], head: Head) -> bool:
    """Whether who is counted arrive from abroad when they arrive: refugees and asylum seekers, a
    people such as the Rohingya, and nationals where the sentence speaks of flight or conflict."""
    if head.noun_term in ("refugee", "asylum_seeker"):
        return True
    if not head.nation:
        return False
    return head.group or any(w.low.startswith(FLIGHT_CONTEXT) or w.low in FLIGHT_WORDS for w in words)


def _return_from_abroad(words: list[Word], k: int) -> int:
    """The word index after "from <country>" starting at k, or 0. Returnees from another country
    crossed a border; returnees to their villages are no longer displaced and are no figure. Pilgrims
    or workers back from abroad are no displacement either: the sentence must speak of refugees,
    the undocumented, a conflict or a border."""
    if k >= len(words) or words[k].low != "from":
        return 0
    end = _country_end(words, k + 2 if k + 1 < len(words) and words[k + 1].low == "the" else k + 1)
    if end and any(w.low.startswith(RETURN_CONTEXT) for w in words):
        return end
    return 0


def _country_end(words: list[Word], first: int) -> int:
    """The word index after a country name starting at `first`, or 0."""
    for size in range(1, 6):  # "Democratic Republic of the Congo"
        name = " ".join(w.text for w in words[first : first + size])
        if first + size <= len(words) and name[:1].isupper() and country_of_name(name):
            return first + size
    return 0


def _year(text: str) -> bool:
    """ "211,000 in 2016" is a count in a year, "one in 5" a proportion."""
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def _partitive(words: list[Word], q: QuantityMatch, k: int, more: bool, new: bool) -> Head | None:
    """'500 of the 4,000 villagers': the noun after the total says who the part is."""
    n = len(words)
    for j in range(k, min(n, k + 6)):
        low = words[j].low
        if _is_person_word(low) or low in REFUGEE_NOUNS or low in IDP_NOUNS:
            return Head(PERSON, j + 1, "refugee" if low in REFUGEE_NOUNS else None, more, new)
        if low in HOUSEHOLD_NOUNS:
            return Head(HOUSEHOLD, j + 1, None, more, new)
        if low in ("them", "whom"):
            return Head(None, j + 1, None, more, new)
    return None


def _not_a_count(words: list[Word], q: QuantityMatch, referring: bool = False) -> bool:
    """Dates, years, times, money, labels and codes; with `referring`, also a count after a
    determiner ("the 4,000 villagers"), which the word rules take as referring back."""
    n = len(words)
    core = words[q.core]
    before = words[q.first - 1] if q.first > 0 else None
    before2 = words[q.first - 2] if q.first > 1 else None
    after = words[q.last] if q.last < n else None
    after2 = words[q.last + 1] if q.last + 1 < n else None
    if before is not None:
        if before.low in MONTHS or (before.text == "." and before2 is not None and before2.low in MONTHS):
            return True
        if before.low in CURRENCY or before.text in ("$", "€", "£", "¥", "#", "№"):
            return True
        if before.low in LABEL_BEFORE or (referring and before.low in DETERMINERS):
            return True
        if before.end == core.start and before.text[:1].isalpha() and q.first == q.core and not before.text.islower():
            return True  # glued to a code: "MDRCN005", "COVID19" (but "with14,593" is PDF glue)
        if (
            before.text in ("-", "/", ":", ".")
            and before2 is not None
            and before.end == core.start
            and before2.text[:1].isalnum()
        ):
            return True  # "I-80", "3/4", "10:30", "v.2"
    if after is not None:
        if after.low in MONTHS or after.low in ("st", "nd", "rd", "th") and after.start == words[q.last - 1].end:
            return True
        if after.text == ":" and after2 is not None and after2.text[:1].isdigit():
            return True
        if after.low in ("am", "pm", "hrs", "gmt", "utc") or (
            after.low in ("a", "p") and after2 is not None and after2.text == "."
        ):
            return True  # "6 p.m.", "0400 GMT"
        if after.low in CURRENCY_AFTER:
            return True
        if after.text in ("%", "°", "/") or after.low in ("percent", "per"):
            return True
        if after.text == "-" and after2 is not None and after.start == words[q.last - 1].end:
            return True  # "five-year", "7.0-magnitude", "2015-2016"
        if after.start == words[q.last - 1].end and after.text[:1].isalpha() and not _is_person_word(after.low):
            return True  # glued to letters that are no headcount noun: "45km", "01W"
    if not q.scaled and q.qualifier in ("exact", "range") and "," not in core.text and "." not in core.text:
        lo = q.min or 0
        hi = q.max or 0
        if 1800 <= lo <= 2100 and (q.qualifier == "exact" or 1800 <= hi <= 2100):
            if not (after is not None and (_is_person_word(after.low) or after.low in HOUSEHOLD_NOUNS)):
                return True  # a year
    return False


def _candidates(words: list[Word]) -> list[Candidate]:
    quantities = find_quantities(words)
    if not quantities:
        return []
    quantities = [q for q in quantities if not _not_a_count(words, q, referring=True)]
    heads = [_head(words, q) for q in quantities]
    chains = _chains(words, quantities, heads)
    inside = _asides(words)
    cands: list[Candidate] = []
    chain_of: dict[int, int] = {}  # index in `quantities` -> index in `cands`
    for qi, (q, head) in enumerate(zip(quantities, heads)):
        if head is None:
            continue
        cand = Candidate(q, head, len(cands))
        chain_of[qi] = cand.index
        cand.in_aside = q.core in inside
        prev = cands[-1] if cands else None
        if prev is not None:
            opener = q.first - 1
            gap_words = [w.text.lower() for w in words[prev.head.end : q.first]]
            if gap_words in (["("], ["or"], [",", "or"], ["(", "or"]):
                cand.apposition_of = prev.index
                cand.in_aside = False
            elif head.kind is None and prev.head.kind in (HOUSE, HOUSEHOLD) and 0 < q.first - prev.q.last <= 10:
                # "40 huts were flattened and about 250 more damaged": the noun carries over.
                if words[opener].low in ("and", ",", "while", "another") or words[q.first].low in ("another",):
                    cand.head.kind = prev.head.kind
        cands.append(cand)
    for cand in cands:
        if cand.in_aside:
            continue
        boundary = _boundary(cands, cand, len(words))
        cand.trigger = _trigger(words, cand, boundary, inside, cands)
    live = [c for c in cands if not c.in_aside]
    groups = [[cands[chain_of[qi]] for qi in chain] for chain in chains]
    groups = [g for g in groups if all(not c.in_aside for c in g)]
    for group in groups:
        _share_trigger(group)
        _respectively(words, group)
    # "displaced 3,000 people in Kalehe and 5,000 in Masisi": the second count goes on the first's pattern.
    for a, b in zip(live, live[1:]):
        if b.trigger is None and a.trigger is not None and _continues(words, a, b):
            b.trigger = a.trigger
            if b.head.kind is None:
                b.head = Head(
                    a.head.kind, b.head.end, a.head.noun_term, b.head.more, b.head.new, a.head.fatal,
                    a.head.abroad, a.head.nation, a.head.group,
                )
    return live


# Joiners of a list of numbers that share the noun after the last: "12,000, 8,000 and 3,000 people".
LIST_JOINERS = ([","], ["and"], [",", "and"])
# Where a count that continues another is, after "and": "and 5,000 in Masisi", "and another 2,000 to Uvira".
PLACE_PREPOSITIONS = {"in", "at", "to", "into", "from", "across", "near", "inside", "outside", "toward", "towards"}


def _chains(words: list[Word], quantities: list[QuantityMatch], heads: list[Head | None]) -> list[list[int]]:
    """Lists of numbers that share one noun ("displaced 12,000 and 8,000 people", "12,000, 8,000 and
    3,000 families"): the numbers before the last take its noun; indices into `quantities`."""
    chains: list[list[int]] = []
    i = 0
    n = len(quantities)
    while i < n - 1:
        chain = [i]
        joiners = []
        while chain[-1] < n - 1:
            a, b = quantities[chain[-1]], quantities[chain[-1] + 1]
            gap = [w.low for w in words[a.last : b.first]]
            if gap not in LIST_JOINERS:
                break
            joiners.append(gap[-1])
            chain.append(chain[-1] + 1)
            if gap[-1] == "and":
                break
        i = chain[-1] if len(chain) > 1 else i + 1
        last = heads[chain[-1]]
        if (
            len(chain) < 2
            or joiners[-1] != "and"
            or last is None
            or last.kind is None
            or not all(heads[k] is None or heads[k].kind is None for k in chain[:-1])
        ):
            continue
        for k in chain[:-1]:
            own = heads[k]
            heads[k] = Head(
                last.kind, quantities[k].last, last.noun_term, bool(own and own.more), bool(own and own.new),
                last.fatal, last.abroad, last.nation, last.group,
            )
        chains.append(chain)
    return chains


def _share_trigger(group: list[Candidate]) -> None:
    """Numbers that share a noun share what happened to them: "displaced 12,000 and 8,000 people",
    "12,000 and 8,000 people were displaced"."""
    own = [c.trigger for c in group]
    for k in range(len(group) - 2, -1, -1):  # the verb after the last reaches back over the list
        if group[k].trigger is None and group[k + 1].trigger is not None:
            group[k].trigger = group[k + 1].trigger
    for k in range(1, len(group)):  # the verb before the first reaches forward
        if own[k] is None and group[k - 1].trigger is not None:
            group[k].trigger = group[k - 1].trigger


def _respectively(words: list[Word], group: list[Candidate]) -> None:
    """ "12,000 and 8,000 people in Sindh and Punjab respectively": the places of the list in order."""
    start = group[-1].head.end
    for j in range(start, min(len(words), start + 20)):
        low = words[j].low
        if low == "respectively":
            for pos, c in enumerate(group):
                c.respective = (pos, len(group), start, j)
            return
        if low in CLAUSE_BREAKERS:
            return


def _continues(words: list[Word], a: Candidate, b: Candidate) -> bool:
    """Whether count b, after "and" or a comma, is a second count on count a's pattern: "displaced
    3,000 people in Kalehe and 5,000 in Masisi", "3,000 fled to Goma and another 2,000 to Uvira"."""
    if b.q.first == 0 or words[b.q.first - 1].low not in ("and", ","):
        return False
    if b.head.kind is not None and b.head.kind != a.head.kind:
        return False
    # b is followed by where it happened (a name: "and 2,000 in 2019" is a date) ...
    k = b.head.end
    if k + 1 >= len(words) or words[k].low not in PLACE_PREPOSITIONS:
        return False
    name = words[k + 2] if words[k + 1].low == "the" and k + 2 < len(words) else words[k + 1]
    if not name.text[:1].isupper():
        return False
    # ... and so is a, past its own verb; nothing else happens between them.
    j = max(a.head.end, a.q.last)
    if a.trigger is not None and j <= a.trigger.start <= j + 3:
        j = a.trigger.end  # "3,000 people were displaced in Kalehe and ..."
    stop = b.q.first - 1
    if j >= stop or stop - j > 10 or words[j].low not in PLACE_PREPOSITIONS:
        return False
    for k in range(j, stop):
        if words[k].low in CLAUSE_BREAKERS or words[k].low == "and" or trigger_at(words, k) is not None:
            return False
    return True


def _boundary(cands: list[Candidate], cand: Candidate, n: int) -> int:
    """Where the next counted number starts: a trigger past it belongs to that number."""
    for other in cands[cand.index + 1 :]:
        if other.in_aside or other.apposition_of == cand.index:
            continue
        return other.q.first
    return n


def _clause_end(words: list[Word], j: int) -> bool:
    low = words[j].low
    if low in CLAUSE_BREAKERS:
        return True
    return low == "," and j + 1 < len(words) and words[j + 1].low in CLAUSE_BREAKERS


def _trigger(
    words: list[Word], cand: Candidate, boundary: int, inside: set[int], cands: list[Candidate]
) -> Trigger | None:
    after = _trigger_after(words, cand, boundary, inside)
    # A verb right after the noun is the number's own ("15 missing", "518,000 displaced"), even
    # when a list puts another verb just before it.
    start = cand.head.end if cand.head.kind is not None else cand.q.last
    if after is not None and after.start == start:
        return after
    tally = _tally(words, cand) if after is None else None
    if tally is not None:
        return tally
    before = _trigger_before(words, cand)
    if (
        before is not None
        and before.kind == BLOCK
        and after is not None
        and after.kind != BLOCK
        and any(w.low in ("who", "that", "which") for w in words[start : after.start])
    ):
        return after  # "received 10,000 people who were displaced": the relative clause says what happened
    if before is not None and (before.kind == BLOCK or cand.head.kind != HOUSE or before.kind == HOUSING):
        return before
    if after is None and cand.apposition_of is not None:
        return cands[cand.apposition_of].trigger
    if after is None and cand.head.fatal:
        return Trigger("killed", FATAL, cand.q.core, cand.head.end)
    return after


def _tally(words: list[Word], cand: Candidate) -> Trigger | None:
    """ "The death toll ... reached three", "the number of IDPs rose to 20,000": the noun is before."""
    if cand.head.kind not in (None, PERSON) or cand.q.first == 0 or words[cand.q.first - 1].low not in LINK_BEFORE:
        return None
    for j in range(cand.q.first - 2, max(-1, cand.q.first - 16), -1):
        low = words[j].low
        if low in (";", ".") or (low == "," and j < cand.q.first - 2 and words[j + 1].low not in ("the",)):
            return None
        if low == "toll" and j > 0 and words[j - 1].low == "death":
            return Trigger("killed", FATAL, j, j + 1)
        if (low == "number" and j + 1 < len(words) and words[j + 1].low == "of") or low == "total":
            for k in range(j + 1, min(len(words), j + 7)):
                term = TALLY_NOUNS.get(words[k].low)
                if words[k].low == "returnees" and _return_from_abroad(words, k + 1):
                    term = "displaced"  # "the number of returnees from Iran stands at 98,000"
                if term:
                    return Trigger(term, TALLY, j, k + 1)
            return None
    return None


def _allowed(t: Trigger, head_kind: str | None) -> bool:
    if t.kind == BLOCK:
        return True
    if head_kind == HOUSE:
        return t.kind == HOUSING
    if t.kind == HOUSING:
        return False
    if head_kind == COMBATANT:
        return t.kind == FATAL
    return True


def _trigger_after(words: list[Word], cand: Candidate, boundary: int, inside: set[int]) -> Trigger | None:
    n = len(words)
    j = start = cand.head.end if cand.head.kind is not None else cand.q.last
    own_paren = cand.q.core in inside
    steps = 0
    while j < min(boundary, n) and steps < 16:
        if j in inside and not own_paren:
            j += 1
            continue
        if _clause_end(words, j):
            break
        t = trigger_at(words, j)
        if (
            (t is None or t.kind == BLOCK)
            and words[j].low in ARRIVAL_VERBS
            and j - start < ARRIVAL_REACH
            and (_arrives(words, cand.head) or _idps(cand.head))
        ):
            t = arrival_at(words, j) or t  # "4,000 refugees arrived in Kilis", "6,000 Rohingya have reached"
        if t is not None and _allowed(t, cand.head.kind):
            # A verb right before the next number is that number's: "affected 2 million and displaced 90,000".
            if t.kind != BLOCK and boundary < n and t.end == boundary and t.kind in (MOVE, HOUSING, FATAL, HOST, STATE):
                return None
            # "... in the days following the mass evacuation": a noun after a preposition is no predicate.
            if t.kind in (MOVE, STATE) and _nominal_after_preposition(words, t):
                j = t.end
                steps += 1
                continue
            if t.kind == BLOCK:
                k = t.end
                if k + 1 < n and words[k].low in ("and", "or", ","):
                    t2 = trigger_at(words, k + 1)
                    if t2 is not None and t2.kind != BLOCK and _allowed(t2, cand.head.kind):
                        return t2
            return t
        j = t.end if t is not None else j + 1
        steps += 1
    return None


def _nominal_after_preposition(words: list[Word], t: Trigger) -> bool:
    low = words[t.start].low
    if not low.endswith(("tion", "tions", "ment", "ments", "exodus", "flight")):
        return False
    for j in range(t.start - 1, max(-1, t.start - 4), -1):
        w = words[j].low
        if w in PREPOSITIONS:
            return True
        if w not in (
            "the", "a", "an", "mass", "this", "that", "its", "their", "recent", "latest", "forced", "new",
            "large-scale", "massive",
        ):
            return False
    return False


def _verb_like(low: str) -> bool:
    # The bare forms mostly follow a modal or "to": "could displace 400,000", "plans to evacuate 8,000".
    return low.endswith(("ed", "ing")) or low in (
        "hosts", "host", "shelters", "kills", "kill", "displaces", "flee", "fled", "destroys", "forced",
        "displace", "evacuate", "evacuates", "relocate", "relocates", "driven", "drove",
    )


def _trigger_before(words: list[Word], cand: Candidate) -> Trigger | None:
    j = cand.q.first - 1
    gap = 0
    while j >= 0 and gap <= 3:
        if words[j].text in (",", ";", ".", ":", "(", ")"):
            return None
        t = trigger_at(words, j)
        if t is not None and t.end <= cand.q.first:
            nominal = t.end < len(words) and words[t.end].low == "of"
            if (_verb_like(words[j].low) or nominal) and _allowed(t, cand.head.kind):
                return t
            return None
        if words[j].low not in BEFORE_GAP:
            return None
        j -= 1
        gap += 1
    return None


# -- figures -------------------------------------------------------------------------------------


PROJECTED, EXCLUDED = "projected", "excluded"
# Verbs through which a modal before the number reaches the movement after it: "could force 200,000
# people to flee", "is expected to leave 3,000 homeless".
CAUSATIVES = {"force", "forcing", "leave", "leaving", "drive", "send", "push", "cause", "prompt", "make", "see"}


def _modality(words: list[Word], cand: Candidate, t: Trigger) -> str | None:
    """None for a reported movement; PROJECTED for a forecast of a coming one ("could be displaced",
    "are expected to flee"); EXCLUDED for the rest of what is not real: a conditional, a negation,
    a counterfactual ("would have fled"), an obligation or a wish, a population at risk."""
    lo = max(0, min(cand.q.first, t.start) - 3)
    hi = max(cand.q.last, t.end)
    if t.start > cand.q.first and not any(words[j].low in CAUSATIVES for j in range(lo, cand.q.first)):
        # A modal before the number rules another verb: "the agency will assist 5,000 people displaced".
        lo = cand.q.first
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
    if noun_only and cand.head.noun_term in ("refugee", "displaced", "asylum_seeker") and not cand.head.new:
        return "stock"
    if markers & STOCK_MARKERS and not cand.head.new:
        return "stock"
    if t.term == "in_relief_camp" and ({"living", "live", "residing", "staying"} & markers):
        return "stock"
    if _crosses_border(words, cand, t, sent_end_word, places):
        return "cross_border"
    return "displacement"


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


def _crosses_border(words: list[Word], cand: Candidate, t: Trigger, end: int, places: PlaceIndex) -> bool:
    lo = cand.q.first
    hi = min(end, max(cand.q.last, t.end) + 12)
    for j in range(lo, hi):
        low = words[j].low
        if _clause_end(words, j) and j > max(cand.q.last, t.end):
            hi = j
            break
        if low in BORDER_WORDS:
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
    if arrival and _idps(cand.head):
        # "9,500 IDPs arrived in Baidoa": displaced inside their country, counted where they arrived.
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


def _is_calendar(text: str) -> bool:
    low = text.lower()
    tokens = set(low.replace(",", " ").replace(".", " ").split())
    return bool(tokens & (MONTHS | WEEKDAYS | {"yesterday", "today", "tonight"})) or any(
        tok.isdigit() and len(tok) == 4 for tok in tokens
    )


# -- merging ----------------------------------------------------------------------------------------


def _compatible_category(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"displacement", "cross_border"}


def _compatible_place(a, b) -> bool:
    if a is None or b is None or a.role == "context" or b.role == "context":
        return True
    if a.text.casefold() == b.text.casefold():
        return True
    return a.kind in ("border", "country") or b.kind in ("border", "country")


def _same_vague(a: dict, b: dict) -> bool:
    """ "Thousands" is said of many groups: only the same term at the same named place is one event."""
    pa, pb = a["place_mention"], b["place_mention"]
    return (
        a["term"] == b["term"]
        and pa is not None
        and pb is not None
        and pa.role != "context"
        and pb.role != "context"
        and pa.text.casefold() == pb.text.casefold()
    )


def _merge(found: list[Found], article_id: str) -> list[Figure]:
    kept: list[Found] = []
    for item in found:
        f = item.figure
        twin = None
        if not f["additive"]:
            for other in kept:
                g = other.figure
                if (
                    (g["quantity"].min, g["quantity"].max, g["unit"])
                    == (f["quantity"].min, f["quantity"].max, f["unit"])
                    and _compatible_category(g["category"], f["category"])
                    and _compatible_place(g["place_mention"], f["place_mention"])
                    and (f["quantity"].qualifier != "vague" or _same_vague(g, f))
                    and g["sentence"] != f["sentence"]
                ):
                    twin = other
                    break
        if twin is None:
            kept.append(item)
            continue
        g = twin.figure
        twin.evidence.append(Evidence(sentence=f["sentence"], span=f["span"]))
        if item.rank > twin.rank:
            g["place_mention"] = f["place_mention"]
            twin.rank = item.rank
        if g["category"] == "displacement" and f["category"] == "cross_border":
            g["category"] = "cross_border"
        g["reported_by"] = g["reported_by"] or f["reported_by"]
        g["date"] = g["date"] or f["date"]
    figures = []
    for item in kept:
        span = item.figure["span"]
        figures.append(Figure(figure_id=f"{article_id}:{span.start}-{span.end}", evidence=item.evidence, **item.figure))
    return figures


# -- the parse ---------------------------------------------------------------------------------------


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
) -> list[Found]:
    """The sentence's figures: those of the word rules, each given its clause's places from the parse,
    and a figure for each count that only a construction reads."""
    if _historical(words, published):
        return []
    quantities = [q for q in find_quantities(words) if not _not_a_count(words, q)]
    spans = {(words[q.first].start, words[q.last - 1].end): q for q in quantities}
    readings = read_sentence(parsed, sent.start_char, list(spans))
    taken = {item.figure["span"].start + body_offset for item in word_figures}
    out = []
    for item in word_figures:
        start = item.figure["span"].start + body_offset
        span = (start, item.figure["span"].end + body_offset)
        if near_miss(parsed, sent.start_char, span):
            continue
        out.append(item)
        reading = next((r for (s, e), r in readings.items() if s <= start < e), None)
        if reading is not None:
            mentions = _role_mentions(reading, places, sent, body_offset)
            item.figure["place_mentions"] = mentions
            best = _best_mention(mentions, item.figure["category"])
            own = item.figure["place_mention"]
            if best is not None and best.role in ("in", "at") and (own is None or own.role in ("near", "context")):
                item.figure["place_mention"] = best  # "In A, near the border with B, N were evacuated": A
    for (start, end), reading in readings.items():
        q = spans[(start, end)]
        if any(start <= s < end for s in taken) or words[q.core].start in taken:
            continue
        if near_miss(parsed, sent.start_char, (start, end)):
            continue
        out.append(_from_reading(reading, q, words, sent, body_offset, published, places, sent_ents, source))
    return sorted(out, key=lambda item: item.figure["span"].start)


def _historical(words: list[Word], published: datetime | None) -> bool:
    """The sentence dates its events generations back: "In 1948, 700,000 people fled"."""
    now = (published or datetime.now(UTC)).year
    for k, w in enumerate(words[1:], start=1):
        if len(w.text) == 4 and w.text.isdigit() and words[k - 1].low in ("in", "during", "of"):
            year = int(w.text)
            if 1800 <= year <= now - HISTORY_YEARS:
                return True
    return False


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
    best = _best_mention(mentions, reading.category)
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
        "category": reading.category,
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
