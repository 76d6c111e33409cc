"""Where a figure happened, as words for the geocoder: entity spans, border mentions, references.

A figure's place mention is the first place named after its number in the same clause, with the
preposition before it as the role ("displaced to Azaz" -> to); failing that the nearest place
before the number in the sentence; failing that the last place named earlier in the article
(role "context"). References are resolved from the text around them:

    "his country"      after "Turkish Prime Minister ..." -> Turkey
    "the Turkish border", "the frontier" -> the border crossing the article names on that border,
                       else a border mention with the country the adjective gives
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from wirewatch.places.countries import BY_ISO3, country_name, country_of_demonym, country_of_name, currency_follows
from wirewatch.contracts import PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC", "CROSSING"}
# How French copy names a crossing: "le poste-frontière d'Adré", "le point de passage de Torkham".
FRENCH_CROSSING_WORDS = ("poste-frontière", "poste frontière", "point de passage", "passage frontalier")
ROLE_OF = {
    "to": "to", "into": "to", "toward": "toward", "towards": "toward", "from": "from", "in": "in", "inside": "in",
    "within": "in", "across": "in", "at": "at", "on": "at", "near": "near", "around": "near", "outside": "near",
    "fled": "from", "fleeing": "from", "flee": "from", "left": "from", "enter": "to", "entering": "to",
    "reach": "to", "reached": "to", "for": "to", "throughout": "in",
}
_BORDER_RE = re.compile(
    # The lookaheads below only name the letters a match can start with: the same matches, fewer tries.
    r"\b(?=[A-Zbft])(?:the\s+)?(?:(?P<adj>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:'s)?\s+)?"
    r"(?P<word>border|frontier|borders)\b"
    r"(?:\s+(?:with|of)\s+(?P<with>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?))?(?:\s+(?P<crossing>crossing|gate|post))?"
)
_PREPOSED_RE = re.compile(
    r"\b(?=[afinort])"
    r"(?:(?<!according )to|into|from|in|at|near|toward|towards|around|outside|fled|fleeing|reached|entered)"
    r"\s+(?:the\s+)?"
    r"(?P<kindof>(?:[A-Za-z\-]+\s+)?(?:town|city|village|villages|district|province|region|state|camp|county|area|governorate"
    r"|municipality|towns|cities|areas|localities|settlement)\s+of\s+)?"
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+(?:al-|el-|de\s+|del\s+)?[A-Z][\w'’\-]+){0,2})"
)
# Armed groups named after places: "Islamic State in Iraq and the Levant" is no place.
_GROUP_NAMES = re.compile(
    r"Islamic State (?:in|of) Iraq and (?:the Levant|Syria|al-Sham|Sham)"
    r"|Al[- ]Qaeda in (?:the )?[A-Z][\w ]+?(?=[,.;)]|$)"
    r"|Islamic State (?:in|of) [A-Z]\w+(?: Province)?|[A-Z][\w ]*? Liberation (?:Front|Army|Movement)",
)
# Every match of _GROUP_NAMES contains one of these: texts without them skip its slow search.
_GROUP_WORDS = ("Islamic State", "Qaeda", " Liberation ")
# Labels the small model gives towns it does not know ("Aleppo" LANGUAGE, "Anadan" PERSON).
_MISREAD = {"PERSON", "NORP", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"}
# The model also calls some towns an organisation ("arrived in Cox's Bazar" ORG); such a span is
# read as a place after a place preposition unless it reads like an organisation's name.
_ORG_WORDS = re.compile(
    r"\b(?:UN|Red|Cross|Crescent|Fronti[eè]res|Watch|Agency|Office|Ministry|Council|Committee|Organi[sz]ation"
    r"|Programme|Program|Fund|Bank|Children|Nations|Union|Army|Forces|Front|Movement|Party|Church|Mission"
    r"|Foundation|Institute|University|International|Commission|Authority|Services?|Corps|Society|Association"
    r"|Group|Company|Corporation|Inc|Ltd|News|Times|Post|Press|Radio|TV|Hospital|Clinic|School)\b"
)


def _misread(ent: Span) -> bool:
    """Whether the model's label on a span may hide a place name."""
    if ent.label_ == "ORG":
        return not ent.text.isupper() and _ORG_WORDS.search(ent.text) is None
    return ent.label_ in _MISREAD


