"""How many, in French: "20 000" (space or non-breaking space between thousands), "1,5 million",
"plus de", "près de", "environ", "jusqu'à", "entre 5 000 et 10 000", "des dizaines de milliers",
"plusieurs milliers", "un millier", "quelque".

The same `QuantityMatch` as the English reader (`ner.quantities`) and the same bounds convention:
"jusqu'à 20 000" -> (None, 20000), "plus de 1 500" -> (1500, None), "environ 300" -> (300, 300),
"des dizaines de milliers" -> (10000, 99999). Dates, years, percentages, money and measures are
not counts.
"""

from __future__ import annotations

from ner.lexicon.fr import (
    ABOUT_ONE_FR, ADDITIVE_FR, MONTHS_FR, PLURAL_SCALES_FR, QUALIFIERS_FR, RANGE_JOINERS_FR, SCALES_FR, UNITS_FR,
    VAGUE_OPENERS_FR,
)
from ner.quantities import QuantityMatch, Word, _with_prefix, space_grouped

NOT_COUNT_AFTER_FR = {
    "%", "pour", "euros", "euro", "dollars", "dollar", "francs", "fcfa", "cfa", "km", "kilomètres", "kilomètre",
    "mètres", "m", "hectares", "ha", "tonnes", "ans", "heures", "h", "minutes", "jours", "mois", "semaines",
} | set(MONTHS_FR)
NOT_COUNT_BEFORE_FR = {"n°", "no", "numéro", "article", "page", "route", "km", "€", "$"}


def _value(text: str) -> float | None:
    if "," in text:  # the decimal comma: "1,5 million"
        whole, _, frac = text.partition(",")
        text = f"{whole}.{frac}" if frac.isdigit() and "," not in frac else ""
    elif "." in text:
        parts = text.split(".")
        if all(len(p) == 3 for p in parts[1:]):
            text = "".join(parts)  # "1.500", as Belgian and Swiss copy writes thousands
    try:
        return float(text)
    except ValueError:
        return None


def _number_at(words: list[Word], i: int) -> tuple[float, int, bool, bool] | None:
    """(value, index after it, scaled, about) for a written number at words[i], or None."""
    n = len(words)
    w = words[i]
    if w.text[0].isdigit():
        value = _value(w.text)
        if value is None:
            return None
        value, j = space_grouped(words, i, value)
        if j < n and words[j].low in SCALES_FR:
            return value * SCALES_FR[words[j].low], j + 1, True, False
        return value, j, False, False
    low = w.low
    if low in ("un", "une") and i + 1 < n and words[i + 1].low in ABOUT_ONE_FR:
        return float(ABOUT_ONE_FR[words[i + 1].low]), i + 2, True, True
    if low in UNITS_FR:
        value, j = float(UNITS_FR[low]), i + 1
        if j + 1 < n and words[j].text == "-" and words[j + 1].low in UNITS_FR:  # "vingt-cinq"
            value += UNITS_FR[words[j + 1].low]
            j += 2
        if j < n and words[j].low in SCALES_FR:
            return value * SCALES_FR[words[j].low], j + 1, True, False
        if j < n and words[j].low == "cent":  # "trois cents"
            return value * 100, j + 1, True, False
        if value < 2 and (j >= n or words[j].low not in SCALES_FR):
            return None  # "un", "une": an article, not a count
        return value, j, False, False
    if low in SCALES_FR and low.startswith("mille"):
        return 1000.0, i + 1, True, False
    return None


def _vague_at(words: list[Word], i: int) -> tuple[int, int, int] | None:
    """(min, max, index after) for "des milliers", "des dizaines de milliers", "plusieurs centaines"."""
    n = len(words)
    j = i + 1 if words[i].low in VAGUE_OPENERS_FR else i
    if j >= n or words[j].low not in PLURAL_SCALES_FR:
        return None
    base = PLURAL_SCALES_FR[words[j].low]
    end = j + 1
    if end + 1 < n and words[end].low == "de" and words[end + 1].low in ("milliers", "millions"):
        base *= PLURAL_SCALES_FR[words[end + 1].low]  # "des dizaines de milliers"
        end += 2
    return base, base * 10 - 1, end


def _not_a_count(words: list[Word], first: int, end: int, value: float, scaled: bool) -> bool:
    after = words[end].low if end < len(words) else ""
    before = words[first - 1].low if first > 0 else ""
    if after in NOT_COUNT_AFTER_FR or before in NOT_COUNT_BEFORE_FR:
        return True
    following = words[end + 1].low if end + 1 < len(words) else ""
    if after.startswith(("d'", "d’")) and after[2:] in NOT_COUNT_AFTER_FR or (after == "de" and following in NOT_COUNT_AFTER_FR):
        return True  # "300 millions d'euros", "2 millions de dollars"
    written_as_year = end == first + 1 and words[first].text.isdigit()  # "2019", not "2 000"
    return not scaled and written_as_year and 1900 <= value <= 2100


def find_quantities_fr(words: list[Word]) -> list[QuantityMatch]:
    """Every French quantity expression in a sentence's words, left to right, not overlapping."""
    out: list[QuantityMatch] = []
    i, n = 0, len(words)
    while i < n:
        vague = _vague_at(words, i)
        if vague is not None:
            lo, hi, j = vague
            out.append(_qualified(words, i, j, i, lo, hi, "vague", vague=True, scaled=True))
            i = j
            continue
        number = _number_at(words, i)
        if number is None:
            i += 1
            continue
        value, j, scaled, about = number
        if _not_a_count(words, i, j, value, scaled):
            i = j
            continue
        lo = hi = value
        qualifier = "approximate" if about else "exact"  # "un millier": about a thousand
        between = i > 0 and words[i - 1].low in ("entre", "de")
        if j + 1 < n and words[j].low in RANGE_JOINERS_FR and (words[j].low != "et" or between):
            second = _number_at(words, j + 1)
            if second is not None and second[0] > value:
                value2, j2, scaled2, _ = second
                if scaled2 and not scaled and value < 1000 <= value2:  # "5 à 10 millions"
                    for scale in (1_000_000_000, 1_000_000, 1_000):
                        if value2 >= scale and value * scale <= value2:
                            value *= scale
                            break
                lo, hi, qualifier, j = value, value2, "range", j2
        first = i - 1 if between and qualifier == "range" else i
        out.append(_qualified(words, first, j, i, int(lo), int(hi), qualifier, vague=False, scaled=scaled))
        i = j
    return out


def _qualified(words, first, end, core, lo, hi, qualifier, *, vague, scaled) -> QuantityMatch:
    return _with_prefix(
        words, first, end, lo, hi, qualifier, vague=vague, scaled=scaled, core=core, qualifiers=QUALIFIERS_FR,
        additives=ADDITIVE_FR, additive=end < len(words) and words[end].low == "autres",  # "5 000 autres personnes"
    )
