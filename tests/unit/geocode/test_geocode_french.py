"""Places of French copy (`geocode.resolve.context.read_countries`, `candidates.resolve_uncached`,
`sentence.inside_the_country`, `names.FRENCH_AREA_OF`): French country names and the lower-case
French nationality words put their countries in the article's context; a country ner's ruler
named resolves to it; a place of the sentence inside the figure's country says where in it; the
word for a kind of place comes off a French name; and refugees' nationality, in either language,
lends its neighbours. Sentences written for these tests."""

from __future__ import annotations

import pytest

from geocode.resolve import enrich
from geocode.resolve.context import Context, read_countries
from geocode.resolve.model import ArticleText
from wirewatch.contracts import PlaceMention


@pytest.mark.parametrize("body, code", [
    ("Les combats au Tchad ont déplacé 3 000 personnes.", "TCD"),
    ("Selon les autorités centrafricaines, 3 000 personnes ont fui.", "CAF"),
    ("Des réfugiés burkinabè sont arrivés dans la région.", "BFA"),
    ("La Syrie a accueilli les familles.", "SYR"),
])
def test_french_country_names_and_nationality_words_are_context(gazetteer, body, code):
    ctx = Context()
    read_countries(gazetteer, ArticleText(body, "", [], [], "fr"), ctx)
    assert ctx.explicit[code] >= 1


def test_lower_case_words_are_read_as_nationalities_in_french_only(gazetteer):
    ctx = Context()
    read_countries(gazetteer, ArticleText("The centrafricains band played.", "", [], [], "en"), ctx)
    assert not ctx.explicit


def _figure_in(make_article, body, number, mention, kind=None, country=None, entities=()):
    extracted = make_article(body, entities, [(number, None)])
    at = body.index(mention)
    pm = PlaceMention(text=mention, start=at, end=at + len(mention), role="in", kind=kind, country=country)
    figure = extracted.figures[0].model_copy(update={"place_mention": pm, "place_mentions": [pm]})
    article = extracted.article.model_copy(update={"language": "fr"})
    return extracted.model_copy(update={"figures": [figure], "article": article})


@pytest.mark.parametrize("body, number, country_words, inner_words, code", [
    ("Au moins 4 000 personnes ont été déplacées par les crues à Alep, en Syrie.", "4 000", "Syrie", "Alep", "SYR"),
    ("Au Mali, quelque 5 000 personnes ont été déplacées par les combats dans la région de Mopti.", "5 000",
     "Mali", "Mopti", "MLI"),
    ("Au Niger, les pluies ont déplacé 2 000 personnes à Zinder.", "2 000", "Niger", "Zinder", "NER"),
])
def test_a_place_inside_the_country_says_where_in_it(gazetteer, make_article, body, number, country_words,
                                                     inner_words, code):
    extracted = _figure_in(make_article, body, number, country_words, kind="country", country=code,
                           entities=[(country_words, "GPE"), (inner_words, "LOC")])
    place = enrich(extracted, gazetteer).figures[0].place
    assert place is not None and place.country == code and place.mention == inner_words, place


def test_a_country_named_in_french_resolves_to_it(gazetteer, make_article):
    body = "Plus de 3 000 personnes ont été déplacées en Centrafrique."
    extracted = _figure_in(make_article, body, "3 000", "Centrafrique", kind="country", country="CAF",
                           entities=[("Centrafrique", "GPE")])
    place = enrich(extracted, gazetteer).figures[0].place
    assert place is not None and (place.kind, place.country) == ("country", "CAF")


def test_a_place_inside_the_country_yields_to_where_a_flow_went(gazetteer, make_article):
    # A flow across a border keeps the country it went to, whatever town the sentence names.
    body = "Environ 2 000 réfugiés sont arrivés au Tchad, a indiqué le HCR à Genève."
    extracted = _figure_in(make_article, body, "2 000", "Tchad", kind="country", country="TCD",
                           entities=[("Tchad", "GPE"), ("Genève", "LOC")])
    figure = extracted.figures[0].model_copy(update={"category": "cross_border"})
    place = enrich(extracted.model_copy(update={"figures": [figure]}), gazetteer).figures[0].place
    assert place is not None and place.country == "TCD"


@pytest.mark.parametrize("words, name", [
    ("la région de Diffa", "Diffa"), ("province du Sanmatenga", "Sanmatenga"), ("commune d'Arbinda", "Arbinda"),
    ("le territoire de Djugu", "Djugu"), ("La Paz", None), ("Le Mans", None),
])
def test_a_french_word_for_the_kind_of_place_comes_off_its_name(words, name):
    from geocode.resolve.names import name_variants

    variants = name_variants(words)
    assert (name in variants) if name else variants == [words]


@pytest.mark.parametrize("body, number, mention, code", [
    ("Quelque 4 000 réfugiés nigérians sont arrivés dans la région de Diffa.", "4 000", "la région de Diffa", "NER"),
    ("Some 4,000 Nigerian refugees have arrived in Diffa since Monday.", "4,000", "Diffa", "NER"),
    ("About 3,000 South Sudanese refugees arrived in Adjumani this week.", "3,000", "Adjumani", "UGA"),
])
def test_refugees_are_where_they_arrived_beside_the_country_they_fled(gazetteer, make_article, body, number, mention,
                                                                      code):
    # Their nationality names where they came from; it lends its neighbours, not itself alone.
    extracted = make_article(body, [(mention, "LOC")], [(number, None)])
    at = body.index(mention)
    pm = PlaceMention(text=mention, start=at, end=at + len(mention), role="to")
    figure = extracted.figures[0].model_copy(update={"place_mention": pm, "place_mentions": [pm],
                                                     "category": "cross_border", "term": "refugee"})
    language = "fr" if "réfugiés" in body else "en"
    article = extracted.article.model_copy(update={"language": language})
    place = enrich(extracted.model_copy(update={"figures": [figure], "article": article}), gazetteer).figures[0].place
    assert place is not None and place.country == code, place


@pytest.mark.parametrize("body, number, code", [
    ("Quelque 900 maisons ont été détruites dans le département de la Grand'Anse, selon la protection civile "
     "haïtienne.", "900", "HTI"),
    ("Au Burkina Faso, plus de 2 000 personnes ont fui la commune d'Arbinda cette semaine.", "2 000", "BFA"),
    ("En RDC, environ 3 000 personnes ont été déplacées dans le territoire de Djugu.", "3 000", "COD"),
])
def test_a_name_the_tagger_missed_after_a_french_word_for_its_kind(gazetteer, make_article, body, number, code):
    # (`words.SCAN_KIND_OF_FR`: "la région de", "le territoire de", "la commune d'")
    countries = [(words, "GPE") for words in ("Burkina Faso", "RDC") if words in body]
    extracted = make_article(body, countries, [(number, None)])
    article = extracted.article.model_copy(update={"language": "fr"})
    place = enrich(extracted.model_copy(update={"article": article}), gazetteer).figures[0].place
    assert place is not None and place.country == code and place.kind != "country", place