# Capitalised words after a preposition that are not place names.
_NOT_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an",
    "this", "that", "these", "those", "his", "her", "their", "its", "our", "president", "prime", "minister", "mr",
    "mrs", "ms", "dr", "general", "islamic", "he", "she", "they", "it", "we", "i", "you", "all", "some", "many",
    "most", "more", "order", "addition", "total", "response", "spite", "terms", "particular", "case", "fact",
    "late", "early", "mid", "recent", "one", "two", "three", "about", "around", "up", "over", "less", "least",
    "christmas", "easter", "ramadan", "eid", "parliament", "congress", "government", "police", "army", "un",
    "unhcr", "ocha", "iom", "unicef", "wfp", "reuters", "afp", "xinhua", "ap", "twitter", "facebook", "tv",
    "english", "arabic", "french",
}
# A place name after a country's possessive: "Bangladesh's Cox's Bazar", "Lebanon's Bekaa Valley".
_POSSESSIVE_RE = re.compile(r"(?P<country>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})['’]s\s+")
_NAME_RE = re.compile(r"(?P<name>[A-Z][\w'’\-]+(?:\s+(?:al-|el-|de\s+|del\s+)?[A-Z][\w'’\-]+){0,2})")


def _after_possessive_country(text: str, start: int) -> re.Match | None:
    """The name after "<Country>'s " at `start`, or None when no country's possessive begins there."""
    m = _POSSESSIVE_RE.match(text, start)
    if m is None or not country_of_name(m.group("country")):
        return None
    return _NAME_RE.match(text, m.end())


_REFERENCE_RE = re.compile(r"\b(?=[hit])(?P<who>his|her|their|its|the) (?:own )?country\b", re.IGNORECASE)
# Specificity, for choosing between two mentions of one event.
RANK = {"crossing": 5, "camp": 5, "village": 4, "city": 4, None: 3, "admin1": 3, "region": 2, "border": 2, "country": 1}


@dataclass(slots=True)
class Mention:
    start: int  # offsets in the doc text
    end: int
    text: str
    kind: str | None
    country: str | None = None
    as_written: str | None = None
    crossing_id: str | None = None


