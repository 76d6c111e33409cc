"""How many: numbers, ranges, qualifiers and vague amounts, read from words.

Works on its own word split rather than spaCy tokens because wire copy pasted from PDFs glues
words ("15,000people", "weredisplaced"): splitting digits from letters here keeps the number
whole, and the figure rules match word stems, so glued words still meet their triggers.

Bounds follow the IDETECT convention the scorer uses: "up to 20,000" -> (None, 20000),
"more than 1,500" -> (1500, None), "about 300" -> (300, 300), "5,000 to 10,000" -> (5000, 10000),
"tens of thousands" -> (10000, 99999).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A scale word glued to the noun after it ("1.2 millionpeople") is cut off so the number keeps its scale.
WORD_RE = re.compile(
    r"\d+(?:[.,]\d+)*"
    r"|(?i:million|thousand|hundred)(?=(?i:people|persons|famil|household|resident|refugee|idp|displaced|were|have|"
    r"had|are|homes|houses))"
    r"|[^\W\d_]+(?:['’][^\W\d_]+)?|\S"
)


@dataclass(slots=True)
class Word:
    text: str
    low: str
    start: int
    end: int


def split_words(text: str, offset: int = 0) -> list[Word]:
    return [Word(m.group(), m.group().lower(), m.start() + offset, m.end() + offset) for m in WORD_RE.finditer(text)]


@dataclass(slots=True)
class QuantityMatch:
    first: int  # index of the first word, qualifiers included
    last: int  # index one past the last word
    core: int  # index of the first word of the number itself
    min: int | None
    max: int | None
    qualifier: str
    additive: bool
    vague: bool
    scaled: bool  # written with a scale word ("2.5 million", "thousands"): never a year or a date


UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "lakh": 100_000,
    "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000, "m": 1_000_000, "mn": 1_000_000,
    "bn": 1_000_000_000, "k": 1_000,
}
# Scale abbreviations count only when glued to the digits ("2.5m"), never as a separate word.
GLUED_ONLY = {"m", "mn", "bn", "k"}
PLURAL_SCALES = {"hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "dozens": 24, "scores": 40}
SOME = {"several", "few", "many", "some"}

QUALIFIERS: dict[tuple[str, ...], str] = {
    ("up", "to"): "at_most", ("as", "many", "as"): "at_most", ("as", "much", "as"): "at_most",
    ("no", "more", "than"): "at_most", ("not", "more", "than"): "at_most", ("fewer", "than"): "at_most",
    ("less", "than"): "at_most", ("a", "maximum", "of"): "at_most", ("more", "than"): "at_least",
    ("over",): "at_least", ("at", "least"): "at_least", ("above",): "at_least", ("in", "excess", "of"): "at_least",
    ("upwards", "of"): "at_least", ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("a", "minimum", "of"): "at_least", ("just", "over"): "at_least", ("well", "over"): "at_least",
    ("over", "a"): "at_least", ("about",): "approximate", ("around",): "approximate", ("some",): "approximate",
    ("approximately",): "approximate", ("approx",): "approximate", ("roughly",): "approximate",
    ("nearly",): "approximate", ("almost",): "approximate", ("close", "to"): "approximate",
    ("an", "estimated"): "approximate", ("estimated",): "approximate", ("circa",): "approximate",
    ("just", "under"): "approximate", ("an", "approximate"): "approximate",
}
ADDITIVE: set[tuple[str, ...]] = {
    ("another",), ("an", "additional"), ("additional",), ("a", "further"), ("further",), ("an", "extra"),
    ("an", "additional", "number", "of"),
}
RANGE_JOINERS = {"to", "-", "–", "—", "and", "or"}
_MAX_PREFIX = 4


def _digits(text: str) -> float | None:
    if "," in text:
        parts = text.split(",")
        if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
            text = text.replace(",", "")
        elif len(parts) >= 3 and len(parts[-1]) == 3 and all(len(p) == 2 for p in parts[1:-1]) and len(parts[0]) <= 2:
            text = text.replace(",", "")  # Indian grouping: "4,12,500", "1,20,00,000"
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def space_grouped(words: list[Word], i: int, value: float) -> tuple[float, int]:
    """The number at words[i] with the groups of three digits that follow it after one space ("80 000",
    "1 200 000", the way UN and French copy writes them), and the index after it."""
    w, n, j = words[i], len(words), i + 1
    while (
        j < n
        and value < 1000
        and "," not in w.text
        and "." not in w.text
        and len(words[j].text) == 3
        and words[j].text.isdigit()
        and words[j].start == words[j - 1].end + 1
        and value == int(value)
        and words[j - 1].text.isdigit()
    ):
        value = value * 1000 + int(words[j].text)
        j += 1
    return value, j


def _number_at(words: list[Word], i: int) -> tuple[float, int, bool] | None:
    """(value, index after it, scaled) for a written number at words[i], or None."""
    w = words[i]
    n = len(words)
    if w.text[0].isdigit():
        value = _digits(w.text)
        if value is None:
            return None
        value, j = space_grouped(words, i, value)
        scaled = False
        if j < n and words[j].low in SCALES:
            glued = words[j].start == words[j - 1].end
            if words[j].low not in GLUED_ONLY or glued:
                value *= SCALES[words[j].low]
                scaled = True
                j += 1
        return value, j, scaled
    low = w.low
    if low == "half" and i + 2 < n and words[i + 1].low == "a" and words[i + 2].low in ("million", "billion"):
        return SCALES[words[i + 2].low] / 2, i + 3, True
    if low in ("a", "one") and i + 1 < n and words[i + 1].low in ("hundred", "thousand", "million", "billion", "dozen"):
        scale = 12 if words[i + 1].low == "dozen" else SCALES[words[i + 1].low]
        return float(scale), i + 2, True
    if low in UNITS:
        value = float(UNITS[low])
        j = i + 1
        if (
            value >= 20
            and j + 1 < n
            and words[j].text == "-"
            and words[j + 1].low in UNITS
            and UNITS[words[j + 1].low] < 10
        ):
            value += UNITS[words[j + 1].low]
            j += 2
        scaled = False
        if j < n and words[j].low in SCALES and words[j].low not in GLUED_ONLY:
            value *= SCALES[words[j].low]
            scaled = True
            j += 1
        return value, j, scaled
    return None


def _vague_at(words: list[Word], i: int) -> tuple[int, int, int] | None:
    """(min, max, index after) for "tens of thousands", "several hundred", "thousands", ..."""
    n = len(words)
    low = words[i].low
    nxt = words[i + 1].low if i + 1 < n else ""
    if (
        low in ("tens", "hundreds")
        and nxt == "of"
        and i + 2 < n
        and words[i + 2].low in ("thousands", "thousand", "millions")
    ):
        base = 1_000 if words[i + 2].low.startswith("thousand") else 1_000_000
        base *= 10 if low == "tens" else 100
        return base, base * 10 - 1, i + 3
    if low in SOME or (low == "a" and nxt == "few"):
        j = i + 2 if low == "a" else i + 1
        if j < n and words[j].low in ("hundred", "thousand", "million"):
            base = SCALES[words[j].low]
            # "several hundred thousand"
            if j + 1 < n and words[j + 1].low in ("thousand", "million"):
                base *= SCALES[words[j + 1].low]
                j += 1
            return base, base * 10 - 1, j + 1
        return None
    if low in PLURAL_SCALES:
        base = PLURAL_SCALES[low]
        if low == "dozens":
            return 24, 99, i + 1
        if low == "scores":
            return 40, 99, i + 1
        return base, base * 10 - 1, i + 1
    return None


def _match_prefix(words: list[Word], end: int, table) -> tuple[int, object] | None:
    """Longest entry of `table` ending just before words[end]: (start index, value)."""
    for size in (4, 3, 2, 1):
        start = end - size
        if start < 0:
            continue
        key = tuple(w.low for w in words[start:end])
        if key in table:
            return start, (table[key] if isinstance(table, dict) else True)
    return None


# Every word (lowercased) other than digits that _vague_at or _number_at may start at.
_STARTERS = frozenset({"tens", "hundreds", "a", "half", "one", *SOME, *PLURAL_SCALES, *UNITS})


def find_quantities(words: list[Word]) -> list[QuantityMatch]:
    """Every quantity expression in a sentence's words, left to right, not overlapping."""
    out: list[QuantityMatch] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w.low not in _STARTERS and not w.text[0].isdigit():
            i += 1  # neither _vague_at nor _number_at could start here
            continue
        vague = _vague_at(words, i)
        if vague is not None:
            lo, hi, j = vague
            out.append(_with_prefix(words, i, j, lo, hi, "vague", vague=True, scaled=True))
            i = j
            continue
        number = _number_at(words, i)
        if number is None:
            i += 1
            continue
        value, j, scaled = number
        lo = hi = value
        qualifier = "exact"
        between = i > 0 and words[i - 1].low == "between"
        if j + 1 < n and words[j].low in RANGE_JOINERS and (words[j].low != "and" or between):
            second = _number_at(words, j + 1) if words[j + 1].text[0].isdigit() or words[j + 1].low in UNITS else None
            if second is not None:
                value2, j2, scaled2 = second
                if scaled2 and not scaled and value * (value2 / max(value2, 1)) < value2:
                    # "one to 1.5 million", "5 to 10 thousand": the scale written once covers both.
                    for scale in (1_000_000_000, 1_000_000, 100_000, 1_000, 100):
                        if value2 >= scale and value * scale <= value2:
                            value *= scale
                            scaled = True
                            break
                if value < value2:
                    lo, hi, qualifier, j = value, value2, "range", j2
                    scaled = scaled or scaled2
        first = i - 1 if between else i
        out.append(_with_prefix(words, first, j, int(lo), int(hi), qualifier, vague=False, scaled=scaled, core=i))
        i = j
    return out


def _with_prefix(
    words, first, end, lo, hi, qualifier, *, vague, scaled, core=None, qualifiers=QUALIFIERS, additives=ADDITIVE,
    additive=False,
) -> QuantityMatch:
    """The quantity with the qualifier ("up to", "jusqu'à") and the additive word ("another") before it;
    `qualifiers` and `additives` are the language's tables."""
    core = first if core is None else core
    for _ in range(3):
        hit = _match_prefix(words, first, qualifiers)
        if hit is not None and qualifier in ("exact", "vague", "range"):
            start, kind = hit
            # "some 60", "about 300": qualifiers blur an exact figure; a range keeps its bounds.
            if qualifier == "exact":
                qualifier = kind
            first = start
            continue
        hit = _match_prefix(words, first, additives)
        if hit is not None and not additive:
            additive = True
            first = hit[0]
            continue
        break
    if qualifier == "at_most":
        lo = None
    elif qualifier == "at_least":
        hi = None
    return QuantityMatch(first, end, core, lo, hi, qualifier, additive, vague, scaled)
