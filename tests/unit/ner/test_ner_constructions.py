"""The construction suite: behavioural tests in the style of CheckList (Ribeiro et al., ACL 2020).

Every sentence here was written for this file. Three kinds of test:

- minimum functionality: each construction of `ner.figures.constructions` reads its own two examples, and
  templated sentences vary the number format, the counted noun, tense, voice and word order;
- invariance: changing the place or the number changes nothing else about the figure;
- near-misses: sentences that speak of people moving, or of numbers near displacement words, and
  must give no movement figure.
"""

from __future__ import annotations

import itertools

import pytest

from ner.figures.constructions import CONSTRUCTIONS
from ner.figures.parse import main_pass_disabled, parse_candidates
from ner.quantities import find_quantities, split_words
from ner.figures.reading import read_sentence
from ner_checks import bounds

MOVEMENT = {"displacement", "cross_border"}


def readings(nlp, sentence: str) -> dict:
    doc = next(nlp.pipe([sentence], disable=main_pass_disabled(nlp)))
    words = split_words(sentence)
    spans = [(words[q.first].start, words[q.last - 1].end) for q in find_quantities(words)]
    out = {}
    for start, parsed in parse_candidates(nlp, [doc], [0])[0].items():
        out.update(read_sentence(parsed, start, spans))
    return out


@pytest.mark.parametrize(
    "construction, sentence",
    [(c.name, s) for c in CONSTRUCTIONS for s in c.examples],
)
def test_each_construction_reads_its_own_examples(nlp, construction: str, sentence: str) -> None:
    assert construction in [r.rule for r in readings(nlp, sentence).values()]


def test_there_are_forty_named_constructions_at_least_with_two_examples_each() -> None:
    names = [c.name for c in CONSTRUCTIONS]
    assert len(names) == len(set(names)) >= 38
    assert all(len(c.examples) == 2 and all(any(ch.isdigit() for ch in s) for s in c.examples) for c in CONSTRUCTIONS)


# -- minimum functionality, templated ----------------------------------------------------------------

NUMBERS = [("3,000", (3000, 3000)), ("about 1,250", (1250, 1250)), ("more than 45,000", (45000, None)),
           ("up to 2.5 million", (None, 2_500_000)), ("4,12,500", (412500, 412500))]
PEOPLE = ["people", "residents", "villagers", "civilians"]
# (template, term, unit, category); {n} a number, {who} a person noun.
TEMPLATES = [
    ("{N} {who} were displaced by the flooding.", "displaced", "person", "displacement"),
    ("The flooding displaced {n} {who} last week.", "displaced", "person", "displacement"),
    ("The fighting has uprooted {n} {who} since March.", "displaced", "person", "displacement"),
    ("{N} {who} have been evacuated from the coast.", "evacuated", "person", "displacement"),
    ("Rescue teams evacuated {n} {who} by boat.", "evacuated", "person", "displacement"),
    ("{N} {who} fled when the militia arrived.", "forced_to_flee", "person", "displacement"),
    ("The governor urged {n} {who} to leave the delta.", "forced_to_flee", "person", "displacement"),
    ("{N} {who} were told to evacuate before the storm.", "evacuated", "person", "displacement"),
    ("The gangs stormed the area, forcing out {n} {who}.", "forced_to_flee", "person", "displacement"),
    ("{N} {who} were relocated to a safer site.", "relocated", "person", "displacement"),
    ("{N} {who} were moved away from the river.", "forced_to_flee", "person", "displacement"),
    ("Aid workers met the {n} {who} who escaped the siege.", "forced_to_flee", "person", "displacement"),
    ("{N} {who} uprooted by the cyclone need tents.", "displaced", "person", "displacement"),
    ("Two died and {n} were forced from their homes.", "forced_to_flee", "person", "displacement"),
    ("{N} {who} have taken refuge in a school.", "sheltered", "person", "displacement"),
    ("{N} {who} spent the night in evacuation centres.", "sheltered", "person", "displacement"),
    ("{N} {who} crossed into the neighbouring country.", "displaced", "person", "cross_border"),
    ("{N} {who} were stranded at the border.", "stranded", "person", "cross_border"),
    ("The floods left {n} {who} homeless.", "homeless", "person", "displacement"),
    ("{N} {who} slept in the open after the tremor.", "homeless", "person", "displacement"),
    ("The offensive pushed {n} {who} out of the valley.", "forced_to_flee", "person", "displacement"),
    ("{N} {who} were pushed from their homes by the rising river.", "forced_to_flee", "person", "displacement"),
    ("{N} {who} left the settlement after the raid.", "forced_to_flee", "person", "displacement"),
    ("{N} {who} slept outdoors for fear of aftershocks.", "homeless", "person", "displacement"),
    ("{N} {who} spent the night in tents after the tremor.", "sheltered", "person", "displacement"),
]
HOUSING_TEMPLATES = [
    ("{N} homes were evacuated after the blast.", "evacuated"),
    ("Police ordered the evacuation of {n} flats near the plant.", "evacuated"),
    ("The quake destroyed {n} houses in the old quarter.", "destroyed_housing"),
    ("The storm caused the destruction of {n} dwellings.", "destroyed_housing"),
    ("{N} buildings were damaged by the tremor.", "partially_destroyed_housing"),
    ("The landslide left {n} properties uninhabitable.", "uninhabitable_housing"),
]