class PlaceIndex:
    """Every place-like mention of one doc, in text order, and the context to resolve references."""

    def __init__(
        self,
        doc: Doc,
        crossings: dict[str, list[str]],
        body_offset: int,
        text: str | None = None,
        ents: tuple[Span, ...] | None = None,
        curated_names: dict[str, str] | None = None,
    ) -> None:
        # Doc.text rebuilds the string token by token, and Doc.ents builds new Span objects on every
        # access; callers that hold either already pass it, and `ents` is kept for the figure rules.
        self.text = doc.text if text is None else text
        self.ents = doc.ents if ents is None else ents
        self.body_offset = body_offset
        self.mentions: list[Mention] = []
        self.demonyms: list[tuple[int, str]] = []  # (offset, iso3) of NORP or country mentions
        taken: list[tuple[int, int]] = []
        # The small model may tag a place it tagged GPE once as PERSON or ORG the next time ("In
        # Orvani alone, ..."): the same words in one article are the same place.
        place_texts = {ent.text for ent in self.ents if ent.label_ in PLACE_LABELS}
        for ent in self.ents:
            if ent.start_char < body_offset:
                continue
            if ent.label_ in PLACE_LABELS and currency_follows(self.text, ent.end_char):
                continue
            if ent.label_ in PLACE_LABELS or ent.text in place_texts and _misread(ent):
                # A country the ruler found by a name of another language carries its code as id.
                iso3 = country_of_name(ent.text) or (ent.ent_id_ if ent.ent_id_ in BY_ISO3 else None)
                kind = "crossing" if ent.label_ == "CROSSING" else ("country" if iso3 else None)
                if ent.label_ == "FAC" and ent.ent_id_:
                    kind = "camp"
                crossing_id = ent.ent_id_ if ent.label_ == "CROSSING" else None
                countries = crossings.get(crossing_id or "", [])
                name = (curated_names or {}).get(crossing_id or "")
                # "le poste-frontière d'Adré": a crossing named in another language goes to the geocoder
                # under its curated name, with the words as printed beside it.
                foreign = name is not None and ent.text.startswith(FRENCH_CROSSING_WORDS)
                self.mentions.append(
                    Mention(
                        ent.start_char,
                        ent.end_char,
                        name if foreign else ent.text,
                        kind,
                        iso3 or (countries[0] if len(countries) == 1 else None),
                        as_written=ent.text if foreign else None,
                        crossing_id=crossing_id,
                    )
                )
                taken.append((ent.start_char, ent.end_char))
                if iso3:
                    self.demonyms.append((ent.start_char, iso3))
            elif ent.label_ == "NORP":
                iso3 = country_of_demonym(ent.text)
                if iso3:
                    self.demonyms.append((ent.start_char, iso3))
        self.crossings = crossings
        for m in _BORDER_RE.finditer(self.text, body_offset):
            if any(s <= m.start("word") < e for s, e in taken):
                continue
            if not m.group("adj") and self.text[m.start("word") - 1 : m.start("word")] == "-":
                # "cross-border shelling", "trans-border trade": an adjective, no place.
                continue
            iso3 = None
            for group in ("with", "adj"):
                name = m.group(group)
                if name:
                    iso3 = country_of_name(name) or country_of_demonym(name)
                    if iso3:
                        break
            if m.group("adj") and not iso3:
                # "Kurdish border" style adjectives that name no country still mean a border.
                pass
            self.mentions.append(
                Mention(m.start(), m.end(), m.group(0), "crossing" if m.group("crossing") else "border", iso3)
            )
        # Names the model missed but the grammar marks as places: "displaced to Azaz city".
        # The small model often calls a town a nationality or a person ("Aleppo" NORP, "Tal Rafaat"
        # PERSON); after a place preposition the grammar wins over such a label.
        covered = [
            (e.start_char, e.end_char)
            for e in self.ents
            if e.start_char >= body_offset
            and not (_misread(e) and not country_of_demonym(e.text) and len(e) <= 3)
        ]
        places = [(m.start, m.end) for m in self.mentions]
        for m in _PREPOSED_RE.finditer(self.text, body_offset):
            start, end = m.start("name"), m.end("name")
            name = m.group("name")
            if not m.group("kindof") and (inner := _after_possessive_country(self.text, start)) is not None:
                # "fled to Bangladesh's Cox's Bazar": the place inside the country is named after it.
                start, end, name = inner.start("name"), inner.end("name"), inner.group("name")
            first = name.split()[0].lower().strip("'’")
            if first in _NOT_NAMES or country_of_demonym(first):
                continue
            # "the town of X" names a place whatever label the model gave X; else the model's label stands.
            blocking = places if m.group("kindof") else covered
            if any(s < end and start < e for s, e in blocking):
                continue
            self.mentions = [x for x in self.mentions if not (x.start < end and start < x.end)]
            iso3 = country_of_name(name)
            self.mentions.append(Mention(start, end, name, "country" if iso3 else None, iso3))
            covered.append((start, end))
        for m in _REFERENCE_RE.finditer(self.text, body_offset):
            self.mentions.append(Mention(m.start(), m.end(), m.group(0), "country", None, as_written=m.group(0)))
        groups = (
            [(g.start(), g.end()) for g in _GROUP_NAMES.finditer(self.text, body_offset)]
            if any(word in self.text for word in _GROUP_WORDS)
            else []
        )
        if groups:
            self.mentions = [x for x in self.mentions if not any(s <= x.start < e for s, e in groups)]
        self.mentions.sort(key=lambda x: x.start)
        self.starts = [m.start for m in self.mentions]
        self.demonyms.sort()

    def country_before(self, offset: int, floor: int) -> str | None:
        """The country last named (or implied by a demonym) in [floor, offset)."""
        i = bisect.bisect_left(self.demonyms, (offset, "")) - 1
        while i >= 0 and self.demonyms[i][0] >= floor:
            return self.demonyms[i][1]
        return None

    def resolve(self, m: Mention, sentence_start: int) -> Mention:
        """A reference or bare border turned into what it stands for, where the text says."""
        if m.as_written and m.kind == "country":
            # "his country": the speaker's country, from a demonym or country named before it.
            iso3 = self.country_before(m.start, max(self.body_offset, sentence_start - 400))
            if iso3 is None:
                return m
            return Mention(m.start, m.end, country_name(iso3), "country", iso3, as_written=m.as_written)
        if m.kind in ("border", "crossing") and m.crossing_id is None:
            crossing = self._crossing_for(m)
            if crossing is not None:
                return Mention(
                    m.start,
                    m.end,
                    crossing.text,
                    "crossing",
                    m.country or crossing.country,
                    as_written=m.text,
                    crossing_id=crossing.crossing_id,
                )
        return m

    def _crossing_for(self, m: Mention) -> Mention | None:
        """The named crossing nearest to a bare border mention, on that border if it has a country."""
        best = None
        for other in self.mentions:
            if other.crossing_id is None:
                continue
            countries = self.crossings.get(other.crossing_id, [])
            if m.country and countries and m.country not in countries:
                continue
            distance = abs(other.start - m.start)
            if best is None or distance < best[0]:
                best = (distance, other)
        return best[1] if best else None

    def in_range(self, start: int, end: int, possessives: bool = False) -> list[Mention]:
        """Mentions starting in [start, end), possessives left out unless asked for: "Syria's second
        city" is no Syria as a figure's place."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if possessives or not self.possessive(m):
                out.append(m)
            i += 1
        return out

    def listed(self, start: int, end: int) -> list[Mention]:
        """The places of a list whose items are known to be places ("in Sindh and Punjab
        respectively"): the mentions in [start, end) and the names the model gave another label."""
        out = self.in_range(start, end)
        for ent in self.ents:
            if not (start <= ent.start_char and ent.end_char <= end) or not _misread(ent):
                continue
            if ent.text.split()[0].lower() in _NOT_NAMES or any(
                m.start < ent.end_char and ent.start_char < m.end for m in out
            ):
                continue
            iso3 = country_of_name(ent.text)
            out.append(Mention(ent.start_char, ent.end_char, ent.text, "country" if iso3 else None, iso3))
        out.sort(key=lambda m: m.start)
        return out

    def possessive(self, m: Mention) -> bool:
        return self.text[m.end : m.end + 2] in ("'s", "’s")

    def last_before(self, offset: int) -> Mention | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.end <= offset and not m.as_written:
                return m
            i -= 1
        return None


def role_before(text: str, start: int, floor: int) -> str:
    """The role the words just before a mention give it: 'displaced to the town of X' -> to."""
    window = text[max(floor, start - 40) : start].lower()
    words = re.findall(r"[a-z]+", window)
    for word in reversed(words[-5:]):
        if word in ROLE_OF:
            return ROLE_OF[word]
    return "in"


def to_contract(m: Mention, role: str, body_offset: int) -> PlaceMention:
    return PlaceMention(
        text=m.text,
        start=m.start - body_offset,
        end=m.end - body_offset,
        role=role,
        kind=m.kind,
        country=m.country,
        as_written=m.as_written,
    )
