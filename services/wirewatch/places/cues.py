"""Words around a capitalised name that say whether it is a place: read by ner, which marks the
names the tagger missed (`ExtractedArticle.cued_places`), and by geocode, which weighs the names it
resolves. One table, so both services judge a name by the same words."""

from __future__ import annotations

import re
from collections.abc import Sequence

# First words of capitalised runs that are no place: dates, determiners, bodies' names.
NOT_PLACES = frozenset("""
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday the this that these those a an his her their its our
islamic islamist government ministry office state united nations international national red crescent
cross army forces council commission committee agency organization organisation office bureau
world human humanitarian emergency coordination affairs relief development
""".split())

# Words before a name that make it part of a body's name: "Islamic State in Iraq", "University of Aleppo".
ORG_BEFORE = re.compile(
    r"\b(?:State|Republic|Army|Front|Forces|Council|University|Bank|Party|Movement|Organi[sz]ation|Committee"
    r"|Commission|Agency|Office|Ministry|Church|Institute|Mission|Brigade|Brigades|Emirate)\s+(?:in|of|for)\s+(?:the\s+)?$"
)

# Words after a name that make it a first-level area ("the Somali region"), not "the region of".
ADMIN_NOUNS = frozenset({"region", "state", "province", "zone", "governorate"})

ADMIN_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(ADMIN_NOUNS)) + r")\b(?!\s+of\b)", re.IGNORECASE)

ADMIN1_PLURALS = frozenset({"provinces", "governorates", "states", "regions", "departments", "prefectures", "oblasts"})

# Words next to a name that make it a person's.
PERSON_AFTER = re.compile(r"(?:'s)?\s+(?:said|says|told|added|announced|stated|warned|explained|noted|urged|called"
                           r"|asked|wrote|tweeted|insisted|argued|claimed|denied|confirmed|declared|who)\b")


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any of the character spans."""
    return any(start < e and s < end for s, e in spans)


def in_org_name(body: str, start: int) -> bool:
    """Whether the name at `start` is part of a body's name ('Islamic State in Iraq')."""
    return ORG_BEFORE.search(body[max(0, start - 40):start]) is not None
