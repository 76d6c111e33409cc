"""Names the tagger missed that the words around them mark as places (`ner.cued_places`), sent to
geocode as `ExtractedArticle.cued_places` so that geocode never scans the text for names."""

from __future__ import annotations

import re

import pytest

from ner.cued_places import cued_places
from wirewatch.contracts import Entity


def entities(body: str, tagged: list[tuple[str, str]]) -> list[Entity]:
    return [Entity(text=text, label=label, start=m.start(), end=m.end())
            for text, label in tagged for m in re.finditer(re.escape(text), body)]


def cued(body: str, tagged: list[tuple[str, str]] = ()) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.cue, m.kind) for m in cued_places(body, entities(body, list(tagged)))]


# -- a word for the kind of place: sure, whatever the tagger called the name ---------------------------------------

@pytest.mark.parametrize(("body", "tagged", "name"), [
    ("Shelling hit the city of Varnel overnight.", [("Varnel", "PERSON")], "Varnel"),
    ("Families left the town of Oskaya on foot.", [], "Oskaya"),
    ("The district of Tamsin Wells was flooded.", [("Tamsin Wells", "ORG")], "Tamsin Wells"),
    ("Aid reached the northern province of Dorrat.", [("Dorrat", "NORP")], "Dorrat"),
    ("Des milliers de personnes ont fui la région de Kessa.", [], "Kessa"),
    ("Les combats ont gagné le territoire de Murenge.", [("Murenge", "PER")], "Murenge"),
    ("Les habitants de la commune d'Ibara sont partis.", [], "Ibara"),
])
def test_a_name_after_a_word_for_its_kind(body, tagged, name) -> None:
    assert (name, "kind_word", None) in cued(body, tagged)


@pytest.mark.parametrize(("body", "names", "kind"), [
    ("Rain hit the provinces of Alba, Beta Norte and Gamma.", ["Alba", "Beta Norte", "Gamma"], "admin1"),
    ("Floods covered the states of Orm and Tessel.", ["Orm", "Tessel"], "admin1"),
    ("Crews worked in the districts of Kell, Moro and Pash.", ["Kell", "Moro", "Pash"], "region"),
])
def test_every_member_of_a_list_of_one_kind(body, names, kind) -> None:
    found = cued(body)
    assert all((name, "kind_word", kind) in found for name in names), found


# -- a preposition or a place word after the name: less sure -------------------------------------------------------

@pytest.mark.parametrize(("body", "tagged", "name"), [
    ("About 900 people were displaced to Chiboru town.", [], "Chiboru"),
    ("Residents fled to Kaltengo after the attack.", [], "Kaltengo"),
    ("Fighting spread in northern Rakhor state.", [("Rakhor", "PERSON")], "Rakhor"),
    ("The convoy crossed into Varnia through Adri.", [("Adri", "PERSON")], "Adri"),
    ("Heavy rain fell in Kerran's Idduki district.", [], "Idduki"),
])
def test_a_name_after_a_preposition_or_before_a_place_word(body, tagged, name) -> None:
    assert (name, "preposition", None) in cued(body, tagged)


# -- near-misses: nothing ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "tagged"), [
    ("The plan was approved, according to Smith.", [("Smith", "PERSON")]),
    ("Smith said 400 people had left.", [("Smith", "PERSON")]),
    ("Officials in January counted the damage.", []),
    ("The Ministry of Health sent doctors.", []),
    ("Fighters of the Islamic State in Varnia retreated.", []),
    ("In March the rains came early.", []),
    ("Aid came from the Red Cross and the Office for Relief.", []),
])
def test_names_the_words_do_not_make_places(body, tagged) -> None:
    assert cued(body, tagged) == []


def test_a_name_the_tagger_already_called_a_place_is_left_to_it() -> None:
    assert cued("About 900 people were displaced to Chiboru town.", [("Chiboru", "GPE")]) == []


def test_the_service_sends_them_with_the_article(extract) -> None:
    ex = extract("Some 2,000 people were displaced to the village of Tellmoor after the floods.")
    assert [(m.text, m.cue, m.role) for m in ex.cued_places] == [("Tellmoor", "kind_word", "context")]
    m = ex.cued_places[0]
    assert ex.article.body[m.start:m.end] == "Tellmoor"
