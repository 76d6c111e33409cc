"""The attribute ruler as table lookups gives every token what spaCy's own ruler gives it."""

from __future__ import annotations

import pytest

from ner.figures.attributes import AttributeRules
from ner.figures.parse import _fresh_copy, main_pass_disabled, parse_components
from ner.pipeline import load_nlp

FRENCH_MODEL = "fr_core_news_sm"

# Our own sentences, chosen to reach the ruler's exceptions as well as its tag map: auxiliaries,
# "there were", possessive 's, "let's", "gonna", pronouns in subject and object position, a
# subordinating "as", a determiner used as a pronoun, runs of spaces.
SENTENCES = (
    "About 4,000 people were forced to leave their homes in the valley on Tuesday.",
    "There were 300 families sheltering in the school's gym, but that was not enough.",
    "Let's say it plainly: they're gonna need tents before the rain comes.",
    "I told you the river had risen, and it did not stop rising as we left.",
    "Those who could not walk were carried by their neighbours across the bridge.",
    "Officials said  that   some 12,500 residents have been evacuated so far.",
    "Y'all got to move now, the mayor told the crowd that had gathered at the gate.",
    "Which of the camps will take them in is not yet decided, nothing's certain.",
)


# French: the ruler copies each part of speech into TAG, and treats runs of spaces apart.
SENTENCES_FR = (
    "Environ 4 000 personnes ont dû quitter leurs maisons dans la vallée mardi.",
    "Il y avait 300 familles hébergées dans l'école, mais ce n'était pas assez.",
    "Les autorités ont indiqué  que   quelque 12 500 habitants ont été évacués jusqu'ici.",
    "Lesquels des camps les accueilleront, rien n'est encore décidé !",
)


def _parse_both_ways(nlp, sentences):
    names = parse_components(nlp)
    docs = [sent for doc in nlp.pipe(sentences, disable=main_pass_disabled(nlp)) for sent in doc.sents]
    ruled, looked_up = [_fresh_copy(s) for s in docs], [_fresh_copy(s) for s in docs]
    rules = AttributeRules(nlp.get_pipe("attribute_ruler"))
    for name in names:
        pipe = nlp.get_pipe(name)
        ruled = list(pipe.pipe(ruled))
        looked_up = list((rules if name == "attribute_ruler" else pipe).pipe(looked_up))
    return ruled, looked_up, rules


@pytest.fixture(scope="module")
def parsed_both_ways(nlp):
    return _parse_both_ways(nlp, SENTENCES)


@pytest.fixture(scope="module")
def parsed_both_ways_fr():
    return _parse_both_ways(load_nlp(FRENCH_MODEL), SENTENCES_FR)


def attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_lookups_give_the_rulers_attributes(parsed_both_ways):
    ruled, looked_up, _ = parsed_both_ways
    assert [attributes(d) for d in looked_up] == [attributes(d) for d in ruled]


def test_most_patterns_are_lookups(parsed_both_ways):
    _, _, rules = parsed_both_ways
    assert rules.lookup and rules.rest_patterns < 15


def test_french_lookups_give_the_rulers_attributes(parsed_both_ways_fr):
    ruled, looked_up, rules = parsed_both_ways_fr
    assert [attributes(d) for d in looked_up] == [attributes(d) for d in ruled]
    assert any(t.is_space for d in ruled for t in d)  # the space patterns were reached
    assert rules.rest_patterns <= 1  # only the one that tests for any DEP but none


@pytest.mark.parametrize("order, expected", [(("tag", "word"), "PROPN"), (("word", "tag"), "NOUN")])
def test_the_later_pattern_wins(order, expected):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    patterns = {"tag": ([[{"TAG": "NN"}]], {"POS": "NOUN"}), "word": ([[{"LOWER": "kessa", "TAG": "NN"}]], {"POS": "PROPN"})}
    for name in order:
        ruler.add(*patterns[name])
    doc = Doc(nlp.vocab, words=["Kessa", "river"], tags=["NN", "NN"])
    AttributeRules(ruler)(doc)
    assert [t.pos_ for t in doc] == [expected, "NOUN"]
