"""Who said it: "according to OCHA", "the Syrian Observatory said", "(IOM, 16 February 2017)".

Works on the words of the figure's sentence and the entities the model found in it. A pronoun
speaker ("she said") is the last person or organisation named as a speaker before it.
"""

from __future__ import annotations

import re

from ner.lexicon import PRONOUNS, REPORT_VERBS, TITLE_WORDS
from ner.quantities import Word

SPEAKER_LABELS = {"ORG", "PERSON", "NORP", "GPE"}
GENERIC_SPEAKERS = {
    "officials", "authorities", "police", "witnesses", "residents", "activists", "sources", "monitors",
    "aid workers", "the ministry", "the agency", "the government", "the statement", "the monitor", "the un",
    "local authorities", "the report", "rescuers", "the military", "the army", "the observatory",
}
ORG_NOUNS = {
    "agency", "ministry", "authority", "authorities", "officials", "office", "department", "committee", "council",
    "government", "police", "organisation", "organization", "monitor", "group", "commission", "centre", "center",
    "service", "services", "statement", "report", "charity", "spokesman", "spokeswoman", "spokesperson",
    "administration", "army", "military", "observatory", "mission", "programme", "program", "bureau",
    "headquarters", "unit", "team", "media", "agencies", "workers", "rescuers", "witnesses", "residents",
    "activists", "sources", "official", "governor", "mayor",
}
_CITATION = re.compile(r"\((?P<who>[A-Z][A-Za-z&.\- ]{1,40}?),\s*(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}|\d{4})")
_ACRONYM = re.compile(r"\(([A-Z][A-Z&\-]{1,10})\)\s*$")


class Speakers:
    """The last named speakers of an article, for pronouns."""

    def __init__(self) -> None:
        self.last: dict[str, str] = {}

    def note(self, label: str, text: str) -> None:
        self.last["PERSON" if label == "PERSON" else "ORG"] = text


def _clean(text: str) -> str:
    text = text.strip(" ,.;:\"“”'’")
    return text[4:] if text.lower().startswith("the ") and len(text) > 8 and text[4:5].isupper() else text


def reported_by(
    sentence: str, words: list[Word], ents: list[tuple[int, int, str, str]], speakers: Speakers
) -> str | None:
    """The source of a sentence's figures, or None. `ents` are (start, end, label, text) in doc offsets."""
    citation = _CITATION.search(sentence)
    for i, w in enumerate(words):
        if w.low not in REPORT_VERBS:
            continue
        if w.low == "according":
            if i + 1 < len(words) and words[i + 1].low == "to":
                who = _after(words, i + 2, ents)
                if who:
                    return who
            continue
        if (
            w.low.startswith("estimat")
            and i > 0
            and words[i - 1].low in ("an", "were", "was", "is", "are", "be", "been")
        ):
            continue  # "an estimated 5,000", "were estimated to": no speaker named here
        who = _before(words, i, ents, speakers) or (_after(words, i + 1, ents) if _sentence_final(words, i) else None)
        if who:
            return who
        # "The Syrian Observatory, a British-based monitor ..., estimates that": the subject opens the sentence.
        opener = _opening_speaker(words, ents)
        if opener:
            speakers.note("ORG", opener)
            return opener
    if citation:
        return citation.group("who").strip()
    return None


def _opening_speaker(words: list[Word], ents) -> str | None:
    first = 1 if words and words[0].low == "the" else 0
    if first >= len(words):
        return None
    ent = _ent_covering(words[first].start, ents)
    if ent is not None and ent[2] in ("ORG", "PERSON"):
        return _clean(ent[3])
    return None


def _sentence_final(words: list[Word], i: int) -> bool:
    """'..., said the Syrian Observatory.': the verb comes before its subject at the end."""
    return (
        i > 0 and words[i - 1].text in (",", "”", '"', "’", "'") or (i + 1 < len(words) and words[i + 1].low == "the")
    )


def _ent_covering(pos: int, ents) -> tuple[int, int, str, str] | None:
    for ent in ents:
        if ent[0] <= pos < ent[1]:
            return ent
    return None


