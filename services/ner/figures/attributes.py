"""The model's attribute ruler as table lookups, for the parse of candidate sentences.

The `attribute_ruler` of spaCy's English models maps each tagger tag to its part of speech and
morphology, with word-level exceptions ("'s" + POS -> PART): 179 patterns, nearly all one token
matching TAG, LOWER or both. The French model's 23 copy each part of speech into TAG. spaCy runs
them through a general token Matcher, which on our candidate sentences costs as much as the parser
itself. `AttributeRules` answers the one-token patterns over LOWER, TAG, POS, IS_SPACE and DEP from
dictionaries keyed by those five, leaves the few others (several tokens, NOT_IN) to a Matcher, and
applies what matched in the ruler's own order (pattern by pattern: a later pattern wins), so a token
ends with the same attributes as under the ruler itself (`tests/unit/ner/test_ner_attributes.py`
compares them, in both languages).
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# The token attributes a one-token pattern may test to be answered from the tables, in key order.
LOOKUP_KEYS = ("LOWER", "TAG", "POS", "IS_SPACE", "DEP")
MERGED_CACHE_SIZE = 200_000


def _values(spec) -> list[str | bool] | None:
    """The values a one-token pattern's attribute accepts, or None for anything but a string, a flag
    or an IN list."""
    if isinstance(spec, (str, bool)):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        return list(spec["IN"])
    return None


class AttributeRules:
    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        # (lower form, tag, part of speech, is space, dependency label), None where the pattern does
        # not test it -> the ruler's pattern numbers, in order
        self.lookup: dict[tuple, list[int]] = defaultdict(list)
        self.rest = Matcher(ruler.vocab)
        rest = 0
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if self._add_lookup(number, pattern, entry["index"]):
                    continue
                self.rest.add(str(number), [pattern])
                rest += 1
        self.rest_patterns = rest
        self.merged: dict[tuple, dict] = {}  # a token's key, as `lookup`'s -> what its patterns set

    def _add_lookup(self, number: int, pattern: list[dict], index: int) -> bool:
        if len(pattern) != 1 or index not in (0, -1) or not pattern[0] or set(pattern[0]) - set(LOOKUP_KEYS):
            return False
        accepted = [_values(pattern[0][key]) if key in pattern[0] else [None] for key in LOOKUP_KEYS]
        if any(values is None for values in accepted):
            return False
        for key in itertools.product(*accepted):
            self.lookup[key].append(number)
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
            key = (token.lower_, token.tag_, token.pos_, token.is_space, token.dep_)
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

    def _numbers(self, key: tuple) -> list[int]:
        """The one-token patterns a token's (lower form, tag, pos, is space, dep) matches, in the ruler's
        order: each pattern is filed under its values and None for what it does not test."""
        lookup = self.lookup
        return sorted({n for k in itertools.product(*((value, None) for value in key)) for n in lookup.get(k, ())})

    def _merge(self, numbers: list[int]) -> dict:
        """What those patterns set, in order, as one dict: a later pattern's value wins, as in the
        ruler; computed once per key seen."""
        merged: dict = {}
        for number in numbers:
            merged.update(self.attrs[number])
        return merged

    def pipe(self, docs, batch_size: int = 0):
        for doc in docs:
            yield self(doc)
