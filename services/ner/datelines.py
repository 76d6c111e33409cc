"""Datelines: "BEIRUT (AFP) -", "HAIKOU, Dec. 15 (Xinhua) --", "RAIPUR:", "MOPTI, 3 mars (AFP) -".

A dateline says where the report was filed and by whom, never where events happened: it is parsed
into place and provider and cut from the body before any figure is read, so its place can never
become a figure's place.
"""

from __future__ import annotations

import re

from wirewatch.contracts import Dateline

_PLACE = r"[A-Z][A-Za-z.'’\-]+(?:[ /][A-Z][A-Za-z.'’\-]+){0,3}"
_DATELINE = re.compile(
    rf"""\A\s*
    (?P<place>{_PLACE})
    (?:,\s*(?P<extra>[A-Z][A-Za-z]+\.?(?:\s+\d{{1,2}})?(?:,\s*\d{{4}})?      # ", Dec. 15" or ", India"
        |\d{{1,2}}(?:er)?\s+[a-zéû]{{3,9}}\.?(?:\s+\d{{4}})?))?                 # French: ", 3 mars"
    (?:\s*\((?P<provider>[^()\n]{{2,40}})\))?
    \s*(?P<sep>--|—|–|-|:)\s+
    """,
    re.VERBOSE,
)
# All-caps labels that open a story but are not places.
_NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "PHOTOS", "VIDEO", "ANALYSIS", "FACTBOX", "URGENT",
    "EDITORIAL", "OPINION", "COMMENT", "NOTE", "LIVE", "FLASH", "CORRECTION", "REFILE", "SUMMARY", "UPDATE:",
    "WARNING", "ALERT", "NEWS", "REPORT", "FEATURE", "INTERVIEW",
}


def parse_dateline(body: str) -> tuple[Dateline | None, int]:
    """The dateline at the start of `body`, and where the story proper starts (0 if none)."""
    match = _DATELINE.match(body[:160])
    if match is None:
        return None, 0
    place = match.group("place").strip()
    provider = (match.group("provider") or "").strip() or None
    letters = place.replace(" ", "").replace("/", "").replace("-", "").replace(".", "")
    shouting = letters.isupper() and len(letters) >= 3
    if place.split()[0].upper() in _NOT_PLACES or not (provider or shouting):
        return None, 0
    if provider and not provider[0].isupper():
        return None, 0
    if shouting:
        place = " ".join(part.title() for part in place.split(" "))
    text = match.group(0).strip()
    return Dateline(place=place, provider=provider, text=text), match.end()