def _before(words: list[Word], i: int, ents, speakers: Speakers) -> str | None:
    """The speaker just before a reporting verb: an entity with its titles, or a pronoun."""
    j = i - 1
    if j >= 0 and words[j].low in ("also", "later", "earlier", "previously", "had", "has", "have", "on", "then"):
        j -= 1
    # "said Thursday" / "Thursday said" — skip one day word.
    if j >= 0 and words[j].low.endswith("day") and words[j].text[0].isupper():
        j -= 1
    if j < 0:
        return None
    if words[j].low in PRONOUNS:
        return speakers.last.get(PRONOUNS[words[j].low])
    if words[j].text == ")":
        head = " ".join(w.text for w in words[max(0, j - 4) : j + 1])
        acronym = _ACRONYM.search(head.replace(" )", ")").replace("( ", "("))
        if acronym:
            speakers.note("ORG", acronym.group(1))
            return acronym.group(1)
    ent = _ent_covering(words[j].start, ents)
    if ent is None or ent[2] not in SPEAKER_LABELS or ent[2] == "GPE" and words[j].low not in ("ministry",):
        if ent is None:
            phrase = _generic(words, j)
            return phrase
        if ent[2] == "GPE":
            return None
    start = ent[0]
    label = ent[2]
    # Extend left over titles and an organisation: "OCHA spokeswoman Linda Tom".
    k = next(idx for idx, w in enumerate(words) if w.start >= start) - 1
    while (
        k >= 0
        and (words[k].low in TITLE_WORDS or _ent_covering(words[k].start, ents) is not None)
        and words[k].low != "the"
    ):
        covering = _ent_covering(words[k].start, ents)
        start = covering[0] if covering else words[k].start
        k = next(idx for idx, w in enumerate(words) if w.start >= start) - 1
    text = _span_text(words, start, ent[1])
    speakers.note(label, text)
    return _clean(text)


def _generic(words: list[Word], j: int) -> str | None:
    """ "the disaster management agency", "local officials": a short noun phrase ending in who speaks."""
    if j < 0 or j >= len(words) or words[j].low not in ORG_NOUNS:
        return None
    k = j
    while k - 1 >= 0 and j - k < 5 and words[k - 1].text[:1].isalpha() and words[k - 1].low not in _PHRASE_STOP:
        k -= 1
    if k - 1 >= 0 and words[k - 1].low == "the":
        k -= 1
    return _clean(_span_text(words, words[k].start, words[j].end))


_PHRASE_STOP = {
    "said", "says", "told", "and", "or", "but", "that", "which", "who", "to", "in", "on", "at", "by", "from",
    "with", "according", "were", "was", "is", "are", "have", "has", "had", "a", "an", "the",
}


def _after(words: list[Word], i: int, ents) -> str | None:
    if i < len(words) and words[i].low == "the":
        i += 1
    if i >= len(words):
        return None
    ent = _ent_covering(words[i].start, ents)
    if ent is not None and ent[2] in SPEAKER_LABELS:
        return _clean(ent[3])
    k = i
    while k < len(words) and k - i < 6 and words[k].text[:1].isalpha() and words[k].low not in _PHRASE_STOP:
        if words[k].low in ORG_NOUNS and not (k + 1 < len(words) and words[k + 1].low in ORG_NOUNS):
            return _clean(_span_text(words, words[i].start, words[k].end))
        k += 1
    run = []
    while i < len(words) and (
        words[i].text[:1].isupper() or (run and words[i].low in ("for", "of", "and", "the", "on"))
    ):
        run.append(words[i].text)
        i += 1
    while run and run[-1].lower() in ("for", "of", "and", "the", "on"):
        run.pop()
    return " ".join(run) if run else _generic(words, i - 1 + 1) if i < len(words) else None


def _span_text(words: list[Word], start: int, end: int) -> str:
    parts = []
    prev_end = None
    for w in words:
        if w.start >= start and w.end <= end:
            if prev_end is not None and w.start > prev_end:
                parts.append(" ")
            parts.append(w.text)
            prev_end = w.end
    return "".join(parts)


# French attribution: "selon l'OCHA", "d'après le HCR", "a indiqué le gouverneur", "(OIM, 3 mars)".
_SELON = re.compile(
    r"\b(?:[Ss]elon|[Dd]'après|[Dd]’après)\s+(?:l['’]|le\s+|la\s+|les\s+)?"
    r"(?P<who>[A-ZÉÈ][\w\-'’]*(?:\s+(?:de\s+l['’]|des\s+|du\s+|de\s+)?[A-ZÉÈ][\w\-'’]*){0,4})"
)
_SAID_BY = re.compile(
    r"\b(?:a|ont)\s+(?:indiqué|déclaré|annoncé|précisé|affirmé|rapporté|estimé|signalé)\s+(?:l['’]|le\s+|la\s+|les\s+)?"
    r"(?P<who>[A-ZÉÈ][\w\-'’]*(?:\s+[A-ZÉÈ][\w\-'’]*){0,3}|gouverneur|maire|préfet|ministère|porte-parole)"
)


def reported_by_fr(text: str) -> str | None:
    """Who said it, in a French sentence: "selon l'OCHA" -> OCHA; "a indiqué le HCR" -> HCR."""
    for pattern in (_SELON, _SAID_BY):
        match = pattern.search(text)
        if match:
            return match.group("who").strip()
    citation = _CITATION.search(text)
    return citation.group("who").strip() if citation else None
