"""Name keys that make transliterations of one place meet.

Wire copy spells Arabic and Turkish names many ways ("Bab al-Salama", "Bab el-Salameh",
"Öncüpınar", "Oncupinar", "Tal Rafaat", "Tall Rif'at"). Two keys are kept per name:

- `name_key`: spelling noise removed (case, diacritics, dotless i, 'ayn/hamza marks, hyphens,
  the Arabic article, Tal/Tall/Tel/Tell, doubled letters, -eh/-ah endings, French "ou"). Two
  names with the same key are taken as the same name.
- `loose_key`: the consonant skeleton of `name_key` ("Haritan" ~ "Huraytan", "Deir ez-Zor" ~
  "Dayr az Zawr"). Vowels are where transliterations disagree most, but a skeleton collides
  often, so the resolver only trusts it inside the article's countries.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFKD does not take apart; dotless i is why "Öncüpınar" would miss "Oncupinar".
_LETTERS = str.maketrans({
    "ı": "i", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
    "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h",
})
# 'ayn and hamza as transliterated (', ‘, ’, ʿ, ʾ, `, ´, ʻ, ʼ, ʹ): dropped, not made spaces,
# so "Dar'a" meets "Daraa" (after doubled vowels go) and "I'zaz" meets "Izaz".
_MARKS = re.compile("['\u2018\u2019\u02bf\u02be`\u00b4\u02bb\u02bc\u02b9\u2032]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# The Arabic article and its sun-letter assimilations (as-, ash-, ad-, ...), as separate tokens
# once hyphens are spaces. Dropped only before another word, so a bare "As" stays.
_ARTICLES = frozenset({"al", "el", "il", "ul", "as", "ash", "es", "ad", "adh", "ed", "an", "en", "ar", "er",
                       "at", "ath", "et", "az", "ez", "a", "l"})
_TELL = frozenset({"tal", "tall", "tel", "tell", "til", "tell"})
_DOUBLED = re.compile(r"([a-z])\1+")
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("q", "k"))
_VOWELS = re.compile(r"[aeiouyw]")


# Resolution folds the same few thousand names (mentions, candidates, context words) over and over.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: accents, marks and punctuation gone."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _MARKS.sub("", text.casefold().translate(_LETTERS))
    return _NON_ALNUM.sub(" ", text).strip()


def _token(token: str) -> str:
    token = token.replace("ou", "u")
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 3 and token.endswith(("eh", "ah")):
        token = token[:-2] + "a"
    return token


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The key two spellings of one name share; '' when nothing name-like is left."""
    tokens = fold(text).split()
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token in _ARTICLES and i + 1 < len(tokens) and (i > 0 or len(tokens) > 1):
            continue
        out.append("tal" if token in _TELL else _token(token))
    return " ".join(out)


def loose_key(text: str, *, min_length: int = 3) -> str | None:
    """Consonant skeleton of `name_key`; None when too short to mean anything."""
    return skeleton(name_key(text), min_length=min_length)


def skeleton(key: str, *, min_length: int = 3) -> str | None:
    """`loose_key` of something that is already a `name_key`."""
    key = key.replace(" ", "")
    for digraph, letter in _DIGRAPHS:
        key = key.replace(digraph, letter)
    key = _DOUBLED.sub(r"\1", _VOWELS.sub("", key))
    return key if len(key) >= min_length and not key.isdigit() else None


_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def has_latin_letter(text: str) -> bool:
    """Whether a name could appear in English copy (Arabic- or Cyrillic-script names cannot)."""
    return _LATIN.search(text) is not None
