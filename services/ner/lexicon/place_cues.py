"""Words around a capitalised name that mark it as a place when the tagger left it untagged or
called it a person or an organisation (`ner.cued_places`). Each pattern captures the name as
`name`; the words that every service judges names by are in `wirewatch.places.cues`."""

from __future__ import annotations

import re

# A capitalised word with a lower-case letter in it, taken whole (possessive: no backtracking into
# it, which is what made "Name district" slow to look for at every capital of a text).
NAME_WORD = r"[A-Z](?=[\w'\u2019-]*[a-z])[\w'\u2019-]*+"
# A capitalised name of one to three words, with the particles of Arabic, Spanish and French names.
NAME = NAME_WORD + r"(?:\s(?:(?:al|el|de|del|la|le)[\s-])?" + NAME_WORD + r"){0,2}"

# "the northern city of Kunduz": the words name a place whatever label the tagger gave it (the
# small model calls many towns a PERSON), so this cue overrides every label but a place's own.
KIND_OF_NAME = re.compile(
    r"\b(?=[tcvdpgmrs])(?:town|city|village|district|province|governorate|county|municipality|territory|region|prefecture|state)"
    r"\s+of\s+(?P<name>" + NAME + r")"
)

# The same in French: "la région de Mopti", "le département de la Grand'Anse", "commune d'Arbinda".
KIND_OF_NAME_FR = re.compile(
    r"\b(?:r[ée]gion|province|d[ée]partement|commune|ville|territoire|pr[ée]fecture|cercle|localit[ée]|village"
    r"|district|chefferie|zone)\s+(?:de\s+la\s+|de\s+l['\u2019]|du\s+|des\s+|de\s+|d['\u2019])(?P<name>" + NAME + r")"
)

# "the provinces of Alpha, Beta Norte and Gamma": every member of the list is one of those.
KINDS_OF_LIST = re.compile(
    r"\b(?=[pPsSrRdDgGcC])(?P<kinds>provinces|states|regions|departments|governorates|prefectures|districts|counties)\s+of\s+(?=[A-Z])",
    re.IGNORECASE)

LIST_MEMBER = re.compile(r"(?:the\s+)?(?P<name>[A-Z][\w'\u2019-]*(?:\s(?:(?:de|del|la|el)\s)?[A-Z][\w'\u2019-]*){0,3})")

LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")

# "displaced to Chibok", "fighting in northern Rakhine": a preposition a place often follows.
NAME_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|to|from|near|of|into|toward|towards|across|around|outside|inside|reached|fled|flee|fleeing|left"
    r"|through|via|In|At|From|Near)"
    r"\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|northern|southern|eastern|western|central|north-?eastern|north-?western"
    r"|south-?eastern|south-?western)\s+)?(?P<name>" + NAME + r")"
)

# "Chibok town", "Idukki district": a word for a kind of place after the name.
NAME_BEFORE_KIND_WORD = re.compile(
    r"(?P<name>" + NAME + r")\s+(?:town|city|village|villages|county|counties|province|state|governorate|department"
    r"|island|atoll|provinces|states|governorates|departments|districts|regions|prefectures|territories"
    r"|territory|district|sub[- ]?district|area|region|camp|municipality|prefecture|oblast|division|township)\b"
)

# Words that people are rarely named after ("through Adre", "in Dhemaji"); unlike "to" or "from"
# ("according to Smith").
PLACE_ONLY_BEFORE = re.compile(r"\b(?:into|through|via|at|in|near|toward|towards"
                                r"|(?:fled|displaced|evacuated|escaped|moved|relocated|returned)\s+(?:from|to))"
                                r"\s+(?:the\s+)?$")

# Arabic names the small model reads as a person's ("Ras al-Ain", "Deir ez-Zor").
ARABIC_PARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|az|ash|at|ez|es|ed|an|ul)-", re.IGNORECASE)
