"""A figure's date as ISO 8601 where the text pins it down, else as written.

"Friday" is read against the publication date (the last Friday on or before it); "3 March 2017",
"March 3, 2017" and "3 March" (year of publication) become dates; anything vaguer ("mid-2012",
"between 17 October and 23 November") is kept as written.

French: the French model tags no dates, so `find_dates_fr` finds them in the text ("le 3 mars
2024", "le 1er mars", "lundi", "mardi dernier", "hier"), and `normalise` reads them the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ner.lexicon.fr import DAYS_BACK_FR, MONTHS_FR, WEEKDAYS_FR

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ],
        1,
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTHS.update(MONTHS_FR)
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_WEEKDAYS.update(WEEKDAYS_FR)
_FR_MONTH_NAMES = "|".join(sorted(MONTHS_FR, key=len, reverse=True))
_FR_WEEKDAY_NAMES = "|".join(WEEKDAYS_FR)
_FR_DAY_PARTS = r"(?:matin|soir|après-midi|apres-midi)"
_DMY = re.compile(
    rf"^(?:on\s+|le\s+)?(?:(?:{_FR_WEEKDAY_NAMES})\s+)?(\d{{1,2}})(?:er)?\s+"
    r"([A-Za-zéû]+)\.?(?:,?\s+(\d{4}))?$",
    re.IGNORECASE,
)
_MDY = re.compile(r"^(?:on\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_WEEKDAY = re.compile(
    r"^(?:on\s+|last\s+|early\s+|late\s+)?([A-Za-z]+day)(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE
)
_WEEKDAY_FR = re.compile(
    rf"^(?:le\s+|ce\s+)?({_FR_WEEKDAY_NAMES})(?:\s+dernier)?(?:\s+{_FR_DAY_PARTS})?(?:\s+dernier)?$",
    re.IGNORECASE,
)
# "le 3 mars 2024", "le 1er mars", "lundi 3 mars", "mardi dernier", "jeudi soir", "hier", "avant-hier"
FRENCH_DATE = re.compile(
    rf"\b(?:(?:le\s+)?(?:(?:{_FR_WEEKDAY_NAMES})\s+)?\d{{1,2}}(?:er)?\s+(?:{_FR_MONTH_NAMES})(?:\s+\d{{4}})?"
    rf"|(?:{_FR_WEEKDAY_NAMES})(?:\s+{_FR_DAY_PARTS})?(?:\s+dernier)?"
    rf"|avant-hier|hier)\b",
    re.IGNORECASE,
)


def find_dates_fr(text: str, base: int = 0) -> list[tuple[int, int, str, str]]:
    """French dates in `text` as (start, end, "DATE", text) entities, offsets from `base`."""
    return [(base + m.start(), base + m.end(), "DATE", m.group()) for m in FRENCH_DATE.finditer(text)]


def normalise(text: str, published: datetime | None) -> str:
    cleaned = text.strip()
    if cleaned.lower() in DAYS_BACK_FR:
        return (published.date() - timedelta(days=DAYS_BACK_FR[cleaned.lower()])).isoformat() if published else cleaned
    m = _WEEKDAY.match(cleaned) or _WEEKDAY_FR.match(cleaned)
    if m and m.group(1).lower() in _WEEKDAYS:
        if published is None:
            return cleaned
        day = published.date()
        back = (day.weekday() - _WEEKDAYS[m.group(1).lower()]) % 7
        return (day - timedelta(days=back)).isoformat()
    for pattern, order in ((_DMY, "dmy"), (_MDY, "mdy")):
        m = pattern.match(cleaned)
        if not m:
            continue
        a, b, year = m.groups()
        day_s, month_s = (a, b) if order == "dmy" else (b, a)
        month = _MONTHS.get(month_s.lower())
        if month is None:
            continue
        if year is None:
            if published is None:
                return cleaned
            year = published.year
        try:
            return date(int(year), month, int(day_s)).isoformat()
        except ValueError:
            return cleaned
    return cleaned