def _fill(template: str, number: str, who: str = "people") -> str:
    sentence = template.replace("{n}", number).replace("{who}", who)
    return sentence.replace("{N}", number[:1].upper() + number[1:])


@pytest.mark.parametrize(
    "template, term, unit, category, number, want",
    [(*row, number, want) for row, (number, want) in itertools.product(TEMPLATES, NUMBERS)],
)
def test_people_templates(extract, template, term, unit, category, number, want) -> None:
    ex = extract(_fill(template, number))
    hits = [f for f in ex.figures if bounds(f) == want]
    assert len(hits) == 1, [(bounds(f), f.term, f.rule) for f in ex.figures]
    assert (hits[0].term, hits[0].unit, hits[0].category) == (term, unit, category)
    assert hits[0].rule


@pytest.mark.parametrize("template, term", HOUSING_TEMPLATES)
@pytest.mark.parametrize("number, want", NUMBERS[:3])
def test_housing_templates(extract, template, term, number, want) -> None:
    hits = [f for f in extract(_fill(template, number)).figures if bounds(f) == want]
    assert [(f.term, f.unit, f.category) for f in hits] == [(term, "household", "displacement")]


@pytest.mark.parametrize("who", PEOPLE[1:])
@pytest.mark.parametrize("template, term, unit, category", TEMPLATES[:12])
def test_the_counted_noun_changes_nothing(extract, template, term, unit, category, who) -> None:
    hits = [f for f in extract(_fill(template, "3,000", who)).figures if bounds(f) == (3000, 3000)]
    assert [(f.term, f.category) for f in hits] == [(term, category)]


@pytest.mark.parametrize(
    "sentence, term",
    [
        ("Heavy rain displacedaround 3,000 people in the north.", "displaced"),
        ("About 3,000 people fledMirwah overnight.", "forced_to_flee"),
        ("The storm displaced 1.6m people along the coast.", "displaced"),
        ("Nearly half a million people fled the offensive.", "forced_to_flee"),
        ("Officials counted 4,12,500 people in relief camps in the state.", "in_relief_camp"),
        ("The district now holds 12,000 evacuees.", "evacuated"),
        ("A hall housing 700 was flooded overnight.", "sheltered"),
    ],
)
def test_number_formats_glued_words_and_nouns_for_who_moved(extract, sentence, term) -> None:
    assert term in [f.term for f in extract(sentence).figures]


