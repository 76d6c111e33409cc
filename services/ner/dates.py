"""A figure's date as ISO 8601 where the text pins it down, else as written.

"Friday" is read against the publication date (the last Friday on or before it); "3 March 2017",
"March 3, 2017" and "3 March" (year of publication) become dates; anything vaguer ("mid-2012",
"between 17 October and 23 November") is kept as written.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

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
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_DMY = re.compile(r"^(?:on\s+)?(\d{1,2})\s+([A-Za-z]+)\.?(?:,?\s+(\d{4}))?$")
_MDY = re.compile(r"^(?:on\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_WEEKDAY = re.compile(
    r"^(?:on\s+|last\s+|early\s+|late\s+)?([A-Za-z]+day)(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE
)


def normalise(text: str, published: datetime | None) -> str:
    cleaned = text.strip()
    m = _WEEKDAY.match(cleaned)
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
