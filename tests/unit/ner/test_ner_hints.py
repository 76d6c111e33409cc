"""The fast forms of the sentence filters and place regexes match exactly what the plain ones did."""

from __future__ import annotations

import random
import re

import pytest

from ner import places
from ner.figures.building import _phrase
from ner.figures.parse import is_candidate
from ner.lexicon.words import TRIGGER_HINT, TRIGGER_STEMS, _trie_regex
from ner.quantities import split_words

PLAIN = re.compile("|".join(map(re.escape, TRIGGER_STEMS)), re.IGNORECASE)


def test_trigger_hint_agrees_with_the_plain_alternation():
    rng = random.Random(5)
    samples = ["", "Thousands FLED on Monday", "fle", "the fleet", "Deadline", "No figure words here"]
    for stem in TRIGGER_STEMS:
        samples += [stem, stem.upper(), stem.title(), stem[:-1], stem[1:], "x" + stem + "y"]
    alphabet = "abcdefghijklmnopqrstuvwxyzKİıſ ’-ABDEFKLMS"
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(20_000)]
    for text in samples:
        assert (TRIGGER_HINT.search(text) is None) == (PLAIN.search(text) is None), text


def test_trie_regex_keeps_words_that_are_prefixes_of_others():
    pattern = re.compile(_trie_regex(["fle", "fleeing", "fled"]) + "$")
    assert [bool(pattern.match(w)) for w in ("fle", "fled", "fleeing", "flee", "fl")] == [True, True, True, False, False]


def test_group_words_cover_every_group_name():
    for text in (
        "Islamic State in Iraq and the Levant",
        "Al-Qaeda in the Arabian Peninsula, said",
        "the Oromo Liberation Army",
        "Islamic State of Khorasan Province",
    ):
        assert places._GROUP_NAMES.search(text)
        assert any(word in text for word in places._GROUP_WORDS)


def test_phrase_finds_two_word_phrases_in_range():
    words = split_words("casualties so far in all the towns")
    assert _phrase(words, 0, len(words), ("so", "far"))
    assert _phrase(words, 0, len(words), ("in", "all"))
    assert not _phrase(words, 2, len(words), ("so", "far"))
    assert not _phrase(words, 0, 30, ("to", "date"))


# A sentence is parsed only when a cue starts one of its words: the same letters inside another word
# are another word. Sentences of our own, each with a count, so only the cue decides.
WORD_INSIDE = [
    ("en", "The garrison was reinforced with 2,000 troops on Tuesday."),
    ("en", "Some 4,500 fans watched the squad being reinforced before kick-off."),
    ("fr", "L'équipe locale a remporté la finale devant 3 000 spectateurs."),
    ("fr", "Le club a remporté 12 matchs cette saison."),
]
WORD_START = [
    ("en", "About 2,000 people were forced from their homes."),
    ("en", "Some 640 families displacedaround the river were counted."),
    ("en", "More than 900 peopledisplaced by the flood reached the town."),
    ("en", "Up to 1,200 residents fledTorvan overnight."),
    ("fr", "Près de 800 cases ont été emportées par les eaux."),
    ("fr", "Quelque 2 500 habitants ont fui vers Kessala."),
    ("fr", "L'évacuation de 600 familles a commencé lundi."),
]


@pytest.mark.parametrize(("language", "sentence"), WORD_INSIDE)
def test_a_cue_inside_another_word_is_no_candidate(language, sentence) -> None:
    assert not is_candidate(sentence, language)


@pytest.mark.parametrize(("language", "sentence"), WORD_START)
def test_a_cue_starting_a_word_or_after_a_glued_word_is_a_candidate(language, sentence) -> None:
    assert is_candidate(sentence, language)