# -- modality and category from the parse ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "About 40,000 people are expected to flee the offensive.",
        "Officials said 12,000 residents could be evacuated this week.",
        "Up to 6,000 villagers may be relocated next month.",
        "The offensive threatens to uproot 20,000 civilians.",
        "The agency plans to evacuate 3,500 residents on Friday.",
    ],
)
def test_a_forecast_is_projected(extract, sentence) -> None:
    assert {f.category for f in extract(sentence).figures} == {"projected"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 5,000 residents were not evacuated despite the warnings.",
        "If the levee breaks, 30,000 people could be displaced.",
        "About 2,000 families would have fled without the ceasefire.",
        "Some 1,500 people should be relocated before the rains.",
        "The storm could destroy 4,000 homes along the coast.",
        "Authorities told 80,000 residents to shelter in place.",
        "More than 9,000 people are at risk of displacement.",
        "Some 700 people need to be moved to higher ground.",
    ],
)
def test_negations_conditions_obligations_and_risks_give_nothing(extract, sentence) -> None:
    assert not [f for f in extract(sentence).figures if f.category in MOVEMENT | {"projected"}]


@pytest.mark.parametrize(
    "sentence, category",
    [
        ("More than 9,000 people remain in camps near the town.", "stock"),
        ("The district hosts 12,000 refugees from across the border.", "stock"),
        ("Some 1,000 refugees arrived in the border town this week.", "cross_border"),
        ("About 2,000 people crossed into the neighbouring country.", "cross_border"),
        ("About 3,000 people have gathered at the border crossing.", "cross_border"),
        ("The sports hall now holds 2,600 evacuees.", "stock"),
        ("A church in the old town holds some 450 IDPs.", "stock"),
        ("About 1,900 evacuees arrived at the sports hall overnight.", "displacement"),
    ],
)
def test_stock_and_flow(extract, sentence, category) -> None:
    assert category in {f.category for f in extract(sentence).figures}


def test_so_far_is_cumulative(extract) -> None:
    figures = extract("Some 14,000 people have been evacuated so far, officials said.").figures
    assert [f.cumulative for f in figures] == [True]


# -- places with their roles -------------------------------------------------------------------------


def test_the_place_of_the_event_and_a_place_near_it(extract) -> None:
    fig = extract("In Mirwah town, near the border with Jordan, 3,100 people were evacuated.").figures[0]
    assert fig.place_mention.text.startswith("Mirwah")
    roles = {m.text: m.role for m in fig.place_mentions}
    assert roles.get("Jordan") == "near" or roles.get("the border with Jordan") == "near"


def test_origin_and_destination(extract) -> None:
    fig = extract("Some 2,000 people were displaced from Syria into Mirwah town.").figures[0]
    roles = {m.role for m in fig.place_mentions}
    assert {"from", "to"} <= roles


# -- invariance -----------------------------------------------------------------------------------------

INVARIANT = [
    "{n} residents of {place} were evacuated on Tuesday.",
    "Fighting near {place} displaced {n} people.",
    "{n} villagers fled {place} after the raid.",
    "The army moved {n} people out of {place}.",
]


@pytest.mark.parametrize("template", INVARIANT)
def test_changing_the_place_or_the_number_changes_nothing_else(extract, template) -> None:
    seen = set()
    for place, number in [("Mirwah", "3,000"), ("Kassala", "3,000"), ("Mirwah", "7,400"), ("Goma", "12,000")]:
        figures = extract(template.replace("{place}", place).replace("{n}", number).capitalize()).figures
        assert len(figures) == 1
        seen.add((figures[0].term, figures[0].unit, figures[0].category, figures[0].rule))
    assert len(seen) == 1


# -- near-misses --------------------------------------------------------------------------------------------

