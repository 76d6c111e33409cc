"""Word-level candidates: which numbers count people or homes, and who they count.

A count is a quantity (`ner.quantities`) that is no date, year, time, money, label or code, followed
by a person, household or housing noun, or by none ("35,000 were displaced"). Numbers after "the"
refer back to something counted before; asides (", including 90 infants,") are breakdowns.
"""

from __future__ import annotations

from dataclasses import dataclass


from wirewatch.places.countries import COUNTRIES, country_of_demonym, country_of_name, fold
from ner.lexicon import (
    ASIDE_OPENERS, ASYLUM_NOUNS, CAMP_WORDS, CENTRE_KINDS, COMBATANT_NOUNS, CURRENCY, CURRENCY_AFTER, DETERMINERS,
    FLIGHT_CONTEXT, FLIGHT_WORDS, HEADLESS_OK, HOUSEHOLD_NOUNS, HOUSING_NOUNS, IDP_NOUNS, LABEL_BEFORE,
    LEISURE_CAMP_AFTER, MONTHS, NEW_MARKERS, NP_STOP, OTHER_CAMPS, PERSON_NOUNS, PERSON_STEMS, REFUGEE_NOUNS,
    RETURN_CONTEXT,
)
from ner.quantities import QuantityMatch, Word, find_quantities
from ner.figures.triggers import Trigger, other_sense


PERSON, HOUSEHOLD, HOUSE, COMBATANT = "person", "household", "housing", "combatant"
TALLY = "tally"  # a running count: stock, cumulative


PLACE_REACH = 10


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
        # ("12 displacement sites": the noun "displacement" names the sites, it does not count people)
        if low in ("displaced", "homeless") or "displac" in low and low not in ("displacements", "displacement"):
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
        if low == "arrivals" and k > q.last and all(words[j].low in NEW_MARKERS for j in range(q.last, k)) \
                and _of_people_who_fled(words):
            # "2,600 new arrivals" at a camp, the agencies' word for people who came: a new flow where
            # they came to ("2 million tourist arrivals", a zoo's or a shop's new arrivals are not)
            return Head(PERSON, k + 1, "displaced", more, True)
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


def _speaks_of_flight(words: list[Word]) -> bool:
    """Whether the sentence speaks of flight, refuge, a border or a conflict."""
    return any(w.low.startswith(FLIGHT_CONTEXT) or w.low in FLIGHT_WORDS for w in words)


def _of_people_who_fled(words: list[Word]) -> bool:
    """Whether the sentence speaks of flight, refuge, a border, a conflict, attacks or a camp."""
    return _speaks_of_flight(words) or any(w.low in CAMP_WORDS or w.low.startswith("attack") for w in words)


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
    return head.group or _speaks_of_flight(words)


def _arrives_at_a_camp(words: list[Word], k: int) -> bool:
    """Construction "people arriving at a camp": the arrival verb at `k` goes to a camp, a settlement
    or a transit, reception or displacement site ("2,300 people arrived in the camp"), so who arrive
    are displaced people, counted where they arrived, whoever the noun names."""
    for j in range(k + 1, min(k + 6, len(words))):
        low = words[j].low
        if low in CAMP_WORDS:
            after = words[j + 1].low if j + 1 < len(words) else ""
            before = words[j - 1].low
            # ("a camp site", "a training camp", "the army camp": places people go for other reasons)
            return after not in LEISURE_CAMP_AFTER and before not in OTHER_CAMPS
        if low.startswith(("site", "centre", "center")) and j > 0 and (
                words[j - 1].low in CENTRE_KINDS or words[j - 1].low == "displacement"):
            return True
    return False


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


def counts(words: list[Word]) -> list[QuantityMatch]:
    """The quantities of a sentence that can be headcounts (no date, year, money, label or code)."""
    return [q for q in find_quantities(words) if not _not_a_count(words, q)]
