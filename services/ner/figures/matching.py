"""Which rows of the construction table match a parsed sentence, and where.

    _matches(parsed, grammar) -> (construction index, {node name: token index}), in table order

Each construction's patterns are spaCy `DependencyMatcher` patterns. A sentence is matched only
against the patterns whose words it has (their gates), by one matcher per set of such patterns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from ner.figures.grammar import ENGLISH, Grammar


class SentenceMatcher(DependencyMatcher):
    """A DependencyMatcher that finds the tree root of each token its token patterns match from the
    doc's head array, once per token. spaCy's own walks every matched token's ancestors as Token
    objects, which was most of the matching time on our sentences (every node of every pattern
    matches somewhere). Same matches: `tests/unit/ner/test_ner_constructions.py` compares them."""

    def _get_keys_to_position_maps(self, doc: Doc):
        heads = _heads(doc)
        roots = [-1] * len(heads)  # -1: not known yet
        for i in range(len(heads)):
            path, j = [], i
            # As Token.ancestors: up the heads until a token is its own head, at most len(doc) steps.
            while roots[j] < 0 and heads[j] != j and len(path) <= len(heads):
                path.append(j)
                j = heads[j]
            root = roots[j] if roots[j] >= 0 else j
            for k in (*path, j):
                roots[k] = root
        keys_to_position_maps = defaultdict(lambda: defaultdict(list))
        for match_id, start, _ in self._matcher(doc):
            keys_to_position_maps[roots[start]][match_id].append(start)
        return keys_to_position_maps


def _heads(doc: Doc) -> list[int]:
    """Each token's head index, from the doc's array of relative offsets."""
    return [i + offset for i, offset in enumerate(doc.to_array("HEAD").astype("int64").tolist())]


ALTERNATIVE = "#"  # "name#1": the second pattern of construction "name"


@dataclass(frozen=True, slots=True)
class GatedPattern:
    """One pattern of a construction, with the words a sentence must have for it to match there:
    for each node that names its LEMMA or LOWER forms, one of them. A sentence is matched only
    against the patterns whose words it has, which spares testing every token against every
    pattern of the table."""

    construction: int  # index in the grammar's table
    label: str  # "name#k": the construction's name and which of its patterns
    nodes: tuple[str, ...]  # RIGHT_ID of each node, in match order
    gates: tuple[tuple[str, frozenset[str]], ...]  # ("LEMMA" or "LOWER", the forms one node accepts)
    pattern: list[dict]


_PATTERNS: dict[tuple[int, str], tuple[GatedPattern, ...]] = {}


def _gates(pattern: list[dict]) -> tuple[tuple[str, frozenset[str]], ...]:
    gates = []
    for spec in pattern:
        for attr in ("LEMMA", "LOWER"):
            value = spec.get("RIGHT_ATTRS", {}).get(attr)
            if isinstance(value, str):
                gates.append((attr, frozenset([value])))
            elif isinstance(value, dict) and "IN" in value:
                gates.append((attr, frozenset(value["IN"])))
    if not gates:
        raise ValueError(f"a construction pattern needs a LEMMA or LOWER set on some node: {pattern}")
    return tuple(sorted(gates, key=lambda gate: len(gate[1])))  # the most selective first


def patterns_for(vocab, g: Grammar = ENGLISH) -> tuple[GatedPattern, ...]:
    """Every pattern of every construction of the grammar, each with its gate, per vocabulary.
    Each is checked by a DependencyMatcher of its own here, so that a bad row fails at load."""
    key = (id(vocab), g.code)
    if key not in _PATTERNS:
        gated = []
        for index, construction in enumerate(g.constructions):
            for k, pattern in enumerate(construction.patterns()):
                label = f"{construction.name}{ALTERNATIVE}{k}"
                DependencyMatcher(vocab, validate=True).add(label, [pattern])
                gated.append(GatedPattern(index, label, tuple(p["RIGHT_ID"] for p in pattern), _gates(pattern), pattern))
        _PATTERNS[key] = tuple(gated)
    return _PATTERNS[key]


# One DependencyMatcher per set of patterns whose words a sentence has: one pass of its token
# matcher per sentence, where a matcher per pattern made one pass per pattern (most of the cost).
# Sentences share few distinct sets; the cache is emptied when it grows past the bound.
_MATCHERS: dict[tuple[int, str, tuple[int, ...]], SentenceMatcher] = {}
MATCHER_CACHE_SIZE = 2048


def _matcher(vocab, g: Grammar, chosen: tuple[int, ...]) -> SentenceMatcher:
    key = (id(vocab), g.code, chosen)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        if len(_MATCHERS) >= MATCHER_CACHE_SIZE:
            _MATCHERS.clear()
        gated = patterns_for(vocab, g)
        matcher = _MATCHERS[key] = SentenceMatcher(vocab, validate=False)
        for i in chosen:
            matcher.add(gated[i].label, [gated[i].pattern])
    return matcher


def _forms(parsed: Doc) -> dict[str, set[str]]:
    """The sentence's lemmas and lower-case forms ("LEMMA", "LOWER", "lemma_lower"), read once per
    parsed sentence: the matcher's gates and every near-miss test of its counts ask for them."""
    forms = parsed.user_data.get("forms")
    if forms is None:
        lemmas = {t.lemma_ for t in parsed}
        forms = parsed.user_data["forms"] = {"LEMMA": lemmas, "LOWER": {t.lower_ for t in parsed},
                                             "lemma_lower": {lemma.lower() for lemma in lemmas}}
    return forms


def _matches(parsed: Doc, g: Grammar):
    """(construction index, {node name: token index}) for every match of every pattern the sentence
    has the words of, in table order."""
    forms = _forms(parsed)
    gated = patterns_for(parsed.vocab, g)
    chosen = tuple(i for i, p in enumerate(gated)
                   if not any(words.isdisjoint(forms[attr]) for attr, words in p.gates))
    if not chosen:
        return
    position = {parsed.vocab.strings[gated[i].label]: (n, gated[i]) for n, i in enumerate(chosen)}
    found = [(position[match_id], token_ids) for match_id, token_ids in _matcher(parsed.vocab, g, chosen)(parsed)]
    found.sort(key=lambda match: match[0][0])  # stable: each pattern's own matches keep their order
    for (_, pattern), token_ids in found:
        yield pattern.construction, dict(zip(pattern.nodes, token_ids, strict=True))