NEAR_MISSES = [
    "The town lies 40 kilometres from the border.",
    "The ferry crew evacuated 12 passengers after the engine fire.",
    "The airline moved 300 passengers to another flight.",
    "About 300 travellers were stranded at the airport by the strike.",
    "Some 2,000 tourists were stuck at the port as the ferries stopped.",
    "Some 30 students moved schools after the term began.",
    "Twelve pupils were relocated to a new classroom.",
    "More than 2 million people are in need of aid.",
    "In 1948, 700,000 people fled their homes.",
    "During the war of 1971, 10 million people crossed the border.",
    "The city is home to 2 million people.",
    "The virus has killed 3,000 people this year.",
    "The company will move 400 jobs to the new plant.",
    "Shares fell 3 percent as investors fled to bonds.",
    "Food aid reached 4,000 refugees in the camp on Monday.",
    "Police evacuated the building for 20 minutes after a bomb threat.",
    "The team evacuated 15 kilograms of samples from the lab.",
    "Some 500 runners crossed the finish line in Boston.",
    "About 60,000 fans poured into the stadium for the final.",
    "The drill evacuated 800 office workers in 12 minutes.",
    "The bank moved 2,000 staff to its new headquarters.",
    "More than 30,000 fans streamed into the arena for the concert.",
    "The airline evacuated 180 passengers down emergency slides after the landing.",
    "Around 5,000 commuters were stranded at the station when the trains stopped.",
    "The museum hosts 3,000 visitors a day in summer.",
    "Some 1,200 pupils moved to a new school building in September.",
    "The region's population of 450,000 depends on fishing.",
    "In 1922, more than a million people fled across the sea.",
    "Engineers evacuated 40,000 litres of water from the flooded tunnel.",
    "The club said 25,000 tickets had been sold for the final.",
    "The festival drew 20,000 people to a concert in the open air.",
    "Some 3,000 fans camped outside the stadium overnight.",
    "About 5,000 people live in the open-plan flats of the new district.",
    "About 4,000 people attended the open-air mass.",
    "Strong demand pushed 3,000 buyers to the new market.",
    "Some 2,000 fans slept in tents outside the festival grounds.",
    "The army set up 500 tents for the new recruits.",
    "About 2,000 delegates left the conference hall at noon.",
]


@pytest.mark.parametrize("sentence", NEAR_MISSES)
def test_near_misses_give_no_movement_figure(extract, sentence) -> None:
    assert not [(bounds(f), f.rule) for f in extract(sentence).figures if f.category in MOVEMENT]


def test_explain_names_the_rule_behind_each_figure(extract) -> None:
    from datetime import UTC, datetime

    from wirewatch.cli import explain
    from wirewatch.contracts import EnrichedArticle

    ex = extract("The governor urged 40,000 residents to leave the coast.")
    enriched = EnrichedArticle(article_id="t", article=ex.article, figures=ex.figures, model=ex.model,
                               enriched_at=datetime(2030, 1, 1, tzinfo=UTC))
    assert "rule=control_object" in explain(enriched)


def test_the_readme_lists_every_construction() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "services" / "ner" / "README.md").read_text(encoding="utf-8")
    listed = {line.split("`")[1] for line in readme.splitlines() if line.startswith("| `")}
    from ner.figures.constructions_fr import CONSTRUCTIONS_FR

    assert listed == {c.name for c in CONSTRUCTIONS} | {c.name for c in CONSTRUCTIONS_FR}


@pytest.mark.parametrize(
    "sentence, want",
    [
        ("At least 12,000 people were cut off and 3,000 evacuated.", [(3000, 3000)]),
        ("Some 8,000 residents were trapped and 1,200 were evacuated.", [(1200, 1200)]),
        ("About 2,000 people were injured and 500 displaced by the blast.", [(500, 500)]),
    ],
)
def test_a_coordinated_verb_with_a_count_of_its_own_reads_only_that_count(extract, sentence, want) -> None:
    assert [bounds(f) for f in extract(sentence).figures if f.category in MOVEMENT] == want


def test_the_sentence_matcher_finds_what_spacys_dependency_matcher_finds(nlp) -> None:
    from spacy.matcher import DependencyMatcher

    from ner.figures.matching import SentenceMatcher, patterns_for

    gated = patterns_for(nlp.vocab)
    ours, spacys = SentenceMatcher(nlp.vocab), DependencyMatcher(nlp.vocab)
    for pattern in gated:
        ours.add(pattern.label, [pattern.pattern])
        spacys.add(pattern.label, [pattern.pattern])
    sentences = [s for c in CONSTRUCTIONS for s in c.examples]
    docs = [next(nlp.pipe([s], disable=main_pass_disabled(nlp))) for s in sentences]
    parsed = [p for doc in docs for p in parse_candidates(nlp, [doc], [0])[0].values()]
    assert len(parsed) >= len(sentences) * 0.9
    found = 0
    for doc in parsed:
        mine = sorted((m, tuple(t)) for m, t in ours(doc))
        assert mine == sorted((m, tuple(t)) for m, t in spacys(doc)), doc.text
        found += len(mine)
    assert found >= len(sentences)
