"""What happened to the people counted: the word that makes a number a displacement figure.

`trigger_at(words, k)` reads the word at k (and a few around it) and says which IDMC reporting
term it stands for and what kind of event it is:

    MOVE     new movement: displaced, evacuated, fled, relocated, evicted, crossed
    STATE    a condition that implies displacement: homeless, in shelters, in camps, stranded
    HOUSING  what happened to homes: destroyed, damaged, uninhabitable (only for housing nouns)
    FATAL    deaths
    HOST     hosting ("hosts 2.5 million refugees"): a standing population, never new movement
    BLOCK    the number counts something else (affected, injured, missing, rescued, in need)

`arrival_at(words, k)` reads an arrival ("arrived in", "entered", "have reached"): a MOVE with no
term of its own, which the figure rules take only for refugees and nationals (see `figures`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ner.lexicon import (
    ARRIVAL_VERBS, BLOCK_WORDS, CAMP_WORDS, CENTRE_KINDS, COMPELLING, DIRECTION, HOME_WORDS, IN_PLACE,
    LIFE_TAKERS, OTHER_SENSES, OWN_HOMES, PASSIVE, SHELTER_PLACES,
)
from ner.quantities import Word


MOVE, STATE, HOUSING, FATAL, HOST, BLOCK = "move", "state", "housing", "fatal", "host", "block"


@dataclass(slots=True, frozen=True)
class Trigger:
    term: str | None
    kind: str
    start: int  # word index
    end: int  # word index one past the trigger


def _low(words: list[Word], k: int) -> str:
    return words[k].low if 0 <= k < len(words) else ""


def other_sense(words: list[Word], k: int) -> bool:
    for j in range(max(0, k - 4), min(len(words), k + 5)):
        if words[j].low in OTHER_SENSES:
            return True
    return False


def _refuge(words: list[Word], k: int) -> Trigger:
    """ "took refuge in a school" is shelter, "in a camp" a camp, "with relatives" flight."""
    for j in range(k + 1, min(len(words), k + 7)):
        low = words[j].low
        if low in CAMP_WORDS:
            return Trigger("in_relief_camp", STATE, k, k + 1)
        if low in SHELTER_PLACES or low.startswith("shel"):
            return Trigger("sheltered", STATE, k, k + 1)
    return Trigger("forced_to_flee", MOVE, k, k + 1)


def _has_direction(words: list[Word], k: int, span: int = 3) -> bool:
    return any(_low(words, j) in DIRECTION for j in range(k + 1, k + 1 + span))


def _from_homes(words: list[Word], k: int) -> bool:
    """ "from their homes", "out of their villages" within a few words after k."""
    for j in range(k, min(len(words), k + 7)):
        if words[j].low in ("from", "out"):
            return any(_low(words, i) in OWN_HOMES for i in range(j + 1, j + 4))
    return False


def _made_to(words: list[Word], to: int) -> bool:
    """A compelling verb governs the "to" at index `to`: "forced to", "forced tens of thousands of
    residents to", "had to"."""
    if _low(words, to - 1) in ("had", "have", "has"):
        return True
    for j in range(to - 1, max(-1, to - 9), -1):
        low = words[j].low
        if low in COMPELLING:
            return True
        if low in (",", ";", ".", ":", "(", ")", "and", "or", "but", "who", "which", "that"):
            return False
    return False


def _in_place(words: list[Word], k: int) -> bool:
    """ "in place", "indoors", "at home", "in their homes" right after k."""
    if _low(words, k) == "in" and _low(words, k + 1) == "place":
        return True
    return any(_low(words, j) in IN_PLACE for j in range(k, k + 3))


def arrival_at(words: list[Word], k: int) -> Trigger | None:
    """ "arrived in Kilis", "have entered Iran", "reached the island": people coming to a place.
    Not "were reached with aid" (a passive), "reached 20,000" (a total), "entered the camp" (a move
    inside the host country). The term comes from who is counted."""
    low = words[k].low
    if low not in ARRIVAL_VERBS:
        return None
    if not low.startswith("arriv"):
        nxt = _low(words, k + 1)
        if _low(words, k - 1) in PASSIVE or nxt[:1].isdigit():
            return None
        if any(_low(words, j) in CAMP_WORDS or _low(words, j) in SHELTER_PLACES for j in range(k + 1, k + 4)):
            return None
    return Trigger(None, MOVE, k, k + 1)


