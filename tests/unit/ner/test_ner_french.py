"""French reading: the construction suite of `ner.figures.constructions_fr`, French numbers, negatives,
and the routing of articles by language. Every sentence here was written for this file.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from ner.extraction import extract_articles
from ner.figures.constructions_fr import CONSTRUCTIONS_FR
from ner.figures.grammar import FRENCH
from ner.figures.parse import main_pass_disabled, parse_candidates
from ner.figures.reading import read_sentence
from ner.pipeline import load_nlp
from ner.quantities import split_words
from ner.quantities_fr import find_quantities_fr
from ner_checks import bounds
from wirewatch.contracts import Article

MOVEMENT = {"displacement", "cross_border"}


@pytest.fixture(scope="session")
def nlp_fr(places_csv):
    return load_nlp("fr_core_news_sm", crossings=places_csv)


@pytest.fixture(scope="session")
def pipelines(nlp, nlp_fr):
    return {"en": nlp, "fr": nlp_fr}


@pytest.fixture()
def lire(pipelines):
    """lire(body, language="fr") -> ExtractedArticle"""

    def run(body: str, language: str = "fr"):
        article = Article(article_id="t", body=body, language=language, received_at=datetime(2030, 1, 1, tzinfo=UTC))
        return extract_articles(pipelines, [article])[0]

    return run


# -- numbers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        ("Plus de 20 000 personnes", (20000, None, "at_least")),
        ("quelque 1 500 familles", (1500, 1500, "approximate")),
        ("environ 3\u00a0000 habitants", (3000, 3000, "approximate")),
        ("près de 2\u202f400 maisons", (2400, 2400, "approximate")),
        ("1,5 million de personnes", (1500000, 1500000, "exact")),
        ("jusqu'à 15 000 réfugiés", (None, 15000, "at_most")),
        ("entre 5 000 et 10 000 personnes", (5000, 10000, "range")),
        ("des dizaines de milliers de civils", (10000, 99999, "vague")),
        ("plusieurs milliers de personnes", (1000, 9999, "vague")),
        ("des centaines de familles", (100, 999, "vague")),
        ("un millier de ménages", (1000, 1000, "approximate")),
        ("deux mille personnes", (2000, 2000, "exact")),
        ("au moins 600 foyers", (600, None, "at_least")),
        ("moins de 300 personnes", (None, 300, "at_most")),
        ("2 000 personnes", (2000, 2000, "exact")),
        ("1.200 habitants", (1200, 1200, "exact")),
    ],
)
def test_french_numbers(text, want) -> None:
    quantities = find_quantities_fr(split_words(text))
    assert [(q.min, q.max, q.qualifier) for q in quantities] == [want]


@pytest.mark.parametrize("text", ["le 3 mars", "en 2019", "à 40 km de la ville", "12 % des habitants",
                                  "un budget de 300 millions d'euros", "une personne"])
def test_french_numbers_that_are_no_count(text) -> None:
    assert not [q for q in find_quantities_fr(split_words(text)) if q.min or q.max]


# -- each construction reads its examples ---------------------------------------------------------------------


@pytest.mark.parametrize("construction, sentence", [(c.name, s) for c in CONSTRUCTIONS_FR for s in c.examples])
def test_each_french_construction_reads_its_own_examples(nlp_fr, construction, sentence) -> None:
    doc = next(nlp_fr.pipe([sentence], disable=main_pass_disabled(nlp_fr)))
    words = split_words(sentence)
    spans = [(words[q.first].start, words[q.last - 1].end) for q in find_quantities_fr(words)]
    rules = []
    for start, parsed in parse_candidates(nlp_fr, [doc], [0])[0].items():
        rules += [r.rule for r in read_sentence(parsed, start, spans, FRENCH).values()]
    assert construction in rules


def test_there_are_twenty_five_french_constructions_at_least() -> None:
    names = [c.name for c in CONSTRUCTIONS_FR]
    assert len(names) == len(set(names)) >= 25


# -- templated sentences ----------------------------------------------------------------------------------------

NOMBRES = [("3 000", (3000, 3000)), ("environ 1 250", (1250, 1250)), ("plus de 45 000", (45000, None)),
           ("jusqu'à 2,5 millions de", (None, 2_500_000))]
GABARITS = [
    ("{N} personnes ont été déplacées par les inondations.", "displaced", "displacement"),
    ("Les combats ont déplacé {n} personnes la semaine dernière.", "displaced", "displacement"),
    ("{N} habitants ont été évacués de la côte.", "evacuated", "displacement"),
    ("{N} personnes ont fui les violences.", "forced_to_flee", "displacement"),
    ("{N} civils ont quitté leurs villages.", "forced_to_flee", "displacement"),
    ("Les attaques ont forcé {n} personnes à fuir.", "forced_to_flee", "displacement"),
    ("{N} personnes ont été relogées sur un site plus sûr.", "relocated", "displacement"),
    ("{N} personnes se sont réfugiées dans des écoles.", "sheltered", "displacement"),
    ("{N} réfugiés sont arrivés au Tchad.", "refugee", "cross_border"),
    ("{N} personnes sont bloquées à la frontière.", "stranded", "cross_border"),
    ("Les pluies ont laissé {n} personnes sans abri.", "homeless", "displacement"),
    ("Les autorités ont ordonné l'évacuation de {n} habitants.", "evacuated", "displacement"),
]


def _remplir(gabarit: str, nombre: str) -> str:
    phrase = gabarit.replace("{n}", nombre).replace("{N}", nombre[:1].upper() + nombre[1:])
    return phrase.replace("de habitants", "d'habitants")


@pytest.mark.parametrize(
    "gabarit, term, category, nombre, want",
    [(*g, n, w) for g, (n, w) in itertools.product(GABARITS, NOMBRES)],
)
def test_french_templates(lire, gabarit, term, category, nombre, want) -> None:
    phrase = _remplir(gabarit, nombre)
    figures = lire(phrase).figures
    hits = [f for f in figures if bounds(f) == want]
    assert len(hits) == 1, (phrase, [(bounds(f), f.term, f.rule) for f in figures])
    assert (hits[0].term, hits[0].category, hits[0].language) == (term, category, "fr")


@pytest.mark.parametrize(
    "phrase, term, unit",
    [
        ("Les inondations ont détruit 2 400 maisons.", "destroyed_housing", "household"),
        ("Près de 600 habitations ont été endommagées par le séisme.", "partially_destroyed_housing", "household"),
        ("Quelque 1 500 familles ont été déplacées vers la ville.", "displaced", "household"),
        ("Environ 1 200 ménages sont hébergés dans des écoles.", "sheltered", "household"),
        ("Quelque 4 000 déplacés vivent dans des camps.", "in_relief_camp", "person"),
        ("La commune a enregistré 4 000 sinistrés.", "homeless", "person"),
        ("Quelque 3 000 personnes ont demandé l'asile le mois dernier.", "asylum_seeker", "person"),
        ("Quelque 1 300 ménages sont sans abri après le cyclone.", "homeless", "household"),
        ("Près de 900 personnes dorment à la belle étoile depuis le séisme.", "homeless", "person"),
        ("Environ 400 habitants ont dormi dehors par crainte des répliques.", "homeless", "person"),
        ("Des centaines de familles ont été évacuées.", "evacuated", "household"),
        ("Des dizaines de milliers de personnes ont été déplacées.", "displaced", "person"),
        ("Selon la mairie, 1 300 maisons se sont effondrées sous les pluies.", "destroyed_housing", "household"),
        ("Le nombre de déplacés a atteint 640 000, selon le gouvernement.", "displaced", "person"),
        ("Le nombre de sinistrés s'élève désormais à 11 000.", "homeless", "person"),
    ],
)
def test_french_terms_and_units(lire, phrase, term, unit) -> None:
    assert [(f.term, f.unit) for f in lire(phrase).figures] == [(term, unit)]


# -- modality and category ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Plus de 10 000 personnes pourraient être déplacées par la crue.",
        "Environ 5 000 habitants devraient être évacués demain.",
        "Quelque 2 000 personnes seront relogées le mois prochain.",
        "Les combats risquent de déplacer 20 000 civils.",
    ],
)
def test_a_french_forecast_is_projected(lire, phrase) -> None:
    assert {f.category for f in lire(phrase).figures} == {"projected"}


@pytest.mark.parametrize(
    "phrase",
    [
        "Près de 2 000 personnes n'ont pas été évacuées malgré les alertes.",
        "Si le barrage cède, 30 000 personnes pourraient être déplacées.",
        "La commune compte 45 000 habitants.",
        "Le budget de l'aide atteint 300 millions d'euros.",
        "L'attaque a fait 35 morts et 60 blessés.",
        "Le bilan s'élève à 120 morts selon les autorités.",
        "Le candidat a obtenu 52 % des voix, soit 1,2 million de suffrages.",
        "L'équipe a gagné 3 à 1 devant 20 000 spectateurs.",
        "Plus de 40 000 supporters ont envahi le stade.",
        "La ville se trouve à 60 km de la frontière.",
        "En 1962, des centaines de milliers de personnes ont quitté le pays.",
        "L'exercice d'évacuation a concerné 800 employés.",
        "Environ 300 voyageurs sont bloqués à l'aéroport en raison de la grève.",
        "Quelque 30 élèves ont changé d'école à la rentrée.",
        "L'aide a atteint 4 000 réfugiés dans le camp.",
        "Plus de 20 000 spectateurs ont assisté au concert en plein air.",
        "Quelque 300 randonneurs ont dormi à la belle étoile pendant le festival.",
        "Le nombre de spectateurs a atteint 40 000 dimanche.",
        "Le nombre de cas a dépassé 12 000 selon le ministère de la Santé.",
    ],
)
def test_french_negatives_give_no_movement_figure(lire, phrase) -> None:
    assert not [(bounds(f), f.rule) for f in lire(phrase).figures if f.category in MOVEMENT]


@pytest.mark.parametrize(
    "phrase, category",
    [
        ("Le camp accueille 12 000 réfugiés venus du pays voisin.", "stock"),
        ("Quelque 4 000 déplacés vivent toujours dans des sites.", "stock"),
        ("Le nombre de déplacés a atteint 640 000, selon le gouvernement.", "stock"),
        ("Environ 2 000 personnes ont traversé la frontière.", "cross_border"),
        ("Près de 15 000 réfugiés sont arrivés au Tchad.", "cross_border"),
        # "into a country" (`parsed._into_a_country`): a whole country as where the flow went
        ("Des dizaines de milliers de personnes ont fui vers le Tchad depuis lundi.", "cross_border"),
        ("Quelque 3 000 civils ont été chassés vers le Cameroun par les attaques.", "cross_border"),
        ("Environ 2 000 personnes ont fui vers Bangui depuis lundi.", "displacement"),
        ("Quelque 3 000 civils ont fui du Tchad vers le Soudan.", "cross_border"),
        # after a verb of flight, "à", "au", "en" name where people went (`clause_places.DESTINATION_CASES`)
        ("Quelque 3 000 civils ont fui au Cameroun après les attaques.", "cross_border"),
        ("Près de 9 000 personnes se sont réfugiées en Centrafrique depuis lundi.", "cross_border"),
        ("Au Mali, quelque 5 000 personnes ont fui les combats.", "displacement"),
        # ... but after a comma, "en" says where the place before it is (`clause_places._after_a_comma`)
        ("Environ 4 000 personnes ont fui les violences dans la commune de Kessa, en Haïti.", "displacement"),
        ("Environ 2 000 personnes ont fui, en Haïti, les violences des gangs.", "displacement"),
        ("Environ 4 000 personnes ont été déplacées au Niger.", "displacement"),
        # a counted noun that says they just came is a flow, whatever the verb (`reading._category`)
        ("Ces derniers jours, 2 300 nouveaux déplacés ont été enregistrés à Kessa.", "displacement"),
        ("La commune a recensé 4 000 nouveaux déplacés après les attaques.", "displacement"),
        ("Le camp a accueilli 3 000 nouveaux réfugiés cette semaine.", "cross_border"),
        ("Le site compte désormais 12 000 déplacés.", "stock"),
        ("L'OIM a recensé 12 000 déplacés dans la province.", "stock"),
    ],
)
def test_french_stock_and_flow(lire, phrase, category) -> None:
    assert category in {f.category for f in lire(phrase).figures}


# -- places, sources, datelines ------------------------------------------------------------------------------------------


def test_a_french_country_name_is_a_country(lire) -> None:
    fig = lire("Près de 15 000 réfugiés sont arrivés au Tchad.").figures[0]
    assert (fig.place_mention.country, fig.place_mention.role) == ("TCD", "to")


def test_a_french_crossing_and_a_destination(lire) -> None:
    figures = lire("Près de 3 000 personnes se sont rassemblées au poste-frontière de Qarsun. "
                   "Quelque 5 000 personnes ont été déplacées vers Mirwah.").figures
    by_rule = {f.rule: f for f in figures}
    assert by_rule["bloqués_à_la_frontière"].place_mention.kind == "crossing"
    assert by_rule["sujet_passif"].place_mention.role == "toward"


@pytest.mark.parametrize(
    "phrase, who",
    [
        ("Plus de 20 000 personnes ont fui les combats, selon l'OCHA.", "OCHA"),
        ("Quelque 5 000 personnes ont été déplacées, a indiqué le HCR.", "HCR"),
        ("D'après le HCR, 3 000 réfugiés sont arrivés au Tchad.", "HCR"),
    ],
)
def test_french_attribution(lire, phrase, who) -> None:
    assert [f.reported_by for f in lire(phrase).figures] == [who]


@pytest.mark.parametrize(
    "phrase, date",
    [
        ("Le 3 février 2031, plus de 2 000 personnes ont fui les combats autour de Kaya.", "2031-02-03"),
        ("Quelque 800 familles ont été déplacées le 1er mars, selon la mairie.", "2031-03-01"),
        ("Lundi dernier, 500 ménages ont été évacués de la ville de Gao.", "2031-03-03"),
        ("Hier, près de 1 200 habitants ont fui vers Djibo.", "2031-03-05"),
        ("Jeudi soir, environ 300 réfugiés sont arrivés à Diffa.", "2031-03-06"),
        ("Plus de 2 000 personnes ont fui les combats autour de Kaya.", None),
        ("Environ 900 habitants ont été évacués de la cité Mars, près de Bunia.", None),
    ],
)
def test_a_french_figures_date(pipelines, phrase, date) -> None:
    # Published on Thursday 6 March 2031.
    article = Article(article_id="t", body=phrase, language="fr", received_at=datetime(2031, 3, 6, 12, tzinfo=UTC),
                      published_at=datetime(2031, 3, 6, 9, tzinfo=UTC))
    assert [f.date for f in extract_articles(pipelines, [article])[0].figures] == [date]


@pytest.mark.parametrize(
    "phrase, number",
    [
        ("Près de 1 200 habitants ont fui les combats.", 1200),
        ("Plus de 12 300 habitants ont été évacués de Kaya.", 12300),
        ("Environ 1 500 ménages ont fui vers Djibo.", 1500),
        ("Quelque 3 400 personnes ont été déplacées par les inondations.", 3400),
    ],
)
def test_a_number_split_in_groups_still_counts_its_noun(lire, phrase, number) -> None:
    # The tokenizer splits "1 200" in two; the parser may hang "200" on "1" and "1" on the noun.
    assert [f.quantity.min for f in lire(phrase).figures] == [number]


# -- routing by language --------------------------------------------------------------------------------------------------


def test_each_article_goes_to_its_languages_pipeline(pipelines) -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    articles = [
        Article(article_id="en", body="About 3,000 people fled the fighting.", language="en", received_at=now),
        Article(article_id="fr", body="Environ 3 000 personnes ont fui les combats.", language="fr", received_at=now),
        Article(article_id="de", body="Etwa 3.000 Menschen flohen vor den Kämpfen.", language="de", received_at=now),
        Article(article_id="none", body="About 2,000 people were evacuated.", received_at=now),
    ]
    out = extract_articles(pipelines, articles)
    assert [a.article.article_id for a in out] == ["en", "fr", "de", "none"]
    assert [a.language for a in out] == ["en", "fr", "de", "en"]
    assert [f.language for f in out[1].figures] == ["fr"] and out[0].figures[0].language == "en"
    assert out[2].figures == [] and out[2].unread_reason == "no pipeline for language de"
    assert out[0].unread_reason is None and out[1].unread_reason is None


@pytest.mark.parametrize("nom", ["habitants", "civils", "villageois"])
@pytest.mark.parametrize("gabarit, term, category", [g for g in GABARITS if "{N} personnes" in g[0] or " personnes " in g[0]])
def test_the_counted_noun_changes_nothing_in_french(lire, gabarit, term, category, nom) -> None:
    phrase = _remplir(gabarit.replace("personnes", nom), "3 000")
    hits = [f for f in lire(phrase).figures if bounds(f) == (3000, 3000)]
    assert [(f.term, f.category) for f in hits] == [(term, category)], phrase


@pytest.mark.parametrize(
    "phrase",
    [
        "La région compte 2,5 millions d'habitants.",
        "Le gouvernement a débloqué 15 millions de francs CFA pour la reconstruction.",
        "Le scrutin a mobilisé 3 000 assesseurs dans 120 bureaux de vote.",
        "Le club a vendu 12 000 billets pour le match de dimanche.",
        "Au moins 45 personnes ont été tuées dans l'attaque.",
        "Les inondations ont fait 18 morts, selon un bilan provisoire.",
        "Le marathon a réuni 8 000 coureurs dans les rues de la capitale.",
        "L'entreprise va supprimer 1 200 emplois d'ici à la fin de l'année.",
        "Quelque 600 passagers ont été évacués de l'avion après un incident moteur.",
        "Le festival a accueilli 50 000 visiteurs en trois jours.",
    ],
)
def test_more_french_negatives(lire, phrase) -> None:
    assert not [(bounds(f), f.rule) for f in lire(phrase).figures if f.category in MOVEMENT]


# -- a border as the way out (`ner.figures.clause_places._border_crossed`) ------------------------------------------


@pytest.mark.parametrize(
    "phrase, category",
    [
        ("ont fui les villages de la frontière vers Kessala", "displacement"),  # a kind of place
        ("ont été évacués des zones de la frontière après les tirs", "displacement"),
        ("ont été déplacés depuis la frontière vers Kessala", "displacement"),  # where they left from
        ("ont fui vers la frontière dimanche", "cross_border"),  # where they went
        ("ont traversé la frontière vers l'Orvanie", "cross_border"),
    ],
)
def test_a_border_crosses_only_as_the_way_out(lire, phrase: str, category: str) -> None:
    for number in ("1 500", "900"):
        figures = lire(f"Quelque {number} habitants {phrase}.").figures
        assert [f.category for f in figures] == [category]


@pytest.mark.parametrize("phrase,part,group", [
    ("Le séisme a touché 40 000 personnes, dont 6 000 ont été déplacées.", 6000, 40000),
    ("Les pluies ont frappé 9 000 ménages, dont 2 500 ont dû fuir.", 2500, 9000),
])
def test_une_partie_d_un_groupe_seule_s_est_deplacee(lire, phrase: str, part: int, group: int) -> None:
    counts = {f.quantity.max or f.quantity.min for f in lire(phrase).figures}
    assert part in counts and group not in counts, counts


def test_after_a_verb_of_flight_a_la_ville_is_where_people_went(lire) -> None:
    fig = lire("Plus de 600 personnes ont fui Djibo pour se réfugier à Kaya.").figures[0]
    assert {(m.text, m.role) for m in fig.place_mentions} >= {("Djibo", "from")}
    fig = lire("Environ 2 000 personnes se sont réfugiées à Kaya depuis lundi.").figures[0]
    assert [(m.text, m.role) for m in fig.place_mentions] == [("Kaya", "to")]


@pytest.mark.parametrize("phrase", [
    "Les inondations ont touché 8 500 ménages, dont 2 100 sans abri.",
    "Les crues ont touché 7 000 ménages, dont 1 900 sans abri.",
    "Quelque 1 300 familles restent sans abri dans la commune.",
])
def test_sans_abri_is_never_a_shelter(lire, phrase: str) -> None:
    # The shelter is what they lack (`reading._term`): homeless, whichever construction reads it.
    assert "sheltered" not in {f.term for f in lire(phrase).figures}


@pytest.mark.parametrize("phrase, nombre", [
    # Repair "a fronted place taken for the subject" (`parse._fronted_place_as_subject`)
    ("Au Burkina Faso, plus de 5 000 personnes ont fui Kessa pour se réfugier à Mirwah.", 5000),
    ("Au Tchad, quelque 2 000 habitants ont fui leurs villages.", 2000),
    ("En Centrafrique, environ 3 000 personnes ont fui Tellmoor après les attaques.", 3000),
    ("Dans la province d'Orvani, 8 000 personnes ont été déplacées par les combats.", 8000),
])
def test_a_place_in_front_of_the_sentence_is_where_not_who(lire, phrase, nombre) -> None:
    figures = lire(phrase).figures
    assert [f.quantity.min for f in figures] == [nombre], figures


def test_a_fronted_place_with_no_flight_is_still_no_figure(lire) -> None:
    assert lire("Au Niger, 4 000 élèves ont repris les cours lundi.").figures == []
