"""The model's attribute ruler as table lookups, for the parse of candidate sentences.

The `attribute_ruler` of spaCy's English models maps each tagger tag to its part of speech and
morphology, with word-level exceptions ("'s" + POS -> PART): 179 patterns, nearly all one token
matching TAG, LOWER or both. spaCy runs them through a general token Matcher, which on our
candidate sentences costs as much as the parser itself. `AttributeRules` answers the one-token
patterns from dictionaries keyed by (lower form, tag), leaves the few others (several tokens, DEP,
IS_SPACE) to a Matcher, and applies what matched in the ruler's own order (pattern by pattern:
a later pattern wins), so a token ends with the same attributes as under the ruler itself
(`tests/unit/ner/test_ner_attributes.py` compares them).
"""

from __future__ import annotations

from collections import defaultdict

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

LOOKUP_KEYS = {"LOWER", "TAG"}
MERGED_CACHE_SIZE = 200_000


def _values(spec) -> list[str] | None:
    """The strings a one-token pattern's attribute accepts, or None for anything but a string or IN list."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        return list(spec["IN"])
    return None


class AttributeRules:
    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        # (lower form or None, tag or None) -> the ruler's pattern numbers, in order
        self.lookup: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
        self.rest = Matcher(ruler.vocab)
        rest = 0
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if self._add_lookup(number, pattern, entry["index"]):
                    continue
                self.rest.add(str(number), [pattern])
                rest += 1
        self.rest_patterns = rest
        self.merged: dict[tuple[str, str], dict] = {}  # (lower form, tag) -> what its patterns set

    def _add_lookup(self, number: int, pattern: list[dict], index: int) -> bool:
        if len(pattern) != 1 or index not in (0, -1) or not pattern[0] or set(pattern[0]) - LOOKUP_KEYS:
            return False
        lowers = _values(pattern[0]["LOWER"]) if "LOWER" in pattern[0] else [None]
        tags = _values(pattern[0]["TAG"]) if "TAG" in pattern[0] else [None]
        if lowers is None or tags is None:
            return False
        for lower in lowers:
            for tag in tags:
                self.lookup[(lower, tag)].append(number)
        return True

    def __call__(self, doc: Doc) -> Doc:
        by_rest: dict[int, set[int]] = defaultdict(set)  # token -> numbers of the other patterns
        if self.rest_patterns:
            strings = doc.vocab.strings
            for match_id, start, end in self.rest(doc, allow_missing=True):
                number = int(strings[match_id])
                index = self.indices[number]
                by_rest[start + index if index >= 0 else end + index].add(number)
        for token in doc:
            key = (token.lower_, token.tag_)
            if token.i in by_rest:
                for number in sorted(set(self._numbers(key)) | by_rest[token.i]):
                    set_token_attrs(token, self.attrs[number])
                continue
            merged = self.merged.get(key)
            if merged is None:
                if len(self.merged) >= MERGED_CACHE_SIZE:  # a long-running service meets new words forever
                    self.merged.clear()
                merged = self.merged[key] = self._merge(self._numbers(key))
            if merged:
                set_token_attrs(token, merged)
        return doc

    def _numbers(self, key: tuple[str, str]) -> list[int]:
        """The one-token patterns a (lower form, tag) matches, in the ruler's order."""
        lower, tag = key
        lookup = self.lookup
        return sorted({n for k in ((None, tag), (lower, None), (lower, tag)) for n in lookup.get(k, ())})

    def _merge(self, numbers: list[int]) -> dict:
        """What those patterns set, in order, as one dict: a later pattern's value wins, as in the
        ruler; computed once per (lower form, tag) seen."""
        merged: dict = {}
        for number in numbers:
            merged.update(self.attrs[number])
        return merged

    def pipe(self, docs, batch_size: int = 0):
        for doc in docs:
            yield self(doc)