def trigger_at(words: list[Word], k: int) -> Trigger | None:
    low = words[k].low
    prev = _low(words, k - 1)
    nxt = _low(words, k + 1)
    if "displac" in low:
        if other_sense(words, k):
            return None
        if nxt in CAMP_WORDS or nxt in ("site", "sites"):
            return Trigger("in_relief_camp", STATE, k, k + 2)
        return Trigger("displaced", MOVE, k, k + 1)
    if low.startswith("evacu"):
        if nxt in ("centre", "centres", "center", "centers", "shelter", "shelters", "site", "sites", "camp", "camps"):
            return Trigger("sheltered", STATE, k, k + 2)
        if nxt in (
            "plan", "plans", "order", "orders", "route", "routes", "map", "maps", "drill", "drills", "warning",
            "warnings", "notice", "notices", "zone", "zones", "advisory", "procedures", "centre's",
        ):
            return None
        return Trigger("evacuated", MOVE, k, k + 1)
    if low in ("fled", "flee", "flees", "fleeing", "exodus", "uprooted", "flight") or low.endswith("fled"):
        if low == "flight" and prev not in ("in", "the", "their", "mass", "forced"):
            return None
        return Trigger("displaced" if low == "uprooted" else "forced_to_flee", MOVE, k, k + 1)
    if "homeless" in low or (
        low == "lost" and nxt in ("their", "his", "her") and _low(words, k + 2) in ("homes", "home", "houses")
    ):
        return Trigger("homeless", STATE, k, k + 1)
    if low == "without" and (nxt in ("shelter", "homes", "housing") or (nxt == "a" and _low(words, k + 2) == "home")):
        return Trigger("homeless", STATE, k, k + 1)  # "left 12,000 people without shelter"
    if low in ("refuge",) and prev in (
        "sought", "seek", "seeking", "seeks", "took", "taken", "take", "taking", "found", "find", "finding",
    ):
        return _refuge(words, k)
    if low.startswith("shelter") and low not in ("shelter",):
        # "sheltering in schools", "in shelters"; the verb "shelters N refugees" is hosting.
        if low in ("shelters",) and prev not in (
            "in", "into", "to", "at", "emergency", "temporary", "evacuation", "collective",
        ):
            return Trigger(None, HOST, k, k + 1)
        return Trigger("sheltered", STATE, k, k + 1)
    if low == "shelter" and prev in (
        "took", "taken", "take", "taking", "sought", "seek", "seeking", "found", "in", "into",
    ):
        return Trigger("sheltered", STATE, k, k + 1)
    if low == "shelter" and prev == "to" and _made_to(words, k - 1) and not _in_place(words, k + 1):
        # "forced 12,000 people to shelter at the base"; "told to shelter in place" is no displacement.
        return Trigger("sheltered", STATE, k, k + 1)
    if low in CENTRE_KINDS and nxt in ("centre", "centres", "center", "centers", "sites", "site"):
        return Trigger("sheltered", STATE, k, k + 2)
    if low in ("accommodated", "housed", "lodged"):
        return Trigger("sheltered", STATE, k, k + 1)
    if low in CAMP_WORDS:
        if prev in (
            "relief", "displacement", "idp", "refugee", "evacuation", "transit", "temporary", "in", "at", "into",
            "to", "camp", "makeshift", "tent", "government", "protection",
        ):
            return Trigger("in_relief_camp", STATE, k, k + 1)
        return None
    if (
        low.startswith("relocat")
        or low.startswith("resettl")
        or (
            low in ("shifted", "transferred", "moved")
            and nxt in ("to", "into")
            and _low(words, k + 2) in ("safer", "safety", "safe", "higher")
        )
    ):
        return Trigger("relocated", MOVE, k, k + 1)
    if low == "moved" or low == "moving":
        for j in range(k + 1, min(len(words), k + 5)):
            if words[j].low in SHELTER_PLACES:
                return Trigger("sheltered", STATE, k, k + 1)
            if words[j].low in CAMP_WORDS:
                return Trigger("in_relief_camp", STATE, k, k + 1)
        if _has_direction(words, k, 2):
            return Trigger("forced_to_flee", MOVE, k, k + 1)
        return None
    if low.startswith("evict"):
        return Trigger("evicted", MOVE, k, k + 1)
    if low in ("stranded",):
        return Trigger("stranded", STATE, k, k + 1)
    if low in ("gathered", "gathering", "massed", "massing", "waiting", "camped", "queued", "queuing", "stuck"):
        # Only at a border or a crossing: "gathered for a rally" is no displacement.
        if any(
            words[j].low in ("border", "frontier", "crossing", "enter", "cross", "borders")
            for j in range(k + 1, min(len(words), k + 9))
        ):
            return Trigger("stranded", STATE, k, k + 1)
        return None
    if low in (
        "heading", "headed", "streaming", "streamed", "pouring", "poured", "trekking", "trekked", "walked",
        "walking", "escaping", "escaped",
    ):
        if low.startswith("escap") and nxt not in ("to", "into", "across", "from"):
            return None
        if _has_direction(words, k, 2) or low.startswith("escap"):
            return Trigger("forced_to_flee", MOVE, k, k + 1)
        return None
    if (
        low in ("crossed", "crossing", "cross", "crosses")
        and prev != "border"
        and nxt not in ("point", "points", "gate")
    ):
        if nxt in ("the", "into", "over", "from") or nxt in ("border", "frontier"):
            return Trigger("displaced", MOVE, k, k + 1)
        return None
    if low in ("leave", "leaving", "abandon", "abandoned", "abandoning", "quit") and nxt in (
        "their", "his", "her", "home", "homes",
    ):
        if nxt in ("their", "his", "her") and _low(words, k + 2) not in HOME_WORDS:
            return None
        return Trigger("forced_to_flee", MOVE, k, k + 1)
    if low == "left" and (prev in ("have", "has", "had") or nxt in ("their", "home", "his", "her")):
        if nxt in ("their", "his", "her") and _low(words, k + 2) not in HOME_WORDS:
            return None
        return Trigger("forced_to_flee", MOVE, k, k + 1)
    if low in ("driven", "forced", "chased", "pushed") and nxt in ("from", "out", "away"):
        return Trigger("forced_to_flee", MOVE, k, k + 1)
    if low in ("driven", "drove", "forced", "chased", "pushed", "forcing", "driving") and _from_homes(words, k + 2):
        return Trigger("forced_to_flee", MOVE, k, k + 1)  # "drove 40,000 people from their homes"
    if low in (
        "destroyed", "destroying", "destroys", "destroy", "collapsed", "razed", "flattened", "levelled", "leveled",
        "demolished", "torched", "gutted", "obliterated", "burnt", "burned", "wrecked", "washed", "swept", "wiped",
        "toppled", "crushed", "collapse",
    ):
        if low in ("washed", "swept", "wiped") and nxt not in ("away", "out"):
            return None
        return Trigger("destroyed_housing", HOUSING, k, k + 1)
    if low in ("damaged", "damaging", "damages", "flooded", "inundated", "submerged"):
        if low in ("flooded", "inundated", "submerged"):
            return Trigger("partially_destroyed_housing", HOUSING, k, k + 1)
        if (
            prev in ("severely", "badly", "heavily", "totally", "completely", "fully")
            and low == "damaged"
            and prev in ("totally", "completely", "fully")
        ):
            return Trigger("destroyed_housing", HOUSING, k, k + 1)
        return Trigger("partially_destroyed_housing", HOUSING, k, k + 1)
    if low == "uninhabitable":
        return Trigger("uninhabitable_housing", HOUSING, k, k + 1)
    if low in (
        "killed", "killing", "kills", "kill", "dead", "died", "die", "dies", "dying", "deaths", "death", "perished",
        "drowned", "bodies", "fatalities", "massacred", "slain", "executed", "lives", "casualties", "toll",
    ):
        if low == "lives" and not any(_low(words, j) in LIFE_TAKERS for j in range(k - 4, k)):
            return None
        if low == "death" and nxt not in ("toll",):
            return None
        return Trigger("killed", FATAL, k, k + 1)
    if low in ("hosts", "hosting", "hosted", "host") or (
        low == "home" and nxt == "to" and prev in ("is", "was", "are", "were", "'s")
    ):
        return Trigger(None, HOST, k, k + 1 if low != "home" else k + 2)
    if low in BLOCK_WORDS:
        return Trigger(None, BLOCK, k, k + 1)
    return None
