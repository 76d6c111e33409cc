"""What happened to each candidate count, read from the words around it (`triggers`).

The nearest trigger after the count in its clause, unless a verb right before governs it
("displaced 24,000 people", "the evacuation of 45,000"). Numbers listed before one noun share it
and its verb; a count after "and" with no verb of its own goes on the pattern of the count before.
"""

from __future__ import annotations

from ner.lexicon import (
    ARRIVAL_VERBS, BEFORE_GAP, CLAUSE_BREAKERS, LINK_BEFORE, LIST_JOINERS, PLACE_PREPOSITIONS, PREPOSITIONS,
    TALLY_NOUNS,
)
from ner.quantities import QuantityMatch, Word, find_quantities
from ner.figures.triggers import BLOCK, FATAL, HOST, HOUSING, MOVE, STATE, Trigger, arrival_at, trigger_at
from ner.figures.candidates import (
    ARRIVAL_REACH, COMBATANT, Candidate, HOUSE, HOUSEHOLD, Head, PERSON, TALLY, _arrives, _arrives_at_a_camp,
    _asides, _head,
    _idps, _not_a_count, _return_from_abroad,
)


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
            and (_arrives(words, cand.head) or _idps(cand.head)
                 or cand.head.kind == PERSON and _arrives_at_a_camp(words, j))
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
